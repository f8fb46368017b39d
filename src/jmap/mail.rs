//! RFC 8621 objects as the app reads them. Every field is defaulted so that a
//! server omitting one (or a hostile one) cannot fail a whole list.

use serde::{Deserialize, Serialize};
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

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
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

/// A MIME part as JMAP describes it (RFC 8621 §4.1.4).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct BodyPart {
    #[serde(default)]
    pub part_id: Option<String>,
    #[serde(default)]
    pub blob_id: Option<String>,
    #[serde(default)]
    pub size: u64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub disposition: Option<String>,
    #[serde(default)]
    pub cid: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct BodyValue {
    #[serde(default)]
    pub value: String,
    #[serde(default)]
    pub is_truncated: bool,
}

/// A message as the reading pane shows it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct EmailDetail {
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
    pub to: Option<Vec<EmailAddress>>,
    #[serde(default)]
    pub cc: Option<Vec<EmailAddress>>,
    #[serde(default)]
    pub reply_to: Option<Vec<EmailAddress>>,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub received_at: Option<String>,
    #[serde(default)]
    pub sent_at: Option<String>,
    #[serde(default)]
    pub text_body: Vec<BodyPart>,
    #[serde(default)]
    pub html_body: Vec<BodyPart>,
    #[serde(default)]
    pub attachments: Vec<BodyPart>,
    #[serde(default)]
    pub body_values: BTreeMap<String, BodyValue>,
    /// For replies (In-Reply-To, References) and forwarding as attachment.
    #[serde(default)]
    pub message_id: Option<Vec<String>>,
    #[serde(default)]
    pub references: Option<Vec<String>>,
    #[serde(default)]
    pub blob_id: Option<String>,
    /// The sender asks for a read receipt (RFC 8098) to these addresses.
    #[serde(rename = "header:Disposition-Notification-To:asAddresses", default)]
    pub receipt_to: Option<Vec<EmailAddress>>,
}

pub const DETAIL_PROPERTIES: &[&str] = &[
    "header:Disposition-Notification-To:asAddresses",
    "messageId",
    "references",
    "blobId",
    "id",
    "threadId",
    "mailboxIds",
    "keywords",
    "from",
    "to",
    "cc",
    "replyTo",
    "subject",
    "receivedAt",
    "sentAt",
    "textBody",
    "htmlBody",
    "attachments",
    "bodyValues",
];

/// What the reading pane renders for a message body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Text(String),
    /// Untrusted HTML: only ever shown inside a sandboxed frame.
    Html(String),
    Empty,
}

impl EmailDetail {
    pub fn is_unread(&self) -> bool {
        !self.keywords.get("$seen").copied().unwrap_or(false)
    }

    fn values_of(&self, parts: &[BodyPart]) -> String {
        parts
            .iter()
            .filter_map(|p| p.part_id.as_ref())
            .filter_map(|id| self.body_values.get(id))
            .map(|v| v.value.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Plain text when the sender gave it (safest, and what most staff mail
    /// is), else the HTML version.
    pub fn body(&self) -> Body {
        let text = self.values_of(&self.text_body);
        let html_parts: Vec<BodyPart> = self
            .html_body
            .iter()
            .filter(|p| p.kind == "text/html")
            .cloned()
            .collect();
        let has_text = self.text_body.iter().any(|p| p.kind == "text/plain");
        if has_text && !text.trim().is_empty() {
            Body::Text(text)
        } else if !html_parts.is_empty() {
            Body::Html(self.values_of(&html_parts))
        } else if !text.trim().is_empty() {
            Body::Text(text)
        } else {
            Body::Empty
        }
    }

    /// Attachments shown in the list: named or explicitly attached parts,
    /// not the inline images of an HTML body.
    pub fn listed_attachments(&self) -> Vec<&BodyPart> {
        self.attachments
            .iter()
            .filter(|p| p.blob_id.is_some())
            .filter(|p| p.disposition.as_deref() != Some("inline") || p.cid.is_none())
            .collect()
    }
}

#[cfg(test)]
mod detail_tests {
    use super::*;
    use crate::jmap::request::Call;
    use crate::jmap::response::{GetResponse, Response};

    #[test]
    fn recorded_message_with_two_attachments() {
        let r = Response::parse(include_str!("fixtures/email_get_detail.json")).unwrap();
        let call = Call {
            id: r.method_responses[0].2.clone(),
            method: "Email/get".into(),
        };
        let got: GetResponse<EmailDetail> = r.get(&call).unwrap();
        let e = &got.list[0];
        assert!(matches!(e.body(), Body::Text(ref t) if t.contains("synthèse")));
        let names: Vec<_> = e
            .listed_attachments()
            .iter()
            .filter_map(|a| a.name.clone())
            .collect();
        assert_eq!(names, vec!["synthese_3eB.pdf", "notes_3eB.csv"]);
    }

    #[test]
    fn html_only_and_empty_bodies() {
        let mut e = EmailDetail::default();
        assert_eq!(e.body(), Body::Empty);
        e.html_body = vec![BodyPart {
            part_id: Some("1".into()),
            kind: "text/html".into(),
            ..Default::default()
        }];
        e.body_values.insert(
            "1".into(),
            BodyValue {
                value: "<p>Bonjour</p>".into(),
                is_truncated: false,
            },
        );
        assert_eq!(e.body(), Body::Html("<p>Bonjour</p>".into()));
    }
}
