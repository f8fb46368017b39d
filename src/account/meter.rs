//! The password fields of the account pages: a live colour bar with its %
//! and written level under each, and the policy checklist ticking rule by
//! rule. Colour is never alone: the level is written and, when it changes,
//! announced politely.

use super::policy::rules;
use super::strength::Strength;
use crate::config::{Config, PasswordPolicy};
use crate::i18n::{tr, use_i18n};
use leptos::prelude::*;

const LEVELS: [&str; 5] = [
    "strength.level.0",
    "strength.level.1",
    "strength.level.2",
    "strength.level.3",
    "strength.level.4",
];

/// A password input with its show/hide switch and, when `strength` is given,
/// its meter.
#[component]
pub fn PasswordField(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(into)] autocomplete: String,
    #[prop(optional)] meter: Option<(Strength, usize, Signal<Vec<String>>)>,
    /// Ids of more descriptions (the checklist, an error).
    #[prop(into, optional)]
    described_by: String,
    #[prop(into, optional)] invalid: Signal<bool>,
) -> impl IntoView {
    let shown = RwSignal::new(false);
    let i18n = use_i18n();
    let meter_id = format!("{id}-strength");
    // the meter's text and warning, not its live region (read once, not twice)
    let describe = match (&meter, described_by.is_empty()) {
        (Some(_), true) => format!("{meter_id}-text {meter_id}-warning"),
        (Some(_), false) => format!("{meter_id}-text {meter_id}-warning {described_by}"),
        (None, _) => described_by.clone(),
    };
    if let Some((strength, slot, inputs)) = meter {
        Effect::new(move |_| {
            let inputs = inputs.get();
            value.with(|v| strength.estimate(slot, v, &inputs));
        });
    }
    view! {
        <div class="field password-field">
            <label for=id>{tr(label)}</label>
            <div class="password-input">
                <input
                    id=id
                    type=move || if shown.get() { "text" } else { "password" }
                    autocomplete=autocomplete
                    autocapitalize="none"
                    spellcheck="false"
                    aria-describedby=(!describe.is_empty()).then_some(describe)
                    aria-invalid=move || invalid.get().then_some("true")
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
                <button
                    type="button"
                    class="reveal"
                    aria-label=move || i18n.tf("account.show_password_of", &[("field", i18n.t(label))])
                    aria-controls=id
                    aria-pressed=move || if shown.get() { "true" } else { "false" }
                    on:click=move |_| shown.update(|s| *s = !*s)
                >
                    {tr("account.show_password")}
                </button>
            </div>
            {meter.map(|(strength, slot, _)| view! { <Meter id=meter_id strength=strength index=slot /> })}
        </div>
    }
}

#[component]
fn Meter(id: String, strength: Strength, index: usize) -> impl IntoView {
    let slot = index;
    let i18n = use_i18n();
    let result = move || strength.results.with(|r| r.get(slot).cloned().flatten());
    let percent = move || result().map(|r| r.percent).unwrap_or(0);
    let score = move || result().map(|r| r.score.min(4)).unwrap_or(0);
    // Only a change of level is announced, not every keystroke.
    let level = Memo::new(move |_| result().map(|r| r.score.min(4)));
    let (text_id, warning_id) = (format!("{id}-text"), format!("{id}-warning"));
    view! {
        <div class="strength" id=id data-answer=move || result().map(|r| r.id.to_string())>
            <div class="strength-bar" aria-hidden="true">
                <span
                    class=move || format!("strength-fill level-{}", score())
                    style:width=move || format!("{}%", percent())
                ></span>
            </div>
            <p class="strength-text" id=text_id data-percent=move || percent().to_string()>
                {move || {
                    if strength.unavailable.get() {
                        return i18n.t("strength.unavailable").to_string();
                    }
                    match result() {
                        None => i18n.t("strength.empty").to_string(),
                        Some(r) => {
                            i18n.tf(
                                "strength.summary",
                                &[
                                    ("percent", &r.percent.to_string()),
                                    ("level", i18n.t(LEVELS[usize::from(r.score.min(4))])),
                                ],
                            )
                        }
                    }
                }}
            </p>
            <p class="strength-warning" id=warning_id>
                {move || {
                    result()
                        .and_then(|r| r.warning)
                        .and_then(|w| warning_key(&w))
                        .map(|k| i18n.t(k))
                }}
            </p>
            <p class="sr-only" aria-live="polite">
                {move || {
                    level
                        .get()
                        .map(|l| i18n.tf("strength.announce", &[("level", i18n.t(LEVELS[usize::from(l)]))]))
                }}
            </p>
        </div>
    }
}

/// The worker's warning keys the catalogue knows (a key is `&'static`).
fn warning_key(key: &str) -> Option<&'static str> {
    const KNOWN: &[&str] = &[
        "strength.warning.common_password",
        "strength.warning.common_word",
        "strength.warning.name",
        "strength.warning.keyboard_walk",
        "strength.warning.date",
        "strength.warning.year",
        "strength.warning.repeat",
        "strength.warning.sequence",
        "strength.warning.user_data",
        "strength.warning.short",
    ];
    KNOWN.iter().copied().find(|k| *k == key)
}

/// The imposed rules, ticked live; with `confirm`, « les deux mots de passe
/// sont identiques » too.
#[component]
pub fn PolicyChecklist(
    id: &'static str,
    #[prop(into)] password: Signal<String>,
    #[prop(optional)] confirm: Option<RwSignal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let policy: PasswordPolicy = use_context::<Config>()
        .map(|c| c.password_policy)
        .unwrap_or_default();
    let min = policy.min_length.to_string();
    let items = move || {
        let mut list: Vec<(&'static str, bool)> = password.with(|p| {
            rules(&policy, p)
                .into_iter()
                .map(|r| (r.key, r.met))
                .collect()
        });
        if let Some(c) = confirm {
            let same = password.with(|p| c.with(|c| !p.is_empty() && p == c));
            list.push(("policy.same", same));
        }
        list
    };
    view! {
        <div class="checklist" id=id>
            <p class="checklist-title">{tr("policy.title")}</p>
            <ul>
                {move || {
                    items()
                        .into_iter()
                        .map(|(key, met)| {
                            let text = i18n.tf(key, &[("n", &min)]);
                            view! {
                                <li class=if met { "met" } else { "unmet" } data-rule=key>
                                    <span class="mark" aria-hidden="true">
                                        {if met { "✓" } else { "✗" }}
                                    </span>
                                    {text}
                                    <span class="sr-only">
                                        {if met { i18n.t("policy.met") } else { i18n.t("policy.unmet") }}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
