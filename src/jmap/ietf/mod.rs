//! The IETF forms of contacts and calendars, adapted at the edge onto the
//! app's one model per domain (`contacts::Person`/`Group`,
//! `calendar::Event`, `calendar_set::NewEvent`): RFC 9610 ContactCard with
//! RFC 9553 JSContact Cards, and the JMAP Calendars draft's CalendarEvent
//! with RFC 8984 JSCalendar Events. Which form a server speaks is chosen
//! from its session (`dialect`). Fixtures: `fixtures/ietf/README.md`.

pub mod dialect;
pub mod jscalendar;
pub mod jscontact;
pub mod jscontact_set;

pub use dialect::{CalendarsDialect, ContactsDialect, IETF_CALENDARS, IETF_CONTACTS};

use serde::{Deserialize, Deserializer};

/// A property the server may send as `null` (RFC 8620 §5.1: a property
/// without a value) read as its default; any other wrong type stays an error.
pub(crate) fn or_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

#[cfg(test)]
mod tests_calendars;
#[cfg(test)]
mod tests_contacts;
