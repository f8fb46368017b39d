//! Building a JMAP request: numbered method calls and result references.

use serde::Serialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// A handle on one call of a request, used to read its response and to
/// reference its result from later calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub id: String,
    pub method: String,
}

impl Call {
    /// A result reference (RFC 8620 §3.7) to `path` in this call's response.
    pub fn reference(&self, path: &str) -> ResultRef {
        ResultRef {
            result_of: self.id.clone(),
            name: self.method.clone(),
            path: path.to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResultRef {
    pub result_of: String,
    pub name: String,
    pub path: String,
}

/// One method call as sent: `[name, arguments, callId]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Invocation {
    pub method: String,
    pub args: Map<String, Value>,
    pub id: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Request {
    pub using: BTreeSet<String>,
    pub calls: Vec<Invocation>,
}

impl Request {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn using(mut self, capabilities: &[&str]) -> Self {
        self.using
            .extend(capabilities.iter().map(|c| c.to_string()));
        self
    }

    /// Adds a call; its id is its position (`c0`, `c1`, ...). Arguments that do
    /// not serialise to a JSON object are sent as an empty object.
    pub fn call<A: Serialize>(&mut self, method: &str, args: &A) -> Call {
        let args = match serde_json::to_value(args) {
            Ok(Value::Object(map)) => map,
            _ => Map::new(),
        };
        let id = format!("c{}", self.calls.len());
        self.calls.push(Invocation {
            method: method.to_string(),
            args,
            id: id.clone(),
        });
        Call {
            id,
            method: method.to_string(),
        }
    }

    pub fn len(&self) -> usize {
        self.calls.len()
    }

    pub fn is_empty(&self) -> bool {
        self.calls.is_empty()
    }

    pub fn to_json(&self) -> Value {
        let calls: Vec<Value> = self
            .calls
            .iter()
            .map(|c| json!([c.method, c.args, c.id]))
            .collect();
        json!({ "using": self.using, "methodCalls": calls })
    }
}

/// `ids` is either literal or a reference to an earlier call's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Ids {
    #[serde(rename = "ids")]
    List(Vec<String>),
    #[serde(rename = "#ids")]
    Ref(ResultRef),
}

/// Arguments of a standard `/get` (RFC 8620 §5.1).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GetArgs {
    pub account_id: String,
    /// None asks for every object (allowed for small types such as Mailbox).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub ids: Option<Ids>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<Vec<String>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl GetArgs {
    pub fn all(account_id: &str) -> Self {
        GetArgs {
            account_id: account_id.to_string(),
            ids: None,
            properties: None,
            extra: Map::new(),
        }
    }

    pub fn ids(account_id: &str, ids: Ids) -> Self {
        GetArgs {
            ids: Some(ids),
            ..Self::all(account_id)
        }
    }

    pub fn properties(mut self, props: &[&str]) -> Self {
        self.properties = Some(props.iter().map(|p| p.to_string()).collect());
        self
    }
}

/// Arguments of a standard `/query` (RFC 8620 §5.5).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueryArgs {
    pub account_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sort: Vec<Comparator>,
    pub position: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
    pub calculate_total: bool,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparator {
    pub property: String,
    pub is_ascending: bool,
}

/// Arguments of a standard `/changes` (RFC 8620 §5.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangesArgs {
    pub account_id: String,
    pub since_state: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_changes: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_calls_and_writes_references() {
        let mut req =
            Request::new().using(&[crate::jmap::session::CORE, crate::jmap::session::MAIL]);
        let q = req.call(
            "Email/query",
            &QueryArgs {
                account_id: "a".into(),
                filter: Some(json!({"inMailbox": "m1"})),
                sort: vec![Comparator {
                    property: "receivedAt".into(),
                    is_ascending: false,
                }],
                position: 0,
                limit: Some(50),
                calculate_total: true,
                extra: Map::new(),
            },
        );
        let g = req.call(
            "Email/get",
            &GetArgs::ids("a", Ids::Ref(q.reference("/ids"))).properties(&["id", "subject"]),
        );
        assert_eq!((q.id.as_str(), g.id.as_str()), ("c0", "c1"));
        let body = req.to_json();
        assert_eq!(
            body,
            json!({
                "using": ["urn:ietf:params:jmap:core", "urn:ietf:params:jmap:mail"],
                "methodCalls": [
                    ["Email/query", {"accountId": "a", "filter": {"inMailbox": "m1"},
                        "sort": [{"property": "receivedAt", "isAscending": false}],
                        "position": 0, "limit": 50, "calculateTotal": true}, "c0"],
                    ["Email/get", {"accountId": "a",
                        "#ids": {"resultOf": "c0", "name": "Email/query", "path": "/ids"},
                        "properties": ["id", "subject"]}, "c1"]
                ]
            })
        );
    }

    #[test]
    fn get_all_omits_ids() {
        let mut req = Request::new();
        req.call("Mailbox/get", &GetArgs::all("a"));
        assert_eq!(req.calls[0].args.get("ids"), None);
        assert_eq!(req.calls[0].args.get("#ids"), None);
        let mut req = Request::new();
        req.call(
            "Email/get",
            &GetArgs::ids("a", Ids::List(vec!["e1".into()])),
        );
        assert_eq!(req.calls[0].args["ids"], json!(["e1"]));
    }
}
