//! The message list as a sparse window over a JMAP query: rows are fetched
//! by position in chunks of `CHUNK`, so a folder of 100,000 messages costs
//! only the chunks the user scrolls past. Pure data, tested natively.

use super::search::Snippet;
use crate::jmap::mail::{Email, LIST_PROPERTIES};
use crate::jmap::request::{Call, Comparator, GetArgs, Ids, QueryArgs, Request};
use crate::jmap::response::{GetResponse, QueryResponse, Response};
use crate::jmap::Error;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Rows fetched per Email/query call.
pub const CHUNK: u64 = 50;

/// The list orders offered to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    #[default]
    Date,
    From,
    Subject,
    Size,
}

impl SortBy {
    pub const ALL: [SortBy; 4] = [SortBy::Date, SortBy::From, SortBy::Subject, SortBy::Size];

    pub fn property(self) -> &'static str {
        match self {
            SortBy::Date => "receivedAt",
            SortBy::From => "from",
            SortBy::Subject => "subject",
            SortBy::Size => "size",
        }
    }

    /// Catalogue key of its name.
    pub fn label(self) -> &'static str {
        match self {
            SortBy::Date => "sort.date",
            SortBy::From => "sort.from",
            SortBy::Subject => "sort.subject",
            SortBy::Size => "sort.size",
        }
    }

    pub fn from_property(p: &str) -> SortBy {
        SortBy::ALL
            .into_iter()
            .find(|s| s.property() == p)
            .unwrap_or_default()
    }
}

/// Full-text and field criteria (the quick box fills `text` only).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Search {
    pub text: String,
    pub from: String,
    pub to: String,
    pub subject: String,
    pub body: String,
    /// `YYYY-MM-DD`, inclusive, Paris days taken as UTC days (a search tool,
    /// not a ledger).
    pub after: String,
    pub before: String,
    pub has_attachment: bool,
    pub unread: bool,
    pub flagged: bool,
    pub mailbox_id: String,
}

impl Search {
    pub fn quick(text: &str) -> Search {
        Search {
            text: text.trim().to_string(),
            ..Search::default()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.filter_conditions().is_empty()
    }

    fn filter_conditions(&self) -> Map<String, Value> {
        let mut f = Map::new();
        for (k, v) in [
            ("text", &self.text),
            ("from", &self.from),
            ("to", &self.to),
            ("subject", &self.subject),
            ("body", &self.body),
            ("inMailbox", &self.mailbox_id),
        ] {
            if !v.trim().is_empty() {
                f.insert(k.into(), json!(v.trim()));
            }
        }
        if let Some(d) = day(&self.after) {
            f.insert("after".into(), json!(format!("{d}T00:00:00Z")));
        }
        if let Some(d) = day(&self.before) {
            // "before" is exclusive in JMAP: the end of the chosen day.
            f.insert("before".into(), json!(format!("{d}T23:59:59Z")));
        }
        if self.has_attachment {
            f.insert("hasAttachment".into(), json!(true));
        }
        if self.unread {
            f.insert("notKeyword".into(), json!("$seen"));
        }
        if self.flagged {
            f.insert("hasKeyword".into(), json!("$flagged"));
        }
        f
    }

    /// The words to highlight: SearchSnippet/get takes the same filter.
    pub fn filter(&self) -> Value {
        Value::Object(self.filter_conditions())
    }
}

/// Accepts only a well-formed `YYYY-MM-DD` (what `<input type=date>` gives);
/// by hand, as chrono's format parser costs 8 KB of wasm.
fn day(s: &str) -> Option<&str> {
    let s = s.trim();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let shaped = b.len() == 10 && b[4] == b'-' && b[7] == b'-';
    if !shaped || !digits(0..4) || !digits(5..7) || !digits(8..10) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
    let (month, d) = (num(5..7)?, num(8..10)?);
    ((1..=12).contains(&month) && (1..=31).contains(&d)).then_some(s)
}

/// What a list shows: a folder or a search, an order, threads or messages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListQuery {
    pub mailbox_id: Option<String>,
    pub search: Option<Search>,
    pub sort: SortBy,
    pub ascending: bool,
    /// Conversation mode: one row per thread.
    pub threads: bool,
}

impl ListQuery {
    pub fn filter(&self) -> Value {
        match (&self.search, &self.mailbox_id) {
            (Some(s), _) => s.filter(),
            (None, Some(m)) => json!({ "inMailbox": m }),
            (None, None) => json!({}),
        }
    }
}

/// The calls fetching one chunk of a list.
#[derive(Debug, Clone)]
pub struct ChunkCalls {
    pub query: Call,
    pub get: Call,
    pub snippets: Option<Call>,
}

/// Adds Email/query at `position` and an Email/get of its ids by result
/// reference (and SearchSnippet/get for a search) to a request.
pub fn chunk_calls(req: &mut Request, account: &str, q: &ListQuery, position: u64) -> ChunkCalls {
    let mut extra = Map::new();
    extra.insert("collapseThreads".into(), json!(q.threads));
    let query = req.call(
        "Email/query",
        &QueryArgs {
            account_id: account.into(),
            filter: Some(q.filter()),
            sort: vec![Comparator {
                property: q.sort.property().into(),
                is_ascending: q.ascending,
            }],
            position,
            limit: Some(CHUNK),
            calculate_total: true,
            extra,
        },
    );
    let get = req.call(
        "Email/get",
        &GetArgs::ids(account, Ids::Ref(query.reference("/ids"))).properties(LIST_PROPERTIES),
    );
    let snippets = q.search.as_ref().map(|s| {
        req.call(
            "SearchSnippet/get",
            &json!({ "accountId": account, "filter": s.filter(), "#emailIds": query.reference("/ids") }),
        )
    });
    ChunkCalls {
        query,
        get,
        snippets,
    }
}

/// One chunk as the server gave it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Chunk {
    pub position: u64,
    pub total: u64,
    pub query_state: String,
    pub email_state: String,
    pub emails: Vec<Email>,
    pub snippets: BTreeMap<String, Snippet>,
}

pub fn read_chunk(resp: &Response, calls: &ChunkCalls) -> Result<Chunk, Error> {
    #[derive(Deserialize)]
    struct Snippets {
        #[serde(default)]
        list: Vec<Snippet>,
    }
    let query: QueryResponse = resp.get(&calls.query)?;
    let got: GetResponse<Email> = resp.get(&calls.get)?;
    // Snippets are a nicety: a server without them still gives results.
    let snippets = calls
        .snippets
        .as_ref()
        .and_then(|c| resp.get::<Snippets>(c).ok())
        .map(|s| {
            s.list
                .into_iter()
                .map(|s| (s.email_id.clone(), s))
                .collect()
        })
        .unwrap_or_default();
    // Email/get may answer in any order, and skip ids gone meanwhile.
    let mut by_id: BTreeMap<String, Email> =
        got.list.into_iter().map(|e| (e.id.clone(), e)).collect();
    let emails = query
        .ids
        .iter()
        .filter_map(|id| by_id.remove(id))
        .collect::<Vec<_>>();
    Ok(Chunk {
        position: query.position,
        total: query
            .total
            .unwrap_or_else(|| query.position.saturating_add(emails.len() as u64)),
        query_state: query.query_state,
        email_state: got.state,
        emails,
        snippets,
    })
}

/// The list on screen: its query and the rows loaded so far, by position.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListPage {
    pub query: ListQuery,
    pub total: u64,
    pub query_state: String,
    pub email_state: String,
    pub rows: BTreeMap<u64, Email>,
    pub snippets: BTreeMap<String, Snippet>,
}

impl ListPage {
    pub fn new(query: ListQuery, chunk: Chunk) -> ListPage {
        let mut page = ListPage {
            query,
            ..ListPage::default()
        };
        page.merge(chunk);
        page
    }

    /// The folder shown (empty for a search).
    pub fn mailbox_id(&self) -> &str {
        match &self.query.search {
            Some(_) => "",
            None => self.query.mailbox_id.as_deref().unwrap_or(""),
        }
    }

    pub fn merge(&mut self, chunk: Chunk) {
        self.total = chunk.total;
        self.query_state = chunk.query_state;
        self.email_state = chunk.email_state;
        for (i, e) in chunk.emails.into_iter().enumerate() {
            // A server's position near u64::MAX: the rows past it are dropped.
            let Some(at) = chunk.position.checked_add(i as u64) else {
                break;
            };
            self.rows.insert(at, e);
        }
        self.snippets.extend(chunk.snippets);
    }

    /// Chunk starts needed to show positions `first..=last`, not yet loaded.
    pub fn missing_chunks(&self, first: u64, last: u64) -> Vec<u64> {
        if self.total == 0 {
            return Vec::new();
        }
        let last = last.min(self.total - 1);
        let mut out = Vec::new();
        let mut start = first / CHUNK * CHUNK;
        while start <= last {
            let end = (start + CHUNK - 1).min(self.total - 1);
            if (start..=end).any(|p| !self.rows.contains_key(&p)) {
                out.push(start);
            }
            start += CHUNK;
        }
        out
    }

    pub fn position_of(&self, id: &str) -> Option<u64> {
        self.rows.iter().find(|(_, e)| e.id == id).map(|(p, _)| *p)
    }

    pub fn emails(&self) -> impl Iterator<Item = &Email> {
        self.rows.values()
    }

    pub fn find_mut(&mut self, id: &str) -> Option<&mut Email> {
        self.rows.values_mut().find(|e| e.id == id)
    }

    /// Takes messages out (moved, deleted): later rows move up, the total
    /// drops. Unloaded rows shift the same way when fetched again later.
    pub fn remove_ids(&mut self, ids: &BTreeSet<String>) {
        let gone: Vec<u64> = self
            .rows
            .iter()
            .filter(|(_, e)| ids.contains(&e.id))
            .map(|(p, _)| *p)
            .collect();
        if gone.is_empty() {
            return;
        }
        let rows = std::mem::take(&mut self.rows);
        for (p, e) in rows {
            if ids.contains(&e.id) {
                continue;
            }
            let before = gone.iter().filter(|g| **g < p).count() as u64;
            self.rows.insert(p - before, e);
        }
        self.total = self.total.saturating_sub(gone.len() as u64);
    }

    /// Ids of the loaded rows between two positions, inclusive, in order.
    pub fn ids_between(&self, a: u64, b: u64) -> Vec<String> {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        self.rows
            .range(lo..=hi)
            .map(|(_, e)| e.id.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(id: &str) -> Email {
        Email {
            id: id.into(),
            ..Email::default()
        }
    }

    fn chunk(position: u64, total: u64, ids: &[&str]) -> Chunk {
        Chunk {
            position,
            total,
            emails: ids.iter().map(|i| email(i)).collect(),
            ..Chunk::default()
        }
    }

    #[test]
    fn a_chunk_is_query_then_get_by_reference() {
        let mut req = Request::new();
        let q = ListQuery {
            mailbox_id: Some("INBOX".into()),
            sort: SortBy::From,
            ascending: true,
            ..ListQuery::default()
        };
        let calls = chunk_calls(&mut req, "u", &q, 150);
        assert!(calls.snippets.is_none());
        let body = req.to_json();
        let args = &body["methodCalls"][0][1];
        assert_eq!(args["position"], 150);
        assert_eq!(args["limit"], CHUNK);
        assert_eq!(args["filter"], json!({"inMailbox": "INBOX"}));
        assert_eq!(
            args["sort"],
            json!([{"property": "from", "isAscending": true}])
        );
        assert_eq!(args["collapseThreads"], false);
        assert_eq!(body["methodCalls"][1][1]["#ids"]["path"], "/ids");
        let mut req = Request::new();
        let s = ListQuery {
            search: Some(Search::quick(" conseil ")),
            threads: true,
            ..ListQuery::default()
        };
        let calls = chunk_calls(&mut req, "u", &s, 0);
        let body = req.to_json();
        assert_eq!(
            body["methodCalls"][0][1]["filter"],
            json!({"text": "conseil"})
        );
        assert_eq!(body["methodCalls"][0][1]["collapseThreads"], true);
        assert_eq!(body["methodCalls"][2][0], "SearchSnippet/get");
        assert_eq!(
            body["methodCalls"][2][1]["#emailIds"]["resultOf"],
            json!(calls.query.id)
        );
    }

    #[test]
    fn advanced_search_filter() {
        let s = Search {
            from: "durand".into(),
            subject: "conseil".into(),
            after: "2026-09-01".into(),
            before: "2026-09-30".into(),
            has_attachment: true,
            unread: true,
            flagged: true,
            mailbox_id: "M1".into(),
            body: "  ".into(),
            ..Search::default()
        };
        assert_eq!(
            s.filter(),
            json!({"from": "durand", "subject": "conseil", "inMailbox": "M1",
                "after": "2026-09-01T00:00:00Z", "before": "2026-09-30T23:59:59Z",
                "hasAttachment": true, "notKeyword": "$seen", "hasKeyword": "$flagged"})
        );
        for bad in [
            "01/09/2026",
            "2026-13-01",
            "2026-09-32",
            "2026-9-01",
            "२०२६-09-01",
            "",
        ] {
            let s = Search {
                after: bad.into(),
                ..Search::default()
            };
            assert!(s.is_empty(), "{bad}");
        }
    }

    #[test]
    fn reads_the_recorded_first_page_in_query_order() {
        let resp = Response::parse(include_str!("../jmap/fixtures/inbox_first_page.json")).unwrap();
        // Recorded with this layout: Mailbox/get (c0), then the chunk (c1, c2).
        let mut req = Request::new();
        req.call("Mailbox/get", &json!({}));
        let calls = chunk_calls(&mut req, "u", &ListQuery::default(), 0);
        let c = read_chunk(&resp, &calls).unwrap();
        assert_eq!(c.position, 0);
        assert!(c.total >= c.emails.len() as u64);
        assert_eq!(c.emails.len() as u64, CHUNK.min(c.total));
        assert!(!c.query_state.is_empty());
    }

    #[test]
    fn windows_fill_by_chunk() {
        let ids: Vec<String> = (0..50).map(|i| format!("e{i}")).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let mut page = ListPage::new(ListQuery::default(), chunk(0, 120, &refs));
        assert_eq!(page.missing_chunks(0, 30), Vec::<u64>::new());
        assert_eq!(page.missing_chunks(40, 110), vec![50, 100]);
        // Past the end is clamped to the total.
        assert_eq!(page.missing_chunks(110, 5000), vec![100]);
        page.merge(chunk(100, 120, &["x100", "x101"]));
        // 102..119 are still missing: the chunk comes again.
        assert_eq!(page.missing_chunks(100, 119), vec![100]);
        assert_eq!(page.position_of("x101"), Some(101));
        assert_eq!(page.ids_between(49, 47), vec!["e47", "e48", "e49"]);
        let empty = ListPage::default();
        assert!(empty.missing_chunks(0, 10).is_empty());
    }

    #[test]
    fn removing_rows_moves_later_ones_up() {
        let mut page = ListPage::new(ListQuery::default(), chunk(0, 10, &["a", "b", "c", "d"]));
        page.merge(chunk(8, 10, &["i", "j"]));
        page.remove_ids(&["b".to_string(), "i".to_string()].into_iter().collect());
        assert_eq!(page.total, 8);
        let order: Vec<(u64, &str)> = page.rows.iter().map(|(p, e)| (*p, e.id.as_str())).collect();
        assert_eq!(order, vec![(0, "a"), (1, "c"), (2, "d"), (7, "j")]);
    }
}
