//! Keyboard shortcuts of Courrier and their help overlay (`?`). Letters act
//! only when the focus is not in a text field, so typing is never taken.

use super::compose::reply::Mode;
use super::folder_href;
use crate::auth::use_auth;
use crate::i18n::{tr, use_i18n};
use crate::store::bulk::Bulk;
use crate::store::mail::use_mail_store;
use crate::store::reader::{use_reader_store, Action};
use crate::ui::dialog::Dialog;
use crate::ui::notices::use_notices;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use wasm_bindgen::JsCast;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Next,
    Previous,
    Open,
    Compose(Option<Mode>),
    Archive,
    Delete,
    ToggleRead,
    ToggleFlag,
    Select,
    Search,
    Close,
    Help,
    /// « g » then a letter: a special folder by role.
    GoTo(&'static str),
    /// « g » alone: waits for the folder letter.
    GoPrefix,
}

/// The shortcut table: (keys shown — a catalogue key when named in words —,
/// catalogue key of the action).
pub const HELP: &[(&str, &str)] = &[
    ("j", "keys.next"),
    ("k", "keys.previous"),
    ("keys.k_open", "keys.open"),
    ("keys.k_escape", "keys.close"),
    ("r", "keys.reply"),
    ("a", "keys.reply_all"),
    ("f", "keys.forward"),
    ("c", "keys.compose"),
    ("e", "keys.archive"),
    ("keys.k_delete", "keys.delete"),
    ("u", "keys.read"),
    ("s", "keys.flag"),
    ("x", "keys.select"),
    ("/", "keys.search"),
    ("g i", "keys.go_inbox"),
    ("g d", "keys.go_drafts"),
    ("g s", "keys.go_sent"),
    ("g a", "keys.go_archive"),
    ("g t", "keys.go_trash"),
    ("?", "keys.help"),
];

/// What a key does; `after_g` when the previous key was « g ».
pub fn command(key: &str, after_g: bool) -> Option<Command> {
    if after_g {
        return Some(Command::GoTo(match key {
            "i" => "inbox",
            "d" => "drafts",
            "s" => "sent",
            "a" => "archive",
            "t" => "trash",
            "j" => "junk",
            _ => return None,
        }));
    }
    Some(match key {
        "j" => Command::Next,
        "k" => Command::Previous,
        "o" | "Enter" => Command::Open,
        "r" => Command::Compose(Some(Mode::Reply)),
        "a" => Command::Compose(Some(Mode::ReplyAll)),
        "f" => Command::Compose(Some(Mode::Forward)),
        "c" => Command::Compose(None),
        "e" => Command::Archive,
        "#" | "Delete" => Command::Delete,
        "u" => Command::ToggleRead,
        "s" => Command::ToggleFlag,
        "x" => Command::Select,
        "/" => Command::Search,
        "Escape" => Command::Close,
        "?" => Command::Help,
        "g" => Command::GoPrefix,
        _ => return None,
    })
}

/// Keys typed into a field, or meant for a focused link or button (Enter),
/// or while a dialog is open, are not shortcuts.
fn ignored(ev: &leptos::ev::KeyboardEvent) -> bool {
    if ev.ctrl_key() || ev.alt_key() || ev.meta_key() || ev.default_prevented() {
        return true;
    }
    let dialog_open = document()
        .query_selector("dialog[open]")
        .ok()
        .flatten()
        .is_some();
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return dialog_open;
    };
    let tag = el.tag_name().to_ascii_lowercase();
    let editable =
        matches!(tag.as_str(), "input" | "textarea" | "select") || el.is_content_editable();
    let activates = ev.key() == "Enter" && matches!(tag.as_str(), "a" | "button" | "summary");
    dialog_open || editable || activates
}

/// Brings a row of the list into view (it is in the DOM: the window keeps
/// a margin around what is on screen).
fn reveal(position: u64) {
    if let Ok(Some(row)) = document().query_selector(&format!("tr[data-pos=\"{position}\"]")) {
        row.scroll_into_view_with_bool(false);
    }
}

#[component]
pub fn Shortcuts(close_href: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_mail_store();
    let reader = use_reader_store();
    let auth = use_auth();
    let notices = use_notices();
    let navigate = use_navigate();
    let query = use_query_map();
    let location = use_location();
    let help = RwSignal::new(false);
    let after_g = StoredValue::new(false);

    let open_at = {
        let navigate = navigate.clone();
        move |position: u64| {
            let id = store.page.with_untracked(|p| {
                p.as_ref()
                    .and_then(|p| p.rows.get(&position).map(|e| e.id.clone()))
            });
            if let Some(id) = id {
                let mut q = query.get_untracked();
                q.replace("m", id);
                let path = location.pathname.get_untracked();
                navigate(
                    &format!("{path}{}", q.to_query_string()),
                    Default::default(),
                );
                reveal(position);
            }
        }
    };
    let handler = move |ev: leptos::ev::KeyboardEvent| {
        if ignored(&ev) {
            return;
        }
        let Some(cmd) = command(&ev.key(), after_g.get_value()) else {
            after_g.set_value(false);
            return;
        };
        after_g.set_value(cmd == Command::GoPrefix);
        ev.prevent_default();
        let open_id = query.with_untracked(|q| q.get("m"));
        let position = open_id.as_ref().and_then(|id| {
            store
                .page
                .with_untracked(|p| p.as_ref().and_then(|p| p.position_of(id)))
        });
        let first_shown = store.visible_first.get_value();
        let client = auth.client.get_untracked();
        match cmd {
            Command::GoPrefix => {}
            Command::Next | Command::Open => match (cmd, position) {
                (Command::Open, Some(_)) => {}
                (_, Some(p)) => open_at(p + 1),
                (_, None) => open_at(first_shown),
            },
            Command::Previous => open_at(position.map_or(first_shown, |p| p.saturating_sub(1))),
            Command::Compose(None) => navigate("/ecrire", Default::default()),
            Command::Compose(Some(mode)) => {
                if let Some(id) = open_id {
                    navigate(
                        &format!(
                            "/ecrire?{}={}",
                            mode.param(),
                            crate::jmap::url::encode_component(&id)
                        ),
                        Default::default(),
                    );
                }
            }
            Command::Archive | Command::Delete | Command::ToggleRead | Command::ToggleFlag => {
                let Some(client) = client else {
                    return;
                };
                let selected: Vec<String> = store.selected.get_untracked().into_iter().collect();
                if open_id.is_none() && !selected.is_empty() {
                    let action = match cmd {
                        Command::Archive => Bulk::Archive,
                        Command::Delete => Bulk::Trash,
                        Command::ToggleRead => Bulk::Read(true),
                        _ => Bulk::Flag(true),
                    };
                    spawn_local(async move {
                        if let Err(e) = store.bulk(&client, action, selected).await {
                            notices.report(&e);
                        }
                    });
                } else if open_id.is_some() {
                    let action = match cmd {
                        Command::Archive => Action::Archive,
                        Command::Delete => Action::Delete,
                        Command::ToggleRead => Action::ToggleRead,
                        _ => Action::ToggleFlag,
                    };
                    let navigate = navigate.clone();
                    spawn_local(async move {
                        match reader.act(&client, store, action).await {
                            Ok(Some(_)) => {
                                navigate(&close_href.get_untracked(), Default::default())
                            }
                            Ok(None) => {}
                            Err(e) => notices.report(&e),
                        }
                    });
                }
            }
            Command::Select => {
                if let Some(id) = open_id {
                    store.selected.update(|s| {
                        if !s.remove(&id) {
                            s.insert(id);
                        }
                    });
                }
            }
            Command::Search => {
                if let Some(el) = document()
                    .get_element_by_id("quick-search")
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = el.focus();
                }
            }
            Command::Close => {
                if open_id.is_some() {
                    navigate(&close_href.get_untracked(), Default::default());
                }
            }
            Command::Help => help.set(true),
            Command::GoTo(role) => {
                let target = store.mailboxes.with_untracked(|b| {
                    b.iter()
                        .find(|m| m.role.as_deref() == Some(role))
                        .map(|m| folder_href(&m.id, m.role.as_deref()))
                });
                if let Some(href) = target {
                    navigate(&href, Default::default());
                }
            }
        }
    };
    let listener = window_event_listener(leptos::ev::keydown, handler);
    on_cleanup(move || listener.remove());
    view! {
        <button type="button" class="keys-button" on:click=move |_| help.set(true)>
            {tr("keys.button")}
        </button>
        <Dialog open=help id="keys-title" title=Signal::derive(move || i18n.t("keys.title").to_string())>
            <table class="keys">
                <thead>
                    <tr>
                        <th scope="col">{tr("keys.key")}</th>
                        <th scope="col">{tr("keys.action")}</th>
                    </tr>
                </thead>
                <tbody>
                    {HELP
                        .iter()
                        .map(|(k, action)| {
                            view! {
                                <tr>
                                    <td>
                                        <kbd>{move || if k.starts_with("keys.") { i18n.t(k) } else { k }}</kbd>
                                    </td>
                                    <td>{move || i18n.t(action)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <p class="dialog-buttons">
                <button type="button" autofocus on:click=move |_| help.set(false)>{tr("dialog.close")}</button>
            </p>
        </Dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_to_commands() {
        assert_eq!(command("j", false), Some(Command::Next));
        assert_eq!(
            command("r", false),
            Some(Command::Compose(Some(Mode::Reply)))
        );
        assert_eq!(command("e", false), Some(Command::Archive));
        assert_eq!(command("g", false), Some(Command::GoPrefix));
        assert_eq!(command("i", true), Some(Command::GoTo("inbox")));
        assert_eq!(command("z", true), None);
        assert_eq!(command("z", false), None);
        // Every command of the help table has its words in the catalogue.
        for (_, key) in HELP {
            assert!(!crate::i18n::catalogue::text(crate::i18n::Lang::Fr, key).starts_with("keys."));
        }
    }
}
