//! « Modèles »: messages kept as drafts in a Modèles folder, to start a new
//! message from. The folder is created with the first template, in the same
//! request.

use super::model::{draft_object, Draft};
use crate::jmap::mail::{Email, Mailbox};
use crate::jmap::request::{Call, Comparator, GetArgs, Ids, QueryArgs, Request};
use crate::jmap::response::{GetResponse, Response, SetResponse};
use crate::jmap::session::{CORE, MAIL};
use crate::jmap::Error;
use serde_json::{json, Map};

/// The folder's name in the languages the app speaks (found whichever
/// created it).
const NAMES: [&str; 2] = ["Modèles", "Templates"];

pub fn folder(boxes: &[Mailbox]) -> Option<&Mailbox> {
    boxes
        .iter()
        .find(|b| b.role.is_none() && b.parent_id.is_none() && NAMES.contains(&b.name.as_str()))
}

/// The templates' subjects, newest first.
pub fn list_request(account: &str, folder_id: &str) -> (Request, Call) {
    let mut req = Request::new().using(&[CORE, MAIL]);
    let query = req.call(
        "Email/query",
        &QueryArgs {
            account_id: account.into(),
            filter: Some(json!({ "inMailbox": folder_id })),
            sort: vec![Comparator {
                property: "receivedAt".into(),
                is_ascending: false,
            }],
            position: 0,
            limit: Some(100),
            calculate_total: false,
            extra: Map::new(),
        },
    );
    let get = req.call(
        "Email/get",
        &GetArgs::ids(account, Ids::Ref(query.reference("/ids"))).properties(&["id", "subject"]),
    );
    (req, get)
}

pub fn read_list(resp: &Response, get: &Call) -> Result<Vec<(String, String)>, Error> {
    let got: GetResponse<Email> = resp.get(get)?;
    Ok(got
        .list
        .into_iter()
        .map(|e| (e.id, e.subject.unwrap_or_default()))
        .collect())
}

/// Saves `draft` as a template; creates the folder (named `folder_name`)
/// first when there is none, referenced by creation id.
pub fn save_request(
    account: &str,
    draft: &Draft,
    folder_id: Option<&str>,
    folder_name: &str,
) -> (Request, Call) {
    let mut req = Request::new().using(&[CORE, MAIL]);
    let target = match folder_id {
        Some(id) => id.to_string(),
        None => {
            req.call(
                "Mailbox/set",
                &json!({ "accountId": account, "create": { "tpl": { "name": folder_name, "parentId": null } } }),
            );
            "#tpl".to_string()
        }
    };
    // A template is a draft of the Modèles folder; no recipient is needed.
    let email = draft_object(draft, &target);
    let call = req.call(
        "Email/set",
        &json!({ "accountId": account, "create": { "template": email } }),
    );
    // The fresh tree (with the new folder, if any) in the same request.
    req.call(
        "Mailbox/get",
        &GetArgs::all(account).properties(crate::store::mail_requests::MAILBOX_PROPERTIES),
    );
    (req, call)
}

/// The folder tree that came back with a saved template.
pub fn read_tree(resp: &Response, call: &Call) -> Option<GetResponse<Mailbox>> {
    let tree = Call {
        id: format!(
            "c{}",
            call.id.trim_start_matches('c').parse::<usize>().ok()? + 1
        ),
        method: "Mailbox/get".into(),
    };
    resp.get(&tree).ok()
}

/// The new template's id.
pub fn read_saved(resp: &Response, call: &Call) -> Result<String, Error> {
    resp.get::<SetResponse>(call)?.required_id("template")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_template_creates_its_folder_in_the_same_request() {
        let d = Draft {
            subject: "Convocation au conseil de classe".into(),
            text: "Madame, Monsieur,".into(),
            ..Draft::default()
        };
        let (req, call) = save_request("u", &d, None, "Modèles");
        let body = req.to_json();
        assert_eq!(body["methodCalls"][0][0], "Mailbox/set");
        assert_eq!(
            body["methodCalls"][0][1]["create"]["tpl"]["name"],
            "Modèles"
        );
        assert_eq!(call.id, "c1");
        let email = &body["methodCalls"][1][1]["create"]["template"];
        assert_eq!(email["mailboxIds"], json!({"#tpl": true}));
        assert_eq!(email["keywords"]["$draft"], true);
        assert_eq!(body["methodCalls"][2][0], "Mailbox/get");
        let (req, _) = save_request("u", &d, Some("M7"), "Modèles");
        assert_eq!(req.len(), 2);
        assert_eq!(
            req.to_json()["methodCalls"][0][1]["create"]["template"]["mailboxIds"],
            json!({"M7": true})
        );
    }

    #[test]
    fn finds_the_folder_by_name() {
        let b = |id: &str, name: &str, role: Option<&str>| Mailbox {
            id: id.into(),
            name: name.into(),
            role: role.map(Into::into),
            ..Mailbox::default()
        };
        let boxes = vec![
            b("1", "Brouillons", Some("drafts")),
            b("2", "Modèles", None),
        ];
        assert_eq!(folder(&boxes).map(|m| m.id.as_str()), Some("2"));
        assert!(folder(&boxes[..1]).is_none());
    }
}
