//! The root of the Agenda's own bundle (agenda.html): the shared frame and
//! the agenda page; any other path is a page load to its bundle.

use crate::app::{configured, start_signed_in_bundle, ConfigGate};
use crate::shell::{Area, Bundle, Elsewhere, Shell};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn AgendaApp() -> impl IntoView {
    start_signed_in_bundle(Bundle::plain(Area::Agenda));
    view! { <ConfigGate ready=|cfg| configured(cfg, || view! { <AgendaRoutes /> }.into_any()) /> }
}

#[component]
fn AgendaRoutes() -> impl IntoView {
    view! {
        <Router>
            <Routes fallback=Elsewhere>
                <ParentRoute path=path!("") view=Shell>
                    <Route path=path!("agenda") view=super::AgendaPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
