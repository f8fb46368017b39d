//! « Signature »: typed once, added to every new message, reply and forward.

use super::SIGNATURE_PREFIX;
use crate::auth::use_auth;
use crate::browser;
use crate::i18n::tr;
use crate::ui::notices::use_notices;
use leptos::prelude::*;

#[component]
pub fn SignatureField() -> impl IntoView {
    let auth = use_auth();
    let notices = use_notices();
    let user = auth.username();
    let key = format!("{SIGNATURE_PREFIX}{user}");
    let text = RwSignal::new(super::signature(&user));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        browser::local_set(&key, &text.get_untracked());
        notices.info.set(Some("options.signature_saved"));
    };
    view! {
        <form class="options-section" on:submit=save>
            <h2>{tr("options.signature")}</h2>
            <p class="field">
                <label for="signature">{tr("options.signature_label")}</label>
                <textarea
                    id="signature"
                    rows="5"
                    aria-describedby="signature-hint"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
            </p>
            <p id="signature-hint" class="hint">{tr("options.signature_hint")}</p>
            <button type="submit">{tr("options.save")}</button>
        </form>
    }
}
