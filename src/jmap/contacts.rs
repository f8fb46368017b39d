//! Contacts as the app models them, read from Cyrus's legacy
//! `https://cyrusimap.org/ns/jmap/contacts` (Contact, ContactGroup) or from
//! RFC 9610 (AddressBook, ContactCard), whichever the session offers
//! (`ietf::ContactsDialect`; the `*_for` functions take it, the others are
//! the Cyrus form).

use super::ietf::jscontact::{self, AddressBook, Card};
use super::ietf::ContactsDialect;
use super::request::{Call, GetArgs, Request};
use super::response::{GetResponse, Response};
use super::session::{CORE, CYRUS_CONTACTS};
use super::Error;
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Person {
    pub id: String,
    /// The card's own uid (RFC 9553 groups name members by it); empty from
    /// Cyrus, whose groups name them by id.
    pub uid: String,
    /// What lists show: « Prénom Nom », else the organisation.
    pub name: String,
    pub emails: Vec<String>,
    pub first_name: String,
    pub last_name: String,
    pub company: String,
    pub job_title: String,
    pub phones: Vec<String>,
    pub notes: String,
    /// Read from IETF cards only (not asked of Cyrus), preferred first.
    pub addresses: Vec<PostalAddress>,
    /// `YYYY-MM-DD`, or `--MM-DD` without the year; IETF cards only.
    pub birthday: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PostalAddress {
    pub street: String,
    pub postcode: String,
    pub locality: String,
    pub region: String,
    pub country: String,
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
    (req, set, BookCalls::cyrus(contacts, groups))
}

/// What an IETF change needs to know of the book: where new cards go
/// (`jscontact::default_book` of the address books read with it) and the
/// people's uids (groups name members by uid).
#[derive(Debug, Clone, Copy, Default)]
pub struct CardTarget<'a> {
    pub address_book_id: Option<&'a str>,
    pub people: &'a [Person],
}

/// `change_request` in either form; `target` only counts for the IETF one.
pub fn change_request_for(
    dialect: ContactsDialect,
    account: &str,
    change: &BookChange,
    target: CardTarget,
) -> (Request, Call, BookCalls) {
    if dialect == ContactsDialect::Cyrus {
        return change_request(account, change);
    }
    use serde_json::json;
    let book = target.address_book_id;
    let mut args = match change {
        BookChange::CreateContact(f) => {
            json!({ "create": { "new": jscontact::card_create(f, book) } })
        }
        BookChange::CreateContacts(list) => {
            let create: serde_json::Map<String, serde_json::Value> = list
                .iter()
                .enumerate()
                .map(|(i, f)| (format!("n{i}"), jscontact::card_create(f, book)))
                .collect();
            json!({ "create": create })
        }
        BookChange::UpdateContact(id, f) => {
            json!({ "update": { id.as_str(): jscontact::card_update(f) } })
        }
        BookChange::DeleteContact(id) | BookChange::DeleteGroup(id) => json!({ "destroy": [id] }),
        BookChange::CreateGroup { name, member_ids } => json!({ "create": {
            "new": jscontact::group_create(name, member_ids, target.people, book)
        } }),
        BookChange::SetMembers {
            group_id,
            member_ids,
        } => json!({ "update": { group_id.as_str(): {
            "members": jscontact::members(member_ids, target.people)
        } } }),
    };
    args["accountId"] = json!(account);
    let mut req = Request::new().using(&dialect.using());
    let set = req.call(dialect.card_set(), &args);
    let calls = ietf_book_calls(&mut req, account);
    (req, set, calls)
}

fn ietf_book_calls(req: &mut Request, account: &str) -> BookCalls {
    let d = ContactsDialect::Ietf;
    BookCalls {
        dialect: d,
        contacts: req.call(d.card_get(), &GetArgs::all(account)),
        groups: None,
        address_books: d
            .address_book_get()
            .map(|m| req.call(m, &GetArgs::all(account))),
    }
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
    dialect: ContactsDialect,
    contacts: Call,
    /// Cyrus's ContactGroup/get (IETF groups are cards).
    groups: Option<Call>,
    /// IETF AddressBook/get.
    address_books: Option<Call>,
}

impl BookCalls {
    fn cyrus(contacts: Call, groups: Call) -> Self {
        BookCalls {
            dialect: ContactsDialect::Cyrus,
            contacts,
            groups: Some(groups),
            address_books: None,
        }
    }
}

/// The whole address book (people and groups) in one request.
pub fn book_request(account: &str) -> (Request, BookCalls) {
    let mut req = Request::new().using(&[CORE, CYRUS_CONTACTS]);
    let (contacts, groups) = book_calls(&mut req, account);
    (req, BookCalls::cyrus(contacts, groups))
}

/// `book_request` in either form (the IETF one reads the address books too).
pub fn book_request_for(dialect: ContactsDialect, account: &str) -> (Request, BookCalls) {
    match dialect {
        ContactsDialect::Cyrus => book_request(account),
        ContactsDialect::Ietf => {
            let mut req = Request::new().using(&dialect.using());
            let calls = ietf_book_calls(&mut req, account);
            (req, calls)
        }
    }
}

/// The address books read with the book (none in the Cyrus form).
pub fn read_address_books(resp: &Response, calls: &BookCalls) -> Result<Vec<AddressBook>, Error> {
    match &calls.address_books {
        Some(call) => Ok(resp.get::<GetResponse<AddressBook>>(call)?.list),
        None => Ok(Vec::new()),
    }
}

pub fn read_book(resp: &Response, calls: &BookCalls) -> Result<(Vec<Person>, Vec<Group>), Error> {
    let groups_call = match (&calls.groups, calls.dialect) {
        (Some(g), ContactsDialect::Cyrus) => g,
        _ => {
            let cards: GetResponse<Card> = resp.get(&calls.contacts)?;
            return Ok(jscontact::book(&cards.list));
        }
    };
    let contacts: GetResponse<CyrusContact> = resp.get(&calls.contacts)?;
    let groups: GetResponse<CyrusGroup> = resp.get(groups_call)?;
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
                ..Person::default()
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
