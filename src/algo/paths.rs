//! Weighted shortest paths: `plenary.algo.dijkstra` (petgraph's Dijkstra
//! over the directed projection; unweighted relationships cost 1).

use super::Projection;
use petgraph::graph::NodeIndex;

/// The cost of the cheapest path from `source` to every node it reaches
/// (itself at 0), by cost then projected index; with a `target`, only the
/// target's (nothing when it is unreachable).
pub fn dijkstra(p: &Projection, source: usize, target: Option<usize>) -> Vec<(usize, f64)> {
    let scores = petgraph::algo::dijkstra(
        &p.graph,
        NodeIndex::new(source),
        target.map(NodeIndex::new),
        |e| *e.weight(),
    );
    let mut out: Vec<(usize, f64)> = match target {
        Some(t) => scores
            .get(&NodeIndex::new(t))
            .map(|c| (t, *c))
            .into_iter()
            .collect(),
        None => scores.into_iter().map(|(n, c)| (n.index(), c)).collect(),
    };
    out.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    out
}
