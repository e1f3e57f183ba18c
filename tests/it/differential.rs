//! Differential property tests for the planner's shortcuts: on random small
//! graphs, random pattern queries must give the same rows optimized
//! (relationship scans, fused relationship tests, index seeks, filter
//! pushdown) as unoptimized (node scans, expansions, filters, as written),
//! and grouping by a node's property (which groups by the node first on the
//! read path) must agree with grouping by the value after a `WITH`.
//! Variable-length patterns, which the optimizer may walk from either end,
//! must find the same paths, in the written order, as walked as written.

use plenary::{Database, Value};
use proptest::prelude::*;

/// A random graph as one CREATE statement: nodes `n0..` with a label (A or
/// B, sometimes both), sometimes a `k`, and relationships of type T or U,
/// sometimes with a `w` (an integer or a string).
fn graph_text(nodes: &[(u8, Option<i64>)], rels: &[(usize, usize, bool, Option<i64>)]) -> String {
    let mut parts = Vec::new();
    for (i, (label, k)) in nodes.iter().enumerate() {
        let labels = match label % 3 {
            0 => ":A",
            1 => ":B",
            _ => ":A:B",
        };
        let k = k.map_or(String::new(), |k| format!(", k: {k}"));
        parts.push(format!("(n{i}{labels} {{id: {i}{k}}})"));
    }
    for (a, b, t, w) in rels {
        let (a, b) = (a % nodes.len(), b % nodes.len());
        let ty = if *t { "T" } else { "U" };
        let w = match w {
            None => String::new(),
            Some(5) => " {w: 'x'}".to_string(),
            Some(w) => format!(" {{w: {w}}}"),
        };
        parts.push(format!("(n{a})-[:{ty}{w}]->(n{b})"));
    }
    format!("CREATE {}", parts.join(", "))
}

/// The rows as a sorted list of strings (a bag).
fn bag(db: &Database, q: &str) -> Result<Vec<String>, String> {
    let r = db
        .query_with(q, plenary::params! {"p" => 1})
        .map_err(|e| format!("{}: {}", e.code().as_str(), e.message()))?;
    let mut rows: Vec<String> = r
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(Value::to_string)
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect();
    rows.sort();
    Ok(rows)
}

fn label() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just(""), Just(":A"), Just(":B")]
}

fn rel_type() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just(""), Just(":T"), Just(":U"), Just(":T|U")]
}

fn arrow() -> impl Strategy<Value = (&'static str, &'static str)> {
    prop_oneof![Just(("-", "->")), Just(("<-", "-")), Just(("-", "-"))]
}

fn op() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("="),
        Just("<>"),
        Just("<"),
        Just("<="),
        Just(">"),
        Just(">=")
    ]
}

fn value() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("0"),
        Just("1"),
        Just("2"),
        Just("'x'"),
        Just("null"),
        Just("$p"),
        Just("a.k"),
    ]
}

prop_compose! {
    fn graph()(
        nodes in prop::collection::vec((0u8..3, prop::option::of(0i64..3)), 1..9),
        rels in prop::collection::vec((0usize..9, 0usize..9, any::<bool>(), prop::option::of(0i64..6)), 0..24),
    ) -> String {
        graph_text(&nodes, &rels)
    }
}

prop_compose! {
    /// One or two hops with labels, types, directions, a pattern property
    /// and a WHERE comparison on a relationship (the shapes the optimizer
    /// rewrites), returning the ends' ids.
    fn pattern_query()(
        (la, lb, lc) in (label(), label(), label()),
        (t1, t2) in (rel_type(), rel_type()),
        ((a1, b1), (a2, b2)) in (arrow(), arrow()),
        two_hops in any::<bool>(),
        inline in prop::option::of(prop_oneof![Just("0"), Just("1"), Just("'x'"), Just("$p")]),
        (o1, v1) in (op(), value()),
        (o2, v2) in (op(), value()),
        shape in 0u8..4,
        (flip1, flip2) in (any::<bool>(), any::<bool>()),
        label_test in prop::option::of(prop_oneof![Just("a:A"), Just("b:B"), Just("a:B")]),
        first in any::<bool>(),
    ) -> String {
        // `x op v`, or the same comparison written the other way round
        let cmp = |x: &str, op: &str, v: &str, flip: bool| {
            if flip {
                format!("{v} {op} {x}")
            } else {
                format!("{x} {op} {v}")
            }
        };
        let inline = inline.map_or(String::new(), |v| format!(" {{w: {v}}}"));
        let second = if two_hops {
            format!("{a2}[s{t2}]{b2}(c{lc})")
        } else {
            String::new()
        };
        let mut wheres = vec![cmp("r.w", o1, v1, flip1)];
        if let Some(t) = label_test {
            // a label test in WHERE, before or after the comparison
            if first {
                wheres.insert(0, t.to_string());
            } else {
                wheres.push(t.to_string());
            }
        }
        if two_hops {
            wheres.push(cmp("s.w", o2, if v2 == "a.k" { "r.w" } else { v2 }, flip2));
            if shape == 1 {
                wheres.push(if flip1 { "a <> c" } else { "c <> a" }.into());
            }
        }
        let ret = match (two_hops, shape) {
            (true, 2) => "RETURN a.id AS a, count(*) AS n".to_string(),
            (true, _) => "RETURN a.id AS a, b.id AS b, c.id AS c".to_string(),
            (false, 3) => "RETURN b.k AS k, count(*) AS n, min(r.w) AS lo".to_string(),
            (false, _) => "RETURN a.id AS a, b.id AS b".to_string(),
        };
        format!(
            "MATCH (a{la}){a1}[r{t1}{inline}]{b1}(b{lb}){second} WHERE {} {ret}",
            wheres.join(" AND ")
        )
    }
}

prop_compose! {
    /// A graph with few relationships: the number of trails an unbounded
    /// walk enumerates grows with the factorial of parallel relationships.
    fn small_graph()(
        nodes in prop::collection::vec((0u8..3, prop::option::of(0i64..3)), 1..7),
        rels in prop::collection::vec((0usize..7, 0usize..7, any::<bool>(), prop::option::of(0i64..6)), 0..8),
    ) -> String {
        graph_text(&nodes, &rels)
    }
}

fn var_range() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("*"),
        Just("*0.."),
        Just("*1..2"),
        Just("*0..1"),
        Just("*2"),
        Just("*..3"),
        Just("*2.."),
        Just("*0"),
    ]
}

fn end_props() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just(""),
        Just(" {k: 1}"),
        Just(" {id: 2}"),
        Just(" {k: $p}")
    ]
}

prop_compose! {
    /// A variable-length pattern with labels and property maps on either
    /// end (so the optimizer may walk it from either side), a WHERE on an
    /// end, sometimes a named path, a fixed hop after it, an OPTIONAL
    /// MATCH from a bound node, or a relationship list bound before;
    /// returning the path's nodes and each relationship's start, in order.
    fn varlength_query()(
        (la, lb) in (label(), label()),
        (pa, pb) in (end_props(), end_props()),
        t in rel_type(),
        (a1, b1) in arrow(),
        range in var_range(),
        inline in prop::option::of(prop_oneof![Just("0"), Just("1")]),
        cond in prop::option::of(prop_oneof![
            Just("b:A"), Just("a:B"), Just("b.k = 1"), Just("a.k > 0"), Just("b.id < 4"),
            Just("a.k = b.k"), Just("b:A:B"), Just("a.id <> b.id"),
        ]),
        shape in 0u8..5,
    ) -> String {
        let inline = inline.map_or(String::new(), |v| format!(" {{w: {v}}}"));
        let rel = format!("{a1}[r{t}{range}{inline}]{b1}");
        let wh = cond.map_or(String::new(), |c| format!(" WHERE {c}"));
        let ret = "RETURN a.id AS a, b.id AS b, [x IN r | startNode(x).id] AS starts";
        match shape {
            // a named path: its nodes in the written order
            0 => format!(
                "MATCH p = (a{la}{pa}){rel}(b{lb}{pb}){wh} \
                 RETURN [n IN nodes(p) | n.id] AS ns, [x IN relationships(p) | startNode(x).id] AS starts"
            ),
            // a fixed hop after the walk, which must not reuse its relationship
            1 => format!("MATCH (a{la}{pa}){rel}(b{lb}{pb})-[s]-(c){wh} {ret}, c.id AS c"),
            // optional, from a node bound before (null when none is)
            2 => format!(
                "OPTIONAL MATCH (a{la}{pa}) OPTIONAL MATCH (a){rel}(b{lb}{pb}){wh} {ret}"
            ),
            // a relationship list bound before constrains the walk
            3 => format!(
                "MATCH ()-[r*1..2]->() WITH r MATCH (a{la}{pa}){rel}(b{lb}{pb}){wh} {ret}"
            ),
            _ => format!("MATCH (a{la}{pa}){rel}(b{lb}{pb}){wh} {ret}"),
        }
    }
}

fn dbs(graph: &str) -> (Database, Database) {
    let on = Database::in_memory().unwrap();
    on.execute(graph).unwrap();
    let mut off = Database::in_memory().unwrap();
    off.set_optimize(false);
    off.execute(graph).unwrap();
    (on, off)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn optimized_plans_agree_with_the_written_plan(g in graph(), q in pattern_query()) {
        let (on, off) = dbs(&g);
        prop_assert_eq!(bag(&on, &q), bag(&off, &q), "graph: {}\nquery: {}", g, q);
    }

    #[test]
    fn varlength_walks_agree_from_either_end(g in small_graph(), q in varlength_query()) {
        let (on, off) = dbs(&g);
        prop_assert_eq!(bag(&on, &q), bag(&off, &q), "graph: {}\nquery: {}", g, q);
    }

    #[test]
    fn grouping_by_a_node_property_agrees_with_grouping_by_value(
        g in graph(),
        t in rel_type(),
        (a1, b1) in arrow(),
    ) {
        let (on, _) = dbs(&g);
        let direct = format!(
            "MATCH (a){a1}[r{t}]{b1}(b) RETURN a.k AS k, count(*) AS n, count(r.w) AS c, min(b.id) AS lo, max(b.id) AS hi"
        );
        let by_value = format!(
            "MATCH (a){a1}[r{t}]{b1}(b) WITH a.k AS k, r, b \
             RETURN k, count(*) AS n, count(r.w) AS c, min(b.id) AS lo, max(b.id) AS hi"
        );
        prop_assert_eq!(bag(&on, &direct), bag(&on, &by_value), "graph: {}", g);
    }

    #[test]
    fn counting_inside_the_expansion_agrees_with_counting_rows(
        g in graph(),
        (t1, t2) in (rel_type(), rel_type()),
        ((a1, b1), (a2, b2)) in (arrow(), arrow()),
        (la, lb) in (label(), label()),
        two_hops in any::<bool>(),
        inline in prop::option::of(prop_oneof![Just("0"), Just("'x'")]),
        key in 0usize..8,
        aggs in 0usize..6,
    ) {
        // counted inside the expansion (exec/fused.rs), and the same rows
        // passed through a WITH first, which counts them one by one
        let (on, _) = dbs(&g);
        let inline = inline.map_or(String::new(), |v| format!(" {{w: {v}}}"));
        let (pattern, vars) = if two_hops {
            (format!("(a{la}){a1}[r{t1}]{b1}(m){a2}[s{t2}{inline}]{b2}(b{lb})"), "a, r, m, s, b")
        } else {
            (format!("(a{la}){a1}[r{t1}{inline}]{b1}(b{lb})"), "a, r, b")
        };
        let key = ["", "b AS key, ", "b.k AS key, ", "a.id AS key, ", "a.k AS key, b.k AS k2, ", "a AS key, b AS k2, ", "r.w AS key, ", "a.k AS key, toString(r.w) AS k2, "][key];
        let aggs = [
            "count(*) AS n",
            "count(r) AS n, count(DISTINCT b) AS d",
            "count(DISTINCT a) AS d, count(*) AS n",
            "count(b) AS n, count(DISTINCT a) AS d",
            // fed once per value of r.w, weighted by its rows
            "count(*) AS n, sum(CASE WHEN r.w > 2 THEN 1 ELSE 0 END) AS s, max(r.w) AS hi",
            "avg(CASE r.w WHEN 1 THEN 1.0 WHEN 2 THEN -3.0 END) AS m, count(r.w) AS c, min(toString(r.w)) AS lo, sum(DISTINCT r.w) AS sd",
        ][aggs];
        let fused = format!("MATCH {pattern} RETURN {key}{aggs}");
        let rows = format!("MATCH {pattern} WITH {vars} RETURN {key}{aggs}");
        prop_assert_eq!(bag(&on, &fused), bag(&on, &rows), "graph: {}\nquery: {}", g, fused);
    }
}
