//! « Signaler un hameçonnage »: the message goes, as an attachment, to the
//! académie's security address (config.json), then to Indésirables.

use super::compose::model::{draft_object, Attached, Draft};
use crate::auth::use_auth;
use crate::config::Config;
use crate::i18n::{tr, use_i18n};
use crate::jmap::client::Client;
use crate::jmap::mail::{EmailAddress, EmailDetail};
use crate::jmap::request::{Call, Request};
use crate::jmap::response::SetResponse;
use crate::jmap::session::{CORE, MAIL, SUBMISSION};
use crate::jmap::Error;
use crate::store::mail::{use_mail_store, MailStore};
use crate::store::reader::{use_reader_store, Action};
use crate::ui::dialog::Dialog;
use crate::ui::notices::use_notices;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{json, Map, Value};

/// The report: a new message with the original attached, created and sent
/// in one request (the submission points at the creation).
pub fn report_request(
    account: &str,
    identity: &str,
    draft: &Draft,
    drafts: &str,
    sent: Option<&str>,
) -> (Request, Call, Call) {
    create_and_send_request(account, identity, draft_object(draft, drafts), drafts, sent)
}

/// A message made here (an Email object in Brouillons) created and sent in
/// one request, then filed in Envoyés; created as « report ».
pub fn create_and_send_request(
    account: &str,
    identity: &str,
    email: Value,
    drafts: &str,
    sent: Option<&str>,
) -> (Request, Call, Call) {
    let mut req = Request::new().using(&[CORE, MAIL, SUBMISSION]);
    let create = req.call(
        "Email/set",
        &json!({ "accountId": account, "create": { "report": email } }),
    );
    let mut update = Map::new();
    update.insert(format!("mailboxIds/{drafts}"), Value::Null);
    update.insert("keywords/$draft".into(), Value::Null);
    if let Some(sent) = sent {
        update.insert(format!("mailboxIds/{sent}"), json!(true));
    }
    let submit = req.call(
        "EmailSubmission/set",
        &json!({
            "accountId": account,
            "create": { "send": { "identityId": identity, "emailId": "#report" } },
            "onSuccessUpdateEmail": { "#send": update },
        }),
    );
    (req, create, submit)
}

pub fn report_draft(
    original: &EmailDetail,
    from: Option<EmailAddress>,
    to: &str,
    subject: String,
    text: String,
) -> Option<Draft> {
    Some(Draft {
        from,
        to: vec![EmailAddress {
            name: None,
            email: Some(to.to_string()),
        }],
        subject,
        text,
        attachments: vec![Attached {
            blob_id: original.blob_id.clone()?,
            name: "message-signale.eml".into(),
            kind: "message/rfc822".into(),
            size: 0,
        }],
        ..Default::default()
    })
}

async fn send_report(
    client: &Client,
    mail: MailStore,
    original: &EmailDetail,
    to: &str,
    subject: String,
    text: String,
) -> Result<(), Error> {
    let account = client
        .session()
        .mail_account()
        .map(str::to_string)
        .ok_or_else(|| Error::Decode("no mail account".into()))?;
    let drafts = mail
        .role_id("drafts")
        .ok_or_else(|| Error::Decode("no Drafts folder".into()))?;
    let sent = mail.role_id("sent");
    let (req, calls) = super::compose::sender::request(&account, sent.as_deref());
    let from = super::compose::sender::read(&client.send(req).await?, &calls);
    let draft = report_draft(original, from, to, subject, text)
        .ok_or_else(|| Error::Decode("message without blobId".into()))?;
    let identity = client.session().username.clone();
    let (req, create, submit) =
        report_request(&account, &identity, &draft, &drafts, sent.as_deref());
    let resp = client.send(req).await?;
    resp.get::<SetResponse>(&create)?.required_id("report")?;
    resp.get::<SetResponse>(&submit)?.required_id("send")?;
    Ok(())
}

#[component]
pub fn ReportPhishing(close_href: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let config = expect_context::<Config>();
    let auth = use_auth();
    let notices = use_notices();
    let reader = use_reader_store();
    let mail = use_mail_store();
    let navigate = leptos_router::hooks::use_navigate();
    let to = config.security.phishing_report;
    let open = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let shown_to = to.clone();
    let confirm = move |_| {
        let Some(client) = auth.client.get_untracked() else {
            return;
        };
        let Some(original) = reader.conversation.with_untracked(|c| {
            c.as_ref()
                .and_then(|c| c.emails.iter().find(|e| e.id == c.opened).cloned())
        }) else {
            return;
        };
        let to = to.clone();
        let navigate = navigate.clone();
        let subject = i18n.tf(
            "safety.report_subject",
            &[("subject", original.subject.as_deref().unwrap_or_default())],
        );
        let text = i18n.tf("safety.report_text", &[("user", &auth.username())]);
        busy.set(true);
        spawn_local(async move {
            let sent = send_report(&client, mail, &original, &to, subject, text).await;
            let moved = match sent {
                Ok(()) => reader.act(&client, mail, Action::Junk).await.map(|_| ()),
                Err(e) => Err(e),
            };
            busy.try_set(false);
            open.try_set(false);
            match moved {
                Ok(()) => {
                    notices.info.set(Some("safety.reported"));
                    navigate(&close_href.get_untracked(), Default::default());
                }
                Err(e) => notices.report(&e),
            }
        });
    };
    let hidden = shown_to.is_empty();
    view! {
        <Show when=move || !hidden>
            <button type="button" class="report-phishing" on:click=move |_| open.set(true)>
                {tr("safety.report")}
            </button>
        </Show>
        <Dialog open=open id="report-title" title=Signal::derive(move || i18n.t("safety.report_title").to_string())>
            <p>{
                let to = shown_to.clone();
                move || i18n.tf("safety.report_body", &[("to", &to)])
            }</p>
            <p class="dialog-buttons">
                <button type="button" class="danger" disabled=move || busy.get() on:click=confirm.clone()>
                    {tr("safety.report_confirm")}
                </button>
                <button type="button" autofocus on:click=move |_| open.set(false)>{tr("dialog.cancel")}</button>
            </p>
        </Dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_is_created_and_sent_in_one_request() {
        let original = EmailDetail {
            id: "e1".into(),
            blob_id: Some("B1".into()),
            ..Default::default()
        };
        let draft = report_draft(
            &original,
            None,
            "securite@ac-toulouse.fr",
            "Signalement".into(),
            "Voir PJ".into(),
        )
        .unwrap();
        let (req, _, _) = report_request("u", "u", &draft, "DRAFTS", Some("SENT"));
        let v = req.to_json();
        let calls = v["methodCalls"].as_array().unwrap();
        assert_eq!(calls[0][0], "Email/set");
        let created = &calls[0][1]["create"]["report"];
        assert_eq!(created["to"][0]["email"], "securite@ac-toulouse.fr");
        assert_eq!(created["attachments"][0]["blobId"], "B1");
        assert_eq!(created["attachments"][0]["type"], "message/rfc822");
        assert_eq!(calls[1][0], "EmailSubmission/set");
        assert_eq!(calls[1][1]["create"]["send"]["emailId"], "#report");
        assert_eq!(
            calls[1][1]["onSuccessUpdateEmail"]["#send"]["mailboxIds/SENT"],
            true
        );
        let no_blob = EmailDetail::default();
        assert!(report_draft(&no_blob, None, "x@y.fr", String::new(), String::new()).is_none());
    }
}
