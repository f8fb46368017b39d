//! « Mon compte » (MaMamia): find my account, reset or change my password,
//! assistance. Public pages (no session), over the account service's REST
//! contract (`account-service/openapi.yaml`), built as a bundle of their own
//! (`compte.html`, `src/bin/compte.rs`) so they weigh nothing on the
//! mailbox; the strength meter runs in its own worker, loaded only here.

pub mod api;
mod app;
mod assistance;
pub mod birth_date;
mod captcha;
mod change;
mod field;
mod find;
mod home;
mod layout;
mod meter;
mod new_password;
pub mod policy;
mod reset;
pub mod session;
pub mod strength;

pub use app::AccountApp;
pub use assistance::AssistancePage;
pub use change::{ChangePasswordForm, ChangePasswordPage};
pub use find::FindAccountPage;
pub use home::AccountHome;
pub use reset::ResetPasswordPage;

use crate::config::Config;
use crate::i18n::I18n;
use api::AccountError;
use leptos::prelude::*;

/// The service's base URL from config.json (`accountApiBase`).
fn api_base() -> String {
    use_context::<Config>()
        .map(|c| c.account_api_base)
        .unwrap_or_default()
}

/// The message for a failed call, in the user's language.
fn error_text(i18n: I18n, e: &AccountError) -> String {
    let mut text = match e.retry_minutes() {
        Some(m) if e.message_key() == "account.error.locked" => {
            i18n.tf("account.error.locked_for", &[("minutes", &m.to_string())])
        }
        _ => i18n.t(e.message_key()).to_string(),
    };
    if let AccountError::Refused { unmet, .. } = e {
        let rules: Vec<&str> = unmet
            .iter()
            .filter_map(|c| policy::unmet_key(c))
            .map(|k| i18n.t(k))
            .collect();
        if !rules.is_empty() {
            text.push_str(" (");
            text.push_str(&rules.join(" ; "));
            text.push(')');
        }
    }
    text
}

/// Whether an account still on its initial password must change it before
/// reaching the mailbox. Any failure of the service says no: it must never
/// keep anyone from their mail.
pub async fn must_change_password(base: &str, login: &str, password: &str) -> bool {
    if base.is_empty() {
        return false;
    }
    let answer: Result<api::StatusResponse, _> = api::post(
        base,
        "/account/status",
        &api::StatusRequest { login, password },
    )
    .await;
    answer.is_ok_and(|s| s.must_change_password)
}

/// Runs `f` on the element after it is rendered: moves focus to a step's
/// heading so keyboard and screen-reader users follow the form.
fn focus_later(node: NodeRef<leptos::html::H2>) {
    request_animation_frame(move || {
        if let Some(el) = node.get_untracked() {
            let _ = el.focus();
        }
    });
}
