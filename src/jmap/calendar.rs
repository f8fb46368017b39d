//! Calendar events as the agenda shows them, read from Cyrus's
//! `https://cyrusimap.org/ns/jmap/calendars` (JSCalendar events, recurrences
//! expanded by the server), or from the IETF JMAP Calendars draft, whichever
//! the session offers (`ietf::CalendarsDialect`; the `*_for` functions take
//! it, the others are the Cyrus form). Both map onto the same model.

use super::ietf::jscalendar::{JsCalendar, JsEvent};
use super::ietf::CalendarsDialect;
use super::request::{Call, GetArgs, Ids, Request};
use super::response::{GetResponse, Response};
use super::session::{CORE, CYRUS_CALENDARS};
use super::Error;
use chrono::NaiveDateTime;
use serde::Deserialize;
use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The occurrence's id (`uid;recurrenceId` for a recurring event).
    pub id: String,
    /// The series (the event itself when it does not repeat).
    pub uid: String,
    /// Which occurrence of the series, as the server names it.
    pub recurrence_id: Option<String>,
    pub title: String,
    /// Wall-clock start in `time_zone` (floating when empty).
    pub start: NaiveDateTime,
    pub time_zone: String,
    pub minutes: i64,
    pub all_day: bool,
    pub location: String,
    pub calendar_id: String,
    pub description: String,
    /// The reminder, in minutes before the start (the closest one).
    pub alert: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Calendar {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub may_modify_items: bool,
    /// A CSS colour (`#1d4ed8`) the owner chose, if any.
    #[serde(default)]
    pub color: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Rule {
    #[serde(default)]
    pub frequency: String,
    #[serde(default)]
    pub until: Option<String>,
}

/// An event as CalendarEvent/get gives it (the week's occurrences and the
/// export's series alike; each asks for the properties it needs).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct StoredEvent {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub uid: Option<String>,
    #[serde(default)]
    pub recurrence_id: Option<String>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub start: String,
    #[serde(default)]
    pub time_zone: Option<String>,
    #[serde(default)]
    pub duration: Option<String>,
    #[serde(default)]
    pub show_without_time: bool,
    #[serde(default)]
    pub locations: Option<Map<String, Value>>,
    #[serde(default)]
    pub calendar_id: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub recurrence_rule: Option<Rule>,
    #[serde(default)]
    pub alerts: Option<Map<String, Value>>,
}

impl StoredEvent {
    /// The first place's name.
    pub fn location(&self) -> String {
        self.locations
            .as_ref()
            .and_then(|l| {
                l.values()
                    .find_map(|v| v.get("name")?.as_str().map(str::to_string))
            })
            .unwrap_or_default()
    }

    pub fn alert(&self) -> Option<i64> {
        self.alerts.as_ref().and_then(|a| alert_minutes(a.values()))
    }

    pub fn minutes(&self) -> i64 {
        event_minutes(self.duration.as_deref())
    }
}

/// The closest reminder before the start among JSCalendar `alerts`, in
/// minutes: offset triggers relative to the start (the default), zero or
/// negative. Absolute triggers and reminders after the start or relative
/// to the end are not shown.
pub fn alert_minutes<'a>(alerts: impl Iterator<Item = &'a Value>) -> Option<i64> {
    alerts
        .filter_map(|a| {
            let t = a.get("trigger")?;
            if t.get("@type").and_then(Value::as_str) != Some("OffsetTrigger")
                || t.get("relativeTo")
                    .and_then(Value::as_str)
                    .unwrap_or("start")
                    != "start"
            {
                return None;
            }
            let offset = t.get("offset")?.as_str()?;
            match offset.strip_prefix('-') {
                Some(before) => duration_minutes(before),
                None => duration_minutes(offset.trim_start_matches('+')).filter(|m| *m == 0),
            }
        })
        .min()
}

/// A JSCalendar LocalDateTime (`2026-11-24T17:30:00`), read by hand:
/// chrono's format parser would weigh 8 KB of wasm.
pub fn local_date_time(s: &str) -> Option<NaiveDateTime> {
    let b = s.as_bytes();
    if b.len() < 19
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
    chrono::NaiveDate::from_ymd_opt(i32::try_from(n(0..4)?).ok()?, n(5..7)?, n(8..10)?)?
        .and_hms_opt(n(11..13)?, n(14..16)?, n(17..19)?)
}

/// An event's length in minutes from its JSCalendar `duration` (none or
/// unreadable: 0), capped at a century (chrono cannot go further).
pub fn event_minutes(duration: Option<&str>) -> i64 {
    duration
        .and_then(duration_minutes)
        .unwrap_or(0)
        .min(MAX_EVENT_MINUTES)
}

/// A JSCalendar LocalDateTime, written by hand (no chrono format code).
pub fn local(t: NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// A UTC instant as JMAP writes it (`2026-11-23T00:00:00Z`).
pub fn utc_date(t: chrono::DateTime<chrono::Utc>) -> String {
    format!("{}Z", local(t.naive_utc()))
}

/// The longest duration read (a century). Callers add durations to dates
/// (chrono `TimeDelta`s), which panics far beyond: past year 262143, or
/// past 1.5e14 minutes for the `TimeDelta` itself.
pub const MAX_EVENT_MINUTES: i64 = 100 * 366 * 24 * 60;

/// ISO 8601 durations as JSCalendar writes them (`PT1H30M`, `P1D`, `P1W`).
/// None when malformed or longer than `MAX_EVENT_MINUTES`: the text comes
/// from servers, and from invitations anyone can mail.
pub fn duration_minutes(d: &str) -> Option<i64> {
    let d = d.strip_prefix('P')?;
    let (date, time) = d.split_once('T').unwrap_or((d, ""));
    let mut total = 0i64;
    for (part, units) in [(date, "WD"), (time, "HMS")] {
        let mut n = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() {
                n.push(c);
                continue;
            }
            if !units.contains(c) {
                return None;
            }
            let v: i64 = n.parse().ok()?;
            n.clear();
            let unit = match c {
                'W' => 7 * 24 * 60,
                'D' => 24 * 60,
                'H' => 60,
                'M' => 1,
                _ => 0, // seconds: below what a calendar shows
            };
            // Digits can overflow: no duration then, not a panic.
            total = total.checked_add(v.checked_mul(unit)?)?;
        }
    }
    (total <= MAX_EVENT_MINUTES).then_some(total)
}

pub struct WeekCalls {
    dialect: CalendarsDialect,
    calendars: Call,
    events: Call,
}

/// The calendars and the events (occurrences expanded) between two UTC
/// instants, in one request.
pub fn range_request(account: &str, after: &str, before: &str) -> (Request, WeekCalls) {
    let mut req = Request::new().using(&[CORE, CYRUS_CALENDARS]);
    let calls = range_calls(&mut req, account, after, before);
    (req, calls)
}

/// The range's calls added to a request (after a change, the same request
/// reads the week again).
pub fn range_calls(req: &mut Request, account: &str, after: &str, before: &str) -> WeekCalls {
    range_calls_for(CalendarsDialect::Cyrus, req, account, after, before)
}

/// `range_request` in either form.
pub fn range_request_for(
    dialect: CalendarsDialect,
    account: &str,
    after: &str,
    before: &str,
) -> (Request, WeekCalls) {
    let mut req = Request::new().using(&dialect.using());
    let calls = range_calls_for(dialect, &mut req, account, after, before);
    (req, calls)
}

/// `range_calls` in either form.
pub fn range_calls_for(
    dialect: CalendarsDialect,
    req: &mut Request,
    account: &str,
    after: &str,
    before: &str,
) -> WeekCalls {
    let calendars = req.call("Calendar/get", &GetArgs::all(account));
    let query = req.call(
        "CalendarEvent/query",
        &dialect.range_query(account, after, before),
    );
    let events = req.call(
        "CalendarEvent/get",
        &GetArgs::ids(account, Ids::Ref(query.reference("/ids")))
            .properties(dialect.occurrence_properties()),
    );
    WeekCalls {
        dialect,
        calendars,
        events,
    }
}

pub fn read_range(
    resp: &Response,
    calls: &WeekCalls,
) -> Result<(Vec<Calendar>, Vec<Event>), Error> {
    if calls.dialect == CalendarsDialect::Ietf {
        let calendars: GetResponse<JsCalendar> = resp.get(&calls.calendars)?;
        let events: GetResponse<JsEvent> = resp.get(&calls.events)?;
        return Ok((
            calendars.list.into_iter().map(Calendar::from).collect(),
            events.list.iter().filter_map(JsEvent::occurrence).collect(),
        ));
    }
    let calendars: GetResponse<Calendar> = resp.get(&calls.calendars)?;
    let raw: GetResponse<StoredEvent> = resp.get(&calls.events)?;
    let events = raw
        .list
        .into_iter()
        .filter_map(|e| {
            let start = local_date_time(&e.start)?;
            let (location, minutes, alert) = (e.location(), e.minutes(), e.alert());
            Some(Event {
                uid: e.uid.unwrap_or_else(|| e.id.clone()),
                recurrence_id: e.recurrence_id,
                id: e.id,
                title: e.title,
                start,
                time_zone: e.time_zone.unwrap_or_default(),
                minutes,
                all_day: e.show_without_time,
                location,
                calendar_id: e.calendar_id,
                description: e.description,
                alert,
            })
        })
        .collect();
    Ok((calendars.list, events))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times() {
        let t = local_date_time("2026-11-24T17:30:00").unwrap();
        assert_eq!(
            utc_date(chrono::TimeZone::from_utc_datetime(&chrono::Utc, &t)),
            "2026-11-24T17:30:00Z"
        );
        assert_eq!(local_date_time("2026-13-24T17:30:00"), None);
        assert_eq!(local_date_time("2026-11-24 17:30"), None);
        assert_eq!(
            local_date_time("2026-11-24T17:30:00é"),
            local_date_time("2026-11-24T17:30:00")
        );
    }

    #[test]
    fn durations() {
        assert_eq!(duration_minutes("PT2H"), Some(120));
        assert_eq!(duration_minutes("PT1H30M"), Some(90));
        assert_eq!(duration_minutes("P1D"), Some(1440));
        assert_eq!(duration_minutes("P1W"), Some(10080));
        assert_eq!(duration_minutes("PT45M10S"), Some(45));
        assert_eq!(duration_minutes("2H"), None);
        assert_eq!(duration_minutes("PT2X"), None);
    }

    #[test]
    fn recorded_week() {
        // Recorded as Calendar/get (c0), CalendarEvent/query (c1), CalendarEvent/get (c2).
        let resp = Response::parse(include_str!("fixtures/calendar_event_query.json")).unwrap();
        let (_, calls) = range_request("u", "a", "b");
        let (cals, events) = read_range(&resp, &calls).unwrap();
        assert_eq!(cals[0].name, "Agenda personnel");
        let course = events
            .iter()
            .find(|e| e.title == "Cours de français 5e D")
            .unwrap();
        assert_eq!(course.minutes, 120);
        assert_eq!(course.location, "Salle 112");
        assert_eq!(course.time_zone, "Europe/Paris");
        assert!(events
            .iter()
            .any(|e| e.title.starts_with("Conseil de classe")));
    }
    #[test]
    fn reminders_and_notes_are_read() {
        let alerts: Value = serde_json::from_str(
            r#"{"1": {"@type": "Alert", "trigger": {"@type": "OffsetTrigger", "relativeTo": "start", "offset": "-PT15M"}, "action": "display"},
                "2": {"@type": "Alert", "trigger": {"@type": "OffsetTrigger", "offset": "-P1D"}},
                "3": {"@type": "Alert", "trigger": {"@type": "OffsetTrigger", "relativeTo": "end", "offset": "-PT5M"}},
                "4": {"@type": "Alert", "trigger": {"@type": "AbsoluteTrigger", "when": "2026-12-01T08:00:00Z"}},
                "5": {"@type": "Alert", "trigger": {"@type": "OffsetTrigger", "offset": "PT10M"}}}"#,
        )
        .unwrap();
        let all = alerts.as_object().unwrap();
        assert_eq!(alert_minutes(all.values()), Some(15));
        assert_eq!(alert_minutes(all.get("2").into_iter()), Some(24 * 60));
        assert_eq!(alert_minutes(all.get("3").into_iter()), None);
        assert_eq!(alert_minutes(all.get("4").into_iter()), None);
        assert_eq!(alert_minutes(all.get("5").into_iter()), None);
        assert_eq!(
            alert_minutes(std::iter::once(&serde_json::json!({"trigger": "x"}))),
            None
        );
        // A week read as Cyrus 3.6 answers it (alerts with relativeTo, description).
        let (_, calls) = range_request("u", "a", "b");
        let resp = Response::parse(
            r#"{"methodResponses":[
            ["Calendar/get",{"list":[{"id":"Default","name":"Agenda personnel","mayModifyItems":true}]},"c0"],
            ["CalendarEvent/query",{"ids":["s;2026-12-08T10:00:00","t"]},"c1"],
            ["CalendarEvent/get",{"list":[
              {"id":"s;2026-12-08T10:00:00","uid":"s","recurrenceId":"2026-12-08T10:00:00","title":"Conseil",
               "start":"2026-12-08T10:00:00","timeZone":"Europe/Paris","duration":"PT1H","calendarId":"Default",
               "description":"Ordre du jour","alerts":{"1":{"@type":"Alert","trigger":{"@type":"OffsetTrigger","relativeTo":"start","offset":"-PT15M"},"action":"display"}}},
              {"id":"t","uid":"t","title":"Sans rappel","start":"2026-12-09T10:00:00","duration":"PT1H","calendarId":"Default","alerts":null,"locations":null}
            ]},"c2"]]}"#,
        )
        .unwrap();
        let (_, events) = read_range(&resp, &calls).unwrap();
        assert_eq!(
            (events[0].alert, events[0].description.as_str()),
            (Some(15), "Ordre du jour")
        );
        assert_eq!(
            (events[1].alert, events[1].description.as_str()),
            (None, "")
        );
        let v = range_request("u", "a", "b").0.to_json();
        let props = &v["methodCalls"][2][1]["properties"];
        assert!(props.as_array().unwrap().iter().any(|p| p == "alerts"));
        assert!(props.as_array().unwrap().iter().any(|p| p == "description"));
    }
}
