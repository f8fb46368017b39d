//! An HTML message: sanitised (`safety::sanitize`), shown in a frame with
//! no scripts and no origin of its own, remote images only on consent, and
//! sized to its content by a hidden twin frame (same document, no scripts
//! either) that the app may measure.

use super::cues::LinkCues;
use crate::auth::use_auth;
use crate::config::Config;
use crate::i18n::{tr, use_i18n};
use crate::safety::sanitize::{sanitize, Options};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The link-warning page of this app, for the frame's deceptive links.
fn warning_page() -> String {
    let origin = crate::browser::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!("{origin}/lien")
}

#[component]
pub fn HtmlBody(
    html: String,
    sender: Option<String>,
    external: bool,
    message_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let config = expect_context::<Config>();
    let auth = use_auth();
    let user = auth.username();
    let sender = sender.unwrap_or_default();
    let remote = RwSignal::new(
        super::remote_content::trusted(&user, &sender) || super::remote_content::shown(&message_id),
    );
    let domains = config.academie.domains.clone();
    let page = warning_page();
    let parser_ready: Signal<bool> = crate::safety::parser::ready().into();
    let clean = Memo::new(move |_| {
        if !parser_ready.get() {
            return None;
        }
        let lang_label = |host: &str| i18n.tf("safety.real_link", &[("host", host)]);
        let opts = Options {
            remote: remote.get(),
            trusted: &domains,
            warning_page: &page,
            real_label: &lang_label,
        };
        Some(sanitize(&html, &opts))
    });
    let height = RwSignal::new(None::<i32>);
    let measured = RwSignal::new(false);
    Effect::new(move |_| {
        clean.track();
        measured.set(false);
    });
    let measure = move |ev: leptos::ev::Event| {
        let h = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlIFrameElement>().ok())
            .and_then(|f| f.content_document())
            .and_then(|d| d.document_element())
            .map(|e| e.scroll_height());
        // The frame may load after the message was closed.
        if let Some(h) = h {
            height.try_set(Some(h + 4));
        }
        measured.try_set(true);
    };
    let blocked = move || clean.with(|c| c.as_ref().map_or((0, 0), |c| (c.remote, c.trackers)));
    let shown_id = StoredValue::new(message_id);
    let show = move |_| {
        shown_id.with_value(|id| super::remote_content::show(id));
        remote.set(true);
    };
    let who = StoredValue::new((user, sender.clone()));
    let always = move |_| {
        who.with_value(|(user, sender)| super::remote_content::trust(user, sender));
        remote.set(true);
    };
    let has_sender = !sender.is_empty();
    let doc = move || clean.with(|c| c.as_ref().map(|c| c.html.clone()).unwrap_or_default());
    view! {
        <Show when=move || { blocked().0 > 0 && !remote.get() }>
            <div class="remote-bar" role="region" aria-label=tr("safety.remote_label")>
                <p>
                    {move || {
                        let (n, t) = blocked();
                        let mut s = i18n.tf("safety.remote_blocked", &[("n", &n.to_string())]);
                        if t > 0 {
                            s.push(' ');
                            s.push_str(&i18n.tf("safety.trackers", &[("n", &t.to_string())]));
                        }
                        s
                    }}
                </p>
                <button type="button" on:click=show>{tr("safety.remote_show")}</button>
                <Show when=move || has_sender>
                    <button type="button" on:click=always>{tr("safety.remote_always")}</button>
                </Show>
            </div>
        </Show>
        {move || {
            clean
                .with(|c| {
                    c.as_ref().map(|c| view! { <LinkCues links=c.links.clone() text=c.text.clone() external=external /> })
                })
        }}
        <Show when=move || !parser_ready.get()>
            <p role="status">{tr("reader.loading")}</p>
        </Show>
        // The frames are made once the document is known, with it: setting
        // the srcdoc of a frame still loading a first (empty) one can leave
        // it blank. Later changes (« Afficher ») reload a loaded frame.
        <Show when=move || clean.with(Option::is_some)>
            <div class="body-html-box">
                <iframe
                    class="body-html"
                    sandbox="allow-popups allow-popups-to-escape-sandbox"
                    srcdoc=doc
                    title=tr("reader.html_frame")
                    style:height=move || height.get().map(|h| format!("{h}px"))
                ></iframe>
                <Show when=move || !measured.get()>
                    <iframe
                        class="body-measure"
                        sandbox="allow-same-origin"
                        aria-hidden="true"
                        tabindex="-1"
                        title=tr("reader.html_frame")
                        srcdoc=doc
                        on:load=measure
                    ></iframe>
                </Show>
            </div>
        </Show>
    }
}
