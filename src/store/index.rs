//! Property indexes and constraints.
//!
//! An index maps (label, key) → value → node ids. Values are keyed by
//! equality under openCypher's total order ([`Value::order`]), under which
//! `1` and `1.0` fall in the same bucket — exactly the nodes `n.key = 1`
//! matches. Indexes only answer equality (seeks and constraint checks), so
//! the map is a hash map: the hash ([`OrdValue`]'s `Hash`) is coarse enough
//! to agree with that equality. A uniqueness constraint owns such an index;
//! an existence (`IS NOT NULL`) constraint needs none.

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};

use rustc_hash::FxHashMap;

use super::{Graph, Redo, Sym, Undo};
use crate::error::{Error, ErrorKind, Result};
use crate::value::{NodeId, Value};

/// A value ordered by openCypher's total order, usable as a map key.
#[derive(Debug, Clone)]
pub struct OrdValue(pub Value);

impl PartialEq for OrdValue {
    fn eq(&self, o: &Self) -> bool {
        self.0.order(&o.0) == Ordering::Equal
    }
}
impl Eq for OrdValue {}
impl PartialOrd for OrdValue {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for OrdValue {
    fn cmp(&self, o: &Self) -> Ordering {
        self.0.order(&o.0)
    }
}

/// Consistent with `order(..) == Equal`: numbers hash as their `f64` value
/// (so `1` and `1.0` agree; an exactly equal int and float convert to the
/// same `f64`), zero and NaN canonicalized; strings, booleans and dates hash
/// their contents; every other kind hashes only its rank (correct, merely
/// coarse).
impl Hash for OrdValue {
    fn hash<H: Hasher>(&self, h: &mut H) {
        let v = &self.0;
        match v {
            Value::Int(_) | Value::Float(_) => {
                let f = v.as_f64().unwrap_or(0.0);
                let bits = if f.is_nan() {
                    u64::MAX
                } else if f == 0.0 {
                    0
                } else {
                    f.to_bits()
                };
                h.write_u64(bits);
            }
            Value::String(s) => h.write(s.as_bytes()),
            Value::Bool(b) => h.write_u8(*b as u8 + 2),
            Value::Date(d) => d.hash(h),
            _ => h.write_u8(v.order_rank() + 16),
        }
    }
}

/// The nodes holding one value: nearly always one (and always at most one
/// under a uniqueness constraint), so that case needs no allocation.
#[derive(Debug, Clone)]
enum Bucket {
    One(NodeId),
    Many(BTreeSet<NodeId>),
}

impl Bucket {
    fn len(&self) -> usize {
        match self {
            Bucket::One(_) => 1,
            Bucket::Many(s) => s.len(),
        }
    }

    fn iter(&self) -> impl Iterator<Item = NodeId> + '_ {
        let (one, many) = match self {
            Bucket::One(n) => (Some(*n), None),
            Bucket::Many(s) => (None, Some(s.iter().copied())),
        };
        one.into_iter().chain(many.into_iter().flatten())
    }

    fn insert(&mut self, id: NodeId) {
        match self {
            Bucket::One(n) if *n == id => {}
            Bucket::One(n) => *self = Bucket::Many(BTreeSet::from([*n, id])),
            Bucket::Many(s) => {
                s.insert(id);
            }
        }
    }

    /// Removes `id`; whether the bucket is now empty.
    fn remove(&mut self, id: NodeId) -> bool {
        match self {
            Bucket::One(n) => *n == id,
            Bucket::Many(s) => {
                s.remove(&id);
                let empty = s.is_empty();
                if let (1, Some(&n)) = (s.len(), s.first()) {
                    *self = Bucket::One(n);
                }
                empty
            }
        }
    }
}

/// What a schema object is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexKind {
    /// A plain (range) index.
    Index,
    /// A uniqueness constraint (with its own index).
    Unique,
    /// An existence constraint (`IS NOT NULL`).
    NotNull,
}

/// The definition of an index or constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexDef {
    /// Its name (given or generated).
    pub name: String,
    /// The label.
    pub label: Sym,
    /// The property key.
    pub key: Sym,
    /// Index or constraint kind.
    pub kind: IndexKind,
}

#[derive(Debug, Clone)]
pub(super) struct PropIndex {
    pub(super) def: IndexDef,
    map: FxHashMap<OrdValue, Bucket>,
}

impl PropIndex {
    /// Bytes held, estimated: a hash entry per value, a tree entry per
    /// node beyond the first.
    pub(super) fn bytes(&self) -> usize {
        self.map
            .iter()
            .map(|(k, b)| {
                56 + crate::value::value_bytes(&k.0)
                    + match b {
                        Bucket::One(_) => 0,
                        Bucket::Many(s) => 24 * s.len(),
                    }
            })
            .sum()
    }
}

impl Graph {
    /// Adds or removes `id`'s entries in every index that covers it.
    pub(super) fn index_node(&mut self, id: NodeId, insert: bool) {
        self.index_node_key(id, None, insert);
    }

    /// Like [`Graph::index_node`], restricted to the indexes on property
    /// `key` when given (a property write touches no other index).
    pub(super) fn index_node_key(&mut self, id: NodeId, key: Option<Sym>, insert: bool) {
        self.fulltext_node(id, key, insert);
        if self.indexes.is_empty() {
            return;
        }
        let Some(rec) = self.g.node_weight(super::ni(id)) else {
            return;
        };
        if rec.deleted && insert {
            return;
        }
        for idx in &mut self.indexes {
            if idx.def.kind == IndexKind::NotNull || key.is_some_and(|k| k != idx.def.key) {
                continue;
            }
            if rec.labels.binary_search(&idx.def.label).is_err() {
                continue;
            }
            let Some(v) = super::get_prop(&rec.props, idx.def.key) else {
                continue;
            };
            let k = OrdValue(v.clone());
            if insert {
                match idx.map.get_mut(&k) {
                    Some(b) => b.insert(id),
                    None => {
                        idx.map.insert(k, Bucket::One(id));
                    }
                }
            } else if let Some(b) = idx.map.get_mut(&k)
                && b.remove(id)
            {
                idx.map.remove(&k);
            }
        }
    }

    pub(super) fn build_index(&self, def: IndexDef) -> PropIndex {
        let mut map: FxHashMap<OrdValue, Bucket> = FxHashMap::default();
        if def.kind != IndexKind::NotNull {
            for n in self.nodes_with_label(def.label) {
                if let Some(v) = self.node_prop(n, def.key) {
                    match map.get_mut(&OrdValue(v.clone())) {
                        Some(b) => b.insert(n),
                        None => {
                            map.insert(OrdValue(v.clone()), Bucket::One(n));
                        }
                    }
                }
            }
        }
        PropIndex { def, map }
    }

    /// The schema objects (indexes and constraints), in creation order.
    pub fn schema(&self) -> Vec<&IndexDef> {
        self.indexes.iter().map(|i| &i.def).collect()
    }

    /// Whether an index (or unique constraint) covers (label, key).
    pub fn has_index(&self, label: Sym, key: Sym) -> bool {
        self.find_index(label, key).is_some()
    }

    fn find_index(&self, label: Sym, key: Sym) -> Option<&PropIndex> {
        self.indexes
            .iter()
            .find(|i| i.def.kind != IndexKind::NotNull && i.def.label == label && i.def.key == key)
    }

    /// Nodes with `label` whose `key` equals `value` (by `=`), via an index;
    /// `None` when no index covers (label, key).
    pub fn index_lookup(&self, label: Sym, key: Sym, value: &Value) -> Option<Vec<NodeId>> {
        let mut out = Vec::new();
        self.index_seek(label, key, value, &mut out).then_some(out)
    }

    /// [`Graph::index_lookup`] into `out` (no allocation for a few
    /// matches); `false` when no index covers (label, key).
    pub fn index_seek(
        &self,
        label: Sym,
        key: Sym,
        value: &Value,
        out: &mut impl Extend<NodeId>,
    ) -> bool {
        let Some(idx) = self.find_index(label, key) else {
            return false;
        };
        if value.is_null() || matches!(value, Value::Float(f) if f.is_nan()) {
            return true;
        }
        let Some(bucket) = idx.map.get(&OrdValue(value.clone())) else {
            return true;
        };
        // the bucket holds exactly the values equal to `value` in the total
        // order, which `=` agrees with (1 and 1.0 alike) except for lists
        // holding nulls: only those are compared again
        if matches!(value, Value::List(_)) {
            out.extend(bucket.iter().filter(|n| {
                self.node_prop(*n, key)
                    .is_some_and(|v| v.cypher_eq(value) == Some(true))
            }));
        } else {
            out.extend(bucket.iter());
        }
        true
    }

    /// Creates an index or constraint. Existing data is checked for a
    /// constraint (`ConstraintVerificationFailed`).
    pub fn create_index(&mut self, def: IndexDef) -> Result<()> {
        if self.schema_name_taken(&def.name) {
            return Err(Error::new(
                ErrorKind::SemanticError,
                "EquivalentSchemaRuleAlreadyExists",
                format!("an index or constraint named `{}` already exists", def.name),
            ));
        }
        if self
            .indexes
            .iter()
            .any(|i| i.def.label == def.label && i.def.key == def.key && i.def.kind == def.kind)
        {
            return Err(Error::new(
                ErrorKind::SemanticError,
                "EquivalentSchemaRuleAlreadyExists",
                format!(
                    "an equivalent {} already exists on :{}({})",
                    if def.kind == IndexKind::Index {
                        "index"
                    } else {
                        "constraint"
                    },
                    self.name(def.label),
                    self.name(def.key)
                ),
            ));
        }
        let idx = self.build_index(def);
        match idx.def.kind {
            IndexKind::Unique => {
                // the least duplicated value, so the message does not
                // depend on hashing
                if let Some((v, _)) = idx
                    .map
                    .iter()
                    .filter(|(_, s)| s.len() > 1)
                    .min_by(|a, b| a.0.cmp(b.0))
                {
                    return Err(Error::new(
                        ErrorKind::ConstraintVerificationFailed,
                        "ConstraintVerificationFailed",
                        format!(
                            "cannot create the constraint: several :{} nodes have {} = {}",
                            self.name(idx.def.label),
                            self.name(idx.def.key),
                            v.0
                        ),
                    ));
                }
            }
            IndexKind::NotNull => {
                if let Some(n) = self
                    .nodes_with_label(idx.def.label)
                    .find(|n| self.node_prop(*n, idx.def.key).is_none())
                {
                    return Err(Error::new(
                        ErrorKind::ConstraintVerificationFailed,
                        "ConstraintVerificationFailed",
                        format!(
                            "cannot create the constraint: node {} with label :{} has no property `{}`",
                            n.0,
                            self.name(idx.def.label),
                            self.name(idx.def.key)
                        ),
                    ));
                }
            }
            IndexKind::Index => {}
        }
        if idx.def.kind == IndexKind::Index {
            self.stats.indexes_added += 1;
        } else {
            self.stats.constraints_added += 1;
        }
        self.undo.push(Undo::CreatedIndex(idx.def.name.clone()));
        if let Some(r) = &mut self.redo {
            r.push(Redo::CreateIndex(idx.def.clone()));
        }
        self.indexes.push(idx);
        Ok(())
    }

    /// Drops an index or constraint by name; `Ok(false)` if there is none.
    pub fn drop_index(&mut self, name: &str) -> Result<bool> {
        let Some(pos) = self.indexes.iter().position(|i| i.def.name == name) else {
            return Ok(self.drop_fulltext(name) || self.drop_vector(name));
        };
        let idx = self.indexes.remove(pos);
        if idx.def.kind == IndexKind::Index {
            self.stats.indexes_removed += 1;
        } else {
            self.stats.constraints_removed += 1;
        }
        if let Some(r) = &mut self.redo {
            r.push(Redo::DropIndex(idx.def.name.clone()));
        }
        self.undo.push(Undo::DroppedIndex(idx.def, pos));
        Ok(true)
    }

    /// Checks the constraints for the given (touched) nodes.
    pub(super) fn check_constraints(&self, nodes: &[NodeId]) -> Result<()> {
        for idx in &self.indexes {
            if idx.def.kind == IndexKind::Index {
                continue;
            }
            for n in nodes {
                if !self.node_exists(*n) || !self.has_label(*n, idx.def.label) {
                    continue;
                }
                let v = self.node_prop(*n, idx.def.key);
                match (idx.def.kind, v) {
                    (IndexKind::NotNull, None) => {
                        return Err(Error::new(
                            ErrorKind::ConstraintValidationFailed,
                            "ConstraintValidationFailed",
                            format!(
                                "node {} with label :{} must have the property `{}`",
                                n.0,
                                self.name(idx.def.label),
                                self.name(idx.def.key)
                            ),
                        ));
                    }
                    (IndexKind::Unique, Some(v))
                        if idx
                            .map
                            .get(&OrdValue(v.clone()))
                            .is_some_and(|s| s.len() > 1) =>
                    {
                        return Err(Error::new(
                            ErrorKind::ConstraintValidationFailed,
                            "ConstraintValidationFailed",
                            format!(
                                "node {} already exists with label :{} and property `{}` = {}",
                                idx.map[&OrdValue(v.clone())]
                                    .iter()
                                    .find(|m| m != n)
                                    .map_or(n.0, |m| m.0),
                                self.name(idx.def.label),
                                self.name(idx.def.key),
                                v
                            ),
                        ));
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }
}
