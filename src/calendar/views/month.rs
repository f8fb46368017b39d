//! The month view: a table of weeks, Monday first, weekday column headers;
//! each day lists its events (all-day first, then by time), « +N autres »
//! when they do not fit; the day's number opens the day view.

use crate::calendar::paris_start;
use crate::calendar::period::{cell_split, events_on, month_grid};
use crate::calendar::shown::{calendar_of, color_of, DEFAULT_COLOR};
use crate::i18n::dates::{long_date, weekday_name};
use crate::i18n::{tr, use_i18n};
use crate::jmap::calendar::{Calendar, Event};
use chrono::{Datelike, NaiveDate, Timelike};
use leptos::prelude::*;

/// Lines of events a day's cell holds.
const ROOM: usize = 3;

#[component]
pub fn MonthView(
    date: Signal<NaiveDate>,
    #[prop(into)] events: Signal<Vec<Event>>,
    #[prop(into)] calendars: Signal<Vec<Calendar>>,
    today: NaiveDate,
    /// The id of the heading that names the month.
    labelled_by: &'static str,
    on_open: Callback<Event>,
    on_day: Callback<NaiveDate>,
) -> impl IntoView {
    let i18n = use_i18n();
    let weeks = Memo::new(move |_| (date.get().month(), month_grid(date.get())));
    let head = (0..7)
        .map(|i| view! { <th scope="col">{move || weekday_name(i, i18n.lang.get())}</th> })
        .collect_view();
    view! {
        <table class="month" aria-labelledby=labelled_by>
            <thead>
                <tr>{head}</tr>
            </thead>
            <tbody>
                {move || {
                    let (month, grid) = weeks.get();
                    grid.into_iter()
                        .map(|week| {
                            let cells = week
                                .into_iter()
                                .map(|day| {
                                    view! {
                                        <DayCell
                                            day=day
                                            other=day.month() != month
                                            today=today
                                            events=events
                                            calendars=calendars
                                            on_open=on_open
                                            on_day=on_day
                                        />
                                    }
                                })
                                .collect_view();
                            view! { <tr>{cells}</tr> }
                        })
                        .collect_view()
                }}
            </tbody>
        </table>
    }
}

#[component]
fn DayCell(
    day: NaiveDate,
    other: bool,
    today: NaiveDate,
    #[prop(into)] events: Signal<Vec<Event>>,
    #[prop(into)] calendars: Signal<Vec<Calendar>>,
    on_open: Callback<Event>,
    on_day: Callback<NaiveDate>,
) -> impl IntoView {
    let i18n = use_i18n();
    let is_today = day == today;
    let full = move || long_date(day, i18n.lang.get());
    let list = move || {
        let list = events.with(|es| events_on(es, day, paris_start));
        let (shown, more) = cell_split(list.len(), ROOM);
        let items = list
            .into_iter()
            .take(shown)
            .map(|(e, s)| {
                // The time where the event starts (a continued one has none).
                let when = (!e.all_day && s.date() == day)
                    .then(|| format!("{:02}:{:02} ", s.hour(), s.minute()));
                let title = e.title.clone();
                let all_day = e.all_day;
                let (stripe, calendar) = calendars.with(|c| match calendar_of(c, &e.calendar_id) {
                    Some(c) => (color_of(c).to_string(), c.name.clone()),
                    None => (DEFAULT_COLOR.to_string(), String::new()),
                });
                view! {
                    <li>
                        <button
                            type="button"
                            class="month-event"
                            class:all-day=all_day
                            style:border-left-color=stripe
                            title=calendar
                            on:click=move |_| on_open.run(e.clone())
                        >
                            <span class="event-time">{when}</span>
                            {title}
                        </button>
                    </li>
                }
            })
            .collect_view();
        let more = (more > 0).then(|| {
            view! {
                <li>
                    <button type="button" class="month-more" on:click=move |_| on_day.run(day)>
                        {move || i18n.tf("agenda.more", &[("n", &more.to_string())])}
                        <span class="sr-only">
                            " " {move || i18n.tf("agenda.more_on", &[("date", &full())])}
                        </span>
                    </button>
                </li>
            }
        });
        (items, more)
    };
    view! {
        <td class="month-day" class:other-month=other class:today=is_today>
            <div class="month-day-head">
                <button
                    type="button"
                    class="day-number"
                    aria-current=is_today.then_some("date")
                    on:click=move |_| on_day.run(day)
                >
                    <span aria-hidden="true">{day.day()}</span>
                    <span class="sr-only">{full}</span>
                </button>
                {is_today.then(|| view! { <span class="today-badge" aria-hidden="true">{tr("agenda.today_badge")}</span> })}
            </div>
            <ul class="month-events">{list}</ul>
        </td>
    }
}
