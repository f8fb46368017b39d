//! The message list: a windowed table. Only the rows on screen plus a margin
//! are in the DOM (spacer rows stand for the others), and the rows are
//! fetched by position, chunk by chunk, as the user scrolls.

use super::folder_dialogs::FolderActions;
use super::list_row::Row;
use super::list_tools::{BulkBar, ListTools, SearchBox, UndoBar};
use super::role_key;
use crate::auth::use_auth;
use crate::i18n::{tr, use_i18n};
use crate::jmap::mail::Email;
use crate::store::list::CHUNK;
use crate::store::mail::use_mail_store;
use crate::ui::notices::use_notices;
use leptos::html;
use leptos::prelude::*;

/// Rows kept in the DOM above and below the visible ones.
const MARGIN: u64 = 8;
/// Row height before one is measured (3rem at 16 px).
const DEFAULT_ROW_PX: f64 = 48.0;

/// The rows to render for a scroll position: (first, last) inclusive.
pub fn rendered_range(scroll_top: f64, viewport: f64, row_px: f64, total: u64) -> (u64, u64) {
    if total == 0 {
        return (0, 0);
    }
    let row_px = if row_px > 1.0 { row_px } else { DEFAULT_ROW_PX };
    let first = (scroll_top.max(0.0) / row_px).floor() as u64;
    let shown = (viewport.max(row_px) / row_px).ceil() as u64;
    let first = first.min(total - 1);
    (
        first.saturating_sub(MARGIN),
        (first + shown + MARGIN).min(total - 1),
    )
}

#[component]
pub fn MessageList() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_mail_store();
    let auth = use_auth();
    let notices = use_notices();
    let title = move || {
        if let Some(q) = store.search_text() {
            return Some(if q.is_empty() {
                i18n.t("search.results_advanced").to_string()
            } else {
                i18n.tf("search.results", &[("q", &q)])
            });
        }
        let id = store
            .page
            .with(|p| p.as_ref().map(|p| p.mailbox_id().to_string()))?;
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
    let total = Memo::new(move |_| store.page.with(|p| p.as_ref().map_or(0, |p| p.total)));
    let summary = move || {
        store
            .page
            .with(Option::is_some)
            .then(|| i18n.tf("mail.count", &[("n", &total.get().to_string())]))
    };

    let scroller = NodeRef::<html::Div>::new();
    let scroll_top = RwSignal::new(0.0f64);
    let viewport = RwSignal::new(600.0f64);
    let row_px = RwSignal::new(DEFAULT_ROW_PX);
    // Also runs from animation frames and resizes, possibly after the list
    // is gone: every read is a `try_`.
    let measure = move || {
        let Some(el) = scroller.try_get_untracked().flatten() else {
            return;
        };
        scroll_top.try_set(el.scroll_top() as f64);
        viewport.try_set(el.client_height() as f64);
        if let Ok(Some(row)) = el.query_selector("tr[data-pos]") {
            let h = row.get_bounding_client_rect().height();
            let known = row_px.try_get_untracked().unwrap_or(h);
            if h > 1.0 && (h - known).abs() > 0.5 {
                row_px.try_set(h);
            }
        }
    };
    let range = Memo::new(move |_| {
        rendered_range(scroll_top.get(), viewport.get(), row_px.get(), total.get())
    });
    // A new list starts at the top.
    let query_key = Memo::new(move |_| store.page.with(|p| p.as_ref().map(|p| p.query.clone())));
    Effect::new(move |prev: Option<Option<crate::store::list::ListQuery>>| {
        let q = query_key.get();
        if let Some(prev) = prev {
            if prev != q {
                if let Some(el) = scroller.get_untracked() {
                    el.set_scroll_top(0);
                }
                scroll_top.set(0.0);
            }
        }
        request_animation_frame(measure);
        q
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    // Fetch what the window shows, plus the next chunk (prefetch), once the
    // scrolling pauses for a moment.
    Effect::new(move |_| {
        let (first, last) = range.get();
        store.visible_first.set_value(first + MARGIN.min(first));
        let missing = store.page.with(|p| {
            p.as_ref()
                .map_or(0, |p| p.missing_chunks(first, last + CHUNK).len())
        });
        if missing == 0 {
            return;
        }
        leptos::task::spawn_local(async move {
            crate::browser::sleep_ms(60).await;
            if range.try_get_untracked() != Some((first, last)) {
                return;
            }
            let Some(client) = auth.client.get_untracked() else {
                return;
            };
            if let Err(e) = store.load_range(&client, first, last + CHUNK).await {
                notices.report(&e);
            }
        });
    });

    let positions = move || {
        let (first, last) = range.get();
        store.page.with(|p| match p {
            Some(p) if p.total > 0 => (first..=last)
                .map(|pos| (pos, p.rows.get(&pos).cloned()))
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    };
    // Whole pixels: float formatting would weigh on the wasm.
    let top_space = move || format!("{}px", (range.get().0 as f64 * row_px.get()) as u64);
    let bottom_space = move || {
        let (_, last) = range.get();
        let below = total.get().saturating_sub(last + 1);
        format!("{}px", (below as f64 * row_px.get()) as u64)
    };
    let now = chrono::Utc::now();
    let all_loaded_selected = move || {
        let selected = store.selected.get();
        store.page.with(|p| {
            p.as_ref()
                .is_some_and(|p| !p.rows.is_empty() && p.emails().all(|e| selected.contains(&e.id)))
        })
    };
    let toggle_all = move |_| {
        if all_loaded_selected() {
            store.selected.set(Default::default());
        } else {
            let ids = store.page.with_untracked(|p| {
                p.as_ref()
                    .map(|p| p.emails().map(|e| e.id.clone()).collect())
            });
            store.selected.set(ids.unwrap_or_default());
        }
    };
    view! {
        <main id="contenu" class="message-pane" tabindex="-1" aria-busy=move || store.loading.get().then_some("true")>
            <div class="list-header">
                <h1 id="list-title">{title}</h1>
                <p class="list-summary">{summary}</p>
                <SearchBox />
            </div>
            <FolderActions />
            <ListTools />
            <BulkBar />
            <UndoBar />
            <Show when=move || store.loading.get() && store.page.with(Option::is_none)>
                <p role="status">{tr("mail.loading")}</p>
            </Show>
            <Show when=move || store.page.with(|p| p.as_ref().is_some_and(|p| p.total == 0))>
                <p class="empty">{tr("mail.empty")}</p>
            </Show>
            <div class="list-scroll" node_ref=scroller on:scroll=move |_| measure()>
                <Show when=move || { total.get() > 0 }>
                    <table class="message-list" aria-labelledby="list-title" aria-rowcount=move || (total.get() + 1).to_string()>
                        <thead>
                            <tr aria-rowindex="1">
                                <th scope="col" class="col-select">
                                    <input
                                        type="checkbox"
                                        id="select-all"
                                        aria-label=tr("select.all")
                                        prop:checked=all_loaded_selected
                                        on:change=toggle_all
                                    />
                                </th>
                                <th scope="col" class="col-status">
                                    <span class="sr-only">{tr("mail.col.status")}</span>
                                </th>
                                <th scope="col" class="col-from">{tr("mail.col.from")}</th>
                                <th scope="col">{tr("mail.col.subject")}</th>
                                <th scope="col" class="col-date">{tr("mail.col.date")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <tr class="spacer" aria-hidden="true">
                                <td colspan="5" style:height=top_space></td>
                            </tr>
                            <For
                                each=positions
                                key=move |(pos, e): &(u64, Option<Email>)| {
                                    (
                                        *pos,
                                        e.as_ref().map(|e| (e.id.clone(), e.keywords.clone())),
                                        // The search (its snippets) too: a row is not reused across searches.
                                        store.page.with_untracked(|p| p.as_ref().map(|p| p.query.filter().to_string())),
                                    )
                                }
                                let:slot
                            >
                                {match slot.1 {
                                    Some(email) => view! { <Row email=email position=slot.0 now=now /> }.into_any(),
                                    None => view! {
                                        <tr class="placeholder" data-pos=slot.0.to_string() aria-rowindex=(slot.0 + 2).to_string()>
                                            <td colspan="5">{tr("mail.loading_row")}</td>
                                        </tr>
                                    }
                                        .into_any(),
                                }}
                            </For>
                            <tr class="spacer" aria-hidden="true">
                                <td colspan="5" style:height=bottom_space></td>
                            </tr>
                        </tbody>
                    </table>
                </Show>
            </div>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_is_bounded_whatever_the_total() {
        assert_eq!(rendered_range(0.0, 480.0, 48.0, 0), (0, 0));
        assert_eq!(rendered_range(0.0, 480.0, 48.0, 5), (0, 4));
        assert_eq!(rendered_range(0.0, 480.0, 48.0, 100_000), (0, 18));
        let (a, b) = rendered_range(48.0 * 50_000.0, 480.0, 48.0, 100_000);
        assert_eq!((a, b), (50_000 - MARGIN, 50_000 + 10 + MARGIN));
        // Scrolled past the end (list shrank): clamped.
        let (a, b) = rendered_range(1e9, 480.0, 48.0, 100);
        assert_eq!((a, b), (99 - MARGIN, 99));
        // An unmeasured row height never divides by zero.
        assert_eq!(rendered_range(0.0, 480.0, 0.0, 100).0, 0);
    }
}
