//! « Modifier mon mot de passe »: the public page, also reached signed in from
//! the webmail (Options › Modifier le mot de passe), and by the first login of
//! an account still on its NUMEN, which comes here before the mailbox.

use super::api::{self, ChangeRequest};
use super::captcha::{CaptchaField, CaptchaState};
use super::field::busy_label;
use super::layout::{AccountLayout, Section};
use super::meter::PasswordField;
use super::new_password::{NewPassword, NewPasswordFields};
use super::session::{signed_in_login, PendingFirstLogin};
use super::{api_base, error_text, focus_later};
use crate::config::{AuthMode, Config};
use crate::i18n::{tr, use_i18n};
use crate::jmap::auth::Auth;
use crate::jmap::client::Client;
use leptos::prelude::*;
use leptos::task::spawn_local;

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
    let tried = RwSignal::new(false);
    let done = RwSignal::new(false);
    let heading = NodeRef::<leptos::html::H2>::new();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
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
    let wrong = Signal::derive(move || {
        wrong_current.get() || (tried.get() && current.with(String::is_empty))
    });

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
                        aria-invalid=move || (tried.get() && login.with(|l| l.trim().is_empty())).then_some("true")
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
                    ids=("change-new", "change-confirm", "change-rules", "change-error")
                    inputs=inputs
                />
                <CaptchaField state=captcha id="change-captcha" />
                <p class="form-error" id="change-error" role="alert">{move || problem.get()}</p>
                <button type="submit" class="primary" aria-disabled=move || busy.get().then_some("true")>
                    {busy_label(i18n, busy, "account.change.submit")}
                </button>
            </form>
        </Show>
    }
}

/// The public page; also where a first login lands, and where Options ›
/// « Modifier le mot de passe » leads from the webmail.
#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let config = use_context::<Config>();
    let basic = config
        .as_ref()
        .is_some_and(|c| c.auth.mode == AuthMode::Basic);
    let session_url = config.map(|c| c.jmap.session_url).unwrap_or_default();
    let first = use_context::<PendingFirstLogin>()
        .and_then(|p| p.0.try_update_value(Option::take).flatten());
    let signed_in = if first.is_none() {
        signed_in_login()
    } else {
        None
    };
    let is_first = first.is_some();
    let from_mail = signed_in.is_some();
    let (login, current) = match &first {
        Some(f) => (Some(f.login.clone()), Some(f.password.clone())),
        None => (signed_in, None),
    };
    let target = first
        .map(|f| f.target)
        .unwrap_or_else(|| "/courrier".into());
    let on_done = move |(login, new): (String, String)| {
        if !(is_first || (from_mail && basic)) {
            return;
        }
        // The webmail's session in this tab carries the old password: sign
        // in again with the new one (first login: then on to the mail).
        let (url, target) = (session_url.clone(), target.clone());
        spawn_local(async move {
            match Client::connect(&url, Auth::basic(&login, &new)).await {
                Ok(client) => {
                    crate::auth::remember(&client);
                    if is_first {
                        crate::browser::go_to(&target);
                    }
                }
                // the password is changed; only the sign-in failed: the
                // login form says why and takes the new password
                Err(_) if is_first => crate::browser::go_to("/connexion"),
                Err(_) => {}
            }
        });
    };
    view! {
        <AccountLayout section=Section::Change>
            <Show when=move || is_first>
                <p class="first-login" role="status">{tr("account.change.first_login")}</p>
            </Show>
            <p>
                {if from_mail { tr("account.change.intro_signed_in") } else { tr("account.change.intro") }}
            </p>
            <ChangePasswordForm fixed_login=login current=current on_done=on_done />
            <Show when=move || from_mail>
                <p>
                    <a href="/courrier" rel="external">{tr("account.back_to_mail")}</a>
                </p>
            </Show>
        </AccountLayout>
    }
}
