//! A hierarchical navigable small world graph (Malkov & Yashunin) over
//! one vector index's vectors: the approximate search behind
//! `db.index.vector.queryNodes` on labels with many vectors.
//!
//! Built on demand by the first query that needs it, from `&Graph` (the
//! read path can build it), and kept in [`Cache`] until a write touches
//! the index's property or label (`Graph::vectors_changed`), like the
//! column views: there is nothing to roll back. Vectors are held as
//! `f32` (normalized for cosine); the candidates it finds are scored again
//! exactly from the stored values, so scores agree with exact search.
//! Levels come from a fixed-seed generator: the same graph gives the same
//! index and the same answers.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::{Arc, RwLock};

use rustc_hash::FxHashMap;

use super::Similarity;

/// Links per node on the upper levels (twice as many on level 0).
const M: usize = 24;
/// Candidates kept while inserting.
const EF_CONSTRUCTION: usize = 200;

/// A distance (smaller is closer) and a node index, ordered by distance.
#[derive(Clone, Copy)]
struct Cand(f32, u32);
impl PartialEq for Cand {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for Cand {}
impl PartialOrd for Cand {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Cand {
    fn cmp(&self, o: &Self) -> Ordering {
        self.0.total_cmp(&o.0).then(self.1.cmp(&o.1))
    }
}

/// The graph over one index's vectors.
#[derive(Debug)]
pub struct Hnsw {
    /// Entity ids, by node index.
    pub ids: Vec<u32>,
    data: Vec<f32>,
    dim: usize,
    cosine: bool,
    /// Per node, per level, its neighbours.
    links: Vec<Vec<Vec<u32>>>,
    entry: u32,
    top: usize,
}

/// Marks of the nodes a search has visited: `marks[i] == stamp`. One per
/// build, or per query, reused across its searches.
#[derive(Default)]
struct Visited {
    marks: Vec<u32>,
    stamp: u32,
}

impl Visited {
    fn next(&mut self, n: usize) {
        self.marks.resize(n, 0);
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.marks.iter_mut().for_each(|m| *m = 0);
            self.stamp = 1;
        }
    }

    /// Marks `i`; whether it was marked already.
    fn seen(&mut self, i: u32) -> bool {
        match self.marks.get_mut(i as usize) {
            Some(m) if *m == self.stamp => true,
            Some(m) => {
                *m = self.stamp;
                false
            }
            None => true,
        }
    }
}

impl Hnsw {
    /// Builds the graph over `(id, vector)` pairs (all of length `dim`).
    pub fn build(
        sim: Similarity,
        dim: usize,
        items: impl Iterator<Item = (u32, Vec<f64>)>,
    ) -> Hnsw {
        let cosine = sim == Similarity::Cosine;
        let mut h = Hnsw {
            ids: Vec::new(),
            data: Vec::new(),
            dim,
            cosine,
            links: Vec::new(),
            entry: 0,
            top: 0,
        };
        let mut visited = Visited::default();
        for (id, v) in items {
            h.ids.push(id);
            h.data.extend(prepare(&v, cosine));
        }
        let ml = 1.0 / (M as f64).ln();
        let mut rng = 0x9E37_79B9_7F4A_7C15u64;
        for i in 0..h.ids.len() {
            // xorshift64*: a fixed sequence, so builds are reproducible
            rng ^= rng >> 12;
            rng ^= rng << 25;
            rng ^= rng >> 27;
            let u = (rng.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64;
            let level = ((-(u.max(1e-12)).ln()) * ml).floor().min(16.0) as usize;
            h.insert(i as u32, level, &mut visited);
        }
        h
    }

    fn vec(&self, i: u32) -> &[f32] {
        let s = i as usize * self.dim;
        &self.data[s..s + self.dim]
    }

    fn dist(&self, q: &[f32], i: u32) -> f32 {
        let v = self.vec(i);
        // eight independent sums, so the compiler can keep them in one vector register
        let mut acc = [0f32; 8];
        let (qc, vc) = (q.chunks_exact(8), v.chunks_exact(8));
        let (qr, vr) = (qc.remainder(), vc.remainder());
        for (a, b) in qc.zip(vc) {
            for l in 0..8 {
                acc[l] += if self.cosine {
                    a[l] * b[l]
                } else {
                    (a[l] - b[l]) * (a[l] - b[l])
                };
            }
        }
        let mut s: f32 = acc.iter().sum();
        for (a, b) in qr.iter().zip(vr) {
            s += if self.cosine {
                a * b
            } else {
                (a - b) * (a - b)
            };
        }
        if self.cosine { 1.0 - s } else { s }
    }

    fn max_links(level: usize) -> usize {
        if level == 0 { 2 * M } else { M }
    }

    /// The `ef` nodes closest to `q` reachable on `level` from `entry`,
    /// closest first.
    fn search_level(
        &self,
        q: &[f32],
        entry: &[Cand],
        ef: usize,
        level: usize,
        visited: &mut Visited,
    ) -> Vec<Cand> {
        visited.next(self.links.len());
        let mut seen = |i: u32| visited.seen(i);
        let mut cands: BinaryHeap<std::cmp::Reverse<Cand>> = BinaryHeap::new();
        let mut best: BinaryHeap<Cand> = BinaryHeap::new();
        for &c in entry {
            if !seen(c.1) {
                cands.push(std::cmp::Reverse(c));
                best.push(c);
            }
        }
        while best.len() > ef {
            best.pop();
        }
        while let Some(std::cmp::Reverse(c)) = cands.pop() {
            if best.len() >= ef && best.peek().is_some_and(|w| c.0 > w.0) {
                break;
            }
            let Some(ns) = self.links.get(c.1 as usize).and_then(|l| l.get(level)) else {
                continue;
            };
            for &n in ns {
                if seen(n) {
                    continue;
                }
                let d = self.dist(q, n);
                if best.len() < ef || best.peek().is_some_and(|w| d < w.0) {
                    cands.push(std::cmp::Reverse(Cand(d, n)));
                    best.push(Cand(d, n));
                    if best.len() > ef {
                        best.pop();
                    }
                }
            }
        }
        best.into_sorted_vec()
    }

    fn insert(&mut self, i: u32, level: usize, visited: &mut Visited) {
        self.links.push(vec![Vec::new(); level + 1]);
        if i == 0 {
            self.entry = 0;
            self.top = level;
            return;
        }
        let q: Vec<f32> = self.vec(i).to_vec();
        let mut eps = vec![Cand(self.dist(&q, self.entry), self.entry)];
        for l in (level + 1..=self.top).rev() {
            eps = self.search_level(&q, &eps, 1, l, visited);
        }
        for l in (0..=level.min(self.top)).rev() {
            let found = self.search_level(&q, &eps, EF_CONSTRUCTION, l, visited);
            let m = Self::max_links(l);
            let chosen: Vec<u32> = found.iter().take(m).map(|c| c.1).collect();
            for &n in &chosen {
                self.links[n as usize][l].push(i);
                if self.links[n as usize][l].len() > m {
                    let nv: Vec<f32> = self.vec(n).to_vec();
                    let mut ns: Vec<Cand> = self.links[n as usize][l]
                        .iter()
                        .map(|&x| Cand(self.dist(&nv, x), x))
                        .collect();
                    ns.sort();
                    ns.truncate(m);
                    self.links[n as usize][l] = ns.into_iter().map(|c| c.1).collect();
                }
            }
            self.links[i as usize][l] = chosen;
            eps = found;
        }
        if level > self.top {
            self.top = level;
            self.entry = i;
        }
    }

    /// About the `ef` nearest to `query` (node indices, closest first).
    pub fn search(&self, query: &[f64], ef: usize) -> Vec<u32> {
        if self.ids.is_empty() || query.len() != self.dim {
            return Vec::new();
        }
        let q = prepare(query, self.cosine);
        let mut visited = Visited::default();
        let mut eps = vec![Cand(self.dist(&q, self.entry), self.entry)];
        for l in (1..=self.top).rev() {
            eps = self.search_level(&q, &eps, 1, l, &mut visited);
        }
        self.search_level(&q, &eps, ef, 0, &mut visited)
            .into_iter()
            .map(|c| c.1)
            .collect()
    }

    /// Bytes held, estimated.
    pub fn bytes(&self) -> usize {
        4 * self.data.len()
            + 4 * self.ids.len()
            + self
                .links
                .iter()
                .map(|l| 24 + l.iter().map(|n| 24 + 4 * n.len()).sum::<usize>())
                .sum::<usize>()
    }
}

fn prepare(v: &[f64], cosine: bool) -> Vec<f32> {
    if cosine {
        let n = v.iter().map(|x| x * x).sum::<f64>().sqrt();
        let n = if n > 0.0 { n } else { 1.0 };
        v.iter().map(|x| (x / n) as f32).collect()
    } else {
        v.iter().map(|x| *x as f32).collect()
    }
}

/// The graphs built so far, by index name; a clone starts empty.
#[derive(Debug, Default)]
pub struct Cache(RwLock<FxHashMap<String, Arc<Hnsw>>>);

impl Clone for Cache {
    fn clone(&self) -> Cache {
        Cache::default()
    }
}

impl Cache {
    /// The graph of index `name`, built with `build` when missing.
    pub fn get_or_build(&self, name: &str, build: impl FnOnce() -> Hnsw) -> Arc<Hnsw> {
        if let Ok(m) = self.0.read()
            && let Some(h) = m.get(name)
        {
            return h.clone();
        }
        let h = Arc::new(build());
        if let Ok(mut m) = self.0.write() {
            m.insert(name.to_string(), h.clone());
        }
        h
    }

    /// Drops every graph (a write changed what they hold).
    pub fn clear(&mut self) {
        if let Ok(m) = self.0.get_mut()
            && !m.is_empty()
        {
            m.clear();
        }
    }

    /// (graphs, bytes) held.
    pub fn footprint(&self) -> (usize, usize) {
        self.0
            .read()
            .map_or((0, 0), |m| (m.len(), m.values().map(|h| h.bytes()).sum()))
    }
}
