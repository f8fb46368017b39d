//! The address book: people and groups, loaded in one request and re-read
//! with every change (same request), so the page never shows a stale book.
//! The form of contacts (Cyrus's or RFC 9610) is the session's
//! (`ContactsDialect::from_session`).

use crate::jmap::client::Client;
use crate::jmap::contacts::{
    book_request_for, change_request_for, read_address_books, read_book, read_change, BookCalls,
    BookChange, CardTarget, Group, Person,
};
use crate::jmap::ietf::jscontact::default_book;
use crate::jmap::ietf::ContactsDialect;
use crate::jmap::response::Response;
use crate::jmap::Error;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct ContactsStore {
    pub people: RwSignal<Vec<Person>>,
    pub groups: RwSignal<Vec<Group>>,
    pub loaded: RwSignal<bool>,
    /// Where new cards go (IETF form; None with Cyrus).
    address_book: RwSignal<Option<String>>,
}

pub fn provide_contacts_store() -> ContactsStore {
    let s = ContactsStore {
        people: RwSignal::new(Vec::new()),
        groups: RwSignal::new(Vec::new()),
        loaded: RwSignal::new(false),
        address_book: RwSignal::new(None),
    };
    provide_context(s);
    s
}

pub fn use_contacts_store() -> ContactsStore {
    expect_context::<ContactsStore>()
}

/// The session's form of contacts and the account holding them.
pub fn contacts_account(client: &Client) -> Result<(ContactsDialect, String), Error> {
    let session = client.session();
    ContactsDialect::from_session(session)
        .and_then(|d| d.account(session).map(|a| (d, a.to_string())))
        .ok_or_else(|| Error::Decode("no contacts account in session".into()))
}

impl ContactsStore {
    pub fn clear(&self) {
        self.people.set(Vec::new());
        self.groups.set(Vec::new());
        self.address_book.set(None);
        self.loaded.set(false);
    }

    fn keep(&self, resp: &Response, calls: &BookCalls) -> Result<(), Error> {
        let (people, groups) = read_book(resp, calls)?;
        let books = read_address_books(resp, calls)?;
        if let Some(b) = default_book(&books) {
            self.address_book.set(Some(b.to_string()));
        }
        self.people.set(people);
        self.groups.set(groups);
        self.loaded.set(true);
        Ok(())
    }

    pub async fn load(&self, client: &Client) -> Result<(), Error> {
        let (dialect, account) = contacts_account(client)?;
        let (req, calls) = book_request_for(dialect, &account);
        let resp = client.send(req).await?;
        self.keep(&resp, &calls)
    }

    /// Applies a change; returns the id it created, if any.
    pub async fn change(
        &self,
        client: &Client,
        change: BookChange,
    ) -> Result<Option<String>, Error> {
        let (dialect, account) = contacts_account(client)?;
        // An IETF card must go into a book: learn which first.
        if dialect == ContactsDialect::Ietf && !self.loaded.get_untracked() {
            self.load(client).await?;
        }
        let book = self.address_book.get_untracked();
        let people = self.people.get_untracked();
        let target = CardTarget {
            address_book_id: book.as_deref(),
            people: &people,
        };
        let (req, set, calls) = change_request_for(dialect, &account, &change, target);
        let resp = client.send(req).await?;
        let created = read_change(&resp, &set);
        // The book re-read is a bonus: its failure does not hide the change's outcome.
        let _ = self.keep(&resp, &calls);
        created
    }
}
