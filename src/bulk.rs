//! The batched insert path: [`Bulk`].

use std::collections::HashMap;

use serde::Serialize;

use crate::db::Database;
use crate::error::{Error, ErrorKind, Result};
use crate::result::Value;
use crate::store::{Graph, Props, Stats, Sym};
use crate::value::NodeId;

/// A node added to a [`Bulk`] batch, to connect relationships to before
/// the batch is committed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BulkNode(usize);

/// One end of a relationship in a [`Bulk`] batch: a node of the batch, or
/// a node already in the graph (by [`Node::id`](crate::Node::id)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// A node added to this batch.
    New(BulkNode),
    /// A node that already exists.
    Existing(u64),
}

impl From<BulkNode> for Endpoint {
    fn from(n: BulkNode) -> Endpoint {
        Endpoint::New(n)
    }
}

impl From<u64> for Endpoint {
    fn from(id: u64) -> Endpoint {
        Endpoint::Existing(id)
    }
}

/// What [`Bulk::commit`] did: the ids given to the batch's nodes and
/// relationships (in the order they were added) and the change counters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BulkResult {
    /// Graph ids of the added nodes, indexed like the [`BulkNode`]s.
    pub node_ids: Vec<u64>,
    /// Graph ids of the added relationships, in order.
    pub relationship_ids: Vec<u64>,
    /// What the batch changed.
    pub stats: Stats,
}

impl BulkResult {
    /// The graph id a batch node received.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// let mut bulk = db.bulk();
    /// let a = bulk.add_node(["A"], plenary::params! {});
    /// let done = bulk.commit().unwrap();
    /// let id = done.id(a);
    /// let r = db.query_with("MATCH (n) WHERE id(n) = $id RETURN labels(n)", plenary::params! {"id" => id}).unwrap();
    /// assert_eq!(r.rows[0][0].to_string(), "['A']");
    /// ```
    pub fn id(&self, node: BulkNode) -> u64 {
        self.node_ids[node.0]
    }
}

struct PendingRel {
    from: Endpoint,
    to: Endpoint,
    ty: String,
    props: Vec<(String, Value)>,
}

/// A batch of nodes and relationships written in one atomic step, much
/// faster than one `CREATE` statement per item: no parsing or planning, and
/// the write lock is taken once.
///
/// Items are collected in memory (other statements keep running meanwhile)
/// and written by [`commit`](Bulk::commit), which validates property values
/// and schema constraints and either writes everything or nothing.
/// Dropping a `Bulk` without committing discards it.
///
/// Properties are given as anything that serializes to a map: [`Params`](crate::Params)
/// (`params! {..}`), a `HashMap`/`BTreeMap`, or a `#[derive(Serialize)]`
/// struct; `null` properties are skipped.
///
/// ```
/// use plenary::{Database, params};
/// let db = Database::in_memory().unwrap();
/// let mut bulk = db.bulk();
/// let sy = bulk.add_node(["Country"], params! {"code" => "SY", "name" => "Syria"});
/// let un = bulk.add_node(["Organization"], params! {"name" => "UN"});
/// bulk.add_relationship(un, sy, "DISCUSSED", params! {"year" => 2012});
/// let done = bulk.commit().unwrap();
/// assert_eq!((done.stats.nodes_created, done.stats.relationships_created), (2, 1));
/// let r = db.query("MATCH (:Organization)-[d:DISCUSSED]->(c) RETURN c.name, d.year").unwrap();
/// assert_eq!(r.rows[0][0], "Syria".into());
/// ```
#[must_use = "a Bulk batch does nothing until commit()"]
pub struct Bulk<'db> {
    db: &'db Database,
    nodes: Vec<(Vec<String>, Vec<(String, Value)>)>,
    rels: Vec<PendingRel>,
    error: Option<Error>,
}

impl std::fmt::Debug for Bulk<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bulk")
            .field("nodes", &self.nodes.len())
            .field("relationships", &self.rels.len())
            .finish_non_exhaustive()
    }
}

fn bulk_error(msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::TypeError, "InvalidPropertyType", msg)
}

impl<'db> Bulk<'db> {
    pub(crate) fn new(db: &'db Database) -> Bulk<'db> {
        Bulk {
            db,
            nodes: Vec::new(),
            rels: Vec::new(),
            error: None,
        }
    }

    fn properties<P: Serialize>(&mut self, props: P) -> Vec<(String, Value)> {
        match crate::ser::to_value(&props) {
            Ok(Value::Map(m)) => m.into_iter().filter(|(_, v)| !v.is_null()).collect(),
            Ok(Value::Null) => Vec::new(),
            Ok(other) => {
                self.fail(bulk_error(format!(
                    "properties must be a map, not the {} {other}",
                    other.type_name()
                )));
                Vec::new()
            }
            Err(e) => {
                self.fail(e);
                Vec::new()
            }
        }
    }

    fn fail(&mut self, e: Error) {
        if self.error.is_none() {
            self.error = Some(e);
        }
    }

    /// Adds a node with `labels` and properties `props`.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// let mut bulk = db.bulk();
    /// #[derive(serde::Serialize)]
    /// struct Person { name: &'static str, born: Option<i32> }
    /// bulk.add_node(["Person"], Person { name: "Ban Ki-moon", born: Some(1944) });
    /// bulk.add_node(Vec::<String>::new(), plenary::params! {});
    /// bulk.commit().unwrap();
    /// assert_eq!(db.node_count(), 2);
    /// ```
    pub fn add_node<L, S, P>(&mut self, labels: L, props: P) -> BulkNode
    where
        L: IntoIterator<Item = S>,
        S: Into<String>,
        P: Serialize,
    {
        let labels = labels.into_iter().map(Into::into).collect();
        let props = self.properties(props);
        self.nodes.push((labels, props));
        BulkNode(self.nodes.len() - 1)
    }

    /// Adds a relationship of type `rel_type` from `from` to `to` (nodes of
    /// this batch, or ids of existing nodes).
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// let existing = db.query("CREATE (n:Old) RETURN id(n)").unwrap().rows[0][0].as_int().unwrap();
    /// let mut bulk = db.bulk();
    /// let n = bulk.add_node(["New"], plenary::params! {});
    /// bulk.add_relationship(n, existing as u64, "TO", plenary::params! {});
    /// bulk.commit().unwrap();
    /// assert_eq!(db.relationship_count(), 1);
    /// ```
    pub fn add_relationship<P: Serialize>(
        &mut self,
        from: impl Into<Endpoint>,
        to: impl Into<Endpoint>,
        rel_type: impl Into<String>,
        props: P,
    ) {
        let props = self.properties(props);
        self.rels.push(PendingRel {
            from: from.into(),
            to: to.into(),
            ty: rel_type.into(),
            props,
        });
    }

    /// The number of nodes added so far.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// let mut bulk = db.bulk();
    /// bulk.add_node(["A"], plenary::params! {});
    /// assert_eq!(bulk.node_count(), 1);
    /// ```
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// The number of relationships added so far.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// assert_eq!(db.bulk().relationship_count(), 0);
    /// ```
    pub fn relationship_count(&self) -> usize {
        self.rels.len()
    }

    /// Writes the batch atomically: on any error (a property value that
    /// cannot be stored, an unknown node id, a violated constraint) the
    /// graph is left unchanged.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// db.execute("CREATE CONSTRAINT FOR (c:Country) REQUIRE c.code IS UNIQUE").unwrap();
    /// let mut bulk = db.bulk();
    /// bulk.add_node(["Country"], plenary::params! {"code" => "SY"});
    /// bulk.add_node(["Country"], plenary::params! {"code" => "SY"});
    /// assert!(bulk.commit().is_err());
    /// assert_eq!(db.node_count(), 0);
    /// ```
    pub fn commit(self) -> Result<BulkResult> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let db = self.db;
        db.with_graph(|graph| {
            let before = graph.stats();
            let sp = graph.savepoint();
            match write(graph, &self.nodes, &self.rels) {
                Ok((node_ids, relationship_ids)) => match graph.validate_since(sp) {
                    Ok(()) => {
                        graph.commit()?;
                        Ok(BulkResult {
                            node_ids,
                            relationship_ids,
                            stats: graph.stats().since(&before),
                        })
                    }
                    Err(e) => {
                        graph.rollback_to(sp);
                        Err(e)
                    }
                },
                Err(e) => {
                    graph.rollback_to(sp);
                    Err(e)
                }
            }
        })
    }
}

type Written = (Vec<u64>, Vec<u64>);

fn write(
    graph: &mut Graph,
    nodes: &[(Vec<String>, Vec<(String, Value)>)],
    rels: &[PendingRel],
) -> Result<Written> {
    let mut syms: HashMap<String, Sym> = HashMap::new();
    let mut sym = |g: &mut Graph, name: &str| -> Sym {
        if let Some(s) = syms.get(name) {
            return *s;
        }
        let s = g.intern(name);
        syms.insert(name.to_string(), s);
        s
    };
    let mut props_of = |g: &mut Graph, props: &[(String, Value)]| -> Result<Props> {
        let mut out: Props = Props::with_capacity(props.len());
        for (k, x) in props {
            let e = x.to_engine();
            if !e.is_storable() {
                return Err(bulk_error(format!(
                    "property `{k}` cannot be stored: {} {x} is not a property value \
                     (properties are scalars or lists of one scalar type)",
                    x.type_name()
                )));
            }
            out.push((sym(g, k), e));
        }
        Ok(out)
    };
    let mut node_ids = Vec::with_capacity(nodes.len());
    for (labels, props) in nodes {
        let labels: Vec<Sym> = labels.iter().map(|l| graph.intern(l)).collect();
        let props = props_of(graph, props)?;
        node_ids.push(graph.create_node(&labels, props));
    }
    let mut rel_ids = Vec::with_capacity(rels.len());
    let mut types: HashMap<&str, Sym> = HashMap::new();
    for r in rels {
        let end = |e: Endpoint| -> Result<NodeId> {
            match e {
                Endpoint::New(BulkNode(i)) => Ok(node_ids[i]),
                Endpoint::Existing(id) => u32::try_from(id)
                    .ok()
                    .map(NodeId)
                    .filter(|n| graph.node_exists(*n))
                    .ok_or_else(|| {
                        Error::new(
                            ErrorKind::EntityNotFound,
                            "EntityNotFound",
                            format!("there is no node with id {id}"),
                        )
                    }),
            }
        };
        let (from, to) = (end(r.from)?, end(r.to)?);
        let ty = match types.get(r.ty.as_str()) {
            Some(t) => *t,
            None => {
                let t = graph.intern(&r.ty);
                types.insert(&r.ty, t);
                t
            }
        };
        let props = props_of(graph, &r.props)?;
        rel_ids.push(graph.create_rel(from, to, ty, props)?.0 as u64);
    }
    Ok((node_ids.iter().map(|n| n.0 as u64).collect(), rel_ids))
}

impl Database {
    /// Starts a batch of nodes and relationships to write in one atomic,
    /// fast step; see [`Bulk`].
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// let mut bulk = db.bulk();
    /// for i in 0..100 {
    ///     bulk.add_node(["N"], plenary::params! {"i" => i});
    /// }
    /// bulk.commit().unwrap();
    /// assert_eq!(db.node_count(), 100);
    /// ```
    pub fn bulk(&self) -> Bulk<'_> {
        Bulk::new(self)
    }
}
