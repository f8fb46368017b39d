//! The JMAP session resource (RFC 8620 §2).

use super::url::resolve;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

pub const CORE: &str = "urn:ietf:params:jmap:core";
pub const MAIL: &str = "urn:ietf:params:jmap:mail";
pub const SUBMISSION: &str = "urn:ietf:params:jmap:submission";
pub const CYRUS_CALENDARS: &str = "https://cyrusimap.org/ns/jmap/calendars";
pub const CYRUS_CONTACTS: &str = "https://cyrusimap.org/ns/jmap/contacts";
/// Cyrus's own mail extensions: also tells its earlier MDN draft apart.
pub const CYRUS_MAIL: &str = "https://cyrusimap.org/ns/jmap/mail";
pub const CYRUS_QUOTA: &str = "https://cyrusimap.org/ns/jmap/quota";

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub is_personal: bool,
    #[serde(default)]
    pub is_read_only: bool,
    #[serde(default)]
    pub account_capabilities: Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub capabilities: Map<String, Value>,
    #[serde(default)]
    pub accounts: BTreeMap<String, Account>,
    #[serde(default)]
    pub primary_accounts: BTreeMap<String, String>,
    #[serde(default)]
    pub username: String,
    pub api_url: String,
    #[serde(default)]
    pub download_url: String,
    #[serde(default)]
    pub upload_url: String,
    #[serde(default)]
    pub event_source_url: String,
    #[serde(default)]
    pub state: String,
    /// The body and URL it was parsed from, kept so that a reload can start
    /// from the same session while the server is unreachable.
    #[serde(skip)]
    pub raw: String,
    #[serde(skip)]
    pub fetched_from: String,
}

impl Session {
    /// Decodes a session and resolves its URLs against the URL it was fetched from
    /// (Cyrus gives relative ones such as `/jmap/`).
    pub fn parse(body: &str, fetched_from: &str) -> Result<Session, super::Error> {
        let mut session: Session = serde_json::from_str(body)
            .map_err(|e| super::Error::Decode(format!("session: {e}")))?;
        for url in [
            &mut session.api_url,
            &mut session.download_url,
            &mut session.upload_url,
            &mut session.event_source_url,
        ] {
            if !url.is_empty() {
                *url = resolve(fetched_from, url);
            }
        }
        session.raw = body.to_string();
        session.fetched_from = fetched_from.to_string();
        Ok(session)
    }

    pub fn has_capability(&self, urn: &str) -> bool {
        self.capabilities.contains_key(urn)
    }

    fn core_limit(&self, name: &str, default: u64) -> u64 {
        self.capabilities
            .get(CORE)
            .and_then(|c| c.get(name))
            .and_then(Value::as_u64)
            .unwrap_or(default)
    }

    /// How many method calls one POST may carry (RFC 8620 asks for at least 16).
    pub fn max_calls_in_request(&self) -> usize {
        // `try_from`, not `as`: on wasm32 a limit of 2^32 would truncate to 0.
        usize::try_from(self.core_limit("maxCallsInRequest", 16))
            .unwrap_or(usize::MAX)
            .max(1)
    }

    pub fn max_size_upload(&self) -> u64 {
        self.core_limit("maxSizeUpload", 50_000_000)
    }

    /// The account to use for a capability: the primary one, else the first that has it.
    pub fn account_for(&self, capability: &str) -> Option<&str> {
        if let Some(id) = self.primary_accounts.get(capability) {
            return Some(id);
        }
        self.accounts
            .iter()
            .find(|(_, a)| a.account_capabilities.contains_key(capability))
            .map(|(id, _)| id.as_str())
    }

    pub fn mail_account(&self) -> Option<&str> {
        self.account_for(MAIL)
    }

    /// Whether server push through EventSource is advertised at all. Cyrus 3.6
    /// advertises it but answers 204, which the push module detects at run time.
    pub fn advertises_push(&self) -> bool {
        !self.event_source_url.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECORDED: &str = include_str!("fixtures/session.json");

    #[test]
    fn recorded_cyrus_session_decodes_and_resolves() {
        let s = Session::parse(RECORDED, "http://127.0.0.1:8080/.well-known/jmap").unwrap();
        assert!(
            s.api_url.starts_with("http://127.0.0.1:8080/"),
            "{}",
            s.api_url
        );
        assert!(s.download_url.contains("{blobId}"));
        assert!(s.has_capability(MAIL));
        assert!(s.mail_account().is_some());
        assert!(s.max_calls_in_request() >= 16);
    }

    #[test]
    fn minimal_and_hostile_sessions() {
        let min = r#"{"capabilities":{},"apiUrl":"/api"}"#;
        let s = Session::parse(min, "https://x.example/.well-known/jmap").unwrap();
        assert_eq!(s.api_url, "https://x.example/api");
        assert_eq!(s.max_calls_in_request(), 16);
        assert_eq!(s.mail_account(), None);
        assert!(!s.advertises_push());
        for bad in ["", "[]", "{", r#"{"apiUrl":3}"#, "null"] {
            assert!(Session::parse(bad, "https://x.example/").is_err(), "{bad}");
        }
        let zero = r#"{"capabilities":{"urn:ietf:params:jmap:core":{"maxCallsInRequest":0}},"apiUrl":"/a"}"#;
        let s = Session::parse(zero, "https://x.example/").unwrap();
        assert_eq!(s.max_calls_in_request(), 1);
    }
}
