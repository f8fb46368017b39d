//! The root of the « Mon compte » bundle: config.json, the académie's look,
//! the language, and the five pages' routes. No JMAP session, no mail store.

use super::{AccountHome, AssistancePage, ChangePasswordPage, FindAccountPage, ResetPasswordPage};
use crate::app::{apply_look, load_config};
use crate::browser;
use crate::i18n::{provide_i18n, tr, Lang};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn AccountApp() -> impl IntoView {
    let pending = StoredValue::new(super::session::take_first_login());
    provide_context(super::session::PendingFirstLogin(pending));
    let saved = browser::local_get("autan.lang").and_then(|c| Lang::from_code(&c));
    let i18n = provide_i18n(saved.unwrap_or_default());
    Effect::new(move || browser::set_lang(i18n.lang.get().code()));
    let config = LocalResource::new(load_config);
    view! {
        <Transition fallback=move || view! { <p class="boot" role="status">{tr("app.loading")}</p> }>
            {move || {
                config
                    .get()
                    .map(|result| match result {
                        Ok(cfg) => {
                            if saved.is_none() {
                                if let Some(l) = cfg.language.as_deref().and_then(Lang::from_code) {
                                    i18n.lang.set(l);
                                }
                            }
                            apply_look(&cfg);
                            provide_context(cfg);
                            view! { <AccountRoutes /> }.into_any()
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

#[component]
fn AccountRoutes() -> impl IntoView {
    view! {
        <Router>
            <Routes fallback=|| view! { <AccountHome /> }>
                <Route path=path!("/compte") view=AccountHome />
                <Route path=path!("/compte/retrouver") view=FindAccountPage />
                <Route path=path!("/compte/reinitialiser") view=ResetPasswordPage />
                <Route path=path!("/compte/modifier") view=ChangePasswordPage />
                <Route path=path!("/compte/assistance") view=AssistancePage />
            </Routes>
        </Router>
    }
}
