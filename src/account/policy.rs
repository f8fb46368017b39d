//! The académie's password policy (config.json `passwordPolicy`), checked
//! live, rule by rule, as the person types. The service checks it again.

use crate::config::PasswordPolicy;

/// One rule of the checklist: its catalogue key and whether it is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub key: &'static str,
    pub met: bool,
}

/// The rules the policy imposes, in the order they are shown.
pub fn rules(policy: &PasswordPolicy, password: &str) -> Vec<Rule> {
    let has = |f: fn(char) -> bool| password.chars().any(f);
    let mut out = vec![Rule {
        key: "policy.min_length",
        met: password.chars().count() >= policy.min_length as usize,
    }];
    let optional = [
        (policy.lower, "policy.lower", has(char::is_lowercase)),
        (policy.upper, "policy.upper", has(char::is_uppercase)),
        (policy.digit, "policy.digit", has(|c| c.is_ascii_digit())),
        (
            policy.special,
            "policy.special",
            has(|c| !c.is_alphanumeric()),
        ),
    ];
    out.extend(
        optional
            .into_iter()
            .filter(|(wanted, ..)| *wanted)
            .map(|(_, key, met)| Rule { key, met }),
    );
    out
}

/// Every imposed rule is met.
pub fn satisfied(policy: &PasswordPolicy, password: &str) -> bool {
    rules(policy, password).iter().all(|r| r.met)
}

/// The service's `unmet` codes as checklist keys (unknown codes are kept out:
/// the generic message covers them).
pub fn unmet_key(code: &str) -> Option<&'static str> {
    Some(match code {
        "min_length" => "policy.min_length",
        "lower" => "policy.lower",
        "upper" => "policy.upper",
        "digit" => "policy.digit",
        "special" => "policy.special",
        "too_long" => "policy.too_long",
        "same_as_numen" => "policy.same_as_numen",
        "same_as_current" => "policy.same_as_current",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn met(password: &str) -> Vec<bool> {
        rules(&PasswordPolicy::default(), password)
            .iter()
            .map(|r| r.met)
            .collect()
    }

    #[test]
    fn rules_tick_one_by_one() {
        assert_eq!(met(""), [false, false, false, false, false]);
        assert_eq!(met("é"), [false, true, false, false, false]);
        assert_eq!(met("éT"), [false, true, true, false, false]);
        assert_eq!(met("éT4"), [false, true, true, true, false]);
        assert_eq!(met("éT4!"), [false, true, true, true, true]);
        assert_eq!(met("éT4!abcd"), [true, true, true, true, true]);
        // lengths are characters, not bytes: « éééééééé » is 8
        assert!(met("éééééééé")[0]);
        assert!(satisfied(&PasswordPolicy::default(), "Toulouse31!"));
        assert!(!satisfied(&PasswordPolicy::default(), "toulouse31!"));
    }

    #[test]
    fn a_lighter_policy_shows_fewer_rules() {
        let p = PasswordPolicy {
            min_length: 12,
            lower: true,
            upper: false,
            digit: true,
            special: false,
        };
        let keys: Vec<_> = rules(&p, "x").iter().map(|r| r.key).collect();
        assert_eq!(keys, ["policy.min_length", "policy.lower", "policy.digit"]);
        assert_eq!(unmet_key("upper"), Some("policy.upper"));
        assert_eq!(unmet_key("whatever"), None);
    }
}
