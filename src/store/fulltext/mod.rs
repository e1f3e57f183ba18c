//! Full-text indexes: an in-memory inverted index per index, BM25-ranked.
//!
//! The index *definition* ([`FulltextDef`]) is schema: it is persisted in
//! snapshots and log records like a property index. The postings are
//! derived data, built from the store when the index is created or the
//! database opened, and kept exact by the store's write API: every write
//! that can change what an index holds (creating or deleting an entity,
//! setting or removing an indexed property, adding or removing a label)
//! removes the entity's document before and adds it again after, on the
//! forward path and when the undo log is applied alike, so a rolled-back
//! statement leaves every index as it was. (Tantivy was the obvious crate,
//! but its segments live on disk with their own commit points, which do
//! not fit the store's undo/redo/snapshot model.)
//!
//! A document is an entity with one of the index's labels (or types) and
//! at least one term in one of its properties; each property is a field
//! of its own. Only strings (and lists of strings) are indexed.
//!
//! Scores are Lucene's BM25 (k1 = 1.2, b = 0.75, without the constant
//! factor k1 + 1 that Lucene 8 dropped), per field: `idf · tf / (tf + k1 ·
//! (1 − b + b · dl / avgdl))` with `idf = ln(1 + (N − df + 0.5) / (df +
//! 0.5))`, N the documents with terms in that field, df those holding the
//! term, dl the field's length in terms, avgdl its mean. Document lengths
//! are exact (Lucene rounds them to a byte). A query over every field sums
//! the fields' scores; boolean queries sum their clauses; prefix and
//! wildcard queries score a constant 1 per field (times their boost); a
//! phrase scores the sum of its terms' idf with its frequency as tf; a
//! fuzzy term sums the BM25 of each term it reaches times `1 − edits /
//! length`.

pub mod analyze;
pub mod query;

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use super::{Graph, Redo, Sym, Undo};
use crate::error::{Error, ErrorKind, Result};
use crate::value::{NodeId, RelId, Value};
pub use analyze::Analyzer;
use query::{Leaf, Occur, Query};

/// What a full-text index covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    /// Nodes with one of the labels.
    Node,
    /// Relationships of one of the types.
    Relationship,
}

/// The definition of a full-text index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FulltextDef {
    /// Its name.
    pub name: String,
    /// Nodes or relationships.
    pub entity: Entity,
    /// The labels (or relationship types), any of which puts an entity in.
    pub tokens: Vec<Sym>,
    /// The properties indexed, each a field.
    pub props: Vec<Sym>,
    /// How text becomes terms.
    pub analyzer: Analyzer,
}

/// Per field: documents with terms in it and their terms in all.
#[derive(Debug, Clone, Copy, Default)]
struct FieldStats {
    docs: u64,
    terms: u64,
}

/// One document's entry in a term's postings: per field, its positions.
type Entry = SmallVec<[(u16, Vec<u32>); 1]>;

#[derive(Debug, Clone, Default)]
struct Doc {
    /// Per field with terms: its length in terms.
    lens: SmallVec<[(u16, u32); 2]>,
    /// Its distinct terms.
    terms: Vec<Box<str>>,
}

/// A full-text index: the definition and its postings.
#[derive(Debug, Clone)]
pub(super) struct FulltextIndex {
    pub(super) def: FulltextDef,
    docs: FxHashMap<u32, Doc>,
    /// term → document → per field positions; ordered, so prefixes are ranges.
    postings: BTreeMap<Box<str>, BTreeMap<u32, Entry>>,
    fields: Vec<FieldStats>,
}

const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Position gap between the strings of a list, so phrases do not span them.
const LIST_GAP: u32 = 100;

impl FulltextIndex {
    fn new(def: FulltextDef) -> FulltextIndex {
        let fields = vec![FieldStats::default(); def.props.len()];
        FulltextIndex {
            def,
            docs: FxHashMap::default(),
            postings: BTreeMap::new(),
            fields,
        }
    }

    /// Whether an entity with these labels (or this type) belongs in it.
    fn covers(&self, tokens: &[Sym]) -> bool {
        self.def.tokens.iter().any(|t| tokens.contains(t))
    }

    fn remove(&mut self, id: u32) {
        let Some(doc) = self.docs.remove(&id) else {
            return;
        };
        for (f, len) in &doc.lens {
            if let Some(s) = self.fields.get_mut(*f as usize) {
                s.docs -= 1;
                s.terms -= *len as u64;
            }
        }
        for t in doc.terms {
            if let Some(p) = self.postings.get_mut(&t) {
                p.remove(&id);
                if p.is_empty() {
                    self.postings.remove(&t);
                }
            }
        }
    }

    /// Indexes `id` with its properties `props` (replacing what it held).
    fn insert(&mut self, id: u32, props: &super::Props) {
        self.remove(id);
        let mut doc = Doc::default();
        let mut terms: BTreeMap<String, Entry> = BTreeMap::new();
        let mut buf = Vec::new();
        for (f, key) in self.def.props.iter().enumerate() {
            let Some(v) = super::get_prop(props, *key) else {
                continue;
            };
            buf.clear();
            match v {
                Value::String(s) => {
                    self.def.analyzer.analyze(s, 0, &mut buf);
                }
                Value::List(items) => {
                    let mut pos = 0;
                    for it in items.iter() {
                        if let Value::String(s) = it {
                            pos = self.def.analyzer.analyze(s, pos, &mut buf) + LIST_GAP;
                        }
                    }
                }
                _ => continue,
            }
            if buf.is_empty() {
                continue;
            }
            let f = f as u16;
            doc.lens.push((f, buf.len() as u32));
            for (t, p) in buf.drain(..) {
                let e = terms.entry(t).or_default();
                match e.last_mut() {
                    Some((g, ps)) if *g == f => ps.push(p),
                    _ => e.push((f, vec![p])),
                }
            }
        }
        if doc.lens.is_empty() {
            return;
        }
        for (f, len) in &doc.lens {
            let s = &mut self.fields[*f as usize];
            s.docs += 1;
            s.terms += *len as u64;
        }
        for (t, e) in terms {
            let t: Box<str> = t.into();
            self.postings.entry(t.clone()).or_default().insert(id, e);
            doc.terms.push(t);
        }
        self.docs.insert(id, doc);
    }

    /// Documents indexed.
    pub(super) fn len(&self) -> usize {
        self.docs.len()
    }

    /// Bytes held, estimated.
    pub(super) fn bytes(&self) -> usize {
        let mut b = 0;
        for (t, p) in &self.postings {
            b += 48 + t.len();
            for e in p.values() {
                b += 40 + e.iter().map(|(_, ps)| 32 + 4 * ps.len()).sum::<usize>();
            }
        }
        for d in self.docs.values() {
            b += 64 + 16 * d.terms.len();
        }
        b
    }

    /// The same postings as a fresh build from `g` (for `plenary check`).
    pub(super) fn same_as(&self, other: &FulltextIndex) -> bool {
        self.postings == other.postings
            && self.docs.len() == other.docs.len()
            && self.docs.iter().all(|(id, d)| {
                other
                    .docs
                    .get(id)
                    .is_some_and(|o| o.lens == d.lens && o.terms == d.terms)
            })
            && self
                .fields
                .iter()
                .zip(&other.fields)
                .all(|(a, b)| a.docs == b.docs && a.terms == b.terms)
    }

    fn field_of(&self, g: &Graph, name: &str) -> Option<u16> {
        self.def
            .props
            .iter()
            .position(|k| g.name(*k) == name)
            .map(|f| f as u16)
    }

    /// The fields a leaf looks in.
    fn fields_for(&self, g: &Graph, field: &Option<String>) -> Vec<u16> {
        match field {
            Some(f) => self.field_of(g, f).into_iter().collect(),
            None => (0..self.def.props.len() as u16).collect(),
        }
    }

    fn bm25(&self, f: u16, df: usize, tf: usize, dl: u32) -> f64 {
        let s = self.fields[f as usize];
        let n = s.docs as f64;
        let df = df as f64;
        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        idf * tf_part(&s, tf, dl)
    }

    fn dl(&self, id: u32, f: u16) -> u32 {
        self.docs
            .get(&id)
            .and_then(|d| d.lens.iter().find(|(g, _)| *g == f))
            .map_or(0, |(_, l)| *l)
    }

    /// Scores of the documents holding `term` in `fields`, added to `out`.
    fn term_scores(&self, term: &str, fields: &[u16], factor: f64, out: &mut Hits) {
        let Some(p) = self.postings.get(term) else {
            return;
        };
        for &f in fields {
            let df = p
                .values()
                .filter(|e| e.iter().any(|(g, _)| *g == f))
                .count();
            if df == 0 {
                continue;
            }
            for (id, e) in p {
                if let Some((_, ps)) = e.iter().find(|(g, _)| *g == f) {
                    *out.entry(*id).or_insert(0.0) +=
                        factor * self.bm25(f, df, ps.len(), self.dl(*id, f));
                }
            }
        }
    }

    /// Documents holding one of `terms` (constant score per field).
    fn constant_scores<'a>(
        &self,
        terms: impl Iterator<Item = &'a BTreeMap<u32, Entry>>,
        fields: &[u16],
        boost: f64,
        out: &mut Hits,
    ) {
        let mut seen: FxHashMap<u32, SmallVec<[u16; 2]>> = FxHashMap::default();
        for p in terms {
            for (id, e) in p {
                for (g, _) in e {
                    if fields.contains(g) {
                        let s = seen.entry(*id).or_default();
                        if !s.contains(g) {
                            s.push(*g);
                        }
                    }
                }
            }
        }
        for (id, fs) in seen {
            *out.entry(id).or_insert(0.0) += boost * fs.len() as f64;
        }
    }

    fn phrase_scores(&self, terms: &[(String, u32)], fields: &[u16], boost: f64, out: &mut Hits) {
        let mut lists = Vec::with_capacity(terms.len());
        for (t, _) in terms {
            match self.postings.get(t.as_str()) {
                Some(p) => lists.push(p),
                None => return,
            }
        }
        let base = terms[0].1;
        for &f in fields {
            let s = self.fields[f as usize];
            let n = s.docs as f64;
            let mut idf = 0.0;
            for p in &lists {
                let df = p
                    .values()
                    .filter(|e| e.iter().any(|(g, _)| *g == f))
                    .count() as f64;
                idf += (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            }
            let positions = |p: &BTreeMap<u32, Entry>, id: u32| -> Option<Vec<u32>> {
                p.get(&id)
                    .and_then(|e| e.iter().find(|(g, _)| *g == f).map(|(_, ps)| ps.clone()))
            };
            // candidates: the rarest term's documents
            let Some(rarest) = lists.iter().min_by_key(|p| p.len()) else {
                return;
            };
            for id in rarest.keys() {
                let mut per_term = Vec::with_capacity(lists.len());
                for p in &lists {
                    match positions(p, *id) {
                        Some(ps) => per_term.push(ps),
                        None => break,
                    }
                }
                if per_term.len() != lists.len() {
                    continue;
                }
                let freq = per_term[0]
                    .iter()
                    .filter(|&&p0| {
                        terms.iter().zip(&per_term).skip(1).all(|((_, off), ps)| {
                            p0.checked_add(off.saturating_sub(base))
                                .is_some_and(|p| ps.binary_search(&p).is_ok())
                        })
                    })
                    .count();
                if freq > 0 {
                    *out.entry(*id).or_insert(0.0) +=
                        boost * idf * tf_part(&s, freq, self.dl(*id, f));
                }
            }
        }
    }

    /// The documents a query matches with their scores; `None` when the
    /// query is empty (all its terms were stop words): it then takes no
    /// part in the query around it, as in Lucene.
    fn eval(&self, g: &Graph, q: &Query) -> Option<Hits> {
        match q {
            Query::Boost(inner, b) => {
                let mut h = self.eval(g, inner)?;
                for s in h.values_mut() {
                    *s *= b;
                }
                Some(h)
            }
            Query::Leaf { field, leaf, boost } => {
                let fields = self.fields_for(g, field);
                let mut out = Hits::default();
                let an = self.def.analyzer;
                match leaf {
                    Leaf::Term(text) => {
                        let terms = an.terms(text);
                        if terms.is_empty() {
                            return None;
                        }
                        for t in terms {
                            self.term_scores(&t, &fields, *boost, &mut out);
                        }
                    }
                    Leaf::Phrase(text) => {
                        let mut terms = Vec::new();
                        an.analyze(text, 0, &mut terms);
                        match terms.len() {
                            0 => return None,
                            1 => self.term_scores(&terms[0].0, &fields, *boost, &mut out),
                            _ => self.phrase_scores(&terms, &fields, *boost, &mut out),
                        }
                    }
                    Leaf::Prefix(p) => {
                        let p = analyze::normalize(p);
                        let range = self
                            .postings
                            .range::<str, _>((
                                std::ops::Bound::Included(p.as_str()),
                                std::ops::Bound::Unbounded,
                            ))
                            .take_while(|(t, _)| t.starts_with(p.as_str()))
                            .map(|(_, v)| v);
                        self.constant_scores(range, &fields, *boost, &mut out);
                    }
                    Leaf::Wildcard(p) => {
                        let p: Vec<char> = analyze::normalize(p).chars().collect();
                        let terms = self
                            .postings
                            .iter()
                            .filter(|(t, _)| query::wildcard_match(&p, t))
                            .map(|(_, v)| v);
                        self.constant_scores(terms, &fields, *boost, &mut out);
                    }
                    Leaf::Fuzzy(t, edits) => {
                        let t: Vec<char> = analyze::normalize(t).chars().collect();
                        // fewer edits than the term has characters: `a~` is not "anything"
                        let max = (*edits as usize).min(t.len().saturating_sub(1));
                        for term in self.postings.keys() {
                            let tc: Vec<char> = term.chars().collect();
                            if let Some(d) = query::edit_distance(&t, &tc, max) {
                                let len = t.len().min(tc.len()).max(1) as f64;
                                let factor = boost * (1.0 - d as f64 / len).max(0.0);
                                self.term_scores(term, &fields, factor, &mut out);
                            }
                        }
                    }
                }
                Some(out)
            }
            Query::Bool(clauses) => {
                let mut must: Vec<Hits> = Vec::new();
                let mut should: Vec<Hits> = Vec::new();
                let mut not: Vec<Hits> = Vec::new();
                for (o, c) in clauses {
                    let Some(h) = self.eval(g, c) else { continue };
                    match o {
                        Occur::Must => must.push(h),
                        Occur::Should => should.push(h),
                        Occur::MustNot => not.push(h),
                    }
                }
                if must.is_empty() && should.is_empty() {
                    // only negative clauses (or none left): Lucene matches nothing
                    return if not.is_empty() {
                        Some(Hits::default())
                    } else {
                        None
                    };
                }
                let mut out: Hits = if must.is_empty() {
                    let mut u = Hits::default();
                    for h in &should {
                        for (id, s) in h {
                            *u.entry(*id).or_insert(0.0) += s;
                        }
                    }
                    u
                } else {
                    must.sort_by_key(|h| h.len());
                    let mut it = must.into_iter();
                    let mut acc = it.next().unwrap_or_default();
                    for h in it {
                        acc.retain(|id, s| match h.get(id) {
                            Some(t) => {
                                *s += t;
                                true
                            }
                            None => false,
                        });
                    }
                    for h in &should {
                        for (id, s) in acc.iter_mut() {
                            if let Some(t) = h.get(id) {
                                *s += t;
                            }
                        }
                    }
                    acc
                };
                for h in &not {
                    out.retain(|id, _| !h.contains_key(id));
                }
                Some(out)
            }
        }
    }
}

fn tf_part(s: &FieldStats, tf: usize, dl: u32) -> f64 {
    let avgdl = if s.docs == 0 {
        1.0
    } else {
        s.terms as f64 / s.docs as f64
    };
    let tf = tf as f64;
    tf / (tf + K1 * (1.0 - B + B * dl as f64 / avgdl))
}

type Hits = FxHashMap<u32, f64>;

/// A full-text index's name and what [`Graph::fulltext_search`] answers:
/// entity ids with their scores, best first (ties by id).
pub type Ranked = Vec<(u32, f64)>;

impl Graph {
    /// Removes (`insert == false`) or adds node `id`'s document in every
    /// full-text index over nodes that covers it, restricted to the indexes
    /// holding `key` when given.
    pub(super) fn fulltext_node(&mut self, id: NodeId, key: Option<Sym>, insert: bool) {
        if self.fulltext.is_empty() {
            return;
        }
        let Some(rec) = self.g.node_weight(super::ni(id)) else {
            return;
        };
        for idx in &mut self.fulltext {
            if idx.def.entity != Entity::Node || key.is_some_and(|k| !idx.def.props.contains(&k)) {
                continue;
            }
            if !insert {
                idx.remove(id.0);
            } else if !rec.deleted && idx.covers(&rec.labels) {
                idx.insert(id.0, &rec.props);
            }
        }
    }

    /// Like [`Graph::fulltext_node`] for relationship `id`.
    pub(super) fn fulltext_rel(&mut self, id: RelId, key: Option<Sym>, insert: bool) {
        if self.fulltext.is_empty() {
            return;
        }
        let Some(rec) = self.g.edge_weight(super::ei(id)) else {
            return;
        };
        for idx in &mut self.fulltext {
            if idx.def.entity != Entity::Relationship
                || key.is_some_and(|k| !idx.def.props.contains(&k))
            {
                continue;
            }
            if !insert {
                idx.remove(id.0);
            } else if !rec.deleted && idx.covers(&[rec.ty]) {
                idx.insert(id.0, &rec.props);
            }
        }
    }

    pub(super) fn build_fulltext(&self, def: FulltextDef) -> FulltextIndex {
        let mut idx = FulltextIndex::new(def);
        match idx.def.entity {
            Entity::Node => {
                let mut ids: Vec<NodeId> = idx
                    .def
                    .tokens
                    .iter()
                    .flat_map(|l| self.nodes_with_label(*l))
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                for id in ids {
                    if let Some(rec) = self.node(id) {
                        idx.insert(id.0, &rec.props);
                    }
                }
            }
            Entity::Relationship => {
                let types = idx.def.tokens.clone();
                for (id, _, _, rec) in self.rels_of_types(&types, 0..self.rel_slots()) {
                    idx.insert(id.0, &rec.props);
                }
            }
        }
        idx
    }

    /// The full-text indexes' definitions, in creation order.
    pub fn fulltext_schema(&self) -> Vec<&FulltextDef> {
        self.fulltext.iter().map(|i| &i.def).collect()
    }

    /// How many documents the full-text index `name` holds.
    pub fn fulltext_len(&self, name: &str) -> Option<usize> {
        self.fulltext
            .iter()
            .find(|i| i.def.name == name)
            .map(FulltextIndex::len)
    }

    /// Whether some index, constraint or full-text index is called `name`.
    pub fn schema_name_taken(&self, name: &str) -> bool {
        self.indexes.iter().any(|i| i.def.name == name)
            || self.fulltext.iter().any(|i| i.def.name == name)
            || self.vectors.iter().any(|d| d.name == name)
    }

    /// Creates a full-text index and indexes what the graph holds.
    pub fn create_fulltext(&mut self, def: FulltextDef) -> Result<()> {
        if self.schema_name_taken(&def.name) {
            return Err(Error::new(
                ErrorKind::SemanticError,
                "EquivalentSchemaRuleAlreadyExists",
                format!("an index or constraint named `{}` already exists", def.name),
            ));
        }
        if def.tokens.is_empty() || def.props.is_empty() || def.props.len() > u16::MAX as usize {
            return Err(Error::new(
                ErrorKind::SemanticError,
                "InvalidFulltextIndex",
                "a full-text index needs at least one label (or type) and one property",
            ));
        }
        let idx = self.build_fulltext(def);
        self.stats.indexes_added += 1;
        self.undo.push(Undo::CreatedIndex(idx.def.name.clone()));
        if let Some(r) = &mut self.redo {
            r.push(Redo::CreateFulltext(idx.def.clone()));
        }
        self.fulltext.push(idx);
        Ok(())
    }

    /// Drops the full-text index `name`; `false` if there is none.
    pub(super) fn drop_fulltext(&mut self, name: &str) -> bool {
        let Some(pos) = self.fulltext.iter().position(|i| i.def.name == name) else {
            return false;
        };
        let idx = self.fulltext.remove(pos);
        self.stats.indexes_removed += 1;
        if let Some(r) = &mut self.redo {
            r.push(Redo::DropIndex(idx.def.name.clone()));
        }
        self.undo.push(Undo::DroppedFulltext(idx.def, pos));
        true
    }

    /// Runs the query `text` against the full-text index `name` over
    /// `entity`: the matching ids with their scores, best first, ties by
    /// id; only the best `top` when given (the rest are not sorted).
    pub fn fulltext_search(
        &self,
        name: &str,
        entity: Entity,
        text: &str,
        top: Option<usize>,
    ) -> Result<Ranked> {
        // the query first: its errors do not depend on the index
        let q = query::parse(text).map_err(|e| {
            call_failed(format!(
                "cannot parse the full-text query {text:?}: {} (at position {})",
                e.message, e.position
            ))
        })?;
        let Some(idx) = self.fulltext.iter().find(|i| i.def.name == name) else {
            let mut msg = format!("there is no full-text index called `{name}`");
            let names = self.fulltext.iter().map(|i| i.def.name.clone());
            if let Some(s) = crate::notify::did_you_mean(name, names) {
                msg.push_str(&format!("; did you mean `{s}`?"));
            } else if !self.fulltext.is_empty() {
                let all: Vec<String> = self
                    .fulltext
                    .iter()
                    .map(|i| format!("`{}`", i.def.name))
                    .collect();
                msg.push_str(&format!("; the full-text indexes are {}", all.join(", ")));
            }
            return Err(call_failed(msg));
        };
        if idx.def.entity != entity {
            let (what, other) = match idx.def.entity {
                Entity::Node => ("nodes", "db.index.fulltext.queryNodes"),
                Entity::Relationship => ("relationships", "db.index.fulltext.queryRelationships"),
            };
            return Err(call_failed(format!(
                "the full-text index `{name}` indexes {what}: query it with {other}"
            )));
        }
        let hits = idx.eval(self, &q).unwrap_or_default();
        let mut ranked: Ranked = hits.into_iter().collect();
        let order = |a: &(u32, f64), b: &(u32, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if let Some(top) = top
            && top < ranked.len()
        {
            if top == 0 {
                return Ok(Vec::new());
            }
            ranked.select_nth_unstable_by(top - 1, order);
            ranked.truncate(top);
        }
        ranked.sort_by(order);
        Ok(ranked)
    }

    /// The full-text indexes whose postings differ from a fresh build from
    /// the graph (what `plenary check` reports; empty when all are exact).
    pub fn check_fulltext(&self) -> Vec<String> {
        self.fulltext
            .iter()
            .filter(|i| !i.same_as(&self.build_fulltext(i.def.clone())))
            .map(|i| i.def.name.clone())
            .collect()
    }
}

fn call_failed(msg: String) -> Error {
    Error::new(ErrorKind::ProcedureError, "ProcedureCallFailed", msg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn graph() -> Graph {
        let mut g = Graph::default();
        let doc = g.intern("Doc");
        let text = g.intern("text");
        let title = g.intern("title");
        for (t, ti) in [
            ("peace talks in Geneva", "Peace"),
            ("war and peace, peace again", "War"),
            ("nuclear tests", "Tests"),
        ] {
            g.create_node(&[doc], vec![(text, Value::str(t)), (title, Value::str(ti))]);
        }
        g.create_fulltext(FulltextDef {
            name: "t".into(),
            entity: Entity::Node,
            tokens: vec![doc],
            props: vec![text, title],
            analyzer: Analyzer::English,
        })
        .unwrap();
        g
    }

    #[test]
    fn rollback_restores_the_postings() {
        let mut g = graph();
        g.commit().unwrap();
        let before = g
            .fulltext_search("t", Entity::Node, "peace OR nuclear", None)
            .unwrap();
        let sp = g.savepoint();
        let text = g.sym("text").unwrap();
        g.set_node_prop(NodeId(0), text, Value::str("nothing"))
            .unwrap();
        g.delete_node(NodeId(2), true);
        let doc = g.sym("Doc").unwrap();
        g.create_node(&[doc], vec![(text, Value::str("peace peace peace"))]);
        assert_ne!(
            g.fulltext_search("t", Entity::Node, "peace OR nuclear", None)
                .unwrap(),
            before
        );
        g.rollback_to(sp);
        assert_eq!(
            g.fulltext_search("t", Entity::Node, "peace OR nuclear", None)
                .unwrap(),
            before
        );
        assert!(g.check_fulltext().is_empty());
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        /// Any string of query characters parses or fails with a position
        /// inside it, and searching never panics.
        #[test]
        fn any_query_string_is_an_answer_or_an_error(q in "[a-z \"()*?~^:+\\-!&|\\\\\\[\\]{}/0-9.ANDORT]{0,24}") {
            let g = graph();
            match g.fulltext_search("t", Entity::Node, &q, Some(2)) {
                Ok(hits) => prop_assert!(hits.len() <= 2),
                Err(e) => {
                    prop_assert_eq!(e.code().as_str(), "ProcedureCallFailed");
                    let pos = e.message().rsplit("at position ").next().and_then(|s| s.trim_end_matches(')').parse::<usize>().ok());
                    prop_assert!(pos.is_some_and(|p| p >= 1 && p <= q.chars().count() + 1), "{}", e.message());
                }
            }
        }
    }
}
