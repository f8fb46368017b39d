//! The address book: people and groups, loaded in one request and re-read
//! with every change (same request), so the page never shows a stale book.

use crate::jmap::client::Client;
use crate::jmap::contacts::{
    book_request, change_request, read_book, read_change, BookChange, Group, Person,
};
use crate::jmap::session::CYRUS_CONTACTS;
use crate::jmap::Error;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct ContactsStore {
    pub people: RwSignal<Vec<Person>>,
    pub groups: RwSignal<Vec<Group>>,
    pub loaded: RwSignal<bool>,
}

pub fn provide_contacts_store() -> ContactsStore {
    let s = ContactsStore {
        people: RwSignal::new(Vec::new()),
        groups: RwSignal::new(Vec::new()),
        loaded: RwSignal::new(false),
    };
    provide_context(s);
    s
}

pub fn use_contacts_store() -> ContactsStore {
    expect_context::<ContactsStore>()
}

impl ContactsStore {
    pub fn clear(&self) {
        self.people.set(Vec::new());
        self.groups.set(Vec::new());
        self.loaded.set(false);
    }

    fn account(client: &Client) -> Result<String, Error> {
        client
            .session()
            .account_for(CYRUS_CONTACTS)
            .map(str::to_string)
            .ok_or_else(|| Error::Decode("no contacts account in session".into()))
    }

    pub async fn load(&self, client: &Client) -> Result<(), Error> {
        let account = Self::account(client)?;
        let (req, calls) = book_request(&account);
        let resp = client.send(req).await?;
        let (people, groups) = read_book(&resp, &calls)?;
        self.people.set(people);
        self.groups.set(groups);
        self.loaded.set(true);
        Ok(())
    }

    /// Applies a change; returns the id it created, if any.
    pub async fn change(
        &self,
        client: &Client,
        change: BookChange,
    ) -> Result<Option<String>, Error> {
        let account = Self::account(client)?;
        let (req, set, calls) = change_request(&account, &change);
        let resp = client.send(req).await?;
        let created = read_change(&resp, &set);
        if let Ok((people, groups)) = read_book(&resp, &calls) {
            self.people.set(people);
            self.groups.set(groups);
            self.loaded.set(true);
        }
        created
    }
}
