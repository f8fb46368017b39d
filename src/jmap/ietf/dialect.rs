//! Which form of contacts and calendars the server speaks, chosen once from
//! the session: the IETF one (RFC 9610, JMAP Calendars draft) when offered,
//! else Cyrus 3.6's own. Everything that differs by name lives here; the
//! shapes of the objects live in `jscontact` and `jscalendar`.

use crate::jmap::session::{Session, CORE, CYRUS_CALENDARS, CYRUS_CONTACTS};

/// RFC 9610 §1.5.
pub const IETF_CONTACTS: &str = "urn:ietf:params:jmap:contacts";
/// draft-ietf-jmap-calendars §1.5.
pub const IETF_CALENDARS: &str = "urn:ietf:params:jmap:calendars";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactsDialect {
    /// `https://cyrusimap.org/ns/jmap/contacts`: Contact, ContactGroup.
    Cyrus,
    /// RFC 9610: AddressBook, ContactCard (RFC 9553 Cards; groups are
    /// cards of kind `group`).
    Ietf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarsDialect {
    /// `https://cyrusimap.org/ns/jmap/calendars`: `@type: jsevent`,
    /// `calendarId`, singular `recurrenceRule`.
    Cyrus,
    /// The JMAP Calendars draft: RFC 8984 `Event`s with `calendarIds`,
    /// `recurrenceRules`, server-made ids (`baseEventId` for occurrences).
    Ietf,
}

/// The IETF form when the session offers it with an account, else the
/// Cyrus one, else none.
fn pick<D: Copy>(s: &Session, ietf: (&str, D), cyrus: (&str, D)) -> Option<D> {
    [ietf, cyrus]
        .into_iter()
        .find(|(urn, _)| s.has_capability(urn) && s.account_for(urn).is_some())
        .map(|(_, d)| d)
}

impl ContactsDialect {
    pub fn from_session(s: &Session) -> Option<Self> {
        pick(
            s,
            (IETF_CONTACTS, ContactsDialect::Ietf),
            (CYRUS_CONTACTS, ContactsDialect::Cyrus),
        )
    }

    pub fn capability(self) -> &'static str {
        match self {
            ContactsDialect::Cyrus => CYRUS_CONTACTS,
            ContactsDialect::Ietf => IETF_CONTACTS,
        }
    }

    pub fn using(self) -> [&'static str; 2] {
        [CORE, self.capability()]
    }

    /// The account holding the address book.
    pub fn account(self, s: &Session) -> Option<&str> {
        s.account_for(self.capability())
    }

    pub fn card_get(self) -> &'static str {
        match self {
            ContactsDialect::Cyrus => "Contact/get",
            ContactsDialect::Ietf => "ContactCard/get",
        }
    }

    pub fn card_set(self) -> &'static str {
        match self {
            ContactsDialect::Cyrus => "Contact/set",
            ContactsDialect::Ietf => "ContactCard/set",
        }
    }

    /// Groups: their own type in Cyrus, cards of kind `group` in RFC 9553.
    pub fn group_get(self) -> Option<&'static str> {
        match self {
            ContactsDialect::Cyrus => Some("ContactGroup/get"),
            ContactsDialect::Ietf => None,
        }
    }

    pub fn group_set(self) -> &'static str {
        match self {
            ContactsDialect::Cyrus => "ContactGroup/set",
            ContactsDialect::Ietf => "ContactCard/set",
        }
    }

    /// Address books exist only in the IETF form (a card must be in one).
    pub fn address_book_get(self) -> Option<&'static str> {
        match self {
            ContactsDialect::Cyrus => None,
            ContactsDialect::Ietf => Some("AddressBook/get"),
        }
    }
}

impl CalendarsDialect {
    pub fn from_session(s: &Session) -> Option<Self> {
        pick(
            s,
            (IETF_CALENDARS, CalendarsDialect::Ietf),
            (CYRUS_CALENDARS, CalendarsDialect::Cyrus),
        )
    }

    pub fn capability(self) -> &'static str {
        match self {
            CalendarsDialect::Cyrus => CYRUS_CALENDARS,
            CalendarsDialect::Ietf => IETF_CALENDARS,
        }
    }

    pub fn using(self) -> [&'static str; 2] {
        [CORE, self.capability()]
    }

    pub fn account(self, s: &Session) -> Option<&str> {
        s.account_for(self.capability())
    }

    /// `@type` of an event: Cyrus keeps the pre-RFC `jsevent`.
    pub fn event_type(self) -> &'static str {
        match self {
            CalendarsDialect::Cyrus => "jsevent",
            CalendarsDialect::Ietf => "Event",
        }
    }

    /// The CalendarEvent/query of a range, occurrences expanded. Both forms
    /// take the same arguments: the draft kept Cyrus's `expandRecurrences`
    /// and its `after`/`before` (UTCDate) filter; it adds `timeZone` for
    /// floating events, left at its default (`Etc/UTC`) here as in Cyrus.
    pub fn range_query(self, account: &str, after: &str, before: &str) -> serde_json::Value {
        serde_json::json!({
            "accountId": account,
            "filter": { "after": after, "before": before },
            "expandRecurrences": true,
        })
    }

    /// What the week view reads of each occurrence.
    pub fn occurrence_properties(self) -> &'static [&'static str] {
        match self {
            CalendarsDialect::Cyrus => &[
                "id",
                "uid",
                "recurrenceId",
                "title",
                "start",
                "timeZone",
                "duration",
                "showWithoutTime",
                "locations",
                "calendarId",
                "description",
                "alerts",
            ],
            CalendarsDialect::Ietf => &[
                "id",
                "baseEventId",
                "uid",
                "recurrenceId",
                "title",
                "start",
                "timeZone",
                "duration",
                "showWithoutTime",
                "locations",
                "calendarIds",
                "description",
                "alerts",
            ],
        }
    }

    /// What an export reads of each series.
    pub fn series_properties(self) -> &'static [&'static str] {
        match self {
            CalendarsDialect::Cyrus => &[
                "uid",
                "calendarId",
                "title",
                "start",
                "timeZone",
                "duration",
                "showWithoutTime",
                "locations",
                "description",
                "recurrenceRule",
            ],
            CalendarsDialect::Ietf => &[
                "id",
                "uid",
                "calendarIds",
                "title",
                "start",
                "timeZone",
                "duration",
                "showWithoutTime",
                "locations",
                "description",
                "recurrenceRules",
                "recurrenceOverrides",
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(caps: &[&str]) -> Session {
        let caps: serde_json::Map<String, serde_json::Value> = caps
            .iter()
            .map(|c| (c.to_string(), serde_json::json!({})))
            .collect();
        let body = serde_json::json!({
            "capabilities": caps,
            "apiUrl": "/jmap/",
            "accounts": { "a": { "name": "a", "accountCapabilities": caps } },
        });
        Session::parse(&body.to_string(), "https://x.example/").unwrap()
    }

    #[test]
    fn dialect_follows_the_session_and_prefers_ietf() {
        let cyrus = Session::parse(include_str!("../fixtures/session.json"), "http://h/").unwrap();
        assert_eq!(
            ContactsDialect::from_session(&cyrus),
            Some(ContactsDialect::Cyrus)
        );
        assert_eq!(
            CalendarsDialect::from_session(&cyrus),
            Some(CalendarsDialect::Cyrus)
        );
        let both = session(&[
            CORE,
            CYRUS_CONTACTS,
            IETF_CONTACTS,
            CYRUS_CALENDARS,
            IETF_CALENDARS,
        ]);
        assert_eq!(
            ContactsDialect::from_session(&both),
            Some(ContactsDialect::Ietf)
        );
        assert_eq!(
            CalendarsDialect::from_session(&both),
            Some(CalendarsDialect::Ietf)
        );
        let none = session(&[CORE]);
        assert_eq!(ContactsDialect::from_session(&none), None);
        assert_eq!(CalendarsDialect::from_session(&none), None);
        // Advertised by the server but in no account: not usable.
        let mut orphan = session(&[CORE, CYRUS_CONTACTS]);
        orphan
            .capabilities
            .insert(IETF_CONTACTS.into(), serde_json::json!({}));
        assert_eq!(
            ContactsDialect::from_session(&orphan),
            Some(ContactsDialect::Cyrus)
        );
        assert_eq!(ContactsDialect::Ietf.account(&both), Some("a"));
    }

    #[test]
    fn names_by_dialect() {
        use ContactsDialect as C;
        assert_eq!(
            (C::Cyrus.card_get(), C::Ietf.card_get()),
            ("Contact/get", "ContactCard/get")
        );
        assert_eq!(
            (C::Cyrus.card_set(), C::Ietf.card_set()),
            ("Contact/set", "ContactCard/set")
        );
        assert_eq!(C::Ietf.group_set(), "ContactCard/set");
        assert_eq!(C::Cyrus.group_get(), Some("ContactGroup/get"));
        assert_eq!(C::Ietf.group_get(), None);
        assert_eq!(C::Ietf.address_book_get(), Some("AddressBook/get"));
        assert_eq!(C::Ietf.using(), [CORE, IETF_CONTACTS]);
        use CalendarsDialect as K;
        assert_eq!(K::Ietf.using(), [CORE, IETF_CALENDARS]);
        assert_eq!(
            (K::Cyrus.event_type(), K::Ietf.event_type()),
            ("jsevent", "Event")
        );
        let q = K::Ietf.range_query("u", "a", "b");
        assert_eq!(q["expandRecurrences"], true);
        assert_eq!(q["filter"]["after"], "a");
        assert!(K::Ietf.occurrence_properties().contains(&"calendarIds"));
        assert!(K::Cyrus.occurrence_properties().contains(&"calendarId"));
        assert!(K::Ietf.series_properties().contains(&"recurrenceRules"));
    }
}
