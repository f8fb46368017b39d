//! The mail store: the folder tree and the open folder's list window, loaded
//! in one JMAP request per view and kept current by `*/changes` polling.

use super::folders;
use super::mail_requests::{
    add_quota, changes_request, has_changed, read_view, view_request, ListPage,
};
use super::search::{read_search, search_request, Snippet};
use crate::browser;
use crate::jmap::client::Client;
use crate::jmap::mail::Mailbox;
use crate::jmap::quota::Quota;
use crate::jmap::session::CYRUS_QUOTA;
use crate::jmap::Error;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[derive(Clone, Copy)]
pub struct MailStore {
    pub mailboxes: RwSignal<Vec<Mailbox>>,
    pub mailbox_state: RwSignal<String>,
    /// The list window of the open folder.
    pub page: RwSignal<Option<ListPage>>,
    pub loading: RwSignal<bool>,
    /// Increases with every view load; a late answer for an older one is dropped.
    generation: StoredValue<u64>,
    /// The folder last asked for (None: the inbox), even if loading it failed.
    requested: StoredValue<Option<String>>,
    /// The search on screen (the list then holds its results), and the one asked for.
    pub search_text: RwSignal<Option<String>>,
    pub quota: RwSignal<Option<Quota>>,
    /// The last move (archive, delete), offered for « Annuler ».
    pub last_move: RwSignal<Option<LastMove>>,
    pub snippets: RwSignal<BTreeMap<String, Snippet>>,
    requested_search: StoredValue<Option<String>>,
}

pub fn provide_mail_store() -> MailStore {
    let s = MailStore {
        mailboxes: RwSignal::new(Vec::new()),
        mailbox_state: RwSignal::new(String::new()),
        page: RwSignal::new(None),
        loading: RwSignal::new(false),
        generation: StoredValue::new(0),
        requested: StoredValue::new(None),
        search_text: RwSignal::new(None),
        quota: RwSignal::new(None),
        last_move: RwSignal::new(None),
        snippets: RwSignal::new(BTreeMap::new()),
        requested_search: StoredValue::new(None),
    };
    provide_context(s);
    s
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastMove {
    pub ids: Vec<String>,
    pub from: String,
    pub to: String,
    /// Catalogue key of what happened (« Message archivé. »).
    pub done: &'static str,
}

pub fn use_mail_store() -> MailStore {
    expect_context::<MailStore>()
}

fn hint_key(account: &str) -> String {
    format!("autan.inbox_hint.{account}")
}

impl MailStore {
    pub fn clear(&self) {
        self.mailboxes.set(Vec::new());
        self.mailbox_state.set(String::new());
        self.page.set(None);
        self.search_text.set(None);
        self.quota.set(None);
        self.last_move.set(None);
        self.snippets.set(BTreeMap::new());
        self.generation.update_value(|g| *g += 1);
    }

    /// Puts the last moved messages back where they were.
    pub async fn undo_move(&self, client: &Client) -> Result<(), Error> {
        let Some(m) = self.last_move.get_untracked() else {
            return Ok(());
        };
        let Some(account) = client.session().mail_account().map(str::to_string) else {
            return Ok(());
        };
        self.last_move.set(None);
        let (req, calls) = super::actions::move_request(&account, &m.ids, &m.to, &m.from);
        let resp = client.send(req).await?;
        super::reader_requests::read_set(&resp, &calls.set)?;
        let requested = self.requested.get_value();
        match self.requested_search.get_value() {
            Some(text) => self.search(client, text).await,
            None => self.open(client, requested, true).await,
        }
    }

    /// Full-text search over every folder; results replace the list.
    pub async fn search(&self, client: &Client, text: String) -> Result<(), Error> {
        let Some(account) = client.session().mail_account().map(str::to_string) else {
            return Err(Error::Decode("no mail account in session".into()));
        };
        self.generation.update_value(|g| *g += 1);
        self.requested_search.set_value(Some(text.clone()));
        let generation = self.generation.get_value();
        if self.mailboxes.with_untracked(Vec::is_empty) {
            // The folder tree comes in the same POST (same tick, batched).
            let (req, calls) = view_request(&account, true, None);
            let tree = client.send(req);
            let (sreq, scalls) = search_request(&account, &text);
            let (t, r) = futures::join!(tree, client.send(sreq));
            if let Ok(v) = t.and_then(|r| read_view(&r, &calls, None)) {
                if let Some(b) = v.mailboxes {
                    self.mailbox_state.set(b.state);
                    self.mailboxes.set(b.list);
                }
            }
            return self.apply_search(generation, text, r.and_then(|r| read_search(&r, &scalls)));
        }
        self.loading.set(true);
        let (req, calls) = search_request(&account, &text);
        let result = client.send(req).await.and_then(|r| read_search(&r, &calls));
        self.apply_search(generation, text, result)
    }

    fn apply_search(
        &self,
        generation: u64,
        text: String,
        result: Result<super::search::SearchResult, Error>,
    ) -> Result<(), Error> {
        if generation != self.generation.get_value() {
            return Ok(());
        }
        self.loading.set(false);
        let found = result?;
        self.snippets.set(found.snippets);
        self.search_text.set(Some(text));
        self.page.set(Some(ListPage {
            mailbox_id: String::new(),
            query: found.query,
            emails: found.emails,
            email_state: found.email_state,
        }));
        Ok(())
    }

    /// Opens a folder (None: the inbox). Loads the tree too when asked or not
    /// yet known. The inbox id remembered from the last visit lets the first
    /// screen come in one request; without it (first visit) it takes two.
    pub async fn open(
        &self,
        client: &Client,
        folder: Option<String>,
        refresh_tree: bool,
    ) -> Result<(), Error> {
        let Some(account) = client.session().mail_account().map(str::to_string) else {
            return Err(Error::Decode("no mail account in session".into()));
        };
        self.generation.update_value(|g| *g += 1);
        self.requested.set_value(folder.clone());
        self.requested_search.set_value(None);
        let generation = self.generation.get_value();
        let with_tree = refresh_tree || self.mailboxes.with_untracked(Vec::is_empty);
        let known_inbox = self
            .mailboxes
            .with_untracked(|m| folders::inbox(m).map(|i| i.id.clone()));
        let hint = browser::local_get(&hint_key(&account)).filter(|h| !h.is_empty());
        let guessed = folder.is_none() && known_inbox.is_none() && hint.is_some();
        let target = folder.clone().or(known_inbox).or(hint);
        self.loading.set(true);
        let (mut req, mut calls) = view_request(&account, with_tree, target.as_deref());
        if with_tree && client.session().has_capability(CYRUS_QUOTA) {
            req = add_quota(req, &mut calls, &account);
        }
        let result = client
            .send(req)
            .await
            .and_then(|r| read_view(&r, &calls, target.as_deref()));
        if generation != self.generation.get_value() {
            return Ok(());
        }
        let mut view = match result {
            Ok(v) => v,
            // A remembered inbox id the server no longer knows: forget it and
            // start again without guessing.
            Err(Error::Method(_)) if guessed => {
                browser::local_set(&hint_key(&account), "");
                return Box::pin(self.open(client, None, true)).await;
            }
            Err(e) => {
                self.loading.set(false);
                return Err(e);
            }
        };
        if view.quota.is_some() {
            self.quota.set(view.quota.take());
        }
        if let Some(boxes) = view.mailboxes.take() {
            self.mailbox_state.set(boxes.state.clone());
            self.mailboxes.set(boxes.list);
        }
        let inbox = self
            .mailboxes
            .with_untracked(|m| folders::inbox(m).map(|i| i.id.clone()));
        if let Some(inbox) = &inbox {
            browser::local_set(&hint_key(&account), inbox);
        }
        // The folder to show: the one asked for, else the real inbox. If the
        // guess was wrong (no hint, stale hint), ask again for the right one.
        let wanted = folder.or(inbox);
        let page = match (view.list, &wanted) {
            (Some(page), Some(w)) if &page.mailbox_id == w => Some(page),
            (_, Some(w)) => {
                let (req, calls) = view_request(&account, false, Some(w));
                let r = client
                    .send(req)
                    .await
                    .and_then(|r| read_view(&r, &calls, Some(w)));
                if generation != self.generation.get_value() {
                    return Ok(());
                }
                match r {
                    Ok(v) => v.list,
                    Err(e) => {
                        self.loading.set(false);
                        return Err(e);
                    }
                }
            }
            _ => None,
        };
        self.search_text.set(None);
        self.snippets.set(BTreeMap::new());
        self.page.set(page);
        self.loading.set(false);
        Ok(())
    }

    /// One sync check; reloads the view when something changed, or when the
    /// folder on screen is not the one asked for (a click that failed while
    /// the server was unreachable). Returns whether it reloaded.
    pub async fn sync(&self, client: &Client) -> Result<bool, Error> {
        let Some(account) = client.session().mail_account().map(str::to_string) else {
            return Ok(false);
        };
        let mailbox_state = self.mailbox_state.get_untracked();
        let email_state = self
            .page
            .with_untracked(|p| p.as_ref().map(|p| p.email_state.clone()));
        let showing = self
            .page
            .with_untracked(|p| p.as_ref().map(|p| p.mailbox_id.clone()));
        let requested = self.requested.get_value();
        let requested_search = self.requested_search.get_value();
        let stale = match (&requested, &showing) {
            _ if requested_search.is_some() => requested_search != self.search_text.get_untracked(),
            (Some(r), Some(s)) => r != s,
            (_, None) => true,
            (None, Some(_)) => false,
        };
        let changed = stale
            || match (mailbox_state.is_empty(), email_state) {
                (false, Some(email_state)) if !email_state.is_empty() => {
                    let (req, m, e) = changes_request(&account, &mailbox_state, &email_state);
                    let resp = client.send(req).await?;
                    has_changed(&resp, &m, &e)?
                }
                _ => true,
            };
        if changed {
            match requested_search {
                Some(text) => self.search(client, text).await?,
                None => self.open(client, requested, true).await?,
            }
        }
        Ok(changed)
    }
}
