//! A statement's memory budget (`Options::max_memory`).
//!
//! The budget counts what a statement *holds*: rows buffered by the
//! operators that must see all their input (sort, DISTINCT, aggregation
//! groups and accumulators, the row buffers of updating clauses), the
//! result rows, and the undo log of its writes. A value built while it runs
//! (a list from `range()`, a concatenated string, a comprehension) is checked
//! before it is made against what is left, but not held: the operators that
//! keep it count it. The sizes are estimates of the heap each value owns
//! ([`value_bytes`]), deliberately on the high side of the payload, so that
//! the allocator's own overhead stays inside the margin the default budget
//! leaves (a quarter of the machine's memory, see [`default_budget`]).
//!
//! Exceeding the budget fails the statement with code
//! `MemoryLimitExceeded`; like every failure it is rolled back.

use std::cell::Cell;

use crate::error::{Error, Result};
use crate::value::Value;

/// Bytes an undo entry stands for (the entry and what it undoes: a new
/// record, a property, an index entry).
pub(crate) const UNDO_ENTRY_BYTES: usize = 128;

/// The error of a statement over its budget.
pub(crate) fn exceeded(limit: usize) -> Error {
    Error::runtime(
        "MemoryLimitExceeded",
        format!(
            "the statement needed more than {} of memory; it was stopped and changed nothing",
            human_bytes(limit)
        ),
    )
}

/// `2 GiB`, `512 MiB`, `1000 bytes`.
pub fn human_bytes(n: usize) -> String {
    const UNITS: [(&str, usize); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (name, size) in UNITS {
        if n >= size {
            let whole = n / size;
            let tenth = (n % size) * 10 / size;
            return if tenth == 0 {
                format!("{whole} {name}")
            } else {
                format!("{whole}.{tenth} {name}")
            };
        }
    }
    format!("{n} bytes")
}

/// Parses `2GiB`, `512 MiB`, `1.5G`, `100MB`, `4096` (bytes). Units are
/// binary (K = KiB, M = MiB, G = GiB, T = TiB), with or without `B`/`iB`.
pub fn parse_bytes(s: &str) -> std::result::Result<usize, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let num: f64 = num
        .parse()
        .map_err(|_| format!("invalid size {s:?}: expected a number with a unit, like 2GiB"))?;
    let mult: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" | "kib" => 1024.0,
        "m" | "mb" | "mib" => 1024.0 * 1024.0,
        "g" | "gb" | "gib" => 1024.0 * 1024.0 * 1024.0,
        "t" | "tb" | "tib" => 1024.0 * 1024.0 * 1024.0 * 1024.0,
        other => {
            return Err(format!(
                "invalid size {s:?}: unknown unit {other:?} (use B, KiB, MiB, GiB or TiB)"
            ));
        }
    };
    let bytes = num * mult;
    if !bytes.is_finite() || bytes < 1.0 || bytes > usize::MAX as f64 {
        return Err(format!("invalid size {s:?}: must be at least 1 byte"));
    }
    Ok(bytes as usize)
}

/// The budget a statement gets when none is set: a quarter of the
/// machine's memory (or of the control group's limit, when that is
/// smaller), so that even the estimates' margin leaves the process room.
/// 4 GiB where the memory size cannot be read.
pub fn default_budget() -> usize {
    static BUDGET: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *BUDGET.get_or_init(|| total_memory().map_or(4 << 30, |m| (m / 4).max(64 << 20)))
}

/// Physical memory (Linux: `/proc/meminfo`), lowered by a cgroup limit.
fn total_memory() -> Option<usize> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    let kib: usize = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    let mut total = kib.checked_mul(1024)?;
    for f in [
        "/sys/fs/cgroup/memory.max",
        "/sys/fs/cgroup/memory/memory.limit_in_bytes",
    ] {
        if let Some(limit) = std::fs::read_to_string(f)
            .ok()
            .and_then(|s| s.trim().parse::<usize>().ok())
        {
            total = total.min(limit);
        }
    }
    Some(total)
}

pub(crate) use crate::value::value_bytes;

/// An estimate of a row's bytes (its values and the vector holding them).
pub(crate) fn row_bytes(row: &[Value]) -> usize {
    24 + row.iter().map(value_bytes).sum::<usize>()
}

/// The bytes `l + r` would make when both are strings or lists (0 when
/// it is arithmetic, which makes no allocation worth counting).
pub(crate) fn concat_bytes(l: &Value, r: &Value) -> usize {
    match (l, r) {
        (Value::String(a), Value::String(b)) => a.len() + b.len(),
        (Value::List(a), Value::List(b)) => (a.len() + b.len()) * std::mem::size_of::<Value>(),
        (Value::List(a), _) | (_, Value::List(a)) => (a.len() + 1) * std::mem::size_of::<Value>(),
        _ => 0,
    }
}

/// The statement's account: what it holds and its limit.
#[derive(Debug)]
pub(crate) struct Budget {
    limit: usize,
    held: Cell<usize>,
}

impl Budget {
    pub(crate) fn new(limit: Option<usize>) -> Budget {
        Budget {
            limit: limit.unwrap_or(usize::MAX),
            held: Cell::new(0),
        }
    }

    /// What is held now.
    #[cfg(test)]
    pub(crate) fn held(&self) -> usize {
        self.held.get()
    }

    /// Counts `bytes` more as held; an error past the limit.
    pub(crate) fn hold(&self, bytes: usize) -> Result<()> {
        let h = self.held.get().saturating_add(bytes);
        self.held.set(h);
        if h > self.limit {
            Err(exceeded(self.limit))
        } else {
            Ok(())
        }
    }

    /// Counts `bytes` as no longer held.
    pub(crate) fn release(&self, bytes: usize) {
        self.held.set(self.held.get().saturating_sub(bytes));
    }

    /// Whether a value of `bytes` may be made now (it is not held).
    pub(crate) fn fits(&self, bytes: usize) -> Result<()> {
        if self.held.get().saturating_add(bytes) > self.limit {
            Err(exceeded(self.limit))
        } else {
            Ok(())
        }
    }

    /// A share of the account for one operator's buffer, given back when
    /// the buffer is dropped.
    pub(crate) fn share(&self) -> Share<'_> {
        Share {
            budget: self,
            bytes: 0,
        }
    }
}

/// What one buffer holds of the statement's budget ([`Budget::share`]).
pub(crate) struct Share<'a> {
    budget: &'a Budget,
    bytes: usize,
}

impl Share<'_> {
    /// Holds `bytes` more for this buffer.
    pub(crate) fn add(&mut self, bytes: usize) -> Result<()> {
        self.bytes = self.bytes.saturating_add(bytes);
        self.budget.hold(bytes)
    }

    /// Gives back `bytes` of this buffer's share (it dropped some rows).
    pub(crate) fn sub(&mut self, bytes: usize) {
        let bytes = bytes.min(self.bytes);
        self.bytes -= bytes;
        self.budget.release(bytes);
    }
}

impl Drop for Share<'_> {
    fn drop(&mut self) {
        self.budget.release(self.bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_print() {
        assert_eq!(parse_bytes("2GiB"), Ok(2 << 30));
        assert_eq!(parse_bytes("512 MiB"), Ok(512 << 20));
        assert_eq!(parse_bytes("1.5g"), Ok(3 << 29));
        assert_eq!(parse_bytes("4096"), Ok(4096));
        assert_eq!(parse_bytes("100MB"), Ok(100 << 20));
        assert!(parse_bytes("2 parsecs").is_err());
        assert!(parse_bytes("").is_err());
        assert!(parse_bytes("0").is_err());
        assert!(parse_bytes("1e400").is_err());
        assert_eq!(human_bytes(2 << 30), "2 GiB");
        assert_eq!(human_bytes(3 << 29), "1.5 GiB");
        assert_eq!(human_bytes(1000), "1000 bytes");
    }

    #[test]
    fn a_share_is_given_back() {
        let b = Budget::new(Some(100));
        {
            let mut s = b.share();
            s.add(60).unwrap();
            assert!(b.fits(50).is_err());
            assert!(s.add(50).is_err());
        }
        assert_eq!(b.held(), 0);
        assert!(b.fits(100).is_ok());
        let e = b.hold(101).unwrap_err();
        assert_eq!(e.code().as_str(), "MemoryLimitExceeded");
    }

    #[test]
    fn the_default_budget_is_a_share_of_the_machine() {
        let d = default_budget();
        assert!(d >= 64 << 20);
        if let Some(total) = total_memory() {
            assert!(d <= total);
        }
    }
}
