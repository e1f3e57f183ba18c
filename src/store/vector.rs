//! Vector indexes: exact nearest-neighbour search over list-of-number
//! properties.
//!
//! A vector index is a definition only ([`VectorDef`]: one label or
//! relationship type, one property, the dimensions and the similarity):
//! a query scans the entities of that label or type and scores every one
//! whose property is a list of exactly that many finite numbers, so there
//! is nothing derived to keep up to date or to roll back. Scores are
//! Neo4j's: cosine `(1 + cos θ) / 2`, euclidean `1 / (1 + d²)`, both in
//! [0, 1], higher is closer. (No approximate index yet: the scan is
//! linear in the label's entities.)

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
        self.vectors.push(def);
        Ok(())
    }

    /// Drops the vector index `name`; `false` if there is none.
    pub(super) fn drop_vector(&mut self, name: &str) -> bool {
        let Some(pos) = self.vectors.iter().position(|d| d.name == name) else {
            return false;
        };
        let def = self.vectors.remove(pos);
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
