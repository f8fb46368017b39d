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
        if let Some(q) = store.search_text.get() {
            return Some(i18n.tf("search.results", &[("q", &q)]));
        }
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
                <SearchBox />
            </div>
            <UndoBar />
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
                        <For each=emails key=move |e: &Email| (e.id.clone(), e.keywords.clone(), store.search_text.get_untracked()) let:email>
                            <Row email=email now=now />
                        </For>
                    </tbody>
                </table>
            </Show>
        </main>
    }
}

/// « Message archivé. — Annuler »: undoes the last move.
#[component]
fn UndoBar() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_mail_store();
    let auth = crate::auth::use_auth();
    let notices = crate::ui::notices::use_notices();
    let undo = move |_| {
        let Some(client) = auth.client.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match store.undo_move(&client).await {
                Ok(()) => notices.info.set(Some("actions.undone")),
                Err(e) => notices.report(&e),
            }
        });
    };
    view! {
        <div role="status" class="undo-slot">
            {move || {
                store
                    .last_move
                    .get()
                    .map(|m| {
                        view! {
                            <div class="notice notice-info undo-bar">
                                <span>{i18n.t(m.done)}</span>
                                <button type="button" on:click=undo>{tr("actions.undo")}</button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// Quick full-text search; the query lives in the URL (`?q=`), so results
/// can be reloaded, shared and left with « précédent ».
#[component]
fn SearchBox() -> impl IntoView {
    let store = use_mail_store();
    let navigate = leptos_router::hooks::use_navigate();
    let text = RwSignal::new(store.search_text.get_untracked().unwrap_or_default());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = text.get_untracked();
        if q.trim().is_empty() {
            navigate("/courrier", Default::default());
        } else {
            navigate(
                &format!(
                    "/courrier?q={}",
                    crate::jmap::url::encode_component(q.trim())
                ),
                Default::default(),
            );
        }
    };
    view! {
        <form role="search" class="search-box" on:submit=submit>
            <label for="quick-search" class="sr-only">{tr("search.label")}</label>
            <input
                id="quick-search"
                type="search"
                placeholder=tr("search.label")
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            />
            <button type="submit">{tr("search.button")}</button>
            <Show when=move || store.search_text.with(Option::is_some)>
                <a href="/courrier">{tr("search.clear")}</a>
            </Show>
        </form>
    }
}

/// Text with the server's highlights as `<mark>` elements (text nodes only).
fn highlighted(snippet: &str) -> impl IntoView {
    crate::store::search::marked(snippet)
        .into_iter()
        .map(|(t, on)| {
            if on {
                view! { <mark>{t}</mark> }.into_any()
            } else {
                t.into_any()
            }
        })
        .collect_view()
}

#[component]
fn Row(email: Email, now: chrono::DateTime<chrono::Utc>) -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let store = use_mail_store();
    let href = {
        let id = crate::jmap::url::encode_component(&email.id);
        move || match store.search_text.get() {
            Some(q) => format!(
                "{}?q={}&m={id}",
                location.pathname.get(),
                crate::jmap::url::encode_component(&q)
            ),
            None => format!("{}?m={id}", location.pathname.get()),
        }
    };
    let unread = email.is_unread();
    let flagged = email.is_flagged();
    let attachment = email.has_attachment;
    let sender = email.sender_label().to_string();
    let subject = email.subject.clone().filter(|s| !s.trim().is_empty());
    let snippet = store.snippets.with_untracked(|m| m.get(&email.id).cloned());
    let marked_subject = snippet.as_ref().and_then(|s| s.subject.clone());
    let preview = snippet.and_then(|s| s.preview);
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
                    {match marked_subject {
                        Some(m) => highlighted(&m).into_any(),
                        None => {
                            (move || subject.clone().unwrap_or_else(|| i18n.t("mail.no_subject").to_string()))
                                .into_any()
                        }
                    }}
                </a>
                {preview.map(|p| view! { <span class="snippet">{highlighted(&p)}</span> })}
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
