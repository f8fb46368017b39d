//! Who is signed in: the JMAP client with its session, or nobody.

use crate::browser;
use crate::config::{sso_login_redirect, AuthMode, Config};
use crate::jmap::client::Client;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct AuthState {
    pub client: RwSignal<Option<Client>, LocalStorage>,
    /// Why the login page is shown (catalogue key), e.g. session expired.
    pub reason: RwSignal<Option<&'static str>>,
}

pub fn provide_auth() -> AuthState {
    let state = AuthState {
        client: RwSignal::new_local(None),
        reason: RwSignal::new(None),
    };
    provide_context(state);
    state
}

pub fn use_auth() -> AuthState {
    expect_context::<AuthState>()
}

/// Key prefixes that survive logout (the language, and the inbox's opaque id
/// per account, which makes the first screen one request); everything else
/// of ours is wiped.
pub const KEPT_KEYS: &[&str] = &["autan.lang", "autan.inbox_hint."];

impl AuthState {
    /// The session is gone (401): back to the login form or the SSO.
    pub fn expire(&self, config: &Config) {
        self.client.set(None);
        match config.auth.mode {
            AuthMode::Basic => self.reason.set(Some("login.session_expired")),
            AuthMode::Sso => {
                browser::go_to(&sso_login_redirect(&config.auth, &browser::location_href()))
            }
        }
    }

    /// Forgets the credentials and every cache.
    pub fn logout(&self, config: &Config) {
        self.client.set(None);
        browser::local_clear_except(KEPT_KEYS);
        match config.auth.mode {
            AuthMode::Basic => self.reason.set(Some("login.logged_out")),
            AuthMode::Sso if !config.auth.sso_logout_url.is_empty() => {
                browser::go_to(&config.auth.sso_logout_url)
            }
            AuthMode::Sso => self.reason.set(Some("login.logged_out")),
        }
    }
}
