//! Lower-casing and accent folding, identical to `fold()` in gen_dict.py, so
//! "Élève", "élève" and "eleve" all look up the same dictionary entry.

/// Appends the folded form of `c` to `out` (œ/æ/ß expand to two letters).
pub fn fold_into(c: char, out: &mut String) {
    for l in c.to_lowercase() {
        let base = match l {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            'œ' => {
                out.push_str("oe");
                continue;
            }
            'æ' => {
                out.push_str("ae");
                continue;
            }
            'ß' => {
                out.push_str("ss");
                continue;
            }
            other => other,
        };
        out.push(base);
    }
}

pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_into(c, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn folds_french() {
        assert_eq!(super::fold("Élève Cœur ÇA"), "eleve coeur ca");
    }
}
