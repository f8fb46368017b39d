//! Agenda: the week view (Monday to Sunday, Europe/Paris), one request per
//! week (calendars, expanded occurrences, events). Overlapping events sit
//! side by side; every event is also plain text in its day's list.

use crate::auth::use_auth;
use crate::i18n::dates::{day_label, paris_to_utc, to_paris};
use crate::i18n::{tr, use_i18n};
mod event_details;
mod event_form;
pub mod ics;
pub mod imip;
mod transfer;

use crate::config::Config;
use crate::jmap::calendar::{range_request, read_range, Calendar, Event};
use crate::jmap::calendar_set::{change_request, Change, NewEvent};
use crate::jmap::response::SetResponse;
use crate::jmap::session::CYRUS_CALENDARS;
use crate::ui::notices::use_notices;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// First and last hour drawn (events outside are clamped, still listed).
const FIRST_HOUR: i64 = 7;
const LAST_HOUR: i64 = 21;
const HOUR_PX: i64 = 48;

/// An event's start in Paris wall-clock time: Paris and floating times as
/// they are, UTC converted; other zones are shown as written (no zone
/// database in the app yet).
pub fn paris_start(e: &Event) -> NaiveDateTime {
    match e.time_zone.as_str() {
        "UTC" | "Etc/UTC" | "Z" => to_paris(Utc.from_utc_datetime(&e.start)),
        _ => e.start,
    }
}

/// Moving an event to a Paris wall-clock start, in the event's own terms.
pub fn move_to(e: &Event, paris: NaiveDateTime) -> Change {
    let start = match e.time_zone.as_str() {
        "UTC" | "Etc/UTC" | "Z" => paris_to_utc(paris).naive_utc(),
        _ => paris,
    };
    Change::Move {
        id: e.id.clone(),
        start,
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

pub fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

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

fn hm(t: NaiveDateTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

#[component]
pub fn AgendaPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let notices = use_notices();
    let today = to_paris(Utc::now()).date();
    let week = RwSignal::new(0i64);
    let events = RwSignal::new(Vec::<Event>::new());
    let calendars = RwSignal::new(Vec::<Calendar>::new());
    let loading = RwSignal::new(false);
    let monday = Memo::new(move |_| monday_of(today) + Duration::weeks(week.get()));
    let at = |d: NaiveDate| {
        d.and_hms_opt(0, 0, 0)
            .map(|t| crate::jmap::calendar::utc_date(paris_to_utc(t)))
            .unwrap_or_default()
    };
    let account = move || calendar_client(auth);
    // Bumped after an import or a new calendar: the week is read again.
    let version = RwSignal::new(0u32);
    Effect::new(move |_| {
        let m = monday.get();
        version.track();
        let Some((client, account)) = account() else {
            return;
        };
        let (req, calls) = range_request(&account, &at(m), &at(m + Duration::days(7)));
        loading.set(true);
        spawn_local(async move {
            let result = client.send(req).await.and_then(|r| read_range(&r, &calls));
            if monday.try_get_untracked() != Some(m) {
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
    // Every change is sent with the week read again: one request.
    let apply = Callback::new(move |change: Change| {
        let Some((client, account)) = account() else {
            return;
        };
        let m = monday.get_untracked();
        let (req, set, calls) =
            change_request(&account, &change, &at(m), &at(m + Duration::days(7)));
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
                    notices.info.set(Some("agenda.changed"));
                }
                Err(e) => notices.report(&e),
            }
        });
    });
    let config = expect_context::<Config>();
    let creating = RwSignal::new(false);
    // The calendar new events and imports go to (chosen in the tools).
    let target = RwSignal::new(String::new());
    let writable = Signal::derive(move || target.get());
    let reload = Callback::new(move |()| version.update(|v| *v += 1));
    let first_day = Signal::derive(move || {
        let m = monday.get();
        if monday_of(today) == m {
            today
        } else {
            m
        }
    });
    let save = Callback::new(move |e: NewEvent| apply.run(Change::Create(e)));
    let opened = RwSignal::new(None::<Event>);
    let details = RwSignal::new(false);
    let open_event = Callback::new(move |e: Event| {
        opened.set(Some(e));
        details.set(true);
    });
    let move_event = Callback::new(move |(id, start): (String, NaiveDateTime)| {
        let e = events.with_untracked(|l| l.iter().find(|e| e.id == id).cloned());
        if let Some(e) = e {
            apply.run(move_to(&e, start));
        }
    });
    let title = move || {
        let m = monday.get();
        let lang = i18n.lang.get();
        i18n.tf(
            "agenda.week_of",
            &[
                ("from", &day_label(m, lang)),
                ("to", &day_label(m + Duration::days(6), lang)),
                ("year", &m.year().to_string()),
            ],
        )
    };
    let days = move || {
        (0..7)
            .map(|i| monday.get() + Duration::days(i))
            .collect::<Vec<_>>()
    };
    let hours = (FIRST_HOUR..LAST_HOUR)
        .map(|h| view! { <li class="hour">{format!("{h:02}:00")}</li> })
        .collect_view();
    view! {
        <main id="contenu" class="agenda" tabindex="-1" aria-busy=move || loading.get().then_some("true")>
            <div class="agenda-header">
                <h1>{title}</h1>
                <div class="toolbar" role="toolbar" aria-label=tr("agenda.navigation")>
                    <button type="button" on:click=move |_| week.update(|w| *w -= 1)>{tr("agenda.previous")}</button>
                    <button type="button" on:click=move |_| week.set(0)>{tr("agenda.today")}</button>
                    <button type="button" on:click=move |_| week.update(|w| *w += 1)>{tr("agenda.next")}</button>
                </div>
                <button type="button" class="primary" on:click=move |_| creating.set(true)>{tr("agenda.new_event")}</button>
            </div>
            <event_form::EventForm
                open=creating
                first_day=first_day
                calendar_id=writable
                time_zone=config.time_zone.clone()
                on_save=save
            />
            <event_details::EventDetails open=details event=opened on_change=apply />
            <transfer::CalendarTools calendars=calendars target=target on_changed=reload />
            <div class="week">
                <ol class="hours" aria-hidden="true">{hours}</ol>
                <For each=days key=|d| *d let:day>
                    <Day day=day events=events today=today on_open=open_event on_move=move_event />
                </For>
            </div>
        </main>
    }
}

#[component]
fn Day(
    day: NaiveDate,
    events: RwSignal<Vec<Event>>,
    today: NaiveDate,
    on_open: Callback<Event>,
    on_move: Callback<(String, NaiveDateTime)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let column = NodeRef::<leptos::html::Ul>::new();
    // A drop sets the start to the quarter hour under the pointer.
    let drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        let Some(id) = ev.data_transfer().and_then(|d| d.get_data(DRAG_TYPE).ok()) else {
            return;
        };
        let Some(ul) = column.get_untracked() else {
            return;
        };
        let y = f64::from(ev.client_y()) - ul.get_bounding_client_rect().top();
        let minutes =
            (FIRST_HOUR * 60 + (y as i64) * 60 / HOUR_PX).clamp(0, 24 * 60 - 15) / 15 * 15;
        if !id.is_empty() {
            if let Some(start) = day.and_hms_opt((minutes / 60) as u32, (minutes % 60) as u32, 0) {
                on_move.run((id, start));
            }
        }
    };
    let heading = format!("jour-{day}");
    let mine = move || {
        let mut list: Vec<(Event, NaiveDateTime)> = events.with(|es| {
            es.iter()
                .map(|e| (e.clone(), paris_start(e)))
                .filter(|(e, s)| {
                    let end = *s + Duration::minutes(e.minutes.max(1));
                    s.date() <= day && (end.date() > day || (end.date() == day && s.date() == day))
                })
                .collect()
        });
        list.sort_by_key(|(e, s)| (!e.all_day, *s));
        list
    };
    let placed = move || {
        let list = mine();
        let spans: Vec<(i64, i64)> = list
            .iter()
            .map(|(e, s)| {
                let start = if s.date() < day {
                    0
                } else {
                    i64::from(s.hour() * 60 + s.minute())
                };
                (start, start + e.minutes.max(15))
            })
            .collect();
        let places = lanes(&spans);
        list.into_iter()
            .zip(spans)
            .zip(places)
            .map(|(((e, s), span), (_, lane, of))| (e, s, span, lane, of))
            .collect::<Vec<_>>()
    };
    view! {
        <section class="day" class:today=day == today aria-labelledby=heading.clone()>
            <h2 id=heading.clone()>{move || day_label(day, i18n.lang.get())}</h2>
            <ul
                class="day-events"
                node_ref=column
                on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
                on:drop=drop
            >
                {move || {
                    placed()
                        .into_iter()
                        .map(|(e, s, (start, end), lane, of)| {
                            let top = ((start - FIRST_HOUR * 60).max(0) * HOUR_PX / 60).min((LAST_HOUR - FIRST_HOUR) * HOUR_PX - 16);
                            let height = ((end - start) * HOUR_PX / 60).max(18);
                            let when = if e.all_day {
                                i18n.t("agenda.all_day").to_string()
                            } else {
                                format!("{} – {}", hm(s), hm(s + Duration::minutes(e.minutes)))
                            };
                            let where_ = (!e.location.is_empty()).then(|| format!(", {}", e.location));
                            let id = e.id.clone();
                            let opened = e.clone();
                            view! {
                                <li
                                    class="event"
                                    draggable="true"
                                    on:dragstart=move |ev: leptos::ev::DragEvent| {
                                        if let Some(d) = ev.data_transfer() {
                                            let _ = d.set_data(DRAG_TYPE, &id);
                                            d.set_effect_allowed("move");
                                        }
                                    }
                                    class:all-day=e.all_day
                                    style:top=format!("{top}px")
                                    style:height=format!("{height}px")
                                    style:left=format!("{}%", lane * 100 / of)
                                    style:width=format!("{}%", 100 / of)
                                >
                                    <button type="button" class="event-open" on:click=move |_| on_open.run(opened.clone())>
                                        <span class="event-time">{when}</span>
                                        " "
                                        <span class="event-title">{e.title.clone()}</span>
                                        {where_}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
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
        };
        assert_eq!(paris_start(&e).hour(), 10);
    }
}
