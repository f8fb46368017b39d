//! Punycode (RFC 3492) decoding of `xn--` labels, so that a look-alike
//! written with other scripts is compared by what the reader sees. Every
//! step is checked: hostile labels give `None`, never a panic.

const BASE: u32 = 36;
const TMIN: u32 = 1;
const TMAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;

fn adapt(delta: u32, points: u32, first: bool) -> u32 {
    let mut delta = if first { delta / DAMP } else { delta / 2 };
    delta += delta / points.max(1);
    let mut k = 0;
    while delta > ((BASE - TMIN) * TMAX) / 2 {
        delta /= BASE - TMIN;
        k += BASE;
    }
    k + (BASE - TMIN + 1) * delta / (delta + SKEW)
}

/// Decodes the part after « xn-- ».
pub fn decode(input: &str) -> Option<String> {
    if input.is_empty() || input.len() > 255 || !input.is_ascii() {
        return None;
    }
    let (basic, extended) = match input.rfind('-') {
        Some(i) => (&input[..i], &input[i + 1..]),
        None => ("", input),
    };
    let mut out: Vec<char> = basic.chars().collect();
    let (mut n, mut i, mut bias) = (128u32, 0u32, 72u32);
    let mut digits = extended.bytes();
    let mut next = digits.next();
    while let Some(first) = next {
        let old_i = i;
        let (mut w, mut k) = (1u32, BASE);
        let mut c = first;
        loop {
            let digit = match c {
                b'a'..=b'z' => c - b'a',
                b'A'..=b'Z' => c - b'A',
                b'0'..=b'9' => c - b'0' + 26,
                _ => return None,
            } as u32;
            i = i.checked_add(digit.checked_mul(w)?)?;
            let t = if k <= bias {
                TMIN
            } else if k >= bias + TMAX {
                TMAX
            } else {
                k - bias
            };
            if digit < t {
                break;
            }
            w = w.checked_mul(BASE - t)?;
            k = k.checked_add(BASE)?;
            c = digits.next()?;
        }
        let len = out.len() as u32 + 1;
        bias = adapt(i - old_i, len, old_i == 0);
        n = n.checked_add(i / len)?;
        i %= len;
        out.insert(i as usize, char::from_u32(n)?);
        i += 1;
        next = digits.next();
    }
    Some(out.into_iter().collect())
}

/// A host with each `xn--` label decoded (labels that fail stay as they are).
pub fn unicode_host(host: &str) -> String {
    host.split('.')
        .map(|label| {
            label
                .get(..4)
                .filter(|p| p.eq_ignore_ascii_case("xn--"))
                .and_then(|_| decode(&label[4..]))
                .unwrap_or_else(|| label.to_string())
        })
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_rfc_examples() {
        assert_eq!(decode("mnchen-3ya").as_deref(), Some("münchen"));
        assert_eq!(decode("bcher-kva").as_deref(), Some("bücher"));
        assert_eq!(decode("e1afmkfd").as_deref(), Some("пример"));
        assert_eq!(unicode_host("xn--e1afmkfd.xn--p1ai"), "пример.рф");
        assert_eq!(unicode_host("ac-toulouse.fr"), "ac-toulouse.fr");
    }

    #[test]
    fn hostile_labels_do_not_panic() {
        for s in [
            "",
            "-",
            "zzzzzzzzzzzzzzzzzz",
            "99999999999",
            "a-!",
            "é",
            "-zz9",
            &"z".repeat(300),
        ] {
            let _ = decode(s);
        }
        assert_eq!(unicode_host("xn--.a"), "xn--.a");
    }
}
