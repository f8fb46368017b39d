//! « Retrouver mon compte »: nom, prénom, date de naissance → the identifiant
//! and the académie address. The service searches the usage name first,
//! then the birth name (married people).

use super::api::{self, FindRequest, FindResponse, MatchedBy};
use super::birth_date::{self, BirthDateField};
use super::field::{busy_label, RequiredField};
use super::layout::{AccountLayout, Section};
use super::{api_base, error_text};
use crate::i18n::{tr, use_i18n};
use crate::jmap::url::encode_component;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn FindAccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let base = StoredValue::new(api_base());
    let last = RwSignal::new(String::new());
    let first = RwSignal::new(String::new());
    let birth = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let bad_date = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let found = RwSignal::new(None::<FindResponse>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        found.set(None);
        let (l, f, b) = (
            last.get_untracked(),
            first.get_untracked(),
            birth.get_untracked(),
        );
        bad_date.set(false);
        if l.trim().is_empty() || f.trim().is_empty() || b.trim().is_empty() {
            bad_date.set(b.trim().is_empty());
            problem.set(Some(i18n.t("account.error.required").to_string()));
            return;
        }
        let Some(b) = birth_date::parse(&b) else {
            bad_date.set(true);
            problem.set(Some(i18n.t("account.error.birth_date").to_string()));
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let body = FindRequest {
                last_name: l.trim(),
                first_name: f.trim(),
                birth_date: &b,
            };
            let answer: Result<FindResponse, _> =
                api::post(&base.get_value(), "/account/find", &body).await;
            busy.try_set(false);
            match answer {
                Ok(r) if !r.accounts.is_empty() => {
                    found.try_set(Some(r));
                }
                Ok(_) => {
                    problem.try_set(Some(i18n.t("account.error.not_found").to_string()));
                }
                Err(e) => {
                    problem.try_set(Some(error_text(i18n, &e)));
                }
            }
        });
    };

    view! {
        <AccountLayout section=Section::Find>
            <p>{tr("account.find.intro")}</p>
            <form class="account-form" on:submit=submit novalidate>
                <p class="required-note">{tr("account.required_note")}</p>
                <RequiredField id="find-last" label="account.field.last_name" value=last tried=tried autocomplete="family-name" />
                <RequiredField id="find-first" label="account.field.first_name" value=first tried=tried autocomplete="given-name" />
                <BirthDateField id="find-birth" value=birth invalid=Signal::derive(move || bad_date.get()) />
                <p class="form-error" role="alert">{move || problem.get()}</p>
                <button type="submit" class="primary" aria-disabled=move || busy.get().then_some("true")>
                    {busy_label(i18n, busy, "account.find.submit")}
                </button>
            </form>
            <div role="status" class="account-result-area">
                {move || found.get().map(|r| view! { <FoundAccounts found=r /> })}
            </div>
        </AccountLayout>
    }
}

#[component]
fn FoundAccounts(found: FindResponse) -> impl IntoView {
    let by_birth_name = found.matched_by == MatchedBy::BirthName;
    view! {
        <section class="account-result">
            <h2>{tr("account.find.result")}</h2>
            <Show when=move || by_birth_name>
                <p class="note">{tr("account.find.by_birth_name")}</p>
            </Show>
            {found
                .accounts
                .into_iter()
                .map(|a| {
                    let reset = format!("/compte/reinitialiser?identifiant={}", encode_component(&a.login));
                    view! {
                        <dl class="found-account">
                            <dt>{tr("account.field.login")}</dt>
                            <dd class="found-login">{a.login}</dd>
                            <dt>{tr("account.field.email")}</dt>
                            <dd class="found-email">{a.email}</dd>
                        </dl>
                        <p>
                            <a href=reset>{tr("account.find.reset_link")}</a>
                        </p>
                    }
                })
                .collect_view()}
        </section>
    }
}
