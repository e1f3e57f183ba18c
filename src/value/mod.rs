//! Values as the engine sees them, with openCypher's semantics for equality
//! (three-valued), comparability (`<` on mixed types is `null`), the total
//! order used by `ORDER BY`, and the equivalence used by `DISTINCT` and
//! grouping.
//!
//! Nodes and relationships are ids into the store here; they become full
//! [`crate::result::Value`]s (with labels and properties) only when a result
//! leaves the engine. Every variant is at most 24 bytes so rows stay compact.

pub mod pool;
pub mod temporal;

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

pub use temporal::{DateTimeTz, Duration, TimeTz};

/// A node id (stable for the life of the node).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

/// A relationship id (stable for the life of the relationship).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RelId(pub u32);

/// A path: alternating nodes and relationships, `nodes.len() == rels.len() + 1`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PathValue {
    /// The nodes in order.
    pub nodes: Vec<NodeId>,
    /// The relationships in order.
    pub rels: Vec<RelId>,
}

/// A map value: keys sorted.
pub type Map = BTreeMap<Arc<str>, Value>;

/// An engine value.
#[derive(Debug, Clone, Default)]
pub enum Value {
    /// `null`
    #[default]
    Null,
    /// boolean
    Bool(bool),
    /// 64-bit integer
    Int(i64),
    /// 64-bit float
    Float(f64),
    /// string
    String(Arc<str>),
    /// list
    List(Arc<Vec<Value>>),
    /// map
    Map(Arc<Map>),
    /// a node
    Node(NodeId),
    /// a relationship
    Rel(RelId),
    /// a path
    Path(Arc<PathValue>),
    /// `date`
    Date(chrono::NaiveDate),
    /// `localtime`
    LocalTime(chrono::NaiveTime),
    /// `time` (with offset)
    Time(TimeTz),
    /// `localdatetime`
    LocalDateTime(chrono::NaiveDateTime),
    /// `datetime` (with offset and optional zone name)
    DateTime(Arc<DateTimeTz>),
    /// `duration`
    Duration(Arc<Duration>),
}

/// An estimate of the bytes a value occupies, its own slot included.
pub(crate) fn value_bytes(v: &Value) -> usize {
    const SLOT: usize = std::mem::size_of::<Value>();
    SLOT + match v {
        Value::String(s) => 16 + s.len(),
        Value::List(l) => 16 + l.iter().map(value_bytes).sum::<usize>(),
        Value::Map(m) => {
            16 + m
                .iter()
                .map(|(k, x)| 32 + k.len() + value_bytes(x))
                .sum::<usize>()
        }
        Value::Path(p) => 64 + 8 * (p.nodes.len() + p.rels.len()),
        Value::DateTime(_) | Value::Duration(_) => 48,
        _ => 0,
    }
}

impl Value {
    /// A string value.
    pub fn str(s: &str) -> Value {
        Value::String(Arc::from(s))
    }

    /// A list value.
    pub fn list(v: Vec<Value>) -> Value {
        Value::List(Arc::new(v))
    }

    /// A map value.
    pub fn map(m: Map) -> Value {
        Value::Map(Arc::new(m))
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The openCypher type name, for error messages (`Integer`, `String`, …).
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
            Value::Rel(_) => "Relationship",
            Value::Path(_) => "Path",
            Value::Date(_) => "Date",
            Value::LocalTime(_) => "LocalTime",
            Value::Time(_) => "Time",
            Value::LocalDateTime(_) => "LocalDateTime",
            Value::DateTime(_) => "DateTime",
            Value::Duration(_) => "Duration",
        }
    }

    /// The value as f64 if it is a number.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// Whether the value may be stored as a property (no nodes, rels, paths,
    /// maps; lists only of storable scalars).
    pub fn is_storable(&self) -> bool {
        match self {
            Value::Node(_) | Value::Rel(_) | Value::Path(_) | Value::Map(_) => false,
            // lists of one type (integers and floats mix), no nulls or nesting
            Value::List(l) => {
                let family = |v: &Value| match v {
                    Value::Int(_) | Value::Float(_) => 0,
                    other => other.order_rank() + 1,
                };
                l.iter()
                    .all(|v| !matches!(v, Value::List(_) | Value::Null) && v.is_storable())
                    && l.windows(2).all(|w| family(&w[0]) == family(&w[1]))
            }
            _ => true,
        }
    }

    /// openCypher equality: `Some(bool)`, or `None` when the answer is `null`.
    pub fn cypher_eq(&self, other: &Value) -> Option<bool> {
        use Value::*;
        match (self, other) {
            (Null, _) | (_, Null) => None,
            (Int(a), Int(b)) => Some(a == b),
            (Int(_) | Float(_), Int(_) | Float(_)) => Some(num_eq(self, other)),
            (Bool(a), Bool(b)) => Some(a == b),
            // stored strings are often shared: the same allocation is equal
            (String(a), String(b)) => Some(Arc::ptr_eq(a, b) || a == b),
            (List(a), List(b)) => {
                if a.len() != b.len() {
                    return Some(false);
                }
                let mut unknown = false;
                for (x, y) in a.iter().zip(b.iter()) {
                    match x.cypher_eq(y) {
                        Some(false) => return Some(false),
                        None => unknown = true,
                        Some(true) => {}
                    }
                }
                if unknown { None } else { Some(true) }
            }
            (Map(a), Map(b)) => {
                if a.len() != b.len() || a.keys().ne(b.keys()) {
                    return Some(false);
                }
                let mut unknown = false;
                for (x, y) in a.values().zip(b.values()) {
                    match x.cypher_eq(y) {
                        Some(false) => return Some(false),
                        None => unknown = true,
                        Some(true) => {}
                    }
                }
                if unknown { None } else { Some(true) }
            }
            (Node(a), Node(b)) => Some(a == b),
            (Rel(a), Rel(b)) => Some(a == b),
            (Path(a), Path(b)) => Some(a == b),
            (Date(a), Date(b)) => Some(a == b),
            (LocalTime(a), LocalTime(b)) => Some(a == b),
            (Time(a), Time(b)) => Some(a.cmp_instant(b) == Ordering::Equal),
            (LocalDateTime(a), LocalDateTime(b)) => Some(a == b),
            (DateTime(a), DateTime(b)) => Some(a.cmp_instant(b) == Ordering::Equal),
            (Duration(a), Duration(b)) => Some(a == b),
            _ => Some(false),
        }
    }

    /// openCypher comparison for `<`, `<=`, `>`, `>=`: `None` when the values
    /// are not comparable (different types, nulls, NaN involved).
    pub fn cypher_cmp(&self, other: &Value) -> Option<Ordering> {
        use Value::*;
        match (self, other) {
            (Int(a), Int(b)) => Some(a.cmp(b)),
            (Int(_) | Float(_), Int(_) | Float(_)) => num_cmp(self, other),
            (Bool(a), Bool(b)) => Some(a.cmp(b)),
            (String(a), String(b)) => Some(a.cmp(b)),
            (List(a), List(b)) => {
                for (x, y) in a.iter().zip(b.iter()) {
                    match x.cypher_cmp(y)? {
                        Ordering::Equal => {}
                        o => return Some(o),
                    }
                }
                Some(a.len().cmp(&b.len()))
            }
            (Date(a), Date(b)) => Some(a.cmp(b)),
            (LocalTime(a), LocalTime(b)) => Some(a.cmp(b)),
            (Time(a), Time(b)) => Some(a.cmp_instant(b)),
            (LocalDateTime(a), LocalDateTime(b)) => Some(a.cmp(b)),
            (DateTime(a), DateTime(b)) => Some(a.cmp_instant(b)),
            _ => None,
        }
    }

    /// The total order of `ORDER BY` (ascending): maps, nodes, relationships,
    /// lists, paths, datetimes, local datetimes, dates, times, local times,
    /// durations, strings, booleans, numbers (NaN last), null.
    pub fn order(&self, other: &Value) -> Ordering {
        use Value::*;
        let (ra, rb) = (self.order_rank(), other.order_rank());
        if ra != rb {
            return ra.cmp(&rb);
        }
        match (self, other) {
            (Int(a), Int(b)) => a.cmp(b),
            (Int(_) | Float(_), Int(_) | Float(_)) => {
                let (a, b) = (self.as_f64().unwrap_or(0.0), other.as_f64().unwrap_or(0.0));
                match (a.is_nan(), b.is_nan()) {
                    (true, true) => Ordering::Equal,
                    (true, false) => Ordering::Greater,
                    (false, true) => Ordering::Less,
                    _ => num_cmp(self, other).unwrap_or(Ordering::Equal),
                }
            }
            (Bool(a), Bool(b)) => a.cmp(b),
            (String(a), String(b)) => a.cmp(b),
            (List(a), List(b)) => {
                for (x, y) in a.iter().zip(b.iter()) {
                    match x.order(y) {
                        Ordering::Equal => {}
                        o => return o,
                    }
                }
                a.len().cmp(&b.len())
            }
            (Map(a), Map(b)) => {
                let mut ia = a.iter();
                let mut ib = b.iter();
                loop {
                    match (ia.next(), ib.next()) {
                        (None, None) => return Ordering::Equal,
                        (None, Some(_)) => return Ordering::Less,
                        (Some(_), None) => return Ordering::Greater,
                        (Some((ka, va)), Some((kb, vb))) => {
                            let o = ka.cmp(kb).then_with(|| va.order(vb));
                            if o != Ordering::Equal {
                                return o;
                            }
                        }
                    }
                }
            }
            (Node(a), Node(b)) => a.cmp(b),
            (Rel(a), Rel(b)) => a.cmp(b),
            (Path(a), Path(b)) => a.nodes.cmp(&b.nodes).then_with(|| a.rels.cmp(&b.rels)),
            (Date(a), Date(b)) => a.cmp(b),
            (LocalTime(a), LocalTime(b)) => a.cmp(b),
            (Time(a), Time(b)) => a.cmp_instant(b).then_with(|| a.offset.cmp(&b.offset)),
            (LocalDateTime(a), LocalDateTime(b)) => a.cmp(b),
            (DateTime(a), DateTime(b)) => a.cmp_instant(b).then_with(|| a.offset.cmp(&b.offset)),
            (Duration(a), Duration(b)) => a.cmp(b),
            _ => Ordering::Equal,
        }
    }

    pub(crate) fn order_rank(&self) -> u8 {
        use Value::*;
        match self {
            Map(_) => 0,
            Node(_) => 1,
            Rel(_) => 2,
            List(_) => 3,
            Path(_) => 4,
            DateTime(_) => 5,
            LocalDateTime(_) => 6,
            Date(_) => 7,
            Time(_) => 8,
            LocalTime(_) => 9,
            Duration(_) => 10,
            String(_) => 11,
            Bool(_) => 12,
            Int(_) | Float(_) => 13,
            Null => 14,
        }
    }

    /// Truthiness for WHERE: only `true` passes.
    pub fn is_true(&self) -> bool {
        matches!(self, Value::Bool(true))
    }
}

fn num_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Int(x), Value::Float(y)) | (Value::Float(y), Value::Int(x)) => {
            int_float_cmp(*x, *y) == Some(Ordering::Equal)
        }
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        _ => false,
    }
}

fn num_cmp(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        (Value::Int(x), Value::Float(y)) => int_float_cmp(*x, *y),
        (Value::Float(x), Value::Int(y)) => int_float_cmp(*y, *x).map(Ordering::reverse),
        (Value::Float(x), Value::Float(y)) => x.partial_cmp(y),
        _ => None,
    }
}

/// Exact comparison of an i64 with an f64 (no precision loss for large ints).
fn int_float_cmp(i: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f >= 9.223_372_036_854_776e18 {
        return Some(Ordering::Less);
    }
    if f < -9.223_372_036_854_776e18 {
        return Some(Ordering::Greater);
    }
    let t = f.trunc();
    let ti = t as i64;
    match i.cmp(&ti) {
        Ordering::Equal => 0.0f64.partial_cmp(&(f - t)),
        o => Some(o),
    }
}

/// A value under *equivalence*, the equality of DISTINCT and grouping:
/// like `=`, but `null` is equivalent to `null` and NaN to NaN, and `1`
/// to `1.0`. Implements `Hash + Eq` for hash tables.
#[derive(Debug, Clone)]
pub struct GroupKey(pub Value);

impl PartialEq for GroupKey {
    fn eq(&self, other: &GroupKey) -> bool {
        equivalent(&self.0, &other.0)
    }
}

impl Eq for GroupKey {}

impl Hash for GroupKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_value(&self.0, state)
    }
}

/// Equivalence (see [`GroupKey`]).
pub fn equivalent(a: &Value, b: &Value) -> bool {
    use Value::*;
    match (a, b) {
        (Null, Null) => true,
        (Float(x), Float(y)) if x.is_nan() && y.is_nan() => true,
        (List(x), List(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| equivalent(p, q))
        }
        (Map(x), Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y.iter())
                    .all(|((k1, v1), (k2, v2))| k1 == k2 && equivalent(v1, v2))
        }
        (Time(x), Time(y)) => x == y,
        (DateTime(x), DateTime(y)) => x == y,
        _ => a.cypher_eq(b) == Some(true),
    }
}

fn hash_value<H: Hasher>(v: &Value, state: &mut H) {
    use Value::*;
    // Int and Float share a tag: 1 and 1.0 are equivalent.
    let tag = match v {
        Int(_) => Float(0.0).order_rank(),
        other => other.order_rank(),
    };
    tag.hash(state);
    match v {
        Null => {}
        Bool(b) => b.hash(state),
        Int(i) => {
            // Hash as the float it equals when exactly representable, so 1 ~ 1.0.
            let f = *i as f64;
            if f as i64 == *i && f.abs() < 9.0e15 {
                f.to_bits().hash(state)
            } else {
                i.hash(state)
            }
        }
        Float(f) => {
            if f.is_nan() {
                0u8.hash(state)
            } else if *f == 0.0 {
                0.0f64.to_bits().hash(state)
            } else if f.fract() == 0.0 && f.abs() < 9.0e15 {
                f.to_bits().hash(state)
            } else if f.fract() == 0.0 {
                (*f as i64).hash(state)
            } else {
                f.to_bits().hash(state)
            }
        }
        String(s) => s.hash(state),
        List(l) => {
            l.len().hash(state);
            for x in l.iter() {
                hash_value(x, state);
            }
        }
        Map(m) => {
            m.len().hash(state);
            for (k, x) in m.iter() {
                k.hash(state);
                hash_value(x, state);
            }
        }
        Node(n) => n.hash(state),
        Rel(r) => r.hash(state),
        Path(p) => p.hash(state),
        Date(d) => d.hash(state),
        LocalTime(t) => t.hash(state),
        Time(t) => t.hash(state),
        LocalDateTime(t) => t.hash(state),
        DateTime(t) => t.hash(state),
        Duration(d) => d.hash(state),
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}
impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Int(i)
    }
}
impl From<f64> for Value {
    fn from(f: f64) -> Value {
        Value::Float(f)
    }
}
impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::str(s)
    }
}
impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(Arc::from(s))
    }
}

/// Formats a float the way Cypher prints it: always with a decimal point or
/// exponent (`1.0`, `1e300`, `NaN`, `Infinity`).
pub fn format_float(f: f64) -> String {
    if f.is_nan() {
        "NaN".to_string()
    } else if f.is_infinite() {
        if f > 0.0 { "Infinity" } else { "-Infinity" }.to_string()
    } else {
        let s = format!("{f:?}");
        if s.contains('.') || s.contains('e') || s.contains('E') {
            s
        } else {
            format!("{s}.0")
        }
    }
}

/// Quotes a string in Cypher single-quote notation.
pub fn quote_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// Prints scalars, lists and maps in Cypher literal notation; nodes,
/// relationships and paths by id only (the result layer prints them fully).
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
                for (i, v) in l.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{v}")?;
                }
                f.write_str("]")
            }
            Value::Map(m) => {
                f.write_str("{")?;
                for (i, (k, v)) in m.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k}: {v}")?;
                }
                f.write_str("}")
            }
            Value::Node(n) => write!(f, "node({})", n.0),
            Value::Rel(r) => write!(f, "relationship({})", r.0),
            Value::Path(p) => write!(f, "path({} nodes)", p.nodes.len()),
            Value::Date(d) => f.write_str(&temporal::format_date(d)),
            Value::LocalTime(t) => f.write_str(&temporal::format_time(t)),
            Value::Time(t) => write!(f, "{t}"),
            Value::LocalDateTime(t) => f.write_str(&temporal::format_local_datetime(t)),
            Value::DateTime(t) => write!(f, "{t}"),
            Value::Duration(d) => write!(f, "{d}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_is_small() {
        assert!(std::mem::size_of::<Value>() <= 24);
    }

    #[test]
    fn equality_is_three_valued() {
        assert_eq!(Value::Int(1).cypher_eq(&Value::Float(1.0)), Some(true));
        assert_eq!(Value::Int(1).cypher_eq(&Value::Null), None);
        assert_eq!(Value::Int(1).cypher_eq(&Value::str("1")), Some(false));
        let l1 = Value::list(vec![Value::Int(1), Value::Null]);
        let l2 = Value::list(vec![Value::Int(2), Value::Null]);
        assert_eq!(l1.cypher_eq(&l2), Some(false));
        assert_eq!(l1.cypher_eq(&l1.clone()), None);
        assert_eq!(
            Value::Float(f64::NAN).cypher_eq(&Value::Float(f64::NAN)),
            Some(false)
        );
    }

    #[test]
    fn big_int_vs_float() {
        let big = Value::Int(9_007_199_254_740_993);
        assert_eq!(
            big.cypher_eq(&Value::Float(9_007_199_254_740_992.0)),
            Some(false)
        );
        assert_eq!(
            Value::Int(i64::MAX).cypher_cmp(&Value::Float(9.3e18)),
            Some(Ordering::Less)
        );
    }

    #[test]
    fn ordering_across_types() {
        let mut v = [
            Value::Null,
            Value::Int(2),
            Value::str("a"),
            Value::Bool(true),
            Value::Float(f64::NAN),
            Value::Float(1.5),
            Value::list(vec![]),
        ];
        v.sort_by(|a, b| a.order(b));
        let shown: Vec<String> = v.iter().map(|x| x.to_string()).collect();
        assert_eq!(shown, ["[]", "'a'", "true", "1.5", "2", "NaN", "null"]);
    }

    #[test]
    fn grouping_equivalence() {
        use std::collections::HashSet;
        let mut s = HashSet::new();
        s.insert(GroupKey(Value::Int(1)));
        s.insert(GroupKey(Value::Float(1.0)));
        s.insert(GroupKey(Value::Null));
        s.insert(GroupKey(Value::Null));
        s.insert(GroupKey(Value::Float(f64::NAN)));
        s.insert(GroupKey(Value::Float(f64::NAN)));
        assert_eq!(s.len(), 3);
    }

    #[test]
    fn floats_print_with_point() {
        assert_eq!(format_float(1.0), "1.0");
        assert_eq!(format_float(1e300), "1e300");
        assert_eq!(format_float(-0.5), "-0.5");
    }
}
