//! Contacts as the app models them, read from Cyrus's legacy
//! `https://cyrusimap.org/ns/jmap/contacts` (Contact, ContactGroup). The
//! RFC 9610 ContactCard adapter will map onto the same model.

use super::request::{Call, GetArgs, Request};
use super::response::{GetResponse, Response};
use super::session::{CORE, CYRUS_CONTACTS};
use super::Error;
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Person {
    pub id: String,
    /// What lists show: « Prénom Nom », else the organisation.
    pub name: String,
    pub emails: Vec<String>,
    pub first_name: String,
    pub last_name: String,
    pub company: String,
    pub job_title: String,
    pub phones: Vec<String>,
    pub notes: String,
}

/// What the contact form edits.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContactFields {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub company: String,
    pub job_title: String,
    pub notes: String,
}

/// A change to the address book, sent with the whole book re-read in the
/// same request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookChange {
    CreateContact(ContactFields),
    /// An import: many at once.
    CreateContacts(Vec<ContactFields>),
    UpdateContact(String, ContactFields),
    DeleteContact(String),
    CreateGroup {
        name: String,
        member_ids: Vec<String>,
    },
    SetMembers {
        group_id: String,
        member_ids: Vec<String>,
    },
    DeleteGroup(String),
}

fn contact_json(f: &ContactFields) -> serde_json::Value {
    let list = |kind: &str, v: &str| {
        let v = v.trim();
        if v.is_empty() {
            serde_json::json!([])
        } else {
            serde_json::json!([{ "type": kind, "value": v, "isDefault": true }])
        }
    };
    serde_json::json!({
        "firstName": f.first_name.trim(),
        "lastName": f.last_name.trim(),
        "company": f.company.trim(),
        "jobTitle": f.job_title.trim(),
        "notes": f.notes.trim(),
        "emails": list("work", &f.email),
        "phones": list("work", &f.phone),
    })
}

pub fn change_request(account: &str, change: &BookChange) -> (Request, Call, BookCalls) {
    use serde_json::json;
    let mut req = Request::new().using(&[CORE, CYRUS_CONTACTS]);
    let (method, args) = match change {
        BookChange::CreateContact(f) => (
            "Contact/set",
            json!({ "create": { "new": contact_json(f) } }),
        ),
        BookChange::CreateContacts(list) => {
            let create: serde_json::Map<String, serde_json::Value> = list
                .iter()
                .enumerate()
                .map(|(i, f)| (format!("n{i}"), contact_json(f)))
                .collect();
            ("Contact/set", json!({ "create": create }))
        }
        BookChange::UpdateContact(id, f) => (
            "Contact/set",
            json!({ "update": { id.as_str(): contact_json(f) } }),
        ),
        BookChange::DeleteContact(id) => ("Contact/set", json!({ "destroy": [id] })),
        BookChange::CreateGroup { name, member_ids } => (
            "ContactGroup/set",
            json!({ "create": { "new": { "name": name.trim(), "contactIds": member_ids } } }),
        ),
        BookChange::SetMembers {
            group_id,
            member_ids,
        } => (
            "ContactGroup/set",
            json!({ "update": { group_id.as_str(): { "contactIds": member_ids } } }),
        ),
        BookChange::DeleteGroup(id) => ("ContactGroup/set", json!({ "destroy": [id] })),
    };
    let mut args = args;
    args["accountId"] = json!(account);
    let set = req.call(method, &args);
    let (contacts, groups) = book_calls(&mut req, account);
    (req, set, BookCalls { contacts, groups })
}

fn book_calls(req: &mut Request, account: &str) -> (Call, Call) {
    let contacts = req.call(
        "Contact/get",
        &GetArgs::all(account).properties(&[
            "id",
            "firstName",
            "lastName",
            "company",
            "jobTitle",
            "emails",
            "phones",
            "notes",
        ]),
    );
    let groups = req.call("ContactGroup/get", &GetArgs::all(account));
    (contacts, groups)
}

/// The id a change created, or its refusal.
pub fn read_change(resp: &Response, set: &Call) -> Result<Option<String>, Error> {
    resp.get::<super::response::SetResponse>(set)?
        .created_id("new")
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub member_ids: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CyrusEmail {
    #[serde(default)]
    value: String,
    #[serde(default)]
    is_default: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CyrusContact {
    id: String,
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    company: String,
    #[serde(default)]
    job_title: String,
    #[serde(default)]
    emails: Vec<CyrusEmail>,
    #[serde(default)]
    phones: Vec<CyrusEmail>,
    #[serde(default)]
    notes: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CyrusGroup {
    id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    contact_ids: Vec<String>,
}

pub struct BookCalls {
    contacts: Call,
    groups: Call,
}

/// The whole address book (people and groups) in one request.
pub fn book_request(account: &str) -> (Request, BookCalls) {
    let mut req = Request::new().using(&[CORE, CYRUS_CONTACTS]);
    let (contacts, groups) = book_calls(&mut req, account);
    (req, BookCalls { contacts, groups })
}

pub fn read_book(resp: &Response, calls: &BookCalls) -> Result<(Vec<Person>, Vec<Group>), Error> {
    let contacts: GetResponse<CyrusContact> = resp.get(&calls.contacts)?;
    let groups: GetResponse<CyrusGroup> = resp.get(&calls.groups)?;
    let people = contacts
        .list
        .into_iter()
        .map(|c| {
            let name = format!("{} {}", c.first_name.trim(), c.last_name.trim())
                .trim()
                .to_string();
            let mut emails: Vec<&CyrusEmail> = c
                .emails
                .iter()
                .filter(|e| !e.value.trim().is_empty())
                .collect();
            emails.sort_by_key(|e| !e.is_default);
            Person {
                id: c.id,
                name: if name.is_empty() {
                    c.company.clone()
                } else {
                    name
                },
                emails: emails
                    .into_iter()
                    .map(|e| e.value.trim().to_string())
                    .collect(),
                first_name: c.first_name,
                last_name: c.last_name,
                company: c.company,
                job_title: c.job_title,
                phones: c
                    .phones
                    .into_iter()
                    .map(|p| p.value.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect(),
                notes: c.notes,
            }
        })
        .collect();
    let groups = groups
        .list
        .into_iter()
        .map(|g| Group {
            id: g.id,
            name: g.name,
            member_ids: g.contact_ids,
        })
        .collect();
    Ok((people, groups))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_cyrus_book() {
        let resp = Response::parse(include_str!("fixtures/contact_get.json")).unwrap();
        // The fixture holds Contact/get then ContactGroup/get, c0 and c1.
        let (_, calls) = book_request("u");
        let (people, groups) = read_book(&resp, &calls).unwrap();
        assert!(people
            .iter()
            .any(|p| p.name == "Hélène Garnier" && p.emails == ["helene.garnier@ac-toulouse.fr"]));
        let class = groups
            .iter()
            .find(|g| g.name == "3e B")
            .expect("3e B group");
        assert!(!class.member_ids.is_empty());
        let garnier = people.iter().find(|p| p.name == "Hélène Garnier").unwrap();
        assert_eq!(garnier.job_title, "Principale");
        assert_eq!(garnier.phones, ["05 61 52 40 01"]);
    }

    #[test]
    fn changes_come_with_the_book_reread() {
        let fields = ContactFields {
            first_name: " Camille ".into(),
            last_name: "Roussel".into(),
            email: "camille@example.org".into(),
            ..ContactFields::default()
        };
        let (req, set, _) = change_request("u", &BookChange::CreateContact(fields));
        let body = req.to_json();
        assert_eq!(set.method, "Contact/set");
        let c = &body["methodCalls"][0][1]["create"]["new"];
        assert_eq!(c["firstName"], "Camille");
        assert_eq!(c["emails"][0]["value"], "camille@example.org");
        assert_eq!(c["phones"], serde_json::json!([]));
        assert_eq!(body["methodCalls"][1][0], "Contact/get");
        assert_eq!(body["methodCalls"][2][0], "ContactGroup/get");
        let (req, set, _) = change_request(
            "u",
            &BookChange::CreateGroup {
                name: "Sortie".into(),
                member_ids: vec!["C1".into()],
            },
        );
        assert_eq!(set.method, "ContactGroup/set");
        assert_eq!(
            req.to_json()["methodCalls"][0][1]["create"]["new"]["contactIds"],
            serde_json::json!(["C1"])
        );
        let ok = Response::parse(
            r#"{"methodResponses":[["ContactGroup/set",{"created":{"new":{"id":"G9"}}},"c0"]]}"#,
        )
        .unwrap();
        assert_eq!(read_change(&ok, &set), Ok(Some("G9".into())));
    }
}
