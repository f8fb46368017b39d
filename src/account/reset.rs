//! « Réinitialiser mon mot de passe »: identifiant + NUMEN (or temporary
//! agent number) + date de naissance + captcha, then the new password at
//! once. The service never says which field was wrong.

use super::api::{self, CompleteRequest, ResetRequest, ResetResponse};
use super::birth_date::{self, BirthDateField};
use super::captcha::{CaptchaField, CaptchaState};
use super::field::{busy_label, RequiredField};
use super::layout::{AccountLayout, Section};
use super::new_password::{NewPassword, NewPasswordFields};
use super::{api_base, error_text, focus_later};
use crate::i18n::{tr, use_i18n};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

#[derive(Clone, PartialEq)]
enum Step {
    Verify,
    NewPassword(String),
    Done,
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let base = StoredValue::new(api_base());
    let query = use_query_map();
    let login = RwSignal::new(query.get_untracked().get("identifiant").unwrap_or_default());
    let numen = RwSignal::new(String::new());
    let birth = RwSignal::new(String::new());
    let captcha = CaptchaState::new();
    let password = NewPassword::new();
    let step = RwSignal::new(Step::Verify);
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let tried = RwSignal::new(false);
    let bad_date = RwSignal::new(false);
    let heading = NodeRef::<leptos::html::H2>::new();

    let verify = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        let (l, n, b) = (
            login.get_untracked(),
            numen.get_untracked(),
            birth.get_untracked(),
        );
        bad_date.set(false);
        if l.trim().is_empty() || n.trim().is_empty() || b.trim().is_empty() {
            bad_date.set(b.trim().is_empty());
            problem.set(Some(i18n.t("account.error.required").to_string()));
            return;
        }
        let Some(b) = birth_date::parse(&b) else {
            bad_date.set(true);
            problem.set(Some(i18n.t("account.error.birth_date").to_string()));
            return;
        };
        let Some((captcha_id, answer)) = captcha.solution() else {
            problem.set(Some(i18n.t("captcha.missing").to_string()));
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let body = ResetRequest {
                login: l.trim(),
                numen: n.trim(),
                birth_date: &b,
                captcha_id: &captcha_id,
                captcha_answer: &answer,
            };
            let answer: Result<ResetResponse, _> =
                api::post(&base.get_value(), "/password/reset", &body).await;
            busy.try_set(false);
            match answer {
                Ok(r) => {
                    numen.try_set(String::new());
                    step.try_set(Step::NewPassword(r.reset_token));
                    focus_later(heading);
                }
                Err(e) => {
                    problem.try_set(Some(error_text(i18n, &e)));
                    captcha.renew();
                }
            }
        });
    };

    let complete = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Step::NewPassword(token) = step.get_untracked() else {
            return;
        };
        let new = match password.check() {
            Ok(p) => p,
            Err(key) => {
                problem.set(Some(i18n.t(key).to_string()));
                return;
            }
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let body = CompleteRequest {
                reset_token: &token,
                new_password: &new,
            };
            let answer =
                api::post_no_content(&base.get_value(), "/password/reset/complete", &body).await;
            busy.try_set(false);
            match answer {
                Ok(_) => {
                    password.clear();
                    step.try_set(Step::Done);
                    focus_later(heading);
                }
                Err(e) => {
                    if e.code() == "reset_token_invalid" {
                        step.try_set(Step::Verify);
                        captcha.renew();
                    }
                    problem.try_set(Some(error_text(i18n, &e)));
                }
            }
        });
    };
    let inputs = Signal::derive(move || {
        let b = birth.get();
        let iso = birth_date::parse(&b).unwrap_or_default();
        vec![login.get(), b, iso]
    });

    view! {
        <AccountLayout section=Section::Reset>
            {move || match step.get() {
                Step::Verify => {
                    view! {
                        <p>{tr("account.reset.intro")}</p>
                        <form class="account-form" on:submit=verify novalidate>
                            <p class="required-note">{tr("account.required_note")}</p>
                            <RequiredField id="reset-login" label="account.field.login" value=login tried=tried autocomplete="username" verbatim=true />
                            <RequiredField id="reset-numen" label="account.field.numen" value=numen tried=tried verbatim=true hint="account.field.numen_hint" />
                            <BirthDateField id="reset-birth" value=birth invalid=Signal::derive(move || bad_date.get()) />
                            <CaptchaField state=captcha id="reset-captcha" />
                            <p class="form-error" role="alert">{move || problem.get()}</p>
                            <button type="submit" class="primary" aria-disabled=move || busy.get().then_some("true")>
                                {busy_label(i18n, busy, "account.reset.verify")}
                            </button>
                        </form>
                    }
                        .into_any()
                }
                Step::NewPassword(_) => {
                    view! {
                        <h2 node_ref=heading tabindex="-1">{tr("account.reset.choose")}</h2>
                        <p>{tr("account.reset.verified")}</p>
                        <form class="account-form" on:submit=complete novalidate>
                            <NewPasswordFields
                                state=password
                                ids=("reset-new", "reset-confirm", "reset-rules", "reset-error")
                                inputs=inputs
                            />
                            <p class="form-error" id="reset-error" role="alert">{move || problem.get()}</p>
                            <button type="submit" class="primary" aria-disabled=move || busy.get().then_some("true")>
                                {busy_label(i18n, busy, "account.reset.save")}
                            </button>
                        </form>
                    }
                        .into_any()
                }
                Step::Done => {
                    view! {
                        <h2 node_ref=heading tabindex="-1">{tr("account.reset.done_title")}</h2>
                        <p role="status">{tr("account.reset.done")}</p>
                        <p>
                            <a class="button primary" href="/connexion" rel="external">{tr("account.to_webmail")}</a>
                        </p>
                    }
                        .into_any()
                }
            }}
        </AccountLayout>
    }
}
