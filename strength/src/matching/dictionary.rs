//! Dictionary words: as typed, reversed, and with l33t substitutions, looked up
//! after lower-casing and accent folding. User inputs (name, login, birth
//! date…) form a dictionary of their own, ranked first.

use super::{log10_variations, Context, Match, Pattern, Upper};
use crate::dict::{Hit, Kind};
use crate::fold::{fold, fold_into};
use crate::hash::FxMap;

/// Longest substring looked up, in characters: bounds the work per keystroke.
pub const MAX_SUBSTRING: usize = 24;
/// l33t readings kept per start position (1, ! and | are ambiguous).
const MAX_VARIANTS: usize = 8;

/// The usual French-keyboard substitutions.
fn l33t(c: char) -> &'static [char] {
    match c {
        '4' | '@' => &['a'],
        '3' | '€' => &['e'],
        '1' | '|' => &['i', 'l'],
        '!' => &['i'],
        '0' => &['o'],
        '5' | '$' => &['s'],
        '7' | '+' => &['t'],
        '8' => &['b'],
        '9' => &['g'],
        '2' => &['z'],
        _ => &[],
    }
}

/// Rank-ordered user-input tokens: each input whole, its parts, the local part
/// of an e-mail address and the usual spellings of a date.
pub fn user_dictionary(inputs: &[&str]) -> FxMap<String, u32> {
    let mut map = FxMap::default();
    let mut add = |w: String| {
        if w.chars().count() >= 2 && !map.contains_key(&w) {
            let rank = map.len() as u32 + 1;
            map.insert(w, rank);
        }
    };
    for raw in inputs {
        let folded = fold(raw.trim());
        if folded.is_empty() {
            continue;
        }
        add(folded.clone());
        let local = folded.split('@').next().unwrap_or("");
        add(local.to_string());
        for part in local.split(|c: char| !c.is_alphanumeric()) {
            add(part.to_string());
        }
        if let Some((d, m, y)) = parse_date(&folded) {
            let yy = &y[2..];
            for form in [
                format!("{d}{m}{y}"),
                format!("{d}{m}{yy}"),
                format!("{d}{m}"),
                y.clone(),
                format!("{y}{m}{d}"),
                format!("{yy}{m}{d}"),
                format!("{m}{d}{y}"),
                format!("{d}/{m}/{y}"),
                format!("{d}/{m}/{yy}"),
                format!("{d}-{m}-{y}"),
                format!("{d}.{m}.{y}"),
            ] {
                add(form);
            }
        }
    }
    map
}

/// "1985-03-14", "14/03/1985", "14-03-1985", "14.03.1985" → ("14", "03", "1985").
fn parse_date(s: &str) -> Option<(String, String, String)> {
    let parts: Vec<&str> = s.split(['-', '/', '.', ' ']).collect();
    let [a, b, c] = parts[..] else { return None };
    if ![a, b, c]
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|x| x.is_ascii_digit()))
    {
        return None;
    }
    let pad = |p: &str| {
        if p.len() == 1 {
            format!("0{p}")
        } else {
            p.to_string()
        }
    };
    match (a.len(), c.len()) {
        (4, 1..=2) => Some((pad(c), pad(b), a.to_string())),
        (1..=2, 4) => Some((pad(a), pad(b), c.to_string())),
        _ => None,
    }
}

fn lookup(cx: &Context<'_>, key: &str) -> Option<Hit> {
    let user = cx.user.get(key).map(|&rank| Hit {
        kind: Kind::UserInputs,
        rank,
    });
    match (user, cx.data.lookup(key)) {
        (Some(u), Some(d)) => Some(if d.rank < u.rank { d } else { u }),
        (u, d) => u.or(d),
    }
}

fn upper(chars: &[char]) -> (Upper, f64) {
    let up = chars.iter().filter(|c| c.is_uppercase()).count();
    let low = chars.iter().filter(|c| c.is_lowercase()).count();
    let first = chars.first().is_some_and(|c| c.is_uppercase());
    let last = chars.last().is_some_and(|c| c.is_uppercase());
    match (up, low) {
        (0, _) => (Upper::None, 0.0),
        (_, 0) => (Upper::All, 2f64.log10()),
        (1, _) if first || last => (Upper::First, 2f64.log10()),
        (u, l) => (Upper::Mixed, log10_variations(u, l)),
    }
}

fn push(
    out: &mut Vec<Match>,
    pw: &[char],
    i: usize,
    j: usize,
    hit: Hit,
    reversed: bool,
    l33t_var: Option<f64>,
) {
    let (up, up_var) = upper(&pw[i..=j]);
    let mut g = f64::from(hit.rank.max(1)).log10() + up_var + l33t_var.unwrap_or(0.0);
    if reversed {
        g += 2f64.log10();
    }
    out.push(Match {
        i,
        j,
        guesses_log10: g,
        pattern: Pattern::Dictionary {
            kind: hit.kind,
            rank: hit.rank,
            reversed,
            l33t: l33t_var.is_some(),
            upper: up,
        },
    });
}

pub fn matches(cx: &Context<'_>, out: &mut Vec<Match>) {
    let pw = cx.pw;
    let n = pw.len();
    let max_bytes = cx
        .user
        .keys()
        .map(String::len)
        .fold(cx.data.max_word_len, usize::max);
    let rev: Vec<char> = pw.iter().rev().copied().collect();
    let mut key = String::new();
    for (chars, reversed) in [(pw, false), (&rev[..], true)] {
        for i in 0..n {
            key.clear();
            for j in i..n.min(i + MAX_SUBSTRING) {
                fold_into(chars[j], &mut key);
                if key.len() > max_bytes {
                    break;
                }
                if j == i {
                    continue;
                }
                let Some(hit) = lookup(cx, &key) else {
                    continue;
                };
                if reversed {
                    // Palindromes are already found forwards.
                    if chars[i..=j].iter().eq(chars[i..=j].iter().rev()) {
                        continue;
                    }
                    push(out, pw, n - 1 - j, n - 1 - i, hit, true, None);
                } else {
                    push(out, pw, i, j, hit, false, None);
                }
            }
        }
    }
    l33t_matches(cx, max_bytes, out);
}

struct Variant {
    key: String,
    /// (substituted letter) for each substitution made.
    subs: Vec<char>,
}

fn l33t_matches(cx: &Context<'_>, max_bytes: usize, out: &mut Vec<Match>) {
    let pw = cx.pw;
    let n = pw.len();
    for i in 0..n {
        let end = n.min(i + MAX_SUBSTRING);
        if !pw[i..end].iter().any(|&c| !l33t(c).is_empty()) {
            continue;
        }
        let mut variants = vec![Variant {
            key: String::new(),
            subs: Vec::new(),
        }];
        for j in i..end {
            let c = pw[j];
            let opts = l33t(c);
            if opts.is_empty() {
                for v in &mut variants {
                    fold_into(c, &mut v.key);
                }
            } else {
                let mut next = Vec::with_capacity(MAX_VARIANTS);
                for v in variants {
                    // The substituted readings first, so they survive the cap.
                    for &letter in opts {
                        if next.len() < MAX_VARIANTS {
                            let mut key = v.key.clone();
                            key.push(letter);
                            let mut subs = v.subs.clone();
                            subs.push(letter);
                            next.push(Variant { key, subs });
                        }
                    }
                    if next.len() < MAX_VARIANTS {
                        let mut v = v;
                        fold_into(c, &mut v.key);
                        next.push(v);
                    }
                }
                variants = next;
            }
            if variants.iter().all(|v| v.key.len() > max_bytes) {
                break;
            }
            if j == i {
                continue;
            }
            for v in variants.iter().filter(|v| !v.subs.is_empty()) {
                let Some(hit) = lookup(cx, &v.key) else {
                    continue;
                };
                // Variations per substituted letter: which of its occurrences
                // were swapped.
                let mut var = 0.0;
                let mut letters = v.subs.clone();
                letters.sort_unstable();
                letters.dedup();
                for letter in letters {
                    let s = v.subs.iter().filter(|&&l| l == letter).count();
                    let all = v.key.chars().filter(|&k| k == letter).count();
                    var += log10_variations(s, all.saturating_sub(s));
                }
                push(out, pw, i, j, hit, false, Some(var.max(2f64.log10())));
                break; // one reading per substring is enough
            }
        }
    }
}
