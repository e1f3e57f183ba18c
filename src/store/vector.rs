//! Vector indexes: exact nearest-neighbour search over list-of-number
//! properties.
//!
//! A vector index is a definition only ([`VectorDef`]: one label or
//! relationship type, one property, the dimensions and the similarity):
//! a query scans the entities of that label or type and scores every one
//! whose property is a list of exactly that many finite numbers, so there
//! is nothing derived to keep up to date or to roll back. Scores are
//! Neo4j's: cosine `(1 + cos θ) / 2`, euclidean `1 / (1 + d²)`, both in
//! [0, 1], higher is closer. From [`EXACT_BELOW`] entities on, a query
//! goes through the index's HNSW graph instead (`hnsw`), built on demand
//! and dropped by any write that touches the index's property or label.

use super::{Entity, Graph, Redo, Sym, Undo};
use crate::error::{Error, ErrorKind, Result};
use crate::value::Value;

/// How closeness is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Similarity {
    /// Cosine of the angle, as `(1 + cos) / 2`.
    Cosine,
    /// Euclidean distance, as `1 / (1 + d²)`.
    Euclidean,
}

impl Similarity {
    /// The similarity called `name` (case-insensitive).
    pub fn from_name(name: &str) -> Option<Similarity> {
        match name.to_ascii_lowercase().as_str() {
            "cosine" => Some(Similarity::Cosine),
            "euclidean" => Some(Similarity::Euclidean),
            _ => None,
        }
    }

    /// Its name, as Neo4j writes it.
    pub fn name(self) -> &'static str {
        match self {
            Similarity::Cosine => "COSINE",
            Similarity::Euclidean => "EUCLIDEAN",
        }
    }

    /// The score of `a` against `b` (same length); `None` for a cosine with
    /// a zero vector, which has no angle.
    pub fn score(self, a: &[f64], b: &[f64]) -> Option<f64> {
        match self {
            Similarity::Cosine => {
                let (mut dot, mut na, mut nb) = (0.0, 0.0, 0.0);
                for (x, y) in a.iter().zip(b) {
                    dot += x * y;
                    na += x * x;
                    nb += y * y;
                }
                let norm = (na * nb).sqrt();
                if norm == 0.0 || !norm.is_finite() {
                    return None;
                }
                Some(((1.0 + (dot / norm).clamp(-1.0, 1.0)) / 2.0).clamp(0.0, 1.0))
            }
            Similarity::Euclidean => {
                let d2: f64 = a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum();
                d2.is_finite().then(|| 1.0 / (1.0 + d2))
            }
        }
    }
}

/// The definition of a vector index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VectorDef {
    /// Its name.
    pub name: String,
    /// Nodes or relationships.
    pub entity: Entity,
    /// The label (or relationship type).
    pub token: Sym,
    /// The property holding the vector.
    pub key: Sym,
    /// How many numbers a vector has.
    pub dimensions: usize,
    /// How closeness is measured.
    pub similarity: Similarity,
}

/// Below this many entities of its label (or type) a vector index is
/// searched exactly; from it on, through its HNSW graph (`hnsw`).
pub const EXACT_BELOW: usize = 10_000;

/// Candidates the approximate search collects for the `k` asked (at least).
const EF_SEARCH: usize = 512;

/// Most dimensions a vector index takes (Neo4j's limit).
pub const MAX_DIMENSIONS: usize = 4096;

/// A value as a vector: a list of finite numbers.
pub fn as_vector(v: &Value) -> Option<Vec<f64>> {
    let Value::List(items) = v else {
        return None;
    };
    items
        .iter()
        .map(|x| match x {
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) if f.is_finite() => Some(*f),
            _ => None,
        })
        .collect()
}

impl Graph {
    /// Drops the approximate-search graphs that a write to property `key`
    /// (`None`: to labels, or a whole entity) may have made stale.
    pub(super) fn vectors_changed(&mut self, key: Option<Sym>) {
        if !self.vectors.is_empty() && key.is_none_or(|k| self.vectors.iter().any(|d| d.key == k)) {
            self.vector_cache.clear();
        }
    }

    /// Vector indexes over fewer entities than `n` are searched exactly,
    /// larger ones approximately (tests and benchmarks move the threshold).
    #[cfg(test)]
    pub(crate) fn set_vector_exact_below(&mut self, n: usize) {
        self.vector_exact_below = Some(n);
        self.vector_cache.clear();
    }

    /// The vector indexes' definitions, in creation order.
    pub fn vector_schema(&self) -> Vec<&VectorDef> {
        self.vectors.iter().collect()
    }

    /// Creates a vector index.
    pub fn create_vector(&mut self, def: VectorDef) -> Result<()> {
        if self.schema_name_taken(&def.name) {
            return Err(Error::new(
                ErrorKind::SemanticError,
                "EquivalentSchemaRuleAlreadyExists",
                format!("an index or constraint named `{}` already exists", def.name),
            ));
        }
        if def.dimensions == 0 || def.dimensions > MAX_DIMENSIONS {
            return Err(Error::new(
                ErrorKind::SemanticError,
                "InvalidIndexOptions",
                format!(
                    "a vector index takes 1 to {MAX_DIMENSIONS} dimensions, not {}",
                    def.dimensions
                ),
            ));
        }
        self.stats.indexes_added += 1;
        self.undo.push(Undo::CreatedIndex(def.name.clone()));
        if let Some(r) = &mut self.redo {
            r.push(Redo::CreateVector(def.clone()));
        }
        self.vector_cache.clear();
        self.vectors.push(def);
        Ok(())
    }

    /// Drops the vector index `name`; `false` if there is none.
    pub(super) fn drop_vector(&mut self, name: &str) -> bool {
        let Some(pos) = self.vectors.iter().position(|d| d.name == name) else {
            return false;
        };
        let def = self.vectors.remove(pos);
        self.vector_cache.clear();
        self.stats.indexes_removed += 1;
        if let Some(r) = &mut self.redo {
            r.push(Redo::DropIndex(def.name.clone()));
        }
        self.undo.push(Undo::DroppedVector(def, pos));
        true
    }

    /// The `k` entities of the vector index `name` closest to `query`, best
    /// first (ties by id), with their scores.
    pub fn vector_search(
        &self,
        name: &str,
        entity: Entity,
        k: usize,
        query: &[f64],
    ) -> Result<Vec<(u32, f64)>> {
        let failed =
            |msg: String| Error::new(ErrorKind::ProcedureError, "ProcedureCallFailed", msg);
        let Some(def) = self.vectors.iter().find(|d| d.name == name) else {
            let mut msg = format!("there is no vector index called `{name}`");
            let names = self.vectors.iter().map(|d| d.name.clone());
            if let Some(s) = crate::notify::did_you_mean(name, names) {
                msg.push_str(&format!("; did you mean `{s}`?"));
            }
            return Err(failed(msg));
        };
        if def.entity != entity {
            return Err(failed(format!(
                "the vector index `{name}` indexes {}",
                match def.entity {
                    Entity::Node => "nodes: query it with db.index.vector.queryNodes",
                    Entity::Relationship =>
                        "relationships: query it with db.index.vector.queryRelationships",
                }
            )));
        }
        if query.len() != def.dimensions {
            return Err(failed(format!(
                "the query vector has {} dimensions, the index `{name}` {}",
                query.len(),
                def.dimensions
            )));
        }
        if def.similarity == Similarity::Cosine && query.iter().all(|x| *x == 0.0) {
            return Err(failed(
                "a zero vector has no cosine similarity with anything".into(),
            ));
        }
        let size = match entity {
            Entity::Node => self.label_count(def.token),
            Entity::Relationship => self.type_count(def.token),
        };
        if size >= self.vector_exact_below.unwrap_or(EXACT_BELOW) {
            return Ok(self.vector_approximate(def, k, query));
        }
        let mut hits: Vec<(u32, f64)> = Vec::new();
        let mut consider = |id: u32, v: Option<&Value>| {
            if let Some(v) = v.and_then(as_vector)
                && v.len() == def.dimensions
                && let Some(s) = def.similarity.score(query, &v)
            {
                hits.push((id, s));
            }
        };
        match entity {
            Entity::Node => {
                for n in self.nodes_with_label(def.token) {
                    consider(n.0, self.node_prop(n, def.key));
                }
            }
            Entity::Relationship => {
                let types = [def.token];
                for (id, _, _, rec) in self.rels_of_types(&types, 0..self.rel_slots()) {
                    consider(id.0, rec.prop(def.key));
                }
            }
        }
        let order = |a: &(u32, f64), b: &(u32, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if k == 0 {
            return Ok(Vec::new());
        }
        if k < hits.len() {
            hits.select_nth_unstable_by(k - 1, order);
            hits.truncate(k);
        }
        hits.sort_by(order);
        Ok(hits)
    }
}

impl Graph {
    /// The vector of entity `id` under `def`, if it has one of the right length.
    fn vector_of(&self, def: &VectorDef, id: u32) -> Option<Vec<f64>> {
        let v = match def.entity {
            Entity::Node => self.live_node_prop(crate::value::NodeId(id), def.key)??,
            Entity::Relationship => self.live_rel_prop(crate::value::RelId(id), def.key)??,
        };
        as_vector(v).filter(|v| v.len() == def.dimensions)
    }

    /// Every (id, vector) under `def`.
    fn vectors_of(&self, def: &VectorDef) -> Vec<(u32, Vec<f64>)> {
        let ids: Vec<u32> = match def.entity {
            Entity::Node => self.nodes_with_label(def.token).map(|n| n.0).collect(),
            Entity::Relationship => {
                let types = [def.token];
                self.rels_of_types(&types, 0..self.rel_slots())
                    .map(|(id, ..)| id.0)
                    .collect()
            }
        };
        ids.into_iter()
            .filter_map(|id| Some((id, self.vector_of(def, id)?)))
            .collect()
    }

    /// The approximate `k` nearest through the index's HNSW graph (built
    /// now when missing): its candidates scored exactly, best first.
    fn vector_approximate(&self, def: &VectorDef, k: usize, query: &[f64]) -> Vec<(u32, f64)> {
        let h = self.vector_cache.get_or_build(&def.name, || {
            let items = self.vectors_of(def).into_iter().filter(|(_, v)| {
                def.similarity != Similarity::Cosine || v.iter().any(|x| *x != 0.0)
            });
            super::hnsw::Hnsw::build(def.similarity, def.dimensions, items)
        });
        let mut hits: Vec<(u32, f64)> = h
            .search(query, k.max(EF_SEARCH))
            .into_iter()
            .filter_map(|i| {
                let id = *h.ids.get(i as usize)?;
                let v = self.vector_of(def, id)?;
                Some((id, def.similarity.score(query, &v)?))
            })
            .collect();
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        hits.truncate(k);
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn random_graph(n: usize, dim: usize, sim: Similarity) -> (Graph, Vec<Vec<f64>>) {
        let mut g = Graph::default();
        let p = g.intern("P");
        let e = g.intern("e");
        let mut s = 0x1234_5678_9abc_def1u64;
        let mut next = move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 11) as f64 / (1u64 << 53) as f64 - 0.5
        };
        for _ in 0..n {
            let v: Vec<f64> = (0..dim).map(|_| next()).collect();
            g.create_node(
                &[p],
                vec![(e, Value::list(v.iter().map(|x| Value::Float(*x)).collect()))],
            );
        }
        g.create_vector(VectorDef {
            name: "v".into(),
            entity: Entity::Node,
            token: p,
            key: e,
            dimensions: dim,
            similarity: sim,
        })
        .unwrap();
        g.commit().unwrap();
        let queries = (0..40)
            .map(|_| (0..dim).map(|_| next()).collect())
            .collect();
        (g, queries)
    }

    fn recall(g: &mut Graph, queries: &[Vec<f64>]) -> f64 {
        g.set_vector_exact_below(usize::MAX);
        let exact: Vec<Vec<u32>> = queries
            .iter()
            .map(|q| {
                g.vector_search("v", Entity::Node, 10, q)
                    .unwrap()
                    .iter()
                    .map(|h| h.0)
                    .collect()
            })
            .collect();
        g.set_vector_exact_below(0);
        let mut found = 0;
        for (q, exact) in queries.iter().zip(&exact) {
            let approx = g.vector_search("v", Entity::Node, 10, q).unwrap();
            // candidates are scored exactly: the same scores, best first
            assert!(approx.windows(2).all(|w| w[0].1 >= w[1].1));
            found += approx.iter().filter(|h| exact.contains(&h.0)).count();
        }
        found as f64 / (10 * queries.len()) as f64
    }

    #[test]
    fn hnsw_recall_at_10_against_exact_search() {
        for sim in [Similarity::Cosine, Similarity::Euclidean] {
            let (mut g, queries) = random_graph(1500, 16, sim);
            let r = recall(&mut g, &queries);
            assert!(r >= 0.95, "{sim:?}: recall@10 {r}");
        }
    }

    #[test]
    fn a_write_drops_the_stale_graph() {
        let (mut g, queries) = random_graph(500, 8, Similarity::Euclidean);
        g.set_vector_exact_below(0);
        let q = &queries[0];
        let before = g.vector_search("v", Entity::Node, 1, q).unwrap();
        assert_eq!(g.vector_cache.footprint().0, 1);
        let (p, e) = (g.sym("P").unwrap(), g.sym("e").unwrap());
        let sp = g.savepoint();
        let n = g.create_node(
            &[p],
            vec![(e, Value::list(q.iter().map(|x| Value::Float(*x)).collect()))],
        );
        assert_eq!(g.vector_cache.footprint().0, 0);
        let after = g.vector_search("v", Entity::Node, 1, q).unwrap();
        assert_eq!(after, vec![(n.0, 1.0)]);
        g.rollback_to(sp);
        assert_eq!(g.vector_search("v", Entity::Node, 1, q).unwrap(), before);
    }
}
