//! What the agenda shows: the view (day, work week, week, month) and its
//! date, as the URL keeps them (`/agenda?vue=mois&date=2026-12-14`); the
//! days each view covers, its steps, its heading and the month grid. Pure:
//! `today` is passed in.

use crate::i18n::catalogue::{format, Lang};
use crate::i18n::dates::{day_label, heading_date, month_name};
use crate::jmap::calendar::Event;
use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    Day,
    WorkWeek,
    #[default]
    Week,
    Month,
}

impl View {
    pub const ALL: [View; 4] = [View::Day, View::WorkWeek, View::Week, View::Month];

    /// The value of `vue=` in the URL.
    pub fn code(self) -> &'static str {
        match self {
            View::Day => "jour",
            View::WorkWeek => "semaine-de-travail",
            View::Week => "semaine",
            View::Month => "mois",
        }
    }

    /// The view a URL names; the week when it names none we know.
    pub fn from_code(code: &str) -> View {
        View::ALL
            .into_iter()
            .find(|v| v.code() == code)
            .unwrap_or_default()
    }

    /// The catalogue key of the view's name (« Mois »).
    pub fn label_key(self) -> &'static str {
        match self {
            View::Day => "agenda.view_day",
            View::WorkWeek => "agenda.view_workweek",
            View::Week => "agenda.view_week",
            View::Month => "agenda.view_month",
        }
    }

    /// The catalogue keys of the previous and next buttons.
    pub fn step_keys(self) -> (&'static str, &'static str) {
        match self {
            View::Day => ("agenda.previous_day", "agenda.next_day"),
            View::WorkWeek | View::Week => ("agenda.previous", "agenda.next"),
            View::Month => ("agenda.previous_month", "agenda.next_month"),
        }
    }
}

/// `2026-12-14` read by hand (no chrono parser in the wasm).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
    NaiveDate::from_ymd_opt(i32::try_from(n(0..4)?).ok()?, n(5..7)?, n(8..10)?)
}

/// `2026-12-14`, as the URL writes it.
pub fn date_code(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

pub fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

pub fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// The first day shown and the day after the last one.
pub fn bounds(view: View, date: NaiveDate) -> (NaiveDate, NaiveDate) {
    match view {
        View::Day => (date, date + Duration::days(1)),
        View::WorkWeek => (monday_of(date), monday_of(date) + Duration::days(5)),
        View::Week => (monday_of(date), monday_of(date) + Duration::days(7)),
        View::Month => {
            let weeks = month_grid(date);
            let first = weeks.first().map_or(date, |w| w[0]);
            (first, first + Duration::weeks(weeks.len() as i64))
        }
    }
}

/// The day columns of the day, work-week and week views.
pub fn columns(view: View, date: NaiveDate) -> Vec<NaiveDate> {
    let (first, end) = bounds(view, date);
    first.iter_days().take_while(|d| *d < end).collect()
}

/// The date `steps` units (day, week or month) away; a month step keeps
/// the day of the month where it exists (31 January → 28 February).
pub fn step(view: View, date: NaiveDate, steps: i32) -> NaiveDate {
    match view {
        View::Day => date + Duration::days(i64::from(steps)),
        View::WorkWeek | View::Week => date + Duration::weeks(i64::from(steps)),
        View::Month => {
            let months = Months::new(steps.unsigned_abs());
            let moved = if steps >= 0 {
                date.checked_add_months(months)
            } else {
                date.checked_sub_months(months)
            };
            moved.unwrap_or(date)
        }
    }
}

/// The weeks of `date`'s month, Monday first: whole weeks, so the first and
/// last ones hold days of the months around it.
pub fn month_grid(date: NaiveDate) -> Vec<[NaiveDate; 7]> {
    let first = first_of_month(date);
    let next = step(View::Month, first, 1);
    let mut monday = monday_of(first);
    let mut weeks = Vec::new();
    while monday < next {
        let mut week = [monday; 7];
        for (i, d) in week.iter_mut().enumerate() {
            *d = monday + Duration::days(i as i64);
        }
        weeks.push(week);
        monday += Duration::weeks(1);
    }
    weeks
}

/// The day a new event is first offered on: today when shown, else the
/// first day of the period (the 1st for a month).
pub fn first_offered(view: View, date: NaiveDate, today: NaiveDate) -> NaiveDate {
    let (first, end) = match view {
        View::Month => (
            first_of_month(date),
            step(View::Month, first_of_month(date), 1),
        ),
        _ => bounds(view, date),
    };
    if first <= today && today < end {
        today
    } else {
        first
    }
}

fn capitalised(mut s: String) -> String {
    // Day and month names all begin with an ASCII letter (no Unicode case
    // tables in the wasm for this).
    if let Some(first) = s.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    s
}

/// What the view shows, in words: « Semaine du lundi 28 décembre 2026 au
/// dimanche 3 janvier 2027 », « Décembre 2026 », « Lundi 30 novembre 2026 ».
pub fn heading(view: View, date: NaiveDate, lang: Lang) -> String {
    match view {
        View::Day => capitalised(heading_date(date, lang)),
        View::Month => capitalised(format!("{} {}", month_name(date, lang), date.year())),
        View::WorkWeek | View::Week => {
            let (first, end) = bounds(view, date);
            let last = end - Duration::days(1);
            // The year is said once, unless the period spans two.
            let from = if first.year() == last.year() {
                day_label(first, lang)
            } else {
                heading_date(first, lang)
            };
            let key = if view == View::Week {
                "agenda.week_of"
            } else {
                "agenda.workweek_of"
            };
            format(
                lang,
                key,
                &[("from", &from), ("to", &heading_date(last, lang))],
            )
        }
    }
}

/// The events of one day, all-day ones first, then by start; with their
/// Paris start. An event belongs to every day it covers.
pub fn events_on(
    events: &[Event],
    day: NaiveDate,
    start_of: impl Fn(&Event) -> NaiveDateTime,
) -> Vec<(Event, NaiveDateTime)> {
    let begin = day.and_time(chrono::NaiveTime::MIN);
    let mut list: Vec<(Event, NaiveDateTime)> = events
        .iter()
        .map(|e| (e.clone(), start_of(e)))
        .filter(|(e, s)| {
            // Starts before the day ends, ends after it begins (an event of
            // no length belongs to the day it starts).
            let end = *s + Duration::minutes(e.minutes);
            s.date() <= day && (s.date() == day || end > begin)
        })
        .collect();
    list.sort_by_key(|(e, s)| (!e.all_day, *s));
    list
}

/// How many of a month cell's `count` events are listed, and how many are
/// left to « +N autres »: all of them when they fit in `room` lines, else
/// one line fewer and the rest counted.
pub fn cell_split(count: usize, room: usize) -> (usize, usize) {
    if count <= room {
        (count, 0)
    } else {
        let shown = room.saturating_sub(1);
        (shown, count - shown)
    }
}

/// Where an arrow or paging key moves the mini-month's focused day.
pub fn key_move(day: NaiveDate, key: &str) -> Option<NaiveDate> {
    let back = i64::from(day.weekday().num_days_from_monday());
    Some(match key {
        "ArrowLeft" => day - Duration::days(1),
        "ArrowRight" => day + Duration::days(1),
        "ArrowUp" => day - Duration::weeks(1),
        "ArrowDown" => day + Duration::weeks(1),
        "Home" => day - Duration::days(back),
        "End" => day + Duration::days(6 - back),
        "PageUp" => step(View::Month, day, -1),
        "PageDown" => step(View::Month, day, 1),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn views_round_trip_through_the_url() {
        for v in View::ALL {
            assert_eq!(View::from_code(v.code()), v);
        }
        assert_eq!(View::from_code(""), View::Week);
        assert_eq!(View::from_code("année"), View::Week);
        assert_eq!(parse_date("2026-12-14"), Some(d(2026, 12, 14)));
        for bad in ["2026-02-30", "2026-1-14", "14/12/2026", "", "2026-12-1x"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(date_code(d(2027, 1, 3)), "2027-01-03");
    }

    #[test]
    fn bounds_of_each_view() {
        let thu = d(2026, 12, 31);
        let cases = [
            (View::Day, (d(2026, 12, 31), d(2027, 1, 1))),
            (View::WorkWeek, (d(2026, 12, 28), d(2027, 1, 2))),
            (View::Week, (d(2026, 12, 28), d(2027, 1, 4))),
            // December 2026: Tuesday 1st to Thursday 31st → 30 Nov to 3 Jan.
            (View::Month, (d(2026, 11, 30), d(2027, 1, 4))),
        ];
        for (v, want) in cases {
            assert_eq!(bounds(v, thu), want, "{v:?}");
        }
        assert_eq!(columns(View::WorkWeek, thu).len(), 5);
        assert_eq!(columns(View::Week, thu).len(), 7);
        assert_eq!(columns(View::Day, thu), vec![thu]);
        // February 2027 starts on a Monday and has exactly four weeks.
        assert_eq!(
            bounds(View::Month, d(2027, 2, 10)),
            (d(2027, 2, 1), d(2027, 3, 1))
        );
    }

    #[test]
    fn month_grids_are_whole_weeks_from_monday() {
        let g = month_grid(d(2026, 11, 18));
        // November 2026: Sunday 1st to Monday 30th → six weeks.
        assert_eq!(g.len(), 6);
        assert_eq!(g[0][0], d(2026, 10, 26));
        assert_eq!(g[0][6], d(2026, 11, 1));
        assert_eq!(g[5][0], d(2026, 11, 30));
        assert_eq!(g[5][6], d(2026, 12, 6));
        assert_eq!(month_grid(d(2027, 2, 28)).len(), 4);
        assert_eq!(month_grid(d(2026, 12, 1)).len(), 5);
        for week in month_grid(d(2026, 12, 1)) {
            assert_eq!(week[0].weekday(), chrono::Weekday::Mon);
        }
    }

    #[test]
    fn steps_move_by_the_views_unit() {
        let cases = [
            (View::Day, d(2026, 12, 31), 1, d(2027, 1, 1)),
            (View::Day, d(2026, 3, 1), -1, d(2026, 2, 28)),
            (View::Week, d(2026, 12, 31), 1, d(2027, 1, 7)),
            (View::WorkWeek, d(2026, 12, 31), -1, d(2026, 12, 24)),
            (View::Month, d(2027, 1, 31), 1, d(2027, 2, 28)),
            (View::Month, d(2026, 3, 31), -1, d(2026, 2, 28)),
            (View::Month, d(2026, 12, 14), 1, d(2027, 1, 14)),
            (View::Month, d(2026, 1, 14), -1, d(2025, 12, 14)),
        ];
        for (v, from, n, want) in cases {
            assert_eq!(step(v, from, n), want, "{v:?} {from} {n}");
        }
    }

    #[test]
    fn headings_say_what_is_shown() {
        let fr = |v, date| heading(v, date, Lang::Fr);
        assert_eq!(
            fr(View::Week, d(2026, 12, 31)),
            "Semaine du lundi 28 décembre 2026 au dimanche 3 janvier 2027"
        );
        assert_eq!(
            fr(View::Week, d(2026, 11, 26)),
            "Semaine du lundi 23 novembre au dimanche 29 novembre 2026"
        );
        assert_eq!(
            fr(View::WorkWeek, d(2026, 11, 26)),
            "Semaine de travail du lundi 23 novembre au vendredi 27 novembre 2026"
        );
        assert_eq!(fr(View::Month, d(2026, 12, 14)), "Décembre 2026");
        assert_eq!(fr(View::Day, d(2026, 11, 30)), "Lundi 30 novembre 2026");
        assert_eq!(fr(View::Day, d(2026, 12, 1)), "Mardi 1er décembre 2026");
        assert_eq!(heading(View::Month, d(2026, 8, 1), Lang::En), "August 2026");
        assert_eq!(
            heading(View::Week, d(2026, 12, 31), Lang::En),
            "Week of Monday 28 December 2026 to Sunday 3 January 2027"
        );
    }

    #[test]
    fn new_events_are_offered_on_a_shown_day() {
        let today = d(2026, 11, 26);
        assert_eq!(first_offered(View::Week, today, today), today);
        assert_eq!(
            first_offered(View::Week, d(2026, 12, 3), today),
            d(2026, 11, 30)
        );
        assert_eq!(
            first_offered(View::Day, d(2026, 12, 3), today),
            d(2026, 12, 3)
        );
        // The month's grid begins in October; the offer is the 1st.
        assert_eq!(
            first_offered(View::Month, d(2026, 11, 3), d(2026, 10, 27)),
            d(2026, 11, 1)
        );
        assert_eq!(first_offered(View::Month, d(2026, 11, 3), today), today);
    }

    fn event(id: &str, start: NaiveDateTime, minutes: i64, all_day: bool) -> Event {
        Event {
            id: id.into(),
            uid: id.into(),
            recurrence_id: None,
            title: id.into(),
            start,
            time_zone: "Europe/Paris".into(),
            minutes,
            all_day,
            location: String::new(),
            calendar_id: String::new(),
            description: String::new(),
            alert: None,
        }
    }

    #[test]
    fn a_days_events_all_day_first_then_by_start() {
        let day = d(2026, 12, 1);
        let at = |dd: NaiveDate, h| dd.and_hms_opt(h, 0, 0).unwrap();
        let list = [
            event("late", at(day, 17), 60, false),
            event("early", at(day, 8), 30, false),
            event("holiday", at(day, 0), 24 * 60, true),
            event("yesterday", at(d(2026, 11, 30), 9), 60, false),
            // 22:00 the day before to 02:00: on both days.
            event("night", at(d(2026, 11, 30), 22), 240, false),
            // All day the day before ends at midnight: not on this day.
            event("before", at(d(2026, 11, 30), 0), 24 * 60, true),
        ];
        let ids: Vec<String> = events_on(&list, day, |e| e.start)
            .into_iter()
            .map(|(e, _)| e.id)
            .collect();
        assert_eq!(ids, ["holiday", "night", "early", "late"]);
    }

    #[test]
    fn month_cells_count_what_does_not_fit() {
        assert_eq!(cell_split(0, 3), (0, 0));
        assert_eq!(cell_split(3, 3), (3, 0));
        assert_eq!(cell_split(4, 3), (2, 2));
        assert_eq!(cell_split(9, 3), (2, 7));
    }

    #[test]
    fn mini_month_keys() {
        let wed = d(2026, 12, 2);
        let cases = [
            ("ArrowLeft", d(2026, 12, 1)),
            ("ArrowRight", d(2026, 12, 3)),
            ("ArrowUp", d(2026, 11, 25)),
            ("ArrowDown", d(2026, 12, 9)),
            ("Home", d(2026, 11, 30)),
            ("End", d(2026, 12, 6)),
            ("PageUp", d(2026, 11, 2)),
            ("PageDown", d(2027, 1, 2)),
        ];
        for (key, want) in cases {
            assert_eq!(key_move(wed, key), Some(want), "{key}");
        }
        assert_eq!(key_move(wed, "a"), None);
    }
}
