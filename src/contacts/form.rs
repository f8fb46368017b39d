//! « Nouveau contact » / « Modifier »: one form for both. Names, the lists
//! of e-mails, phones and postal addresses (`rows`), the birthday typed
//! jj/mm/aaaa, organisation, function and notes.

use super::birthday;
use super::rows::{address_rows, focus_later, typed_rows, ListText, Rows};
use crate::auth::use_auth;
use crate::i18n::{tr, use_i18n};
use crate::jmap::contacts::{BookChange, ContactFields, Kind, PostalAddress, Typed};
use crate::mail::compose::model::is_valid_email;
use crate::store::contacts::use_contacts_store;
use crate::ui::dialog::Dialog;
use crate::ui::field::form_field;
use crate::ui::notices::use_notices;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What is wrong: a catalogue key, its `{n}`, and the input to focus.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Problem {
    key: &'static str,
    n: usize,
    field: Option<String>,
}

const EMAILS: ListText = ListText {
    base: "",
    heading: "contacts.emails",
    row: "contacts.email_n",
    add: "contacts.add_email",
    kinds: &Kind::EMAIL,
};
const PHONES: ListText = ListText {
    base: "",
    heading: "contacts.phones",
    row: "contacts.phone_n",
    add: "contacts.add_phone",
    kinds: &Kind::PHONE,
};
const ADDRESSES: ListText = ListText {
    base: "",
    heading: "contacts.addresses",
    row: "contacts.address_n",
    add: "contacts.add_address",
    kinds: &Kind::ADDRESS,
};

/// The first problem of a filled form, if any (`base`: the ids' prefix).
fn check(
    f: &ContactFields,
    email_rows: &[u32],
    birthday_text: &str,
    base: &str,
) -> Result<Option<String>, Problem> {
    if [&f.first_name, &f.last_name, &f.company]
        .iter()
        .all(|s| s.trim().is_empty())
    {
        return Err(Problem {
            key: "contacts.name_missing",
            n: 0,
            field: Some(format!("{base}-first")),
        });
    }
    for (i, (e, n)) in f.emails.iter().zip(email_rows).enumerate() {
        let v = e.value.trim();
        if !v.is_empty() && !is_valid_email(v) {
            return Err(Problem {
                key: "contacts.email_invalid_n",
                n: i + 1,
                field: Some(format!("{base}-email-{n}-value")),
            });
        }
    }
    birthday::parse(birthday_text).map_err(|_| Problem {
        key: "contacts.birthday_invalid",
        n: 0,
        field: Some(format!("{base}-birthday")),
    })
}

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
    let emails = Rows::<Typed>::new();
    let phones = Rows::<Typed>::new();
    let addresses = Rows::<PostalAddress>::new();
    let birthday_text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let base: &'static str = if editing.is_some() {
        "edit-contact"
    } else {
        "new-contact"
    };
    let invalid = Signal::derive(move || problem.get().and_then(|p| p.field));
    // Filled from the contact each time the form opens.
    {
        let editing = editing.clone();
        Effect::new(move |_| {
            if !open.get() {
                return;
            }
            problem.set(None);
            let mut f = editing
                .as_ref()
                .and_then(|id| {
                    store
                        .people
                        .with_untracked(|p| p.iter().find(|x| &x.id == id).map(|x| x.fields()))
                })
                .unwrap_or_default();
            // One line each in the form (an input drops line breaks).
            for a in &mut f.addresses {
                a.street = a.street.replace('\n', ", ");
            }
            emails.reset(std::mem::take(&mut f.emails), 1);
            phones.reset(std::mem::take(&mut f.phones), 1);
            addresses.reset(std::mem::take(&mut f.addresses), 0);
            birthday_text.set(
                f.birthday
                    .take()
                    .map(|b| birthday::to_text(&b))
                    .unwrap_or_default(),
            );
            fields.set(f);
            // The dialog opens before its content is drawn: focus the first field.
            focus_later(format!("{base}-first"));
        });
    }
    let submit = {
        let editing = editing.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let mut f = fields.get_untracked();
            f.emails = emails.values();
            f.phones = phones.values();
            f.addresses = addresses.values();
            let numbers: Vec<u32> = emails
                .list
                .with_untracked(|l| l.iter().map(|r| r.0).collect());
            match check(&f, &numbers, &birthday_text.get_untracked(), base) {
                Ok(b) => {
                    f.birthday = b;
                    problem.set(None);
                }
                Err(p) => {
                    if let Some(id) = p.field.clone() {
                        focus_later(id);
                    }
                    problem.set(Some(p));
                    return;
                }
            }
            let Some(client) = auth.client.get_untracked() else {
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
        form_field(format!("{base}-{name}"), key, kind, fields, get, set)
    };
    let list = move |t: ListText, part: &'static str| ListText {
        base: match (base, part) {
            ("edit-contact", "email") => "edit-contact-email",
            ("edit-contact", "phone") => "edit-contact-phone",
            ("edit-contact", _) => "edit-contact-address",
            (_, "email") => "new-contact-email",
            (_, "phone") => "new-contact-phone",
            _ => "new-contact-address",
        },
        ..t
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
    let birthday_id = format!("{base}-birthday");
    let birthday_hint = format!("{base}-birthday-hint");
    let error_id = format!("{base}-error");
    let birthday_bad = {
        let id = birthday_id.clone();
        move || (invalid.get().as_deref() == Some(id.as_str())).then_some("true")
    };
    view! {
        <Dialog open=open id=title_id title=Signal::derive(move || i18n.t(title_key).to_string())>
            <form on:submit=submit.clone() novalidate class="contact-form" aria-describedby=error_id.clone()>
                {field("first", "contacts.first_name", "text", |f| &f.first_name, |f, v| f.first_name = v)}
                {field("last", "contacts.last_name", "text", |f| &f.last_name, |f, v| f.last_name = v)}
                {typed_rows(list(EMAILS, "email"), "email", "contacts.email", emails, invalid)}
                {typed_rows(list(PHONES, "phone"), "tel", "contacts.number", phones, invalid)}
                {address_rows(list(ADDRESSES, "address"), addresses, invalid)}
                <p class="field">
                    <label for=birthday_id.clone()>{tr("contacts.birthday")}</label>
                    <input
                        id=birthday_id.clone()
                        type="text"
                        inputmode="numeric"
                        autocomplete="off"
                        aria-describedby=birthday_hint.clone()
                        aria-invalid=birthday_bad.clone()
                        prop:value=move || birthday_text.get()
                        on:input=move |ev| birthday_text.set(event_target_value(&ev))
                    />
                    <span class="hint" id=birthday_hint.clone()>{tr("contacts.birthday_hint")}</span>
                </p>
                {field("company", "contacts.company", "text", |f| &f.company, |f, v| f.company = v)}
                {field("job", "contacts.job_title", "text", |f| &f.job_title, |f, v| f.job_title = v)}
                {field("notes", "contacts.notes", "text", |f| &f.notes, |f, v| f.notes = v)}
                <p class="field-error" id=error_id.clone() role="alert">
                    {move || problem.get().map(|p| i18n.tf(p.key, &[("n", &p.n.to_string())]))}
                </p>
                <p class="dialog-buttons">
                    <button type="submit" class="primary">{tr("contacts.save")}</button>
                    <button type="button" on:click=move |_| open.set(false)>{tr("dialog.cancel")}</button>
                </p>
            </form>
        </Dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_problems_name_the_field() {
        let mut f = ContactFields::default();
        let p = check(&f, &[], "", "new-contact").unwrap_err();
        assert_eq!(p.field.as_deref(), Some("new-contact-first"));
        f.last_name = "Roussel".into();
        f.emails = vec![
            Typed::new(Kind::Work, "c@x.fr"),
            Typed::new(Kind::Home, "pas une adresse"),
        ];
        let p = check(&f, &[4, 7], "", "new-contact").unwrap_err();
        assert_eq!((p.key, p.n), ("contacts.email_invalid_n", 2));
        assert_eq!(p.field.as_deref(), Some("new-contact-email-7-value"));
        f.emails.pop();
        let p = check(&f, &[4], "31/02/1985", "edit-contact").unwrap_err();
        assert_eq!(p.key, "contacts.birthday_invalid");
        assert_eq!(p.field.as_deref(), Some("edit-contact-birthday"));
        assert_eq!(
            check(&f, &[4], "14/03/1985", "x"),
            Ok(Some("1985-03-14".into()))
        );
        assert_eq!(check(&f, &[4], "", "x"), Ok(None));
    }
}
