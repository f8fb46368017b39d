//! The contact card: details, « Écrire », « Modifier », « Supprimer » and
//! the groups the contact belongs to.

use super::write_to_href;
use crate::auth::use_auth;
use crate::i18n::{dates, Lang};
use crate::i18n::{tr, use_i18n};
use crate::jmap::contacts::{BookChange, Kind, PostalAddress};
use crate::store::contacts::use_contacts_store;
use crate::ui::dialog::Dialog;
use crate::ui::notices::use_notices;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A postal address as it is written on an envelope, one line each.
fn postal_lines(a: &PostalAddress) -> String {
    let town = format!("{} {}", a.postcode.trim(), a.locality.trim());
    [
        a.street.trim(),
        town.trim(),
        a.region.trim(),
        a.country.trim(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join("\n")
}

/// « 14 mars 1985 »; the stored text if it is not a date.
fn birthday_text(iso: &str, lang: Lang) -> String {
    dates::birthday(iso, lang).unwrap_or_else(|| iso.to_string())
}

#[component]
pub fn ContactCard(id: String, selected: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_contacts_store();
    let auth = use_auth();
    let notices = use_notices();
    let editing = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let new_group = RwSignal::new(false);
    let group_name = RwSignal::new(String::new());
    let person = {
        let id = id.clone();
        Memo::new(move |_| {
            store
                .people
                .with(|p| p.iter().find(|x| x.id == id).cloned())
        })
    };
    let run = move |change: BookChange, done: &'static str| {
        let Some(client) = auth.client.get_untracked() else {
            return;
        };
        spawn_local(async move {
            match store.change(&client, change).await {
                Ok(_) => notices.info.set(Some(done)),
                Err(e) => notices.report(&e),
            }
        });
    };
    let toggle_group = {
        let id = id.clone();
        move |group_id: String, member: bool| {
            let members = store.groups.with_untracked(|gs| {
                gs.iter().find(|g| g.id == group_id).map(|g| {
                    let mut m: Vec<String> =
                        g.member_ids.iter().filter(|x| **x != id).cloned().collect();
                    if member {
                        m.push(id.clone());
                    }
                    m
                })
            });
            if let Some(member_ids) = members {
                run(
                    BookChange::SetMembers {
                        group_id,
                        member_ids,
                    },
                    "contacts.groups_saved",
                );
            }
        }
    };
    let create_group = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let name = group_name.get_untracked();
            if name.trim().is_empty() {
                return;
            }
            new_group.set(false);
            group_name.set(String::new());
            run(
                BookChange::CreateGroup {
                    name,
                    member_ids: vec![id.clone()],
                },
                "contacts.group_created",
            );
        }
    };
    let delete = {
        let id = id.clone();
        move |_| {
            deleting.set(false);
            selected.set(None);
            run(BookChange::DeleteContact(id.clone()), "contacts.deleted");
        }
    };
    let groups_view = {
        let id = id.clone();
        move || {
            store.groups.with(|gs| {
                gs.iter()
                    .map(|g| {
                        let member = g.member_ids.contains(&id);
                        let gid = g.id.clone();
                        let toggle = toggle_group.clone();
                        let box_id = format!("group-{}", g.id);
                        view! {
                            <li class="check">
                                <input
                                    id=box_id.clone()
                                    type="checkbox"
                                    prop:checked=member
                                    on:change=move |ev| toggle(gid.clone(), event_target_checked(&ev))
                                />
                                <label for=box_id>{g.name.clone()}</label>
                            </li>
                        }
                    })
                    .collect_view()
            })
        }
    };
    view! {
        <section class="contact-card" aria-labelledby="card-name">
            {move || {
                person
                    .get()
                    .map(|p| {
                        let write = p.first_email().map(|e| write_to_href(&[e.to_string()]));
                        let typed = move |what: &'static str, kind: Kind| {
                            i18n.tf("contacts.typed", &[("what", i18n.t(what)), ("kind", i18n.t(kind.label_key()))])
                        };
                        let birthday = p.birthday.clone();
                        view! {
                            <h2 id="card-name" tabindex="-1">{p.name.clone()}</h2>
                            {(!p.job_title.is_empty() || !p.company.is_empty())
                                .then(|| view! { <p class="card-role">{[p.job_title.clone(), p.company.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" — ")}</p> })}
                            <dl class="headers">
                                {p.emails.iter().map(|e| {
                                    let kind = e.kind;
                                    view! { <dt>{move || typed("contacts.email", kind)}</dt><dd><a href=write_to_href(std::slice::from_ref(&e.value)) rel="external">{e.value.clone()}</a></dd> }
                                }).collect_view()}
                                {p.phones.iter().map(|t| {
                                    let kind = t.kind;
                                    view! { <dt>{move || typed("contacts.phone", kind)}</dt><dd><a href=format!("tel:{}", t.value.replace(' ', ""))>{t.value.clone()}</a></dd> }
                                }).collect_view()}
                                {p.addresses.iter().map(|a| {
                                    let kind = a.kind;
                                    view! { <dt>{move || typed("contacts.address", kind)}</dt><dd class="postal">{postal_lines(a)}</dd> }
                                }).collect_view()}
                                {birthday.map(|b| view! { <dt>{tr("contacts.birthday")}</dt><dd>{move || birthday_text(&b, i18n.lang.get())}</dd> })}
                                {(!p.notes.is_empty()).then(|| view! { <dt>{tr("contacts.notes")}</dt><dd>{p.notes.clone()}</dd> })}
                            </dl>
                            <div class="toolbar">
                                {write.map(|href| view! { <a class="button-link" href=href rel="external">{tr("contacts.write")}</a> })}
                                <button type="button" on:click=move |_| editing.set(true)>{tr("contacts.edit")}</button>
                                <button type="button" on:click=move |_| deleting.set(true)>{tr("contacts.delete")}</button>
                            </div>
                        }
                    })
            }}
            <h3 id="card-groups">{tr("contacts.groups")}</h3>
            <ul class="card-groups" aria-labelledby="card-groups">{groups_view}</ul>
            <button type="button" on:click=move |_| new_group.set(true)>{tr("contacts.new_group")}</button>
            <super::form::ContactForm open=editing editing=Some(id.clone()) selected=selected />
            <Dialog open=new_group id="new-group-title" title=Signal::derive(move || i18n.t("contacts.new_group").to_string())>
                <form on:submit=create_group.clone()>
                    <p class="field">
                        <label for="new-group-name">{tr("contacts.group_name")}</label>
                        <input
                            id="new-group-name"
                            type="text"
                            autofocus
                            prop:value=move || group_name.get()
                            on:input=move |ev| group_name.set(event_target_value(&ev))
                        />
                    </p>
                    <p class="dialog-buttons">
                        <button type="submit" class="primary">{tr("contacts.create_group")}</button>
                        <button type="button" on:click=move |_| new_group.set(false)>{tr("dialog.cancel")}</button>
                    </p>
                </form>
            </Dialog>
            <Dialog open=deleting id="delete-contact-title" title=Signal::derive(move || i18n.t("contacts.delete").to_string())>
                <p>{move || person.with(|p| p.as_ref().map(|p| i18n.tf("contacts.delete_confirm", &[("name", &p.name)])))}</p>
                <p class="dialog-buttons">
                    <button type="button" class="danger" on:click=delete.clone()>{tr("contacts.delete")}</button>
                    <button type="button" autofocus on:click=move |_| deleting.set(false)>{tr("dialog.cancel")}</button>
                </p>
            </Dialog>
        </section>
    }
}
