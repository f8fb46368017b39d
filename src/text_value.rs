//! TEXT values as vCard (RFC 6350 §3.4) and iCalendar (RFC 5545 §3.3.11)
//! both write them: `\\`, `\;`, `\,` and `\n` escapes.

/// Reads the escapes (an unknown one gives its character).
pub fn unescape(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(o) => out.push(o),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Writes the escapes (CRLF and LF as `\\n`).
pub fn escape(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace('\n', "\\n")
}
