//! Dates as French users read them, in Europe/Paris time. Pure: `now` is passed in.

use super::catalogue::{text, Lang};
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Timelike, Utc, Weekday};

/// Last Sunday of a month, as a date.
fn last_sunday(year: i32, month: u32) -> Option<NaiveDate> {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let last = first_next.pred_opt()?;
    let back = last.weekday().num_days_from_sunday();
    Some(last - Duration::days(i64::from(back)))
}

/// UTC offset of Europe/Paris at `utc`: summer time runs from the last Sunday
/// of March to the last Sunday of October, 01:00 UTC (EU rule since 1996).
pub fn paris_offset_seconds(utc: DateTime<Utc>) -> i32 {
    let year = utc.year();
    let start = last_sunday(year, 3).and_then(|d| d.and_hms_opt(1, 0, 0));
    let end = last_sunday(year, 10).and_then(|d| d.and_hms_opt(1, 0, 0));
    match (start, end) {
        (Some(s), Some(e)) if utc.naive_utc() >= s && utc.naive_utc() < e => 7200,
        _ => 3600,
    }
}

/// Wall-clock time in Paris.
pub fn to_paris(utc: DateTime<Utc>) -> chrono::NaiveDateTime {
    utc.naive_utc() + Duration::seconds(i64::from(paris_offset_seconds(utc)))
}

pub fn parse_utc(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

const FR_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const FR_MONTHS_SHORT: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const FR_DAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const EN_DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn day_name(lang: Lang, w: Weekday) -> &'static str {
    let i = w.num_days_from_monday() as usize;
    match lang {
        Lang::Fr => FR_DAYS[i],
        Lang::En => EN_DAYS[i],
    }
}

/// The short date of a message list row: the time today, « hier » and the
/// time yesterday, day and month this year, the full numeric date before.
pub fn list_date(when: DateTime<Utc>, now: DateTime<Utc>, lang: Lang) -> String {
    let local = to_paris(when);
    let today = to_paris(now).date();
    let time = format!("{:02}:{:02}", local.hour(), local.minute());
    let m = local.month0() as usize;
    if local.date() == today {
        time
    } else if today.pred_opt() == Some(local.date()) {
        format!("{} {time}", text(lang, "date.yesterday"))
    } else if local.year() == today.year() && local.date() < today {
        match lang {
            Lang::Fr => format!("{} {}", local.day(), FR_MONTHS_SHORT[m]),
            Lang::En => format!("{} {}", local.day(), &EN_MONTHS[m][..3]),
        }
    } else {
        format!("{:02}/{:02}/{}", local.day(), local.month(), local.year())
    }
}

/// The full date, e.g. « mardi 12 novembre 2026 à 14:05 ».
pub fn full_date(when: DateTime<Utc>, lang: Lang) -> String {
    let l = to_paris(when);
    let m = l.month0() as usize;
    let month = match lang {
        Lang::Fr => FR_MONTHS[m],
        Lang::En => EN_MONTHS[m],
    };
    let day = match (lang, l.day()) {
        (Lang::Fr, 1) => "1er".to_string(),
        (_, d) => d.to_string(),
    };
    format!(
        "{} {day} {month} {} {} {:02}:{:02}",
        day_name(lang, l.weekday()),
        l.year(),
        text(lang, "date.at"),
        l.hour(),
        l.minute()
    )
}

/// « mardi 24 novembre » (the day of a calendar column).
pub fn day_label(d: NaiveDate, lang: Lang) -> String {
    let m = d.month0() as usize;
    match lang {
        Lang::Fr => format!(
            "{} {} {}",
            day_name(lang, d.weekday()),
            d.day(),
            FR_MONTHS[m]
        ),
        Lang::En => format!(
            "{} {} {}",
            day_name(lang, d.weekday()),
            EN_MONTHS[m],
            d.day()
        ),
    }
}

/// « mardi 1 décembre 2026 »: a day named in full, as buttons and cells
/// are called (the name holds the number they show).
pub fn long_date(d: NaiveDate, lang: Lang) -> String {
    dated(d, d.day().to_string(), lang)
}

/// « mardi 1er décembre 2026 »: a day named in full in a heading.
pub fn heading_date(d: NaiveDate, lang: Lang) -> String {
    let day = match (lang, d.day()) {
        (Lang::Fr, 1) => "1er".to_string(),
        (_, n) => n.to_string(),
    };
    dated(d, day, lang)
}

fn dated(d: NaiveDate, day: String, lang: Lang) -> String {
    let name = day_name(lang, d.weekday());
    format!("{name} {day} {} {}", month_name(d, lang), d.year())
}

/// « décembre », « December ».
pub fn month_name(d: NaiveDate, lang: Lang) -> &'static str {
    let m = d.month0() as usize;
    match lang {
        Lang::Fr => FR_MONTHS[m],
        Lang::En => EN_MONTHS[m],
    }
}

/// The name of the `i`-th day of the week, Monday first.
pub fn weekday_name(i: usize, lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => FR_DAYS[i % 7],
        Lang::En => EN_DAYS[i % 7],
    }
}

/// A birthday (`YYYY-MM-DD` or `--MM-DD`) written out: « 14 mars 1985 »,
/// « 1er avril », « March 14, 1985 »; None if it is not such a date.
/// By hand: chrono's `format` would weigh on the .wasm.
pub fn birthday(iso: &str, lang: Lang) -> Option<String> {
    let (year, md) = match iso.strip_prefix("--") {
        Some(md) => (None, md),
        None => (Some(iso.get(0..4)?), iso.get(5..)?),
    };
    let month: usize = md.get(0..2)?.parse().ok()?;
    let day: u32 = md.get(3..5)?.parse().ok()?;
    if md.len() != 5 || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    if year.is_some_and(|y| !y.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    Some(match (lang, year) {
        (Lang::Fr, _) => {
            let d = if day == 1 {
                "1er".to_string()
            } else {
                day.to_string()
            };
            let out = format!("{d} {}", FR_MONTHS[month - 1]);
            year.map_or(out.clone(), |y| format!("{out} {y}"))
        }
        (Lang::En, Some(y)) => format!("{} {day}, {y}", EN_MONTHS[month - 1]),
        (Lang::En, None) => format!("{} {day}", EN_MONTHS[month - 1]),
    })
}

/// The UTC instant of a Paris wall-clock time (the later one when the clock
/// goes back, the shifted one when it jumps forward).
pub fn paris_to_utc(local: chrono::NaiveDateTime) -> DateTime<Utc> {
    for offset in [7200, 3600] {
        let utc = Utc.from_utc_datetime(&(local - Duration::seconds(offset)));
        if i64::from(paris_offset_seconds(utc)) == offset {
            return utc;
        }
    }
    Utc.from_utc_datetime(&(local - Duration::seconds(3600)))
}

/// A UTC instant from Paris wall-clock parts (for tests and forms).
pub fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> Option<DateTime<Utc>> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).single()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        parse_utc(s).unwrap()
    }

    #[test]
    fn paris_offsets_across_dst_changes() {
        let cases = [
            ("2026-03-29T00:59:59Z", 3600),
            ("2026-03-29T01:00:00Z", 7200),
            ("2026-10-25T00:59:59Z", 7200),
            ("2026-10-25T01:00:00Z", 3600),
            ("2026-01-15T12:00:00Z", 3600),
            ("2026-07-14T12:00:00Z", 7200),
            ("2027-03-28T01:00:00Z", 7200),
        ];
        for (s, want) in cases {
            assert_eq!(paris_offset_seconds(at(s)), want, "{s}");
        }
    }

    #[test]
    fn list_dates_in_french() {
        let now = at("2026-11-22T10:00:00Z");
        let cases = [
            ("2026-11-22T07:05:00Z", "08:05"),
            ("2026-11-21T22:30:00Z", "hier 23:30"),
            // 23:30 UTC on the 21st is already the 22nd in Paris.
            ("2026-11-21T23:30:00Z", "00:30"),
            ("2026-03-01T12:00:00Z", "1 mars"),
            ("2026-02-10T12:00:00Z", "10 févr."),
            ("2025-12-31T23:30:00Z", "1 janv."),
            ("2025-12-30T12:00:00Z", "30/12/2025"),
        ];
        for (s, want) in cases {
            assert_eq!(list_date(at(s), now, Lang::Fr), want, "{s}");
        }
        assert_eq!(
            list_date(at("2026-02-10T12:00:00Z"), now, Lang::En),
            "10 Feb"
        );
        assert_eq!(
            list_date(at("2026-11-21T12:00:00Z"), now, Lang::En),
            "yesterday 13:00"
        );
    }

    #[test]
    fn birthdays_written_out() {
        let fr = |s| birthday(s, Lang::Fr);
        assert_eq!(fr("1985-03-14").as_deref(), Some("14 mars 1985"));
        assert_eq!(fr("1990-04-01").as_deref(), Some("1er avril 1990"));
        assert_eq!(fr("--08-15").as_deref(), Some("15 août"));
        assert_eq!(
            birthday("1985-03-14", Lang::En).as_deref(),
            Some("March 14, 1985")
        );
        assert_eq!(
            birthday("--12-25", Lang::En).as_deref(),
            Some("December 25")
        );
        for bad in [
            "",
            "1985-13-01",
            "1985-00-10",
            "--1-1",
            "abcd-03-14",
            "1985-03-14x",
            "é",
        ] {
            assert_eq!(fr(bad), None, "{bad}");
        }
    }

    #[test]
    fn full_dates() {
        assert_eq!(
            full_date(at("2026-11-17T16:30:00Z"), Lang::Fr),
            "mardi 17 novembre 2026 à 17:30"
        );
        assert_eq!(
            full_date(at("2026-09-01T06:00:00Z"), Lang::Fr),
            "mardi 1er septembre 2026 à 08:00"
        );
        assert_eq!(
            full_date(at("2026-07-14T12:00:00Z"), Lang::En),
            "Tuesday 14 July 2026 at 14:00"
        );
        assert!(utc(2026, 2, 30, 0, 0).is_none());
    }

    #[test]
    fn long_dates() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(long_date(d(2026, 12, 1), Lang::Fr), "mardi 1 décembre 2026");
        assert_eq!(
            heading_date(d(2026, 12, 1), Lang::Fr),
            "mardi 1er décembre 2026"
        );
        assert_eq!(
            long_date(d(2027, 1, 3), Lang::Fr),
            "dimanche 3 janvier 2027"
        );
        assert_eq!(
            heading_date(d(2026, 12, 1), Lang::En),
            "Tuesday 1 December 2026"
        );
        assert_eq!(weekday_name(6, Lang::Fr), "dimanche");
    }
}
