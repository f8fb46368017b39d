//! Folder management: create, rename, move and delete (Mailbox/set), each in
//! one request that also brings the fresh folder tree back.

use super::mail::MailStore;
use super::mail_requests::MAILBOX_PROPERTIES;
use crate::jmap::client::Client;
use crate::jmap::mail::Mailbox;
use crate::jmap::request::{Call, GetArgs, Request};
use crate::jmap::response::{GetResponse, Response, SetResponse};
use crate::jmap::session::{CORE, MAIL};
use crate::jmap::Error;
use leptos::prelude::*;
use serde_json::{json, Map, Value};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FolderChange {
    Create {
        name: String,
        parent: Option<String>,
    },
    /// Rename and/or move under another parent (None: top level).
    Update {
        id: String,
        name: String,
        parent: Option<String>,
    },
    /// With the messages only in this folder (the page confirms first).
    Delete { id: String },
}

pub fn folder_request(account: &str, change: &FolderChange) -> (Request, Call, Call) {
    let mut req = Request::new().using(&[CORE, MAIL]);
    let mut args = Map::new();
    args.insert("accountId".into(), json!(account));
    match change {
        FolderChange::Create { name, parent } => {
            args.insert(
                "create".into(),
                json!({ "new": { "name": name.trim(), "parentId": parent } }),
            );
        }
        FolderChange::Update { id, name, parent } => {
            let mut update = Map::new();
            update.insert(
                id.clone(),
                json!({ "name": name.trim(), "parentId": parent }),
            );
            args.insert("update".into(), Value::Object(update));
        }
        FolderChange::Delete { id } => {
            args.insert("destroy".into(), json!([id]));
            args.insert("onDestroyRemoveEmails".into(), json!(true));
        }
    }
    let set = req.call("Mailbox/set", &Value::Object(args));
    let get = req.call(
        "Mailbox/get",
        &GetArgs::all(account).properties(MAILBOX_PROPERTIES),
    );
    (req, set, get)
}

/// The id of a created folder, or the first refusal.
pub fn read_folder_set(resp: &Response, set: &Call) -> Result<Option<String>, Error> {
    resp.get::<SetResponse>(set)?.created_id("new")
}

/// A name the server would accept and that does not clash with a sibling.
pub fn name_problem(
    boxes: &[Mailbox],
    name: &str,
    parent: Option<&str>,
    except: Option<&str>,
) -> Option<&'static str> {
    let name = name.trim();
    if name.is_empty() {
        return Some("folders.name_empty");
    }
    if name.contains('/') || name == "." || name == ".." {
        return Some("folders.name_invalid");
    }
    let clash = boxes.iter().any(|b| {
        b.parent_id.as_deref() == parent
            && Some(b.id.as_str()) != except
            && super::folders::collation_key(&b.name) == super::folders::collation_key(name)
    });
    clash.then_some("folders.name_taken")
}

impl MailStore {
    pub async fn change_folder(
        &self,
        client: &Client,
        change: FolderChange,
    ) -> Result<Option<String>, Error> {
        let Some(account) = client.session().mail_account().map(str::to_string) else {
            return Ok(None);
        };
        let (req, set, get) = folder_request(&account, &change);
        let resp = client.send(req).await?;
        let created = read_folder_set(&resp, &set);
        // The tree comes back even when the change was refused.
        if let Ok(fresh) = resp.get::<GetResponse<Mailbox>>(&get) {
            self.mailbox_state.set(fresh.state);
            self.mailboxes.set(fresh.list);
        }
        created
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_changes_are_one_request_with_the_tree() {
        let (req, set, get) = folder_request(
            "u",
            &FolderChange::Create {
                name: " Projets ".into(),
                parent: None,
            },
        );
        let body = req.to_json();
        assert_eq!(
            body["methodCalls"][0][1]["create"]["new"],
            json!({"name": "Projets", "parentId": null})
        );
        assert_eq!((set.id.as_str(), get.id.as_str()), ("c0", "c1"));
        let (req, _, _) = folder_request(
            "u",
            &FolderChange::Update {
                id: "M1".into(),
                name: "Sorties".into(),
                parent: Some("M0".into()),
            },
        );
        assert_eq!(
            req.to_json()["methodCalls"][0][1]["update"]["M1"],
            json!({"name": "Sorties", "parentId": "M0"})
        );
        let (req, _, _) = folder_request("u", &FolderChange::Delete { id: "M1".into() });
        let args = &req.to_json()["methodCalls"][0][1];
        assert_eq!(args["destroy"], json!(["M1"]));
        assert_eq!(args["onDestroyRemoveEmails"], true);
    }

    #[test]
    fn reads_created_ids_and_refusals() {
        let (_, set, _) = folder_request(
            "u",
            &FolderChange::Create {
                name: "X".into(),
                parent: None,
            },
        );
        let ok = Response::parse(
            r#"{"methodResponses":[["Mailbox/set",{"created":{"new":{"id":"M9"}}},"c0"]]}"#,
        )
        .unwrap();
        assert_eq!(read_folder_set(&ok, &set), Ok(Some("M9".into())));
        let refused = Response::parse(
            r#"{"methodResponses":[["Mailbox/set",{"notDestroyed":{"M1":{"type":"mailboxHasChild"}}},"c0"]]}"#,
        )
        .unwrap();
        assert!(read_folder_set(&refused, &set).is_err());
    }

    #[test]
    fn names_are_checked_before_sending() {
        let boxes = vec![Mailbox {
            id: "M1".into(),
            name: "Élèves".into(),
            ..Mailbox::default()
        }];
        assert_eq!(
            name_problem(&boxes, "  ", None, None),
            Some("folders.name_empty")
        );
        assert_eq!(
            name_problem(&boxes, "a/b", None, None),
            Some("folders.name_invalid")
        );
        assert_eq!(
            name_problem(&boxes, "eleves", None, None),
            Some("folders.name_taken")
        );
        assert_eq!(name_problem(&boxes, "eleves", None, Some("M1")), None);
        assert_eq!(name_problem(&boxes, "eleves", Some("M0"), None), None);
        assert_eq!(name_problem(&boxes, "Parents", None, None), None);
    }
}
