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

/// Moves messages from one folder to another (a patch on mailboxIds, so the
/// message's other folders, if any, stay).
pub fn move_request(account: &str, ids: &[String], from: &str, to: &str) -> (Request, ActionCalls) {
    let update = ids
        .iter()
        .map(|id| {
            let mut patch = Map::new();
            patch.insert(format!("mailboxIds/{from}"), Value::Null);
            patch.insert(format!("mailboxIds/{to}"), json!(true));
            (id.clone(), Value::Object(patch))
        })
        .collect();
    with_counts(Request::new().using(&[CORE, MAIL]), account, update)
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
        let (req, calls) = move_request("u", &["e1".into()], "INBOX", "ARCH");
        let body = req.to_json();
        assert_eq!(
            body["methodCalls"][0][1]["update"]["e1"],
            json!({"mailboxIds/INBOX": null, "mailboxIds/ARCH": true})
        );
        assert_eq!(body["methodCalls"][1][0], "Mailbox/get");
        assert_eq!(calls.mailboxes.id, "c1");
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
