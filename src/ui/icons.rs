//! Line icons drawn as inline SVG (no icon font, no emoji font needed).
//! Always decorative: the text next to them says the same thing.

use leptos::prelude::*;

fn path(name: &str) -> &'static str {
    match name {
        "inbox" => "M3 13h5l2 3h4l2-3h5M3 13l3-8h12l3 8v6H3z",
        "drafts" => "M4 20h4L19 9l-4-4L4 16zM13 7l4 4",
        "sent" => "M3 11l18-8-8 18-2-8z",
        "archive" => "M3 4h18v4H3zM5 8v12h14V8M10 12h4",
        "junk" => "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM5.6 5.6l12.8 12.8",
        "trash" => "M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13",
        "flag" => "M5 21V4M5 4h12l-2 4 2 4H5",
        "attachment" => "M16 6l-8 8a2 2 0 0 0 3 3l8-8a4 4 0 0 0-6-6l-8 8a6 6 0 0 0 8 8l6-6",
        "unread" => "M12 8a4 4 0 1 0 0 8a4 4 0 1 0 0-8z",
        "reply" => "M10 9V5l-7 7 7 7v-4c5 0 8 1.5 11 5-1-6-4-10-11-11z",
        _ => "M3 6h6l2 2h10v11H3z",
    }
}

#[component]
pub fn Icon(name: &'static str) -> impl IntoView {
    view! {
        <svg
            class=format!("icon icon-{name}")
            viewBox="0 0 24 24"
            width="16"
            height="16"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
            stroke-linejoin="round"
            aria-hidden="true"
            focusable="false"
        >
            <path d=path(name) />
        </svg>
    }
}
