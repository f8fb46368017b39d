//! The IETF contacts form against fixtures shaped after RFC 9553 / RFC 9610.

use super::jscontact::{self, book, default_book, Card};
use super::ContactsDialect;
use crate::jmap::contacts::*;
use crate::jmap::response::{GetResponse, Response};
use crate::jmap::Error;
use serde_json::{json, Value};

fn fixture(key: &str) -> Card {
    let all: Value =
        serde_json::from_str(include_str!("../fixtures/ietf/jscontact_card.json")).unwrap();
    serde_json::from_value(all[key].clone()).unwrap()
}

#[test]
fn rfc9553_card_reads_into_a_person_field_by_field() {
    let card = fixture("individual");
    assert!(!card.is_group());
    let p = card.person();
    assert_eq!(
        p,
        Person {
            id: String::new(),
            uid: "urn:uuid:22b2f3d9-9d3c-4f08-b4a3-fbb0bd1f4a71".into(),
            name: "Hélène Garnier".into(),
            // e2 has pref 1: first.
            emails: vec![
                Typed::new(Kind::Home, "h.garnier@example.com"),
                Typed::new(Kind::Work, "helene.garnier@ac-toulouse.fr")
            ],
            first_name: "Hélène".into(),
            last_name: "Garnier".into(),
            company: "Collège Jean Jaurès".into(),
            // The `role` title is not a job title.
            job_title: "Principale".into(),
            phones: vec![
                Typed::new(Kind::Home, "+33-5-61-52-40-01"),
                Typed::new(Kind::Work, "05 61 52 40 02")
            ],
            notes: "Permanence le mardi de 16 h à 17 h 15".into(),
            addresses: vec![PostalAddress {
                kind: Kind::Work,
                street: "12 rue des Lois".into(),
                postcode: "31000".into(),
                locality: "Toulouse".into(),
                region: "Occitanie".into(),
                country: "France".into(),
            }],
            birthday: Some("1973-04-15".into()),
            card_keys: CardKeys {
                birthday: Some("k8".into()),
                has_anniversaries: true,
            },
        }
    );
}

#[test]
fn rfc9553_group_card_reads_into_a_group() {
    let g = fixture("group");
    assert!(g.is_group());
    let (people, groups) = book(&[g]);
    assert!(people.is_empty());
    assert_eq!(
        groups,
        [Group {
            id: String::new(),
            name: "The Doe family".into(),
            // Members not in the book keep their uid.
            member_ids: vec![
                "urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af".into(),
                "urn:uuid:b8767877-b4a1-4c70-9acc-505d3819e519".into()
            ],
        }]
    );
}

#[test]
fn rfc9610_book_response_reads_people_groups_and_books() {
    let resp = Response::parse(include_str!("../fixtures/ietf/contact_card_get.json")).unwrap();
    let (req, calls) = book_request_for(ContactsDialect::Ietf, "A13824");
    let body = req.to_json();
    assert_eq!(
        body["using"],
        json!(["urn:ietf:params:jmap:contacts", "urn:ietf:params:jmap:core"])
    );
    assert_eq!(body["methodCalls"][0][0], "ContactCard/get");
    assert_eq!(body["methodCalls"][1][0], "AddressBook/get");
    let (people, groups) = read_book(&resp, &calls).unwrap();
    let ids: Vec<&str> = people.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["P1", "P2", "O1"]);
    let john = &people[0];
    assert_eq!(
        (
            john.name.as_str(),
            john.first_name.as_str(),
            john.last_name.as_str()
        ),
        ("John Doe", "John", "Doe")
    );
    assert_eq!(john.first_email(), Some("john@example.com"));
    assert_eq!(john.uid, "urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af");
    // Only `name.full`: shown as is; null maps read as empty.
    assert_eq!(
        (people[1].name.as_str(), people[1].first_name.as_str()),
        ("Jane Doe", "")
    );
    assert!(people[1].emails.is_empty() && people[1].phones.is_empty());
    // An organisation's card is named after it.
    assert_eq!(
        (people[2].name.as_str(), people[2].company.as_str()),
        ("ABC, Inc.", "ABC, Inc.")
    );
    assert_eq!(groups.len(), 1);
    assert_eq!(
        (groups[0].id.as_str(), groups[0].name.as_str()),
        ("G1", "The Doe family")
    );
    assert_eq!(
        groups[0].member_ids,
        ["P1", "P2", "urn:uuid:not-in-this-book"]
    );
    let books = read_address_books(&resp, &calls).unwrap();
    assert_eq!(books.len(), 2);
    assert_eq!(default_book(&books), Some("AB1"));
    assert!(books[1].my_rights.as_ref().is_some_and(|r| r.may_write));
    // Without a default, the first writable one; else the first.
    let mut no_default = books.clone();
    no_default[1].is_default = false;
    assert_eq!(default_book(&no_default), Some("AB1"));
    assert_eq!(default_book(&no_default[..1]), Some("AB0"));
    assert_eq!(default_book(&[]), None);
}

fn decode(v: &Value) -> Card {
    serde_json::from_value(v.clone()).unwrap()
}

#[test]
fn form_to_card_and_back_is_the_same_person() {
    let f = ContactFields {
        first_name: " Camille ".into(),
        last_name: "Roussel".into(),
        emails: vec![
            Typed::new(Kind::Work, "camille.roussel@ac-toulouse.fr"),
            Typed::new(Kind::Home, " camille@example.org "),
            Typed::new(Kind::Other, ""),
            Typed::new(Kind::Other, "c.r@example.net"),
        ],
        phones: vec![
            Typed::new(Kind::Mobile, "06 12 34 56 78"),
            Typed::new(Kind::Work, "05 61 00 00 00"),
            Typed::new(Kind::Fax, "05 61 00 00 01"),
            Typed::new(Kind::Home, "05 61 00 00 02"),
            Typed::new(Kind::Other, "05 61 00 00 03"),
        ],
        addresses: vec![
            PostalAddress {
                kind: Kind::Home,
                street: "3 allée des Tilleuls".into(),
                postcode: "31400".into(),
                locality: "Toulouse".into(),
                region: "Occitanie".into(),
                country: "France".into(),
            },
            PostalAddress::default(),
            PostalAddress {
                kind: Kind::Work,
                street: "1 place du Capitole".into(),
                ..PostalAddress::default()
            },
        ],
        birthday: Some("1985-03-14".into()),
        company: "Lycée Pierre de Fermat".into(),
        job_title: "Proviseure adjointe".into(),
        notes: "Référente numérique".into(),
    };
    let created = jscontact::card_create(&f, Some("AB1"));
    assert_eq!(created["@type"], "Card");
    assert_eq!(created["version"], "1.0");
    assert_eq!(created["kind"], "individual");
    assert_eq!(created["addressBookIds"], json!({ "AB1": true }));
    assert_eq!(created["name"]["full"], "Camille Roussel");
    assert_eq!(
        created["name"]["components"][0],
        json!({ "@type": "NameComponent", "kind": "given", "value": "Camille" })
    );
    assert_eq!(created["emails"]["e1"]["contexts"], json!({ "work": true }));
    assert_eq!(
        created["emails"]["e2"],
        json!({ "@type": "EmailAddress", "address": "camille@example.org", "contexts": { "private": true } })
    );
    // Autre: no context; the empty row is left out.
    assert!(created["emails"]["e3"].get("contexts").is_none());
    assert!(created["emails"].get("e4").is_none());
    assert_eq!(
        created["phones"]["p1"],
        json!({ "@type": "Phone", "number": "06 12 34 56 78", "features": { "mobile": true } })
    );
    assert_eq!(
        created["phones"]["p2"]["features"],
        json!({ "voice": true })
    );
    assert_eq!(created["phones"]["p3"]["features"], json!({ "fax": true }));
    assert_eq!(
        created["addresses"]["a1"]["contexts"],
        json!({ "private": true })
    );
    assert_eq!(
        created["addresses"]["a1"]["components"][0],
        json!({ "@type": "AddressComponent", "kind": "name", "value": "3 allée des Tilleuls" })
    );
    assert!(created["addresses"].get("a3").is_none());
    assert_eq!(
        created["anniversaries"],
        json!({ "birth": { "@type": "Anniversary", "kind": "birth",
            "date": { "@type": "PartialDate", "year": 1985, "month": 3, "day": 14 } } })
    );
    assert_eq!(created["titles"]["t1"]["kind"], "title");
    let p = decode(&created).person();
    assert_eq!(
        (p.first_name.as_str(), p.last_name.as_str(), p.name.as_str()),
        ("Camille", "Roussel", "Camille Roussel")
    );
    let mut want = f.clone();
    want.first_name = "Camille".into();
    want.emails = vec![
        f.emails[0].clone(),
        Typed::new(Kind::Home, "camille@example.org"),
        f.emails[3].clone(),
    ];
    want.addresses = vec![f.addresses[0].clone(), f.addresses[2].clone()];
    assert_eq!(p.fields(), want);
    assert_eq!(p.card_keys.birthday.as_deref(), Some("birth"));
    // Empty fields: left out of a creation, removed (null) by an update.
    let bare = ContactFields {
        last_name: "Seul".into(),
        ..ContactFields::default()
    };
    let created = jscontact::card_create(&bare, None);
    for absent in [
        "emails",
        "phones",
        "addresses",
        "anniversaries",
        "organizations",
        "titles",
        "notes",
        "addressBookIds",
    ] {
        assert!(created.get(absent).is_none(), "{absent}");
    }
    let patch = jscontact::card_update(&bare, &CardKeys::default());
    assert_eq!(patch["emails"], Value::Null);
    assert_eq!(patch["addresses"], Value::Null);
    assert_eq!(patch["anniversaries"], Value::Null);
    assert_eq!(patch["name"]["components"][0]["kind"], "surname");
    assert_eq!(decode(&created).person().name, "Seul");
}

#[test]
fn the_birthday_alone_is_patched() {
    let year_less = ContactFields {
        birthday: Some("--02-29".into()),
        ..ContactFields::default()
    };
    let birth = json!({ "@type": "Anniversary", "kind": "birth",
        "date": { "@type": "PartialDate", "month": 2, "day": 29 } });
    // The card's own birth anniversary: replaced or removed by its key.
    let keys = CardKeys {
        birthday: Some("k8".into()),
        has_anniversaries: true,
    };
    let patch = jscontact::card_update(&year_less, &keys);
    assert_eq!(patch["anniversaries/k8"], birth);
    assert!(patch.get("anniversaries").is_none());
    let patch = jscontact::card_update(&ContactFields::default(), &keys);
    assert_eq!(patch["anniversaries/k8"], Value::Null);
    // Other anniversaries but no birthday: added beside them.
    let others = CardKeys {
        birthday: None,
        has_anniversaries: true,
    };
    let patch = jscontact::card_update(&year_less, &others);
    assert_eq!(patch["anniversaries/birth"], birth);
    assert!(jscontact::card_update(&ContactFields::default(), &others)
        .get("anniversaries/birth")
        .is_none());
    // None at all: the whole map.
    let patch = jscontact::card_update(&year_less, &CardKeys::default());
    assert_eq!(patch["anniversaries"], json!({ "birth": birth }));
    // Through the change request: the keys come from the book as read.
    let people = [fixture("individual").person()];
    let people = [Person {
        id: "P1".into(),
        ..people[0].clone()
    }];
    let target = CardTarget {
        address_book_id: Some("AB1"),
        people: &people,
    };
    let change = BookChange::UpdateContact("P1".into(), people[0].fields());
    let (req, _, _) = change_request_for(ContactsDialect::Ietf, "u", &change, target);
    let patch = &req.to_json()["methodCalls"][0][1]["update"]["P1"];
    assert_eq!(patch["anniversaries/k8"]["date"]["year"], 1973);
    assert_eq!(patch["emails"]["e1"]["address"], "h.garnier@example.com");
}

#[test]
fn ietf_changes_name_cards_books_and_members_by_uid() {
    let people = vec![
        Person {
            id: "P1".into(),
            uid: "urn:uuid:1".into(),
            ..Person::default()
        },
        Person {
            id: "P2".into(),
            ..Person::default()
        },
    ];
    let target = CardTarget {
        address_book_id: Some("AB1"),
        people: &people,
    };
    let group = BookChange::CreateGroup {
        name: " Sortie ".into(),
        member_ids: vec!["P1".into(), "P2".into()],
    };
    let (req, set, _) = change_request_for(ContactsDialect::Ietf, "u", &group, target);
    assert_eq!(set.method, "ContactCard/set");
    let body = req.to_json();
    let g = &body["methodCalls"][0][1]["create"]["new"];
    assert_eq!(body["methodCalls"][0][1]["accountId"], "u");
    assert_eq!(g["kind"], "group");
    assert_eq!(g["name"]["full"], "Sortie");
    // P2 has no uid known: its id stands in.
    assert_eq!(g["members"], json!({ "urn:uuid:1": true, "P2": true }));
    assert_eq!(g["addressBookIds"], json!({ "AB1": true }));
    let back = decode(g);
    let (_, groups) = book(&[back, decode(&json!({ "id": "P1", "uid": "urn:uuid:1" }))]);
    // Members are a set (keyed by uid): compared sorted.
    let mut ids = groups[0].member_ids.clone();
    ids.sort();
    assert_eq!(ids, ["P1", "P2"]);
    assert_eq!(body["methodCalls"][1][0], "ContactCard/get");
    assert_eq!(body["methodCalls"][2][0], "AddressBook/get");
    let members = BookChange::SetMembers {
        group_id: "G1".into(),
        member_ids: vec!["P1".into()],
    };
    let (req, _, _) = change_request_for(ContactsDialect::Ietf, "u", &members, target);
    assert_eq!(
        req.to_json()["methodCalls"][0][1]["update"]["G1"],
        json!({ "members": { "urn:uuid:1": true } })
    );
    let (req, _, _) = change_request_for(
        ContactsDialect::Ietf,
        "u",
        &BookChange::DeleteGroup("G1".into()),
        target,
    );
    assert_eq!(req.to_json()["methodCalls"][0][1]["destroy"], json!(["G1"]));
    let many = BookChange::CreateContacts(vec![ContactFields::default(); 2]);
    let (req, _, _) = change_request_for(ContactsDialect::Ietf, "u", &many, target);
    let create = &req.to_json()["methodCalls"][0][1]["create"];
    assert!(create.get("n0").is_some() && create.get("n1").is_some());
    let ok = Response::parse(
        r#"{"methodResponses":[["ContactCard/set",{"created":{"new":{"id":"P9","uid":"urn:uuid:9"}}},"c0"]]}"#,
    )
    .unwrap();
    let (_, set, _) = change_request_for(
        ContactsDialect::Ietf,
        "u",
        &BookChange::CreateContact(ContactFields::default()),
        target,
    );
    assert_eq!(read_change(&ok, &set), Ok(Some("P9".into())));
}

#[test]
fn the_cyrus_form_is_unchanged_through_the_dialect() {
    let change = BookChange::UpdateContact(
        "C1".into(),
        ContactFields {
            first_name: "A".into(),
            ..ContactFields::default()
        },
    );
    let (a, sa, _) = change_request("u", &change);
    let (b, sb, _) =
        change_request_for(ContactsDialect::Cyrus, "u", &change, CardTarget::default());
    assert_eq!((a, sa), (b, sb));
    assert_eq!(
        book_request("u").0,
        book_request_for(ContactsDialect::Cyrus, "u").0
    );
    let resp = Response::parse(include_str!("../fixtures/contact_get.json")).unwrap();
    let (_, calls) = book_request_for(ContactsDialect::Cyrus, "u");
    assert!(read_book(&resp, &calls).is_ok());
    assert_eq!(read_address_books(&resp, &calls), Ok(Vec::new()));
}

#[test]
fn hostile_cards_are_errors_or_ignored_never_panics() {
    // Wrong types: an error.
    for bad in [
        json!({ "name": "Jean" }),
        json!({ "emails": { "e1": { "address": 3 } } }),
        json!({ "emails": ["a@b.c"] }),
        json!({ "phones": { "p": { "number": "1", "pref": "1" } } }),
        json!({ "members": { "urn:x": "yes" } }),
        json!({ "anniversaries": { "a": { "kind": "birth", "date": { "year": "1973" } } } }),
        json!({ "name": { "components": [{ "kind": 1, "value": "x" }] } }),
        json!({ "id": ["P1"] }),
    ] {
        assert!(
            serde_json::from_value::<Card>(bad.clone()).is_err(),
            "{bad}"
        );
    }
    // Through a response: an error for the call, not a panic.
    let resp = Response::parse(
        r#"{"methodResponses":[["ContactCard/get",{"list":[{"id":"P1","emails":{"e":{"address":[]}}}]},"c0"],["AddressBook/get",{"list":[{"id":3}]},"c1"]]}"#,
    )
    .unwrap();
    let (_, calls) = book_request_for(ContactsDialect::Ietf, "u");
    assert!(matches!(read_book(&resp, &calls), Err(Error::Decode(_))));
    assert!(matches!(
        read_address_books(&resp, &calls),
        Err(Error::Decode(_))
    ));
    // Unknown and null properties, odd dates and numbers: ignored.
    let odd: Card = serde_json::from_value(json!({
        "id": "P1", "kind": null, "name": null, "x-y": { "z": 1 },
        "anniversaries": {
            "a": { "kind": "birth", "date": { "month": 13, "day": 40 } },
            "b": { "kind": "wedding", "date": { "year": 2000, "month": 1, "day": 1 } },
            "c": { "kind": "birth", "date": { "month": 2, "day": 29 } }
        },
        "phones": { "p": { "number": "  " } },
        "addresses": { "a": { "full": "1 place du Capitole, Toulouse" }, "b": {} }
    }))
    .unwrap();
    let p = odd.person();
    assert_eq!(p.birthday.as_deref(), Some("--02-29"));
    assert!(p.phones.is_empty());
    assert_eq!(p.card_keys.birthday.as_deref(), Some("c"));
    assert_eq!(p.addresses.len(), 1);
    assert_eq!(p.addresses[0].street, "1 place du Capitole, Toulouse");
    let got: GetResponse<Card> =
        serde_json::from_str(r#"{"list":[{"@type":"Card","uid":"u"}]}"#).unwrap();
    assert_eq!(book(&got.list).0[0].name, "");
}
