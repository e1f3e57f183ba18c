//! Counting inside the expansion: an `Op::Aggregate` whose input is an
//! `Op::Expand` or `Op::RelScan` and whose aggregates only count what the
//! expansion finds (`count(*)`, `count(r)`, `count(DISTINCT n)` of an end
//! node) is computed while the adjacency is walked, without making a row
//! per relationship.
//!
//! The grouping keys may be the nodes the expansion reaches, their
//! properties (grouped by node first and resolved once per node at the end,
//! as the unfused aggregation does on the read path), or anything bound
//! before the expansion (evaluated once per input row). Anything else —
//! a key or argument reading the relationship's properties, `sum`, `avg`,
//! `collect` — runs unfused, as before. The answer and the order of its
//! groups (first appearance) are those of the unfused plan; only the number
//! of rows made differs, which PROFILE shows as the expansion's row count.

use rustc_hash::{FxHashMap, FxHashSet};

use super::eval::eval;
use super::functions::FuncId;
use super::functions::agg::Accumulator;
use super::ops::{Flow, RawKey, expand_each, node_property, relscan_each, run};
use super::{Ctx, Row};
use crate::error::{Error, Result};
use crate::plan::optimize::deps;
use crate::plan::{AggCall, Op, PExpr, Slot};
use crate::value::{GroupKey, NodeId, Value};

/// Node ids below this are grouped through a table indexed by id (at most
/// 16 MiB of it) rather than a hash map.
const DIRECT_MAX: u32 = 1 << 22;

/// An end of the relationship being counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    From,
    To,
}

/// What one grouping key reads.
#[derive(Debug, Clone, Copy)]
enum Part {
    /// Only slots bound before the expansion: evaluated once per input row.
    Before,
    /// A node the expansion reaches, or one of its properties.
    Node(End),
}

/// What one aggregate counts.
#[derive(Debug, Clone, Copy)]
enum Count {
    /// Relationships found (`count(*)`, or `count` of a slot the expansion
    /// binds, which is never null). `star` tells which accumulator to make.
    Rows { star: bool },
    /// Distinct nodes at an end (`count(DISTINCT n)`).
    Distinct(End),
}

/// What EXPLAIN adds to an aggregation's details when it is counted inside
/// its input expansion: always, or only in a read-only statement (keys on
/// end-node properties).
pub(crate) fn note(input: &Op, keys: &[(Slot, PExpr)], aggs: &[(Slot, AggCall)]) -> &'static str {
    if Fusion::plan(input, keys, aggs, false).is_some() {
        ", counted while expanding"
    } else if Fusion::plan(input, keys, aggs, true).is_some() {
        ", counted while expanding if read-only"
    } else {
        ""
    }
}

/// An aggregation that can be counted inside its input expansion.
#[derive(Debug)]
pub(super) struct Fusion<'a> {
    source: &'a Op,
    scan: bool,
    parts: Vec<Part>,
    counts: Vec<Count>,
}

impl<'a> Fusion<'a> {
    /// The fused form of `Aggregate { input, keys, aggs }`, when it has one.
    /// Keys on end-node properties need a statement that cannot change them
    /// meanwhile (`read_only`).
    pub(super) fn plan(
        input: &'a Op,
        keys: &[(Slot, PExpr)],
        aggs: &[(Slot, AggCall)],
        read_only: bool,
    ) -> Option<Fusion<'a>> {
        let (from, rel, to, scan) = match input {
            Op::Expand {
                from,
                rel,
                to,
                to_bound: false,
                rel_bound: false,
                ..
            } => (*from, *rel, *to, false),
            Op::RelScan { from, rel, to, .. } => (*from, *rel, *to, true),
            _ => return None,
        };
        let end_of = |s: Slot| {
            if s == to {
                Some(End::To)
            } else if scan && s == from {
                Some(End::From)
            } else {
                None
            }
        };
        let bound_here = |s: Slot| s == rel || end_of(s).is_some();
        let mut by_property = false;
        let mut parts = Vec::with_capacity(keys.len());
        for (_, e) in keys {
            let end = match (e, node_property(e)) {
                (PExpr::Slot(s), _) => end_of(*s),
                (_, Some((s, _, _))) => {
                    let end = end_of(s);
                    if end.is_some() {
                        if !read_only {
                            return None;
                        }
                        by_property = true;
                    }
                    end
                }
                _ => None,
            };
            parts.push(match end {
                Some(end) => Part::Node(end),
                None if deps(e)?.iter().any(|s| bound_here(*s)) => return None,
                None => Part::Before,
            });
        }
        let mut counts = Vec::with_capacity(aggs.len());
        for (_, a) in aggs {
            counts.push(match (a.func, a.distinct, a.args.as_slice()) {
                (None, _, _) => Count::Rows { star: true },
                (Some(FuncId::Count), false, [PExpr::Slot(s)]) if bound_here(*s) => {
                    Count::Rows { star: false }
                }
                // distinct counts cannot be merged across nodes with equal
                // property keys
                (Some(FuncId::Count), true, [PExpr::Slot(s)]) if !by_property => {
                    Count::Distinct(end_of(*s)?)
                }
                _ => return None,
            });
        }
        Some(Fusion {
            source: input,
            scan,
            parts,
            counts,
        })
    }

    /// Runs the expansion's input and counts, per group: the groups (keys
    /// with nodes unresolved, see `ops::resolve_node_keys`) in order of
    /// first appearance, with their accumulators.
    pub(super) fn run(
        &self,
        ctx: &Ctx,
        row: &mut Row,
        keys: &[(Slot, PExpr)],
    ) -> Result<Vec<(Vec<RawKey>, Vec<Accumulator>)>> {
        let (input, from) = match self.source {
            Op::Expand { input, from, .. } | Op::RelScan { input, from, .. } => (input, *from),
            _ => return Ok(Vec::new()),
        };
        let want = |end: End| {
            self.parts
                .iter()
                .any(|p| matches!(p, Part::Node(e) if *e == end))
        };
        let (want_from, want_to) = (want(End::From), want(End::To));
        let distinct: Vec<End> = self
            .counts
            .iter()
            .filter_map(|c| match c {
                Count::Distinct(e) => Some(*e),
                Count::Rows { .. } => None,
            })
            .collect();
        // the keys bound before the expansion, one entry per distinct tuple
        let mut befores: FxHashMap<Vec<RawKey>, u32> = FxHashMap::default();
        let mut before_list: Vec<Vec<RawKey>> = Vec::new();
        // a group: (keys bound before, `from` node, `to` node), u32::MAX
        // for an end not among the keys
        let mut index: FxHashMap<(u32, u32, u32), u32> = FxHashMap::default();
        let mut groups: Vec<(u32, u32, u32)> = Vec::new();
        let mut found: Vec<i64> = Vec::new();
        let mut distinct_counts: Vec<i64> = Vec::new();
        let mut seen: FxHashSet<(u32, u32, u32)> = FxHashSet::default();
        let single = match (want_from, want_to) {
            (true, false) => Some(End::From),
            (false, true) => Some(End::To),
            _ => None,
        };
        let mut direct_table: Vec<u32> = Vec::new();
        run(input, ctx, row, &mut |row| {
            ctx.tick()?;
            // evaluated before the walk, reported only once a relationship
            // is found (as the unfused plan evaluates keys per row)
            let before: Result<Vec<RawKey>> = keys
                .iter()
                .zip(&self.parts)
                .filter(|(_, p)| matches!(p, Part::Before))
                .map(|((_, e), _)| Ok(RawKey::Value(GroupKey(eval(e, row, ctx)?))))
                .collect();
            let bid = match &before {
                Ok(b) => match befores.get(b) {
                    Some(&i) => i,
                    None => {
                        let i = before_list.len() as u32;
                        befores.insert(b.clone(), i);
                        before_list.push(b.clone());
                        i
                    }
                },
                Err(_) => u32::MAX,
            };
            let mut any = false;
            let mut visited: u64 = 0;
            let mut visit = |a: NodeId, b: NodeId| {
                any = true;
                visited += 1;
                if bid == u32::MAX {
                    return;
                }
                let key = (
                    bid,
                    if want_from { a.0 } else { u32::MAX },
                    if want_to { b.0 } else { u32::MAX },
                );
                // grouped by one node (and nothing bound before, or one
                // tuple of it): a table indexed by the node's id
                let direct = match single {
                    Some(End::From) if bid == 0 && a.0 < DIRECT_MAX => Some(a.0 as usize),
                    Some(End::To) if bid == 0 && b.0 < DIRECT_MAX => Some(b.0 as usize),
                    _ => None,
                };
                let known = match direct {
                    Some(i) => direct_table.get(i).copied().filter(|g| *g != u32::MAX),
                    None => index.get(&key).copied(),
                };
                let gi = match known {
                    Some(g) => g as usize,
                    None => {
                        let g = groups.len() as u32;
                        groups.push(key);
                        found.push(0);
                        distinct_counts.extend(distinct.iter().map(|_| 0));
                        match direct {
                            Some(i) => {
                                if i >= direct_table.len() {
                                    let len = (i + 1).max(direct_table.len() * 2);
                                    direct_table.resize(len, u32::MAX);
                                }
                                direct_table[i] = g;
                            }
                            None => {
                                index.insert(key, g);
                            }
                        }
                        g as usize
                    }
                };
                found[gi] += 1;
                for (j, end) in distinct.iter().enumerate() {
                    let n = if *end == End::From { a } else { b };
                    if seen.insert((gi as u32, j as u32, n.0)) {
                        distinct_counts[gi * distinct.len() + j] += 1;
                    }
                }
            };
            if self.scan {
                // a tick between chunks keeps a long scan cancellable
                let end = ctx.graph().rel_slots();
                let mut next = 0;
                while next < end {
                    let stop = (next + (1 << 16)).min(end);
                    relscan_each(self.source, ctx, row, next..stop, |_, a, b| visit(a, b))?;
                    next = stop;
                    ctx.tick()?;
                }
            } else {
                let start = match &row[from] {
                    Value::Node(n) => *n,
                    _ => NodeId(u32::MAX),
                };
                expand_each(self.source, ctx, row, |_, n| visit(start, n))?;
            }
            ctx.count_rows(self.source as *const Op as usize, visited);
            if any && let Err(e) = before {
                return Err(e);
            }
            Ok(Flow::Continue)
        })?;
        let mut out = Vec::with_capacity(groups.len());
        for (gi, (bid, a, b)) in groups.into_iter().enumerate() {
            let mut before = before_list
                .get(bid as usize)
                .ok_or_else(|| Error::runtime("InternalError", "internal error: lost group"))?
                .iter();
            let kv: Vec<RawKey> = self
                .parts
                .iter()
                .map(|p| match p {
                    Part::Before => before
                        .next()
                        .cloned()
                        .unwrap_or(RawKey::Value(GroupKey(Value::Null))),
                    Part::Node(End::From) => RawKey::Node(NodeId(a)),
                    Part::Node(End::To) => RawKey::Node(NodeId(b)),
                })
                .collect();
            let mut j = 0;
            let accs = self
                .counts
                .iter()
                .map(|c| match c {
                    Count::Rows { star: true } => Accumulator::CountStar(found[gi]),
                    Count::Rows { star: false } => Accumulator::Count(found[gi]),
                    Count::Distinct(_) => {
                        j += 1;
                        Accumulator::Count(distinct_counts[gi * distinct.len() + j - 1])
                    }
                })
                .collect();
            out.push((kv, accs));
        }
        Ok(out)
    }
}
