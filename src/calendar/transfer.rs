//! The calendars of the agenda: which one to fill, « Nouvel agenda »,
//! « Importer un fichier .ics » (picker or drop, progress bar, summary) and
//! « Exporter l'agenda » (.ics).

use super::ics;
use crate::auth::use_auth;
use crate::config::Config;
use crate::i18n::{tr, use_i18n};
use crate::jmap::calendar::Calendar;
use crate::jmap::calendar_set::{
    export_request, import_request, new_calendar_request, read_export, read_import,
};
use crate::jmap::response::SetResponse;
use crate::ui::notices::use_notices;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Events sent per request (the progress bar moves between them).
const BATCH: usize = 10;

#[component]
pub fn CalendarTools(
    calendars: RwSignal<Vec<Calendar>>,
    target: RwSignal<String>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let notices = use_notices();
    let config = expect_context::<Config>();
    let tz = StoredValue::new(config.time_zone.clone());
    let progress = RwSignal::new(None::<(usize, usize)>);
    let report = RwSignal::new(None::<(usize, usize)>);
    let new_name = RwSignal::new(String::new());
    let account = move || super::calendar_client(auth);
    Effect::new(move |_| {
        // Only a calendar the user may write to can be filled.
        let next = calendars.with(|c| super::shown::default_target(c, &target.get_untracked()));
        let next = next.unwrap_or_default();
        if next != target.get_untracked() {
            target.set(next);
        }
    });
    let import_text = move |text: String| {
        let Some((client, account)) = account() else {
            return;
        };
        let parsed = tz.with_value(|tz| ics::parse(&text, &target.get_untracked(), tz));
        let total = parsed.events.len();
        report.set(None);
        progress.set(Some((0, total)));
        spawn_local(async move {
            let (mut created, mut refused) = (0, parsed.skipped);
            for chunk in parsed.events.chunks(BATCH) {
                let (req, call) = import_request(&account, chunk);
                match client.send(req).await.and_then(|r| read_import(&r, &call)) {
                    Ok((c, n)) => {
                        created += c;
                        refused += n;
                    }
                    Err(e) => {
                        notices.report(&e);
                        break;
                    }
                }
                progress.try_set(Some((created + refused - parsed.skipped, total)));
            }
            progress.try_set(None);
            report.try_set(Some((created, refused)));
            on_changed.run(());
        });
    };
    let read_file = move |file: web_sys::File| {
        spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            import_text(text);
        });
    };
    let picked = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            read_file(file);
        }
        input.set_value("");
    };
    let dropped = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            read_file(file);
        }
    };
    let export = move |_| {
        let Some((client, account)) = account() else {
            return;
        };
        let id = target.get_untracked();
        let name = calendars.with_untracked(|c| {
            c.iter()
                .find(|c| c.id == id)
                .map(|c| c.name.clone())
                .unwrap_or_default()
        });
        let (req, call) = export_request(&account);
        spawn_local(async move {
            let result = client
                .send(req)
                .await
                .and_then(|r| read_export(&r, &call, &id));
            match result {
                Ok(list) => {
                    let file = format!(
                        "{}.ics",
                        if name.trim().is_empty() {
                            "agenda"
                        } else {
                            name.trim()
                        }
                        .replace(['/', '\\'], "-")
                    );
                    if let Err(e) = crate::mail::download::save_bytes(
                        ics::write(&list).as_bytes(),
                        &file,
                        "text/calendar",
                    ) {
                        notices.report(&e);
                    }
                }
                Err(e) => notices.report(&e),
            }
        });
    };
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = new_name.get().trim().to_string();
        if name.is_empty() {
            return;
        }
        let Some((client, account)) = account() else {
            return;
        };
        let (req, call) = new_calendar_request(&account, &name);
        spawn_local(async move {
            match client
                .send(req)
                .await
                .and_then(|r| r.get::<SetResponse>(&call)?.required_id("cal"))
            {
                Ok(id) => {
                    new_name.try_set(String::new());
                    target.try_set(id);
                    on_changed.run(());
                }
                Err(e) => notices.report(&e),
            }
        });
    };
    view! {
        <section class="calendar-tools" aria-label=tr("agenda.calendars")>
            <p class="field">
                <label for="calendar-target">{tr("agenda.calendar")}</label>
                <select id="calendar-target" on:change=move |ev| target.set(event_target_value(&ev))>
                    <For each=move || calendars.get().into_iter().filter(|c| c.may_modify_items) key=|c| (c.id.clone(), c.name.clone()) let:c>
                        <option value=c.id.clone() selected={
                            let id = c.id.clone();
                            move || target.get() == id
                        }>{c.name.clone()}</option>
                    </For>
                </select>
            </p>
            <form class="new-calendar" on:submit=create>
                <label for="new-calendar-name">{tr("agenda.new_calendar")}</label>
                <input id="new-calendar-name" type="text" prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev)) />
                <button type="submit">{tr("agenda.create_calendar")}</button>
            </form>
            <div class="ics-drop" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=dropped>
                <label class="file-button" for="ics-import">{tr("agenda.import")}</label>
                <input id="ics-import" class="sr-only-file" type="file" accept=".ics,text/calendar" on:change=picked />
                <span class="ics-drop-hint">{tr("agenda.drop_hint")}</span>
            </div>
            <button type="button" on:click=export>{tr("agenda.export")}</button>
            <crate::ui::progress::ImportProgress progress=progress label="agenda.importing" />
            <p role="status" class="import-report">
                {move || report.get().map(|(n, refused)| i18n.tf("agenda.imported", &[("n", &n.to_string()), ("refused", &refused.to_string())]))}
            </p>
        </section>
    }
}
