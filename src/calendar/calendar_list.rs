//! The list of calendars in the side column: each with its colour, its
//! name, « Afficher » (its events in every view or not) and the actions
//! « Renommer », « Couleur », « Supprimer » (each in a dialog).

use super::shown::{color_name, color_of, PALETTE};
use crate::auth::use_auth;
use crate::i18n::{tr, use_i18n};
use crate::jmap::calendar::Calendar;
use crate::jmap::calendar_manage::{count_request, read_count, CalendarChange};
use crate::ui::dialog::Dialog;
use crate::ui::field::text_field;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Rename,
    Color,
    Delete,
}

#[component]
pub fn CalendarList(
    calendars: RwSignal<Vec<Calendar>>,
    #[prop(into)] hidden: Signal<Vec<String>>,
    /// (calendar id, shown)
    on_show: Callback<(String, bool)>,
    on_change: Callback<CalendarChange>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let open = RwSignal::new(false);
    let editing = RwSignal::new(None::<(Mode, Calendar)>);
    let name = RwSignal::new(String::new());
    let color = RwSignal::new(String::new());
    let count = RwSignal::new(None::<u64>);
    let error = RwSignal::new(false);
    let start = move |mode: Mode, c: Calendar| {
        name.set(c.name.clone());
        color.set(color_of(&c).to_string());
        count.set(None);
        error.set(false);
        if mode == Mode::Delete {
            // How many events go: one small query, the dialog says « all
            // its events » until (or unless) it answers.
            if let Some((client, account)) = super::calendar_client(auth) {
                let (req, call) = count_request(&account, &c.id);
                spawn_local(async move {
                    if let Ok(Some(n)) = client.send(req).await.and_then(|r| read_count(&r, &call))
                    {
                        count.try_set(Some(n));
                    }
                });
            }
        }
        editing.set(Some((mode, c)));
        open.set(true);
    };
    let title = Signal::derive(move || {
        editing.with(|e| match e {
            Some((mode, c)) => {
                let key = match mode {
                    Mode::Rename => "agenda.rename_title",
                    Mode::Color => "agenda.color_title",
                    Mode::Delete => "agenda.delete_calendar_title",
                };
                i18n.tf(key, &[("name", &c.name)])
            }
            None => String::new(),
        })
    });
    let mode = move || editing.with(|e| e.as_ref().map(|(m, _)| *m));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((mode, c)) = editing.get_untracked() else {
            return;
        };
        let change = match mode {
            Mode::Rename => {
                let n = name.get_untracked().trim().to_string();
                if n.is_empty() {
                    error.set(true);
                    return;
                }
                CalendarChange::Rename { id: c.id, name: n }
            }
            Mode::Color => CalendarChange::Recolor {
                id: c.id,
                color: color.get_untracked(),
            },
            Mode::Delete => CalendarChange::Destroy { id: c.id },
        };
        on_change.run(change);
        open.set(false);
    };
    let palette = move || {
        PALETTE
            .iter()
            .enumerate()
            .map(|(i, &(key, hex))| {
                let id = format!("calendar-color-{i}");
                view! {
                    <p class="field checkbox color-choice">
                        <input
                            type="radio"
                            name="calendar-color"
                            id=id.clone()
                            prop:checked=move || color.get().eq_ignore_ascii_case(hex)
                            on:change=move |_| color.set(hex.to_string())
                        />
                        <label for=id>
                            <span class="swatch" aria-hidden="true" style:background-color=hex></span>
                            {tr(key)}
                        </label>
                    </p>
                }
            })
            .collect_view()
    };
    let body = move || match mode() {
        Some(Mode::Rename) => view! {
            {text_field("calendar-rename", "agenda.calendar_name", "text", name)}
            <Show when=move || error.get()>
                <p class="form-error" role="alert">{tr("agenda.error_calendar_name")}</p>
            </Show>
        }
        .into_any(),
        Some(Mode::Color) => view! {
            <fieldset class="color-choices">
                <legend>{tr("agenda.color")}</legend>
                {palette}
            </fieldset>
        }
        .into_any(),
        Some(Mode::Delete) => view! {
            <p class="delete-warning">
                {move || match count.get() {
                    Some(n) => i18n.tf("agenda.delete_calendar_count", &[("n", &n.to_string())]),
                    None => i18n.t("agenda.delete_calendar_all").to_string(),
                }}
            </p>
        }
        .into_any(),
        None => ().into_any(),
    };
    let confirm = move || match mode() {
        Some(Mode::Delete) => i18n.t("agenda.delete_calendar_button"),
        _ => i18n.t("agenda.save"),
    };
    view! {
        <section class="calendar-list" aria-labelledby="calendar-list-title">
            <h2 id="calendar-list-title">{tr("agenda.my_calendars")}</h2>
            <ul>
                <For each=move || calendars.get() key=|c| (c.id.clone(), c.name.clone(), c.color.clone(), c.may_modify_items) let:c>
                    <CalendarRow c=c hidden=hidden on_show=on_show on_action=Callback::new(move |(m, c)| start(m, c)) />
                </For>
            </ul>
            <Dialog open=open id="calendar-dialog-title" title=title>
                <form class="calendar-edit" on:submit=submit novalidate>
                    {body}
                    <p class="dialog-buttons">
                        <button type="submit" class:danger=move || mode() == Some(Mode::Delete)>{confirm}</button>
                        <button type="button" on:click=move |_| open.set(false)>{tr("dialog.cancel")}</button>
                    </p>
                </form>
            </Dialog>
        </section>
    }
}

#[component]
fn CalendarRow(
    c: Calendar,
    hidden: Signal<Vec<String>>,
    on_show: Callback<(String, bool)>,
    on_action: Callback<(Mode, Calendar)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = c.id.clone();
    let box_id = format!("show-calendar-{}", c.id);
    let shown = {
        let id = id.clone();
        move || hidden.with(|h| !h.contains(&id))
    };
    let colour = color_of(&c).to_string();
    let colour_name = color_name(&colour);
    let read_only = !c.may_modify_items;
    let shown_name = c.name.clone();
    let label = {
        let name = c.name.clone();
        move || i18n.tf("agenda.show_calendar", &[("name", &name)])
    };
    let action = move |mode: Mode, key: &'static str| {
        let c = c.clone();
        let name = c.name.clone();
        view! {
            <button type="button" class="link-button" on:click=move |_| on_action.run((mode, c.clone()))>
                {tr(key)}
                <span class="sr-only">" " {name}</span>
            </button>
        }
    };
    view! {
        <li class="calendar-row">
            <span class="swatch" aria-hidden="true" style:background-color=colour.clone()></span>
            <input
                type="checkbox"
                id=box_id.clone()
                aria-label=label
                prop:checked=shown.clone()
                on:change=move |ev| on_show.run((id.clone(), event_target_checked(&ev)))
            />
            <label for=box_id class="calendar-name">
                {shown_name}
                {colour_name.map(|k| view! { <span class="sr-only">", " {tr(k)}</span> })}
            </label>
            {read_only.then(|| view! { <span class="read-only-badge">{tr("agenda.read_only_short")}</span> })}
            <span class="calendar-actions">
                {action(Mode::Rename, "agenda.rename")}
                {action(Mode::Color, "agenda.color")}
                {action(Mode::Delete, "agenda.delete_calendar")}
            </span>
        </li>
    }
}
