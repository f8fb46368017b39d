//! RFC 8621 objects as the app reads them. Every field is defaulted so that a
//! server omitting one (or a hostile one) cannot fail a whole list.

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Mailbox {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub parent_id: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub sort_order: u32,
    #[serde(default)]
    pub total_emails: u64,
    #[serde(default)]
    pub unread_emails: u64,
    #[serde(default)]
    pub total_threads: u64,
    #[serde(default)]
    pub unread_threads: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
pub struct EmailAddress {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

impl EmailAddress {
    /// What a list shows: the display name, else the address.
    pub fn label(&self) -> &str {
        match (&self.name, &self.email) {
            (Some(n), _) if !n.trim().is_empty() => n.trim(),
            (_, Some(e)) => e,
            _ => "",
        }
    }
}

/// The properties the message list needs (bodies come on demand).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Email {
    pub id: String,
    #[serde(default)]
    pub thread_id: String,
    #[serde(default)]
    pub mailbox_ids: BTreeMap<String, bool>,
    #[serde(default)]
    pub keywords: BTreeMap<String, bool>,
    #[serde(default)]
    pub from: Option<Vec<EmailAddress>>,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub received_at: Option<String>,
    #[serde(default)]
    pub size: u64,
    #[serde(default)]
    pub has_attachment: bool,
    #[serde(default)]
    pub preview: Option<String>,
}

pub const LIST_PROPERTIES: &[&str] = &[
    "id",
    "threadId",
    "mailboxIds",
    "keywords",
    "from",
    "subject",
    "receivedAt",
    "size",
    "hasAttachment",
    "preview",
];

impl Email {
    pub fn has_keyword(&self, k: &str) -> bool {
        self.keywords.get(k).copied().unwrap_or(false)
    }
    pub fn is_unread(&self) -> bool {
        !self.has_keyword("$seen")
    }
    pub fn is_flagged(&self) -> bool {
        self.has_keyword("$flagged")
    }
    pub fn sender_label(&self) -> &str {
        self.from
            .as_ref()
            .and_then(|f| f.first())
            .map(EmailAddress::label)
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_emails_still_decode() {
        let e: Email =
            serde_json::from_str(r#"{"id":"x","from":null,"keywords":{"$seen":true}}"#).unwrap();
        assert!(!e.is_unread());
        assert_eq!(e.sender_label(), "");
        let e: Email = serde_json::from_str(
            r#"{"id":"y","from":[{"name":"  ","email":"a@b.fr"}],"keywords":{"$flagged":true}}"#,
        )
        .unwrap();
        assert!(e.is_unread() && e.is_flagged());
        assert_eq!(e.sender_label(), "a@b.fr");
    }
}
