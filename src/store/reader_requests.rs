//! The requests behind the reading pane: a whole conversation in one request
//! (Email/get → Thread/get → Email/get chained by result references), and
//! marking messages read.

use crate::jmap::mail::{EmailDetail, DETAIL_PROPERTIES};
use crate::jmap::request::{Call, GetArgs, Ids, Request};
use crate::jmap::response::{GetResponse, Response, SetResponse};
use crate::jmap::session::{CORE, MAIL};
use crate::jmap::Error;
use serde_json::{json, Map, Value};

pub struct ThreadCalls {
    pub thread: Call,
    pub emails: Call,
}

pub fn thread_request(account: &str, email_id: &str) -> (Request, ThreadCalls) {
    let mut req = Request::new().using(&[CORE, MAIL]);
    let first = req.call(
        "Email/get",
        &GetArgs::ids(account, Ids::List(vec![email_id.to_string()])).properties(&["threadId"]),
    );
    let thread = req.call(
        "Thread/get",
        &GetArgs::ids(account, Ids::Ref(first.reference("/list/*/threadId"))),
    );
    let mut args = GetArgs::ids(account, Ids::Ref(thread.reference("/list/*/emailIds")))
        .properties(DETAIL_PROPERTIES);
    for flag in ["fetchTextBodyValues", "fetchHTMLBodyValues"] {
        args.extra.insert(flag.into(), json!(true));
    }
    args.extra
        .insert("maxBodyValueBytes".into(), json!(256 * 1024));
    let emails = req.call("Email/get", &args);
    (req, ThreadCalls { thread, emails })
}

/// The conversation, oldest first (Thread/get's order).
pub fn read_thread(resp: &Response, calls: &ThreadCalls) -> Result<Vec<EmailDetail>, Error> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Thread {
        #[serde(default)]
        email_ids: Vec<String>,
    }
    let threads: GetResponse<Thread> = resp.get(&calls.thread)?;
    let order: Vec<String> = threads.list.into_iter().flat_map(|t| t.email_ids).collect();
    let got: GetResponse<EmailDetail> = resp.get(&calls.emails)?;
    let mut list = got.list;
    list.sort_by_key(|e| order.iter().position(|x| x == &e.id).unwrap_or(usize::MAX));
    Ok(list)
}

/// Sets or clears `$seen` on messages, as a patch (other keywords untouched).
pub fn seen_request(account: &str, ids: &[String], seen: bool) -> (Request, Call) {
    let mut req = Request::new().using(&[CORE, MAIL]);
    let update: Map<String, Value> = ids
        .iter()
        .map(|id| {
            let v = if seen { json!(true) } else { Value::Null };
            (id.clone(), json!({ "keywords/$seen": v }))
        })
        .collect();
    let call = req.call(
        "Email/set",
        &json!({ "accountId": account, "update": update }),
    );
    (req, call)
}

pub fn read_set(resp: &Response, call: &Call) -> Result<SetResponse, Error> {
    let set: SetResponse = resp.get(call)?;
    match set.first_error() {
        Some(e) => Err(e),
        None => Ok(set),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thread_is_one_request_of_chained_references() {
        let (req, calls) = thread_request("u", "M1");
        let body = req.to_json();
        assert_eq!(
            body["methodCalls"][1][1]["#ids"]["path"],
            "/list/*/threadId"
        );
        assert_eq!(
            body["methodCalls"][2][1]["#ids"]["path"],
            "/list/*/emailIds"
        );
        assert_eq!(
            body["methodCalls"][2][1]["#ids"]["resultOf"],
            json!(calls.thread.id)
        );
        assert_eq!(body["methodCalls"][2][1]["fetchTextBodyValues"], true);
    }

    #[test]
    fn recorded_thread_of_three_in_order() {
        let resp = Response::parse(include_str!("../jmap/fixtures/thread_get.json")).unwrap();
        let (_, calls) = thread_request("u", "x");
        let list = read_thread(&resp, &calls).unwrap();
        assert_eq!(list.len(), 3);
        assert!(list.iter().all(|e| e
            .subject
            .as_deref()
            .unwrap_or("")
            .contains("conseil de classe de 3e B")));
        let dates: Vec<_> = list.iter().map(|e| e.received_at.clone()).collect();
        let mut sorted = dates.clone();
        sorted.sort();
        assert_eq!(dates, sorted, "oldest first");
    }

    #[test]
    fn seen_patch_touches_only_seen() {
        let (req, _) = seen_request("u", &["a".into(), "b".into()], true);
        let body = req.to_json();
        assert_eq!(
            body["methodCalls"][0][1]["update"]["a"],
            json!({"keywords/$seen": true})
        );
        let (req, _) = seen_request("u", &["a".into()], false);
        assert_eq!(
            req.to_json()["methodCalls"][0][1]["update"]["a"]["keywords/$seen"],
            Value::Null
        );
    }

    #[test]
    fn refused_updates_are_errors() {
        let resp = Response::parse(
            r#"{"methodResponses":[["Email/set",{"notUpdated":{"a":{"type":"notFound"}}},"c0"]]}"#,
        )
        .unwrap();
        let (_, call) = seen_request("u", &["a".into()], true);
        assert!(matches!(read_set(&resp, &call), Err(Error::Set { .. })));
    }
}
