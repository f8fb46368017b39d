//! Which view (« Jour », « Semaine de travail », « Semaine », « Mois »: a
//! group of toggle buttons) and where: previous, « Aujourd'hui », next, by
//! the view's unit.

use crate::calendar::period::{step, View};
use crate::i18n::{tr, use_i18n};
use chrono::NaiveDate;
use leptos::prelude::*;

#[component]
pub fn AgendaToolbar(
    view: Signal<View>,
    date: Signal<NaiveDate>,
    today: NaiveDate,
    go: Callback<(View, NaiveDate)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let switch = View::ALL
        .into_iter()
        .map(|v| {
            view! {
                <button
                    type="button"
                    aria-pressed=move || (view.get() == v).to_string()
                    on:click=move |_| go.run((v, date.get_untracked()))
                >
                    {tr(v.label_key())}
                </button>
            }
        })
        .collect_view();
    let by = move |n: i32| {
        let v = view.get_untracked();
        go.run((v, step(v, date.get_untracked(), n)));
    };
    view! {
        <div class="view-switch" role="group" aria-label=tr("agenda.views")>{switch}</div>
        <div class="toolbar" role="toolbar" aria-label=tr("agenda.navigation")>
            <button type="button" on:click=move |_| by(-1)>
                {move || i18n.t(view.get().step_keys().0)}
            </button>
            <button type="button" on:click=move |_| go.run((view.get_untracked(), today))>
                {tr("agenda.today")}
            </button>
            <button type="button" on:click=move |_| by(1)>
                {move || i18n.t(view.get().step_keys().1)}
            </button>
        </div>
    }
}
