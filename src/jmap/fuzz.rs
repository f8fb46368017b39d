//! Hostile JMAP input: property tests ("fuzzing" with proptest) of every
//! decoder of this layer, and of the pure helpers downstream that take server
//! data as it comes. A decoder may refuse (an `Err`, a default, a skipped
//! item), never panic: in the browser a panic is the end of the app.
//!
//! - bytes: raw HTTP bodies, invalid UTF-8 included (fetch hands the app text
//!   decoded lossily; `from_slice` sees the bytes themselves);
//! - JSON shaped like JMAP: objects keyed by the property names the decoders
//!   look for, values well typed or not, numbers at their limits, strings
//!   with control characters;
//! - mutations of the recorded Cyrus answers in `fixtures/`: any node
//!   replaced (by random JSON, or by a value of the type its property calls
//!   for) or removed, a key written twice, the text cut, a byte changed or
//!   a JSON token inserted;
//! - extreme shapes (plain tests): body structures 10,000 deep and 100,000
//!   wide, 1,000-deep values under every property, nesting at the limit.
//!
//! Each property runs 256 cases; `PROPTEST_CASES=20000` for a long run.
//! The regressions found by these properties are plain tests at the end;
//! what they found outside this layer is there too, ignored until fixed.

use super::auth::base64;
use super::batch;
use super::calendar::{self, duration_minutes, local_date_time, utc_date, Calendar, Event};
use super::calendar_set::{self, NewEvent};
use super::client::Client;
use super::contacts::{self, BookChange, Group, Person};
use super::error::{MethodError, Problem, SetError};
use super::mail::{Body, BodyPart, BodyValue, Email, EmailAddress, EmailDetail, Mailbox};
use super::push::{event_source_url, initial_mode, next_poll_delay_ms};
use super::quota::Quota;
use super::request::{Call, Request};
use super::response::{ChangesResponse, GetResponse, QueryResponse, Response, SetResponse};
use super::session::{
    Account, Session, CORE, CYRUS_CALENDARS, CYRUS_CONTACTS, CYRUS_MAIL, CYRUS_QUOTA, MAIL,
    SUBMISSION,
};
use super::upload::Uploaded;
use super::url::{encode_component, expand, origin, resolve};
use super::Error;
use crate::i18n::dates::{full_date, list_date, parse_utc, to_paris};
use crate::i18n::Lang;
use crate::mail::compose::reply::{self, Mode, Wording};
use crate::mail::text::{format_size, linkify, Segment};
use crate::store::folders::{collation_key, rows};
use crate::store::list::{self, Chunk, ListPage, ListQuery, Search, SortBy};
use crate::store::{mail_requests, reader_requests, receipts, search};
use chrono::{Duration, TimeZone, Timelike, Utc};
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, RngAlgorithm};
use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;
use std::fmt::Debug;

// ---------------------------------------------------------------------------
// Vocabulary: what a JMAP server says, and what a hostile one might.

/// The property names the decoders look for (and some they skip).
const KEYS: &[&str] = &[
    "id",
    "blobId",
    "threadId",
    "mailboxIds",
    "keywords",
    "from",
    "to",
    "cc",
    "replyTo",
    "subject",
    "bodyStructure",
    "subParts",
    "partId",
    "type",
    "size",
    "name",
    "headers",
    "textBody",
    "htmlBody",
    "attachments",
    "bodyValues",
    "value",
    "isTruncated",
    "receivedAt",
    "sentAt",
    "preview",
    "hasAttachment",
    "messageId",
    "references",
    RECEIPT_TO,
    "disposition",
    "cid",
    "email",
    "methodResponses",
    "sessionState",
    "accounts",
    "primaryAccounts",
    "capabilities",
    "accountCapabilities",
    "apiUrl",
    "downloadUrl",
    "uploadUrl",
    "eventSourceUrl",
    "username",
    "isPersonal",
    "isReadOnly",
    "maxCallsInRequest",
    "maxSizeUpload",
    "state",
    "accountId",
    "list",
    "notFound",
    "queryState",
    "canCalculateChanges",
    "ids",
    "total",
    "position",
    "oldState",
    "newState",
    "hasMoreChanges",
    "created",
    "updated",
    "destroyed",
    "updatedProperties",
    "notCreated",
    "notUpdated",
    "notDestroyed",
    "notSent",
    "description",
    "properties",
    "status",
    "title",
    "detail",
    "limit",
    "parentId",
    "role",
    "sortOrder",
    "totalEmails",
    "unreadEmails",
    "totalThreads",
    "unreadThreads",
    "emailIds",
    "emailId",
    "start",
    "duration",
    "timeZone",
    "showWithoutTime",
    "locations",
    "calendarId",
    "mayModifyItems",
    "recurrenceRules",
    "participants",
    "firstName",
    "lastName",
    "company",
    "jobTitle",
    "emails",
    "phones",
    "notes",
    "isDefault",
    "contactIds",
    "used",
];

const RECEIPT_TO: &str = "header:Disposition-Notification-To:asAddresses";

const CAPABILITIES: &[&str] = &[
    CORE,
    MAIL,
    SUBMISSION,
    CYRUS_CALENDARS,
    CYRUS_CONTACTS,
    CYRUS_MAIL,
    CYRUS_QUOTA,
    "urn:ietf:params:jmap:mdn",
];

const METHODS: &[&str] = &[
    "error",
    "Email/get",
    "Email/query",
    "Email/changes",
    "Email/set",
    "Mailbox/get",
    "Mailbox/changes",
    "Thread/get",
    "SearchSnippet/get",
    "Quota/get",
    "Calendar/get",
    "CalendarEvent/query",
    "CalendarEvent/get",
    "Contact/get",
    "Contact/set",
    "ContactGroup/get",
    "MDN/send",
];

const CALL_IDS: &[&str] = &["c0", "c1", "c2", "c3", "c4", "r0.c0", "r1.c1", ""];

/// Ids from a small pool, so that references between objects (query ids and
/// got ids, part ids and body values) sometimes match.
const IDS: &[&str] = &["a", "b", "e1", "e2", "M1", "1", "2", "inbox", "mail", ""];

const URLS: &[&str] = &[
    "https://x.example/.well-known/jmap",
    "http://127.0.0.1:8080/.well-known/jmap",
    "/jmap/",
    "jmap/api",
    "//evil.example/x",
    "https://",
    "http://",
    "://",
    "?",
    "#",
    "",
    "https://x.example/download/{accountId}/{blobId}/{name}?accept={type}",
    "/upload/{accountId}/",
    "/es?types={types}&closeafter={closeafter}&ping={ping}",
    "https://é.example:99999/ü?#",
    "https://x.example?q=/a#/b",
];

/// Strings a server may send, chosen to reach corners of the helpers.
const WORDS: &[&str] = &[
    "",
    " ",
    "a",
    "$seen",
    "$flagged",
    "$mdnsent",
    "$hasattachment",
    "inbox",
    "trash",
    "drafts",
    "text/plain",
    "text/html",
    "TEXT/HTML",
    "image/png",
    "IMAGE/JPEG",
    "image/svg+xml",
    "multipart/mixed",
    "inline",
    "attachment",
    "<logo@x>",
    "cid:logo@x",
    "<>",
    "2026-11-24T17:30:00",
    "2026-11-24T17:30:00Z",
    "2026-03-29T01:30:00Z",
    "2026-02-30T25:61:61Z",
    "9999-12-31T23:59:59Z",
    "9999-12-31T23:59:59-23:59",
    "0000-01-01T00:00:00+23:59",
    "0000-01-01T00:00:00",
    "+2026-11-24T17:30:00",
    "-001-01-01T00:00:00",
    "2026-11-24T17:30:00é",
    "PT1H30M",
    "P1W",
    "P1DT2H",
    "P",
    "PT",
    "PT15M10S",
    "P1537228672809129301W",
    "PT9223372036854775807M",
    "P9223372036854775807D",
    "P99999999999999W",
    "UTC",
    "Etc/UTC",
    "Z",
    "Europe/Paris",
    "cannotCalculateChanges",
    "serverFail",
    "notFound",
    "forbidden",
    "urn:ietf:params:jmap:error:limit",
    "urn:ietf:params:jmap:error:notRequest",
    "about:blank",
    "maxCallsInRequest",
    "{accountId}",
    "{blobId}",
    "{name}",
    "{type}",
    "{types}",
    "{closeafter}",
    "{ping}",
    "{",
    "}",
    "<mark>",
    "</mark>",
    "<mark>conseil</mark>",
    "&amp;",
    "&lt;script&gt;",
    "&#x27;",
    "&",
    "https://",
    "http://x.fr",
    "www.",
    "www.ac-toulouse.fr.",
    "xhttp://a.fr",
    "javascript:alert(1)",
    "Re: Re: Fwd:",
    "RÉF: tr :",
    "TR:",
    "<p>Bonjour<br/>à <b>vous</b></p>",
    "<div",
    "é",
    "İ",
    "ß",
    "ﬃ",
    "\u{0}",
    "\u{7f}",
    "\u{85}",
    "\u{202e}",
    "\u{feff}",
    "\u{fffd}",
    "\u{10ffff}",
    "\r\n",
    "\r",
    "\n",
    "\t",
    "\\",
    "\"",
    ";",
    ",",
    ":",
    "a@b.fr",
    "A@B.FR",
    "Salle 112",
    "Hélène",
    "BEGIN:VCARD",
    "END:VCARD",
];

/// Pieces of JSON text, and bytes that are not UTF-8, for token soups.
const TOKENS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"\"",
    b"\\",
    b"null",
    b"true",
    b"-",
    b"0",
    b"-0",
    b"1e999",
    b"-1e999",
    b"1.5",
    b"18446744073709551616",
    b"-9223372036854775809",
    b"\"\\ud800\"",
    b"\"\\udc00x\"",
    b"\"\\u0000\"",
    b"\"\\uZZZZ\"",
    b"\"methodResponses\"",
    b"\"list\"",
    b"\"id\"",
    b"\"capabilities\"",
    b"\"apiUrl\"",
    b"\"type\"",
    b"\"Email/get\"",
    b"\"error\"",
    b"\"c0\"",
    b"\"c1\"",
    b"\"c2\"",
    b"\xff",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\xef\xbb\xbf",
    b"\x00",
    b" ",
    b"\n",
];

/// Byte sequences that are not UTF-8: stray, truncated, surrogate, beyond
/// U+10FFFF, overlong.
const NOT_UTF8: &[&[u8]] = &[
    b"\xff",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\xc0\xaf",
];

/// What a property name holds, so that values are often well typed (and get
/// past the first field into the decoder's later code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Id,
    Ids,
    Text,
    Url,
    Utc,
    Local,
    Duration,
    Number,
    Bool,
    BoolMap,
    IdMap,
    Addresses,
    Objects,
    /// A `/get` list: objects with an id, mostly.
    Entities,
    Object,
    ObjectMap,
    IdsOrMap,
    Invocations,
}

fn kind(key: &str) -> Kind {
    use Kind::*;
    match key {
        "id" | "blobId" | "threadId" | "partId" | "emailId" | "calendarId" | "accountId"
        | "parentId" => Id,
        "ids" | "notFound" | "emailIds" | "contactIds" | "destroyed" | "messageId"
        | "references" | "updatedProperties" | "properties" => Ids,
        "created" | "updated" => IdsOrMap,
        "mailboxIds" | "keywords" => BoolMap,
        "primaryAccounts" => IdMap,
        "apiUrl" | "downloadUrl" | "uploadUrl" | "eventSourceUrl" => Url,
        "receivedAt" | "sentAt" => Utc,
        "start" => Local,
        "duration" => Duration,
        "size" | "total" | "position" | "used" | "sortOrder" | "totalEmails" | "unreadEmails"
        | "totalThreads" | "unreadThreads" | "status" | "maxCallsInRequest" | "maxSizeUpload" => {
            Number
        }
        "hasAttachment"
        | "isTruncated"
        | "isDefault"
        | "showWithoutTime"
        | "hasMoreChanges"
        | "canCalculateChanges"
        | "isPersonal"
        | "isReadOnly"
        | "mayModifyItems" => Bool,
        "from" | "to" | "cc" | "replyTo" | RECEIPT_TO => Addresses,
        "list" => Entities,
        "textBody" | "htmlBody" | "attachments" | "subParts" | "emails" | "phones" | "headers"
        | "recurrenceRules" => Objects,
        "bodyStructure" => Object,
        "bodyValues"
        | "accounts"
        | "capabilities"
        | "accountCapabilities"
        | "notCreated"
        | "notUpdated"
        | "notDestroyed"
        | "notSent"
        | "locations"
        | "participants" => ObjectMap,
        "methodResponses" => Invocations,
        _ => Text,
    }
}

/// How often a property is drawn: the ones every reader needs, more.
fn weight(key: &str) -> u32 {
    match key {
        "id" | "list" => 12,
        "ids" | "type" | "partId" => 5,
        "methodResponses" | "textBody" | "htmlBody" | "bodyValues" | "start" | "duration" => 3,
        _ => 1,
    }
}

// ---------------------------------------------------------------------------
// Strategies.

fn config() -> Config {
    // No regression files written into the source tree: what a property
    // finds becomes a plain test below.
    // XorShift: ChaCha, unoptimised in test builds, took most of the time
    // (each choice between strategies forks the generator).
    Config {
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::XorShift,
        ..Config::default()
    }
}

fn obj(m: impl IntoIterator<Item = (String, Value)>) -> Value {
    Value::Object(m.into_iter().collect())
}

fn arb_text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => select(WORDS).prop_map(str::to_string),
        2 => vec(select(WORDS), 0..5).prop_map(|w| w.concat()),
        // Any char, control characters and surrogate neighbours included.
        2 => vec(any::<char>(), 0..12).prop_map(String::from_iter),
        1 => "[\\x00-\\x20\"\\\\<>&;:/{}@.#?%+a-zT0-9-]{0,24}",
        1 => (vec(any::<char>(), 1..4), 0..300usize)
            .prop_map(|(c, n)| String::from_iter(c).repeat(n)),
    ]
    .boxed()
}

fn arb_id() -> BoxedStrategy<String> {
    prop_oneof![4 => select(IDS).prop_map(str::to_string), 1 => arb_text()].boxed()
}

fn arb_key() -> BoxedStrategy<String> {
    prop_oneof![
        3 => arb_id(),
        1 => select(KEYS).prop_map(str::to_string),
        1 => select(CAPABILITIES).prop_map(str::to_string),
        1 => arb_text(),
    ]
    .boxed()
}

fn arb_url() -> BoxedStrategy<String> {
    prop_oneof![3 => select(URLS).prop_map(str::to_string), 1 => arb_text()].boxed()
}

fn arb_number() -> BoxedStrategy<Value> {
    prop_oneof![
        2 => select(vec![
            0u64,
            1,
            15,
            16,
            50,
            127,
            128,
            255,
            256,
            1439,
            65_535,
            65_536,
            u64::from(u32::MAX),
            u64::from(u32::MAX) + 1,
            1 << 53,
            u64::MAX / 100,
            u64::MAX / 10,
            u64::MAX / 10 + 1,
            i64::MAX as u64,
            u64::MAX - 1,
            u64::MAX,
        ])
        .prop_map(Value::from),
        1 => any::<u64>().prop_map(Value::from),
        1 => any::<i64>().prop_map(Value::from),
        1 => select(vec![-1i64, -15, i64::MIN, -(1 << 53)]).prop_map(Value::from),
        1 => any::<f64>().prop_map(Value::from),
        1 => select(vec![0.5, -0.0, 1e308, -1e308, 5e-324, 2e19, 1.8446744073709552e19])
            .prop_map(Value::from),
    ]
    .boxed()
}

fn arb_leaf() -> BoxedStrategy<Value> {
    prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        2 => arb_number(),
        3 => arb_text().prop_map(Value::String),
    ]
    .boxed()
}

fn arb_address() -> BoxedStrategy<Value> {
    (
        proptest::option::of(arb_text()),
        proptest::option::of(prop_oneof![
            select(&["a@b.fr", "A@B.FR", "me@x.fr", "", " "][..]).prop_map(str::to_string),
            arb_text()
        ]),
    )
        .prop_map(|(name, email)| json!({ "name": name, "email": email }))
        .boxed()
}

/// A date-time whose fields are in range (often a real one): past the
/// first checks of the date parsers.
fn plausible_date() -> BoxedStrategy<String> {
    (
        0u32..10_000,
        1u32..=12,
        1u32..=31,
        0u32..24,
        0u32..60,
        0u32..60,
    )
        .prop_map(|(y, mo, d, h, mi, s)| format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}"))
        .boxed()
}

/// Well-typed values for the kinds that do not nest.
fn flat(k: Kind) -> Option<BoxedStrategy<Value>> {
    let text = |s: BoxedStrategy<String>| Some(s.prop_map(Value::String).boxed());
    match k {
        Kind::Id => text(arb_id()),
        Kind::Ids => Some(vec(arb_id(), 0..6).prop_map(|v| json!(v)).boxed()),
        Kind::Text => text(arb_text()),
        Kind::Url => text(arb_url()),
        Kind::Utc => text(
            prop_oneof![
                2 => (plausible_date(), "(\\.[0-9]{1,12})?(Z|[+-][0-9]{2}:[0-9]{2})")
                    .prop_map(|(d, zone)| d + &zone),
                2 => "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,12})?(Z|[+-][0-9]{2}:[0-9]{2})",
                1 => arb_text(),
            ]
            .boxed(),
        ),
        Kind::Local => text(
            prop_oneof![
                3 => plausible_date(),
                2 => "[0-9+-]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}.{0,2}",
                1 => arb_text(),
            ]
            .boxed(),
        ),
        Kind::Duration => text(
            prop_oneof![
                2 => "P([0-9]{1,4}[WD])?(T([0-9]{1,4}[HMS]){0,3})?",
                2 => "P[0-9]{1,20}[WD]",
                2 => "PT[0-9]{1,20}[HMS]",
                1 => "[PT0-9WDHMS]{0,24}",
                1 => arb_text(),
            ]
            .boxed(),
        ),
        Kind::Number => Some(arb_number()),
        Kind::Bool => Some(any::<bool>().prop_map(Value::Bool).boxed()),
        Kind::BoolMap => Some(
            btree_map(
                arb_key(),
                prop_oneof![4 => any::<bool>().prop_map(Value::Bool), 1 => arb_leaf()],
                0..5,
            )
            .prop_map(obj)
            .boxed(),
        ),
        Kind::IdMap => Some(
            btree_map(
                arb_key(),
                prop_oneof![4 => arb_id().prop_map(Value::String), 1 => arb_leaf()],
                0..5,
            )
            .prop_map(obj)
            .boxed(),
        ),
        Kind::Addresses => Some(
            vec(prop_oneof![6 => arb_address(), 1 => arb_leaf()], 0..5)
                .prop_map(Value::Array)
                .boxed(),
        ),
        _ => None,
    }
}

/// The string strategies, built once per value strategy and shared: a
/// regex strategy compiles its regex when built, and the recursive strategy
/// below is rebuilt for every case.
#[derive(Clone)]
struct Strings {
    text: BoxedStrategy<String>,
    id: BoxedStrategy<String>,
    key: BoxedStrategy<String>,
}

impl Strings {
    fn new() -> Strings {
        Strings {
            text: arb_text(),
            id: arb_id(),
            key: arb_key(),
        }
    }
}

fn invocation(args: BoxedStrategy<Value>, strings: &Strings) -> BoxedStrategy<Value> {
    let name = prop_oneof![
        4 => select(METHODS).prop_map(str::to_string),
        1 => strings.text.clone(),
    ];
    let id = prop_oneof![
        4 => select(CALL_IDS).prop_map(str::to_string),
        1 => strings.text.clone(),
    ];
    prop_oneof![
        6 => (name, args.clone(), id).prop_map(|(n, a, i)| json!([n, a, i])),
        1 => vec(args, 0..5).prop_map(Value::Array),
    ]
    .boxed()
}

/// An object of `inner` given an id (or made of one).
fn entity(inner: &BoxedStrategy<Value>, id: &BoxedStrategy<String>) -> BoxedStrategy<Value> {
    (inner.clone(), id.clone())
        .prop_map(|(v, id)| match v {
            Value::Object(mut m) => {
                m.insert("id".into(), Value::String(id));
                Value::Object(m)
            }
            _ => json!({ "id": id }),
        })
        .boxed()
}

/// Well-typed values for the kinds that nest, built on `inner`.
fn nested(k: Kind, inner: &BoxedStrategy<Value>, strings: &Strings) -> BoxedStrategy<Value> {
    let map = btree_map(strings.key.clone(), inner.clone(), 0..5)
        .prop_map(obj)
        .boxed();
    match k {
        Kind::Objects => vec(inner.clone(), 0..6).prop_map(Value::Array).boxed(),
        Kind::Entities => vec(
            prop_oneof![4 => entity(inner, &strings.id), 1 => inner.clone()],
            0..6,
        )
        .prop_map(Value::Array)
        .boxed(),
        Kind::Object => inner.clone(),
        Kind::IdsOrMap => {
            prop_oneof![vec(strings.id.clone(), 0..6).prop_map(|v| json!(v)), map].boxed()
        }
        Kind::Invocations => vec(invocation(inner.clone(), strings), 0..5)
            .prop_map(Value::Array)
            .boxed(),
        _ => map,
    }
}

/// Arbitrary JSON, mostly objects keyed by JMAP property names, nested up
/// to 6 deep.
fn arb_json() -> BoxedStrategy<Value> {
    arb_json_nested(6)
}

/// Smaller values, where many go into one case.
fn arb_small_json() -> BoxedStrategy<Value> {
    arb_json_nested(3)
}

/// Built level by level, once (`prop_recursive` would rebuild its hundred
/// property strategies for every case: most of the time went there).
fn arb_json_nested(depth: u32) -> BoxedStrategy<Value> {
    let flats: Vec<(&'static str, Option<BoxedStrategy<Value>>)> =
        KEYS.iter().map(|&k| (k, flat(kind(k)))).collect();
    let strings = Strings::new();
    let weighted_keys: Vec<usize> = KEYS
        .iter()
        .enumerate()
        .flat_map(|(i, k)| std::iter::repeat_n(i, weight(k) as usize))
        .collect();
    let leaf = arb_leaf();
    let mut level = leaf.clone();
    for n in 0..depth {
        let inner = level;
        let fields: Vec<BoxedStrategy<(String, Value)>> = flats
            .iter()
            .map(|(k, flat)| {
                let typed = flat
                    .clone()
                    .unwrap_or_else(|| nested(kind(k), &inner, &strings));
                let value = prop_oneof![3 => typed, 1 => inner.clone()];
                let k = *k;
                value.prop_map(move |v| (k.to_string(), v)).boxed()
            })
            .collect();
        // A property drawn by index, then its value (a `Union` of a hundred
        // strategies costs a hundred runner clones per field drawn).
        let field = select(weighted_keys.clone()).prop_ind_flat_map(move |i| fields[i].clone());
        let shaped = vec(field, 0..10).prop_map(obj);
        let containers = prop_oneof![
            1 => vec(inner.clone(), 0..6).prop_map(Value::Array),
            1 => btree_map(strings.key.clone(), inner.clone(), 0..6).prop_map(obj),
            4 => shaped,
        ]
        .boxed();
        // Below the top, a third of the values are leaves.
        level = if n + 1 == depth {
            containers
        } else {
            prop_oneof![1 => leaf.clone(), 2 => containers].boxed()
        };
    }
    level
}

/// Arguments of a method response: random, with the `list` and `ids` that
/// readers look for more often than chance alone would give them.
fn arb_args() -> BoxedStrategy<Value> {
    let small = arb_small_json();
    let id = arb_id();
    let list = vec(
        prop_oneof![4 => entity(&small, &id), 1 => small.clone()],
        0..5,
    );
    let shaped = (
        arb_json_nested(4),
        proptest::option::weighted(0.7, list),
        proptest::option::weighted(0.4, vec(id, 0..6)),
    )
        .prop_map(|(base, list, ids)| {
            let mut m = match base {
                Value::Object(m) => m,
                _ => Map::new(),
            };
            if let Some(list) = list {
                m.insert("list".into(), Value::Array(list));
            }
            if let Some(ids) = ids {
                m.insert("ids".into(), json!(ids));
            }
            Value::Object(m)
        });
    prop_oneof![5 => shaped, 1 => arb_json()].boxed()
}

fn arb_session() -> BoxedStrategy<Value> {
    let core = (arb_number(), arb_number(), arb_small_json()).prop_map(|(calls, upload, extra)| {
        let mut m = match extra {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        m.insert("maxCallsInRequest".into(), calls);
        m.insert("maxSizeUpload".into(), upload);
        Value::Object(m)
    });
    let cap_name = prop_oneof![3 => select(CAPABILITIES).prop_map(str::to_string), 1 => arb_text()];
    let capabilities = btree_map(cap_name.clone(), prop_oneof![core, arb_small_json()], 0..6);
    let account = (
        arb_text(),
        any::<bool>(),
        btree_map(cap_name.clone(), arb_small_json(), 0..4),
    )
        .prop_map(|(name, personal, caps)| {
            json!({ "name": name, "isPersonal": personal, "accountCapabilities": caps })
        });
    let accounts = btree_map(
        arb_id(),
        prop_oneof![3 => account, 1 => arb_small_json()],
        0..4,
    );
    let primary = btree_map(
        cap_name,
        prop_oneof![3 => arb_id().prop_map(Value::String), 1 => arb_leaf()],
        0..5,
    );
    let url = prop_oneof![4 => arb_url().prop_map(Value::String), 1 => arb_leaf()];
    let some = |s: BoxedStrategy<Value>| proptest::option::weighted(0.9, s);
    (
        some(capabilities.prop_map(obj).boxed()),
        some(accounts.prop_map(obj).boxed()),
        some(primary.prop_map(obj).boxed()),
        vec(some(url.boxed()), 4),
        some(arb_leaf()),
        proptest::option::weighted(0.2, arb_small_json()),
    )
        .prop_map(|(caps, accounts, primary, urls, username, extra)| {
            let mut m = match extra {
                Some(Value::Object(m)) => m,
                _ => Map::new(),
            };
            let named = [
                ("capabilities", caps),
                ("accounts", accounts),
                ("primaryAccounts", primary),
                ("username", username),
            ];
            let url_names = ["apiUrl", "downloadUrl", "uploadUrl", "eventSourceUrl"];
            for (k, v) in named.into_iter().chain(url_names.into_iter().zip(urls)) {
                if let Some(v) = v {
                    m.insert(k.into(), v);
                }
            }
            Value::Object(m)
        })
        .boxed()
}

// ---------------------------------------------------------------------------
// Poking at what decoded: every method the app calls on it, plus invariants.

trait Poke {
    fn poke(&self) {}
}

impl Poke for Value {
    fn poke(&self) {
        let text = self.to_string();
        let back: Value = serde_json::from_str(&text).expect("serde_json reads what it wrote");
        assert_eq!(back.is_object(), self.is_object());
    }
}

impl Poke for Session {
    fn poke(&self) {
        assert!(self.max_calls_in_request() >= 1);
        let _ = self.max_size_upload();
        for cap in CAPABILITIES {
            let _ = self.has_capability(cap);
            if let Some(id) = self.account_for(cap) {
                assert!(
                    self.accounts.contains_key(id)
                        || self.primary_accounts.get(*cap).map(String::as_str) == Some(id)
                );
            }
        }
        let _ = (self.mail_account(), self.advertises_push());
        let _ = initial_mode(&self.event_source_url, true);
        let _ = event_source_url(&self.event_source_url, &["Email", "Mailbox"], 60);
        let client = Client::restore(self.clone(), super::auth::Auth::Cookies);
        let _ = client.download_url("u", "G1", "notes é.csv", "text/csv");
        let _ = client.upload_url("u");
        // Parsed from a body, the body is kept for reloads: reading it again
        // gives the same session.
        if !self.raw.is_empty() {
            assert_eq!(
                Session::parse(&self.raw, &self.fetched_from).as_ref(),
                Ok(self)
            );
        }
    }
}

impl Poke for Account {}
impl Poke for QueryResponse {}
impl Poke for BodyValue {}
impl Poke for Calendar {}
impl Poke for Uploaded {}

impl Poke for Response {
    fn poke(&self) {
        read_everything(self);
    }
}

impl<T: Poke> Poke for GetResponse<T> {
    fn poke(&self) {
        self.list.iter().for_each(Poke::poke);
    }
}

impl Poke for ChangesResponse {
    fn poke(&self) {
        let _ = self.is_empty();
    }
}

impl Poke for SetResponse {
    fn poke(&self) {
        for e in [self.first_error(), self.required_id("new").err()]
            .into_iter()
            .flatten()
        {
            let _ = (e.to_string(), e.is_unreachable());
        }
        let _ = self.created_id("k1");
    }
}

impl Poke for Mailbox {
    fn poke(&self) {
        let r = rows(std::slice::from_ref(self));
        assert_eq!(r.len(), 1);
        let _ = collation_key(&self.name);
    }
}

impl Poke for EmailAddress {
    fn poke(&self) {
        let _ = self.label();
        // The one JMAP type the app also writes: it reads back the same.
        let text = serde_json::to_string(self).expect("an address serialises");
        let back: EmailAddress = serde_json::from_str(&text).expect("and reads back");
        assert_eq!(&back, self);
    }
}

impl Poke for Email {
    fn poke(&self) {
        let _ = (self.is_unread(), self.is_flagged(), self.sender_label());
        self.from.iter().flatten().for_each(Poke::poke);
        if let Some(d) = self.received_at.as_deref().and_then(parse_utc) {
            let _ = list_date(d, Utc::now(), Lang::Fr);
        }
        size_label(self.size, Lang::Fr);
        if let Some(p) = &self.preview {
            check_linkify(p);
        }
    }
}

impl Poke for BodyPart {
    fn poke(&self) {
        size_label(self.size, Lang::En);
    }
}

impl Poke for EmailDetail {
    fn poke(&self) {
        match self.body() {
            Body::Text(t) => check_linkify(&t),
            Body::Html(h) => {
                assert!(self.html_body.iter().any(|p| p.kind == "text/html") || h.is_empty())
            }
            Body::Empty => {}
        }
        assert!(self
            .listed_attachments()
            .iter()
            .all(|p| p.blob_id.is_some()));
        let _ = self.is_unread();
        // What the reading pane and the reply do with it.
        let text = reply::quotable_text(self);
        let words = Wording {
            said: "a écrit :".into(),
            forwarded: "Message transféré".into(),
        };
        for mode in [
            Mode::Reply,
            Mode::ReplyAll,
            Mode::Forward,
            Mode::ForwardAsAttachment,
        ] {
            let d = reply::draft_from(self, mode, "me@x.fr", &text, &words);
            let _ = crate::mail::compose::model::draft_object(&d, "drafts");
        }
        let _ = reply::attached(self);
        for list in [&self.from, &self.to, &self.cc, &self.reply_to] {
            let _ = crate::mail::reader::addresses(list);
        }
        let _ = receipts::wanted(&self.receipt_to, false, false);
        for p in self
            .text_body
            .iter()
            .chain(&self.html_body)
            .chain(&self.attachments)
        {
            p.poke();
        }
        if let Some(d) = self.sent_at.as_deref().and_then(parse_utc) {
            let _ = full_date(d, Lang::Fr);
        }
    }
}

impl Poke for Problem {
    fn poke(&self) {
        let e = Error::Problem(self.clone());
        let _ = (e.to_string(), e.is_unreachable());
    }
}

impl Poke for MethodError {
    fn poke(&self) {
        let _ = Error::Method(self.clone()).to_string();
    }
}

impl Poke for SetError {
    fn poke(&self) {
        let e = Error::Set {
            id: "x".into(),
            error: self.clone(),
        };
        let _ = e.to_string();
    }
}

impl Poke for Quota {
    fn poke(&self) {
        assert!(self.percent().is_none_or(|p| p <= 100));
        let _ = self.nearly_full();
        size_label(self.used, Lang::Fr);
        size_label(self.total, Lang::Fr);
    }
}

impl Poke for search::Snippet {
    fn poke(&self) {
        for s in [&self.subject, &self.preview].into_iter().flatten() {
            assert!(search::marked(s).iter().all(|(piece, _)| !piece.is_empty()));
        }
    }
}

/// `format_size` once overflowed past this (fixed with saturating
/// arithmetic): the properties now cover the whole range.
const FORMAT_SIZE_MAX: u64 = 1_844_674_407_370_902_732;

/// A server size as the app shows it (message, attachment, quota).
fn size_label(n: u64, lang: Lang) {
    let _ = format_size(n, lang);
}

/// Links found in `s` and the text between them give `s` back, and every
/// link is http(s).
fn check_linkify(s: &str) {
    let mut back = String::new();
    for seg in linkify(s) {
        match seg {
            Segment::Text(t) => back.push_str(&t),
            Segment::Link(href, t) => {
                assert!(href.starts_with("https://") || href.starts_with("http://"));
                back.push_str(&t);
            }
        }
    }
    assert_eq!(back, s);
}

/// The agenda's own arithmetic on events (src/calendar/mod.rs, `Day`): an
/// event's end and its place in the day.
fn check_agenda(events: &[Event]) {
    let mut spans = Vec::new();
    for e in events {
        assert!(e.minutes >= 0, "{e:?}");
        let s = crate::calendar::paris_start(e);
        let _end = s + Duration::minutes(e.minutes.max(1));
        let _shown_end = s + Duration::minutes(e.minutes);
        let start = i64::from(s.hour() * 60 + s.minute());
        spans.push((start, start + e.minutes.max(15)));
        let _ = crate::calendar::monday_of(s.date());
        let _ = crate::calendar::move_to(e, s);
        let _ = to_paris(Utc.from_utc_datetime(&e.start));
    }
    let placed = crate::calendar::lanes(&spans);
    assert_eq!(placed.len(), spans.len());
    assert!(placed.iter().all(|(_, lane, of)| lane < of));
}

/// Exported events (the stored series): bounded, and written back as
/// JSCalendar objects as an import would.
fn check_export(events: &[(String, NewEvent)]) {
    for (_, e) in events {
        assert!(
            (0..=calendar::MAX_EVENT_MINUTES).contains(&e.minutes),
            "{e:?}"
        );
        let _end = e.start + Duration::minutes(e.minutes);
        let _ = calendar_set::event_object(e);
    }
}

fn check_book(people: &[Person], groups: &[Group]) {
    for p in people {
        let _ = crate::contacts::index_letter(p);
        assert!(p.email_addresses().all(|e| !e.trim().is_empty()));
    }
    let _ = crate::contacts::visible(people, None, "hé a");
    for g in groups {
        let _ = crate::contacts::visible(people, Some(&g.member_ids), "");
    }
    let _ = crate::contacts::write_to_href(
        &people
            .iter()
            .flat_map(|p| p.email_addresses().map(str::to_string))
            .collect::<Vec<_>>(),
    );
    let card = crate::contacts::vcard::export(people);
    let _ = crate::contacts::vcard::parse(&card);
}

fn check_chunk(q: &ListQuery, chunk: Chunk) {
    let ids: BTreeSet<&str> = chunk.emails.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), chunk.emails.len(), "a row shown twice");
    chunk.emails.iter().for_each(Poke::poke);
    chunk.snippets.values().for_each(Poke::poke);
    if position_overflows(chunk.position, chunk.emails.len()) {
        return;
    }
    let mut page = ListPage::new(q.clone(), chunk);
    // The windows the list asks for (src/mail/message_list.rs): rows near
    // the scroll position, whatever the total says.
    for (first, last) in [(0, 1000), (1_000_000, 1_000_000 + list::CHUNK)] {
        let _ = page.missing_chunks(first, last);
    }
    let _ = page.ids_between(0, u64::MAX);
    let first = page.emails().next().map(|e| e.id.clone());
    if let Some(first) = first {
        let _ = page.position_of(&first);
        page.remove_ids(&[first].into_iter().collect());
    }
}

/// `read_chunk` and `ListPage::merge` once overflowed adding rows to a
/// position near u64::MAX (fixed: saturating / checked); no answer is
/// skipped any more.
fn position_overflows(_position: u64, _rows: usize) -> bool {
    false
}

/// Whether the Email/query answer of `calls` is one of those.
fn query_overflows(r: &Response, query: &Call) -> bool {
    r.get::<QueryResponse>(query)
        .is_ok_and(|q| position_overflows(q.position, q.ids.len()))
}

fn get_as<T: DeserializeOwned + Poke>(r: &Response, call: &Call) {
    match r.get::<T>(call) {
        Ok(v) => v.poke(),
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

const LAYOUTS: usize = 12;

/// The requests the readers were written for: each lays out its calls as
/// `c0`, `c1`, ... like the recorded fixtures.
fn layouts() -> Vec<Request> {
    let search = ListQuery {
        search: Some(Search::quick("conseil")),
        ..ListQuery::default()
    };
    let mut chunk = Request::new();
    list::chunk_calls(&mut chunk, "u", &search, 0);
    let folder = ListQuery {
        mailbox_id: Some("inbox".into()),
        ..ListQuery::default()
    };
    let (view, mut calls) = mail_requests::view_request("u", true, Some((&folder, 0)));
    let view = mail_requests::add_quota(view, &mut calls, "u");
    vec![
        calendar::range_request("u", "a", "b").0,
        contacts::book_request("u").0,
        contacts::change_request("u", &BookChange::DeleteContact("x".into())).0,
        chunk,
        view,
        mail_requests::changes_request("u", "1", "1").0,
        reader_requests::thread_request("u", "e1").0,
        reader_requests::seen_request("u", &["e1".into()], true).0,
        receipts::send_receipt_request("u", "u", "e1", false).0,
        reply::original_request("u", "e1").0,
        calendar_set::export_request("u").0,
        calendar_set::import_request("u", &[]).0,
    ]
}

/// Every invocation read as every answer type, then every reader.
fn read_everything(r: &Response) {
    read_as_every_type(r);
    run_readers(r);
}

fn read_as_every_type(r: &Response) {
    for (name, _, id) in &r.method_responses {
        let call = Call {
            id: id.clone(),
            method: name.clone(),
        };
        get_as::<GetResponse<Mailbox>>(r, &call);
        get_as::<GetResponse<Email>>(r, &call);
        get_as::<GetResponse<EmailDetail>>(r, &call);
        get_as::<GetResponse<Quota>>(r, &call);
        get_as::<GetResponse<Calendar>>(r, &call);
        get_as::<GetResponse<search::Snippet>>(r, &call);
        get_as::<GetResponse<Value>>(r, &call);
        get_as::<QueryResponse>(r, &call);
        get_as::<ChangesResponse>(r, &call);
        get_as::<SetResponse>(r, &call);
        get_as::<Value>(r, &call);
    }
    for i in 0..3 {
        let part = batch::split(r, i);
        assert!(part.method_responses.len() <= r.method_responses.len());
    }
}

/// Every reader, with the call layout it was written for.
fn run_readers(r: &Response) {
    let (_, calls) = calendar::range_request("u", "a", "b");
    if let Ok((_, events)) = calendar::read_range(r, &calls) {
        check_agenda(&events);
    }
    let (_, calls) = contacts::book_request("u");
    if let Ok((people, groups)) = contacts::read_book(r, &calls) {
        check_book(&people, &groups);
    }
    let (_, call) = calendar_set::export_request("u");
    if let Ok(events) = calendar_set::read_export(r, &call, "a") {
        check_export(&events);
    }
    let (_, call) = calendar_set::import_request("u", &[]);
    let _ = calendar_set::read_import(r, &call);
    let (_, set, _) = contacts::change_request("u", &BookChange::DeleteContact("x".into()));
    let _ = contacts::read_change(r, &set);

    let search = ListQuery {
        search: Some(Search::quick("conseil")),
        ..ListQuery::default()
    };
    let mut req = Request::new();
    let calls = list::chunk_calls(&mut req, "u", &search, 0);
    if !query_overflows(r, &calls.query) {
        if let Ok(chunk) = list::read_chunk(r, &calls) {
            check_chunk(&search, chunk);
        }
    }
    let folder = ListQuery {
        mailbox_id: Some("inbox".into()),
        ..ListQuery::default()
    };
    let (req, mut calls) = mail_requests::view_request("u", true, Some((&folder, 0)));
    let _ = mail_requests::add_quota(req, &mut calls, "u");
    let overflows = calls
        .list
        .as_ref()
        .is_some_and(|c| query_overflows(r, &c.query));
    if !overflows {
        if let Ok(view) = mail_requests::read_view(r, &calls) {
            if let Some(boxes) = view.mailboxes {
                // Every folder once, a duplicated id included (kept once).
                let ids: BTreeSet<&str> = boxes.list.iter().map(|m| m.id.as_str()).collect();
                let shown = rows(&boxes.list);
                assert_eq!(shown.len(), ids.len(), "each folder shown once");
            }
            view.quota.iter().for_each(Poke::poke);
            if let Some(chunk) = view.list {
                check_chunk(&folder, chunk);
            }
        }
    }
    let (_, m, e) = mail_requests::changes_request("u", "1", "1");
    let _ = mail_requests::has_changed(r, &m, &e);

    let (_, calls) = reader_requests::thread_request("u", "e1");
    if let Ok(thread) = reader_requests::read_thread(r, &calls) {
        thread.iter().for_each(Poke::poke);
    }
    let (_, call) = reader_requests::seen_request("u", &["e1".into()], true);
    let _ = reader_requests::read_set(r, &call);
    let (_, call) = receipts::send_receipt_request("u", "u", "e1", false);
    let _ = receipts::read_answer(r, &call);
    let (_, call) = reply::original_request("u", "e1");
    if let Ok(o) = reply::read_original(r, &call) {
        o.poke();
    }
}

fn via_str<T: DeserializeOwned + Poke + Debug>(s: &str) {
    match serde_json::from_str::<T>(s) {
        Ok(v) => {
            v.poke();
            let _ = format!("{v:?}");
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

fn via_slice<T: DeserializeOwned + Poke + Debug>(b: &[u8]) {
    if let Ok(v) = serde_json::from_slice::<T>(b) {
        v.poke();
        let _ = format!("{v:?}");
    }
}

fn via_value<T: DeserializeOwned + Poke + Debug>(v: &Value) {
    // Borrowed and owned: two code paths in serde_json.
    if let Ok(t) = T::deserialize(v) {
        t.poke();
    }
    if let Ok(t) = serde_json::from_value::<T>(v.clone()) {
        let _ = format!("{t:?}");
    }
}

macro_rules! every_type {
    ($via:ident, $x:expr) => {{
        $via::<Session>($x);
        $via::<Account>($x);
        $via::<Response>($x);
        $via::<GetResponse<Mailbox>>($x);
        $via::<GetResponse<Email>>($x);
        $via::<GetResponse<EmailDetail>>($x);
        $via::<GetResponse<Quota>>($x);
        $via::<GetResponse<Calendar>>($x);
        $via::<GetResponse<search::Snippet>>($x);
        $via::<GetResponse<Value>>($x);
        $via::<QueryResponse>($x);
        $via::<ChangesResponse>($x);
        $via::<SetResponse>($x);
        $via::<Mailbox>($x);
        $via::<Email>($x);
        $via::<EmailDetail>($x);
        $via::<EmailAddress>($x);
        $via::<BodyPart>($x);
        $via::<BodyValue>($x);
        $via::<Problem>($x);
        $via::<MethodError>($x);
        $via::<SetError>($x);
        $via::<Quota>($x);
        $via::<Calendar>($x);
        $via::<Uploaded>($x);
        $via::<search::Snippet>($x);
        $via::<Value>($x);
    }};
}

/// A body as fetch hands it over, through the functions that take bodies.
fn entry_points(body: &str) {
    if let Ok(s) = Session::parse(body, "https://x.example/.well-known/jmap") {
        s.poke();
    }
    if let Ok(r) = Response::parse(body) {
        r.poke();
    }
    for status in [400, 401, 404, 413, 500, 502] {
        let e = Error::from_http(status, body);
        let _ = (e.to_string(), e.is_unreachable());
    }
}

/// Text through the entry points and into every type.
fn decode_text(body: &str) {
    entry_points(body);
    every_type!(via_str, body);
}

/// Raw bytes: decoded as bytes, and as the lossy text the browser makes.
fn decode_bytes(bytes: &[u8]) {
    every_type!(via_slice, bytes);
    decode_text(&String::from_utf8_lossy(bytes));
}

/// A whole (edited) recording: the types a whole body is read as.
fn decode_recording(bytes: &[u8]) {
    via_slice::<Response>(bytes);
    via_slice::<Session>(bytes);
    via_slice::<Problem>(bytes);
    via_slice::<Value>(bytes);
    entry_points(&String::from_utf8_lossy(bytes));
}

fn decode_value(v: &Value) {
    every_type!(via_value, v);
    decode_text(&v.to_string());
}

/// The pure helpers that take a server string as it is.
fn server_string(s: &str, other: &str) {
    if let Some(t) = local_date_time(s) {
        let back = utc_date(Utc.from_utc_datetime(&t));
        assert_eq!(local_date_time(&back), Some(t), "{back}");
    }
    if let Some(m) = duration_minutes(s) {
        assert!(m >= 0);
    }
    if let Some(d) = parse_utc(s) {
        let now = Utc::now();
        let _ = (list_date(d, now, Lang::Fr), list_date(d, d, Lang::En));
        let _ = (full_date(d, Lang::Fr), full_date(d, Lang::En));
    }
    let _ = (origin(s), resolve(s, other), resolve(other, s));
    let _ = resolve("https://x.example/.well-known/jmap", s);
    let encoded = encode_component(s);
    assert!(encoded
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)));
    let _ = expand(s, &[("accountId", other), ("blobId", s), ("name", s)]);
    let _ = event_source_url(s, &["Email", other], 60);
    assert_eq!(base64(s.as_bytes()).len(), s.len().div_ceil(3) * 4);
    assert!(search::marked(s).iter().all(|(p, _)| !p.is_empty()));
    check_linkify(s);
    let _ = collation_key(s);
    let _ = Search {
        text: s.into(),
        after: s.into(),
        before: other.into(),
        ..Search::default()
    }
    .filter();
    let _ = SortBy::from_property(s);
    let _ = reply::prefixed(s, "Re:");
    let _ = crate::contacts::vcard::parse(s);
}

// ---------------------------------------------------------------------------
// Fixtures and their mutations.

const FIXTURES: &[&str] = &[
    include_str!("fixtures/calendar_event_query.json"),
    include_str!("fixtures/contact_get.json"),
    include_str!("fixtures/email_changes.json"),
    include_str!("fixtures/email_get_detail.json"),
    include_str!("fixtures/identity_get.json"),
    include_str!("fixtures/inbox_first_page.json"),
    include_str!("fixtures/mailbox_get.json"),
    include_str!("fixtures/method_error.json"),
    include_str!("fixtures/problem_400_not_json.json"),
    include_str!("fixtures/problem_400_unknown_capability.json"),
    include_str!("fixtures/problem_401.json"),
    include_str!("fixtures/quota_get.json"),
    include_str!("fixtures/search_text.json"),
    include_str!("fixtures/session.json"),
    include_str!("fixtures/set_error.json"),
    include_str!("fixtures/thread_get.json"),
];

/// Edits of a recording, each at a node given by its number in document
/// order (see `nth_node`).
#[derive(Debug, Clone)]
enum Edit {
    Replace(usize, Value),
    /// Replaced by a value of the type its property calls for (one value
    /// of each flat kind comes with the edit): real answers, one field
    /// changed in a way the decoder accepts and the code after it may not.
    Retype(usize, Vec<Value>),
    Remove(usize),
}

const FLAT_KINDS: [Kind; 12] = [
    Kind::Id,
    Kind::Ids,
    Kind::Text,
    Kind::Url,
    Kind::Utc,
    Kind::Local,
    Kind::Duration,
    Kind::Number,
    Kind::Bool,
    Kind::BoolMap,
    Kind::IdMap,
    Kind::Addresses,
];

#[derive(Debug, Clone)]
enum ByteEdit {
    Truncate(usize),
    Set(usize, u8),
    Insert(usize, &'static [u8]),
}

fn arb_path() -> impl Strategy<Value = Vec<usize>> {
    vec(any::<usize>(), 0..16)
}

fn arb_edit() -> impl Strategy<Value = Edit> {
    let typed: Vec<BoxedStrategy<Value>> = FLAT_KINDS.iter().filter_map(|k| flat(*k)).collect();
    prop_oneof![
        3 => (any::<usize>(), arb_small_json()).prop_map(|(n, v)| Edit::Replace(n, v)),
        4 => (any::<usize>(), typed).prop_map(|(n, v)| Edit::Retype(n, v)),
        1 => any::<usize>().prop_map(Edit::Remove),
    ]
}

fn arb_byte_edit() -> impl Strategy<Value = ByteEdit> {
    prop_oneof![
        2 => any::<usize>().prop_map(ByteEdit::Truncate),
        1 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| ByteEdit::Set(i, b)),
        1 => (any::<usize>(), select(TOKENS)).prop_map(|(i, t)| ByteEdit::Insert(i, t)),
    ]
}

/// The node `path` leads to, choosing among children modulo their number.
fn node_at<'a>(v: &'a mut Value, path: &[usize]) -> &'a mut Value {
    let Some((&i, rest)) = path.split_first() else {
        return v;
    };
    let n = match &*v {
        Value::Array(a) => a.len(),
        Value::Object(m) => m.len(),
        _ => 0,
    };
    if n == 0 {
        return v;
    }
    match v {
        Value::Array(a) => node_at(&mut a[i % n], rest),
        Value::Object(m) => node_at(m.values_mut().nth(i % n).expect("index below len"), rest),
        other => other,
    }
}

/// The name of the object member `path` ends on, walking as `node_at` does.
fn key_at(v: &Value, path: &[usize]) -> Option<String> {
    let mut node = v;
    let mut key = None;
    for &i in path {
        match node {
            Value::Array(a) if !a.is_empty() => {
                node = &a[i % a.len()];
                key = None;
            }
            Value::Object(m) if !m.is_empty() => {
                let (k, child) = m.iter().nth(i % m.len()).expect("index below len");
                key = Some(k.clone());
                node = child;
            }
            _ => break,
        }
    }
    key
}

/// The path of the `n`th node in document order (modulo the number of
/// nodes): every node of a recording is as likely to be edited, the deep
/// ones (an event's duration, a part's size) included.
fn nth_node(v: &Value, n: usize) -> Vec<usize> {
    fn count(v: &Value) -> usize {
        1 + match v {
            Value::Array(a) => a.iter().map(count).sum(),
            Value::Object(m) => m.values().map(count).sum(),
            _ => 0,
        }
    }
    fn find(v: &Value, n: &mut usize, path: &mut Vec<usize>) -> bool {
        if *n == 0 {
            return true;
        }
        *n -= 1;
        let children: Vec<&Value> = match v {
            Value::Array(a) => a.iter().collect(),
            Value::Object(m) => m.values().collect(),
            _ => Vec::new(),
        };
        for (i, child) in children.into_iter().enumerate() {
            path.push(i);
            if find(child, n, path) {
                return true;
            }
            path.pop();
        }
        false
    }
    let mut n = n % count(v);
    let mut path = Vec::new();
    find(v, &mut n, &mut path);
    path
}

fn apply(v: &mut Value, edit: &Edit) {
    match edit {
        Edit::Replace(n, new) => {
            let path = nth_node(v, *n);
            *node_at(v, &path) = new.clone();
        }
        Edit::Retype(n, values) => {
            let path = nth_node(v, *n);
            let Some(key) = key_at(v, &path) else {
                return;
            };
            let wanted = kind(&key);
            if let Some(i) = FLAT_KINDS.iter().position(|k| *k == wanted) {
                *node_at(v, &path) = values[i].clone();
            }
        }
        Edit::Remove(n) => {
            let path = nth_node(v, *n);
            let Some((&i, parent)) = path.split_last() else {
                return;
            };
            match node_at(v, parent) {
                Value::Array(a) if !a.is_empty() => {
                    let n = a.len();
                    a.remove(i % n);
                }
                Value::Object(m) if !m.is_empty() => {
                    let n = m.len();
                    if let Some(k) = m.keys().nth(i % n).cloned() {
                        m.remove(&k);
                    }
                }
                _ => {}
            }
        }
    }
}

/// JSON text of `v` where the object member at `path` is written twice: as
/// it is, then with `again` (or the same value again).
fn write_with_duplicate(v: &Value, path: &[usize], again: Option<&Value>, out: &mut String) {
    let key_text = |k: &str| Value::String(k.to_string()).to_string();
    match v {
        Value::Object(m) if !m.is_empty() => {
            let target = path.first().map(|i| i % m.len());
            out.push('{');
            for (n, (k, child)) in m.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                out.push_str(&key_text(k));
                out.push(':');
                if Some(n) == target && path.len() > 1 {
                    write_with_duplicate(child, &path[1..], again, out);
                } else {
                    out.push_str(&child.to_string());
                    if Some(n) == target {
                        out.push(',');
                        out.push_str(&key_text(k));
                        out.push(':');
                        out.push_str(&again.unwrap_or(child).to_string());
                    }
                }
            }
            out.push('}');
        }
        Value::Array(a) if !a.is_empty() && !path.is_empty() => {
            let target = path[0] % a.len();
            out.push('[');
            for (n, child) in a.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                if n == target {
                    write_with_duplicate(child, &path[1..], again, out);
                } else {
                    out.push_str(&child.to_string());
                }
            }
            out.push(']');
        }
        _ => out.push_str(&v.to_string()),
    }
}

fn apply_bytes(bytes: &mut Vec<u8>, edit: &ByteEdit) {
    let len = bytes.len();
    match *edit {
        ByteEdit::Truncate(at) => bytes.truncate(at % (len + 1)),
        ByteEdit::Set(at, b) if len > 0 => bytes[at % len] = b,
        ByteEdit::Set(..) => {}
        ByteEdit::Insert(at, t) => {
            let at = at % (len + 1);
            bytes.splice(at..at, t.iter().copied());
        }
    }
}

/// The problem fixtures hold `{status, body}`: the body goes to `from_http`.
fn problem_body(fixture: &Value) {
    let status = fixture
        .get("status")
        .and_then(Value::as_u64)
        .and_then(|s| u16::try_from(s).ok())
        .unwrap_or(400);
    let body = match fixture.get("body") {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => return,
    };
    let e = Error::from_http(status, &body);
    let _ = (e.to_string(), e.is_unreachable());
}

// ---------------------------------------------------------------------------
// Calendar text from mail (iMIP invitations: anyone can send one) and from
// files: read by src/calendar/{ics,imip}.rs with this layer's date parsers.

const ICS_LINES: &[&str] = &[
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "METHOD:REQUEST",
    "METHOD:CANCEL",
    "BEGIN:VEVENT",
    "END:VEVENT",
    "END:VCALENDAR",
    "UID:conseil@ac-toulouse.fr",
    "SEQUENCE:2",
    "SEQUENCE:99999999999",
    "ORGANIZER;CN=Hélène Garnier:mailto:helene.garnier@ac-toulouse.fr",
    "ORGANIZER:MAILTO:",
    "ATTENDEE;CN=\"Dupont; Marie\";PARTSTAT=ACCEPTED;ROLE=OPT-PARTICIPANT:mailto:m@x.fr",
    "ATTENDEE:mailto:me@x.fr",
    "RRULE:FREQ=WEEKLY;UNTIL=20261231T235959Z",
    "RRULE:FREQ=;UNTIL=",
    "SUMMARY:Conseil\\, pédagogique\\n2",
    "LOCATION:Salle 112",
    "DESCRIPTION:\\",
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Paris",
    "END:VTIMEZONE",
    "",
    ":",
    ";;:",
    "\"",
];

fn arb_ics_line() -> BoxedStrategy<String> {
    let name = select(
        &[
            "DTSTART",
            "DTEND",
            "DTSTART;TZID=Europe/Paris",
            "DTEND;TZID=\"a:b\"",
            "DTSTART;VALUE=DATE",
            "RRULE:FREQ=DAILY;UNTIL",
            "DURATION",
        ][..],
    );
    let when = prop_oneof![
        2 => "[0-9]{8}(T[0-9]{4,6})?Z?",
        2 => plausible_date().prop_map(|d| d.replace(['-', ':'], "")),
        1 => arb_text(),
    ];
    let duration = flat(Kind::Duration).expect("flat");
    prop_oneof![
        4 => select(ICS_LINES).prop_map(str::to_string),
        3 => (name, when).prop_map(|(n, v)| format!("{n}:{v}")),
        3 => duration.prop_map(|d| format!("DURATION:{}", d.as_str().unwrap_or(""))),
        1 => (select(&["SUMMARY", "LOCATION", "UID", "X-Y;A=B"][..]), arb_text())
            .prop_map(|(n, v)| format!("{n}:{v}")),
        1 => arb_text(),
    ]
    .boxed()
}

/// An invitation's or a file's text: mostly one VEVENT with random lines,
/// CRLF or LF, sometimes folded.
fn arb_ics() -> BoxedStrategy<String> {
    (
        vec(arb_ics_line(), 0..4),
        vec(arb_ics_line(), 0..12),
        vec(arb_ics_line(), 0..3),
        any::<bool>(),
        proptest::option::of(any::<usize>()),
    )
        .prop_map(|(before, event, after, crlf, fold_at)| {
            let mut lines = before;
            lines.push("BEGIN:VEVENT".into());
            lines.extend(event);
            lines.push("END:VEVENT".into());
            lines.extend(after);
            let eol = if crlf { "\r\n" } else { "\n" };
            let mut text = lines.join(eol);
            if let Some(at) = fold_at {
                let at = at % (text.len() + 1);
                if text.is_char_boundary(at) {
                    text.insert_str(at, &format!("{eol} "));
                }
            }
            text
        })
        .boxed()
}

/// What the app does with an event read from calendar text: the
/// invitation's « 17:00 – 19:00 » (src/mail/invitation.rs), the JSCalendar
/// object an import or an answer sends, the file written back.
fn check_new_events(events: &[NewEvent]) {
    for e in events {
        assert!(e.minutes >= 0, "{e:?}");
        let _end = e.start + Duration::minutes(e.minutes);
        let _ = calendar_set::event_object(e);
    }
    let with_uids: Vec<(String, NewEvent)> = events
        .iter()
        .enumerate()
        .map(|(i, e)| (format!("u{i}"), e.clone()))
        .collect();
    let file = crate::calendar::ics::write(&with_uids);
    let again = crate::calendar::ics::parse(&file, "C", "Europe/Paris");
    assert_eq!(again.events.len() + again.skipped, events.len(), "{file}");
}

fn calendar_text(text: &str) {
    if let Some(inv) = crate::calendar::imip::parse(text, "Europe/Paris") {
        check_new_events(std::slice::from_ref(&inv.event));
        let _ = inv.me(&["me@x.fr".into()]);
    }
    let parsed = crate::calendar::ics::parse(text, "C", "Europe/Paris");
    check_new_events(&parsed.events);
}

// ---------------------------------------------------------------------------
// The properties.

proptest! {
    #![proptest_config(config())]

    /// (a) Arbitrary bytes as a response body.
    #[test]
    fn raw_bytes_decode_or_fail_cleanly(bytes in vec(any::<u8>(), 0..1024)) {
        decode_bytes(&bytes);
    }

    /// (a) Bytes that look like JSON: tokens, keys, invalid UTF-8, escapes.
    #[test]
    fn json_token_soup_decodes_or_fails_cleanly(
        parts in vec(prop_oneof![
            4 => select(TOKENS).prop_map(<[u8]>::to_vec),
            1 => vec(any::<u8>(), 0..4),
        ], 0..96)
    ) {
        decode_bytes(&parts.concat());
    }

    /// (a) A name that is not UTF-8: refused as bytes, replaced in lossy text.
    #[test]
    fn invalid_utf8_in_names_is_refused_or_replaced(
        before in "[a-zA-Zé ]{0,8}",
        bad in select(NOT_UTF8),
        field in select(&["name", "subject", "preview", "email", "title"][..]),
    ) {
        let mut value = before.into_bytes();
        value.extend_from_slice(bad);
        let mut body = format!(
            r#"{{"methodResponses":[["Email/get",{{"list":[{{"id":"e1","from":[{{"name":"x","email":"y"}}],"{field}":""#
        )
        .into_bytes();
        body.extend_from_slice(&value);
        body.extend_from_slice(br#""}]},"c0"]]}"#);
        prop_assert!(serde_json::from_slice::<Response>(&body).is_err());
        let text = String::from_utf8_lossy(&body);
        let r = Response::parse(&text).expect("lossy text is JSON");
        let replaced = r.method_responses[0].1.get().contains(char::REPLACEMENT_CHARACTER);
        prop_assert!(replaced);
        decode_bytes(&body);
    }

    /// (b) JSON shaped like JMAP, into every type and every entry point.
    #[test]
    fn jmap_shaped_json_decodes_into_every_type(v in arb_json()) {
        decode_value(&v);
    }

    /// (b) Hostile answers to a reader's own request (one reader a case):
    /// its method names with random arguments, an `error`, a wrong name or
    /// no answer at all.
    #[test]
    fn hostile_answers_reach_every_reader(
        which in 0..LAYOUTS,
        slots in vec((0u8..6, arb_args()), 4),
        state in arb_text(),
    ) {
        let req = &layouts()[which];
        let mut invocations = Vec::new();
        for (call, (how, args)) in req.calls.iter().zip(&slots) {
            let name = match how {
                0..=2 => call.method.as_str(),
                3 => "error",
                4 => "Unknown/method",
                _ => continue,
            };
            invocations.push(json!([name, args, call.id]));
        }
        let body = json!({ "methodResponses": invocations, "sessionState": state }).to_string();
        let r = Response::parse(&body).expect("well-formed invocations");
        run_readers(&r);
    }

    /// (b) Hostile sessions: limits, accounts and URLs of every kind.
    #[test]
    fn hostile_sessions(v in arb_session(), base in arb_url()) {
        let body = v.to_string();
        if let Ok(s) = Session::parse(&body, &base) {
            s.poke();
            let api = v.get("apiUrl").and_then(Value::as_str).unwrap_or("");
            if api.starts_with("https://") || api.starts_with("http://") {
                prop_assert_eq!(&s.api_url, api);
            }
        }
        via_value::<Session>(&v);
    }

    /// (c) The recorded answers, edited: nodes replaced or removed, a key
    /// written twice, then bytes cut, changed or inserted.
    #[test]
    fn mutated_recordings(
        which in 0..FIXTURES.len(),
        edits in vec(arb_edit(), 0..4),
        duplicate in proptest::option::of((arb_path(), proptest::option::of(arb_small_json()))),
        byte_edits in vec(arb_byte_edit(), 0..3),
    ) {
        let mut v: Value = serde_json::from_str(FIXTURES[which]).expect("fixtures are JSON");
        for e in &edits {
            apply(&mut v, e);
        }
        problem_body(&v);
        let mut text = String::new();
        match &duplicate {
            Some((path, again)) => write_with_duplicate(&v, path, again.as_ref(), &mut text),
            None => text = v.to_string(),
        }
        let mut bytes = text.into_bytes();
        for e in &byte_edits {
            apply_bytes(&mut bytes, e);
        }
        decode_recording(&bytes);
    }

    /// Calendar text as mail brings it (iMIP) and files do.
    #[test]
    fn calendar_text_from_mail_and_files(text in arb_ics(), other in arb_text()) {
        calendar_text(&text);
        calendar_text(&other);
    }

    /// Server strings through the pure helpers that take them as they are.
    #[test]
    fn server_strings_through_the_helpers(s in arb_text(), other in arb_text()) {
        server_string(&s, &other);
    }

    /// Server numbers through the helpers: sizes, quotas, list positions.
    #[test]
    fn server_numbers_through_the_helpers(
        a in prop_oneof![any::<u64>(), select(vec![0, 1, 49, 50, u64::MAX / 10, u64::MAX / 10 + 1, u64::MAX - 1, u64::MAX])],
        b in any::<u64>(),
        rows_in_chunk in 0..60usize,
        interval in any::<u32>(),
        failures in any::<u32>(),
    ) {
        for lang in [Lang::Fr, Lang::En] {
            size_label(a, lang);
            size_label(b, lang);
        }
        Quota { id: "mail".into(), used: a, total: b }.poke();
        let _ = next_poll_delay_ms(interval, failures);
        let chunk = Chunk {
            position: a,
            total: b,
            emails: (0..rows_in_chunk)
                .map(|i| Email { id: format!("e{i}"), ..Email::default() })
                .collect(),
            ..Chunk::default()
        };
        check_chunk(&ListQuery::default(), chunk);
    }
}

// ---------------------------------------------------------------------------
// (d) Extreme shapes, as plain tests: a stack overflow cannot be caught, so
// these run on a 1 MiB stack (the browser gives wasm about that much).

fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .expect("thread")
        .join()
        .expect("no panic");
}

/// A body structure `depth` multiparts deep, a text part at the bottom.
fn nested_parts(depth: usize) -> String {
    let mut s = String::new();
    for _ in 0..depth {
        s.push_str(r#"{"partId":"m","type":"multipart/mixed","subParts":["#);
    }
    s.push_str(r#"{"partId":"1","blobId":"B","type":"text/plain","size":5}"#);
    for _ in 0..depth {
        s.push_str("]}");
    }
    s
}

fn email_get(list: &str) -> String {
    format!(
        r#"{{"methodResponses":[["Email/get",{{"state":"1","list":[{list}]}},"c0"]],"sessionState":"s"}}"#
    )
}

fn c0(method: &str) -> Call {
    Call {
        id: "c0".into(),
        method: method.into(),
    }
}

#[test]
fn body_structure_10000_deep_is_refused_or_skipped_without_overflow() {
    on_small_stack(|| {
        let deep = nested_parts(10_000);
        let email = format!(
            r#"{{"id":"e1","bodyStructure":{deep},"textBody":[{deep}],"attachments":[{deep}],"bodyValues":{{"1":{{"value":"ok"}}}}}}"#
        );
        // As a value, serde_json's recursion limit (128) refuses it.
        assert!(serde_json::from_str::<Value>(&deep).is_err());
        assert!(serde_json::from_str::<Value>(&email).is_err());
        // Typed, the app's types skip `bodyStructure`/`subParts`: either way,
        // an answer and no overflow.
        for via_text in [true, false] {
            let body = email_get(&email);
            let r = if via_text {
                Response::parse(&body)
            } else {
                serde_json::from_slice(body.as_bytes()).map_err(|e| Error::Decode(e.to_string()))
            };
            if let Ok(r) = r {
                let _ = r
                    .get::<GetResponse<EmailDetail>>(&c0("Email/get"))
                    .map(|g| g.poke());
                let _ = r.get::<GetResponse<Email>>(&c0("Email/get"));
                assert!(r.get::<GetResponse<Value>>(&c0("Email/get")).is_err());
                read_everything(&r);
            }
        }
        let _ = serde_json::from_str::<EmailDetail>(&email);
        let _ = serde_json::from_str::<BodyPart>(&deep);
        let _ = serde_json::from_str::<Email>(&email);
    });
}

#[test]
fn values_1000_deep_under_every_property_of_every_type() {
    on_small_stack(|| {
        // Far past the limit of 128 (what matters), yet cheap enough to try
        // under each of the hundred properties.
        let depth = 1_000;
        let deep_array = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let deep_object = format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth));
        for deep in [&deep_array, &deep_object] {
            assert!(serde_json::from_str::<Value>(deep).is_err());
            for key in KEYS {
                let object = format!(r#"{{"id":"e1","{key}":{deep}}}"#);
                every_type!(via_str, &object);
                entry_points(&email_get(&object));
                entry_points(&format!(
                    r#"{{"capabilities":{{}},"apiUrl":"/a","{key}":{deep}}}"#
                ));
            }
            decode_text(deep);
        }
    });
}

#[test]
fn nesting_just_under_the_limit_still_decodes() {
    on_small_stack(|| {
        // The recursion limit counts every array and object: 127 levels in all.
        let inside = 124;
        let list = format!(
            r#"{{"id":"e1","bodyStructure":{}}}"#,
            nested_parts_value_depth(inside)
        );
        let body = email_get(&list);
        let r = Response::parse(&body).expect("under the limit");
        let got: GetResponse<Value> = r.get(&c0("Email/get")).expect("under the limit");
        got.list[0].poke();
        let detail: GetResponse<EmailDetail> = r.get(&c0("Email/get")).expect("decodes");
        assert_eq!(detail.list[0].id, "e1");
        read_everything(&r);
        let over = email_get(&format!(
            r#"{{"id":"e1","bodyStructure":{}}}"#,
            nested_parts_value_depth(inside + 2)
        ));
        let r = Response::parse(&over).expect("raw values are not walked");
        assert!(r.get::<GetResponse<Value>>(&c0("Email/get")).is_err());
    });
}

/// Arrays nested `depth` deep (each counts for the recursion limit).
fn nested_parts_value_depth(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

#[test]
fn body_structure_100000_wide() {
    let part = r#"{"partId":"1","blobId":"B","type":"text/plain","size":5,"name":"a.txt"}"#;
    let parts = vec![part; 100_000].join(",");
    let email = format!(
        r#"{{"id":"e1","bodyStructure":{{"type":"multipart/mixed","subParts":[{parts}]}},"textBody":[{parts}],"htmlBody":[{parts}],"attachments":[{parts}],"bodyValues":{{"1":{{"value":"x"}}}}}}"#
    );
    let r = Response::parse(&email_get(&email)).expect("wide is fine");
    let got: GetResponse<EmailDetail> = r.get(&c0("Email/get")).expect("decodes");
    let e = &got.list[0];
    assert_eq!(e.text_body.len(), 100_000);
    assert_eq!(e.listed_attachments().len(), 100_000);
    match e.body() {
        Body::Text(t) => assert_eq!(t.len(), 100_000 * 2 - 1),
        other => panic!("{other:?}"),
    }
    let _ = reply::attached(e);
    let list = vec![r#"{"id":"e","keywords":{"$seen":true}}"#; 100_000].join(",");
    let r = Response::parse(&email_get(&list)).expect("wide list");
    let got: GetResponse<Email> = r.get(&c0("Email/get")).expect("decodes");
    assert_eq!(got.list.len(), 100_000);
}

#[test]
fn every_reader_layout_is_fuzzed() {
    assert_eq!(layouts().len(), LAYOUTS);
}

// ---------------------------------------------------------------------------
// Regressions: what the properties found, as minimal inputs.

/// `duration_minutes` multiplied and added a server's digits unchecked:
/// "attempt to multiply with overflow" (`server_strings_through_the_helpers`,
/// s = "P1537228672809129301W").
#[test]
fn duration_with_overflowing_digits_is_no_duration() {
    assert_eq!(duration_minutes("P1537228672809129301W"), None);
    assert_eq!(duration_minutes("P9223372036854775807D"), None);
    assert_eq!(duration_minutes("PT9223372036854775807H"), None);
    assert_eq!(duration_minutes("PT9223372036854775807M1M"), None);
    assert_eq!(duration_minutes("P1W1D"), Some(10_080 + 1_440));
}

/// A duration that fits an i64 but not the date arithmetic done with it:
/// the agenda's end of an event (start + duration, src/calendar/mod.rs)
/// panicked, "`NaiveDateTime + TimeDelta` overflowed", release builds too
/// (`mutated_recordings`: the recorded week, one event's duration set to
/// "P100000000D"). Durations past a century are now no duration.
#[test]
fn event_with_an_enormous_duration_has_none() {
    let max = calendar::MAX_EVENT_MINUTES;
    assert_eq!(duration_minutes(&format!("PT{max}M")), Some(max));
    assert_eq!(duration_minutes(&format!("PT{}M", max + 1)), None);
    let recorded = include_str!("fixtures/calendar_event_query.json");
    let (_, calls) = calendar::range_request("u", "a", "b");
    let mut v: Value = serde_json::from_str(recorded).expect("fixture");
    v["methodResponses"][2][1]["list"][0]["duration"] = json!("P100000000D");
    let r = Response::parse(&v.to_string()).expect("response");
    let (_, events) = calendar::read_range(&r, &calls).expect("read");
    check_agenda(&events);
    for duration in ["P9999999999999D", "PT9223372036854775807M", "P99999999W"] {
        let body = format!(
            r#"{{"methodResponses":[["Calendar/get",{{"list":[]}},"c0"],
            ["CalendarEvent/query",{{"ids":["e"]}},"c1"],
            ["CalendarEvent/get",{{"list":[{{"id":"e","start":"9999-12-31T23:30:00","timeZone":"Etc/UTC","duration":"{duration}"}}]}},"c2"]]}}"#
        );
        let r = Response::parse(&body).expect("response");
        let (_, events) = calendar::read_range(&r, &calls).expect("read");
        assert_eq!(events[0].minutes, 0, "{duration}");
        check_agenda(&events);
    }
}

/// The same through calendar text: an invitation anyone can mail, shown
/// with its end time (src/mail/invitation.rs), or a file imported
/// (`calendar_text_from_mail_and_files`, minimal input below).
#[test]
fn invitation_with_an_enormous_duration_is_refused() {
    let found = "BEGIN:VEVENT\nDURATION:PT2230000000H\nDTSTART;TZID=Europe/Paris:77460101T000000\nEND:VEVENT";
    let parsed = crate::calendar::ics::parse(found, "C", "Europe/Paris");
    assert_eq!((parsed.events.len(), parsed.skipped), (0, 1));
    let invitation = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:x\r\n\
        DTSTART:20261210T170000Z\r\nDURATION:P100000000D\r\n\
        ORGANIZER:mailto:a@b.fr\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    assert_eq!(
        crate::calendar::imip::parse(invitation, "Europe/Paris"),
        None
    );
    calendar_text(found);
    calendar_text(invitation);
}

/// `next_poll_delay_ms` multiplied the configured interval unchecked
/// (`server_numbers_through_the_helpers`, interval = 4294968).
#[test]
fn poll_interval_beyond_u32_milliseconds() {
    assert_eq!(next_poll_delay_ms(4_294_968, 0), 86_400_000);
    assert_eq!(next_poll_delay_ms(u32::MAX, 0), 86_400_000);
    assert_eq!(next_poll_delay_ms(u32::MAX, 3), 6_000);
}

/// The bound the properties keep `format_size` under is exact.
#[test]
fn format_size_works_up_to_the_guard() {
    let _ = format_size(FORMAT_SIZE_MAX, Lang::En);
}

// Found outside this layer (src/mail, src/store) by the fuzzing session and
// fixed there: regression cases.

#[test]
fn format_size_of_a_huge_server_size() {
    // A message, attachment or quota size from the server (debug builds
    // panic; release builds wrap and show a wrong size).
    let _ = format_size(FORMAT_SIZE_MAX + 1, Lang::Fr);
    let _ = format_size(u64::MAX, Lang::Fr);
}

#[test]
fn read_chunk_at_the_last_position() {
    let body = r#"{"methodResponses":[
        ["Email/query",{"ids":["a"],"position":18446744073709551615},"c0"],
        ["Email/get",{"list":[{"id":"a"}]},"c1"]]}"#;
    let r = Response::parse(body).expect("response");
    let mut req = Request::new();
    let calls = list::chunk_calls(&mut req, "u", &ListQuery::default(), 0);
    let _ = list::read_chunk(&r, &calls);
}

#[test]
fn list_page_past_the_last_position() {
    // Reached from a server's Email/query `position` once `read_chunk` no
    // longer overflows first (it adds the rows, merge adds each index).
    let chunk = Chunk {
        position: u64::MAX,
        total: 1,
        emails: vec![Email::default(), Email::default()],
        ..Chunk::default()
    };
    let _ = ListPage::new(ListQuery::default(), chunk);
}
