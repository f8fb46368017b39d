//! The HTML sanitiser. The message is parsed by the browser's own parser
//! (`DOMParser`, an inert document: nothing runs, nothing loads; see
//! `parser` for which one), so what we
//! judge is exactly what the browser built; no second HTML parser to
//! disagree with it (the root of mutation XSS), and no parser shipped in
//! the .wasm. The tree is then written out again from allow-lists: known
//! elements, known attributes, checked URLs, every text escaped, and none of
//! the elements whose content the parser reads differently (raw text,
//! foreign content). Styles go through the browser's CSS parser and the CSS
//! allow-list into one style sheet, given as a `data:` link, so the frame
//! needs no inline style. The output is the frame's document, used as is.

use super::{css, phishing, urls};
use wasm_bindgen::JsCast;

/// Elements written out as they are (their attributes filtered).
const KEPT: [&str; 67] = [
    "a",
    "abbr",
    "acronym",
    "address",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "big",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "font",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "main",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
];
const KEPT_MORE: [&str; 6] = ["tt", "u", "ul", "var", "wbr", "time"];

/// Elements dropped with everything inside them.
const DROPPED: [&str; 31] = [
    "script",
    "style",
    "template",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "noscript",
    "noembed",
    "noframes",
    "xmp",
    "plaintext",
    "textarea",
    "select",
    "input",
    "option",
    "optgroup",
    "datalist",
    "title",
    "head",
    "meta",
    "link",
    "base",
    "audio",
    "video",
    "source",
    "track",
    "canvas",
    "portal",
];

const VOID: [&str; 5] = ["br", "hr", "img", "wbr", "col"];

/// Attributes kept on any kept element (values escaped, never URLs).
const ATTRIBUTES: [&str; 33] = [
    "title",
    "dir",
    "lang",
    "align",
    "valign",
    "width",
    "height",
    "bgcolor",
    "color",
    "border",
    "cellpadding",
    "cellspacing",
    "colspan",
    "rowspan",
    "face",
    "size",
    "nowrap",
    "alt",
    "start",
    "span",
    "headers",
    "scope",
    "abbr",
    "clear",
    "hspace",
    "vspace",
    "reversed",
    "type",
    "summary",
    "frame",
    "rules",
    "open",
    "datetime",
];

const HTML_NS: &str = "http://www.w3.org/1999/xhtml";
const MAX_DEPTH: usize = 200;
const MAX_TEXT: usize = 20_000;

/// What the reader needs besides the document.
pub struct Options<'a> {
    /// Remote images allowed (the reader said « Afficher »).
    pub remote: bool,
    /// The académie's domains.
    pub trusted: &'a [String],
    /// The app's link-warning page (`…/lien`), opened instead of a deceptive link.
    pub warning_page: &'a str,
    /// « Lien réel : {host} », shown on hover and focus of a deceptive link.
    pub real_label: &'a dyn Fn(&str) -> String,
}

/// A web link of the message.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub href: String,
    pub host: String,
    /// The site its text shows, when that is another one.
    pub shown: Option<String>,
    /// The académie domain its host imitates.
    pub imitates: Option<String>,
}

impl Link {
    pub fn deceptive(&self) -> bool {
        self.shown.is_some() || self.imitates.is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Clean {
    /// The frame's whole document.
    pub html: String,
    /// Remote resources held back (images, backgrounds, style sheets, fonts).
    pub remote: usize,
    /// Of which tracking pixels (tiny or hidden images).
    pub trackers: usize,
    pub links: Vec<Link>,
    /// The visible text (for the phishing cues), cut at 20,000 characters.
    pub text: String,
}

struct Walk<'a> {
    opts: &'a Options<'a>,
    out: String,
    sheet: String,
    styles: usize,
    clean: Clean,
}

fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
}

fn attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// At most 2 pixels (« 1 », « 1px », « 0.5px »); integers only are read,
/// float parsing costs ~10 KB of .wasm.
fn tiny(v: &str) -> bool {
    let v = v.trim().trim_end_matches("px").trim();
    let whole = v.split('.').next().unwrap_or_default();
    !v.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && whole.parse::<u32>().map_or(whole.is_empty(), |n| n <= 2)
}

impl Walk<'_> {
    /// Kept declarations of a style declaration block, as CSS text.
    fn declarations(&mut self, style: &web_sys::CssStyleDeclaration, important: bool) -> String {
        let mut out = String::new();
        for i in 0..style.length() {
            let p = style.item(i);
            let v = style.get_property_value(&p).unwrap_or_default();
            if css::keep(&p, &v) {
                let imp = important || style.get_property_priority(&p) == "important";
                out.push_str(&format!("{p}:{v}{};", if imp { " !important" } else { "" }));
            } else if css::loads_remote(&v) {
                self.clean.remote += 1;
            }
        }
        out
    }

    fn rules(&mut self, rules: &web_sys::CssRuleList) -> String {
        let mut out = String::new();
        for i in 0..rules.length() {
            let Some(rule) = rules.item(i) else { continue };
            match rule.type_() {
                1 => {
                    let Ok(r) = rule.dyn_into::<web_sys::CssStyleRule>() else {
                        continue;
                    };
                    let selector = r.selector_text();
                    if !css::selector_ok(&selector) {
                        continue;
                    }
                    let body = self.declarations(&r.style(), false);
                    if !body.is_empty() {
                        out.push_str(&format!("{selector}{{{body}}}"));
                    }
                }
                4 => {
                    let Ok(r) = rule.dyn_into::<web_sys::CssMediaRule>() else {
                        continue;
                    };
                    let media = r.media().media_text();
                    let inner = self.rules(&r.css_rules());
                    if !inner.is_empty() && !media.contains(['{', '}', ';', '\\']) {
                        out.push_str(&format!("@media {media}{{{inner}}}"));
                    }
                }
                // @import, @font-face: they would load something.
                3 | 5 => self.clean.remote += 1,
                _ => {}
            }
        }
        out
    }

    /// A `<style>` element of the message, through the browser's CSS parser
    /// (a constructed sheet: `@import` is not even followed).
    fn style_sheet(&mut self, text: &str) {
        let Ok(sheet) = web_sys::CssStyleSheet::new() else {
            return;
        };
        if sheet.replace_sync(text).is_err() {
            return;
        }
        if let Ok(rules) = sheet.css_rules() {
            let kept = self.rules(&rules);
            self.sheet.push_str(&kept);
        }
        if text.to_ascii_lowercase().contains("@import") {
            self.clean.remote += 1;
        }
    }

    /// A `style` attribute becomes a class of the sheet (no inline style:
    /// the app's CSP, inherited by the frame, forbids it).
    fn inline_style(&mut self, el: &web_sys::Element) -> Option<(String, String)> {
        // Only called on HTML-namespace elements (see `element`).
        let style = el.unchecked_ref::<web_sys::HtmlElement>().style();
        let body = self.declarations(&style, true);
        let display = style.get_property_value("display").unwrap_or_default();
        let hidden = display == "none"
            || style.get_property_value("visibility").unwrap_or_default() == "hidden";
        let tiny_box = tiny(&style.get_property_value("width").unwrap_or_default())
            || tiny(&style.get_property_value("height").unwrap_or_default());
        let class = (!body.is_empty()).then(|| {
            self.styles += 1;
            let name = format!("autan-s{}", self.styles);
            self.sheet.push_str(&format!(".{name}{{{body}}}"));
            name
        });
        Some((
            class.unwrap_or_default(),
            if hidden || tiny_box {
                "tracker".into()
            } else {
                String::new()
            },
        ))
    }

    fn text(&mut self, s: &str) {
        escape_text(s, &mut self.out);
        if self.clean.text.len() < MAX_TEXT {
            self.clean.text.push_str(s);
        }
    }

    fn children(&mut self, node: &web_sys::Node, depth: usize) {
        let list = node.child_nodes();
        for i in 0..list.length() {
            if let Some(child) = list.item(i) {
                self.node(&child, depth + 1);
            }
        }
    }

    fn node(&mut self, node: &web_sys::Node, depth: usize) {
        match node.node_type() {
            web_sys::Node::TEXT_NODE => self.text(&node.text_content().unwrap_or_default()),
            // Unchecked casts: the nodes belong to the parser frame's realm,
            // where `instanceof` against this realm's classes is false.
            web_sys::Node::ELEMENT_NODE => {
                self.element(node.unchecked_ref::<web_sys::Element>(), depth)
            }
            _ => {}
        }
    }

    fn element(&mut self, el: &web_sys::Element, depth: usize) {
        if el.namespace_uri().as_deref() != Some(HTML_NS) {
            return; // SVG, MathML: dropped whole.
        }
        let name = el.local_name();
        if DROPPED.contains(&name.as_str()) {
            if name == "style" {
                self.style_sheet(&el.text_content().unwrap_or_default());
            }
            return;
        }
        if el
            .get_attribute("background")
            .is_some_and(|b| urls::is_remote(&b))
        {
            self.clean.remote += 1;
        }
        let kept = KEPT.contains(&name.as_str()) || KEPT_MORE.contains(&name.as_str());
        if !kept || depth > MAX_DEPTH {
            // Unknown (form, button, custom elements, Outlook's o:p…) or
            // too deep: only its content.
            self.children(el, depth);
            return;
        }
        self.out.push('<');
        self.out.push_str(&name);
        let mut classes: Vec<String> = el
            .get_attribute("class")
            .unwrap_or_default()
            .split_whitespace()
            .filter(|c| !c.to_ascii_lowercase().starts_with("autan"))
            .map(str::to_string)
            .collect();
        let mut hint = String::new();
        if let Some((class, h)) = self.inline_style(el) {
            if !class.is_empty() {
                classes.push(class);
            }
            hint = h;
        }
        let attrs = el.attributes();
        for i in 0..attrs.length() {
            let Some(a) = attrs.item(i) else { continue };
            let (n, v) = (a.name().to_ascii_lowercase(), a.value());
            if ATTRIBUTES.contains(&n.as_str()) {
                attr(&mut self.out, &n, &v);
            } else if n == "id" && !v.is_empty() {
                attr(&mut self.out, "id", &format!("m-{v}"));
            }
        }
        match name.as_str() {
            "a" => self.link(el, &mut classes),
            "img" => self.image(el, &hint, &mut classes),
            _ => {}
        }
        if !classes.is_empty() {
            attr(&mut self.out, "class", &classes.join(" "));
        }
        self.out.push('>');
        if VOID.contains(&name.as_str()) {
            return;
        }
        self.children(el, depth);
        self.out.push_str("</");
        self.out.push_str(&name);
        self.out.push('>');
    }

    fn link(&mut self, el: &web_sys::Element, classes: &mut Vec<String>) {
        let Some(href) = el.get_attribute("href").and_then(|h| urls::safe_link(&h)) else {
            return;
        };
        if let Some(fragment) = href.strip_prefix('#') {
            attr(&mut self.out, "href", &format!("#m-{fragment}"));
            return;
        }
        let mut target = href.clone();
        if let Some(host) = urls::host(&href) {
            let text = el.text_content().unwrap_or_default();
            let shown = phishing::mismatch(&text, &host).map(|(s, _)| s);
            let imitates = phishing::lookalike(&host, self.opts.trusted).map(str::to_string);
            let link = Link {
                href: href.clone(),
                host: super::punycode::unicode_host(&host),
                shown,
                imitates,
            };
            if link.deceptive() {
                // Through the warning page, which names the real site.
                target = format!(
                    "{}?vers={}&texte={}",
                    self.opts.warning_page,
                    crate::jmap::url::encode_component(&href),
                    crate::jmap::url::encode_component(link.shown.as_deref().unwrap_or_default())
                );
                let label = (self.opts.real_label)(&link.host);
                attr(&mut self.out, "data-autan-real", &label);
                if !el.has_attribute("title") {
                    attr(&mut self.out, "title", &label);
                }
                classes.push("autan-mismatch".into());
            }
            self.clean.links.push(link);
        }
        attr(&mut self.out, "href", &target);
        attr(&mut self.out, "target", "_blank");
        attr(&mut self.out, "rel", "noopener noreferrer");
    }

    fn image(&mut self, el: &web_sys::Element, hint: &str, classes: &mut Vec<String>) {
        let src = el.get_attribute("src").unwrap_or_default();
        if el.has_attribute("srcset") && !urls::is_remote(&src) {
            self.clean.remote += 1;
        }
        if urls::is_data_image(&src) {
            attr(&mut self.out, "src", &urls::normalise(&src));
            return;
        }
        if !urls::is_remote(&src) {
            return;
        }
        self.clean.remote += 1;
        let size = |n: &str| el.get_attribute(n).is_some_and(|v| tiny(&v));
        if hint == "tracker" || size("width") || size("height") {
            self.clean.trackers += 1;
        }
        if self.opts.remote {
            attr(&mut self.out, "src", &urls::normalise(&src));
            attr(&mut self.out, "referrerpolicy", "no-referrer");
        } else {
            classes.push("autan-blocked".into());
        }
    }
}

/// Our own look inside the frame, before the message's sheet.
const BASE_CSS: &str = "html{color-scheme:light}body{margin:0;padding:8px 12px;font:15px/1.45 system-ui,sans-serif;color:#1a1a1a;background:#fff;overflow-wrap:anywhere}img{max-width:100%;height:auto}table{max-width:100%}pre{white-space:pre-wrap}img.autan-blocked{outline:1px dashed #6b7178;min-width:16px;min-height:16px}a.autan-mismatch{outline:2px solid #b3261e;outline-offset:1px}a.autan-mismatch::before{content:\"\\26a0  \"}a.autan-mismatch:hover::after,a.autan-mismatch:focus::after{content:\" \" attr(data-autan-real);background:#fff4e5;color:#5c2c00;border:1px solid #b3261e;padding:0 4px;font-weight:bold}";

/// Sanitises a message's HTML into the document of its frame.
pub fn sanitize(html: &str, opts: &Options) -> Clean {
    let mut walk = Walk {
        opts,
        out: String::with_capacity(html.len()),
        sheet: String::new(),
        styles: 0,
        clean: Clean::default(),
    };
    let doc = super::parser::parse(html);
    if let Some(doc) = &doc {
        // Style sheets of the head first (the body's are met on the way).
        if let Some(head) = doc.head() {
            if let Ok(list) = head.query_selector_all("style") {
                for i in 0..list.length() {
                    if let Some(s) = list.item(i) {
                        walk.style_sheet(&s.text_content().unwrap_or_default());
                    }
                }
            }
        }
        if let Some(body) = doc.body() {
            walk.out.push_str("<div class=\"autan-body");
            if let Some((class, _)) = walk.inline_style(&body) {
                if !class.is_empty() {
                    walk.out.push(' ');
                    walk.out.push_str(&class);
                }
            }
            walk.out.push('"');
            for n in ["bgcolor", "dir", "lang"] {
                if let Some(v) = body.get_attribute(n) {
                    attr(&mut walk.out, n, &v);
                }
            }
            walk.out.push('>');
            walk.children(&body, 0);
            walk.out.push_str("</div>");
        }
    }
    let sheet = format!("{BASE_CSS}{}", walk.sheet);
    let images = if opts.remote {
        "data: https: http:"
    } else {
        "data:"
    };
    let mut clean = walk.clean;
    clean.html = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src data:; img-src {images}; font-src data:\">\
         <meta name=\"referrer\" content=\"no-referrer\">\
         <link rel=\"stylesheet\" href=\"data:text/css;charset=utf-8;base64,{}\"></head><body>{}</body></html>",
        crate::jmap::auth::base64(sheet.as_bytes()),
        walk.out
    );
    clean
}
