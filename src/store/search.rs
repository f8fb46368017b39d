//! Full-text search: one request for the matching messages, their list
//! properties and their highlighted snippets (SearchSnippet/get).

use crate::jmap::mail::{Email, LIST_PROPERTIES};
use crate::jmap::request::{Call, Comparator, GetArgs, Ids, QueryArgs, Request};
use crate::jmap::response::{GetResponse, QueryResponse, Response};
use crate::jmap::session::{CORE, MAIL};
use crate::jmap::Error;
use serde::Deserialize;
use serde_json::{json, Map};
use std::collections::BTreeMap;

pub const SEARCH_PAGE: u64 = 50;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Snippet {
    pub email_id: String,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub preview: Option<String>,
}

pub struct SearchCalls {
    query: Call,
    emails: Call,
    snippets: Call,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResult {
    pub query: Option<QueryResponse>,
    pub emails: Vec<Email>,
    pub snippets: BTreeMap<String, Snippet>,
    pub email_state: String,
}

pub fn search_request(account: &str, text: &str) -> (Request, SearchCalls) {
    let mut req = Request::new().using(&[CORE, MAIL]);
    let filter = json!({ "text": text });
    let mut extra = Map::new();
    extra.insert("collapseThreads".into(), json!(false));
    let query = req.call(
        "Email/query",
        &QueryArgs {
            account_id: account.into(),
            filter: Some(filter.clone()),
            sort: vec![Comparator {
                property: "receivedAt".into(),
                is_ascending: false,
            }],
            position: 0,
            limit: Some(SEARCH_PAGE),
            calculate_total: true,
            extra,
        },
    );
    let emails = req.call(
        "Email/get",
        &GetArgs::ids(account, Ids::Ref(query.reference("/ids"))).properties(LIST_PROPERTIES),
    );
    let snippets = req.call(
        "SearchSnippet/get",
        &json!({ "accountId": account, "filter": filter, "#emailIds": query.reference("/ids") }),
    );
    (
        req,
        SearchCalls {
            query,
            emails,
            snippets,
        },
    )
}

pub fn read_search(resp: &Response, calls: &SearchCalls) -> Result<SearchResult, Error> {
    #[derive(Deserialize)]
    struct Snippets {
        #[serde(default)]
        list: Vec<Snippet>,
    }
    let query: QueryResponse = resp.get(&calls.query)?;
    let got: GetResponse<Email> = resp.get(&calls.emails)?;
    // Snippets are a nicety: a server without them still gives results.
    let snippets = resp
        .get::<Snippets>(&calls.snippets)
        .map(|s| {
            s.list
                .into_iter()
                .map(|s| (s.email_id.clone(), s))
                .collect()
        })
        .unwrap_or_default();
    let mut emails = got.list;
    emails.sort_by_key(|e| {
        query
            .ids
            .iter()
            .position(|x| x == &e.id)
            .unwrap_or(usize::MAX)
    });
    Ok(SearchResult {
        query: Some(query),
        emails,
        snippets,
        email_state: got.state,
    })
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

    #[test]
    fn one_request_with_snippets_by_reference() {
        let (req, _) = search_request("u", "conseil");
        let body = req.to_json();
        assert_eq!(body["methodCalls"][0][1]["filter"]["text"], "conseil");
        assert_eq!(body["methodCalls"][2][0], "SearchSnippet/get");
        assert_eq!(body["methodCalls"][2][1]["#emailIds"]["path"], "/ids");
    }

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
