//! zxcvbn's minimum-guess decomposition: the password is covered by a sequence
//! of matches (gaps are brute force) minimising  l! · Π guesses + D^(l-1),
//! where l is the sequence length. Everything is kept in log10.

use crate::matching::{log10_add, Context, Match, Pattern};

/// zxcvbn's MIN_GUESSES_BEFORE_GROWING_SEQUENCE (log10 of 10,000).
const LOG_D: f64 = 4.0;
/// Brute force: 10 guesses per character, as zxcvbn.
const LOG_BRUTE_PER_CHAR: f64 = 1.0;

pub struct Decomposition {
    pub guesses_log10: f64,
    pub sequence: Vec<Match>,
}

#[derive(Clone)]
struct State {
    /// Index into `candidates`.
    m: usize,
    /// log10 Π guesses of the sequence ending here.
    pi: f64,
    /// log10 of the objective.
    g: f64,
    /// Sequence length before this match (to walk back).
    prev_l: usize,
}

fn log10_factorial(l: usize) -> f64 {
    (2..=l).map(|k| (k as f64).log10()).sum()
}

fn brute(i: usize, j: usize) -> Match {
    let len = j - i + 1;
    let g = len as f64 * LOG_BRUTE_PER_CHAR;
    // zxcvbn adds one so that brute force never beats a matched pattern.
    let g = log10_add(g, 0.0);
    Match {
        i,
        j,
        guesses_log10: g,
        pattern: Pattern::BruteForce,
    }
}

/// Guesses for a match inside a longer password: tiny matches are floored
/// (zxcvbn's MIN_SUBMATCH_GUESSES), which stops "a"+"b"+… from being cheap.
fn adjusted(m: &Match, n: usize) -> f64 {
    let len = m.j - m.i + 1;
    // A decoration's guesses are its own rule count ("1" is tried second).
    if len == n || m.pattern == Pattern::Decoration {
        return m.guesses_log10.max(0.0);
    }
    let floor = if len == 1 { 1.0 } else { 50f64.log10() };
    m.guesses_log10.max(floor)
}

pub fn most_guessable(cx: &Context<'_>, matches: &[Match]) -> Decomposition {
    let n = cx.pw.len();
    if n == 0 {
        return Decomposition {
            guesses_log10: 0.0,
            sequence: Vec::new(),
        };
    }
    let mut candidates: Vec<Match> = matches.to_vec();
    let mut by_end: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, m) in candidates.iter().enumerate() {
        if m.i <= m.j && m.j < n {
            by_end[m.j].push(k);
        }
    }
    // optimal[k][l]: best sequence of l matches covering 0..=k.
    let mut optimal: Vec<Vec<Option<State>>> = vec![vec![None; n + 1]; n];

    let update = |optimal: &mut Vec<Vec<Option<State>>>,
                  candidates: &[Match],
                  mi: usize,
                  l: usize,
                  prev_l: usize,
                  prev_pi: f64| {
        let m = &candidates[mi];
        let pi = prev_pi + adjusted(m, n);
        let mut g = log10_factorial(l) + pi;
        if l > 0 {
            g = log10_add(g, LOG_D * (l as f64 - 1.0));
        }
        let k = m.j;
        // A shorter-or-equal sequence already doing at least as well wins.
        if optimal[k][..=l].iter().flatten().any(|s| s.g <= g) {
            return;
        }
        optimal[k][l] = Some(State {
            m: mi,
            pi,
            g,
            prev_l,
        });
    };

    for (k, ends) in by_end.iter().enumerate() {
        for &mi in ends {
            let (i, decoration) = (
                candidates[mi].i,
                candidates[mi].pattern == Pattern::Decoration,
            );
            if i == 0 {
                if !decoration {
                    update(&mut optimal, &candidates, mi, 1, 0, 0.0);
                }
                continue;
            }
            for l in 1..=n {
                let Some(prev) = optimal[i - 1][l].clone() else {
                    continue;
                };
                // A suffix decoration rides on the word before it: same l.
                let new_l = if decoration { l } else { l + 1 };
                if new_l <= n {
                    update(&mut optimal, &candidates, mi, new_l, l, prev.pi);
                }
            }
        }
        // Brute force from the start, or after a non-brute-force match.
        candidates.push(brute(0, k));
        let bi = candidates.len() - 1;
        update(&mut optimal, &candidates, bi, 1, 0, 0.0);
        for i in 1..=k {
            let mut pushed = None;
            for l in 1..n {
                let Some(prev) = optimal[i - 1][l].clone() else {
                    continue;
                };
                if candidates[prev.m].pattern == Pattern::BruteForce {
                    continue;
                }
                let bi = *pushed.get_or_insert_with(|| {
                    candidates.push(brute(i, k));
                    candidates.len() - 1
                });
                update(&mut optimal, &candidates, bi, l + 1, l, prev.pi);
            }
        }
    }

    // Best final state, then walk back.
    let mut best: Option<(usize, f64)> = None;
    for (l, s) in optimal[n - 1].iter().enumerate() {
        if let Some(s) = s {
            if best.is_none_or(|(_, g)| s.g < g) {
                best = Some((l, s.g));
            }
        }
    }
    let Some((mut l, g)) = best else {
        return Decomposition {
            guesses_log10: n as f64,
            sequence: Vec::new(),
        };
    };
    let mut sequence = Vec::new();
    let mut k = n - 1;
    while let Some(s) = optimal[k].get(l).and_then(Option::as_ref) {
        let m = candidates[s.m].clone();
        let i = m.i;
        l = s.prev_l;
        sequence.push(m);
        if i == 0 {
            break;
        }
        k = i - 1;
    }
    sequence.reverse();
    Decomposition {
        guesses_log10: g,
        sequence,
    }
}

/// zxcvbn's score thresholds: 10^3, 10^6, 10^8, 10^10 guesses.
pub fn score(guesses_log10: f64) -> u8 {
    match guesses_log10 {
        g if g < 3.0 => 0,
        g if g < 6.0 => 1,
        g if g < 8.0 => 2,
        g if g < 10.0 => 3,
        _ => 4,
    }
}

/// A meter position that is piecewise linear in log10(guesses), with the score
/// boundaries at 20/40/60/80 %, so the bar and the level name always agree.
pub fn percent(guesses_log10: f64) -> u8 {
    const POINTS: [(f64, f64); 6] = [
        (0.0, 0.0),
        (3.0, 20.0),
        (6.0, 40.0),
        (8.0, 60.0),
        (10.0, 80.0),
        (14.0, 100.0),
    ];
    let g = if guesses_log10.is_nan() {
        0.0
    } else {
        guesses_log10.clamp(0.0, 14.0)
    };
    for w in POINTS.windows(2) {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        if g <= x1 {
            return (y0 + (g - x0) / (x1 - x0) * (y1 - y0)).floor() as u8;
        }
    }
    100
}
