//! URL helpers: resolving the session's relative URLs and expanding its
//! RFC 6570 level-1 templates (`{accountId}`, `{blobId}`, ...).

/// `scheme://host[:port]` of an absolute URL, or None.
pub fn origin(url: &str) -> Option<&str> {
    let rest_start = url.find("://")? + 3;
    let end = url[rest_start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| rest_start + i);
    Some(&url[..end])
}

/// Resolves `reference` against the absolute `base` URL, enough for what JMAP
/// sessions contain: absolute URLs, absolute paths and relative paths.
pub fn resolve(base: &str, reference: &str) -> String {
    if reference.starts_with("http://") || reference.starts_with("https://") {
        return reference.to_string();
    }
    let Some(origin) = origin(base) else {
        return reference.to_string();
    };
    if let Some(rest) = reference.strip_prefix("//") {
        let scheme = base.split("://").next().unwrap_or("https");
        return format!("{scheme}://{rest}");
    }
    if reference.starts_with('/') {
        return format!("{origin}{reference}");
    }
    let path = &base[origin.len()..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    let dir = match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "/",
    };
    format!("{origin}{dir}{reference}")
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Expands `{name}` variables; unknown variables are left as they are.
pub fn expand(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in vars {
        out = out.replace(&format!("{{{name}}}"), &encode_component(value));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_like_a_browser() {
        let base = "http://127.0.0.1:8080/.well-known/jmap";
        let cases = [
            ("/jmap/", "http://127.0.0.1:8080/jmap/"),
            ("https://mail.example/jmap", "https://mail.example/jmap"),
            ("api/", "http://127.0.0.1:8080/.well-known/api/"),
            ("//cdn.example/x", "http://cdn.example/x"),
        ];
        for (reference, want) in cases {
            assert_eq!(resolve(base, reference), want, "{reference}");
        }
        assert_eq!(origin("https://a.b:1/c?d"), Some("https://a.b:1"));
        assert_eq!(origin("https://a.b"), Some("https://a.b"));
        assert_eq!(origin("/relative"), None);
    }

    #[test]
    fn expands_download_templates() {
        let t = "/jmap/download/{accountId}/{blobId}/{name}?accept={type}";
        assert_eq!(
            expand(
                t,
                &[
                    ("accountId", "mdupont"),
                    ("blobId", "G1a2"),
                    ("name", "notes 3eB é.csv"),
                    ("type", "text/csv"),
                ]
            ),
            "/jmap/download/mdupont/G1a2/notes%203eB%20%C3%A9.csv?accept=text%2Fcsv"
        );
    }
}
