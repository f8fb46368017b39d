//! Years (1900–2099) and dates written the French way: jj/mm/aaaa, jjmmaaaa,
//! jjmmaa, jj-mm-aa, jj.mm.aaaa… (month-first and year-first are accepted too:
//! the guesses only depend on the year).

use super::{year_space, Match, Pattern};

/// (day-month, year) split points for separator-less digit runs, as in zxcvbn.
const SPLITS: [&[(usize, usize)]; 5] = [
    &[(1, 2), (2, 3)],                 // 4 digits: d|m|yy, yy|m|d
    &[(1, 3), (2, 3)],                 // 5
    &[(1, 2), (2, 4), (4, 5)],         // 6
    &[(1, 3), (2, 3), (4, 5), (4, 6)], // 7
    &[(2, 4), (4, 6)],                 // 8
];

fn num(d: &[char]) -> Option<i32> {
    if d.is_empty() || d.len() > 4 {
        return None;
    }
    let mut v = 0i32;
    for c in d {
        v = v * 10 + c.to_digit(10)? as i32;
    }
    Some(v)
}

fn two_digit_year(y: i32, len: usize) -> i32 {
    match (len, y) {
        (4, _) => y,
        (_, 0..=50) => 2000 + y,
        (_, 51..=99) => 1900 + y,
        _ => y,
    }
}

fn day_month(a: i32, b: i32) -> bool {
    ((1..=31).contains(&a) && (1..=12).contains(&b))
        || ((1..=12).contains(&a) && (1..=31).contains(&b))
}

/// The year of a (p1, p2, p3) split if it reads as a date, year last or first.
fn as_date(parts: [&[char]; 3]) -> Option<i32> {
    let [a, b, c] = parts;
    let (na, nb, nc) = (num(a)?, num(b)?, num(c)?);
    let ok_year = |y: i32, len: usize| {
        let y = two_digit_year(y, len);
        ((1900..=2099).contains(&y) && (len == 2 || len == 4)).then_some(y)
    };
    if let Some(y) = ok_year(nc, c.len()) {
        if day_month(na, nb) && a.len() <= 2 && b.len() <= 2 {
            return Some(y);
        }
    }
    if let Some(y) = ok_year(na, a.len()) {
        if day_month(nb, nc) && b.len() <= 2 && c.len() <= 2 {
            return Some(y);
        }
    }
    None
}

pub fn matches(pw: &[char], reference_year: i32, out: &mut Vec<Match>) {
    let n = pw.len();
    // A separator multiplies the guesses by the four usual ones (/ - . space).
    let sep_date_guesses = |y: i32| (year_space(y, reference_year) * 365.0 * 4.0).log10();
    for i in 0..n {
        // Years alone.
        if i + 4 <= n {
            if let Some(y) = num(&pw[i..i + 4]).filter(|y| (1900..=2099).contains(y)) {
                if pw[i..i + 4].iter().all(char::is_ascii_digit) {
                    out.push(Match {
                        i,
                        j: i + 3,
                        guesses_log10: year_space(y, reference_year).log10(),
                        pattern: Pattern::Year,
                    });
                }
            }
        }
        // Digits only, 4 to 8 long.
        for len in 4..=8 {
            if i + len > n {
                break;
            }
            let s = &pw[i..i + len];
            if !s.iter().all(char::is_ascii_digit) {
                break;
            }
            let best = SPLITS[len - 4]
                .iter()
                .filter_map(|&(k, l)| as_date([&s[..k], &s[k..l], &s[l..]]))
                .map(|y| year_space(y, reference_year))
                .fold(f64::INFINITY, f64::min);
            if best.is_finite() {
                out.push(Match {
                    i,
                    j: i + len - 1,
                    guesses_log10: (best * 365.0).log10(),
                    pattern: Pattern::Date,
                });
            }
        }
        // With the same separator twice: 1–4 digits, sep, 1–2 digits, sep, 1–4 digits.
        for len in 6..=10 {
            if i + len > n {
                break;
            }
            let s = &pw[i..i + len];
            let seps: Vec<usize> = (0..len).filter(|&k| !s[k].is_ascii_digit()).collect();
            let [p, q] = seps[..] else { continue };
            if s[p] != s[q] || !matches!(s[p], ' ' | '/' | '\\' | '_' | '.' | '-') {
                continue;
            }
            if let Some(y) = as_date([&s[..p], &s[p + 1..q], &s[q + 1..]]) {
                out.push(Match {
                    i,
                    j: i + len - 1,
                    guesses_log10: sep_date_guesses(y),
                    pattern: Pattern::Date,
                });
            }
        }
    }
}
