//! Community detection: `plenary.algo.louvain`, Blondel et al.'s Louvain
//! method on the projection read as an undirected weighted graph (each
//! relationship one edge of its weight, whatever its orientation; parallel
//! relationships add up; a self-loop counts twice in its node's degree).
//!
//! It follows networkx's `louvain_communities`, but visits nodes in id
//! order instead of a random one, so its answer is deterministic: each
//! level moves nodes, one at a time, to the neighbouring community with
//! the largest positive modularity gain
//! `w(i, C) / m - resolution * k_i * K_C / (2 m²)` until a whole pass
//! moves nothing; then the communities become the nodes of the next level.
//! It stops when a level improves the modularity
//! `Q = Σ_C [ L_C / m - resolution * (K_C / 2m)² ]` by at most `tolerance`.
//! A level makes at most [`MAX_PASSES`] passes (rounding could otherwise
//! make two nearly equal moves alternate for ever).

use rustc_hash::FxHashMap;

use super::Projection;
use crate::error::Result;

/// The most passes over the nodes one level makes.
pub const MAX_PASSES: usize = 1000;

/// One level's graph: per node, its neighbours with the weights between
/// them (no self entries), its self-loop weight and its degree.
struct Level {
    adj: Vec<Vec<(usize, f64)>>,
    loops: Vec<f64>,
    degree: Vec<f64>,
}

impl Level {
    fn new(n: usize, edges: impl Iterator<Item = (usize, usize, f64)>) -> Level {
        let mut maps: Vec<FxHashMap<usize, f64>> = vec![FxHashMap::default(); n];
        let mut order: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut loops = vec![0.0; n];
        let mut degree = vec![0.0; n];
        for (a, b, w) in edges {
            if a == b {
                loops[a] += w;
                degree[a] += 2.0 * w;
                continue;
            }
            degree[a] += w;
            degree[b] += w;
            for (x, y) in [(a, b), (b, a)] {
                let e = maps[x].entry(y).or_insert_with(|| {
                    order[x].push(y);
                    0.0
                });
                *e += w;
            }
        }
        // neighbours in order of first appearance: deterministic
        let adj = order
            .into_iter()
            .zip(maps)
            .map(|(o, m)| o.into_iter().map(|y| (y, m[&y])).collect())
            .collect();
        Level { adj, loops, degree }
    }

    fn len(&self) -> usize {
        self.adj.len()
    }

    /// The modularity of a partition of this level's nodes.
    fn modularity(&self, com: &[usize], m: f64, resolution: f64) -> f64 {
        let n = self.len();
        let mut inner = vec![0.0; n];
        let mut tot = vec![0.0; n];
        for i in 0..n {
            tot[com[i]] += self.degree[i];
            inner[com[i]] += self.loops[i];
            for (j, w) in &self.adj[i] {
                // each edge is seen from both ends
                if com[*j] == com[i] {
                    inner[com[i]] += w / 2.0;
                }
            }
        }
        (0..n)
            .map(|c| inner[c] / m - resolution * (tot[c] / (2.0 * m)).powi(2))
            .sum()
    }

    /// One level of moves from singletons: each node's community (numbers
    /// in `0..n`) and whether any node moved.
    fn one_level(
        &self,
        m: f64,
        resolution: f64,
        tick: &mut dyn FnMut() -> Result<()>,
    ) -> Result<(Vec<usize>, bool)> {
        let n = self.len();
        let mut com: Vec<usize> = (0..n).collect();
        let mut tot = self.degree.clone();
        let mut improved = false;
        let mut weights: FxHashMap<usize, f64> = FxHashMap::default();
        let mut order: Vec<usize> = Vec::new();
        for _ in 0..MAX_PASSES {
            let mut moves = 0usize;
            for i in 0..n {
                tick()?;
                let k = self.degree[i];
                let old = com[i];
                weights.clear();
                order.clear();
                for (j, w) in &self.adj[i] {
                    let c = com[*j];
                    *weights.entry(c).or_insert_with(|| {
                        order.push(c);
                        0.0
                    }) += w;
                }
                tot[old] -= k;
                let remove = -weights.get(&old).copied().unwrap_or(0.0) / m
                    + resolution * tot[old] * k / (2.0 * m * m);
                let (mut best, mut best_gain) = (old, 0.0);
                for c in &order {
                    let gain = remove + weights[c] / m - resolution * tot[*c] * k / (2.0 * m * m);
                    if gain > best_gain {
                        (best, best_gain) = (*c, gain);
                    }
                }
                tot[best] += k;
                if best != old {
                    com[i] = best;
                    moves += 1;
                    improved = true;
                }
            }
            if moves == 0 {
                break;
            }
        }
        Ok((com, improved))
    }
}

/// The community of each projected node (numbers in `0..n`).
pub fn louvain(
    p: &Projection,
    resolution: f64,
    tolerance: f64,
    tick: &mut dyn FnMut() -> Result<()>,
) -> Result<Vec<usize>> {
    let n = p.nodes.len();
    let m: f64 = p.rels.iter().map(|r| r.2).sum();
    // each original node's community, as a node of the current level
    let mut member: Vec<usize> = (0..n).collect();
    if n == 0 || m <= 0.0 {
        return Ok(member);
    }
    let mut level = Level::new(
        n,
        p.rels
            .iter()
            .map(|(a, b, w)| (*a as usize, *b as usize, *w)),
    );
    let mut q = level.modularity(&member, m, resolution);
    loop {
        let (com, improved) = level.one_level(m, resolution, tick)?;
        if !improved {
            break;
        }
        // renumber the communities 0.. in order of their first node
        let mut renum = vec![usize::MAX; level.len()];
        let mut next = 0;
        for c in &com {
            if renum[*c] == usize::MAX {
                renum[*c] = next;
                next += 1;
            }
        }
        let com: Vec<usize> = com.iter().map(|c| renum[*c]).collect();
        for x in member.iter_mut() {
            *x = com[*x];
        }
        let new_q = level.modularity(&com, m, resolution);
        if new_q - q <= tolerance {
            break;
        }
        q = new_q;
        // the next level: one node per community
        let mut edges = Vec::new();
        for i in 0..level.len() {
            edges.push((com[i], com[i], level.loops[i]));
            for (j, w) in &level.adj[i] {
                if i < *j {
                    edges.push((com[i], com[*j], *w));
                }
            }
        }
        level = Level::new(next, edges.into_iter());
    }
    Ok(member)
}
