//! vCard (RFC 6350, and the 3.0 files most address books export) to and
//! from the contact model: import with duplicate detection by e-mail,
//! export of one card, a group or the whole book.

use crate::jmap::contacts::{ContactFields, Kind, Person, PostalAddress, Typed};
use crate::text_value::{escape, unescape};

/// Unfolds continuation lines (RFC 6350 §3.2) and splits into lines.
fn unfold(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        match (line.chars().next(), out.last_mut()) {
            (Some(' ' | '\t'), Some(last)) => last.push_str(&line[1..]),
            _ => out.push(line.to_string()),
        }
    }
    out
}

/// Splits a structured value on unescaped `;`.
fn components(v: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut escaped = false;
    for c in v.chars() {
        match (escaped, c) {
            (false, '\\') => {
                escaped = true;
                if let Some(last) = out.last_mut() {
                    last.push(c);
                }
            }
            (false, ';') => out.push(String::new()),
            _ => {
                escaped = false;
                if let Some(last) = out.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    out.into_iter().map(|s| unescape(&s)).collect()
}

/// The TYPE parameters of a property, lower case: `TYPE=work,voice`,
/// `TYPE="work,voice"`, `type=WORK;type=cell` and vCard 2.1's bare `;WORK`.
fn types(head: &str) -> Vec<String> {
    head.split(';')
        .skip(1)
        .flat_map(|param| {
            match param.split_once('=') {
                Some((k, v)) if k.trim().eq_ignore_ascii_case("TYPE") => v.to_string(),
                Some(_) => String::new(),
                None => param.to_string(),
            }
            .split(',')
            .map(|t| t.trim().trim_matches('"').to_ascii_lowercase())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
        })
        .collect()
}

fn kind_of(types: &[String], phone: bool) -> Kind {
    let has = |t: &str| types.iter().any(|x| x == t);
    if phone && has("cell") {
        Kind::Mobile
    } else if phone && has("fax") {
        Kind::Fax
    } else if has("work") {
        Kind::Work
    } else if has("home") {
        Kind::Home
    } else {
        Kind::Other
    }
}

fn type_param(k: Kind, phone: bool) -> &'static str {
    match (k, phone) {
        (Kind::Work, false) => ";TYPE=work",
        (Kind::Home, false) => ";TYPE=home",
        (Kind::Work, true) => ";TYPE=work,voice",
        (Kind::Home, true) => ";TYPE=home,voice",
        (Kind::Mobile, _) => ";TYPE=cell",
        (Kind::Fax, _) => ";TYPE=fax",
        (_, true) => ";TYPE=voice",
        _ => "",
    }
}

/// BDAY: `19850314`, `1985-03-14` (also with a time), `--0314`, `--03-14`
/// → `YYYY-MM-DD` / `--MM-DD`; None for text or anything else.
pub fn bday(v: &str) -> Option<String> {
    let v = v.trim();
    let date = v.split('T').next().unwrap_or("");
    let (year, rest) = match date.strip_prefix("--") {
        Some(rest) => (None, rest),
        None => (
            Some(date.get(0..4)?),
            date.get(4..)?.trim_start_matches('-'),
        ),
    };
    let digits: String = rest.chars().filter(|c| *c != '-').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (m, d) = (&digits[..2], &digits[2..]);
    let (mm, dd): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    if !(1..=12).contains(&mm) || !(1..=31).contains(&dd) {
        return None;
    }
    match year {
        Some(y) if y.bytes().all(|b| b.is_ascii_digit()) => Some(format!("{y}-{m}-{d}")),
        Some(_) => None,
        None => Some(format!("--{m}-{d}")),
    }
}

/// Every card of a .vcf file.
pub fn parse(text: &str) -> Vec<ContactFields> {
    let mut cards = Vec::new();
    let mut current: Option<(ContactFields, String)> = None;
    for line in unfold(text) {
        let Some((head, value)) = line.split_once(':') else {
            continue;
        };
        let name = head
            .split(';')
            .next()
            .unwrap_or("")
            .rsplit('.')
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        match name.as_str() {
            "BEGIN" if value.eq_ignore_ascii_case("VCARD") => {
                current = Some((ContactFields::default(), String::new()));
            }
            "END" if value.eq_ignore_ascii_case("VCARD") => {
                if let Some((mut f, full)) = current.take() {
                    if f.first_name.is_empty() && f.last_name.is_empty() {
                        f.last_name = full;
                    }
                    cards.push(f);
                }
            }
            _ => {
                let Some((f, full)) = current.as_mut() else {
                    continue;
                };
                let typed = |phone: bool| {
                    let v = unescape(value).trim().to_string();
                    let v = if phone {
                        v.strip_prefix("tel:").unwrap_or(&v).to_string()
                    } else {
                        v
                    };
                    Typed::new(kind_of(&types(head), phone), v)
                };
                match name.as_str() {
                    "N" => {
                        let c = components(value);
                        f.last_name = c.first().cloned().unwrap_or_default();
                        f.first_name = c.get(1).cloned().unwrap_or_default();
                    }
                    "FN" => *full = unescape(value),
                    "EMAIL" => f.emails.push(typed(false)),
                    "TEL" => f.phones.push(typed(true)),
                    "ADR" => {
                        let c = components(value);
                        let part =
                            |i: usize| c.get(i).map(|s| s.trim().to_string()).unwrap_or_default();
                        let street = [part(0), part(1), part(2)]
                            .into_iter()
                            .filter(|s| !s.is_empty())
                            .collect::<Vec<_>>()
                            .join("\n");
                        let a = PostalAddress {
                            kind: kind_of(&types(head), false),
                            street,
                            locality: part(3),
                            region: part(4),
                            postcode: part(5),
                            country: part(6),
                        };
                        if !a.is_empty() {
                            f.addresses.push(a);
                        }
                    }
                    "BDAY" => f.birthday = bday(value),
                    "ORG" => f.company = components(value).first().cloned().unwrap_or_default(),
                    "TITLE" => f.job_title = unescape(value),
                    "NOTE" => f.notes = unescape(value),
                    _ => {}
                }
            }
        }
    }
    for f in &mut cards {
        f.emails.retain(|e| !e.value.is_empty());
        f.phones.retain(|p| !p.value.is_empty());
    }
    cards
}

/// Cards with an e-mail already in the book (or earlier in the file) are
/// duplicates: (to create, duplicates).
pub fn split_duplicates(
    cards: Vec<ContactFields>,
    book: &[Person],
) -> (Vec<ContactFields>, Vec<ContactFields>) {
    let mut seen: Vec<String> = book
        .iter()
        .flat_map(|p| p.email_addresses().map(str::to_lowercase))
        .collect();
    let mut fresh = Vec::new();
    let mut dup = Vec::new();
    for c in cards {
        let mine: Vec<String> = ContactFields::filled(&c.emails)
            .map(|e| e.value.to_lowercase())
            .collect();
        if mine.iter().any(|e| seen.contains(e)) {
            dup.push(c);
        } else {
            seen.extend(mine);
            fresh.push(c);
        }
    }
    (fresh, dup)
}

/// BDAY value (RFC 6350 §4.3.1 basic format): `19850314`, `--0314`.
fn bday_value(iso: &str) -> String {
    iso.strip_prefix("--").map_or_else(
        || iso.replace('-', ""),
        |md| format!("--{}", md.replace('-', "")),
    )
}

/// vCard 4.0 text of some people.
pub fn export(people: &[Person]) -> String {
    let mut out = String::new();
    for p in people {
        out.push_str("BEGIN:VCARD\r\nVERSION:4.0\r\n");
        out.push_str(&format!("FN:{}\r\n", escape(&p.name)));
        out.push_str(&format!(
            "N:{};{};;;\r\n",
            escape(&p.last_name),
            escape(&p.first_name)
        ));
        for e in &p.emails {
            let t = type_param(e.kind, false);
            out.push_str(&format!("EMAIL{t}:{}\r\n", escape(&e.value)));
        }
        for t in &p.phones {
            let ty = type_param(t.kind, true);
            out.push_str(&format!("TEL{ty}:{}\r\n", escape(&t.value)));
        }
        for a in &p.addresses {
            let t = type_param(a.kind, false);
            let parts =
                [&a.street, &a.locality, &a.region, &a.postcode, &a.country].map(|s| escape(s));
            out.push_str(&format!("ADR{t}:;;{}\r\n", parts.join(";")));
        }
        if let Some(b) = &p.birthday {
            out.push_str(&format!("BDAY:{}\r\n", bday_value(b)));
        }
        if !p.company.is_empty() {
            out.push_str(&format!("ORG:{}\r\n", escape(&p.company)));
        }
        if !p.job_title.is_empty() {
            out.push_str(&format!("TITLE:{}\r\n", escape(&p.job_title)));
        }
        if !p.notes.is_empty() {
            out.push_str(&format!("NOTE:{}\r\n", escape(&p.notes)));
        }
        out.push_str("END:VCARD\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Garnier;Hélène;;;\r\nFN:Hélène Garnier\r\nORG:Collège Jean Jaurès;Direction\r\nTITLE:Principale\r\nEMAIL;TYPE=INTERNET,WORK:helene.garnier@ac-toulouse.fr\r\nEMAIL;TYPE=INTERNET;TYPE=HOME:h.garnier@example.com\r\nTEL;TYPE=WORK:05 61 52 40 01\r\nTEL;TYPE=\"cell,voice\":06 12 34 56 78\r\nTEL;FAX:05 61 52 40 09\r\nADR;TYPE=work:;Bât. A;12 rue des Lois;Toulouse;Occitanie;31000;France\r\nBDAY:1973-04-15\r\nNOTE:Bureau 12\\, premier étage\\nporte gauche\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nFN:Service de\r\n  restauration\r\nitem1.EMAIL:cantine@example.org\r\nBDAY:--0229\r\nEND:VCARD\r\n";

    #[test]
    fn reads_common_cards() {
        let cards = parse(SAMPLE);
        assert_eq!(cards.len(), 2);
        let c = &cards[0];
        assert_eq!(
            (c.first_name.as_str(), c.last_name.as_str()),
            ("Hélène", "Garnier")
        );
        assert_eq!(c.company, "Collège Jean Jaurès");
        assert_eq!(
            c.emails,
            [
                Typed::new(Kind::Work, "helene.garnier@ac-toulouse.fr"),
                Typed::new(Kind::Home, "h.garnier@example.com")
            ]
        );
        assert_eq!(
            c.phones,
            [
                Typed::new(Kind::Work, "05 61 52 40 01"),
                Typed::new(Kind::Mobile, "06 12 34 56 78"),
                Typed::new(Kind::Fax, "05 61 52 40 09")
            ]
        );
        assert_eq!(
            c.addresses,
            [PostalAddress {
                kind: Kind::Work,
                street: "Bât. A\n12 rue des Lois".into(),
                postcode: "31000".into(),
                locality: "Toulouse".into(),
                region: "Occitanie".into(),
                country: "France".into(),
            }]
        );
        assert_eq!(c.birthday.as_deref(), Some("1973-04-15"));
        assert_eq!(c.notes, "Bureau 12, premier étage\nporte gauche");
        // No N: the full name; folded lines joined; grouped property names;
        // no TYPE: Autre.
        assert_eq!(cards[1].last_name, "Service de restauration");
        assert_eq!(
            cards[1].emails,
            [Typed::new(Kind::Other, "cantine@example.org")]
        );
        assert_eq!(cards[1].birthday.as_deref(), Some("--02-29"));
        assert!(parse("pas une carte").is_empty());
    }

    #[test]
    fn type_parameters_and_birthdays() {
        assert_eq!(
            types("TEL;type=WORK;TYPE=\"voice,cell\";PREF=1"),
            ["work", "voice", "cell"]
        );
        assert_eq!(types("EMAIL;INTERNET;HOME"), ["internet", "home"]);
        assert_eq!(types("EMAIL"), Vec::<String>::new());
        assert_eq!(kind_of(&types("TEL;TYPE=work,cell"), true), Kind::Mobile);
        assert_eq!(kind_of(&types("EMAIL;TYPE=cell"), false), Kind::Other);
        for (v, want) in [
            ("19850314", Some("1985-03-14")),
            ("1985-03-14", Some("1985-03-14")),
            ("1985-03-14T00:00:00Z", Some("1985-03-14")),
            ("--0314", Some("--03-14")),
            ("--03-14", Some("--03-14")),
            ("circa 1800", None),
            ("1985-13-14", None),
            ("1985", None),
            ("", None),
            ("é", None),
        ] {
            assert_eq!(bday(v).as_deref(), want, "{v}");
        }
        assert_eq!(bday_value("1985-03-14"), "19850314");
        assert_eq!(bday_value("--03-14"), "--0314");
    }

    #[test]
    fn duplicates_by_any_email_and_round_trip() {
        let book = [Person {
            emails: vec![Typed::new(Kind::Home, "H.Garnier@example.com")],
            ..Person::default()
        }];
        let mut cards = parse(SAMPLE);
        cards.push(cards[1].clone());
        let (fresh, dup) = split_duplicates(cards, &book);
        // Hélène by her second address; the canteen's second copy.
        assert_eq!(fresh.len(), 1);
        assert_eq!(dup.len(), 2);
        let p = Person {
            name: "Nadia Benali".into(),
            first_name: "Nadia".into(),
            last_name: "Benali".into(),
            emails: vec![
                Typed::new(Kind::Work, "nadia.benali@ac-toulouse.fr"),
                Typed::new(Kind::Home, "nadia@example.org"),
                Typed::new(Kind::Other, "n.b@example.org"),
            ],
            phones: vec![
                Typed::new(Kind::Work, "05 00"),
                Typed::new(Kind::Home, "05 01"),
                Typed::new(Kind::Mobile, "06 00"),
                Typed::new(Kind::Fax, "05 02"),
                Typed::new(Kind::Other, "05 03"),
            ],
            addresses: vec![PostalAddress {
                kind: Kind::Home,
                street: "3 allée des Tilleuls\nRésidence B; esc. 2".into(),
                postcode: "31400".into(),
                locality: "Toulouse".into(),
                ..PostalAddress::default()
            }],
            birthday: Some("1985-03-14".into()),
            notes: "a; b, c".into(),
            ..Person::default()
        };
        let text = export(std::slice::from_ref(&p));
        assert!(text.contains("EMAIL;TYPE=home:nadia@example.org\r\n"));
        assert!(text.contains("TEL;TYPE=cell:06 00\r\n"));
        assert!(text.contains("BDAY:19850314\r\n"));
        let again = parse(&text);
        assert_eq!(again.len(), 1);
        let mut want = p.fields();
        want.first_name = "Nadia".into();
        assert_eq!(again[0], want);
    }
}
