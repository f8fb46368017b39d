//! Component tests in a real browser (headless Chromium through
//! wasm-bindgen-test-runner): mount, act, read the DOM.
#![cfg(target_arch = "wasm32")]

use autan::i18n::{provide_i18n, Lang};
use autan::jmap::mail::Mailbox;
use autan::mail::folder_tree::FolderTree;
use autan::store::mail::provide_mail_store;
use autan::ui::notices::{provide_notices, NoticeArea, Notices};
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

async fn tick() {
    gloo_timers::future::TimeoutFuture::new(10).await;
}

fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.text_content().unwrap_or_default().trim().to_string())
        .collect()
}

#[wasm_bindgen_test]
async fn unreachable_notice_is_an_alert_with_a_retry_button() {
    let root = container();
    let shared: Rc<Cell<Option<Notices>>> = Rc::new(Cell::new(None));
    let out = shared.clone();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_i18n(Lang::Fr);
        let n = provide_notices();
        out.set(Some(n));
        view! { <NoticeArea /> }
    });
    let n = shared.get().unwrap();
    tick().await;
    assert!(texts(&root, "[role=alert]").concat().is_empty());

    n.unreachable.set(true);
    tick().await;
    let alert = texts(&root, "[role=alert]").concat();
    assert!(alert.contains("Serveur injoignable"), "{alert}");

    let button: web_sys::HtmlElement = root
        .query_selector("[role=alert] button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    button.click();
    tick().await;
    assert_eq!(n.retry.get_untracked(), 1);

    n.reachable();
    tick().await;
    assert!(texts(&root, "[role=alert]").concat().is_empty());
    assert!(texts(&root, "[role=status]").concat().contains("rétablie"));
}

fn mailbox(id: &str, name: &str, role: Option<&str>, unread: u64, parent: Option<&str>) -> Mailbox {
    Mailbox {
        id: id.into(),
        name: name.into(),
        role: role.map(Into::into),
        unread_emails: unread,
        parent_id: parent.map(Into::into),
        ..Default::default()
    }
}

#[wasm_bindgen_test]
async fn folder_tree_names_roles_in_the_chosen_language_with_unread_counts() {
    let root = container();
    let lang: Rc<Cell<Option<RwSignal<Lang>>>> = Rc::new(Cell::new(None));
    let out = lang.clone();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let i18n = provide_i18n(Lang::Fr);
        out.set(Some(i18n.lang));
        let store = provide_mail_store();
        store.mailboxes.set(vec![
            mailbox("t", "Trash", Some("trash"), 0, None),
            mailbox("a", "À traiter", None, 2, None),
            mailbox("c", "Conseils", None, 0, Some("a")),
            mailbox("i", "INBOX", Some("inbox"), 7, None),
        ]);
        // The tree's drop targets and « Nouveau dossier » need the session
        // and the router.
        autan::auth::provide_auth();
        provide_notices();
        view! {
            <leptos_router::components::Router>
                <FolderTree />
            </leptos_router::components::Router>
        }
    });
    tick().await;
    let names = texts(&root, ".folder-name");
    assert_eq!(
        names,
        vec!["Boîte de réception", "Corbeille", "À traiter", "Conseils"]
    );
    assert_eq!(texts(&root, ".badge"), vec!["7", "2"]);
    let links = root.query_selector_all(".folders a").unwrap();
    let first: web_sys::Element = links.item(0).unwrap().unchecked_into();
    assert_eq!(first.get_attribute("href").as_deref(), Some("/courrier"));
    assert!(texts(&root, ".sr-only")
        .iter()
        .any(|t| t.contains("7 non lus")));

    lang.get().unwrap().set(Lang::En);
    tick().await;
    assert_eq!(texts(&root, ".folder-name")[0], "Inbox");
}
