//! One event opened from the week: what, when, where; move it (the keyboard
//! way to do what dragging does) and delete it — for a series, this
//! occurrence, this one and the following, or all of them.

use super::event_form::at;
use crate::i18n::{tr, use_i18n};
use crate::jmap::calendar::Event;
use crate::jmap::calendar_set::Change;
use crate::ui::dialog::Dialog;
use crate::ui::field::text_field;
use chrono::Timelike;
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    One,
    Following,
    Series,
}

#[component]
pub fn EventDetails(
    open: RwSignal<bool>,
    event: RwSignal<Option<Event>>,
    on_change: Callback<Change>,
    /// The event's calendar may not be changed: no move, no delete.
    #[prop(into)]
    read_only: Signal<bool>,
    #[prop(into)] calendar_name: Signal<String>,
    /// « Modifier l'événement »: the form, filled in.
    on_edit: Callback<Event>,
) -> impl IntoView {
    let i18n = use_i18n();
    let date = RwSignal::new(String::new());
    let time = RwSignal::new(String::new());
    let scope = RwSignal::new(Scope::One);
    let error = RwSignal::new(None::<&'static str>);
    Effect::new(move |_| {
        if let Some(e) = event.get() {
            let start = super::paris_start(&e);
            date.set(start.date().to_string());
            time.set(format!("{:02}:{:02}", start.hour(), start.minute()));
            scope.set(Scope::One);
            error.set(None);
        }
    });
    let title = Signal::derive(move || {
        event.with(|e| e.as_ref().map(|e| e.title.clone()).unwrap_or_default())
    });
    let recurring = move || event.with(|e| e.as_ref().is_some_and(|e| e.recurrence_id.is_some()));
    let when = move || {
        event.with(|e| {
            e.as_ref().map(|e| {
                let s = super::paris_start(e);
                let lang = i18n.lang.get();
                if e.all_day {
                    format!(
                        "{}, {}",
                        crate::i18n::dates::day_label(s.date(), lang),
                        i18n.t("agenda.all_day")
                    )
                } else {
                    let end = s + chrono::Duration::minutes(e.minutes);
                    format!(
                        "{}, {:02}:{:02} – {:02}:{:02}",
                        crate::i18n::dates::day_label(s.date(), lang),
                        s.hour(),
                        s.minute(),
                        end.hour(),
                        end.minute()
                    )
                }
            })
        })
    };
    let place = move || event.with(|e| e.as_ref().map(|e| e.location.clone()).unwrap_or_default());
    let reminder = move || {
        event.with(|e| {
            e.as_ref()
                .and_then(|e| e.alert)
                .map(|m| {
                    let what = super::event_form::reminder_label(i18n, Some(m));
                    i18n.tf("agenda.reminder_shown", &[("when", &what)])
                })
                .unwrap_or_default()
        })
    };
    let notes = move || {
        event.with(|e| {
            e.as_ref()
                .map(|e| e.description.clone())
                .unwrap_or_default()
        })
    };
    let edit = move |_| {
        if let Some(e) = event.get_untracked() {
            on_edit.run(e);
        }
    };
    let move_it = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(e) = event.get_untracked() else {
            return;
        };
        match at(&date.get(), &time.get()) {
            None => error.set(Some("agenda.error_date")),
            Some(start) => {
                // The form speaks Paris time; a floating or Paris event
                // takes it as is.
                on_change.run(Change::Move {
                    id: e.id.clone(),
                    start,
                });
                open.set(false);
            }
        }
    };
    let delete = move |_| {
        let Some(e) = event.get_untracked() else {
            return;
        };
        let change = match (scope.get(), e.recurrence_id.clone()) {
            (Scope::Following, Some(rid)) => Change::DeleteFollowing {
                uid: e.uid.clone(),
                recurrence_id: rid,
                series_start: false,
            },
            (Scope::Series, Some(_)) => Change::DeleteSeries { uid: e.uid.clone() },
            _ => Change::DeleteOne { id: e.id.clone() },
        };
        on_change.run(change);
        open.set(false);
    };
    let choice = move |value: Scope, key: &'static str, id: &'static str| {
        view! {
            <p class="field checkbox">
                <input type="radio" name="delete-scope" id=id prop:checked=move || scope.get() == value on:change=move |_| scope.set(value) />
                <label for=id>{tr(key)}</label>
            </p>
        }
    };
    view! {
        <Dialog open=open id="event-details-title" title=title>
            <p class="event-when">{when}</p>
            <Show when=move || !place().is_empty()>
                <p class="event-where">{move || i18n.tf("agenda.where", &[("place", &place())])}</p>
            </Show>
            <p class="event-calendar">{move || i18n.tf("agenda.in_calendar", &[("name", &calendar_name.get())])}</p>
            <Show when=move || read_only.get()>
                <p class="read-only-note">{tr("agenda.read_only_calendar")}</p>
            </Show>
            <Show when=move || !reminder().is_empty()>
                <p class="event-reminder">{reminder}</p>
            </Show>
            <Show when=move || !notes().trim().is_empty()>
                <p class="event-description">{notes}</p>
            </Show>
            <Show when=move || !read_only.get()>
                <p>
                    <button type="button" class="primary" on:click=edit>{tr("agenda.edit_event")}</button>
                </p>
            <form class="event-move" on:submit=move_it novalidate>
                <fieldset>
                    <legend>{tr("agenda.move")}</legend>
                    {text_field("move-date", "agenda.field_date", "date", date)}
                    {text_field("move-time", "agenda.field_start", "time", time)}
                    <Show when=move || error.get().is_some()>
                        <p class="form-error" role="alert">{move || error.get().map(|k| i18n.t(k))}</p>
                    </Show>
                    <button type="submit">{tr("agenda.move_button")}</button>
                </fieldset>
            </form>
            <fieldset class="event-delete">
                <legend>{tr("agenda.delete")}</legend>
                <Show when=recurring>
                    {choice(Scope::One, "agenda.delete_one", "delete-one")}
                    {choice(Scope::Following, "agenda.delete_following", "delete-following")}
                    {choice(Scope::Series, "agenda.delete_series", "delete-series")}
                </Show>
                <button type="button" class="danger" on:click=delete>{tr("agenda.delete_button")}</button>
            </fieldset>
            </Show>
            <p class="dialog-buttons">
                <button type="button" on:click=move |_| open.set(false)>{tr("agenda.close")}</button>
            </p>
        </Dialog>
    }
}
