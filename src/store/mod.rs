//! Client-side state: normalised caches and list windows, kept in sync with the
//! server. Pure parts (`folders`, `mail_requests`) are natively tested.

pub mod actions;
pub mod bulk;
pub mod contacts;
pub mod folder_ops;
pub mod folders;
pub mod list;
pub mod mail;
pub mod mail_requests;
pub mod push;
pub mod reader;
pub mod reader_requests;
pub mod receipts;
pub mod search;
