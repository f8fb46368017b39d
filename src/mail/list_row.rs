//! One row of the message list: marks, sender, subject (with search
//! highlights), date; a checkbox, ctrl/shift-click for selection, and a
//! drag handle for dropping onto a folder.

use crate::i18n::dates::{full_date, list_date, parse_utc};
use crate::i18n::{tr, use_i18n};
use crate::jmap::mail::Email;
use crate::store::mail::{use_mail_store, MailStore};
use crate::ui::icons::Icon;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

/// The drag data type carrying message ids (one per line).
pub const DRAG_TYPE: &str = "application/x-autan-ids";

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

/// Ctrl-click toggles one row, shift-click selects from the last clicked.
fn select(store: MailStore, id: &str, position: u64, shift: bool) {
    let anchor = store.anchor.get_value();
    match (shift, anchor) {
        (true, Some(a)) => {
            let ids = store
                .page
                .with_untracked(|p| p.as_ref().map(|p| p.ids_between(a, position)))
                .unwrap_or_default();
            store.selected.update(|s| s.extend(ids));
        }
        _ => {
            store.selected.update(|s| {
                if !s.remove(id) {
                    s.insert(id.to_string());
                }
            });
            store.anchor.set_value(Some(position));
        }
    }
}

#[component]
pub fn Row(email: Email, position: u64, now: chrono::DateTime<chrono::Utc>) -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let query = use_query_map();
    let store = use_mail_store();
    let navigate = use_navigate();
    let id = email.id.clone();
    let href = {
        let id = email.id.clone();
        move || {
            let mut q = query.get();
            q.replace("m", id.clone());
            format!("{}{}", location.pathname.get(), q.to_query_string())
        }
    };
    let unread = email.is_unread();
    let flagged = email.is_flagged();
    let answered = email.has_keyword("$answered");
    let attachment = email.has_attachment;
    let sender = email.sender_label().to_string();
    let subject = email.subject.clone().filter(|s| !s.trim().is_empty());
    let snippet = store
        .page
        .with_untracked(|p| p.as_ref().and_then(|p| p.snippets.get(&email.id).cloned()));
    let marked_subject = snippet.as_ref().and_then(|s| s.subject.clone());
    let preview = snippet.and_then(|s| s.preview);
    let when = email.received_at.as_deref().and_then(parse_utc);
    let stamp = email.received_at.clone().unwrap_or_default();
    let subject_text = subject
        .clone()
        .unwrap_or_else(|| i18n.t("mail.no_subject").to_string());
    let selected = {
        let id = id.clone();
        Memo::new(move |_| store.selected.with(|s| s.contains(&id)))
    };
    let on_box = {
        let id = id.clone();
        move |ev: leptos::ev::MouseEvent| select(store, &id, position, ev.shift_key())
    };
    let on_link = {
        let id = id.clone();
        move |ev: leptos::ev::MouseEvent| {
            if ev.ctrl_key() || ev.meta_key() || ev.shift_key() {
                ev.prevent_default();
                select(store, &id, position, ev.shift_key());
            } else {
                store.anchor.set_value(Some(position));
            }
        }
    };
    // A click anywhere else on the row does what a click on the subject does.
    let on_row = {
        let id = id.clone();
        let href = href.clone();
        move |ev: leptos::ev::MouseEvent| {
            let inside_control = ev
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .and_then(|el| el.closest("a, input, button").ok().flatten())
                .is_some();
            if inside_control {
                return;
            }
            if ev.ctrl_key() || ev.meta_key() || ev.shift_key() {
                select(store, &id, position, ev.shift_key());
            } else {
                store.anchor.set_value(Some(position));
                navigate(&href(), Default::default());
            }
        }
    };
    let on_drag = {
        let id = id.clone();
        let subject_text = subject_text.clone();
        move |ev: leptos::ev::DragEvent| {
            let ids: Vec<String> = store.selected.with_untracked(|s| {
                if s.contains(&id) {
                    s.iter().cloned().collect()
                } else {
                    vec![id.clone()]
                }
            });
            if let Some(dt) = ev.data_transfer() {
                let _ = dt.set_data(DRAG_TYPE, &ids.join("\n"));
                let _ = dt.set_data("text/plain", &subject_text);
                dt.set_effect_allowed("move");
            }
        }
    };
    let box_label = {
        let subject_text = subject_text.clone();
        move || i18n.tf("select.one", &[("subject", &subject_text)])
    };
    view! {
        <tr
            class:unread=unread
            class:selected=move || selected.get()
            data-id=email.id.clone()
            data-pos=position.to_string()
            aria-rowindex=(position + 2).to_string()
            draggable="true"
            on:dragstart=on_drag
            on:click=on_row
        >
            <td class="col-select">
                <input type="checkbox" aria-label=box_label prop:checked=move || selected.get() on:click=on_box />
            </td>
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
                {answered
                    .then(|| {
                        view! {
                            <span class="mark mark-answered"><Icon name="reply" /></span>
                            <span class="sr-only">{tr("mail.answered")}</span>
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
                {if sender.is_empty() { i18n.t("mail.no_sender").to_string() } else { sender.clone() }}
            </td>
            <td class="col-subject">
                <a href=href on:click=on_link>
                    {match marked_subject {
                        Some(m) => highlighted(&m).into_any(),
                        None => subject_text.clone().into_any(),
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
