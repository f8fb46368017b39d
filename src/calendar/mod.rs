//! Agenda: day, work-week, week and month views (Europe/Paris), the view
//! and its date kept in the URL (`/agenda?vue=mois&date=2026-12-14`); one
//! request per view (calendars, expanded occurrences, events).

use crate::auth::use_auth;
use crate::i18n::dates::{paris_to_utc, to_paris};
use crate::i18n::{tr, use_i18n};
pub mod app;
mod calendar_list;
mod event_details;
mod event_form;
pub mod ics;
pub mod imip;
pub mod period;
pub mod shown;
mod transfer;
mod views;

use crate::config::Config;
use crate::jmap::calendar::{range_request, read_range, Calendar, Event, WeekCalls};
use crate::jmap::calendar_manage::{calendar_change_request, CalendarChange};
use crate::jmap::calendar_set::{change_request, Change, NewEvent};
use crate::jmap::request::{Call, Request};
use crate::jmap::response::SetResponse;
use crate::jmap::session::CYRUS_CALENDARS;
use crate::ui::notices::use_notices;
use chrono::{NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use period::View;

/// An event's start in Paris wall-clock time: Paris and floating times as
/// they are, UTC converted; other zones are shown as written (no zone
/// database in the app yet).
pub fn paris_start(e: &Event) -> NaiveDateTime {
    match e.time_zone.as_str() {
        "UTC" | "Etc/UTC" | "Z" => to_paris(Utc.from_utc_datetime(&e.start)),
        _ => e.start,
    }
}

/// A Paris wall-clock time in the terms of an event of zone `time_zone`.
pub fn to_event_terms(time_zone: &str, paris: NaiveDateTime) -> NaiveDateTime {
    match time_zone {
        "UTC" | "Etc/UTC" | "Z" => paris_to_utc(paris).naive_utc(),
        _ => paris,
    }
}

/// Moving an event to a Paris wall-clock start, in the event's own terms.
pub fn move_to(e: &Event, paris: NaiveDateTime) -> Change {
    Change::Move {
        id: e.id.clone(),
        start: to_event_terms(&e.time_zone, paris),
    }
}

/// The client and the calendars account of the session, if any.
pub fn calendar_client(
    auth: crate::auth::AuthState,
) -> Option<(crate::jmap::client::Client, String)> {
    let client = auth.client.get_untracked()?;
    let account = client.session().account_for(CYRUS_CALENDARS)?.to_string();
    Some((client, account))
}

/// The drag-and-drop payload type of an event.
const DRAG_TYPE: &str = "application/x-autan-event";

pub use period::monday_of;

/// Side-by-side placement of a day's timed events: (index, lane, lanes of
/// its overlapping group), by start time.
pub fn lanes(spans: &[(i64, i64)]) -> Vec<(usize, usize, usize)> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|i| (spans[*i].0, spans[*i].1));
    let mut out = Vec::new();
    let mut group: Vec<(usize, usize)> = Vec::new(); // (index, lane)
    let mut lane_ends: Vec<i64> = Vec::new();
    let mut group_end = i64::MIN;
    let flush = |group: &mut Vec<(usize, usize)>,
                 lane_ends: &mut Vec<i64>,
                 out: &mut Vec<(usize, usize, usize)>| {
        let n = lane_ends.len().max(1);
        out.extend(group.drain(..).map(|(i, l)| (i, l, n)));
        lane_ends.clear();
    };
    for i in order {
        let (start, end) = spans[i];
        let end = end.max(start + 1);
        if start >= group_end {
            flush(&mut group, &mut lane_ends, &mut out);
        }
        let lane = match lane_ends.iter().position(|e| *e <= start) {
            Some(l) => {
                lane_ends[l] = end;
                l
            }
            None => {
                lane_ends.push(end);
                lane_ends.len() - 1
            }
        };
        group.push((i, lane));
        group_end = group_end.max(end);
    }
    flush(&mut group, &mut lane_ends, &mut out);
    out.sort_by_key(|(i, _, _)| *i);
    out
}

pub(crate) fn hm(t: NaiveDateTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

#[component]
pub fn AgendaPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let notices = use_notices();
    let today = to_paris(Utc::now()).date();
    // The view and its date, as the URL says (the week of today without).
    let query = use_query_map();
    let view = Memo::new(move |_| query.with(|q| View::from_code(q.get_str("vue").unwrap_or(""))));
    let date = Memo::new(move |_| {
        query
            .with(|q| q.get_str("date").and_then(period::parse_date))
            .unwrap_or(today)
    });
    let navigate = use_navigate();
    let go = Callback::new(move |(v, d): (View, NaiveDate)| {
        let url = format!("/agenda?vue={}&date={}", v.code(), period::date_code(d));
        navigate(
            &url,
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    });
    let events = RwSignal::new(Vec::<Event>::new());
    let calendars = RwSignal::new(Vec::<Calendar>::new());
    let loading = RwSignal::new(false);
    let range = Memo::new(move |_| period::bounds(view.get(), date.get()));
    let at = |d: NaiveDate| {
        d.and_hms_opt(0, 0, 0)
            .map(|t| crate::jmap::calendar::utc_date(paris_to_utc(t)))
            .unwrap_or_default()
    };
    let account = move || calendar_client(auth);
    // Bumped after an import or a new calendar: the period is read again.
    let version = RwSignal::new(0u32);
    Effect::new(move |_| {
        let r = range.get();
        version.track();
        let Some((client, account)) = account() else {
            return;
        };
        let (req, calls) = range_request(&account, &at(r.0), &at(r.1));
        loading.set(true);
        spawn_local(async move {
            let result = client.send(req).await.and_then(|r| read_range(&r, &calls));
            if range.try_get_untracked() != Some(r) {
                return;
            }
            loading.set(false);
            match result {
                Ok((cals, list)) => {
                    calendars.set(cals);
                    events.set(list);
                }
                Err(e) => notices.report(&e),
            }
        });
    });
    /// A change's request: the set call, the period re-read after it.
    type PeriodChange = (Request, Call, WeekCalls);
    // Every change (an event's, or a calendar's: rename, colour, delete) is
    // sent with the period read again: one request.
    let send = move |build: &dyn Fn(&str, &str, &str) -> PeriodChange, done: &'static str| {
        let Some((client, account)) = account() else {
            return;
        };
        let r = range.get_untracked();
        let (req, set, calls) = build(&account, &at(r.0), &at(r.1));
        spawn_local(async move {
            let result = client.send(req).await.and_then(|r| {
                if let Some(e) = r.get::<SetResponse>(&set)?.first_error() {
                    return Err(e);
                }
                read_range(&r, &calls)
            });
            match result {
                Ok((cals, list)) => {
                    calendars.try_set(cals);
                    events.try_set(list);
                    notices.info.set(Some(done));
                }
                Err(e) => notices.report(&e),
            }
        });
    };
    let apply = Callback::new(move |change: Change| {
        send(
            &|a, from, to| change_request(a, &change, from, to),
            "agenda.changed",
        );
    });
    let apply_calendar = Callback::new(move |change: CalendarChange| {
        send(
            &|a, from, to| calendar_change_request(a, &change, from, to),
            "agenda.calendar_changed",
        );
    });
    // The calendars hidden from the views, kept per account on this device.
    let hidden_key = auth.client.with_untracked(|c| {
        c.as_ref()
            .map(|c| format!("{}{}", shown::HIDDEN_PREFIX, c.session().username))
    });
    let hidden = RwSignal::new(
        hidden_key
            .as_deref()
            .and_then(crate::browser::local_get)
            .map(|s| shown::parse_hidden(&s))
            .unwrap_or_default(),
    );
    let on_show = Callback::new(move |(id, show): (String, bool)| {
        let next = hidden.with_untracked(|h| shown::toggle(h, &id, show));
        if let Some(key) = &hidden_key {
            crate::browser::local_set(key, &shown::write_hidden(&next));
        }
        hidden.set(next);
    });
    let shown_events = Memo::new(move |_| events.with(|l| hidden.with(|h| shown::visible(l, h))));
    let config = expect_context::<Config>();
    let creating = RwSignal::new(false);
    // The calendar new events and imports go to (chosen in the tools).
    let target = RwSignal::new(String::new());
    let writable = Signal::derive(move || target.get());
    let reload = Callback::new(move |()| version.update(|v| *v += 1));
    let first_day = Signal::derive(move || period::first_offered(view.get(), date.get(), today));
    let save = Callback::new(move |e: NewEvent| apply.run(Change::Create(e)));
    let opened = RwSignal::new(None::<Event>);
    let details = RwSignal::new(false);
    let editing = RwSignal::new(None::<Event>);
    let edit_event = Callback::new(move |e: Event| {
        details.set(false);
        editing.set(Some(e));
        creating.set(true);
    });
    let open_event = Callback::new(move |e: Event| {
        opened.set(Some(e));
        details.set(true);
    });
    let move_event = Callback::new(move |(id, start): (String, NaiveDateTime)| {
        let e = events.with_untracked(|l| l.iter().find(|e| e.id == id).cloned());
        if let Some(e) = e {
            if calendars.with_untracked(|c| shown::writable(c, &e.calendar_id)) {
                apply.run(move_to(&e, start));
            } else {
                notices.info.set(Some("agenda.read_only"));
            }
        }
    });
    let opened_calendar = Signal::derive(move || {
        opened.with(|e| {
            e.as_ref()
                .and_then(|e| calendars.with(|c| shown::calendar_of(c, &e.calendar_id).cloned()))
        })
    });
    let read_only = Signal::derive(move || {
        opened_calendar.with(|c| !c.as_ref().is_some_and(|c| c.may_modify_items))
    });
    let calendar_name = Signal::derive(move || {
        opened_calendar.with(|c| c.as_ref().map(|c| c.name.clone()).unwrap_or_default())
    });
    let open_day = Callback::new(move |d: NaiveDate| go.run((View::Day, d)));
    let pick = Callback::new(move |d: NaiveDate| go.run((view.get_untracked(), d)));
    let title = move || period::heading(view.get(), date.get(), i18n.lang.get());
    let days = Signal::derive(move || period::columns(view.get(), date.get()));
    let (view, date) = (Signal::from(view), Signal::from(date));
    view! {
        <main id="contenu" class="agenda" tabindex="-1" aria-busy=move || loading.get().then_some("true")>
            <div class="agenda-header">
                <h1 id="agenda-title">{title}</h1>
                <views::toolbar::AgendaToolbar view=view date=date today=today go=go />
                <button type="button" class="primary" on:click=move |_| {
                    editing.set(None);
                    creating.set(true);
                }>{tr("agenda.new_event")}</button>
            </div>
            <event_form::EventForm
                open=creating
                first_day=first_day
                calendar_id=writable
                time_zone=config.time_zone.clone()
                on_save=save
                editing=editing
                on_change=apply
            />
            <event_details::EventDetails
                open=details
                event=opened
                on_change=apply
                read_only=read_only
                calendar_name=calendar_name
                on_edit=edit_event
            />
            <div class="agenda-body">
                <div class="agenda-side">
                    <views::mini_month::MiniMonth date=date today=today on_pick=pick />
                    <calendar_list::CalendarList
                        calendars=calendars
                        hidden=hidden
                        on_show=on_show
                        on_change=apply_calendar
                    />
                    <transfer::CalendarTools calendars=calendars target=target on_changed=reload />
                </div>
                {move || {
                    if view.get() == View::Month {
                        view! {
                            <views::month::MonthView
                                date=date
                                events=shown_events
                                calendars=calendars
                                today=today
                                labelled_by="agenda-title"
                                on_open=open_event
                                on_day=open_day
                            />
                        }
                            .into_any()
                    } else {
                        view! {
                            <views::columns::TimeGrid
                                days=days
                                events=shown_events
                                calendars=calendars
                                today=today
                                on_open=open_event
                                on_move=move_event
                            />
                        }
                            .into_any()
                    }
                }}
            </div>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_events_share_the_width() {
        // 9-11 and 10-12 overlap (2 lanes); 13-14 alone.
        let l = lanes(&[(540, 660), (600, 720), (780, 840)]);
        assert_eq!(l, vec![(0, 0, 2), (1, 1, 2), (2, 0, 1)]);
        // A chain: 9-10, 9:30-11, 10-10:30 reuses lane 0.
        let l = lanes(&[(540, 600), (570, 660), (600, 630)]);
        assert_eq!(l, vec![(0, 0, 2), (1, 1, 2), (2, 0, 2)]);
        assert!(lanes(&[]).is_empty());
    }

    #[test]
    fn weeks_start_on_monday_and_utc_events_are_shown_in_paris() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(monday_of(d), NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        let e = Event {
            id: "x".into(),
            uid: "x".into(),
            recurrence_id: None,
            title: "t".into(),
            start: NaiveDate::from_ymd_opt(2026, 7, 1)
                .unwrap()
                .and_hms_opt(8, 0, 0)
                .unwrap(),
            time_zone: "Etc/UTC".into(),
            minutes: 60,
            all_day: false,
            location: String::new(),
            calendar_id: String::new(),
            description: String::new(),
            alert: None,
        };
        assert_eq!(paris_start(&e).hour(), 10);
    }
}
