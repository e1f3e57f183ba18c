//! Weighted shortest paths over the directed projection (unweighted
//! relationships cost 1): `plenary.algo.dijkstra`, the costs from a
//! source (petgraph's Dijkstra), and `plenary.algo.shortestPath`, one
//! cheapest path from a source to a target (petgraph's A* with a zero
//! estimate, which is Dijkstra that remembers the way).

use super::Projection;
use crate::value::RelId;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

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

/// A cheapest path from `source` to `target`: its cost, its nodes (by
/// projected index) and its relationships (between two nodes, the
/// cheapest of their relationships, then the lowest id). `None` when the
/// target is unreachable.
pub fn shortest_path(
    p: &Projection,
    source: usize,
    target: usize,
) -> Option<(f64, Vec<usize>, Vec<RelId>)> {
    let goal = NodeIndex::new(target);
    let (cost, nodes) = petgraph::algo::astar(
        &p.graph,
        NodeIndex::new(source),
        |n| n == goal,
        |e| *e.weight(),
        |_| 0.0,
    )?;
    let mut rels = Vec::with_capacity(nodes.len().saturating_sub(1));
    for w in nodes.windows(2) {
        let best = p
            .graph
            .edges_connecting(w[0], w[1])
            .map(|e| (*e.weight(), p.rel_ids[e.id().index()]))
            .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))?;
        rels.push(best.1);
    }
    Some((cost, nodes.into_iter().map(|n| n.index()).collect(), rels))
}
