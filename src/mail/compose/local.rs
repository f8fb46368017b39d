//! The copy of a draft kept on this device until the server has it: written
//! at every change, read back after a reload or a lost connection, removed
//! once Brouillons holds the same text (or the message is sent or dropped).

use super::model::Draft;
use crate::browser;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LocalDraft {
    pub draft: Draft,
    /// The server copy this one replaces when saved.
    pub draft_id: Option<String>,
    /// The message replied to or forwarded, and the keyword it gets.
    pub original: Option<(String, String)>,
}

/// One key per user and per compose context (new message, reply to X...),
/// so two drafts never overwrite each other.
pub fn key(user: &str, context: &str) -> String {
    format!("autan.draft.{user}.{context}")
}

pub fn encode(d: &LocalDraft) -> Option<String> {
    serde_json::to_string(d).ok()
}

/// A damaged or foreign value reads as nothing, never as an error.
pub fn decode(s: &str) -> Option<LocalDraft> {
    serde_json::from_str(s).ok()
}

pub fn load(key: &str) -> Option<LocalDraft> {
    browser::local_get(key).and_then(|s| decode(&s))
}

pub fn store(key: &str, d: &LocalDraft) {
    if let Some(s) = encode(d) {
        browser::local_set(key, &s);
    }
}

pub fn remove(key: &str) {
    browser::local_remove(key);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jmap::mail::EmailAddress;

    #[test]
    fn round_trips_and_survives_garbage() {
        let d = LocalDraft {
            draft: Draft {
                to: vec![EmailAddress {
                    name: Some("Julien Martin".into()),
                    email: Some("julien.martin@ac-toulouse.fr".into()),
                }],
                subject: "Sortie".into(),
                text: "Bonjour,\n« guillemets » et émojis 🙂".into(),
                ..Draft::default()
            },
            draft_id: Some("E9".into()),
            original: Some(("E1".into(), "$answered".into())),
        };
        let s = encode(&d).unwrap();
        assert_eq!(decode(&s), Some(d));
        assert_eq!(decode("{pas du json"), None);
        // Missing fields take their defaults (an older version's copy).
        assert_eq!(
            decode(r#"{"draft":{"subject":"x"}}"#).map(|l| l.draft.subject),
            Some("x".into())
        );
        assert_eq!(key("mdupont", "reply=E1"), "autan.draft.mdupont.reply=E1");
    }
}
