//! Autan's password strength estimator: zxcvbn's model (pattern matching, then
//! the cheapest decomposition by dynamic programming) with French data, AZERTY
//! walks, French date formats and user inputs. Runs in a web worker (wasm.rs).

// A panic kills the whole app (or worker, or request): outside tests, data
// from the network or the user is never unwrapped (clippy enforces it).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod dict;
mod feedback;
mod fold;
mod hash;
mod matching;
mod scoring;
#[cfg(target_arch = "wasm32")]
mod wasm;

use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::OnceLock;

pub use dict::{Data, DataError};
pub use feedback::ALL_KEYS;

/// Characters analysed; beyond, each character adds brute-force guesses only.
/// Keeps the worst keystroke well inside a frame (the DP is cubic in n).
pub const MAX_ANALYSED: usize = 100;

/// Year used when the caller has not said (the worker passes the current one).
pub const DEFAULT_REFERENCE_YEAR: i32 = 2026;

#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    pub guesses_log10: f64,
    pub score: u8,
    pub percent: u8,
    pub warning: Option<&'static str>,
    pub suggestions: Vec<&'static str>,
}

static DATA: OnceLock<Data> = OnceLock::new();
static REFERENCE_YEAR: AtomicI32 = AtomicI32::new(DEFAULT_REFERENCE_YEAR);

/// Loads the data file once; later calls are ignored.
pub fn init(text: &str) -> Result<(), DataError> {
    if DATA.get().is_none() {
        let data = Data::parse(text)?;
        let _ = DATA.set(data);
    }
    Ok(())
}

pub fn is_initialised() -> bool {
    DATA.get().is_some()
}

pub fn set_reference_year(year: i32) {
    REFERENCE_YEAR.store(year, Ordering::Relaxed);
}

/// Estimates with the data loaded by `init` (without it, only the structural
/// matchers run: still safe, just more generous).
pub fn estimate(password: &str, user_inputs: &[&str]) -> Estimate {
    static EMPTY: OnceLock<Data> = OnceLock::new();
    let data = DATA
        .get()
        .unwrap_or_else(|| EMPTY.get_or_init(Data::default));
    estimate_with(
        data,
        password,
        user_inputs,
        REFERENCE_YEAR.load(Ordering::Relaxed),
    )
}

pub fn estimate_with(
    data: &Data,
    password: &str,
    user_inputs: &[&str],
    reference_year: i32,
) -> Estimate {
    let all: Vec<char> = password.chars().collect();
    let (pw, extra) = all.split_at(all.len().min(MAX_ANALYSED));
    let user = matching::user_dictionary(user_inputs);
    let cx = matching::Context {
        pw,
        data,
        user: &user,
        reference_year,
    };
    let matches = matching::omnimatch(&cx, 0);
    let dec = scoring::most_guessable(&cx, &matches);
    let guesses_log10 = dec.guesses_log10 + extra.len() as f64;
    let score = scoring::score(guesses_log10);
    let (warning, suggestions) = feedback::feedback(score, pw.is_empty(), &dec.sequence);
    Estimate {
        guesses_log10,
        score,
        percent: scoring::percent(guesses_log10),
        warning,
        suggestions,
    }
}

#[cfg(test)]
mod tests;
