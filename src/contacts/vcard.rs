//! vCard (RFC 6350, and the 3.0 files most address books export) to and
//! from the contact model: import with duplicate detection by e-mail,
//! export of one card, a group or the whole book.

use crate::jmap::contacts::{ContactFields, Person};
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
                match name.as_str() {
                    "N" => {
                        let c = components(value);
                        f.last_name = c.first().cloned().unwrap_or_default();
                        f.first_name = c.get(1).cloned().unwrap_or_default();
                    }
                    "FN" => *full = unescape(value),
                    "EMAIL" if f.email.is_empty() => f.email = unescape(value).trim().to_string(),
                    "TEL" if f.phone.is_empty() => f.phone = unescape(value).trim().to_string(),
                    "ORG" => f.company = components(value).first().cloned().unwrap_or_default(),
                    "TITLE" => f.job_title = unescape(value),
                    "NOTE" => f.notes = unescape(value),
                    _ => {}
                }
            }
        }
    }
    cards
}

/// Cards whose e-mail is already in the book (or earlier in the file) are
/// duplicates: (to create, duplicates).
pub fn split_duplicates(
    cards: Vec<ContactFields>,
    book: &[Person],
) -> (Vec<ContactFields>, Vec<ContactFields>) {
    let mut seen: Vec<String> = book
        .iter()
        .flat_map(|p| p.emails.iter().map(|e| e.to_lowercase()))
        .collect();
    let mut fresh = Vec::new();
    let mut dup = Vec::new();
    for c in cards {
        let e = c.email.trim().to_lowercase();
        if !e.is_empty() && seen.contains(&e) {
            dup.push(c);
        } else {
            if !e.is_empty() {
                seen.push(e);
            }
            fresh.push(c);
        }
    }
    (fresh, dup)
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
            out.push_str(&format!("EMAIL;TYPE=work:{}\r\n", escape(e)));
        }
        for t in &p.phones {
            out.push_str(&format!("TEL;TYPE=work:{}\r\n", escape(t)));
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

    const SAMPLE: &str = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Garnier;Hélène;;;\r\nFN:Hélène Garnier\r\nORG:Collège Jean Jaurès;Direction\r\nTITLE:Principale\r\nEMAIL;TYPE=INTERNET,WORK:helene.garnier@ac-toulouse.fr\r\nTEL;TYPE=WORK:05 61 52 40 01\r\nNOTE:Bureau 12\\, premier étage\\nporte gauche\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nFN:Service de\r\n  restauration\r\nitem1.EMAIL:cantine@example.org\r\nEND:VCARD\r\n";

    #[test]
    fn reads_common_cards() {
        let cards = parse(SAMPLE);
        assert_eq!(cards.len(), 2);
        assert_eq!(cards[0].first_name, "Hélène");
        assert_eq!(cards[0].last_name, "Garnier");
        assert_eq!(cards[0].company, "Collège Jean Jaurès");
        assert_eq!(cards[0].phone, "05 61 52 40 01");
        assert_eq!(cards[0].notes, "Bureau 12, premier étage\nporte gauche");
        // No N: the full name; folded lines joined; grouped property names.
        assert_eq!(cards[1].last_name, "Service de restauration");
        assert_eq!(cards[1].email, "cantine@example.org");
        assert!(parse("pas une carte").is_empty());
    }

    #[test]
    fn duplicates_by_email_and_round_trip() {
        let book = [Person {
            emails: vec!["Helene.Garnier@ac-toulouse.fr".into()],
            ..Person::default()
        }];
        let mut cards = parse(SAMPLE);
        cards.push(cards[1].clone());
        let (fresh, dup) = split_duplicates(cards, &book);
        assert_eq!(fresh.len(), 1);
        assert_eq!(dup.len(), 2);
        let p = Person {
            name: "Nadia Benali".into(),
            first_name: "Nadia".into(),
            last_name: "Benali".into(),
            emails: vec!["nadia.benali@ac-toulouse.fr".into()],
            notes: "a; b, c".into(),
            ..Person::default()
        };
        let again = parse(&export(&[p]));
        assert_eq!(again[0].first_name, "Nadia");
        assert_eq!(again[0].email, "nadia.benali@ac-toulouse.fr");
        assert_eq!(again[0].notes, "a; b, c");
    }
}
