//! Courrier: folder tree, message list (reading pane and compose come next).

pub mod compose;
pub mod download;
pub mod folder_tree;
pub mod message_list;
pub mod outbox;
mod page;
pub mod reader;
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
}
