//! The reading pane: the whole conversation, newest message expanded; headers,
//! plain text with links, HTML only inside a sandboxed frame, attachments.

use super::compose::reply::Mode;
use super::download;
use super::text::{format_size, linkify, Segment};
use crate::auth::use_auth;
use crate::i18n::dates::{full_date, parse_utc};
use crate::i18n::{tr, use_i18n};
use crate::jmap::mail::{Body, BodyPart, EmailAddress, EmailDetail};
use crate::store::mail::use_mail_store;
use crate::store::reader::{use_reader_store, Action};
use crate::ui::icons::Icon;
use crate::ui::notices::use_notices;
use leptos::prelude::*;
use leptos::task::spawn_local;

pub fn addresses(list: &Option<Vec<EmailAddress>>) -> Option<String> {
    let list = list.as_ref().filter(|l| !l.is_empty())?;
    Some(
        list.iter()
            .map(|a| match (&a.name, &a.email) {
                (Some(n), Some(e)) if !n.trim().is_empty() => format!("{} <{e}>", n.trim()),
                (_, Some(e)) => e.clone(),
                (Some(n), None) => n.clone(),
                _ => String::new(),
            })
            .collect::<Vec<_>>()
            .join(", "),
    )
}

#[component]
pub fn ReadingPane(close_href: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let reader = use_reader_store();
    let subject = move || {
        reader.conversation.with(|c| {
            c.as_ref()
                .and_then(|c| c.emails.last())
                .and_then(|e| e.subject.clone())
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| i18n.t("reader.no_subject").to_string())
        })
    };
    let count = move || {
        reader
            .conversation
            .with(|c| c.as_ref().map_or(0, |c| c.emails.len()))
    };
    view! {
        <section class="reader" aria-labelledby="reader-subject">
            <div class="reader-bar">
                <h2 id="reader-subject" tabindex="-1">{subject}</h2>
                <Toolbar close_href=close_href />
                <a class="reader-close" href=move || close_href.get()>
                    {tr("reader.close")}
                </a>
            </div>
            <Show when=move || reader.loading.get()>
                <p role="status">{tr("reader.loading")}</p>
            </Show>
            <Show when=move || { count() > 1 }>
                <p class="reader-count">{move || i18n.tf("reader.conversation", &[("n", &count().to_string())])}</p>
            </Show>
            <ol class="conversation">
                <For
                    each=move || {
                        reader
                            .conversation
                            .with(|c| {
                                let list = c.as_ref().map(|c| c.emails.clone()).unwrap_or_default();
                                let last = list.len().saturating_sub(1);
                                list.into_iter().enumerate().map(|(i, e)| (i == last, e)).collect::<Vec<_>>()
                            })
                    }
                    // Not the keywords: marking read or flagged must not rebuild
                    // the message (its frame, the reader's consent to images).
                    key=|(last, e)| (e.id.clone(), *last)
                    let:item
                >
                    <li>
                        <Message email=item.1 expanded=item.0 />
                    </li>
                </For>
            </ol>
        </section>
    }
}

#[component]
fn Toolbar(close_href: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let notices = use_notices();
    let reader = use_reader_store();
    let mail = use_mail_store();
    let navigate = leptos_router::hooks::use_navigate();
    let opened = move || {
        reader.conversation.with(|c| {
            c.as_ref()
                .and_then(|c| c.emails.iter().find(|e| e.id == c.opened).cloned())
        })
    };
    let unread = move || opened().is_some_and(|e| e.is_unread());
    let flagged =
        move || opened().is_some_and(|e| e.keywords.get("$flagged").copied().unwrap_or(false));
    let run = move |action: Action| {
        let Some(client) = auth.client.get_untracked() else {
            return;
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            match reader.act(&client, mail, action).await {
                Ok(Some(_)) => {
                    // The list shows « Message archivé. — Annuler » (UndoBar).
                    navigate(&close_href.get_untracked(), Default::default());
                }
                Ok(None) => {}
                Err(e) => notices.report(&e),
            }
        });
    };
    let (r1, r2, r3, r4) = (run.clone(), run.clone(), run.clone(), run);
    let compose = move |mode: Mode| {
        move || {
            opened()
                .map(|e| {
                    format!(
                        "/ecrire?{}={}",
                        mode.param(),
                        crate::jmap::url::encode_component(&e.id)
                    )
                })
                .unwrap_or_default()
        }
    };
    view! {
        <div class="toolbar" role="toolbar" aria-label=tr("actions.toolbar")>
            <a class="button-link" href=compose(Mode::Reply)>
                <Icon name="reply" />
                {tr("reader.reply")}
            </a>
            <a class="button-link" href=compose(Mode::ReplyAll)>{tr("reader.reply_all")}</a>
            <a class="button-link" href=compose(Mode::Forward)>{tr("reader.forward")}</a>
            <a class="button-link" href=compose(Mode::ForwardAsAttachment)>{tr("reader.forward_attachment")}</a>
            <button
                type="button"
                on:click=move |_| {
                    if let Some(w) = web_sys::window() {
                        let _ = w.print();
                    }
                }
            >
                {tr("reader.print")}
            </button>
            <button type="button" on:click=move |_| r1(Action::Archive)>
                <Icon name="archive" />
                {tr("actions.archive")}
            </button>
            <button type="button" on:click=move |_| r2(Action::Delete)>
                <Icon name="trash" />
                {tr("actions.delete")}
            </button>
            <super::report::ReportPhishing close_href=close_href />
            <button type="button" on:click=move |_| r3(Action::ToggleRead)>
                {move || if unread() { i18n.t("actions.mark_read") } else { i18n.t("actions.mark_unread") }}
            </button>
            <button type="button" aria-pressed=move || if flagged() { "true" } else { "false" } on:click=move |_| r4(Action::ToggleFlag)>
                <Icon name="flag" />
                {move || if flagged() { i18n.t("actions.unflag") } else { i18n.t("actions.flag") }}
            </button>
        </div>
    }
}

#[component]
fn Message(email: EmailDetail, expanded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let from = addresses(&email.from).unwrap_or_default();
    let sender_short = email
        .from
        .as_ref()
        .and_then(|f| f.first())
        .map(|a| a.label().to_string())
        .unwrap_or_default();
    let when = email
        .sent_at
        .as_deref()
        .or(email.received_at.as_deref())
        .and_then(parse_utc);
    let date = move || {
        when.map(|w| full_date(w, i18n.lang.get()))
            .unwrap_or_default()
    };
    // One loop rather than a branch per optional header: less code in the .wasm.
    let headers: Vec<(&'static str, String)> = [
        ("reader.from", Some(from)),
        ("reader.to", addresses(&email.to)),
        ("reader.cc", addresses(&email.cc)),
        ("reader.reply_to", addresses(&email.reply_to)),
    ]
    .into_iter()
    .filter_map(|(k, v)| Some((k, v?)))
    .collect();
    let reader = use_reader_store();
    let unread = {
        let id = email.id.clone();
        move || {
            reader.conversation.with(|c| {
                c.as_ref()
                    .and_then(|c| c.emails.iter().find(|e| e.id == id))
                    .is_some_and(|e| e.is_unread())
            })
        }
    };
    let sender_name = sender_short.clone();
    let sender_email = email
        .from
        .as_ref()
        .and_then(|f| f.first())
        .and_then(|a| a.email.clone());
    let body = email.body();
    let mail = use_mail_store();
    let own = mail.mailboxes.with_untracked(|boxes| {
        boxes.iter().any(|b| {
            matches!(b.role.as_deref(), Some("sent" | "drafts"))
                && email.mailbox_ids.get(&b.id).copied().unwrap_or(false)
        })
    });
    let receipt_asked = crate::store::receipts::wanted(
        &email.receipt_to,
        // Servers differ in case ($MDNSent, $mdnsent).
        email
            .keywords
            .iter()
            .any(|(k, v)| *v && k.eq_ignore_ascii_case("$mdnsent")),
        own,
    );
    let receipt_to = addresses(&email.receipt_to).unwrap_or_default();
    let config = expect_context::<crate::config::Config>();
    let first_from = email.from.as_ref().and_then(|f| f.first());
    let check = super::cues::check_sender(
        first_from
            .and_then(|a| a.email.as_deref())
            .unwrap_or_default(),
        first_from
            .and_then(|a| a.name.as_deref())
            .unwrap_or_default(),
        &config.academie.domains,
    );
    let external = check.external && !own;
    let invitation = super::invitation::calendar_part(&email);
    // The addresses this message was sent to: the user's, for the invitation.
    let mine: Vec<String> = email
        .to
        .iter()
        .chain(email.cc.iter())
        .flatten()
        .filter_map(|a| a.email.clone())
        .collect();
    let attachments: Vec<BodyPart> = email.listed_attachments().into_iter().cloned().collect();
    let inline = super::inline::inline_parts(&email.attachments);
    view! {
        <article class="message" class:unread=unread>
            <details open=expanded>
                <summary>
                    <span class="message-from">{sender_short}</span>
                    <span class="message-date">{date}</span>
                </summary>
                {sender_email.clone().map(|e| view! { <AddSender email=e name=sender_name.clone() /> })}
                <dl class="headers">
                    {headers
                        .into_iter()
                        .map(|(k, v)| view! { <dt>{move || i18n.t(k)}</dt> <dd>{v}</dd> })
                        .collect_view()}
                    <dt>{tr("reader.date")}</dt>
                    <dd>{date}</dd>
                </dl>
                {(!own).then(|| view! { <super::cues::SenderCues check=check.clone() /> })}
                {receipt_asked.then(|| view! { <ReceiptBar email_id=email.id.clone() to=receipt_to.clone() /> })}
                {invitation.map(|part| view! { <super::invitation::InvitationBar part=part mine=mine.clone() /> })}
                <MessageBody body=body inline=inline sender=sender_email.clone() external=external message_id=email.id.clone() />
                {(!attachments.is_empty()).then(|| view! { <Attachments parts=attachments /> })}
            </details>
        </article>
    }
}

/// « Ajouter aux contacts » for a sender not in the address book yet.
#[component]
fn AddSender(email: String, name: String) -> impl IntoView {
    let contacts = crate::store::contacts::use_contacts_store();
    let auth = use_auth();
    let notices = use_notices();
    let known = {
        let email = email.to_lowercase();
        move || {
            contacts
                .people
                .with(|p| p.iter().any(|x| x.has_email(&email)))
        }
    };
    let add = move |_| {
        let Some(client) = auth.client.get_untracked() else {
            return;
        };
        // « Prénom Nom »: the first word as the first name.
        let name = if name.contains('@') {
            String::new()
        } else {
            name.clone()
        };
        let (first, last) = name.trim().split_once(' ').unwrap_or(("", name.trim()));
        let fields = crate::jmap::contacts::ContactFields {
            first_name: first.to_string(),
            last_name: last.to_string(),
            emails: vec![crate::jmap::contacts::Typed::new(
                crate::jmap::contacts::Kind::Work,
                email.clone(),
            )],
            ..Default::default()
        };
        let email = email.clone();
        spawn_local(async move {
            // Never a duplicate: with the book not read yet, read it first.
            if !contacts.loaded.get_untracked() {
                if let Err(e) = contacts.load(&client).await {
                    notices.report(&e);
                    return;
                }
            }
            let already = contacts
                .people
                .with_untracked(|p| p.iter().any(|x| x.has_email(&email)));
            if already {
                notices.info.set(Some("contacts.added"));
                return;
            }
            match contacts
                .change(
                    &client,
                    crate::jmap::contacts::BookChange::CreateContact(fields),
                )
                .await
            {
                Ok(_) => notices.info.set(Some("contacts.added")),
                Err(e) => notices.report(&e),
            }
        });
    };
    view! {
        <Show when=move || !known()>
            <button type="button" class="add-sender" on:click=add.clone()>{tr("contacts.add_sender")}</button>
        </Show>
    }
}

/// « X demande un accusé de lecture — Envoyer l'accusé / Ignorer ».
#[component]
fn ReceiptBar(email_id: String, to: String) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let notices = use_notices();
    let answered = RwSignal::new(false);
    let answer = move |send: bool| {
        let Some(client) = auth.client.get_untracked() else {
            return;
        };
        let Some(account) = client.session().mail_account().map(str::to_string) else {
            return;
        };
        let id = email_id.clone();
        spawn_local(async move {
            use crate::store::receipts::{decline_receipt_request, send_receipt_request};
            let identity = client.session().username.clone();
            let (req, call) = if send {
                let cyrus = client
                    .session()
                    .has_capability(crate::jmap::session::CYRUS_MAIL);
                send_receipt_request(&account, &identity, &id, cyrus)
            } else {
                decline_receipt_request(&account, &id)
            };
            let result = client
                .send(req)
                .await
                .and_then(|r| crate::store::receipts::read_answer(&r, &call));
            match result {
                Ok(()) => {
                    answered.try_set(true);
                    if send {
                        notices.info.set(Some("receipt.sent"));
                    }
                }
                Err(e) => notices.report(&e),
            }
        });
    };
    let decline = answer.clone();
    view! {
        <Show when=move || !answered.get()>
            <div class="receipt-bar" role="region" aria-label=tr("receipt.label")>
                <p>{i18n.tf("receipt.asked", &[("to", &to)])}</p>
                <button type="button" on:click={
                    let answer = answer.clone();
                    move |_| answer(true)
                }>{tr("receipt.send")}</button>
                <button type="button" on:click={
                    let decline = decline.clone();
                    move |_| decline(false)
                }>{tr("receipt.ignore")}</button>
            </div>
        </Show>
    }
}

#[component]
fn MessageBody(
    body: Body,
    inline: Vec<(String, String, String)>,
    sender: Option<String>,
    external: bool,
    message_id: String,
) -> impl IntoView {
    match body {
        Body::Text(text) => {
            let segments = linkify(&text);
            let config = expect_context::<crate::config::Config>();
            let links = text_links(&segments, &config.academie.domains);
            view! {
                <super::cues::LinkCues links=links text=text.clone() external=external />
                <div class="body-text">
                    {segments
                        .into_iter()
                        .map(|s| match s {
                            Segment::Text(t) => t.into_any(),
                            Segment::Link(href, shown) => {
                                view! {
                                    <a href=href target="_blank" rel="noopener noreferrer">
                                        {shown}
                                    </a>
                                }
                                    .into_any()
                            }
                        })
                        .collect_view()}
                </div>
            }
            .into_any()
        }
        // Never in the app's DOM: a frame with every sandbox restriction
        // (no scripts, no same-origin, no forms, no popups).
        Body::Html(html) => {
            // Inline images come as data: URLs once fetched (the frame has no
            // credentials and no origin to fetch them itself).
            let shown = RwSignal::new(
                inline
                    .is_empty()
                    .then(|| super::inline::resolve(&html, &[])),
            );
            if !inline.is_empty() {
                let auth = use_auth();
                if let Some(client) = auth.client.get_untracked() {
                    spawn_local(async move {
                        let Some(account) = client.session().mail_account().map(str::to_string)
                        else {
                            return;
                        };
                        let mut images = Vec::new();
                        for (cid, blob, kind) in inline {
                            if let Ok(bytes) =
                                super::download::fetch_bytes(&client, &account, &blob, &cid).await
                            {
                                images.push((cid, super::inline::data_url(&kind, &bytes)));
                            }
                        }
                        shown.try_set(Some(super::inline::resolve(&html, &images)));
                    });
                }
            }
            (move || match shown.get() {
                Some(html) => view! {
                    <super::html_body::HtmlBody html=html sender=sender.clone() external=external message_id=message_id.clone() />
                }
                .into_any(),
                None => view! { <p role="status">{tr("reader.loading")}</p> }.into_any(),
            })
            .into_any()
        }
        Body::Empty => view! { <p class="body-empty">{tr("reader.empty_body")}</p> }.into_any(),
    }
}

/// The web links of a plain-text message, for the look-alike check.
fn text_links(segments: &[Segment], trusted: &[String]) -> Vec<crate::safety::sanitize::Link> {
    use crate::safety::{phishing, punycode, urls};
    segments
        .iter()
        .filter_map(|s| match s {
            Segment::Link(href, _) => {
                let host = urls::host(href)?;
                Some(crate::safety::sanitize::Link {
                    href: href.clone(),
                    imitates: phishing::lookalike(&host, trusted).map(str::to_string),
                    host: punycode::unicode_host(&host),
                    shown: None,
                })
            }
            Segment::Text(_) => None,
        })
        .collect()
}

#[component]
fn Attachments(parts: Vec<BodyPart>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let notices = use_notices();
    view! {
        <section class="attachments" aria-label=tr("reader.attachments")>
            <h3>{tr("reader.attachments")} " (" {parts.len()} ")"</h3>
            <ul>
                {parts
                    .into_iter()
                    .map(|p| {
                        let name = p.name.clone().unwrap_or_else(|| "piece-jointe".into());
                        let size = p.size;
                        let label = move || i18n.t("reader.download_prefix");
                        let blob = p.blob_id.clone().unwrap_or_default();
                        let shown_name = name.clone();
                        let on_click = move |_| {
                            let Some(client) = auth.client.get_untracked() else { return };
                            let Some(account) = client.session().mail_account().map(str::to_string) else {
                                return;
                            };
                            let (blob, name) = (blob.clone(), name.clone());
                            spawn_local(async move {
                                if let Err(e) = download::save(&client, &account, &blob, &name).await {
                                    notices.report(&e);
                                }
                            });
                        };
                        view! {
                            <li>
                                <button type="button" class="attachment" on:click=on_click>
                                    <Icon name="attachment" />
                                    // The visible text is the name (axe: label-content-name-mismatch).
                                    <span class="sr-only">{label} " "</span>
                                    <span class="attachment-name">{shown_name}</span>
                                    <span class="attachment-size">
                                        {move || format_size(size, i18n.lang.get())}
                                    </span>
                                    <span class="attachment-type">{p.kind.clone()}</span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
