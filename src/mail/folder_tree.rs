//! The folder pane: special folders first, user folders nested, unread counts.

use super::{folder_href, role_key};
use crate::i18n::{tr, use_i18n};
use crate::mail::text::format_size;
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

#[component]
pub fn FolderTree() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_mail_store();
    let folder_rows = Memo::new(move |_| store.mailboxes.with(|m| rows(m)));
    let open_id = move || {
        store
            .page
            .with(|p| p.as_ref().map(|p| p.mailbox_id.clone()))
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
                        let current = move || (open_id() == Some(id.clone())).then_some("page");
                        view! {
                            <li class=depth_class>
                                <a href=href aria-current=current>
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
