//! One error type for everything that can go wrong between the app and a JMAP server.

use serde::Deserialize;
use std::fmt;

/// RFC 7807 problem details, as JMAP servers return for request-level errors.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
pub struct Problem {
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub detail: Option<String>,
    /// Set with `urn:ietf:params:jmap:error:limit`.
    #[serde(default)]
    pub limit: Option<String>,
}

/// A method-level error invocation (`["error", {type, description}, id]`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct MethodError {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// A per-object error inside `notCreated` / `notUpdated` / `notDestroyed`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SetError {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub properties: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The request never got an HTTP answer (network down, DNS, CORS, abort).
    Transport(String),
    /// The server (or the SSO in front of it) refused our credentials.
    Unauthorized,
    /// Any other non-success HTTP status without a problem body.
    Http { status: u16 },
    /// A request-level RFC 7807 problem.
    Problem(Problem),
    /// A method answered with an `error` invocation.
    Method(MethodError),
    /// An object could not be created, updated or destroyed.
    Set { id: String, error: SetError },
    /// The server's answer is not the JSON we expect.
    Decode(String),
    /// The response has no invocation for one of our call ids.
    MissingResponse(String),
}

impl Error {
    /// True when retrying later may succeed without the user doing anything:
    /// the server or the network is temporarily out of reach.
    pub fn is_unreachable(&self) -> bool {
        match self {
            Error::Transport(_) => true,
            Error::Http { status } => matches!(status, 502..=504),
            Error::Problem(p) => matches!(p.status, Some(502..=504)),
            _ => false,
        }
    }

    /// Builds the error for a non-success HTTP answer from its status and body.
    pub fn from_http(status: u16, body: &str) -> Error {
        if status == 401 {
            return Error::Unauthorized;
        }
        match serde_json::from_str::<Problem>(body) {
            Ok(p) if !p.kind.is_empty() => Error::Problem(Problem {
                status: p.status.or(Some(status)),
                ..p
            }),
            _ => Error::Http { status },
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Transport(m) => write!(f, "transport: {m}"),
            Error::Unauthorized => write!(f, "unauthorized"),
            Error::Http { status } => write!(f, "HTTP {status}"),
            Error::Problem(p) => write!(f, "problem {} ({:?})", p.kind, p.detail),
            Error::Method(e) => write!(f, "method error {}", e.kind),
            Error::Set { id, error } => write!(f, "set error {} on {id}", error.kind),
            Error::Decode(m) => write!(f, "decode: {m}"),
            Error::MissingResponse(id) => write!(f, "no response for call {id}"),
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_statuses_map_to_errors() {
        assert_eq!(Error::from_http(401, ""), Error::Unauthorized);
        assert_eq!(Error::from_http(500, "<html>"), Error::Http { status: 500 });
        let p = Error::from_http(
            400,
            r#"{"type":"urn:ietf:params:jmap:error:notRequest","status":400,"detail":"x"}"#,
        );
        assert!(matches!(p, Error::Problem(ref pr) if pr.kind.ends_with("notRequest")));
        let limit = Error::from_http(
            400,
            r#"{"type":"urn:ietf:params:jmap:error:limit","limit":"maxCallsInRequest"}"#,
        );
        assert!(
            matches!(limit, Error::Problem(ref pr) if pr.limit.as_deref() == Some("maxCallsInRequest") && pr.status == Some(400))
        );
    }

    #[test]
    fn unreachable_is_transport_or_gateway() {
        assert!(Error::Transport("down".into()).is_unreachable());
        assert!(Error::Http { status: 502 }.is_unreachable());
        assert!(Error::from_http(502, r#"{"type":"about:blank","status":502}"#).is_unreachable());
        assert!(!Error::Http { status: 500 }.is_unreachable());
        assert!(!Error::Unauthorized.is_unreachable());
    }
}
