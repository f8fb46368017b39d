//! « Importer » a .vcf (progress bar, duplicates reported, not created) and
//! « Exporter » the list shown as a .vcf.

use super::vcard;
use crate::auth::use_auth;
use crate::i18n::{tr, use_i18n};
use crate::jmap::contacts::{BookChange, Person};
use crate::store::contacts::use_contacts_store;
use crate::ui::notices::use_notices;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Cards sent per request.
const BATCH: usize = 50;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Report {
    created: usize,
    duplicates: Vec<String>,
}

#[component]
pub fn ImportExport(#[prop(into)] shown: Signal<Vec<Person>>) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_contacts_store();
    let auth = use_auth();
    let notices = use_notices();
    let progress = RwSignal::new(None::<(usize, usize)>);
    let report = RwSignal::new(None::<Report>);
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        let Some(client) = auth.client.get_untracked() else {
            return;
        };
        report.set(None);
        spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            if !store.loaded.get_untracked() {
                if let Err(e) = store.load(&client).await {
                    notices.report(&e);
                    return;
                }
            }
            let cards = vcard::parse(&text);
            let (fresh, dup) = store
                .people
                .with_untracked(|p| vcard::split_duplicates(cards, p));
            let total = fresh.len();
            progress.set(Some((0, total)));
            let mut created = 0;
            for chunk in fresh.chunks(BATCH) {
                match store
                    .change(&client, BookChange::CreateContacts(chunk.to_vec()))
                    .await
                {
                    Ok(_) => created += chunk.len(),
                    Err(e) => {
                        notices.report(&e);
                        break;
                    }
                }
                progress.try_set(Some((created, total)));
            }
            progress.try_set(None);
            report.try_set(Some(Report {
                created,
                duplicates: dup
                    .into_iter()
                    .map(|c| {
                        format!(
                            "{} {} <{}>",
                            c.first_name,
                            c.last_name,
                            c.first_email().unwrap_or_default()
                        )
                        .trim()
                        .to_string()
                    })
                    .collect(),
            }));
        });
    };
    let export = move |_| {
        let text = shown.with_untracked(|p| vcard::export(p));
        if let Err(e) =
            crate::mail::download::save_bytes(text.as_bytes(), "contacts.vcf", "text/vcard")
        {
            notices.report(&e);
        }
    };
    view! {
        <div class="contact-transfer">
            <label class="file-button" for="vcf-import">{tr("contacts.import")}</label>
            <input id="vcf-import" class="sr-only-file" type="file" accept=".vcf,text/vcard" on:change=import />
            <button type="button" on:click=export>{tr("contacts.export")}</button>
            <crate::ui::progress::ImportProgress progress=progress label="contacts.importing" />
            <div role="status" class="import-report">
                {move || {
                    report
                        .get()
                        .map(|r| {
                            view! {
                                <p>
                                    {i18n.tf("contacts.imported", &[("n", &r.created.to_string()), ("dup", &r.duplicates.len().to_string())])}
                                </p>
                                {(!r.duplicates.is_empty())
                                    .then(|| view! { <ul class="duplicates">{r.duplicates.iter().map(|d| view! { <li>{d.clone()}</li> }).collect_view()}</ul> })}
                            }
                        })
                }}
            </div>
        </div>
    }
}
