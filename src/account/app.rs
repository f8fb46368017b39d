//! The root of the « Mon compte » bundle: config.json, the académie's look,
//! the language, and the five pages' routes. No JMAP session, no mail store.

use super::{AccountHome, AssistancePage, ChangePasswordPage, FindAccountPage, ResetPasswordPage};
use crate::app::{start_i18n, ConfigGate};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn AccountApp() -> impl IntoView {
    let pending = StoredValue::new(super::session::take_first_login());
    provide_context(super::session::PendingFirstLogin(pending));
    start_i18n();
    view! {
        <ConfigGate ready=|cfg| {
            provide_context(cfg);
            view! { <AccountRoutes /> }.into_any()
        } />
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
