//! Physical operators, push-based.
//!
//! `run(op, ctx, row, k)` produces the rows of `op` for the argument `row`
//! and hands each to the continuation `k`, reusing one row buffer along a
//! pipeline (no allocation per row in scans and expansions). `k` answers
//! [`Flow::Stop`] when it needs no more rows (LIMIT, EXISTS), and every
//! operator returns as soon as it sees it.
//!
//! Pipeline breakers (aggregation, sort, distinct) and every updating
//! operator collect their input first. Updating operators apply all their
//! writes before passing rows on, so a clause sees the complete effect of
//! the clauses before it and never its own (openCypher's clause semantics).
//! An input of at most one row that is finished once it has passed it on
//! ([`one_row`]: a projection or filter of the argument row, the shape of
//! the clauses inside `CALL { … }` per row) needs no copy: CREATE and MERGE
//! write into that row as it arrives. MERGE runs its matcher on the row
//! itself and keeps only the values of the pattern's variables per match.
//!
//! The graph sits in a `RefCell`: reads borrow it for the moment they need
//! (ids are copied out before calling `k`), writes borrow it mutably only
//! between continuations, so a borrow is never held across `k`.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use super::ends::{EndCheck, Ends};
use super::eval::{self, check_storable, describe, eval, map_entries};
use super::functions::agg::{self, Accumulator};
use super::views::ViewWalk;
use super::{Ctx, Row, memory};
use crate::error::{Error, ErrorKind, Result};
use crate::plan::{
    AggCall, CountOf, CreatePattern, Grouping, Op, PExpr, Procedure, RelTest, ScanKind, SetOp, Slot,
};
use crate::store::{Dir, Graph, Props, RelRec, Sym};
use crate::value::{GroupKey, NodeId, PathValue, RelId, Value};
use rustc_hash::FxHashMap;
use smallvec::SmallVec;

/// Whether the consumer wants more rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Keep going.
    Continue,
    /// Enough.
    Stop,
}

type K<'a> = &'a mut dyn FnMut(&mut Row) -> Result<Flow>;

macro_rules! emit {
    ($k:expr, $row:expr) => {
        if $k($row)? == Flow::Stop {
            return Ok(Flow::Stop);
        }
    };
}

fn type_err(msg: String) -> Error {
    Error::type_error("InvalidArgumentType", msg)
}

/// Runs `op` for the argument `row`, passing each result row to `k`.
pub fn run(op: &Op, ctx: &Ctx, row: &mut Row, k: K) -> Result<Flow> {
    if ctx.profiling() {
        let key = op as *const Op as usize;
        let start = std::time::Instant::now();
        // the time rows spend downstream is measured on a sample (the first
        // 1024 rows, then one in 64 at pseudo-random, so that an operator's
        // samples rarely coincide with those of the operators downstream,
        // whose clock reads they would include): reading the clock for
        // every row would cost more than many operators' own work
        let mut n: u64 = 0;
        let salt = (key as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut counting = |r: &mut Row| {
            ctx.count_row(key);
            n += 1;
            let mix = (n ^ salt).wrapping_mul(0xD6E8_FEB8_6659_FD93);
            if n <= 1024 || mix >> 58 == 0 {
                let t = std::time::Instant::now();
                let flow = k(r);
                ctx.add_downstream(key, t.elapsed());
                flow
            } else {
                k(r)
            }
        };
        let f = run_op(op, ctx, row, &mut counting);
        ctx.add_time(key, start.elapsed());
        f
    } else {
        run_op(op, ctx, row, k)
    }
}

/// Collects every row of `op` (for pipeline breakers and writes).
fn collect(op: &Op, ctx: &Ctx, row: &mut Row) -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    // the rows are held while the clause writes; the budget's share is
    // given back when this returns, a slight undercount until they drop
    let mut held = ctx.memory.share();
    run(op, ctx, row, &mut |r| {
        held.add(memory::row_bytes(r))?;
        rows.push(r.clone());
        Ok(Flow::Continue)
    })?;
    Ok(rows)
}

fn node_of(v: &Value, what: &str) -> Result<Option<NodeId>> {
    match v {
        Value::Node(n) => Ok(Some(*n)),
        Value::Null => Ok(None),
        other => Err(type_err(format!(
            "{what} expects a Node, got {}",
            describe(other)
        ))),
    }
}

/// What a walk with fused values `vals` (or keys) reports: their error
/// when they failed to evaluate and the walk `found` something (the filter
/// or key they replace would have raised it on that row), else nothing.
pub(super) fn failed_if_found<T>(vals: &std::result::Result<T, Error>, found: bool) -> Result<()> {
    match vals {
        Err(e) if found => Err(e.clone()),
        _ => Ok(()),
    }
}

/// The values fused comparisons compare with, for `row`; the list of an
/// `IN` must be a list or null, or it is the error the unfused `IN` would
/// raise. An error is reported only once a relationship would have
/// reached the filter the comparisons replace.
fn prop_values<'a>(
    tests: impl IntoIterator<Item = &'a RelTest>,
    row: &Row,
    ctx: &Ctx,
) -> Result<Vec<Value>> {
    tests
        .into_iter()
        .map(|t| {
            let v = eval(&t.value, row, ctx)?;
            if t.op == crate::plan::BinOp::In && !matches!(v, Value::List(_) | Value::Null) {
                return Err(type_err(format!(
                    "IN expects a List on its right, got {}",
                    describe(&v)
                )));
            }
            Ok(v)
        })
        .collect()
}

/// Whether a relationship record passes the fused property comparisons (when
/// their values could not be computed, every relationship passes and the
/// caller reports the error).
#[inline(always)]
fn props_match(rec: &RelRec, tests: &[RelTest], vals: &Result<Vec<Value>>) -> bool {
    let Ok(vals) = vals else { return true };
    match (tests, vals.as_slice()) {
        ([], _) => true,
        // the common case, without the loop
        ([t], [v]) => t.passes(rec.prop(t.key), v),
        _ => tests
            .iter()
            .zip(vals)
            .all(|(t, v)| t.passes(rec.prop(t.key), v)),
    }
}

/// A grouping key as first collected: a node whose property is the key (see
/// `Op::Aggregate`), or the key's value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum RawKey {
    Node(NodeId),
    /// A relationship standing for its group's value
    /// ([`crate::plan::KeyPart::Rel`]).
    Rel(RelId),
    Value(GroupKey),
}

/// Nodes sorted into classes of equal grouping-key values: the keys that
/// are pure functions of one node are evaluated once per node, and the
/// node's class, not the node, is what the groups hold. Groups then never
/// multiply with the nodes behind one value (`c, r.session` makes one
/// group per country and session, not per country and resolution); each
/// class's first node stands for it where the key is evaluated at the end
/// (`resolve_node_keys`), so two groups never resolve to equal keys.
#[derive(Debug, Default)]
pub(super) struct Classes {
    /// By node id, its class (`u32::MAX`: not classed yet).
    of: Vec<u32>,
    /// By class, the node that stands for it.
    reps: Vec<NodeId>,
    /// The classes by their key values.
    index: FxHashMap<SmallVec<[GroupKey; 2]>, u32>,
}

impl Classes {
    /// The class of `n` if it has one.
    #[inline]
    pub(super) fn get(&self, n: NodeId) -> Option<u32> {
        self.of
            .get(n.0 as usize)
            .copied()
            .filter(|c| *c != u32::MAX)
    }

    /// The node standing for class `c`.
    pub(super) fn rep(&self, c: u32) -> Result<NodeId> {
        self.reps.get(c as usize).copied().ok_or_else(|| {
            Error::runtime(
                "InternalError",
                "internal error: a grouping class without its node",
            )
        })
    }

    /// The class of `n`, the keys `exprs` evaluated on `scratch` with `n`
    /// in `slot` when it has none yet; the bytes newly held.
    pub(super) fn class(
        &mut self,
        n: NodeId,
        exprs: &[&PExpr],
        slot: Slot,
        scratch: &mut Row,
        ctx: &Ctx,
    ) -> Result<(u32, usize)> {
        if let Some(c) = self.get(n) {
            return Ok((c, 0));
        }
        scratch[slot] = Value::Node(n);
        let mut kv = SmallVec::new();
        for e in exprs {
            kv.push(GroupKey(eval(e, scratch, ctx)?));
        }
        Ok(self.put(n, Some(kv)))
    }

    /// Puts `n` in the class of `kv` (a class of its own when `None`); the
    /// bytes newly held.
    fn put(&mut self, n: NodeId, kv: Option<SmallVec<[GroupKey; 2]>>) -> (u32, usize) {
        let i = n.0 as usize;
        let mut bytes = 0;
        if i >= self.of.len() {
            let len = (i + 1).max(self.of.len() * 2).max(64);
            bytes += 4 * (len - self.of.len());
            self.of.resize(len, u32::MAX);
        }
        let fresh = self.reps.len() as u32;
        let c = match kv {
            Some(kv) => {
                let held: usize = kv.iter().map(|k| memory::value_bytes(&k.0)).sum();
                let c = *self.index.entry(kv).or_insert(fresh);
                if c == fresh {
                    bytes += 64 + held;
                }
                c
            }
            None => fresh,
        };
        if c == fresh {
            self.reps.push(n);
        }
        self.of[i] = c;
        (c, bytes)
    }

    /// Every node with `labels` (every node when none) classed by `exprs`,
    /// evaluated on a copy of `row` with the node in `slot`; a node whose
    /// keys fail to evaluate is a class of its own, whose error is raised
    /// where its key is evaluated at the end — only if a walk reached it.
    pub(super) fn build(
        exprs: &[&PExpr],
        slot: Slot,
        labels: &[Sym],
        row: &Row,
        ctx: &Ctx,
        held: &mut memory::Share<'_>,
    ) -> Result<Classes> {
        let candidates = ctx.graph().nodes_with_labels(labels);
        let mut out = Classes::default();
        let mut scratch = row.clone();
        for (i, n) in candidates.into_iter().enumerate() {
            if i % 1024 == 0 {
                ctx.tick()?;
            }
            let bytes = match out.class(n, exprs, slot, &mut scratch, ctx) {
                Ok((_, bytes)) => bytes,
                Err(_) => out.put(n, None).1,
            };
            held.add(bytes)?;
        }
        Ok(out)
    }
}

/// Groups first collected by node (see [`Grouping::by_node`]) with each
/// node key replaced by the key's value for that node (evaluated once per
/// group, on a copy of the argument row `base` with the node in its slot;
/// the node itself when the key is the node), and groups whose keys then
/// agree merged, in order of first appearance (unless `merge` is false:
/// the caller knows no two groups resolve to equal keys). A counted aggregation's
/// [`CountOf::Weighted`] aggregates are fed here: their argument evaluated
/// once per group, with the relationship standing for the group's value in
/// its slot, as many times as the group has rows.
pub(super) fn resolve_node_keys(
    raw: Vec<(Vec<RawKey>, Vec<Accumulator>)>,
    keys: &[(Slot, PExpr)],
    aggs: &[(Slot, AggCall)],
    grouping: &Grouping,
    base: &Row,
    merge: bool,
    ctx: &Ctx,
) -> Result<Vec<(Vec<GroupKey>, Vec<Accumulator>)>> {
    let weighted: Vec<(usize, Slot)> = grouping.counted.as_ref().map_or(Vec::new(), |c| {
        c.counts
            .iter()
            .enumerate()
            .filter_map(|(j, c)| match c {
                CountOf::Weighted { rel } => Some((j, *rel)),
                _ => None,
            })
            .collect()
    });
    let mut index: FxHashMap<Vec<GroupKey>, usize> = FxHashMap::default();
    let mut merged: Vec<(Vec<GroupKey>, Vec<Accumulator>)> = Vec::new();
    let mut scratch = base.clone();
    let mut fed: Vec<(usize, Vec<Value>, i64)> = Vec::with_capacity(weighted.len());
    for (rk, mut accs) in raw {
        let mut kv = Vec::with_capacity(keys.len());
        // the relationship standing for the group's value, if any
        let mut stands = None;
        for (i, r) in rk.into_iter().enumerate() {
            if let RawKey::Rel(r) = r {
                stands = Some(r);
            }
            let Some((_, e)) = keys.get(i) else {
                continue; // a hidden part
            };
            kv.push(match (r, grouping.node_of(i)) {
                (RawKey::Node(n), Some(s)) => {
                    scratch[s] = Value::Node(n);
                    GroupKey(eval(e, &scratch, ctx)?)
                }
                (RawKey::Rel(r), Some(s)) => {
                    scratch[s] = Value::Rel(r);
                    GroupKey(eval(e, &scratch, ctx)?)
                }
                (RawKey::Value(v), _) => v,
                (RawKey::Node(n), None) => GroupKey(Value::Node(n)),
                (RawKey::Rel(r), None) => GroupKey(Value::Rel(r)),
            });
        }
        fed.clear();
        for &(j, slot) in &weighted {
            let (Some(r), Some(Accumulator::CountStar(times))) = (stands, accs.get(j)) else {
                return Err(Error::runtime(
                    "InternalError",
                    "internal error: a weighted aggregate without its group's value",
                ));
            };
            scratch[slot] = Value::Rel(r);
            let mut args = Vec::with_capacity(aggs[j].1.args.len());
            for e in &aggs[j].1.args {
                args.push(eval(e, &scratch, ctx)?);
            }
            fed.push((j, args, *times));
        }
        let known = if merge { index.get(&kv).copied() } else { None };
        let target = match known {
            Some(i) => {
                let into = &mut merged[i].1;
                for (j, (into, from)) in into.iter_mut().zip(accs).enumerate() {
                    if !weighted.iter().any(|(w, _)| *w == j) {
                        into.merge(from)?;
                    }
                }
                i
            }
            None => {
                for (j, _, _) in &fed {
                    accs[*j] = fresh_acc(&aggs[*j].1);
                }
                if merge {
                    index.insert(kv.clone(), merged.len());
                }
                merged.push((kv, accs));
                merged.len() - 1
            }
        };
        for (j, args, times) in &fed {
            merged[target].1[*j].update_times(args, *times)?;
        }
    }
    Ok(merged)
}

/// A fresh accumulator for one aggregate call.
fn fresh_acc(a: &AggCall) -> Accumulator {
    match a.func {
        Some(f) => agg::new_acc(f, a.distinct),
        None => Accumulator::CountStar(0),
    }
}

/// Fresh accumulators for an aggregation's calls.
fn new_accs(aggs: &[(Slot, AggCall)]) -> Vec<Accumulator> {
    aggs.iter().map(|(_, a)| fresh_acc(a)).collect()
}

/// Runs `input` and feeds each row to the accumulators of its group, the
/// group being the keys `key_of` puts in its vector; groups in order of
/// first appearance.
fn group_rows<K: Clone + Eq + std::hash::Hash>(
    input: &Op,
    ctx: &Ctx,
    row: &mut Row,
    aggs: &[(Slot, AggCall)],
    mut key_of: impl FnMut(&Row, &mut Vec<K>) -> Result<()>,
) -> Result<Vec<(Vec<K>, Vec<Accumulator>)>> {
    let mut index: FxHashMap<Vec<K>, usize> = FxHashMap::default();
    let mut groups: Vec<(Vec<K>, Vec<Accumulator>)> = Vec::new();
    // rows often arrive clustered by key (a scan expands one node at a
    // time): the previous row's group is tried before hashing
    let mut last: Option<usize> = None;
    let mut kv: Vec<K> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    // the groups are held until the aggregation returns them; they are
    // counted for as long as the aggregation runs
    let mut held = ctx.memory.share();
    run(input, ctx, row, &mut |row| {
        ctx.tick()?;
        kv.clear();
        key_of(row, &mut kv)?;
        let gi = match last {
            Some(i) if groups[i].0 == kv => i,
            _ => match index.get(&kv) {
                Some(i) => *i,
                None => {
                    // a key (held twice: in the table and its index), its
                    // accumulators
                    held.add(
                        2 * (24 + kv.len() * std::mem::size_of::<K>()) + 64 * (aggs.len() + 1),
                    )?;
                    groups.push((kv.clone(), new_accs(aggs)));
                    index.insert(kv.clone(), groups.len() - 1);
                    groups.len() - 1
                }
            },
        };
        last = Some(gi);
        for ((_, a), acc) in aggs.iter().zip(groups[gi].1.iter_mut()) {
            if a.func.is_none() {
                acc.update(&[])?;
                continue;
            }
            args.clear();
            for e in &a.args {
                args.push(eval(e, row, ctx)?);
            }
            held.add(acc.update_held(&args)?)?;
        }
        Ok(Flow::Continue)
    })?;
    Ok(groups)
}

fn rel_in(v: &Value, r: RelId) -> bool {
    match v {
        Value::Rel(x) => *x == r,
        Value::List(l) => l.iter().any(|x| matches!(x, Value::Rel(y) if *y == r)),
        _ => false,
    }
}

fn count_arg(v: &Value, what: &str) -> Result<usize> {
    match v {
        Value::Int(i) if *i >= 0 => Ok(*i as usize),
        Value::Int(i) => Err(Error::new(
            ErrorKind::SyntaxError,
            "NegativeIntegerArgument",
            format!("{what} must be a non-negative integer, got {i}"),
        )
        .in_phase(false)),
        other => Err(Error::new(
            ErrorKind::SyntaxError,
            "InvalidArgumentType",
            format!(
                "{what} must be a non-negative integer, got {}",
                describe(other)
            ),
        )
        .in_phase(false)),
    }
}

fn run_op(op: &Op, ctx: &Ctx, row: &mut Row, k: K) -> Result<Flow> {
    match op {
        Op::Argument => k(row),
        Op::NodeScan {
            input,
            slot,
            kind,
            labels,
        } => run(input, ctx, row, &mut |row| {
            let ids: SmallVec<[NodeId; 4]> = {
                let g = ctx.graph();
                // (an index seek finds one node or a few: no allocation)
                let mut ids: SmallVec<[NodeId; 4]> = match kind {
                    ScanKind::All => g.nodes().collect(),
                    ScanKind::Label(l) => g.nodes_with_label(*l).collect(),
                    ScanKind::IndexEq(l, key, e) => {
                        let v = eval(e, row, ctx)?;
                        let mut ids = SmallVec::new();
                        if !g.index_seek(*l, *key, &v, &mut ids) {
                            ids.extend(scan_filter(&g, *l, *key, |x| {
                                x.cypher_eq(&v) == Some(true)
                            }));
                        }
                        ids
                    }
                    ScanKind::IndexIn(l, key, e) => {
                        let v = eval(e, row, ctx)?;
                        let list = match v {
                            Value::List(l) => l,
                            Value::Null => Arc::new(vec![]),
                            other => {
                                return Err(type_err(format!(
                                    "IN expects a List, got {}",
                                    describe(&other)
                                )));
                            }
                        };
                        let mut out = Vec::new();
                        for x in list.iter() {
                            match g.index_lookup(*l, *key, x) {
                                Some(ids) => out.extend(ids),
                                None => out.extend(scan_filter(&g, *l, *key, |y| {
                                    y.cypher_eq(x) == Some(true)
                                })),
                            }
                        }
                        out.sort();
                        out.dedup();
                        out.into()
                    }
                };
                if !labels.is_empty() {
                    ids.retain(|n| labels.iter().all(|l| g.has_label(*n, *l)));
                }
                ids
            };
            for id in ids {
                ctx.tick()?;
                row[*slot] = Value::Node(id);
                emit!(k, row);
            }
            Ok(Flow::Continue)
        }),
        Op::Expand {
            input,
            from,
            rel,
            to,
            dir,
            views_after,
            to_bound,
            ..
        } => {
            // one buffer for every input row (ids are copied out of the
            // graph before `k` runs)
            let mut found: Vec<(RelId, NodeId)> = Vec::new();
            // on the read path, column views a large walk built before, or
            // built once this expansion has walked enough relationships
            // (over all its runs in the statement)
            let key = op as *const Op as usize;
            // (`u64::MAX`: views were tried and cannot serve this walk — a
            // fused comparison without codes — so they are not tried again)
            let mut walked = ctx.walked.borrow().get(&key).copied().unwrap_or(0);
            let threshold = views_after.unwrap_or(u64::MAX);
            let mut views = ctx
                .shared_graph()
                .and_then(|g| ViewWalk::new(g, op, walked >= threshold && walked != u64::MAX));
            let mut values = FusedValues::new(op);
            let mut tests: Option<Ends> = None;
            // (the read path only: nothing changes the graph meanwhile)
            let mut into = IntoTable::default();
            let tabling = *to_bound && ctx.shared_graph().is_some();
            let mut into_held = ctx.memory.share();
            let flow = run(input, ctx, row, &mut |row| {
                found.clear();
                let vals = values.get(row, ctx);
                let tests = tests.get_or_insert_with(|| Ends::new(ctx, op, row));
                expand_walk(
                    op,
                    &ctx.graph(),
                    row,
                    vals,
                    views.as_ref(),
                    tests,
                    tabling.then_some(&mut into),
                    |r, n, _| found.push((r, n)),
                )?;
                if into.bytes > 0 || into.freed > 0 {
                    into_held.sub(std::mem::take(&mut into.freed));
                    into_held.add(std::mem::take(&mut into.bytes))?;
                }
                if views.is_none()
                    && walked != u64::MAX
                    && let Some(g) = ctx.shared_graph()
                {
                    if let Value::Node(n) = &row[*from] {
                        walked = walked.saturating_add(g.degree(*n, *dir) as u64);
                    }
                    if walked >= threshold {
                        views = ViewWalk::new(g, op, true);
                        if views.is_none() {
                            walked = u64::MAX;
                        }
                    }
                }
                for &(r, n) in &found {
                    ctx.tick()?;
                    row[*rel] = Value::Rel(r);
                    row[*to] = Value::Node(n);
                    emit!(k, row);
                }
                Ok(Flow::Continue)
            });
            if views_after.is_some() {
                ctx.walked.borrow_mut().insert(key, walked);
            }
            flow
        }
        Op::RelScan {
            input,
            rel,
            from,
            to,
            ..
        } => {
            let mut tests: Option<Ends> = None;
            run(input, ctx, row, &mut |row| {
                // a scan reaches every candidate: their answers are found once,
                // first (they depend on the node alone, not on the input row)
                let tests = match &mut tests {
                    Some(e) => e,
                    None => {
                        let mut e = Ends::new(ctx, op, row);
                        e.make_eager(false)?;
                        tests.insert(e)
                    }
                };
                // read in batches so no borrow of the graph is held across `k`;
                // the slots in use at the start bound the scan
                let end = ctx.graph().rel_slots();
                let mut next = 0usize;
                let mut batch: Vec<(RelId, NodeId, NodeId)> = Vec::with_capacity(1024);
                while next < end {
                    let stop = (next + 1024).min(end);
                    batch.clear();
                    relscan_each(op, ctx, row, next..stop, tests, |r, a, b, _| {
                        batch.push((r, a, b))
                    })?;
                    next = stop;
                    ctx.tick()?;
                    for &(r, a, b) in &batch {
                        ctx.tick()?;
                        row[*rel] = Value::Rel(r);
                        row[*from] = Value::Node(a);
                        row[*to] = Value::Node(b);
                        emit!(k, row);
                    }
                }
                Ok(Flow::Continue)
            })
        }
        Op::VarExpand {
            input,
            from,
            rel,
            to,
            dir,
            types,
            min,
            max,
            to_bound,
            to_labels,
            to_tests,
            rel_props,
            distinct_from,
        } => run(input, ctx, row, &mut |row| {
            let Some((start, target)) = ends(row, *from, *to, *to_bound)? else {
                return Ok(Flow::Continue);
            };
            let props: Vec<(Sym, Value)> = match rel_props {
                Some(e) => {
                    let m = eval(e, row, ctx)?;
                    let g = ctx.graph();
                    map_entries(&m, "a relationship pattern")?
                        .into_iter()
                        .map(|(k, v)| (g.sym(&k).unwrap_or(Sym(u32::MAX)), v))
                        .collect()
                }
                None => vec![],
            };
            let excluded: Vec<RelId> = distinct_from
                .iter()
                .flat_map(|s| match &row[*s] {
                    Value::Rel(r) => vec![*r],
                    Value::List(l) => l
                        .iter()
                        .filter_map(|x| {
                            if let Value::Rel(r) = x {
                                Some(*r)
                            } else {
                                None
                            }
                        })
                        .collect(),
                    _ => vec![],
                })
                .collect();
            // the end tests: the bound end, the labels, then the plan's
            // predicates of the end node alone (once per node in this run;
            // the row's `to` is the node being tested while they run)
            let mut tested: FxHashMap<NodeId, bool> = FxHashMap::default();
            let saved_to = std::mem::replace(&mut row[*to], Value::Null);
            // iterative depth-first search over trails. On the read path
            // each is pushed on as it is found; on the write path a later
            // clause (a `CALL { }` that creates relationships) could change
            // the graph under the walk, so the trails from one start are
            // all found first (held against the memory budget), as before
            let stream = ctx.shared_graph().is_some();
            let mut found: Vec<(Vec<RelId>, NodeId)> = Vec::new();
            let mut held = ctx.memory.share();
            let flow = var_expand(
                ctx,
                start,
                *dir,
                types,
                *min,
                *max,
                &props,
                &excluded,
                &mut |path, end| {
                    {
                        let g = ctx.graph();
                        if target.is_some_and(|t| t != end)
                            || !to_labels.iter().all(|l| g.has_label(end, *l))
                        {
                            return Ok(Flow::Continue);
                        }
                    }
                    if !to_tests.is_empty() {
                        let ok = match tested.get(&end) {
                            Some(ok) => *ok,
                            None => {
                                row[*to] = Value::Node(end);
                                let mut ok = true;
                                for t in to_tests {
                                    if eval::predicate(t, row, ctx, "WHERE")? != Some(true) {
                                        ok = false;
                                        break;
                                    }
                                }
                                tested.insert(end, ok);
                                ok
                            }
                        };
                        if !ok {
                            return Ok(Flow::Continue);
                        }
                    }
                    if stream {
                        row[*rel] = Value::list(path.iter().map(|r| Value::Rel(*r)).collect());
                        row[*to] = Value::Node(end);
                        return k(row);
                    }
                    held.add(48 + 8 * path.len())?;
                    found.push((path.to_vec(), end));
                    Ok(Flow::Continue)
                },
            );
            row[*to] = saved_to;
            if flow? == Flow::Stop {
                return Ok(Flow::Stop);
            }
            for (path, end) in found {
                row[*rel] = Value::list(path.into_iter().map(Value::Rel).collect());
                row[*to] = Value::Node(end);
                emit!(k, row);
            }
            Ok(Flow::Continue)
        }),
        Op::ShortestPath {
            input,
            from,
            to,
            rel,
            path,
            dir,
            types,
            min,
            max,
            all,
            filter,
        } => run(input, ctx, row, &mut |row| {
            let (Some(a), Some(b)) = (
                node_of(&row[*from], "shortestPath")?,
                node_of(&row[*to], "shortestPath")?,
            ) else {
                return Ok(Flow::Continue);
            };
            let paths = shortest_paths(ctx, a, b, *dir, types, *min, *max, *all)?;
            for p in paths {
                row[*rel] = Value::list(p.rels.iter().map(|r| Value::Rel(*r)).collect());
                row[*path] = Value::Path(Arc::new(p));
                if let Some(f) = filter
                    && !eval(f, row, ctx)?.is_true()
                {
                    continue;
                }
                emit!(k, row);
            }
            Ok(Flow::Continue)
        }),
        Op::Filter { input, pred } => run(input, ctx, row, &mut |row| match eval::predicate(
            pred, row, ctx, "WHERE",
        )? {
            Some(true) => k(row),
            _ => Ok(Flow::Continue),
        }),
        Op::Optional {
            input,
            inner,
            nulls,
        } => run(input, ctx, row, &mut |row| {
            let mut found = false;
            let f = run(inner, ctx, row, &mut |r| {
                found = true;
                k(r)
            })?;
            if f == Flow::Stop {
                return Ok(Flow::Stop);
            }
            if !found {
                for s in nulls {
                    row[*s] = Value::Null;
                }
                return k(row);
            }
            Ok(Flow::Continue)
        }),
        Op::Apply {
            input,
            inner,
            unit,
            batch,
        } => {
            // IN TRANSACTIONS: what the inner query did is validated and
            // committed every `n` input rows, so big loads keep a small undo log
            let batch = match batch {
                Some(e) => Some(count_arg(&eval(e, row, ctx)?, "IN TRANSACTIONS OF")?.max(1)),
                None => None,
            };
            let mut done = 0usize;
            // a unit subquery's row buffer, refilled for each outer row
            // (reusing its allocation)
            let mut rr: Row = Vec::new();
            let mut sp = match batch {
                Some(_) => {
                    let mut g = ctx.graph_mut()?;
                    no_open_transaction(&g, "CALL { } IN TRANSACTIONS")?;
                    Some(g.savepoint())
                }
                None => None,
            };
            let f = run(input, ctx, row, &mut |row| {
                let f = if *unit {
                    // a unit subquery runs for its effects; the outer row passes on
                    rr.clone_from(row);
                    run(inner, ctx, &mut rr, &mut |_| Ok(Flow::Continue))?;
                    k(row)?
                } else {
                    run(inner, ctx, row, k)?
                };
                done += 1;
                if let (Some(n), Some(s)) = (batch, sp)
                    && done.is_multiple_of(n)
                {
                    let mut g = ctx.graph_mut()?;
                    g.validate_since(s)?;
                    g.commit()?;
                    sp = Some(g.savepoint());
                }
                Ok(f)
            })?;
            if let Some(s) = sp {
                ctx.graph_mut()?.validate_since(s)?;
            }
            Ok(f)
        }
        Op::Project { input, items } => run(input, ctx, row, &mut |row| {
            if items.len() == 1 {
                let v = eval(&items[0].1, row, ctx)?;
                row[items[0].0] = v;
            } else {
                let mut vals = Vec::with_capacity(items.len());
                for (_, e) in items {
                    vals.push(eval(e, row, ctx)?);
                }
                for ((s, _), v) in items.iter().zip(vals) {
                    row[*s] = v;
                }
            }
            k(row)
        }),
        Op::Aggregate {
            input,
            keys,
            aggs,
            grouping,
        } => {
            let base = row.clone();
            // the strategy is the plan's (`plan::grouping`): counted inside
            // the expansion, grouped by node first, or row by row
            let mut groups: Vec<(Vec<GroupKey>, Vec<Accumulator>)> = if let Some(c) =
                &grouping.counted
            {
                let (raw, merge) = super::fused::Fusion::new(input, c).run(ctx, row, keys)?;
                resolve_node_keys(raw, keys, aggs, grouping, &base, merge, ctx)?
            } else if !grouping.by_node.is_empty() {
                // each node's key evaluated once, the groups holding
                // the node standing for its value (see `Classes`)
                let mut classes: Vec<Classes> = keys.iter().map(|_| Classes::default()).collect();
                let mut scratch = base.clone();
                let mut classes_held = ctx.memory.share();
                let raw = group_rows(input, ctx, row, aggs, |row, kv| {
                    for (i, (_, e)) in keys.iter().enumerate() {
                        let node = grouping.node_of(i).and_then(|s| match &row[s] {
                            Value::Node(n) => Some((s, *n)),
                            _ => None,
                        });
                        kv.push(match node {
                            Some((s, n)) => {
                                let (c, bytes) = classes[i].class(n, &[e], s, &mut scratch, ctx)?;
                                classes_held.add(bytes)?;
                                RawKey::Node(classes[i].rep(c)?)
                            }
                            None => RawKey::Value(GroupKey(eval(e, row, ctx)?)),
                        });
                    }
                    Ok(())
                })?;
                resolve_node_keys(raw, keys, aggs, grouping, &base, true, ctx)?
            } else {
                group_rows(input, ctx, row, aggs, |row, kv| {
                    for (_, e) in keys {
                        kv.push(GroupKey(eval(e, row, ctx)?));
                    }
                    Ok(())
                })?
            };
            if groups.is_empty() && keys.is_empty() {
                groups.push((vec![], new_accs(aggs)));
            }
            for (kv, accs) in groups {
                let mut out = base.clone();
                for ((s, _), v) in keys.iter().zip(kv) {
                    out[*s] = v.0;
                }
                for ((s, _), acc) in aggs.iter().zip(accs) {
                    out[*s] = acc.finish()?;
                }
                emit!(k, &mut out);
            }
            Ok(Flow::Continue)
        }
        Op::Distinct { input, slots } => {
            let mut seen: rustc_hash::FxHashSet<Vec<GroupKey>> = Default::default();
            let mut held = ctx.memory.share();
            run(input, ctx, row, &mut |row| {
                let key: Vec<GroupKey> = slots.iter().map(|s| GroupKey(row[*s].clone())).collect();
                if seen.insert(key) {
                    held.add(
                        32 + slots
                            .iter()
                            .map(|s| memory::value_bytes(&row[*s]))
                            .sum::<usize>(),
                    )?;
                    k(row)
                } else {
                    Ok(Flow::Continue)
                }
            })
        }
        Op::Sort { input, keys, limit } => {
            let cmp = |a: &(Vec<Value>, Row), b: &(Vec<Value>, Row)| {
                for (i, (_, desc)) in keys.iter().enumerate() {
                    let o = a.0[i].order(&b.0[i]);
                    let o = if *desc { o.reverse() } else { o };
                    if o != std::cmp::Ordering::Equal {
                        return o;
                    }
                }
                std::cmp::Ordering::Equal
            };
            // with a LIMIT only its first `n` rows are kept: the buffer is
            // cut back to them whenever it doubles (a stable sort, so ties
            // keep their input order, as a full sort then LIMIT would)
            let keep = match limit {
                Some(l) => Some(count_arg(&eval(l, row, ctx)?, "LIMIT")?).filter(|n| *n > 0),
                None => None,
            };
            let bytes = |r: &(Vec<Value>, Row)| memory::row_bytes(&r.0) + memory::row_bytes(&r.1);
            let mut rows: Vec<(Vec<Value>, Row)> = Vec::new();
            let mut held = ctx.memory.share();
            run(input, ctx, row, &mut |row| {
                ctx.tick()?;
                let mut kv = Vec::with_capacity(keys.len());
                for (e, _) in keys {
                    kv.push(eval(e, row, ctx)?);
                }
                let r = (kv, row.clone());
                held.add(bytes(&r))?;
                rows.push(r);
                if let Some(n) = keep
                    && rows.len() >= 2 * n + 4096
                {
                    rows.sort_by(cmp);
                    held.sub(rows[n..].iter().map(bytes).sum());
                    rows.truncate(n);
                }
                Ok(Flow::Continue)
            })?;
            rows.sort_by(cmp);
            if let Some(n) = keep {
                rows.truncate(n);
            }
            for (_, mut r) in rows {
                emit!(k, &mut r);
            }
            Ok(Flow::Continue)
        }
        Op::Skip { input, count } => {
            let n = count_arg(&eval(count, row, ctx)?, "SKIP")?;
            let mut seen = 0usize;
            run(input, ctx, row, &mut |row| {
                if seen < n {
                    seen += 1;
                    return Ok(Flow::Continue);
                }
                k(row)
            })
        }
        Op::Limit { input, count } => {
            let n = count_arg(&eval(count, row, ctx)?, "LIMIT")?;
            let mut seen = 0usize;
            let mut consumer_stopped = false;
            run(input, ctx, row, &mut |row| {
                if seen >= n {
                    return Ok(Flow::Stop);
                }
                seen += 1;
                if k(row)? == Flow::Stop {
                    consumer_stopped = true;
                    return Ok(Flow::Stop);
                }
                Ok(if seen >= n {
                    Flow::Stop
                } else {
                    Flow::Continue
                })
            })?;
            // LIMIT stopping its own input is not its consumer asking to stop
            Ok(if consumer_stopped {
                Flow::Stop
            } else {
                Flow::Continue
            })
        }
        Op::Unwind {
            input,
            expr: PExpr::Func(_, args),
            slot,
            streamed: true,
        } => run(input, ctx, row, &mut |row| {
            let mut vals = Vec::with_capacity(args.len());
            for a in args {
                vals.push(eval(a, row, ctx)?);
            }
            // a null argument makes the list null: no rows
            if vals.iter().any(Value::is_null) {
                return Ok(Flow::Continue);
            }
            let (start, step, count) = super::functions::range_bounds(&vals)?;
            let mut cur = start as i128;
            for _ in 0..count {
                ctx.tick()?;
                row[*slot] = Value::Int(cur as i64);
                emit!(k, row);
                cur += step as i128;
            }
            Ok(Flow::Continue)
        }),
        Op::Unwind {
            input, expr, slot, ..
        } => run(input, ctx, row, &mut |row| {
            let v = eval(expr, row, ctx)?;
            match v {
                Value::Null => Ok(Flow::Continue),
                Value::List(l) => {
                    for x in l.iter() {
                        ctx.tick()?;
                        row[*slot] = x.clone();
                        emit!(k, row);
                    }
                    Ok(Flow::Continue)
                }
                other => {
                    row[*slot] = other;
                    k(row)
                }
            }
        }),
        Op::Union { branches } => {
            for b in branches {
                let mut r = row.clone();
                if run(b, ctx, &mut r, k)? == Flow::Stop {
                    return Ok(Flow::Stop);
                }
            }
            Ok(Flow::Continue)
        }
        Op::Create { input, patterns } if one_row(input) => run(input, ctx, row, &mut |r| {
            for p in patterns {
                create_pattern(p, r, ctx, false)?;
            }
            k(r)
        }),
        Op::Create { input, patterns } => {
            let mut rows = collect(input, ctx, row)?;
            for r in rows.iter_mut() {
                for p in patterns {
                    create_pattern(p, r, ctx, false)?;
                }
            }
            for mut r in rows {
                emit!(k, &mut r);
            }
            Ok(Flow::Continue)
        }
        Op::Merge {
            input,
            matcher,
            create,
            on_match,
            on_create,
        } => {
            let slots = pattern_slots(create);
            if one_row(input) {
                // the input's one row is complete before anything is
                // written: it needs no copy
                return run(input, ctx, row, &mut |r| {
                    let found = merge_matches(matcher, &slots, r, ctx)?;
                    if found.is_empty() {
                        create_pattern(create, r, ctx, true)?;
                        apply_sets(on_create, r, ctx)?;
                        return k(r);
                    }
                    for m in found.chunks(slots.len().max(1)) {
                        put_slots(r, &slots, m);
                        apply_sets(on_match, r, ctx)?;
                    }
                    for m in found.chunks(slots.len().max(1)) {
                        put_slots(r, &slots, m);
                        emit!(k, r);
                    }
                    Ok(Flow::Continue)
                });
            }
            let mut rows = collect(input, ctx, row)?;
            // a row's further matches (rare), each after the row it came from
            let mut more: Vec<(usize, Row)> = Vec::new();
            let width = slots.len().max(1);
            for (i, r) in rows.iter_mut().enumerate() {
                let found = merge_matches(matcher, &slots, r, ctx)?;
                if found.is_empty() {
                    create_pattern(create, r, ctx, true)?;
                    apply_sets(on_create, r, ctx)?;
                    continue;
                }
                let mut matches = found.chunks(width);
                if let Some(first) = matches.next() {
                    put_slots(r, &slots, first);
                    apply_sets(on_match, r, ctx)?;
                }
                for m in matches {
                    let mut extra = r.clone();
                    put_slots(&mut extra, &slots, m);
                    apply_sets(on_match, &extra, ctx)?;
                    more.push((i, extra));
                }
            }
            // ON MATCH / ON CREATE SET may change what the variables see
            let mut more = more.into_iter().peekable();
            for (i, mut r) in rows.into_iter().enumerate() {
                emit!(k, &mut r);
                while let Some((_, mut extra)) = more.next_if(|(j, _)| *j == i) {
                    emit!(k, &mut extra);
                }
            }
            Ok(Flow::Continue)
        }
        Op::Set { input, items } => {
            let rows = collect(input, ctx, row)?;
            for r in &rows {
                apply_sets(items, r, ctx)?;
            }
            for mut r in rows {
                emit!(k, &mut r);
            }
            Ok(Flow::Continue)
        }
        Op::Delete {
            input,
            exprs,
            detach,
        } => {
            let rows = collect(input, ctx, row)?;
            for r in &rows {
                for e in exprs {
                    let v = eval(e, r, ctx)?;
                    delete_value(&v, *detach, ctx)?;
                }
            }
            for mut r in rows {
                emit!(k, &mut r);
            }
            Ok(Flow::Continue)
        }
        Op::Foreach {
            input,
            slot,
            list,
            body,
        } => {
            let rows = collect(input, ctx, row)?;
            for r in &rows {
                let l = eval(list, r, ctx)?;
                let items = match l {
                    Value::Null => continue,
                    Value::List(l) => l,
                    other => {
                        return Err(type_err(format!(
                            "FOREACH expects a List, got {}",
                            describe(&other)
                        )));
                    }
                };
                for x in items.iter() {
                    let mut rr = r.clone();
                    rr[*slot] = x.clone();
                    run(body, ctx, &mut rr, &mut |_| Ok(Flow::Continue))?;
                }
            }
            for mut r in rows {
                emit!(k, &mut r);
            }
            Ok(Flow::Continue)
        }
        Op::Call {
            input,
            proc,
            args,
            yields,
            span,
        } => run(input, ctx, row, &mut |row| {
            let out = match proc {
                Procedure::ImportRelationships => {
                    let [file, config] = &args[..] else {
                        return Err(Error::runtime(
                            "InternalError",
                            "internal error: plenary.import.relationships compiled without its two arguments",
                        ));
                    };
                    let file = eval(file, row, ctx)?;
                    let config = eval(config, row, ctx)?;
                    vec![
                        super::import::relationships(ctx, &file, &config)
                            .map_err(|e| super::csv::locate(e, *span))?,
                    ]
                }
                Procedure::FulltextNodes
                | Procedure::FulltextRelationships
                | Procedure::VectorNodes
                | Procedure::VectorRelationships => {
                    let vals = args
                        .iter()
                        .map(|a| eval(a, row, ctx))
                        .collect::<Result<Vec<_>>>()?;
                    let found = match proc {
                        Procedure::FulltextNodes | Procedure::FulltextRelationships => {
                            fulltext_rows(*proc, &ctx.graph(), &vals)
                        }
                        _ => vector_rows(*proc, &ctx.graph(), &vals),
                    };
                    let rows = found.map_err(|e| {
                        let msg = format!(
                            "failed to invoke procedure `{}`: {}",
                            proc.name(),
                            e.message()
                        );
                        Error::new(ErrorKind::ProcedureError, "ProcedureCallFailed", msg).at(*span)
                    })?;
                    // the hits are held until the last is passed on
                    ctx.memory.fits(rows.len().saturating_mul(96))?;
                    rows
                }
                p if p.is_algo() => {
                    let [config] = &args[..] else {
                        return Err(Error::runtime(
                            "InternalError",
                            format!("internal error: {} compiled without its config", p.name()),
                        ));
                    };
                    let config = eval(config, row, ctx)?;
                    crate::algo::run(*p, &ctx.graph(), &config, &mut || ctx.tick())?
                }
                _ => procedure_rows(*proc, &ctx.graph()),
            };
            for fields in out {
                for (i, s) in yields {
                    row[*s] = fields.get(*i).cloned().unwrap_or(Value::Null);
                }
                emit!(k, row);
            }
            Ok(Flow::Continue)
        }),
        Op::LoadCsv {
            input,
            url,
            span,
            slot,
            headers,
            delimiter,
        } => run(input, ctx, row, &mut |row| {
            let u = eval(url, row, ctx)?;
            let Value::String(path) = u else {
                return Err(type_err(format!(
                    "LOAD CSV expects a String path or URL, got {}",
                    describe(&u)
                )));
            };
            super::csv::load(ctx, &path, *headers, *delimiter, &mut |v| {
                row[*slot] = v;
                k(row)
            })
            .map_err(|e| super::csv::locate(e, *span))
        }),
    }
}

/// The rows of `db.index.fulltext.queryNodes` / `queryRelationships`:
/// (entity, score), best first, after the options' `skip` and `limit`.
fn fulltext_rows(proc: Procedure, g: &Graph, args: &[Value]) -> Result<Vec<Vec<Value>>> {
    let arg_err = |msg: String| Error::new(ErrorKind::ArgumentError, "InvalidArgumentType", msg);
    let (Some(Value::String(name)), Some(Value::String(text))) = (args.first(), args.get(1)) else {
        return Err(arg_err(format!(
            "the index name and the query must be strings, got {} and {}",
            args.first().map_or("nothing".into(), describe),
            args.get(1).map_or("nothing".into(), describe)
        )));
    };
    let (mut skip, mut limit) = (0usize, usize::MAX);
    match args.get(2) {
        None | Some(Value::Null) => {}
        Some(Value::Map(m)) => {
            for (k, v) in m.iter() {
                let n = match v {
                    Value::Int(n) if *n >= 0 => *n as usize,
                    _ => {
                        return Err(arg_err(format!(
                            "option `{k}` takes a non-negative integer, got {}",
                            describe(v)
                        )));
                    }
                };
                match &**k {
                    "skip" => skip = n,
                    "limit" => limit = n,
                    "analyzer" => {
                        return Err(arg_err(
                            "option `analyzer` is not supported: a query uses its index's analyzer"
                                .into(),
                        ));
                    }
                    other => {
                        return Err(arg_err(format!(
                            "unknown option `{other}`; the options are skip and limit"
                        )));
                    }
                }
            }
        }
        Some(v) => {
            return Err(arg_err(format!(
                "the options must be a map ({{skip: 0, limit: 10}}), got {}",
                describe(v)
            )));
        }
    }
    let entity = if proc == Procedure::FulltextNodes {
        crate::store::Entity::Node
    } else {
        crate::store::Entity::Relationship
    };
    let top = (limit != usize::MAX).then(|| skip.saturating_add(limit));
    let ranked = g.fulltext_search(name, entity, text, top)?;
    Ok(hit_rows(entity, ranked.into_iter().skip(skip).take(limit)))
}

/// The rows of `db.index.vector.queryNodes` / `queryRelationships`: the
/// k nearest (entity, score), best first.
fn vector_rows(proc: Procedure, g: &Graph, args: &[Value]) -> Result<Vec<Vec<Value>>> {
    let arg_err = |msg: String| Error::new(ErrorKind::ArgumentError, "InvalidArgumentType", msg);
    let Some(Value::String(name)) = args.first() else {
        return Err(arg_err(format!(
            "the index name must be a string, got {}",
            args.first().map_or("nothing".into(), describe)
        )));
    };
    let k = match args.get(1) {
        Some(Value::Int(k)) if *k > 0 => *k as usize,
        other => {
            return Err(arg_err(format!(
                "the number of nearest neighbours must be a positive integer, got {}",
                other.map_or("nothing".into(), describe)
            )));
        }
    };
    let Some(query) = args.get(2).and_then(crate::store::vector::as_vector) else {
        return Err(arg_err(format!(
            "the query vector must be a list of finite numbers, got {}",
            args.get(2).map_or("nothing".into(), describe)
        )));
    };
    let entity = if proc == Procedure::VectorNodes {
        crate::store::Entity::Node
    } else {
        crate::store::Entity::Relationship
    };
    Ok(hit_rows(entity, g.vector_search(name, entity, k, &query)?))
}

/// An index search's hits as rows (the node or relationship, its score).
fn hit_rows(
    entity: crate::store::Entity,
    hits: impl IntoIterator<Item = (u32, f64)>,
) -> Vec<Vec<Value>> {
    hits.into_iter()
        .map(|(id, score)| {
            let e = match entity {
                crate::store::Entity::Node => Value::Node(crate::value::NodeId(id)),
                crate::store::Entity::Relationship => Value::Rel(crate::value::RelId(id)),
            };
            vec![e, Value::Float(score)]
        })
        .collect()
}

/// Refuses to commit in batches (IN TRANSACTIONS, an import's
/// `batchSize`) inside an explicit transaction: a batch's commit would make
/// the transaction's earlier statements permanent too, which its ROLLBACK
/// could then no longer undo.
pub(super) fn no_open_transaction(g: &Graph, what: &str) -> Result<()> {
    if g.transaction_owner().is_some() {
        return Err(Error::runtime(
            "BatchInTransaction",
            format!(
                "{what} commits in batches, which cannot happen inside an explicit transaction (BEGIN … COMMIT); run it outside the transaction"
            ),
        ));
    }
    Ok(())
}

/// Whether a MERGE's `matcher` certainly finds nothing for `row` without
/// running it: a single relationship between two bound nodes that no
/// relationship joins (the store's pair filter says so). Not under PROFILE,
/// which reports the matcher's rows.
fn surely_unjoined(matcher: &Op, row: &Row, ctx: &Ctx) -> Result<bool> {
    if ctx.profiling() {
        return Ok(false);
    }
    let Op::Expand {
        input,
        from,
        to,
        to_bound: true,
        rel_bound: false,
        ..
    } = matcher
    else {
        return Ok(false);
    };
    if !matches!(**input, Op::Argument) {
        return Ok(false);
    }
    let (Value::Node(a), Value::Node(b)) = (&row[*from], &row[*to]) else {
        return Ok(false);
    };
    let (a, b) = (*a, *b);
    Ok(!ctx.graph_mut()?.may_be_joined(a, b))
}

/// Whether `op` yields at most one row for its argument row, and has
/// nothing left to do once it has passed that row on: an updating operator
/// over it can write as soon as the row arrives (and write into it) rather
/// than collect a copy first.
fn one_row(op: &Op) -> bool {
    match op {
        Op::Argument => true,
        Op::Project { input, .. } | Op::Filter { input, .. } => one_row(input),
        _ => false,
    }
}

/// The slots a MERGE pattern binds (its new nodes, relationships and
/// paths): all that its matcher's rows add to the input row.
fn pattern_slots(p: &CreatePattern) -> SmallVec<[Slot; 4]> {
    let nodes = p.nodes.iter().filter(|n| !n.bound).map(|n| n.slot);
    let rels = p.rels.iter().map(|r| r.slot);
    nodes
        .chain(rels)
        .chain(p.paths.iter().map(|(s, _)| *s))
        .collect()
}

/// Runs a MERGE's matcher on `row` (which it may overwrite: the caller
/// then sets the pattern's slots) and returns, for each match, the values
/// of `slots`, back to back — no copy of the whole row per match.
fn merge_matches(
    matcher: &Op,
    slots: &[Slot],
    row: &mut Row,
    ctx: &Ctx,
) -> Result<SmallVec<[Value; 4]>> {
    let mut found = SmallVec::new();
    if surely_unjoined(matcher, row, ctx)? {
        return Ok(found);
    }
    run(matcher, ctx, row, &mut |r| {
        if slots.is_empty() {
            // a pattern that binds nothing new: one placeholder per match
            found.push(Value::Null);
        } else {
            found.extend(slots.iter().map(|s| r[*s].clone()));
        }
        Ok(Flow::Continue)
    })?;
    Ok(found)
}

/// Writes one match's `values` into the pattern's `slots` of `row`.
fn put_slots(row: &mut Row, slots: &[Slot], values: &[Value]) {
    for (s, v) in slots.iter().zip(values) {
        row[*s] = v.clone();
    }
}

/// What a walk reports as the view entry of a relationship it read from
/// the records instead (see [`expand_walk`]).
pub(super) const NO_ENTRY: usize = usize::MAX;

/// Both ends bound (`ExpandInto`) with at least this many relationships
/// each: a bound end that repeats is answered from its table.
pub(crate) const INTO_TABLE_MIN: usize = 64;

/// An `ExpandInto`'s table of the relationships of its bound end (`to`)
/// by the node at their other end, made when the same node is bound there
/// in two rows running and both ends have at least [`INTO_TABLE_MIN`]
/// relationships (only on the read path, in one direction): each later
/// row with that node finds its relationships by one lookup instead of a
/// walk over the smaller end's list (`MATCH (a)-->(r)<--(b)` with `b`
/// fixed while `r` runs over `a`'s thousands of neighbours). Parallel
/// relationships keep the order a walk finds them in (newest first).
#[derive(Debug, Default)]
pub(super) struct IntoTable {
    /// The node bound at `to` in the previous row.
    last: Option<NodeId>,
    /// The node tabled and its relationships by other end.
    table: Option<(NodeId, FxHashMap<NodeId, SmallVec<[RelId; 2]>>)>,
    /// Bytes of a table made and not yet charged, and of one dropped and
    /// not yet given back (the operator settles them with the statement's
    /// budget).
    pub(super) bytes: usize,
    pub(super) freed: usize,
}

impl IntoTable {
    /// The relationships from `start` to `t` by the table of `t`, when it
    /// answers this row.
    fn rels(
        &mut self,
        g: &Graph,
        start: NodeId,
        t: NodeId,
        dir: Dir,
        types: &[Sym],
    ) -> Option<&[RelId]> {
        let repeated = self.last == Some(t);
        self.last = Some(t);
        if dir == Dir::Both
            || g.degree(start, dir) < INTO_TABLE_MIN
            || g.degree(t, dir.reverse()) < INTO_TABLE_MIN
        {
            return None;
        }
        if self.table.as_ref().is_none_or(|(n, _)| *n != t) {
            if !repeated {
                return None;
            }
            let mut map: FxHashMap<NodeId, SmallVec<[RelId; 2]>> = FxHashMap::default();
            g.for_each_rel(t, dir.reverse(), types, |r, n, _| {
                map.entry(n).or_default().push(r)
            });
            self.bytes += 48 * map.len();
            if let Some((_, old)) = self.table.replace((t, map)) {
                self.freed += 48 * old.len();
            }
        }
        let (_, map) = self.table.as_ref()?;
        Some(map.get(&start).map_or(&[][..], |v| &v[..]))
    }
}

/// The relationships an `Op::Expand` finds for the input `row`: `f(r, n, p)`
/// for each relationship `r` reaching node `n` that passes the operator's
/// fused tests, in adjacency order, given the values of its fused
/// comparisons ([`fused_values`]); a value that could not be computed is
/// reported only once a relationship would have reached it. Needs only the
/// graph, so other threads can run it. With `views` prepared for `op`,
/// walks them rather than the records when the row's values allow; `p` is
/// then the relationship's entry in the view (so columns aligned with it can
/// be read), else [`NO_ENTRY`]. With `into` (an `ExpandInto` on the read
/// path), a repeating bound end may be answered from its table.
#[allow(clippy::too_many_arguments)]
pub(super) fn expand_walk(
    op: &Op,
    g: &Graph,
    row: &Row,
    vals: &Result<Vec<Value>>,
    views: Option<&ViewWalk>,
    node_ok: &mut impl EndCheck,
    into: Option<&mut IntoTable>,
    mut f: impl FnMut(RelId, NodeId, usize),
) -> Result<()> {
    let Op::Expand {
        from,
        rel,
        to,
        dir,
        types,
        to_bound,
        to_labels,
        distinct_from,
        rel_bound,
        rel_props,
        to_not,
        to_props,
        ..
    } = op
    else {
        return Err(Error::runtime(
            "InternalError",
            "internal error: expand_walk on another operator",
        ));
    };
    let Some((start, target)) = ends(row, *from, *to, *to_bound)? else {
        return Ok(());
    };
    let want_rel = if *rel_bound {
        match &row[*rel] {
            Value::Rel(r) => Some(*r),
            _ => return Ok(()),
        }
    } else {
        None
    };
    if !g.node_exists(start) {
        return Ok(());
    }
    // the values of the reached node's comparisons (after the
    // relationship's); `None` when they failed (everything passes, the
    // error is reported once something is found)
    let node_vals = vals
        .as_ref()
        .ok()
        .map(|v| v.get(rel_props.len()..).unwrap_or(&[]));
    // what is tested of a relationship found, but its properties and the
    // labels at its other end
    let mut rest_ok = |r: RelId, n: NodeId| {
        node_vals.is_none_or(|v| {
            to_props
                .iter()
                .zip(v)
                .all(|(t, v)| t.passes(g.node_prop(n, t.key), v))
        }) && to_not.iter().all(|s| match &row[*s] {
            Value::Node(x) => *x != n,
            Value::Null => false,
            _ => true,
        }) && !distinct_from.iter().any(|s| rel_in(&row[*s], r))
            && node_ok.ok(1, n)
    };
    let mut any = false;
    if let Some(vw) = views
        && target.is_none()
        && want_rel.is_none()
        && let Some(tests) = vw.tests(vals)
    {
        let view = vw.view();
        for p in view.entries(start) {
            if vw.passes(&tests, p) {
                let (r, n) = (view.rel(p), view.other(p));
                if vw.end_ok(1, n) && rest_ok(r, n) {
                    any = true;
                    f(r, n, p);
                }
            }
        }
        if let Some(e) = node_ok.error() {
            return Err(e);
        }
        return failed_if_found(vals, any);
    }
    let mut keep = |r: RelId, n: NodeId, rec: &RelRec| {
        want_rel.is_none_or(|w| w == r)
            && props_match(rec, rel_props, vals)
            && to_labels.iter().all(|l| g.has_label(n, *l))
            && rest_ok(r, n)
    };
    // both ends bound, each with many relationships, and the bound end
    // the same as the previous row's: its table of relationships by
    // other end answers (see `IntoTable`)
    let tabled = match (target, into) {
        (Some(t), Some(into)) => into.rels(g, start, t, *dir, types),
        _ => None,
    };
    if let (Some(rels), Some(t)) = (tabled, target) {
        for &r in rels {
            if let Some(rec) = g.rel(r)
                && keep(r, t, rec)
            {
                any = true;
                f(r, t, NO_ENTRY);
            }
        }
        if let Some(e) = node_ok.error() {
            return Err(e);
        }
        return failed_if_found(vals, any);
    }
    match target {
        // both ends bound: walk the side with fewer relationships
        Some(t) if g.degree(t, dir.reverse()) < g.degree(start, *dir) => {
            g.for_each_rel(t, dir.reverse(), types, |r, n, rec| {
                if n == start && keep(r, t, rec) {
                    any = true;
                    f(r, t, NO_ENTRY);
                }
            })
        }
        _ => g.for_each_rel(start, *dir, types, |r, n, rec| {
            if target.is_none_or(|t| t == n) && keep(r, n, rec) {
                any = true;
                f(r, n, NO_ENTRY);
            }
        }),
    }
    if let Some(e) = node_ok.error() {
        return Err(e);
    }
    failed_if_found(vals, any)
}

/// The relationships an `Op::RelScan` finds among the relationship slots
/// `range` for the input `row`: `f(r, a, b, p)` for each, `a` bound to the
/// pattern's `from` and `b` to its `to` (an undirected scan reports a
/// relationship both ways round). The graph stays borrowed while `f` runs.
pub(super) fn relscan_each(
    op: &Op,
    ctx: &Ctx,
    row: &Row,
    range: std::ops::Range<usize>,
    node_ok: &mut impl EndCheck,
    f: impl FnMut(RelId, NodeId, NodeId, usize),
) -> Result<()> {
    let vals = fused_values(op, row, ctx);
    relscan_walk(op, &ctx.graph(), row, &vals, None, range, node_ok, f)
}

/// [`relscan_each`] with the values of the fused comparisons computed:
/// needs only the graph, so other threads can run it. With `views`
/// prepared for `op` (and codes for the row's values: see
/// [`ViewWalk::tests`]), `range` is a range of the view's entries rather
/// than of relationship slots.
#[allow(clippy::too_many_arguments)]
pub(super) fn relscan_walk(
    op: &Op,
    g: &Graph,
    row: &Row,
    vals: &Result<Vec<Value>>,
    views: Option<&ViewWalk>,
    range: std::ops::Range<usize>,
    node_ok: &mut impl EndCheck,
    mut f: impl FnMut(RelId, NodeId, NodeId, usize),
) -> Result<()> {
    let Op::RelScan {
        dir,
        types,
        distinct_from,
        rel_props,
        end_labels,
        ..
    } = op
    else {
        return Err(Error::runtime(
            "InternalError",
            "internal error: relscan_each on another operator",
        ));
    };
    let ends_ok = |a: NodeId, b: NodeId| {
        end_labels[0].iter().all(|l| g.has_label(a, *l))
            && end_labels[1].iter().all(|l| g.has_label(b, *l))
    };
    let mut any = false;
    if let Some(vw) = views {
        let view = vw.view();
        // the caller walks the records when the values have no codes
        let Some(tests) = vw.tests(vals) else {
            return Err(Error::runtime(
                "InternalError",
                "internal error: a view walk without codes",
            ));
        };
        let mut a = if range.is_empty() {
            NodeId(0)
        } else {
            view.owner(range.start)
        };
        let mut end = view.entries(a).end;
        for p in range {
            while p >= end {
                a = NodeId(a.0 + 1);
                end = view.entries(a).end;
            }
            if !vw.passes(&tests, p) {
                continue;
            }
            let (r, b) = (view.rel(p), view.other(p));
            if distinct_from.iter().any(|s| rel_in(&row[*s], r)) {
                continue;
            }
            if vw.end_ok(0, a) && vw.end_ok(1, b) && node_ok.ok(0, a) && node_ok.ok(1, b) {
                any = true;
                f(r, a, b, p);
            }
            if *dir == Dir::Both
                && a != b
                && vw.end_ok(0, b)
                && vw.end_ok(1, a)
                && node_ok.ok(0, b)
                && node_ok.ok(1, a)
            {
                any = true;
                f(r, b, a, p);
            }
        }
        if let Some(e) = node_ok.error() {
            return Err(e);
        }
        return failed_if_found(vals, any);
    }
    for (r, a, b, rec) in g.rels_of_types(types, range) {
        if !props_match(rec, rel_props, vals) || distinct_from.iter().any(|s| rel_in(&row[*s], r)) {
            continue;
        }
        if ends_ok(a, b) && node_ok.ok(0, a) && node_ok.ok(1, b) {
            any = true;
            f(r, a, b, NO_ENTRY);
        }
        if *dir == Dir::Both && a != b && ends_ok(b, a) && node_ok.ok(0, b) && node_ok.ok(1, a) {
            any = true;
            f(r, b, a, NO_ENTRY);
        }
    }
    if let Some(e) = node_ok.error() {
        return Err(e);
    }
    failed_if_found(vals, any)
}

/// The values of an operator's fused comparisons for each input row,
/// computed once when they are the same for every row (constants and
/// parameters: see [`fixed`]).
pub(super) struct FusedValues<'o> {
    op: &'o Op,
    fixed: bool,
    once: Option<Result<Vec<Value>>>,
    row: Option<Result<Vec<Value>>>,
}

impl<'o> FusedValues<'o> {
    pub(super) fn new(op: &'o Op) -> FusedValues<'o> {
        let fixed = match op {
            Op::Expand {
                rel_props,
                to_props,
                ..
            } => rel_props.iter().chain(to_props).all(|t| fixed(&t.value)),
            Op::RelScan { rel_props, .. } => rel_props.iter().all(|t| fixed(&t.value)),
            _ => true,
        };
        FusedValues {
            op,
            fixed,
            once: None,
            row: None,
        }
    }

    /// The values [`FusedValues::get`] returned last, to keep (moved out
    /// when they were computed for that row).
    pub(super) fn take(&mut self) -> Result<Vec<Value>> {
        match (self.row.take(), &self.once) {
            (Some(v), _) => v,
            (None, Some(v)) => v.clone(),
            (None, None) => Ok(Vec::new()),
        }
    }

    /// The values for `row`.
    pub(super) fn get(&mut self, row: &Row, ctx: &Ctx) -> &Result<Vec<Value>> {
        if self.fixed {
            self.once
                .get_or_insert_with(|| fused_values(self.op, row, ctx))
        } else {
            self.row.insert(fused_values(self.op, row, ctx))
        }
    }
}

/// Whether a value is the same for every row: a constant, a parameter, or
/// a list of them.
pub(super) fn fixed(e: &PExpr) -> bool {
    match e {
        PExpr::Const(_) | PExpr::Param(_) => true,
        PExpr::List(items) => items.iter().all(fixed),
        _ => false,
    }
}

/// The values an operator's fused property comparisons compare with, for
/// this row (see [`expand_walk`], [`relscan_walk`]).
pub(super) fn fused_values(op: &Op, row: &Row, ctx: &Ctx) -> Result<Vec<Value>> {
    match op {
        // the relationship's, then the reached node's
        Op::Expand {
            rel_props,
            to_props,
            ..
        } if !(rel_props.is_empty() && to_props.is_empty()) => {
            prop_values(rel_props.iter().chain(to_props), row, ctx)
        }
        Op::RelScan { rel_props, .. } if !rel_props.is_empty() => prop_values(rel_props, row, ctx),
        _ => Ok(Vec::new()),
    }
}

/// The start node of an expansion and, when the far end is bound, the
/// node it must reach; `None` when either is null (no match).
fn ends(
    row: &Row,
    from: usize,
    to: usize,
    to_bound: bool,
) -> Result<Option<(NodeId, Option<NodeId>)>> {
    let Some(start) = node_of(&row[from], "a relationship pattern")? else {
        return Ok(None);
    };
    if !to_bound {
        return Ok(Some((start, None)));
    }
    Ok(node_of(&row[to], "a relationship pattern")?.map(|t| (start, Some(t))))
}

fn scan_filter(g: &Graph, label: Sym, key: Sym, f: impl Fn(&Value) -> bool) -> Vec<NodeId> {
    g.nodes_with_label(label)
        .filter(|n| g.node_prop(*n, key).is_some_and(&f))
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn var_expand(
    ctx: &Ctx,
    start: NodeId,
    dir: Dir,
    types: &[Sym],
    min: u64,
    max: Option<u64>,
    props: &[(Sym, Value)],
    excluded: &[RelId],
    emit: &mut dyn FnMut(&[RelId], NodeId) -> Result<Flow>,
) -> Result<Flow> {
    // The walk streams: each trail that is long enough is handed to
    // `emit` when it is found (which tests the far end), and only the
    // trail being extended is held (a stack of each node's
    // relationships), so counting the paths of a dense graph runs in
    // constant memory. The graph is borrowed only to read, never while
    // `emit` runs.
    let rel_ok = |g: &Graph, r: RelId| {
        props.iter().all(|(k, v)| {
            g.rel_prop(r, *k)
                .is_some_and(|x| x.cypher_eq(v) == Some(true))
        })
    };
    if min == 0 && emit(&[], start)? == Flow::Stop {
        return Ok(Flow::Stop);
    }
    if max == Some(0) {
        return Ok(Flow::Continue);
    }
    // stack of (neighbours, next index); path holds the relationships
    let mut path: Vec<RelId> = Vec::new();
    let first: Vec<(RelId, NodeId)> = ctx.graph().expand(start, dir, types).collect();
    let mut stack: Vec<(Vec<(RelId, NodeId)>, usize)> = vec![(first, 0)];
    while let Some((nbrs, i)) = stack.last_mut() {
        if *i >= nbrs.len() {
            stack.pop();
            path.pop();
            continue;
        }
        let (r, n) = nbrs[*i];
        *i += 1;
        ctx.tick()?;
        if path.contains(&r) || excluded.contains(&r) || !rel_ok(&ctx.graph(), r) {
            continue;
        }
        path.push(r);
        let depth = path.len() as u64;
        if depth >= min && emit(&path, n)? == Flow::Stop {
            return Ok(Flow::Stop);
        }
        if max.is_none_or(|m| depth < m) {
            let next: Vec<(RelId, NodeId)> = ctx.graph().expand(n, dir, types).collect();
            stack.push((next, 0));
        } else {
            path.pop();
        }
    }
    Ok(Flow::Continue)
}

#[allow(clippy::too_many_arguments)]
fn shortest_paths(
    ctx: &Ctx,
    a: NodeId,
    b: NodeId,
    dir: Dir,
    types: &[Sym],
    min: u64,
    max: Option<u64>,
    all: bool,
) -> Result<Vec<PathValue>> {
    let g = ctx.graph();
    if a == b {
        return Ok(if min == 0 {
            vec![PathValue {
                nodes: vec![a],
                rels: vec![],
            }]
        } else {
            vec![]
        });
    }
    // breadth-first, recording every predecessor at the shortest distance
    let mut dist: HashMap<NodeId, u64> = HashMap::new();
    let mut preds: HashMap<NodeId, Vec<(RelId, NodeId)>> = HashMap::new();
    let mut queue = VecDeque::new();
    dist.insert(a, 0);
    queue.push_back(a);
    let mut found: Option<u64> = None;
    while let Some(n) = queue.pop_front() {
        let d = dist[&n];
        if found.is_some_and(|f| d >= f) || max.is_some_and(|m| d >= m) {
            continue;
        }
        for (r, m) in g.expand(n, dir, types) {
            ctx.tick()?;
            match dist.get(&m) {
                None => {
                    dist.insert(m, d + 1);
                    preds.entry(m).or_default().push((r, n));
                    if m == b {
                        found = Some(d + 1);
                    } else {
                        queue.push_back(m);
                    }
                }
                Some(&dm) if dm == d + 1 && all => {
                    preds.entry(m).or_default().push((r, n));
                }
                _ => {}
            }
        }
    }
    if found.is_none() {
        return Ok(vec![]);
    }
    // enumerate paths backwards from b
    let mut out = Vec::new();
    let mut stack: Vec<(NodeId, Vec<RelId>, Vec<NodeId>)> = vec![(b, vec![], vec![b])];
    while let Some((n, rels, nodes)) = stack.pop() {
        if n == a {
            let mut rels = rels;
            let mut nodes = nodes;
            rels.reverse();
            nodes.reverse();
            out.push(PathValue { nodes, rels });
            if !all {
                break;
            }
            continue;
        }
        for (r, p) in preds.get(&n).into_iter().flatten() {
            let mut rs = rels.clone();
            rs.push(*r);
            let mut ns = nodes.clone();
            ns.push(*p);
            stack.push((*p, rs, ns));
        }
    }
    Ok(out)
}

/// Property pairs from a map expression, interned, validated.
fn props_of(e: &Option<PExpr>, row: &Row, ctx: &Ctx, merge: bool) -> Result<Props> {
    let Some(e) = e else { return Ok(Props::new()) };
    let m = eval(e, row, ctx)?;
    let entries = map_entries(&m, "a pattern's properties")?;
    let mut g = ctx.graph_mut()?;
    let mut out = Props::with_capacity(entries.len());
    for (k, v) in entries {
        if merge && v.is_null() {
            return Err(Error::new(
                ErrorKind::SemanticError,
                "MergeReadOwnWrites",
                format!("cannot MERGE a pattern whose property `{k}` is null"),
            )
            .in_phase(false));
        }
        check_storable(&v, &k)?;
        out.push((g.intern(&k), v));
    }
    Ok(out)
}

fn create_pattern(p: &CreatePattern, row: &mut Row, ctx: &Ctx, merge: bool) -> Result<()> {
    for n in &p.nodes {
        if n.bound {
            match &row[n.slot] {
                Value::Node(_) => {}
                Value::Null => {
                    return Err(Error::new(
                        ErrorKind::SemanticError,
                        "CreateBlockedByNull",
                        "cannot create a relationship to a node that is null (did an OPTIONAL MATCH find nothing?)",
                    )
                    .in_phase(false));
                }
                other => {
                    return Err(type_err(format!(
                        "CREATE expects a Node here, got {}",
                        describe(other)
                    )));
                }
            }
            continue;
        }
        let props = props_of(&n.props, row, ctx, merge)?;
        let id = ctx.graph_mut()?.create_node(&n.labels, props);
        row[n.slot] = Value::Node(id);
    }
    for r in &p.rels {
        let props = props_of(&r.props, row, ctx, merge)?;
        let (Value::Node(a), Value::Node(b)) = (&row[r.from], &row[r.to]) else {
            return Err(Error::new(
                ErrorKind::SemanticError,
                "CreateBlockedByNull",
                "cannot create a relationship to a node that is null",
            )
            .in_phase(false));
        };
        let (a, b) = (*a, *b);
        let id = ctx.graph_mut()?.create_rel(a, b, r.ty, props)?;
        row[r.slot] = Value::Rel(id);
    }
    for (slot, e) in &p.paths {
        row[*slot] = eval(e, row, ctx)?;
    }
    Ok(())
}

fn apply_sets(items: &[SetOp], row: &Row, ctx: &Ctx) -> Result<()> {
    for it in items {
        match it {
            SetOp::Prop(target, key, value) => {
                let t = eval(target, row, ctx)?;
                let v = eval(value, row, ctx)?;
                if !v.is_null() && !v.is_storable() {
                    check_storable(&v, ctx.graph().name(*key))?;
                }
                match t {
                    Value::Null => {}
                    Value::Node(n) => ctx.graph_mut()?.set_node_prop(n, *key, v)?,
                    Value::Rel(r) => ctx.graph_mut()?.set_rel_prop(r, *key, v)?,
                    other => {
                        return Err(type_err(format!(
                            "SET can only change properties of nodes and relationships, got {}",
                            describe(&other)
                        )));
                    }
                }
            }
            SetOp::Replace(slot, value) | SetOp::Merge(slot, value) => {
                let replace = matches!(it, SetOp::Replace(..));
                let v = eval(value, row, ctx)?;
                let entries: Vec<(Arc<str>, Value)> = match &v {
                    Value::Node(_) | Value::Rel(_) => eval::all_properties(&v, ctx)?,
                    Value::Map(_) => map_entries(&v, "SET")?,
                    Value::Null if replace => vec![],
                    Value::Null => continue,
                    other => {
                        return Err(type_err(format!(
                            "SET expects a Map, got {}",
                            describe(other)
                        )));
                    }
                };
                let target = row[*slot].clone();
                let mut g = ctx.graph_mut()?;
                let existing: Vec<Sym> = match &target {
                    Value::Node(n) => g
                        .node(*n)
                        .map(|r| r.props.iter().map(|(k, _)| *k).collect())
                        .unwrap_or_default(),
                    Value::Rel(r) => g
                        .rel(*r)
                        .map(|r| r.props.iter().map(|(k, _)| *k).collect())
                        .unwrap_or_default(),
                    Value::Null => continue,
                    other => {
                        return Err(type_err(format!(
                            "SET expects a Node or Relationship, got {}",
                            describe(other)
                        )));
                    }
                };
                let mut pairs = Vec::new();
                for (k, v) in entries {
                    check_storable(&v, &k)?;
                    pairs.push((g.intern(&k), v));
                }
                if replace {
                    for k in existing {
                        if !pairs.iter().any(|(p, _)| *p == k) {
                            set_prop(&mut g, &target, k, Value::Null)?;
                        }
                    }
                }
                for (k, v) in pairs {
                    set_prop(&mut g, &target, k, v)?;
                }
            }
            SetOp::AddLabels(slot, labels) | SetOp::RemoveLabels(slot, labels) => {
                let add = matches!(it, SetOp::AddLabels(..));
                match &row[*slot] {
                    Value::Null => {}
                    Value::Node(n) => {
                        let n = *n;
                        let mut g = ctx.graph_mut()?;
                        for l in labels {
                            if add {
                                g.add_label(n, *l)?;
                            } else {
                                g.remove_label(n, *l)?;
                            }
                        }
                    }
                    other => {
                        return Err(type_err(format!(
                            "labels can only be set on nodes, got {}",
                            describe(other)
                        )));
                    }
                }
            }
        }
    }
    Ok(())
}

fn set_prop(g: &mut Graph, target: &Value, k: Sym, v: Value) -> Result<()> {
    match target {
        Value::Node(n) => g.set_node_prop(*n, k, v),
        Value::Rel(r) => g.set_rel_prop(*r, k, v),
        _ => Ok(()),
    }
}

fn delete_value(v: &Value, detach: bool, ctx: &Ctx) -> Result<()> {
    match v {
        Value::Null => Ok(()),
        Value::Node(n) => {
            ctx.graph_mut()?.delete_node(*n, detach);
            Ok(())
        }
        Value::Rel(r) => {
            ctx.graph_mut()?.delete_rel(*r);
            Ok(())
        }
        Value::Path(p) => {
            let mut g = ctx.graph_mut()?;
            for r in &p.rels {
                g.delete_rel(*r);
            }
            for n in &p.nodes {
                g.delete_node(*n, detach);
            }
            Ok(())
        }
        Value::List(l) => {
            for x in l.iter() {
                delete_value(x, detach, ctx)?;
            }
            Ok(())
        }
        other => Err(type_err(format!(
            "DELETE expects a Node, Relationship or Path, got {}",
            describe(other)
        ))),
    }
}

/// The rows a procedure yields (each a list of output fields).
pub fn procedure_rows(proc: Procedure, g: &Graph) -> Vec<Vec<Value>> {
    use crate::store::IndexKind;
    match proc {
        Procedure::Labels => g
            .labels_in_use()
            .into_iter()
            .map(|(l, _)| vec![Value::str(g.name(l))])
            .collect(),
        Procedure::RelationshipTypes => g
            .types_in_use()
            .into_iter()
            .map(|(t, _)| vec![Value::str(g.name(t))])
            .collect(),
        Procedure::PropertyKeys => g
            .property_keys_in_use()
            .into_iter()
            .map(|k| vec![Value::str(g.name(k))])
            .collect(),
        Procedure::Schema => {
            let mut out = Vec::new();
            for (l, count) in g.labels_in_use() {
                let mut keys: Vec<&str> = Vec::new();
                for n in g.nodes_with_label(l) {
                    if let Some(rec) = g.node(n) {
                        for (k, _) in &rec.props {
                            let name = g.name(*k);
                            if !keys.contains(&name) {
                                keys.push(name);
                            }
                        }
                    }
                }
                keys.sort();
                out.push(vec![
                    Value::str("label"),
                    Value::str(g.name(l)),
                    Value::Int(count as i64),
                    Value::list(keys.into_iter().map(Value::str).collect()),
                ]);
            }
            let mut type_keys: HashMap<Sym, Vec<&str>> = HashMap::new();
            for r in g.rels() {
                if let Some(rec) = g.rel(r) {
                    let e = type_keys.entry(rec.ty).or_default();
                    for (k, _) in &rec.props {
                        let name = g.name(*k);
                        if !e.contains(&name) {
                            e.push(name);
                        }
                    }
                }
            }
            for (t, count) in g.types_in_use() {
                let mut keys = type_keys.remove(&t).unwrap_or_default();
                keys.sort();
                out.push(vec![
                    Value::str("relationshipType"),
                    Value::str(g.name(t)),
                    Value::Int(count as i64),
                    Value::list(keys.into_iter().map(Value::str).collect()),
                ]);
            }
            out
        }
        // run by `Op::Call` itself, with their arguments
        Procedure::ImportRelationships
        | Procedure::PageRank
        | Procedure::Degree
        | Procedure::Wcc
        | Procedure::Scc
        | Procedure::Louvain
        | Procedure::Dijkstra
        | Procedure::ShortestPath
        | Procedure::TriangleCount
        | Procedure::FulltextNodes
        | Procedure::FulltextRelationships
        | Procedure::VectorNodes
        | Procedure::VectorRelationships => Vec::new(),
        Procedure::Indexes | Procedure::Constraints => g
            .schema()
            .into_iter()
            .filter(|d| (d.kind == IndexKind::Index) == (proc == Procedure::Indexes))
            .map(|d| {
                vec![
                    Value::str(&d.name),
                    Value::str(g.name(d.label)),
                    Value::str(g.name(d.key)),
                    Value::str(crate::plan::bind::index_kind_name(d.kind)),
                ]
            })
            .collect(),
        Procedure::Stats => {
            let items = g.footprint();
            let total: usize = items.iter().map(|(_, _, b)| b).sum();
            let int = |n: usize| Value::Int(n.min(i64::MAX as usize) as i64);
            items
                .into_iter()
                .map(|(item, count, bytes)| vec![Value::str(item), int(count), int(bytes)])
                .chain([vec![Value::str("total"), Value::Null, int(total)]])
                .collect()
        }
        // Drivers and tools ask which server they talk to. The first row
        // answers as the Neo4j version whose Cypher plenary follows (tools
        // pick features from it); the second says what it really is.
        Procedure::Components => vec![
            vec![
                Value::str("Neo4j Kernel"),
                Value::List(std::sync::Arc::new(vec![Value::str(
                    crate::NEO4J_COMPATIBLE_VERSION,
                )])),
                Value::str("community"),
            ],
            vec![
                Value::str("plenary"),
                Value::List(std::sync::Arc::new(vec![Value::str(env!(
                    "CARGO_PKG_VERSION"
                ))])),
                Value::str("embedded"),
            ],
        ],
    }
}
