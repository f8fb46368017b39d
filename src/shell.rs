//! The Convergence-style frame around every signed-in page: académie banner,
//! top areas (Courrier, Agenda, Contacts, Options), « Mon compte », the user's
//! address, language and logout.
//!
//! Courrier, Agenda and Contacts are bundles of their own (index.html,
//! agenda.html, contacts.html): each loads only its area's code, so the
//! mailbox's first load does not carry the agenda. The frame is shared; a
//! link to another bundle's area is a full page load (the session is kept
//! for the tab, so it is one JMAP request, not a new login).

use crate::auth::use_auth;
use crate::browser;
use crate::config::{sso_login_redirect, AuthMode, Config};
use crate::i18n::{tr, use_i18n, Lang};
use crate::jmap::auth::Auth;
use crate::jmap::client::Client;
use crate::jmap::Error;
use crate::ui::notices::{use_notices, NoticeArea};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Outlet, Redirect, A};
use leptos_router::hooks::use_location;

/// The top areas; each bundle serves one (Options lives with Courrier).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Area {
    Mail,
    Agenda,
    Contacts,
}

impl Area {
    /// The bundle serving `path`: the web server's routing, written once.
    pub fn of_path(path: &str) -> Area {
        let first = path.trim_start_matches('/').split(['/', '?', '#']).next();
        match first {
            Some("agenda") => Area::Agenda,
            Some("contacts") => Area::Contacts,
            _ => Area::Mail,
        }
    }
}

/// What a bundle adds to the shared frame.
#[derive(Clone, Copy)]
pub struct Bundle {
    pub area: Area,
    /// Shown under the top bar (the mailbox's « Annuler l'envoi » bar).
    pub extras: fn() -> AnyView,
    /// Called while the frame is built; its result runs at logout and clears
    /// the bundle's caches.
    pub logout_cleanup: fn() -> Box<dyn Fn()>,
}

impl Bundle {
    pub fn plain(area: Area) -> Bundle {
        Bundle {
            area,
            extras: || ().into_any(),
            logout_cleanup: || Box::new(|| ()),
        }
    }
}

pub fn provide_bundle(bundle: Bundle) {
    provide_context(bundle);
}

/// A route this bundle does not serve (another area, the login page): a
/// full page load, so the web server hands it to its bundle. Should the
/// server have sent that very page to this bundle (a misrouted path), it
/// says so instead of reloading forever.
#[component]
pub fn Elsewhere() -> impl IntoView {
    let auth = use_auth();
    let href = browser::location_href();
    if browser::loaded_href() == href {
        return view! {
            <main class="boot">
                <p role="alert">{tr("app.not_found")}</p>
                <p>
                    <a href="/courrier" rel="external">{tr("nav.mail")}</a>
                </p>
            </main>
        }
        .into_any();
    }
    crate::auth::pass_login_reason(auth.reason.get_untracked());
    browser::replace_with(&href);
    view! { <p class="boot" role="status">{tr("app.loading")}</p> }.into_any()
}

/// A top area's link: in-app navigation within this bundle, a page load to
/// another's.
#[component]
fn AreaLink(href: &'static str, area: Area, label: &'static str) -> impl IntoView {
    let here = use_context::<Bundle>().map(|b| b.area);
    if here == Some(area) {
        view! { <A href=href>{tr(label)}</A> }.into_any()
    } else {
        view! { <a href=href rel="external">{tr(label)}</a> }.into_any()
    }
}

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
        // untracked: the redirect itself changes the path
        let path = location.pathname.get_untracked();
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
    let bundle = use_context::<Bundle>().unwrap_or(Bundle::plain(Area::Mail));
    let cleanup = (bundle.logout_cleanup)();
    let notices = use_notices();
    let user = move || auth.username();
    let logout_config = config.clone();
    let logout = move |_| {
        cleanup();
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
                <AreaLink href="/courrier" area=Area::Mail label="nav.mail" />
                <AreaLink href="/agenda" area=Area::Agenda label="nav.calendar" />
                <AreaLink href="/contacts" area=Area::Contacts label="nav.contacts" />
                <AreaLink href="/options" area=Area::Mail label="nav.options" />
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
        {(bundle.extras)()}
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

#[cfg(test)]
mod tests {
    use super::Area;

    #[test]
    fn each_path_has_the_bundle_the_web_server_gives_it() {
        for (path, area) in [
            ("/agenda", Area::Agenda),
            ("/agenda?vue=mois&date=2026-12-14", Area::Agenda),
            ("/contacts", Area::Contacts),
            ("/contacts#lettre-B", Area::Contacts),
            ("/courrier/abc", Area::Mail),
            ("/ecrire?to=a%40b.fr", Area::Mail),
            ("/options", Area::Mail),
            ("/connexion?retour=%2Fagenda", Area::Mail),
            ("/agendas", Area::Mail),
            ("/", Area::Mail),
        ] {
            assert_eq!(Area::of_path(path), area, "{path}");
        }
    }
}
