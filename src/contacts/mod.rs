//! Contacts: groups, a searchable list with an alphabetical index, the
//! contact card, and the forms to create, change and delete contacts and
//! groups (Cyrus's legacy contacts model through `jmap::contacts`).

pub mod app;
mod birthday;
mod card;
mod form;
mod rows;
mod transfer;
pub mod vcard;

use crate::auth::use_auth;
use crate::i18n::{tr, use_i18n};
use crate::jmap::contacts::Person;
use crate::store::contacts::use_contacts_store;
use crate::store::folders::collation_key;
use crate::ui::notices::use_notices;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The letter a person is filed under (accents and case ignored; « # » for
/// the rest).
pub fn index_letter(p: &Person) -> char {
    let key = if p.last_name.trim().is_empty() {
        collation_key(&p.name)
    } else {
        collation_key(&p.last_name)
    };
    key.chars()
        .next()
        .filter(char::is_ascii_alphabetic)
        .map_or('#', |c| c.to_ascii_uppercase())
}

/// People matching every word typed (name, e-mail, organisation), sorted by
/// letter then name.
pub fn visible(people: &[Person], members: Option<&[String]>, query: &str) -> Vec<Person> {
    let words: Vec<String> = query.split_whitespace().map(collation_key).collect();
    let mut out: Vec<Person> = people
        .iter()
        .filter(|p| members.is_none_or(|m| m.contains(&p.id)))
        .filter(|p| {
            let emails: Vec<&str> = p.email_addresses().collect();
            let hay = collation_key(&format!("{} {} {}", p.name, emails.join(" "), p.company));
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .cloned()
        .collect();
    out.sort_by_key(|p| {
        (
            index_letter(p),
            collation_key(&p.last_name),
            collation_key(&p.name),
        )
    });
    out
}

/// `/ecrire?to=…` for a list of addresses.
pub fn write_to_href(addresses: &[String]) -> String {
    format!(
        "/ecrire?to={}",
        crate::jmap::url::encode_component(&addresses.join(", "))
    )
}

#[component]
pub fn ContactsPage() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_contacts_store();
    let auth = use_auth();
    let notices = use_notices();
    let group = RwSignal::new(None::<String>);
    let query = RwSignal::new(String::new());
    let selected = RwSignal::new(None::<String>);
    let creating = RwSignal::new(false);
    if !store.loaded.get_untracked() {
        if let Some(client) = auth.client.get_untracked() {
            spawn_local(async move {
                if let Err(e) = store.load(&client).await {
                    notices.report(&e);
                }
            });
        }
    }
    let members = move || {
        group.get().and_then(|g| {
            store
                .groups
                .with(|gs| gs.iter().find(|x| x.id == g).map(|x| x.member_ids.clone()))
        })
    };
    let shown = Memo::new(move |_| {
        let m = members();
        store
            .people
            .with(|p| visible(p, m.as_deref(), &query.get()))
    });
    let letters = move || {
        let mut l: Vec<char> = shown.with(|s| s.iter().map(index_letter).collect());
        l.dedup();
        l
    };
    let group_write = move || {
        let m = members()?;
        let addresses: Vec<String> = store.people.with(|p| {
            p.iter()
                .filter(|x| m.contains(&x.id))
                .filter_map(|x| x.first_email().map(str::to_string))
                .collect()
        });
        (!addresses.is_empty()).then(|| write_to_href(&addresses))
    };
    view! {
        <div class="contacts">
            <nav class="contact-groups" aria-labelledby="groups-title">
                <h2 id="groups-title">{tr("contacts.groups")}</h2>
                <ul>
                    <li>
                        <button
                            type="button"
                            aria-pressed=move || if group.get().is_none() { "true" } else { "false" }
                            on:click=move |_| group.set(None)
                        >
                            {move || i18n.tf("contacts.all", &[("n", &store.people.with(Vec::len).to_string())])}
                        </button>
                    </li>
                    <For each=move || store.groups.get() key=|g| (g.id.clone(), g.name.clone(), g.member_ids.len()) let:g>
                        {
                            let id = g.id.clone();
                            let pressed = {
                                let id = id.clone();
                                move || if group.get().as_deref() == Some(id.as_str()) { "true" } else { "false" }
                            };
                            view! {
                                <li>
                                    <button type="button" aria-pressed=pressed on:click=move |_| group.set(Some(id.clone()))>
                                        {format!("{} ({})", g.name, g.member_ids.len())}
                                    </button>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </nav>
            <main id="contenu" class="contact-list" tabindex="-1">
                <div class="list-header">
                    <h1>{tr("contacts.title")}</h1>
                    <button type="button" class="new-contact" on:click=move |_| creating.set(true)>
                        {tr("contacts.new")}
                    </button>
                    {move || group_write().map(|href| view! { <a class="button-link" href=href rel="external">{tr("contacts.write_group")}</a> })}
                </div>
                <transfer::ImportExport shown=shown />
                {crate::ui::field::text_field("contact-search", "contacts.search", "search", query)}
                <nav class="alpha-index" aria-label=tr("contacts.index")>
                    {move || {
                        letters()
                            .into_iter()
                            .map(|c| view! { <a href=format!("#lettre-{c}")>{c.to_string()}</a> })
                            .collect_view()
                    }}
                </nav>
                <p role="status" class="list-summary">
                    {move || i18n.tf("contacts.count", &[("n", &shown.with(Vec::len).to_string())])}
                </p>
                <ul class="people">
                    {move || {
                        let mut last = None;
                        shown
                            .get()
                            .into_iter()
                            .map(|p| {
                                let letter = index_letter(&p);
                                let heading = (last != Some(letter)).then(|| {
                                    last = Some(letter);
                                    view! { <li class="letter" id=format!("lettre-{letter}") aria-hidden="true">{letter.to_string()}</li> }
                                });
                                let id = p.id.clone();
                                let current = {
                                    let id = id.clone();
                                    move || (selected.get().as_deref() == Some(id.as_str())).then_some("true")
                                };
                                view! {
                                    {heading}
                                    <li>
                                        <button type="button" class="person" aria-current=current on:click=move |_| selected.set(Some(id.clone()))>
                                            <span class="person-name">{p.name.clone()}</span>
                                            <span class="person-email">{p.first_email().unwrap_or_default().to_string()}</span>
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </main>
            {move || selected.get().map(|id| view! { <card::ContactCard id=id selected=selected /> })}
            <form::ContactForm open=creating editing=None selected=selected />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(id: &str, first: &str, last: &str, email: &str) -> Person {
        Person {
            id: id.into(),
            name: format!("{first} {last}").trim().into(),
            first_name: first.into(),
            last_name: last.into(),
            emails: vec![crate::jmap::contacts::Typed::new(Default::default(), email)],
            ..Person::default()
        }
    }

    #[test]
    fn filed_by_last_name_without_accents() {
        assert_eq!(index_letter(&p("1", "Hélène", "Écrivain", "")), 'E');
        assert_eq!(index_letter(&p("2", "", "", "")), '#');
        let people = [
            p("1", "Thomas", "Lefèvre", "t@x.fr"),
            p("2", "Hélène", "Garnier", "h@x.fr"),
            p("3", "Nadia", "Benali", "n@x.fr"),
        ];
        let names: Vec<String> = visible(&people, None, "")
            .into_iter()
            .map(|p| p.last_name)
            .collect();
        assert_eq!(names, ["Benali", "Garnier", "Lefèvre"]);
        assert_eq!(visible(&people, None, "lefevre t@").len(), 1);
        assert_eq!(visible(&people, Some(&["2".to_string()]), "").len(), 1);
        assert_eq!(
            write_to_href(&["a@b.fr".into(), "c@d.fr".into()]),
            "/ecrire?to=a%40b.fr%2C%20c%40d.fr"
        );
    }
}
