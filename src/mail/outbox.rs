//! Undo send (mail feature: state and its bar): a sent message waits as a draft for a few seconds, during which
//! « Annuler l'envoi » keeps it in Brouillons. Cyrus advertises delayed
//! sending but the client-side delay works with every server.

use crate::jmap::client::Client;
use crate::jmap::request::Request;
use crate::jmap::response::SetResponse;
use crate::jmap::Error;
use crate::mail::compose::model::send_request;
use crate::ui::notices::Notices;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, Copy)]
pub struct Outbox {
    /// Seconds before the pending message leaves; None when nothing waits.
    pub seconds_left: RwSignal<Option<u32>>,
    ticket: StoredValue<u64>,
    /// The pending send, for a page that goes away before the delay ends.
    waiting: StoredValue<Option<(Client, Request)>, LocalStorage>,
}

pub fn provide_outbox() -> Outbox {
    let o = Outbox {
        seconds_left: RwSignal::new(None),
        ticket: StoredValue::new(0),
        waiting: StoredValue::new_local(None),
    };
    provide_context(o);
    // Leaving the page (another area's bundle, a reload, closing the tab)
    // while a message waits: it leaves now rather than stay a draft unsaid.
    let handle = window_event_listener(leptos::ev::pagehide, move |_| o.send_before_leaving());
    std::mem::forget(handle);
    o
}

pub fn use_outbox() -> Outbox {
    expect_context::<Outbox>()
}

pub struct ToSend {
    pub email_id: String,
    pub drafts: String,
    pub sent: Option<String>,
    /// The message replied to or forwarded, and the keyword it gets.
    pub original: Option<(String, &'static str)>,
}

impl Outbox {
    pub fn schedule(
        &self,
        client: Client,
        msg: ToSend,
        delay_s: u32,
        notices: Notices,
        on_error: impl Fn(Error) + 'static,
    ) {
        self.ticket.update_value(|t| *t += 1);
        let ticket = self.ticket.get_value();
        let me = *self;
        let Some(account) = client.session().mail_account().map(str::to_string) else {
            return;
        };
        let identity = client.session().username.clone();
        let (req, call) = send_request(
            &account,
            &identity,
            &msg.email_id,
            &msg.drafts,
            msg.sent.as_deref(),
            msg.original.as_ref().map(|(id, k)| (id.as_str(), *k)),
        );
        me.waiting.set_value(Some((client.clone(), req.clone())));
        me.seconds_left.set(Some(delay_s));
        spawn_local(async move {
            for left in (0..delay_s).rev() {
                crate::browser::sleep_ms(1000).await;
                if me.ticket.get_value() != ticket {
                    return;
                }
                me.seconds_left.set(Some(left));
            }
            me.seconds_left.set(None);
            me.waiting.set_value(None);
            let result = client.send(req).await.and_then(|r| {
                let set: SetResponse = r.get(&call)?;
                set.first_error().map_or(Ok(()), Err)
            });
            match result {
                Ok(()) => notices.info.set(Some("outbox.sent")),
                Err(e) => on_error(e),
            }
        });
    }

    /// The page goes away with a message waiting: it is sent now.
    fn send_before_leaving(&self) {
        if self.seconds_left.get_untracked().is_none() {
            return;
        }
        self.ticket.update_value(|t| *t += 1);
        if let Some((client, req)) = self.waiting.try_update_value(Option::take).flatten() {
            client.send_on_leave(&req);
        }
    }

    /// Stops the pending send; the message stays a draft.
    pub fn cancel(&self, notices: Notices) {
        if self.seconds_left.get_untracked().is_some() {
            self.waiting.set_value(None);
            self.ticket.update_value(|t| *t += 1);
            self.seconds_left.set(None);
            notices.info.set(Some("outbox.cancelled"));
        }
    }
}

/// The bar that counts down and offers « Annuler l'envoi ».
#[component]
pub fn SendBar() -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let tr = crate::i18n::tr;
    let outbox = use_outbox();
    let notices = crate::ui::notices::use_notices();
    view! {
        <div role="status" class="send-bar-slot">
            {move || {
                outbox
                    .seconds_left
                    .get()
                    .map(|n| {
                        view! {
                            <div class="notice notice-info send-bar">
                                <span>{i18n.tf("outbox.pending", &[("n", &n.to_string())])}</span>
                                <button type="button" on:click=move |_| outbox.cancel(notices)>
                                    {tr("outbox.undo")}
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}
