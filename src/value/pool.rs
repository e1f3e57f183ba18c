//! Sharing of short repeated strings: a value loaded many times over
//! (`'yes'`, a country code) gets one allocation, so a large graph keeps
//! one copy and equal stored strings compare by pointer first
//! ([`super::Value::cypher_eq`]). Used by `LOAD CSV` and by snapshot loading.

use std::sync::Arc;

use rustc_hash::FxHashMap;

/// Strings longer than this are not shared.
const MAX_LEN: usize = 24;

/// At most this many distinct strings are kept.
const MAX_ENTRIES: usize = 100_000;

/// A string of at most 24 bytes, zero-padded, with its length (so strings
/// ending in NUL bytes stay distinct): a lookup compares a few integers
/// rather than calling `memcmp`.
type ShortKey = ([u64; 3], u8);

fn short_key(s: &str) -> Option<ShortKey> {
    let b = s.as_bytes();
    if b.len() > MAX_LEN {
        return None;
    }
    let mut buf = [0u8; MAX_LEN];
    buf[..b.len()].copy_from_slice(b);
    let word = |i: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&buf[i * 8..i * 8 + 8]);
        u64::from_le_bytes(w)
    };
    Some(([word(0), word(1), word(2)], b.len() as u8))
}

/// Short strings seen so far.
#[derive(Debug, Default)]
pub struct StringPool {
    map: FxHashMap<ShortKey, Arc<str>>,
}

impl StringPool {
    /// `s`, shared with an earlier equal string when it is short.
    pub fn share(&mut self, s: &str) -> Arc<str> {
        let Some(key) = short_key(s) else {
            return Arc::from(s);
        };
        if let Some(a) = self.map.get(&key) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(s);
        if self.map.len() < MAX_ENTRIES {
            self.map.insert(key, a.clone());
        }
        a
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_strings_are_shared_long_and_nul_padded_ones_kept_apart() {
        let mut p = StringPool::default();
        assert!(Arc::ptr_eq(&p.share("yes"), &p.share("yes")));
        assert_ne!(&*p.share("a"), &*p.share("a\0"));
        let long = "x".repeat(30);
        assert!(!Arc::ptr_eq(&p.share(&long), &p.share(&long)));
    }
}
