//! The root of the Contacts' own bundle (contacts.html): the shared frame
//! and the address book; any other path is a page load to its bundle.

use crate::app::{configured, start_signed_in_bundle, ConfigGate};
use crate::shell::{Area, Bundle, Elsewhere, Shell};
use crate::store::contacts::{provide_contacts_store, use_contacts_store};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn ContactsApp() -> impl IntoView {
    start_signed_in_bundle(Bundle {
        area: Area::Contacts,
        extras: || ().into_any(),
        logout_cleanup: || {
            let contacts = use_contacts_store();
            Box::new(move || contacts.clear())
        },
    });
    provide_contacts_store();
    view! { <ConfigGate ready=|cfg| configured(cfg, || view! { <ContactsRoutes /> }.into_any()) /> }
}

#[component]
fn ContactsRoutes() -> impl IntoView {
    view! {
        <Router>
            <Routes fallback=Elsewhere>
                <ParentRoute path=path!("") view=Shell>
                    <Route path=path!("contacts") view=super::ContactsPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
