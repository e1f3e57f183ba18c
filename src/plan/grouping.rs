//! The aggregation strategy: how each `Op::Aggregate` finds its groups.
//!
//! The binder writes every aggregation as the plain strategy (one row per
//! input row, each key evaluated per row). This pass, part of the
//! optimizer, decides two things and writes them into the plan
//! ([`Grouping`]), where EXPLAIN prints them and exec follows them as
//! written:
//!
//! - **Grouping by node first.** A key that is a pure function of one node
//!   slot alone (`c.name`, `r.date.year`, `toUpper(c.name)`,
//!   `r.session / 10`) is grouped by the node id, which hashes as one
//!   integer, and evaluated once per distinct node at the end; groups whose
//!   keys then agree are merged. This needs aggregates whose accumulators
//!   merge (`count`, `min`, `max`) and an input that writes nothing, so no
//!   property can change between a row and the end.
//! - **Counting inside the expansion.** An aggregation directly over an
//!   `Expand` or `RelScan` whose aggregates only count what it finds
//!   (`count(*)`, `count(r)`, `count(DISTINCT end)`, `count(DISTINCT
//!   end.key)`) and whose keys are its end nodes, pure functions of one end
//!   node, or values bound before it, is computed while the adjacency is
//!   walked: no row is made per relationship. The graph's statistics
//!   decide whether the expansion is walked row by row (few relationships
//!   per node) or collected for a shared walk, and whether counting pays at
//!   all (grouping by keys bound before a short expansion in a large graph
//!   makes about one row per input row anyway).

use super::optimize::{deps, map_children};
use super::{AggCall, CountOf, Counted, End, Grouping, KeyPart, Op, PExpr, Procedure, Slot};
use crate::exec::functions::{FuncId, agg};
use crate::store::{Graph, Sym};
use crate::value::Value;
use std::collections::BTreeSet;

/// A walk over fewer relationships than this gains nothing from sharing:
/// below it, counting rows is never refused.
const LARGE_GRAPH: usize = 1 << 15;

/// An expansion whose relationship types average fewer relationships per
/// node than this is walked row by row.
const SHORT_WALK: usize = 16;

/// A shared counted walk classes the nodes of an end whose keys are
/// functions of it when its types have at least this many relationships
/// per node that can be at that end (`Counted::classed`).
pub const CLASS_SHARE: usize = 4;

/// How the optimizer may lay out walks (a harness mode for tests: forcing
/// every shared, view-reading walk on, or leaving the statistics to decide).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layouts {
    /// The statistics decide.
    #[default]
    Auto,
    /// Every counted aggregation is counted and every expansion collected
    /// for a shared walk, whatever the graph's size.
    Always,
}

/// Chooses the strategy of every aggregation in `op` (nested plans
/// included; subqueries inside expressions keep the plain strategy).
pub fn choose(op: Op, graph: &Graph, layouts: Layouts) -> Op {
    choose_in(op, graph, layouts, &Above::Free)
}

/// What the operators above a `Distinct` need of it, which decides whether
/// it may become an aggregation (that reads all of its input before its
/// first row, and makes rows of its keys alone).
#[derive(Debug, Clone)]
enum Above {
    /// Nothing more than its rows.
    Free,
    /// Its rows one at a time: a LIMIT can stop a streaming DISTINCT early.
    Stop,
    /// The WITH's WHERE above it reads these slots (`WITH DISTINCT a.x AS x
    /// WHERE a.y = 1` may read variables from before the projection).
    Reads(BTreeSet<Slot>),
}

/// [`choose`] for an operator below `above`.
fn choose_in(op: Op, graph: &Graph, layouts: Layouts, above: &Above) -> Op {
    let below = match (&op, above) {
        (Op::Limit { .. }, _) | (Op::Filter { .. }, Above::Stop) => Above::Stop,
        (Op::Filter { pred, .. }, _) => match deps(pred) {
            Some(mut d) => {
                if let Above::Reads(r) = above {
                    d.extend(r.iter().copied());
                }
                Above::Reads(d)
            }
            None => Above::Stop,
        },
        _ => Above::Free,
    };
    let op = map_children(op, &|c| choose_in(c, graph, layouts, &below));
    let gather = |slots: &[Slot]| match above {
        Above::Free => true,
        Above::Stop => false,
        Above::Reads(r) => r.iter().all(|s| slots.contains(s)),
    };
    match op {
        Op::Distinct { input, slots } if gather(&slots) => distinct(*input, slots, graph, layouts),
        Op::Aggregate {
            input,
            keys,
            aggs,
            grouping: _,
        } => {
            let grouping = strategy(&input, &keys, &aggs, graph, layouts);
            Op::Aggregate {
                input,
                keys,
                aggs,
                grouping,
            }
        }
        other => other,
    }
}

/// `count(DISTINCT e)`, the aggregation's one aggregate, is the number of
/// groups of its keys and `e` (`e` not null): planned as that — an
/// aggregation by the keys and `e` with no aggregates, then a count of its
/// rows per key — when the inner grouping finds a strategy better than
/// hashing every row (counted inside the expansion, grouped by node
/// first) and the plain form does not count inside the expansion itself.
/// A list literal `[a, b]`, never null, groups by its elements:
/// `count(DISTINCT [c.name, r.session])` groups by `c.name, r.session`.
/// The elements take slots past the plan's `width`.
pub fn distinct_counts(op: Op, graph: &Graph, layouts: Layouts, width: &mut usize) -> Op {
    let cell = std::cell::Cell::new(*width);
    let op = distinct_counts_in(op, graph, layouts, &cell);
    *width = cell.get();
    op
}

fn distinct_counts_in(
    op: Op,
    graph: &Graph,
    layouts: Layouts,
    width: &std::cell::Cell<usize>,
) -> Op {
    let op = map_children(op, &|c| distinct_counts_in(c, graph, layouts, width));
    let Op::Aggregate {
        input,
        keys,
        aggs,
        grouping,
    } = op
    else {
        return op;
    };
    let arg = match aggs.as_slice() {
        [(_, a)] if a.func == Some(FuncId::Count) && a.distinct && a.args.len() == 1 => {
            a.args[0].clone()
        }
        _ => {
            return Op::Aggregate {
                input,
                keys,
                aggs,
                grouping,
            };
        }
    };
    let keep = |input, keys, aggs, grouping| Op::Aggregate {
        input,
        keys,
        aggs,
        grouping,
    };
    if strategy(&input, &keys, &aggs, graph, layouts)
        .counted
        .is_some()
    {
        return keep(input, keys, aggs, grouping);
    }
    let (parts, nullable) = match arg {
        PExpr::List(items) if !items.is_empty() => (items, false),
        PExpr::List(_) => return keep(input, keys, aggs, grouping),
        e => (vec![e], true),
    };
    let first = width.get();
    let part_slots: Vec<Slot> = (first..first + parts.len()).collect();
    let mut inner_keys = keys.clone();
    inner_keys.extend(part_slots.iter().copied().zip(parts));
    let inner = strategy(&input, &inner_keys, &[], graph, layouts);
    if inner.counted.is_none() && inner.by_node.is_empty() {
        return keep(input, keys, aggs, grouping);
    }
    width.set(first + part_slots.len());
    let mut below = Op::Aggregate {
        input,
        keys: inner_keys,
        aggs: Vec::new(),
        grouping: Grouping::default(),
    };
    if nullable {
        below = Op::Filter {
            input: Box::new(below),
            pred: PExpr::IsNull(Box::new(PExpr::Slot(part_slots[0])), true),
        };
    }
    let outer_keys = keys.iter().map(|(s, _)| (*s, PExpr::Slot(*s))).collect();
    let count = AggCall {
        func: None,
        distinct: false,
        args: Vec::new(),
    };
    Op::Aggregate {
        input: Box::new(below),
        keys: outer_keys,
        aggs: vec![(aggs[0].0, count)],
        grouping: Grouping::default(),
    }
}

/// `DISTINCT` of a projection is a grouping by the projected expressions
/// with no aggregates (`WITH DISTINCT c, r.session AS s`): planned as one
/// when that finds a strategy better than hashing every row — counted
/// inside the expansion, or grouped by node first —, else left a
/// streaming `Distinct`. Both keep the rows in order of first appearance.
fn distinct(input: Op, slots: Vec<Slot>, graph: &Graph, layouts: Layouts) -> Op {
    let same_slots = |items: &[(Slot, PExpr)]| {
        let mut a: Vec<Slot> = items.iter().map(|(s, _)| *s).collect();
        let mut b = slots.clone();
        a.sort_unstable();
        b.sort_unstable();
        let unique = a.windows(2).all(|w| w[0] != w[1]);
        unique && a == b
    };
    match input {
        Op::Project { input, items } if !items.is_empty() && same_slots(&items) => {
            // (through a projection below it, as the aggregations the
            // binder writes were: `WITH c, r.x AS x RETURN DISTINCT c.name, x`)
            let candidate = super::optimize::inline_projection(Op::Aggregate {
                input: input.clone(),
                keys: items.clone(),
                aggs: Vec::new(),
                grouping: Grouping::default(),
            });
            let Op::Aggregate {
                input: below, keys, ..
            } = &candidate
            else {
                return Op::Distinct {
                    input: Box::new(Op::Project { input, items }),
                    slots,
                };
            };
            let grouping = strategy(below, keys, &[], graph, layouts);
            if grouping.counted.is_some() || !grouping.by_node.is_empty() {
                match candidate {
                    Op::Aggregate {
                        input, keys, aggs, ..
                    } => Op::Aggregate {
                        input,
                        keys,
                        aggs,
                        grouping,
                    },
                    other => other,
                }
            } else {
                Op::Distinct {
                    input: Box::new(Op::Project { input, items }),
                    slots,
                }
            }
        }
        input => Op::Distinct {
            input: Box::new(input),
            slots,
        },
    }
}

/// The strategy for one aggregation.
fn strategy(
    input: &Op,
    keys: &[(Slot, PExpr)],
    aggs: &[(Slot, AggCall)],
    graph: &Graph,
    layouts: Layouts,
) -> Grouping {
    let stable = writes_nothing(input);
    let counted = counted(input, keys, aggs, stable, graph, layouts);
    // a counted aggregation's groups are merged by their counts or fed
    // their weighted arguments anew
    let mergeable =
        counted.is_some() || aggs.iter().all(|(_, a)| agg::mergeable(a.func, a.distinct));
    let nodes = node_slots(input);
    let by_node: Vec<Option<Slot>> = keys
        .iter()
        .map(|(_, e)| node_function(e).filter(|s| stable && mergeable && nodes.contains(s)))
        .collect();
    let by_node = if by_node.iter().any(Option::is_some) {
        by_node
    } else {
        Vec::new()
    };
    // a relationship's property is resolved from the relationship that
    // stands for its group
    let mut by_node = by_node;
    if let (Some(c), Op::Expand { rel, .. } | Op::RelScan { rel, .. }) = (&counted, input)
        && c.parts.iter().any(|p| matches!(p, KeyPart::Rel(_)))
    {
        by_node.resize(keys.len(), None);
        for (i, p) in c.parts.iter().enumerate().take(keys.len()) {
            if matches!(p, KeyPart::Rel(_)) {
                by_node[i] = Some(*rel);
            }
        }
    }
    Grouping { by_node, counted }
}

/// The property key `e` reads of the relationship in slot `rel`, when `e`
/// is a pure function of that one property alone (`v.vote`,
/// `toUpper(v.vote)`).
fn rel_function(e: &PExpr, rel: Slot) -> Option<Sym> {
    if !pure(e) || deps(e)?.into_iter().collect::<Vec<_>>() != [rel] {
        return None;
    }
    // every read of the slot is a read of the same property
    let (mut reads, mut props, mut key, mut one_key) = (0, 0, None, true);
    e.walk(&mut |x| match x {
        PExpr::Slot(s) if *s == rel => reads += 1,
        PExpr::Prop(b, k, _) if matches!(**b, PExpr::Slot(s) if s == rel) => {
            props += 1;
            one_key &= key.is_none_or(|old| old == *k);
            key = Some(*k);
        }
        _ => {}
    });
    (reads == props && one_key).then_some(key).flatten()
}

/// The slots `op` binds to nodes by matching them (scans, expansions'
/// ends), through the inputs and inner plans of its operators; a node
/// passed on by a projection is not followed.
fn node_slots(op: &Op) -> Vec<Slot> {
    let mut out = Vec::new();
    let mut stack = vec![op];
    while let Some(op) = stack.pop() {
        match op {
            Op::NodeScan { slot, .. } => out.push(*slot),
            Op::Expand { from, to, .. } | Op::VarExpand { from, to, .. } => {
                out.extend([*from, *to])
            }
            Op::RelScan { from, to, .. } | Op::ShortestPath { from, to, .. } => {
                out.extend([*from, *to])
            }
            Op::Optional { inner, .. } | Op::Apply { inner, .. } => stack.push(inner),
            Op::Union { branches } => stack.extend(branches.iter()),
            _ => {}
        }
        if let Some(i) = op.input() {
            stack.push(i);
        }
    }
    out
}

/// The node slot `e` is a pure function of, when it reads exactly one slot
/// and is not that slot itself.
pub(crate) fn node_function(e: &PExpr) -> Option<Slot> {
    if matches!(e, PExpr::Slot(_)) || !pure(e) {
        return None;
    }
    let d = deps(e)?;
    match d.len() {
        1 => d.into_iter().next(),
        _ => None,
    }
}

/// Whether `e` gives the same value each time it is evaluated on the same
/// row and graph (no `rand()`, `randomUUID()`, clock).
fn pure(e: &PExpr) -> bool {
    let mut ok = true;
    e.walk(&mut |x| {
        if let PExpr::Func(f, _) = x
            && matches!(f, FuncId::Rand | FuncId::RandomUuid | FuncId::Timestamp)
        {
            ok = false;
        }
    });
    ok
}

/// Whether running `op` can change the graph (an updating operator, or a
/// procedure that writes, anywhere in it).
pub(crate) fn writes_nothing(op: &Op) -> bool {
    match op {
        Op::Create { .. }
        | Op::Merge { .. }
        | Op::Set { .. }
        | Op::Delete { .. }
        | Op::Foreach { .. } => false,
        Op::Call { proc, input, .. } => !Procedure::writes(*proc) && writes_nothing(input),
        Op::Argument => true,
        Op::Union { branches } => branches.iter().all(writes_nothing),
        Op::Optional { input, inner, .. } | Op::Apply { input, inner, .. } => {
            writes_nothing(input) && writes_nothing(inner)
        }
        other => other.input().is_none_or(writes_nothing),
    }
}

/// The counted form of `Aggregate { input, keys, aggs }`, when it has one
/// and it pays. Keys that are functions of an end node, and distinct
/// counts of an end node's property, need an input that writes nothing.
fn counted(
    input: &Op,
    keys: &[(Slot, PExpr)],
    aggs: &[(Slot, AggCall)],
    stable: bool,
    graph: &Graph,
    layouts: Layouts,
) -> Option<Counted> {
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
    let mut by_function = false;
    // per end, whether a key is a function of it, and whether one is the
    // node itself
    let (mut function_end, mut node_end) = ([false; 2], [false; 2]);
    let mut parts = Vec::with_capacity(keys.len());
    for (_, e) in keys {
        let end = match e {
            PExpr::Slot(s) => {
                let end = end_of(*s);
                if let Some(end) = end {
                    node_end[end as usize] = true;
                }
                end
            }
            _ => match node_function(e).and_then(end_of) {
                Some(end) if stable => {
                    by_function = true;
                    function_end[end as usize] = true;
                    Some(end)
                }
                Some(_) => return None,
                None => None,
            },
        };
        parts.push(match end {
            Some(end) => KeyPart::Node(end),
            None => match rel_function(e, rel) {
                // (its value is read at the end: nothing may change it)
                Some(key) if stable => KeyPart::Rel(key),
                _ if deps(e)?.iter().any(|s| bound_here(*s)) => return None,
                _ => KeyPart::Before,
            },
        });
    }
    // one property of the relationship at most, and only counts of rows
    // or aggregates weighted by them: groups of equal values found by
    // different relationships are merged at the end, which distinct counts
    // of nodes cannot be
    let mut rel_key = None;
    for p in &parts {
        if let KeyPart::Rel(k) = p {
            if rel_key.is_some_and(|old| old != *k) {
                return None;
            }
            rel_key = Some(*k);
        }
    }
    // an aggregate of a function of one property of the relationship is
    // fed once per value, weighted by its rows (the value read at the end)
    let weighted = |a: &AggCall| match (a.func, a.args.as_slice()) {
        (Some(f), [arg]) if stable && weighable(f, a.distinct, arg) => rel_function(arg, rel),
        _ => None,
    };
    let mut hidden = None;
    for (_, a) in aggs {
        if let Some(k) = weighted(a) {
            match rel_key.or(hidden) {
                Some(old) if old != k => return None,
                Some(_) => {}
                None => hidden = Some(k),
            }
        }
    }
    let by_rel = rel_key.or(hidden).is_some();
    let short = !scan && layouts == Layouts::Auto && short(input, graph);
    // which ends are grouped by class (see `Counted::classed`)
    let classed: [bool; 2] = [End::From, End::To].map(|end| {
        let i = end as usize;
        function_end[i]
            && !node_end[i]
            && (short || layouts == Layouts::Always || class_pays(input, end, graph))
    });
    // distinct counts are kept per group: beside functions of a node only
    // when no groups will merge at the end
    let unmerged = (0..2).all(|i| classed[i] || !function_end[i]);
    let mut counts = Vec::with_capacity(aggs.len());
    for (_, a) in aggs {
        counts.push(match (a.func, a.distinct, a.args.as_slice()) {
            (None, _, _) => CountOf::Rows { star: true },
            (Some(FuncId::Count), false, [PExpr::Slot(s)]) if bound_here(*s) => {
                CountOf::Rows { star: false }
            }
            _ if weighted(a).is_some() => CountOf::Weighted { rel },
            // distinct counts cannot be merged across nodes with equal keys
            _ if by_rel => return None,
            (Some(FuncId::Count), true, [PExpr::Slot(s)]) if !by_function || unmerged => {
                CountOf::Distinct(end_of(*s)?)
            }
            (Some(FuncId::Count), true, [PExpr::Prop(b, key, _)])
                if (!by_function || unmerged) && stable =>
            {
                match **b {
                    PExpr::Slot(s) => CountOf::DistinctProp(end_of(s)?, *key),
                    _ => return None,
                }
            }
            _ => return None,
        });
    }
    // grouping by keys bound before a short expansion in a large graph
    // makes about one row per input row: counting rows is cheaper
    if short
        && graph.rel_count() >= LARGE_GRAPH
        && parts.iter().any(|p| matches!(p, KeyPart::Before))
    {
        return None;
    }
    parts.extend(hidden.map(KeyPart::Rel));
    Some(Counted {
        parts,
        counts,
        row_by_row: short,
        classed,
    })
}

/// Whether classing every node that can be at `end` of a shared walk
/// before it starts pays: the walk's types have at least `CLASS_SHARE`
/// relationships per such node (the nodes with the end's labels, or all).
fn class_pays(input: &Op, end: End, g: &Graph) -> bool {
    let (types, labels) = match (input, end) {
        (
            Op::Expand {
                types, to_labels, ..
            },
            End::To,
        ) => (types, &to_labels[..]),
        (
            Op::RelScan {
                types, end_labels, ..
            },
            _,
        ) => (types, &end_labels[end as usize][..]),
        _ => return false,
    };
    let rels: usize = if types.is_empty() {
        g.rel_count()
    } else {
        types.iter().map(|t| g.type_count(*t)).sum()
    };
    let nodes = labels
        .iter()
        .map(|l| g.label_count(*l))
        .min()
        .unwrap_or_else(|| g.node_count());
    nodes.saturating_mul(CLASS_SHARE) <= rels
}

/// Whether aggregate `f` of `arg` may be fed once per distinct value of
/// `arg`, weighted by the rows that have it, and give what feeding every
/// row gives: counts, `min`, `max` and every `DISTINCT` aggregate but
/// `collect` (whose order would change) always; sums and averages when
/// their additions are exact in any order (`exact_sum`).
fn weighable(f: FuncId, distinct: bool, arg: &PExpr) -> bool {
    match f {
        FuncId::Count | FuncId::Min | FuncId::Max => true,
        FuncId::Sum | FuncId::Avg => distinct || exact_sum(arg),
        FuncId::Collect => distinct,
        _ => false,
    }
}

/// Whether every value of `e` is null or an integer, or every value is
/// null or an integral number of at most 2^20 (`CASE WHEN … THEN 1.0 ELSE
/// 0.0 END`): adding such values gives the same sum in any order, and
/// `x · n` equals `n` additions of `x`.
fn exact_sum(e: &PExpr) -> bool {
    /// (a float may occur, every value is small), `None` when unknown.
    fn kind(e: &PExpr) -> Option<(bool, bool)> {
        const SMALL: f64 = (1u64 << 20) as f64;
        match e {
            PExpr::Const(Value::Null) => Some((false, true)),
            PExpr::Const(Value::Int(i)) => Some((false, i.unsigned_abs() <= 1 << 20)),
            PExpr::Const(Value::Float(x)) => {
                (x.fract() == 0.0 && x.abs() <= SMALL).then_some((true, true))
            }
            PExpr::Neg(x) => kind(x),
            PExpr::Func(FuncId::ToInteger | FuncId::Size | FuncId::Length, _) => {
                Some((false, false))
            }
            PExpr::Case(_, whens, default) => {
                let mut out = (false, true);
                let null = PExpr::Const(Value::Null);
                for e in whens
                    .iter()
                    .map(|(_, then)| then)
                    .chain([default.as_deref().unwrap_or(&null)])
                {
                    let (float, small) = kind(e)?;
                    out = (out.0 || float, out.1 && small);
                }
                Some(out)
            }
            _ => None,
        }
    }
    kind(e).is_some_and(|(float, small)| !float || small)
}

/// Whether the expansion's relationship types average fewer than
/// [`SHORT_WALK`] relationships per node.
fn short(input: &Op, g: &Graph) -> bool {
    let rels = match input {
        Op::Expand { types, .. } if !types.is_empty() => {
            types.iter().map(|t| g.type_count(*t)).sum()
        }
        _ => g.rel_count(),
    };
    rels < SHORT_WALK * g.node_count().max(1)
}

#[cfg(test)]
mod tests {
    use crate::{Database, Value};

    /// The Aggregation line of `EXPLAIN q`.
    fn aggregation(db: &Database, q: &str) -> String {
        let r = db.query(&format!("EXPLAIN {q}")).unwrap();
        r.rows
            .iter()
            .find(|row| matches!(&row[0], Value::String(s) if s.trim() == "Aggregation"))
            .map(|row| row[1].to_string())
            .unwrap_or_default()
    }

    #[test]
    fn only_keys_of_matched_nodes_group_by_node() {
        let db = Database::in_memory().unwrap();
        db.query("CREATE (:A {k: 1})-[:R {w: 2}]->(:B {k: 3})")
            .unwrap();
        let by_node = |q: &str| aggregation(&db, q).contains("grouped by node first");
        // a function of a node the pattern matched
        assert!(by_node(
            "MATCH (a:A)-[r:R]->(b) RETURN a.k + 1 AS x, count(*) AS n"
        ));
        // also through a WITH that renames it (the aggregation reads `a`)
        assert!(by_node(
            "MATCH (a:A) WITH a AS c RETURN c.k AS x, count(*) AS n"
        ));
        // a relationship's property, a value passed on by WITH, an impure
        // key, an aggregate that does not merge, an input that writes
        for q in [
            "MATCH (a:A)-[r:R]->(b) RETURN r.w AS x, count(*) AS n",
            "MATCH (a:A) WITH [a] AS c RETURN c[0].k AS x, count(*) AS n",
            "MATCH (a:A) RETURN a.k + rand() AS x, count(*) AS n",
            "MATCH (a:A) RETURN a.k AS x, sum(a.k) AS n",
            "MATCH (a:A) SET a.seen = true RETURN a.k AS x, count(*) AS n",
        ] {
            assert!(!by_node(q), "{q}: {}", aggregation(&db, q));
        }
    }

    #[test]
    fn nodes_are_classed_before_a_walk_that_meets_several_per_node() {
        let db = Database::in_memory().unwrap();
        // 12 relationships to 2 nodes :R (of 5 nodes in all)
        db.query("CREATE (a:C {k: 1}), (b:C {k: 2}), (c:C {k: 3}), (r:R {s: 1}), (q:R {s: 2})")
            .unwrap();
        db.query("MATCH (c:C), (r:R) UNWIND range(1, 2) AS i CREATE (c)-[:V]->(r)")
            .unwrap();
        let line = |q: &str| aggregation(&db, q);
        // a function of the end with few nodes: classed, and distinct
        // counts are counted beside it
        let q = "MATCH (c:C)-[:V]->(r:R) RETURN r.s AS s, count(DISTINCT c) AS n";
        assert!(
            line(q).contains("nodes classed by key value"),
            "{}",
            line(q)
        );
        assert!(line(q).contains("counted while expanding"), "{}", line(q));
        assert_eq!(
            db.query(&format!("{q} ORDER BY s")).unwrap().rows,
            vec![
                vec![Value::Int(1), Value::Int(3)],
                vec![Value::Int(2), Value::Int(3)]
            ]
        );
        // an end whose key is the node itself is never classed
        let q = "MATCH (c:C)-[:V]->(r:R) RETURN r, r.s AS s, count(*) AS n";
        assert!(!line(q).contains("classed"), "{q}: {}", line(q));
        // more nodes than a quarter of the relationships: not classed
        // before a shared walk (10 :C, 12 relationships)
        db.query("UNWIND range(4, 10) AS k CREATE (:C {k: k})")
            .unwrap();
        let q = "MATCH (c:C)-[:V]->(r:R) RETURN c.k AS k, count(*) AS n";
        let plan = line(q);
        assert!(
            plan.contains("row by row") || !plan.contains("classed"),
            "{q}: {plan}"
        );
        // DISTINCT of a projection plans as a grouping
        let q = "MATCH (c:C)-[:V]->(r:R) RETURN DISTINCT c, r.s AS s";
        assert!(line(q).contains("0 aggregates"), "{}", line(q));
    }

    #[test]
    fn sums_are_weighted_only_when_exact_in_any_order() {
        let db = Database::in_memory().unwrap();
        db.query("CREATE (:A)-[:R {v: 'y'}]->(:B)").unwrap();
        let weighted = |arg: &str| {
            let q = format!("MATCH (a:A)-[r:R]->(b) RETURN a, sum({arg}) AS s");
            aggregation(&db, &q).contains("fed once per value")
        };
        assert!(weighted("CASE WHEN r.v = 'y' THEN 1 ELSE 0 END"));
        assert!(weighted(
            "CASE r.v WHEN 'y' THEN 1.0 WHEN 'n' THEN -2.0 END"
        ));
        assert!(weighted("toInteger(r.v)"));
        assert!(weighted("DISTINCT r.v"));
        // fractions, large floats, unknown types, other properties, or
        // anything else of the row
        for arg in [
            "CASE WHEN r.v = 'y' THEN 0.1 ELSE 0.0 END",
            "CASE WHEN r.v = 'y' THEN 1e300 ELSE 0.0 END",
            "CASE WHEN r.v = 'y' THEN 1.0 ELSE toInteger(r.v) END",
            "r.v",
            "CASE WHEN r.v = 'y' THEN 1 ELSE 0 END + size(b.x)",
            "CASE WHEN r.w = 'y' THEN 1 ELSE 0 END + CASE WHEN r.v = 'y' THEN 1 ELSE 0 END",
        ] {
            assert!(!weighted(arg), "{arg}");
        }
    }

    #[test]
    fn functions_of_an_end_are_counted_while_expanding() {
        let db = Database::in_memory().unwrap();
        db.query("CREATE (:A {k: 1})-[:R {w: 2}]->(:B {d: date('2020-01-02')})")
            .unwrap();
        let line = aggregation(
            &db,
            "MATCH (a:A)-[r:R]->(b) RETURN b.d.year AS y, count(*) AS n",
        );
        assert!(line.contains("counted while expanding"), "{line}");
        assert!(line.contains("grouped by node first"), "{line}");
    }
}
