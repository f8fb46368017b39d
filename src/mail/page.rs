//! The Courrier page: opens the folder named in the URL and keeps it in sync.

use super::folder_tree::FolderTree;
use super::message_list::MessageList;
use super::reader::ReadingPane;
use super::shortcuts::Shortcuts;
use crate::auth::use_auth;
use crate::browser;
use crate::config::Config;
use crate::jmap::push::next_poll_delay_ms;
use crate::jmap::Error;
use crate::store::mail::use_mail_store;
use crate::store::reader::use_reader_store;
use crate::ui::notices::use_notices;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

#[component]
pub fn MailPage() -> impl IntoView {
    let auth = use_auth();
    let i18n = crate::i18n::use_i18n();
    let store = use_mail_store();
    let notices = use_notices();
    let config = expect_context::<Config>();
    let params = use_params_map();
    let folder = Memo::new(move |_| params.read().get("folder"));
    let query = use_query_map();
    // The sanitiser's parser page, loaded now rather than at the first HTML
    // message (it would add its load to that message's opening).
    let _ = crate::safety::parser::ready();
    let message = Memo::new(move |_| query.read().get("m"));
    let reader = use_reader_store();
    let location = use_location();
    let close_href = Signal::derive(move || {
        let mut q = query.get();
        q.remove("m");
        format!("{}{}", location.pathname.get(), q.to_query_string())
    });

    let on_error = {
        let config = config.clone();
        move |e: Error| match e {
            Error::Unauthorized => auth.expire(&config),
            e => notices.report(&e),
        }
    };

    // Open the folder (or run the search) of the URL whenever it changes.
    let search = Memo::new(move |_| {
        let q = query.read();
        super::search_from(|k| q.get(k))
    });
    let open_error = on_error.clone();
    Effect::new(move |_| {
        let f = folder.get();
        let q = search.get();
        let Some(client) = auth.client.get_untracked() else {
            return;
        };
        let on_error = open_error.clone();
        spawn_local(async move {
            let result = match q {
                Some(s) => store.search(&client, s).await,
                None => store.open(&client, f, false).await,
            };
            match result {
                Ok(()) => notices.reachable(),
                Err(e) => on_error(e),
            }
        });
    });

    // Open the message of the URL (`?m=`), then mark its conversation read.
    let read_error = on_error.clone();
    let mark_delay = config.jmap.mark_read_delay_ms;
    Effect::new(move |_| {
        let Some(id) = message.get() else {
            reader.close();
            return;
        };
        let Some(client) = auth.client.get_untracked() else {
            return;
        };
        let on_error = read_error.clone();
        spawn_local(async move {
            if let Err(e) = reader.open(&client, &id).await {
                on_error(e);
                return;
            }
            if mark_delay > 0 {
                browser::sleep_ms(mark_delay).await;
                if message.get_untracked().as_deref() != Some(id.as_str()) {
                    return;
                }
            }
            if let Err(e) = reader.mark_read(&client, store).await {
                on_error(e);
            }
        });
    });

    // Sync: poll `*/changes` (Cyrus does not stream push); faster while the
    // server is unreachable, at once on window focus or « Réessayer ».
    let alive = Arc::new(AtomicBool::new(true));
    let poke = Arc::new(AtomicBool::new(false));
    {
        let alive = alive.clone();
        on_cleanup(move || alive.store(false, Ordering::Relaxed));
    }
    let focus_poke = poke.clone();
    let focus = window_event_listener(leptos::ev::focus, move |_| {
        focus_poke.store(true, Ordering::Relaxed)
    });
    on_cleanup(move || focus.remove());
    let interval = config.jmap.poll_seconds;
    let Some(client) = auth.client.get_untracked() else {
        return view! { <div class="mail"></div> }.into_any();
    };
    // Push where it can work; dropped (closed) when the page goes.
    let cookie_auth = client.auth().header().is_none();
    let push = StoredValue::new_local(crate::store::push::start(
        &client.session().event_source_url,
        cookie_auth,
        poke.clone(),
    ));
    on_cleanup(move || push.dispose());
    spawn_local(async move {
        let mut failures = 0u32;
        let mut retry_seen = notices.retry.get_untracked();
        loop {
            let delay = next_poll_delay_ms(interval, failures);
            let mut waited = 0;
            while waited < delay {
                browser::sleep_ms(250).await;
                waited += 250;
                if !alive.load(Ordering::Relaxed) {
                    return;
                }
                let retry = notices.retry.get_untracked();
                if retry != retry_seen || poke.swap(false, Ordering::Relaxed) {
                    retry_seen = retry;
                    break;
                }
            }
            if auth.client.with_untracked(|c| c.as_ref() != Some(&client)) {
                return;
            }
            let was_unreachable = notices.unreachable.get_untracked();
            let inbox_unread = || {
                store.mailboxes.with_untracked(|m| {
                    crate::store::folders::inbox(m).map_or(0, |i| i.unread_emails)
                })
            };
            let known = store.mailboxes.with_untracked(|m| !m.is_empty());
            let unread_before = inbox_unread();
            match store.sync(&client).await {
                Ok(_) => {
                    let unread_after = inbox_unread();
                    if known && unread_after > unread_before {
                        let n = (unread_after - unread_before).to_string();
                        crate::settings::notify::announce(
                            &client.session().username,
                            i18n.t("notify.title"),
                            &i18n.tf("notify.body", &[("n", &n)]),
                        );
                    }
                    failures = 0;
                    if was_unreachable {
                        notices.reachable();
                    }
                }
                Err(Error::Unauthorized) => {
                    on_error(Error::Unauthorized);
                    return;
                }
                Err(e) => {
                    failures += 1;
                    on_error(e);
                }
            }
        }
    });

    view! {
        <div class="mail" class:with-reader=move || message.with(Option::is_some)>
            <Shortcuts close_href=close_href />
            <FolderTree />
            <MessageList />
            <Show when=move || message.with(Option::is_some)>
                <ReadingPane close_href=close_href />
            </Show>
        </div>
    }
    .into_any()
}
