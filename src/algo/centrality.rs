//! Centralities: PageRank and (weighted) degree.
//!
//! `plenary.algo.pageRank` follows networkx's `pagerank`: power iteration
//! from the uniform vector; a node passes `dampingFactor` of its score to
//! its out-neighbours in proportion to the relationships' weights
//! (parallel relationships add up); a *dangling* node — no out-weight in
//! the projection — spreads its share uniformly over all nodes; every node
//! gets `(1 - dampingFactor) / n` besides. The iteration stops when the sum
//! of absolute changes falls below `n * tolerance` or after
//! `maxIterations` rounds (then the last vector is returned, as Neo4j's GDS
//! does, where networkx raises). Scores sum to 1.

use crate::error::Result;

use super::Projection;
use petgraph::visit::EdgeRef;

/// PageRank's settings.
pub struct PageRank {
    pub damping: f64,
    pub max_iterations: usize,
    pub tolerance: f64,
}

/// Every projected node's PageRank, by projected index.
pub fn page_rank(
    p: &Projection,
    s: &PageRank,
    tick: &mut dyn FnMut() -> Result<()>,
) -> Result<Vec<f64>> {
    let n = p.nodes.len();
    if n == 0 {
        return Ok(Vec::new());
    }
    let nf = n as f64;
    let out_weight = degree(p);
    // (from, to, share of from's score that goes along the edge)
    let edges: Vec<(usize, usize, f64)> = p
        .graph
        .edge_references()
        .filter_map(|e| {
            let (a, b) = (e.source().index(), e.target().index());
            let w = out_weight[a];
            (w > 0.0).then(|| (a, b, e.weight() / w))
        })
        .collect();
    let dangling: Vec<usize> = (0..n).filter(|i| out_weight[*i] <= 0.0).collect();
    let mut x = vec![1.0 / nf; n];
    let mut next = vec![0.0; n];
    for _ in 0..s.max_iterations {
        tick()?;
        let lost: f64 = dangling.iter().map(|i| x[*i]).sum();
        let base = (s.damping * lost + (1.0 - s.damping)) / nf;
        next.iter_mut().for_each(|v| *v = base);
        for (a, b, share) in &edges {
            next[*b] += s.damping * x[*a] * share;
        }
        let err: f64 = next.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if err < nf * s.tolerance {
            break;
        }
    }
    Ok(x)
}

/// Every projected node's out-weight (the sum of its outgoing edges'
/// weights; its out-degree when unweighted), by projected index.
pub fn degree(p: &Projection) -> Vec<f64> {
    let mut d = vec![0.0; p.nodes.len()];
    for e in p.graph.edge_references() {
        d[e.source().index()] += e.weight();
    }
    d
}
