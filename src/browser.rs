//! Small wrappers over browser APIs; every failure is an Option, never a panic.

use wasm_bindgen::JsCast;

pub fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

pub fn local_get(key: &str) -> Option<String> {
    window()?.local_storage().ok()??.get_item(key).ok()?
}

pub fn local_set(key: &str, value: &str) {
    if let Some(Ok(Some(s))) = window().map(|w| w.local_storage()) {
        let _ = s.set_item(key, value);
    }
}

fn session_storage() -> Option<web_sys::Storage> {
    window()?.session_storage().ok()?
}

/// Tab-scoped storage: gone when the tab closes.
pub fn session_get(key: &str) -> Option<String> {
    session_storage()?.get_item(key).ok()?
}

pub fn session_set(key: &str, value: &str) {
    if let Some(s) = session_storage() {
        let _ = s.set_item(key, value);
    }
}

pub fn session_remove(key: &str) {
    if let Some(s) = session_storage() {
        let _ = s.remove_item(key);
    }
}

pub fn local_remove(key: &str) {
    if let Some(Ok(Some(s))) = window().map(|w| w.local_storage()) {
        let _ = s.remove_item(key);
    }
}

/// Removes every key of ours except those starting with one of `keep`
/// (user preferences, per-account hints).
pub fn local_clear_except(keep: &[&str]) {
    let Some(Ok(Some(s))) = window().map(|w| w.local_storage()) else {
        return;
    };
    let len = s.length().unwrap_or(0);
    let keys: Vec<String> = (0..len).filter_map(|i| s.key(i).ok().flatten()).collect();
    for k in keys {
        if k.starts_with("autan.") && !keep.iter().any(|p| k.starts_with(p)) {
            let _ = s.remove_item(&k);
        }
    }
}

pub fn cookies_enabled() -> bool {
    // web-sys has no binding for navigator.cookieEnabled: read it by name.
    window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"cookieEnabled".into()).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(true)
}

pub fn location_href() -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

static LOADED_HREF: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Notes the address this document was loaded from; each bundle's start
/// calls it before any in-app navigation.
pub fn note_loaded_href() {
    let _ = LOADED_HREF.set(location_href());
}

/// The address this document was loaded from.
pub fn loaded_href() -> String {
    LOADED_HREF.get().cloned().unwrap_or_default()
}

/// Loads `url` in place of the current history entry.
pub fn replace_with(url: &str) {
    if let Some(w) = window() {
        let _ = w.location().replace(url);
    }
}

pub fn go_to(url: &str) {
    if let Some(w) = window() {
        let _ = w.location().assign(url);
    }
}

pub fn set_title(title: &str) {
    if let Some(d) = window().and_then(|w| w.document()) {
        d.set_title(title);
    }
}

/// Sets CSS custom properties on `<html>` through the CSSOM, which a strict
/// CSP (`style-src 'self'`) allows, unlike inline style attributes.
pub fn set_css_vars(vars: &[(&str, &str)]) {
    let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let style = root.style();
    for (k, v) in vars {
        let _ = style.set_property(k, v);
    }
}

pub fn set_lang(code: &str) {
    if let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", code);
    }
}

pub async fn sleep_ms(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}
