//! The reading pane's state: the open conversation, and marking it read with
//! an optimistic update of the list and the unread counts.

use super::mail::MailStore;
use super::mail_requests::MAILBOX_PROPERTIES;
use super::reader_requests::{read_set, read_thread, seen_request, thread_request};
use crate::jmap::client::Client;
use crate::jmap::mail::{EmailDetail, Mailbox};
use crate::jmap::request::GetArgs;
use crate::jmap::response::GetResponse;
use crate::jmap::Error;
use leptos::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub struct Conversation {
    pub opened: String,
    /// Oldest first.
    pub emails: Vec<EmailDetail>,
}

#[derive(Clone, Copy)]
pub struct ReaderStore {
    pub conversation: RwSignal<Option<Conversation>>,
    pub loading: RwSignal<bool>,
    generation: StoredValue<u64>,
}

pub fn provide_reader_store() -> ReaderStore {
    let s = ReaderStore {
        conversation: RwSignal::new(None),
        loading: RwSignal::new(false),
        generation: StoredValue::new(0),
    };
    provide_context(s);
    s
}

pub fn use_reader_store() -> ReaderStore {
    expect_context::<ReaderStore>()
}

impl ReaderStore {
    pub fn close(&self) {
        self.generation.update_value(|g| *g += 1);
        self.conversation.set(None);
        self.loading.set(false);
    }

    /// Loads the conversation of `email_id` in one request.
    pub async fn open(&self, client: &Client, email_id: &str) -> Result<(), Error> {
        let account = client
            .session()
            .mail_account()
            .ok_or_else(|| Error::Decode("no mail account".into()))?
            .to_string();
        self.generation.update_value(|g| *g += 1);
        let generation = self.generation.get_value();
        self.loading.set(true);
        let (req, calls) = thread_request(&account, email_id);
        let result = client.send(req).await.and_then(|r| read_thread(&r, &calls));
        if generation != self.generation.get_value() {
            return Ok(());
        }
        self.loading.set(false);
        let emails = result?;
        self.conversation.set(Some(Conversation {
            opened: email_id.to_string(),
            emails,
        }));
        Ok(())
    }

    /// Marks the open conversation's unread messages read: the list and the
    /// counts change at once; the server's answer brings the exact counts, a
    /// refusal puts everything back and is reported.
    pub async fn mark_read(&self, client: &Client, mail: MailStore) -> Result<(), Error> {
        let Some(account) = client.session().mail_account().map(str::to_string) else {
            return Ok(());
        };
        let unread: Vec<EmailDetail> = self.conversation.with_untracked(|c| {
            c.as_ref()
                .map(|c| c.emails.iter().filter(|e| e.is_unread()).cloned().collect())
                .unwrap_or_default()
        });
        if unread.is_empty() {
            return Ok(());
        }
        let ids: Vec<String> = unread.iter().map(|e| e.id.clone()).collect();
        let before_boxes = mail.mailboxes.get_untracked();
        let before_page = mail.page.get_untracked();
        let before_conv = self.conversation.get_untracked();
        apply_seen(self, &mail, &unread, true);

        let (mut req, set) = seen_request(&account, &ids, true);
        let boxes = req.call(
            "Mailbox/get",
            &GetArgs::all(&account).properties(MAILBOX_PROPERTIES),
        );
        let result = client.send(req).await.and_then(|r| {
            read_set(&r, &set)?;
            r.get::<GetResponse<Mailbox>>(&boxes)
        });
        match result {
            Ok(fresh) => {
                mail.mailbox_state.set(fresh.state);
                mail.mailboxes.set(fresh.list);
                Ok(())
            }
            Err(e) => {
                mail.mailboxes.set(before_boxes);
                mail.page.set(before_page);
                self.conversation.set(before_conv);
                Err(e)
            }
        }
    }
}

fn apply_seen(reader: &ReaderStore, mail: &MailStore, emails: &[EmailDetail], seen: bool) {
    let ids: Vec<&str> = emails.iter().map(|e| e.id.as_str()).collect();
    reader.conversation.update(|c| {
        if let Some(c) = c {
            for e in c.emails.iter_mut().filter(|e| ids.contains(&e.id.as_str())) {
                e.keywords.insert("$seen".into(), seen);
            }
        }
    });
    mail.page.update(|p| {
        if let Some(p) = p {
            for e in p.rows.values_mut().filter(|e| ids.contains(&e.id.as_str())) {
                e.keywords.insert("$seen".into(), seen);
            }
        }
    });
    mail.mailboxes.update(|boxes| {
        for e in emails {
            for (mailbox_id, _) in e.mailbox_ids.iter().filter(|(_, v)| **v) {
                if let Some(m) = boxes.iter_mut().find(|m| &m.id == mailbox_id) {
                    m.unread_emails = m.unread_emails.saturating_sub(1);
                }
            }
        }
    });
}

/// What the reading pane's toolbar can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Archive,
    Delete,
    /// To Indésirables, marked `$junk` (« Signaler un hameçonnage »).
    Junk,
    ToggleRead,
    ToggleFlag,
}

impl ReaderStore {
    /// Applies an action to the open conversation (moves) or message
    /// (keywords), at once on screen; a refusal puts things back.
    /// Returns the notice to show on success.
    pub async fn act(
        &self,
        client: &Client,
        mail: MailStore,
        action: Action,
    ) -> Result<Option<&'static str>, Error> {
        use super::actions::{keyword_request, move_request};
        let Some(account) = client.session().mail_account().map(str::to_string) else {
            return Ok(None);
        };
        let Some(conv) = self.conversation.get_untracked() else {
            return Ok(None);
        };
        let Some(opened) = conv.emails.iter().find(|e| e.id == conv.opened).cloned() else {
            return Ok(None);
        };
        let shown = mail
            .page
            .with_untracked(|p| p.as_ref().map(|p| p.mailbox_id().to_string()))
            .unwrap_or_default();
        let from = if shown.is_empty() {
            opened
                .mailbox_ids
                .iter()
                .find(|(_, v)| **v)
                .map(|(k, _)| k.clone())
                .unwrap_or_default()
        } else {
            shown
        };
        let mut undo = None;
        let (req, calls, notice, moved) = match action {
            Action::Archive | Action::Delete | Action::Junk => {
                let (role, notice, keywords): (_, _, &[(&str, bool)]) = match action {
                    Action::Archive => ("archive", "actions.archived", &[]),
                    Action::Junk => (
                        "junk",
                        "actions.junked",
                        &[("$junk", true), ("$notjunk", false)],
                    ),
                    _ => ("trash", "actions.deleted", &[]),
                };
                let Some(to) = mail.role_id(role) else {
                    return Ok(None);
                };
                let ids: Vec<String> = conv
                    .emails
                    .iter()
                    .filter(|e| e.mailbox_ids.get(&from).copied().unwrap_or(false))
                    .map(|e| e.id.clone())
                    .collect();
                let ids = if ids.is_empty() {
                    vec![opened.id.clone()]
                } else {
                    ids
                };
                if to == from {
                    // Already there (Supprimer in Corbeille): nothing to move.
                    return Ok(None);
                }
                let moves: Vec<(String, String)> =
                    ids.iter().map(|i| (i.clone(), from.clone())).collect();
                let (req, calls) = move_request(&account, &moves, &to, keywords);
                undo = Some(super::mail::LastMove {
                    moves,
                    to: to.clone(),
                    done: notice,
                });
                (req, calls, Some(notice), ids)
            }
            Action::ToggleRead => {
                let (req, calls) = keyword_request(
                    &account,
                    std::slice::from_ref(&opened.id),
                    "$seen",
                    opened.is_unread(),
                );
                (req, calls, None, Vec::new())
            }
            Action::ToggleFlag => {
                let flagged = opened.keywords.get("$flagged").copied().unwrap_or(false);
                let (req, calls) = keyword_request(
                    &account,
                    std::slice::from_ref(&opened.id),
                    "$flagged",
                    !flagged,
                );
                (req, calls, None, Vec::new())
            }
        };
        let before_page = mail.page.get_untracked();
        let before_conv = self.conversation.get_untracked();
        // Optimistic: moved messages leave the list; keywords flip at once.
        if !moved.is_empty() {
            mail.page.update(|p| {
                if let Some(p) = p {
                    p.remove_ids(&moved.iter().cloned().collect());
                }
            });
        } else {
            let (kw, on) = match action {
                Action::ToggleRead => ("$seen", opened.is_unread()),
                _ => (
                    "$flagged",
                    !opened.keywords.get("$flagged").copied().unwrap_or(false),
                ),
            };
            let flip = |k: &mut std::collections::BTreeMap<String, bool>| {
                if on {
                    k.insert(kw.into(), true);
                } else {
                    k.remove(kw);
                }
            };
            mail.page.update(|p| {
                if let Some(p) = p {
                    p.rows
                        .values_mut()
                        .filter(|e| e.id == opened.id)
                        .for_each(|e| flip(&mut e.keywords));
                }
            });
            self.conversation.update(|c| {
                if let Some(c) = c {
                    c.emails
                        .iter_mut()
                        .filter(|e| e.id == opened.id)
                        .for_each(|e| flip(&mut e.keywords));
                }
            });
        }
        let result = client.send(req).await.and_then(|r| {
            read_set(&r, &calls.set)?;
            r.get::<GetResponse<Mailbox>>(&calls.mailboxes)
        });
        match result {
            Ok(fresh) => {
                mail.mailbox_state.set(fresh.state);
                mail.mailboxes.set(fresh.list);
                if undo.is_some() {
                    mail.last_move.set(undo);
                }
                Ok(notice)
            }
            Err(e) => {
                mail.page.set(before_page);
                self.conversation.set(before_conv);
                Err(e)
            }
        }
    }
}
