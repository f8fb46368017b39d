//! Credentials as sent to the server. Basic credentials live in memory and in
//! the tab's sessionStorage (see `auth::remember`).

#[derive(Clone, PartialEq, Eq)]
pub enum Auth {
    /// SSO: the browser's cookies authenticate every request.
    Cookies,
    /// Development and standalone use: an `Authorization: Basic` header value.
    Basic(String),
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print credentials, even in debug logs.
        match self {
            Auth::Cookies => write!(f, "Cookies"),
            Auth::Basic(_) => write!(f, "Basic(***)"),
        }
    }
}

impl Auth {
    pub fn basic(login: &str, password: &str) -> Auth {
        Auth::Basic(format!(
            "Basic {}",
            base64(format!("{login}:{password}").as_bytes())
        ))
    }

    pub fn header(&self) -> Option<&str> {
        match self {
            Auth::Basic(h) => Some(h),
            Auth::Cookies => None,
        }
    }
}

/// Standard base64 with padding (RFC 4648 §4); small enough not to need a crate.
pub fn base64(input: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (i, o) in cases {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }

    #[test]
    fn basic_header_is_utf8_and_hidden_in_debug() {
        let a = Auth::basic("mdupont", "été");
        assert_eq!(a.header(), Some("Basic bWR1cG9udDrDqXTDqQ=="));
        assert_eq!(format!("{a:?}"), "Basic(***)");
        assert_eq!(Auth::Cookies.header(), None);
    }
}
