//! A recipients field: address chips and an accessible autocomplete
//! (combobox + listbox) fed by contacts, groups and recently used addresses.

use super::model::{parse_addresses, suggest, Suggestion};
use crate::i18n::{tr, use_i18n};
use crate::jmap::mail::EmailAddress;
use leptos::prelude::*;

fn chip_label(a: &EmailAddress) -> String {
    match (&a.name, &a.email) {
        (Some(n), Some(e)) if !n.is_empty() => format!("{n} <{e}>"),
        (_, Some(e)) => e.clone(),
        _ => String::new(),
    }
}

#[component]
pub fn RecipientField(
    id: &'static str,
    label: &'static str,
    list: RwSignal<Vec<EmailAddress>>,
    candidates: Signal<Vec<Suggestion>>,
    /// Text typed but not yet turned into addresses (checked before sending).
    pending: RwSignal<String>,
    /// Lets the page put the focus here (a forward starts with the recipient).
    #[prop(optional)]
    input_ref: Option<NodeRef<leptos::html::Input>>,
) -> impl IntoView {
    let input_ref = input_ref.unwrap_or_default();
    let i18n = use_i18n();
    let active = RwSignal::new(None::<usize>);
    let error = RwSignal::new(None::<String>);
    let open = RwSignal::new(false);
    let suggestions = Memo::new(move |_| candidates.with(|c| suggest(&pending.get(), c, 8)));
    let expanded = move || open.get() && !suggestions.with(Vec::is_empty);

    let add = move |addrs: Vec<EmailAddress>| {
        list.update(|l| {
            for a in addrs {
                if !l.iter().any(|x| x.email == a.email) {
                    l.push(a);
                }
            }
        });
        pending.set(String::new());
        active.set(None);
        open.set(false);
    };
    // Turns what was typed into chips; leaves invalid text in place with a message.
    let commit = move || {
        let text = pending.get_untracked();
        if text.trim().is_empty() {
            error.set(None);
            return;
        }
        let (ok, bad) = parse_addresses(&text);
        add(ok);
        if bad.is_empty() {
            error.set(None);
        } else {
            pending.set(bad.join(", "));
            error.set(Some(
                i18n.tf("compose.invalid", &[("list", &bad.join(", "))]),
            ));
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let n = suggestions.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % n)));
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                active.update(|a| *a = Some(a.map_or(n - 1, |i| (i + n - 1) % n)));
            }
            "Enter" => {
                ev.prevent_default();
                match active
                    .get_untracked()
                    .and_then(|i| suggestions.with_untracked(|s| s.get(i).cloned()))
                {
                    Some(s) if open.get_untracked() => add(s.addresses),
                    _ => commit(),
                }
            }
            "," | ";" => {
                ev.prevent_default();
                commit();
            }
            "Escape" => open.set(false),
            "Backspace" if pending.with_untracked(String::is_empty) => {
                list.update(|l| {
                    l.pop();
                });
            }
            _ => {}
        }
    };
    let list_id = format!("{id}-list");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = format!("{hint_id} {error_id}");
    view! {
        <div class="field recipients">
            <label for=id>{move || i18n.t(label)}</label>
            <div class="recipient-box">
                <ul class="chips">
                    <For each=move || list.get() key=|a| a.email.clone() let:addr>
                        {
                            let text = chip_label(&addr);
                            let remove_label = text.clone();
                            let email = addr.email.clone();
                            view! {
                                <li class="chip">
                                    <span>{text}</span>
                                    <button
                                        type="button"
                                        aria-label=move || i18n.tf("compose.remove", &[("name", &remove_label)])
                                        on:click=move |_| list.update(|l| l.retain(|x| x.email != email))
                                    >
                                        "×"
                                    </button>
                                </li>
                            }
                        }
                    </For>
                </ul>
                <input
                    id=id
                    node_ref=input_ref
                    type="text"
                    role="combobox"
                    autocomplete="off"
                    aria-autocomplete="list"
                    aria-controls=list_id.clone()
                    aria-expanded=move || if expanded() { "true" } else { "false" }
                    aria-activedescendant=move || active.get().filter(|_| expanded()).map(|i| format!("{id}-opt-{i}"))
                    aria-describedby=described
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    prop:value=move || pending.get()
                    on:input=move |ev| {
                        pending.set(event_target_value(&ev));
                        open.set(true);
                        active.set(None);
                    }
                    on:keydown=on_keydown
                    on:blur=move |_| {
                        open.set(false);
                        commit();
                    }
                />
            </div>
            <ul id=list_id role="listbox" class="suggestions" aria-label=tr("compose.suggestions") hidden=move || !expanded()>
                {move || {
                    suggestions
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, s)| {
                            let detail = if s.is_group {
                                i18n.tf("compose.group", &[("n", &s.addresses.len().to_string())])
                            } else {
                                s.addresses.first().and_then(|a| a.email.clone()).unwrap_or_default()
                            };
                            let addrs = s.addresses.clone();
                            view! {
                                <li
                                    role="option"
                                    id=format!("{id}-opt-{i}")
                                    aria-selected=move || if active.get() == Some(i) { "true" } else { "false" }
                                    on:mousedown=|ev| ev.prevent_default()
                                    on:click=move |_| add(addrs.clone())
                                >
                                    <span class="suggestion-name">{s.label.clone()}</span>
                                    " "
                                    <span class="suggestion-detail">{detail}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <p id=hint_id class="hint">{tr("compose.recipients_hint")}</p>
            <p id=error_id class="form-error" role="alert">{move || error.get()}</p>
        </div>
    }
}
