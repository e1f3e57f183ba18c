//! A Bloom filter over the pairs of nodes joined by a relationship (either
//! direction, any type): when it says no, no relationship joins the two, so
//! a MERGE of a relationship between bound nodes can skip walking their
//! adjacency lists (most often the answer during a load). False positives
//! only cost that walk, so deleted relationships are never taken out; the
//! filter is rebuilt from the live relationships whenever it grows.

use crate::value::NodeId;

/// Bits per relationship (two probes in one word: about 2% false positives).
const BITS_PER_PAIR: usize = 16;

#[derive(Clone, Default)]
pub(super) struct PairFilter {
    /// Empty until first needed (then every live pair is in it).
    bits: Vec<u64>,
    /// Pairs added since the last build (bounds the false-positive rate).
    count: usize,
}

impl std::fmt::Debug for PairFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "PairFilter({} bits, {} pairs)",
            self.bits.len() * 64,
            self.count
        )
    }
}

/// The word and the two bits in it that stand for the pair (one cache line
/// per lookup: a blocked Bloom filter).
fn probes(a: NodeId, b: NodeId, words: usize) -> (usize, u64) {
    let (lo, hi) = if a.0 <= b.0 { (a.0, b.0) } else { (b.0, a.0) };
    // splitmix64's finalizer
    let mut h = ((lo as u64) << 32 | hi as u64).wrapping_add(0x9E37_79B9_7F4A_7C15);
    h = (h ^ (h >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^= h >> 31;
    let word = (h as usize) & (words - 1);
    (word, 1 << ((h >> 52) & 63) | 1 << ((h >> 58) & 63))
}

impl PairFilter {
    pub(super) fn is_built(&self) -> bool {
        !self.bits.is_empty()
    }

    /// Whether another pair fits without raising the false-positive rate.
    pub(super) fn has_room(&self) -> bool {
        (self.count + 1) * BITS_PER_PAIR <= self.bits.len() * 64
    }

    /// An empty filter sized for `pairs` pairs and then as many again.
    pub(super) fn with_capacity(pairs: usize) -> Self {
        let bits = (pairs.max(1024) * 2 * BITS_PER_PAIR).next_power_of_two();
        PairFilter {
            bits: vec![0; bits / 64],
            count: 0,
        }
    }

    /// Adds a pair (a built filter only).
    pub(super) fn insert(&mut self, a: NodeId, b: NodeId) {
        if self.bits.is_empty() {
            return;
        }
        let (w, m) = probes(a, b, self.bits.len());
        self.bits[w] |= m;
        self.count += 1;
    }

    /// `false` when no relationship joins `a` and `b` (a built filter only).
    pub(super) fn may_contain(&self, a: NodeId, b: NodeId) -> bool {
        if self.bits.is_empty() {
            return true;
        }
        let (w, m) = probes(a, b, self.bits.len());
        self.bits[w] & m == m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_a_false_negative_and_few_false_positives() {
        let mut f = PairFilter::with_capacity(10_000);
        for i in 0..10_000u32 {
            f.insert(NodeId(i), NodeId(i.wrapping_mul(7919) % 5000));
        }
        for i in 0..10_000u32 {
            // either direction
            assert!(f.may_contain(NodeId(i.wrapping_mul(7919) % 5000), NodeId(i)));
        }
        let false_positives = (0..10_000u32)
            .filter(|i| f.may_contain(NodeId(100_000 + i), NodeId(200_000 + i)))
            .count();
        assert!(false_positives < 500, "{false_positives} of 10000");
        assert!(PairFilter::default().may_contain(NodeId(1), NodeId(2)));
    }
}
