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
            .map(|t| {
                let v = expr_text(&t.value, g);
                format!("{} {} {v}", g.name(t.key), op_text(t.op))
            })
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

use crate::exec::ops::INTO_TABLE_MIN;

/// How an aggregation finds its groups, as EXPLAIN says it.
fn grouping_note(g: &Grouping) -> String {
    let parts = g.counted.as_ref().map_or(&[][..], |c| &c.parts[..]);
    let by_rel = |i: usize| matches!(parts.get(i), Some(KeyPart::Rel(_)));
    let mut out = String::new();
    let by_node = (0..g.by_node.len()).any(|i| g.node_of(i).is_some() && !by_rel(i));
    if by_node {
        out.push_str(", grouped by node first");
        // (see `exec::ops::Classes`)
        if g.counted
            .as_ref()
            .is_none_or(|c| c.classed.iter().any(|c| *c))
        {
            out.push_str(", nodes classed by key value");
        }
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
fn node_tests(slot: Slot, tests: &[PExpr], g: Names<'_>) -> String {
    if tests.is_empty() {
        return String::new();
    }
    let preds: Vec<String> = tests.iter().map(|t| expr_text(t, g)).collect();
    format!(" #{slot} tested once per node: {}", preds.join(" AND "))
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
                .map(|p| {
                    let v = expr_text(&p.value, g);
                    format!(" #{to}.{} {} {v}", g.name(p.key), op_text(p.op))
                })
                .collect();
            let tests = node_tests(*to, to_tests, g);
            let views = views_after.map_or(String::new(), |n| {
                format!(", column views after {n} relationships")
            });
            // (`exec::ops::IntoTable`)
            let views = if *to_bound && *dir != Dir::Both {
                format!(
                    "{views}, a repeating #{to} with {INTO_TABLE_MIN} relationships or more answered from its table"
                )
            } else {
                views
            };
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
                    node_tests(*from, &end_tests[0], g),
                    node_tests(*to, &end_tests[1], g),
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
            to_bound,
            to_labels,
            to_tests,
            rel_props,
            distinct_from,
            ..
        } => {
            let (a, b) = arrow(*dir);
            let t = if types.is_empty() {
                String::new()
            } else {
                format!(":{}", names(g, types, "|"))
            };
            let m = max.map_or(String::new(), |m| m.to_string());
            let props = rel_props
                .as_ref()
                .map_or(String::new(), |p| format!(" {}", expr_text(p, g)));
            let labels = if to_labels.is_empty() {
                String::new()
            } else {
                format!(":{}", names(g, to_labels, ":"))
            };
            // the end's tests apply where a path ends, not on the way
            let tests = if to_tests.is_empty() {
                String::new()
            } else {
                let preds: Vec<String> = to_tests.iter().map(|t| expr_text(t, g)).collect();
                format!(" #{to} tested at path ends: {}", preds.join(" AND "))
            };
            let distinct = if distinct_from.is_empty() {
                String::new()
            } else {
                let s: Vec<String> = distinct_from.iter().map(|s| format!("#{s}")).collect();
                format!(" distinct from {}", s.join(", "))
            };
            (
                if *to_bound {
                    "VarLengthExpandInto"
                } else {
                    "VarLengthExpand"
                },
                format!(
                    "(#{from}){a}[#{rel}{t}*{min}..{m}{props}]{b}(#{to}{labels}){tests}{distinct}"
                ),
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
        Op::Filter { pred, .. } => ("Filter", expr_text(pred, g)),
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

/// An expression as Cypher-like text for EXPLAIN: variables are slots
/// (`#3`), nested plans are named by what they compute. Long texts are
/// cut at [`EXPR_TEXT_MAX`] characters.
pub fn expr_text(e: &PExpr, g: Names<'_>) -> String {
    let mut s = String::new();
    write_expr(e, g, &mut s);
    if s.chars().count() > EXPR_TEXT_MAX {
        s = s.chars().take(EXPR_TEXT_MAX - 1).collect();
        s.push('…');
    }
    s
}

/// The longest expression text EXPLAIN prints.
pub const EXPR_TEXT_MAX: usize = 120;

fn bin_text(op: BinOp) -> &'static str {
    match op {
        BinOp::Or => "OR",
        BinOp::Xor => "XOR",
        BinOp::And => "AND",
        BinOp::Eq => "=",
        BinOp::Ne => "<>",
        BinOp::Lt => "<",
        BinOp::Le => "<=",
        BinOp::Gt => ">",
        BinOp::Ge => ">=",
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Div => "/",
        BinOp::Mod => "%",
        BinOp::Pow => "^",
        BinOp::In => "IN",
        BinOp::StartsWith => "STARTS WITH",
        BinOp::EndsWith => "ENDS WITH",
        BinOp::Contains => "CONTAINS",
        BinOp::Regex => "=~",
    }
}

fn write_list(items: &[PExpr], g: Names<'_>, out: &mut String) {
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_expr(x, g, out);
    }
}

fn write_expr(e: &PExpr, g: Names<'_>, out: &mut String) {
    use std::fmt::Write;
    // a nested operand in parentheses unless it is atomic
    let sub = |x: &PExpr, out: &mut String| {
        let atomic = !matches!(
            x,
            PExpr::Bin(..) | PExpr::Not(_) | PExpr::Neg(_) | PExpr::IsNull(..)
        );
        if !atomic {
            out.push('(');
        }
        write_expr(x, g, out);
        if !atomic {
            out.push(')');
        }
    };
    match e {
        PExpr::Const(v) => {
            let _ = write!(out, "{v}");
        }
        PExpr::Param(p) => {
            let _ = write!(out, "${p}");
        }
        PExpr::Slot(s) => {
            let _ = write!(out, "#{s}");
        }
        PExpr::Prop(b, _, key) => {
            sub(b, out);
            let _ = write!(out, ".{key}");
        }
        PExpr::Index(b, i) => {
            sub(b, out);
            out.push('[');
            write_expr(i, g, out);
            out.push(']');
        }
        PExpr::Slice(b, from, to) => {
            sub(b, out);
            out.push('[');
            if let Some(f) = from {
                write_expr(f, g, out);
            }
            out.push_str("..");
            if let Some(t) = to {
                write_expr(t, g, out);
            }
            out.push(']');
        }
        PExpr::List(items) => {
            out.push('[');
            write_list(items, g, out);
            out.push(']');
        }
        PExpr::Map(entries) => {
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let _ = write!(out, "{k}: ");
                write_expr(v, g, out);
            }
            out.push('}');
        }
        PExpr::Not(x) => {
            out.push_str("NOT ");
            sub(x, out);
        }
        PExpr::Neg(x) => {
            out.push('-');
            sub(x, out);
        }
        PExpr::Pos(x) => {
            out.push('+');
            sub(x, out);
        }
        PExpr::Bin(op, a, b) => {
            sub(a, out);
            let _ = write!(out, " {} ", bin_text(*op));
            sub(b, out);
        }
        PExpr::IsNull(x, negated) => {
            sub(x, out);
            out.push_str(if *negated { " IS NOT NULL" } else { " IS NULL" });
        }
        PExpr::HasLabels(x, labels) => {
            sub(x, out);
            let _ = write!(out, ":{}", names(g, labels, ":"));
        }
        PExpr::Func(f, args) => {
            let _ = write!(out, "{}(", crate::exec::functions::name_of(*f));
            write_list(args, g, out);
            out.push(')');
        }
        PExpr::Case(subject, arms, default) => {
            out.push_str("CASE");
            if let Some(s) = subject {
                out.push(' ');
                write_expr(s, g, out);
            }
            for (w, t) in arms {
                out.push_str(" WHEN ");
                write_expr(w, g, out);
                out.push_str(" THEN ");
                write_expr(t, g, out);
            }
            if let Some(d) = default {
                out.push_str(" ELSE ");
                write_expr(d, g, out);
            }
            out.push_str(" END");
        }
        PExpr::ListComp(slot, list, pred, map) => {
            let _ = write!(out, "[#{slot} IN ");
            write_expr(list, g, out);
            if let Some(p) = pred {
                out.push_str(" WHERE ");
                write_expr(p, g, out);
            }
            if let Some(m) = map {
                out.push_str(" | ");
                write_expr(m, g, out);
            }
            out.push(']');
        }
        PExpr::Quant(q, slot, list, pred) => {
            let name = match q {
                crate::syntax::ast::Quantifier::All => "all",
                crate::syntax::ast::Quantifier::Any => "any",
                crate::syntax::ast::Quantifier::None => "none",
                crate::syntax::ast::Quantifier::Single => "single",
            };
            let _ = write!(out, "{name}(#{slot} IN ");
            write_expr(list, g, out);
            if let Some(p) = pred {
                out.push_str(" WHERE ");
                write_expr(p, g, out);
            }
            out.push(')');
        }
        PExpr::Reduce(acc, init, slot, list, body) => {
            let _ = write!(out, "reduce(#{acc} = ");
            write_expr(init, g, out);
            let _ = write!(out, ", #{slot} IN ");
            write_expr(list, g, out);
            out.push_str(" | ");
            write_expr(body, g, out);
            out.push(')');
        }
        PExpr::Subquery(_, kind) => out.push_str(match kind {
            super::SubqueryKind::Exists => "EXISTS {…}",
            super::SubqueryKind::Count => "COUNT {…}",
            super::SubqueryKind::Collect(_) => "COLLECT {…}",
        }),
        PExpr::MapProj(b, items) => {
            sub(b, out);
            out.push('{');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match item {
                    super::MapProjItem::Entry(k, v) => {
                        let _ = write!(out, "{k}: ");
                        write_expr(v, g, out);
                    }
                    super::MapProjItem::Property(k, _) => {
                        let _ = write!(out, ".{k}");
                    }
                    super::MapProjItem::All => out.push_str(".*"),
                }
            }
            out.push('}');
        }
        PExpr::Path(start, steps) => {
            let _ = write!(out, "path(#{start}");
            for (r, n) in steps {
                let _ = write!(out, ", #{r}, #{n}");
            }
            out.push(')');
        }
    }
}
