//! A bounded map of short-lived, single-use entries (captchas, reset tokens):
//! entries expire, and when full the oldest is evicted.

use std::collections::{BTreeMap, HashMap};

#[derive(Debug)]
struct Slot<V> {
    seq: u64,
    expires: u64,
    value: V,
}

#[derive(Debug)]
pub struct ExpiringStore<V> {
    capacity: usize,
    ttl: u64,
    next_seq: u64,
    by_id: HashMap<String, Slot<V>>,
    order: BTreeMap<u64, String>,
}

impl<V> ExpiringStore<V> {
    pub fn new(capacity: usize, ttl_seconds: u64) -> Self {
        ExpiringStore {
            capacity: capacity.max(1),
            ttl: ttl_seconds,
            next_seq: 0,
            by_id: HashMap::new(),
            order: BTreeMap::new(),
        }
    }

    pub fn ttl(&self) -> u64 {
        self.ttl
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    fn purge(&mut self, now: u64) {
        while let Some((&seq, id)) = self.order.iter().next() {
            let expired = self.by_id.get(id).is_none_or(|s| s.expires <= now);
            if !expired {
                break;
            }
            let id = id.clone();
            self.order.remove(&seq);
            self.by_id.remove(&id);
        }
    }

    pub fn insert(&mut self, id: String, value: V, now: u64) {
        self.purge(now);
        while self.by_id.len() >= self.capacity {
            let Some((&seq, oldest)) = self.order.iter().next() else {
                break;
            };
            let oldest = oldest.clone();
            self.order.remove(&seq);
            self.by_id.remove(&oldest);
        }
        let seq = self.next_seq;
        self.next_seq += 1;
        if let Some(old) = self.by_id.insert(
            id.clone(),
            Slot {
                seq,
                expires: now.saturating_add(self.ttl),
                value,
            },
        ) {
            self.order.remove(&old.seq);
        }
        self.order.insert(seq, id);
    }

    /// Removes the entry and returns it when it exists and has not expired.
    pub fn take(&mut self, id: &str, now: u64) -> Option<V> {
        let slot = self.by_id.remove(id)?;
        self.order.remove(&slot.seq);
        (slot.expires > now).then_some(slot.value)
    }

    /// Puts back an entry taken by `take`, keeping its original expiry.
    pub fn restore(&mut self, id: String, value: V, expires_at: u64, now: u64) {
        if expires_at > now {
            self.insert(id.clone(), value, now);
            if let Some(s) = self.by_id.get_mut(&id) {
                s.expires = expires_at;
            }
        }
    }

    /// The entry's expiry time, without consuming it.
    pub fn expires_at(&self, id: &str) -> Option<u64> {
        self.by_id.get(id).map(|s| s.expires)
    }

    /// Reads without consuming (test hooks only).
    #[cfg(any(test, feature = "test-hooks"))]
    pub fn peek(&self, id: &str, now: u64) -> Option<&V> {
        self.by_id
            .get(id)
            .filter(|s| s.expires > now)
            .map(|s| &s.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_use_and_expiry() {
        let mut s = ExpiringStore::new(10, 600);
        s.insert("a".into(), 1, 0);
        s.insert("b".into(), 2, 0);
        assert_eq!(s.peek("a", 10), Some(&1));
        assert_eq!(s.take("a", 10), Some(1));
        assert_eq!(s.take("a", 10), None, "single use");
        assert_eq!(s.take("b", 600), None, "expired");
        assert_eq!(s.len(), 0);
    }

    #[test]
    fn bounded_evicts_oldest() {
        let mut s = ExpiringStore::new(3, 600);
        for (i, id) in ["a", "b", "c", "d"].iter().enumerate() {
            s.insert((*id).into(), i, i as u64);
        }
        assert_eq!(s.len(), 3);
        assert_eq!(s.take("a", 5), None);
        assert_eq!(s.take("d", 5), Some(3));
        // Expired entries are purged first.
        s.insert("e".into(), 9, 700);
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn restore_keeps_expiry() {
        let mut s = ExpiringStore::new(3, 600);
        s.insert("t".into(), 7, 0);
        let exp = s.expires_at("t").unwrap_or(0);
        let v = s.take("t", 100).unwrap_or(0);
        s.restore("t".into(), v, exp, 100);
        assert_eq!(s.expires_at("t"), Some(600));
        assert_eq!(s.take("t", 599), Some(7));
    }
}
