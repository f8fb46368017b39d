//! Options: the user's preferences (language, signature, new-mail
//! notifications). Kept on this device, per account, across logouts: Cyrus
//! 3.6 has no Identity/set to keep a signature on the server.

pub mod notify;
pub mod signature;

use crate::browser;

/// Keys of per-account preferences (kept at logout, see `auth::KEPT_KEYS`).
pub const SIGNATURE_PREFIX: &str = "autan.signature.";
pub const NOTIFY_PREFIX: &str = "autan.notify.";

pub fn signature(user: &str) -> String {
    browser::local_get(&format!("{SIGNATURE_PREFIX}{user}")).unwrap_or_default()
}

/// The signature block as inserted in a message: the usual « -- » line
/// (RFC 3676 §4.3) that mail programs recognise and trim from quotes.
pub fn signature_block(signature: &str) -> String {
    let s = signature.trim_end();
    if s.trim().is_empty() {
        String::new()
    } else {
        format!("\n\n-- \n{s}")
    }
}

pub fn notify_enabled(user: &str) -> bool {
    browser::local_get(&format!("{NOTIFY_PREFIX}{user}")).as_deref() == Some("1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_blocks() {
        assert_eq!(signature_block(""), "");
        assert_eq!(signature_block("  \n"), "");
        assert_eq!(
            signature_block("Marie Dupont\nCollège Jean Jaurès\n"),
            "\n\n-- \nMarie Dupont\nCollège Jean Jaurès"
        );
    }
}
