//! Basic rich text: bold, italic, lists and links, in a contenteditable
//! area. What is sent is rebuilt from an allow-list (a few tags, http(s) and
//! mailto links, every text escaped), with a plain-text alternative.

use crate::i18n::{tr, use_i18n};
use crate::ui::dialog::Dialog;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Tags kept as they are; every other element keeps only its text.
const KEPT: [&str; 12] = [
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ul",
    "ol",
    "li",
    "p",
    "div",
    "blockquote",
    "br",
];

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A link target worth keeping.
pub fn safe_href(href: &str) -> Option<&str> {
    let h = href.trim();
    let lower = h.to_ascii_lowercase();
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p))
        .then_some(h)
        .filter(|h| !h.contains(['"', '<', '>']))
}

/// Plain text as the editor's starting HTML.
pub fn text_to_html(text: &str) -> String {
    text.split('\n')
        .map(escape)
        .collect::<Vec<_>>()
        .join("<br>")
}

struct Out {
    html: String,
    text: String,
}

fn walk(node: &web_sys::Node, out: &mut Out, list_depth: usize) {
    let children = node.child_nodes();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else {
            continue;
        };
        match child.node_type() {
            web_sys::Node::TEXT_NODE => {
                let t = child.text_content().unwrap_or_default();
                out.html.push_str(&escape(&t));
                // Editors keep typed spaces as no-break ones; plain text
                // readers want ordinary spaces.
                out.text.push_str(&t.replace('\u{a0}', " "));
            }
            web_sys::Node::ELEMENT_NODE => {
                let tag = child.node_name().to_ascii_lowercase();
                let el: &web_sys::Element = child.unchecked_ref();
                if tag == "a" {
                    let href = el.get_attribute("href").unwrap_or_default();
                    match safe_href(&href) {
                        Some(h) => {
                            out.html.push_str(&format!("<a href=\"{}\">", escape(h)));
                            walk(&child, out, list_depth);
                            out.html.push_str("</a>");
                            out.text.push_str(&format!(" <{h}>"));
                        }
                        None => walk(&child, out, list_depth),
                    }
                    continue;
                }
                if !KEPT.contains(&tag.as_str()) {
                    walk(&child, out, list_depth);
                    continue;
                }
                if tag == "br" {
                    out.html.push_str("<br>");
                    out.text.push('\n');
                    continue;
                }
                let block = matches!(tag.as_str(), "p" | "div" | "li" | "blockquote");
                if block && !out.text.is_empty() && !out.text.ends_with('\n') {
                    out.text.push('\n');
                }
                if tag == "li" {
                    out.text
                        .push_str(&"  ".repeat(list_depth.saturating_sub(1)));
                    out.text.push_str("• ");
                }
                out.html.push_str(&format!("<{tag}>"));
                let depth = list_depth + usize::from(matches!(tag.as_str(), "ul" | "ol"));
                walk(&child, out, depth);
                out.html.push_str(&format!("</{tag}>"));
                if block && !out.text.ends_with('\n') {
                    out.text.push('\n');
                }
            }
            _ => {}
        }
    }
}

/// (clean HTML, plain text) of an element's content.
pub fn clean(root: &web_sys::Element) -> (String, String) {
    let mut out = Out {
        html: String::new(),
        text: String::new(),
    };
    walk(root, &mut out, 0);
    (out.html, out.text.trim_end().to_string())
}

/// Cleans HTML from elsewhere (a draft kept on this device) by parsing it
/// in an inert document first: nothing in it runs or loads.
pub fn clean_html(html: &str) -> String {
    web_sys::DomParser::new()
        .ok()
        .and_then(|p| {
            p.parse_from_string(html, web_sys::SupportedType::TextHtml)
                .ok()
        })
        .and_then(|d| d.body())
        .map(|b| clean(&b).0)
        .unwrap_or_default()
}

fn exec(command: &str, value: Option<&str>) {
    if let Some(doc) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
    {
        let _ = match value {
            Some(v) => doc.exec_command_with_show_ui_and_value(command, false, v),
            None => doc.exec_command(command),
        };
    }
}

#[component]
pub fn RichEditor(
    id: &'static str,
    /// Clean HTML and its plain-text alternative, kept current.
    html: RwSignal<String>,
    text: RwSignal<String>,
    #[prop(into)] on_send: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let editor = NodeRef::<html::Div>::new();
    let link_open = RwSignal::new(false);
    let link_url = RwSignal::new(String::new());
    let saved_range = StoredValue::new_local(None::<web_sys::Range>);
    let sync = move || {
        if let Some(el) = editor.try_get_untracked().flatten() {
            let (h, t) = clean(&el);
            html.try_set(h);
            text.try_set(t);
        }
    };
    // The starting content, set once (typing must not be re-rendered).
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let Some(el) = editor.get() else {
            return false;
        };
        el.set_inner_html(&clean_html(&html.get_untracked()));
        true
    });
    let command = move |cmd: &'static str| {
        move |_| {
            if let Some(el) = editor.get_untracked() {
                let _ = el.focus();
            }
            exec(cmd, None);
            sync();
        }
    };
    let open_link = move |_| {
        saved_range.set_value(
            web_sys::window()
                .and_then(|w| w.get_selection().ok().flatten())
                .and_then(|s| s.get_range_at(0).ok()),
        );
        link_url.set("https://".into());
        link_open.set(true);
    };
    let add_link = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        link_open.set(false);
        let url = link_url.get_untracked();
        let Some(url) = safe_href(&url).map(str::to_string) else {
            return;
        };
        // Once the dialog has closed (and given the focus back): the
        // selection made before opening it becomes the link.
        leptos::task::spawn_local(async move {
            crate::browser::sleep_ms(0).await;
            let Some(el) = editor.try_get_untracked().flatten() else {
                return;
            };
            let _ = el.focus();
            if let (Some(Some(range)), Some(sel)) = (
                saved_range.try_get_value(),
                web_sys::window().and_then(|w| w.get_selection().ok().flatten()),
            ) {
                let _ = sel.remove_all_ranges();
                let _ = sel.add_range(&range);
            }
            exec("createLink", Some(&url));
            sync();
        });
    };
    view! {
        <div class="rich">
            <div class="rich-tools" role="toolbar" aria-label=tr("rich.toolbar") aria-controls=id>
                <button type="button" on:click=command("bold")><b>{tr("rich.bold")}</b></button>
                <button type="button" on:click=command("italic")><i>{tr("rich.italic")}</i></button>
                <button type="button" on:click=command("insertUnorderedList")>{tr("rich.bullets")}</button>
                <button type="button" on:click=command("insertOrderedList")>{tr("rich.numbers")}</button>
                <button type="button" on:click=open_link>{tr("rich.link")}</button>
            </div>
            <div
                id=id
                class="rich-area"
                node_ref=editor
                contenteditable="true"
                role="textbox"
                aria-multiline="true"
                aria-labelledby="compose-body-label"
                aria-describedby="compose-send-hint"
                on:input=move |_| sync()
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                        ev.prevent_default();
                        sync();
                        on_send.run(());
                    }
                }
            ></div>
        </div>
        <Dialog open=link_open id="link-title" title=Signal::derive(move || i18n.t("rich.link").to_string())>
            <form on:submit=add_link>
                <p class="field">
                    <label for="link-url">{tr("rich.link_url")}</label>
                    <input
                        id="link-url"
                        type="url"
                        autofocus
                        prop:value=move || link_url.get()
                        on:input=move |ev| link_url.set(event_target_value(&ev))
                    />
                </p>
                <p class="dialog-buttons">
                    <button type="submit" class="primary">{tr("rich.link_add")}</button>
                    <button type="button" on:click=move |_| link_open.set(false)>{tr("dialog.cancel")}</button>
                </p>
            </form>
        </Dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_text_are_made_safe() {
        assert_eq!(
            safe_href(" https://www.ac-toulouse.fr/ "),
            Some("https://www.ac-toulouse.fr/")
        );
        assert_eq!(safe_href("MAILTO:a@b.fr"), Some("MAILTO:a@b.fr"));
        assert_eq!(safe_href("javascript:alert(1)"), None);
        assert_eq!(safe_href("data:text/html,x"), None);
        assert_eq!(safe_href("https://x\" onclick=\"y"), None);
        assert_eq!(
            text_to_html("a < b\n« c » & d"),
            "a &lt; b<br>« c » &amp; d"
        );
    }
}
