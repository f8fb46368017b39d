//! Repeated blocks: "aaaa", "abcabc", "loulou". Guesses are the block's own
//! guesses (estimated recursively) times the number of copies.

use super::{omnimatch, Context, Match, Pattern};

/// Repeat inside repeat inside repeat is already absurdly cheap to guess.
const MAX_DEPTH: u8 = 2;

pub fn matches(cx: &Context<'_>, depth: u8, out: &mut Vec<Match>) {
    let pw = cx.pw;
    let n = pw.len();
    let mut i = 0;
    while i + 1 < n {
        // Longest coverage from i; the shortest block wins ties ("aaaa" is
        // "a"×4 rather than "aa"×2).
        let mut best: Option<(usize, usize)> = None; // (block length, copies)
        for b in 1..=(n - i) / 2 {
            let block = &pw[i..i + b];
            let mut copies = 1;
            while i + (copies + 1) * b <= n && &pw[i + copies * b..i + (copies + 1) * b] == block {
                copies += 1;
            }
            if copies >= 2 && best.is_none_or(|(bb, bc)| b * copies > bb * bc) {
                best = Some((b, copies));
            }
        }
        let Some((b, copies)) = best else {
            i += 1;
            continue;
        };
        let base = if depth < MAX_DEPTH {
            let sub = Context {
                pw: &pw[i..i + b],
                ..*cx
            };
            let ms = omnimatch(&sub, depth + 1);
            crate::scoring::most_guessable(&sub, &ms).guesses_log10
        } else {
            b as f64
        };
        out.push(Match {
            i,
            j: i + b * copies - 1,
            guesses_log10: base + (copies as f64).log10(),
            pattern: Pattern::Repeat,
        });
        i += b * copies;
    }
}
