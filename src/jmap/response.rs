//! Reading a JMAP response: typed extraction of each call's answer by call id.

use super::error::{Error, MethodError, SetError};
use super::request::Call;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Arguments stay raw until a caller asks for them typed: one pass of
/// decoding, straight from text to the type (and less code in the .wasm).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Response {
    pub method_responses: Vec<(String, Box<RawValue>, String)>,
    #[serde(default)]
    pub session_state: String,
}

impl Response {
    pub fn parse(body: &str) -> Result<Response, Error> {
        serde_json::from_str(body).map_err(|e| Error::Decode(format!("response: {e}")))
    }

    /// The typed answer to `call`. A method error for that call becomes
    /// `Error::Method`; a missing or malformed answer an error too, never a panic.
    pub fn get<T: DeserializeOwned>(&self, call: &Call) -> Result<T, Error> {
        let (name, args, _) = self
            .method_responses
            .iter()
            .find(|(name, _, id)| id == &call.id && (name == &call.method || name == "error"))
            .ok_or_else(|| Error::MissingResponse(call.id.clone()))?;
        if name == "error" {
            let err: MethodError = serde_json::from_str(args.get())
                .map_err(|e| Error::Decode(format!("{}: {e}", call.method)))?;
            return Err(Error::Method(err));
        }
        serde_json::from_str(args.get()).map_err(|e| Error::Decode(format!("{}: {e}", call.method)))
    }
}

/// A standard `/get` answer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetResponse<T> {
    #[serde(default)]
    pub account_id: String,
    #[serde(default)]
    pub state: String,
    pub list: Vec<T>,
    #[serde(default)]
    pub not_found: Vec<String>,
}

/// A standard `/query` answer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueryResponse {
    #[serde(default)]
    pub query_state: String,
    #[serde(default)]
    pub can_calculate_changes: bool,
    #[serde(default)]
    pub position: u64,
    pub ids: Vec<String>,
    #[serde(default)]
    pub total: Option<u64>,
}

/// A standard `/changes` answer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangesResponse {
    pub old_state: String,
    pub new_state: String,
    #[serde(default)]
    pub has_more_changes: bool,
    #[serde(default)]
    pub created: Vec<String>,
    #[serde(default)]
    pub updated: Vec<String>,
    #[serde(default)]
    pub destroyed: Vec<String>,
    /// Mailbox/changes only.
    #[serde(default)]
    pub updated_properties: Option<Vec<String>>,
}

impl ChangesResponse {
    pub fn is_empty(&self) -> bool {
        self.created.is_empty() && self.updated.is_empty() && self.destroyed.is_empty()
    }
}

/// A standard `/set` answer.
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct SetResponse {
    #[serde(default)]
    pub old_state: Option<String>,
    #[serde(default)]
    pub new_state: Option<String>,
    #[serde(default)]
    pub created: Option<BTreeMap<String, Map<String, Value>>>,
    #[serde(default)]
    pub updated: Option<BTreeMap<String, Option<Map<String, Value>>>>,
    #[serde(default)]
    pub destroyed: Option<Vec<String>>,
    #[serde(default)]
    pub not_created: Option<BTreeMap<String, SetError>>,
    #[serde(default)]
    pub not_updated: Option<BTreeMap<String, SetError>>,
    #[serde(default)]
    pub not_destroyed: Option<BTreeMap<String, SetError>>,
}

impl SetResponse {
    /// The server id of what was created under `creation_id` (None when
    /// nothing was), or the first refusal.
    pub fn created_id(&self, creation_id: &str) -> Result<Option<String>, Error> {
        if let Some(e) = self.first_error() {
            return Err(e);
        }
        Ok(self
            .created
            .as_ref()
            .and_then(|c| c.get(creation_id))
            .and_then(|o| o.get("id"))
            .and_then(Value::as_str)
            .map(str::to_string))
    }

    /// Like `created_id`, when the creation must have happened.
    pub fn required_id(&self, creation_id: &str) -> Result<String, Error> {
        self.created_id(creation_id)?
            .ok_or_else(|| Error::Decode(format!("no id created for {creation_id}")))
    }

    /// The first refusal, if any, as an error the UI can show.
    pub fn first_error(&self) -> Option<Error> {
        [&self.not_created, &self.not_updated, &self.not_destroyed]
            .into_iter()
            .flatten()
            .flat_map(|m| m.iter())
            .next()
            .map(|(id, e)| Error::Set {
                id: id.clone(),
                error: e.clone(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jmap::mail::{Email, Mailbox};

    fn call(id: &str, method: &str) -> Call {
        Call {
            id: id.into(),
            method: method.into(),
        }
    }

    #[test]
    fn recorded_first_page_decodes_by_call_id() {
        let r = Response::parse(include_str!("fixtures/inbox_first_page.json")).unwrap();
        let boxes: GetResponse<Mailbox> = r.get(&call("c0", "Mailbox/get")).unwrap();
        assert!(boxes
            .list
            .iter()
            .any(|m| m.role.as_deref() == Some("inbox")));
        let q: QueryResponse = r.get(&call("c1", "Email/query")).unwrap();
        let emails: GetResponse<Email> = r.get(&call("c2", "Email/get")).unwrap();
        assert_eq!(q.ids.len(), emails.list.len());
        assert!(q.total.unwrap_or(0) >= q.ids.len() as u64);
        // Asking for the wrong method name under a right id is a missing response.
        assert!(matches!(
            r.get::<QueryResponse>(&call("c1", "Email/get")),
            Err(Error::MissingResponse(_))
        ));
    }

    #[test]
    fn recorded_method_error_becomes_error() {
        let r = Response::parse(include_str!("fixtures/method_error.json")).unwrap();
        let (_, _, id) = r
            .method_responses
            .iter()
            .find(|(n, _, _)| n == "error")
            .cloned()
            .expect("fixture holds an error");
        let got = r.get::<QueryResponse>(&call(&id, "Whatever/get"));
        assert!(
            matches!(got, Err(Error::Method(ref e)) if !e.kind.is_empty()),
            "{got:?}"
        );
    }

    #[test]
    fn recorded_set_error_is_reported() {
        let r = Response::parse(include_str!("fixtures/set_error.json")).unwrap();
        let (name, args, _) = r.method_responses[0].clone();
        assert!(name.ends_with("/set"));
        let set: SetResponse = serde_json::from_str(args.get()).unwrap();
        assert!(matches!(set.first_error(), Some(Error::Set { .. })));
    }

    #[test]
    fn recorded_changes_decode() {
        let r = Response::parse(include_str!("fixtures/email_changes.json")).unwrap();
        let (_, args, _) = r.method_responses[0].clone();
        let ch: ChangesResponse = serde_json::from_str(args.get()).unwrap();
        assert_ne!(ch.old_state, ch.new_state);
        assert!(!ch.is_empty());
    }

    #[test]
    fn malformed_responses_are_errors_not_panics() {
        for bad in [
            "",
            "{}",
            r#"{"methodResponses":3}"#,
            r#"{"methodResponses":[["a",{}]]}"#,
            r#"{"methodResponses":[[1,2,3]]}"#,
        ] {
            assert!(Response::parse(bad).is_err(), "{bad}");
        }
        let r = Response::parse(
            r#"{"methodResponses":[["Email/get",{"list":"x"},"c0"],["error",{},"c1"]]}"#,
        )
        .unwrap();
        assert!(matches!(
            r.get::<GetResponse<Email>>(&call("c0", "Email/get")),
            Err(Error::Decode(_))
        ));
        assert!(matches!(
            r.get::<GetResponse<Email>>(&call("c1", "Email/get")),
            Err(Error::Decode(_))
        ));
        assert!(matches!(
            r.get::<GetResponse<Email>>(&call("c9", "Email/get")),
            Err(Error::MissingResponse(_))
        ));
    }
}
