//! Cyrus 3.6's legacy Contact (`https://cyrusimap.org/ns/jmap/contacts`) ↔
//! the app's `Person` and `ContactFields`. Measured on the server: e-mail
//! types are `work`, `personal`, `other` (`home` is refused); phone types
//! `work`, `home`, `mobile`, `fax`, `pager`, `other`; address types `work`,
//! `home`, `billing`, `postal`, `other`; `birthday` is `YYYY-MM-DD`,
//! `0000-MM-DD` without a year and `0000-00-00` for none (`""` is refused).

use super::contacts::{ContactFields, Kind, Person, PostalAddress, Typed};
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CyrusValue {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    value: String,
    #[serde(default)]
    is_default: bool,
}

#[derive(Deserialize)]
pub(crate) struct CyrusAddress {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    street: Option<String>,
    #[serde(default)]
    locality: Option<String>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    postcode: Option<String>,
    #[serde(default)]
    country: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CyrusContact {
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
    emails: Vec<CyrusValue>,
    #[serde(default)]
    phones: Vec<CyrusValue>,
    #[serde(default)]
    addresses: Vec<CyrusAddress>,
    #[serde(default)]
    birthday: Option<String>,
    #[serde(default)]
    notes: String,
}

/// The properties the app reads of a Contact.
pub const PROPERTIES: [&str; 10] = [
    "id",
    "firstName",
    "lastName",
    "company",
    "jobTitle",
    "emails",
    "phones",
    "addresses",
    "birthday",
    "notes",
];

fn email_kind(t: &str) -> Kind {
    match t {
        "work" => Kind::Work,
        "personal" | "home" => Kind::Home,
        _ => Kind::Other,
    }
}

fn email_type(k: Kind) -> &'static str {
    match k {
        Kind::Work => "work",
        Kind::Home => "personal",
        _ => "other",
    }
}

/// Phones and addresses: the type is the kind's own name where Cyrus has it.
fn other_kind(t: &str, allowed: &[Kind]) -> Kind {
    let k = Kind::from_code(t);
    if allowed.contains(&k) {
        k
    } else {
        Kind::Other
    }
}

fn address_type(k: Kind) -> &'static str {
    match k {
        Kind::Work | Kind::Home => k.code(),
        _ => "other",
    }
}

/// Cyrus's birthday → `YYYY-MM-DD` / `--MM-DD`, None for `0000-00-00` or
/// anything that is not a date.
pub fn birthday_from_cyrus(s: &str) -> Option<String> {
    let s = s.trim();
    let (y, m, d) = (s.get(0..4)?, s.get(5..7)?, s.get(8..10)?);
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if s.len() != 10 || !digits(y) || !digits(m) || !digits(d) {
        return None;
    }
    let (mm, dd): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    if !(1..=12).contains(&mm) || !(1..=31).contains(&dd) {
        return None;
    }
    Some(if y == "0000" {
        format!("--{m}-{d}")
    } else {
        s.to_string()
    })
}

/// The app's birthday → Cyrus's (`0000-00-00` for none).
pub fn birthday_to_cyrus(b: Option<&str>) -> String {
    match b {
        Some(b) if b.starts_with("--") => format!("0000{}", &b[1..]),
        Some(b) if !b.trim().is_empty() => b.trim().to_string(),
        _ => "0000-00-00".to_string(),
    }
}

fn opt(s: Option<String>) -> String {
    s.unwrap_or_default().trim().to_string()
}

impl CyrusContact {
    pub(crate) fn person(self) -> Person {
        let c = self;
        let name = format!("{} {}", c.first_name.trim(), c.last_name.trim())
            .trim()
            .to_string();
        let mut emails: Vec<&CyrusValue> = c
            .emails
            .iter()
            .filter(|e| !e.value.trim().is_empty())
            .collect();
        emails.sort_by_key(|e| !e.is_default); // stable: order kept otherwise
        let kind = |v: &CyrusValue| v.kind.as_deref().unwrap_or("").to_ascii_lowercase();
        Person {
            id: c.id,
            name: if name.is_empty() {
                c.company.clone()
            } else {
                name
            },
            emails: emails
                .into_iter()
                .map(|e| Typed::new(email_kind(&kind(e)), e.value.trim()))
                .collect(),
            first_name: c.first_name,
            last_name: c.last_name,
            company: c.company,
            job_title: c.job_title,
            phones: c
                .phones
                .iter()
                .filter(|p| !p.value.trim().is_empty())
                .map(|p| Typed::new(other_kind(&kind(p), &Kind::PHONE), p.value.trim()))
                .collect(),
            addresses: c
                .addresses
                .into_iter()
                .map(|a| PostalAddress {
                    kind: other_kind(
                        &a.kind.unwrap_or_default().to_ascii_lowercase(),
                        &Kind::ADDRESS,
                    ),
                    street: opt(a.street),
                    postcode: opt(a.postcode),
                    locality: opt(a.locality),
                    region: opt(a.region),
                    country: opt(a.country),
                })
                .filter(|a| !a.is_empty())
                .collect(),
            birthday: c.birthday.as_deref().and_then(birthday_from_cyrus),
            notes: c.notes,
            ..Person::default()
        }
    }
}

/// Contact/set body (create, or the whole of what the form owns in an update).
pub fn contact_json(f: &ContactFields) -> Value {
    let emails: Vec<Value> = ContactFields::filled(&f.emails)
        .enumerate()
        .map(|(i, e)| json!({ "type": email_type(e.kind), "value": e.value, "isDefault": i == 0 }))
        .collect();
    let phones: Vec<Value> = ContactFields::filled(&f.phones)
        .map(|p| json!({ "type": p.kind.code(), "value": p.value }))
        .collect();
    let addresses: Vec<Value> = f
        .filled_addresses()
        .map(|a| {
            json!({
                "type": address_type(a.kind),
                "street": a.street,
                "locality": a.locality,
                "region": a.region,
                "postcode": a.postcode,
                "country": a.country,
            })
        })
        .collect();
    json!({
        "firstName": f.first_name.trim(),
        "lastName": f.last_name.trim(),
        "company": f.company.trim(),
        "jobTitle": f.job_title.trim(),
        "notes": f.notes.trim(),
        "emails": emails,
        "phones": phones,
        "addresses": addresses,
        "birthday": birthday_to_cyrus(f.birthday.as_deref()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(v: Value) -> Person {
        serde_json::from_value::<CyrusContact>(v).unwrap().person()
    }

    #[test]
    fn birthdays_both_ways() {
        for (cyrus, app) in [
            ("1985-03-14", Some("1985-03-14")),
            ("0000-03-14", Some("--03-14")),
            ("0000-00-00", None),
            ("", None),
            ("1985-13-01", None),
            ("19850314", None),
            ("1985-0a-14", None),
            ("é985-03-14", None),
        ] {
            assert_eq!(birthday_from_cyrus(cyrus).as_deref(), app, "{cyrus}");
        }
        assert_eq!(birthday_to_cyrus(Some("1985-03-14")), "1985-03-14");
        assert_eq!(birthday_to_cyrus(Some("--03-14")), "0000-03-14");
        assert_eq!(birthday_to_cyrus(None), "0000-00-00");
    }

    #[test]
    fn typed_values_as_the_server_holds_them() {
        // Shaped like Contact/get answered by Cyrus 3.6 for a contact
        // created with every type (see the module's note).
        let p = read(json!({
            "id": "C1", "firstName": "Test", "lastName": "Types",
            "emails": [
                { "type": "other", "isDefault": false, "value": "o@x.fr" },
                { "type": "personal", "isDefault": false, "value": "h@x.fr" },
                { "type": "work", "isDefault": true, "value": " w@x.fr " },
                { "type": "work", "value": "  " }
            ],
            "phones": [
                { "type": "mobile", "value": "06" }, { "type": "fax", "value": "05f" },
                { "type": "home", "value": "05h" }, { "type": "pager", "value": "07" },
                { "type": null, "value": "08" }
            ],
            "addresses": [
                { "type": "home", "label": null, "street": "1 rue A\nBât B", "locality": "Toulouse",
                  "region": "Occitanie", "postcode": "31000", "country": "France" },
                { "type": "billing", "street": "2 rue", "locality": null },
                { "type": "work", "street": "", "locality": "" }
            ],
            "birthday": "1985-03-14"
        }));
        assert_eq!(
            p.emails,
            [
                Typed::new(Kind::Work, "w@x.fr"),
                Typed::new(Kind::Other, "o@x.fr"),
                Typed::new(Kind::Home, "h@x.fr"),
            ]
        );
        assert_eq!(p.first_email(), Some("w@x.fr"));
        assert!(p.has_email("H@X.FR"));
        let kinds: Vec<Kind> = p.phones.iter().map(|t| t.kind).collect();
        use Kind::*;
        assert_eq!(kinds, [Mobile, Fax, Home, Other, Other]);
        assert_eq!(p.addresses.len(), 2);
        assert_eq!(
            p.addresses[0],
            PostalAddress {
                kind: Home,
                street: "1 rue A\nBât B".into(),
                postcode: "31000".into(),
                locality: "Toulouse".into(),
                region: "Occitanie".into(),
                country: "France".into(),
            }
        );
        assert_eq!(
            p.addresses[0].one_line(),
            "1 rue A, Bât B, 31000 Toulouse, Occitanie, France"
        );
        assert_eq!(
            (p.addresses[1].kind, p.addresses[1].street.as_str()),
            (Other, "2 rue")
        );
        assert_eq!(p.birthday.as_deref(), Some("1985-03-14"));
        // Nothing at all: empty lists, no birthday.
        let bare = read(json!({ "id": "C2", "birthday": "0000-00-00" }));
        assert!(bare.emails.is_empty() && bare.addresses.is_empty() && bare.birthday.is_none());
        // Wrong types are decoding errors, not panics.
        assert!(
            serde_json::from_value::<CyrusContact>(json!({ "id": "C3", "emails": "a@b" })).is_err()
        );
    }

    #[test]
    fn form_to_contact_and_back() {
        let f = ContactFields {
            first_name: " Camille ".into(),
            last_name: "Roussel".into(),
            emails: vec![
                Typed::new(Kind::Work, " camille.roussel@ac-toulouse.fr "),
                Typed::new(Kind::Home, ""),
                Typed::new(Kind::Home, "camille@example.org"),
            ],
            phones: vec![
                Typed::new(Kind::Mobile, "06 12 34 56 78"),
                Typed::new(Kind::Fax, "05 00 00 00 00"),
            ],
            addresses: vec![
                PostalAddress {
                    kind: Kind::Home,
                    street: "3 allée des Tilleuls".into(),
                    postcode: "31400".into(),
                    locality: "Toulouse".into(),
                    ..PostalAddress::default()
                },
                PostalAddress::default(),
            ],
            birthday: Some("1985-03-14".into()),
            ..ContactFields::default()
        };
        let c = contact_json(&f);
        assert_eq!(c["firstName"], "Camille");
        assert_eq!(
            c["emails"],
            json!([
                { "type": "work", "value": "camille.roussel@ac-toulouse.fr", "isDefault": true },
                { "type": "personal", "value": "camille@example.org", "isDefault": false }
            ])
        );
        assert_eq!(
            c["phones"],
            json!([{ "type": "mobile", "value": "06 12 34 56 78" }, { "type": "fax", "value": "05 00 00 00 00" }])
        );
        assert_eq!(c["addresses"][0]["type"], "home");
        assert_eq!(c["addresses"].as_array().map(Vec::len), Some(1));
        assert_eq!(c["birthday"], "1985-03-14");
        let mut back = c.clone();
        back["id"] = json!("C1");
        let p = read(back);
        let expected = ContactFields {
            first_name: "Camille".into(),
            emails: vec![
                Typed::new(Kind::Work, "camille.roussel@ac-toulouse.fr"),
                f.emails[2].clone(),
            ],
            addresses: vec![f.addresses[0].clone()],
            ..f.clone()
        };
        assert_eq!(p.fields(), expected);
        // No birthday: Cyrus's « none », never "" (refused).
        let none = contact_json(&ContactFields::default());
        assert_eq!(none["birthday"], "0000-00-00");
        assert_eq!(none["emails"], json!([]));
    }
}
