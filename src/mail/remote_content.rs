//! Senders whose remote images are always shown (« Toujours pour cet
//! expéditeur »), kept per account on this device; and the messages whose
//! images were shown once (« Afficher »), kept for the session.

use crate::browser;
use std::cell::RefCell;
use std::collections::HashSet;

thread_local! {
    /// Messages whose images the reader chose to see, for this session.
    static SHOWN: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

/// « Afficher » was chosen for this message in this session.
pub fn shown(message_id: &str) -> bool {
    SHOWN.with(|s| s.borrow().contains(message_id))
}

pub fn show(message_id: &str) {
    SHOWN.with(|s| s.borrow_mut().insert(message_id.to_string()));
}

pub const PREFIX: &str = "autan.images.";

fn key(user: &str) -> String {
    format!("{PREFIX}{user}")
}

fn list(user: &str) -> Vec<String> {
    browser::local_get(&key(user))
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

pub fn trusted(user: &str, sender: &str) -> bool {
    let sender = sender.trim().to_lowercase();
    !sender.is_empty() && list(user).contains(&sender)
}

pub fn trust(user: &str, sender: &str) {
    let sender = sender.trim().to_lowercase();
    let mut all = list(user);
    if sender.is_empty() || all.contains(&sender) {
        return;
    }
    all.push(sender);
    if let Ok(s) = serde_json::to_string(&all) {
        browser::local_set(&key(user), &s);
    }
}
