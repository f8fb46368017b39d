//! The root: loads `config.json`, applies the académie's look, provides the
//! shared contexts and routes.

use crate::auth::provide_auth;
use crate::browser;
use crate::config::{AuthMode, Config};
use crate::i18n::{provide_i18n, tr, Lang};
use crate::login::LoginPage;
use crate::mail::outbox::provide_outbox;
use crate::mail::{ComposePage, MailPage};
use crate::shell::{provide_bundle, Area, Bundle, Elsewhere, OptionsPage, Shell};
use crate::store::mail::provide_mail_store;
use crate::store::reader::{provide_reader_store, use_reader_store};
use crate::ui::notices::provide_notices;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;

async fn load_config() -> Result<Config, String> {
    let resp = gloo_net::http::Request::get("/config.json")
        .cache(web_sys::RequestCache::NoCache)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    let body = resp.text().await.map_err(|e| e.to_string())?;
    Config::parse(&body)
}

fn apply_look(config: &Config) {
    let c = &config.academie.colors;
    browser::set_css_vars(&[
        ("--primary", c.primary.as_str()),
        ("--on-primary", c.on_primary.as_str()),
        ("--accent", c.accent.as_str()),
    ]);
    browser::set_title(&format!("Autan — {}", config.academie.name));
}

/// The language the person chose on this device, if any.
pub(crate) fn saved_lang() -> Option<Lang> {
    browser::local_get("autan.lang").and_then(|c| Lang::from_code(&c))
}

/// Provides the language (the person's choice, else French until config.json
/// says otherwise) and keeps `<html lang>` in step.
pub(crate) fn start_i18n() -> crate::i18n::I18n {
    let i18n = provide_i18n(saved_lang().unwrap_or_default());
    Effect::new(move || browser::set_lang(i18n.lang.get().code()));
    i18n
}

/// Loads config.json, then takes its language (unless the person chose one)
/// and the académie's look, and shows `ready`; says so, with « Réessayer »,
/// when it cannot be read. Both bundles (webmail, Mon compte) start here.
#[component]
pub(crate) fn ConfigGate(ready: fn(Config) -> AnyView) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let chosen = saved_lang().is_some();
    let config = LocalResource::new(load_config);
    view! {
        <Transition fallback=move || {
            view! { <p class="boot" role="status">{tr("app.loading")}</p> }
        }>
            {move || {
                config
                    .get()
                    .map(|result| match result {
                        Ok(cfg) => {
                            if !chosen {
                                if let Some(l) = cfg.language.as_deref().and_then(Lang::from_code) {
                                    i18n.lang.set(l);
                                }
                            }
                            apply_look(&cfg);
                            ready(cfg)
                        }
                        Err(_) => {
                            view! {
                                <main class="boot">
                                    <p role="alert">{tr("app.config_error")}</p>
                                    <button type="button" on:click=move |_| config.refetch()>
                                        {tr("app.retry")}
                                    </button>
                                </main>
                            }
                                .into_any()
                        }
                    })
            }}
        </Transition>
    }
}

/// The contexts every signed-in bundle needs: language, notices, session.
pub(crate) fn start_signed_in_bundle(bundle: Bundle) {
    browser::note_loaded_href();
    start_i18n();
    provide_notices();
    provide_auth();
    provide_bundle(bundle);
}

/// Takes config.json; the SSO needs cookies, which is said plainly.
pub(crate) fn configured(config: Config, routes: fn() -> AnyView) -> AnyView {
    let sso = config.auth.mode == AuthMode::Sso;
    provide_context(config);
    if sso && !browser::cookies_enabled() {
        return view! {
            <main class="boot">
                <p role="alert">{tr("app.cookies_disabled")}</p>
            </main>
        }
        .into_any();
    }
    routes()
}

/// The mailbox's bundle (index.html): Courrier, Écrire, Options and the
/// login page.
#[component]
pub fn App() -> impl IntoView {
    start_signed_in_bundle(Bundle {
        area: Area::Mail,
        extras: || view! { <crate::mail::outbox::SendBar /> }.into_any(),
        logout_cleanup: || {
            let (mail, reader) = (crate::store::mail::use_mail_store(), use_reader_store());
            let contacts = crate::store::contacts::use_contacts_store();
            Box::new(move || {
                mail.clear();
                contacts.clear();
                reader.close();
            })
        },
    });
    provide_mail_store();
    crate::store::contacts::provide_contacts_store();
    provide_reader_store();
    provide_outbox();
    view! { <ConfigGate ready=|cfg| configured(cfg, || view! { <MailRoutes /> }.into_any()) /> }
}

#[component]
fn MailRoutes() -> impl IntoView {
    view! {
        <Router>
            <Routes fallback=|| view! { <Redirect path="/courrier" /> }>
                <Route path=path!("/connexion") view=LoginPage />
                <Route path=path!("/lien") view=crate::mail::link_warning::LinkWarningPage />
                <Route path=path!("/agenda") view=Elsewhere />
                <Route path=path!("/contacts") view=Elsewhere />
                <ParentRoute path=path!("") view=Shell>
                    <Route path=path!("") view=|| view! { <Redirect path="/courrier" /> } />
                    <Route path=path!("courrier/:folder?") view=MailPage />
                    <Route path=path!("ecrire") view=ComposePage />
                    <Route path=path!("options") view=OptionsPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
