//! The page a deceptive link of a message opens (in a new tab) instead of
//! its target: it names the real site and lets the reader go on or not.
//! Its parameters come from a message: shown as text only, and « Continuer »
//! is offered for web addresses alone.

use crate::i18n::{tr, use_i18n};
use crate::safety::{punycode, urls};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LinkWarningPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let target = move || query.with(|q| q.get("vers").unwrap_or_default());
    let shown = move || query.with(|q| q.get("texte").unwrap_or_default());
    let safe = move || urls::safe_link(&target()).filter(|u| urls::host(u).is_some());
    let host = move || {
        urls::host(&target())
            .map(|h| punycode::unicode_host(&h))
            .unwrap_or_default()
    };
    let close = move |_| {
        if let Some(w) = crate::browser::window() {
            let _ = w.close();
        }
    };
    view! {
        <main id="contenu" class="link-warning" tabindex="-1">
            <h1>{tr("safety.page_title")}</h1>
            <Show when=move || !shown().is_empty()>
                <p>{move || i18n.tf("safety.page_shown", &[("shown", &shown())])}</p>
            </Show>
            <p>
                {tr("safety.page_real")} " " <strong class="real-host">{host}</strong>
            </p>
            <p class="full-url">{target}</p>
            <p>{tr("safety.page_advice")}</p>
            <p class="link-warning-actions">
                <button type="button" on:click=close>{tr("safety.page_close")}</button>
                {move || {
                    safe()
                        .map(|u| {
                            view! {
                                <a href=u rel="noopener noreferrer" class="button-link">
                                    {move || i18n.tf("safety.page_continue", &[("host", &host())])}
                                </a>
                            }
                        })
                }}
            </p>
        </main>
    }
}
