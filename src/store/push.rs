//! Server push: an EventSource on the session's eventSourceUrl when the auth
//! mode lets it carry credentials (cookies). Each `state` event pokes the sync
//! loop. Servers that do not stream (Cyrus 3.6 answers 204) just close it and
//! the polling of `*/changes` goes on alone.

use crate::jmap::push::{event_source_url, initial_mode, SyncMode};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Keeps the EventSource open while alive; closes it when dropped.
pub struct Push {
    source: web_sys::EventSource,
    _on_state: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl Drop for Push {
    fn drop(&mut self) {
        self.source.close();
    }
}

pub fn start(template: &str, cookie_auth: bool, poke: Arc<AtomicBool>) -> Option<Push> {
    if initial_mode(template, cookie_auth) != SyncMode::Push {
        return None;
    }
    let url = event_source_url(template, &["Email", "Mailbox"], 60);
    let init = web_sys::EventSourceInit::new();
    init.set_with_credentials(true);
    let source = web_sys::EventSource::new_with_event_source_init_dict(&url, &init).ok()?;
    let on_state = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| {
        poke.store(true, Ordering::Relaxed);
    });
    source
        .add_event_listener_with_callback("state", on_state.as_ref().unchecked_ref())
        .ok()?;
    Some(Push {
        source,
        _on_state: on_state,
    })
}
