//! How the app learns about changes: EventSource push where the server really
//! streams, polling of `*/changes` otherwise (Cyrus 3.6 answers the
//! eventSourceUrl with 204 and closes, and EventSource cannot carry the Basic
//! credentials used in development).

use super::url::expand;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncMode {
    Push,
    Poll,
}

/// The mode to try first. Push needs an advertised URL and cookie auth.
pub fn initial_mode(event_source_url: &str, cookie_auth: bool) -> SyncMode {
    if !event_source_url.is_empty() && cookie_auth {
        SyncMode::Push
    } else {
        SyncMode::Poll
    }
}

/// The EventSource URL for the types we care about (RFC 8620 §7.3).
pub fn event_source_url(template: &str, types: &[&str], ping_seconds: u32) -> String {
    let types = types.join(",");
    let ping = ping_seconds.to_string();
    // `types` holds commas, which must stay literal: expand it without encoding.
    expand(template, &[("closeafter", "no"), ("ping", &ping)]).replace("{types}", &types)
}

/// Delay before the next poll: the normal interval, or a short, growing one
/// while the server is unreachable so that recovery is noticed quickly.
pub fn next_poll_delay_ms(interval_s: u32, failures: u32) -> u32 {
    // Between 5 s and a day: more would overflow u32 milliseconds (and the
    // page's wait loop counting up to it).
    let interval_ms = interval_s.clamp(5, 86_400) * 1000;
    if failures == 0 {
        interval_ms
    } else {
        (2_000u32.saturating_mul(failures.min(5))).min(interval_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_only_with_url_and_cookies() {
        assert_eq!(initial_mode("/jmap/eventsource", true), SyncMode::Push);
        assert_eq!(initial_mode("/jmap/eventsource", false), SyncMode::Poll);
        assert_eq!(initial_mode("", true), SyncMode::Poll);
    }

    #[test]
    fn event_source_template() {
        let t = "/es?types={types}&closeafter={closeafter}&ping={ping}";
        assert_eq!(
            event_source_url(t, &["Email", "Mailbox"], 60),
            "/es?types=Email,Mailbox&closeafter=no&ping=60"
        );
    }

    #[test]
    fn backoff_is_short_while_down() {
        assert_eq!(next_poll_delay_ms(30, 0), 30_000);
        assert_eq!(next_poll_delay_ms(30, 1), 2_000);
        assert_eq!(next_poll_delay_ms(30, 3), 6_000);
        assert_eq!(next_poll_delay_ms(30, 100), 10_000);
        assert_eq!(next_poll_delay_ms(1, 0), 5_000);
    }
}
