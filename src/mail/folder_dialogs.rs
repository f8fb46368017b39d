//! « Nouveau dossier », « Renommer / déplacer » and « Supprimer le dossier »:
//! dialogs with their checks, the delete one telling what the folder holds.

use super::folder_href;
use crate::auth::use_auth;
use crate::i18n::{tr, use_i18n};
use crate::store::folder_ops::{name_problem, FolderChange};
use crate::store::folders::rows;
use crate::store::mail::use_mail_store;
use crate::ui::dialog::Dialog;
use crate::ui::notices::use_notices;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The parent picker: top level or any folder but `except` and its subtree.
#[component]
fn ParentSelect(
    id: &'static str,
    value: RwSignal<String>,
    except: Option<String>,
) -> impl IntoView {
    let store = use_mail_store();
    let options = move || {
        store.mailboxes.with(|boxes| {
            let mut skip_depth: Option<usize> = None;
            rows(boxes)
                .into_iter()
                .filter(|r| {
                    if let Some(d) = skip_depth {
                        if r.depth > d {
                            return false;
                        }
                        skip_depth = None;
                    }
                    if Some(&r.id) == except.as_ref() {
                        skip_depth = Some(r.depth);
                        return false;
                    }
                    true
                })
                .map(|r| {
                    let selected = value.get_untracked() == r.id;
                    let label = format!("{}{}", "\u{a0}\u{a0}".repeat(r.depth), r.name);
                    view! { <option value=r.id.clone() selected=selected>{label}</option> }
                })
                .collect_view()
        })
    };
    view! {
        <p class="field">
            <label for=id>{tr("folders.parent")}</label>
            <select id=id on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="">{tr("folders.top_level")}</option>
                {options}
            </select>
        </p>
    }
}

/// The folder name, with the reason it is refused right under it.
#[component]
fn NameField(
    id: &'static str,
    name: RwSignal<String>,
    problem: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let problem_id = format!("{id}-problem");
    view! {
        <p class="field">
            <label for=id>{tr("folders.name")}</label>
            <input
                id=id
                type="text"
                required
                autofocus
                aria-invalid=move || problem.get().map(|_| "true")
                aria-describedby=problem_id.clone()
                prop:value=move || name.get()
                on:input=move |ev| name.set(event_target_value(&ev))
            />
        </p>
        <p id=problem_id class="field-error" role="alert">
            {move || problem.get().map(|k| i18n.t(k))}
        </p>
    }
}

fn parent_of(value: String) -> Option<String> {
    Some(value).filter(|v| !v.is_empty())
}

#[component]
pub fn NewFolderButton() -> impl IntoView {
    let store = use_mail_store();
    let auth = use_auth();
    let notices = use_notices();
    let i18n = use_i18n();
    let navigate = leptos_router::hooks::use_navigate();
    let open = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let parent = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<&'static str>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (n, p) = (name.get_untracked(), parent_of(parent.get_untracked()));
        let issue = store
            .mailboxes
            .with_untracked(|b| name_problem(b, &n, p.as_deref(), None));
        problem.set(issue);
        if issue.is_some() {
            return;
        }
        let Some(client) = auth.client.get_untracked() else {
            return;
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            match store
                .change_folder(&client, FolderChange::Create { name: n, parent: p })
                .await
            {
                Ok(created) => {
                    open.try_set(false);
                    name.try_set(String::new());
                    notices.info.set(Some("folders.created"));
                    if let Some(id) = created {
                        navigate(&folder_href(&id, None), Default::default());
                    }
                }
                Err(e) => notices.report(&e),
            }
        });
    };
    view! {
        <button type="button" class="new-folder" on:click=move |_| { problem.set(None); open.set(true) }>
            {tr("folders.new")}
        </button>
        <Dialog open=open id="new-folder-title" title=Signal::derive(move || i18n.t("folders.new").to_string())>
            <form on:submit=submit.clone() novalidate>
                <NameField id="new-folder-name" name=name problem=problem />
                <ParentSelect id="new-folder-parent" value=parent except=None />
                <p class="dialog-buttons">
                    <button type="submit" class="primary">{tr("folders.create")}</button>
                    <button type="button" on:click=move |_| open.set(false)>{tr("dialog.cancel")}</button>
                </p>
            </form>
        </Dialog>
    }
}

/// Rename/move and delete for the open user folder (special folders have
/// neither).
#[component]
pub fn FolderActions() -> impl IntoView {
    let store = use_mail_store();
    let auth = use_auth();
    let notices = use_notices();
    let i18n = use_i18n();
    let navigate = leptos_router::hooks::use_navigate();
    let current = Memo::new(move |_| {
        let id = store
            .page
            .with(|p| p.as_ref().map(|p| p.mailbox_id().to_string()))?;
        store
            .mailboxes
            .with(|b| b.iter().find(|m| m.id == id && m.role.is_none()).cloned())
    });
    let editing = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let parent = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<&'static str>);
    let start_edit = move |_| {
        if let Some(m) = current.get_untracked() {
            name.set(m.name.clone());
            parent.set(m.parent_id.clone().unwrap_or_default());
            problem.set(None);
            editing.set(true);
        }
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(m) = current.get_untracked() else {
            return;
        };
        let (n, p) = (name.get_untracked(), parent_of(parent.get_untracked()));
        let issue = store
            .mailboxes
            .with_untracked(|b| name_problem(b, &n, p.as_deref(), Some(&m.id)));
        problem.set(issue);
        let Some(client) = auth.client.get_untracked().filter(|_| issue.is_none()) else {
            return;
        };
        spawn_local(async move {
            let change = FolderChange::Update {
                id: m.id.clone(),
                name: n,
                parent: p,
            };
            match store.change_folder(&client, change).await {
                Ok(_) => {
                    editing.try_set(false);
                    notices.info.set(Some("folders.renamed"));
                }
                Err(e) => notices.report(&e),
            }
        });
    };
    let delete = move |_| {
        let Some(m) = current.get_untracked() else {
            return;
        };
        let Some(client) = auth.client.get_untracked() else {
            return;
        };
        deleting.set(false);
        let navigate = navigate.clone();
        spawn_local(async move {
            match store
                .change_folder(&client, FolderChange::Delete { id: m.id.clone() })
                .await
            {
                Ok(_) => {
                    notices.info.set(Some("folders.deleted"));
                    navigate("/courrier", Default::default());
                }
                Err(e) => notices.report(&e),
            }
        });
    };
    let held = move || {
        current.with(|m| {
            m.as_ref()
                .map(|m| {
                    i18n.tf(
                        "folders.delete_confirm",
                        &[("name", &m.name), ("n", &m.total_emails.to_string())],
                    )
                })
                .unwrap_or_default()
        })
    };
    let except = move || current.get_untracked().map(|m| m.id);
    view! {
        <Show when=move || current.with(Option::is_some)>
            <div class="folder-actions">
                <button type="button" on:click=start_edit>{tr("folders.rename")}</button>
                <button type="button" on:click=move |_| deleting.set(true)>{tr("folders.delete")}</button>
            </div>
        </Show>
        <Dialog open=editing id="edit-folder-title" title=Signal::derive(move || i18n.t("folders.rename").to_string())>
            <form on:submit=save novalidate>
                <NameField id="edit-folder-name" name=name problem=problem />
                <ParentSelect id="edit-folder-parent" value=parent except=except() />
                <p class="dialog-buttons">
                    <button type="submit" class="primary">{tr("folders.save")}</button>
                    <button type="button" on:click=move |_| editing.set(false)>{tr("dialog.cancel")}</button>
                </p>
            </form>
        </Dialog>
        <Dialog open=deleting id="delete-folder-title" title=Signal::derive(move || i18n.t("folders.delete").to_string())>
            <p>{held}</p>
            <p class="dialog-buttons">
                <button type="button" class="danger" on:click=delete.clone()>{tr("folders.delete")}</button>
                <button type="button" autofocus on:click=move |_| deleting.set(false)>{tr("dialog.cancel")}</button>
            </p>
        </Dialog>
    }
}
