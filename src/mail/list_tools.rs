//! Tools above the message list: quick and advanced search, order and
//! conversation mode, actions on the selection, « Annuler » after a move.

use super::{role_key, search_href};
use crate::auth::use_auth;
use crate::i18n::{tr, use_i18n};
use crate::store::bulk::Bulk;
use crate::store::folders::rows;
use crate::store::list::{Search, SortBy};
use crate::store::mail::use_mail_store;
use crate::ui::dialog::Dialog;
use crate::ui::notices::use_notices;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Every folder as `<option>`s, special ones by their French names, user
/// folders indented by depth.
#[component]
fn FolderOptions() -> impl IntoView {
    let store = use_mail_store();
    let i18n = use_i18n();
    move || {
        store.mailboxes.with(|boxes| {
            rows(boxes)
                .into_iter()
                .map(|r| {
                    let label = match role_key(r.role.as_deref()) {
                        Some(k) => i18n.t(k).to_string(),
                        None => format!("{}{}", "\u{a0}\u{a0}".repeat(r.depth), r.name),
                    };
                    view! { <option value=r.id.clone()>{label}</option> }
                })
                .collect_view()
        })
    }
}

/// « Message archivé. — Annuler »: undoes the last move.
#[component]
pub fn UndoBar() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_mail_store();
    let auth = use_auth();
    let notices = use_notices();
    let undo = move |_| {
        let Some(client) = auth.client.get_untracked() else {
            return;
        };
        spawn_local(async move {
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

/// Quick full-text search and the advanced form; the criteria live in the
/// URL, so results can be reloaded, shared and left with « précédent ».
#[component]
pub fn SearchBox() -> impl IntoView {
    let store = use_mail_store();
    let i18n = use_i18n();
    let navigate = leptos_router::hooks::use_navigate();
    let text = RwSignal::new(store.search_text().unwrap_or_default());
    let advanced = RwSignal::new(false);
    let form = RwSignal::new(Search::default());
    let go = {
        let navigate = navigate.clone();
        move |s: Search| {
            if s.is_empty() {
                navigate("/courrier", Default::default());
            } else {
                navigate(&search_href(&s), Default::default());
            }
        }
    };
    let quick_go = go.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        quick_go(Search::quick(&text.get_untracked()));
    };
    let submit_advanced = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        advanced.set(false);
        go(form.get_untracked());
    };
    let check = move |id: &'static str,
                      key: &'static str,
                      get: fn(&Search) -> bool,
                      set: fn(&mut Search, bool)| {
        view! {
            <p class="check">
                <input
                    id=id
                    type="checkbox"
                    prop:checked=move || form.with(get)
                    on:change=move |ev| form.update(|f| set(f, event_target_checked(&ev)))
                />
                <label for=id>{tr(key)}</label>
            </p>
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
            <button type="button" class="link-like" on:click=move |_| advanced.set(true)>
                {tr("search.advanced")}
            </button>
            <Show when=move || store.search_text().is_some()>
                <a href="/courrier">{tr("search.clear")}</a>
            </Show>
        </form>
        <Dialog open=advanced id="advanced-title" title=Signal::derive(move || i18n.t("search.advanced").to_string())>
            <form class="advanced-search" on:submit=submit_advanced.clone()>
                {crate::ui::field::form_field("adv-text".into(), "search.f.text", "text", form, |f| &f.text, |f, v| f.text = v)}
                {crate::ui::field::form_field("adv-from".into(), "search.f.from", "text", form, |f| &f.from, |f, v| f.from = v)}
                {crate::ui::field::form_field("adv-to".into(), "search.f.to", "text", form, |f| &f.to, |f, v| f.to = v)}
                {crate::ui::field::form_field("adv-subject".into(), "search.f.subject", "text", form, |f| &f.subject, |f, v| f.subject = v)}
                {crate::ui::field::form_field("adv-body".into(), "search.f.body", "text", form, |f| &f.body, |f, v| f.body = v)}
                {crate::ui::field::form_field("adv-after".into(), "search.f.after", "date", form, |f| &f.after, |f, v| f.after = v)}
                {crate::ui::field::form_field("adv-before".into(), "search.f.before", "date", form, |f| &f.before, |f, v| f.before = v)}
                <p class="field">
                    <label for="adv-folder">{tr("search.f.folder")}</label>
                    <select id="adv-folder" on:change=move |ev| form.update(|f| f.mailbox_id = event_target_value(&ev))>
                        <option value="">{tr("search.f.all_folders")}</option>
                        <FolderOptions />
                    </select>
                </p>
                {check("adv-att", "search.f.attachment", |f| f.has_attachment, |f, v| f.has_attachment = v)}
                {check("adv-unread", "search.f.unread", |f| f.unread, |f, v| f.unread = v)}
                {check("adv-flagged", "search.f.flagged", |f| f.flagged, |f, v| f.flagged = v)}
                <p class="dialog-buttons">
                    <button type="submit" class="primary">{tr("search.button")}</button>
                    <button type="button" on:click=move |_| advanced.set(false)>{tr("dialog.cancel")}</button>
                </p>
            </form>
        </Dialog>
    }
}

/// Order (date, sender, subject, size; ascending or not) and conversation
/// mode.
#[component]
pub fn ListTools() -> impl IntoView {
    let store = use_mail_store();
    let auth = use_auth();
    let notices = use_notices();
    let i18n = use_i18n();
    let apply = move |sort: (SortBy, bool), threads: bool| {
        let Some(client) = auth.client.get_untracked() else {
            return;
        };
        spawn_local(async move {
            if let Err(e) = store.set_order(&client, sort, threads).await {
                notices.report(&e);
            }
        });
    };
    view! {
        <div class="list-tools">
            <label for="sort-by">{tr("sort.label")}</label>
            <select
                id="sort-by"
                on:change=move |ev| {
                    let by = SortBy::from_property(&event_target_value(&ev));
                    apply((by, store.sort.get_untracked().1), store.threads.get_untracked());
                }
            >
                {SortBy::ALL
                    .into_iter()
                    .map(|s| {
                        view! {
                            <option value=s.property() selected=move || store.sort.get().0 == s>
                                {move || i18n.t(s.label())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <button
                type="button"
                aria-pressed=move || if store.sort.get().1 { "true" } else { "false" }
                on:click=move |_| {
                    let (by, asc) = store.sort.get_untracked();
                    apply((by, !asc), store.threads.get_untracked());
                }
            >
                {tr("sort.ascending")}
            </button>
            <input
                id="threads"
                type="checkbox"
                prop:checked=move || store.threads.get()
                on:change=move |ev| apply(store.sort.get_untracked(), event_target_checked(&ev))
            />
            <label for="threads">{tr("list.threads")}</label>
        </div>
    }
}

/// Actions on the selected messages.
#[component]
pub fn BulkBar() -> impl IntoView {
    let store = use_mail_store();
    let auth = use_auth();
    let notices = use_notices();
    let i18n = use_i18n();
    let confirm = RwSignal::new(false);
    let target = RwSignal::new(String::new());
    let run = move |action: Bulk| {
        let Some(client) = auth.client.get_untracked() else {
            return;
        };
        let ids: Vec<String> = store.selected.get_untracked().into_iter().collect();
        spawn_local(async move {
            match store.bulk(&client, action, ids).await {
                Ok(Some("bulk.destroyed")) => notices.info.set(Some("bulk.destroyed")),
                Ok(_) => {}
                Err(e) => notices.report(&e),
            }
        });
    };
    let count = move || store.selected.with(|s| s.len());
    let open_role = move || {
        let id = store
            .page
            .with(|p| p.as_ref().map(|p| p.mailbox_id().to_string()))
            .unwrap_or_default();
        store
            .mailboxes
            .with(|b| b.iter().find(|m| m.id == id).and_then(|m| m.role.clone()))
    };
    let in_role = move |r: &str| open_role().as_deref() == Some(r);
    view! {
        <Show when=move || { count() > 0 }>
            <div class="bulk-bar" role="toolbar" aria-label=tr("bulk.label")>
                <span class="bulk-count">
                    {move || i18n.tf("bulk.count", &[("n", &count().to_string())])}
                </span>
                <button type="button" on:click=move |_| run(Bulk::Read(true))>{tr("bulk.read")}</button>
                <button type="button" on:click=move |_| run(Bulk::Read(false))>{tr("bulk.unread")}</button>
                <button type="button" on:click=move |_| run(Bulk::Flag(true))>{tr("bulk.flag")}</button>
                <button type="button" on:click=move |_| run(Bulk::Flag(false))>{tr("bulk.unflag")}</button>
                <button type="button" on:click=move |_| run(Bulk::Archive)>{tr("actions.archive")}</button>
                <Show
                    when=move || in_role("trash")
                    fallback=move || view! { <button type="button" on:click=move |_| run(Bulk::Trash)>{tr("actions.delete")}</button> }
                >
                    <button type="button" on:click=move |_| confirm.set(true)>{tr("bulk.destroy")}</button>
                </Show>
                <Show
                    when=move || in_role("junk")
                    fallback=move || view! { <button type="button" on:click=move |_| run(Bulk::Junk)>{tr("bulk.junk_action")}</button> }
                >
                    <button type="button" on:click=move |_| run(Bulk::NotJunk)>{tr("bulk.not_junk_action")}</button>
                </Show>
                <label for="move-to">{tr("bulk.move_to")}</label>
                <select id="move-to" on:change=move |ev| target.set(event_target_value(&ev))>
                    <option value="">{tr("bulk.choose_folder")}</option>
                    <FolderOptions />
                </select>
                <button
                    type="button"
                    on:click=move |_| {
                        let to = target.get_untracked();
                        if !to.is_empty() {
                            run(Bulk::MoveTo(to));
                        }
                    }
                >
                    {tr("bulk.move")}
                </button>
                <button type="button" on:click=move |_| store.selected.set(Default::default())>
                    {tr("bulk.clear")}
                </button>
            </div>
        </Show>
        <Dialog open=confirm id="destroy-title" title=Signal::derive(move || i18n.t("bulk.destroy").to_string())>
            <p>{move || i18n.tf("bulk.destroy_confirm", &[("n", &count().to_string())])}</p>
            <p class="dialog-buttons">
                <button
                    type="button"
                    class="danger"
                    on:click=move |_| {
                        confirm.set(false);
                        run(Bulk::Destroy);
                    }
                >
                    {tr("bulk.destroy")}
                </button>
                <button type="button" autofocus on:click=move |_| confirm.set(false)>{tr("dialog.cancel")}</button>
            </p>
        </Dialog>
    }
}
