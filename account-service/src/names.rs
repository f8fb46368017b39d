//! Name folding and the pure part of « find my login »: the directory gives the
//! people born on a date, this decides who matches the names typed.

use serde::Serialize;

/// Folds a name for comparison: lower case, accents removed, and hyphens,
/// apostrophes, dots and spaces dropped (« Le Fèvre-d'Arc » → « lefevredarc »).
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_whitespace()
            || matches!(
                c,
                '-' | '\'' | '’' | 'ʼ' | '‘' | '`' | '´' | '.' | '‐' | '‑' | '–' | '_'
            )
        {
            continue;
        }
        for l in c.to_lowercase() {
            match l {
                'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => out.push('a'),
                'ç' | 'ć' | 'č' => out.push('c'),
                'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => out.push('e'),
                'ì' | 'í' | 'î' | 'ï' | 'ī' => out.push('i'),
                'ñ' | 'ń' | 'ň' => out.push('n'),
                'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => out.push('o'),
                'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => out.push('u'),
                'ý' | 'ÿ' => out.push('y'),
                'š' | 'ś' => out.push('s'),
                'ž' | 'ź' | 'ż' => out.push('z'),
                'ł' => out.push('l'),
                'æ' => out.push_str("ae"),
                'œ' => out.push_str("oe"),
                'ß' => out.push_str("ss"),
                // Combining diacritical marks (decomposed input).
                '\u{300}'..='\u{36f}' => {}
                other => out.push(other),
            }
        }
    }
    out
}

/// One person born on the date asked, as read from the directory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Candidate {
    pub login: String,
    pub email: String,
    pub display_name: String,
    pub first_names: Vec<String>,
    pub usage_names: Vec<String>,
    pub birth_names: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum MatchedBy {
    UsageName,
    BirthName,
}

fn any_equal(values: &[String], folded: &str) -> bool {
    values.iter().any(|v| fold(v) == folded)
}

/// The candidates whose first name and usage name (sn) match; only when none
/// does, those whose first name and birth name match. `None` when nobody does.
pub fn match_candidates<'a>(
    candidates: &'a [Candidate],
    last_name: &str,
    first_name: &str,
) -> Option<(Vec<&'a Candidate>, MatchedBy)> {
    let last = fold(last_name);
    let first = fold(first_name);
    if last.is_empty() || first.is_empty() {
        return None;
    }
    let with_first: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| any_equal(&c.first_names, &first))
        .collect();
    let by_usage: Vec<&Candidate> = with_first
        .iter()
        .copied()
        .filter(|c| any_equal(&c.usage_names, &last))
        .collect();
    if !by_usage.is_empty() {
        return Some((by_usage, MatchedBy::UsageName));
    }
    let by_birth: Vec<&Candidate> = with_first
        .into_iter()
        .filter(|c| any_equal(&c.birth_names, &last))
        .collect();
    if !by_birth.is_empty() {
        return Some((by_birth, MatchedBy::BirthName));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(login: &str, first: &str, sn: &str, birth: Option<&str>) -> Candidate {
        Candidate {
            login: login.into(),
            email: format!("{login}@ac-toulouse.fr"),
            display_name: format!("{first} {sn}"),
            first_names: vec![first.into()],
            usage_names: vec![sn.into()],
            birth_names: birth.map(|b| vec![b.to_string()]).unwrap_or_default(),
        }
    }

    #[test]
    fn folding() {
        for (a, b) in [
            ("Lefèvre", "LEFEVRE"),
            ("Le Fèvre", "lefevre"),
            ("Jean-Édouard", "jean edouard"),
            ("d’Artagnan", "D'ARTAGNAN"),
            ("Lætitia", "laetitia"),
            ("Cœur", "coeur"),
            ("Zoé", "Zoe\u{301}"),
            ("  Moreau ", "moreau"),
        ] {
            assert_eq!(fold(a), fold(b), "{a} / {b}");
        }
        assert_ne!(fold("Martin"), fold("Martine"));
    }

    #[test]
    fn usage_then_birth_name() {
        let people = vec![
            cand("cmoreau", "Claire", "Moreau", Some("Lefèvre")),
            cand("clefevre", "Claire", "Lefevre", None),
            cand("pmoreau", "Pierre", "Moreau", None),
        ];
        // « Lefèvre » is cmoreau's birth name but clefevre's usage name: usage wins.
        let (found, by) = match_candidates(&people, "LEFEVRE", "claire").unwrap_or_default_pair();
        assert_eq!(by, Some(MatchedBy::UsageName));
        assert_eq!(found, vec!["clefevre"]);

        let only_birth = vec![people[0].clone(), people[2].clone()];
        let (found, by) =
            match_candidates(&only_birth, "Le Fèvre", "Claire").unwrap_or_default_pair();
        assert_eq!(by, Some(MatchedBy::BirthName));
        assert_eq!(found, vec!["cmoreau"]);

        let (found, by) = match_candidates(&people, "moreau", "CLAIRE").unwrap_or_default_pair();
        assert_eq!(
            (found, by),
            (vec!["cmoreau".to_string()], Some(MatchedBy::UsageName))
        );

        assert!(match_candidates(&people, "Moreau", "Paul").is_none());
        assert!(match_candidates(&people, "Durand", "Claire").is_none());
        assert!(match_candidates(&people, "--", "Claire").is_none());
        assert!(match_candidates(&[], "Moreau", "Claire").is_none());
    }

    #[test]
    fn homonyms_all_returned() {
        let people = vec![
            cand("pmartin", "Paul", "Martin", None),
            cand("pmartin2", "Paul", "Martin", None),
        ];
        let (found, _) = match_candidates(&people, "Martin", "Paul").unwrap_or_default_pair();
        assert_eq!(found, vec!["pmartin", "pmartin2"]);
    }

    trait Pair {
        fn unwrap_or_default_pair(self) -> (Vec<String>, Option<MatchedBy>);
    }
    impl Pair for Option<(Vec<&Candidate>, MatchedBy)> {
        fn unwrap_or_default_pair(self) -> (Vec<String>, Option<MatchedBy>) {
            match self {
                Some((v, by)) => (v.iter().map(|c| c.login.clone()).collect(), Some(by)),
                None => (vec![], None),
            }
        }
    }
}
