//! The JMAP requests behind the mail views, built as plain data so that the
//! "one request per view" rule is tested natively.

use super::list::{chunk_calls, read_chunk, Chunk, ChunkCalls, ListQuery};
use crate::jmap::mail::Mailbox;
use crate::jmap::quota::Quota;
use crate::jmap::request::{Call, ChangesArgs, GetArgs, Request};
use crate::jmap::response::{ChangesResponse, GetResponse, Response};
use crate::jmap::session::CYRUS_QUOTA;
use crate::jmap::session::{CORE, MAIL};
use crate::jmap::Error;

pub const MAILBOX_PROPERTIES: &[&str] = &[
    "id",
    "name",
    "parentId",
    "role",
    "sortOrder",
    "totalEmails",
    "unreadEmails",
    "totalThreads",
    "unreadThreads",
];

/// The calls of one view: optional Mailbox/get and Quota/get, then the
/// list's first chunk (Email/query, Email/get by result reference).
#[derive(Debug, Clone)]
pub struct ViewCalls {
    pub mailboxes: Option<Call>,
    pub quota: Option<Call>,
    pub list: Option<ChunkCalls>,
}

/// What a view request brought back.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ViewData {
    pub mailboxes: Option<GetResponse<Mailbox>>,
    pub quota: Option<Quota>,
    pub list: Option<Chunk>,
}

/// One request for a view: the folder tree (when asked) and, when the list
/// is known, the chunk of it at `position`.
pub fn view_request(
    account: &str,
    with_mailboxes: bool,
    list: Option<(&ListQuery, u64)>,
) -> (Request, ViewCalls) {
    let mut req = Request::new().using(&[CORE, MAIL]);
    let mailboxes = with_mailboxes.then(|| {
        req.call(
            "Mailbox/get",
            &GetArgs::all(account).properties(MAILBOX_PROPERTIES),
        )
    });
    let list = list.map(|(q, position)| chunk_calls(&mut req, account, q, position));
    (
        req,
        ViewCalls {
            mailboxes,
            quota: None,
            list,
        },
    )
}

/// More chunks of the list on screen, all in one request.
pub fn chunks_request(account: &str, q: &ListQuery, starts: &[u64]) -> (Request, Vec<ChunkCalls>) {
    let mut req = Request::new().using(&[CORE, MAIL]);
    let calls = starts
        .iter()
        .map(|p| chunk_calls(&mut req, account, q, *p))
        .collect();
    (req, calls)
}

/// Adds the quota to a view request (only for servers that offer it: an
/// unknown capability would fail the whole request).
pub fn add_quota(req: Request, calls: &mut ViewCalls, account: &str) -> Request {
    let mut req = req.using(&[CYRUS_QUOTA]);
    calls.quota = Some(req.call("Quota/get", &GetArgs::all(account)));
    req
}

pub fn read_view(resp: &Response, calls: &ViewCalls) -> Result<ViewData, Error> {
    let mailboxes = match &calls.mailboxes {
        Some(c) => Some(resp.get::<GetResponse<Mailbox>>(c)?),
        None => None,
    };
    // The quota is a nicety: a failure there must not hide the mail.
    let quota = calls
        .quota
        .as_ref()
        .and_then(|c| resp.get::<GetResponse<Quota>>(c).ok())
        .and_then(|q| q.list.into_iter().find(|q| q.id == "mail"));
    let list = match &calls.list {
        Some(c) => Some(read_chunk(resp, c)?),
        None => None,
    };
    Ok(ViewData {
        mailboxes,
        quota,
        list,
    })
}

/// The sync check: have mailboxes or emails changed since our states?
pub fn changes_request(
    account: &str,
    mailbox_state: &str,
    email_state: &str,
) -> (Request, Call, Call) {
    let mut req = Request::new().using(&[CORE, MAIL]);
    let args = |state: &str| ChangesArgs {
        account_id: account.into(),
        since_state: state.into(),
        max_changes: Some(256),
    };
    let m = req.call("Mailbox/changes", &args(mailbox_state));
    let e = req.call("Email/changes", &args(email_state));
    (req, m, e)
}

/// True when the view must be reloaded. A state the server can no longer
/// compute changes from counts as changed.
pub fn has_changed(resp: &Response, m: &Call, e: &Call) -> Result<bool, Error> {
    let mut changed = false;
    for call in [m, e] {
        match resp.get::<ChangesResponse>(call) {
            Ok(ch) => changed |= !ch.is_empty() || ch.has_more_changes,
            Err(Error::Method(err)) if err.kind == "cannotCalculateChanges" => changed = true,
            Err(other) => return Err(other),
        }
    }
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn inbox() -> ListQuery {
        ListQuery {
            mailbox_id: Some("inbox-id".into()),
            ..ListQuery::default()
        }
    }

    #[test]
    fn first_screen_is_one_request_with_references() {
        let (req, calls) = view_request("u", true, Some((&inbox(), 0)));
        assert_eq!(req.len(), 3);
        let body = req.to_json();
        assert_eq!(body["methodCalls"][0][0], "Mailbox/get");
        assert_eq!(body["methodCalls"][1][1]["filter"]["inMailbox"], "inbox-id");
        assert_eq!(
            body["methodCalls"][2][1]["#ids"]["resultOf"],
            json!(calls.list.as_ref().unwrap().query.id)
        );
        assert_eq!(body["methodCalls"][2][1]["#ids"]["path"], "/ids");
        let (req, calls) = view_request("u", false, Some((&inbox(), 0)));
        assert_eq!(req.len(), 2);
        assert!(calls.mailboxes.is_none());
        let (req, mut calls) = view_request("u", true, Some((&inbox(), 0)));
        let req = add_quota(req, &mut calls, "u");
        assert_eq!(req.len(), 4);
        assert!(req.using.contains(CYRUS_QUOTA));
        let (req, calls) = chunks_request("u", &inbox(), &[50, 100]);
        assert_eq!((req.len(), calls.len()), (4, 2));
        assert_eq!(req.to_json()["methodCalls"][2][1]["position"], 100);
    }

    #[test]
    fn reads_the_recorded_first_page() {
        // The fixture was recorded with this very call layout (c0, c1, c2).
        let resp = Response::parse(include_str!("../jmap/fixtures/inbox_first_page.json")).unwrap();
        let (_, calls) = view_request("u", true, Some((&inbox(), 0)));
        let view = read_view(&resp, &calls).unwrap();
        let boxes = view.mailboxes.unwrap();
        assert!(super::super::folders::inbox(&boxes.list).is_some());
        let list = view.list.unwrap();
        assert!(list.emails.iter().any(|e| e.is_unread()));
    }

    #[test]
    fn changes_detection() {
        let (_, m, e) = changes_request("u", "m1", "e1");
        let none = Response::parse(
            r#"{"methodResponses":[["Mailbox/changes",{"oldState":"1","newState":"1"},"c0"],
            ["Email/changes",{"oldState":"1","newState":"1"},"c1"]]}"#,
        )
        .unwrap();
        assert_eq!(has_changed(&none, &m, &e), Ok(false));
        let some = Response::parse(
            r#"{"methodResponses":[["Mailbox/changes",{"oldState":"1","newState":"1"},"c0"],
            ["Email/changes",{"oldState":"1","newState":"2","created":["x"]},"c1"]]}"#,
        )
        .unwrap();
        assert_eq!(has_changed(&some, &m, &e), Ok(true));
        let lost = Response::parse(
            r#"{"methodResponses":[["error",{"type":"cannotCalculateChanges"},"c0"],
            ["Email/changes",{"oldState":"1","newState":"1"},"c1"]]}"#,
        )
        .unwrap();
        assert_eq!(has_changed(&lost, &m, &e), Ok(true));
        let bad = Response::parse(r#"{"methodResponses":[["error",{"type":"serverFail"},"c0"]]}"#)
            .unwrap();
        assert!(has_changed(&bad, &m, &e).is_err());
    }
}
