//! « Nouvel événement »: title, day, times or all day, place, notes, repeat
//! (with an optional last day), reminder. Checked here before anything is
//! sent. The same form edits an event (« Modifier l'événement »): one
//! occurrence, or the whole series without its date and start time.

use crate::i18n::{tr, use_i18n, I18n};
use crate::jmap::calendar::{local_date_time, Event};
use crate::jmap::calendar_set::{edit_change, Change, Edited, NewEvent, Repeat, REMINDERS};
use crate::ui::dialog::Dialog;
use crate::ui::field::text_field;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use leptos::prelude::*;

/// A reminder's words: (catalogue key, its `{n}`).
pub fn reminder_words(minutes: i64) -> (&'static str, i64) {
    const DAY: i64 = 24 * 60;
    match minutes {
        m if m <= 0 => ("agenda.reminder_at_start", 0),
        DAY => ("agenda.reminder_day", 1),
        m if m % DAY == 0 => ("agenda.reminder_days", m / DAY),
        m if m % 60 == 0 => ("agenda.reminder_hours", m / 60),
        m => ("agenda.reminder_minutes", m),
    }
}

/// « 15 min avant », « 1 jour avant », « Aucun ».
pub fn reminder_label(i18n: I18n, alert: Option<i64>) -> String {
    match alert {
        None => i18n.t("agenda.reminder_none").to_string(),
        Some(m) => {
            let (key, n) = reminder_words(m);
            i18n.tf(key, &[("n", &n.to_string())])
        }
    }
}

/// The select's value of a reminder.
fn reminder_code(alert: Option<i64>) -> String {
    alert.map_or_else(|| "none".to_string(), |m| m.to_string())
}

/// « 2026-12-01 » + « 17:30 » from the date and time inputs.
pub fn at(date: &str, time: &str) -> Option<NaiveDateTime> {
    let time = if time.trim().is_empty() {
        "00:00"
    } else {
        time.trim()
    };
    local_date_time(&format!("{}T{time}:00", date.trim()))
}

pub fn day(date: &str) -> Option<NaiveDate> {
    at(date, "00:00").map(|t| t.date())
}

/// The form's values as an event, or the catalogue key of what is wrong.
pub fn check(
    title: &str,
    date: &str,
    start: &str,
    end: &str,
    all_day: bool,
) -> Result<(NaiveDateTime, i64), &'static str> {
    if title.trim().is_empty() {
        return Err("agenda.error_title");
    }
    let begin = at(date, if all_day { "00:00" } else { start }).ok_or("agenda.error_date")?;
    if all_day {
        return Ok((begin, 24 * 60));
    }
    let finish = at(date, end).ok_or("agenda.error_date")?;
    let minutes = (finish - begin).num_minutes();
    if minutes <= 0 {
        return Err("agenda.error_end");
    }
    Ok((begin, minutes))
}

#[component]
pub fn EventForm(
    open: RwSignal<bool>,
    /// The day first offered (the week shown, or today).
    first_day: Signal<NaiveDate>,
    calendar_id: Signal<String>,
    time_zone: String,
    on_save: Callback<NewEvent>,
    /// The event edited (None: a new event).
    editing: RwSignal<Option<Event>>,
    on_change: Callback<Change>,
) -> impl IntoView {
    let i18n = use_i18n();
    let reminder = RwSignal::new(None::<i64>);
    // Editing a recurring event: the whole series rather than this occurrence.
    let series = RwSignal::new(false);
    let title = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let start = RwSignal::new("09:00".to_string());
    let end = RwSignal::new("10:00".to_string());
    let all_day = RwSignal::new(false);
    let location = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let repeat = RwSignal::new(Repeat::Never);
    let until = RwSignal::new(String::new());
    let error = RwSignal::new(None::<&'static str>);
    Effect::new(move |_| {
        if !open.get() {
            return;
        }
        error.set(None);
        series.set(false);
        repeat.set(Repeat::Never);
        until.set(String::new());
        match editing.get_untracked() {
            Some(e) => {
                let s = super::paris_start(&e);
                title.set(e.title.clone());
                date.set(s.date().to_string());
                all_day.set(e.all_day);
                if e.all_day {
                    start.set("09:00".into());
                    end.set("10:00".into());
                } else {
                    start.set(super::hm(s));
                    end.set(super::hm(s + Duration::minutes(e.minutes)));
                }
                location.set(e.location.clone());
                description.set(e.description.clone());
                reminder.set(e.alert);
            }
            None => {
                title.set(String::new());
                date.set(first_day.get_untracked().to_string());
                start.set("09:00".into());
                end.set("10:00".into());
                all_day.set(false);
                location.set(String::new());
                description.set(String::new());
                reminder.set(None);
            }
        }
    });
    let recurring = move || editing.with(|e| e.as_ref().is_some_and(|e| e.recurrence_id.is_some()));
    let is_edit = move || editing.with(Option::is_some);
    let time_zone_edit = time_zone.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match check(
            &title.get(),
            &date.get(),
            &start.get(),
            &end.get(),
            all_day.get(),
        ) {
            Err(key) => error.set(Some(key)),
            Ok((begin, minutes)) => {
                error.set(None);
                if let Some(e) = editing.get_untracked() {
                    let all_day = all_day.get();
                    let edited = Edited {
                        title: title.get(),
                        // The form speaks Paris time, the event its own.
                        start: if all_day {
                            begin
                        } else {
                            super::to_event_terms(&e.time_zone, begin)
                        },
                        minutes,
                        all_day,
                        location: location.get(),
                        description: description.get(),
                        alert: reminder.get(),
                    };
                    let whole = series.get() && e.recurrence_id.is_some();
                    if let Some(change) = edit_change(&e, &edited, whole, &time_zone_edit) {
                        on_change.run(change);
                    }
                    open.set(false);
                    return;
                }
                on_save.run(NewEvent {
                    calendar_id: calendar_id.get_untracked(),
                    title: title.get().trim().to_string(),
                    start: begin,
                    minutes,
                    all_day: all_day.get(),
                    location: location.get(),
                    description: description.get(),
                    time_zone: time_zone.clone(),
                    repeat: repeat.get(),
                    until: day(&until.get()),
                    alert: reminder.get(),
                });
                open.set(false);
            }
        }
    };
    view! {
        <Dialog
            open=open
            id="event-form-title"
            title=Signal::derive(move || {
                i18n.t(if is_edit() { "agenda.edit_event" } else { "agenda.new_event" }).to_string()
            })
        >
            <form class="event-form" on:submit=submit.clone() novalidate>
                <Show when=recurring>
                    <fieldset class="event-edit-scope">
                        <legend>{tr("agenda.edit_scope")}</legend>
                        <p class="field checkbox">
                            <input type="radio" name="edit-scope" id="edit-one" prop:checked=move || !series.get() on:change=move |_| series.set(false) />
                            <label for="edit-one">{tr("agenda.edit_one")}</label>
                        </p>
                        <p class="field checkbox">
                            <input type="radio" name="edit-scope" id="edit-series" aria-describedby="edit-series-note" prop:checked=move || series.get() on:change=move |_| series.set(true) />
                            <label for="edit-series">{tr("agenda.edit_series")}</label>
                        </p>
                        <p class="form-note" id="edit-series-note">{tr("agenda.edit_series_note")}</p>
                    </fieldset>
                </Show>
                {text_field("event-title", "agenda.field_title", "text", title)}
                // A series keeps its date, start and all day (see edit_change).
                <fieldset class="plain" prop:disabled=move || series.get()>
                    {text_field("event-date", "agenda.field_date", "date", date)}
                    <p class="field checkbox">
                        <input id="event-all-day" type="checkbox" prop:checked=move || all_day.get() on:change=move |ev| all_day.set(event_target_checked(&ev)) />
                        <label for="event-all-day">{tr("agenda.all_day")}</label>
                    </p>
                    <Show when=move || !all_day.get()>
                        {text_field("event-start", "agenda.field_start", "time", start)}
                    </Show>
                </fieldset>
                <Show when=move || !all_day.get()>
                    {text_field("event-end", "agenda.field_end", "time", end)}
                </Show>
                {text_field("event-location", "agenda.field_location", "text", location)}
                <p class="field">
                    <label for="event-description">{tr("agenda.field_description")}</label>
                    <textarea id="event-description" rows="3" prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))></textarea>
                </p>
                <p class="field">
                    <label for="event-reminder">{tr("agenda.field_reminder")}</label>
                    <select id="event-reminder" on:change=move |ev| reminder.set(event_target_value(&ev).parse::<i64>().ok())>
                        {move || {
                            let current = reminder.get();
                            let mut list = REMINDERS.to_vec();
                            if !list.contains(&current) {
                                list.push(current);
                            }
                            list.into_iter()
                                .map(|r| {
                                    view! {
                                        <option value=reminder_code(r) selected=move || reminder.get() == r>
                                            {move || reminder_label(i18n, r)}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </p>
                <Show when=move || !is_edit()>
                <p class="field">
                    <label for="event-repeat">{tr("agenda.field_repeat")}</label>
                    <select id="event-repeat" on:change=move |ev| repeat.set(Repeat::from_frequency(&event_target_value(&ev)))>
                        {Repeat::ALL
                            .into_iter()
                            .map(|r| {
                                let value = r.frequency().unwrap_or("never");
                                view! { <option value=value selected=move || repeat.get() == r>{move || i18n.t(r.label_key())}</option> }
                            })
                            .collect_view()}
                    </select>
                </p>
                <Show when=move || repeat.get() != Repeat::Never>
                    {text_field("event-until", "agenda.field_until", "date", until)}
                </Show>
                </Show>
                <Show when=move || error.get().is_some()>
                    <p class="form-error" role="alert">{move || error.get().map(|k| i18n.t(k))}</p>
                </Show>
                <p class="dialog-buttons">
                    <button type="submit" class="primary">{tr("agenda.save")}</button>
                    <button type="button" on:click=move |_| open.set(false)>{tr("dialog.cancel")}</button>
                </p>
            </form>
        </Dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_is_checked_before_sending() {
        assert_eq!(
            check(" ", "2026-12-01", "09:00", "10:00", false),
            Err("agenda.error_title")
        );
        assert_eq!(
            check("x", "01/12/2026", "09:00", "10:00", false),
            Err("agenda.error_date")
        );
        assert_eq!(
            check("x", "2026-12-01", "10:00", "09:30", false),
            Err("agenda.error_end")
        );
        let (start, minutes) = check("x", "2026-12-01", "09:00", "10:30", false).unwrap();
        assert_eq!(
            (start.to_string(), minutes),
            ("2026-12-01 09:00:00".to_string(), 90)
        );
        assert_eq!(check("x", "2026-12-01", "", "", true).unwrap().1, 24 * 60);
        assert_eq!(day("2027-06-30"), NaiveDate::from_ymd_opt(2027, 6, 30));
        assert_eq!(day(""), None);
    }

    #[test]
    fn reminders_in_words() {
        assert_eq!(reminder_words(5), ("agenda.reminder_minutes", 5));
        assert_eq!(reminder_words(90), ("agenda.reminder_minutes", 90));
        assert_eq!(reminder_words(60), ("agenda.reminder_hours", 1));
        assert_eq!(reminder_words(24 * 60), ("agenda.reminder_day", 1));
        assert_eq!(reminder_words(2 * 24 * 60), ("agenda.reminder_days", 2));
        assert_eq!(reminder_words(0), ("agenda.reminder_at_start", 0));
        assert_eq!(reminder_code(None), "none");
        assert_eq!(reminder_code(Some(15)), "15");
    }
}
