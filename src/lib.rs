//! Autan, the webmail of the French académies: a Leptos CSR app over JMAP.
//!
//! Data flows one way: `config.json` → `auth` (session) → `jmap` client →
//! `store` → feature pages (`mail`, ...) → user intents → `jmap` client.

// A panic kills the whole app (or worker, or request): outside tests, data
// from the network or the user is never unwrapped (clippy enforces it).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod account;
pub mod app;
pub mod auth;
pub mod browser;
pub mod calendar;
pub mod config;
pub mod contacts;
pub mod i18n;
pub mod jmap;
pub mod login;
pub mod mail;
pub mod safety;
pub mod settings;
pub mod shell;
pub mod store;
pub mod text_value;
pub mod ui;

/// Entry point called by `main` in the browser.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}

/// Entry point of the Agenda's own bundle (`src/bin/agenda.rs`).
pub fn start_agenda() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(calendar::app::AgendaApp);
}

/// Entry point of the Contacts' own bundle (`src/bin/contacts.rs`).
pub fn start_contacts() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(contacts::app::ContactsApp);
}

/// Entry point of the « Mon compte » pages' own bundle (`src/bin/compte.rs`).
pub fn start_account() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(account::AccountApp);
}
