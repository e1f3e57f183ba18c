//! Rewrite passes over a bound plan. Each pass is a pure `Op → Op`
//! function; [`optimize`] runs them in order. With passes switched off the
//! plan is executed as the binder laid it out, which makes the unoptimized
//! plan an oracle for the optimized one (the test-suite runs both).
//!
//! - [`push_filters`]: splits filter conjunctions and moves each conjunct
//!   down to the lowest operator after which all its variables are bound.
//! - [`use_label_scans`]: a label test of a scanned node joins the scan.
//! - [`use_indexes`]: a label scan directly under an equality (or `IN`)
//!   filter on an indexed property becomes an index seek.
//! - [`fuse_filters`]: comparisons of a relationship's properties (and label
//!   tests on a relationship scan's ends) move into the expansion or scan
//!   that reads the relationship; label tests and pure predicates of the
//!   far end of a variable-length walk move into it, tested at path ends.
//! - [`stream_ranges`]: `UNWIND range(…)` produces its integers one at a
//!   time.
//! - [`grouping::choose`]: each aggregation's strategy (grouping by node
//!   first, counting inside the expansion), written into the plan.

use std::collections::BTreeSet;

use super::grouping::{self, Layouts};
use super::{BinOp, Op, PExpr, RelTest, ScanKind, Slot};
use crate::exec::functions::FuncId;
use crate::store::{Dir, Graph, Sym};

/// Runs every pass, on the plan and on the plans of its subqueries.
/// `width` is the plan's row width: a pass that needs slots of its own
/// takes them past it.
pub fn optimize(op: Op, graph: &Graph, layouts: Layouts, width: &mut usize) -> Op {
    let mut op = passes(op, graph, layouts, width);
    optimize_subqueries(&mut op, graph, layouts, width);
    op
}

/// Optimizes the plans nested in the expressions of `op` and of the plans
/// below it (`WHERE COUNT { … } = 0`, `EXISTS { … }`).
fn optimize_subqueries(op: &mut Op, graph: &Graph, layouts: Layouts, width: &mut usize) {
    for e in op.exprs_mut() {
        e.subqueries_mut(&mut |inner| {
            let taken = std::mem::replace(inner, Op::Argument);
            *inner = optimize(taken, graph, layouts, width);
        });
    }
    for child in op.children_mut() {
        optimize_subqueries(child, graph, layouts, width);
    }
}

/// The rewrite passes, in order.
fn passes(op: Op, graph: &Graph, layouts: Layouts, width: &mut usize) -> Op {
    let op = push_filters(op);
    let op = use_label_scans(op, graph);
    let op = use_indexes(op, graph);
    let op = fuse_filters(op);
    let op = stream_ranges(op);
    let op = inline_projections(op);
    let op = plan_views(op, graph);
    let op = grouping::distinct_counts(op, graph, layouts, width);
    grouping::choose(op, graph, layouts)
}

/// Relationships an expansion walks from the records before it turns to the
/// column views: a sixteenth of its type's relationships, and at least 32k
/// (building a view is one pass over the type's relationships).
fn views_threshold(graph: &Graph, ty: Sym) -> u64 {
    (graph.type_count(ty) as u64 / 16).max(1 << 15)
}

/// Marks each expansion of one relationship type in one direction to read
/// the column views once it has walked enough relationships
/// (`Op::Expand::views_after`).
pub fn plan_views(op: Op, graph: &Graph) -> Op {
    let mut op = map_children(op, &|c| plan_views(c, graph));
    if let Op::Expand {
        dir,
        types,
        to_bound,
        rel_bound,
        views_after,
        ..
    } = &mut op
    {
        *views_after = match (types.as_slice(), *dir, *to_bound, *rel_bound) {
            ([ty], Dir::Out | Dir::In, false, false) => Some(views_threshold(graph, *ty)),
            _ => None,
        };
    }
    op
}

/// An aggregation over a projection whose keys and arguments are the
/// projection's slots (`WITH v.vote AS vote RETURN vote, count(*)`) reads
/// the projected expressions directly, without the projection: nothing but
/// the aggregation sees those slots (its rows hold only its keys and
/// aggregates), so the aggregation strategies see through the `WITH`.
pub fn inline_projections(op: Op) -> Op {
    inline_projection(map_children(op, &inline_projections))
}

/// [`inline_projections`] for one aggregation over a projection. A
/// projected slot that only renames another (`WITH c, …`) is replaced by
/// that slot wherever the aggregation reads it (`c.name`), any number of
/// times; any other projected expression must be used exactly once, as a
/// whole key or argument (an unused one could still raise an error, a
/// twice-used one be evaluated twice).
pub(super) fn inline_projection(op: Op) -> Op {
    let Op::Aggregate {
        input,
        keys,
        aggs,
        grouping,
    } = op
    else {
        return op;
    };
    let Op::Project {
        input: below,
        items,
    } = *input
    else {
        return Op::Aggregate {
            input,
            keys,
            aggs,
            grouping,
        };
    };
    let keep = |below: Box<Op>, items, keys, aggs, grouping| Op::Aggregate {
        input: Box::new(Op::Project {
            input: below,
            items,
        }),
        keys,
        aggs,
        grouping,
    };
    let item_slots: BTreeSet<Slot> = items.iter().map(|(s, _)| *s).collect();
    // the projected expressions read the input alone
    let independent = items
        .iter()
        .all(|(_, e)| deps(e).is_some_and(|d| d.is_disjoint(&item_slots)));
    let (renames, computed): (Vec<(Slot, PExpr)>, Vec<(Slot, PExpr)>) = items
        .iter()
        .cloned()
        .partition(|(_, e)| matches!(e, PExpr::Slot(_)));
    let computed_slots: BTreeSet<Slot> = computed.iter().map(|(s, _)| *s).collect();
    // every use of a computed slot is a whole key or argument
    let whole = |e: &PExpr| match e {
        PExpr::Slot(_) => true,
        e => deps(e).is_some_and(|d| d.is_disjoint(&computed_slots)),
    };
    let uses: Vec<Slot> = keys
        .iter()
        .map(|(_, e)| e)
        .chain(aggs.iter().flat_map(|(_, a)| &a.args))
        .filter_map(|e| match e {
            PExpr::Slot(s) if computed_slots.contains(s) => Some(*s),
            _ => None,
        })
        .collect();
    let once = uses.len() == computed_slots.len()
        && uses.iter().collect::<BTreeSet<_>>().len() == uses.len();
    let uses_ok = once
        && keys.iter().map(|(_, e)| e).all(whole)
        && aggs.iter().flat_map(|(_, a)| &a.args).all(whole);
    if !independent || !uses_ok {
        return keep(below, items, keys, aggs, grouping);
    }
    let (mut new_keys, mut new_aggs) = (keys.clone(), aggs.clone());
    let replace = |e: &mut PExpr| {
        if let PExpr::Slot(s) = e
            && let Some((_, x)) = computed.iter().find(|(i, _)| i == s)
        {
            *e = x.clone();
            return true;
        }
        e.substitute(&renames)
    };
    let all = new_keys.iter_mut().map(|(_, e)| e).all(replace)
        && new_aggs
            .iter_mut()
            .flat_map(|(_, a)| a.args.iter_mut())
            .all(replace);
    if !all {
        return keep(below, items, keys, aggs, grouping);
    }
    Op::Aggregate {
        input: below,
        keys: new_keys,
        aggs: new_aggs,
        grouping,
    }
}

/// `UNWIND range(a, b[, step])` produces its integers one at a time instead
/// of building the list first: constant memory, no copy per element.
pub fn stream_ranges(op: Op) -> Op {
    match map_children(op, &stream_ranges) {
        Op::Unwind {
            input,
            expr,
            slot,
            streamed: _,
        } => {
            let streamed = matches!(&expr, PExpr::Func(FuncId::Range, args) if args.len() >= 2);
            Op::Unwind {
                input,
                expr,
                slot,
                streamed,
            }
        }
        other => other,
    }
}

/// Filter fusion: a filter above an `Expand` or `RelScan` (directly or over
/// other filters) that compares a property of the relationship it binds
/// with a value known before the relationship is read (a constant, a
/// parameter, a bound variable or its property) moves into the operator,
/// which then tests each relationship record as it reads it instead of
/// making a row for every relationship and filtering afterwards. A label test on the node an
/// `Expand` reaches, or on an end of a `RelScan`, moves in likewise, and so
/// does any pure function of one such node alone (`r.session >= 60`,
/// `r.date.year = 2000`, `toString(r.date) STARTS WITH '2000'`): the
/// operator tests it once per node (see `exec::ends`).
pub fn fuse_filters(op: Op) -> Op {
    let op = map_children(op, &fuse_filters);
    let Op::Filter { input, pred } = op else {
        return op;
    };
    let mut input = *input;
    match fuse_into(&mut input, pred) {
        Ok(()) => input,
        Err(pred) => Op::Filter {
            input: Box::new(input),
            pred,
        },
    }
}

/// Moves `pred` into the `Expand` or `RelScan` under `op`, looking through
/// other filters on top of it (WHERE's conjuncts have no order, and a fused
/// test raises no error of its own); gives `pred` back when it cannot.
fn fuse_into(op: &mut Op, pred: PExpr) -> Result<(), PExpr> {
    match op {
        Op::Filter { input, .. } => fuse_into(input, pred),
        Op::Expand {
            rel,
            to,
            rel_props,
            to_labels,
            to_not,
            to_props,
            to_tests,
            ..
        } => {
            let pred = match rel_comparison(pred, *rel, &[*rel, *to]) {
                Ok(p) => {
                    rel_props.push(p);
                    return Ok(());
                }
                Err(pred) => pred,
            };
            let Some(pred) = label_test(pred, &mut [(*to, to_labels)]) else {
                return Ok(());
            };
            // `to <> n` with `n` bound before the expansion
            if let PExpr::Bin(BinOp::Ne, a, b) = &pred
                && let (PExpr::Slot(x), PExpr::Slot(y)) = (&**a, &**b)
                && x != y
                && (x == to || y == to)
            {
                let other = if x == to { *y } else { *x };
                if other == *rel {
                    return Err(pred);
                }
                to_not.push(other);
                return Ok(());
            }
            // a pure function of the node reached alone, remembered per node
            if grouping::node_function(&pred) == Some(*to) {
                to_tests.push(pred);
                return Ok(());
            }
            // `to.key op value` with a value bound before, tested on the
            // node reached
            let p = rel_comparison(pred, *to, &[*rel, *to])?;
            to_props.push(p);
            Ok(())
        }
        Op::RelScan {
            rel,
            from,
            to,
            rel_props,
            end_labels,
            end_tests,
            ..
        } => match rel_comparison(pred, *rel, &[*rel, *from, *to]) {
            Ok(p) => {
                rel_props.push(p);
                Ok(())
            }
            Err(pred) => {
                let [from_labels, to_labels] = end_labels;
                let pred = match label_test(pred, &mut [(*from, from_labels), (*to, to_labels)]) {
                    None => return Ok(()),
                    Some(pred) => pred,
                };
                // a pure function of one end alone, remembered per node
                match grouping::node_function(&pred) {
                    Some(s) if s == *from && s != *to => end_tests[0].push(pred),
                    Some(s) if s == *to && s != *from => end_tests[1].push(pred),
                    _ => return Err(pred),
                }
                Ok(())
            }
        },
        // the node at the end of a variable-length walk: its labels and
        // pure functions of it alone are tested at each path's end (the
        // filter above tests the same rows; the walk goes on through a
        // node that fails them, as it must)
        Op::VarExpand {
            from,
            to,
            to_labels,
            to_tests,
            ..
        } => {
            let pred = match label_test(pred, &mut [(*to, to_labels)]) {
                None => return Ok(()),
                Some(pred) => pred,
            };
            if to != from && grouping::node_function(&pred) == Some(*to) {
                to_tests.push(pred);
                return Ok(());
            }
            Err(pred)
        }
        _ => Err(pred),
    }
}

/// `n:Labels` where `n` is one of the operator's node slots in `ends`: the
/// labels join that node's list (`None`); any other predicate comes back.
fn label_test(pred: PExpr, ends: &mut [(Slot, &mut Vec<Sym>)]) -> Option<PExpr> {
    if let PExpr::HasLabels(x, labels) = &pred
        && let PExpr::Slot(s) = **x
        && let Some((_, list)) = ends.iter_mut().find(|(e, _)| *e == s)
    {
        list.extend(labels.iter().copied());
        return None;
    }
    Some(pred)
}

/// `rel.key op value` (either way round; `op` a comparison), or
/// `rel.key IN value`, where `value`
/// is known before the relationship is read: a constant, a parameter, or a
/// slot (or its property) that the operator does not bind. Anything else
/// comes back.
fn rel_comparison(pred: PExpr, rel: Slot, binds: &[Slot]) -> Result<RelTest, PExpr> {
    fn known(e: &PExpr, binds: &[Slot]) -> bool {
        match e {
            PExpr::Const(_) | PExpr::Param(_) => true,
            PExpr::Slot(s) => !binds.contains(s),
            PExpr::Prop(b, _, _) => matches!(&**b, PExpr::Slot(s) if !binds.contains(s)),
            PExpr::List(items) => items.iter().all(|x| known(x, binds)),
            _ => false,
        }
    }
    let known = |e: &PExpr| known(e, binds);
    let on_rel = |e: &PExpr| match e {
        PExpr::Prop(b, key, _) if matches!(&**b, PExpr::Slot(s) if *s == rel) => Some(*key),
        _ => None,
    };
    // the operator with its operands swapped
    let flipped = |op: BinOp| match op {
        BinOp::Lt => BinOp::Gt,
        BinOp::Le => BinOp::Ge,
        BinOp::Gt => BinOp::Lt,
        BinOp::Ge => BinOp::Le,
        other => other,
    };
    match pred {
        PExpr::Bin(
            op @ (BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge),
            a,
            b,
        ) => {
            if let Some(key) = on_rel(&a)
                && known(&b)
            {
                Ok(RelTest { key, op, value: *b })
            } else if let Some(key) = on_rel(&b)
                && known(&a)
            {
                Ok(RelTest {
                    key,
                    op: flipped(op),
                    value: *a,
                })
            } else {
                Err(PExpr::Bin(op, a, b))
            }
        }
        // `rel.key IN list`
        PExpr::Bin(BinOp::In, a, b) => match on_rel(&a) {
            Some(key) if known(&b) => Ok(RelTest {
                key,
                op: BinOp::In,
                value: *b,
            }),
            _ => Err(PExpr::Bin(BinOp::In, a, b)),
        },
        other => Err(other),
    }
}

/// The slots an expression reads; `None` if it cannot be known cheaply
/// (nested plans), in which case the expression is not moved.
pub(crate) fn deps(e: &PExpr) -> Option<BTreeSet<Slot>> {
    let mut s = BTreeSet::new();
    let mut known = true;
    e.walk(&mut |x| match x {
        PExpr::Slot(v) => {
            s.insert(*v);
        }
        PExpr::Path(a, steps) => {
            s.insert(*a);
            for (r, n) in steps {
                s.insert(*r);
                s.insert(*n);
            }
        }
        PExpr::Subquery(..) => known = false,
        _ => {}
    });
    known.then_some(s)
}

fn conjuncts(e: PExpr, out: &mut Vec<PExpr>) {
    match e {
        PExpr::Bin(BinOp::And, a, b) => {
            conjuncts(*a, out);
            conjuncts(*b, out);
        }
        other => out.push(other),
    }
}

/// The slots an operator binds itself (a filter may not move below it if it
/// reads one of them).
fn produces(op: &Op) -> Option<Vec<Slot>> {
    Some(match op {
        Op::NodeScan { slot, .. } => vec![*slot],
        // a bound end (ExpandInto, a walk into a bound node) is only
        // compared with the nodes the walk reaches: a test of it alone
        // runs before the walk, on fewer rows
        Op::Expand {
            rel, to, to_bound, ..
        }
        | Op::VarExpand {
            rel, to, to_bound, ..
        } => {
            if *to_bound {
                vec![*rel]
            } else {
                vec![*rel, *to]
            }
        }
        Op::RelScan { rel, from, to, .. } => vec![*rel, *from, *to],
        Op::ShortestPath { rel, path, .. } => vec![*rel, *path],
        Op::Filter { .. } => vec![],
        Op::Project { items, .. } => items.iter().map(|(s, _)| *s).collect(),
        Op::Unwind { slot, .. } => vec![*slot],
        Op::LoadCsv { slot, .. } => vec![*slot],
        // a procedure that writes runs once per input row: a filter must
        // not drop rows before it
        Op::Call { proc, .. } if proc.writes() => return None,
        Op::Call { yields, .. } => yields.iter().map(|(_, s)| *s).collect(),
        // anything else is a barrier
        _ => return None,
    })
}

fn push_down(op: Op, pred: PExpr, d: &BTreeSet<Slot>) -> Op {
    // a filter that would only land right under another filter stays above
    // it: filters keep their written order (a pattern's own properties are
    // tested before the WHERE clause's conditions)
    if let Op::Filter { input, .. } = &op
        && produces(input).is_none_or(|p| p.iter().any(|s| d.contains(s)))
    {
        return Op::Filter {
            input: Box::new(op),
            pred,
        };
    }
    let Some(prod) = produces(&op) else {
        return Op::Filter {
            input: Box::new(op),
            pred,
        };
    };
    // through a projection of property reads (`WITH v.vote AS vote WHERE
    // vote = 'no'`): the filter reads the projected expressions instead
    if let Op::Project { items, .. } = &op
        && prod.iter().any(|s| d.contains(s))
        && items
            .iter()
            .filter(|(s, _)| d.contains(s))
            .all(|(_, e)| property_read(e))
    {
        let mut moved = pred.clone();
        if moved.substitute(items)
            && let Some(nd) = deps(&moved)
            && !prod.iter().any(|s| nd.contains(s))
        {
            return map_input(op, |input| push_down(input, moved, &nd));
        }
    }
    if prod.iter().any(|s| d.contains(s)) {
        return Op::Filter {
            input: Box::new(op),
            pred,
        };
    }
    map_input(op, |input| push_down(input, pred, d))
}

/// A slot, or a chain of property reads of one (`v.vote`, `r.date.year`):
/// cheap enough to evaluate twice, and pure.
fn property_read(e: &PExpr) -> bool {
    match e {
        PExpr::Slot(_) => true,
        PExpr::Prop(b, _, _) => property_read(b),
        _ => false,
    }
}

/// `op` with its input replaced by `f` of it.
fn map_input(mut op: Op, f: impl FnOnce(Op) -> Op) -> Op {
    if let Some(input) = op.input_mut() {
        let taken = std::mem::replace(input, Op::Argument);
        *input = f(taken);
    }
    op
}

/// Applies `f` to every nested plan (inputs, inner plans, subqueries in
/// expressions are left alone).
pub(crate) fn map_children(mut op: Op, f: &dyn Fn(Op) -> Op) -> Op {
    for child in op.children_mut() {
        let taken = std::mem::replace(child, Op::Argument);
        *child = f(taken);
    }
    op
}

/// Predicate pushdown.
pub fn push_filters(op: Op) -> Op {
    match op {
        Op::Filter { input, pred } => {
            let input = push_filters(*input);
            let mut cs = Vec::new();
            conjuncts(pred, &mut cs);
            let mut op = input;
            for c in cs {
                op = match deps(&c) {
                    Some(d) => push_down(op, c, &d),
                    None => Op::Filter {
                        input: Box::new(op),
                        pred: c,
                    },
                };
            }
            op
        }
        other => map_children(other, &push_filters),
    }
}

/// A WHERE's label test on a scanned node (`MATCH (y) WHERE y:M`, with
/// other filters on `y` possibly stacked between) joins the scan: an
/// all-nodes scan becomes a scan of the rarest label tested, and the other
/// labels are checked by the scan, so the node is tested before anything
/// walks from it (the cost model already chose the start as if the labels
/// were written in the pattern: `Binder::with_where_hints`).
pub fn use_label_scans(op: Op, graph: &Graph) -> Op {
    let op = map_children(op, &|c| use_label_scans(c, graph));
    let Op::Filter { input, pred } = op else {
        return op;
    };
    let mut input = *input;
    match label_into_scan(&mut input, pred, graph) {
        None => input,
        Some(pred) => Op::Filter {
            input: Box::new(input),
            pred,
        },
    }
}

/// Moves `pred`, a label test of the node a `NodeScan` under `op` (through
/// filters) binds, into that scan; gives `pred` back when it cannot.
fn label_into_scan(op: &mut Op, pred: PExpr, graph: &Graph) -> Option<PExpr> {
    match op {
        Op::Filter { input, .. } => label_into_scan(input, pred, graph),
        Op::NodeScan {
            slot, kind, labels, ..
        } => {
            let PExpr::HasLabels(x, tested) = &pred else {
                return Some(pred);
            };
            if !matches!(**x, PExpr::Slot(s) if s == *slot) || tested.is_empty() {
                return Some(pred);
            }
            match kind {
                ScanKind::All => {
                    let mut ls = tested.clone();
                    ls.sort_by_key(|l| graph.label_count(*l));
                    *kind = ScanKind::Label(ls.remove(0));
                    labels.extend(ls);
                }
                ScanKind::Label(_) => labels.extend(tested.iter().copied()),
                // an index seek is already as narrow as the scan gets
                _ => return Some(pred),
            }
            None
        }
        _ => Some(pred),
    }
}

/// Index selection: `Filter(n.k = e)` over `NodeScan(n:L)` with an index on
/// `:L(k)` becomes an index seek.
pub fn use_indexes(op: Op, graph: &Graph) -> Op {
    let op = map_children(op, &|c| use_indexes(c, graph));
    let Op::Filter { input, pred } = op else {
        return op;
    };
    let Op::NodeScan {
        input: scan_in,
        slot,
        kind: ScanKind::Label(label),
        labels,
    } = *input
    else {
        return Op::Filter { input, pred };
    };
    if let Some((key, value, is_in)) = seekable(&pred, slot)
        && graph.has_index(label, key)
    {
        let kind = if is_in {
            ScanKind::IndexIn(label, key, value)
        } else {
            ScanKind::IndexEq(label, key, value)
        };
        return Op::NodeScan {
            input: scan_in,
            slot,
            kind,
            labels,
        };
    }
    Op::Filter {
        input: Box::new(Op::NodeScan {
            input: scan_in,
            slot,
            kind: ScanKind::Label(label),
            labels,
        }),
        pred,
    }
}

/// `slot.key = e` / `e = slot.key` / `slot.key IN e` where `e` does not read `slot`.
fn seekable(pred: &PExpr, slot: Slot) -> Option<(crate::store::Sym, PExpr, bool)> {
    let PExpr::Bin(op, a, b) = pred else {
        return None;
    };
    let is_prop = |x: &PExpr| match x {
        PExpr::Prop(base, key, _) if matches!(**base, PExpr::Slot(s) if s == slot) => Some(*key),
        _ => None,
    };
    let free = |x: &PExpr| deps(x).is_some_and(|d| !d.contains(&slot));
    match op {
        BinOp::Eq => {
            if let (Some(k), true) = (is_prop(a), free(b)) {
                return Some((k, (**b).clone(), false));
            }
            if let (Some(k), true) = (is_prop(b), free(a)) {
                return Some((k, (**a).clone(), false));
            }
            None
        }
        BinOp::In => match (is_prop(a), free(b)) {
            (Some(k), true) => Some((k, (**b).clone(), true)),
            _ => None,
        },
        _ => None,
    }
}
