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

/// sessionStorage keys of the signed-in session (this tab only).
const SESSION_KEYS: [&str; 3] = [
    "autan.session.body",
    "autan.session.from",
    "autan.session.auth",
];

/// Keeps the session for this tab, so that a reload (even with the server
/// unreachable) comes back to the same page with the work in progress. In
/// the basic mode this includes the Authorization header: tab-scoped, wiped
/// at logout and expiry; SSO deployments keep only the cookie marker.
pub fn remember(client: &Client) {
    let s = client.session();
    let auth = client.auth().header().unwrap_or("cookies");
    for (k, v) in SESSION_KEYS
        .iter()
        .zip([&s.raw, &s.fetched_from, &auth.to_string()])
    {
        browser::session_set(k, v);
    }
}

fn forget() {
    for k in SESSION_KEYS {
        browser::session_remove(k);
    }
    // a first login's password, should the account pages never have taken it
    browser::session_remove(crate::account::session::FIRST_LOGIN_KEY);
}

/// The tab's session, as `remember` kept it.
pub fn restored() -> Option<Client> {
    let [body, from, auth] = SESSION_KEYS.map(browser::session_get);
    let session = crate::jmap::session::Session::parse(&body?, &from?).ok()?;
    let auth = match auth? {
        a if a == "cookies" => crate::jmap::auth::Auth::Cookies,
        a if a.starts_with("Basic ") => crate::jmap::auth::Auth::Basic(a),
        _ => return None,
    };
    Some(Client::restore(session, auth))
}

/// sessionStorage key carrying the login page's reason (« Vous êtes
/// déconnecté ») across the page load from another bundle to the mailbox's.
const REASON_KEY: &str = "autan.login.reason";

/// Reasons the login page may show after a page load (catalogue keys).
const REASONS: [&str; 2] = ["login.logged_out", "login.session_expired"];

/// Leaves `reason` for the next page of this tab (see `REASON_KEY`).
pub fn pass_login_reason(reason: Option<&'static str>) {
    if let Some(r) = reason {
        browser::session_set(REASON_KEY, r);
    }
}

/// The reason a previous page left, taken once.
fn take_login_reason() -> Option<&'static str> {
    let key = browser::session_get(REASON_KEY)?;
    browser::session_remove(REASON_KEY);
    REASONS.into_iter().find(|r| *r == key)
}

pub fn provide_auth() -> AuthState {
    let state = AuthState {
        client: RwSignal::new_local(restored()),
        reason: RwSignal::new(take_login_reason()),
    };
    provide_context(state);
    state
}

pub fn use_auth() -> AuthState {
    expect_context::<AuthState>()
}

/// Key prefixes that survive logout (the language, the inbox's opaque id per
/// account, which makes the first screen one request, and the account's
/// preferences); everything else of ours, drafts kept here included, is wiped.
pub const KEPT_KEYS: &[&str] = &[
    "autan.lang",
    "autan.inbox_hint.",
    crate::settings::SIGNATURE_PREFIX,
    crate::mail::remote_content::PREFIX,
    crate::settings::NOTIFY_PREFIX,
    crate::calendar::shown::HIDDEN_PREFIX,
];

impl AuthState {
    /// The signed-in user name (empty when nobody is signed in). Untracked:
    /// the pages that show it live only while that session does.
    pub fn username(&self) -> String {
        self.client.with_untracked(|c| {
            c.as_ref()
                .map(|c| c.session().username.clone())
                .unwrap_or_default()
        })
    }

    /// The session is gone (401): back to the login form or the SSO.
    pub fn expire(&self, config: &Config) {
        forget();
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
        forget();
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
