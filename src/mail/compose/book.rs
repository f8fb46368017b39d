//! Who one can write to: the address book (contacts and groups) and the
//! addresses recently written to, ranked by use.

use super::model::Suggestion;
use crate::browser;
use crate::jmap::client::Client;
use crate::jmap::contacts::{book_request_for, read_book};
use crate::jmap::mail::EmailAddress;
use crate::jmap::Error;
use std::collections::BTreeMap;

const RECENT_KEY: &str = "autan.recent";

/// Addresses the user wrote to, with counts (ranking the suggestions).
fn recent() -> BTreeMap<String, u32> {
    browser::local_get(RECENT_KEY)
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

pub fn remember(addrs: &[EmailAddress]) {
    let mut r = recent();
    for a in addrs.iter().filter_map(|a| a.email.clone()) {
        *r.entry(a.to_lowercase()).or_default() += 1;
    }
    if let Ok(s) = serde_json::to_string(&r) {
        browser::local_set(RECENT_KEY, &s);
    }
}

pub async fn load_candidates(client: &Client) -> Result<Vec<Suggestion>, Error> {
    let uses = recent();
    let mut out: Vec<Suggestion> = Vec::new();
    // No address book in the session: recent addresses only.
    if let Ok((dialect, account)) = crate::store::contacts::contacts_account(client) {
        let (req, calls) = book_request_for(dialect, &account);
        let resp = client.send(req).await?;
        let (people, groups) = read_book(&resp, &calls)?;
        for p in &people {
            for e in p.email_addresses() {
                out.push(Suggestion {
                    label: if p.name.is_empty() {
                        e.to_string()
                    } else {
                        p.name.clone()
                    },
                    addresses: vec![EmailAddress {
                        name: Some(p.name.clone()).filter(|n| !n.is_empty()),
                        email: Some(e.to_string()),
                    }],
                    is_group: false,
                    uses: uses.get(&e.to_lowercase()).copied().unwrap_or(0),
                });
            }
        }
        for g in groups {
            let addresses: Vec<EmailAddress> = g
                .member_ids
                .iter()
                .filter_map(|id| people.iter().find(|p| &p.id == id))
                .filter_map(|p| {
                    p.first_email().map(|e| EmailAddress {
                        name: Some(p.name.clone()).filter(|n| !n.is_empty()),
                        email: Some(e.to_string()),
                    })
                })
                .collect();
            if !addresses.is_empty() {
                out.push(Suggestion {
                    label: g.name,
                    addresses,
                    is_group: true,
                    uses: 0,
                });
            }
        }
    }
    // Recently used addresses that are not contacts.
    for (email, n) in uses {
        if !out.iter().any(|s| {
            s.addresses
                .iter()
                .any(|a| a.email.as_deref() == Some(email.as_str()))
        }) {
            out.push(Suggestion {
                label: email.clone(),
                addresses: vec![EmailAddress {
                    name: None,
                    email: Some(email),
                }],
                is_group: false,
                uses: n,
            });
        }
    }
    Ok(out)
}
