//! The string catalogues (`locales/*.txt`), parsed once, looked up by key.

use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.get(..2).map(str::to_ascii_lowercase).as_deref() {
            Some("fr") => Some(Lang::Fr),
            Some("en") => Some(Lang::En),
            _ => None,
        }
    }
}

pub const FR_SOURCE: &str = include_str!("../../locales/fr.txt");
pub const EN_SOURCE: &str = include_str!("../../locales/en.txt");

/// Parses `key = text` lines; `#` starts a comment line.
pub fn parse(source: &'static str) -> HashMap<&'static str, &'static str> {
    source
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once(" = "))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect()
}

fn table(lang: Lang) -> &'static HashMap<&'static str, &'static str> {
    static FR: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    static EN: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    match lang {
        Lang::Fr => FR.get_or_init(|| parse(FR_SOURCE)),
        Lang::En => EN.get_or_init(|| parse(EN_SOURCE)),
    }
}

/// The text for `key`; French when the language lacks it; the key itself as a
/// last resort so that a missing entry is visible, never a crash.
pub fn text(lang: Lang, key: &'static str) -> &'static str {
    table(lang)
        .get(key)
        .or_else(|| table(Lang::Fr).get(key))
        .copied()
        .unwrap_or(key)
}

/// `text` with `{name}` placeholders replaced.
pub fn format(lang: Lang, key: &'static str, args: &[(&str, &str)]) -> String {
    let mut out = text(lang, key).to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn catalogues_have_the_same_keys() {
        let fr: BTreeSet<_> = parse(FR_SOURCE).into_keys().collect();
        let en: BTreeSet<_> = parse(EN_SOURCE).into_keys().collect();
        assert_eq!(
            fr.difference(&en).collect::<Vec<_>>(),
            Vec::<&&str>::new(),
            "missing in en"
        );
        assert_eq!(
            en.difference(&fr).collect::<Vec<_>>(),
            Vec::<&&str>::new(),
            "missing in fr"
        );
    }

    /// Every `.t("key")` / `.tf("key"` in the sources must exist in the catalogue.
    #[test]
    fn every_key_used_in_code_exists() {
        let fr = parse(FR_SOURCE);
        let mut missing = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let p = entry.path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                let src = std::fs::read_to_string(&p).unwrap_or_default();
                for marker in [".t(\"", ".tf(\"", "tr(\""] {
                    for (i, _) in src.match_indices(marker) {
                        // `tr(` only as a name of its own (not `push_str(`).
                        let before = src[..i].chars().next_back().unwrap_or(' ');
                        if marker == "tr(\"" && (before.is_alphanumeric() || before == '_') {
                            continue;
                        }
                        let rest = &src[i + marker.len()..];
                        let key = &rest[..rest.find('"').unwrap_or(0)];
                        if key.contains('.') && !fr.contains_key(key) {
                            missing.push(format!("{}: {key}", p.display()));
                        }
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys missing from locales/fr.txt: {missing:?}"
        );
    }

    #[test]
    fn lookup_and_format() {
        assert_eq!(text(Lang::Fr, "nav.mail"), "Courrier");
        assert_eq!(text(Lang::En, "nav.mail"), "Mail");
        assert_eq!(text(Lang::En, "no.such.key"), "no.such.key");
        assert_eq!(
            format(Lang::Fr, "mail.unread_count", &[("n", "3")]),
            "3 non lus"
        );
        assert_eq!(Lang::from_code("fr-FR"), Some(Lang::Fr));
        assert_eq!(Lang::from_code("en"), Some(Lang::En));
        assert_eq!(Lang::from_code("x"), None);
    }
}
