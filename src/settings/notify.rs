//! Desktop notification of new mail: opt-in, asked for by a click (browsers
//! only grant it then), shown only while the tab is not looked at.

use super::NOTIFY_PREFIX;
use crate::auth::use_auth;
use crate::browser;
use crate::i18n::{tr, use_i18n};
use leptos::prelude::*;

fn permission() -> web_sys::NotificationPermission {
    web_sys::Notification::permission()
}

/// Shows « {n} nouveau(x) message(s) » when enabled, granted, and the page
/// is hidden or not focused.
pub fn announce(user: &str, title: &str, body: &str) {
    if !super::notify_enabled(user) || permission() != web_sys::NotificationPermission::Granted {
        return;
    }
    let looked_at = browser::window()
        .and_then(|w| w.document())
        .map(|d| !d.hidden() && d.has_focus().unwrap_or(true))
        .unwrap_or(true);
    if looked_at {
        return;
    }
    let options = web_sys::NotificationOptions::new();
    options.set_body(body);
    options.set_tag("autan-new-mail");
    let _ = web_sys::Notification::new_with_options(title, &options);
}

#[component]
pub fn NotifyField() -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    let user = auth.username();
    let key = format!("{NOTIFY_PREFIX}{user}");
    let on = RwSignal::new(super::notify_enabled(&user));
    let state = RwSignal::new(permission());
    let toggle = move |ev: leptos::ev::Event| {
        let want = event_target_checked(&ev);
        let key = key.clone();
        if !want {
            browser::local_set(&key, "0");
            on.set(false);
            return;
        }
        leptos::task::spawn_local(async move {
            let granted = match web_sys::Notification::request_permission() {
                Ok(p) => wasm_bindgen_futures::JsFuture::from(p)
                    .await
                    .ok()
                    .and_then(|v| v.as_string())
                    .is_some_and(|s| s == "granted"),
                Err(_) => false,
            };
            state.try_set(permission());
            browser::local_set(&key, if granted { "1" } else { "0" });
            on.try_set(granted);
        });
    };
    view! {
        <fieldset class="options-section">
            <legend>{tr("options.notify")}</legend>
            <p class="check">
                <input id="notify" type="checkbox" prop:checked=move || on.get() on:change=toggle />
                <label for="notify">{tr("options.notify_label")}</label>
            </p>
            <p class="hint" role="status">
                {move || (state.get() == web_sys::NotificationPermission::Denied).then(|| i18n.t("options.notify_denied"))}
            </p>
        </fieldset>
    }
}
