//! « Nouvel événement »: title, day, times or all day, place, notes, repeat
//! (with an optional last day). Checked here before anything is sent.

use crate::i18n::{tr, use_i18n};
use crate::jmap::calendar::local_date_time;
use crate::jmap::calendar_set::{NewEvent, Repeat};
use crate::ui::dialog::Dialog;
use crate::ui::field::text_field;
use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;

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
) -> impl IntoView {
    let i18n = use_i18n();
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
        if open.get() {
            title.set(String::new());
            date.set(first_day.get_untracked().to_string());
            error.set(None);
        }
    });
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
                });
                open.set(false);
            }
        }
    };
    view! {
        <Dialog open=open id="event-form-title" title=Signal::derive(move || i18n.t("agenda.new_event").to_string())>
            <form class="event-form" on:submit=submit.clone() novalidate>
                {text_field("event-title", "agenda.field_title", "text", title)}
                {text_field("event-date", "agenda.field_date", "date", date)}
                <p class="field checkbox">
                    <input id="event-all-day" type="checkbox" prop:checked=move || all_day.get() on:change=move |ev| all_day.set(event_target_checked(&ev)) />
                    <label for="event-all-day">{tr("agenda.all_day")}</label>
                </p>
                <Show when=move || !all_day.get()>
                    {text_field("event-start", "agenda.field_start", "time", start)}
                    {text_field("event-end", "agenda.field_end", "time", end)}
                </Show>
                {text_field("event-location", "agenda.field_location", "text", location)}
                <p class="field">
                    <label for="event-description">{tr("agenda.field_description")}</label>
                    <textarea id="event-description" rows="3" prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))></textarea>
                </p>
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
}
