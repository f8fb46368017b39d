//! iCalendar (RFC 5545) files: the events of a .ics read into new events,
//! and a calendar's events written out. The subset teachers' files use:
//! VEVENT with DTSTART/DTEND or DURATION (zoned, UTC, floating or whole
//! days), SUMMARY, LOCATION, DESCRIPTION and a simple RRULE (FREQ, UNTIL).

use crate::jmap::calendar::{duration_minutes, local_date_time};
use crate::jmap::calendar_set::{local, NewEvent, Repeat};
pub use crate::text_value::{escape, unescape};
use chrono::{NaiveDate, NaiveDateTime};

/// What a file gave: the events, and how many VEVENTs could not be read.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    pub events: Vec<NewEvent>,
    pub skipped: usize,
}

/// `20261201T100000Z`, `20261201T100000`, `20261201`: (time, UTC?, date only?).
pub fn date_time(v: &str) -> Option<(NaiveDateTime, bool, bool)> {
    let v = v.trim();
    let utc = v.ends_with('Z');
    let v = v.trim_end_matches('Z');
    let date_only = v.len() == 8;
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let (d, t) = v.split_once('T').unwrap_or((v, "000000"));
    if d.len() != 8 || t.len() < 4 || !digits(d) || !digits(t) {
        return None;
    }
    let s = format!(
        "{}-{}-{}T{}:{}:{}",
        &d[..4],
        &d[4..6],
        &d[6..8],
        &t[..2],
        &t[2..4],
        t.get(4..6).unwrap_or("00")
    );
    Some((local_date_time(&s)?, utc, date_only))
}

/// One content line: name, parameters, value.
pub type Property = (String, Vec<(String, String)>, String);

pub fn split(line: &str) -> Option<Property> {
    let mut quoted = false;
    let colon = line.char_indices().find_map(|(i, c)| {
        if c == '"' {
            quoted = !quoted;
        }
        (c == ':' && !quoted).then_some(i)
    })?;
    let (head, value) = (&line[..colon], &line[colon + 1..]);
    let mut parts = head.split(';');
    let name = parts.next()?.trim().to_ascii_uppercase();
    let params = parts
        .filter_map(|p| {
            let (k, v) = p.split_once('=')?;
            Some((
                k.trim().to_ascii_uppercase(),
                v.trim_matches('"').to_string(),
            ))
        })
        .collect();
    Some((name, params, value.to_string()))
}

/// The lines of a file, unfolded.
pub fn unfold(text: &str) -> String {
    text.replace("\r\n ", "")
        .replace("\r\n\t", "")
        .replace("\n ", "")
        .replace("\n\t", "")
}

pub fn parse(text: &str, calendar_id: &str, default_tz: &str) -> Parsed {
    let unfolded = unfold(text);
    let mut out = Parsed::default();
    let mut current: Option<Vec<Property>> = None;
    for line in unfolded.lines() {
        let line = line.trim_end_matches('\r');
        match line.to_ascii_uppercase().as_str() {
            "BEGIN:VEVENT" => current = Some(Vec::new()),
            "END:VEVENT" => {
                if let Some(props) = current.take() {
                    match event(&props, calendar_id, default_tz) {
                        Some(e) => out.events.push(e),
                        None => out.skipped += 1,
                    }
                }
            }
            _ => {
                if let (Some(props), Some(p)) = (current.as_mut(), split(line)) {
                    props.push(p);
                }
            }
        }
    }
    out
}

pub fn event(props: &[Property], calendar_id: &str, default_tz: &str) -> Option<NewEvent> {
    let get = |n: &str| props.iter().find(|(name, _, _)| name == n);
    let text = |n: &str| get(n).map(|(_, _, v)| unescape(v)).unwrap_or_default();
    let (_, params, start_v) = get("DTSTART")?;
    let (start, utc, date_only) = date_time(start_v)?;
    let tzid = params
        .iter()
        .find(|(k, _)| k == "TZID")
        .map(|(_, v)| v.clone());
    let time_zone = if utc {
        "Etc/UTC".to_string()
    } else {
        tzid.unwrap_or_else(|| default_tz.to_string())
    };
    let minutes = match (get("DTEND"), get("DURATION")) {
        (Some((_, _, end)), _) => (date_time(end)?.0 - start).num_minutes(),
        (None, Some((_, _, d))) => duration_minutes(d.trim())?,
        (None, None) if date_only => 24 * 60,
        _ => 0,
    };
    let (mut repeat, mut until) = (Repeat::Never, None::<NaiveDate>);
    if let Some((_, _, rule)) = get("RRULE") {
        for part in rule.split(';') {
            match part.split_once('=') {
                Some(("FREQ", f)) => repeat = Repeat::from_frequency(&f.to_ascii_lowercase()),
                Some(("UNTIL", u)) => until = date_time(u).map(|(t, _, _)| t.date()),
                _ => {}
            }
        }
    }
    Some(NewEvent {
        calendar_id: calendar_id.to_string(),
        title: text("SUMMARY"),
        start,
        minutes: minutes.max(0),
        all_day: date_only,
        location: text("LOCATION"),
        description: text("DESCRIPTION"),
        time_zone,
        repeat,
        until,
        alert: None,
    })
}

pub fn stamp(t: NaiveDateTime) -> String {
    local(t).replace(['-', ':'], "")
}

/// Lines longer than 75 octets folded, never inside a character.
pub fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// A calendar's events (uid, event) as a .ics file.
pub fn write(events: &[(String, NewEvent)]) -> String {
    let mut out = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Autan//Agenda//FR",
        "CALSCALE:GREGORIAN",
    ] {
        fold(l, &mut out);
    }
    for (uid, e) in events {
        fold("BEGIN:VEVENT", &mut out);
        fold(&format!("UID:{uid}"), &mut out);
        fold(&format!("DTSTAMP:{}Z", stamp(e.start)), &mut out);
        if e.all_day {
            fold(
                &format!("DTSTART;VALUE=DATE:{}", &stamp(e.start)[..8]),
                &mut out,
            );
            fold(
                &format!("DURATION:P{}D", (e.minutes / (24 * 60)).max(1)),
                &mut out,
            );
        } else {
            match e.time_zone.as_str() {
                "Etc/UTC" | "UTC" => fold(&format!("DTSTART:{}Z", stamp(e.start)), &mut out),
                "" => fold(&format!("DTSTART:{}", stamp(e.start)), &mut out),
                tz => fold(&format!("DTSTART;TZID={tz}:{}", stamp(e.start)), &mut out),
            }
            fold(&format!("DURATION:PT{}M", e.minutes), &mut out);
        }
        fold(&format!("SUMMARY:{}", escape(&e.title)), &mut out);
        if !e.location.is_empty() {
            fold(&format!("LOCATION:{}", escape(&e.location)), &mut out);
        }
        if !e.description.is_empty() {
            fold(&format!("DESCRIPTION:{}", escape(&e.description)), &mut out);
        }
        if let Some(f) = e.repeat.frequency() {
            let until = e
                .until
                .and_then(|d| d.and_hms_opt(23, 59, 59))
                .map(|t| format!(";UNTIL={}", stamp(t)))
                .unwrap_or_default();
            fold(
                &format!("RRULE:FREQ={}{until}", f.to_ascii_uppercase()),
                &mut out,
            );
        }
        fold("END:VEVENT", &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a@x\r\nDTSTART;TZID=Europe/Paris:20261201T173000\r\nDTEND;TZID=Europe/Paris:20261201T190000\r\nSUMMARY:Conseil de classe\\, 3e B\r\nLOCATION:Salle\r\n  12\r\nDESCRIPTION:Ordre du jour :\\nbilans\r\nRRULE:FREQ=WEEKLY;UNTIL=20270630T215959Z\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261225\r\nSUMMARY:Noël\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART:20261202T080000Z\r\nDURATION:PT1H\r\nSUMMARY:Visio\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:sans date\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    #[test]
    fn reads_zoned_whole_day_utc_and_repeating_events() {
        let p = parse(FILE, "Default", "Europe/Paris");
        assert_eq!(p.skipped, 1);
        assert_eq!(p.events.len(), 3);
        let c = &p.events[0];
        assert_eq!(c.title, "Conseil de classe, 3e B");
        assert_eq!(c.location, "Salle 12");
        assert_eq!(c.description, "Ordre du jour :\nbilans");
        assert_eq!(
            (local(c.start).as_str(), c.minutes),
            ("2026-12-01T17:30:00", 90)
        );
        assert_eq!(c.time_zone, "Europe/Paris");
        assert_eq!(
            (c.repeat, c.until),
            (Repeat::Weekly, NaiveDate::from_ymd_opt(2027, 6, 30))
        );
        assert!(p.events[1].all_day && p.events[1].minutes == 24 * 60);
        assert_eq!(
            (p.events[2].time_zone.as_str(), p.events[2].minutes),
            ("Etc/UTC", 60)
        );
    }

    #[test]
    fn what_is_written_reads_back_the_same() {
        let p = parse(FILE, "Default", "Europe/Paris");
        let long = NewEvent {
            title: "É".repeat(60),
            ..p.events[0].clone()
        };
        let mut list: Vec<(String, NewEvent)> = p
            .events
            .into_iter()
            .enumerate()
            .map(|(i, e)| (format!("u{i}"), e))
            .collect();
        list.push(("u9".into(), long));
        let text = write(&list);
        assert!(text.lines().all(|l| l.len() <= 76));
        let back = parse(&text, "Default", "Europe/Paris");
        assert_eq!(back.skipped, 0);
        assert_eq!(
            back.events,
            list.into_iter().map(|(_, e)| e).collect::<Vec<_>>()
        );
    }

    #[test]
    fn hostile_lines_do_not_panic() {
        for t in [
            "BEGIN:VEVENT\nDTSTART:2026\nEND:VEVENT",
            "BEGIN:VEVENT\nDTSTART:20261301T250000\nEND:VEVENT",
            "BEGIN:VEVENT\nDTSTART:20261201\nDURATION:P99999999999999W\nEND:VEVENT",
            "\u{0}:\\",
            "BEGIN:VEVENT\nDTSTART;TZID=\"a:b\":20261201T100000\nEND:VEVENT",
        ] {
            let _ = parse(t, "c", "Europe/Paris");
        }
    }
}
