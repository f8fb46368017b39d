//! Shared widgets.

pub mod dialog;
pub mod icons;
pub mod notices;
