//! The message list of the open folder (first page; windowing comes with the
//! mail workflow issue).

use super::role_key;
use crate::i18n::dates::{full_date, list_date, parse_utc};
use crate::i18n::{tr, use_i18n};
use crate::jmap::mail::Email;
use crate::store::mail::use_mail_store;
use crate::ui::icons::Icon;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn MessageList() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_mail_store();
    let title = move || {
        let id = store
            .page
            .with(|p| p.as_ref().map(|p| p.mailbox_id.clone()))?;
        store.mailboxes.with(|boxes| {
            boxes
                .iter()
                .find(|m| m.id == id)
                .map(|m| match role_key(m.role.as_deref()) {
                    Some(k) => i18n.t(k).to_string(),
                    None => m.name.clone(),
                })
        })
    };
    let emails = move || {
        store
            .page
            .with(|p| p.as_ref().map(|p| p.emails.clone()).unwrap_or_default())
    };
    let summary = move || {
        store.page.with(|p| {
            let p = p.as_ref()?;
            let total = p
                .query
                .as_ref()
                .and_then(|q| q.total)
                .unwrap_or(p.emails.len() as u64);
            Some(if total as usize > p.emails.len() {
                i18n.tf(
                    "mail.showing",
                    &[
                        ("shown", &p.emails.len().to_string()),
                        ("total", &total.to_string()),
                    ],
                )
            } else {
                i18n.tf("mail.count", &[("n", &total.to_string())])
            })
        })
    };
    let now = chrono::Utc::now();
    view! {
        <main id="contenu" class="message-pane" tabindex="-1" aria-busy=move || store.loading.get().then_some("true")>
            <div class="list-header">
                <h1 id="list-title">{title}</h1>
                <p class="list-summary">{summary}</p>
            </div>
            <Show when=move || store.loading.get() && store.page.with(Option::is_none)>
                <p role="status">{tr("mail.loading")}</p>
            </Show>
            <Show when=move || store.page.with(|p| p.as_ref().is_some_and(|p| p.emails.is_empty()))>
                <p class="empty">{tr("mail.empty")}</p>
            </Show>
            <Show when=move || store.page.with(|p| p.as_ref().is_some_and(|p| !p.emails.is_empty()))>
                <table class="message-list" aria-labelledby="list-title">
                    <thead>
                        <tr>
                            <th scope="col" class="col-status">
                                <span class="sr-only">{tr("mail.col.status")}</span>
                            </th>
                            <th scope="col">{tr("mail.col.from")}</th>
                            <th scope="col">{tr("mail.col.subject")}</th>
                            <th scope="col" class="col-date">{tr("mail.col.date")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=emails key=|e: &Email| (e.id.clone(), e.keywords.clone()) let:email>
                            <Row email=email now=now />
                        </For>
                    </tbody>
                </table>
            </Show>
        </main>
    }
}

#[component]
fn Row(email: Email, now: chrono::DateTime<chrono::Utc>) -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let href = {
        let id = crate::jmap::url::encode_component(&email.id);
        move || format!("{}?m={id}", location.pathname.get())
    };
    let unread = email.is_unread();
    let flagged = email.is_flagged();
    let attachment = email.has_attachment;
    let sender = email.sender_label().to_string();
    let subject = email.subject.clone().filter(|s| !s.trim().is_empty());
    let when = email.received_at.as_deref().and_then(parse_utc);
    let stamp = email.received_at.clone().unwrap_or_default();
    view! {
        <tr class:unread=unread data-id=email.id.clone()>
            <td class="col-status">
                {unread
                    .then(|| {
                        view! {
                            <span class="mark mark-unread"><Icon name="unread" /></span>
                            <span class="sr-only">{tr("mail.unread")}</span>
                        }
                    })}
                {flagged
                    .then(|| {
                        view! {
                            <span class="mark mark-flag"><Icon name="flag" /></span>
                            <span class="sr-only">{tr("mail.flagged")}</span>
                        }
                    })}
                {attachment
                    .then(|| {
                        view! {
                            <span class="mark mark-attachment"><Icon name="attachment" /></span>
                            <span class="sr-only">{tr("mail.attachment")}</span>
                        }
                    })}
            </td>
            <td class="col-from">
                {if sender.is_empty() { None } else { Some(sender.clone()) }
                    .unwrap_or_else(|| i18n.t("mail.no_sender").to_string())}
            </td>
            <td class="col-subject">
                <a href=href>
                    {move || subject.clone().unwrap_or_else(|| i18n.t("mail.no_subject").to_string())}
                </a>
            </td>
            <td class="col-date">
                {when
                    .map(|w| {
                        view! {
                            <time datetime=stamp.clone() title=move || full_date(w, i18n.lang.get())>
                                {move || list_date(w, now, i18n.lang.get())}
                            </time>
                        }
                    })}
            </td>
        </tr>
    }
}
