//! Changes to events, each sent with the week read again in the same
//! request: create (with a repeat rule), move, delete one occurrence, this
//! one and the following, or the whole series. Cyrus names an occurrence
//! `uid;recurrenceId` and takes it directly in CalendarEvent/set (an update
//! there is an override, a destroy an exclusion).

use super::calendar::{range_calls, range_calls_for, WeekCalls};
use super::ietf::jscalendar::{self, JsEvent};
use super::ietf::CalendarsDialect;
use super::request::{Call, Request};
use super::response::{GetResponse, Response, SetResponse};
use super::session::{CORE, CYRUS_CALENDARS};
use super::Error;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::Deserialize;
use serde_json::{json, Map, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Repeat {
    #[default]
    Never,
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

impl Repeat {
    pub const ALL: [Repeat; 5] = [
        Repeat::Never,
        Repeat::Daily,
        Repeat::Weekly,
        Repeat::Monthly,
        Repeat::Yearly,
    ];

    /// JSCalendar `frequency`, and the catalogue key of its label.
    pub fn frequency(self) -> Option<&'static str> {
        match self {
            Repeat::Never => None,
            Repeat::Daily => Some("daily"),
            Repeat::Weekly => Some("weekly"),
            Repeat::Monthly => Some("monthly"),
            Repeat::Yearly => Some("yearly"),
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Repeat::Never => "agenda.repeat_never",
            Repeat::Daily => "agenda.repeat_daily",
            Repeat::Weekly => "agenda.repeat_weekly",
            Repeat::Monthly => "agenda.repeat_monthly",
            Repeat::Yearly => "agenda.repeat_yearly",
        }
    }

    pub fn from_frequency(f: &str) -> Repeat {
        Repeat::ALL
            .into_iter()
            .find(|r| r.frequency() == Some(f))
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    pub calendar_id: String,
    pub title: String,
    /// Wall-clock start in `time_zone` (the date alone counts when all day).
    pub start: NaiveDateTime,
    pub minutes: i64,
    pub all_day: bool,
    pub location: String,
    pub description: String,
    pub time_zone: String,
    pub repeat: Repeat,
    /// Last day of the series (inclusive).
    pub until: Option<NaiveDate>,
    /// Reminder, in minutes before the start.
    pub alert: Option<i64>,
}

/// What the edit form holds, in the event's own terms (its zone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edited {
    pub title: String,
    pub start: NaiveDateTime,
    pub minutes: i64,
    pub all_day: bool,
    pub location: String,
    pub description: String,
    pub alert: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Create(NewEvent),
    /// Moves one event or one occurrence (by its own id) to a new start.
    Move {
        id: String,
        start: NaiveDateTime,
    },
    /// Deletes the event, or this one occurrence of a series.
    DeleteOne {
        id: String,
    },
    /// Ends the series just before this occurrence.
    DeleteFollowing {
        uid: String,
        recurrence_id: String,
        series_start: bool,
    },
    DeleteSeries {
        uid: String,
    },
    /// Changes an event, one occurrence (by its own id: Cyrus keeps it as
    /// an override) or a whole series (by its uid): a JSCalendar patch.
    Edit {
        id: String,
        patch: Map<String, Value>,
    },
}

pub use super::calendar::local;

fn duration(minutes: i64, all_day: bool) -> String {
    if all_day {
        return format!("P{}D", (minutes / (24 * 60)).max(1));
    }
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => format!("PT{m}M"),
        (h, 0) => format!("PT{h}H"),
        (h, m) => format!("PT{h}H{m}M"),
    }
}

/// The reminders offered: none, 5, 15, 30 minutes, 1 hour, 1 day before.
pub const REMINDERS: [Option<i64>; 6] =
    [None, Some(5), Some(15), Some(30), Some(60), Some(24 * 60)];

/// A reminder `minutes` before the start, as JSCalendar `alerts` (null
/// for none).
pub fn alerts_value(alert: Option<i64>) -> Value {
    let Some(m) = alert else {
        return Value::Null;
    };
    let m = m.clamp(0, super::calendar::MAX_EVENT_MINUTES);
    let offset = if m > 0 && m % (24 * 60) == 0 {
        format!("-P{}D", m / (24 * 60))
    } else {
        format!("-{}", duration(m, false))
    };
    json!({ "1": { "@type": "Alert",
                   "trigger": { "@type": "OffsetTrigger", "offset": offset },
                   "action": "display" } })
}

fn locations_value(place: &str) -> Value {
    if place.trim().is_empty() {
        Value::Null
    } else {
        json!({ "l1": { "@type": "Location", "name": place.trim() } })
    }
}

/// The patch that turns `before` into `after`: only what changed, so that
/// a series' overrides keep what they changed themselves. A series edit
/// (`series`, by the uid) never writes the start: Cyrus keys overrides by
/// their original start, which a new time of day would orphan; all day
/// stays as it is too. Another occurrence, or a single event, takes it
/// all. None when nothing changed.
pub fn edit_change(
    before: &super::calendar::Event,
    after: &Edited,
    series: bool,
    time_zone: &str,
) -> Option<Change> {
    let mut p = Map::new();
    if after.title.trim() != before.title {
        p.insert("title".into(), json!(after.title.trim()));
    }
    if after.location.trim() != before.location.trim() {
        p.insert("locations".into(), locations_value(&after.location));
    }
    if after.description != before.description {
        p.insert("description".into(), json!(after.description));
    }
    if after.alert != before.alert {
        p.insert("alerts".into(), alerts_value(after.alert));
    }
    let all_day = if series {
        before.all_day
    } else {
        after.all_day
    };
    let toggled = all_day != before.all_day;
    if toggled {
        p.insert("showWithoutTime".into(), json!(all_day));
        p.insert(
            "timeZone".into(),
            if all_day {
                Value::Null
            } else {
                json!(time_zone)
            },
        );
    }
    if !series {
        let start = if all_day {
            after
                .start
                .date()
                .and_hms_opt(0, 0, 0)
                .unwrap_or(after.start)
        } else {
            after.start
        };
        if start != before.start || toggled {
            p.insert("start".into(), json!(local(start)));
        }
    }
    // An all-day event keeps its days (the form has no last day).
    let minutes = match (all_day, before.all_day) {
        (true, true) => before.minutes,
        (true, false) => 24 * 60,
        _ => after.minutes,
    };
    if minutes != before.minutes || toggled {
        p.insert("duration".into(), json!(duration(minutes, all_day)));
    }
    let id = if series { &before.uid } else { &before.id };
    (!p.is_empty()).then(|| Change::Edit {
        id: id.clone(),
        patch: p,
    })
}

pub fn event_object(e: &NewEvent) -> Value {
    let mut o = Map::new();
    o.insert("@type".into(), json!("jsevent"));
    o.insert("calendarId".into(), json!(e.calendar_id));
    o.insert("title".into(), json!(e.title));
    let start = if e.all_day {
        e.start.date().and_hms_opt(0, 0, 0).unwrap_or(e.start)
    } else {
        e.start
    };
    o.insert("start".into(), json!(local(start)));
    o.insert("duration".into(), json!(duration(e.minutes, e.all_day)));
    if e.all_day {
        o.insert("showWithoutTime".into(), json!(true));
    } else {
        o.insert("timeZone".into(), json!(e.time_zone));
    }
    if !e.description.trim().is_empty() {
        o.insert("description".into(), json!(e.description));
    }
    if !e.location.trim().is_empty() {
        o.insert(
            "locations".into(),
            json!({ "l1": { "@type": "Location", "name": e.location } }),
        );
    }
    if let Some(f) = e.repeat.frequency() {
        let mut rule = json!({ "@type": "RecurrenceRule", "frequency": f });
        if let Some(until) = e.until.and_then(|d| d.and_hms_opt(23, 59, 59)) {
            rule["until"] = json!(local(until));
        }
        o.insert("recurrenceRule".into(), rule);
    }
    if e.alert.is_some() {
        o.insert("alerts".into(), alerts_value(e.alert));
    }
    Value::Object(o)
}

/// The end of a series that stops just before `recurrence_id`.
fn until_before(recurrence_id: &str) -> Option<String> {
    let t = super::calendar::local_date_time(recurrence_id)?;
    Some(local(t - Duration::seconds(1)))
}

/// The change, then the week again, in one request.
pub fn change_request(
    account: &str,
    change: &Change,
    after: &str,
    before: &str,
) -> (Request, Call, WeekCalls) {
    let mut req = Request::new().using(&[CORE, CYRUS_CALENDARS]);
    let mut args = json!({ "accountId": account });
    match change {
        Change::Create(e) => args["create"] = json!({ "new": event_object(e) }),
        Change::Move { id, start } => args["update"] = json!({ id: { "start": local(*start) } }),
        Change::DeleteOne { id } => args["destroy"] = json!([id]),
        Change::DeleteSeries { uid } => args["destroy"] = json!([uid]),
        Change::Edit { id, patch } => args["update"] = json!({ id: patch }),
        Change::DeleteFollowing {
            uid,
            recurrence_id,
            series_start,
        } => match until_before(recurrence_id).filter(|_| !series_start) {
            Some(until) => args["update"] = json!({ uid: { "recurrenceRule/until": until } }),
            None => args["destroy"] = json!([uid]),
        },
    }
    let set = req.call("CalendarEvent/set", &args);
    let week = range_calls(&mut req, account, after, before);
    (req, set, week)
}

/// `change_request` in either form. In the IETF one an occurrence is
/// moved or deleted by the id its expanded query gave (the draft's
/// synthetic id, as Cyrus takes `uid;recurrenceId`). « This one and the
/// following » there must write the series' `recurrenceRules` whole (a
/// patch may not reach into a list): None then, and the caller reads them
/// with `series_rules_request` and sends `following_request`.
pub fn change_request_for(
    dialect: CalendarsDialect,
    account: &str,
    change: &Change,
    after: &str,
    before: &str,
) -> Option<(Request, Call, WeekCalls)> {
    if dialect == CalendarsDialect::Cyrus {
        return Some(change_request(account, change, after, before));
    }
    let mut args = json!({ "accountId": account });
    match change {
        Change::Create(e) => {
            args["create"] = json!({ "new": jscalendar::ietf_event(event_object(e)) })
        }
        Change::Move { id, start } => args["update"] = json!({ id: { "start": local(*start) } }),
        Change::DeleteOne { id } => args["destroy"] = json!([id]),
        Change::DeleteSeries { uid } => args["destroy"] = json!([uid]),
        Change::Edit { id, patch } => args["update"] = json!({ id: patch }),
        Change::DeleteFollowing {
            uid, series_start, ..
        } => {
            if !series_start {
                return None;
            }
            args["destroy"] = json!([uid]);
        }
    }
    let mut req = Request::new().using(&dialect.using());
    let set = req.call("CalendarEvent/set", &args);
    let week = range_calls_for(dialect, &mut req, account, after, before);
    Some((req, set, week))
}

/// IETF: the series' rules (`uid` is its id), for `following_request`.
pub fn series_rules_request(account: &str, uid: &str) -> (Request, Call) {
    let mut req = Request::new().using(&CalendarsDialect::Ietf.using());
    let call = req.call(
        "CalendarEvent/get",
        &json!({ "accountId": account, "ids": [uid], "properties": ["id", "recurrenceRules"] }),
    );
    (req, call)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SeriesRules {
    #[serde(default)]
    recurrence_rules: Option<Vec<Value>>,
}

pub fn read_series_rules(resp: &Response, call: &Call) -> Result<Vec<Value>, Error> {
    let got: GetResponse<SeriesRules> = resp.get(call)?;
    Ok(got
        .list
        .into_iter()
        .next()
        .and_then(|s| s.recurrence_rules)
        .unwrap_or_default())
}

/// IETF « this one and the following »: the series' rules end just before
/// the occurrence (None when its recurrence id is not a date).
pub fn following_request(
    account: &str,
    uid: &str,
    rules: &[Value],
    recurrence_id: &str,
    after: &str,
    before: &str,
) -> Option<(Request, Call, WeekCalls)> {
    let until = until_before(recurrence_id)?;
    let d = CalendarsDialect::Ietf;
    let mut req = Request::new().using(&d.using());
    let set = req.call(
        "CalendarEvent/set",
        &json!({ "accountId": account, "update": {
            uid: { "recurrenceRules": jscalendar::rules_until(rules, &until) }
        } }),
    );
    let week = range_calls_for(d, &mut req, account, after, before);
    Some((req, set, week))
}

/// Events of a file, created in one request (the caller sends batches to
/// show progress).
pub fn import_request(account: &str, events: &[NewEvent]) -> (Request, Call) {
    let mut req = Request::new().using(&[CORE, CYRUS_CALENDARS]);
    let create: Map<String, Value> = events
        .iter()
        .enumerate()
        .map(|(i, e)| (format!("i{i}"), event_object(e)))
        .collect();
    let call = req.call(
        "CalendarEvent/set",
        &json!({ "accountId": account, "create": create }),
    );
    (req, call)
}

/// `import_request` in either form.
pub fn import_request_for(
    dialect: CalendarsDialect,
    account: &str,
    events: &[NewEvent],
) -> (Request, Call) {
    if dialect == CalendarsDialect::Cyrus {
        return import_request(account, events);
    }
    let mut req = Request::new().using(&dialect.using());
    let create: Map<String, Value> = events
        .iter()
        .enumerate()
        .map(|(i, e)| (format!("i{i}"), jscalendar::ietf_event(event_object(e))))
        .collect();
    let call = req.call(
        "CalendarEvent/set",
        &json!({ "accountId": account, "create": create }),
    );
    (req, call)
}

/// (created, refused) of an import request.
pub fn read_import(resp: &Response, call: &Call) -> Result<(usize, usize), Error> {
    let set: SetResponse = resp.get(call)?;
    Ok((
        set.created.as_ref().map_or(0, |c| c.len()),
        set.not_created.as_ref().map_or(0, |c| c.len()),
    ))
}

/// « Nouvel agenda »: an empty calendar.
pub fn new_calendar_request(account: &str, name: &str) -> (Request, Call) {
    let mut req = Request::new().using(&[CORE, CYRUS_CALENDARS]);
    let call = req.call(
        "Calendar/set",
        &json!({ "accountId": account, "create": { "cal": { "name": name } } }),
    );
    (req, call)
}

/// `new_calendar_request` in either form (the same Calendar/set).
pub fn new_calendar_request_for(
    dialect: CalendarsDialect,
    account: &str,
    name: &str,
) -> (Request, Call) {
    let (mut req, call) = new_calendar_request(account, name);
    req.using = dialect.using().iter().map(|c| c.to_string()).collect();
    (req, call)
}

/// Every event as stored (series, not occurrences), for an export.
pub fn export_request(account: &str) -> (Request, Call) {
    export_request_for(CalendarsDialect::Cyrus, account)
}

/// `export_request` in either form.
pub fn export_request_for(dialect: CalendarsDialect, account: &str) -> (Request, Call) {
    let mut req = Request::new().using(&dialect.using());
    let call = req.call(
        "CalendarEvent/get",
        &json!({ "accountId": account, "ids": null,
                 "properties": dialect.series_properties() }),
    );
    (req, call)
}

/// `read_export` in either form.
pub fn read_export_for(
    dialect: CalendarsDialect,
    resp: &Response,
    call: &Call,
    calendar_id: &str,
) -> Result<Vec<(String, NewEvent)>, Error> {
    if dialect == CalendarsDialect::Cyrus {
        return read_export(resp, call, calendar_id);
    }
    let got: GetResponse<JsEvent> = resp.get(call)?;
    Ok(got
        .list
        .iter()
        .filter(|e| e.calendar_ids.get(calendar_id) == Some(&true))
        .filter_map(|e| {
            let mut s = e.series()?;
            s.calendar_id = calendar_id.to_string();
            Some((e.uid.clone(), s))
        })
        .collect())
}

/// The events of one calendar, as (uid, event).
pub fn read_export(
    resp: &Response,
    call: &Call,
    calendar_id: &str,
) -> Result<Vec<(String, NewEvent)>, Error> {
    let got: GetResponse<super::calendar::StoredEvent> = resp.get(call)?;
    Ok(got
        .list
        .into_iter()
        .filter(|e| e.calendar_id == calendar_id)
        .filter_map(|e| {
            let start = super::calendar::local_date_time(&e.start)?;
            let (location, minutes) = (e.location(), e.minutes());
            let (repeat, until) = e.recurrence_rule.map_or((Repeat::Never, None), |r| {
                (
                    Repeat::from_frequency(&r.frequency),
                    r.until
                        .as_deref()
                        .and_then(super::calendar::local_date_time)
                        .map(|t| t.date()),
                )
            });
            Some((
                e.uid.unwrap_or_default(),
                NewEvent {
                    calendar_id: e.calendar_id,
                    title: e.title,
                    start,
                    minutes,
                    all_day: e.show_without_time,
                    location,
                    description: e.description,
                    time_zone: e.time_zone.unwrap_or_default(),
                    repeat,
                    until,
                    alert: None,
                },
            ))
        })
        .collect())
}

/// A received invitation's event in this agenda, looked up by its uid, and
/// the calendars (where to put it when it is not there yet).
pub fn find_request(account: &str, uid: &str) -> (Request, Call, Call) {
    let mut req = Request::new().using(&[CORE, CYRUS_CALENDARS]);
    let call = req.call(
        "CalendarEvent/get",
        &json!({ "accountId": account, "ids": [uid], "properties": ["id", "participants"] }),
    );
    let calendars = req.call("Calendar/get", &json!({ "accountId": account }));
    (req, call, calendars)
}

/// `find_request` in either form: the IETF one looks the uid up with a
/// query (its ids are the server's, not the uid).
pub fn find_request_for(
    dialect: CalendarsDialect,
    account: &str,
    uid: &str,
) -> (Request, Call, Call) {
    if dialect == CalendarsDialect::Cyrus {
        return find_request(account, uid);
    }
    let mut req = Request::new().using(&dialect.using());
    let query = req.call(
        "CalendarEvent/query",
        &json!({ "accountId": account, "filter": { "uid": uid } }),
    );
    let call = req.call(
        "CalendarEvent/get",
        &json!({ "accountId": account, "#ids": query.reference("/ids"),
                 "properties": ["id", "participants"] }),
    );
    let calendars = req.call("Calendar/get", &json!({ "accountId": account }));
    (req, call, calendars)
}

/// The calendars `find_request_for` read, in either form.
pub fn read_calendars_for(
    dialect: CalendarsDialect,
    resp: &Response,
    call: &Call,
) -> Result<Vec<super::calendar::Calendar>, Error> {
    Ok(match dialect {
        CalendarsDialect::Cyrus => {
            resp.get::<GetResponse<super::calendar::Calendar>>(call)?
                .list
        }
        CalendarsDialect::Ietf => resp
            .get::<GetResponse<jscalendar::JsCalendar>>(call)?
            .list
            .into_iter()
            .map(Into::into)
            .collect(),
    })
}

#[derive(Deserialize)]
struct Found {
    id: String,
    #[serde(default)]
    participants: Option<Map<String, Value>>,
}

/// An event found: its id and its participants (key, e-mail).
pub type FoundEvent = (String, Vec<(String, String)>);

/// The event, if it is there.
pub fn read_found(resp: &Response, call: &Call) -> Result<Option<FoundEvent>, Error> {
    let got: GetResponse<Found> = resp.get(call)?;
    Ok(got.list.into_iter().next().map(|f| {
        let people = f
            .participants
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(k, v)| {
                let email = v
                    .get("email")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .or_else(|| {
                        v.get("sendTo")?
                            .get("imip")?
                            .as_str()
                            .map(|s| s.trim_start_matches("mailto:").to_string())
                    })?;
                Some((k, email))
            })
            .collect();
        (f.id, people)
    }))
}

/// Someone of an invitation: (name, e-mail, JSCalendar status, optional).
pub type Invitee = (String, String, String, bool);

/// Puts my answer on the event: an update of my participation if the event
/// is already in the agenda, else the event created with its organiser,
/// participants and my answer.
pub fn answer_request(
    account: &str,
    found: Option<(&str, &str)>,
    event: &NewEvent,
    uid: &str,
    organizer: (&str, &str),
    invitees: &[Invitee],
    status: &str,
) -> (Request, Call) {
    let mut req = Request::new().using(&[CORE, CYRUS_CALENDARS]);
    let args = match found {
        Some((id, my_key)) => json!({ "accountId": account, "update": {
            id: { format!("participants/{my_key}/participationStatus"): status }
        } }),
        None => {
            let mut o = event_object(event);
            o["uid"] = json!(uid);
            o["replyTo"] = json!({ "imip": format!("mailto:{}", organizer.1) });
            let mut people = Map::new();
            people.insert(
                "organizer".into(),
                json!({ "@type": "Participant", "name": organizer.0, "email": organizer.1,
                        "sendTo": { "imip": format!("mailto:{}", organizer.1) },
                        "roles": { "owner": true }, "participationStatus": "accepted" }),
            );
            for (i, (name, email, st, optional)) in invitees.iter().enumerate() {
                let mut roles = json!({ "attendee": true });
                if *optional {
                    roles["optional"] = json!(true);
                }
                people.insert(
                    format!("p{i}"),
                    json!({ "@type": "Participant", "name": name, "email": email,
                            "sendTo": { "imip": format!("mailto:{email}") },
                            "roles": roles, "participationStatus": st }),
                );
            }
            o["participants"] = Value::Object(people);
            json!({ "accountId": account, "create": { "invite": o } })
        }
    };
    let call = req.call("CalendarEvent/set", &args);
    (req, call)
}

/// `answer_request` in either form (the same participants; the created
/// event in the IETF shape).
#[allow(clippy::too_many_arguments)]
pub fn answer_request_for(
    dialect: CalendarsDialect,
    account: &str,
    found: Option<(&str, &str)>,
    event: &NewEvent,
    uid: &str,
    organizer: (&str, &str),
    invitees: &[Invitee],
    status: &str,
) -> (Request, Call) {
    let (mut req, call) = answer_request(account, found, event, uid, organizer, invitees, status);
    if dialect == CalendarsDialect::Ietf {
        req.using = dialect.using().iter().map(|c| c.to_string()).collect();
        for inv in &mut req.calls {
            if let Some(Value::Object(create)) = inv.args.get_mut("create") {
                for o in create.values_mut() {
                    *o = jscalendar::ietf_event(o.take());
                }
            }
        }
    }
    (req, call)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
    }

    #[test]
    fn a_weekly_event_as_jscalendar() {
        let e = NewEvent {
            calendar_id: "Default".into(),
            title: "Conseil pédagogique".into(),
            start: at(2026, 12, 1, 17, 30),
            minutes: 90,
            all_day: false,
            location: "Salle 12".into(),
            description: String::new(),
            time_zone: "Europe/Paris".into(),
            repeat: Repeat::Weekly,
            until: NaiveDate::from_ymd_opt(2027, 6, 30),
            alert: None,
        };
        let o = event_object(&e);
        assert_eq!(o["start"], "2026-12-01T17:30:00");
        assert_eq!(o["duration"], "PT1H30M");
        assert_eq!(o["timeZone"], "Europe/Paris");
        assert_eq!(o["locations"]["l1"]["name"], "Salle 12");
        assert_eq!(o["recurrenceRule"]["frequency"], "weekly");
        assert_eq!(o["recurrenceRule"]["until"], "2027-06-30T23:59:59");
        assert!(o.get("description").is_none());
        let day = event_object(&NewEvent {
            all_day: true,
            minutes: 24 * 60,
            repeat: Repeat::Never,
            ..e
        });
        assert_eq!(day["start"], "2026-12-01T00:00:00");
        assert_eq!(day["duration"], "P1D");
        assert_eq!(day["showWithoutTime"], true);
        assert!(day.get("timeZone").is_none() && day.get("recurrenceRule").is_none());
    }

    #[test]
    fn changes_then_the_week_in_one_request() {
        let following = Change::DeleteFollowing {
            uid: "s".into(),
            recurrence_id: "2026-12-15T10:00:00".into(),
            series_start: false,
        };
        let (req, _, _) = change_request("u", &following, "a", "b");
        let v = req.to_json();
        assert_eq!(
            v["methodCalls"][0][1]["update"]["s"]["recurrenceRule/until"],
            "2026-12-15T09:59:59"
        );
        assert_eq!(v["methodCalls"][1][0], "Calendar/get");
        assert_eq!(v["methodCalls"][3][0], "CalendarEvent/get");
        let first = Change::DeleteFollowing {
            uid: "s".into(),
            recurrence_id: "2026-12-01T10:00:00".into(),
            series_start: true,
        };
        assert_eq!(
            change_request("u", &first, "a", "b").0.to_json()["methodCalls"][0][1]["destroy"][0],
            "s"
        );
        let moved = Change::Move {
            id: "s;2026-12-08T10:00:00".into(),
            start: at(2026, 12, 9, 15, 0),
        };
        assert_eq!(
            change_request("u", &moved, "a", "b").0.to_json()["methodCalls"][0][1]["update"]
                ["s;2026-12-08T10:00:00"]["start"],
            "2026-12-09T15:00:00"
        );
        assert_eq!(Repeat::from_frequency("monthly"), Repeat::Monthly);
        let ev = NewEvent {
            calendar_id: "C".into(),
            title: "Conseil".into(),
            start: at(2026, 12, 10, 17, 0),
            minutes: 120,
            all_day: false,
            location: String::new(),
            description: String::new(),
            time_zone: "Europe/Paris".into(),
            repeat: Repeat::Never,
            until: None,
            alert: None,
        };
        let people: Vec<Invitee> = vec![
            ("Julien".into(), "j@x.fr".into(), "accepted".into(), false),
            ("Paul".into(), "p@x.fr".into(), "needs-action".into(), true),
        ];
        let created = answer_request(
            "u",
            None,
            &ev,
            "uid@x",
            ("Hélène", "h@x.fr"),
            &people,
            "accepted",
        )
        .0
        .to_json();
        let o = &created["methodCalls"][0][1]["create"]["invite"];
        assert_eq!(
            (o["uid"].as_str(), o["replyTo"]["imip"].as_str()),
            (Some("uid@x"), Some("mailto:h@x.fr"))
        );
        assert_eq!(o["participants"]["organizer"]["roles"]["owner"], true);
        assert_eq!(o["participants"]["p0"]["participationStatus"], "accepted");
        assert_eq!(o["participants"]["p1"]["roles"]["optional"], true);
        let updated = answer_request(
            "u",
            Some(("E", "k1")),
            &ev,
            "uid@x",
            ("Hélène", "h@x.fr"),
            &people,
            "declined",
        )
        .0
        .to_json();
        assert_eq!(
            updated["methodCalls"][0][1]["update"]["E"]["participants/k1/participationStatus"],
            "declined"
        );
        let (_, found, _) = find_request("u", "uid@x");
        let resp = Response::parse(r#"{"methodResponses":[["CalendarEvent/get",{"list":[{"id":"E","participants":{"k1":{"email":"j@x.fr"},"k2":{"sendTo":{"imip":"mailto:h@x.fr"}},"k3":{}}}]},"c0"]]}"#).unwrap();
        let (id, mut people) = read_found(&resp, &found).unwrap().unwrap();
        people.sort();
        assert_eq!(
            (id.as_str(), people),
            (
                "E",
                vec![
                    ("k1".into(), "j@x.fr".into()),
                    ("k2".into(), "h@x.fr".into())
                ]
            )
        );
        let (_, call) = export_request("u");
        let resp = Response::parse(r#"{"methodResponses":[["CalendarEvent/get",{"list":[
            {"uid":"a","calendarId":"C","title":"Conseil","start":"2026-12-01T17:30:00","timeZone":"Europe/Paris","duration":"PT1H30M",
             "locations":{"l":{"name":"Salle 12"}},"recurrenceRule":{"frequency":"weekly","until":"2027-06-30T23:59:59"}},
            {"uid":"b","calendarId":"D","title":"Autre","start":"2026-12-01T10:00:00"},
            {"uid":"c","calendarId":"C","title":"Sans date","start":"demain"}]},"c0"]]}"#).unwrap();
        let got = read_export(&resp, &call, "C").unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(
            (
                got[0].1.minutes,
                got[0].1.repeat,
                got[0].1.location.as_str()
            ),
            (90, Repeat::Weekly, "Salle 12")
        );
        let (_, call) = import_request("u", &[]);
        let resp = Response::parse(r#"{"methodResponses":[["CalendarEvent/set",{"created":{"i0":{"id":"x"}},"notCreated":{"i1":{"type":"invalidProperties"}}},"c0"]]}"#).unwrap();
        assert_eq!(read_import(&resp, &call).unwrap(), (1, 1));
        assert_eq!(Repeat::from_frequency("secondly"), Repeat::Never);
    }
    fn opened(id: &str, rid: Option<&str>) -> super::super::calendar::Event {
        super::super::calendar::Event {
            id: id.into(),
            uid: "s".into(),
            recurrence_id: rid.map(str::to_string),
            title: "Conseil".into(),
            start: at(2026, 12, 8, 10, 0),
            time_zone: "Europe/Paris".into(),
            minutes: 60,
            all_day: false,
            location: "Salle 12".into(),
            calendar_id: "C".into(),
            description: "Ordre du jour".into(),
            alert: None,
        }
    }

    fn same(e: &super::super::calendar::Event) -> Edited {
        Edited {
            title: e.title.clone(),
            start: e.start,
            minutes: e.minutes,
            all_day: e.all_day,
            location: e.location.clone(),
            description: e.description.clone(),
            alert: e.alert,
        }
    }

    #[test]
    fn reminders_as_jscalendar_alerts() {
        assert_eq!(alerts_value(None), Value::Null);
        assert_eq!(
            alerts_value(Some(15)),
            json!({ "1": { "@type": "Alert",
                "trigger": { "@type": "OffsetTrigger", "offset": "-PT15M" }, "action": "display" } })
        );
        assert_eq!(alerts_value(Some(60))["1"]["trigger"]["offset"], "-PT1H");
        assert_eq!(
            alerts_value(Some(24 * 60))["1"]["trigger"]["offset"],
            "-P1D"
        );
        assert_eq!(alerts_value(Some(0))["1"]["trigger"]["offset"], "-PT0M");
        let e = NewEvent {
            calendar_id: "C".into(),
            title: "Conseil".into(),
            start: at(2026, 12, 10, 17, 0),
            minutes: 60,
            all_day: false,
            location: String::new(),
            description: String::new(),
            time_zone: "Europe/Paris".into(),
            repeat: Repeat::Never,
            until: None,
            alert: Some(30),
        };
        let o = event_object(&e);
        assert_eq!(o["alerts"]["1"]["trigger"]["offset"], "-PT30M");
        assert_eq!(o["alerts"]["1"]["action"], "display");
        assert!(event_object(&NewEvent { alert: None, ..e })
            .get("alerts")
            .is_none());
    }

    #[test]
    fn an_occurrence_edited_is_patched_by_its_own_id() {
        let before = opened("s;2026-12-08T10:00:00", Some("2026-12-08T10:00:00"));
        assert_eq!(
            edit_change(&before, &same(&before), false, "Europe/Paris"),
            None
        );
        let after = Edited {
            title: " Conseil pédagogique ".into(),
            start: at(2026, 12, 8, 14, 30),
            minutes: 90,
            location: "CDI".into(),
            alert: Some(15),
            ..same(&before)
        };
        let change = edit_change(&before, &after, false, "Europe/Paris").unwrap();
        let v = change_request("u", &change, "a", "b").0.to_json();
        let calls = &v["methodCalls"];
        assert_eq!(calls[0][0], "CalendarEvent/set");
        assert_eq!(
            calls[0][1]["update"]["s;2026-12-08T10:00:00"],
            json!({
                "title": "Conseil pédagogique",
                "start": "2026-12-08T14:30:00",
                "duration": "PT1H30M",
                "locations": { "l1": { "@type": "Location", "name": "CDI" } },
                "alerts": { "1": { "@type": "Alert",
                    "trigger": { "@type": "OffsetTrigger", "offset": "-PT15M" }, "action": "display" } }
            })
        );
        // The week read again in the same request.
        assert_eq!(calls[1][0], "Calendar/get");
        assert_eq!(calls[2][0], "CalendarEvent/query");
        assert_eq!(calls[3][0], "CalendarEvent/get");
        // The place and the reminder removed, the notes changed.
        let cleared = Edited {
            location: " ".into(),
            description: String::new(),
            ..same(&before)
        };
        let with_alert = super::super::calendar::Event {
            alert: Some(60),
            ..before.clone()
        };
        let Some(Change::Edit { patch, .. }) =
            edit_change(&with_alert, &cleared, false, "Europe/Paris")
        else {
            panic!("no change");
        };
        assert_eq!(
            Value::Object(patch),
            json!({ "locations": null, "description": "", "alerts": null })
        );
    }

    #[test]
    fn a_series_edit_keeps_its_date_and_start() {
        let before = opened("s;2026-12-08T10:00:00", Some("2026-12-08T10:00:00"));
        let after = Edited {
            title: "Conseil (salle changée)".into(),
            // Moved and made all day in the form: not for a series.
            start: at(2026, 12, 9, 8, 0),
            all_day: true,
            minutes: 120,
            alert: Some(24 * 60),
            ..same(&before)
        };
        let change = edit_change(&before, &after, true, "Europe/Paris").unwrap();
        let v = change_request("u", &change, "a", "b").0.to_json();
        assert_eq!(
            v["methodCalls"][0][1]["update"]["s"],
            json!({
                "title": "Conseil (salle changée)",
                "duration": "PT2H",
                "alerts": { "1": { "@type": "Alert",
                    "trigger": { "@type": "OffsetTrigger", "offset": "-P1D" }, "action": "display" } }
            })
        );
        // The IETF form sends the same patch.
        let (req, _, _) =
            change_request_for(CalendarsDialect::Ietf, "u", &change, "a", "b").unwrap();
        assert_eq!(
            req.to_json()["methodCalls"][0][1]["update"]["s"]["duration"],
            "PT2H"
        );
    }

    #[test]
    fn a_single_event_made_all_day_and_back() {
        let before = opened("e", None);
        let day = Edited {
            all_day: true,
            start: at(2026, 12, 9, 9, 0),
            ..same(&before)
        };
        let Some(Change::Edit { id, patch }) = edit_change(&before, &day, false, "Europe/Paris")
        else {
            panic!("no change");
        };
        assert_eq!(id, "e");
        assert_eq!(
            Value::Object(patch),
            json!({ "showWithoutTime": true, "timeZone": null,
                    "start": "2026-12-09T00:00:00", "duration": "P1D" })
        );
        let two_days = super::super::calendar::Event {
            all_day: true,
            minutes: 2 * 24 * 60,
            time_zone: String::new(),
            start: at(2026, 12, 9, 0, 0),
            ..before.clone()
        };
        // Still all day: its days are kept.
        let renamed = Edited {
            title: "Sortie".into(),
            minutes: 24 * 60,
            ..same(&two_days)
        };
        let Some(Change::Edit { patch, .. }) =
            edit_change(&two_days, &renamed, false, "Europe/Paris")
        else {
            panic!("no change");
        };
        assert_eq!(Value::Object(patch), json!({ "title": "Sortie" }));
        let timed = Edited {
            all_day: false,
            start: at(2026, 12, 9, 14, 0),
            minutes: 60,
            ..same(&two_days)
        };
        let Some(Change::Edit { patch, .. }) =
            edit_change(&two_days, &timed, false, "Europe/Paris")
        else {
            panic!("no change");
        };
        assert_eq!(
            Value::Object(patch),
            json!({ "showWithoutTime": false, "timeZone": "Europe/Paris",
                    "start": "2026-12-09T14:00:00", "duration": "PT1H" })
        );
    }
}
