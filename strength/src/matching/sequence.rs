//! Runs with a constant step: "abcd", "9876", "acegi".

use super::{Match, Pattern};

const MAX_DELTA: i64 = 5;

fn class(c: char) -> u8 {
    match c {
        'a'..='z' => 1,
        'A'..='Z' => 2,
        '0'..='9' => 3,
        _ => 0,
    }
}

pub fn matches(pw: &[char], out: &mut Vec<Match>) {
    let n = pw.len();
    let mut i = 0;
    while i + 2 < n {
        let delta = i64::from(u32::from(pw[i + 1])) - i64::from(u32::from(pw[i]));
        let cls = class(pw[i]);
        let ok_step = |a: char, b: char| {
            i64::from(u32::from(b)) - i64::from(u32::from(a)) == delta && class(b) == cls
        };
        if delta == 0 || delta.abs() > MAX_DELTA || cls == 0 || !ok_step(pw[i], pw[i + 1]) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j + 1 < n && ok_step(pw[j], pw[j + 1]) {
            j += 1;
        }
        if j - i >= 2 {
            // Obvious starts ("a", "1", "z"…) are the first tried.
            let base: f64 = match pw[i] {
                'a' | 'A' | 'z' | 'Z' | '0' | '1' | '9' => 4.0,
                c if c.is_ascii_digit() => 10.0,
                _ => 26.0,
            };
            let dir = if delta > 0 { 1.0 } else { 2.0 };
            let len = (j - i + 1) as f64;
            out.push(Match {
                i,
                j,
                guesses_log10: (base * dir * len).log10(),
                pattern: Pattern::Sequence,
            });
        }
        // The last character may start the next run ("abcdfhj").
        i = j;
    }
}
