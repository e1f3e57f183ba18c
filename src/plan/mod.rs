//! Planning: AST → logical plan → optimized plan.
//!
//! The binder (`bind.rs`) resolves every variable to a *slot* of a
//! fixed-width row, resolves function names, turns labels, types and keys into symbols
//! (interning them, or not on the read path: see `bind::Symbols`),
//! and raises the compile-time errors (undefined variable, variable already
//! bound, misplaced aggregation, …). Its output is an [`Op`] tree whose
//! expressions are [`PExpr`]s. The rewrite passes (`optimize.rs`) are pure
//! functions `Op → Op`; they can be switched off, and answers must not
//! change when they are. `explain.rs` prints a plan as an indented tree.
//!
//! Every operator has an `input`; leaves read the *argument* row given to
//! the plan (`Op::Argument`), which is how nested plans — OPTIONAL MATCH,
//! MERGE, FOREACH, subqueries, pattern predicates — see outer variables.

pub mod bind;
pub mod explain;
pub mod grouping;
pub mod optimize;

use std::sync::Arc;

use crate::error::Span;
use crate::exec::functions::FuncId;
use crate::store::{Dir, Graph, Sym};
use crate::syntax::ast::Quantifier;
use crate::value::Value;

/// A slot index in a row.
pub type Slot = usize;

/// A compiled statement: the operator tree plus output columns.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The root operator.
    pub root: Op,
    /// Output columns: name and slot.
    pub columns: Vec<(String, Slot)>,
    /// Width of every row.
    pub width: usize,
    /// The names behind the plan's unknown symbols ([`unknown_sym`]`(i)`
    /// is `unknown[i]`): names a read-only statement used that the graph
    /// has never interned. Empty on the write path.
    pub unknown: Vec<Arc<str>>,
    /// Names the statement reads that the graph has never had, for its
    /// notifications (`crate::notify`).
    pub unknown_names: Vec<crate::notify::Unknown>,
}

impl Plan {
    /// The names of the plan's symbols.
    pub fn names<'a>(&'a self, graph: &'a Graph) -> Names<'a> {
        Names {
            graph,
            unknown: &self.unknown,
        }
    }
}

/// The `i`th symbol for a name the graph has never interned. These count
/// down from `u32::MAX`, while `Graph::intern` hands out symbols counting up
/// from 0 (one per distinct name), so they never meet: no node, relationship
/// or property of the graph carries one, and lookups by them find nothing.
pub fn unknown_sym(i: usize) -> Sym {
    Sym(u32::MAX - i as u32)
}

/// Symbol → name for a plan: the graph's names plus the plan's unknown ones.
#[derive(Clone, Copy)]
pub struct Names<'a> {
    graph: &'a Graph,
    unknown: &'a [Arc<str>],
}

impl<'a> Names<'a> {
    /// The name of `s`.
    pub fn name(&self, s: Sym) -> &'a str {
        let i = (u32::MAX - s.0) as usize;
        match self.unknown.get(i) {
            Some(n) => n,
            None => self.graph.name(s),
        }
    }
}

/// Binary operators of compiled expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `OR`
    Or,
    /// `XOR`
    Xor,
    /// `AND`
    And,
    /// `=`
    Eq,
    /// `<>`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Mod,
    /// `^`
    Pow,
    /// `IN`
    In,
    /// `STARTS WITH`
    StartsWith,
    /// `ENDS WITH`
    EndsWith,
    /// `CONTAINS`
    Contains,
    /// `=~`
    Regex,
}

/// What a nested plan inside an expression computes.
#[derive(Debug, Clone)]
pub enum SubqueryKind {
    /// `true` iff the plan yields a row.
    Exists,
    /// The number of rows.
    Count,
    /// The list of the expression's values over the rows.
    Collect(Box<PExpr>),
}

/// An item of a compiled map projection.
#[derive(Debug, Clone)]
pub enum MapProjItem {
    /// `.key` (or `key: expr`, `var`): name and value.
    Entry(Arc<str>, PExpr),
    /// `.key` read from the base.
    Property(Arc<str>, Sym),
    /// `.*`
    All,
}

/// A compiled expression: variables are slots, names are symbols.
#[derive(Debug, Clone)]
pub enum PExpr {
    /// A constant.
    Const(Value),
    /// `$name`.
    Param(Arc<str>),
    /// A variable.
    Slot(Slot),
    /// `expr.key` (key interned, and its name for maps).
    Prop(Box<PExpr>, Sym, Arc<str>),
    /// `expr[index]` (list index or map key).
    Index(Box<PExpr>, Box<PExpr>),
    /// `expr[a..b]`.
    Slice(Box<PExpr>, Option<Box<PExpr>>, Option<Box<PExpr>>),
    /// `[a, b]`.
    List(Vec<PExpr>),
    /// `{k: v}`.
    Map(Vec<(Arc<str>, PExpr)>),
    /// `NOT x`.
    Not(Box<PExpr>),
    /// `-x`.
    Neg(Box<PExpr>),
    /// `+x` (type-checked identity).
    Pos(Box<PExpr>),
    /// `a op b`.
    Bin(BinOp, Box<PExpr>, Box<PExpr>),
    /// `x IS NULL` (false) / `IS NOT NULL` (true).
    IsNull(Box<PExpr>, bool),
    /// `n:A:B`.
    HasLabels(Box<PExpr>, Vec<Sym>),
    /// A scalar function.
    Func(FuncId, Vec<PExpr>),
    /// `CASE`.
    Case(Option<Box<PExpr>>, Vec<(PExpr, PExpr)>, Option<Box<PExpr>>),
    /// `[x IN list WHERE p | e]`: slot of x, list, filter, map.
    ListComp(Slot, Box<PExpr>, Option<Box<PExpr>>, Option<Box<PExpr>>),
    /// `all/any/none/single(x IN list WHERE p)`.
    Quant(Quantifier, Slot, Box<PExpr>, Option<Box<PExpr>>),
    /// `reduce(acc = init, x IN list | e)`: acc slot, init, x slot, list, e.
    Reduce(Slot, Box<PExpr>, Slot, Box<PExpr>, Box<PExpr>),
    /// A nested read-only plan run with the current row as argument.
    Subquery(Box<Op>, SubqueryKind),
    /// `base {.a, k: v, .*}`.
    MapProj(Box<PExpr>, Vec<MapProjItem>),
    /// A path assembled from slots: start node, then (relationship-or-list, node) steps.
    Path(Slot, Vec<(Slot, Slot)>),
}

impl PExpr {
    /// Calls `f` on this expression and every expression inside it, parents
    /// first (not inside nested plans: a `Subquery` is visited, its plan is
    /// not).
    /// Replaces each read of a slot in `with` by its expression, outside
    /// nested plans and comprehensions (whose own variables are slots too:
    /// an expression with either is left as it is and `false` returned).
    pub fn substitute(&mut self, with: &[(Slot, PExpr)]) -> bool {
        match self {
            PExpr::Slot(s) => {
                if let Some((_, e)) = with.iter().find(|(x, _)| x == s) {
                    *self = e.clone();
                }
                true
            }
            PExpr::Const(_) | PExpr::Param(_) => true,
            PExpr::Prop(x, _, _)
            | PExpr::Not(x)
            | PExpr::Neg(x)
            | PExpr::Pos(x)
            | PExpr::IsNull(x, _)
            | PExpr::HasLabels(x, _) => x.substitute(with),
            PExpr::Index(a, b) | PExpr::Bin(_, a, b) => a.substitute(with) && b.substitute(with),
            PExpr::List(v) | PExpr::Func(_, v) => v.iter_mut().all(|x| x.substitute(with)),
            PExpr::Map(v) => v.iter_mut().all(|(_, x)| x.substitute(with)),
            PExpr::Case(o, w, d) => {
                [o, d].into_iter().flatten().all(|x| x.substitute(with))
                    && w.iter_mut()
                        .all(|(a, b)| a.substitute(with) && b.substitute(with))
            }
            _ => false,
        }
    }

    /// Calls `f` with each plan nested in this expression (`EXISTS { }`,
    /// `COUNT { }`, `COLLECT { }`, pattern predicates and comprehensions),
    /// outermost first; `f` sees plans, not the expressions inside them.
    pub fn subqueries_mut(&mut self, f: &mut dyn FnMut(&mut Op)) {
        let mut visit = |e: &mut PExpr| e.subqueries_mut(f);
        match self {
            PExpr::Const(_) | PExpr::Param(_) | PExpr::Slot(_) | PExpr::Path(..) => {}
            PExpr::Subquery(op, _) => f(op),
            PExpr::Prop(x, _, _)
            | PExpr::Not(x)
            | PExpr::Neg(x)
            | PExpr::Pos(x)
            | PExpr::IsNull(x, _)
            | PExpr::HasLabels(x, _) => visit(x),
            PExpr::Index(a, b) | PExpr::Bin(_, a, b) => {
                visit(a);
                visit(b);
            }
            PExpr::Slice(a, b, c) => {
                visit(a);
                for x in [b, c].into_iter().flatten() {
                    visit(x);
                }
            }
            PExpr::List(v) | PExpr::Func(_, v) => v.iter_mut().for_each(visit),
            PExpr::Map(v) => v.iter_mut().for_each(|(_, x)| visit(x)),
            PExpr::Case(o, w, d) => {
                for x in [o, d].into_iter().flatten() {
                    visit(x);
                }
                for (a, b) in w {
                    visit(a);
                    visit(b);
                }
            }
            PExpr::ListComp(_, l, p, m) => {
                visit(l);
                for x in [p, m].into_iter().flatten() {
                    visit(x);
                }
            }
            PExpr::Quant(_, _, l, p) => {
                visit(l);
                if let Some(p) = p {
                    visit(p);
                }
            }
            PExpr::Reduce(_, i, _, l, x) => {
                visit(i);
                visit(l);
                visit(x);
            }
            PExpr::MapProj(b, items) => {
                visit(b);
                for i in items {
                    if let MapProjItem::Entry(_, x) = i {
                        visit(x);
                    }
                }
            }
        }
    }

    pub fn walk(&self, f: &mut dyn FnMut(&PExpr)) {
        f(self);
        let visit = |e: &PExpr, f: &mut dyn FnMut(&PExpr)| e.walk(f);
        match self {
            PExpr::Const(_) | PExpr::Param(_) | PExpr::Slot(_) | PExpr::Path(..) => {}
            PExpr::Subquery(..) => {}
            PExpr::Prop(x, _, _)
            | PExpr::Not(x)
            | PExpr::Neg(x)
            | PExpr::Pos(x)
            | PExpr::IsNull(x, _)
            | PExpr::HasLabels(x, _) => visit(x, f),
            PExpr::Index(a, b) | PExpr::Bin(_, a, b) => {
                visit(a, f);
                visit(b, f);
            }
            PExpr::Slice(a, b, c) => {
                visit(a, f);
                for x in [b, c].into_iter().flatten() {
                    visit(x, f);
                }
            }
            PExpr::List(v) | PExpr::Func(_, v) => v.iter().for_each(|x| visit(x, f)),
            PExpr::Map(v) => v.iter().for_each(|(_, x)| visit(x, f)),
            PExpr::Case(o, w, d) => {
                for x in [o, d].into_iter().flatten() {
                    visit(x, f);
                }
                for (a, b) in w {
                    visit(a, f);
                    visit(b, f);
                }
            }
            PExpr::ListComp(_, l, p, m) => {
                visit(l, f);
                for x in [p, m].into_iter().flatten() {
                    visit(x, f);
                }
            }
            PExpr::Quant(_, _, l, p) => {
                visit(l, f);
                if let Some(p) = p {
                    visit(p, f);
                }
            }
            PExpr::Reduce(_, i, _, l, x) => {
                visit(i, f);
                visit(l, f);
                visit(x, f);
            }
            PExpr::MapProj(b, items) => {
                visit(b, f);
                for i in items {
                    if let MapProjItem::Entry(_, x) = i {
                        visit(x, f);
                    }
                }
            }
        }
    }
}

/// An aggregate call.
#[derive(Debug, Clone)]
pub struct AggCall {
    /// Which aggregate (`None` = `count(*)`).
    pub func: Option<FuncId>,
    /// `DISTINCT`.
    pub distinct: bool,
    /// Arguments.
    pub args: Vec<PExpr>,
}

/// How a node is found by a scan.
#[derive(Debug, Clone)]
pub enum ScanKind {
    /// Every node.
    All,
    /// Nodes with a label (index always on).
    Label(Sym),
    /// Nodes with a label whose key equals a value (a property index).
    IndexEq(Sym, Sym, PExpr),
    /// Nodes with a label whose key is one of a list (a property index).
    IndexIn(Sym, Sym, PExpr),
}

/// A node to create (in CREATE or MERGE).
#[derive(Debug, Clone)]
pub struct CreateNode {
    /// The slot the node lands in.
    pub slot: Slot,
    /// Whether it is already bound (then nothing is created).
    pub bound: bool,
    /// Labels.
    pub labels: Vec<Sym>,
    /// Properties: a map expression.
    pub props: Option<PExpr>,
}

/// A relationship to create.
#[derive(Debug, Clone)]
pub struct CreateRel {
    /// The slot the relationship lands in.
    pub slot: Slot,
    /// Slot of the start node.
    pub from: Slot,
    /// Slot of the end node.
    pub to: Slot,
    /// The type.
    pub ty: Sym,
    /// Properties: a map expression.
    pub props: Option<PExpr>,
}

/// A pattern to create: nodes first, then relationships, then the path.
#[derive(Debug, Clone, Default)]
pub struct CreatePattern {
    /// Nodes in order.
    pub nodes: Vec<CreateNode>,
    /// Relationships in order.
    pub rels: Vec<CreateRel>,
    /// Named paths to assemble after creation.
    pub paths: Vec<(Slot, PExpr)>,
}

/// A compiled SET/REMOVE item.
#[derive(Debug, Clone)]
pub enum SetOp {
    /// `target.key = value` (null removes).
    Prop(PExpr, Sym, PExpr),
    /// `n = map` (replace all).
    Replace(Slot, PExpr),
    /// `n += map`.
    Merge(Slot, PExpr),
    /// `n:A:B`.
    AddLabels(Slot, Vec<Sym>),
    /// `REMOVE n:A:B`.
    RemoveLabels(Slot, Vec<Sym>),
}

/// A procedure known to the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Procedure {
    /// `db.labels()`
    Labels,
    /// `db.relationshipTypes()`
    RelationshipTypes,
    /// `db.propertyKeys()`
    PropertyKeys,
    /// `db.schema()`
    Schema,
    /// `db.indexes()`
    Indexes,
    /// `db.constraints()`
    Constraints,
    /// `dbms.components()`: what the server is, for drivers and tools.
    Components,
    /// `db.stats()`: what the graph holds in memory, item by item.
    Stats,
    /// `plenary.import.relationships(file, config)`: a bulk load of
    /// relationships from a CSV file (see `exec::import`).
    ImportRelationships,
    /// `plenary.algo.pageRank(config)` (see `algo`).
    PageRank,
    /// `plenary.algo.degree(config)`.
    Degree,
    /// `plenary.algo.wcc(config)`.
    Wcc,
    /// `plenary.algo.scc(config)`.
    Scc,
    /// `plenary.algo.louvain(config)`.
    Louvain,
    /// `plenary.algo.dijkstra(config)`.
    Dijkstra,
    /// `plenary.algo.shortestPath(config)`.
    ShortestPath,
    /// `plenary.algo.triangleCount(config)`.
    TriangleCount,
    /// `db.index.fulltext.queryNodes(index, query [, options])`.
    FulltextNodes,
    /// `db.index.fulltext.queryRelationships(index, query [, options])`.
    FulltextRelationships,
    /// `db.index.vector.queryNodes(index, k, vector)`.
    VectorNodes,
    /// `db.index.vector.queryRelationships(index, k, vector)`.
    VectorRelationships,
}

impl Procedure {
    /// Whether the procedure changes the graph (it then takes the write
    /// path and is a barrier to the optimizer).
    pub fn writes(self) -> bool {
        matches!(self, Procedure::ImportRelationships)
    }

    /// The procedure's name as written in its documentation.
    pub fn name(self) -> &'static str {
        match self {
            Procedure::Labels => "db.labels",
            Procedure::RelationshipTypes => "db.relationshipTypes",
            Procedure::PropertyKeys => "db.propertyKeys",
            Procedure::Schema => "db.schema",
            Procedure::Indexes => "db.indexes",
            Procedure::Constraints => "db.constraints",
            Procedure::Components => "dbms.components",
            Procedure::Stats => "db.stats",
            Procedure::ImportRelationships => "plenary.import.relationships",
            Procedure::PageRank => "plenary.algo.pageRank",
            Procedure::Degree => "plenary.algo.degree",
            Procedure::Wcc => "plenary.algo.wcc",
            Procedure::Scc => "plenary.algo.scc",
            Procedure::Louvain => "plenary.algo.louvain",
            Procedure::Dijkstra => "plenary.algo.dijkstra",
            Procedure::ShortestPath => "plenary.algo.shortestPath",
            Procedure::TriangleCount => "plenary.algo.triangleCount",
            Procedure::FulltextNodes => "db.index.fulltext.queryNodes",
            Procedure::FulltextRelationships => "db.index.fulltext.queryRelationships",
            Procedure::VectorNodes => "db.index.vector.queryNodes",
            Procedure::VectorRelationships => "db.index.vector.queryRelationships",
        }
    }

    /// Whether the procedure is a graph algorithm (`algo::run`), which
    /// takes one argument, its configuration map.
    pub fn is_algo(self) -> bool {
        matches!(
            self,
            Procedure::PageRank
                | Procedure::Degree
                | Procedure::Wcc
                | Procedure::Scc
                | Procedure::Louvain
                | Procedure::Dijkstra
                | Procedure::ShortestPath
                | Procedure::TriangleCount
        )
    }
}

/// A comparison of a relationship's property with a value known before the
/// relationship is read, tested by the operator that reads it (see
/// `optimize::fuse_filters`).
#[derive(Debug, Clone)]
pub struct RelTest {
    /// The property.
    pub key: Sym,
    /// `Eq`, `Ne`, `Lt`, `Le`, `Gt` or `Ge`, with the property on the left,
    /// or `In` (the value is then a list or null: see `ops::prop_values`).
    pub op: BinOp,
    /// The value.
    pub value: PExpr,
}

impl RelTest {
    /// Whether a property value (`None`: missing) passes, under Cypher's
    /// comparison rules (a null or incomparable answer does not pass).
    #[inline(always)]
    pub fn passes(&self, prop: Option<&Value>, value: &Value) -> bool {
        let Some(x) = prop else { return false };
        // the common case first: stored strings, often one shared allocation
        if let (Value::String(a), Value::String(b), BinOp::Eq | BinOp::Ne) = (x, value, self.op) {
            let eq = Arc::ptr_eq(a, b) || a == b;
            return eq == (self.op == BinOp::Eq);
        }
        match self.op {
            BinOp::Eq => x.cypher_eq(value) == Some(true),
            // true only when some element is equal (null and false fail alike)
            BinOp::In => match value {
                Value::List(items) => items.iter().any(|i| x.cypher_eq(i) == Some(true)),
                _ => false,
            },
            BinOp::Ne => x.cypher_eq(value) == Some(false),
            op => x.cypher_cmp(value).is_some_and(|o| match op {
                BinOp::Lt => o.is_lt(),
                BinOp::Le => o.is_le(),
                BinOp::Gt => o.is_gt(),
                BinOp::Ge => o.is_ge(),
                _ => false,
            }),
        }
    }
}

/// An end of the relationship an aggregation counts inside its input
/// expansion (see [`Counted`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The node the expansion starts from (a `RelScan`'s `from`).
    From,
    /// The node the expansion reaches.
    To,
}

/// What one grouping key of a counted aggregation reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPart {
    /// Only slots bound before the expansion: evaluated once per input row.
    Before,
    /// A node the expansion reaches, or a pure function of it alone
    /// (grouped by the node, evaluated once per node at the end).
    Node(End),
    /// A pure function of the relationship counted that reads nothing of
    /// it but its property `key` (`v.vote`, `toUpper(v.vote)`): grouped by
    /// that property's value, one relationship holding it standing for
    /// the value, and evaluated once per value at the end.
    Rel(Sym),
}

/// What one aggregate of a counted aggregation counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountOf {
    /// Relationships found (`count(*)`, or `count` of a slot the expansion
    /// binds, which is never null). `star` tells which accumulator to make.
    Rows {
        /// `count(*)` rather than `count(x)`.
        star: bool,
    },
    /// Distinct nodes at an end (`count(DISTINCT n)`).
    Distinct(End),
    /// Distinct non-null values of a property of the nodes at an end
    /// (`count(DISTINCT n.key)`): the distinct nodes are counted as for
    /// `Distinct`, their values at the end.
    DistinctProp(End, Sym),
    /// An aggregate of a pure function of the relationship property the
    /// groups are keyed by (`sum(CASE WHEN v.vote = 'yes' THEN 1 ELSE 0
    /// END)`, `max(v.weight)`): rows are counted per value, and each
    /// group's argument is evaluated once, with the relationship standing
    /// for its value in slot `rel`, and fed as many times as rows had it
    /// (`Accumulator::update_times`).
    Weighted {
        /// The relationship's slot.
        rel: Slot,
    },
}

/// An aggregation computed while its input `Expand` or `RelScan` walks the
/// adjacency: no row is made per relationship (see `exec/fused.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    /// Per grouping key, what it reads; then, when an aggregate is
    /// [`CountOf::Weighted`] and no key reads the relationship's property,
    /// one more hidden [`KeyPart::Rel`] that groups by it without being
    /// returned.
    pub parts: Vec<KeyPart>,
    /// Per aggregate, what it counts.
    pub counts: Vec<CountOf>,
    /// The expansion meets few relationships per input row: it is walked
    /// row by row on the statement's thread instead of being collected for
    /// a shared (parallel, view-reading) walk.
    pub row_by_row: bool,
    /// Per end (`From`, `To`), whether its nodes are grouped by their
    /// class of equal key values (`exec::ops::Classes`) rather than by
    /// node: for an end whose keys are all functions of it, always when
    /// the walk is row by row (each node classed as it is reached), and
    /// before a shared walk when its type has at least `CLASS_SHARE`
    /// relationships per node that can be at that end (every such node
    /// classed first). Groups by class never resolve to equal keys, so
    /// distinct counts may be counted beside such keys.
    pub classed: [bool; 2],
}

/// How an aggregation finds its groups, decided by the optimizer
/// (`plan::grouping`) and followed by exec as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grouping {
    /// Per grouping key (empty: none), `Some(n)` when the key is a pure
    /// function of the node in slot `n` alone (`c.name`, `r.date.year`):
    /// rows are grouped by the node first and the key is evaluated once
    /// per node at the end, groups with equal keys then merged. Only with
    /// mergeable aggregates and an input that writes nothing. For a
    /// [`KeyPart::Rel`] of a counted aggregation, the slot of the
    /// relationship that stands for its group's value.
    pub by_node: Vec<Option<Slot>>,
    /// Counted inside the input expansion.
    pub counted: Option<Counted>,
}

impl Grouping {
    /// The node slot key `i` is grouped by first, if any.
    pub fn node_of(&self, i: usize) -> Option<Slot> {
        self.by_node.get(i).copied().flatten()
    }
}

/// Physical operators (one per variant; see `exec/ops.rs`).
#[derive(Debug, Clone)]
pub enum Op {
    /// Yields the argument row once.
    Argument,
    /// For each input row, each node found by `kind` (and having `labels`).
    NodeScan {
        /// Input.
        input: Box<Op>,
        /// Target slot.
        slot: Slot,
        /// How nodes are found.
        kind: ScanKind,
        /// Further labels every node must have.
        labels: Vec<Sym>,
    },
    /// For each input row, each relationship at `from` (one hop).
    Expand {
        /// Input.
        input: Box<Op>,
        /// Start node slot.
        from: Slot,
        /// Relationship slot.
        rel: Slot,
        /// Other node slot.
        to: Slot,
        /// Direction from `from`.
        dir: Dir,
        /// Type alternatives (empty = any).
        types: Vec<Sym>,
        /// `to` is already bound: only relationships reaching it.
        to_bound: bool,
        /// Labels `to` must have.
        to_labels: Vec<Sym>,
        /// Relationship slots (single or lists) this one must differ from.
        distinct_from: Vec<Slot>,
        /// `rel` is already bound: only that relationship.
        rel_bound: bool,
        /// Property comparisons `rel.key op value` tested on each
        /// relationship before a row is made (the values, which do not
        /// depend on this expansion's slots, are evaluated once per input row).
        rel_props: Vec<RelTest>,
        /// `to <> n` for each of these slots, bound before (a WHERE's
        /// `c <> ru`): the node reached must differ from the node there (a
        /// null there passes nothing, as `<>` with null is null).
        to_not: Vec<Slot>,
        /// Property comparisons `to.key op value` of the node reached (a
        /// WHERE's `c.code <> 'RU'` with a value bound before), tested like
        /// `rel_props`.
        to_props: Vec<RelTest>,
        /// Predicates that are pure functions of the node reached alone
        /// (`r.session >= 60`, `r.date.year = 2000`, `r.important`): on the
        /// read path each is evaluated once per node and remembered
        /// (`exec::ends`), on the write path once per relationship found.
        to_tests: Vec<PExpr>,
        /// On the read path, once the expansion has walked this many
        /// relationships in the statement (over all its runs: an inner plan
        /// runs once per outer row), it reads the store's column views of
        /// its type, building them if missing (chosen by the optimizer for
        /// one type in one direction; `None`: records only, unless views
        /// were built before).
        views_after: Option<u64>,
    },
    /// Every relationship of the given types, read in storage order (a
    /// sequential scan), binding the relationship and both ends. Chosen when
    /// a pattern is cheaper to start from its relationships than from
    /// either end node.
    RelScan {
        /// Input.
        input: Box<Op>,
        /// Relationship slot.
        rel: Slot,
        /// The node the pattern's arrow leaves (`Both`: either end).
        from: Slot,
        /// The other node.
        to: Slot,
        /// `Out`, or `Both` for an undirected pattern (each relationship
        /// then binds both ways round, a self-loop once).
        dir: Dir,
        /// Type alternatives (empty = any).
        types: Vec<Sym>,
        /// Relationship slots earlier in the same pattern this one must differ from.
        distinct_from: Vec<Slot>,
        /// Property comparisons tested on each record as it is read.
        rel_props: Vec<RelTest>,
        /// Labels `from` and `to` must have.
        end_labels: [Vec<Sym>; 2],
        /// Predicates that are pure functions of `from` (first) or `to`
        /// (second) alone, tested like an `Expand`'s `to_tests`.
        end_tests: [Vec<PExpr>; 2],
    },
    /// Variable-length expansion (trail semantics: no relationship twice).
    VarExpand {
        /// Input.
        input: Box<Op>,
        /// Start node slot.
        from: Slot,
        /// Slot receiving the list of relationships.
        rel: Slot,
        /// End node slot.
        to: Slot,
        /// Direction from `from`.
        dir: Dir,
        /// Types.
        types: Vec<Sym>,
        /// Minimum hops.
        min: u64,
        /// Maximum hops (`None` = unbounded).
        max: Option<u64>,
        /// `to` already bound.
        to_bound: bool,
        /// Labels `to` must have, tested on the node at the end of each
        /// path found (never on the nodes a path passes through: the walk
        /// goes on from a node that fails them).
        to_labels: Vec<Sym>,
        /// Predicates that are pure functions of `to` alone (a WHERE's
        /// `b.name = 'x'`, the far end's property map once fused), tested
        /// like `to_labels`, after them, at most once per node in each run.
        to_tests: Vec<PExpr>,
        /// Relationship property predicate applied to every hop (`{k: v}`).
        rel_props: Option<PExpr>,
        /// Relationship slots this path must not reuse.
        distinct_from: Vec<Slot>,
    },
    /// Shortest path(s) between two bound nodes.
    ShortestPath {
        /// Input.
        input: Box<Op>,
        /// Start slot.
        from: Slot,
        /// End slot.
        to: Slot,
        /// Relationship list slot (if named).
        rel: Slot,
        /// Path slot.
        path: Slot,
        /// Direction.
        dir: Dir,
        /// Types.
        types: Vec<Sym>,
        /// Minimum hops (0 or 1).
        min: u64,
        /// Maximum hops.
        max: Option<u64>,
        /// All shortest paths rather than one.
        all: bool,
        /// Predicate every path must satisfy (from WHERE), evaluated per path.
        filter: Option<PExpr>,
    },
    /// Keeps rows where the predicate is `true`.
    Filter {
        /// Input.
        input: Box<Op>,
        /// Predicate.
        pred: PExpr,
    },
    /// Runs `inner` per input row; if it yields nothing, yields the row with
    /// `nulls` set to null.
    Optional {
        /// Input.
        input: Box<Op>,
        /// Inner plan (rooted at `Argument`).
        inner: Box<Op>,
        /// Slots bound by the inner plan.
        nulls: Vec<Slot>,
    },
    /// Runs `inner` per input row, yielding its rows (correlated subquery);
    /// a *unit* subquery (no RETURN) yields the input row once instead.
    Apply {
        /// Input.
        input: Box<Op>,
        /// Inner plan.
        inner: Box<Op>,
        /// Unit subquery: run for effects, pass the input row on.
        unit: bool,
        /// `IN TRANSACTIONS [OF n ROWS]`: commit after every `n` input rows.
        batch: Option<PExpr>,
    },
    /// Computes expressions into slots.
    Project {
        /// Input.
        input: Box<Op>,
        /// (slot, expression).
        items: Vec<(Slot, PExpr)>,
    },
    /// Groups and aggregates.
    Aggregate {
        /// Input.
        input: Box<Op>,
        /// Grouping keys: (slot, expression).
        keys: Vec<(Slot, PExpr)>,
        /// Aggregates: (slot, call).
        aggs: Vec<(Slot, AggCall)>,
        /// How the groups are found (chosen by the optimizer; the binder
        /// writes the plain row-by-row strategy).
        grouping: Grouping,
    },
    /// Removes duplicate rows (by the given slots).
    Distinct {
        /// Input.
        input: Box<Op>,
        /// Slots compared.
        slots: Vec<Slot>,
    },
    /// Sorts.
    Sort {
        /// Input.
        input: Box<Op>,
        /// (key, descending).
        keys: Vec<(PExpr, bool)>,
        /// Only the first `limit` rows are needed (top-k), if known.
        limit: Option<PExpr>,
    },
    /// Skips rows.
    Skip {
        /// Input.
        input: Box<Op>,
        /// Count.
        count: PExpr,
    },
    /// Stops after rows.
    Limit {
        /// Input.
        input: Box<Op>,
        /// Count.
        count: PExpr,
    },
    /// One row per list element.
    Unwind {
        /// Input.
        input: Box<Op>,
        /// The list.
        expr: PExpr,
        /// Target slot.
        slot: Slot,
        /// `expr` is a `range(…)` call whose integers are produced one at a
        /// time, never held as a list (chosen by the optimizer).
        streamed: bool,
    },
    /// Concatenation of branches (each writes the same output slots).
    Union {
        /// Branches.
        branches: Vec<Op>,
    },
    /// CREATE (eager).
    Create {
        /// Input.
        input: Box<Op>,
        /// Patterns.
        patterns: Vec<CreatePattern>,
    },
    /// MERGE (per row: match, else create).
    Merge {
        /// Input.
        input: Box<Op>,
        /// Matching plan (rooted at `Argument`).
        matcher: Box<Op>,
        /// What to create when nothing matches.
        create: CreatePattern,
        /// ON MATCH SET.
        on_match: Vec<SetOp>,
        /// ON CREATE SET.
        on_create: Vec<SetOp>,
    },
    /// SET / REMOVE (eager).
    Set {
        /// Input.
        input: Box<Op>,
        /// Items.
        items: Vec<SetOp>,
    },
    /// DELETE (eager).
    Delete {
        /// Input.
        input: Box<Op>,
        /// What to delete.
        exprs: Vec<PExpr>,
        /// DETACH.
        detach: bool,
    },
    /// FOREACH (eager).
    Foreach {
        /// Input.
        input: Box<Op>,
        /// Loop variable slot.
        slot: Slot,
        /// The list.
        list: PExpr,
        /// Body (rooted at `Argument`).
        body: Box<Op>,
    },
    /// A procedure call.
    Call {
        /// Input.
        input: Box<Op>,
        /// Which procedure.
        proc: Procedure,
        /// The arguments, evaluated for each input row.
        args: Vec<PExpr>,
        /// (output field index, slot) pairs.
        yields: Vec<(usize, Slot)>,
        /// The first argument in the text (the file of an import): where a
        /// failure to read an external resource is reported.
        span: Span,
    },
    /// LOAD CSV.
    LoadCsv {
        /// Input.
        input: Box<Op>,
        /// Path or URL.
        url: PExpr,
        /// The URL expression in the text, where a failure to read the
        /// file (missing, not CSV, bad gzip, denied) is reported.
        span: Span,
        /// Row slot.
        slot: Slot,
        /// Header row gives maps.
        headers: bool,
        /// Field separator.
        delimiter: u8,
    },
}

impl Op {
    /// The operator's input, if it has one (`Argument` and `Union` have
    /// none; the inner plans of `Optional`, `Apply`, `Merge` and `Foreach`
    /// are not inputs: see [`Op::children_mut`]).
    pub fn input_mut(&mut self) -> Option<&mut Op> {
        match self {
            Op::Argument | Op::Union { .. } => None,
            Op::NodeScan { input, .. }
            | Op::Expand { input, .. }
            | Op::VarExpand { input, .. }
            | Op::RelScan { input, .. }
            | Op::ShortestPath { input, .. }
            | Op::Filter { input, .. }
            | Op::Optional { input, .. }
            | Op::Apply { input, .. }
            | Op::Project { input, .. }
            | Op::Aggregate { input, .. }
            | Op::Distinct { input, .. }
            | Op::Sort { input, .. }
            | Op::Skip { input, .. }
            | Op::Limit { input, .. }
            | Op::Unwind { input, .. }
            | Op::Create { input, .. }
            | Op::Merge { input, .. }
            | Op::Set { input, .. }
            | Op::Delete { input, .. }
            | Op::Foreach { input, .. }
            | Op::Call { input, .. }
            | Op::LoadCsv { input, .. } => Some(input),
        }
    }

    /// The expressions of the operators that most often hold subqueries
    /// (filters, projections, aggregations, sorts, unwinds, shortest-path
    /// filters), for passes that reach into them.
    pub fn exprs_mut(&mut self) -> Vec<&mut PExpr> {
        match self {
            Op::Filter { pred, .. } => vec![pred],
            Op::Project { items, .. } => items.iter_mut().map(|(_, e)| e).collect(),
            Op::Aggregate { keys, aggs, .. } => keys
                .iter_mut()
                .map(|(_, e)| e)
                .chain(aggs.iter_mut().flat_map(|(_, a)| a.args.iter_mut()))
                .collect(),
            Op::Sort { keys, .. } => keys.iter_mut().map(|(e, _)| e).collect(),
            Op::Unwind { expr, .. } => vec![expr],
            Op::ShortestPath {
                filter: Some(f), ..
            } => vec![f],
            Op::VarExpand {
                rel_props,
                to_tests,
                ..
            } => rel_props.iter_mut().chain(to_tests.iter_mut()).collect(),
            _ => Vec::new(),
        }
    }

    /// Every nested plan: the input, then inner plans (`Optional`, `Apply`,
    /// `Merge`'s matcher, `Foreach`'s body) and `Union`'s branches. Plans
    /// inside expressions (subqueries) are not children.
    pub fn children_mut(&mut self) -> Vec<&mut Op> {
        match self {
            Op::Union { branches } => branches.iter_mut().collect(),
            Op::Optional { input, inner, .. } | Op::Apply { input, inner, .. } => {
                vec![input, inner]
            }
            Op::Merge { input, matcher, .. } => vec![input, matcher],
            Op::Foreach { input, body, .. } => vec![input, body],
            other => other.input_mut().into_iter().collect(),
        }
    }

    /// The operator's input, if it has exactly one.
    pub fn input(&self) -> Option<&Op> {
        match self {
            Op::Argument | Op::Union { .. } => None,
            Op::NodeScan { input, .. }
            | Op::Expand { input, .. }
            | Op::VarExpand { input, .. }
            | Op::RelScan { input, .. }
            | Op::ShortestPath { input, .. }
            | Op::Filter { input, .. }
            | Op::Optional { input, .. }
            | Op::Apply { input, .. }
            | Op::Project { input, .. }
            | Op::Aggregate { input, .. }
            | Op::Distinct { input, .. }
            | Op::Sort { input, .. }
            | Op::Skip { input, .. }
            | Op::Limit { input, .. }
            | Op::Unwind { input, .. }
            | Op::Create { input, .. }
            | Op::Merge { input, .. }
            | Op::Set { input, .. }
            | Op::Delete { input, .. }
            | Op::Foreach { input, .. }
            | Op::Call { input, .. }
            | Op::LoadCsv { input, .. } => Some(input),
        }
    }
}
