//! « Écrire »: a new message with recipients from the address book,
//! attachments, a saved draft, and sending with a delay to undo it.

pub mod attachments;
mod book;
pub mod local;
pub mod model;
pub mod recipients;
pub mod reply;
pub mod rich;
pub mod sender;
pub mod templates;

use attachments::{AttachmentField, Item};
use book::{load_candidates, remember};
use model::{save_draft_request, Draft, Suggestion};
use recipients::RecipientField;
use reply::{draft_from, original_request, quotable_text, read_original, Mode, Wording};

use crate::auth::use_auth;
use crate::browser;
use crate::config::Config;
use crate::i18n::{tr, use_i18n};
use crate::jmap::client::Client;
use crate::jmap::mail::EmailAddress;
use crate::jmap::response::SetResponse;
use crate::jmap::Error;
use crate::mail::outbox::{use_outbox, ToSend};
use crate::store::mail::use_mail_store;
use crate::ui::notices::use_notices;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};

/// How often the autosave looks for changes to send to Brouillons.
const AUTOSAVE_MS: u32 = 3000;

fn uploads_busy(files: RwSignal<Vec<Item>>) -> bool {
    files
        .try_with_untracked(|f| f.iter().any(|x| x.uploaded.is_none() && x.error.is_none()))
        .unwrap_or(false)
}

/// Saves a draft to Brouillons, replacing `previous`; returns its new id.
async fn store_draft(
    client: &Client,
    drafts: &str,
    draft: &Draft,
    previous: Option<&str>,
) -> Result<String, Error> {
    let account = client
        .session()
        .mail_account()
        .ok_or_else(|| Error::Decode("no mail account".into()))?;
    let (req, call) = save_draft_request(account, draft, drafts, previous);
    let resp = client.send(req).await?;
    resp.get::<SetResponse>(&call)?.required_id("draft")
}

/// What the draft status line says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DraftState {
    Fresh,
    Restored,
    Saved,
    KeptHere,
}

#[component]
pub fn ComposePage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let notices = use_notices();
    let mail = use_mail_store();
    let outbox = use_outbox();
    let config = expect_context::<Config>();
    let navigate = use_navigate();

    let to = RwSignal::new(Vec::<EmailAddress>::new());
    let cc = RwSignal::new(Vec::<EmailAddress>::new());
    let bcc = RwSignal::new(Vec::<EmailAddress>::new());
    let (to_text, cc_text, bcc_text) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let subject = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let files = RwSignal::new(Vec::<Item>::new());
    let draft_id = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let candidates = RwSignal::new(Vec::<Suggestion>::new());
    let from = RwSignal::new(None::<EmailAddress>);
    let receipt = RwSignal::new(false);
    let rich_on = RwSignal::new(false);
    let html = RwSignal::new(String::new());
    let template_list = RwSignal::new(Vec::<(String, String)>::new());
    let template_choice = RwSignal::new(String::new());
    // Reply / forward: the message it starts from (`?reply=`, `?all=`,
    // `?forward=`, `?attach=`).
    let query = use_query_map();
    let origin = Mode::from_query(|k| query.with_untracked(|q| q.get(k)));
    let origin_mode = origin.as_ref().map(|(m, _)| *m);
    let original = StoredValue::new(None::<(String, &'static str)>);
    let in_reply = StoredValue::new((None::<Vec<String>>, None::<Vec<String>>));
    let body_ref = NodeRef::<html::Textarea>::new();
    // The copy on this device (see `local`), and the autosave's bookkeeping.
    let username = auth.username();
    let context = origin
        .as_ref()
        .map_or("new".to_string(), |(m, id)| format!("{}={id}", m.param()));
    let local_key = StoredValue::new(local::key(&username, &context));
    let restored = local::load(&local_key.get_value());
    let revision = RwSignal::new(0u64);
    let saved_revision = StoredValue::new(0u64);
    let saving = StoredValue::new(false);
    let finished = StoredValue::new(false);
    let draft_state = RwSignal::new(DraftState::Fresh);
    let to_ref = NodeRef::<html::Input>::new();
    let send_ref = NodeRef::<html::Button>::new();

    let on_error = {
        let config = config.clone();
        move |e: Error| match e {
            Error::Unauthorized => auth.expire(&config),
            e => notices.report(&e),
        }
    };
    // A draft left unsaved here (reload, lost connection) comes back first.
    let was_restored = restored.is_some();
    let signature = crate::settings::signature_block(&crate::settings::signature(&username));
    if !was_restored && origin.is_none() && !signature.is_empty() {
        body.set(signature.clone());
    }
    // « Écrire » from Contacts: `?to=` holds the addresses.
    if !was_restored {
        if let Some(list) = query.with_untracked(|q| q.get("to")) {
            to.set(model::parse_addresses(&list).0);
        }
    }
    if let Some(l) = restored {
        to.set(l.draft.to.clone());
        cc.set(l.draft.cc.clone());
        bcc.set(l.draft.bcc.clone());
        subject.set(l.draft.subject.clone());
        body.set(l.draft.text.clone());
        receipt.set(l.draft.receipt);
        if let Some(h) = &l.draft.html {
            html.set(h.clone());
            rich_on.set(true);
        }
        in_reply.set_value((l.draft.in_reply_to.clone(), l.draft.references.clone()));
        draft_id.set(l.draft_id.clone());
        original.set_value(l.original.as_ref().map(|(id, k)| {
            let k = if k == "$forwarded" {
                "$forwarded"
            } else {
                "$answered"
            };
            (id.clone(), k)
        }));
        files.set(Item::already_uploaded(
            l.draft.attachments.clone(),
            2_000_000,
        ));
        draft_state.set(DraftState::Restored);
        // Not in Brouillons yet: the autosave has something to do.
        revision.set(1);
    }
    // The address book, the folders (for Brouillons / Envoyés): one request.
    {
        let on_error = on_error.clone();
        if let Some(client) = auth.client.get_untracked() {
            spawn_local(async move {
                let load_sender = |client: Client| async move {
                    let account = client.session().mail_account()?.to_string();
                    let sent = mail.mailboxes.with_untracked(|m| {
                        m.iter()
                            .find(|b| b.role.as_deref() == Some("sent"))
                            .map(|b| b.id.clone())
                    });
                    let (req, calls) = sender::request(&account, sent.as_deref());
                    let resp = client.send(req).await.ok()?;
                    sender::read(&resp, &calls)
                };
                // Envoyés and Brouillons come with the folder tree: load it
                // first when arriving here directly.
                if mail.mailboxes.with_untracked(Vec::is_empty) {
                    if let Err(e) = mail.open(&client, None, false).await {
                        on_error(e);
                    }
                }
                let wanted = origin.clone().filter(|_| !was_restored);
                let load_original = |client: Client| async move {
                    let (_, id) = wanted?;
                    let account = client.session().mail_account()?.to_string();
                    let (req, call) = original_request(&account, &id);
                    Some(
                        client
                            .send(req)
                            .await
                            .and_then(|r| read_original(&r, &call)),
                    )
                };
                let load_templates = |client: Client| async move {
                    let account = client.session().mail_account()?.to_string();
                    let folder = mail
                        .mailboxes
                        .with_untracked(|b| templates::folder(b).map(|m| m.id.clone()))?;
                    let (req, get) = templates::list_request(&account, &folder);
                    let resp = client.send(req).await.ok()?;
                    templates::read_list(&resp, &get).ok()
                };
                // Book, sender, original and templates leave in the same
                // tick: one POST.
                let (book, sender, orig, tpls) = futures::join!(
                    load_candidates(&client),
                    load_sender(client.clone()),
                    load_original(client.clone()),
                    load_templates(client.clone())
                );
                template_list.set(tpls.unwrap_or_default());
                match book {
                    Ok(c) => candidates.set(c),
                    Err(e) => on_error(e),
                }
                let me = sender
                    .as_ref()
                    .and_then(|s| s.email.clone())
                    .unwrap_or_default();
                from.set(sender);
                match (orig, origin) {
                    (Some(Ok(o)), Some((mode, _))) => {
                        let lang = i18n.lang.get_untracked();
                        let when = o
                            .sent_at
                            .as_deref()
                            .or(o.received_at.as_deref())
                            .and_then(crate::i18n::dates::parse_utc)
                            .map(|w| crate::i18n::dates::full_date(w, lang))
                            .unwrap_or_default();
                        let who = super::reader::addresses(&o.from).unwrap_or_default();
                        let words = Wording {
                            said: i18n.tf("compose.said", &[("date", &when), ("who", &who)]),
                            forwarded: [
                                i18n.t("compose.fwd_header").to_string(),
                                format!("{} {who}", i18n.t("compose.fwd_from")),
                                format!("{} {when}", i18n.t("compose.fwd_date")),
                                format!(
                                    "{} {}",
                                    i18n.t("compose.fwd_subject"),
                                    o.subject.clone().unwrap_or_default()
                                ),
                                format!(
                                    "{} {}",
                                    i18n.t("compose.fwd_to"),
                                    super::reader::addresses(&o.to).unwrap_or_default()
                                ),
                            ]
                            .join("\n"),
                        };
                        let d = draft_from(&o, mode, &me, &quotable_text(&o), &words);
                        to.set(d.to);
                        cc.set(d.cc);
                        subject.set(d.subject);
                        // The signature goes above the quote (French usage).
                        body.set(format!("{signature}{}", d.text));
                        in_reply.set_value((d.in_reply_to, d.references));
                        original.set_value(Some((o.id.clone(), mode.keyword())));
                        files.set(Item::already_uploaded(d.attachments, 1_000_000));
                        // Replies are written above the quote; forwards need a recipient.
                        let focus_body = matches!(mode, Mode::Reply | Mode::ReplyAll);
                        request_animation_frame(move || {
                            if focus_body {
                                if let Some(b) = body_ref.try_get_untracked().flatten() {
                                    let _ = b.focus();
                                    let _ = b.set_selection_range(0, 0);
                                    b.set_scroll_top(0);
                                }
                            } else if let Some(t) = to_ref.try_get_untracked().flatten() {
                                let _ = t.focus();
                            }
                        });
                    }
                    (Some(Err(e)), _) => on_error(e),
                    _ => {}
                }
            });
        }
    }

    let role_id = move |role: &str| mail.role_id(role);
    let collect = move || Draft {
        from: from.get_untracked(),
        to: to.get_untracked(),
        cc: cc.get_untracked(),
        bcc: bcc.get_untracked(),
        subject: subject.get_untracked(),
        text: body.get_untracked(),
        attachments: files
            .with_untracked(|f| f.iter().filter_map(|x| x.uploaded.clone()).collect()),
        in_reply_to: in_reply.with_value(|r| r.0.clone()),
        references: in_reply.with_value(|r| r.1.clone()),
        receipt: receipt.get_untracked(),
        html: rich_on.get_untracked().then(|| html.get_untracked()),
    };
    let snapshot = move || local::LocalDraft {
        draft: collect(),
        draft_id: draft_id.get_untracked(),
        original: original.get_value().map(|(id, k)| (id, k.to_string())),
    };
    // Saves (or replaces) the draft; returns its id. One save at a time.
    // It may outlive the page (a send in flight): after each await, the
    // page's values are only read if they still exist.
    let save = move |client: Client| async move {
        let gone = || Error::Decode("compose closed".into());
        while saving.try_get_value().ok_or_else(gone)? {
            browser::sleep_ms(50).await;
        }
        saving.set_value(true);
        let result = async {
            // After a reload while unreachable the folders may not be known.
            if role_id("drafts").is_none() {
                mail.open(&client, None, false).await?;
            }
            let drafts =
                role_id("drafts").ok_or_else(|| Error::Decode("no Drafts folder".into()))?;
            let rev = revision.try_get_untracked().ok_or_else(gone)?;
            let (draft, previous) = (collect(), draft_id.get_untracked());
            let id = store_draft(&client, &drafts, &draft, previous.as_deref()).await?;
            if revision.try_get_untracked().is_none() {
                return Err(gone());
            }
            draft_id.set(Some(id.clone()));
            saved_revision.set_value(rev);
            // The server holds what was typed: the copy here is no longer needed.
            if rev == revision.get_untracked() {
                local::remove(&local_key.get_value());
            } else {
                local::store(&local_key.get_value(), &snapshot());
            }
            Ok::<(String, String), Error>((id, drafts))
        }
        .await;
        saving.try_set_value(false);
        result
    };

    // Every change is kept here at once; Brouillons gets it a moment later.
    Effect::new(move |first: Option<()>| {
        to.track();
        cc.track();
        bcc.track();
        subject.track();
        body.track();
        receipt.track();
        html.track();
        rich_on.track();
        files.track();
        if first.is_some() && !finished.get_value() {
            revision.update(|r| *r += 1);
            local::store(&local_key.get_value(), &snapshot());
        }
    });
    {
        let alive = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
        let flag = alive.clone();
        on_cleanup(move || flag.store(false, std::sync::atomic::Ordering::Relaxed));
        spawn_local(async move {
            loop {
                browser::sleep_ms(AUTOSAVE_MS).await;
                if !alive.load(std::sync::atomic::Ordering::Relaxed) || finished.get_value() {
                    return;
                }
                let (rev, done) = (revision.get_untracked(), saved_revision.get_value());
                if rev == done || saving.get_value() || uploads_busy(files) {
                    continue;
                }
                let Some(client) = auth.client.get_untracked() else {
                    continue;
                };
                match save(client).await {
                    Ok(_) => {
                        draft_state.try_set(DraftState::Saved);
                        notices.reachable();
                    }
                    Err(e) if e.is_unreachable() => {
                        draft_state.try_set(DraftState::KeptHere);
                    }
                    Err(Error::Unauthorized) => {
                        // Kept here; the login comes back to this page.
                        draft_state.try_set(DraftState::KeptHere);
                    }
                    Err(e) => {
                        draft_state.try_set(DraftState::KeptHere);
                        notices.report(&e);
                    }
                }
            }
        });
    }
    // Leaving with unsaved changes: one last save, with plain values (the
    // page's signals are gone by the time it runs).
    on_cleanup(move || {
        if finished.get_value() || revision.get_untracked() == saved_revision.get_value() {
            return;
        }
        let (Some(client), Some(drafts)) = (auth.client.get_untracked(), role_id("drafts")) else {
            return;
        };
        let (draft, previous, key) = (collect(), draft_id.get_untracked(), local_key.get_value());
        spawn_local(async move {
            if store_draft(&client, &drafts, &draft, previous.as_deref())
                .await
                .is_ok()
            {
                local::remove(&key);
            }
        });
    });

    let uploads_pending = move || {
        files.with_untracked(|f| f.iter().any(|x| x.uploaded.is_none() && x.error.is_none()))
    };
    let save_click = {
        let on_error = on_error.clone();
        move |_| {
            let Some(client) = auth.client.get_untracked() else {
                return;
            };
            if uploads_pending() {
                error.set(Some(i18n.t("compose.wait_uploads").to_string()));
                return;
            }
            let on_error = on_error.clone();
            busy.set(true);
            spawn_local(async move {
                match save(client).await {
                    Ok(_) => notices.info.set(Some("compose.saved")),
                    Err(e) => on_error(e),
                }
                busy.set(false);
            });
        }
    };
    let delay = config.jmap.undo_send_seconds;
    let send = {
        let on_error = on_error.clone();
        let navigate = navigate.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let Some(client) = auth.client.get_untracked() else {
                return;
            };
            let typed = [to_text, cc_text, bcc_text]
                .iter()
                .any(|t| !t.with_untracked(|s| s.trim().is_empty()));
            if typed {
                error.set(Some(
                    i18n.tf(
                        "compose.invalid",
                        &[(
                            "list",
                            &[to_text, cc_text, bcc_text]
                                .iter()
                                .map(|t| t.get_untracked())
                                .filter(|t| !t.trim().is_empty())
                                .collect::<Vec<_>>()
                                .join(", "),
                        )],
                    ),
                ));
                return;
            }
            if to.with_untracked(Vec::is_empty)
                && cc.with_untracked(Vec::is_empty)
                && bcc.with_untracked(Vec::is_empty)
            {
                error.set(Some(i18n.t("compose.no_recipient").to_string()));
                return;
            }
            if uploads_pending() {
                error.set(Some(i18n.t("compose.wait_uploads").to_string()));
                return;
            }
            error.set(None);
            busy.set(true);
            let on_error = on_error.clone();
            let navigate = navigate.clone();
            spawn_local(async move {
                match save(client.clone()).await {
                    Ok((email_id, drafts)) => {
                        finished.set_value(true);
                        local::remove(&local_key.get_value());
                        remember(
                            &[to.get_untracked(), cc.get_untracked(), bcc.get_untracked()].concat(),
                        );
                        let sent = role_id("sent");
                        outbox.schedule(
                            client,
                            ToSend {
                                email_id,
                                drafts,
                                sent,
                                original: original.get_value(),
                            },
                            delay,
                            notices,
                            on_error,
                        );
                        navigate("/courrier", Default::default());
                    }
                    Err(e) => {
                        busy.set(false);
                        on_error(e);
                    }
                }
            });
        }
    };
    // « Utiliser le modèle »: its recipients, subject, text and attachments.
    let use_template = move |_| {
        let id = template_choice.get_untracked();
        let Some(client) = auth.client.get_untracked().filter(|_| !id.is_empty()) else {
            return;
        };
        let Some(account) = client.session().mail_account().map(str::to_string) else {
            return;
        };
        spawn_local(async move {
            let (req, call) = original_request(&account, &id);
            match client
                .send(req)
                .await
                .and_then(|r| read_original(&r, &call))
            {
                Ok(t) => {
                    to.set(t.to.clone().unwrap_or_default());
                    cc.set(t.cc.clone().unwrap_or_default());
                    subject.set(t.subject.clone().unwrap_or_default());
                    body.set(quotable_text(&t));
                    files.set(Item::already_uploaded(reply::attached(&t), 3_000_000));
                }
                Err(e) => notices.report(&e),
            }
        });
    };
    // « Enregistrer comme modèle »: into Modèles, created if need be.
    let save_template = move |_| {
        let Some(client) = auth.client.get_untracked() else {
            return;
        };
        let Some(account) = client.session().mail_account().map(str::to_string) else {
            return;
        };
        let folder = mail
            .mailboxes
            .with_untracked(|b| templates::folder(b).map(|m| m.id.clone()));
        let (req, call) = templates::save_request(
            &account,
            &collect(),
            folder.as_deref(),
            i18n.t("templates.folder"),
        );
        let name = subject.get_untracked();
        spawn_local(async move {
            let result = client.send(req).await;
            match result.and_then(|r| templates::read_saved(&r, &call).map(|id| (id, r))) {
                Ok((id, resp)) => {
                    if let Some(tree) = templates::read_tree(&resp, &call) {
                        mail.mailbox_state.set(tree.state);
                        mail.mailboxes.set(tree.list);
                    }
                    template_list.try_update(|l| l.insert(0, (id, name)));
                    notices.info.set(Some("templates.saved"));
                }
                Err(e) => notices.report(&e),
            }
        });
    };
    // « Abandonner »: nothing is kept, here or in Brouillons.
    let discard = {
        let navigate = navigate.clone();
        move |_| {
            finished.set_value(true);
            local::remove(&local_key.get_value());
            if let (Some(client), Some(id)) =
                (auth.client.get_untracked(), draft_id.get_untracked())
            {
                if let Some(account) = client.session().mail_account().map(str::to_string) {
                    let (req, _) = crate::store::actions::destroy_request(&account, &[id]);
                    spawn_local(async move {
                        let _ = client.send(req).await;
                    });
                }
            }
            navigate("/courrier", Default::default());
        }
    };
    let user = move || auth.username();
    let cands = Signal::derive(move || candidates.get());
    view! {
        <main id="contenu" class="compose" tabindex="-1">
            <h1>
                {move || match origin_mode {
                    Some(Mode::Reply | Mode::ReplyAll) => i18n.t("compose.title_reply"),
                    Some(_) => i18n.t("compose.title_forward"),
                    None => i18n.t("compose.title"),
                }}
            </h1>
            <form on:submit=send novalidate>
                <p class="compose-from">
                    <span class="label">{tr("compose.from")} " : "</span>
                    {user}
                </p>
                <Show when=move || template_list.with(|l| l.iter().any(|(id, _)| !id.is_empty()))>
                    <p class="templates">
                        <label for="compose-template">{tr("templates.choose")}</label>
                        <select id="compose-template" on:change=move |ev| template_choice.set(event_target_value(&ev))>
                            <option value="">{tr("templates.none")}</option>
                            {move || {
                                template_list
                                    .get()
                                    .into_iter()
                                    .filter(|(id, _)| !id.is_empty())
                                    .map(|(id, s)| view! { <option value=id>{s}</option> })
                                    .collect_view()
                            }}
                        </select>
                        <button type="button" on:click=use_template>{tr("templates.use")}</button>
                    </p>
                </Show>
                <RecipientField id="compose-to" label="compose.to" list=to candidates=cands pending=to_text input_ref=to_ref />
                <RecipientField id="compose-cc" label="compose.cc" list=cc candidates=cands pending=cc_text />
                <RecipientField id="compose-bcc" label="compose.bcc" list=bcc candidates=cands pending=bcc_text />
                {crate::ui::field::text_field("compose-subject", "compose.subject", "text", subject)}
                <p class="check">
                    <input
                        id="compose-rich"
                        type="checkbox"
                        prop:checked=move || rich_on.get()
                        on:change=move |ev| {
                            if event_target_checked(&ev) {
                                html.set(rich::text_to_html(&body.get_untracked()));
                                rich_on.set(true);
                            } else {
                                rich_on.set(false);
                                html.set(String::new());
                            }
                        }
                    />
                    <label for="compose-rich">{tr("compose.rich")}</label>
                </p>
                <div class="field">
                    <label
                        id="compose-body-label"
                        for=move || (!rich_on.get()).then_some("compose-body")
                    >
                        {tr("compose.body")}
                    </label>
                    <Show when=move || rich_on.get()>
                        <rich::RichEditor
                            id="compose-body-rich"
                            html=html
                            text=body
                            on_send=move |_| {
                                if let Some(b) = send_ref.get_untracked() {
                                    b.click();
                                }
                            }
                        />
                    </Show>
                    <textarea
                        hidden=move || rich_on.get()
                        id="compose-body"
                        node_ref=body_ref
                        aria-describedby="compose-send-hint"
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                            if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                                ev.prevent_default();
                                if let Some(b) = send_ref.get_untracked() {
                                    b.click();
                                }
                            }
                        }
                        rows="14"
                        prop:value=move || body.get()
                        on:input=move |ev| body.set(event_target_value(&ev))
                    ></textarea>
                    <p id="compose-send-hint" class="hint">{tr("compose.send_hint")}</p>
                </div>
                <AttachmentField items=files />
                <p class="check">
                    <input
                        id="compose-receipt"
                        type="checkbox"
                        prop:checked=move || receipt.get()
                        on:change=move |ev| receipt.set(event_target_checked(&ev))
                    />
                    <label for="compose-receipt">{tr("compose.receipt")}</label>
                </p>
                <p class="form-error" role="alert">{move || error.get()}</p>
                <p class="draft-status" role="status">
                    {move || match draft_state.get() {
                        DraftState::Fresh => None,
                        DraftState::Restored => Some(i18n.t("compose.restored")),
                        DraftState::Saved => Some(i18n.t("compose.autosaved")),
                        DraftState::KeptHere => Some(i18n.t("compose.kept_here")),
                    }}
                </p>
                <div class="compose-actions">
                    <button type="submit" class="primary" node_ref=send_ref aria-disabled=move || busy.get().then_some("true")>
                        {tr("compose.send")}
                    </button>
                    <button type="button" on:click=save_click>{tr("compose.save")}</button>
                    <button type="button" on:click=save_template>{tr("templates.save")}</button>
                    <button type="button" on:click=discard>{tr("compose.discard")}</button>
                </div>
            </form>
        </main>
    }
}
