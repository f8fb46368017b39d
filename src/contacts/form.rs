//! « Nouveau contact » / « Modifier »: one form for both.

use crate::auth::use_auth;
use crate::i18n::{tr, use_i18n};
use crate::jmap::contacts::{BookChange, ContactFields};
use crate::mail::compose::model::is_valid_email;
use crate::store::contacts::use_contacts_store;
use crate::ui::dialog::Dialog;
use crate::ui::field::form_field;
use crate::ui::notices::use_notices;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ContactForm(
    open: RwSignal<bool>,
    /// The contact changed; None: a new one.
    editing: Option<String>,
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_contacts_store();
    let auth = use_auth();
    let notices = use_notices();
    let fields = RwSignal::new(ContactFields::default());
    let problem = RwSignal::new(None::<&'static str>);
    let prefix = if editing.is_some() { "edit" } else { "new" };
    // Filled from the contact each time the form opens.
    {
        let editing = editing.clone();
        Effect::new(move |_| {
            if !open.get() {
                return;
            }
            problem.set(None);
            let f = editing
                .as_ref()
                .and_then(|id| {
                    store.people.with_untracked(|p| {
                        p.iter().find(|x| &x.id == id).map(|x| ContactFields {
                            first_name: x.first_name.clone(),
                            last_name: x.last_name.clone(),
                            email: x.emails.first().cloned().unwrap_or_default(),
                            phone: x.phones.first().cloned().unwrap_or_default(),
                            company: x.company.clone(),
                            job_title: x.job_title.clone(),
                            notes: x.notes.clone(),
                        })
                    })
                })
                .unwrap_or_default();
            fields.set(f);
        });
    }
    let submit = {
        let editing = editing.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let f = fields.get_untracked();
            let issue = if f.first_name.trim().is_empty()
                && f.last_name.trim().is_empty()
                && f.company.trim().is_empty()
            {
                Some("contacts.name_missing")
            } else if !f.email.trim().is_empty() && !is_valid_email(f.email.trim()) {
                Some("contacts.email_invalid")
            } else {
                None
            };
            problem.set(issue);
            let Some(client) = auth.client.get_untracked().filter(|_| issue.is_none()) else {
                return;
            };
            let change = match &editing {
                Some(id) => BookChange::UpdateContact(id.clone(), f),
                None => BookChange::CreateContact(f),
            };
            spawn_local(async move {
                match store.change(&client, change).await {
                    Ok(created) => {
                        open.try_set(false);
                        if created.is_some() {
                            selected.set(created);
                        }
                        notices.info.set(Some("contacts.saved"));
                    }
                    Err(e) => notices.report(&e),
                }
            });
        }
    };
    let field = move |name: &'static str,
                      key: &'static str,
                      kind: &'static str,
                      get: fn(&ContactFields) -> &String,
                      set: fn(&mut ContactFields, String)| {
        form_field(
            format!("{prefix}-contact-{name}"),
            key,
            kind,
            fields,
            get,
            set,
        )
    };
    let title_key = if editing.is_some() {
        "contacts.edit"
    } else {
        "contacts.new"
    };
    let title_id = if editing.is_some() {
        "edit-contact-title"
    } else {
        "new-contact-title"
    };
    view! {
        <Dialog open=open id=title_id title=Signal::derive(move || i18n.t(title_key).to_string())>
            <form on:submit=submit.clone() novalidate>
                {field("first", "contacts.first_name", "text", |f| &f.first_name, |f, v| f.first_name = v)}
                {field("last", "contacts.last_name", "text", |f| &f.last_name, |f, v| f.last_name = v)}
                {field("email", "contacts.email", "email", |f| &f.email, |f, v| f.email = v)}
                {field("phone", "contacts.phone", "tel", |f| &f.phone, |f, v| f.phone = v)}
                {field("company", "contacts.company", "text", |f| &f.company, |f, v| f.company = v)}
                {field("job", "contacts.job_title", "text", |f| &f.job_title, |f, v| f.job_title = v)}
                {field("notes", "contacts.notes", "text", |f| &f.notes, |f, v| f.notes = v)}
                <p class="field-error" role="alert">{move || problem.get().map(|k| i18n.t(k))}</p>
                <p class="dialog-buttons">
                    <button type="submit" class="primary">{tr("contacts.save")}</button>
                    <button type="button" on:click=move |_| open.set(false)>{tr("dialog.cancel")}</button>
                </p>
            </form>
        </Dialog>
    }
}
