//! The agenda's views and their navigation: the time grid (day, work week,
//! week), the month, the mini-month and the toolbar.

pub mod columns;
pub mod mini_month;
pub mod month;
pub mod toolbar;
