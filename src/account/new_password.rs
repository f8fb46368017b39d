//! « Nouveau mot de passe » and « Confirmation », each with its meter, and
//! the policy checklist: shared by the reset and change forms.

use super::meter::{PasswordField, PolicyChecklist};
use super::policy::satisfied;
use super::strength::Strength;
use crate::config::{Config, PasswordPolicy};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct NewPassword {
    pub new: RwSignal<String>,
    pub confirm: RwSignal<String>,
    strength: Strength,
    /// The last submit found the confirmation different.
    mismatch: RwSignal<bool>,
}

impl NewPassword {
    /// Starts the strength worker of the page.
    pub fn new() -> NewPassword {
        NewPassword {
            new: RwSignal::new(String::new()),
            confirm: RwSignal::new(String::new()),
            strength: Strength::start(2),
            mismatch: RwSignal::new(false),
        }
    }

    /// Before sending: the policy, then the confirmation (catalogue key of
    /// what blocks).
    pub fn check(&self) -> Result<String, &'static str> {
        let policy: PasswordPolicy = use_context::<Config>()
            .map(|c| c.password_policy)
            .unwrap_or_default();
        let (new, confirm) = (self.new.get_untracked(), self.confirm.get_untracked());
        self.mismatch.set(false);
        if !satisfied(&policy, &new) {
            return Err("account.error.policy_client");
        }
        if new != confirm {
            self.mismatch.set(true);
            return Err("account.error.mismatch");
        }
        Ok(new)
    }

    pub fn clear(&self) {
        self.new.set(String::new());
        self.confirm.set(String::new());
    }
}

#[component]
pub fn NewPasswordFields(
    state: NewPassword,
    /// Ids: new password, confirmation, checklist, the form's error line.
    ids: (&'static str, &'static str, &'static str, &'static str),
    /// What the person is known by (identifiant, date de naissance, current
    /// password): guessable, so the meter counts it as such.
    #[prop(into)]
    inputs: Signal<Vec<String>>,
) -> impl IntoView {
    let (new_id, confirm_id, rules_id, error_id) = ids;
    // the confirmation field names the form's error (a mismatch is said there)
    let confirm_described = format!("{rules_id} {error_id}");
    let mismatch = state.mismatch;
    let confirm_invalid = Signal::derive(move || mismatch.get());
    view! {
        <PasswordField
            id=new_id
            label="account.field.new_password"
            value=state.new
            autocomplete="new-password"
            meter=(state.strength, 0, inputs)
            described_by=rules_id
        />
        <PasswordField
            id=confirm_id
            label="account.field.confirm_password"
            value=state.confirm
            autocomplete="new-password"
            meter=(state.strength, 1, inputs)
            described_by=confirm_described
            invalid=confirm_invalid
        />
        <PolicyChecklist id=rules_id password=state.new confirm=state.confirm />
    }
}
