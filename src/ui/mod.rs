//! Shared widgets.

pub mod notices;
