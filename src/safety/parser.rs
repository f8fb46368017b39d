//! The `DOMParser` the sanitiser uses: the one of `/parser.html`, an empty
//! same-origin page in a hidden frame. Documents it makes take that page's
//! policy; made with the app's own parser they would take the app's strict
//! CSP, under which the browser refuses and reports, at parse time, every
//! inline style and handler of a message (nothing would run either way:
//! parsed documents are inert).

use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    static PARSER: RefCell<Option<web_sys::DomParser>> = const { RefCell::new(None) };
    static READY: RefCell<Option<ArcRwSignal<bool>>> = const { RefCell::new(None) };
}

/// A signal that turns true once the parser is there; the first call
/// creates the frame. Reference-counted, not owned by the component that
/// first asked (it outlives it).
pub fn ready() -> ArcRwSignal<bool> {
    if let Some(s) = READY.with(|r| r.borrow().clone()) {
        return s;
    }
    let signal = ArcRwSignal::new(false);
    READY.with(|r| *r.borrow_mut() = Some(signal.clone()));
    let Some(doc) = crate::browser::window().and_then(|w| w.document()) else {
        return signal;
    };
    let Ok(frame) = doc.create_element("iframe") else {
        return signal;
    };
    let _ = frame.set_attribute("class", "autan-parser");
    let _ = frame.set_attribute("hidden", "");
    // Out of the focus order and of the accessibility tree.
    let _ = frame.set_attribute("inert", "");
    let _ = frame.set_attribute("aria-hidden", "true");
    let _ = frame.set_attribute("tabindex", "-1");
    let _ = frame.set_attribute("title", "Autan");
    let loaded = frame.clone();
    let done = signal.clone();
    let on_load = Closure::once_into_js(move || {
        let parser = loaded
            .dyn_ref::<web_sys::HtmlIFrameElement>()
            .and_then(|f| f.content_window())
            .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("DOMParser")).ok())
            .and_then(|c| c.dyn_into::<js_sys::Function>().ok())
            .and_then(|c| js_sys::Reflect::construct(&c, &js_sys::Array::new()).ok())
            .map(|p| p.unchecked_into::<web_sys::DomParser>());
        if parser.is_some() {
            PARSER.with(|p| *p.borrow_mut() = parser);
            done.set(true);
        }
    });
    let _ = frame.add_event_listener_with_callback("load", on_load.unchecked_ref());
    let _ = frame.set_attribute("src", "/parser.html");
    // First in the body: appended last, it became the keyboard's starting
    // point after login and the first Tab left the page.
    if let Some(body) = doc.body() {
        let _ = body.insert_before(&frame, body.first_child().as_ref());
    }
    signal
}

/// Parses `html` into an inert document, once the parser is ready.
pub fn parse(html: &str) -> Option<web_sys::Document> {
    PARSER.with(|p| {
        p.borrow().as_ref().and_then(|p| {
            p.parse_from_string(html, web_sys::SupportedType::TextHtml)
                .ok()
        })
    })
}
