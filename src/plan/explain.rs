//! Plans as text: one line per operator, children indented, for `EXPLAIN`,
//! `PROFILE` and plan assertions in tests.

use super::{BinOp, CountOf, Grouping, KeyPart, Names, Op, PExpr, ScanKind, Slot};
use crate::store::{Dir, Sym};

/// One operator of a printed plan: depth, name and details.
#[derive(Debug, Clone)]
pub struct Line {
    /// Nesting depth (0 = root).
    pub depth: usize,
    /// Operator name, e.g. `Expand`.
    pub name: &'static str,
    /// Operator details, e.g. `(c)-[v:VOTED]->(r)`.
    pub details: String,
}

/// The operators of `op`, root first (pre-order).
pub fn lines(op: &Op, g: Names<'_>) -> Vec<Line> {
    let mut out = Vec::new();
    walk(op, 0, g, &mut out);
    out
}

fn names(g: Names<'_>, s: &[Sym], sep: &str) -> String {
    s.iter().map(|x| g.name(*x)).collect::<Vec<_>>().join(sep)
}

/// `:T1|T2 {k1, k2}`: a relationship's types and the properties it is
/// tested on as it is read.
fn rel_details(g: Names<'_>, types: &[Sym], tests: &[super::RelTest]) -> String {
    let mut s = if types.is_empty() {
        String::new()
    } else {
        format!(":{}", names(g, types, "|"))
    };
    if !tests.is_empty() {
        let parts: Vec<String> = tests
            .iter()
            .map(|t| format!("{} {} …", g.name(t.key), op_text(t.op)))
            .collect();
        s.push_str(&format!(" {{{}}}", parts.join(", ")));
    }
    s
}

/// A fused comparison's operator as written.
fn op_text(op: BinOp) -> &'static str {
    match op {
        BinOp::Eq => "=",
        BinOp::Ne => "<>",
        BinOp::Lt => "<",
        BinOp::Le => "<=",
        BinOp::Gt => ">",
        BinOp::In => "IN",
        _ => ">=",
    }
}

/// How an aggregation finds its groups, as EXPLAIN says it.
fn grouping_note(g: &Grouping) -> String {
    let parts = g.counted.as_ref().map_or(&[][..], |c| &c.parts[..]);
    let by_rel = |i: usize| matches!(parts.get(i), Some(KeyPart::Rel(_)));
    let mut out = String::new();
    if (0..g.by_node.len()).any(|i| g.node_of(i).is_some() && !by_rel(i)) {
        out.push_str(", grouped by node first");
    }
    if let Some(c) = &g.counted {
        out.push_str(", counted while expanding");
        if parts.iter().any(|p| matches!(p, KeyPart::Rel(_))) {
            out.push_str(" by a relationship property");
        }
        if c.counts
            .iter()
            .any(|c| matches!(c, CountOf::Weighted { .. }))
        {
            out.push_str(", aggregates fed once per value weighted by its rows");
        }
        if c.row_by_row {
            out.push_str(", row by row");
        }
    }
    out
}

/// The note for an operator's predicates of one node alone.
fn node_tests(slot: Slot, tests: &[PExpr]) -> String {
    match tests.len() {
        0 => String::new(),
        1 => format!(" #{slot} tested once per node"),
        n => format!(" #{slot} tested once per node ({n} predicates)"),
    }
}

fn arrow(dir: Dir) -> (&'static str, &'static str) {
    match dir {
        Dir::Out => ("-", "->"),
        Dir::In => ("<-", "-"),
        Dir::Both => ("-", "-"),
    }
}

/// The operator's name and details.
pub fn describe(op: &Op, g: Names<'_>) -> (&'static str, String) {
    match op {
        Op::Argument => ("Argument", String::new()),
        Op::NodeScan {
            slot, kind, labels, ..
        } => {
            let extra = if labels.is_empty() {
                String::new()
            } else {
                format!(":{}", names(g, labels, ":"))
            };
            match kind {
                ScanKind::All => ("AllNodesScan", format!("#{slot}{extra}")),
                ScanKind::Label(l) => ("NodeByLabelScan", format!("#{slot}:{}{extra}", g.name(*l))),
                ScanKind::IndexEq(l, k, _) => (
                    "NodeIndexSeek",
                    format!("#{slot}:{}({}) = …", g.name(*l), g.name(*k)),
                ),
                ScanKind::IndexIn(l, k, _) => (
                    "NodeIndexSeek",
                    format!("#{slot}:{}({}) IN …", g.name(*l), g.name(*k)),
                ),
            }
        }
        Op::Expand {
            from,
            rel,
            to,
            dir,
            types,
            to_bound,
            to_labels,
            rel_props,
            to_not,
            to_props,
            to_tests,
            views_after,
            ..
        } => {
            let (a, b) = arrow(*dir);
            let t = rel_details(g, types, rel_props);
            let name = if *to_bound { "ExpandInto" } else { "Expand" };
            let labels = if to_labels.is_empty() {
                String::new()
            } else {
                format!(":{}", names(g, to_labels, ":"))
            };
            let not: String = to_not.iter().map(|s| format!(" #{to} <> #{s}")).collect();
            let props: String = to_props
                .iter()
                .map(|p| format!(" #{to}.{} {} …", g.name(p.key), op_text(p.op)))
                .collect();
            let tests = node_tests(*to, to_tests);
            let views = views_after.map_or(String::new(), |n| {
                format!(", column views after {n} relationships")
            });
            (
                name,
                format!("(#{from}){a}[#{rel}{t}]{b}(#{to}{labels}){not}{props}{tests}{views}"),
            )
        }
        Op::RelScan {
            rel,
            from,
            to,
            dir,
            types,
            rel_props,
            end_labels,
            end_tests,
            ..
        } => {
            let (a, b) = arrow(*dir);
            let t = rel_details(g, types, rel_props);
            let l = |ls: &Vec<Sym>| {
                if ls.is_empty() {
                    String::new()
                } else {
                    format!(":{}", names(g, ls, ":"))
                }
            };
            (
                "RelationshipScan",
                format!(
                    "(#{from}{}){a}[#{rel}{t}]{b}(#{to}{}){}{}",
                    l(&end_labels[0]),
                    l(&end_labels[1]),
                    node_tests(*from, &end_tests[0]),
                    node_tests(*to, &end_tests[1]),
                ),
            )
        }
        Op::VarExpand {
            from,
            rel,
            to,
            dir,
            types,
            min,
            max,
            ..
        } => {
            let (a, b) = arrow(*dir);
            let t = if types.is_empty() {
                String::new()
            } else {
                format!(":{}", names(g, types, "|"))
            };
            let m = max.map_or(String::new(), |m| m.to_string());
            (
                "VarLengthExpand",
                format!("(#{from}){a}[#{rel}{t}*{min}..{m}]{b}(#{to})"),
            )
        }
        Op::ShortestPath { from, to, all, .. } => (
            if *all {
                "AllShortestPaths"
            } else {
                "ShortestPath"
            },
            format!("(#{from}) … (#{to})"),
        ),
        Op::Filter { .. } => ("Filter", String::new()),
        Op::Optional { .. } => ("Optional", String::new()),
        Op::Apply { unit, .. } => (
            "Apply",
            if *unit {
                "unit".to_string()
            } else {
                String::new()
            },
        ),
        Op::Project { items, .. } => (
            "Projection",
            items
                .iter()
                .map(|(s, _)| format!("#{s}"))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Op::Aggregate {
            keys,
            aggs,
            grouping,
            ..
        } => (
            "Aggregation",
            format!(
                "{} keys, {} aggregates{}",
                keys.len(),
                aggs.len(),
                grouping_note(grouping)
            ),
        ),
        Op::Distinct { .. } => ("Distinct", String::new()),
        Op::Sort { keys, limit, .. } => (
            if limit.is_some() { "Top" } else { "Sort" },
            format!("{} keys", keys.len()),
        ),
        Op::Skip { .. } => ("Skip", String::new()),
        Op::Limit { .. } => ("Limit", String::new()),
        Op::Unwind { slot, streamed, .. } => (
            "Unwind",
            if *streamed {
                format!("#{slot}, range streamed")
            } else {
                format!("#{slot}")
            },
        ),
        Op::Union { .. } => ("Union", String::new()),
        Op::Create { patterns, .. } => (
            "Create",
            format!(
                "{} nodes, {} relationships",
                patterns
                    .iter()
                    .map(|p| p.nodes.iter().filter(|n| !n.bound).count())
                    .sum::<usize>(),
                patterns.iter().map(|p| p.rels.len()).sum::<usize>()
            ),
        ),
        Op::Merge { .. } => ("Merge", String::new()),
        Op::Set { items, .. } => ("SetOrRemove", format!("{} items", items.len())),
        Op::Delete { detach, .. } => (
            if *detach { "DetachDelete" } else { "Delete" },
            String::new(),
        ),
        Op::Foreach { .. } => ("Foreach", String::new()),
        Op::Call { proc, args, .. } => (
            "ProcedureCall",
            match args.len() {
                0 => proc.name().to_string(),
                1 => format!("{} (1 argument)", proc.name()),
                n => format!("{} ({n} arguments)", proc.name()),
            },
        ),
        Op::LoadCsv { .. } => ("LoadCSV", String::new()),
    }
}

fn walk(op: &Op, depth: usize, g: Names<'_>, out: &mut Vec<Line>) {
    let (name, details) = describe(op, g);
    out.push(Line {
        depth,
        name,
        details,
    });
    match op {
        Op::Union { branches } => {
            for b in branches {
                walk(b, depth + 1, g, out);
            }
        }
        Op::Optional { input, inner, .. } | Op::Apply { input, inner, .. } => {
            walk(inner, depth + 1, g, out);
            walk(input, depth + 1, g, out);
        }
        Op::Merge { input, matcher, .. } => {
            walk(matcher, depth + 1, g, out);
            walk(input, depth + 1, g, out);
        }
        Op::Foreach { input, body, .. } => {
            walk(body, depth + 1, g, out);
            walk(input, depth + 1, g, out);
        }
        other => {
            if let Some(i) = other.input() {
                walk(i, depth + 1, g, out);
            }
        }
    }
}
