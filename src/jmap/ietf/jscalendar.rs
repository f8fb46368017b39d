//! RFC 8984 JSCalendar Events and Calendars as the JMAP Calendars draft
//! carries them ↔ the app's `Event` (an occurrence of the week),
//! `NewEvent` (a series, as created, imported and exported) and the
//! invitation's people. Unknown properties are ignored; `null` reads as
//! absent; a wrong type is a decoding error.

use super::or_default;
use crate::jmap::calendar::{local_date_time, Calendar, Event};
use crate::jmap::calendar_set::{Invitee, NewEvent, Repeat};
use chrono::NaiveDateTime;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// RFC 8984 §4.3.3 RecurrenceRule, as far as the app goes (`interval`,
/// `count` and the `by*` parts are read by the server's expansion only).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(default)]
pub struct Rule {
    #[serde(deserialize_with = "or_default")]
    pub frequency: String,
    pub interval: Option<u32>,
    pub count: Option<u32>,
    pub until: Option<String>,
}

/// RFC 8984 §4.2.5 Location.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(default)]
pub struct Location {
    #[serde(deserialize_with = "or_default")]
    pub name: String,
}

/// RFC 8984 §4.4.6 Participant.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct Participant {
    #[serde(deserialize_with = "or_default")]
    pub name: String,
    #[serde(deserialize_with = "or_default")]
    pub email: String,
    #[serde(deserialize_with = "or_default")]
    pub send_to: BTreeMap<String, String>,
    #[serde(deserialize_with = "or_default")]
    pub roles: BTreeMap<String, bool>,
    /// `needs-action` when absent (§4.4.6).
    pub participation_status: Option<String>,
}

impl Participant {
    /// `email`, else the iMIP address (`mailto:` taken off).
    pub fn address(&self) -> String {
        let imip = self.send_to.get("imip").map(String::as_str).unwrap_or("");
        let mail = imip.strip_prefix("mailto:").unwrap_or(imip);
        [self.email.trim(), mail.trim()]
            .into_iter()
            .find(|e| !e.is_empty())
            .unwrap_or_default()
            .to_string()
    }

    fn has(&self, role: &str) -> bool {
        self.roles.get(role).copied().unwrap_or(false)
    }

    fn status(&self) -> String {
        self.participation_status
            .clone()
            .unwrap_or_else(|| "needs-action".into())
    }
}

/// One change of a recurrence (RFC 8984 §4.3.5: a PatchObject on the
/// series), as far as the agenda shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Override {
    pub excluded: bool,
    pub start: Option<NaiveDateTime>,
    pub title: Option<String>,
}

/// A CalendarEvent (draft §5.1): an RFC 8984 Event with `id`,
/// `baseEventId` (occurrences of an expanded query) and `calendarIds`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct JsEvent {
    #[serde(deserialize_with = "or_default")]
    pub id: String,
    pub base_event_id: Option<String>,
    #[serde(deserialize_with = "or_default")]
    pub uid: String,
    pub recurrence_id: Option<String>,
    #[serde(deserialize_with = "or_default")]
    pub title: String,
    #[serde(deserialize_with = "or_default")]
    pub description: String,
    #[serde(deserialize_with = "or_default")]
    pub start: String,
    pub time_zone: Option<String>,
    pub duration: Option<String>,
    #[serde(deserialize_with = "or_default")]
    pub show_without_time: bool,
    #[serde(deserialize_with = "or_default")]
    pub locations: BTreeMap<String, Location>,
    #[serde(deserialize_with = "or_default")]
    pub calendar_ids: BTreeMap<String, bool>,
    #[serde(deserialize_with = "or_default")]
    pub recurrence_rules: Vec<Rule>,
    #[serde(deserialize_with = "or_default")]
    pub recurrence_overrides: BTreeMap<String, Map<String, Value>>,
    #[serde(deserialize_with = "or_default")]
    pub participants: BTreeMap<String, Participant>,
    #[serde(deserialize_with = "or_default")]
    pub alerts: BTreeMap<String, Value>,
}

impl JsEvent {
    /// The first place's name (by key).
    pub fn location(&self) -> String {
        self.locations
            .values()
            .map(|l| l.name.trim())
            .find(|n| !n.is_empty())
            .unwrap_or_default()
            .to_string()
    }

    /// The (first) calendar it is in.
    pub fn calendar_id(&self) -> String {
        self.calendar_ids
            .iter()
            .find(|(_, on)| **on)
            .map(|(id, _)| id.clone())
            .unwrap_or_default()
    }

    pub fn minutes(&self) -> i64 {
        crate::jmap::calendar::event_minutes(self.duration.as_deref())
    }

    /// As the week shows it; `uid` is the id to change the series by (its
    /// JMAP id: `baseEventId` for an occurrence), as Cyrus's uid is there.
    pub fn occurrence(&self) -> Option<Event> {
        Some(Event {
            id: self.id.clone(),
            uid: self
                .base_event_id
                .clone()
                .unwrap_or_else(|| self.id.clone()),
            recurrence_id: self.recurrence_id.clone(),
            title: self.title.clone(),
            start: local_date_time(&self.start)?,
            time_zone: self.time_zone.clone().unwrap_or_default(),
            minutes: self.minutes(),
            all_day: self.show_without_time,
            location: self.location(),
            calendar_id: self.calendar_id(),
            description: self.description.clone(),
            alert: crate::jmap::calendar::alert_minutes(self.alerts.values()),
        })
    }

    /// As the app creates, imports and exports it: the first rule only,
    /// its frequency and its last day.
    pub fn series(&self) -> Option<NewEvent> {
        let rule = self.recurrence_rules.first();
        Some(NewEvent {
            calendar_id: self.calendar_id(),
            title: self.title.clone(),
            start: local_date_time(&self.start)?,
            minutes: self.minutes(),
            all_day: self.show_without_time,
            location: self.location(),
            description: self.description.clone(),
            time_zone: self.time_zone.clone().unwrap_or_default(),
            repeat: rule.map_or(Repeat::Never, |r| Repeat::from_frequency(&r.frequency)),
            alert: crate::jmap::calendar::alert_minutes(self.alerts.values()),
            until: rule
                .and_then(|r| r.until.as_deref())
                .and_then(local_date_time)
                .map(|t| t.date()),
        })
    }

    /// The changed and removed occurrences, by recurrence id.
    pub fn overrides(&self) -> Vec<(String, Override)> {
        self.recurrence_overrides
            .iter()
            .map(|(rid, patch)| {
                let text = |k: &str| patch.get(k).and_then(Value::as_str);
                (
                    rid.clone(),
                    Override {
                        excluded: patch.get("excluded").and_then(Value::as_bool) == Some(true),
                        start: text("start").and_then(local_date_time),
                        title: text("title").map(str::to_string),
                    },
                )
            })
            .collect()
    }

    /// The organiser (role `owner`): (name, e-mail).
    pub fn organizer(&self) -> Option<(String, String)> {
        self.participants
            .values()
            .find(|p| p.has("owner"))
            .map(|p| (p.name.clone(), p.address()))
    }

    /// The others invited (role `attendee`, not `owner`), as the invitation
    /// model holds them.
    pub fn invitees(&self) -> Vec<Invitee> {
        self.participants
            .values()
            .filter(|p| p.has("attendee") && !p.has("owner"))
            .map(|p| (p.name.clone(), p.address(), p.status(), p.has("optional")))
            .collect()
    }
}

/// A Calendar (draft §4): rights are `myRights`, not Cyrus's `mayModifyItems`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct JsCalendar {
    #[serde(deserialize_with = "or_default")]
    pub id: String,
    #[serde(deserialize_with = "or_default")]
    pub name: String,
    #[serde(deserialize_with = "or_default")]
    pub my_rights: Rights,
    #[serde(deserialize_with = "or_default")]
    pub color: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct Rights {
    #[serde(deserialize_with = "or_default")]
    pub may_write_all: bool,
    #[serde(deserialize_with = "or_default")]
    pub may_write_own: bool,
}

impl From<JsCalendar> for Calendar {
    fn from(c: JsCalendar) -> Calendar {
        Calendar {
            may_modify_items: c.my_rights.may_write_all || c.my_rights.may_write_own,
            id: c.id,
            name: c.name,
            color: c.color,
        }
    }
}

/// An event object written in Cyrus's form (`calendar_set::event_object`)
/// rewritten in the IETF one: `@type: Event`, `calendarIds`, and the rule
/// in a `recurrenceRules` list.
pub fn ietf_event(cyrus: Value) -> Value {
    let Value::Object(mut o) = cyrus else {
        return cyrus;
    };
    o.insert("@type".into(), json!("Event"));
    if let Some(id) = o.remove("calendarId") {
        if let Some(id) = id.as_str() {
            o.insert("calendarIds".into(), json!({ id: true }));
        }
    }
    if let Some(rule) = o.remove("recurrenceRule") {
        if !rule.is_null() {
            o.insert("recurrenceRules".into(), json!([rule]));
        }
    }
    Value::Object(o)
}

/// The series' rules ending just before an occurrence: a PatchObject may
/// not reach into an array (RFC 8620 §5.3), so the list is written whole.
pub fn rules_until(rules: &[Value], until: &str) -> Value {
    Value::Array(
        rules
            .iter()
            .map(|r| {
                let mut r = r.clone();
                if let Some(o) = r.as_object_mut() {
                    o.remove("count");
                    o.insert("until".into(), json!(until));
                }
                r
            })
            .collect(),
    )
}
