//! Warning and suggestion message keys (the app's catalogue holds the French
//! and English texts), chosen from the decomposition as zxcvbn does.

use crate::dict::Kind;
use crate::matching::{Match, Pattern, Upper};

pub const ALL_KEYS: &[&str] = &[
    W_COMMON_PASSWORD,
    W_COMMON_WORD,
    W_NAME,
    W_USER_DATA,
    W_KEYBOARD_WALK,
    W_REPEAT,
    W_SEQUENCE,
    W_DATE,
    S_PASSPHRASE,
    S_LONGER,
    S_CAPITALIZATION,
    S_ALL_UPPERCASE,
    S_REVERSED,
    S_L33T,
    S_KEYBOARD,
    S_REPEAT,
    S_SEQUENCE,
    S_DATES,
    S_DECORATION,
    S_USER_DATA,
];

pub const W_COMMON_PASSWORD: &str = "strength.warning.common_password";
pub const W_COMMON_WORD: &str = "strength.warning.common_word";
pub const W_NAME: &str = "strength.warning.name";
pub const W_USER_DATA: &str = "strength.warning.user_data";
pub const W_KEYBOARD_WALK: &str = "strength.warning.keyboard_walk";
pub const W_REPEAT: &str = "strength.warning.repeat";
pub const W_SEQUENCE: &str = "strength.warning.sequence";
pub const W_DATE: &str = "strength.warning.date";

pub const S_PASSPHRASE: &str = "strength.suggestion.passphrase";
pub const S_LONGER: &str = "strength.suggestion.longer";
pub const S_CAPITALIZATION: &str = "strength.suggestion.capitalization";
pub const S_ALL_UPPERCASE: &str = "strength.suggestion.all_uppercase";
pub const S_REVERSED: &str = "strength.suggestion.reversed";
pub const S_L33T: &str = "strength.suggestion.l33t";
pub const S_KEYBOARD: &str = "strength.suggestion.keyboard";
pub const S_REPEAT: &str = "strength.suggestion.repeat";
pub const S_SEQUENCE: &str = "strength.suggestion.sequence";
pub const S_DATES: &str = "strength.suggestion.dates";
pub const S_DECORATION: &str = "strength.suggestion.decoration";
pub const S_USER_DATA: &str = "strength.suggestion.user_data";

pub fn feedback(
    score: u8,
    empty: bool,
    sequence: &[Match],
) -> (Option<&'static str>, Vec<&'static str>) {
    if empty {
        return (None, vec![S_PASSPHRASE, S_LONGER]);
    }
    if score > 2 {
        return (None, Vec::new());
    }
    let mut suggestions = Vec::new();
    let mut add = |s: &'static str| {
        if !suggestions.contains(&s) {
            suggestions.push(s);
        }
    };
    // Personal data is the most useful thing to point out; otherwise the
    // longest guessable pattern speaks.
    let user = sequence.iter().find(|m| {
        matches!(
            m.pattern,
            Pattern::Dictionary {
                kind: Kind::UserInputs,
                ..
            }
        )
    });
    let main = user.or_else(|| {
        sequence
            .iter()
            .filter(|m| !matches!(m.pattern, Pattern::BruteForce | Pattern::Decoration))
            .max_by_key(|m| m.j - m.i)
    });
    let warning = main.map(|m| match &m.pattern {
        Pattern::Dictionary { kind, rank, .. } => match kind {
            Kind::Passwords => W_COMMON_PASSWORD,
            Kind::UserInputs => W_USER_DATA,
            Kind::Names => W_NAME,
            // A word that leaked as a password is worse than a plain word.
            _ if *rank <= 100 && sequence.len() == 1 => W_COMMON_PASSWORD,
            _ => W_COMMON_WORD,
        },
        Pattern::Spatial { .. } => W_KEYBOARD_WALK,
        Pattern::Repeat => W_REPEAT,
        Pattern::Sequence => W_SEQUENCE,
        Pattern::Year | Pattern::Date => W_DATE,
        Pattern::Decoration | Pattern::BruteForce => W_COMMON_WORD,
    });
    for m in sequence {
        match &m.pattern {
            Pattern::Dictionary {
                kind,
                reversed,
                l33t,
                upper,
                ..
            } => {
                if *kind == Kind::UserInputs {
                    add(S_USER_DATA);
                }
                match upper {
                    Upper::First => add(S_CAPITALIZATION),
                    Upper::All => add(S_ALL_UPPERCASE),
                    Upper::None | Upper::Mixed => {}
                }
                if *reversed {
                    add(S_REVERSED);
                }
                if *l33t {
                    add(S_L33T);
                }
            }
            Pattern::Spatial { .. } => add(S_KEYBOARD),
            Pattern::Repeat => add(S_REPEAT),
            Pattern::Sequence => add(S_SEQUENCE),
            Pattern::Year | Pattern::Date => add(S_DATES),
            Pattern::Decoration => add(S_DECORATION),
            Pattern::BruteForce => {}
        }
    }
    add(S_PASSPHRASE);
    add(S_LONGER);
    (warning, suggestions)
}
