//! Digits and symbols tacked onto the end of a password: "Toulouse31!",
//! "Soleil2024!", "bonjour1". Crackers try such rules on every dictionary word,
//! so the suffix costs its own few guesses and, unlike a separate pattern,
//! does not lengthen the match sequence (scoring.rs), where zxcvbn would
//! charge l! and D^(l-1) for it and overrate these passwords.

use super::{year_space, Match, Pattern};

const MAX_DIGITS: usize = 4;
const MAX_SYMBOLS: usize = 2;

fn symbol_guesses(c: char) -> f64 {
    match c {
        // By far the most appended symbol.
        '!' => 2.0,
        '.' | '?' | '*' | '@' | '#' | '$' | '&' | '_' | '-' | '+' | '=' | '%' => 12.0,
        _ => 33.0,
    }
}

fn digit_guesses(d: &[char], reference_year: i32) -> f64 {
    let v = d
        .iter()
        .try_fold(0i32, |v, c| c.to_digit(10).map(|x| v * 10 + x as i32));
    match (d.len(), v) {
        (1, Some(1)) => 2.0,
        (4, Some(y)) if (1900..=2099).contains(&y) => year_space(y, reference_year),
        (len, _) => 10f64.powi(len as i32),
    }
}

fn guesses(s: &[char], reference_year: i32) -> Option<f64> {
    let split = s
        .iter()
        .position(|c| c.is_ascii_digit() != s[0].is_ascii_digit())
        .unwrap_or(s.len());
    let (first, second) = s.split_at(split);
    if second
        .iter()
        .any(|c| c.is_ascii_digit() != second[0].is_ascii_digit())
    {
        return None; // more than two blocks
    }
    let (digits, symbols, symbols_first) = if s[0].is_ascii_digit() {
        (first, second, false)
    } else {
        (second, first, true)
    };
    if digits.len() > MAX_DIGITS || symbols.len() > MAX_SYMBOLS {
        return None;
    }
    let mut g = if digits.is_empty() {
        1.0
    } else {
        digit_guesses(digits, reference_year)
    };
    for &c in symbols {
        g *= symbol_guesses(c);
    }
    if symbols_first && !digits.is_empty() {
        g *= 2.0;
    }
    Some(g)
}

pub fn matches(pw: &[char], reference_year: i32, out: &mut Vec<Match>) {
    let n = pw.len();
    let is_deco = |c: &char| c.is_ascii_digit() || (c.is_ascii_punctuation() || *c == '€');
    let run = pw.iter().rev().take_while(|c| is_deco(c)).count();
    // Something must be decorated: a bare "31!" is just a short password.
    for i in n.saturating_sub(run).max(1)..n {
        if let Some(g) = guesses(&pw[i..], reference_year) {
            out.push(Match {
                i,
                j: n - 1,
                guesses_log10: g.log10(),
                pattern: Pattern::Decoration,
            });
        }
    }
}
