//! The JMAP requests behind the mail views, built as plain data so that the
//! "one request per view" rule is tested natively.

use crate::jmap::mail::{Email, Mailbox, LIST_PROPERTIES};
use crate::jmap::quota::Quota;
use crate::jmap::request::{Call, ChangesArgs, Comparator, GetArgs, Ids, QueryArgs, Request};
use crate::jmap::response::{ChangesResponse, GetResponse, QueryResponse, Response};
use crate::jmap::session::CYRUS_QUOTA;
use crate::jmap::session::{CORE, MAIL};
use crate::jmap::Error;
use serde_json::{json, Map};

pub const PAGE_SIZE: u64 = 50;

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

/// The calls of one list view: optional Mailbox/get, then Email/query and an
/// Email/get that takes the query's ids by result reference.
#[derive(Debug, Clone)]
pub struct ViewCalls {
    pub mailboxes: Option<Call>,
    pub quota: Option<Call>,
    pub list: Option<(Call, Call)>,
}

/// What a view request brought back.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ViewData {
    pub mailboxes: Option<GetResponse<Mailbox>>,
    pub quota: Option<Quota>,
    pub list: Option<ListPage>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListPage {
    pub mailbox_id: String,
    pub query: Option<QueryResponse>,
    pub emails: Vec<Email>,
    pub email_state: String,
}

fn list_calls(req: &mut Request, account: &str, mailbox_id: &str, position: u64) -> (Call, Call) {
    let query = req.call(
        "Email/query",
        &QueryArgs {
            account_id: account.into(),
            filter: Some(json!({ "inMailbox": mailbox_id })),
            sort: vec![Comparator {
                property: "receivedAt".into(),
                is_ascending: false,
            }],
            position,
            limit: Some(PAGE_SIZE),
            calculate_total: true,
            extra: {
                let mut m = Map::new();
                m.insert("collapseThreads".into(), json!(false));
                m
            },
        },
    );
    let get = req.call(
        "Email/get",
        &GetArgs::ids(account, Ids::Ref(query.reference("/ids"))).properties(LIST_PROPERTIES),
    );
    (query, get)
}

/// One request for a view: the folder tree (when asked) and, when the folder
/// is known, the first page of its messages.
pub fn view_request(
    account: &str,
    with_mailboxes: bool,
    mailbox_id: Option<&str>,
) -> (Request, ViewCalls) {
    let mut req = Request::new().using(&[CORE, MAIL]);
    let mailboxes = with_mailboxes.then(|| {
        req.call(
            "Mailbox/get",
            &GetArgs::all(account).properties(MAILBOX_PROPERTIES),
        )
    });
    let list = mailbox_id.map(|id| list_calls(&mut req, account, id, 0));
    (
        req,
        ViewCalls {
            mailboxes,
            quota: None,
            list,
        },
    )
}

/// Adds the quota to a view request (only for servers that offer it: an
/// unknown capability would fail the whole request).
pub fn add_quota(req: Request, calls: &mut ViewCalls, account: &str) -> Request {
    let mut req = req.using(&[CYRUS_QUOTA]);
    calls.quota = Some(req.call("Quota/get", &GetArgs::all(account)));
    req
}

pub fn read_view(
    resp: &Response,
    calls: &ViewCalls,
    mailbox_id: Option<&str>,
) -> Result<ViewData, Error> {
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
    let list = match (&calls.list, mailbox_id) {
        (Some((q, g)), Some(id)) => {
            let query: QueryResponse = resp.get(q)?;
            let got: GetResponse<Email> = resp.get(g)?;
            Some(ListPage {
                mailbox_id: id.to_string(),
                emails: order_like(&query.ids, got.list),
                email_state: got.state,
                query: Some(query),
            })
        }
        _ => None,
    };
    Ok(ViewData {
        mailboxes,
        quota,
        list,
    })
}

/// Email/get may answer in any order: put emails back in query order.
fn order_like(ids: &[String], mut emails: Vec<Email>) -> Vec<Email> {
    let pos = |id: &str| ids.iter().position(|x| x == id).unwrap_or(usize::MAX);
    emails.sort_by_key(|e| pos(&e.id));
    emails
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

    #[test]
    fn first_screen_is_one_request_with_references() {
        let (req, calls) = view_request("u", true, Some("inbox-id"));
        assert_eq!(req.len(), 3);
        let body = req.to_json();
        assert_eq!(body["methodCalls"][0][0], "Mailbox/get");
        assert_eq!(body["methodCalls"][1][1]["filter"]["inMailbox"], "inbox-id");
        assert_eq!(
            body["methodCalls"][2][1]["#ids"]["resultOf"],
            json!(calls.list.as_ref().unwrap().0.id)
        );
        assert_eq!(body["methodCalls"][2][1]["#ids"]["path"], "/ids");
        let (req, calls) = view_request("u", false, Some("x"));
        assert_eq!(req.len(), 2);
        assert!(calls.mailboxes.is_none());
        let (req, mut calls) = view_request("u", true, Some("x"));
        let req = add_quota(req, &mut calls, "u");
        assert_eq!(req.len(), 4);
        assert!(req.using.contains(CYRUS_QUOTA));
    }

    #[test]
    fn reads_the_recorded_first_page() {
        // The fixture was recorded with this very call layout (c0, c1, c2).
        let resp = Response::parse(include_str!("../jmap/fixtures/inbox_first_page.json")).unwrap();
        let (_, calls) = view_request("u", true, Some("any"));
        let view = read_view(&resp, &calls, Some("any")).unwrap();
        let boxes = view.mailboxes.unwrap();
        assert!(super::super::folders::inbox(&boxes.list).is_some());
        let list = view.list.unwrap();
        let q = list.query.unwrap();
        assert_eq!(
            list.emails.iter().map(|e| e.id.clone()).collect::<Vec<_>>(),
            q.ids
        );
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
