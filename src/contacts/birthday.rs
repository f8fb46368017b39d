//! « Date de naissance » of a contact: typed jj/mm/aaaa like Mon compte's
//! (`account::birth_date::parse`), or jj/mm when the year is not known;
//! kept as `YYYY-MM-DD` / `--MM-DD`.

use crate::account::birth_date;

/// "" → Ok(None); a French date → its ISO form; anything else → Err.
pub fn parse(text: &str) -> Result<Option<String>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if let Some(iso) = birth_date::parse(text) {
        return Ok(Some(iso));
    }
    // jj/mm: checked in a leap year (29/02 is a birthday).
    let parts: Vec<&str> = text
        .split(['/', '-', '.', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [d, m] if d.len() <= 2 && m.len() <= 2 => {
            let iso = birth_date::parse(&format!("{d}/{m}/2000")).ok_or(())?;
            Ok(Some(format!("--{}", &iso[5..])))
        }
        _ => Err(()),
    }
}

/// What the form shows of a stored birthday: « 14/03/1985 », « 14/03 ».
pub fn to_text(iso: &str) -> String {
    match iso.strip_prefix("--") {
        Some(md) => match (md.get(0..2), md.get(3..5)) {
            (Some(m), Some(d)) => format!("{d}/{m}"),
            _ => String::new(),
        },
        None => match (iso.get(0..4), iso.get(5..7), iso.get(8..10)) {
            (Some(y), Some(m), Some(d)) => format!("{d}/{m}/{y}"),
            _ => String::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_birthdays() {
        for (text, want) in [
            ("", Ok(None)),
            ("  ", Ok(None)),
            ("14/03/1985", Ok(Some("1985-03-14"))),
            ("14031985", Ok(Some("1985-03-14"))),
            ("14/3", Ok(Some("--03-14"))),
            ("29/02", Ok(Some("--02-29"))),
            ("31/02", Err(())),
            ("31/02/1985", Err(())),
            ("1985-03-14", Err(())),
            ("14/03/85", Err(())),
            ("demain", Err(())),
            ("1/2/3/4", Err(())),
        ] {
            assert_eq!(parse(text), want.map(|o| o.map(str::to_string)), "{text}");
        }
        assert_eq!(to_text("1985-03-14"), "14/03/1985");
        assert_eq!(to_text("--03-14"), "14/03");
        assert_eq!(to_text("x"), "");
        for t in ["14/03/1985", "14/03"] {
            assert_eq!(parse(&to_text(&parse(t).unwrap().unwrap())), parse(t));
        }
    }
}
