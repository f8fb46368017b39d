//! Keyboard walks on AZERTY (first), QWERTY and the numeric keypad:
//! "azertyuiop", "wxcvbn", the AZERTY number row "&é\"'(-è_çà".

use super::{log10_add, log10_binom, log10_variations, Context, Match, Pattern};
use crate::dict::Graph;

pub fn matches(cx: &Context<'_>, out: &mut Vec<Match>) {
    for g in &cx.data.graphs {
        walk(g, cx.pw, out);
    }
}

fn walk(g: &Graph, pw: &[char], out: &mut Vec<Match>) {
    let n = pw.len();
    let mut i = 0;
    while i + 2 < n {
        let mut j = i;
        let mut last_slot: Option<u8> = None;
        let mut turns = 0usize;
        let mut shifted = usize::from(g.shifted.contains_key(&pw[i]));
        while j + 1 < n {
            let Some(step) = next_key(g, pw[j], pw[j + 1], last_slot) else {
                break;
            };
            if Some(step.0) != last_slot {
                turns += 1;
                last_slot = Some(step.0);
            }
            if step.1 {
                shifted += 1;
            }
            j += 1;
        }
        let len = j - i + 1;
        if len >= 3 {
            out.push(Match {
                i,
                j,
                guesses_log10: guesses(g, len, turns, shifted),
                pattern: Pattern::Spatial {
                    graph: g.name,
                    turns,
                },
            });
        }
        i = if len >= 3 { j + 1 } else { i + 1 };
    }
}

/// The slot of the key holding `cur` next to `prev`, and whether `cur` is
/// typed with Shift; the current direction is preferred so turns are few.
fn next_key(g: &Graph, prev: char, cur: char, last: Option<u8>) -> Option<(u8, bool)> {
    let list = g.adjacency.get(&prev)?;
    let mut found = None;
    for (slot, token) in list {
        if let Some(pos) = token.chars().position(|c| c == cur) {
            let hit = (*slot, pos > 0);
            if Some(*slot) == last {
                return Some(hit);
            }
            found = found.or(Some(hit));
        }
    }
    found
}

/// zxcvbn's count: every walk of length ≤ `len` with ≤ `turns` turns from any
/// key, times the ways to place the shifted characters.
fn guesses(g: &Graph, len: usize, turns: usize, shifted: usize) -> f64 {
    let s = g.keys.max(1.0).log10();
    let d = g.avg_degree.max(1.0).log10();
    let mut total = f64::NEG_INFINITY;
    for i in 2..=len {
        for t in 1..=turns.min(i - 1) {
            total = log10_add(total, log10_binom(i - 1, t - 1) + s + d * t as f64);
        }
    }
    if shifted > 0 {
        total += log10_variations(shifted, len - shifted.min(len));
    }
    total
}
