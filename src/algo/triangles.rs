//! `plenary.algo.triangleCount`: per node, the triangles it is part of in
//! the projection read as a simple undirected graph (orientation,
//! parallel relationships, weights and self-loops do not matter), as
//! networkx's `triangles` counts them.

use super::Projection;
use crate::error::Result;

/// The number of triangles through each projected node.
pub fn triangles(p: &Projection, tick: &mut dyn FnMut() -> Result<()>) -> Result<Vec<u64>> {
    let n = p.nodes.len();
    // each node's higher-numbered neighbours, sorted and distinct
    let mut up: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (a, b, _) in &p.rels {
        if a != b {
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            up[*lo as usize].push(*hi);
        }
    }
    for v in &mut up {
        v.sort_unstable();
        v.dedup();
    }
    let mut count = vec![0u64; n];
    for u in 0..n {
        for (i, v) in up[u].iter().enumerate() {
            tick()?;
            // w > v among both u's and v's higher neighbours
            let (mut x, mut y) = (&up[u][i + 1..], &up[*v as usize][..]);
            while let (Some(a), Some(b)) = (x.first(), y.first()) {
                match a.cmp(b) {
                    std::cmp::Ordering::Less => x = &x[1..],
                    std::cmp::Ordering::Greater => y = &y[1..],
                    std::cmp::Ordering::Equal => {
                        count[u] += 1;
                        count[*v as usize] += 1;
                        count[*a as usize] += 1;
                        x = &x[1..];
                        y = &y[1..];
                    }
                }
            }
        }
    }
    Ok(count)
}
