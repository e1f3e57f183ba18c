//! The `plenary.algo.*` procedures against networkx on the same graphs:
//! random directed graphs (with parallel relationships, self-loops,
//! isolated and dangling nodes), a planted-partition graph, and the UN
//! votes sample (`../shared/data/unvotes/sample`, when present).
//!
//! PageRank must agree within 1e-6 (both iterated to convergence), the
//! weakly and strongly connected components must be the same partitions,
//! Dijkstra's costs the same (and `shortestPath` a real path of that
//! cost), the triangle counts the same, and Louvain's modularity (computed by
//! networkx for both partitions) at least 98% of networkx's own
//! `louvain_communities`. Skips, saying why, when python3 or networkx is
//! missing.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::process::{Command, Stdio};

use plenary::{Database, Value, params};
use serde_json::json;

/// networkx's side: reads `{nodes, edges: [[a, b, w]], source}` on stdin,
/// prints its answers as JSON. The edges are directed; parallel ones add
/// up for PageRank and modularity, the cheapest counts for Dijkstra.
const SCRIPT: &str = r#"
import json, sys
import networkx as nx
d = json.load(sys.stdin)
G = nx.MultiDiGraph()
G.add_nodes_from(d["nodes"])
for a, b, w in d["edges"]:
    G.add_edge(a, b, w=w)
def pagerank(g, weight):
    kw = dict(alpha=0.85, max_iter=10000, tol=1e-13, weight=weight)
    try:
        return nx.pagerank(g, **kw)
    except ImportError:  # no numpy/scipy: networkx's pure Python version
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
        return _pagerank_python(g, **kw)
U = nx.Graph()
U.add_nodes_from(d["nodes"])
for a, b, w in d["edges"]:
    if U.has_edge(a, b):
        U[a][b]["w"] += w
    else:
        U.add_edge(a, b, w=w)
def key(p):
    return {str(k): v for k, v in p.items()}
ours = [set(c) for c in d["louvain"]]
theirs = nx.community.louvain_communities(U, weight="w", resolution=1.0, seed=42)
out = {
    "pagerank": key(pagerank(G, None)),
    "pagerank_w": key(pagerank(G, "w")),
    "wcc": sorted(sorted(c) for c in nx.weakly_connected_components(G)),
    "scc": sorted(sorted(c) for c in nx.strongly_connected_components(G)),
    "dijkstra": key(nx.single_source_dijkstra_path_length(G, d["source"], weight="w")),
    "louvain_ours": nx.community.modularity(U, ours, weight="w") if U.size() else 0.0,
    "louvain_nx": nx.community.modularity(U, theirs, weight="w") if U.size() else 0.0,
    "louvain_nx_count": len(theirs),
    "triangles": key(nx.triangles(U)),
}
json.dump(out, sys.stdout)
"#;

/// Whether python3 with networkx can run here (the reason when not).
fn networkx() -> Result<(), String> {
    match Command::new("python3")
        .args(["-c", "import networkx"])
        .output()
    {
        Err(e) => Err(format!("python3 is not available ({e})")),
        Ok(o) if !o.status.success() => Err(format!(
            "networkx is not installed for python3 ({})",
            String::from_utf8_lossy(&o.stderr).trim()
        )),
        Ok(_) => Ok(()),
    }
}

/// A small deterministic generator (xorshift64*), so the graphs are the
/// same in every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A graph of `n` `:V` nodes with `edges` (`k` of the ends, weight `w`).
fn build(n: i64, edges: &[(i64, i64, f64)]) -> Database {
    let db = Database::in_memory().unwrap();
    db.query_with(
        "UNWIND range(0, $n - 1) AS i CREATE (:V {k: i})",
        params! {"n" => n},
    )
    .unwrap();
    db.execute("CREATE INDEX v_k FOR (v:V) ON (v.k)").unwrap();
    let edges: Vec<Vec<f64>> = edges
        .iter()
        .map(|(a, b, w)| vec![*a as f64, *b as f64, *w])
        .collect();
    db.query_with(
        "UNWIND $edges AS e MATCH (a:V {k: toInteger(e[0])}), (b:V {k: toInteger(e[1])}) \
         CREATE (a)-[:E {w: e[2]}]->(b)",
        params! {"edges" => edges},
    )
    .unwrap();
    db
}

fn int(v: &Value) -> i64 {
    match v {
        Value::Int(i) => *i,
        other => panic!("expected an Integer, got {other:?}"),
    }
}

fn float(v: &Value) -> f64 {
    match v {
        Value::Float(f) => *f,
        Value::Int(i) => *i as f64,
        other => panic!("expected a number, got {other:?}"),
    }
}

/// `CALL proc(config) YIELD node, x RETURN id(node), x` as (id, value) pairs.
fn call(db: &Database, proc: &str, config: &str, field: &str) -> Vec<(i64, Value)> {
    let q =
        format!("CALL plenary.algo.{proc}({config}) YIELD node, {field} RETURN id(node), {field}");
    let r = db.query(&q).unwrap_or_else(|e| panic!("{q}: {e}"));
    r.rows
        .iter()
        .map(|row| (int(&row[0]), row[1].clone()))
        .collect()
}

/// Groups of ids sharing a value (a partition), sorted.
fn partition(rows: &[(i64, Value)]) -> Vec<Vec<i64>> {
    let mut groups: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
    for (id, g) in rows {
        groups.entry(int(g)).or_default().insert(*id);
    }
    let mut out: Vec<Vec<i64>> = groups
        .into_values()
        .map(|s| s.into_iter().collect())
        .collect();
    out.sort();
    out
}

/// Runs both sides on the projection `nodes` × `rel` (weighted by `w`) of
/// `db` and compares them.
fn compare(what: &str, db: &Database, nodes: &str, rel: &str) {
    let unweighted = format!("{{nodes: {nodes}, relationships: '{rel}'");
    let weighted = format!("{{nodes: {nodes}, relationships: {{{rel}: {{weight: 'w'}}}}");
    // the projection's nodes and relationships, as networkx gets them
    let ids: Vec<i64> = call(db, "degree", &format!("{unweighted}}}"), "score")
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let set: BTreeSet<i64> = ids.iter().copied().collect();
    let r = db
        .query(&format!(
            "MATCH (a)-[r:{rel}]->(b) RETURN id(a), id(b), coalesce(r.w, 1.0)"
        ))
        .unwrap();
    let edges: Vec<(i64, i64, f64)> = r
        .rows
        .iter()
        .map(|row| (int(&row[0]), int(&row[1]), float(&row[2])))
        .filter(|(a, b, _)| set.contains(a) && set.contains(b))
        .collect();
    // Dijkstra from the node with the most out-relationships
    let mut out_deg: BTreeMap<i64, usize> = BTreeMap::new();
    for (a, _, _) in &edges {
        *out_deg.entry(*a).or_default() += 1;
    }
    let source = out_deg
        .iter()
        .max_by_key(|(id, d)| (**d, -**id))
        .map_or(ids[0], |(id, _)| *id);

    let converge = ", maxIterations: 10000, tolerance: 1e-13}";
    let pr = call(db, "pageRank", &format!("{unweighted}{converge}"), "score");
    let pr_w = call(db, "pageRank", &format!("{weighted}{converge}"), "score");
    let wcc = partition(&call(db, "wcc", &format!("{unweighted}}}"), "componentId"));
    let scc = partition(&call(db, "scc", &format!("{unweighted}}}"), "componentId"));
    let triangles = call(db, "triangleCount", &format!("{unweighted}}}"), "triangles");
    let louvain = partition(&call(db, "louvain", &format!("{weighted}}}"), "community"));
    let dijkstra = db
        .query(&format!(
            "MATCH (s) WHERE id(s) = {source} \
             CALL plenary.algo.dijkstra({weighted}, source: s}}) YIELD node, cost \
             RETURN id(node), cost"
        ))
        .unwrap();

    let input = json!({
        "nodes": ids,
        "edges": edges.iter().map(|(a, b, w)| json!([a, b, w])).collect::<Vec<_>>(),
        "source": source,
        "louvain": louvain,
    });
    let mut child = Command::new("python3")
        .args(["-c", SCRIPT])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{what}: the networkx script failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let nx: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();

    for (name, ours) in [("pagerank", &pr), ("pagerank_w", &pr_w)] {
        assert_eq!(ours.len(), ids.len(), "{what}: {name} row count");
        for (id, score) in ours {
            let theirs = nx[name][id.to_string()].as_f64().unwrap();
            let d = (float(score) - theirs).abs();
            assert!(
                d <= 1e-6,
                "{what}: {name} of node {id}: plenary {score:?}, networkx {theirs} (off by {d:e})"
            );
        }
    }
    let nx_partition =
        |name: &str| -> Vec<Vec<i64>> { serde_json::from_value(nx[name].clone()).unwrap() };
    assert_eq!(
        wcc,
        nx_partition("wcc"),
        "{what}: weakly connected components"
    );
    assert_eq!(
        scc,
        nx_partition("scc"),
        "{what}: strongly connected components"
    );

    let theirs: BTreeMap<String, f64> = serde_json::from_value(nx["dijkstra"].clone()).unwrap();
    let ours: BTreeMap<String, f64> = dijkstra
        .rows
        .iter()
        .map(|row| (int(&row[0]).to_string(), float(&row[1])))
        .collect();
    assert_eq!(
        ours.keys().collect::<Vec<_>>(),
        theirs.keys().collect::<Vec<_>>(),
        "{what}: the nodes Dijkstra reaches from {source}"
    );
    for (k, c) in &ours {
        assert!(
            (c - theirs[k]).abs() <= 1e-9 * c.abs().max(1.0),
            "{what}: Dijkstra's cost of {k} from {source}: plenary {c}, networkx {}",
            theirs[k]
        );
    }

    assert_eq!(
        triangles.len(),
        ids.len(),
        "{what}: triangleCount row count"
    );
    for (id, t) in &triangles {
        let theirs = nx["triangles"][id.to_string()].as_i64().unwrap();
        assert_eq!(int(t), theirs, "{what}: triangles through node {id}");
    }

    // one cheapest path, to the farthest node reached: a real path of
    // projected relationships whose weights add up to networkx's cost
    let (far, far_cost) = ours
        .iter()
        .map(|(k, c)| (k.parse::<i64>().unwrap(), *c))
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .unwrap();
    let r = db
        .query(&format!(
            "MATCH (s), (t) WHERE id(s) = {source} AND id(t) = {far} \
             CALL plenary.algo.shortestPath({weighted}, source: s, target: t}}) YIELD path, cost \
             RETURN path, cost"
        ))
        .unwrap();
    assert_eq!(r.rows.len(), 1, "{what}: shortestPath to {far}");
    let Value::Path(path) = &r.rows[0][0] else {
        panic!("{what}: shortestPath yields {:?}", r.rows[0][0]);
    };
    let cost = float(&r.rows[0][1]);
    assert!((cost - far_cost).abs() <= 1e-9 * far_cost.max(1.0));
    assert_eq!(path.nodes.first().map(|n| n.id as i64), Some(source));
    assert_eq!(path.nodes.last().map(|n| n.id as i64), Some(far));
    let mut sum = 0.0;
    for (i, rel) in path.relationships.iter().enumerate() {
        let (a, b) = (path.nodes[i].id, path.nodes[i + 1].id);
        assert_eq!((rel.start, rel.end), (a, b), "{what}: step {i} of the path");
        sum += rel.properties.get("w").map_or(1.0, float);
    }
    assert!(
        (sum - cost).abs() <= 1e-9 * cost.max(1.0),
        "{what}: the path's weights add up to {sum}, its cost is {cost}"
    );

    let q_ours = nx["louvain_ours"].as_f64().unwrap();
    let q_nx = nx["louvain_nx"].as_f64().unwrap();
    eprintln!(
        "{what}: {} nodes, {} relationships; Louvain modularity plenary {q_ours:.5} ({} communities), networkx {q_nx:.5} ({})",
        ids.len(),
        edges.len(),
        louvain.len(),
        nx["louvain_nx_count"]
    );
    assert!(
        q_ours >= q_nx - 0.02 * q_nx.abs(),
        "{what}: Louvain modularity {q_ours} is more than 2% below networkx's {q_nx}"
    );
}

/// A random directed graph: `n` nodes, `m` relationships with integral
/// weights 1..=9, some self-loops and parallel relationships.
fn random(seed: u64, n: i64, m: usize) -> Vec<(i64, i64, f64)> {
    let mut rng = Rng(seed);
    let mut edges = Vec::with_capacity(m);
    for _ in 0..m {
        let a = rng.below(n as u64) as i64;
        // one in twenty is a self-loop
        let b = if rng.below(20) == 0 {
            a
        } else {
            rng.below(n as u64) as i64
        };
        edges.push((a, b, (1 + rng.below(9)) as f64));
    }
    edges
}

/// `groups` groups of `size` nodes, dense inside, sparse across.
fn planted(seed: u64, groups: i64, size: i64) -> Vec<(i64, i64, f64)> {
    let mut rng = Rng(seed);
    let n = groups * size;
    let mut edges = Vec::new();
    for a in 0..n {
        for b in 0..n {
            if a == b {
                continue;
            }
            let inside = a / size == b / size;
            let p = if inside { 30 } else { 1 };
            if rng.below(100) < p {
                edges.push((a, b, (1 + rng.below(3)) as f64));
            }
        }
    }
    edges
}

#[test]
fn algorithms_agree_with_networkx() {
    if let Err(why) = networkx() {
        eprintln!("skipping the networkx comparison: {why}");
        return;
    }
    let cases: Vec<(String, i64, Vec<(i64, i64, f64)>)> = vec![
        ("a sparse random graph".into(), 60, random(7, 60, 90)),
        ("a denser random graph".into(), 150, random(11, 150, 900)),
        ("a planted partition".into(), 100, planted(3, 4, 25)),
    ];
    for (what, n, edges) in &cases {
        let db = build(*n, edges);
        compare(what, &db, "'V'", "E");
    }
}

#[test]
fn algorithms_agree_with_networkx_on_un_votes() {
    if let Err(why) = networkx() {
        eprintln!("skipping the networkx comparison: {why}");
        return;
    }
    let file = format!(
        "{}/../shared/data/unvotes/sample/votes.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    if !std::path::Path::new(&file).exists() {
        eprintln!("skipping the UN votes comparison: {file} is not there");
        return;
    }
    let db = Database::in_memory().unwrap();
    db.query_with(
        "CALL plenary.import.relationships($file, {type: 'VOTED', \
         from: {label: 'Country', key: 'name', column: 'country', create: true}, \
         to: {label: 'Resolution', key: 'rcid', column: 'rcid', as: 'INTEGER', create: true}, \
         properties: {vote: 'vote'}})",
        params! {"file" => file},
    )
    .unwrap();
    db.execute(
        "MATCH ()-[v:VOTED]->() SET v.w = CASE v.vote WHEN 'yes' THEN 1.0 WHEN 'abstain' THEN 0.5 ELSE 0.25 END",
    )
    .unwrap();
    compare(
        "the UN votes sample",
        &db,
        "['Country', 'Resolution']",
        "VOTED",
    );
}
