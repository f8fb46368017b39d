//! Phishing cues above a message: sender from outside the académie, a
//! sender or link that imitates its domain, links whose text shows another
//! site, and requests for credentials. Written out in words (and an icon),
//! never by colour alone.

use crate::config::Config;
use crate::i18n::{tr, use_i18n};
use crate::safety::phishing::{
    asks_for_credentials, domain_of, is_internal, login_page, lookalike, name_hides_address,
};
use crate::safety::sanitize::Link;
use leptos::prelude::*;

/// What the sender's address says about the message.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SenderCheck {
    pub domain: String,
    pub external: bool,
    pub imitates: Option<String>,
    pub hidden_address: Option<String>,
}

pub fn check_sender(email: &str, name: &str, trusted: &[String]) -> SenderCheck {
    let Some(domain) = domain_of(email) else {
        return SenderCheck::default();
    };
    SenderCheck {
        external: !trusted.is_empty() && !is_internal(&domain, trusted),
        imitates: lookalike(&domain, trusted).map(str::to_string),
        hidden_address: name_hides_address(name, email),
        domain,
    }
}

#[component]
pub fn SenderCues(check: SenderCheck) -> impl IntoView {
    let i18n = use_i18n();
    let SenderCheck {
        domain,
        external,
        imitates,
        hidden_address,
    } = check;
    let d1 = domain.clone();
    let d2 = domain.clone();
    view! {
        {imitates.map(|t| {
            view! {
                <p class="cue cue-danger" role="note">
                    <strong>{tr("safety.warning")}</strong>
                    " "
                    {move || i18n.tf("safety.sender_lookalike", &[("domain", &d1), ("real", &t)])}
                </p>
            }
        })}
        {hidden_address.map(|a| {
            view! {
                <p class="cue cue-danger" role="note">
                    <strong>{tr("safety.warning")}</strong>
                    " "
                    {move || i18n.tf("safety.name_hides", &[("shown", &a), ("domain", &d2)])}
                </p>
            }
        })}
        {external.then(|| {
            view! {
                <p class="cue cue-external" role="note">
                    {move || i18n.tf("safety.external", &[("domain", &domain)])}
                </p>
            }
        })}
    }
}

/// Deceptive links and credential requests found in the body.
#[component]
pub fn LinkCues(links: Vec<Link>, text: String, external: bool) -> impl IntoView {
    let i18n = use_i18n();
    let config = expect_context::<Config>();
    let trusted = config.academie.domains;
    let deceptive: Vec<Link> = links.iter().filter(|l| l.deceptive()).cloned().collect();
    let outside_login = links
        .iter()
        .find(|l| login_page(&l.href) && !is_internal(&l.host, &trusted))
        .map(|l| l.host.clone());
    let suspicious = external || !deceptive.is_empty();
    let credentials = asks_for_credentials(&text) && (suspicious || outside_login.is_some());
    // A sign-in page elsewhere, without words asking for the password.
    let login_link = outside_login.filter(|_| suspicious && !credentials);
    view! {
        {credentials.then(|| {
            view! {
                <p class="cue cue-danger" role="note">
                    <strong>{tr("safety.warning")}</strong>
                    " "
                    {tr("safety.credentials")}
                </p>
            }
        })}
        {login_link.map(|host| {
            view! {
                <p class="cue cue-danger" role="note">
                    <strong>{tr("safety.warning")}</strong>
                    " "
                    {move || i18n.tf("safety.login_link", &[("host", &host)])}
                </p>
            }
        })}
        {(!deceptive.is_empty()).then(|| {
            view! {
                <div class="cue cue-danger" role="note">
                    <p>
                        <strong>{tr("safety.warning")}</strong>
                        " "
                        {tr("safety.deceptive_links")}
                    </p>
                    <ul>
                        {deceptive
                            .into_iter()
                            .map(|l| {
                                let line = move || match (&l.shown, &l.imitates) {
                                    (Some(shown), _) => i18n.tf("safety.link_shows", &[("shown", shown), ("host", &l.host)]),
                                    (None, Some(real)) => i18n.tf("safety.link_imitates", &[("host", &l.host), ("real", real)]),
                                    _ => String::new(),
                                };
                                view! { <li>{line}</li> }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })}
    }
}
