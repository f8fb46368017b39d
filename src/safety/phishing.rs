//! Phishing cues: senders from outside the académie, look-alike domains
//! (homoglyphs, punycode, one letter off, the real domain buried in a
//! longer one), links whose text shows another site than their target, and
//! messages that ask for credentials.

use super::punycode::unicode_host;

/// `domain` is one of `trusted` or below one of them.
pub fn is_internal(domain: &str, trusted: &[String]) -> bool {
    let d = domain.trim_end_matches('.').to_lowercase();
    trusted.iter().any(|t| {
        let t = t.to_lowercase();
        d == t || d.ends_with(&format!(".{t}"))
    })
}

/// Characters read as another: other scripts' look-alikes and digit tricks.
fn plain(c: char) -> char {
    match c {
        'а' | 'α' | 'ɑ' | 'à' | 'á' | 'â' | 'ä' | 'å' => 'a',
        'е' | 'ε' | 'é' | 'è' | 'ê' | 'ë' | '3' => 'e',
        'о' | 'ο' | 'σ' | '0' | 'ö' | 'ó' | 'ò' | 'ô' => 'o',
        'р' | 'ρ' => 'p',
        'с' | 'ϲ' | 'ç' => 'c',
        'х' | 'χ' => 'x',
        'у' | 'ү' | 'γ' => 'y',
        'і' | 'ι' | 'í' | 'ì' | 'î' | 'ï' | 'ı' | '1' | '|' | 'i' | 'ӏ' => 'l',
        'ѕ' | '5' => 's',
        'ј' => 'j',
        'ԁ' => 'd',
        'ɡ' => 'g',
        'ν' => 'v',
        'κ' | 'к' => 'k',
        'τ' | 'т' => 't',
        'п' => 'n',
        'м' => 'm',
        'н' => 'h',
        'ü' | 'ù' | 'ú' | 'û' | 'υ' => 'u',
        '‐' | '‑' | '‒' | '–' | '—' | '_' => '-',
        c => c,
    }
}

/// What a domain looks like to a hurried reader.
fn skeleton(domain: &str) -> String {
    unicode_host(&domain.to_lowercase())
        .chars()
        .map(plain)
        .collect::<String>()
        .replace("rn", "m")
        .replace("vv", "w")
}

fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// At most one edit (insert, delete, replace, swap) apart.
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    match long.len() - short.len() {
        0 => {
            let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            diff.len() == 1
                || (diff.len() == 2
                    && diff[1] == diff[0] + 1
                    && a[diff[0]] == b[diff[1]]
                    && a[diff[1]] == b[diff[0]])
        }
        1 => {
            let i = (0..short.len())
                .find(|&i| short[i] != long[i])
                .unwrap_or(short.len());
            short[i..] == long[i + 1..]
        }
        _ => false,
    }
}

/// The trusted domain `domain` imitates, if it imitates one without being it.
pub fn lookalike<'a>(domain: &str, trusted: &'a [String]) -> Option<&'a str> {
    let d = domain.trim_end_matches('.').to_lowercase();
    if d.is_empty() || is_internal(&d, trusted) {
        return None;
    }
    let sd = skeleton(&d);
    trusted.iter().map(String::as_str).find(|t| {
        let st = skeleton(t);
        let core = letters(&st);
        sd == st
            || sd.ends_with(&format!(".{st}"))
            || (core.len() >= 6 && letters(&sd).contains(&core))
            || (st.len() >= 6 && one_edit(&sd, &st))
    })
}

/// The domain a link's visible text announces (« www.ac-toulouse.fr »,
/// « https://ac-toulouse.fr/x »), if the text reads as an address at all.
pub fn shown_domain(text: &str) -> Option<String> {
    let t = text.trim().trim_end_matches(['.', ',', ';', ':', ')', '»']);
    let lower = t.to_lowercase();
    let rest = ["https://", "http://"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))
        .unwrap_or(&lower);
    if rest.chars().any(char::is_whitespace) || rest.contains('@') {
        return None;
    }
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()?
        .trim_end_matches('.');
    let labels: Vec<&str> = host.split('.').collect();
    let tld = labels.last()?;
    let ok = labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && tld.chars().count() >= 2
        && tld.chars().all(char::is_alphabetic);
    ok.then(|| host.to_string())
}

/// Same site, give or take sub-domains (« www. », « mail. »).
fn same_site(a: &str, b: &str) -> bool {
    let a = a.trim_start_matches("www.");
    let b = b.trim_start_matches("www.");
    a == b || a.ends_with(&format!(".{b}")) || b.ends_with(&format!(".{a}"))
}

/// A link shows one site and goes to another: (shown, real).
pub fn mismatch(text: &str, real_host: &str) -> Option<(String, String)> {
    let shown = shown_domain(text)?;
    let real = real_host.to_lowercase();
    (!same_site(&shown, &real)).then(|| (shown, unicode_host(&real)))
}

fn fold(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'à' | 'â' => 'a',
            'ï' | 'î' => 'i',
            'ô' => 'o',
            'ù' | 'û' => 'u',
            'ç' => 'c',
            '\u{a0}' | '\u{2019}' => ' ',
            c => c,
        })
        .collect()
}

const CREDENTIAL_WORDS: [&str; 16] = [
    "mot de passe",
    "mots de passe",
    "password",
    "identifiants",
    "vos codes d'acces",
    "verifier votre compte",
    "verifiez votre compte",
    "confirmer votre compte",
    "confirmez votre compte",
    "reactiver votre compte",
    "reactivez votre compte",
    "compte sera suspendu",
    "compte sera desactive",
    "compte sera supprime",
    "boite aux lettres est pleine",
    "verify your account",
];

/// The text asks the reader for credentials.
pub fn asks_for_credentials(text: &str) -> bool {
    let t = fold(text);
    CREDENTIAL_WORDS.iter().any(|w| t.contains(w))
}

/// The link leads to what looks like a sign-in page.
pub fn login_page(url: &str) -> bool {
    let u = url.to_lowercase();
    let path = u.splitn(4, '/').nth(3).unwrap_or_default();
    [
        "login",
        "logon",
        "signin",
        "sign-in",
        "connexion",
        "authentif",
        "password",
        "motdepasse",
        "owa",
        "webmail",
        "verify",
    ]
    .iter()
    .any(|w| path.contains(w))
}

/// The display name carries an address other than the real one
/// (« support@ac-toulouse.fr <x@evil.example> »).
pub fn name_hides_address(name: &str, email: &str) -> Option<String> {
    let word = name
        .split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '(' | ')' | '"' | '\''))
        .find(|w| w.contains('@') && w.contains('.'))?;
    (!word.eq_ignore_ascii_case(email.trim())).then(|| word.to_string())
}

/// The domain of an address.
pub fn domain_of(email: &str) -> Option<String> {
    let (_, d) = email.trim().rsplit_once('@')?;
    let d = d.trim().trim_end_matches('>').to_lowercase();
    (!d.is_empty()).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trusted() -> Vec<String> {
        vec!["ac-toulouse.fr".into()]
    }

    #[test]
    fn internal_is_the_domain_or_below() {
        assert!(is_internal("ac-toulouse.fr", &trusted()));
        assert!(is_internal("Mail.AC-Toulouse.fr.", &trusted()));
        assert!(!is_internal("ac-toulouse.fr.example.com", &trusted()));
        assert!(!is_internal("xac-toulouse.fr", &trusted()));
    }

    #[test]
    fn lookalikes_are_caught() {
        let t = trusted();
        for d in [
            "ac-tou1ouse.fr",
            "ac-toulouse.fr.example.com",
            "ac-toulouse-fr.com",
            "secure.ac-toulouse.fr-login.net",
            "ac-toulose.fr",
            "ac-tuolouse.fr",
            "aс-toulouse.fr",        // Cyrillic с
            "xn--a-toulouse-cwi.fr", // punycode of a Cyrillic look-alike
            "ac-t0ulouse.fr",
            "actoulouse.fr",
        ] {
            assert_eq!(lookalike(d, &t), Some("ac-toulouse.fr"), "{d}");
        }
        for d in [
            "ac-toulouse.fr",
            "webmail.ac-toulouse.fr",
            "toulouse.fr",
            "ac-montpellier.fr",
            "gmail.com",
            "ac-orleans-tours.fr",
        ] {
            assert_eq!(lookalike(d, &t), None, "{d}");
        }
    }

    #[test]
    fn links_that_show_another_site() {
        assert_eq!(
            mismatch("www.ac-toulouse.fr", "evil.example"),
            Some(("www.ac-toulouse.fr".into(), "evil.example".into()))
        );
        assert_eq!(
            mismatch("https://www.ac-toulouse.fr/mamia", "ac-toulouse.fr"),
            None
        );
        assert_eq!(mismatch("Cliquez ici", "evil.example"), None);
        assert_eq!(mismatch("ENT.ac-toulouse.fr", "ent.ac-toulouse.fr"), None);
        assert_eq!(mismatch("version 1.2", "x.example"), None);
        assert_eq!(shown_domain("(ac-toulouse.fr)"), None);
        assert_eq!(
            shown_domain("https://ac-toulouse.fr/a?b").as_deref(),
            Some("ac-toulouse.fr")
        );
    }

    #[test]
    fn credential_requests_and_login_pages() {
        assert!(asks_for_credentials(
            "Veuillez VÉRIFIER votre compte sous 24 h"
        ));
        assert!(asks_for_credentials("Saisissez votre mot de passe"));
        assert!(!asks_for_credentials("Conseil de classe jeudi à 17 h"));
        assert!(login_page("https://evil.example/owa/auth/logon.aspx"));
        assert!(!login_page("https://evil.example/"));
        assert_eq!(
            name_hides_address("support@ac-toulouse.fr", "x@evil.example").as_deref(),
            Some("support@ac-toulouse.fr")
        );
        assert_eq!(name_hides_address("Marie Dupont", "m@x.fr"), None);
        assert_eq!(name_hides_address("m@x.fr", "M@X.fr"), None);
        assert_eq!(
            domain_of("A@Ac-Toulouse.FR").as_deref(),
            Some("ac-toulouse.fr")
        );
    }
}
