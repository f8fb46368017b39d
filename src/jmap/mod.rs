//! The JMAP protocol (RFC 8620, RFC 8621 and Cyrus's extensions), pure Rust.
//! Only `transport` (fetch) and `client` (batching over it) touch the browser;
//! they compile natively too so that the whole crate is checked by `cargo test`.

pub mod auth;
pub mod batch;
pub mod error;
pub mod ietf;
pub mod mail;
pub mod push;
pub mod quota;
pub mod request;
pub mod response;
pub mod session;
pub mod url;

pub mod calendar;
pub mod calendar_manage;
pub mod calendar_set;
pub mod client;
pub mod contacts;
pub mod cyrus_contact;
pub mod transport;
pub mod upload;

pub use error::Error;

/// Property tests of the decoders against hostile input (native only:
/// proptest is not a wasm32 dependency).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz;
