//! Reply, reply to all, forward (inline or as attachment): the draft that
//! starts from a received message. Pure; the page passes the words and
//! dates already translated.

use super::model::{Attached, Draft};
use crate::jmap::mail::{Body, EmailAddress, EmailDetail, DETAIL_PROPERTIES};
use crate::jmap::request::{Call, GetArgs, Ids, Request};
use crate::jmap::response::{GetResponse, Response};
use crate::jmap::session::{CORE, MAIL};
use crate::jmap::Error;
use serde_json::json;

/// The message replied to or forwarded, with its body values.
pub fn original_request(account: &str, id: &str) -> (Request, Call) {
    let mut req = Request::new().using(&[CORE, MAIL]);
    let mut args =
        GetArgs::ids(account, Ids::List(vec![id.to_string()])).properties(DETAIL_PROPERTIES);
    for flag in ["fetchTextBodyValues", "fetchHTMLBodyValues"] {
        args.extra.insert(flag.into(), json!(true));
    }
    let call = req.call("Email/get", &args);
    (req, call)
}

pub fn read_original(resp: &Response, call: &Call) -> Result<EmailDetail, Error> {
    let got: GetResponse<EmailDetail> = resp.get(call)?;
    got.list
        .into_iter()
        .next()
        .ok_or_else(|| Error::Decode("message not found".into()))
}

/// The text to quote: the plain part, or the HTML reduced to its text (tags
/// dropped, never interpreted).
pub fn quotable_text(o: &EmailDetail) -> String {
    match o.body() {
        Body::Text(t) => t,
        Body::Html(h) => html_text(&h),
        Body::Empty => String::new(),
    }
}

fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let mut tag = String::new();
    for c in html.chars() {
        match (in_tag, c) {
            (false, '<') => {
                in_tag = true;
                tag.clear();
            }
            (true, '>') => {
                in_tag = false;
                let closing = tag.starts_with('/');
                let t = tag.trim_start_matches('/').to_lowercase();
                let named =
                    |n: &str| t == n || t.starts_with(&format!("{n} ")) || t == format!("{n}/");
                let block = ["p", "div", "tr", "li", "h1", "h2", "h3"]
                    .iter()
                    .any(|n| named(n));
                if named("br") || (closing && block) {
                    out.push('\n');
                }
            }
            (true, c) => tag.push(c),
            (false, c) => out.push(c),
        }
    }
    let out = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let lines: Vec<&str> = out.lines().map(str::trim_end).collect();
    lines.join("\n").trim().to_string()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Reply,
    ReplyAll,
    Forward,
    ForwardAsAttachment,
}

impl Mode {
    /// The compose URL's parameter for each mode.
    pub const PARAMS: [(&'static str, Mode); 4] = [
        ("reply", Mode::Reply),
        ("all", Mode::ReplyAll),
        ("forward", Mode::Forward),
        ("attach", Mode::ForwardAsAttachment),
    ];

    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Option<(Mode, String)> {
        Mode::PARAMS
            .iter()
            .find_map(|(k, m)| get(k).filter(|v| !v.is_empty()).map(|v| (*m, v)))
    }

    pub fn param(self) -> &'static str {
        Mode::PARAMS
            .iter()
            .find(|(_, m)| *m == self)
            .map_or("reply", |(k, _)| k)
    }

    /// The keyword the original gets once this is sent.
    pub fn keyword(self) -> &'static str {
        match self {
            Mode::Reply | Mode::ReplyAll => "$answered",
            _ => "$forwarded",
        }
    }
}

/// « Re: » / « Fwd: » once, whatever prefixes (any case, French spacing)
/// the subject already has.
pub fn prefixed(subject: &str, prefix: &str) -> String {
    let mut rest = subject.trim();
    loop {
        let lower = rest.to_lowercase();
        let cut = ["re:", "re :", "fwd:", "fwd :", "fw:", "tr:", "tr :", "réf:"]
            .iter()
            .find(|p| lower.starts_with(*p))
            .map(|p| p.len());
        match cut {
            Some(n) => rest = rest.get(n..).unwrap_or("").trim_start(),
            None => break,
        }
    }
    format!("{prefix} {rest}")
}

fn same_address(a: &EmailAddress, me: &str) -> bool {
    a.email
        .as_deref()
        .is_some_and(|e| e.eq_ignore_ascii_case(me))
}

fn quoted(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.starts_with('>') {
                format!(">{l}")
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The words the draft needs, translated by the page.
pub struct Wording {
    /// « Le 3 mars 2026 à 10:15, Marie Dupont <m@x.fr> a écrit : »
    pub said: String,
    /// The « Message transféré » block's header lines.
    pub forwarded: String,
}

/// A message's attachments, ready to go again (forward, template).
pub fn attached(o: &EmailDetail) -> Vec<Attached> {
    o.listed_attachments()
        .into_iter()
        .filter_map(|p| {
            Some(Attached {
                blob_id: p.blob_id.clone()?,
                name: p.name.clone().unwrap_or_default(),
                kind: p.kind.clone(),
                size: p.size,
            })
        })
        .collect()
}

pub fn draft_from(o: &EmailDetail, mode: Mode, me: &str, text: &str, words: &Wording) -> Draft {
    let subject = o.subject.clone().unwrap_or_default();
    let mut d = Draft::default();
    let mut refs = o.references.clone().unwrap_or_default();
    refs.extend(o.message_id.clone().unwrap_or_default());
    match mode {
        Mode::Reply | Mode::ReplyAll => {
            let reply_to = o
                .reply_to
                .clone()
                .filter(|r| !r.is_empty())
                .or_else(|| o.from.clone())
                .unwrap_or_default();
            d.to = reply_to;
            if mode == Mode::ReplyAll {
                let mut seen: Vec<String> =
                    d.to.iter()
                        .filter_map(|a| a.email.as_ref().map(|e| e.to_lowercase()))
                        .collect();
                let mut keep = |a: &EmailAddress| {
                    let Some(e) = a.email.as_ref().map(|e| e.to_lowercase()) else {
                        return false;
                    };
                    if same_address(a, me) || seen.contains(&e) {
                        return false;
                    }
                    seen.push(e);
                    true
                };
                let to_more: Vec<EmailAddress> =
                    o.to.clone()
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|a| keep(a))
                        .collect();
                d.to.extend(to_more);
                d.cc =
                    o.cc.clone()
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|a| keep(a))
                        .collect();
            }
            // Writing to oneself only when one wrote the original to oneself.
            if d.to.len() > 1 {
                d.to.retain(|a| !same_address(a, me));
            }
            d.subject = prefixed(&subject, "Re:");
            d.text = format!("\n\n{}\n{}", words.said, quoted(text));
            d.in_reply_to = o.message_id.clone();
            d.references = Some(refs).filter(|r| !r.is_empty());
        }
        Mode::Forward => {
            d.subject = prefixed(&subject, "Fwd:");
            d.text = format!("\n\n{}\n\n{}", words.forwarded, text);
            d.attachments = attached(o);
        }
        Mode::ForwardAsAttachment => {
            d.subject = prefixed(&subject, "Fwd:");
            let name = if subject.trim().is_empty() {
                "message.eml".to_string()
            } else {
                format!("{}.eml", subject.trim().replace(['/', '\\'], "-"))
            };
            d.attachments = o
                .blob_id
                .clone()
                .map(|b| Attached {
                    blob_id: b,
                    name,
                    kind: "message/rfc822".into(),
                    size: 0,
                })
                .into_iter()
                .collect();
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(name: &str, email: &str) -> EmailAddress {
        EmailAddress {
            name: Some(name.into()),
            email: Some(email.into()),
        }
    }

    fn original() -> EmailDetail {
        serde_json::from_value(serde_json::json!({
            "id": "E1",
            "from": [{"name": "Hélène Garnier", "email": "helene.garnier@ac-toulouse.fr"}],
            "to": [{"name": "Marie Dupont", "email": "Marie.Dupont@ac-toulouse.fr"},
                   {"name": "Julien Martin", "email": "julien.martin@ac-toulouse.fr"}],
            "cc": [{"name": "Hélène Garnier", "email": "helene.garnier@ac-toulouse.fr"},
                   {"name": "Thomas Lefèvre", "email": "thomas.lefevre@ac-toulouse.fr"}],
            "subject": "RE : Re: Conseil de classe",
            "messageId": ["m2@x"],
            "references": ["m1@x"],
            "blobId": "B1",
            "attachments": [{"partId": "3", "blobId": "B3", "type": "application/pdf", "name": "odj.pdf", "size": 1200, "disposition": "attachment"}]
        }))
        .unwrap()
    }

    fn words() -> Wording {
        Wording {
            said: "Hélène a écrit :".into(),
            forwarded: "-------- Message transféré --------".into(),
        }
    }

    #[test]
    fn html_is_quoted_as_text() {
        assert_eq!(
            html_text("<p>Bonjour&nbsp;<b>Marie</b></p><p>A &lt;b&gt; &amp; c<br>fin</p>"),
            "Bonjour Marie\nA <b> & c\nfin"
        );
    }

    #[test]
    fn subjects_get_one_prefix() {
        assert_eq!(prefixed("Re: RE : Tr: Sortie", "Re:"), "Re: Sortie");
        assert_eq!(prefixed("Sortie", "Fwd:"), "Fwd: Sortie");
        assert_eq!(prefixed("Résultats", "Re:"), "Re: Résultats");
    }

    #[test]
    fn reply_goes_to_the_sender_quoted_and_threaded() {
        let d = draft_from(
            &original(),
            Mode::Reply,
            "marie.dupont@ac-toulouse.fr",
            "Bonjour\n> avant",
            &words(),
        );
        assert_eq!(
            d.to,
            vec![addr("Hélène Garnier", "helene.garnier@ac-toulouse.fr")]
        );
        assert!(d.cc.is_empty());
        assert_eq!(d.subject, "Re: Conseil de classe");
        assert_eq!(d.text, "\n\nHélène a écrit :\n> Bonjour\n>> avant");
        assert_eq!(d.in_reply_to, Some(vec!["m2@x".into()]));
        assert_eq!(d.references, Some(vec!["m1@x".into(), "m2@x".into()]));
    }

    #[test]
    fn reply_all_keeps_everyone_but_me_once() {
        let d = draft_from(
            &original(),
            Mode::ReplyAll,
            "marie.dupont@ac-toulouse.fr",
            "",
            &words(),
        );
        assert_eq!(
            d.to,
            vec![
                addr("Hélène Garnier", "helene.garnier@ac-toulouse.fr"),
                addr("Julien Martin", "julien.martin@ac-toulouse.fr")
            ]
        );
        assert_eq!(
            d.cc,
            vec![addr("Thomas Lefèvre", "thomas.lefevre@ac-toulouse.fr")]
        );
    }

    #[test]
    fn forwards_carry_the_attachments_or_the_message() {
        let d = draft_from(&original(), Mode::Forward, "m@x", "Texte", &words());
        assert!(d.to.is_empty());
        assert_eq!(d.subject, "Fwd: Conseil de classe");
        assert!(d
            .text
            .ends_with("-------- Message transféré --------\n\nTexte"));
        assert_eq!(d.attachments.len(), 1);
        assert_eq!(d.attachments[0].blob_id, "B3");
        let d = draft_from(&original(), Mode::ForwardAsAttachment, "m@x", "", &words());
        assert_eq!(d.attachments[0].kind, "message/rfc822");
        assert_eq!(d.attachments[0].blob_id, "B1");
        assert_eq!(d.attachments[0].name, "RE : Re: Conseil de classe.eml");
        assert_eq!(
            Mode::from_query(|k| (k == "all").then(|| "E1".into())),
            Some((Mode::ReplyAll, "E1".into()))
        );
        assert_eq!(Mode::from_query(|_| None), None);
    }
}
