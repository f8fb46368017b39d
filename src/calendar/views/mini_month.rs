//! The mini-month beside the views: a month of days to jump to (in the
//! current view), previous and next month, today marked. A grid with one
//! tab stop: arrows move by day and week, Home/End to the week's ends,
//! Page Up/Down by month, Enter opens.

use crate::calendar::period::{
    date_code, first_of_month, heading, key_move, month_grid, step, View,
};
use crate::i18n::dates::{long_date, weekday_name};
use crate::i18n::{tr, use_i18n};
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn MiniMonth(
    date: Signal<NaiveDate>,
    today: NaiveDate,
    on_pick: Callback<NaiveDate>,
) -> impl IntoView {
    let i18n = use_i18n();
    // The day holding the tab stop, and the month shown (its month).
    let cursor = RwSignal::new(date.get_untracked());
    let shown = Memo::new(move |_| first_of_month(cursor.get()));
    Effect::new(move |_| cursor.set(date.get()));
    let grid = NodeRef::<leptos::html::Table>::new();
    let focus = move |d: NaiveDate| {
        request_animation_frame(move || {
            let button = grid
                .get_untracked()
                .and_then(|t| {
                    t.query_selector(&format!("[data-date=\"{}\"]", date_code(d)))
                        .ok()
                })
                .flatten()
                .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(b) = button {
                let _ = b.focus();
            }
        });
    };
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        if let Some(d) = key_move(cursor.get_untracked(), &ev.key()) {
            ev.prevent_default();
            cursor.set(d);
            focus(d);
        }
    };
    let shift = move |n: i32| cursor.update(|c| *c = step(View::Month, *c, n));
    let head = (0..7)
        .map(|i| {
            view! {
                <th scope="col">
                    <abbr title=move || weekday_name(i, i18n.lang.get())>
                        {move || weekday_name(i, i18n.lang.get()).get(..1).map(str::to_ascii_uppercase)}
                    </abbr>
                </th>
            }
        })
        .collect_view();
    view! {
        <nav class="mini-month" aria-label=tr("agenda.mini_month")>
            <div class="mini-head">
                <button type="button" aria-label=tr("agenda.mini_previous") on:click=move |_| shift(-1)>
                    <span aria-hidden="true">"‹"</span>
                </button>
                <h2 id="mini-month-title">{move || heading(View::Month, shown.get(), i18n.lang.get())}</h2>
                <button type="button" aria-label=tr("agenda.mini_next") on:click=move |_| shift(1)>
                    <span aria-hidden="true">"›"</span>
                </button>
            </div>
            <table role="grid" aria-labelledby="mini-month-title" node_ref=grid on:keydown=keydown>
                <thead>
                    <tr>{head}</tr>
                </thead>
                <tbody>
                    {move || {
                        let month = shown.get().month();
                        month_grid(shown.get())
                            .into_iter()
                            .map(|week| {
                                let days = week
                                    .into_iter()
                                    .map(|d| {
                                        view! {
                                            <td aria-selected=move || (date.get() == d).to_string()>
                                                <button
                                                    type="button"
                                                    data-date=date_code(d)
                                                    class:other-month=d.month() != month
                                                    class:today=d == today
                                                    class:selected=move || date.get() == d
                                                    aria-current=(d == today).then_some("date")
                                                    aria-label=move || long_date(d, i18n.lang.get())
                                                    tabindex=move || if cursor.get() == d { "0" } else { "-1" }
                                                    on:click=move |_| {
                                                        cursor.set(d);
                                                        on_pick.run(d);
                                                    }
                                                >
                                                    {d.day()}
                                                </button>
                                            </td>
                                        }
                                    })
                                    .collect_view();
                                view! { <tr>{days}</tr> }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </nav>
    }
}
