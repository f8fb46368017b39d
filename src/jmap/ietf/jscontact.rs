//! RFC 9553 JSContact Cards (as RFC 9610 ContactCard carries them) ↔ the
//! app's `Person`, `Group` and `ContactFields`. Unknown properties are
//! ignored; `null` reads as absent; a wrong type is a decoding error. The
//! ContactCard/set bodies are in `jscontact_set`.

use super::or_default;
use crate::jmap::contacts::{CardKeys, Group, Kind, Person, PostalAddress, Typed};

pub use super::jscontact_set::{card_create, card_update, group_create, members};
use serde::Deserialize;
use std::collections::BTreeMap;

/// RFC 9553 §2.2.1.2 Name, §2.5.1.1 Address: both are lists of components.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(default)]
pub struct Component {
    #[serde(deserialize_with = "or_default")]
    pub kind: String,
    #[serde(deserialize_with = "or_default")]
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(default)]
pub struct Name {
    #[serde(deserialize_with = "or_default")]
    pub components: Vec<Component>,
    #[serde(deserialize_with = "or_default")]
    pub full: String,
}

/// §2.3.1 EmailAddress and §2.3.3 Phone share what is read here.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(default)]
pub struct Contact {
    #[serde(deserialize_with = "or_default")]
    pub address: String,
    #[serde(deserialize_with = "or_default")]
    pub number: String,
    #[serde(deserialize_with = "or_default")]
    pub contexts: BTreeMap<String, bool>,
    #[serde(deserialize_with = "or_default")]
    pub features: BTreeMap<String, bool>,
    /// 1 (most preferred) to 100; absent ranks last.
    pub pref: Option<u32>,
}

/// §2.2.3 Organization, §2.2.5 Title (`kind` defaults to `title`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(default)]
pub struct Named {
    #[serde(deserialize_with = "or_default")]
    pub name: String,
    pub kind: Option<String>,
}

/// §2.8.3 Note.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(default)]
pub struct Note {
    #[serde(deserialize_with = "or_default")]
    pub note: String,
}

/// §2.5.1 Address.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(default)]
pub struct Address {
    #[serde(deserialize_with = "or_default")]
    pub components: Vec<Component>,
    #[serde(deserialize_with = "or_default")]
    pub full: String,
    #[serde(deserialize_with = "or_default")]
    pub contexts: BTreeMap<String, bool>,
    pub pref: Option<u32>,
}

/// §2.8.1 Anniversary; `date` is a PartialDate or a Timestamp (`utc`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(default)]
pub struct Anniversary {
    #[serde(deserialize_with = "or_default")]
    pub kind: String,
    #[serde(deserialize_with = "or_default")]
    pub date: DateParts,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(default)]
pub struct DateParts {
    pub year: Option<u32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub utc: Option<String>,
}

/// A Card (RFC 9553 §2) with RFC 9610 §2's `id` and `addressBookIds`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct Card {
    #[serde(deserialize_with = "or_default")]
    pub id: String,
    #[serde(deserialize_with = "or_default")]
    pub uid: String,
    /// `individual` when absent (§2.1.4).
    #[serde(deserialize_with = "or_default")]
    pub kind: String,
    #[serde(deserialize_with = "or_default")]
    pub name: Name,
    #[serde(deserialize_with = "or_default")]
    pub emails: BTreeMap<String, Contact>,
    #[serde(deserialize_with = "or_default")]
    pub phones: BTreeMap<String, Contact>,
    #[serde(deserialize_with = "or_default")]
    pub organizations: BTreeMap<String, Named>,
    #[serde(deserialize_with = "or_default")]
    pub titles: BTreeMap<String, Named>,
    #[serde(deserialize_with = "or_default")]
    pub notes: BTreeMap<String, Note>,
    #[serde(deserialize_with = "or_default")]
    pub addresses: BTreeMap<String, Address>,
    #[serde(deserialize_with = "or_default")]
    pub anniversaries: BTreeMap<String, Anniversary>,
    /// Group members by card uid (§2.1.6), not by JMAP id.
    #[serde(deserialize_with = "or_default")]
    pub members: BTreeMap<String, bool>,
    #[serde(deserialize_with = "or_default")]
    pub address_book_ids: BTreeMap<String, bool>,
}

/// RFC 9610 §2.1 AddressBook, as far as the app needs it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct AddressBook {
    #[serde(deserialize_with = "or_default")]
    pub id: String,
    #[serde(deserialize_with = "or_default")]
    pub name: String,
    #[serde(deserialize_with = "or_default")]
    pub is_default: bool,
    pub my_rights: Option<BookRights>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct BookRights {
    #[serde(deserialize_with = "or_default")]
    pub may_write: bool,
}

/// Where new cards go: the default book, else the first writable, else the first.
pub fn default_book(books: &[AddressBook]) -> Option<&str> {
    books
        .iter()
        .find(|b| b.is_default)
        .or_else(|| {
            books
                .iter()
                .find(|b| b.my_rights.as_ref().is_some_and(|r| r.may_write))
        })
        .or(books.first())
        .map(|b| b.id.as_str())
}

/// Values of a JSContact map, most preferred first, then by key.
fn by_pref<T>(map: &BTreeMap<String, T>, pref: impl Fn(&T) -> Option<u32>) -> Vec<&T> {
    let mut v: Vec<&T> = map.values().collect();
    v.sort_by_key(|t| pref(t).unwrap_or(u32::MAX)); // stable: key order kept
    v
}

fn join(parts: &[Component], kinds: &[&str]) -> String {
    parts
        .iter()
        .filter(|c| kinds.contains(&c.kind.as_str()))
        .map(|c| c.value.trim())
        .filter(|v| !v.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `work` / `private` contexts (RFC 9553 §1.4.1) → Travail / Domicile.
fn context_kind(contexts: &BTreeMap<String, bool>) -> Kind {
    let on = |k: &str| contexts.get(k).copied().unwrap_or(false);
    if on("work") {
        Kind::Work
    } else if on("private") {
        Kind::Home
    } else {
        Kind::Other
    }
}

/// Phones: the `mobile` and `fax` features first (§2.3.3), then contexts.
fn phone_kind(p: &Contact) -> Kind {
    let on = |k: &str| p.features.get(k).copied().unwrap_or(false);
    if on("mobile") {
        Kind::Mobile
    } else if on("fax") {
        Kind::Fax
    } else {
        context_kind(&p.contexts)
    }
}

fn postal(a: &Address) -> PostalAddress {
    let c = &a.components;
    let street = join(
        c,
        &[
            "number",
            "name",
            "block",
            "building",
            "floor",
            "apartment",
            "room",
            "direction",
        ],
    );
    PostalAddress {
        kind: context_kind(&a.contexts),
        street: if street.is_empty() && c.is_empty() {
            a.full.trim().to_string()
        } else {
            street
        },
        postcode: join(c, &["postcode"]),
        locality: join(c, &["locality"]),
        region: join(c, &["region"]),
        country: join(c, &["country"]),
    }
}

/// `YYYY-MM-DD`, or `--MM-DD` without a year (as vCard writes it).
fn iso_date(d: &DateParts) -> Option<String> {
    if let Some(utc) = &d.utc {
        return utc.get(0..10).map(str::to_string);
    }
    match (d.year, d.month?, d.day?) {
        (_, m, dd) if !(1..=12).contains(&m) || !(1..=31).contains(&dd) => None,
        (Some(y), m, dd) => Some(format!("{y:04}-{m:02}-{dd:02}")),
        (None, m, dd) => Some(format!("--{m:02}-{dd:02}")),
    }
}

impl Card {
    pub fn is_group(&self) -> bool {
        self.kind == "group"
    }

    fn company(&self) -> String {
        self.organizations
            .values()
            .map(|o| o.name.trim())
            .find(|n| !n.is_empty())
            .unwrap_or_default()
            .to_string()
    }

    /// « Prénom Nom », else the card's full name, else the organisation.
    fn display_name(&self) -> String {
        let c = &self.name.components;
        let name = format!(
            "{} {}",
            join(c, &["given"]),
            join(c, &["surname", "surname2"])
        );
        let found = [name.trim(), self.name.full.trim()]
            .into_iter()
            .find(|n| !n.is_empty())
            .map(str::to_string);
        found.unwrap_or_else(|| self.company())
    }

    pub fn person(&self) -> Person {
        let c = &self.name.components;
        Person {
            id: self.id.clone(),
            uid: self.uid.clone(),
            name: self.display_name(),
            emails: by_pref(&self.emails, |e| e.pref)
                .into_iter()
                .map(|e| Typed::new(context_kind(&e.contexts), e.address.trim()))
                .filter(|e| !e.value.is_empty())
                .collect(),
            first_name: join(c, &["given"]),
            last_name: join(c, &["surname", "surname2"]),
            company: self.company(),
            job_title: self
                .titles
                .values()
                .filter(|t| t.kind.as_deref().unwrap_or("title") == "title")
                .map(|t| t.name.trim())
                .find(|n| !n.is_empty())
                .unwrap_or_default()
                .to_string(),
            phones: by_pref(&self.phones, |p| p.pref)
                .into_iter()
                .map(|p| {
                    let n = p.number.trim();
                    Typed::new(phone_kind(p), n.strip_prefix("tel:").unwrap_or(n))
                })
                .filter(|p| !p.value.is_empty())
                .collect(),
            notes: self
                .notes
                .values()
                .map(|n| n.note.trim())
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>()
                .join("\n\n"),
            addresses: by_pref(&self.addresses, |a| a.pref)
                .into_iter()
                .map(postal)
                .filter(|a| !a.is_empty())
                .collect(),
            birthday: self.birth().and_then(|(_, d)| d),
            card_keys: CardKeys {
                birthday: self.birth().map(|(k, _)| k.to_string()),
                has_anniversaries: !self.anniversaries.is_empty(),
            },
        }
    }

    /// The first birth anniversary: its key, and its date if readable.
    fn birth(&self) -> Option<(&str, Option<String>)> {
        let births = || self.anniversaries.iter().filter(|(_, a)| a.kind == "birth");
        births()
            .find_map(|(k, a)| iso_date(&a.date).map(|d| (k.as_str(), Some(d))))
            .or_else(|| births().next().map(|(k, _)| (k.as_str(), None)))
    }

    /// A group card; members are named by uid, the app names them by id
    /// (a uid not in the book stays as it is, so that it survives a save).
    pub fn group(&self, id_of_uid: &BTreeMap<&str, &str>) -> Group {
        Group {
            id: self.id.clone(),
            name: self.display_name(),
            member_ids: self
                .members
                .iter()
                .filter(|(_, on)| **on)
                .map(|(uid, _)| {
                    id_of_uid
                        .get(uid.as_str())
                        .unwrap_or(&uid.as_str())
                        .to_string()
                })
                .collect(),
        }
    }
}

/// The people and groups of a ContactCard/get list.
pub fn book(cards: &[Card]) -> (Vec<Person>, Vec<Group>) {
    let id_of_uid: BTreeMap<&str, &str> = cards
        .iter()
        .filter(|c| !c.uid.is_empty())
        .map(|c| (c.uid.as_str(), c.id.as_str()))
        .collect();
    let people = cards
        .iter()
        .filter(|c| !c.is_group())
        .map(Card::person)
        .collect();
    let groups = cards
        .iter()
        .filter(|c| c.is_group())
        .map(|c| c.group(&id_of_uid))
        .collect();
    (people, groups)
}
