//! Shared widgets.

pub mod icons;
pub mod notices;
