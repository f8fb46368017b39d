//! Search highlights: SearchSnippet/get answers (requested with each list
//! chunk of a search, see `list`) and their safe rendering pieces.

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Snippet {
    pub email_id: String,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub preview: Option<String>,
}

/// Splits a snippet (HTML-escaped text with `<mark>` around matches) into
/// (text, highlighted) pieces. Nothing else is ever interpreted as markup.
pub fn marked(snippet: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut rest = snippet;
    let mut on = false;
    while !rest.is_empty() {
        let tag = if on { "</mark>" } else { "<mark>" };
        let (piece, next) = match rest.find(tag) {
            Some(i) => (&rest[..i], &rest[i + tag.len()..]),
            None => (rest, ""),
        };
        if !piece.is_empty() {
            out.push((unescape(piece), on));
        }
        rest = next;
        on = !on;
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jmap::request::Call;
    use crate::jmap::response::Response;

    #[test]
    fn recorded_snippets_have_marks() {
        // Recorded from Cyrus as Email/query (c0) then SearchSnippet/get (c1).
        #[derive(Deserialize)]
        struct Snippets {
            list: Vec<Snippet>,
        }
        let resp = Response::parse(include_str!("../jmap/fixtures/search_text.json")).unwrap();
        let call = Call {
            id: "c1".into(),
            method: "SearchSnippet/get".into(),
        };
        let got: Snippets = resp.get(&call).unwrap();
        assert!(!got.list.is_empty());
        for s in &got.list {
            let text = s.preview.as_deref().or(s.subject.as_deref()).unwrap_or("");
            assert!(marked(text).iter().any(|(_, on)| *on), "{text}");
        }
    }

    #[test]
    fn marks_are_the_only_markup() {
        assert_eq!(
            marked("Le <mark>conseil</mark> de classe &amp; co"),
            vec![
                ("Le ".into(), false),
                ("conseil".into(), true),
                (" de classe & co".into(), false)
            ]
        );
        assert_eq!(marked("&lt;script&gt;x"), vec![("<script>x".into(), false)]);
        assert_eq!(marked("<mark>tout</mark>"), vec![("tout".into(), true)]);
        assert_eq!(marked(""), vec![]);
        assert_eq!(marked("<mark>ouvert"), vec![("ouvert".into(), true)]);
    }
}
