//! « Assistance »: how to reach the académie's help desk (config.json
//! `support`), and a form to describe the problem precisely.

use super::api::{self, AssistanceRequest, AssistanceResponse};
use super::field::{busy_label, RequiredField};
use super::layout::{AccountLayout, Section};
use super::{api_base, error_text};
use crate::config::Config;
use crate::i18n::{tr, use_i18n};
use crate::mail::compose::model::is_valid_email;
use leptos::prelude::*;
use leptos::task::spawn_local;

const TOPICS: [(&str, &str); 4] = [
    ("login", "account.assistance.topic.login"),
    ("password", "account.assistance.topic.password"),
    ("mail", "account.assistance.topic.mail"),
    ("other", "account.assistance.topic.other"),
];
const MIN_DESCRIPTION: usize = 20;

#[component]
pub fn AssistancePage() -> impl IntoView {
    let i18n = use_i18n();
    let base = StoredValue::new(api_base());
    let support = use_context::<Config>()
        .map(|c| c.support)
        .unwrap_or_default();
    let login = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let topic = RwSignal::new("password".to_string());
    let description = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let reference = RwSignal::new(None::<String>);
    let tried = RwSignal::new(false);
    let sent = NodeRef::<leptos::html::P>::new();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        let (n, e, d) = (
            name.get_untracked(),
            email.get_untracked(),
            description.get_untracked(),
        );
        let issue = if n.trim().is_empty() || e.trim().is_empty() || d.trim().is_empty() {
            Some("account.error.required")
        } else if !is_valid_email(e.trim()) {
            Some("account.assistance.email_invalid")
        } else if d.trim().chars().count() < MIN_DESCRIPTION {
            Some("account.assistance.too_short")
        } else {
            None
        };
        if let Some(k) = issue {
            problem.set(Some(i18n.t(k).to_string()));
            return;
        }
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        let (l, p, t) = (
            login.get_untracked(),
            phone.get_untracked(),
            topic.get_untracked(),
        );
        spawn_local(async move {
            let body = AssistanceRequest {
                login: Some(l.trim()).filter(|s| !s.is_empty()),
                name: n.trim(),
                email: e.trim(),
                phone: Some(p.trim()).filter(|s| !s.is_empty()),
                topic: &t,
                description: d.trim(),
            };
            let answer: Result<AssistanceResponse, _> =
                api::post(&base.get_value(), "/assistance", &body).await;
            busy.try_set(false);
            match answer {
                Ok(r) => {
                    description.try_set(String::new());
                    reference.try_set(Some(r.reference));
                    request_animation_frame(move || {
                        if let Some(el) = sent.get_untracked() {
                            let _ = el.focus();
                        }
                    });
                }
                Err(err) => {
                    problem.try_set(Some(error_text(i18n, &err)));
                }
            }
        });
    };
    let missing = move |s: RwSignal<String>| {
        move || (tried.get() && s.with(|v| v.trim().is_empty())).then_some("true")
    };
    let count = move || description.with(|d| d.trim().chars().count());

    view! {
        <AccountLayout section=Section::Assistance>
            <section class="support-contact" aria-labelledby="support-title">
                <h2 id="support-title">{tr("account.assistance.contact")}</h2>
                <dl>
                    <dt>{tr("account.assistance.phone")}</dt>
                    <dd>{support.phone.clone()}</dd>
                    <dt>{tr("account.assistance.email")}</dt>
                    <dd>
                        <a href=format!("mailto:{}", support.email)>{support.email.clone()}</a>
                    </dd>
                    <dt>{tr("account.assistance.hours")}</dt>
                    <dd>{support.hours.clone()}</dd>
                    {(!support.closures.is_empty()).then(|| view! {
                        <dt>{tr("account.assistance.closures")}</dt>
                        <dd>
                            <ul>{support.closures.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul>
                        </dd>
                    })}
                </dl>
            </section>
            <h2>{tr("account.assistance.form_title")}</h2>
            <p>{tr("account.assistance.intro")}</p>
            <Show when=move || reference.with(Option::is_some)>
                <p class="account-done" role="status" tabindex="-1" node_ref=sent>
                    {move || i18n.tf("account.assistance.sent", &[("reference", &reference.get().unwrap_or_default())])}
                </p>
            </Show>
            <form class="account-form" on:submit=submit novalidate>
                <p class="required-note">{tr("account.required_note")}</p>
                <p class="field">
                    <label for="help-login">{tr("account.field.login_optional")}</label>
                    <input id="help-login" type="text" autocomplete="username" autocapitalize="none"
                        prop:value=move || login.get() on:input=move |ev| login.set(event_target_value(&ev)) />
                </p>
                <RequiredField id="help-name" label="account.field.full_name" value=name tried=tried autocomplete="name" />
                <RequiredField id="help-email" label="account.field.contact_email" value=email tried=tried kind="email" autocomplete="email" />
                <p class="field">
                    <label for="help-phone">{tr("account.field.phone_optional")}</label>
                    <input id="help-phone" type="tel" autocomplete="tel"
                        prop:value=move || phone.get() on:input=move |ev| phone.set(event_target_value(&ev)) />
                </p>
                <p class="field">
                    <label for="help-topic">{tr("account.assistance.topic")}</label>
                    <select id="help-topic" on:change=move |ev| topic.set(event_target_value(&ev))>
                        {TOPICS.iter().map(|(value, key)| view! {
                            <option value=*value selected=move || topic.get() == *value>{tr(key)}</option>
                        }).collect_view()}
                    </select>
                </p>
                <p class="field">
                    <label for="help-description">{tr("account.assistance.description")} " *"</label>
                    <textarea id="help-description" rows="7" required aria-invalid=missing(description)
                        aria-describedby="help-description-hint"
                        prop:value=move || description.get()
                        on:input=move |ev| description.set(event_target_value(&ev))></textarea>
                    <span class="hint" id="help-description-hint">
                        {move || i18n.tf("account.assistance.description_hint", &[("count", &count().to_string()), ("min", &MIN_DESCRIPTION.to_string())])}
                    </span>
                </p>
                <p class="form-error" role="alert">{move || problem.get()}</p>
                <button type="submit" class="primary" aria-disabled=move || busy.get().then_some("true")>
                    {busy_label(i18n, busy, "account.assistance.submit")}
                </button>
            </form>
        </AccountLayout>
    }
}
