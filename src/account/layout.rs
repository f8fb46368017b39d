//! The frame of the « Mon compte » pages: académie banner, the five pages'
//! navigation, the page, and the « Informations » panel with its help.

use crate::config::Config;
use crate::i18n::{tr, use_i18n};
use crate::shell::toggle_language;
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Home,
    Find,
    Reset,
    Change,
    Assistance,
}

const SECTIONS: [Section; 5] = [
    Section::Home,
    Section::Find,
    Section::Reset,
    Section::Change,
    Section::Assistance,
];

impl Section {
    pub fn path(self) -> &'static str {
        match self {
            Section::Home => "/compte",
            Section::Find => "/compte/retrouver",
            Section::Reset => "/compte/reinitialiser",
            Section::Change => "/compte/modifier",
            Section::Assistance => "/compte/assistance",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Section::Home => "account.home.title",
            Section::Find => "account.find.title",
            Section::Reset => "account.reset.title",
            Section::Change => "account.change.title",
            Section::Assistance => "account.assistance.title",
        }
    }

    fn nav(self) -> &'static str {
        match self {
            Section::Home => "account.nav.home",
            _ => self.title(),
        }
    }

    /// The contextual help of the page, paragraph by paragraph.
    pub fn help(self) -> &'static [&'static str] {
        match self {
            Section::Home => &["account.info.home.1", "account.info.home.2"],
            Section::Find => &[
                "account.info.find.1",
                "account.info.find.2",
                "account.info.find.3",
            ],
            Section::Reset => &[
                "account.info.reset.1",
                "account.info.numen",
                "account.info.agent",
                "account.info.captcha",
            ],
            Section::Change => &[
                "account.info.change.1",
                "account.info.strength",
                "account.info.policy",
                "account.info.rectorat",
                "account.info.captcha",
            ],
            Section::Assistance => &["account.info.assistance.1", "account.info.assistance.2"],
        }
    }
}

#[component]
pub fn AccountLayout(section: Section, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let config = use_context::<Config>();
    let academie = config
        .as_ref()
        .map(|c| c.academie.name.clone())
        .unwrap_or_default();
    let logo = config.as_ref().and_then(|c| c.academie.logo.clone());
    Effect::new(move |_| {
        crate::browser::set_title(&format!(
            "{} — {} — {}",
            i18n.t(section.title()),
            i18n.t("account.title"),
            i18n.t("app.name")
        ));
    });
    // Moving between the account pages (a client-side route change) takes
    // the keyboard to the new page, not back to the top of the document.
    request_animation_frame(|| {
        let doc = crate::browser::window().and_then(|w| w.document());
        let from_nav = doc
            .as_ref()
            .and_then(|d| d.active_element())
            .is_some_and(|el| el.closest(".account-nav").ok().flatten().is_some());
        if from_nav {
            let main = doc.and_then(|d| d.get_element_by_id("contenu"));
            if let Some(el) =
                main.and_then(|m| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(m).ok())
            {
                let _ = el.focus();
            }
        }
    });
    view! {
        <a class="skip-link" href="#contenu">{tr("app.skip_to_content")}</a>
        <div class="account">
            <header class="account-banner">
                {logo.map(|src| view! { <img src=src alt="" width="40" height="40" /> })}
                <p class="account-brand">
                    <span class="account-academie">{academie}</span>
                    <span class="account-app">{tr("account.title")}</span>
                </p>
                <a class="account-webmail" href="/courrier" rel="external">{tr("account.to_webmail")}</a>
                <button
                    type="button"
                    class="lang-switch"
                    aria-label=move || i18n.t("shell.switch_language_label")
                    on:click=move |_| toggle_language(i18n)
                >
                    {tr("shell.switch_language")}
                </button>
            </header>
            <nav class="account-nav" aria-label=move || i18n.t("account.nav.label")>
                <ul>
                    {SECTIONS
                        .iter()
                        .map(|s| {
                            let s = *s;
                            view! {
                                <li>
                                    <a
                                        href=s.path()
                                        aria-current=(s == section).then_some("page")
                                    >
                                        {tr(s.nav())}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <div class="account-body">
                <main id="contenu" class="account-main" tabindex="-1">
                    <h1>{tr(section.title())}</h1>
                    {children()}
                </main>
                <aside class="account-info" aria-labelledby="account-info-title">
                    <h2 id="account-info-title">{tr("account.info.title")}</h2>
                    {section.help().iter().map(|k| view! { <p>{tr(k)}</p> }).collect_view()}
                </aside>
            </div>
        </div>
    }
}
