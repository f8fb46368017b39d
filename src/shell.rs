//! The Convergence-style frame around every signed-in page: académie banner,
//! top areas (Courrier, Agenda, Contacts, Options), « Mon compte », the user's
//! address, language and logout.

use crate::auth::use_auth;
use crate::browser;
use crate::config::{sso_login_redirect, AuthMode, Config};
use crate::i18n::{tr, use_i18n, Lang};
use crate::jmap::auth::Auth;
use crate::jmap::client::Client;
use crate::jmap::Error;
use crate::mail::outbox::SendBar;
use crate::store::mail::use_mail_store;
use crate::store::reader::use_reader_store;
use crate::ui::notices::{use_notices, NoticeArea};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Outlet, Redirect, A};
use leptos_router::hooks::use_location;

/// Switches between French and English and remembers the choice.
pub fn toggle_language(i18n: crate::i18n::I18n) {
    let next = match i18n.lang.get_untracked() {
        Lang::Fr => Lang::En,
        Lang::En => Lang::Fr,
    };
    i18n.lang.set(next);
    browser::local_set("autan.lang", next.code());
}

#[component]
pub fn Shell() -> impl IntoView {
    let auth = use_auth();
    let config = expect_context::<Config>();
    let location = use_location();
    let notices = use_notices();

    // SSO: the cookies may already carry a session; try once, else go to the SSO.
    if config.auth.mode == AuthMode::Sso && auth.client.with_untracked(Option::is_none) {
        let cfg = config.clone();
        spawn_local(async move {
            match Client::connect(&cfg.jmap.session_url, Auth::Cookies).await {
                Ok(c) => {
                    crate::auth::remember(&c);
                    auth.client.set(Some(c));
                }
                Err(Error::Unauthorized) => {
                    browser::go_to(&sso_login_redirect(&cfg.auth, &browser::location_href()))
                }
                Err(e) => notices.report(&e),
            }
        });
    }
    let basic = config.auth.mode == AuthMode::Basic;
    let login_target = move || {
        let path = location.pathname.get();
        format!(
            "/connexion?retour={}",
            crate::jmap::url::encode_component(&path)
        )
    };
    view! {
        <Show
            when=move || auth.client.with(Option::is_some)
            fallback=move || {
                if basic {
                    view! { <Redirect path=login_target() /> }.into_any()
                } else {
                    view! {
                        <p class="boot" role="status">{tr("app.loading")}</p>
                        <NoticeArea />
                    }
                        .into_any()
                }
            }
        >
            <Frame />
        </Show>
    }
}

#[component]
fn Frame() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let config = expect_context::<Config>();
    let store = use_mail_store();
    let reader = use_reader_store();
    let notices = use_notices();
    let user = move || auth.username();
    let logout_config = config.clone();
    let logout = move |_| {
        store.clear();
        crate::store::contacts::use_contacts_store().clear();
        reader.close();
        notices.clear();
        auth.logout(&logout_config);
    };
    let portals = config.portals.clone();
    let logo = config.academie.logo.clone();
    let academie = config.academie.name.clone();
    view! {
        <a class="skip-link" href="#contenu">{tr("app.skip_to_content")}</a>
        <header class="topbar">
            <div class="brand">
                {logo.map(|src| view! { <img src=src alt="" width="32" height="32" /> })}
                <span class="brand-name">{academie}</span>
                <span class="brand-app">{tr("app.name")}</span>
            </div>
            <nav class="areas" aria-label=tr("nav.main")>
                <A href="/courrier">{tr("nav.mail")}</A>
                <A href="/agenda">{tr("nav.calendar")}</A>
                <A href="/contacts">{tr("nav.contacts")}</A>
                <A href="/options">{tr("nav.options")}</A>
            </nav>
            <div class="user-menu">
                <span class="user-address" title=move || i18n.tf("shell.signed_in_as", &[("user", &user())])>
                    {user}
                </span>
                <a href="/compte" rel="external">{tr("nav.account")}</a>
                <button
                    type="button"
                    class="link-button"
                    lang=move || if i18n.lang.get() == Lang::Fr { "en" } else { "fr" }
                    aria-label=tr("shell.switch_language_label")
                    on:click=move |_| toggle_language(i18n)
                >
                    {tr("shell.switch_language")}
                </button>
                <button type="button" class="logout" on:click=logout>
                    {tr("shell.logout")}
                </button>
            </div>
        </header>
        <NoticeArea />
        <SendBar />
        <div class="workspace">
            <Outlet />
        </div>
        <footer class="portals">
            <nav aria-label=tr("nav.portals")>
                <ul>
                    {portals
                        .into_iter()
                        .map(|p| {
                            view! {
                                <li>
                                    <a href=p.url rel="noopener noreferrer" target="_blank">{p.label}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        </footer>
    }
}

#[component]
pub fn OptionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let choose = move |lang: Lang| {
        i18n.lang.set(lang);
        browser::local_set("autan.lang", lang.code());
    };
    view! {
        <main id="contenu" class="options" tabindex="-1">
            <h1>{tr("options.title")}</h1>
            <fieldset>
                <legend>{tr("options.language")}</legend>
                <label>
                    <input
                        type="radio"
                        name="lang"
                        prop:checked=move || i18n.lang.get() == Lang::Fr
                        on:change=move |_| choose(Lang::Fr)
                    />
                    <span lang="fr">{tr("options.language.fr")}</span>
                </label>
                <label>
                    <input
                        type="radio"
                        name="lang"
                        prop:checked=move || i18n.lang.get() == Lang::En
                        on:change=move |_| choose(Lang::En)
                    />
                    <span lang="en">{tr("options.language.en")}</span>
                </label>
            </fieldset>
            <crate::settings::signature::SignatureField />
            <crate::settings::notify::NotifyField />
            <section class="options-password" aria-labelledby="options-password-title">
                <h2 id="options-password-title">{tr("options.security")}</h2>
                <p>
                    <a href="/compte/modifier" rel="external">{tr("account.change.title")}</a>
                </p>
            </section>
        </main>
    }
}
