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
    pub name: String,
    pub emails: Vec<String>,
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
    emails: Vec<CyrusEmail>,
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
    let contacts = req.call(
        "Contact/get",
        &GetArgs::all(account).properties(&["id", "firstName", "lastName", "company", "emails"]),
    );
    let groups = req.call("ContactGroup/get", &GetArgs::all(account));
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
                name: if name.is_empty() { c.company } else { name },
                emails: emails
                    .into_iter()
                    .map(|e| e.value.trim().to_string())
                    .collect(),
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
    }
}
