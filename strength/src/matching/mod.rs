//! Pattern matchers. Each returns every candidate `Match` over the password's
//! characters (indices are char positions, inclusive); scoring.rs then picks
//! the cheapest covering sequence.

mod date;
mod decoration;
mod dictionary;
mod repeat;
mod sequence;
mod spatial;

use crate::dict::{Data, GraphName, Kind};
use crate::hash::FxMap;

pub use dictionary::user_dictionary;

#[derive(Clone, Debug, PartialEq)]
pub enum Pattern {
    Dictionary {
        kind: Kind,
        rank: u32,
        reversed: bool,
        l33t: bool,
        upper: Upper,
    },
    Spatial {
        graph: GraphName,
        turns: usize,
    },
    Repeat,
    Sequence,
    Year,
    Date,
    /// Digits and/or symbols appended to the end ("…31!"), see decoration.rs.
    Decoration,
    BruteForce,
}

/// How the letters of a dictionary match are capitalised (feedback only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Upper {
    None,
    First,
    All,
    Mixed,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Match {
    pub i: usize,
    pub j: usize,
    pub guesses_log10: f64,
    pub pattern: Pattern,
}

pub struct Context<'a> {
    pub pw: &'a [char],
    pub data: &'a Data,
    pub user: &'a FxMap<String, u32>,
    pub reference_year: i32,
}

/// Every match of every matcher. `depth` limits the recursion of repeat.rs.
pub fn omnimatch(cx: &Context<'_>, depth: u8) -> Vec<Match> {
    let mut out = Vec::new();
    dictionary::matches(cx, &mut out);
    spatial::matches(cx, &mut out);
    repeat::matches(cx, depth, &mut out);
    sequence::matches(cx.pw, &mut out);
    date::matches(cx.pw, cx.reference_year, &mut out);
    decoration::matches(cx.pw, cx.reference_year, &mut out);
    out
}

/// log10 of the binomial coefficient C(n, k), exact enough for guesses.
pub fn log10_binom(n: usize, k: usize) -> f64 {
    if k > n {
        return f64::NEG_INFINITY;
    }
    let k = k.min(n - k);
    (0..k)
        .map(|i| ((n - i) as f64).log10() - ((i + 1) as f64).log10())
        .sum()
}

/// log10(10^a + 10^b) without overflow.
pub fn log10_add(a: f64, b: f64) -> f64 {
    let (hi, lo) = if a >= b { (a, b) } else { (b, a) };
    if lo == f64::NEG_INFINITY {
        return hi;
    }
    hi + (1.0 + 10f64.powf(lo - hi)).log10()
}

/// zxcvbn's variation count for `a` altered among `a + b` characters:
/// 2 if all or none are altered, else the sum of C(a+b, i) for i ≤ min(a, b).
pub fn log10_variations(altered: usize, unaltered: usize) -> f64 {
    if altered == 0 || unaltered == 0 {
        return 2f64.log10();
    }
    let mut total = f64::NEG_INFINITY;
    for i in 1..=altered.min(unaltered) {
        total = log10_add(total, log10_binom(altered + unaltered, i));
    }
    total
}

/// Years far from the reference year are less likely; 20 years at least.
pub fn year_space(year: i32, reference_year: i32) -> f64 {
    f64::from((year - reference_year).abs().max(20))
}
