//! « Recopiez le texte qui apparaît sur l'image »: the service's captcha,
//! a new image on click, and an accessible alternative without image (a
//! question in words). Each captcha serves one attempt: the form asks for a
//! new one after every answer the service has seen.

use super::api::{self, Captcha, CaptchaRequest};
use crate::config::Config;
use crate::i18n::{tr, use_i18n};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Image,
    Question,
}

#[derive(Clone, Copy)]
pub struct CaptchaState {
    kind: RwSignal<Kind>,
    current: RwSignal<Option<Captcha>>,
    pub answer: RwSignal<String>,
    failed: RwSignal<bool>,
    base: StoredValue<String>,
    /// Only the answer to the latest request counts (double clicks, kind
    /// switches).
    asked: StoredValue<u32>,
}

impl CaptchaState {
    pub fn new() -> CaptchaState {
        let base = use_context::<Config>()
            .map(|c| c.account_api_base)
            .unwrap_or_default();
        let s = CaptchaState {
            kind: RwSignal::new(Kind::Image),
            current: RwSignal::new(None),
            answer: RwSignal::new(String::new()),
            failed: RwSignal::new(false),
            base: StoredValue::new(base),
            asked: StoredValue::new(0),
        };
        s.renew();
        s
    }

    /// Asks the service for a new captcha of the current kind.
    pub fn renew(&self) {
        let s = *self;
        s.answer.set(String::new());
        let kind = match s.kind.get_untracked() {
            Kind::Image => "image",
            Kind::Question => "question",
        };
        let base = s.base.get_value();
        let ask = s.asked.get_value().wrapping_add(1);
        s.asked.set_value(ask);
        spawn_local(async move {
            let result: Result<Captcha, _> =
                api::post(&base, "/captcha", &CaptchaRequest { kind }).await;
            if s.asked.try_get_value() != Some(ask) {
                return;
            }
            match result {
                Ok(c) => {
                    s.failed.try_set(false);
                    s.current.try_set(Some(c));
                }
                Err(_) => {
                    s.failed.try_set(true);
                    s.current.try_set(None);
                }
            }
        });
    }

    /// The captcha id and the answer typed, when both are there.
    pub fn solution(&self) -> Option<(String, String)> {
        let id = self
            .current
            .with_untracked(|c| c.as_ref().map(|c| c.id.clone()))?;
        let answer = self.answer.get_untracked().trim().to_string();
        (!answer.is_empty()).then_some((id, answer))
    }

    fn switch(&self, kind: Kind) {
        self.kind.set(kind);
        self.renew();
    }
}

#[component]
pub fn CaptchaField(state: CaptchaState, id: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let input_id = format!("{id}-answer");
    let input_id2 = input_id.clone();
    let captcha_id = move || state.current.with(|c| c.as_ref().map(|c| c.id.clone()));
    let image = move || {
        state
            .current
            .with(|c| c.as_ref().and_then(|c| c.image.clone()))
    };
    let question = move || {
        state
            .current
            .with(|c| c.as_ref().and_then(|c| c.question.clone()))
    };
    view! {
        <fieldset class="captcha" data-captcha-id=captcha_id>
            <legend>
                {move || {
                    if state.kind.get() == Kind::Image {
                        i18n.t("captcha.legend")
                    } else {
                        i18n.t("captcha.legend_question")
                    }
                }}
            </legend>
            <Show when=move || state.failed.get()>
                <p class="form-error" role="alert">
                    {tr("captcha.unavailable")}
                    " "
                    <button type="button" class="link" on:click=move |_| state.renew()>
                        {tr("app.retry")}
                    </button>
                </p>
            </Show>
            <Show
                when=move || state.kind.get() == Kind::Image
                fallback=move || {
                    let input_id = input_id2.clone();
                    view! {
                        <p class="field">
                            <label for=input_id.clone()>
                                {move || question().unwrap_or_else(|| i18n.t("captcha.loading").to_string())}
                                " "
                                <span class="hint">{tr("captcha.question_hint")}</span>
                            </label>
                            <input
                                id=input_id
                                type="text"
                                inputmode="numeric"
                                autocomplete="off"
                                prop:value=move || state.answer.get()
                                on:input=move |ev| state.answer.set(event_target_value(&ev))
                            />
                        </p>
                        <button type="button" class="link" on:click=move |_| state.switch(Kind::Image)>
                            {tr("captcha.back_to_image")}
                        </button>
                    }
                }
            >
                <button
                    type="button"
                    class="captcha-image"
                    title=move || i18n.t("captcha.new_image")
                    on:click=move |_| state.renew()
                >
                    {move || match image() {
                        Some(src) => view! { <img src=src alt=i18n.t("captcha.image_alt") /> }.into_any(),
                        None => view! { <span>{tr("captcha.loading")}</span> }.into_any(),
                    }}
                </button>
                <p class="field">
                    <label for=input_id.clone()>{tr("captcha.label")}</label>
                    <input
                        id=input_id.clone()
                        type="text"
                        autocomplete="off"
                        autocapitalize="none"
                        spellcheck="false"
                        prop:value=move || state.answer.get()
                        on:input=move |ev| state.answer.set(event_target_value(&ev))
                    />
                </p>
                <button type="button" class="link" on:click=move |_| state.switch(Kind::Question)>
                    {tr("captcha.cannot_read")}
                </button>
            </Show>
        </fieldset>
    }
}
