//! Pure helpers for showing mail text: links in plain text, sizes in French.

use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    /// (href, text as written)
    Link(String, String),
}

/// Splits plain text into text and links (http, https, www.). Trailing
/// punctuation stays text, so « voir https://x.fr. » links `https://x.fr`.
pub fn linkify(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let next = ["https://", "http://", "www."]
            .iter()
            .filter_map(|p| find_word_start(rest, p))
            .min();
        let Some(start) = next else {
            if !rest.is_empty() {
                out.push(Segment::Text(rest.to_string()));
            }
            return out;
        };
        let end = rest[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '«' | '»'))
            .map_or(rest.len(), |i| start + i);
        let mut link = &rest[start..end];
        while let Some(c) = link.chars().last() {
            if matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | '\'' | ']') {
                link = &link[..link.len() - c.len_utf8()];
            } else {
                break;
            }
        }
        let minimal = if link.starts_with("www.") { 5 } else { 9 };
        if link.len() < minimal {
            out.push(Segment::Text(rest[..end].to_string()));
            rest = &rest[end..];
            continue;
        }
        if start > 0 {
            out.push(Segment::Text(rest[..start].to_string()));
        }
        let href = if link.starts_with("www.") {
            format!("https://{link}")
        } else {
            link.to_string()
        };
        out.push(Segment::Link(href, link.to_string()));
        rest = &rest[start + link.len()..];
    }
}

/// Position of `prefix` at a word start (not inside another word).
fn find_word_start(s: &str, prefix: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find(prefix) {
        let at = from + i;
        let before = s[..at].chars().last();
        if before.is_none_or(|c| !c.is_alphanumeric() && c != '/' && c != '.') {
            return Some(at);
        }
        from = at + prefix.len();
    }
    None
}

/// « 850 o », « 1,2 Ko », « 3,4 Mo » (French decimal comma).
pub fn format_size(bytes: u64, lang: Lang) -> String {
    let (unit_b, unit_k, unit_m, sep) = match lang {
        Lang::Fr => ("o", "Ko", "Mo", ','),
        Lang::En => ("B", "KB", "MB", '.'),
    };
    // Integer arithmetic: float formatting would add ~11 KB to the wasm.
    let one = |n: u64, unit_size: u64, unit: &str| {
        // Saturating: a server's size near u64::MAX must not overflow.
        let tenths = n.saturating_mul(10).saturating_add(unit_size / 2) / unit_size;
        if tenths < 100 {
            format!("{}{sep}{} {unit}", tenths / 10, tenths % 10)
        } else {
            format!("{} {unit}", n.saturating_add(unit_size / 2) / unit_size)
        }
    };
    if bytes < 1024 {
        format!("{bytes} {unit_b}")
    } else if bytes < 1024 * 1024 {
        one(bytes, 1024, unit_k)
    } else {
        one(bytes, 1024 * 1024, unit_m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Segment::*;

    fn t(s: &str) -> Segment {
        Text(s.into())
    }
    fn l(h: &str, s: &str) -> Segment {
        Link(h.into(), s.into())
    }

    #[test]
    fn links_in_french_text() {
        assert_eq!(linkify("rien ici"), vec![t("rien ici")]);
        assert_eq!(
            linkify("Voir https://www.ac-toulouse.fr/page?x=1. Merci"),
            vec![
                t("Voir "),
                l(
                    "https://www.ac-toulouse.fr/page?x=1",
                    "https://www.ac-toulouse.fr/page?x=1"
                ),
                t(". Merci")
            ]
        );
        assert_eq!(
            linkify("(www.education.gouv.fr)"),
            vec![
                t("("),
                l("https://www.education.gouv.fr", "www.education.gouv.fr"),
                t(")")
            ]
        );
        assert_eq!(
            linkify("« http://a.fr »"),
            vec![t("« "), l("http://a.fr", "http://a.fr"), t(" »")]
        );
        assert_eq!(linkify("https:// seul"), vec![t("https://"), t(" seul")]);
        assert_eq!(linkify("xhttp://a.fr"), vec![t("xhttp://a.fr")]);
        assert_eq!(linkify(""), vec![]);
    }

    #[test]
    fn javascript_is_never_a_link() {
        for s in ["javascript:alert(1)", "data:text/html,x", "vbscript:x"] {
            assert!(linkify(s).iter().all(|seg| matches!(seg, Text(_))), "{s}");
        }
    }

    #[test]
    fn sizes() {
        assert_eq!(format_size(850, Lang::Fr), "850 o");
        assert_eq!(format_size(1229, Lang::Fr), "1,2 Ko");
        assert_eq!(format_size(204_800 * 1024, Lang::Fr), "200 Mo");
        assert_eq!(format_size(1229, Lang::En), "1.2 KB");
    }
}
