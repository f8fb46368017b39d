//! Labelled form inputs: one `<p class="field">` with its `<label>`, bound
//! either to a text signal or to one field of a form's state.

use crate::i18n::tr;
use leptos::prelude::*;

/// An input bound to a text signal; `label` is a catalogue key.
pub fn text_field(
    id: &'static str,
    label: &'static str,
    kind: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <p class="field">
            <label for=id>{tr(label)}</label>
            <input
                id=id
                type=kind
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </p>
    }
}

/// An input bound to one text field of a form's state.
pub fn form_field<T: Send + Sync + 'static>(
    id: String,
    label: &'static str,
    kind: &'static str,
    form: RwSignal<T>,
    get: fn(&T) -> &String,
    set: fn(&mut T, String),
) -> impl IntoView {
    view! {
        <p class="field">
            <label for=id.clone()>{tr(label)}</label>
            <input
                id=id
                type=kind
                prop:value=move || form.with(|f| get(f).clone())
                on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
            />
        </p>
    }
}
