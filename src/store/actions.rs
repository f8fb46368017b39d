//! Message actions (archive, delete to Corbeille, read/unread, flag): JMAP
//! patches sent with a fresh Mailbox/get so the counts come back exact.

use super::mail_requests::MAILBOX_PROPERTIES;
use crate::jmap::request::{Call, GetArgs, Request};
use crate::jmap::session::{CORE, MAIL};
use serde_json::{json, Map, Value};

pub struct ActionCalls {
    pub set: Call,
    pub mailboxes: Call,
}

fn with_counts(
    mut req: Request,
    account: &str,
    update: Map<String, Value>,
) -> (Request, ActionCalls) {
    let set = req.call(
        "Email/set",
        &json!({ "accountId": account, "update": update }),
    );
    let mailboxes = req.call(
        "Mailbox/get",
        &GetArgs::all(account).properties(MAILBOX_PROPERTIES),
    );
    (req, ActionCalls { set, mailboxes })
}

/// The mailboxIds patch of one message leaving `from` for `to` (other
/// folders of the message stay), with keywords set or cleared.
fn move_patch(from: &str, to: &str, keywords: &[(&str, bool)]) -> Value {
    let mut patch = Map::new();
    if from != to {
        patch.insert(format!("mailboxIds/{from}"), Value::Null);
    }
    patch.insert(format!("mailboxIds/{to}"), json!(true));
    for (k, on) in keywords {
        let v = if *on { json!(true) } else { Value::Null };
        patch.insert(format!("keywords/{k}"), v);
    }
    Value::Object(patch)
}

/// Moves messages, each from its folder, to one folder, setting or clearing
/// keywords in the same patch (`$junk` with « Indésirable »).
pub fn move_request(
    account: &str,
    moves: &[(String, String)],
    to: &str,
    keywords: &[(&str, bool)],
) -> (Request, ActionCalls) {
    let update = moves
        .iter()
        .map(|(id, from)| (id.clone(), move_patch(from, to, keywords)))
        .collect();
    with_counts(Request::new().using(&[CORE, MAIL]), account, update)
}

/// Puts moved messages back, each into the folder it came from.
pub fn undo_move_request(
    account: &str,
    moves: &[(String, String)],
    to: &str,
) -> (Request, ActionCalls) {
    let update = moves
        .iter()
        .map(|(id, from)| (id.clone(), move_patch(to, from, &[])))
        .collect();
    with_counts(Request::new().using(&[CORE, MAIL]), account, update)
}

/// Deletes messages for good (from Corbeille, after confirmation).
pub fn destroy_request(account: &str, ids: &[String]) -> (Request, ActionCalls) {
    let mut req = Request::new().using(&[CORE, MAIL]);
    let set = req.call(
        "Email/set",
        &json!({ "accountId": account, "destroy": ids }),
    );
    let mailboxes = req.call(
        "Mailbox/get",
        &GetArgs::all(account).properties(MAILBOX_PROPERTIES),
    );
    (req, ActionCalls { set, mailboxes })
}

/// Sets or clears one keyword (`$seen`, `$flagged`).
pub fn keyword_request(
    account: &str,
    ids: &[String],
    keyword: &str,
    on: bool,
) -> (Request, ActionCalls) {
    let update = ids
        .iter()
        .map(|id| {
            let v = if on { json!(true) } else { Value::Null };
            (id.clone(), json!({ format!("keywords/{keyword}"): v }))
        })
        .collect();
    with_counts(Request::new().using(&[CORE, MAIL]), account, update)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn move_is_a_patch_with_counts_in_the_same_request() {
        let moves = [("e1".to_string(), "INBOX".to_string())];
        let (req, calls) = move_request("u", &moves, "ARCH", &[]);
        let body = req.to_json();
        assert_eq!(
            body["methodCalls"][0][1]["update"]["e1"],
            json!({"mailboxIds/INBOX": null, "mailboxIds/ARCH": true})
        );
        assert_eq!(body["methodCalls"][1][0], "Mailbox/get");
        assert_eq!(calls.mailboxes.id, "c1");
        let (req, _) = move_request("u", &moves, "JUNK", &[("$junk", true), ("$notjunk", false)]);
        assert_eq!(
            req.to_json()["methodCalls"][0][1]["update"]["e1"],
            json!({"mailboxIds/INBOX": null, "mailboxIds/JUNK": true,
                "keywords/$junk": true, "keywords/$notjunk": null})
        );
        let (req, _) = undo_move_request("u", &moves, "ARCH");
        assert_eq!(
            req.to_json()["methodCalls"][0][1]["update"]["e1"],
            json!({"mailboxIds/ARCH": null, "mailboxIds/INBOX": true})
        );
        let (req, _) = destroy_request("u", &["e1".into(), "e2".into()]);
        assert_eq!(
            req.to_json()["methodCalls"][0][1]["destroy"],
            json!(["e1", "e2"])
        );
    }

    #[test]
    fn keywords_set_and_clear() {
        let (req, _) = keyword_request("u", &["e1".into()], "$flagged", true);
        assert_eq!(
            req.to_json()["methodCalls"][0][1]["update"]["e1"]["keywords/$flagged"],
            true
        );
        let (req, _) = keyword_request("u", &["e1".into()], "$seen", false);
        assert_eq!(
            req.to_json()["methodCalls"][0][1]["update"]["e1"]["keywords/$seen"],
            Value::Null
        );
    }
}
