//! The IETF calendars form against fixtures shaped after RFC 8984 §6 and
//! the JMAP Calendars draft.

use super::jscalendar::{JsEvent, Override};
use super::CalendarsDialect;
use crate::jmap::calendar::*;
use crate::jmap::calendar_set::*;
use crate::jmap::response::Response;
use crate::jmap::Error;
use chrono::{NaiveDate, NaiveDateTime};
use serde_json::{json, Value};

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, mo, d)
        .unwrap()
        .and_hms_opt(h, mi, 0)
        .unwrap()
}

fn example(section: &str) -> JsEvent {
    let all: Value =
        serde_json::from_str(include_str!("../fixtures/ietf/jscalendar_events.json")).unwrap();
    serde_json::from_value(all[section].clone()).unwrap()
}

fn series(title: &str, start: NaiveDateTime, minutes: i64) -> NewEvent {
    NewEvent {
        calendar_id: String::new(),
        title: title.into(),
        start,
        minutes,
        all_day: false,
        location: String::new(),
        description: String::new(),
        time_zone: String::new(),
        repeat: Repeat::Never,
        until: None,
        alert: None,
    }
}

#[test]
fn rfc8984_simple_all_day_and_floating_events() {
    // §6.1
    let e = example("6.1");
    assert_eq!(
        e.series(),
        Some(NewEvent {
            time_zone: "America/New_York".into(),
            ..series("Some event", at(2020, 1, 15, 13, 0), 60)
        })
    );
    assert_eq!(
        e.occurrence(),
        Some(Event {
            id: String::new(),
            uid: String::new(),
            recurrence_id: None,
            title: "Some event".into(),
            start: at(2020, 1, 15, 13, 0),
            time_zone: "America/New_York".into(),
            minutes: 60,
            all_day: false,
            location: String::new(),
            calendar_id: String::new(),
            description: String::new(),
            alert: None,
        })
    );
    assert!(e.overrides().is_empty() && e.organizer().is_none() && e.invitees().is_empty());
    // §6.2
    assert_eq!(
        example("6.2").series(),
        Some(NewEvent {
            all_day: true,
            repeat: Repeat::Yearly,
            ..series("April Fool's Day", at(1900, 4, 1, 0, 0), 24 * 60)
        })
    );
    // §6.5: floating (no time zone), daily.
    assert_eq!(
        example("6.5").series(),
        Some(NewEvent {
            repeat: Repeat::Daily,
            ..series("Yoga", at(2018, 1, 1, 7, 0), 30)
        })
    );
}

#[test]
fn rfc8984_recurring_event_with_overrides() {
    // §6.7
    let e = example("6.7");
    assert_eq!(
        e.series(),
        Some(NewEvent {
            location: "Math lab room 1".into(),
            time_zone: "Europe/London".into(),
            repeat: Repeat::Weekly,
            until: NaiveDate::from_ymd_opt(2020, 6, 24),
            alert: None,
            ..series("Calculus I", at(2020, 1, 8, 9, 0), 90)
        })
    );
    assert_eq!(
        e.overrides(),
        [
            (
                "2020-01-07T14:00:00".to_string(),
                Override {
                    title: Some("Introduction to Calculus I (optional)".into()),
                    ..Override::default()
                }
            ),
            (
                "2020-04-01T09:00:00".to_string(),
                Override {
                    excluded: true,
                    ..Override::default()
                }
            ),
            (
                "2020-06-25T09:00:00".to_string(),
                Override {
                    excluded: false,
                    start: Some(at(2020, 6, 25, 10, 0)),
                    title: Some("Calculus I Exam".into()),
                }
            ),
        ]
    );
}

#[test]
fn rfc8984_recurring_event_with_participants() {
    // §6.8
    let e = example("6.8");
    assert_eq!(
        e.organizer(),
        Some(("Zoe Zelda".into(), "zoe@foobar.example.com".into()))
    );
    assert_eq!(
        e.invitees(),
        [
            (
                "Tom Tool".into(),
                "tom@foobar.example.com".into(),
                "accepted".into(),
                false
            ),
            // No `email`: the iMIP address; no status: needs-action.
            (
                "Sam Sure".into(),
                "sam@calendar.example.com".into(),
                "needs-action".into(),
                true
            ),
        ]
    );
    let s = e.series().unwrap();
    assert_eq!(
        (s.repeat, s.minutes, s.location.as_str()),
        (Repeat::Weekly, 60, "")
    );
    // A participant's patch is no change the agenda shows.
    assert_eq!(e.overrides()[0].1, Override::default());
}

#[test]
fn draft_week_response_reads_calendars_and_occurrences() {
    let (req, calls) = range_request_for(CalendarsDialect::Ietf, "A1", "a", "b");
    let body = req.to_json();
    assert_eq!(
        body["using"],
        json!([
            "urn:ietf:params:jmap:calendars",
            "urn:ietf:params:jmap:core"
        ])
    );
    assert_eq!(body["methodCalls"][1][1]["expandRecurrences"], true);
    assert_eq!(
        body["methodCalls"][1][1]["filter"],
        json!({ "after": "a", "before": "b" })
    );
    let props = &body["methodCalls"][2][1]["properties"];
    assert!(props.as_array().unwrap().contains(&json!("baseEventId")));
    let resp = Response::parse(include_str!("../fixtures/ietf/calendar_event_get.json")).unwrap();
    let (cals, events) = read_range(&resp, &calls).unwrap();
    assert_eq!(
        cals,
        [
            Calendar {
                id: "C1".into(),
                name: "Personnel".into(),
                may_modify_items: true,
                color: Some("#3a429c".into()),
            },
            Calendar {
                id: "C2".into(),
                name: "Vacances scolaires".into(),
                may_modify_items: false,
                color: None,
            },
        ]
    );
    let paris = |id: &str, rid: Option<&str>, title: &str, start, minutes, location: &str| Event {
        id: id.into(),
        uid: if rid.is_some() {
            "E1".into()
        } else {
            id.into()
        },
        recurrence_id: rid.map(str::to_string),
        title: title.into(),
        start,
        time_zone: "Europe/Paris".into(),
        minutes,
        all_day: false,
        location: location.into(),
        calendar_id: "C1".into(),
        description: String::new(),
        alert: None,
    };
    assert_eq!(
        events,
        [
            paris(
                "E1-0",
                Some("2026-11-24T10:00:00"),
                "Cours de français 3e B",
                at(2026, 11, 24, 10, 0),
                60,
                "Salle 204"
            ),
            paris(
                "E1-1",
                Some("2026-11-26T10:00:00"),
                "Cours de français 3e B (salle changée)",
                at(2026, 11, 26, 11, 0),
                60,
                "CDI"
            ),
            paris(
                "E2",
                None,
                "Conseil de classe 3e B",
                at(2026, 11, 24, 17, 30),
                120,
                ""
            ),
            Event {
                id: "E3".into(),
                uid: "E3".into(),
                recurrence_id: None,
                title: "Vacances de la Toussaint".into(),
                start: at(2026, 10, 17, 0, 0),
                time_zone: String::new(),
                minutes: 16 * 24 * 60,
                all_day: true,
                location: String::new(),
                calendar_id: "C2".into(),
                description: String::new(),
                alert: None,
            },
        ]
    );
}

fn weekly() -> NewEvent {
    NewEvent {
        calendar_id: "C1".into(),
        location: "Salle 12".into(),
        description: "Ordre du jour en pièce jointe".into(),
        time_zone: "Europe/Paris".into(),
        repeat: Repeat::Weekly,
        until: NaiveDate::from_ymd_opt(2027, 6, 30),
        alert: None,
        ..series("Conseil pédagogique", at(2026, 12, 1, 17, 30), 90)
    }
}

#[test]
fn new_events_to_ietf_and_back_are_the_same() {
    let day = NewEvent {
        all_day: true,
        time_zone: String::new(),
        repeat: Repeat::Never,
        until: None,
        alert: None,
        ..series("Journée pédagogique", at(2026, 12, 4, 0, 0), 24 * 60)
    };
    let day = NewEvent {
        calendar_id: "C2".into(),
        ..day
    };
    for e in [weekly(), day] {
        let (req, set, _) = change_request_for(
            CalendarsDialect::Ietf,
            "A1",
            &Change::Create(e.clone()),
            "a",
            "b",
        )
        .unwrap();
        assert_eq!(set.method, "CalendarEvent/set");
        let body = req.to_json();
        let o = &body["methodCalls"][0][1]["create"]["new"];
        assert_eq!(o["@type"], "Event");
        assert_eq!(o["calendarIds"], json!({ e.calendar_id.as_str(): true }));
        assert!(o.get("calendarId").is_none() && o.get("recurrenceRule").is_none());
        let back: JsEvent = serde_json::from_value(o.clone()).unwrap();
        assert_eq!(back.series(), Some(e.clone()));
        assert_eq!(body["methodCalls"][2][1]["expandRecurrences"], true);
    }
    let o = super::jscalendar::ietf_event(event_object(&weekly()));
    assert_eq!(
        o["recurrenceRules"],
        json!([{ "@type": "RecurrenceRule", "frequency": "weekly", "until": "2027-06-30T23:59:59" }])
    );
    let (req, _) = import_request_for(CalendarsDialect::Ietf, "A1", &[weekly()]);
    let i0 = &req.to_json()["methodCalls"][0][1]["create"]["i0"];
    assert_eq!(
        serde_json::from_value::<JsEvent>(i0.clone())
            .unwrap()
            .series(),
        Some(weekly())
    );
}

#[test]
fn ietf_invitation_answer_and_lookup() {
    let people: Vec<Invitee> = vec![
        ("Julien".into(), "j@x.fr".into(), "accepted".into(), false),
        ("Paul".into(), "p@x.fr".into(), "needs-action".into(), true),
    ];
    let (req, _) = answer_request_for(
        CalendarsDialect::Ietf,
        "A1",
        None,
        &weekly(),
        "uid@x",
        ("Hélène", "h@x.fr"),
        &people,
        "accepted",
    );
    let body = req.to_json();
    assert_eq!(body["using"][0], "urn:ietf:params:jmap:calendars");
    let o = &body["methodCalls"][0][1]["create"]["invite"];
    let back: JsEvent = serde_json::from_value(o.clone()).unwrap();
    assert_eq!(back.uid, "uid@x");
    assert_eq!(back.organizer(), Some(("Hélène".into(), "h@x.fr".into())));
    assert_eq!(back.invitees(), people);
    assert_eq!(back.series(), Some(weekly()));
    let cyrus = answer_request(
        "A1",
        Some(("E", "k")),
        &weekly(),
        "u",
        ("a", "b"),
        &[],
        "declined",
    );
    let same = answer_request_for(
        CalendarsDialect::Cyrus,
        "A1",
        Some(("E", "k")),
        &weekly(),
        "u",
        ("a", "b"),
        &[],
        "declined",
    );
    assert_eq!(cyrus, same);
    let (req, found, cals) = find_request_for(CalendarsDialect::Ietf, "A1", "uid@x");
    let body = req.to_json();
    assert_eq!(body["methodCalls"][0][0], "CalendarEvent/query");
    assert_eq!(
        body["methodCalls"][0][1]["filter"],
        json!({ "uid": "uid@x" })
    );
    assert_eq!(body["methodCalls"][1][1]["#ids"]["path"], "/ids");
    let resp = Response::parse(&format!(
        r#"{{"methodResponses":[["CalendarEvent/query",{{"ids":["E7"]}},"c0"],["CalendarEvent/get",{{"list":[{{"id":"E7","participants":{o}}}]}},"c1"],["Calendar/get",{{"list":[{{"id":"C1","myRights":{{"mayWriteOwn":true}}}}]}},"c2"]]}}"#,
        o = o["participants"]
    ))
    .unwrap();
    let (id, mut who) = read_found(&resp, &found).unwrap().unwrap();
    who.sort();
    assert_eq!(id, "E7");
    assert_eq!(who.len(), 3);
    let cals = read_calendars_for(CalendarsDialect::Ietf, &resp, &cals).unwrap();
    assert!(cals[0].may_modify_items);
}

#[test]
fn ietf_changes_and_export() {
    let d = CalendarsDialect::Ietf;
    let moved = Change::Move {
        id: "E1-1".into(),
        start: at(2026, 11, 27, 9, 0),
    };
    let (req, _, _) = change_request_for(d, "A1", &moved, "a", "b").unwrap();
    assert_eq!(
        req.to_json()["methodCalls"][0][1]["update"]["E1-1"]["start"],
        "2026-11-27T09:00:00"
    );
    let series = Change::DeleteSeries { uid: "E1".into() };
    let (req, _, _) = change_request_for(d, "A1", &series, "a", "b").unwrap();
    assert_eq!(req.to_json()["methodCalls"][0][1]["destroy"], json!(["E1"]));
    let following = |series_start| Change::DeleteFollowing {
        uid: "E1".into(),
        recurrence_id: "2026-12-15T10:00:00".into(),
        series_start,
    };
    // A patch cannot reach into `recurrenceRules`: the rules are read first.
    assert!(change_request_for(d, "A1", &following(false), "a", "b").is_none());
    assert!(change_request_for(d, "A1", &following(true), "a", "b").is_some());
    let (_, call) = series_rules_request("A1", "E1");
    let resp = Response::parse(r#"{"methodResponses":[["CalendarEvent/get",{"list":[{"id":"E1","recurrenceRules":[{"@type":"RecurrenceRule","frequency":"weekly","count":30,"byDay":[{"day":"tu"}]}]}]},"c0"]]}"#).unwrap();
    let rules = read_series_rules(&resp, &call).unwrap();
    let (req, _, _) =
        following_request("A1", "E1", &rules, "2026-12-15T10:00:00", "a", "b").unwrap();
    assert_eq!(
        req.to_json()["methodCalls"][0][1]["update"]["E1"]["recurrenceRules"],
        json!([{ "@type": "RecurrenceRule", "frequency": "weekly", "byDay": [{ "day": "tu" }],
                 "until": "2026-12-15T09:59:59" }])
    );
    assert!(following_request("A1", "E1", &rules, "demain", "a", "b").is_none());
    let (req, call) = export_request_for(d, "A1");
    assert!(req.to_json()["methodCalls"][0][1]["properties"]
        .as_array()
        .unwrap()
        .contains(&json!("calendarIds")));
    let resp = Response::parse(r#"{"methodResponses":[["CalendarEvent/get",{"list":[
        {"id":"E1","uid":"a","calendarIds":{"C1":true,"C9":true},"title":"Conseil","start":"2026-12-01T17:30:00","timeZone":"Europe/Paris","duration":"PT1H30M",
         "locations":{"l":{"name":"Salle 12"}},"recurrenceRules":[{"frequency":"weekly","until":"2027-06-30T23:59:59"}]},
        {"id":"E2","uid":"b","calendarIds":{"C2":true},"title":"Autre","start":"2026-12-01T10:00:00"},
        {"id":"E3","uid":"c","calendarIds":{"C1":false},"title":"Hors","start":"2026-12-01T10:00:00"},
        {"id":"E4","uid":"d","calendarIds":{"C1":true},"title":"Sans date","start":"demain"}]},"c0"]]}"#).unwrap();
    let got = read_export_for(d, &resp, &call, "C1").unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, "a");
    assert_eq!(
        (
            got[0].1.calendar_id.as_str(),
            got[0].1.repeat,
            got[0].1.minutes
        ),
        ("C1", Repeat::Weekly, 90)
    );
    let (req, _) = new_calendar_request_for(d, "A1", "Examens");
    assert_eq!(req.to_json()["using"][0], "urn:ietf:params:jmap:calendars");
}

#[test]
fn the_cyrus_form_is_unchanged_through_the_dialect() {
    let c = CalendarsDialect::Cyrus;
    assert_eq!(
        range_request("u", "a", "b").0,
        range_request_for(c, "u", "a", "b").0
    );
    for change in [
        Change::Create(weekly()),
        Change::DeleteFollowing {
            uid: "s".into(),
            recurrence_id: "2026-12-15T10:00:00".into(),
            series_start: false,
        },
    ] {
        let (a, sa, _) = change_request("u", &change, "a", "b");
        let (b, sb, _) = change_request_for(c, "u", &change, "a", "b").unwrap();
        assert_eq!((a, sa), (b, sb));
    }
    assert_eq!(export_request("u"), export_request_for(c, "u"));
    assert_eq!(
        import_request("u", &[weekly()]),
        import_request_for(c, "u", &[weekly()])
    );
    assert_eq!(find_request("u", "x"), find_request_for(c, "u", "x"));
    assert_eq!(
        new_calendar_request("u", "n"),
        new_calendar_request_for(c, "u", "n")
    );
    let resp = Response::parse(include_str!("../fixtures/calendar_event_query.json")).unwrap();
    let (_, calls) = range_request_for(c, "u", "a", "b");
    assert_eq!(
        read_range(&resp, &calls).unwrap().0[0].name,
        "Agenda personnel"
    );
}

#[test]
fn hostile_events_are_errors_or_ignored_never_panics() {
    for bad in [
        json!({ "start": 3 }),
        json!({ "recurrenceRules": { "frequency": "daily" } }),
        json!({ "recurrenceRules": [{ "frequency": "daily", "interval": -1 }] }),
        json!({ "participants": [] }),
        json!({ "participants": { "p": { "roles": { "owner": "yes" } } } }),
        json!({ "calendarIds": { "C1": "yes" } }),
        json!({ "locations": { "l": { "name": 7 } } }),
        json!({ "showWithoutTime": "false" }),
        json!({ "recurrenceOverrides": { "r": [] } }),
    ] {
        assert!(
            serde_json::from_value::<JsEvent>(bad.clone()).is_err(),
            "{bad}"
        );
    }
    let resp = Response::parse(
        r#"{"methodResponses":[["Calendar/get",{"list":[{"id":"C1","myRights":{"mayWriteAll":1}}]},"c0"],["CalendarEvent/get",{"list":[]},"c2"]]}"#,
    )
    .unwrap();
    let (_, calls) = range_request_for(CalendarsDialect::Ietf, "u", "a", "b");
    assert!(matches!(read_range(&resp, &calls), Err(Error::Decode(_))));
    let odd: JsEvent = serde_json::from_value(json!({
        "id": "E", "start": "2026-02-30T10:00:00", "duration": "P99999999999999999999D",
        "recurrenceRules": null, "participants": { "p": {} }, "x-unknown": { "deep": [null] },
        "recurrenceOverrides": { "2026-01-01T00:00:00": { "excluded": "yes", "start": 5 } }
    }))
    .unwrap();
    assert_eq!(odd.occurrence(), None);
    assert_eq!(odd.minutes(), 0);
    assert_eq!(odd.overrides()[0].1, Override::default());
    assert!(odd.invitees().is_empty() && odd.organizer().is_none());
    let huge: JsEvent =
        serde_json::from_value(json!({ "start": "2026-01-01T00:00:00", "duration": "P36600D" }))
            .unwrap();
    assert!(huge.occurrence().unwrap().minutes <= MAX_EVENT_MINUTES);
    assert_eq!(super::jscalendar::ietf_event(json!("x")), json!("x"));
}
