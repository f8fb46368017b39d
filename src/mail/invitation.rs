//! The reply bar of an invitation received by mail: what, when, where, who
//! organises; « Accepter / Provisoire / Refuser » puts the event in the
//! agenda with that answer (or changes the answer); the server sends the
//! organiser the iMIP reply (Cyrus schedules implicitly).

use crate::auth::use_auth;
use crate::calendar::imip::{self, Answer, Invitation};
use crate::config::Config;
use crate::i18n::{tr, use_i18n};
use crate::jmap::calendar::Calendar;
use crate::jmap::calendar_set::{answer_request, find_request, read_found, Invitee};
use crate::jmap::client::Client;
use crate::jmap::mail::{BodyPart, EmailDetail};
use crate::jmap::response::{GetResponse, SetResponse};
use crate::jmap::session::CYRUS_CALENDARS;
use crate::jmap::Error;
use crate::ui::notices::use_notices;
use chrono::Timelike;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The message's calendar part, if any.
pub fn calendar_part(email: &EmailDetail) -> Option<BodyPart> {
    email
        .attachments
        .iter()
        .chain(email.text_body.iter())
        .find(|p| {
            let k = p.kind.to_ascii_lowercase();
            p.blob_id.is_some()
                && (k == "text/calendar"
                    || k == "application/ics"
                    || p.name
                        .as_deref()
                        .is_some_and(|n| n.to_ascii_lowercase().ends_with(".ics")))
        })
        .cloned()
}

async fn answer(
    client: &Client,
    inv: &Invitation,
    mine: &[String],
    answer: Answer,
) -> Result<(), Error> {
    let me = inv
        .me(mine)
        .cloned()
        .ok_or_else(|| Error::Decode("not invited".into()))?;
    let account = client
        .session()
        .account_for(CYRUS_CALENDARS)
        .map(str::to_string)
        .ok_or_else(|| Error::Decode("no calendars".into()))?;
    let (req, found_call, cal_call) = find_request(&account, &inv.uid);
    let resp = client.send(req).await?;
    let found = read_found(&resp, &found_call)?;
    let calendars: GetResponse<Calendar> = resp.get(&cal_call)?;
    let mut event = inv.event.clone();
    event.calendar_id = calendars
        .list
        .iter()
        .find(|c| c.may_modify_items)
        .or(calendars.list.first())
        .map(|c| c.id.clone())
        .unwrap_or_default();
    let my_key = found.as_ref().and_then(|(_, people)| {
        people
            .iter()
            .find(|(_, e)| e.eq_ignore_ascii_case(&me.email))
            .map(|(k, _)| k.clone())
    });
    let invitees: Vec<Invitee> = inv
        .attendees
        .iter()
        .map(|a| {
            let st = if a.email.eq_ignore_ascii_case(&me.email) {
                answer.status().to_string()
            } else {
                a.status.to_ascii_lowercase()
            };
            (a.name.clone(), a.email.clone(), st, a.optional)
        })
        .collect();
    let existing = match (&found, &my_key) {
        (Some((id, _)), Some(key)) => Some((id.as_str(), key.as_str())),
        _ => None,
    };
    let (req, set) = answer_request(
        &account,
        existing,
        &event,
        &inv.uid,
        (&inv.organizer.name, &inv.organizer.email),
        &invitees,
        answer.status(),
    );
    let resp = client.send(req).await?;
    if let Some(e) = resp.get::<SetResponse>(&set)?.first_error() {
        return Err(e);
    }
    // The organiser's iMIP reply is the server's to send: Cyrus schedules
    // implicitly (an « RSVP: » message) when an attendee's status changes.
    Ok(())
}

#[component]
pub fn InvitationBar(part: BodyPart, mine: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let notices = use_notices();
    let config = expect_context::<Config>();
    let invitation = RwSignal::new(None::<Invitation>);
    let answered = RwSignal::new(None::<Answer>);
    let busy = RwSignal::new(false);
    if let Some(client) = auth.client.get_untracked() {
        let tz = config.time_zone.clone();
        spawn_local(async move {
            let Some(account) = client.session().mail_account().map(str::to_string) else {
                return;
            };
            let blob = part.blob_id.clone().unwrap_or_default();
            if let Ok(bytes) =
                super::download::fetch_bytes(&client, &account, &blob, "invitation.ics").await
            {
                invitation.try_set(imip::parse(&String::from_utf8_lossy(&bytes), &tz));
            }
        });
    }
    let mine = StoredValue::new(mine);
    let reply = move |a: Answer| {
        let Some(client) = auth.client.get_untracked() else {
            return;
        };
        let Some(inv) = invitation.get_untracked() else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            let mine = mine.get_value();
            let result = answer(&client, &inv, &mine, a).await;
            busy.try_set(false);
            match result {
                Ok(()) => {
                    answered.try_set(Some(a));
                }
                Err(e) => notices.report(&e),
            }
        });
    };
    let when = move || {
        invitation.with(|i| {
            i.as_ref().map(|i| {
                let s = i.event.start;
                let lang = i18n.lang.get();
                let day = crate::i18n::dates::day_label(s.date(), lang);
                if i.event.all_day {
                    day
                } else {
                    let e = s + chrono::Duration::minutes(i.event.minutes);
                    format!(
                        "{day}, {:02}:{:02} – {:02}:{:02}",
                        s.hour(),
                        s.minute(),
                        e.hour(),
                        e.minute()
                    )
                }
            })
        })
    };
    view! {
        {move || {
            invitation
                .get()
                .filter(|i| i.method == "REQUEST")
                .map(|i| {
                    let invited = mine.with_value(|m| i.me(m).is_some());
                    let place = (!i.event.location.is_empty()).then(|| i.event.location.clone());
                    view! {
                        <section class="invitation-bar" aria-label=tr("invite.label")>
                            <p class="invitation-title">
                                <strong>{tr("invite.label")} " : " {i.event.title.clone()}</strong>
                            </p>
                            <p>{when}</p>
                            {place.map(|p| view! { <p>{move || i18n.tf("agenda.where", &[("place", &p)])}</p> })}
                            <p>{move || i18n.tf("invite.organizer", &[("name", &i.organizer.name), ("email", &i.organizer.email)])}</p>
                            {move || match answered.get() {
                                Some(a) => view! {
                                    <p role="status">{i18n.tf("invite.answered", &[("answer", i18n.t(a.word_key()))])}</p>
                                }
                                .into_any(),
                                None if invited => view! {
                                    <p class="invitation-actions">
                                        <button type="button" class="primary" disabled=move || busy.get() on:click=move |_| reply(Answer::Accepted)>{tr("invite.accept")}</button>
                                        <button type="button" disabled=move || busy.get() on:click=move |_| reply(Answer::Tentative)>{tr("invite.tentative")}</button>
                                        <button type="button" disabled=move || busy.get() on:click=move |_| reply(Answer::Declined)>{tr("invite.decline")}</button>
                                    </p>
                                }
                                .into_any(),
                                None => view! { <p>{tr("invite.not_invited")}</p> }.into_any(),
                            }}
                        </section>
                    }
                })
        }}
    }
}
