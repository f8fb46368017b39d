//! Courrier: folder tree, message list (reading pane and compose come next).

pub mod compose;
mod cues;
pub mod download;
mod folder_dialogs;
pub mod folder_tree;
mod html_body;
mod inline;
mod invitation;
pub mod link_warning;
mod list_row;
mod list_tools;
pub mod message_list;
pub mod outbox;
mod page;
pub mod reader;
pub mod remote_content;
pub mod report;
mod shortcuts;
pub mod text;

pub use compose::ComposePage;
pub use page::MailPage;

/// The path of a folder's page; the inbox is `/courrier`.
pub fn folder_href(id: &str, role: Option<&str>) -> String {
    if role == Some("inbox") {
        "/courrier".into()
    } else {
        format!("/courrier/{}", crate::jmap::url::encode_component(id))
    }
}

/// The URL of a search: the quick text as `q`, the advanced form's fields
/// under short names.
pub fn search_href(s: &crate::store::list::Search) -> String {
    use crate::jmap::url::encode_component as enc;
    let mut parts = Vec::new();
    for (k, v) in [
        ("q", &s.text),
        ("from", &s.from),
        ("to", &s.to),
        ("subject", &s.subject),
        ("body", &s.body),
        ("after", &s.after),
        ("before", &s.before),
        ("in", &s.mailbox_id),
    ] {
        if !v.trim().is_empty() {
            parts.push(format!("{k}={}", enc(v.trim())));
        }
    }
    for (k, on) in [
        ("att", s.has_attachment),
        ("unread", s.unread),
        ("flagged", s.flagged),
    ] {
        if on {
            parts.push(format!("{k}=1"));
        }
    }
    format!("/courrier?{}", parts.join("&"))
}

/// The search described by a URL's query (None when it holds none).
pub fn search_from(get: impl Fn(&str) -> Option<String>) -> Option<crate::store::list::Search> {
    let text = |k: &str| get(k).unwrap_or_default().trim().to_string();
    let s = crate::store::list::Search {
        text: text("q"),
        from: text("from"),
        to: text("to"),
        subject: text("subject"),
        body: text("body"),
        after: text("after"),
        before: text("before"),
        mailbox_id: text("in"),
        has_attachment: get("att").is_some(),
        unread: get("unread").is_some(),
        flagged: get("flagged").is_some(),
    };
    (!s.is_empty()).then_some(s)
}

/// Catalogue key of a special folder's name, so that « Sent » shows as
/// « Envoyés » whatever the server calls it.
pub fn role_key(role: Option<&str>) -> Option<&'static str> {
    Some(match role? {
        "inbox" => "role.inbox",
        "drafts" => "role.drafts",
        "sent" => "role.sent",
        "archive" => "role.archive",
        "junk" => "role.junk",
        "trash" => "role.trash",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_links() {
        assert_eq!(folder_href("abc", Some("inbox")), "/courrier");
        assert_eq!(folder_href("a/b é", None), "/courrier/a%2Fb%20%C3%A9");
        assert_eq!(role_key(Some("sent")), Some("role.sent"));
        assert_eq!(role_key(Some("important")), None);
        assert_eq!(role_key(None), None);
    }

    #[test]
    fn searches_round_trip_through_the_url() {
        let s = crate::store::list::Search {
            text: "conseil de classe".into(),
            from: "durand".into(),
            after: "2026-09-01".into(),
            unread: true,
            ..Default::default()
        };
        let href = search_href(&s);
        assert_eq!(
            href,
            "/courrier?q=conseil%20de%20classe&from=durand&after=2026-09-01&unread=1"
        );
        let query = href.trim_start_matches("/courrier?").to_string();
        let get = |k: &str| {
            query.split('&').find_map(|kv| {
                let (a, b) = kv.split_once('=')?;
                (a == k).then(|| b.replace("%20", " "))
            })
        };
        assert_eq!(search_from(get), Some(s));
        assert_eq!(search_from(|_| None), None);
        // A date that is not a date is no criterion.
        assert_eq!(
            search_from(|k| (k == "after").then(|| "hier".to_string())),
            None
        );
    }
}
