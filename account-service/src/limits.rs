//! Rate limits (fixed windows per key) and lockout after repeated failures.
//! Time is passed in (`now`, seconds on a monotonic clock) so tests drive it.

use std::collections::HashMap;

use serde::Deserialize;

/// Keys kept per table before expired ones are purged (and, past twice that,
/// the oldest dropped): memory stays bounded whatever clients send.
const MAX_KEYS: usize = 50_000;

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RateConfig {
    /// Requests allowed per window; 0 disables the limit.
    pub max: u32,
    pub window_seconds: u64,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LockoutConfig {
    /// Failures within `windowSeconds` that lock the account; 0 disables lockout.
    pub max_failures: u32,
    pub window_seconds: u64,
    pub lock_seconds: u64,
}

#[derive(Debug)]
pub struct RateLimiter {
    cfg: RateConfig,
    windows: HashMap<String, (u64, u32)>,
}

impl RateLimiter {
    pub fn new(cfg: RateConfig) -> Self {
        RateLimiter {
            cfg,
            windows: HashMap::new(),
        }
    }

    /// Counts one request for `key`; `Err(retry_after_seconds)` when over the limit.
    pub fn hit(&mut self, key: &str, now: u64) -> Result<(), u64> {
        if self.cfg.max == 0 {
            return Ok(());
        }
        let window = self.cfg.window_seconds.max(1);
        if self.windows.len() >= MAX_KEYS && !self.windows.contains_key(key) {
            self.windows
                .retain(|_, (start, _)| now < start.saturating_add(window));
            if self.windows.len() >= 2 * MAX_KEYS {
                // still full of live windows: refuse the newcomer rather than
                // forget the ones being counted
                return Err(window);
            }
        }
        let entry = self.windows.entry(key.to_string()).or_insert((now, 0));
        if now >= entry.0.saturating_add(window) {
            *entry = (now, 0);
        }
        if entry.1 >= self.cfg.max {
            return Err(entry.0.saturating_add(window).saturating_sub(now).max(1));
        }
        entry.1 += 1;
        Ok(())
    }
}

#[derive(Debug, Clone, Copy)]
struct Failures {
    first: u64,
    count: u32,
    locked_until: u64,
}

#[derive(Debug)]
pub struct Lockout {
    cfg: LockoutConfig,
    accounts: HashMap<String, Failures>,
}

impl Lockout {
    pub fn new(cfg: LockoutConfig) -> Self {
        Lockout {
            cfg,
            accounts: HashMap::new(),
        }
    }

    /// `Err(retry_after_seconds)` while the account is locked.
    pub fn check(&self, key: &str, now: u64) -> Result<(), u64> {
        match self.accounts.get(key) {
            Some(f) if f.locked_until > now => Err(f.locked_until - now),
            _ => Ok(()),
        }
    }

    /// Records a failure; returns the lock delay when this failure locks the account.
    pub fn failure(&mut self, key: &str, now: u64) -> Option<u64> {
        if self.cfg.max_failures == 0 {
            return None;
        }
        if self.accounts.len() >= MAX_KEYS && !self.accounts.contains_key(key) {
            let window = self.cfg.window_seconds;
            self.accounts
                .retain(|_, f| f.locked_until > now || now < f.first.saturating_add(window));
            if self.accounts.len() >= 2 * MAX_KEYS {
                // keep every running lock; drop only unlocked failure counts
                self.accounts.retain(|_, f| f.locked_until > now);
            }
        }
        let f = self.accounts.entry(key.to_string()).or_insert(Failures {
            first: now,
            count: 0,
            locked_until: 0,
        });
        if f.locked_until > now {
            return Some(f.locked_until - now);
        }
        if now >= f.first.saturating_add(self.cfg.window_seconds) {
            *f = Failures {
                first: now,
                count: 0,
                locked_until: 0,
            };
        }
        f.count += 1;
        if f.count >= self.cfg.max_failures {
            f.locked_until = now.saturating_add(self.cfg.lock_seconds);
            f.count = 0;
            f.first = now;
            return Some(self.cfg.lock_seconds);
        }
        None
    }

    /// A success forgets earlier failures (not a running lock: `check` comes first).
    pub fn success(&mut self, key: &str) {
        self.accounts.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_window() {
        let mut r = RateLimiter::new(RateConfig {
            max: 3,
            window_seconds: 60,
        });
        assert_eq!(r.hit("a", 100), Ok(()));
        assert_eq!(r.hit("a", 110), Ok(()));
        assert_eq!(r.hit("a", 120), Ok(()));
        assert_eq!(r.hit("a", 130), Err(30));
        assert_eq!(r.hit("b", 130), Ok(()), "keys are independent");
        assert_eq!(r.hit("a", 159), Err(1));
        assert_eq!(r.hit("a", 160), Ok(()), "new window");
    }

    #[test]
    fn disabled() {
        let mut r = RateLimiter::new(RateConfig {
            max: 0,
            window_seconds: 60,
        });
        for t in 0..1000 {
            assert!(r.hit("a", t / 100).is_ok());
        }
        let mut l = Lockout::new(LockoutConfig {
            max_failures: 0,
            window_seconds: 60,
            lock_seconds: 60,
        });
        for t in 0..100 {
            assert_eq!(l.failure("a", t), None);
        }
        assert!(l.check("a", 100).is_ok());
    }

    #[test]
    fn lockout_after_failures_in_window() {
        let mut l = Lockout::new(LockoutConfig {
            max_failures: 5,
            window_seconds: 900,
            lock_seconds: 900,
        });
        for t in 0..4 {
            assert_eq!(l.failure("x", 1000 + t), None);
            assert!(l.check("x", 1000 + t).is_ok());
        }
        assert_eq!(l.failure("x", 1010), Some(900));
        assert_eq!(l.check("x", 1010), Err(900));
        assert_eq!(l.check("x", 1500), Err(410));
        assert_eq!(
            l.failure("x", 1500),
            Some(410),
            "failures while locked do not extend it"
        );
        assert!(l.check("x", 1910).is_ok(), "unlocked after lockSeconds");
        assert!(l.check("y", 1010).is_ok(), "other accounts unaffected");
        assert_eq!(l.failure("x", 1911), None, "counter starts again");
    }

    #[test]
    fn failures_outside_window_expire_and_success_resets() {
        let mut l = Lockout::new(LockoutConfig {
            max_failures: 3,
            window_seconds: 100,
            lock_seconds: 50,
        });
        assert_eq!(l.failure("x", 0), None);
        assert_eq!(l.failure("x", 50), None);
        assert_eq!(l.failure("x", 120), None, "window restarted at 120");
        assert_eq!(l.failure("x", 130), None);
        l.success("x");
        assert_eq!(l.failure("x", 140), None);
        assert_eq!(l.failure("x", 141), None);
        assert_eq!(l.failure("x", 142), Some(50));
    }
}
