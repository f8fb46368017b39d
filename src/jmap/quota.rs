//! Mailbox quota, from Cyrus's `https://cyrusimap.org/ns/jmap/quota`
//! (`{id:"mail", used, total}` in bytes). RFC 9425 servers map to the same.

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
pub struct Quota {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub used: u64,
    #[serde(default)]
    pub total: u64,
}

impl Quota {
    /// Percentage used (0–100, rounded down), None when unlimited.
    pub fn percent(&self) -> Option<u64> {
        (self.total > 0).then(|| (self.used.saturating_mul(100) / self.total).min(100))
    }

    /// Above 90 %, the user is warned.
    pub fn nearly_full(&self) -> bool {
        self.percent().is_some_and(|p| p >= 90)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jmap::request::Call;
    use crate::jmap::response::{GetResponse, Response};

    #[test]
    fn recorded_quota_and_levels() {
        let r = Response::parse(include_str!("fixtures/quota_get.json")).unwrap();
        let q: GetResponse<Quota> = r
            .get(&Call {
                id: "c0".into(),
                method: "Quota/get".into(),
            })
            .unwrap();
        assert_eq!(q.list[0].total, 200 * 1024 * 1024);
        let at = |used, total| Quota {
            id: "mail".into(),
            used,
            total,
        };
        assert_eq!(at(50, 200).percent(), Some(25));
        assert!(!at(179, 200).nearly_full());
        assert!(at(180, 200).nearly_full());
        assert_eq!(at(500, 200).percent(), Some(100));
        assert_eq!(at(5, 0).percent(), None);
        assert!(!at(5, 0).nearly_full());
    }
}
