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
            for e in p.emails.iter_mut().filter(|e| ids.contains(&e.id.as_str())) {
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
