//! Contacts as the app models them, read from Cyrus's legacy
//! `https://cyrusimap.org/ns/jmap/contacts` (Contact, ContactGroup) or from
//! RFC 9610 (AddressBook, ContactCard), whichever the session offers
//! (`ietf::ContactsDialect`; the `*_for` functions take it, the others are
//! the Cyrus form).

use super::cyrus_contact::{self, CyrusContact};
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
    /// Preferred (Cyrus: default) first; `addresses()` for the bare values.
    pub emails: Vec<Typed>,
    pub first_name: String,
    pub last_name: String,
    pub company: String,
    pub job_title: String,
    pub phones: Vec<Typed>,
    pub notes: String,
    /// Preferred first.
    pub addresses: Vec<PostalAddress>,
    /// `YYYY-MM-DD`, or `--MM-DD` without the year.
    pub birthday: Option<String>,
    /// What an IETF card's update must know of the card as read.
    pub card_keys: CardKeys,
}

impl Person {
    /// The e-mail addresses alone, preferred first.
    pub fn email_addresses(&self) -> impl Iterator<Item = &str> {
        self.emails.iter().map(|e| e.value.as_str())
    }

    /// The first (preferred) e-mail address.
    pub fn first_email(&self) -> Option<&str> {
        self.email_addresses().next()
    }

    pub fn has_email(&self, email: &str) -> bool {
        self.email_addresses()
            .any(|e| e.eq_ignore_ascii_case(email.trim()))
    }

    /// What the contact form starts from.
    pub fn fields(&self) -> ContactFields {
        ContactFields {
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            emails: self.emails.clone(),
            phones: self.phones.clone(),
            addresses: self.addresses.clone(),
            birthday: self.birthday.clone(),
            company: self.company.clone(),
            job_title: self.job_title.clone(),
            notes: self.notes.clone(),
        }
    }
}

/// The type of an e-mail address, phone or postal address. E-mails and
/// postal addresses are Travail, Domicile or Autre; phones may also be
/// Mobile or Fax.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord)]
pub enum Kind {
    #[default]
    Work,
    Home,
    Mobile,
    Fax,
    Other,
}

impl Kind {
    pub const EMAIL: [Kind; 3] = [Kind::Work, Kind::Home, Kind::Other];
    pub const PHONE: [Kind; 5] = [Kind::Work, Kind::Home, Kind::Mobile, Kind::Fax, Kind::Other];
    pub const ADDRESS: [Kind; 3] = Kind::EMAIL;

    /// A stable name (form values, vCard TYPE in lower case).
    pub fn code(self) -> &'static str {
        match self {
            Kind::Work => "work",
            Kind::Home => "home",
            Kind::Mobile => "mobile",
            Kind::Fax => "fax",
            Kind::Other => "other",
        }
    }

    /// `code`'s inverse; anything else is Autre.
    pub fn from_code(code: &str) -> Kind {
        [Kind::Work, Kind::Home, Kind::Mobile, Kind::Fax]
            .into_iter()
            .find(|k| k.code().eq_ignore_ascii_case(code.trim()))
            .unwrap_or(Kind::Other)
    }

    /// Its catalogue key (« Travail », « Domicile »…).
    pub fn label_key(self) -> &'static str {
        match self {
            Kind::Work => "contacts.kind.work",
            Kind::Home => "contacts.kind.home",
            Kind::Mobile => "contacts.kind.mobile",
            Kind::Fax => "contacts.kind.fax",
            Kind::Other => "contacts.kind.other",
        }
    }
}

/// An e-mail address or a phone number with its type.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Typed {
    pub kind: Kind,
    pub value: String,
}

impl Typed {
    pub fn new(kind: Kind, value: impl Into<String>) -> Self {
        Typed {
            kind,
            value: value.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PostalAddress {
    pub kind: Kind,
    pub street: String,
    pub postcode: String,
    pub locality: String,
    pub region: String,
    pub country: String,
}

impl PostalAddress {
    pub fn is_empty(&self) -> bool {
        [
            &self.street,
            &self.postcode,
            &self.locality,
            &self.region,
            &self.country,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
    }

    /// « 12 rue des Lois, 31000 Toulouse, Occitanie, France ».
    pub fn one_line(&self) -> String {
        let town = format!("{} {}", self.postcode.trim(), self.locality.trim());
        [
            self.street.trim().replace('\n', ", ").as_str(),
            town.trim(),
            self.region.trim(),
            self.country.trim(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
    }
}

/// What an update of an IETF card must know of it as read: the key of its
/// birth anniversary and whether it has others (so that a patch changes the
/// birthday alone). Empty from Cyrus, whose contacts have one `birthday`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CardKeys {
    pub birthday: Option<String>,
    pub has_anniversaries: bool,
}

/// What the contact form edits. Empty rows are left out when sent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContactFields {
    pub first_name: String,
    pub last_name: String,
    pub emails: Vec<Typed>,
    pub phones: Vec<Typed>,
    pub addresses: Vec<PostalAddress>,
    /// `YYYY-MM-DD` or `--MM-DD`.
    pub birthday: Option<String>,
    pub company: String,
    pub job_title: String,
    pub notes: String,
}

impl ContactFields {
    /// The rows worth sending: trimmed, empty ones left out.
    pub fn filled(list: &[Typed]) -> impl Iterator<Item = Typed> + '_ {
        list.iter()
            .map(|t| Typed::new(t.kind, t.value.trim()))
            .filter(|t| !t.value.is_empty())
    }

    pub fn filled_addresses(&self) -> impl Iterator<Item = PostalAddress> + '_ {
        self.addresses
            .iter()
            .filter(|a| !a.is_empty())
            .map(|a| PostalAddress {
                kind: a.kind,
                street: a.street.trim().to_string(),
                postcode: a.postcode.trim().to_string(),
                locality: a.locality.trim().to_string(),
                region: a.region.trim().to_string(),
                country: a.country.trim().to_string(),
            })
    }

    /// The first e-mail address (duplicates, « Ajouter aux contacts »).
    pub fn first_email(&self) -> Option<String> {
        Self::filled(&self.emails).next().map(|t| t.value)
    }
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

pub fn change_request(account: &str, change: &BookChange) -> (Request, Call, BookCalls) {
    use serde_json::json;
    let mut req = Request::new().using(&[CORE, CYRUS_CONTACTS]);
    let (method, args) = match change {
        BookChange::CreateContact(f) => (
            "Contact/set",
            json!({ "create": { "new": cyrus_contact::contact_json(f) } }),
        ),
        BookChange::CreateContacts(list) => {
            let create: serde_json::Map<String, serde_json::Value> = list
                .iter()
                .enumerate()
                .map(|(i, f)| (format!("n{i}"), cyrus_contact::contact_json(f)))
                .collect();
            ("Contact/set", json!({ "create": create }))
        }
        BookChange::UpdateContact(id, f) => (
            "Contact/set",
            json!({ "update": { id.as_str(): cyrus_contact::contact_json(f) } }),
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
            let keys = target
                .people
                .iter()
                .find(|p| &p.id == id)
                .map(|p| p.card_keys.clone())
                .unwrap_or_default();
            json!({ "update": { id.as_str(): jscontact::card_update(f, &keys) } })
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
        &GetArgs::all(account).properties(&cyrus_contact::PROPERTIES),
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
        .map(CyrusContact::person)
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
        assert!(people.iter().any(|p| p.name == "Hélène Garnier"
            && p.emails == [Typed::new(Kind::Work, "helene.garnier@ac-toulouse.fr")]));
        let class = groups
            .iter()
            .find(|g| g.name == "3e B")
            .expect("3e B group");
        assert!(!class.member_ids.is_empty());
        let garnier = people.iter().find(|p| p.name == "Hélène Garnier").unwrap();
        assert_eq!(garnier.job_title, "Principale");
        assert_eq!(garnier.phones, [Typed::new(Kind::Work, "05 61 52 40 01")]);
        // « 0000-00-00 »: no birthday; `addresses: []`.
        assert!(garnier.birthday.is_none() && garnier.addresses.is_empty());
    }

    #[test]
    fn changes_come_with_the_book_reread() {
        let fields = ContactFields {
            first_name: " Camille ".into(),
            last_name: "Roussel".into(),
            emails: vec![Typed::new(Kind::Home, "camille@example.org")],
            ..ContactFields::default()
        };
        let (req, set, _) = change_request("u", &BookChange::CreateContact(fields));
        let body = req.to_json();
        assert_eq!(set.method, "Contact/set");
        let c = &body["methodCalls"][0][1]["create"]["new"];
        assert_eq!(c["firstName"], "Camille");
        assert_eq!(c["emails"][0]["value"], "camille@example.org");
        assert_eq!(c["emails"][0]["type"], "personal");
        assert_eq!(c["birthday"], "0000-00-00");
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
