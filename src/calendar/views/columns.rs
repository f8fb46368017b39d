//! The day, work-week and week views: an hour ruler beside one column per
//! day. Overlapping events sit side by side; every event is also plain
//! text in its day's list; an event dragged onto a column moves there.

use super::super::{hm, lanes, paris_start, DRAG_TYPE};
use crate::calendar::period::events_on;
use crate::calendar::shown::{calendar_of, color_of, DEFAULT_COLOR};
use crate::i18n::dates::day_label;
use crate::i18n::use_i18n;
use crate::jmap::calendar::{Calendar, Event};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use leptos::prelude::*;

/// First and last hour drawn (events outside are clamped, still listed).
pub const FIRST_HOUR: i64 = 7;
pub const LAST_HOUR: i64 = 21;
pub const HOUR_PX: i64 = 48;

#[component]
pub fn TimeGrid(
    days: Signal<Vec<NaiveDate>>,
    #[prop(into)] events: Signal<Vec<Event>>,
    #[prop(into)] calendars: Signal<Vec<Calendar>>,
    today: NaiveDate,
    on_open: Callback<Event>,
    on_move: Callback<(String, NaiveDateTime)>,
) -> impl IntoView {
    let hours = (FIRST_HOUR..LAST_HOUR)
        .map(|h| view! { <li class="hour">{format!("{h:02}:00")}</li> })
        .collect_view();
    // One class per column count (the grid's template lives in the CSS).
    let class = move || format!("week cols-{}", days.with(Vec::len));
    view! {
        <div class=class>
            <ol class="hours" aria-hidden="true">{hours}</ol>
            <For each=move || days.get() key=|d| *d let:day>
                <Day day=day events=events calendars=calendars today=today on_open=on_open on_move=on_move />
            </For>
        </div>
    }
}

#[component]
fn Day(
    day: NaiveDate,
    #[prop(into)] events: Signal<Vec<Event>>,
    #[prop(into)] calendars: Signal<Vec<Calendar>>,
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
    let placed = move || {
        let list = events.with(|es| events_on(es, day, paris_start));
        let spans: Vec<(i64, i64)> = list
            .iter()
            .map(|(e, s)| {
                // Minutes from this day's midnight (negative: begun before).
                let start = (*s - day.and_time(chrono::NaiveTime::MIN)).num_minutes();
                (start.max(0), (start + e.minutes).max(start.max(0) + 15))
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
                            // The calendar's colour as a stripe, its name as the title
                            // (colour is never the only cue); read-only ones stay put.
                            let (stripe, calendar, movable) = calendars.with(|c| match calendar_of(c, &e.calendar_id) {
                                Some(c) => (color_of(c).to_string(), c.name.clone(), c.may_modify_items),
                                None => (DEFAULT_COLOR.to_string(), String::new(), false),
                            });
                            view! {
                                <li
                                    class="event"
                                    draggable=if movable { "true" } else { "false" }
                                    on:dragstart=move |ev: leptos::ev::DragEvent| {
                                        if !movable {
                                            ev.prevent_default();
                                        } else if let Some(d) = ev.data_transfer() {
                                            let _ = d.set_data(DRAG_TYPE, &id);
                                            d.set_effect_allowed("move");
                                        }
                                    }
                                    class:all-day=e.all_day
                                    style:top=format!("{top}px")
                                    style:height=format!("{height}px")
                                    style:left=format!("{}%", lane * 100 / of)
                                    style:width=format!("{}%", 100 / of)
                                    style:border-left-color=stripe
                                >
                                    <button type="button" class="event-open" title=calendar on:click=move |_| on_open.run(opened.clone())>
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
