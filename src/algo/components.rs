//! Connected components: weakly connected (`plenary.algo.wcc`, direction
//! ignored, by union-find over the relationships) and strongly connected
//! (`plenary.algo.scc`, petgraph's Tarjan over the directed projection:
//! an `UNDIRECTED` type joins both ways).
//!
//! Both return a group number in `0..n` per projected node; the caller
//! names each group by its smallest node id.

use super::Projection;

/// The weakly connected component of each projected node.
pub fn wcc(p: &Projection) -> Vec<usize> {
    let n = p.nodes.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (a, b, _) in &p.rels {
        let (ra, rb) = (
            root(&mut parent, *a as usize),
            root(&mut parent, *b as usize),
        );
        if ra != rb {
            // the smaller index stays the root
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            parent[hi] = lo;
        }
    }
    (0..n).map(|i| root(&mut parent, i)).collect()
}

/// The strongly connected component of each projected node.
pub fn scc(p: &Projection) -> Vec<usize> {
    let mut group = vec![0; p.nodes.len()];
    for (c, members) in petgraph::algo::tarjan_scc(&p.graph).into_iter().enumerate() {
        for m in members {
            group[m.index()] = c;
        }
    }
    group
}
