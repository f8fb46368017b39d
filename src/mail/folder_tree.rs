//! The folder pane: special folders first, user folders nested, unread counts.

use super::folder_dialogs::NewFolderButton;
use super::list_row::DRAG_TYPE;
use super::{folder_href, role_key};
use crate::i18n::{tr, use_i18n};
use crate::mail::text::format_size;
use crate::store::bulk::Bulk;
use crate::store::folders::{rows, FolderRow};
use crate::store::mail::use_mail_store;
use crate::ui::icons::Icon;
use leptos::prelude::*;

fn icon(role: Option<&str>) -> &'static str {
    match role {
        Some("inbox") => "inbox",
        Some("drafts") => "drafts",
        Some("sent") => "sent",
        Some("archive") => "archive",
        Some("junk") => "junk",
        Some("trash") => "trash",
        _ => "folder",
    }
}

/// Only drags of message rows are accepted (not files, not text).
fn carries_messages(ev: &leptos::ev::DragEvent) -> bool {
    ev.data_transfer()
        .map(|d| {
            d.types()
                .includes(&wasm_bindgen::JsValue::from_str(DRAG_TYPE), 0)
        })
        .unwrap_or(false)
}

#[component]
pub fn FolderTree() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_mail_store();
    let folder_rows = Memo::new(move |_| store.mailboxes.with(|m| rows(m)));
    let open_id = move || {
        store
            .page
            .with(|p| p.as_ref().map(|p| p.mailbox_id().to_string()))
    };
    let drop_over = RwSignal::new(None::<String>);
    let auth = crate::auth::use_auth();
    let notices = crate::ui::notices::use_notices();
    let move_to = move |to: String, ids: Vec<String>| {
        let Some(client) = auth.client.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Err(e) = store.bulk(&client, Bulk::MoveTo(to), ids).await {
                notices.report(&e);
            }
        });
    };
    view! {
        <nav class="folder-pane" aria-labelledby="folders-title">
            <a class="compose-button" href="/ecrire">
                <Icon name="drafts" />
                {tr("compose.new")}
            </a>
            <h2 id="folders-title">{tr("mail.folders")}</h2>
            <ul class="folders">
                <For each=move || folder_rows.get() key=|r: &FolderRow| (r.id.clone(), r.unread, r.name.clone()) let:row>
                    {
                        let id = row.id.clone();
                        let role = row.role.clone();
                        let href = folder_href(&row.id, row.role.as_deref());
                        let name = row.name.clone();
                        let label = move || match role_key(role.as_deref()) {
                            Some(k) => i18n.t(k).to_string(),
                            None => name.clone(),
                        };
                        let unread = row.unread;
                        let depth_class = format!("folder depth-{}", row.depth.min(6));
                        let current = {
                            let id = id.clone();
                            move || (open_id() == Some(id.clone())).then_some("page")
                        };
                        let over = {
                            let id = id.clone();
                            move || drop_over.get().as_ref() == Some(&id)
                        };
                        let enter = {
                            let id = id.clone();
                            move |ev: leptos::ev::DragEvent| {
                                if carries_messages(&ev) {
                                    ev.prevent_default();
                                    drop_over.set(Some(id.clone()));
                                }
                            }
                        };
                        let dropped = {
                            let id = id.clone();
                            move |ev: leptos::ev::DragEvent| {
                                ev.prevent_default();
                                drop_over.set(None);
                                let ids: Vec<String> = ev
                                    .data_transfer()
                                    .and_then(|d| d.get_data(DRAG_TYPE).ok())
                                    .unwrap_or_default()
                                    .lines()
                                    .map(str::to_string)
                                    .filter(|l| !l.is_empty())
                                    .collect();
                                move_to(id.clone(), ids);
                            }
                        };
                        view! {
                            <li class=depth_class class:drop-over=over>
                                <a
                                    href=href
                                    aria-current=current
                                    on:dragenter=enter.clone()
                                    on:dragover=enter
                                    on:dragleave=move |_| drop_over.set(None)
                                    on:drop=dropped
                                >
                                    <Icon name=icon(row.role.as_deref()) />
                                    <span class="folder-name">{label}</span>
                                    {(unread > 0)
                                        .then(|| {
                                            view! {
                                                <span class="badge" aria-hidden="true">{unread}</span>
                                                <span class="sr-only">
                                                    {move || format!(", {}", i18n.tf("mail.unread_count", &[("n", &unread.to_string())]))}
                                                </span>
                                            }
                                        })}
                                </a>
                            </li>
                        }
                    }
                </For>
            </ul>
            <NewFolderButton />
            <QuotaBar />
        </nav>
    }
}

/// Used / total with a bar; the numbers are written out, and above 90 % a
/// written warning appears (never colour alone).
#[component]
fn QuotaBar() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_mail_store();
    move || {
        store.quota.get().and_then(|q| {
            let percent = q.percent()?;
            let lang = i18n.lang.get();
            let usage = i18n.tf(
                "quota.usage",
                &[
                    ("used", &format_size(q.used, lang)),
                    ("total", &format_size(q.total, lang)),
                    ("percent", &percent.to_string()),
                ],
            );
            let full = q.nearly_full();
            Some(view! {
                <div class="quota" class:quota-full=full>
                    <p id="quota-label" class="quota-label">{i18n.t("quota.label")}</p>
                    <progress max="100" value=percent.to_string() aria-labelledby="quota-label" aria-describedby="quota-usage"></progress>
                    <p id="quota-usage" class="quota-usage">{usage}</p>
                    {full.then(|| view! { <p class="quota-warning" role="status">"⚠ " {i18n.t("quota.nearly_full")}</p> })}
                </div>
            })
        })
    }
}
