//! The behaviour the app relies on, against the real generated data.

use super::*;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

/// The generated data file: $AUTAN_STRENGTH_DATA, else
/// $CARGO_TARGET_DIR (or ../target)/strength-data.txt, generated on first use
/// from $AUTAN_NODE_MODULES (default ../end2end/node_modules).
fn data() -> &'static Data {
    static D: OnceLock<Data> = OnceLock::new();
    D.get_or_init(|| {
        let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let path = std::env::var_os("AUTAN_STRENGTH_DATA")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                let target = std::env::var_os("CARGO_TARGET_DIR")
                    .map(PathBuf::from)
                    .unwrap_or_else(|| manifest.join("../target"));
                target.join("strength-data.txt")
            });
        if !path.exists() {
            let nm = std::env::var_os("AUTAN_NODE_MODULES")
                .map(PathBuf::from)
                .unwrap_or_else(|| manifest.join("../end2end/node_modules"));
            if let Some(dir) = path.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let _ = Command::new("python3")
                .arg(manifest.join("gen_dict.py"))
                .arg(&nm)
                .arg(&path)
                .status();
        }
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "cannot read the strength data {} ({e}).\nGenerate it with:\n  \
                 python3 strength/gen_dict.py end2end/node_modules {}\n\
                 (after `cd end2end && npm ci`), or set AUTAN_STRENGTH_DATA / AUTAN_NODE_MODULES.",
                path.display(),
                path.display()
            )
        });
        Data::parse(&text).expect("valid strength data")
    })
}

fn est(pw: &str, inputs: &[&str]) -> Estimate {
    estimate_with(data(), pw, inputs, 2026)
}

#[test]
fn policy_passing_but_weak_passwords_score_at_most_1() {
    let user = ["Florent", "Durand", "fdurand", "1985-03-14"];
    for (pw, inputs) in [
        ("Toulouse31!", &[][..]),
        ("Soleil2024!", &[]),
        ("azertyuiop", &[]),
        ("&é\"'(-è_çà", &[]),
        ("wxcvbn", &[]),
        ("Marseille13", &[]),
        ("Florent1985!", &user[..]),
    ] {
        let e = est(pw, inputs);
        assert!(e.score <= 1 && e.percent < 40, "{pw}: {e:?}");
        assert!(e.warning.is_some(), "{pw}: {e:?}");
    }
}

#[test]
fn warnings_name_the_pattern() {
    let user = ["Florent", "Durand", "fdurand", "1985-03-14"];
    assert_eq!(
        est("Florent1985!", &user).warning,
        Some("strength.warning.user_data")
    );
    assert_eq!(
        est("azertyuiop", &[]).warning,
        Some("strength.warning.keyboard_walk")
    );
    assert_eq!(
        est("&é\"'(-è_çà", &[]).warning,
        Some("strength.warning.keyboard_walk")
    );
    assert_eq!(
        est("wxcvbn", &[]).warning,
        Some("strength.warning.keyboard_walk")
    );
    assert_eq!(
        est("motdepasse", &[]).warning,
        Some("strength.warning.common_password")
    );
    assert_eq!(
        est("aaaaaaaaaa", &[]).warning,
        Some("strength.warning.repeat")
    );
    assert_eq!(
        est("abcdefgh", &[]).warning,
        Some("strength.warning.sequence")
    );
    assert_eq!(
        est("14/03/1985", &[]).warning,
        Some("strength.warning.date")
    );
    assert_eq!(
        est("Durand14031985", &user).warning,
        Some("strength.warning.user_data")
    );
    let e = est("p@55w0rd", &[]);
    assert!(
        e.score == 0 && e.suggestions.contains(&"strength.suggestion.l33t"),
        "{e:?}"
    );
    for s in est("Toulouse31!", &[]).suggestions {
        assert!(ALL_KEYS.contains(&s), "{s}");
    }
}

#[test]
fn very_common_french_passwords_are_very_low() {
    for pw in [
        "motdepasse",
        "bonjour1",
        "Bonjour",
        "soleil",
        "123456",
        "azerty",
        "doudou",
    ] {
        let e = est(pw, &[]);
        assert!(e.score <= 1 && e.percent <= 30, "{pw}: {e:?}");
    }
    assert_eq!(est("bonjour1", &[]).score, 0);
}

#[test]
fn french_specifics_are_matched() {
    // Accents folded, reversed, l33t.
    for pw in ["élève", "ELEVE", "evele", "3l3v3", "ch@t0n"] {
        assert!(est(pw, &[]).score <= 1, "{pw}: {:?}", est(pw, &[]));
    }
    // Dates in French forms.
    for pw in ["14031985", "140385", "14-03-85", "14.03.1985", "1985"] {
        assert!(est(pw, &[]).score <= 1, "{pw}");
    }
}

#[test]
fn random_passwords_and_passphrases_are_strong() {
    let e = est("k7#Qm2!vX9pL@4zR", &[]);
    assert_eq!(e.score, 4, "{e:?}");
    assert_eq!(e.percent, 100);
    assert!(e.warning.is_none() && e.suggestions.is_empty());
    for pw in [
        "cheval mardi lumière ordinateur",
        "girafe-plombier-orage-tulipe",
        "bibliothequecarottevelosoleil",
    ] {
        let e = est(pw, &[]);
        assert!(e.score >= 3, "{pw}: {e:?}");
    }
}

#[test]
fn percent_grows_while_typing() {
    let pw = "k7#Qm2!vX9pL@4zR";
    let chars: Vec<char> = pw.chars().collect();
    let mut prev = 0u8;
    let mut seen = Vec::new();
    let mut drops = 0;
    for k in 1..=chars.len() {
        let s: String = chars[..k].iter().collect();
        let p = est(&s, &[]).percent;
        if p < prev {
            drops += 1;
        }
        prev = p;
        seen.push(p);
    }
    assert!(drops <= 1, "{seen:?}");
    assert!(
        seen[3] < seen[7] && seen[7] < seen[11] && seen[11] <= seen[15],
        "{seen:?}"
    );
}

#[test]
fn empty_is_zero() {
    let e = est("", &[]);
    assert_eq!((e.score, e.percent), (0, 0));
    assert!(e.warning.is_none());
}

#[test]
fn percent_is_monotone_in_guesses() {
    let mut prev = 0;
    for k in 0..=2000 {
        let p = scoring::percent(k as f64 / 100.0);
        assert!(p >= prev);
        prev = p;
    }
    assert_eq!(scoring::percent(f64::NAN), 0);
    assert_eq!(scoring::percent(f64::INFINITY), 100);
}

/// xorshift: deterministic byte soup without a dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn never_panics_on_soup() {
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let alphabet: Vec<char> =
        "aAzZ09&é\"'(-è_çà!@#$%^*()1234567890/.-_ \t\n\u{0}\u{301}œÆß😀𝔘\u{10FFFF}ıİ"
            .chars()
            .collect();
    for round in 0..600 {
        let len = match round % 10 {
            0 => 200 + (rng.next() % 800) as usize,
            _ => (rng.next() % 70) as usize,
        };
        let s: String = (0..len)
            .map(|_| {
                if rng.next().is_multiple_of(4) {
                    char::from_u32((rng.next() % 0x11_0000) as u32).unwrap_or('x')
                } else {
                    alphabet[(rng.next() as usize) % alphabet.len()]
                }
            })
            .collect();
        let inputs = [
            s.get(..s.len().min(8)).unwrap_or(""),
            "1985-03-14",
            "a@b",
            "",
        ];
        let e = est(&s, &inputs);
        assert!(
            e.score <= 4 && e.percent <= 100 && e.guesses_log10.is_finite(),
            "{s:?}"
        );
    }
    // Pathological repeats and very long input.
    let long = "ab".repeat(5000);
    assert!(est(&long, &[]).guesses_log10.is_finite());
    assert!(est(&"1".repeat(150), &[&"1".repeat(30)])
        .guesses_log10
        .is_finite());
}

#[test]
fn works_without_data() {
    let e = estimate_with(&Data::default(), "azertyuiop", &[], 2026);
    assert!(e.score <= 4);
}

/// Native timing: `cargo test -p autan-strength --release -- --ignored bench --nocapture`.
#[test]
#[ignore]
fn bench() {
    let d = data();
    let mut rng = Rng(42);
    let alphabet: Vec<char> = "abcdefghijklmnopqrstuvwxyzAZERTY0123456789&é\"'(-è_çà!@#$"
        .chars()
        .collect();
    let words = [
        "soleil",
        "Toulouse",
        "azerty",
        "1985",
        "motdepasse",
        "p@ss",
        "wxcvbn",
    ];
    let mut times = Vec::new();
    for k in 0..1000 {
        let mut s = String::new();
        while s.chars().count() < 64 {
            if k % 2 == 0 && rng.next().is_multiple_of(3) {
                s.push_str(words[(rng.next() as usize) % words.len()]);
            } else {
                s.push(alphabet[(rng.next() as usize) % alphabet.len()]);
            }
        }
        let s: String = s.chars().take(64).collect();
        let t = std::time::Instant::now();
        let e = estimate_with(d, &s, &["Florent", "Durand", "fdurand", "1985-03-14"], 2026);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(e);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "64-char inputs, 1000 runs: p50 {:.3} ms, p95 {:.3} ms, max {:.3} ms",
        times[500], times[950], times[999]
    );
}
