//! « Accueil »: what the académie account opens, and what these pages do.

use super::layout::{AccountLayout, Section};
use crate::i18n::tr;
use leptos::prelude::*;

#[component]
pub fn AccountHome() -> impl IntoView {
    view! {
        <AccountLayout section=Section::Home>
            <p>{tr("account.home.intro")}</p>
            <ul class="account-services">
                <li>{tr("account.home.webmail")}</li>
                <li>{tr("account.home.iprof")}</li>
                <li>{tr("account.home.site")}</li>
                <li>{tr("account.home.arena")}</li>
            </ul>
            <h2>{tr("account.home.can")}</h2>
            <ul class="account-actions">
                {[Section::Find, Section::Reset, Section::Change, Section::Assistance]
                    .into_iter()
                    .map(|s| {
                        let what = match s {
                            Section::Find => "account.home.find",
                            Section::Reset => "account.home.reset",
                            Section::Change => "account.home.change",
                            _ => "account.home.assistance",
                        };
                        view! {
                            <li>
                                <a href=s.path()>{tr(s.title())}</a>
                                " — "
                                {tr(what)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </AccountLayout>
    }
}
