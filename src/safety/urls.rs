//! URL checks done the way the browser's URL parser will read the value:
//! tabs and newlines anywhere are dropped, C0 controls and spaces trimmed
//! (so « jav&#x09;ascript: » is seen as what it is).

/// The value as the browser's URL parser sees it.
pub fn normalise(raw: &str) -> String {
    raw.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// Lower-case scheme (without « : »), if the value has one.
pub fn scheme(url: &str) -> Option<String> {
    let (s, _) = url.split_once(':')?;
    let mut chars = s.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| s.to_ascii_lowercase())
}

/// What a link may point to: the web, mail, phone, or a place in the message.
pub fn safe_link(raw: &str) -> Option<String> {
    let url = normalise(raw);
    if url.starts_with('#') {
        return Some(url);
    }
    match scheme(&url)?.as_str() {
        "http" | "https" => host(&url).map(|_| url),
        "mailto" | "tel" => Some(url),
        _ => None,
    }
}

/// Raster images given inline (`data:image/png;base64,…`); never SVG.
pub fn is_data_image(raw: &str) -> bool {
    let url = normalise(raw).to_ascii_lowercase();
    ["png", "jpeg", "jpg", "gif", "webp", "bmp"]
        .iter()
        .any(|t| {
            url.starts_with(&format!("data:image/{t};"))
                || url.starts_with(&format!("data:image/{t},"))
        })
}

/// A remote (http/https) resource, with its host.
pub fn is_remote(raw: &str) -> bool {
    let url = normalise(raw);
    matches!(scheme(&url).as_deref(), Some("http" | "https")) || url.starts_with("//")
}

/// The host of an http(s) URL, lower case, without user info, port or final
/// dot; a backslash counts as a slash, as browsers do for web URLs.
pub fn host(url: &str) -> Option<String> {
    let url = normalise(url);
    let lower = url.to_ascii_lowercase();
    let rest = if lower.starts_with("https:") {
        &url[6..]
    } else if lower.starts_with("http:") {
        &url[5..]
    } else {
        return None;
    };
    let rest = rest.trim_start_matches(['/', '\\']);
    let authority = rest.split(['/', '\\', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host_port.starts_with('[') {
        host_port
            .split_once(']')
            .map_or(host_port, |(h, _)| h)
            .trim_start_matches('[')
    } else {
        host_port.split(':').next().unwrap_or_default()
    };
    let host = host.trim_end_matches('.').to_lowercase();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_read_like_the_browser_reads_them() {
        assert_eq!(
            safe_link(" https://ac-toulouse.fr/x ").as_deref(),
            Some("https://ac-toulouse.fr/x")
        );
        assert_eq!(safe_link("jav\tascript:alert(1)"), None);
        assert_eq!(safe_link("\u{1}javascript:alert(1)"), None);
        assert_eq!(safe_link("JaVaScRiPt:alert(1)"), None);
        assert_eq!(safe_link("vbscript:msgbox"), None);
        assert_eq!(safe_link("data:text/html,<script>"), None);
        assert_eq!(safe_link("/relatif"), None);
        assert_eq!(safe_link("https://"), None);
        assert_eq!(safe_link("mailto:a@b.fr").as_deref(), Some("mailto:a@b.fr"));
        assert_eq!(safe_link("#haut").as_deref(), Some("#haut"));
    }

    #[test]
    fn hosts_ignore_user_info_ports_and_backslashes() {
        assert_eq!(
            host("https://ac-toulouse.fr@evil.example/login").as_deref(),
            Some("evil.example")
        );
        assert_eq!(
            host("HTTP://WWW.Ac-Toulouse.FR.:8080/").as_deref(),
            Some("www.ac-toulouse.fr")
        );
        assert_eq!(
            host("https:\\\\evil.example\\x").as_deref(),
            Some("evil.example")
        );
        assert_eq!(host("https://[::1]:80/").as_deref(), Some("::1"));
        assert_eq!(host("mailto:x@y.fr"), None);
    }

    #[test]
    fn only_raster_data_images() {
        assert!(is_data_image("data:image/png;base64,AAAA"));
        assert!(!is_data_image("data:image/svg+xml;base64,AAAA"));
        assert!(!is_data_image("data:text/html,x"));
        assert!(is_remote("//tracker.example/p.gif"));
        assert!(is_remote(" https://x.example/a.png"));
        assert!(!is_remote("cid:abc"));
    }
}
