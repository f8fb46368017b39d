//! « Modifier mon mot de passe »: the public page, the same form inside the
//! webmail (Options › Modifier le mot de passe), and the first login of an
//! account still on its NUMEN, which comes here before the mailbox.

use super::api::{self, ChangeRequest};
use super::captcha::{CaptchaField, CaptchaState};
use super::layout::{AccountLayout, Section};
use super::meter::PasswordField;
use super::new_password::{NewPassword, NewPasswordFields};
use super::{api_base, error_text, focus_later};
use crate::auth::use_auth;
use crate::config::{AuthMode, Config};
use crate::i18n::{tr, use_i18n};
use crate::jmap::auth::Auth;
use crate::jmap::client::Client;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

/// The change form. `fixed_login`: the identifiant is known (signed in, or
/// first login) and shown read-only. `on_done` gets (identifiant, new
/// password) once the service has changed it.
#[component]
pub fn ChangePasswordForm(
    fixed_login: Option<String>,
    current: Option<String>,
    #[prop(into)] on_done: Callback<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let base = StoredValue::new(api_base());
    let fixed = fixed_login.is_some();
    let login = RwSignal::new(fixed_login.unwrap_or_default());
    let current = RwSignal::new(current.unwrap_or_default());
    let password = NewPassword::new();
    let captcha = CaptchaState::new();
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let wrong_current = RwSignal::new(false);
    let done = RwSignal::new(false);
    let heading = NodeRef::<leptos::html::H2>::new();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (l, c) = (login.get_untracked(), current.get_untracked());
        if l.trim().is_empty() || c.is_empty() {
            problem.set(Some(i18n.t("account.error.required").to_string()));
            return;
        }
        let new = match password.check() {
            Ok(p) => p,
            Err(key) => {
                problem.set(Some(i18n.t(key).to_string()));
                return;
            }
        };
        let Some((captcha_id, answer)) = captcha.solution() else {
            problem.set(Some(i18n.t("captcha.missing").to_string()));
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        wrong_current.set(false);
        spawn_local(async move {
            let body = ChangeRequest {
                login: l.trim(),
                current_password: &c,
                new_password: &new,
                captcha_id: &captcha_id,
                captcha_answer: &answer,
            };
            let answer = api::post_no_content(&base.get_value(), "/password/change", &body).await;
            busy.try_set(false);
            match answer {
                Ok(_) => {
                    current.try_set(String::new());
                    password.clear();
                    done.try_set(true);
                    focus_later(heading);
                    on_done.run((l.trim().to_string(), new));
                }
                Err(e) => {
                    if e.code() == "invalid_credentials" {
                        wrong_current.try_set(true);
                        current.try_set(String::new());
                    }
                    problem.try_set(Some(error_text(i18n, &e)));
                    captcha.renew();
                }
            }
        });
    };
    let inputs = Signal::derive(move || vec![login.get(), current.get()]);
    let wrong = Signal::derive(move || wrong_current.get());

    view! {
        <Show
            when=move || !done.get()
            fallback=move || {
                view! {
                    <h2 node_ref=heading tabindex="-1">{tr("account.change.done_title")}</h2>
                    <p role="status" class="account-done">{tr("account.change.done")}</p>
                }
            }
        >
            <form class="account-form" on:submit=submit novalidate>
                <p class="field">
                    <label for="change-login">{tr("account.field.login")}</label>
                    <input
                        id="change-login"
                        type="text"
                        autocomplete="username"
                        autocapitalize="none"
                        spellcheck="false"
                        readonly=fixed
                        prop:value=move || login.get()
                        on:input=move |ev| login.set(event_target_value(&ev))
                    />
                </p>
                <PasswordField
                    id="change-current"
                    label="account.field.current_password"
                    value=current
                    autocomplete="current-password"
                    invalid=wrong
                />
                <NewPasswordFields
                    state=password
                    ids=("change-new", "change-confirm", "change-rules")
                    inputs=inputs
                />
                <CaptchaField state=captcha id="change-captcha" />
                <p class="form-error" role="alert">{move || problem.get()}</p>
                <button type="submit" class="primary" aria-disabled=move || busy.get().then_some("true")>
                    {move || if busy.get() { i18n.t("account.busy") } else { i18n.t("account.change.submit") }}
                </button>
            </form>
        </Show>
    }
}

/// The public page; also where a first login lands.
#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let auth = use_auth();
    let navigate = use_navigate();
    let config = use_context::<Config>();
    let session_url = config.map(|c| c.jmap.session_url).unwrap_or_default();
    let first = auth.first_login.get_untracked();
    let is_first = first.is_some();
    let (login, current) = first
        .as_ref()
        .map(|f| (Some(f.login.clone()), Some(f.password.clone())))
        .unwrap_or_default();
    let target = first
        .map(|f| f.target)
        .unwrap_or_else(|| "/courrier".into());
    let on_done = move |(login, new): (String, String)| {
        if !is_first {
            return;
        }
        // First login: sign in with the new password and go on to the mail.
        auth.first_login.set(None);
        let (url, target, navigate) = (session_url.clone(), target.clone(), navigate.clone());
        spawn_local(async move {
            if let Ok(client) = Client::connect(&url, Auth::basic(&login, &new)).await {
                crate::auth::remember(&client);
                auth.client.set(Some(client));
                navigate(&target, Default::default());
            }
        });
    };
    view! {
        <AccountLayout section=Section::Change>
            <Show when=move || is_first>
                <p class="first-login" role="status">{tr("account.change.first_login")}</p>
            </Show>
            <p>{tr("account.change.intro")}</p>
            <ChangePasswordForm fixed_login=login current=current on_done=on_done />
        </AccountLayout>
    }
}

/// Options › Modifier le mot de passe, inside the webmail.
#[component]
pub fn OptionsPasswordPage() -> impl IntoView {
    let auth = use_auth();
    let config = use_context::<Config>();
    let basic = config
        .as_ref()
        .is_some_and(|c| c.auth.mode == AuthMode::Basic);
    let session_url = config.map(|c| c.jmap.session_url).unwrap_or_default();
    let on_done = move |(login, new): (String, String)| {
        // The tab's session carries the old password: take the new one.
        if !basic {
            return;
        }
        let url = session_url.clone();
        spawn_local(async move {
            if let Ok(client) = Client::connect(&url, Auth::basic(&login, &new)).await {
                crate::auth::remember(&client);
                auth.client.try_set(Some(client));
            }
        });
    };
    view! {
        <main id="contenu" class="options account-in-mail" tabindex="-1">
            <h1>{tr("account.change.title")}</h1>
            <p>{tr("account.change.intro_signed_in")}</p>
            <ChangePasswordForm fixed_login=Some(auth.username()) current=None on_done=on_done />
        </main>
    }
}
