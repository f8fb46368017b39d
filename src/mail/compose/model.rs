//! Compose, pure parts: address parsing, recipient suggestions, and the JMAP
//! objects of a draft and of its sending.

use crate::jmap::mail::EmailAddress;
use crate::jmap::request::{Call, Request};
use crate::jmap::session::{CORE, MAIL, SUBMISSION};
use crate::store::folders::collation_key;
use serde_json::{json, Map, Value};

/// A plausible address: one `@`, something before, a dotted domain after,
/// no spaces or angle brackets.
pub fn is_valid_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !s
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | ',' | ';' | '"'))
}

/// Parses what a user types or pastes: `Nom <a@b.fr>, c@d.fr; « e@f.fr »`.
/// Returns the addresses and the pieces that are not addresses.
pub fn parse_addresses(input: &str) -> (Vec<EmailAddress>, Vec<String>) {
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for piece in split_list(input)
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
    {
        let (name, email) = match (piece.rfind('<'), piece.rfind('>')) {
            (Some(a), Some(b)) if a < b => {
                let name = piece[..a].trim().trim_matches('"').trim();
                (
                    Some(name.to_string()).filter(|n| !n.is_empty()),
                    piece[a + 1..b].trim().to_string(),
                )
            }
            _ => (
                None,
                piece
                    .trim_matches(|c| matches!(c, '"' | '«' | '»' | ' '))
                    .to_string(),
            ),
        };
        if is_valid_email(&email) {
            ok.push(EmailAddress {
                name,
                email: Some(email),
            });
        } else {
            bad.push(piece.to_string());
        }
    }
    (ok, bad)
}

/// Splits on `,` `;` and new lines, except inside quotes or angle brackets
/// (`"Dupont, Marie" <m@d.fr>` is one address).
fn split_list(input: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let (mut quoted, mut angled) = (false, false);
    for c in input.chars() {
        match c {
            '"' => quoted = !quoted,
            '<' if !quoted => angled = true,
            '>' if !quoted => angled = false,
            ',' | ';' | '\n' if !quoted && !angled => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    out.push(cur);
    out
}

/// Someone the user can write to: a contact's address or a whole group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub label: String,
    pub addresses: Vec<EmailAddress>,
    pub is_group: bool,
    /// How often the user wrote to it (recently used addresses rank first).
    pub uses: u32,
}

/// Suggestions for what is being typed: every word of the query must start a
/// word of the name or address (accents and case ignored); most used first.
pub fn suggest(query: &str, candidates: &[Suggestion], limit: usize) -> Vec<Suggestion> {
    let words: Vec<String> = query.split_whitespace().map(collation_key).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<&Suggestion> = candidates
        .iter()
        .filter(|c| {
            let hay: Vec<String> = std::iter::once(c.label.as_str())
                .chain(c.addresses.iter().filter_map(|a| a.email.as_deref()))
                .flat_map(|s| {
                    s.split(|ch: char| ch.is_whitespace() || matches!(ch, '.' | '@' | '-' | '_'))
                })
                .map(collation_key)
                .collect();
            words
                .iter()
                .all(|w| hay.iter().any(|h| h.starts_with(w.as_str())))
        })
        .collect();
    hits.sort_by(|a, b| {
        b.uses
            .cmp(&a.uses)
            .then_with(|| collation_key(&a.label).cmp(&collation_key(&b.label)))
    });
    hits.into_iter().take(limit).cloned().collect()
}

/// An uploaded file to attach.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Attached {
    pub blob_id: String,
    pub name: String,
    pub kind: String,
    pub size: u64,
}

#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Draft {
    pub from: Option<EmailAddress>,
    pub to: Vec<EmailAddress>,
    pub cc: Vec<EmailAddress>,
    pub bcc: Vec<EmailAddress>,
    pub subject: String,
    pub text: String,
    pub attachments: Vec<Attached>,
    pub in_reply_to: Option<Vec<String>>,
    pub references: Option<Vec<String>>,
    /// Ask for a read receipt (Disposition-Notification-To: the sender).
    pub receipt: bool,
    /// Rich text (clean HTML); `text` is then its plain alternative.
    pub html: Option<String>,
}

fn addresses_json(list: &[EmailAddress]) -> Value {
    Value::Array(
        list.iter()
            .map(|a| json!({ "name": a.name.clone().unwrap_or_default(), "email": a.email.clone().unwrap_or_default() }))
            .collect(),
    )
}

/// The Email object that stores a draft in Brouillons.
pub fn draft_object(draft: &Draft, drafts_mailbox: &str) -> Value {
    let mut o = Map::new();
    o.insert("mailboxIds".into(), json!({ drafts_mailbox: true }));
    o.insert("keywords".into(), json!({ "$draft": true, "$seen": true }));
    if let Some(from) = &draft.from {
        o.insert("from".into(), addresses_json(std::slice::from_ref(from)));
        if draft.receipt {
            o.insert(
                "header:Disposition-Notification-To:asAddresses".into(),
                addresses_json(std::slice::from_ref(from)),
            );
        }
    }
    for (key, list) in [("to", &draft.to), ("cc", &draft.cc), ("bcc", &draft.bcc)] {
        if !list.is_empty() {
            o.insert(key.into(), addresses_json(list));
        }
    }
    o.insert("subject".into(), json!(draft.subject));
    match &draft.html {
        // Both versions: the server builds multipart/alternative.
        Some(html) => {
            o.insert(
                "bodyValues".into(),
                json!({ "body": { "value": draft.text }, "html": { "value": html } }),
            );
            o.insert(
                "htmlBody".into(),
                json!([{ "partId": "html", "type": "text/html" }]),
            );
        }
        None => {
            o.insert(
                "bodyValues".into(),
                json!({ "body": { "value": draft.text } }),
            );
        }
    }
    o.insert(
        "textBody".into(),
        json!([{ "partId": "body", "type": "text/plain" }]),
    );
    if !draft.attachments.is_empty() {
        let parts: Vec<Value> = draft
            .attachments
            .iter()
            .map(|a| json!({ "blobId": a.blob_id, "type": a.kind, "name": a.name, "disposition": "attachment" }))
            .collect();
        o.insert("attachments".into(), Value::Array(parts));
    }
    if let Some(v) = &draft.in_reply_to {
        o.insert("inReplyTo".into(), json!(v));
    }
    if let Some(v) = &draft.references {
        o.insert("references".into(), json!(v));
    }
    Value::Object(o)
}

/// Saves a draft (replacing the previous version if any): one request.
pub fn save_draft_request(
    account: &str,
    draft: &Draft,
    drafts_mailbox: &str,
    previous: Option<&str>,
) -> (Request, Call) {
    let mut req = Request::new().using(&[CORE, MAIL]);
    let mut args = json!({
        "accountId": account,
        "create": { "draft": draft_object(draft, drafts_mailbox) },
    });
    if let Some(prev) = previous {
        args["destroy"] = json!([prev]);
    }
    let call = req.call("Email/set", &args);
    (req, call)
}

/// Sends a stored draft; on success the server moves it to Envoyés and drops
/// `$draft` (onSuccessUpdateEmail), all in one request.
pub fn send_request(
    account: &str,
    identity_id: &str,
    email_id: &str,
    drafts_mailbox: &str,
    sent_mailbox: Option<&str>,
    mark_original: Option<(&str, &str)>,
) -> (Request, Call) {
    let mut req = Request::new().using(&[CORE, MAIL, SUBMISSION]);
    let mut update = Map::new();
    update.insert(format!("mailboxIds/{drafts_mailbox}"), Value::Null);
    update.insert("keywords/$draft".into(), Value::Null);
    if let Some(sent) = sent_mailbox {
        update.insert(format!("mailboxIds/{sent}"), json!(true));
    }
    let call = req.call(
        "EmailSubmission/set",
        &json!({
            "accountId": account,
            "create": { "send": { "identityId": identity_id, "emailId": email_id } },
            "onSuccessUpdateEmail": { "#send": update },
        }),
    );
    // The message replied to or forwarded gets `$answered` / `$forwarded`
    // in the same request. JMAP runs this call even if the submission is
    // refused; the mark is then early, which is harmless.
    if let Some((id, keyword)) = mark_original {
        req.call(
            "Email/set",
            &json!({ "accountId": account, "update": { id: { format!("keywords/{keyword}"): true } } }),
        );
    }
    (req, call)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(name: Option<&str>, email: &str) -> EmailAddress {
        EmailAddress {
            name: name.map(Into::into),
            email: Some(email.into()),
        }
    }

    #[test]
    fn parses_what_people_type() {
        let (ok, bad) = parse_addresses("Marie Dupont <marie.dupont@ac-toulouse.fr>, jean@x.fr; « a@b.fr », pas une adresse, x@y");
        assert_eq!(
            ok,
            vec![
                addr(Some("Marie Dupont"), "marie.dupont@ac-toulouse.fr"),
                addr(None, "jean@x.fr"),
                addr(None, "a@b.fr")
            ]
        );
        assert_eq!(bad, vec!["pas une adresse", "x@y"]);
        assert_eq!(parse_addresses("  "), (vec![], vec![]));
        assert_eq!(
            parse_addresses("\"Dupont, Marie\" <m@d.fr>").0,
            vec![addr(Some("Dupont, Marie"), "m@d.fr")]
        );
    }

    #[test]
    fn validates_addresses() {
        for good in ["a@b.fr", "prenom.nom@ac-toulouse.fr", "x+y@sub.domaine.fr"] {
            assert!(is_valid_email(good), "{good}");
        }
        for bad in [
            "", "a", "a@b", "@b.fr", "a@.fr", "a@b.fr.", "a b@c.fr", "a@b@c.fr", "<a@b.fr>",
        ] {
            assert!(!is_valid_email(bad), "{bad}");
        }
    }

    #[test]
    fn suggestions_ignore_accents_and_rank_by_use() {
        let c = |label: &str, email: &str, uses: u32| Suggestion {
            label: label.into(),
            addresses: vec![addr(Some(label), email)],
            is_group: false,
            uses,
        };
        let all = vec![
            c("Hélène Garnier", "helene.garnier@ac-toulouse.fr", 0),
            c("Hugo Garcia", "hugo.garcia@ac-toulouse.fr", 5),
            c("Thomas Lefèvre", "thomas.lefevre@ac-toulouse.fr", 1),
        ];
        let names = |q: &str| {
            suggest(q, &all, 5)
                .into_iter()
                .map(|s| s.label)
                .collect::<Vec<_>>()
        };
        assert_eq!(names("hel"), vec!["Hélène Garnier"]);
        assert_eq!(names("ga"), vec!["Hugo Garcia", "Hélène Garnier"]);
        assert_eq!(names("lefevre"), vec!["Thomas Lefèvre"]);
        assert_eq!(names("thomas lef"), vec!["Thomas Lefèvre"]);
        assert_eq!(names("zzz"), Vec::<String>::new());
        assert_eq!(names(" "), Vec::<String>::new());
    }

    #[test]
    fn draft_and_send_objects() {
        let d = Draft {
            to: vec![addr(
                Some("Hélène Garnier"),
                "helene.garnier@ac-toulouse.fr",
            )],
            subject: "Sortie au musée".into(),
            text: "Bonjour".into(),
            attachments: vec![Attached {
                blob_id: "B1".into(),
                name: "liste.csv".into(),
                kind: "text/csv".into(),
                size: 10,
            }],
            ..Default::default()
        };
        let o = draft_object(&d, "DRAFTS");
        assert_eq!(o["mailboxIds"], json!({"DRAFTS": true}));
        assert_eq!(o["keywords"]["$draft"], true);
        assert_eq!(o["to"][0]["email"], "helene.garnier@ac-toulouse.fr");
        assert_eq!(o["attachments"][0]["disposition"], "attachment");
        assert!(o
            .get("header:Disposition-Notification-To:asAddresses")
            .is_none());
        assert!(o.get("htmlBody").is_none());
        let rich = Draft {
            html: Some("<b>Bonjour</b>".into()),
            ..d.clone()
        };
        let o = draft_object(&rich, "DRAFTS");
        assert_eq!(o["htmlBody"][0]["partId"], "html");
        assert_eq!(o["bodyValues"]["html"]["value"], "<b>Bonjour</b>");
        assert_eq!(o["bodyValues"]["body"]["value"], "Bonjour");
        let me = addr(Some("Marie Dupont"), "marie.dupont@ac-toulouse.fr");
        let with_receipt = Draft {
            from: Some(me),
            receipt: true,
            ..d.clone()
        };
        assert_eq!(
            draft_object(&with_receipt, "DRAFTS")["header:Disposition-Notification-To:asAddresses"]
                [0]["email"],
            "marie.dupont@ac-toulouse.fr"
        );
        assert!(o.get("cc").is_none());
        let (req, _) = save_draft_request("u", &d, "DRAFTS", Some("OLD"));
        assert_eq!(
            req.to_json()["methodCalls"][0][1]["destroy"],
            json!(["OLD"])
        );
        let (req, _) = send_request("u", "u", "E1", "DRAFTS", Some("SENT"), None);
        assert_eq!(req.len(), 1);
        let (marked, _) = send_request("u", "u", "E1", "DRAFTS", None, Some(("E0", "$answered")));
        assert_eq!(
            marked.to_json()["methodCalls"][1][1]["update"]["E0"]["keywords/$answered"],
            true
        );
        let body = req.to_json();
        let update = &body["methodCalls"][0][1]["onSuccessUpdateEmail"]["#send"];
        assert_eq!(update["mailboxIds/DRAFTS"], Value::Null);
        assert_eq!(update["mailboxIds/SENT"], true);
        assert_eq!(update["keywords/$draft"], Value::Null);
        assert!(body["using"]
            .as_array()
            .unwrap()
            .contains(&json!(SUBMISSION)));
    }
}
