//! What a query returns: [`QueryResult`] with rows of public [`Value`]s.
//!
//! Inside the engine nodes and relationships are ids; here they are full
//! [`Node`] / [`Relationship`] / [`Path`] values that carry their labels,
//! type and properties, so they stay usable after the query has ended.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::store::{Graph, Stats};
use crate::value::temporal::{
    DateTimeTz, Duration, TimeTz, format_date, format_local_datetime, format_time,
};
use crate::value::{self as v, format_float, quote_string};

/// A node as returned by a query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// The node's id (stable while the node exists).
    pub id: u64,
    /// Its labels, sorted.
    pub labels: Vec<String>,
    /// Its properties.
    pub properties: BTreeMap<String, Value>,
}

/// A relationship as returned by a query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relationship {
    /// The relationship's id.
    pub id: u64,
    /// Its type.
    pub rel_type: String,
    /// Id of the start node.
    pub start: u64,
    /// Id of the end node.
    pub end: u64,
    /// Its properties.
    pub properties: BTreeMap<String, Value>,
}

/// A path as returned by a query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Path {
    /// Nodes in order (one more than relationships).
    pub nodes: Vec<Node>,
    /// Relationships in order.
    pub relationships: Vec<Relationship>,
}

/// A value in a query result or a query parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub enum Value {
    /// `null`
    #[default]
    Null,
    /// boolean
    Bool(bool),
    /// integer
    Int(i64),
    /// float
    Float(f64),
    /// string
    String(String),
    /// list
    List(Vec<Value>),
    /// map
    Map(BTreeMap<String, Value>),
    /// node
    Node(Node),
    /// relationship
    Relationship(Relationship),
    /// path
    Path(Path),
    /// `date`
    Date(chrono::NaiveDate),
    /// `localtime`
    LocalTime(chrono::NaiveTime),
    /// `time`
    Time(TimeTz),
    /// `localdatetime`
    LocalDateTime(chrono::NaiveDateTime),
    /// `datetime`
    DateTime(DateTimeTz),
    /// `duration`
    Duration(Duration),
}

/// The result of one statement.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QueryResult {
    /// Column names in order.
    pub columns: Vec<String>,
    /// Rows; each has one value per column.
    pub rows: Vec<Vec<Value>>,
    /// What the statement changed.
    pub stats: Stats,
}

impl QueryResult {
    /// The index of a column by name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }
}

pub(crate) fn node_value(g: &Graph, id: v::NodeId) -> Node {
    let (labels, properties) = match g.node(id) {
        Some(rec) => (
            rec.labels.iter().map(|l| g.name(*l).to_string()).collect(),
            props_value(g, &rec.props),
        ),
        None => (Vec::new(), BTreeMap::new()),
    };
    let mut labels: Vec<String> = labels;
    labels.sort();
    Node {
        id: id.0 as u64,
        labels,
        properties,
    }
}

pub(crate) fn rel_value(g: &Graph, id: v::RelId) -> Relationship {
    let (start, end) = g.rel_endpoints(id).unwrap_or((v::NodeId(0), v::NodeId(0)));
    let (rel_type, properties) = match g.rel(id) {
        Some(rec) => (g.name(rec.ty).to_string(), props_value(g, &rec.props)),
        None => (String::new(), BTreeMap::new()),
    };
    Relationship {
        id: id.0 as u64,
        rel_type,
        start: start.0 as u64,
        end: end.0 as u64,
        properties,
    }
}

fn props_value(g: &Graph, props: &crate::store::Props) -> BTreeMap<String, Value> {
    props
        .iter()
        .map(|(k, x)| (g.name(*k).to_string(), Value::from_engine(x, g)))
        .collect()
}

impl Value {
    /// Converts an engine value, resolving entities through the graph.
    pub(crate) fn from_engine(x: &v::Value, g: &Graph) -> Value {
        match x {
            v::Value::Null => Value::Null,
            v::Value::Bool(b) => Value::Bool(*b),
            v::Value::Int(i) => Value::Int(*i),
            v::Value::Float(f) => Value::Float(*f),
            v::Value::String(s) => Value::String(s.to_string()),
            v::Value::List(l) => Value::List(l.iter().map(|e| Value::from_engine(e, g)).collect()),
            v::Value::Map(m) => Value::Map(
                m.iter()
                    .map(|(k, e)| (k.to_string(), Value::from_engine(e, g)))
                    .collect(),
            ),
            v::Value::Node(n) => Value::Node(node_value(g, *n)),
            v::Value::Rel(r) => Value::Relationship(rel_value(g, *r)),
            v::Value::Path(p) => Value::Path(Path {
                nodes: p.nodes.iter().map(|n| node_value(g, *n)).collect(),
                relationships: p.rels.iter().map(|r| rel_value(g, *r)).collect(),
            }),
            v::Value::Date(d) => Value::Date(*d),
            v::Value::LocalTime(t) => Value::LocalTime(*t),
            v::Value::Time(t) => Value::Time(*t),
            v::Value::LocalDateTime(t) => Value::LocalDateTime(*t),
            v::Value::DateTime(t) => Value::DateTime((**t).clone()),
            v::Value::Duration(d) => Value::Duration(**d),
        }
    }

    /// Converts a parameter value into an engine value. Entities cannot be
    /// parameters; they become maps of their properties.
    pub(crate) fn to_engine(&self) -> v::Value {
        match self {
            Value::Null => v::Value::Null,
            Value::Bool(b) => v::Value::Bool(*b),
            Value::Int(i) => v::Value::Int(*i),
            Value::Float(f) => v::Value::Float(*f),
            Value::String(s) => v::Value::str(s),
            Value::List(l) => v::Value::list(l.iter().map(Value::to_engine).collect()),
            Value::Map(m) => v::Value::map(
                m.iter()
                    .map(|(k, x)| (std::sync::Arc::from(k.as_str()), x.to_engine()))
                    .collect(),
            ),
            Value::Node(n) => v::Value::map(
                n.properties
                    .iter()
                    .map(|(k, x)| (std::sync::Arc::from(k.as_str()), x.to_engine()))
                    .collect(),
            ),
            Value::Relationship(r) => v::Value::map(
                r.properties
                    .iter()
                    .map(|(k, x)| (std::sync::Arc::from(k.as_str()), x.to_engine()))
                    .collect(),
            ),
            Value::Path(_) => v::Value::Null,
            Value::Date(d) => v::Value::Date(*d),
            Value::LocalTime(t) => v::Value::LocalTime(*t),
            Value::Time(t) => v::Value::Time(*t),
            Value::LocalDateTime(t) => v::Value::LocalDateTime(*t),
            Value::DateTime(t) => v::Value::DateTime(std::sync::Arc::new(t.clone())),
            Value::Duration(d) => v::Value::Duration(std::sync::Arc::new(*d)),
        }
    }

    /// The openCypher type name (`Integer`, `String`, `Node`, …).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "Null",
            Value::Bool(_) => "Boolean",
            Value::Int(_) => "Integer",
            Value::Float(_) => "Float",
            Value::String(_) => "String",
            Value::List(_) => "List",
            Value::Map(_) => "Map",
            Value::Node(_) => "Node",
            Value::Relationship(_) => "Relationship",
            Value::Path(_) => "Path",
            Value::Date(_) => "Date",
            Value::LocalTime(_) => "LocalTime",
            Value::Time(_) => "Time",
            Value::LocalDateTime(_) => "LocalDateTime",
            Value::DateTime(_) => "DateTime",
            Value::Duration(_) => "Duration",
        }
    }

    /// The string, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The integer, if this is an integer.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }
}

fn write_props(f: &mut fmt::Formatter<'_>, props: &BTreeMap<String, Value>) -> fmt::Result {
    if props.is_empty() {
        return Ok(());
    }
    f.write_str(" {")?;
    for (i, (k, x)) in props.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{}: {x}", escape_name(k))?;
    }
    f.write_str("}")
}

/// A name as Cypher writes it: bare when it is an identifier, else in backticks.
pub fn escape_name(name: &str) -> String {
    let mut chars = name.chars();
    let ok = chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_alphanumeric() || c == '_');
    if ok {
        name.to_string()
    } else {
        format!("`{}`", name.replace('`', "``"))
    }
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(")?;
        for l in &self.labels {
            write!(f, ":{}", escape_name(l))?;
        }
        if self.labels.is_empty() {
            write_props_inner(f, &self.properties)?;
        } else {
            write_props(f, &self.properties)?;
        }
        f.write_str(")")
    }
}

fn write_props_inner(f: &mut fmt::Formatter<'_>, props: &BTreeMap<String, Value>) -> fmt::Result {
    if props.is_empty() {
        return Ok(());
    }
    f.write_str("{")?;
    for (i, (k, x)) in props.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{}: {x}", escape_name(k))?;
    }
    f.write_str("}")
}

impl fmt::Display for Relationship {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[:{}", escape_name(&self.rel_type))?;
        write_props(f, &self.properties)?;
        f.write_str("]")
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<")?;
        for (i, n) in self.nodes.iter().enumerate() {
            if i > 0 {
                let r = &self.relationships[i - 1];
                let prev = &self.nodes[i - 1];
                if r.start == prev.id {
                    write!(f, "-{r}->")?;
                } else {
                    write!(f, "<-{r}-")?;
                }
            }
            write!(f, "{n}")?;
        }
        f.write_str(">")
    }
}

/// Cypher literal notation: `'text'`, `1.0`, `[1, 2]`, `{k: 'v'}`,
/// `(:Country {name: 'Syria'})`, `[:VOTED {vote: 'no'}]`, `<(a)-[:R]->(b)>`.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => f.write_str(&format_float(*x)),
            Value::String(s) => f.write_str(&quote_string(s)),
            Value::List(l) => {
                f.write_str("[")?;
                for (i, x) in l.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{x}")?;
                }
                f.write_str("]")
            }
            Value::Map(m) => {
                f.write_str("{")?;
                for (i, (k, x)) in m.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{}: {x}", escape_name(k))?;
                }
                f.write_str("}")
            }
            Value::Node(n) => write!(f, "{n}"),
            Value::Relationship(r) => write!(f, "{r}"),
            Value::Path(p) => write!(f, "{p}"),
            Value::Date(d) => write!(f, "'{}'", format_date(d)),
            Value::LocalTime(t) => write!(f, "'{}'", format_time(t)),
            Value::Time(t) => write!(f, "'{t}'"),
            Value::LocalDateTime(t) => write!(f, "'{}'", format_local_datetime(t)),
            Value::DateTime(t) => write!(f, "'{t}'"),
            Value::Duration(d) => write!(f, "'{d}'"),
        }
    }
}

impl From<bool> for Value {
    fn from(x: bool) -> Value {
        Value::Bool(x)
    }
}
impl From<i64> for Value {
    fn from(x: i64) -> Value {
        Value::Int(x)
    }
}
impl From<i32> for Value {
    fn from(x: i32) -> Value {
        Value::Int(x as i64)
    }
}
impl From<f64> for Value {
    fn from(x: f64) -> Value {
        Value::Float(x)
    }
}
impl From<&str> for Value {
    fn from(x: &str) -> Value {
        Value::String(x.to_string())
    }
}
impl From<String> for Value {
    fn from(x: String) -> Value {
        Value::String(x)
    }
}
impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(x: Vec<T>) -> Value {
        Value::List(x.into_iter().map(Into::into).collect())
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(x: Option<T>) -> Value {
        x.map_or(Value::Null, Into::into)
    }
}
impl From<chrono::NaiveDate> for Value {
    fn from(x: chrono::NaiveDate) -> Value {
        Value::Date(x)
    }
}
