//! The strength estimator runs in a Web Worker (`/strength/worker.js`, built
//! from the `strength/` crate): its code and dictionaries load only on the
//! password pages, never with the mailbox, and typing never waits for it.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub const WORKER_URL: &str = "/strength/worker.js";

/// What the worker says of one password.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Estimate {
    pub percent: u8,
    /// 0 (très faible) ..= 4 (très fort)
    pub score: u8,
    /// A catalogue key (`strength.warning.*`), if any.
    pub warning: Option<String>,
    /// Which question this answers (the benchmark times keystroke → answer).
    pub id: u32,
}

/// One worker per password page; the latest answer wins.
#[derive(Clone, Copy)]
pub struct Strength {
    worker: StoredValue<Option<WorkerHandle>, LocalStorage>,
    next: StoredValue<u32>,
    /// The id of the latest question per slot: older answers are dropped.
    latest: StoredValue<Vec<u32>>,
    /// Answers per caller (`slot`), so two fields share one worker.
    pub results: RwSignal<Vec<Option<Estimate>>>,
    /// The worker could not start: the checklist alone is shown.
    pub unavailable: RwSignal<bool>,
}

struct WorkerHandle {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

fn field(data: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(data, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// Reads one answer: `{id, slot, percent, score, warning}`; anything else is
/// ignored (a worker is outside input too).
fn read_answer(data: &JsValue) -> Option<(u32, usize, Estimate)> {
    let id = field(data, "id").as_f64()?;
    let slot = field(data, "slot").as_f64().unwrap_or(0.0);
    let percent = field(data, "percent").as_f64()?;
    let score = field(data, "score").as_f64()?;
    if !(0.0..=100.0).contains(&percent)
        || !(0.0..=4.0).contains(&score)
        || !(0.0..8.0).contains(&slot)
    {
        return None;
    }
    let warning = field(data, "warning")
        .as_string()
        .filter(|w| w.starts_with("strength.warning."));
    Some((
        id as u32,
        slot as usize,
        Estimate {
            percent: percent as u8,
            score: score as u8,
            warning,
            id: id as u32,
        },
    ))
}

impl Strength {
    /// Starts the worker for this page; it stops when the page goes.
    pub fn start(slots: usize) -> Strength {
        let s = Strength {
            worker: StoredValue::new_local(None),
            next: StoredValue::new(0),
            latest: StoredValue::new(vec![0; slots]),
            results: RwSignal::new(vec![None; slots]),
            unavailable: RwSignal::new(false),
        };
        let latest = s.latest;
        let results = s.results;
        let unavailable = s.unavailable;
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                let data = ev.data();
                if !field(&data, "error").is_undefined() {
                    unavailable.try_set(true);
                    return;
                }
                let Some((id, slot, estimate)) = read_answer(&data) else {
                    return;
                };
                // an answer to a password that has changed since is dropped
                let current = latest.try_with_value(|l| l.get(slot) == Some(&id));
                if current == Some(true) {
                    results.try_update(|r| {
                        if let Some(x) = r.get_mut(slot) {
                            *x = Some(estimate);
                        }
                    });
                }
            });
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            unavailable.try_set(true);
        });
        let opts = web_sys::WorkerOptions::new();
        opts.set_type(web_sys::WorkerType::Module);
        match web_sys::Worker::new_with_options(WORKER_URL, &opts) {
            Ok(worker) => {
                worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
                worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
                s.worker.set_value(Some(WorkerHandle {
                    worker,
                    _on_message: on_message,
                    _on_error: on_error,
                }));
            }
            Err(_) => s.unavailable.set(true),
        }
        let handle = s.worker;
        on_cleanup(move || {
            if let Some(Some(h)) = handle.try_update_value(Option::take) {
                h.worker.terminate();
            }
        });
        s
    }

    /// Asks for the estimate of `password` in `slot`; an empty password is
    /// answered at once.
    pub fn estimate(&self, slot: usize, password: &str, inputs: &[String]) {
        if password.is_empty() {
            self.results.update(|r| {
                if let Some(x) = r.get_mut(slot) {
                    *x = None;
                }
            });
            return;
        }
        let id = self.next.get_value().wrapping_add(1);
        self.next.set_value(id);
        self.latest.update_value(|l| {
            if let Some(x) = l.get_mut(slot) {
                *x = id;
            }
        });
        let message = js_sys::Object::new();
        let list = js_sys::Array::new();
        for i in inputs.iter().filter(|i| !i.trim().is_empty()) {
            list.push(&JsValue::from_str(i));
        }
        let set = |k: &str, v: &JsValue| {
            let _ = js_sys::Reflect::set(&message, &JsValue::from_str(k), v);
        };
        set("id", &JsValue::from(id));
        set("slot", &JsValue::from(slot as u32));
        set("password", &JsValue::from_str(password));
        set("inputs", &list);
        self.worker.with_value(|w| {
            if let Some(h) = w {
                if h.worker.post_message(&message).is_err() {
                    self.unavailable.set(true);
                }
            }
        });
    }
}
