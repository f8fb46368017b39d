//! The login form of the `basic` auth mode (development and standalone use).
//! Credentials go into the JMAP client and, for this tab only, sessionStorage
//! (see `auth::remember`).

use crate::auth::use_auth;
use crate::config::Config;
use crate::i18n::{tr, use_i18n};
use crate::jmap::auth::Auth;
use crate::jmap::client::Client;
use crate::jmap::Error;
use crate::ui::notices::use_notices;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_navigate, use_query_map};

/// Only local paths are accepted as a return target.
pub fn safe_return(target: Option<String>) -> String {
    match target {
        Some(t) if t.starts_with('/') && !t.starts_with("//") && !t.starts_with("/connexion") => t,
        _ => "/courrier".into(),
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let notices = use_notices();
    let config = expect_context::<Config>();
    let query = use_query_map();
    let navigate = use_navigate();

    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);

    let session_url = config.jmap.session_url.clone();
    let account_api = config.account_api_base.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (user, pass) = (login.get_untracked(), password.get_untracked());
        if user.trim().is_empty() || pass.is_empty() {
            error.set(Some(i18n.t("login.error.missing").to_string()));
            return;
        }
        busy.set(true);
        error.set(None);
        let (url, api) = (session_url.clone(), account_api.clone());
        let navigate = navigate.clone();
        let target = safe_return(query.get_untracked().get("retour"));
        spawn_local(async move {
            let user = user.trim().to_string();
            // Side by side, so the usual login waits for nothing more.
            let (result, must_change) = futures::future::join(
                Client::connect(&url, Auth::basic(&user, &pass)),
                crate::account::must_change_password(&api, &user, &pass),
            )
            .await;
            busy.set(false);
            match result {
                Ok(_) if must_change => {
                    // Still on the initial password (the NUMEN): change it
                    // first, then the mailbox.
                    password.set(String::new());
                    notices.clear();
                    crate::account::session::stash_first_login(
                        &crate::account::session::FirstLogin {
                            login: user,
                            password: pass,
                            target,
                        },
                    );
                    // the account pages are a bundle of their own
                    crate::browser::go_to("/compte/modifier");
                }
                Ok(client) => {
                    password.set(String::new());
                    notices.clear();
                    auth.reason.set(None);
                    crate::auth::remember(&client);
                    auth.client.set(Some(client));
                    if crate::shell::Area::of_path(&target) == crate::shell::Area::Mail {
                        navigate(&target, Default::default());
                    } else {
                        // the Agenda and the Contacts are bundles of their own
                        crate::browser::replace_with(&target);
                    }
                }
                Err(e) => {
                    password.set(String::new());
                    let msg = match &e {
                        Error::Unauthorized => i18n.t("login.error.credentials").to_string(),
                        e if e.is_unreachable() => i18n.t("login.error.unreachable").to_string(),
                        e => i18n.tf("login.error.other", &[("detail", &e.to_string())]),
                    };
                    error.set(Some(msg));
                }
            }
        });
    };

    let logo = config.academie.logo.clone();
    let academie = config.academie.name.clone();
    view! {
        <Show when=move || auth.client.with(Option::is_some)>
            <Redirect path="/courrier" />
        </Show>
        <main class="login-page" id="contenu">
            <div class="login-card">
                <header class="login-brand">
                    {logo.map(|src| view! { <img src=src alt="" width="48" height="48" /> })}
                    <div>
                        <p class="login-academie">{academie}</p>
                        <p class="login-app">
                            {tr("app.name")} " — " {tr("app.tagline")}
                        </p>
                    </div>
                </header>
                <h1>{tr("login.title")}</h1>
                <p>{tr("login.intro")}</p>
                {move || {
                    auth.reason
                        .get()
                        .map(|k| view! { <p class="login-reason" role="status">{i18n.t(k)}</p> })
                }}
                <form on:submit=submit novalidate>
                    <div class="field">
                        <label for="login-user">{tr("login.user")}</label>
                        <input
                            id="login-user"
                            name="username"
                            type="text"
                            autocomplete="username"
                            autocapitalize="none"
                            spellcheck="false"
                            required
                            aria-invalid=move || error.with(Option::is_some).then_some("true")
                            aria-describedby=move || error.with(Option::is_some).then_some("login-error")
                            prop:value=move || login.get()
                            on:input=move |ev| login.set(event_target_value(&ev))
                        />
                    </div>
                    <div class="field">
                        <label for="login-password">{tr("login.password")}</label>
                        <input
                            id="login-password"
                            name="password"
                            type="password"
                            autocomplete="current-password"
                            required
                            aria-invalid=move || error.with(Option::is_some).then_some("true")
                            aria-describedby=move || error.with(Option::is_some).then_some("login-error")
                            prop:value=move || password.get()
                            on:input=move |ev| password.set(event_target_value(&ev))
                        />
                    </div>
                    <div id="login-error" class="form-error" role="alert">
                        {move || error.get()}
                    </div>
                    <button type="submit" class="primary" aria-disabled=move || busy.get().then_some("true")>
                        {move || if busy.get() { i18n.t("login.busy") } else { i18n.t("login.submit") }}
                    </button>
                </form>
                <p class="login-help">
                    <a href="/compte" rel="external">{tr("login.forgot")}</a>
                </p>
            </div>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::safe_return;

    #[test]
    fn return_targets_stay_on_site() {
        assert_eq!(safe_return(Some("/courrier/abc".into())), "/courrier/abc");
        assert_eq!(safe_return(Some("//evil.example/".into())), "/courrier");
        assert_eq!(
            safe_return(Some("https://evil.example/".into())),
            "/courrier"
        );
        assert_eq!(safe_return(Some("/connexion".into())), "/courrier");
        assert_eq!(safe_return(None), "/courrier");
    }
}
