//! Shared widgets.

pub mod dialog;
pub mod field;
pub mod icons;
pub mod notices;
pub mod progress;
