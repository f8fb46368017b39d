//! What the account pages (their own bundle, `compte.html`) and the webmail
//! (`index.html`) hand each other across a page load, in this tab only
//! (sessionStorage, like the webmail's own session).

use crate::browser;
use serde::{Deserialize, Serialize};

pub const FIRST_LOGIN_KEY: &str = "autan.first_login";

/// An account still on its initial password, between the login form and
/// « Modifier mon mot de passe ».
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstLogin {
    pub login: String,
    pub password: String,
    /// Where the login form was going.
    pub target: String,
}

/// The login form keeps it for the change page, which takes it at once.
pub fn stash_first_login(first: &FirstLogin) {
    if let Ok(json) = serde_json::to_string(first) {
        browser::session_set(FIRST_LOGIN_KEY, &json);
    }
}

/// Read once, when the account pages start (before config.json, so that no
/// failure leaves the password behind): it leaves the tab's storage at once
/// and lives in memory, in a context, until the change page uses it.
pub fn take_first_login() -> Option<FirstLogin> {
    let json = browser::session_get(FIRST_LOGIN_KEY)?;
    browser::session_remove(FIRST_LOGIN_KEY);
    serde_json::from_str(&json).ok()
}

/// The first login taken at start, for the change page.
#[derive(Clone)]
pub struct PendingFirstLogin(pub leptos::prelude::StoredValue<Option<FirstLogin>>);

/// The login of the webmail session open in this tab, if any (Options ›
/// Modifier le mot de passe comes here signed in).
pub fn signed_in_login() -> Option<String> {
    crate::auth::restored()
        .filter(|c| c.auth().header().is_some())
        .map(|c| c.session().username.clone())
}
