//! The property-graph store: the only module that names petgraph.
//!
//! A [`Graph`] is a petgraph `StableGraph` (ids stay valid across deletes)
//! whose node weights hold a sorted label set and a compact property list,
//! and whose edge weights hold a relationship type and a property list.
//! Label, type and property-key names are interned once into [`Sym`]s.
//!
//! Around the graph the store keeps:
//! - a label index (label → node ids, always on);
//! - property indexes (`CREATE INDEX`), (label, key) → ordered value → nodes,
//!   used by the planner for equality, `IN` and range lookups;
//! - uniqueness / existence constraints, checked when a statement commits;
//! - full-text indexes (`fulltext`): inverted indexes kept exact by every
//!   write and its undo; vector indexes (`vector`): definitions only,
//!   searched exactly;
//! - an undo log, so a failed statement (or a rolled-back transaction) leaves
//!   the graph, its indexes and its counters exactly as they were.
//! - column views for reading (`views`): per relationship type and
//!   direction the adjacency as contiguous arrays, string properties as
//!   one-byte codes, label sets as node bitsets; built on demand by large
//!   read-only walks and dropped by any change to a relationship or label.
//!
//! When persistence is on ([`Graph::set_durability`]), every write also
//! appends a [`Redo`] entry: the logical mutation it applied, with the ids
//! it assigned. The redo log is truncated by [`Graph::rollback_to`] exactly
//! like the undo log, and [`Graph::commit`] hands it to the durability hook
//! (the write-ahead log of [`persist`]) before anything becomes permanent.
//! Explicit transactions ([`Graph::begin_transaction`]) hold commits back
//! until [`Graph::commit_transaction`].
//!
//! Deletion is two-phase: `delete_*` marks the entity deleted (it vanishes
//! from scans, expansions and indexes at once) and the slot is freed only
//! when the transaction commits ([`Graph::commit`]). Undoing a delete is then
//! just clearing the mark, and ids never change under a rollback.

pub mod fulltext;
mod index;
mod pairs;
pub mod persist;
pub mod vector;
mod views;

use smallvec::SmallVec;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use petgraph::Direction as PgDir;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableGraph};
use petgraph::visit::{EdgeIndexable, EdgeRef, NodeIndexable};

use crate::error::{Error, ErrorKind, Result};
use crate::value::{NodeId, RelId, Value};

pub use fulltext::{Analyzer, Entity, FulltextDef};
pub use index::{IndexDef, IndexKind, OrdValue};
pub use vector::{Similarity, VectorDef};
pub use views::{Codes, NodeBits, PropColumn, RelView};

/// An interned label, relationship type or property key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(pub u32);

/// A property list, sorted by key.
pub type Props = SmallVec<[(Sym, Value); 1]>;

/// A node's labels, sorted (up to four without a heap allocation).
pub type Labels = SmallVec<[Sym; 4]>;

/// Direction of an expansion, seen from the start node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// Follow outgoing relationships.
    Out,
    /// Follow incoming relationships.
    In,
    /// Both (a self-loop is reported once).
    Both,
}

impl Dir {
    /// The same relationships seen from the other end.
    pub fn reverse(self) -> Dir {
        match self {
            Dir::Out => Dir::In,
            Dir::In => Dir::Out,
            Dir::Both => Dir::Both,
        }
    }
}

/// A logical mutation the store applied, with the ids it assigned: what the
/// write-ahead log records so that a statement can be replayed exactly
/// (statement text could not be: `rand()`, `timestamp()` …).
#[derive(Debug, Clone)]
pub enum Redo {
    /// `create_node` gave `id` these (sorted) labels and (normalized) props.
    CreateNode {
        /// The id assigned.
        id: NodeId,
        /// Sorted, unique labels.
        labels: Vec<Sym>,
        /// Properties sorted by key, no nulls.
        props: Props,
    },
    /// `create_rel` gave `id` these endpoints, type and props.
    CreateRel {
        /// The id assigned.
        id: RelId,
        /// Start node.
        from: NodeId,
        /// End node.
        to: NodeId,
        /// The type.
        ty: Sym,
        /// Properties sorted by key, no nulls.
        props: Props,
    },
    /// `set_node_prop` (`Value::Null` removes).
    SetNodeProp(NodeId, Sym, Value),
    /// `set_rel_prop` (`Value::Null` removes).
    SetRelProp(RelId, Sym, Value),
    /// `add_label` (only when it changed something).
    AddLabel(NodeId, Sym),
    /// `remove_label` (only when it changed something).
    RemoveLabel(NodeId, Sym),
    /// `delete_rel` (also the ones `delete_node` with `detach` did).
    DeleteRel(RelId),
    /// `delete_node` (its relationships were deleted by earlier entries).
    DeleteNode(NodeId),
    /// `create_index`.
    CreateIndex(IndexDef),
    /// `create_fulltext`.
    CreateFulltext(FulltextDef),
    /// `create_vector`.
    CreateVector(VectorDef),
    /// `drop_index` (of an index, a constraint, a full-text or a vector index).
    DropIndex(String),
}

/// What [`Graph::commit`] hands to the durability hook: the names interned
/// since the last durable commit (the first gets symbol `first_sym`) and the
/// mutations of the committing statement or transaction.
#[derive(Debug)]
pub struct RedoBatch<'a> {
    /// The symbol number of `names[0]`.
    pub first_sym: u32,
    /// Names interned since the last durable commit, in symbol order.
    pub names: &'a [Box<str>],
    /// The mutations, in the order they were applied.
    pub ops: &'a [Redo],
}

/// The durability hook: makes a batch durable or fails (then the commit fails
/// and the caller rolls the statement back).
pub type DurabilityHook = Box<dyn FnMut(&RedoBatch<'_>) -> Result<()> + Send + Sync>;

/// Holds the hook; clones of a graph do not inherit it.
#[derive(Default)]
struct Hook(Option<DurabilityHook>);

impl Clone for Hook {
    fn clone(&self) -> Hook {
        Hook(None)
    }
}

impl std::fmt::Debug for Hook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Hook(set)"
        } else {
            "Hook(none)"
        })
    }
}

/// A node's data.
#[derive(Debug, Clone, Default)]
pub struct NodeRec {
    /// Sorted, unique labels.
    pub labels: Labels,
    /// Properties sorted by key.
    pub props: Props,
    deleted: bool,
    /// Live outgoing relationships (kept so expansions can start from the
    /// smaller side).
    out_deg: u32,
    /// Live incoming relationships.
    in_deg: u32,
}

/// A relationship's data.
#[derive(Debug, Clone)]
pub struct RelRec {
    /// The type.
    pub ty: Sym,
    /// Properties sorted by key.
    pub props: Props,
    deleted: bool,
}

// Relationship records are the bulk of a large graph (870k of them for the
// UN votes): one inline property, no heap allocation, 48 bytes.
const _: () = assert!(std::mem::size_of::<Value>() == 24);
const _: () = assert!(std::mem::size_of::<RelRec>() <= 48);

impl RelRec {
    /// Whether the relationship is live and of one of `types` (any when empty).
    #[inline]
    pub fn live_of(&self, types: &[Sym]) -> bool {
        !self.deleted && (types.is_empty() || types.contains(&self.ty))
    }

    /// A property.
    #[inline(always)]
    pub fn prop(&self, key: Sym) -> Option<&Value> {
        get_prop(&self.props, key)
    }
}

/// Counters of what statements changed (the TCK's side effects).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Nodes created.
    pub nodes_created: u64,
    /// Nodes deleted.
    pub nodes_deleted: u64,
    /// Relationships created.
    pub relationships_created: u64,
    /// Relationships deleted.
    pub relationships_deleted: u64,
    /// Properties set (including removals).
    pub properties_set: u64,
    /// Labels added.
    pub labels_added: u64,
    /// Labels removed.
    pub labels_removed: u64,
    /// Indexes added.
    pub indexes_added: u64,
    /// Indexes removed.
    pub indexes_removed: u64,
    /// Constraints added.
    pub constraints_added: u64,
    /// Constraints removed.
    pub constraints_removed: u64,
}

impl Stats {
    /// Whether anything changed.
    pub fn is_empty(&self) -> bool {
        *self == Stats::default()
    }

    /// `self - before`, field by field.
    pub fn since(&self, before: &Stats) -> Stats {
        Stats {
            nodes_created: self.nodes_created - before.nodes_created,
            nodes_deleted: self.nodes_deleted - before.nodes_deleted,
            relationships_created: self.relationships_created - before.relationships_created,
            relationships_deleted: self.relationships_deleted - before.relationships_deleted,
            properties_set: self.properties_set - before.properties_set,
            labels_added: self.labels_added - before.labels_added,
            labels_removed: self.labels_removed - before.labels_removed,
            indexes_added: self.indexes_added - before.indexes_added,
            indexes_removed: self.indexes_removed - before.indexes_removed,
            constraints_added: self.constraints_added - before.constraints_added,
            constraints_removed: self.constraints_removed - before.constraints_removed,
        }
    }

    /// The non-zero counters as (name, value) pairs.
    pub fn pairs(&self) -> Vec<(&'static str, u64)> {
        [
            ("nodes_created", self.nodes_created),
            ("nodes_deleted", self.nodes_deleted),
            ("relationships_created", self.relationships_created),
            ("relationships_deleted", self.relationships_deleted),
            ("properties_set", self.properties_set),
            ("labels_added", self.labels_added),
            ("labels_removed", self.labels_removed),
            ("indexes_added", self.indexes_added),
            ("indexes_removed", self.indexes_removed),
            ("constraints_added", self.constraints_added),
            ("constraints_removed", self.constraints_removed),
        ]
        .into_iter()
        .filter(|(_, v)| *v != 0)
        .collect()
    }
}

#[derive(Debug, Clone)]
enum Undo {
    CreatedNode(NodeId),
    CreatedRel(RelId),
    DeletedNode(NodeId),
    DeletedRel(RelId),
    NodeProp(NodeId, Sym, Option<Value>),
    RelProp(RelId, Sym, Option<Value>),
    AddedLabel(NodeId, Sym),
    RemovedLabel(NodeId, Sym),
    CreatedIndex(String),
    DroppedIndex(IndexDef, usize),
    DroppedFulltext(FulltextDef, usize),
    DroppedVector(VectorDef, usize),
    Stats(Stats),
}

/// A savepoint in the undo (and redo) log (see [`Graph::rollback_to`]).
#[derive(Debug, Clone, Copy)]
pub struct Savepoint(usize, usize);

/// The property graph with its indexes, constraints and undo log.
#[derive(Debug, Default, Clone)]
pub struct Graph {
    g: PgGraph,
    names: Vec<Box<str>>,
    by_name: HashMap<Box<str>, Sym>,
    label_nodes: HashMap<Sym, BTreeSet<NodeId>>,
    type_counts: HashMap<Sym, usize>,
    live_nodes: usize,
    live_rels: usize,
    indexes: Vec<index::PropIndex>,
    /// Full-text indexes (their postings are derived: see `fulltext`).
    fulltext: Vec<fulltext::FulltextIndex>,
    /// Vector indexes (definitions only: see `vector`).
    vectors: Vec<VectorDef>,
    undo: Vec<Undo>,
    dirty: Vec<NodeId>,
    tomb_nodes: Vec<NodeId>,
    tomb_rels: Vec<RelId>,
    stats: Stats,
    /// Redo entries since the last commit; `None` when persistence is off.
    redo: Option<Vec<Redo>>,
    /// Names below this symbol number are durable.
    durable_names: usize,
    hook: Hook,
    /// The open explicit transaction: where it began and who owns it.
    tx: Option<(Savepoint, u64)>,
    /// Which node pairs may be joined by a relationship (built on demand).
    pairs: pairs::PairFilter,
    /// Column views of the relationships for reading (built on demand,
    /// dropped by any change to a relationship).
    views: views::Views,
}

fn ni(id: NodeId) -> NodeIndex<u32> {
    NodeIndex::new(id.0 as usize)
}
fn ei(id: RelId) -> EdgeIndex<u32> {
    EdgeIndex::new(id.0 as usize)
}

impl Graph {
    // ---- names -------------------------------------------------------------

    /// The symbol of `name`, if it was ever interned.
    pub fn sym(&self, name: &str) -> Option<Sym> {
        self.by_name.get(name).copied()
    }

    /// Every name ever interned (labels, types and keys alike).
    pub fn interned_names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(|n| &**n)
    }

    /// Interns `name`.
    pub fn intern(&mut self, name: &str) -> Sym {
        if let Some(s) = self.by_name.get(name) {
            return *s;
        }
        let s = Sym(self.names.len() as u32);
        self.names.push(name.into());
        self.by_name.insert(name.into(), s);
        s
    }

    /// The name of a symbol.
    pub fn name(&self, s: Sym) -> &str {
        self.names.get(s.0 as usize).map(|b| &**b).unwrap_or("?")
    }

    // ---- reading -----------------------------------------------------------

    /// Number of live nodes.
    pub fn node_count(&self) -> usize {
        self.live_nodes
    }

    /// Number of live relationships.
    pub fn rel_count(&self) -> usize {
        self.live_rels
    }

    /// All live node ids, in id order.
    pub fn nodes(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.g
            .node_indices()
            .filter(|i| !self.g[*i].deleted)
            .map(|i| NodeId(i.index() as u32))
    }

    /// All live relationship ids, in id order.
    pub fn rels(&self) -> impl Iterator<Item = RelId> + '_ {
        self.g
            .edge_indices()
            .filter(|i| !self.g[*i].deleted)
            .map(|i| RelId(i.index() as u32))
    }

    /// The nodes with all of `labels` (every node when there are none),
    /// found through the label with the fewest nodes.
    pub fn nodes_with_labels(&self, labels: &[Sym]) -> Vec<NodeId> {
        match labels.iter().min_by_key(|l| self.label_count(**l)) {
            Some(first) => self
                .nodes_with_label(*first)
                .filter(|n| labels.iter().all(|l| l == first || self.has_label(*n, *l)))
                .collect(),
            None => self.nodes().collect(),
        }
    }

    /// Live nodes carrying `label`, in id order.
    pub fn nodes_with_label(&self, label: Sym) -> impl Iterator<Item = NodeId> + '_ {
        self.label_nodes.get(&label).into_iter().flatten().copied()
    }

    /// How many live nodes carry `label`.
    pub fn label_count(&self, label: Sym) -> usize {
        self.label_nodes.get(&label).map_or(0, |s| s.len())
    }

    /// How many live relationships have type `ty`.
    pub fn type_count(&self, ty: Sym) -> usize {
        self.type_counts.get(&ty).copied().unwrap_or(0)
    }

    /// Labels in use, with their node counts, sorted by name.
    pub fn labels_in_use(&self) -> Vec<(Sym, usize)> {
        let mut v: Vec<(Sym, usize)> = self
            .label_nodes
            .iter()
            .filter(|(_, s)| !s.is_empty())
            .map(|(k, s)| (*k, s.len()))
            .collect();
        v.sort_by(|a, b| self.name(a.0).cmp(self.name(b.0)));
        v
    }

    /// Relationship types in use, with counts, sorted by name.
    pub fn types_in_use(&self) -> Vec<(Sym, usize)> {
        let mut v: Vec<(Sym, usize)> = self
            .type_counts
            .iter()
            .filter(|(_, c)| **c > 0)
            .map(|(k, c)| (*k, *c))
            .collect();
        v.sort_by(|a, b| self.name(a.0).cmp(self.name(b.0)));
        v
    }

    /// Whether `id` is a live node.
    pub fn node_exists(&self, id: NodeId) -> bool {
        self.g.node_weight(ni(id)).is_some_and(|n| !n.deleted)
    }

    /// Whether `id` is a live relationship.
    pub fn rel_exists(&self, id: RelId) -> bool {
        self.g.edge_weight(ei(id)).is_some_and(|r| !r.deleted)
    }

    /// A node's record (also for nodes deleted in the current transaction).
    pub fn node(&self, id: NodeId) -> Option<&NodeRec> {
        self.g.node_weight(ni(id))
    }

    /// A relationship's record (also for ones deleted in the current transaction).
    pub fn rel(&self, id: RelId) -> Option<&RelRec> {
        self.g.edge_weight(ei(id))
    }

    /// Whether the node has the label.
    pub fn has_label(&self, id: NodeId, label: Sym) -> bool {
        self.node(id)
            .is_some_and(|n| n.labels.binary_search(&label).is_ok())
    }

    /// A node property.
    pub fn node_prop(&self, id: NodeId, key: Sym) -> Option<&Value> {
        self.node(id).and_then(|n| get_prop(&n.props, key))
    }

    /// A live node's property in one lookup: `None` if the node is gone,
    /// `Some(None)` if it lacks the property.
    pub fn live_node_prop(&self, id: NodeId, key: Sym) -> Option<Option<&Value>> {
        self.g
            .node_weight(ni(id))
            .filter(|n| !n.deleted)
            .map(|n| get_prop(&n.props, key))
    }

    /// A live relationship's property in one lookup (see [`Graph::live_node_prop`]).
    pub fn live_rel_prop(&self, id: RelId, key: Sym) -> Option<Option<&Value>> {
        self.g
            .edge_weight(ei(id))
            .filter(|r| !r.deleted)
            .map(|r| get_prop(&r.props, key))
    }

    /// A relationship property.
    pub fn rel_prop(&self, id: RelId, key: Sym) -> Option<&Value> {
        self.rel(id).and_then(|r| get_prop(&r.props, key))
    }

    /// (start, end) of a relationship.
    pub fn rel_endpoints(&self, id: RelId) -> Option<(NodeId, NodeId)> {
        self.g
            .edge_endpoints(ei(id))
            .map(|(a, b)| (NodeId(a.index() as u32), NodeId(b.index() as u32)))
    }

    /// Live relationships at `node` in direction `dir` whose type is one of
    /// `types` (any type when empty), as (relationship, other node): what
    /// [`Graph::for_each_rel`] visits, collected.
    pub fn expand(
        &self,
        node: NodeId,
        dir: Dir,
        types: &[Sym],
    ) -> impl Iterator<Item = (RelId, NodeId)> + use<> {
        let mut found = Vec::new();
        self.for_each_rel(node, dir, types, |r, n, _| found.push((r, n)));
        found.into_iter()
    }

    /// Live relationships whose type is one of `types` (any type when
    /// empty) among the relationship slots `range` (see
    /// [`Graph::rel_slots`]), in storage order, as (relationship, start,
    /// end, record). Storage order makes a scan a sequential read of the records.
    pub fn rels_of_types<'a>(
        &'a self,
        types: &'a [Sym],
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (RelId, NodeId, NodeId, &'a RelRec)> + 'a {
        range.filter_map(move |i| {
            let e = EdgeIndex::new(i);
            let w = self.g.edge_weight(e)?;
            if !w.live_of(types) {
                return None;
            }
            let (a, b) = self.g.edge_endpoints(e)?;
            Some((
                RelId(i as u32),
                NodeId(a.index() as u32),
                NodeId(b.index() as u32),
                w,
            ))
        })
    }

    /// One past the highest relationship slot in use (ids are below it).
    pub fn rel_slots(&self) -> usize {
        self.g.edge_bound()
    }

    /// Calls `f(relationship, other node, record)` for each live
    /// relationship at `node` in direction `dir` whose type is one of
    /// `types` (any when empty), one plain loop per direction (the
    /// executor's hot path) with the record at hand for property tests; a
    /// self-loop is visited once even for `Both`.
    pub fn for_each_rel(
        &self,
        node: NodeId,
        dir: Dir,
        types: &[Sym],
        mut f: impl FnMut(RelId, NodeId, &RelRec),
    ) {
        let n = ni(node);
        if matches!(dir, Dir::Out | Dir::Both) {
            for e in self.g.edges_directed(n, PgDir::Outgoing) {
                if e.weight().live_of(types) {
                    f(
                        RelId(e.id().index() as u32),
                        NodeId(e.target().index() as u32),
                        e.weight(),
                    );
                }
            }
        }
        if matches!(dir, Dir::In | Dir::Both) {
            let both = dir == Dir::Both;
            for e in self.g.edges_directed(n, PgDir::Incoming) {
                // a self-loop was already reported by the outgoing pass
                if e.weight().live_of(types) && !(both && e.source() == e.target()) {
                    f(
                        RelId(e.id().index() as u32),
                        NodeId(e.source().index() as u32),
                        e.weight(),
                    );
                }
            }
        }
    }

    /// The column view of the relationships of type `ty` seen from their
    /// start (`Dir::Out`) or end (`Dir::In`) node, if built; `build` builds
    /// it now when missing (a pass over all relationships: for large reads,
    /// see [`RelView`]).
    pub fn rel_view(&self, ty: Sym, dir: Dir, build: bool) -> Option<Arc<RelView>> {
        self.views.view(&self.g, ty, dir, build)
    }

    /// The codes of property `key` aligned with [`Graph::rel_view`]`(ty,
    /// dir)`, if built (`build`: build it now); `None` also when some value
    /// of it is not a string.
    pub fn rel_column(&self, ty: Sym, dir: Dir, key: Sym, build: bool) -> Option<Arc<PropColumn>> {
        self.views.column(&self.g, ty, dir, key, build)
    }

    /// The nodes that have every one of `labels` (`None` when there are
    /// none to test), as bits: cached with the column views.
    pub fn label_bits(&self, labels: &[Sym]) -> Option<Arc<NodeBits>> {
        if labels.is_empty() {
            return None;
        }
        let mut sorted = labels.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        self.views.label_bits(self, &sorted)
    }

    /// Drops the column views and label bitsets: called by every change to
    /// a relationship or to a node's labels.
    fn rels_changed(&mut self) {
        self.views.clear();
    }

    /// `false` when certainly no relationship (of any type, in either
    /// direction) joins `a` and `b`; `true` when one may. Cheap: a Bloom
    /// filter, built on the first call and kept up to date afterwards.
    pub fn may_be_joined(&mut self, a: NodeId, b: NodeId) -> bool {
        if !self.pairs.is_built() {
            self.build_pairs();
        }
        self.pairs.may_contain(a, b)
    }

    /// [`Graph::may_be_joined`] for many pairs at once, into `out` (one
    /// answer per pair, in order). The filter's words are read in one tight
    /// loop, so their cache misses overlap instead of coming one at a time:
    /// a bulk load asks this for a batch of rows before creating any of
    /// their relationships (the answers do not see what it creates after).
    pub fn may_be_joined_all(&mut self, pairs: &[(NodeId, NodeId)], out: &mut Vec<bool>) {
        if !self.pairs.is_built() {
            self.build_pairs();
        }
        out.clear();
        out.extend(pairs.iter().map(|&(a, b)| self.pairs.may_contain(a, b)));
    }

    fn build_pairs(&mut self) {
        let mut f = pairs::PairFilter::with_capacity(self.g.edge_count());
        for e in self.g.edge_indices() {
            if let Some((a, b)) = self.g.edge_endpoints(e) {
                f.insert(NodeId(a.index() as u32), NodeId(b.index() as u32));
            }
        }
        self.pairs = f;
    }

    /// Live relationships at `node` in direction `dir` (any type; an
    /// estimate for planning: a self-loop counts twice for `Both`).
    pub fn degree(&self, node: NodeId, dir: Dir) -> usize {
        self.g.node_weight(ni(node)).map_or(0, |n| match dir {
            Dir::Out => n.out_deg as usize,
            Dir::In => n.in_deg as usize,
            Dir::Both => (n.out_deg + n.in_deg) as usize,
        })
    }

    fn adjust_degree(&mut self, from: NodeId, to: NodeId, add: bool) {
        let step = |d: &mut u32| {
            *d = if add {
                d.saturating_add(1)
            } else {
                d.saturating_sub(1)
            };
        };
        if let Some(n) = self.g.node_weight_mut(ni(from)) {
            step(&mut n.out_deg);
        }
        if let Some(n) = self.g.node_weight_mut(ni(to)) {
            step(&mut n.in_deg);
        }
    }

    /// The current change counters (monotonic; diff them with [`Stats::since`]).
    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// Property keys in use on live nodes and relationships, sorted by name.
    pub fn property_keys_in_use(&self) -> Vec<Sym> {
        let mut set = BTreeSet::new();
        for n in self.g.node_weights().filter(|n| !n.deleted) {
            set.extend(n.props.iter().map(|(k, _)| *k));
        }
        for r in self.g.edge_weights().filter(|r| !r.deleted) {
            set.extend(r.props.iter().map(|(k, _)| *k));
        }
        let mut v: Vec<Sym> = set.into_iter().collect();
        v.sort_by(|a, b| self.name(*a).cmp(self.name(*b)));
        v
    }

    // ---- writing -----------------------------------------------------------

    /// Creates a node. `props` may be unsorted; null values are dropped.
    pub fn create_node(&mut self, labels: &[Sym], props: impl Into<Props>) -> NodeId {
        let mut labels = labels.to_vec();
        labels.sort();
        labels.dedup();
        let props = normalize_props(props.into());
        let idx = self.g.add_node(NodeRec {
            labels: Labels::from_slice(&labels),
            props,
            deleted: false,
            out_deg: 0,
            in_deg: 0,
        });
        let id = NodeId(idx.index() as u32);
        self.live_nodes += 1;
        self.stats.nodes_created += 1;
        self.stats.labels_added += labels.len() as u64;
        self.stats.properties_set += self.g[idx].props.len() as u64;
        for l in &labels {
            self.label_nodes.entry(*l).or_default().insert(id);
        }
        self.index_node(id, true);
        self.undo.push(Undo::CreatedNode(id));
        self.dirty.push(id);
        if let Some(r) = &mut self.redo {
            r.push(Redo::CreateNode {
                id,
                labels,
                props: self.g[idx].props.clone(),
            });
        }
        id
    }

    /// Creates a relationship. Both ends must be live nodes.
    pub fn create_rel(
        &mut self,
        from: NodeId,
        to: NodeId,
        ty: Sym,
        props: impl Into<Props>,
    ) -> Result<RelId> {
        for n in [from, to] {
            if !self.node_exists(n) {
                return Err(Error::new(
                    ErrorKind::EntityNotFound,
                    "DeletedEntityAccess",
                    format!(
                        "cannot create a relationship to node {} that has been deleted",
                        n.0
                    ),
                ));
            }
        }
        let props = normalize_props(props.into());
        self.stats.properties_set += props.len() as u64;
        let redo_props = self.redo.is_some().then(|| props.clone());
        self.rels_changed();
        let e = self.g.add_edge(
            ni(from),
            ni(to),
            RelRec {
                ty,
                props,
                deleted: false,
            },
        );
        let id = RelId(e.index() as u32);
        self.adjust_degree(from, to, true);
        if self.pairs.is_built() {
            if self.pairs.has_room() {
                self.pairs.insert(from, to);
            } else {
                self.build_pairs();
            }
        }
        if let (Some(r), Some(props)) = (&mut self.redo, redo_props) {
            r.push(Redo::CreateRel {
                id,
                from,
                to,
                ty,
                props,
            });
        }
        self.live_rels += 1;
        *self.type_counts.entry(ty).or_default() += 1;
        self.stats.relationships_created += 1;
        self.undo.push(Undo::CreatedRel(id));
        self.fulltext_rel(id, None, true);
        Ok(id)
    }

    /// Sets (or with `Value::Null` removes) a node property.
    pub fn set_node_prop(&mut self, id: NodeId, key: Sym, value: Value) -> Result<()> {
        self.check_live_node(id)?;
        if let Some(r) = &mut self.redo {
            r.push(Redo::SetNodeProp(id, key, value.clone()));
        }
        self.index_node_key(id, Some(key), false);
        let props = &mut self.g[ni(id)].props;
        let old = put_prop(props, key, value.clone());
        self.index_node_key(id, Some(key), true);
        if !(old.is_none() && value.is_null()) {
            self.stats.properties_set += 1;
        }
        self.undo.push(Undo::NodeProp(id, key, old));
        self.dirty.push(id);
        Ok(())
    }

    /// Sets (or with `Value::Null` removes) a relationship property.
    pub fn set_rel_prop(&mut self, id: RelId, key: Sym, value: Value) -> Result<()> {
        self.check_live_rel(id)?;
        if let Some(r) = &mut self.redo {
            r.push(Redo::SetRelProp(id, key, value.clone()));
        }
        self.rels_changed();
        self.fulltext_rel(id, Some(key), false);
        let props = &mut self.g[ei(id)].props;
        let old = put_prop(props, key, value.clone());
        self.fulltext_rel(id, Some(key), true);
        if !(old.is_none() && value.is_null()) {
            self.stats.properties_set += 1;
        }
        self.undo.push(Undo::RelProp(id, key, old));
        Ok(())
    }

    /// Adds a label (no-op if present).
    pub fn add_label(&mut self, id: NodeId, label: Sym) -> Result<()> {
        self.check_live_node(id)?;
        self.rels_changed();
        let labels = &mut self.g[ni(id)].labels;
        if let Err(pos) = labels.binary_search(&label) {
            self.index_node(id, false);
            self.g[ni(id)].labels.insert(pos, label);
            self.label_nodes.entry(label).or_default().insert(id);
            self.index_node(id, true);
            self.stats.labels_added += 1;
            self.undo.push(Undo::AddedLabel(id, label));
            if let Some(r) = &mut self.redo {
                r.push(Redo::AddLabel(id, label));
            }
            self.dirty.push(id);
        }
        Ok(())
    }

    /// Removes a label (no-op if absent).
    pub fn remove_label(&mut self, id: NodeId, label: Sym) -> Result<()> {
        self.check_live_node(id)?;
        self.rels_changed();
        if let Ok(pos) = self.g[ni(id)].labels.binary_search(&label) {
            self.index_node(id, false);
            self.g[ni(id)].labels.remove(pos);
            if let Some(s) = self.label_nodes.get_mut(&label) {
                s.remove(&id);
            }
            self.index_node(id, true);
            self.stats.labels_removed += 1;
            self.undo.push(Undo::RemovedLabel(id, label));
            if let Some(r) = &mut self.redo {
                r.push(Redo::RemoveLabel(id, label));
            }
        }
        Ok(())
    }

    /// Deletes a relationship (no-op if already deleted).
    pub fn delete_rel(&mut self, id: RelId) {
        self.rels_changed();
        if self.rel_exists(id) {
            self.fulltext_rel(id, None, false);
        }
        let Some(r) = self.g.edge_weight_mut(ei(id)) else {
            return;
        };
        if r.deleted {
            return;
        }
        r.deleted = true;
        let ty = r.ty;
        if let Some((a, b)) = self.rel_endpoints(id) {
            self.adjust_degree(a, b, false);
        }
        self.live_rels -= 1;
        if let Some(c) = self.type_counts.get_mut(&ty) {
            *c -= 1;
        }
        self.stats.relationships_deleted += 1;
        self.tomb_rels.push(id);
        self.undo.push(Undo::DeletedRel(id));
        if let Some(r) = &mut self.redo {
            r.push(Redo::DeleteRel(id));
        }
    }

    /// Deletes a node; with `detach`, its relationships first. Without
    /// `detach` a node that still has relationships is an error
    /// (`DeleteConnectedNode`), checked when the statement commits so that
    /// `DELETE n, r` in either order works.
    pub fn delete_node(&mut self, id: NodeId, detach: bool) {
        if !self.node_exists(id) {
            return;
        }
        if detach {
            let rels: Vec<RelId> = self.expand(id, Dir::Both, &[]).map(|(r, _)| r).collect();
            for r in rels {
                self.delete_rel(r);
            }
        }
        self.index_node(id, false);
        let labels = self.g[ni(id)].labels.clone();
        for l in &labels {
            if let Some(s) = self.label_nodes.get_mut(l) {
                s.remove(&id);
            }
        }
        self.g[ni(id)].deleted = true;
        self.live_nodes -= 1;
        self.stats.nodes_deleted += 1;
        self.tomb_nodes.push(id);
        self.undo.push(Undo::DeletedNode(id));
        if let Some(r) = &mut self.redo {
            r.push(Redo::DeleteNode(id));
        }
    }

    fn check_live_node(&self, id: NodeId) -> Result<()> {
        if self.node_exists(id) {
            Ok(())
        } else {
            Err(Error::new(
                ErrorKind::EntityNotFound,
                "DeletedEntityAccess",
                format!("node {} has been deleted", id.0),
            ))
        }
    }

    fn check_live_rel(&self, id: RelId) -> Result<()> {
        if self.rel_exists(id) {
            Ok(())
        } else {
            Err(Error::new(
                ErrorKind::EntityNotFound,
                "DeletedEntityAccess",
                format!("relationship {} has been deleted", id.0),
            ))
        }
    }

    // ---- transactions ------------------------------------------------------

    /// What the graph holds in memory, estimated, as `(item, count,
    /// bytes)` rows (`CALL db.stats()`): records with their labels and
    /// properties, names, the label sets, property indexes, the column
    /// views built so far, and the undo log.
    pub fn footprint(&self) -> Vec<(&'static str, usize, usize)> {
        use petgraph::visit::{EdgeIndexable, NodeIndexable};
        let props = |p: &Props| {
            let spilled = if p.spilled() { p.capacity() * 32 } else { 0 };
            spilled
                + p.iter()
                    .map(|(_, v)| crate::value::value_bytes(v) - std::mem::size_of::<Value>())
                    .sum::<usize>()
        };
        // a slot is kept for a deleted record too (ids are stable)
        let mut node_bytes =
            NodeIndexable::node_bound(&self.g) * (std::mem::size_of::<NodeRec>() + 8);
        for n in self.g.node_weights() {
            node_bytes += props(&n.props)
                + if n.labels.spilled() {
                    4 * n.labels.capacity()
                } else {
                    0
                };
        }
        let mut rel_bytes =
            EdgeIndexable::edge_bound(&self.g) * (std::mem::size_of::<RelRec>() + 16);
        for r in self.g.edge_weights() {
            rel_bytes += props(&r.props);
        }
        let names: usize = self.names.iter().map(|n| 2 * (n.len() + 32)).sum();
        let label_entries: usize = self.label_nodes.values().map(|s| s.len()).sum();
        let index_bytes: usize = self.indexes.iter().map(|i| i.bytes()).sum();
        let fulltext_docs: usize = self.fulltext.iter().map(|i| i.len()).sum();
        let fulltext_bytes: usize = self.fulltext.iter().map(|i| i.bytes()).sum();
        let [adj, cols, labels] = self.views.footprint();
        vec![
            ("nodes", self.live_nodes, node_bytes),
            ("relationships", self.live_rels, rel_bytes),
            ("names", self.names.len(), names),
            ("label sets", label_entries, 24 * label_entries),
            ("indexes", self.indexes.len(), index_bytes),
            ("full-text documents", fulltext_docs, fulltext_bytes),
            ("adjacency views", adj.0, adj.1),
            ("property columns", cols.0, cols.1),
            ("label bitsets", labels.0, labels.1),
            ("undo log", self.undo.len(), 64 * self.undo.len()),
        ]
    }

    /// Entries in the undo log (what a statement's writes hold: see
    /// `exec::memory`).
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// A point to roll back to.
    pub fn savepoint(&mut self) -> Savepoint {
        self.undo.push(Undo::Stats(self.stats));
        Savepoint(
            self.undo.len() - 1,
            self.redo.as_ref().map_or(0, |r| r.len()),
        )
    }

    /// Checks what the statement since `sp` did against the schema: deleted
    /// nodes must have no live relationships, constraints must hold.
    pub fn validate_since(&mut self, sp: Savepoint) -> Result<()> {
        // (a batch of IN TRANSACTIONS may have committed past the savepoint;
        // every node deleted since the last commit is in `tomb_nodes`, so
        // without any the undo log needs no walk)
        let undo: &[Undo] = if self.tomb_nodes.is_empty() {
            &[]
        } else {
            self.undo.get(sp.0..).unwrap_or(&[])
        };
        for u in undo {
            if let Undo::DeletedNode(id) = u
                && self.expand(*id, Dir::Both, &[]).next().is_some()
            {
                return Err(Error::new(
                    ErrorKind::ConstraintVerificationFailed,
                    "DeleteConnectedNode",
                    format!(
                        "cannot delete node {} because it still has relationships; use DETACH DELETE to delete them too",
                        id.0
                    ),
                ));
            }
        }
        let dirty = std::mem::take(&mut self.dirty);

        self.check_constraints(&dirty)
    }

    /// Undoes everything done since `sp`, restoring data, indexes and counters.
    pub fn rollback_to(&mut self, sp: Savepoint) {
        self.rels_changed();
        while self.undo.len() > sp.0 {
            let u = self.undo.pop().expect("len checked");
            self.apply_undo(u);
        }
        if let Some(r) = &mut self.redo {
            r.truncate(sp.1);
        }
        if self.tx.is_some_and(|(t, _)| t.0 >= self.undo.len()) {
            self.tx = None;
        }
        self.dirty.clear();
        let (nodes, rels): (Vec<_>, Vec<_>) = (
            self.tomb_nodes
                .drain(..)
                .filter(|n| self.g.node_weight(ni(*n)).is_some_and(|w| w.deleted))
                .collect(),
            self.tomb_rels
                .drain(..)
                .filter(|r| self.g.edge_weight(ei(*r)).is_some_and(|w| w.deleted))
                .collect(),
        );
        self.tomb_nodes = nodes;
        self.tomb_rels = rels;
    }

    /// Makes everything done so far permanent: hands the redo entries to the
    /// durability hook (if any), then frees deleted slots and clears the
    /// undo log. When the hook fails nothing is made permanent and the error
    /// is returned: the caller must roll back (see `exec::run_statement`).
    /// Inside an explicit transaction, use [`Graph::commit_transaction`].
    pub fn commit(&mut self) -> Result<()> {
        if let (Some(hook), Some(redo)) = (&mut self.hook.0, &self.redo)
            && !redo.is_empty()
        {
            hook(&RedoBatch {
                first_sym: self.durable_names as u32,
                names: &self.names[self.durable_names..],
                ops: redo,
            })?;
            self.durable_names = self.names.len();
        }
        if let Some(r) = &mut self.redo {
            r.clear();
        }
        if !self.tomb_rels.is_empty() {
            self.rels_changed();
        }
        for r in std::mem::take(&mut self.tomb_rels) {
            if self.g.edge_weight(ei(r)).is_some_and(|w| w.deleted) {
                self.g.remove_edge(ei(r));
            }
        }
        for n in std::mem::take(&mut self.tomb_nodes) {
            if self.g.node_weight(ni(n)).is_some_and(|w| w.deleted) {
                self.g.remove_node(ni(n));
            }
        }
        self.undo.clear();
        self.dirty.clear();
        Ok(())
    }

    // ---- persistence and explicit transactions -----------------------------

    /// Turns redo recording on and installs the durability hook that
    /// [`Graph::commit`] calls with each committed batch.
    pub fn set_durability(&mut self, hook: DurabilityHook) {
        self.redo.get_or_insert_with(Vec::new);
        self.durable_names = self.names.len();
        self.hook.0 = Some(hook);
    }

    /// Opens an explicit transaction that began at `sp`, owned by `owner`
    /// (a session id): statements commit nothing until
    /// [`Graph::commit_transaction`].
    pub fn begin_transaction(&mut self, sp: Savepoint, owner: u64) -> Result<()> {
        if self.tx.is_some() {
            return Err(Error::new(
                ErrorKind::RuntimeError,
                "TransactionAlreadyOpen",
                "a transaction is already open; COMMIT or ROLLBACK it first",
            ));
        }
        self.tx = Some((sp, owner));
        Ok(())
    }

    /// The owner of the open explicit transaction, if any.
    pub fn transaction_owner(&self) -> Option<u64> {
        self.tx.map(|(_, o)| o)
    }

    /// Commits the open transaction durably; on failure rolls all of it back.
    pub fn commit_transaction(&mut self) -> Result<()> {
        let Some((sp, _)) = self.tx.take() else {
            return Err(no_transaction("COMMIT"));
        };
        self.commit().inspect_err(|_| self.rollback_to(sp))
    }

    /// Rolls the open transaction back.
    pub fn rollback_transaction(&mut self) -> Result<()> {
        let Some((sp, _)) = self.tx.take() else {
            return Err(no_transaction("ROLLBACK"));
        };
        self.rollback_to(sp);
        Ok(())
    }

    /// Recomputes the label index, type counts and live counts from the
    /// petgraph structure (after loading a snapshot).
    pub(crate) fn rebuild_derived(&mut self) {
        self.rels_changed();
        self.pairs = pairs::PairFilter::default();
        self.label_nodes.clear();
        self.type_counts.clear();
        self.live_nodes = 0;
        self.live_rels = 0;
        let nodes: Vec<_> = self.g.node_indices().collect();
        for i in nodes {
            let id = NodeId(i.index() as u32);
            self.live_nodes += 1;
            for l in &self.g[i].labels {
                self.label_nodes.entry(*l).or_default().insert(id);
            }
            self.g[i].out_deg = 0;
            self.g[i].in_deg = 0;
        }
        let edges: Vec<_> = self.g.edge_indices().collect();
        for e in edges {
            self.live_rels += 1;
            *self.type_counts.entry(self.g[e].ty).or_default() += 1;
            if let Some((a, b)) = self.g.edge_endpoints(e) {
                self.g[a].out_deg += 1;
                self.g[b].in_deg += 1;
            }
        }
    }

    /// Rebuilds the petgraph structure by the canonical procedure of
    /// [`persist`] (slots in id order, free slots released highest first),
    /// so that ids assigned from now on are the ones a replay from a
    /// snapshot assigns. Only between transactions.
    pub(crate) fn canonicalize(&mut self) {
        debug_assert!(self.undo.is_empty() && self.tomb_nodes.is_empty());
        self.rels_changed();
        let mut old = std::mem::take(&mut self.g);
        let nodes: Vec<Option<NodeRec>> = (0..NodeIndexable::node_bound(&old))
            .map(|i| old.node_weight_mut(NodeIndex::new(i)).map(std::mem::take))
            .collect();
        let rels: Vec<Option<(NodeId, NodeId, RelRec)>> = (0..EdgeIndexable::edge_bound(&old))
            .map(|i| {
                let e = EdgeIndex::new(i);
                let (a, b) = old.edge_endpoints(e)?;
                let w = old.edge_weight_mut(e)?;
                let rec = RelRec {
                    ty: w.ty,
                    props: std::mem::take(&mut w.props),
                    deleted: false,
                };
                Some((NodeId(a.index() as u32), NodeId(b.index() as u32), rec))
            })
            .collect();
        drop(old);
        self.g = canonical_graph(nodes, rels);
    }

    fn apply_undo(&mut self, u: Undo) {
        match u {
            Undo::Stats(s) => self.stats = s,
            Undo::CreatedNode(id) => {
                if let Some(w) = self.g.node_weight(ni(id)) {
                    if !w.deleted {
                        self.index_node(id, false);
                        for l in self.g[ni(id)].labels.clone() {
                            if let Some(s) = self.label_nodes.get_mut(&l) {
                                s.remove(&id);
                            }
                        }
                        self.live_nodes -= 1;
                    }
                    self.g.remove_node(ni(id));
                }
            }
            Undo::CreatedRel(id) => {
                self.fulltext_rel(id, None, false);
                if let Some(w) = self.g.edge_weight(ei(id)) {
                    if !w.deleted {
                        let ty = w.ty;
                        if let Some((a, b)) = self.rel_endpoints(id) {
                            self.adjust_degree(a, b, false);
                        }
                        self.live_rels -= 1;
                        if let Some(c) = self.type_counts.get_mut(&ty) {
                            *c -= 1;
                        }
                    }
                    self.g.remove_edge(ei(id));
                }
            }
            Undo::DeletedNode(id) => {
                if let Some(w) = self.g.node_weight_mut(ni(id)) {
                    w.deleted = false;
                    for l in w.labels.clone() {
                        self.label_nodes.entry(l).or_default().insert(id);
                    }
                    self.live_nodes += 1;
                    self.index_node(id, true);
                }
            }
            Undo::DeletedRel(id) => {
                if let Some(w) = self.g.edge_weight_mut(ei(id)) {
                    w.deleted = false;
                    let ty = w.ty;
                    if let Some((a, b)) = self.rel_endpoints(id) {
                        self.adjust_degree(a, b, true);
                    }
                    self.live_rels += 1;
                    *self.type_counts.entry(ty).or_default() += 1;
                    self.fulltext_rel(id, None, true);
                }
            }
            Undo::NodeProp(id, key, old) => {
                self.index_node_key(id, Some(key), false);
                put_prop(&mut self.g[ni(id)].props, key, old.unwrap_or(Value::Null));
                self.index_node_key(id, Some(key), true);
            }
            Undo::RelProp(id, key, old) => {
                self.fulltext_rel(id, Some(key), false);
                put_prop(&mut self.g[ei(id)].props, key, old.unwrap_or(Value::Null));
                self.fulltext_rel(id, Some(key), true);
            }
            Undo::AddedLabel(id, l) => {
                self.index_node(id, false);
                let labels = &mut self.g[ni(id)].labels;
                if let Ok(p) = labels.binary_search(&l) {
                    labels.remove(p);
                }
                if let Some(s) = self.label_nodes.get_mut(&l) {
                    s.remove(&id);
                }
                self.index_node(id, true);
            }
            Undo::RemovedLabel(id, l) => {
                self.index_node(id, false);
                let labels = &mut self.g[ni(id)].labels;
                if let Err(p) = labels.binary_search(&l) {
                    labels.insert(p, l);
                }
                if !self.g[ni(id)].deleted {
                    self.label_nodes.entry(l).or_default().insert(id);
                }
                self.index_node(id, true);
            }
            Undo::CreatedIndex(name) => {
                self.indexes.retain(|i| i.def.name != name);
                self.fulltext.retain(|i| i.def.name != name);
                self.vectors.retain(|d| d.name != name);
            }
            Undo::DroppedVector(def, pos) => {
                let pos = pos.min(self.vectors.len());
                self.vectors.insert(pos, def);
            }
            Undo::DroppedFulltext(def, pos) => {
                let idx = self.build_fulltext(def);
                let pos = pos.min(self.fulltext.len());
                self.fulltext.insert(pos, idx);
            }
            Undo::DroppedIndex(def, pos) => {
                let idx = self.build_index(def);
                let pos = pos.min(self.indexes.len());
                self.indexes.insert(pos, idx);
            }
        }
    }
}

fn no_transaction(what: &str) -> Error {
    Error::new(
        ErrorKind::RuntimeError,
        "NoOpenTransaction",
        format!("{what} without an open transaction (start one with BEGIN)"),
    )
}

type PgGraph = StableGraph<NodeRec, RelRec, petgraph::Directed, u32>;

/// The canonical build: one slot per id in id order (vacant ones as
/// placeholders, trailing vacant slots dropped), then the placeholders
/// removed highest id first — relationships before nodes — so petgraph's
/// free lists hold the vacant ids lowest first. A function of the live
/// entities alone: memory after a checkpoint and a graph loaded from that
/// checkpoint are the same structure, free lists included.
fn canonical_graph(
    nodes: Vec<Option<NodeRec>>,
    mut rels: Vec<Option<(NodeId, NodeId, RelRec)>>,
) -> PgGraph {
    while rels.last().is_some_and(|r| r.is_none()) {
        rels.pop();
    }
    let mut b = CanonicalBuilder::new(nodes, rels.len());
    for r in rels {
        b.push_rel(r);
    }
    b.finish()
}

/// Builds a graph by the canonical procedure one relationship at a time
/// (snapshot loading streams relationships into it rather than holding
/// them all a second time): every node slot first, then each relationship
/// slot in id order — a vacant one as a placeholder —, then the vacant
/// slots released, highest first.
pub(crate) struct CanonicalBuilder {
    g: PgGraph,
    vacant_nodes: Vec<usize>,
    vacant_rels: Vec<usize>,
    rels: usize,
}

impl CanonicalBuilder {
    /// All node slots (trailing vacant ones dropped), room for `rels`.
    pub(crate) fn new(mut nodes: Vec<Option<NodeRec>>, rels: usize) -> CanonicalBuilder {
        while nodes.last().is_some_and(|n| n.is_none()) {
            nodes.pop();
        }
        let mut g = PgGraph::with_capacity(nodes.len(), rels);
        let vacant_nodes: Vec<usize> = (0..nodes.len()).filter(|i| nodes[*i].is_none()).collect();
        for n in nodes {
            g.add_node(n.unwrap_or_default());
        }
        CanonicalBuilder {
            g,
            vacant_nodes,
            vacant_rels: Vec::new(),
            rels: 0,
        }
    }

    /// The next relationship slot: a relationship, or vacant.
    pub(crate) fn push_rel(&mut self, r: Option<(NodeId, NodeId, RelRec)>) {
        match r {
            Some((a, b, rec)) => self.g.add_edge(ni(a), ni(b), rec),
            None => {
                self.vacant_rels.push(self.rels);
                let placeholder = RelRec {
                    ty: Sym(0),
                    props: Props::new(),
                    deleted: true,
                };
                self.g
                    .add_edge(NodeIndex::new(0), NodeIndex::new(0), placeholder)
            }
        };
        self.rels += 1;
    }

    /// Relationship slots pushed so far.
    pub(crate) fn rel_slots(&self) -> usize {
        self.rels
    }

    /// The graph, vacant slots released. The last slot pushed must hold a
    /// relationship (a trailing vacant slot is not a slot at all).
    pub(crate) fn finish(self) -> PgGraph {
        let mut g = self.g;
        for i in self.vacant_rels.into_iter().rev() {
            g.remove_edge(EdgeIndex::new(i));
        }
        for i in self.vacant_nodes.into_iter().rev() {
            g.remove_node(NodeIndex::new(i));
        }
        g
    }
}

#[inline]
fn get_prop(props: &Props, key: Sym) -> Option<&Value> {
    let props = props.as_slice();
    if props.len() <= 4 {
        // a short list (most relationships have one or two): no search
        return props.iter().find(|(k, _)| *k == key).map(|(_, v)| v);
    }
    props
        .binary_search_by_key(&key, |(k, _)| *k)
        .ok()
        .map(|i| &props[i].1)
}

/// Sets or removes (null) a property; returns the old value.
fn put_prop(props: &mut Props, key: Sym, value: Value) -> Option<Value> {
    match props.binary_search_by_key(&key, |(k, _)| *k) {
        Ok(i) => {
            if value.is_null() {
                Some(props.remove(i).1)
            } else {
                Some(std::mem::replace(&mut props[i].1, value))
            }
        }
        Err(i) => {
            if !value.is_null() {
                props.insert(i, (key, value));
            }
            None
        }
    }
}

fn normalize_props(mut props: Props) -> Props {
    props.retain(|(_, v)| !v.is_null());
    // keep the last value written for a key
    props.reverse();
    props.sort_by_key(|(k, _)| *k);
    props.dedup_by_key(|(k, _)| *k);
    props.shrink_to_fit();
    props
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rollback_restores_everything() {
        let mut g = Graph::default();
        let person = g.intern("Person");
        let name = g.intern("name");
        let knows = g.intern("KNOWS");
        let a = g.create_node(&[person], vec![(name, Value::str("Ada"))]);
        g.commit().unwrap();
        let before = g.stats();
        let sp = g.savepoint();
        let b = g.create_node(&[person], vec![]);
        g.create_rel(a, b, knows, vec![]).unwrap();
        g.set_node_prop(a, name, Value::str("Bob")).unwrap();
        g.delete_node(a, true);
        assert_eq!(g.node_count(), 1);
        g.rollback_to(sp);
        assert_eq!(g.node_count(), 1);
        assert_eq!(g.rel_count(), 0);
        assert_eq!(
            g.node_prop(a, name).map(|v| v.to_string()),
            Some("'Ada'".into())
        );
        assert_eq!(g.nodes_with_label(person).collect::<Vec<_>>(), vec![a]);
        assert_eq!(g.stats(), before);
    }

    #[test]
    fn delete_connected_node_fails_validation() {
        let mut g = Graph::default();
        let t = g.intern("T");
        let a = g.create_node(&[], vec![]);
        let b = g.create_node(&[], vec![]);
        g.create_rel(a, b, t, vec![]).unwrap();
        g.commit().unwrap();
        let sp = g.savepoint();
        g.delete_node(a, false);
        let e = g.validate_since(sp).unwrap_err();
        assert_eq!(e.code().as_str(), "DeleteConnectedNode");
        g.rollback_to(sp);
        assert_eq!(g.node_count(), 2);
        assert_eq!(g.expand(a, Dir::Out, &[]).count(), 1);
    }

    #[test]
    fn self_loop_reported_once_for_both() {
        let mut g = Graph::default();
        let t = g.intern("T");
        let a = g.create_node(&[], vec![]);
        g.create_rel(a, a, t, vec![]).unwrap();
        assert_eq!(g.expand(a, Dir::Both, &[]).count(), 1);
        assert_eq!(g.expand(a, Dir::Out, &[]).count(), 1);
        assert_eq!(g.expand(a, Dir::In, &[]).count(), 1);
    }
}
