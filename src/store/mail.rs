//! The mail store: the folder tree and the open folder's list window, loaded
//! in one JMAP request per view and kept current by `*/changes` polling.

use super::folders;
use super::list::{Chunk, ListPage, ListQuery, Search, SortBy};
use super::mail_requests::{
    add_quota, changes_request, chunks_request, has_changed, read_view, view_request,
};
use crate::browser;
use crate::jmap::client::Client;
use crate::jmap::mail::Mailbox;
use crate::jmap::quota::Quota;
use crate::jmap::session::CYRUS_QUOTA;
use crate::jmap::Error;
use leptos::prelude::*;
use std::collections::BTreeSet;

#[derive(Clone, Copy)]
pub struct MailStore {
    pub mailboxes: RwSignal<Vec<Mailbox>>,
    pub mailbox_state: RwSignal<String>,
    /// The list window of the open folder or search.
    pub page: RwSignal<Option<ListPage>>,
    pub loading: RwSignal<bool>,
    /// Increases with every view load; a late answer for an older one is dropped.
    generation: StoredValue<u64>,
    /// The folder last asked for (None: the inbox), even if loading it failed.
    requested: StoredValue<Option<String>>,
    /// The search asked for (the one on screen is the page's query).
    requested_search: StoredValue<Option<Search>>,
    pub quota: RwSignal<Option<Quota>>,
    /// The last move (archive, delete), offered for « Annuler ».
    pub last_move: RwSignal<Option<LastMove>>,
    /// List order and conversation mode, chosen by the user.
    pub sort: RwSignal<(SortBy, bool)>,
    pub threads: RwSignal<bool>,
    /// First row on screen: a refresh reloads the chunk the user looks at.
    pub visible_first: StoredValue<u64>,
    /// Chunks being fetched (by start position), so scrolling asks once.
    in_flight: StoredValue<BTreeSet<u64>>,
    /// Selected messages (ids) and the row a shift-click extends from.
    pub selected: RwSignal<BTreeSet<String>>,
    pub anchor: StoredValue<Option<u64>>,
}

pub fn provide_mail_store() -> MailStore {
    let s = MailStore {
        mailboxes: RwSignal::new(Vec::new()),
        mailbox_state: RwSignal::new(String::new()),
        page: RwSignal::new(None),
        loading: RwSignal::new(false),
        generation: StoredValue::new(0),
        requested: StoredValue::new(None),
        quota: RwSignal::new(None),
        last_move: RwSignal::new(None),
        requested_search: StoredValue::new(None),
        sort: RwSignal::new((SortBy::Date, false)),
        threads: RwSignal::new(false),
        visible_first: StoredValue::new(0),
        in_flight: StoredValue::new(BTreeSet::new()),
        selected: RwSignal::new(BTreeSet::new()),
        anchor: StoredValue::new(None),
    };
    provide_context(s);
    s
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastMove {
    /// (message, the folder it came from).
    pub moves: Vec<(String, String)>,
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
    /// The id of the folder with this role (« drafts », « junk »…), if any.
    pub fn role_id(&self, role: &str) -> Option<String> {
        self.mailboxes.with_untracked(|m| {
            m.iter()
                .find(|b| b.role.as_deref() == Some(role))
                .map(|b| b.id.clone())
        })
    }

    pub fn clear(&self) {
        self.mailboxes.set(Vec::new());
        self.mailbox_state.set(String::new());
        self.page.set(None);
        self.quota.set(None);
        self.last_move.set(None);
        self.selected.set(BTreeSet::new());
        self.anchor.set_value(None);
        self.visible_first.set_value(0);
        self.in_flight.set_value(BTreeSet::new());
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
        let (req, calls) = super::actions::undo_move_request(&account, &m.moves, &m.to);
        let resp = client.send(req).await?;
        super::reader_requests::read_set(&resp, &calls.set)?;
        self.reload(client).await
    }

    /// Loads again what was asked for last (folder or search).
    pub async fn reload(&self, client: &Client) -> Result<(), Error> {
        match self.requested_search.get_value() {
            Some(s) => self.search(client, s).await,
            None => self.open(client, self.requested.get_value(), true).await,
        }
    }

    fn list_query(&self, mailbox_id: Option<String>, search: Option<Search>) -> ListQuery {
        let (sort, ascending) = self.sort.get_untracked();
        ListQuery {
            mailbox_id,
            search,
            sort,
            ascending,
            threads: self.threads.get_untracked(),
        }
    }

    /// The chunk to load for a list: where the user is when it is the list
    /// on screen again (a refresh), else the top.
    fn start_for(&self, q: &ListQuery) -> u64 {
        let same = self
            .page
            .with_untracked(|p| p.as_ref().is_some_and(|p| &p.query == q));
        if same {
            let first = self.visible_first.get_value();
            first / super::list::CHUNK * super::list::CHUNK
        } else {
            0
        }
    }

    /// Search (full text, or the advanced form's fields); results replace
    /// the list, with the folder tree in the same request when missing.
    pub async fn search(&self, client: &Client, search: Search) -> Result<(), Error> {
        let Some(account) = client.session().mail_account().map(str::to_string) else {
            return Err(Error::Decode("no mail account in session".into()));
        };
        self.generation.update_value(|g| *g += 1);
        self.requested_search.set_value(Some(search.clone()));
        let generation = self.generation.get_value();
        let with_tree = self.mailboxes.with_untracked(Vec::is_empty);
        let q = self.list_query(None, Some(search.clone()));
        let start = self.start_for(&q);
        self.loading.set(true);
        let (req, calls) = view_request(&account, with_tree, Some((&q, start)));
        let result = client.send(req).await.and_then(|r| read_view(&r, &calls));
        if generation != self.generation.get_value() {
            return Ok(());
        }
        self.loading.set(false);
        let mut view = result?;
        if let Some(b) = view.mailboxes.take() {
            self.mailbox_state.set(b.state);
            self.mailboxes.set(b.list);
        }
        self.show(q, view.list.unwrap_or_default());
        Ok(())
    }

    /// The quick-search text of the search on screen (empty for an advanced
    /// one), None for a folder.
    pub fn search_text(&self) -> Option<String> {
        self.page
            .with(|p| p.as_ref()?.query.search.as_ref().map(|s| s.text.clone()))
    }

    fn show(&self, q: ListQuery, chunk: Chunk) {
        self.in_flight.set_value(BTreeSet::new());
        let same = self
            .page
            .with_untracked(|p| p.as_ref().is_some_and(|p| p.query == q));
        if !same {
            self.selected.set(BTreeSet::new());
            self.anchor.set_value(None);
        }
        self.page.set(Some(ListPage::new(q, chunk)));
    }

    /// Changes the order or conversation mode of the list on screen.
    pub async fn set_order(
        &self,
        client: &Client,
        sort: (SortBy, bool),
        threads: bool,
    ) -> Result<(), Error> {
        self.sort.set(sort);
        self.threads.set(threads);
        self.visible_first.set_value(0);
        self.reload(client).await
    }

    /// Fetches the rows of positions `first..=last` not loaded yet (one
    /// request for all missing chunks).
    pub async fn load_range(&self, client: &Client, first: u64, last: u64) -> Result<(), Error> {
        let Some(account) = client.session().mail_account().map(str::to_string) else {
            return Ok(());
        };
        let Some((q, missing)) = self.page.with_untracked(|p| {
            p.as_ref()
                .map(|p| (p.query.clone(), p.missing_chunks(first, last)))
        }) else {
            return Ok(());
        };
        let starts: Vec<u64> = self
            .in_flight
            .with_value(|f| missing.into_iter().filter(|s| !f.contains(s)).collect());
        if starts.is_empty() {
            return Ok(());
        }
        self.in_flight
            .update_value(|f| f.extend(starts.iter().copied()));
        let generation = self.generation.get_value();
        let (req, calls) = chunks_request(&account, &q, &starts);
        let result = client.send(req).await;
        if generation != self.generation.get_value() {
            return Ok(());
        }
        self.in_flight.update_value(|f| {
            for s in &starts {
                f.remove(s);
            }
        });
        let resp = result?;
        let chunks = calls
            .iter()
            .map(|c| super::list::read_chunk(&resp, c))
            .collect::<Result<Vec<_>, _>>()?;
        self.page.update(|p| {
            if let Some(p) = p.as_mut().filter(|p| p.query == q) {
                for c in chunks {
                    p.merge(c);
                }
            }
        });
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
        let target_query = target.clone().map(|t| self.list_query(Some(t), None));
        let start = target_query.as_ref().map_or(0, |q| self.start_for(q));
        self.loading.set(true);
        let (mut req, mut calls) = view_request(
            &account,
            with_tree,
            target_query.as_ref().map(|q| (q, start)),
        );
        if with_tree && client.session().has_capability(CYRUS_QUOTA) {
            req = add_quota(req, &mut calls, &account);
        }
        let result = client.send(req).await.and_then(|r| read_view(&r, &calls));
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
        let shown = match (view.list, &wanted) {
            (Some(chunk), Some(w)) if target.as_ref() == Some(w) => {
                Some((self.list_query(Some(w.clone()), None), chunk))
            }
            (_, Some(w)) => {
                let q = self.list_query(Some(w.clone()), None);
                let (req, calls) = view_request(&account, false, Some((&q, 0)));
                let r = client.send(req).await.and_then(|r| read_view(&r, &calls));
                if generation != self.generation.get_value() {
                    return Ok(());
                }
                match r {
                    Ok(v) => v.list.map(|c| (q, c)),
                    Err(e) => {
                        self.loading.set(false);
                        return Err(e);
                    }
                }
            }
            _ => None,
        };
        match shown {
            Some((q, chunk)) => self.show(q, chunk),
            None => self.page.set(None),
        }
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
            .with_untracked(|p| p.as_ref().map(|p| p.mailbox_id().to_string()));
        let requested = self.requested.get_value();
        let requested_search = self.requested_search.get_value();
        let stale = match (&requested, &showing) {
            _ if requested_search.is_some() => self
                .page
                .with_untracked(|p| p.as_ref().map(|p| &p.query.search) != Some(&requested_search)),
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
            self.reload(client).await?;
        }
        Ok(changed)
    }
}
