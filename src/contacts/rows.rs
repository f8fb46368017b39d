//! The contact form's lists of e-mails, phones and postal addresses: rows
//! one adds (« Ajouter… ») and removes (« Retirer »), each a labelled group
//! with its type. Focus goes to the new row, or after a removal to the row
//! that took its place (else the one before, else « Ajouter… »).

use crate::i18n::{tr, use_i18n};
use crate::jmap::contacts::{Kind, PostalAddress, Typed};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A row: a stable number (keys the DOM, names the inputs) and its value.
pub type Row<T> = (u32, RwSignal<T>);

/// The rows of one list and the numbers handed out.
pub struct Rows<T: Send + Sync + 'static> {
    pub list: RwSignal<Vec<Row<T>>>,
    next: StoredValue<u32>,
}

impl<T: Send + Sync + 'static> Clone for Rows<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Rows<T> {}

impl<T: Clone + Default + Send + Sync + 'static> Rows<T> {
    pub fn new() -> Self {
        Rows {
            list: RwSignal::new(Vec::new()),
            next: StoredValue::new(0),
        }
    }

    /// Replaces the rows (the form opening); `min` empty rows at least.
    pub fn reset(&self, values: Vec<T>, min: usize) {
        let mut values = values;
        while values.len() < min {
            values.push(T::default());
        }
        let rows = values
            .into_iter()
            .map(|v| (self.number(), RwSignal::new(v)));
        self.list.set(rows.collect());
    }

    fn number(&self) -> u32 {
        let n = self.next.get_value();
        self.next.set_value(n + 1);
        n
    }

    pub fn values(&self) -> Vec<T> {
        self.list
            .with_untracked(|l| l.iter().map(|(_, v)| v.get_untracked()).collect())
    }

    fn add(&self) -> u32 {
        let n = self.number();
        self.list
            .update(|l| l.push((n, RwSignal::new(T::default()))));
        n
    }

    /// Removes a row; the number of the row to focus next, if any.
    fn remove(&self, n: u32) -> Option<u32> {
        let mut next = None;
        self.list.update(|l| {
            if let Some(i) = l.iter().position(|(x, _)| *x == n) {
                l.remove(i);
                next = l
                    .get(i)
                    .or(i.checked_sub(1).and_then(|j| l.get(j)))
                    .map(|r| r.0);
            }
        });
        next
    }

    /// 1-based place of a row, for its legend.
    fn place(&self, n: u32) -> usize {
        self.list
            .with(|l| l.iter().position(|(x, _)| *x == n).map_or(0, |i| i + 1))
    }
}

/// Focus an element once the DOM has the change.
pub fn focus_later(id: String) {
    request_animation_frame(move || {
        if let Some(el) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// What differs between the three lists.
#[derive(Clone, Copy)]
pub struct ListText {
    /// `{base}-{n}-kind`, `{base}-{n}-value`…, `{base}-add`.
    pub base: &'static str,
    /// Heading of the list (« Adresses électroniques »).
    pub heading: &'static str,
    /// Legend of a row, with `{n}` (« Adresse électronique {n} »).
    pub row: &'static str,
    /// « Ajouter une adresse e-mail ».
    pub add: &'static str,
    pub kinds: &'static [Kind],
}

fn kind_select<T: Send + Sync + 'static>(
    id: String,
    kinds: &'static [Kind],
    value: RwSignal<T>,
    get: fn(&T) -> Kind,
    set: fn(&mut T, Kind),
) -> impl IntoView {
    view! {
        <span class="row-field">
            <label for=id.clone()>{tr("contacts.kind")}</label>
            <select
                id=id
                prop:value=move || value.with(|v| get(v).code())
                on:change=move |ev| value.update(|v| set(v, Kind::from_code(&event_target_value(&ev))))
            >
                {kinds
                    .iter()
                    .map(|k| view! { <option value=k.code()>{tr(k.label_key())}</option> })
                    .collect_view()}
            </select>
        </span>
    }
}

/// A labelled input on one text of a row.
fn row_input<T: Send + Sync + 'static>(
    id: String,
    label: &'static str,
    kind: &'static str,
    value: RwSignal<T>,
    get: fn(&T) -> &String,
    set: fn(&mut T, String),
    invalid: Signal<Option<String>>,
) -> impl IntoView {
    let bad = {
        let id = id.clone();
        move || (invalid.get().as_deref() == Some(id.as_str())).then_some("true")
    };
    let autocomplete = match kind {
        "email" => "email",
        "tel" => "tel",
        _ => "off",
    };
    view! {
        <span class="row-field">
            <label for=id.clone()>{tr(label)}</label>
            <input
                id=id
                type=kind
                autocomplete=autocomplete
                aria-invalid=bad
                prop:value=move || value.with(|v| get(v).clone())
                on:input=move |ev| value.update(|v| set(v, event_target_value(&ev)))
            />
        </span>
    }
}

/// The frame every list shares: heading, rows (as `body` draws them), add.
fn list_frame<T: Clone + Default + Send + Sync + 'static>(
    text: ListText,
    rows: Rows<T>,
    body: impl Fn(u32, RwSignal<T>) -> AnyView + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = format!("{}-heading", text.base);
    let add_id = format!("{}-add", text.base);
    let add = move |_| {
        let n = rows.add();
        focus_later(format!("{}-{n}-kind", text.base));
    };
    view! {
        <section class="field-rows" aria-labelledby=heading_id.clone()>
            <h3 id=heading_id.clone()>{tr(text.heading)}</h3>
            <For each=move || rows.list.get() key=|r| r.0 let:row>
                {
                    let (n, value) = row;
                    let legend = move || i18n.tf(text.row, &[("n", &rows.place(n).to_string())]);
                    let remove = move |_| {
                        let target = rows.remove(n).map_or_else(
                            || format!("{}-add", text.base),
                            |m| format!("{}-{m}-kind", text.base),
                        );
                        focus_later(target);
                    };
                    let body = body.clone();
                    view! {
                        <fieldset class="field-row">
                            <legend>{legend}</legend>
                            {body(n, value)}
                            <button
                                type="button"
                                class="row-remove"
                                aria-label=move || i18n.tf("contacts.remove_row", &[("what", &legend())])
                                on:click=remove
                            >
                                {tr("contacts.remove")}
                            </button>
                        </fieldset>
                    }
                }
            </For>
            <button type="button" id=add_id on:click=add>{tr(text.add)}</button>
        </section>
    }
}

/// E-mails or phones: a type and a value per row.
pub fn typed_rows(
    text: ListText,
    input_kind: &'static str,
    value_label: &'static str,
    rows: Rows<Typed>,
    invalid: Signal<Option<String>>,
) -> impl IntoView {
    list_frame(text, rows, move |n, value| {
        view! {
            {kind_select(format!("{}-{n}-kind", text.base), text.kinds, value, |t| t.kind, |t, k| t.kind = k)}
            {row_input(format!("{}-{n}-value", text.base), value_label, input_kind, value, |t| &t.value, |t, v| t.value = v, invalid)}
        }
        .into_any()
    })
}

/// Postal addresses: a type, the street and the town's parts.
pub fn address_rows(
    text: ListText,
    rows: Rows<PostalAddress>,
    invalid: Signal<Option<String>>,
) -> impl IntoView {
    list_frame(text, rows, move |n, value| {
        let id = move |part: &str| format!("{}-{n}-{part}", text.base);
        view! {
            {kind_select(id("kind"), text.kinds, value, |a| a.kind, |a, k| a.kind = k)}
            {row_input(id("street"), "contacts.street", "text", value, |a| &a.street, |a, v| a.street = v, invalid)}
            {row_input(id("postcode"), "contacts.postcode", "text", value, |a| &a.postcode, |a, v| a.postcode = v, invalid)}
            {row_input(id("locality"), "contacts.locality", "text", value, |a| &a.locality, |a, v| a.locality = v, invalid)}
            {row_input(id("region"), "contacts.region", "text", value, |a| &a.region, |a, v| a.region = v, invalid)}
            {row_input(id("country"), "contacts.country", "text", value, |a| &a.country, |a, v| a.country = v, invalid)}
        }
        .into_any()
    })
}
