//! What a query returns: [`QueryResult`] with rows of public [`Value`]s.
//!
//! Inside the engine nodes and relationships are ids; here they are full
//! [`Node`] / [`Relationship`] / [`Path`] values that carry their labels,
//! type and properties, so they stay usable after the query has ended.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::row::{Row, Rows};

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
///
/// `Display` writes Cypher literal notation (`'text'`, `[1, 2]`,
/// `(:Country {code: 'SY'})`). With serde, a `Value` serializes to the
/// natural form (`null`, numbers, strings, sequences, maps; a node as
/// `{id, labels, properties}`, temporal values as ISO 8601 strings), and
/// deserializes from any self-describing format; through
/// [`to_value`](crate::to_value) / [`from_value`](crate::from_value) every
/// value, entities and temporal values included, round-trips exactly.
///
/// ```
/// use plenary::Value;
/// let v = Value::from(vec![1, 2, 3]);
/// assert_eq!(v.to_string(), "[1, 2, 3]");
/// assert_eq!(serde_json::to_string(&v).unwrap(), "[1,2,3]");
/// let back: Value = serde_json::from_str(r#"{"a": [1, 2.5, null]}"#).unwrap();
/// assert_eq!(back.to_string(), "{a: [1, 2.5, null]}");
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
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
    /// Warnings about the statement (see [`QueryResult::notifications`]).
    pub notifications: Vec<crate::Notification>,
}

impl QueryResult {
    /// Warnings about the statement: it ran, but probably not as meant —
    /// today, a label, relationship type or property key it reads that the
    /// graph has never had, with "did you mean" (Neo4j's
    /// `UnknownLabelWarning`, `UnknownRelationshipTypeWarning`,
    /// `UnknownPropertyKeyWarning`).
    ///
    /// ```
    /// let db = plenary::Database::bundled().unwrap();
    /// let r = db.query("MATCH (c:Contry) RETURN c.nmae").unwrap();
    /// let n = r.notifications();
    /// assert_eq!(n[0].description, "the graph has no label :Contry; did you mean :Country?");
    /// assert_eq!((n[0].line, n[0].column), (1, 10));
    /// assert_eq!(n[1].description, "the graph has no property key nmae; did you mean name?");
    /// assert!(db.query("MATCH (c:Country) RETURN c.name").unwrap().notifications().is_empty());
    /// ```
    pub fn notifications(&self) -> &[crate::Notification] {
        &self.notifications
    }

    /// The index of a column by name.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// let r = db.query("RETURN 1 AS a, 2 AS b").unwrap();
    /// assert_eq!(r.column("b"), Some(1));
    /// ```
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// The number of rows.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// assert_eq!(db.query("UNWIND [1, 2, 3] AS x RETURN x").unwrap().len(), 3);
    /// ```
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are no rows.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// assert!(db.query("MATCH (n) RETURN n").unwrap().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The rows as [`Row`]s, which read values by column name or index.
    ///
    /// ```
    /// let db = plenary::Database::bundled().unwrap();
    /// let r = db.query("MATCH (c:Country) RETURN c.code AS code ORDER BY code LIMIT 2").unwrap();
    /// let codes: Vec<String> = r.iter().map(|row| row.get("code")).collect::<Result<_, _>>().unwrap();
    /// assert_eq!(codes.len(), 2);
    /// ```
    pub fn iter(&self) -> Rows<'_> {
        Rows::new(&self.columns, &self.rows)
    }

    /// Row `i`, if there is one.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// let r = db.query("RETURN 'x' AS s").unwrap();
    /// assert_eq!(r.row(0).unwrap().get::<String, _>("s").unwrap(), "x");
    /// assert!(r.row(1).is_none());
    /// ```
    pub fn row(&self, i: usize) -> Option<Row<'_>> {
        self.rows.get(i).map(|r| Row::new(&self.columns, r))
    }

    /// Every row deserialized into `T`: columns become struct fields (or
    /// map entries, or tuple elements in order); a one-column result can be
    /// read straight into the column's type. See [`from_value`](crate::from_value)
    /// for how values map onto serde; errors name the column.
    ///
    /// ```
    /// #[derive(serde::Deserialize, Debug, PartialEq)]
    /// struct Vote { country: String, vote: String }
    ///
    /// let db = plenary::Database::bundled().unwrap();
    /// let votes: Vec<Vote> = db
    ///     .query("MATCH (c:Country)-[v:VOTED]->(:Resolution) WHERE v.vote = 'no'
    ///             RETURN c.name AS country, v.vote AS vote ORDER BY country")
    ///     .unwrap()
    ///     .deserialize()
    ///     .unwrap();
    /// assert!(votes.iter().any(|v| v.country == "Russia"));
    ///
    /// let names: Vec<String> = db.query("MATCH (c:Country {code: 'CN'}) RETURN c.name").unwrap()
    ///     .deserialize().unwrap();
    /// assert_eq!(names, vec!["China"]);
    /// ```
    pub fn deserialize<'a, T: serde::Deserialize<'a>>(&'a self) -> crate::Result<Vec<T>> {
        self.iter().map(|r| r.deserialize()).collect()
    }
}

impl<'a> IntoIterator for &'a QueryResult {
    type Item = Row<'a>;
    type IntoIter = Rows<'a>;
    fn into_iter(self) -> Rows<'a> {
        Rows::new(&self.columns, &self.rows)
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
    ///
    /// ```
    /// assert_eq!(plenary::Value::Int(3).as_int(), Some(3));
    /// ```
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }

    /// The number as a float, if this is a float or an integer.
    ///
    /// ```
    /// assert_eq!(plenary::Value::Int(3).as_float(), Some(3.0));
    /// ```
    pub fn as_float(&self) -> Option<f64> {
        match self {
            Value::Float(f) => Some(*f),
            Value::Int(i) => Some(*i as f64),
            _ => None,
        }
    }

    /// The boolean, if this is a boolean.
    ///
    /// ```
    /// assert_eq!(plenary::Value::Bool(true).as_bool(), Some(true));
    /// ```
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The elements, if this is a list.
    ///
    /// ```
    /// assert_eq!(plenary::Value::from(vec![1]).as_list().map(|l| l.len()), Some(1));
    /// ```
    pub fn as_list(&self) -> Option<&[Value]> {
        match self {
            Value::List(l) => Some(l),
            _ => None,
        }
    }

    /// The entries, if this is a map.
    ///
    /// ```
    /// let m = plenary::to_value(&std::collections::HashMap::from([("k", 1)])).unwrap();
    /// assert_eq!(m.as_map().unwrap()["k"], plenary::Value::Int(1));
    /// ```
    pub fn as_map(&self) -> Option<&BTreeMap<String, Value>> {
        match self {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The node, if this is a node.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// let r = db.query("CREATE (n:A {x: 1}) RETURN n").unwrap();
    /// assert_eq!(r.rows[0][0].as_node().unwrap().labels, vec!["A"]);
    /// ```
    pub fn as_node(&self) -> Option<&Node> {
        match self {
            Value::Node(n) => Some(n),
            _ => None,
        }
    }

    /// The relationship, if this is a relationship.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// let r = db.query("CREATE ()-[r:R]->() RETURN r").unwrap();
    /// assert_eq!(r.rows[0][0].as_relationship().unwrap().rel_type, "R");
    /// ```
    pub fn as_relationship(&self) -> Option<&Relationship> {
        match self {
            Value::Relationship(r) => Some(r),
            _ => None,
        }
    }

    /// The path, if this is a path.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// let r = db.query("CREATE p = ()-[:R]->() RETURN p").unwrap();
    /// assert_eq!(r.rows[0][0].as_path().unwrap().nodes.len(), 2);
    /// ```
    pub fn as_path(&self) -> Option<&Path> {
        match self {
            Value::Path(p) => Some(p),
            _ => None,
        }
    }

    /// Whether this is `null`.
    ///
    /// ```
    /// assert!(plenary::Value::from(None::<i64>).is_null());
    /// ```
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
}

impl Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use crate::de::{NODE_KEY, PATH_KEY, REL_KEY};
        match self {
            Value::Null => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Int(i) => s.serialize_i64(*i),
            Value::Float(f) => s.serialize_f64(*f),
            Value::String(x) => s.serialize_str(x),
            Value::List(l) => s.collect_seq(l),
            Value::Map(m) => s.collect_map(m),
            Value::Node(n) => s.serialize_newtype_struct(NODE_KEY, n),
            Value::Relationship(r) => s.serialize_newtype_struct(REL_KEY, r),
            Value::Path(p) => s.serialize_newtype_struct(PATH_KEY, p),
            temporal => {
                let text = temporal.to_string();
                let name = crate::ser::temporal_name(temporal).unwrap_or("");
                s.serialize_newtype_struct(name, &text[1..text.len() - 1])
            }
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Value, D::Error> {
        d.deserialize_newtype_struct(crate::de::VALUE_MAGIC, crate::de::ValueVisitor)
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
macro_rules! from_int {
    ($($t:ty)*) => {$(
        impl From<$t> for Value {
            fn from(x: $t) -> Value {
                Value::Int(x as i64)
            }
        }
    )*};
}
from_int!(i8 i16 i32 u8 u16 u32);

macro_rules! try_from_int {
    ($($t:ty)*) => {$(
        /// Fails when the integer does not fit an `i64`.
        impl TryFrom<$t> for Value {
            type Error = crate::Error;
            fn try_from(x: $t) -> crate::Result<Value> {
                i64::try_from(x).map(Value::Int).map_err(|_| {
                    crate::de::conversion_error(format!(
                        "the integer {x} does not fit a 64-bit signed Integer"
                    ))
                })
            }
        }
    )*};
}
try_from_int!(u64 usize isize i128 u128);

impl From<f64> for Value {
    fn from(x: f64) -> Value {
        Value::Float(x)
    }
}
impl From<f32> for Value {
    fn from(x: f32) -> Value {
        Value::Float(x as f64)
    }
}
impl From<char> for Value {
    fn from(x: char) -> Value {
        Value::String(x.to_string())
    }
}
impl From<&String> for Value {
    fn from(x: &String) -> Value {
        Value::String(x.clone())
    }
}
impl<T: Clone + Into<Value>> From<&[T]> for Value {
    fn from(x: &[T]) -> Value {
        Value::List(x.iter().cloned().map(Into::into).collect())
    }
}
impl<K: Into<String>, T: Into<Value>> From<BTreeMap<K, T>> for Value {
    fn from(x: BTreeMap<K, T>) -> Value {
        Value::Map(x.into_iter().map(|(k, v)| (k.into(), v.into())).collect())
    }
}
impl<K: Into<String>, T: Into<Value>, S> From<std::collections::HashMap<K, T, S>> for Value {
    fn from(x: std::collections::HashMap<K, T, S>) -> Value {
        Value::Map(x.into_iter().map(|(k, v)| (k.into(), v.into())).collect())
    }
}
impl From<Node> for Value {
    fn from(x: Node) -> Value {
        Value::Node(x)
    }
}
impl From<Relationship> for Value {
    fn from(x: Relationship) -> Value {
        Value::Relationship(x)
    }
}
impl From<Path> for Value {
    fn from(x: Path) -> Value {
        Value::Path(x)
    }
}
impl From<chrono::NaiveTime> for Value {
    fn from(x: chrono::NaiveTime) -> Value {
        Value::LocalTime(x)
    }
}
impl From<chrono::NaiveDateTime> for Value {
    fn from(x: chrono::NaiveDateTime) -> Value {
        Value::LocalDateTime(x)
    }
}
impl From<TimeTz> for Value {
    fn from(x: TimeTz) -> Value {
        Value::Time(x)
    }
}
impl From<DateTimeTz> for Value {
    fn from(x: DateTimeTz) -> Value {
        Value::DateTime(x)
    }
}
impl From<Duration> for Value {
    fn from(x: Duration) -> Value {
        Value::Duration(x)
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
