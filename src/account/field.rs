//! The account forms' shared pieces: a required text field that says it is
//! missing once the form has been tried, and the submit button's label.

use crate::i18n::{tr, I18n};
use leptos::prelude::*;

/// A required one-line field (« * » after its label); `aria-invalid` once
/// `tried` and still empty. `verbatim`: identifiants and codes (no
/// capitals nor spell check added by the device); `hint`: a catalogue key
/// shown under it and read with it.
#[component]
pub fn RequiredField(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    tried: RwSignal<bool>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] verbatim: bool,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let hint_id = hint.map(|_| format!("{id}-hint"));
    view! {
        <p class="field">
            <label for=id>{tr(label)} " *"</label>
            <input
                id=id
                type=kind
                autocomplete=autocomplete
                autocapitalize=verbatim.then_some("none")
                spellcheck=verbatim.then_some("false")
                required
                aria-describedby=hint_id.clone()
                aria-invalid=move || (tried.get() && value.with(|v| v.trim().is_empty())).then_some("true")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {hint.map(|k| view! { <span class="hint" id=hint_id>{tr(k)}</span> })}
        </p>
    }
}

/// The submit button's text: `idle`, or « Envoi en cours… » while `busy`.
pub fn busy_label(
    i18n: I18n,
    busy: RwSignal<bool>,
    idle: &'static str,
) -> impl Fn() -> &'static str + Copy {
    move || {
        if busy.get() {
            i18n.t("account.busy")
        } else {
            i18n.t(idle)
        }
    }
}
