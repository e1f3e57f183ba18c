//! Column views of the relationships of one type, derived from the graph for
//! reading: the adjacency in compressed-sparse-row form (per node, its
//! relationships of the type as contiguous arrays of other ends and ids)
//! and, per property key, the values of those relationships as small codes
//! aligned with the adjacency.
//!
//! petgraph keeps each node's relationships as a linked list threaded
//! through 64-byte records: a long expansion waits for one cache miss per
//! relationship, and a property test reads the whole record. A view reads
//! 8 bytes per relationship and a coded property 1 byte, in order, so the
//! expansions and scans of large read-only statements (`exec::fused`) walk
//! views instead.
//!
//! Views are a cache: built on demand from a `&Graph` (the read path, where
//! nothing changes the graph meanwhile), kept until any relationship is
//! created, changed or deleted, or a label added or removed, which drops
//! them all ([`super::Graph::rels_changed`]). Label tests of the nodes a
//! view reaches read cached bitsets ([`NodeBits`]). Within one node, a view lists the
//! relationships highest id first, as petgraph's lists do for a graph that
//! only grew.

use std::ops::Range;
use std::sync::{Arc, RwLock};

use petgraph::visit::EdgeIndexable;
use rustc_hash::FxHashMap;

use super::{Dir, PgGraph, Sym};
use crate::value::{NodeId, RelId, Value};
use petgraph::stable_graph::EdgeIndex;

/// The relationships of one type in one direction, grouped by node.
#[derive(Debug)]
pub struct RelView {
    /// Per node slot, where its entries start (one more entry at the end).
    off: Vec<u32>,
    /// The other end of each entry.
    other: Vec<u32>,
    /// The relationship of each entry.
    rel: Vec<u32>,
}

impl RelView {
    /// The entries of `node` (empty for a node the view does not know).
    #[inline]
    pub fn entries(&self, node: NodeId) -> Range<usize> {
        let i = node.0 as usize;
        match (self.off.get(i), self.off.get(i + 1)) {
            (Some(a), Some(b)) => *a as usize..*b as usize,
            _ => 0..0,
        }
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.other.len()
    }

    /// The other end of entry `p`.
    #[inline(always)]
    pub fn other(&self, p: usize) -> NodeId {
        NodeId(self.other[p])
    }

    /// The relationship of entry `p`.
    #[inline(always)]
    pub fn rel(&self, p: usize) -> RelId {
        RelId(self.rel[p])
    }

    /// The other ends of all entries, in order.
    pub fn others(&self) -> &[u32] {
        &self.other
    }

    /// The relationships of all entries, in order.
    pub fn rels(&self) -> &[u32] {
        &self.rel
    }

    /// One more than the highest node slot the view knows.
    pub fn node_bound(&self) -> usize {
        self.off.len() - 1
    }

    /// The node whose entries include `p` (`p < len()`).
    pub fn owner(&self, p: usize) -> NodeId {
        // the last node whose entries start at or before p
        let i = self.off.partition_point(|o| *o as usize <= p);
        NodeId(i.saturating_sub(1) as u32)
    }

    /// Builds the view of the live relationships of type `ty` seen from
    /// their start (`Dir::Out`) or end (`Dir::In`) node.
    fn build(g: &PgGraph, ty: Sym, dir: Dir) -> RelView {
        let nodes = petgraph::visit::NodeIndexable::node_bound(g);
        let slots = EdgeIndexable::edge_bound(g);
        let key_of = |i: usize| -> Option<(u32, u32)> {
            let e = EdgeIndex::new(i);
            let w = g.edge_weight(e)?;
            if !w.live_of(&[ty]) {
                return None;
            }
            let (a, b) = g.edge_endpoints(e)?;
            let (a, b) = (a.index() as u32, b.index() as u32);
            Some(if dir == Dir::In { (b, a) } else { (a, b) })
        };
        let mut off = vec![0u32; nodes + 1];
        for i in 0..slots {
            if let Some((k, _)) = key_of(i) {
                off[k as usize + 1] += 1;
            }
        }
        for i in 0..nodes {
            off[i + 1] += off[i];
        }
        let n = off[nodes] as usize;
        let (mut other, mut rel) = (vec![0u32; n], vec![0u32; n]);
        // highest id first within a node: a second pass, from the top
        let mut next: Vec<u32> = off[..nodes].to_vec();
        for i in (0..slots).rev() {
            if let Some((k, o)) = key_of(i) {
                let p = &mut next[k as usize];
                other[*p as usize] = o;
                rel[*p as usize] = i as u32;
                *p += 1;
            }
        }
        RelView { off, other, rel }
    }
}

/// The values of one property of the relationships of a view, as codes
/// aligned with its entries: 0 for a missing property, `i + 1` for the
/// `i`th distinct value. Only for properties whose values are all strings,
/// so that equal codes mean equal values under Cypher's `=`.
#[derive(Debug)]
pub struct PropColumn {
    codes: Codes,
    /// The distinct values with their codes.
    dict: FxHashMap<Arc<str>, u32>,
}

/// Codes, one byte each while there are few distinct values.
#[derive(Debug)]
pub enum Codes {
    /// At most 255 distinct values.
    Small(Vec<u8>),
    /// More.
    Wide(Vec<u32>),
}

impl PropColumn {
    /// The codes.
    pub fn codes(&self) -> &Codes {
        &self.codes
    }

    /// The code of a string value, if any relationship has it.
    pub fn code_of(&self, s: &str) -> Option<u32> {
        self.dict.get(s).copied()
    }

    /// Builds the column of `key` for `view` (of type `ty`), or `None` when
    /// a value is not a string.
    fn build(g: &PgGraph, view: &RelView, ty: Sym, key: Sym) -> Option<PropColumn> {
        // most properties have few distinct values: one byte per slot while
        // reading, and again only if there are more
        let gather = |by_slot: &[u32]| -> Vec<u32> {
            view.rel.iter().map(|r| by_slot[*r as usize]).collect()
        };
        Some(match codes_by_slot::<u8>(g, ty, key)? {
            Ok((by_slot, dict)) => PropColumn {
                codes: Codes::Small(view.rel.iter().map(|r| by_slot[*r as usize]).collect()),
                dict,
            },
            Err(()) => {
                let (by_slot, dict) = codes_by_slot::<u32>(g, ty, key)?.ok()?;
                PropColumn {
                    codes: Codes::Wide(gather(&by_slot)),
                    dict,
                }
            }
        })
    }
}

/// The codes of `key` of the live relationships of type `ty`, by slot (a
/// sequential read of the records), with the distinct values: `None` when
/// a value is not a string, `Err` when the codes do not fit in `T`.
#[allow(clippy::type_complexity)]
fn codes_by_slot<T: Copy + Default + TryFrom<u32>>(
    g: &PgGraph,
    ty: Sym,
    key: Sym,
) -> Option<Result<(Vec<T>, FxHashMap<Arc<str>, u32>), ()>> {
    let mut dict: FxHashMap<Arc<str>, u32> = FxHashMap::default();
    let mut by_slot = vec![T::default(); EdgeIndexable::edge_bound(g)];
    let mut last: Option<(Arc<str>, T)> = None;
    for (i, code) in by_slot.iter_mut().enumerate() {
        let Some(w) = g.edge_weight(EdgeIndex::new(i)) else {
            continue;
        };
        if !w.live_of(&[ty]) {
            continue;
        }
        let Some(v) = w.prop(key) else { continue };
        let Value::String(s) = v else {
            return None;
        };
        *code = match &last {
            Some((l, c)) if Arc::ptr_eq(l, s) => *c,
            _ => {
                let n = dict.len() as u32 + 1;
                let Ok(c) = T::try_from(*dict.entry(s.clone()).or_insert(n)) else {
                    return Some(Err(()));
                };
                last = Some((s.clone(), c));
                c
            }
        };
    }
    Some(Ok((by_slot, dict)))
}

/// The nodes that have every one of some labels, as bits by node id: a
/// label test of a view's entries without reading node records.
#[derive(Debug)]
pub struct NodeBits(Vec<u64>);

impl NodeBits {
    /// The set of `nodes`.
    pub fn of(nodes: impl Iterator<Item = NodeId>) -> NodeBits {
        let mut bits = Vec::new();
        for n in nodes {
            let (w, b) = (n.0 as usize / 64, n.0 % 64);
            if bits.len() <= w {
                bits.resize(w + 1, 0u64);
            }
            bits[w] |= 1 << b;
        }
        NodeBits(bits)
    }

    fn build(g: &super::Graph, labels: &[Sym]) -> NodeBits {
        if labels.is_empty() {
            return NodeBits(Vec::new());
        }
        NodeBits::of(g.nodes_with_labels(labels).into_iter())
    }

    /// Whether `n` has the labels.
    #[inline(always)]
    pub fn contains(&self, n: NodeId) -> bool {
        self.0
            .get(n.0 as usize / 64)
            .is_some_and(|w| w & (1 << (n.0 % 64)) != 0)
    }
}

/// The views built so far (see the module docs).
#[derive(Debug, Default)]
pub(crate) struct Views {
    adj: RwLock<FxHashMap<(Sym, bool), Arc<RelView>>>,
    cols: RwLock<FxHashMap<(Sym, bool, Sym), Option<Arc<PropColumn>>>>,
    labels: RwLock<FxHashMap<Vec<Sym>, Arc<NodeBits>>>,
}

impl Clone for Views {
    /// A copy starts with no views (they are rebuilt on demand).
    fn clone(&self) -> Views {
        Views::default()
    }
}

impl RelView {
    /// Bytes held.
    fn bytes(&self) -> usize {
        4 * (self.off.len() + self.other.len() + self.rel.len())
    }
}

impl PropColumn {
    /// Bytes held (codes, and the dictionary of values).
    fn bytes(&self) -> usize {
        let codes = match &self.codes {
            Codes::Small(c) => c.len(),
            Codes::Wide(c) => 4 * c.len(),
        };
        codes + self.dict.keys().map(|k| 40 + k.len()).sum::<usize>()
    }
}

impl Views {
    /// How many views of each kind are built and the bytes they hold:
    /// adjacency, property columns, label sets.
    pub(crate) fn footprint(&self) -> [(usize, usize); 3] {
        let adj = self
            .adj
            .read()
            .map_or((0, 0), |m| (m.len(), m.values().map(|v| v.bytes()).sum()));
        let cols = self.cols.read().map_or((0, 0), |m| {
            (
                m.values().flatten().count(),
                m.values().flatten().map(|c| c.bytes()).sum(),
            )
        });
        let labels = self.labels.read().map_or((0, 0), |m| {
            (m.len(), m.values().map(|b| 8 * b.0.len()).sum())
        });
        [adj, cols, labels]
    }

    /// Drops every view.
    pub(crate) fn clear(&mut self) {
        if let Ok(m) = self.adj.get_mut() {
            m.clear();
        }
        if let Ok(m) = self.cols.get_mut() {
            m.clear();
        }
        if let Ok(m) = self.labels.get_mut() {
            m.clear();
        }
    }

    /// The nodes with all of `labels` (sorted, not empty), built now if
    /// missing.
    pub(crate) fn label_bits(&self, g: &super::Graph, labels: &[Sym]) -> Option<Arc<NodeBits>> {
        if let Some(b) = self.labels.read().ok()?.get(labels) {
            return Some(b.clone());
        }
        let b = Arc::new(NodeBits::build(g, labels));
        let mut m = self.labels.write().ok()?;
        Some(m.entry(labels.to_vec()).or_insert(b).clone())
    }

    /// The view of `ty` in `dir` (`Out` or `In`), built now if `build`.
    pub(crate) fn view(&self, g: &PgGraph, ty: Sym, dir: Dir, build: bool) -> Option<Arc<RelView>> {
        let key = (ty, dir == Dir::In);
        if let Some(v) = self.adj.read().ok()?.get(&key) {
            return Some(v.clone());
        }
        if !build || dir == Dir::Both {
            return None;
        }
        let v = Arc::new(RelView::build(g, ty, dir));
        let mut m = self.adj.write().ok()?;
        Some(m.entry(key).or_insert(v).clone())
    }

    /// The column of `key` for the view of `ty` in `dir`, built now if
    /// `build`; `None` also when the property is not a string everywhere.
    pub(crate) fn column(
        &self,
        g: &PgGraph,
        ty: Sym,
        dir: Dir,
        key: Sym,
        build: bool,
    ) -> Option<Arc<PropColumn>> {
        let k = (ty, dir == Dir::In, key);
        if let Some(c) = self.cols.read().ok()?.get(&k) {
            return c.clone();
        }
        if !build {
            return None;
        }
        let view = self.view(g, ty, dir, true)?;
        let c = PropColumn::build(g, &view, ty, key).map(Arc::new);
        let mut m = self.cols.write().ok()?;
        m.entry(k).or_insert(c).clone()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Dir, Graph, Props};
    use crate::value::{NodeId, RelId, Value};

    fn props(w: Option<Value>, key: super::Sym) -> Props {
        w.map(|v| (key, v)).into_iter().collect()
    }

    /// (relationship, other end) at `n` by the records, in list order.
    fn by_records(g: &Graph, n: NodeId, dir: Dir, ty: super::Sym) -> Vec<(RelId, NodeId)> {
        g.expand(n, dir, &[ty]).collect()
    }

    fn by_view(g: &Graph, n: NodeId, dir: Dir, ty: super::Sym) -> Vec<(RelId, NodeId)> {
        let v = g.rel_view(ty, dir, true).unwrap();
        v.entries(n).map(|p| (v.rel(p), v.other(p))).collect()
    }

    #[test]
    fn a_view_lists_what_the_records_list_and_is_dropped_by_any_change() {
        let mut g = Graph::default();
        let (t, u, w) = (g.intern("T"), g.intern("U"), g.intern("w"));
        let nodes: Vec<NodeId> = (0..6).map(|_| g.create_node(&[], Props::new())).collect();
        for i in 0..40u32 {
            let (a, b) = (nodes[(i % 6) as usize], nodes[(i * 7 % 5) as usize]);
            let ty = if i % 3 == 0 { u } else { t };
            let v = match i % 4 {
                0 => None,
                1 => Some(Value::from("x")),
                _ => Some(Value::from("y")),
            };
            g.create_rel(a, b, ty, props(v, w)).unwrap();
        }
        // deletes, committed, then creates that reuse the freed slots
        for r in [3, 8, 9, 20] {
            g.delete_rel(RelId(r));
        }
        g.commit().unwrap();
        for i in 0..3 {
            g.create_rel(nodes[i], nodes[5 - i], t, props(Some(Value::from("z")), w))
                .unwrap();
        }
        g.commit().unwrap();
        for dir in [Dir::Out, Dir::In] {
            let mut total = 0;
            for n in &nodes {
                let mut want = by_records(&g, *n, dir, t);
                let got = by_view(&g, *n, dir, t);
                // highest id first within a node
                assert!(got.windows(2).all(|p| p[0].0 > p[1].0), "{got:?}");
                want.sort_by_key(|e| std::cmp::Reverse(e.0));
                assert_eq!(got, want);
                total += got.len();
            }
            assert_eq!(total, g.type_count(t));
            let view = g.rel_view(t, dir, false).unwrap();
            assert_eq!(view.len(), total);
            for p in 0..view.len() {
                assert!(view.entries(view.owner(p)).contains(&p));
            }
        }
        // codes: equal exactly when the values are equal, 0 when missing
        let view = g.rel_view(t, Dir::Out, false).unwrap();
        let col = g.rel_column(t, Dir::Out, w, true).unwrap();
        let super::Codes::Small(codes) = col.codes() else {
            panic!("three values take one byte each")
        };
        for (p, code) in codes.iter().enumerate() {
            let want = match g.rel_prop(view.rel(p), w) {
                Some(Value::String(s)) => col.code_of(s).unwrap(),
                _ => 0,
            };
            assert_eq!(*code as u32, want);
        }
        assert_eq!(col.code_of("nowhere"), None);

        // every change to a relationship drops the views
        // and every change to a node's labels drops the label bitsets
        let l = g.intern("L");
        let changes: [&dyn Fn(&mut Graph); 6] = [
            &|g| {
                g.create_rel(NodeId(0), NodeId(1), t, Props::new()).unwrap();
            },
            &|g| g.set_rel_prop(RelId(1), w, Value::from("q")).unwrap(),
            &|g| g.delete_rel(RelId(2)),
            &|g| {
                let sp = g.savepoint();
                g.rollback_to(sp)
            },
            &|g| g.add_label(NodeId(3), l).unwrap(),
            &|g| g.remove_label(NodeId(3), l).unwrap(),
        ];
        for (i, change) in changes.iter().enumerate() {
            assert!(g.rel_view(t, Dir::In, true).is_some());
            assert!(g.rel_column(t, Dir::In, w, true).is_some());
            let bits = g.label_bits(&[l]).unwrap();
            assert_eq!(bits.contains(NodeId(3)), i == 5, "{i}");
            change(&mut g);
            assert!(g.rel_view(t, Dir::In, false).is_none());
            assert!(g.rel_column(t, Dir::In, w, false).is_none());
            assert_eq!(
                g.label_bits(&[l]).unwrap().contains(NodeId(3)),
                i == 4,
                "{i}"
            );
        }
    }

    #[test]
    fn many_distinct_values_take_wide_codes() {
        let mut g = Graph::default();
        let (t, w) = (g.intern("T"), g.intern("w"));
        let a = g.create_node(&[], Props::new());
        for i in 0..300 {
            let v = Some(Value::from(format!("v{}", i % 290).as_str()));
            g.create_rel(a, a, t, props(v, w)).unwrap();
        }
        let view = g.rel_view(t, Dir::In, true).unwrap();
        let col = g.rel_column(t, Dir::In, w, true).unwrap();
        let super::Codes::Wide(codes) = col.codes() else {
            panic!("290 values need more than a byte")
        };
        for (p, code) in codes.iter().enumerate() {
            let Some(Value::String(s)) = g.rel_prop(view.rel(p), w) else {
                panic!("every relationship has w")
            };
            assert_eq!(col.code_of(s), Some(*code));
        }
    }

    #[test]
    fn only_string_properties_get_a_column() {
        let mut g = Graph::default();
        let (t, u, w) = (g.intern("T"), g.intern("U"), g.intern("w"));
        let a = g.create_node(&[], Props::new());
        g.create_rel(a, a, t, props(Some(Value::from("x")), w))
            .unwrap();
        // a number on another type does not matter
        g.create_rel(a, a, u, props(Some(Value::Int(1)), w))
            .unwrap();
        assert!(g.rel_column(t, Dir::Out, w, true).is_some());
        assert!(g.rel_column(u, Dir::Out, w, true).is_none());
        // a type without relationships has an empty view
        let none = g.intern("NONE");
        assert_eq!(g.rel_view(none, Dir::In, true).unwrap().len(), 0);
    }
}
