//! Actions on the selected messages of the list (or on dropped ones):
//! optimistic, reverted when the server refuses, counts refreshed in the
//! same request, moves offered for « Annuler ».

use super::actions::{destroy_request, keyword_request, move_request, ActionCalls};
use super::mail::{LastMove, MailStore};
use super::reader_requests::read_set;
use crate::jmap::client::Client;
use crate::jmap::mail::{Email, Mailbox};
use crate::jmap::request::Request;
use crate::jmap::response::GetResponse;
use crate::jmap::Error;
use leptos::prelude::*;
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bulk {
    Read(bool),
    Flag(bool),
    MoveTo(String),
    Archive,
    Trash,
    Junk,
    NotJunk,
    /// For good; the page asks for confirmation first.
    Destroy,
}

impl Bulk {
    /// The folder role a move goes to, when it is one.
    fn role(&self) -> Option<&'static str> {
        match self {
            Bulk::Archive => Some("archive"),
            Bulk::Trash => Some("trash"),
            Bulk::Junk => Some("junk"),
            Bulk::NotJunk => Some("inbox"),
            _ => None,
        }
    }

    /// Catalogue key of the notice once done.
    fn done(&self) -> &'static str {
        match self {
            Bulk::Read(_) | Bulk::Flag(_) => "bulk.updated",
            Bulk::MoveTo(_) => "bulk.moved",
            Bulk::Archive => "actions.archived",
            Bulk::Trash => "actions.deleted",
            Bulk::Junk => "bulk.junk",
            Bulk::NotJunk => "bulk.not_junk",
            Bulk::Destroy => "bulk.destroyed",
        }
    }
}

/// The folder each message leaves: the open folder, or in a search the
/// message's own (first) folder.
fn sources(emails: &[Email], open_folder: &str) -> Vec<(String, String)> {
    emails
        .iter()
        .map(|e| {
            let from = if open_folder.is_empty() {
                e.mailbox_ids
                    .iter()
                    .find(|(_, v)| **v)
                    .map(|(k, _)| k.clone())
                    .unwrap_or_default()
            } else {
                open_folder.to_string()
            };
            (e.id.clone(), from)
        })
        .collect()
}

fn role_id(boxes: &[Mailbox], role: &str) -> Option<String> {
    boxes
        .iter()
        .find(|b| b.role.as_deref() == Some(role))
        .map(|b| b.id.clone())
}

impl MailStore {
    /// Runs one action on messages of the list; returns the notice to show.
    pub async fn bulk(
        &self,
        client: &Client,
        action: Bulk,
        ids: Vec<String>,
    ) -> Result<Option<&'static str>, Error> {
        let Some(account) = client.session().mail_account().map(str::to_string) else {
            return Ok(None);
        };
        let wanted: BTreeSet<String> = ids.into_iter().collect();
        let (emails, open_folder) = self.page.with_untracked(|p| match p {
            Some(p) => (
                p.emails()
                    .filter(|e| wanted.contains(&e.id))
                    .cloned()
                    .collect::<Vec<_>>(),
                p.mailbox_id().to_string(),
            ),
            None => (Vec::new(), String::new()),
        });
        if emails.is_empty() {
            return Ok(None);
        }
        let ids: Vec<String> = emails.iter().map(|e| e.id.clone()).collect();
        let target = match (&action, action.role()) {
            (Bulk::MoveTo(to), _) => Some(to.clone()),
            (_, Some(role)) => {
                let Some(id) = self.mailboxes.with_untracked(|b| role_id(b, role)) else {
                    return Ok(None);
                };
                Some(id)
            }
            _ => None,
        };
        let before = self.page.get_untracked();
        let mut undo = None;
        let (req, calls): (Request, ActionCalls) = match (&action, &target) {
            (Bulk::Read(on), _) => keyword_request(&account, &ids, "$seen", *on),
            (Bulk::Flag(on), _) => keyword_request(&account, &ids, "$flagged", *on),
            (Bulk::Destroy, _) => destroy_request(&account, &ids),
            (_, Some(to)) => {
                let moves: Vec<(String, String)> = sources(&emails, &open_folder)
                    .into_iter()
                    .filter(|(_, from)| from != to)
                    .collect();
                if moves.is_empty() {
                    return Ok(None);
                }
                let keywords: &[(&str, bool)] = match action {
                    Bulk::Junk => &[("$junk", true), ("$notjunk", false)],
                    Bulk::NotJunk => &[("$junk", false), ("$notjunk", true)],
                    _ => &[],
                };
                undo = Some(LastMove {
                    moves: moves.clone(),
                    to: to.clone(),
                    done: action.done(),
                });
                move_request(&account, &moves, to, keywords)
            }
            _ => return Ok(None),
        };
        // Optimistic: keywords flip, moved or destroyed rows leave at once.
        self.selected.set(BTreeSet::new());
        match &action {
            Bulk::Read(on) | Bulk::Flag(on) => {
                let kw = if matches!(action, Bulk::Read(_)) {
                    "$seen"
                } else {
                    "$flagged"
                };
                self.page.update(|p| {
                    if let Some(p) = p {
                        for id in &ids {
                            if let Some(e) = p.find_mut(id) {
                                if *on {
                                    e.keywords.insert(kw.into(), true);
                                } else {
                                    e.keywords.remove(kw);
                                }
                            }
                        }
                    }
                });
            }
            _ => {
                let gone: BTreeSet<String> = ids.iter().cloned().collect();
                self.page.update(|p| {
                    if let Some(p) = p {
                        p.remove_ids(&gone);
                    }
                });
            }
        }
        let result = client.send(req).await.and_then(|r| {
            read_set(&r, &calls.set)?;
            r.get::<GetResponse<Mailbox>>(&calls.mailboxes)
        });
        match result {
            Ok(fresh) => {
                self.mailbox_state.set(fresh.state);
                self.mailboxes.set(fresh.list);
                if undo.is_some() {
                    self.last_move.set(undo);
                }
                Ok(Some(action.done()))
            }
            Err(e) => {
                self.page.set(before);
                Err(e)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_moves_each_message_from_its_own_folder() {
        let e = |id: &str, m: &str| Email {
            id: id.into(),
            mailbox_ids: [(m.to_string(), true)].into_iter().collect(),
            ..Email::default()
        };
        let emails = [e("a", "INBOX"), e("b", "ARCH")];
        assert_eq!(
            sources(&emails, ""),
            vec![("a".into(), "INBOX".into()), ("b".into(), "ARCH".into())]
        );
        assert_eq!(
            sources(&emails, "X"),
            vec![("a".into(), "X".into()), ("b".into(), "X".into())]
        );
    }
}
