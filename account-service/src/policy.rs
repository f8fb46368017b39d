//! The password policy, enforced here (the web app only mirrors it).

use serde::{Deserialize, Serialize};

/// Hard upper bound, whatever the configuration says (`too_long`).
pub const MAX_LENGTH: usize = 128;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Policy {
    pub min_length: usize,
    pub lower: bool,
    pub upper: bool,
    pub digit: bool,
    pub special: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            min_length: 12,
            lower: true,
            upper: true,
            digit: true,
            special: true,
        }
    }
}

/// What is known about the account when checking a new password.
#[derive(Debug, Default, Clone, Copy)]
pub struct Context<'a> {
    pub numen: Option<&'a str>,
    pub current: Option<&'a str>,
}

/// A NUMEN or agent number as typed, for comparisons: no spaces or hyphens,
/// upper case (the reset check and the `same_as_numen` rule agree).
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

impl Policy {
    /// The unmet rules, in a stable order; empty when the password is acceptable.
    /// Length is counted in Unicode characters; `special` is any character that
    /// is neither a letter nor a digit (spaces included).
    pub fn check(&self, password: &str, ctx: Context<'_>) -> Vec<&'static str> {
        let mut unmet = Vec::new();
        let len = password.chars().count();
        if len < self.min_length {
            unmet.push("min_length");
        }
        if len > MAX_LENGTH {
            unmet.push("too_long");
        }
        if self.lower && !password.chars().any(char::is_lowercase) {
            unmet.push("lower");
        }
        if self.upper && !password.chars().any(char::is_uppercase) {
            unmet.push("upper");
        }
        if self.digit && !password.chars().any(|c| c.is_ascii_digit()) {
            unmet.push("digit");
        }
        if self.special && !password.chars().any(|c| !c.is_alphanumeric()) {
            unmet.push("special");
        }
        if let Some(numen) = ctx.numen {
            let n = squash(numen);
            if !n.is_empty() && squash(password) == n {
                unmet.push("same_as_numen");
            }
        }
        if let Some(current) = ctx.current {
            if current == password {
                unmet.push("same_as_current");
            }
        }
        unmet
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> Policy {
        Policy::default()
    }

    #[test]
    fn table() {
        let none = Context::default();
        let cases: &[(&str, &[&str])] = &[
            ("Abcdef1!ghij", &[]),
            ("abc", &["min_length", "upper", "digit", "special"]),
            ("ABCDEFGHIJK1!", &["lower"]),
            ("abcdefghijk1!", &["upper"]),
            ("Abcdefghijk!!", &["digit"]),
            ("Abcdefghijk12", &["special"]),
            ("Éléphant rose 1", &[]),
            ("", &["min_length", "lower", "upper", "digit", "special"]),
        ];
        for (pw, want) in cases {
            assert_eq!(p().check(pw, none), want.to_vec(), "{pw}");
        }
        let long = format!("Aa1!{}", "x".repeat(125));
        assert_eq!(p().check(&long, none), vec!["too_long"]);
        let ok = format!("Aa1!{}", "x".repeat(124));
        assert!(p().check(&ok, none).is_empty());
    }

    #[test]
    fn context_rules() {
        let ctx = Context {
            numen: Some("85E1234567FDU"),
            current: Some("Ancien-mot2passe"),
        };
        let lax = Policy {
            min_length: 8,
            lower: false,
            upper: false,
            digit: false,
            special: false,
        };
        assert_eq!(lax.check("85e1234567fdu", ctx), vec!["same_as_numen"]);
        assert_eq!(lax.check("85E 1234567 FDU", ctx), vec!["same_as_numen"]);
        assert_eq!(lax.check("Ancien-mot2passe", ctx), vec!["same_as_current"]);
        assert!(lax.check("autre chose", ctx).is_empty());
    }

    #[test]
    fn relaxed_policy() {
        let lax = Policy {
            min_length: 4,
            lower: false,
            upper: false,
            digit: false,
            special: false,
        };
        assert!(lax.check("abcd", Context::default()).is_empty());
        assert_eq!(lax.check("abc", Context::default()), vec!["min_length"]);
    }
}
