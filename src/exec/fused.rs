//! Counting inside the expansion: the run of an `Op::Aggregate` whose plan
//! says it is counted while its input `Expand` or `RelScan` walks the
//! adjacency ([`Counted`], chosen by `plan::grouping`, which says which
//! aggregations qualify). No row is made per relationship.
//!
//! The grouping keys are the nodes the expansion reaches, pure functions of
//! one of them (grouped by node first and evaluated once per node at the
//! end, `ops::resolve_node_keys`), or values bound before the expansion
//! (evaluated once per input row). The answer and the order of its groups
//! (first appearance) are those of the plain plan; only the number of rows
//! made differs, which PROFILE shows as the expansion's row count.
//!
//! How the walk runs follows the plan too: row by row on the statement's
//! thread ([`Counted::row_by_row`]) or collected for a shared walk, split
//! among the cores on the read path. A shared walk that meets a good part
//! of the graph's relationships reads the column views (`exec/views.rs`).

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

use super::ends::{Ends, SharedEnds};
use super::eval::eval;
use super::functions::agg::Accumulator;
use super::ops::{
    Classes, Flow, FusedValues, NO_ENTRY, RawKey, expand_walk, failed_if_found, relscan_walk, run,
};
use super::views::{Found, ViewWalk};
use super::{Ctx, Row, Stopper};
use crate::error::{Error, Result};
use crate::plan::grouping::Layouts;
use crate::plan::{CountOf, Counted, End, KeyPart, Op, PExpr, Slot};
use crate::store::{Codes, Graph, Sym};
use crate::value::{GroupKey, NodeId, RelId, Value};
use smallvec::SmallVec;

/// At most this many threads count one walk.
const MAX_THREADS: usize = 8;

/// A walk over fewer relationships than this stays on one thread.
const PARALLEL_MIN: usize = 1 << 15;

/// Relationship slots a scanning thread reads between checks for
/// cancellation.
const CHUNK: usize = 1 << 16;

/// Input rows collected for a shared walk before it runs (the bound on
/// the copies held).
const TASK_BATCH: usize = 1 << 14;

/// A shared expansion walk reads the column views when it meets at least
/// one in this many of the graph's relationships.
const VIEW_SHARE: usize = 16;

/// An expansion waiting to be walked: the id of its keys bound before (or
/// the error evaluating them), its row and its fused comparison values.
type Task = (std::result::Result<u32, Error>, Row, Result<Vec<Value>>);

/// Node ids below this are grouped through a table indexed by id (at most
/// 16 MiB of it) rather than a hash map.
const DIRECT_MAX: u32 = 1 << 22;

/// An aggregation counted inside its input expansion, as the plan says
/// ([`Counted`], chosen by `plan::grouping`).
#[derive(Debug)]
pub(super) struct Fusion<'a> {
    source: &'a Op,
    scan: bool,
    plan: &'a Counted,
}

impl<'a> Fusion<'a> {
    /// The counted walk of `input` that `counted` describes.
    pub(super) fn new(input: &'a Op, counted: &'a Counted) -> Fusion<'a> {
        Fusion {
            source: input,
            scan: matches!(input, Op::RelScan { .. }),
            plan: counted,
        }
    }

    /// Runs the expansion's input and counts, per group: the groups (keys
    /// with nodes unresolved, see `ops::resolve_node_keys`) in order of
    /// first appearance, with their accumulators; and whether groups may
    /// resolve to equal keys and must be merged (not when every end whose
    /// keys are functions of it was grouped by class, see `Classes`, and
    /// no relationship property is a key).
    ///
    /// On the read path a large walk is shared among threads (each counts
    /// a contiguous part of the relationships, in order, and the parts are
    /// merged in order, so groups keep their order of first appearance).
    pub(super) fn run(
        &self,
        ctx: &Ctx,
        row: &mut Row,
        keys: &[(Slot, PExpr)],
    ) -> Result<(Vec<(Vec<RawKey>, Vec<Accumulator>)>, bool)> {
        let (input, from, to, dir) = match self.source {
            Op::Expand {
                input,
                from,
                to,
                dir,
                ..
            }
            | Op::RelScan {
                input,
                from,
                to,
                dir,
                ..
            } => (input, *from, *to, *dir),
            _ => return Ok((Vec::new(), true)),
        };
        let mut shape = Shape::new(&self.plan.parts, &self.plan.counts);
        let always = ctx.layouts() == Layouts::Always;
        // per end, the keys that are functions of it (some may be), and
        // what its nodes are classed by when the plan says they are: those
        // keys, the end's slot and the labels its nodes have
        let function_of = |end: End| {
            keys.iter()
                .zip(&self.plan.parts)
                .any(|((_, e), p)| *p == KeyPart::Node(end) && !matches!(e, PExpr::Slot(_)))
        };
        let labels: [&[Sym]; 2] = match self.source {
            Op::Expand { to_labels, .. } => [&[], to_labels],
            Op::RelScan { end_labels, .. } => [&end_labels[0], &end_labels[1]],
            _ => [&[], &[]],
        };
        let class_keys: [Option<(Vec<&PExpr>, Slot, &[Sym])>; 2] =
            [(End::From, from), (End::To, to)].map(|(end, slot)| {
                let exprs: Vec<&PExpr> = keys
                    .iter()
                    .zip(&self.plan.parts)
                    .filter(|(_, p)| **p == KeyPart::Node(end))
                    .map(|((_, e), _)| e)
                    .collect();
                self.plan.classed[end as usize].then_some((exprs, slot, labels[end as usize]))
            });
        let classes_held = std::cell::RefCell::new(ctx.memory.share());
        // a walk other threads share: every node that can be at a classed
        // end is classed before the first one (once)
        let prepare = |shape: &mut Shape, row: &Row| -> Result<()> {
            for (i, plan) in class_keys.iter().enumerate() {
                if let Some((exprs, slot, labels)) = plan
                    && shape.classes[i].is_none()
                {
                    let mut held = classes_held.borrow_mut();
                    shape.classes[i] =
                        Some(Classes::build(exprs, *slot, labels, row, ctx, &mut held)?);
                }
            }
            Ok(())
        };
        // a walk row by row: each node classed as it is reached
        let mut scratch: Option<Row> = None;
        let mut classify = |shape: &mut Shape, row: &Row, nodes: [NodeId; 2]| -> Result<()> {
            let scratch = scratch.get_or_insert_with(|| row.clone());
            for (i, plan) in class_keys.iter().enumerate() {
                if let Some((exprs, slot, _)) = plan {
                    let classes = shape.classes[i].get_or_insert_with(Classes::default);
                    let (_, bytes) = classes.class(nodes[i], exprs, *slot, scratch, ctx)?;
                    classes_held.borrow_mut().add(bytes)?;
                }
            }
            Ok(())
        };
        // the keys bound before the expansion, one entry per distinct tuple
        let mut befores: FxHashMap<Vec<RawKey>, u32> = FxHashMap::default();
        let mut before_list: Vec<Vec<RawKey>> = Vec::new();
        let mut total = Counter::default();
        // expansions waiting to be walked by several threads: (before-keys
        // id or the error evaluating them, row, fused comparison values)
        let mut tasks: Vec<Task> = Vec::new();
        let mut task_rels = 0usize;
        let threads = if ctx.shared_graph().is_some() {
            std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_THREADS))
        } else {
            1
        };
        // walks the collected expansions on several threads, in order
        let flush = |tasks: &mut Vec<Task>,
                     task_rels: &mut usize,
                     total: &mut Counter,
                     shared: &SharedEnds<'_>,
                     shape: &mut Shape| {
            if tasks.is_empty() {
                return Ok(());
            }
            prepare(shape, &tasks[0].1)?;
            let shape = &*shape;
            let parts = if *task_rels >= PARALLEL_MIN {
                threads
            } else {
                1
            };
            // contiguous runs of tasks with about equal numbers of relationships
            let g = ctx.graph();
            let per = task_rels.div_ceil(parts).max(1);
            let mut ranges: Vec<Range<usize>> = Vec::with_capacity(parts);
            let (mut start, mut acc) = (0, 0);
            for (i, (_, row, _)) in tasks.iter().enumerate() {
                if let Value::Node(n) = &row[from] {
                    acc += g.degree(*n, dir);
                }
                if acc >= per && ranges.len() + 1 < parts {
                    ranges.push(start..i + 1);
                    start = i + 1;
                    acc = 0;
                }
            }
            ranges.push(start..tasks.len());
            // a walk over a good part of the relationships reads the
            // column views (built now if missing)
            let build =
                always || (*task_rels >= PARALLEL_MIN && *task_rels * VIEW_SHARE >= g.rel_count());
            drop(g);
            let views = ctx.shared_graph().and_then(|g| {
                ViewWalk::new(g, self.source, build).map(|v| v.with_key(g, shape.rel_key, build))
            });
            let counters = self.walk_parallel(ctx, &ranges, |c, range| {
                let mut tests = shared.fresh();
                for (bid, row, vals) in &tasks[range] {
                    c.counter.walk_expand(
                        self.source,
                        c.graph,
                        row,
                        from,
                        vals,
                        views.as_ref(),
                        bid,
                        shape,
                        &mut tests,
                    )?;
                    c.stop.check()?;
                }
                Ok(())
            })?;
            for c in counters {
                total.merge(c, shape)?;
            }
            tasks.clear();
            *task_rels = 0;
            Ok::<(), Error>(())
        };
        let mut scan_views: Option<Option<ViewWalk>> = None;
        // the id of the keys bound before, for one input row
        let mut key_id = |row: &Row| -> Result<u32> {
            let before: Vec<RawKey> = keys
                .iter()
                .zip(&self.plan.parts)
                .filter(|(_, p)| matches!(p, KeyPart::Before))
                .map(|((_, e), _)| Ok(RawKey::Value(GroupKey(eval(e, row, ctx)?))))
                .collect::<Result<_>>()?;
            Ok(match befores.get(&before) {
                Some(&i) => i,
                None => {
                    let i = before_list.len() as u32;
                    befores.insert(before.clone(), i);
                    before_list.push(before);
                    i
                }
            })
        };
        // the nodes one walk made now reaches
        let mut reached: Vec<(RelId, NodeId)> = Vec::new();
        let mut values = FusedValues::new(self.source);
        // the predicates of one node alone (see `exec::ends`): answered on
        // this thread as walks reach nodes, or for every candidate before
        // a walk other threads share
        let mut tests: Option<Ends> = None;
        // an expansion meeting few relationships per row on average is
        // walked row by row on this thread (see below)
        run(input, ctx, row, &mut |row| {
            ctx.tick()?;
            let vals = values.get(row, ctx);
            let start = match &row[from] {
                Value::Node(n) => *n,
                _ => NodeId(u32::MAX),
            };
            // on the write path, and for an expansion that meets few
            // relationships per row, the walk is made now, on this thread,
            // without copying the row; its keys bound before are evaluated
            // only when it finds something, as the unfused plan makes no
            // row to evaluate them on otherwise
            let tests = tests.get_or_insert_with(|| Ends::new(ctx, self.source, row));
            if !self.scan && (ctx.shared_graph().is_none() || self.plan.row_by_row) {
                reached.clear();
                let walked = expand_walk(
                    self.source,
                    &ctx.graph(),
                    row,
                    vals,
                    None,
                    tests,
                    None,
                    |r, n, _| reached.push((r, n)),
                );
                if reached.is_empty() {
                    return walked.map(|()| Flow::Continue);
                }
                walked?;
                let bid = key_id(row)?;
                let mut g = ctx.graph();
                for &(r, n) in &reached {
                    if class_keys.iter().any(Option::is_some) {
                        drop(g);
                        classify(&mut shape, row, [start, n])?;
                        g = ctx.graph();
                    }
                    let rv = total.rel_value(&shape, &g, r);
                    total.visit(&shape, bid, start, n, rv, r);
                }
                return Ok(Flow::Continue);
            }
            // evaluated before the walk, reported only once a relationship
            // is found (as the unfused plan evaluates keys per row)
            let bid = key_id(row);
            tests.make_eager(self.scan)?;
            let Some(shared) = tests.shared() else {
                return Err(Error::runtime(
                    "InternalError",
                    "internal error: a shared walk without its node answers",
                ));
            };
            if self.scan {
                // a large scan reads the column views (built now if missing)
                let views = scan_views
                    .get_or_insert_with(|| {
                        ctx.shared_graph().and_then(|g| {
                            let build = always || g.rel_count() >= PARALLEL_MIN;
                            ViewWalk::new(g, self.source, build)
                                .map(|v| v.with_key(g, shape.rel_key, build))
                        })
                    })
                    .as_ref()
                    .filter(|v| v.tests(vals).is_some());
                let end = match views {
                    Some(v) => v.view().len(),
                    None => ctx.graph().rel_slots(),
                };
                let parts = if threads > 1 && end >= PARALLEL_MIN {
                    threads
                } else {
                    1
                };
                prepare(&mut shape, row)?;
                let chunk = end.div_ceil(parts);
                let ranges: Vec<Range<usize>> = (0..parts)
                    .map(|i| (i * chunk).min(end)..((i + 1) * chunk).min(end))
                    .collect();
                let counters = self.walk_parallel(ctx, &ranges, |c, range| {
                    let mut next = range.start;
                    let mut tests = shared.fresh();
                    while next < range.end {
                        let stop = (next + CHUNK).min(range.end);
                        c.counter.walk_scan(
                            self.source,
                            c.graph,
                            row,
                            vals,
                            views,
                            next..stop,
                            &bid,
                            &shape,
                            &mut tests,
                        )?;
                        next = stop;
                        c.stop.check()?;
                    }
                    Ok(())
                })?;
                for c in counters {
                    total.merge(c, &shape)?;
                }
            } else {
                // collected, then walked by several threads
                task_rels += ctx.graph().degree(start, dir);
                tasks.push((bid, row.clone(), values.take()));
                // bounded: a long input is walked a batch at a time
                if tasks.len() >= TASK_BATCH {
                    flush(&mut tasks, &mut task_rels, &mut total, &shared, &mut shape)?;
                }
            }
            Ok(Flow::Continue)
        })?;
        if let Some(shared) = tests.as_ref().and_then(Ends::shared) {
            flush(&mut tasks, &mut task_rels, &mut total, &shared, &mut shape)?;
        }
        ctx.count_rows(self.source as *const Op as usize, total.visited);
        // (an end the plan classes may have no classes when no walk ran)
        let merge = shape.rel_key.is_some()
            || [End::From, End::To]
                .into_iter()
                .any(|end| function_of(end) && !self.plan.classed[end as usize]);
        Ok((
            total.finish(self, &shape, &before_list, &ctx.graph())?,
            merge,
        ))
    }

    /// Runs `work` on each of `ranges`, the first on this thread and the
    /// others on threads of their own (only on the read path, where the
    /// graph can be shared); the counters in the order of `ranges`.
    fn walk_parallel(
        &self,
        ctx: &Ctx,
        ranges: &[Range<usize>],
        work: impl Fn(&mut Worker<'_>, Range<usize>) -> Result<()> + Sync,
    ) -> Result<Vec<Counter>> {
        let stop = ctx.stopper();
        match (ctx.shared_graph(), ranges) {
            (Some(g), [first, rest @ ..]) if !rest.is_empty() => {
                let results: Vec<Result<Counter>> = std::thread::scope(|s| {
                    let handles: Vec<_> = rest
                        .iter()
                        .map(|r| {
                            let (work, stop) = (&work, stop.clone());
                            s.spawn(move || {
                                let mut w = Worker::new(g, stop);
                                work(&mut w, r.clone()).map(|()| w.counter)
                            })
                        })
                        .collect();
                    let mut w = Worker::new(g, stop.clone());
                    let mut out = vec![work(&mut w, first.clone()).map(|()| w.counter)];
                    for h in handles {
                        out.push(h.join().unwrap_or_else(|_| {
                            Err(Error::runtime(
                                "InternalError",
                                "internal error: a counting thread panicked",
                            ))
                        }));
                    }
                    out
                });
                results.into_iter().collect()
            }
            _ => {
                let g = ctx.graph();
                let mut out = Vec::with_capacity(ranges.len());
                for r in ranges {
                    let mut w = Worker::new(&g, stop.clone());
                    work(&mut w, r.clone())?;
                    out.push(w.counter);
                }
                Ok(out)
            }
        }
    }
}

/// Which ends a group key holds, and which ends distinct counts count.
#[derive(Debug)]
struct Shape {
    want_from: bool,
    want_to: bool,
    /// The one end the group key holds, if one.
    single: Option<End>,
    distinct: Vec<End>,
    /// Nothing but the end an expansion reaches is grouped or counted
    /// distinct: a walk over views can count per end node into a table
    /// (`Counter::dense`).
    by_end: bool,
    /// Nothing but the start node of a scanned relationship is grouped or
    /// counted distinct: a scan over views can count per start node.
    by_start: bool,
    /// The relationship property the groups are keyed by, if any.
    rel_key: Option<Sym>,
    /// Per end (`From`, `To`), the classes its nodes are grouped by when
    /// its keys are functions of it (`ops::Classes`, made before the first
    /// shared walk when it pays); `None`: grouped by node.
    classes: [Option<Classes>; 2],
}

impl Shape {
    fn new(parts: &[KeyPart], counts: &[CountOf]) -> Shape {
        let want = |end: End| {
            parts
                .iter()
                .any(|p| matches!(p, KeyPart::Node(e) if *e == end))
        };
        let (want_from, want_to) = (want(End::From), want(End::To));
        Shape {
            want_from,
            want_to,
            single: match (want_from, want_to) {
                (true, false) => Some(End::From),
                (false, true) => Some(End::To),
                _ => None,
            },
            distinct: counts
                .iter()
                .filter_map(|c| match c {
                    CountOf::Distinct(e) | CountOf::DistinctProp(e, _) => Some(*e),
                    CountOf::Rows { .. } | CountOf::Weighted { .. } => None,
                })
                .collect(),
            by_end: parts.iter().all(|p| matches!(p, KeyPart::Node(End::To)))
                && counts.iter().all(|c| match c {
                    CountOf::Rows { .. } | CountOf::Weighted { .. } => true,
                    CountOf::Distinct(e) | CountOf::DistinctProp(e, _) => *e == End::To,
                }),
            by_start: parts.iter().all(|p| matches!(p, KeyPart::Node(End::From)))
                && counts.iter().all(|c| match c {
                    CountOf::Rows { .. } | CountOf::Weighted { .. } => true,
                    CountOf::Distinct(e) | CountOf::DistinctProp(e, _) => *e == End::From,
                }),
            rel_key: parts.iter().find_map(|p| match p {
                KeyPart::Rel(k) => Some(*k),
                _ => None,
            }),
            classes: [None, None],
        }
    }

    /// What a group holds for node `n` at `end`: its class, or the node.
    #[inline]
    fn key_of(&self, end: End, n: NodeId) -> u32 {
        match &self.classes[end as usize] {
            Some(c) => c.get(n).unwrap_or(UNCLASSED),
            None => n.0,
        }
    }

    /// The node a group's part `k` at `end` stands for.
    fn node_at(&self, end: End, k: u32) -> Result<NodeId> {
        match &self.classes[end as usize] {
            Some(c) => c.rep(k),
            None => Ok(NodeId(k)),
        }
    }
}

/// What a group holds for a node that has no class (never, on the read
/// path that classes are made for: every node is classed).
const UNCLASSED: u32 = u32::MAX - 1;

/// A thread's share of a walk: the graph, the statement's stop signals and
/// what it has counted.
struct Worker<'g> {
    graph: &'g Graph,
    stop: Stopper,
    counter: Counter,
}

impl<'g> Worker<'g> {
    fn new(graph: &'g Graph, stop: Stopper) -> Worker<'g> {
        Worker {
            graph,
            stop,
            counter: Counter::default(),
        }
    }
}

/// Where one input row's walk reports the relationships it finds
/// ([`Counter::counting`]).
struct Sink<'c> {
    counter: &'c mut Counter,
    shape: &'c Shape,
    graph: &'c Graph,
    /// The codes of the property the groups are keyed by, aligned with the
    /// view walked, if it has them.
    key_codes: Option<&'c Codes>,
    /// The keys bound before, or `None` when they failed to evaluate.
    id: Option<u32>,
    /// Whether any relationship was found.
    any: bool,
}

impl Sink<'_> {
    /// Relationship `r` from `a` to `b`, at entry `p` of the view walked
    /// (or [`NO_ENTRY`]).
    #[inline]
    fn found(&mut self, r: RelId, a: NodeId, b: NodeId, p: usize) {
        self.any = true;
        if let Some(i) = self.id {
            let rv = match (self.key_codes, p) {
                (Some(codes), p) if p != NO_ENTRY => self.counter.rel_code(codes, p, r),
                _ => self.counter.rel_value(self.shape, self.graph, r),
            };
            self.counter.visit(self.shape, i, a, b, rv, r);
        }
    }
}

/// A group: (keys bound before, `from` node, `to` node, the relationship
/// standing for its property's value), `u32::MAX` for a part not among the
/// keys.
type GroupOf = (u32, u32, u32, u32);

/// Groups in order of first appearance, with what was counted for each.
#[derive(Debug, Default)]
struct Counter {
    index: FxHashMap<GroupOf, u32>,
    /// Grouped by one node and nothing bound before: group by node id.
    direct: Vec<u32>,
    groups: Vec<GroupOf>,
    /// Grouped by a relationship property ([`KeyPart::Rel`]): per value
    /// met, the relationship that first had it (by value, and by the
    /// address of a shared string for the few values most walks meet).
    rel_values: FxHashMap<GroupKey, u32>,
    rel_strings: SmallVec<[(usize, u32); 8]>,
    /// The same by the value's code in the view's column (`u32::MAX`: not
    /// met yet).
    rel_codes: Vec<u32>,
    found: Vec<i64>,
    /// Per group, the lowest id of the relationships counted one by one
    /// (`u32::MAX`: none), the order a scan of the records meets groups in.
    first: Vec<u32>,
    /// Per group, one count per distinct aggregate.
    distinct_counts: Vec<i64>,
    /// (group, distinct aggregate, node) already counted.
    seen: FxHashSet<(u32, u32, u32)>,
    /// Relationships visited (PROFILE's row count for the expansion).
    visited: u64,
    /// Relationships found per end node, not yet counted in the groups:
    /// filled by walks over views when the shape is `by_end`, counted by
    /// `flush_dense`.
    dense: Vec<Found>,
    /// Walks that filled `dense` so far.
    dense_walks: u32,
}

impl Counter {
    /// The group of `key`, made when new.
    #[inline]
    fn group(&mut self, shape: &Shape, key: GroupOf) -> usize {
        let direct = match shape.single {
            _ if key.3 != u32::MAX => None,
            Some(End::From) if key.0 == 0 && key.1 < DIRECT_MAX => Some(key.1 as usize),
            Some(End::To) if key.0 == 0 && key.2 < DIRECT_MAX => Some(key.2 as usize),
            _ => None,
        };
        let known = match direct {
            Some(i) => self.direct.get(i).copied().filter(|g| *g != u32::MAX),
            None => self.index.get(&key).copied(),
        };
        if let Some(g) = known {
            return g as usize;
        }
        let g = self.groups.len() as u32;
        self.groups.push(key);
        self.found.push(0);
        self.first.push(u32::MAX);
        self.distinct_counts
            .extend(shape.distinct.iter().map(|_| 0));
        match direct {
            Some(i) => {
                if i >= self.direct.len() {
                    let len = (i + 1).max(self.direct.len() * 2);
                    self.direct.resize(len, u32::MAX);
                }
                self.direct[i] = g;
            }
            None => {
                self.index.insert(key, g);
            }
        }
        g as usize
    }

    /// The relationship standing for `r`'s value of the property the
    /// groups are keyed by (`u32::MAX` when they are not).
    #[inline]
    fn rel_value(&mut self, shape: &Shape, g: &Graph, r: RelId) -> u32 {
        let Some(key) = shape.rel_key else {
            return u32::MAX;
        };
        let v = g.rel_prop(r, key);
        if let Some(Value::String(s)) = v {
            let addr = std::sync::Arc::as_ptr(s) as *const u8 as usize;
            if let Some((_, rep)) = self.rel_strings.iter().find(|(a, _)| *a == addr) {
                return *rep;
            }
        }
        let value = v.cloned().unwrap_or(Value::Null);
        let rep = *self.rel_values.entry(GroupKey(value)).or_insert(r.0);
        if let Some(Value::String(s)) = v
            && self.rel_strings.len() < self.rel_strings.inline_size()
        {
            let addr = std::sync::Arc::as_ptr(s) as *const u8 as usize;
            self.rel_strings.push((addr, rep));
        }
        rep
    }

    /// [`Counter::rel_value`] for the relationship `r` at entry `p` of a
    /// view whose column of the key property is `codes`.
    #[inline]
    fn rel_code(&mut self, codes: &Codes, p: usize, r: RelId) -> u32 {
        let c = match codes {
            Codes::Small(c) => c[p] as usize,
            Codes::Wide(c) => c[p] as usize,
        };
        if c >= self.rel_codes.len() {
            self.rel_codes.resize(c + 1, u32::MAX);
        }
        if self.rel_codes[c] == u32::MAX {
            self.rel_codes[c] = r.0;
        }
        self.rel_codes[c]
    }

    /// Counts one relationship from `a` to `b` for the keys `bid`, `rv`
    /// standing for its property's value.
    #[inline]
    fn visit(&mut self, shape: &Shape, bid: u32, a: NodeId, b: NodeId, rv: u32, r: RelId) {
        self.visited += 1;
        let key = (
            bid,
            if shape.want_from {
                shape.key_of(End::From, a)
            } else {
                u32::MAX
            },
            if shape.want_to {
                shape.key_of(End::To, b)
            } else {
                u32::MAX
            },
            rv,
        );
        let gi = self.group(shape, key);
        self.found[gi] += 1;
        self.first[gi] = self.first[gi].min(r.0);
        for (j, end) in shape.distinct.iter().enumerate() {
            let n = if *end == End::From { a } else { b };
            if self.seen.insert((gi as u32, j as u32, n.0)) {
                self.distinct_counts[gi * shape.distinct.len() + j] += 1;
            }
        }
    }

    /// Counts what a `RelScan` finds among `range` for one input row.
    #[allow(clippy::too_many_arguments)]
    fn walk_scan(
        &mut self,
        op: &Op,
        g: &Graph,
        row: &Row,
        vals: &Result<Vec<Value>>,
        views: Option<&ViewWalk>,
        range: Range<usize>,
        bid: &std::result::Result<u32, Error>,
        shape: &Shape,
        tests: &mut SharedEnds<'_>,
    ) -> Result<()> {
        // the keys bound before are none, so `bid` is the empty tuple's
        if let (Some(vw), true, Ok(0)) = (views, shape.by_start, bid)
            && let Some(found) = vw.count_by_start(op, row, vals, range.clone(), tests, |a, n| {
                self.add_start(shape, a, n)
            })
        {
            return failed_if_found(vals, found > 0);
        }
        self.counting(shape, g, views, bid, |s| {
            relscan_walk(op, g, row, vals, views, range, tests, |r, a, b, p| {
                s.found(r, a, b, p)
            })
        })
    }

    /// Counts `found` relationships from `a`, as `visit` would one by one
    /// (for a `by_start` shape).
    fn add_start(&mut self, shape: &Shape, a: NodeId, found: u64) {
        let key = (
            0,
            if shape.want_from {
                shape.key_of(End::From, a)
            } else {
                u32::MAX
            },
            u32::MAX,
            u32::MAX,
        );
        let gi = self.group(shape, key);
        self.visited += found;
        self.found[gi] += found as i64;
        for j in 0..shape.distinct.len() {
            if self.seen.insert((gi as u32, j as u32, a.0)) {
                self.distinct_counts[gi * shape.distinct.len() + j] += 1;
            }
        }
    }

    /// Counts what an `Expand` finds for one input row.
    #[allow(clippy::too_many_arguments)]
    fn walk_expand(
        &mut self,
        op: &Op,
        g: &Graph,
        row: &Row,
        from: Slot,
        vals: &Result<Vec<Value>>,
        views: Option<&ViewWalk>,
        bid: &std::result::Result<u32, Error>,
        shape: &Shape,
        tests: &mut SharedEnds<'_>,
    ) -> Result<()> {
        let start = match &row[from] {
            Value::Node(n) => *n,
            _ => NodeId(u32::MAX),
        };
        // the keys bound before are none, so `bid` is the empty tuple's
        if let (Some(vw), true, Ok(0)) = (views, shape.by_end, bid)
            && g.node_exists(start)
            && let Some(found) = vw.count_by_other(
                g,
                op,
                row,
                start,
                vals,
                tests,
                self.dense_walks,
                &mut self.dense,
            )
        {
            self.dense_walks += 1;
            return failed_if_found(vals, found > 0);
        }
        self.counting(shape, g, views, bid, |s| {
            expand_walk(op, g, row, vals, views, tests, None, |r, n, p| {
                s.found(r, start, n, p)
            })
        })
    }

    /// Runs one input row's `walk`, counting what it reports for the keys
    /// `bid`; when those keys failed to evaluate, their error is reported
    /// once a relationship is found (as the unfused plan evaluates keys
    /// per row).
    fn counting(
        &mut self,
        shape: &Shape,
        graph: &Graph,
        views: Option<&ViewWalk>,
        bid: &std::result::Result<u32, Error>,
        walk: impl FnOnce(&mut Sink<'_>) -> Result<()>,
    ) -> Result<()> {
        let mut sink = Sink {
            counter: self,
            shape,
            graph,
            key_codes: views.and_then(ViewWalk::key_codes),
            id: bid.as_ref().ok().copied(),
            any: false,
        };
        walk(&mut sink)?;
        failed_if_found(bid, sink.any)
    }

    /// Counts in the groups what walks over views counted per end node
    /// (see [`Shape::by_end`]), making new groups in the order a walk over
    /// the records would have met them.
    fn flush_dense(&mut self, shape: &Shape) {
        let mut met: Vec<(u64, u32, u32)> = std::mem::take(&mut self.dense)
            .iter()
            .enumerate()
            .filter(|(_, f)| f.count > 0)
            .map(|(n, f)| (f.first, n as u32, f.count))
            .collect();
        self.dense_walks = 0;
        met.sort_unstable();
        for (_, n, found) in met {
            // as `visit` would have, but `found` relationships at once
            let key = (
                0,
                u32::MAX,
                if shape.want_to {
                    shape.key_of(End::To, NodeId(n))
                } else {
                    u32::MAX
                },
                u32::MAX,
            );
            let gi = self.group(shape, key);
            self.visited += found as u64;
            self.found[gi] += found as i64;
            for j in 0..shape.distinct.len() {
                if self.seen.insert((gi as u32, j as u32, n)) {
                    self.distinct_counts[gi * shape.distinct.len() + j] += 1;
                }
            }
        }
    }

    /// Adds what `other` counted after what this one counted (its new
    /// groups come after this one's).
    fn merge(&mut self, mut other: Counter, shape: &Shape) -> Result<()> {
        self.flush_dense(shape);
        other.flush_dense(shape);
        self.visited += other.visited;
        let map: Vec<usize> = other.groups.iter().map(|k| self.group(shape, *k)).collect();
        for (li, gi) in map.iter().enumerate() {
            self.found[*gi] += other.found[li];
            self.first[*gi] = self.first[*gi].min(other.first[li]);
        }
        let nd = shape.distinct.len();
        for (lg, j, n) in other.seen {
            let gi = map
                .get(lg as usize)
                .copied()
                .ok_or_else(|| Error::runtime("InternalError", "internal error: lost group"))?;
            if self.seen.insert((gi as u32, j, n)) {
                self.distinct_counts[gi * nd + j as usize] += 1;
            }
        }
        Ok(())
    }

    /// The groups with their keys (`before` holds the tuples of keys bound
    /// before the expansion) and accumulators.
    fn finish(
        mut self,
        fusion: &Fusion<'_>,
        shape: &Shape,
        before: &[Vec<RawKey>],
        g: &Graph,
    ) -> Result<Vec<(Vec<RawKey>, Vec<Accumulator>)>> {
        self.flush_dense(shape);
        let nd = self
            .distinct_counts
            .len()
            .checked_div(self.groups.len())
            .unwrap_or(0);
        // per (group, distinct aggregate) of a property, its distinct
        // non-null values among the distinct nodes counted
        let props: Vec<Option<Sym>> = fusion
            .plan
            .counts
            .iter()
            .filter_map(|c| match c {
                CountOf::Distinct(_) => Some(None),
                CountOf::DistinctProp(_, key) => Some(Some(*key)),
                CountOf::Rows { .. } | CountOf::Weighted { .. } => None,
            })
            .collect();
        let mut values: FxHashMap<(u32, u32), FxHashSet<GroupKey>> = FxHashMap::default();
        if props.iter().any(Option::is_some) {
            for (gi, j, n) in &self.seen {
                if let Some(Some(key)) = props.get(*j as usize)
                    && let Some(v) = g.node_prop(NodeId(*n), *key)
                    && !v.is_null()
                {
                    values
                        .entry((*gi, *j))
                        .or_default()
                        .insert(GroupKey(v.clone()));
                }
            }
        }
        // a scan over the views meets relationships node by node: its
        // groups are put in the order a scan of the records, in id order,
        // first meets them for each input row (when every group was
        // counted one by one; a stable sort)
        let mut order: Vec<usize> = (0..self.groups.len()).collect();
        if fusion.scan && self.first.iter().all(|f| *f != u32::MAX) {
            order.sort_by_key(|gi| (self.groups[*gi].0, self.first[*gi]));
        }
        let mut out = Vec::with_capacity(self.groups.len());
        for gi in order {
            let (bid, a, b, rv) = self.groups[gi];
            let mut bound = before
                .get(bid as usize)
                .ok_or_else(|| Error::runtime("InternalError", "internal error: lost group"))?
                .iter();
            let kv: Vec<RawKey> = fusion
                .plan
                .parts
                .iter()
                .map(|p| {
                    Ok(match p {
                        KeyPart::Before => bound
                            .next()
                            .cloned()
                            .unwrap_or(RawKey::Value(GroupKey(Value::Null))),
                        KeyPart::Node(End::From) => RawKey::Node(shape.node_at(End::From, a)?),
                        KeyPart::Node(End::To) => RawKey::Node(shape.node_at(End::To, b)?),
                        KeyPart::Rel(_) => RawKey::Rel(RelId(rv)),
                    })
                })
                .collect::<Result<_>>()?;
            let mut j = 0;
            let accs = fusion
                .plan
                .counts
                .iter()
                .map(|c| match c {
                    // the rows to weight the argument by (`ops::resolve_groups`)
                    CountOf::Rows { star: true } | CountOf::Weighted { .. } => {
                        Accumulator::CountStar(self.found[gi])
                    }
                    CountOf::Rows { star: false } => Accumulator::Count(self.found[gi]),
                    CountOf::Distinct(_) => {
                        j += 1;
                        Accumulator::Count(self.distinct_counts[gi * nd + j - 1])
                    }
                    CountOf::DistinctProp(..) => {
                        j += 1;
                        let n = values
                            .get(&(gi as u32, j as u32 - 1))
                            .map_or(0, |s| s.len());
                        Accumulator::Count(n as i64)
                    }
                })
                .collect();
            out.push((kv, accs));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::Database;

    /// Rows as text, in order.
    fn rows(db: &Database, q: &str) -> Vec<String> {
        db.query(q)
            .unwrap()
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|v| v.to_string())
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect()
    }

    #[test]
    fn walks_split_among_threads_count_as_rows_do() {
        // 200 × 200 relationships: above the size at which walks are split
        let db = Database::in_memory().unwrap();
        db.execute("UNWIND range(0, 199) AS i CREATE (:A {id: i, k: i % 7})")
            .unwrap();
        db.execute("UNWIND range(0, 199) AS j CREATE (:B {id: j, k: j % 5})")
            .unwrap();
        db.execute(
            "MATCH (a:A), (b:B) CREATE (a)-[:T {w: CASE (a.id + b.id) % 3 WHEN 0 THEN 'x' ELSE 'y' END}]->(b)",
        )
        .unwrap();
        for (pattern, vars, ret) in [
            (
                "(a:A)-[r:T {w: 'x'}]->(b:B)",
                "a, r, b",
                "a.k AS k, count(*) AS n",
            ),
            (
                "(a:A)-[r:T]->(b:B)",
                "a, r, b",
                "b.k AS k, count(*) AS n, count(DISTINCT a) AS d",
            ),
            (
                "(a)-[r:T]->(b)",
                "a, r, b",
                "count(DISTINCT b) AS d, count(r) AS n",
            ),
            (
                "(a:A {id: 3})-[r:T]->(b)<-[s:T]-(c:A)",
                "a, r, b, s, c",
                "c.k AS k, count(*) AS n",
            ),
            (
                "(a:A)-[r:T]->(b)<-[s:T]-(c:A) WHERE a.id IN [1, 2] AND r.w = s.w AND c <> a",
                "a, r, b, s, c",
                "a.id % 2 AS odd, c AS c, count(*) AS n",
            ),
        ] {
            let fused = format!("MATCH {pattern} RETURN {ret}");
            let by_row = format!("MATCH {pattern} WITH {vars} RETURN {ret}");
            let got = rows(&db, &fused);
            assert!(!got.is_empty(), "{fused}");
            assert_eq!(got, rows(&db, &by_row), "{fused}");
        }
        // 40,000 input rows to the second expansion: walked in several
        // bounded batches; each of the 200 × 200 paths (a, b) meets every A
        // again but a itself (its one relationship to b is already used)
        let mut got = rows(
            &db,
            "MATCH (a:A)-[:T]->(b)<-[:T]-(c:A) RETURN c.k AS k, count(*) AS n",
        );
        got.sort();
        let expected: Vec<String> = (0..7)
            .map(|k| {
                let with_k = (0..200).filter(|i| i % 7 == k).count();
                format!("{k} | {}", (40_000 - 200) * with_k)
            })
            .collect();
        assert_eq!(got, expected);
    }
}
