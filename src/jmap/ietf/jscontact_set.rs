//! ContactCard/set bodies (RFC 9610 §3.3) of the app's `ContactFields` and
//! groups: RFC 9553 Cards, keyed `e1`, `p1`, `a1`…; Travail / Domicile are
//! the `work` / `private` contexts, Mobile / Fax the phone features.

use crate::jmap::contacts::{CardKeys, ContactFields, Kind, Person, PostalAddress};
use serde_json::{json, Map, Value};

fn contexts_of(k: Kind) -> Value {
    match k {
        Kind::Work => json!({ "work": true }),
        Kind::Home => json!({ "private": true }),
        _ => Value::Null,
    }
}

/// `{ "e1": …, "e2": … }`, `null` when there is none.
fn keyed(prefix: &str, values: impl Iterator<Item = Value>) -> Value {
    let m: Map<String, Value> = values
        .enumerate()
        .map(|(i, v)| (format!("{prefix}{}", i + 1), v))
        .collect();
    if m.is_empty() {
        Value::Null
    } else {
        Value::Object(m)
    }
}

fn with_contexts(v: &mut Value, k: Kind) {
    let c = contexts_of(k);
    if !c.is_null() {
        v["contexts"] = c;
    }
}

/// §2.5.1.1: the street as one `name` component (the form does not split
/// number and street).
fn address(a: PostalAddress) -> Value {
    let components: Vec<Value> = [
        ("name", &a.street),
        ("postcode", &a.postcode),
        ("locality", &a.locality),
        ("region", &a.region),
        ("country", &a.country),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| json!({ "@type": "AddressComponent", "kind": k, "value": v }))
    .collect();
    let mut v = json!({ "@type": "Address", "components": components });
    with_contexts(&mut v, a.kind);
    v
}

/// §2.8.1 with a PartialDate; `--MM-DD` has no year.
fn birth_anniversary(iso: &str) -> Option<Value> {
    let num = |r: std::ops::Range<usize>| iso.get(r).and_then(|p| p.parse::<u32>().ok());
    let mut date = json!({ "@type": "PartialDate" });
    if let Some(rest) = iso.strip_prefix("--") {
        date["month"] = json!(rest.get(0..2)?.parse::<u32>().ok()?);
        date["day"] = json!(rest.get(3..5)?.parse::<u32>().ok()?);
    } else {
        date["year"] = json!(num(0..4)?);
        date["month"] = json!(num(5..7)?);
        date["day"] = json!(num(8..10)?);
    }
    Some(json!({ "@type": "Anniversary", "kind": "birth", "date": date }))
}

fn one(prefix: &str, v: &str, o: Value) -> Value {
    if v.trim().is_empty() {
        Value::Null
    } else {
        json!({ format!("{prefix}1"): o })
    }
}

/// The properties the contact form owns, `null` when empty (a patch removes
/// them; a creation leaves them out).
fn owned(f: &ContactFields) -> Map<String, Value> {
    let (first, last) = (f.first_name.trim(), f.last_name.trim());
    let components: Vec<Value> = [("given", first), ("surname", last)]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| json!({ "@type": "NameComponent", "kind": k, "value": v }))
        .collect();
    let full = format!("{first} {last}").trim().to_string();
    let name = if components.is_empty() {
        Value::Null
    } else {
        json!({ "@type": "Name", "components": components, "isOrdered": true, "full": full })
    };
    let mut o = Map::new();
    o.insert("name".into(), name);
    let emails = ContactFields::filled(&f.emails).map(|e| {
        let mut v = json!({ "@type": "EmailAddress", "address": e.value });
        with_contexts(&mut v, e.kind);
        v
    });
    o.insert("emails".into(), keyed("e", emails));
    let phones = ContactFields::filled(&f.phones).map(|p| {
        let feature = match p.kind {
            Kind::Mobile => "mobile",
            Kind::Fax => "fax",
            _ => "voice",
        };
        let mut v = json!({ "@type": "Phone", "number": p.value, "features": { feature: true } });
        with_contexts(&mut v, p.kind);
        v
    });
    o.insert("phones".into(), keyed("p", phones));
    o.insert(
        "addresses".into(),
        keyed("a", f.filled_addresses().map(address)),
    );
    o.insert(
        "organizations".into(),
        one(
            "o",
            &f.company,
            json!({ "@type": "Organization", "name": f.company.trim() }),
        ),
    );
    o.insert(
        "titles".into(),
        one(
            "t",
            &f.job_title,
            json!({ "@type": "Title", "kind": "title", "name": f.job_title.trim() }),
        ),
    );
    o.insert(
        "notes".into(),
        one(
            "n",
            &f.notes,
            json!({ "@type": "Note", "note": f.notes.trim() }),
        ),
    );
    o
}

fn in_book(o: &mut Map<String, Value>, address_book: Option<&str>) {
    if let Some(b) = address_book {
        o.insert("addressBookIds".into(), json!({ b: true }));
    }
}

/// ContactCard/set `create` body of an individual.
pub fn card_create(f: &ContactFields, address_book: Option<&str>) -> Value {
    let mut o = Map::new();
    o.insert("@type".into(), json!("Card"));
    o.insert("version".into(), json!("1.0"));
    o.insert("kind".into(), json!("individual"));
    in_book(&mut o, address_book);
    o.extend(owned(f).into_iter().filter(|(_, v)| !v.is_null()));
    if let Some(b) = f.birthday.as_deref().and_then(birth_anniversary) {
        o.insert("anniversaries".into(), json!({ "birth": b }));
    }
    Value::Object(o)
}

/// ContactCard/set `update` patch: what the form owns, nothing else (the
/// card's other anniversaries, photos... stay as they are). `keys`: what was
/// read of the card, so that the birthday alone is patched.
pub fn card_update(f: &ContactFields, keys: &CardKeys) -> Value {
    let mut o = owned(f);
    let birth = f.birthday.as_deref().and_then(birth_anniversary);
    match (&keys.birthday, keys.has_anniversaries) {
        (Some(k), _) => {
            o.insert(format!("anniversaries/{k}"), birth.unwrap_or(Value::Null));
        }
        // RFC 8620 §5.3: a patch path's parent must exist.
        (None, true) => {
            if let Some(b) = birth {
                o.insert("anniversaries/birth".into(), b);
            }
        }
        (None, false) => {
            o.insert(
                "anniversaries".into(),
                birth.map_or(Value::Null, |b| json!({ "birth": b })),
            );
        }
    }
    Value::Object(o)
}

/// RFC 9553 `members`: the people's uids (an id not in the book is taken
/// for a uid).
pub fn members(member_ids: &[String], people: &[Person]) -> Value {
    let m: Map<String, Value> = member_ids
        .iter()
        .map(|id| {
            let uid = people
                .iter()
                .find(|p| &p.id == id && !p.uid.is_empty())
                .map_or(id.as_str(), |p| p.uid.as_str());
            (uid.to_string(), json!(true))
        })
        .collect();
    Value::Object(m)
}

/// ContactCard/set `create` body of a group (RFC 9553 §2.1.4, `kind: group`).
pub fn group_create(
    name: &str,
    member_ids: &[String],
    people: &[Person],
    address_book: Option<&str>,
) -> Value {
    let mut o = Map::new();
    o.insert("@type".into(), json!("Card"));
    o.insert("version".into(), json!("1.0"));
    o.insert("kind".into(), json!("group"));
    in_book(&mut o, address_book);
    o.insert(
        "name".into(),
        json!({ "@type": "Name", "full": name.trim() }),
    );
    o.insert("members".into(), members(member_ids, people));
    Value::Object(o)
}
