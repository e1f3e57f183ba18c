//! The function library: a registry the planner resolves names against at
//! compile time ([`lookup`], [`suggest`], [`all`]), the scalar functions the
//! executor calls ([`call`]), temporal field access ([`temporal_property`]),
//! and the accumulator logic of the aggregate functions ([`agg`]).
//!
//! Conventions: a scalar function given a `null` argument returns `null`
//! (except `coalesce`, `exists` and `valueType`); a wrong argument type is a
//! `TypeError: InvalidArgumentType` (the conversion functions and `labels`/
//! `type` use `InvalidArgumentValue`, as the TCK expects) whose message names
//! the function, the expected type and the actual value; an argument outside
//! the function's domain is an `ArgumentError`.

// The planner and executor that call into this module are built on other
// branches; until they are merged nothing in the crate uses it yet.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike};

use crate::error::{Error, ErrorKind, Result};
use crate::exec::arith::describe;
use crate::store::Graph;
use crate::value::temporal::{self, BetweenUnit, Duration, DurationAcc, Num, TemporalParts};
use crate::value::{DateTimeTz, NodeId, PathValue, RelId, TimeTz, Value};

/// Identifies a function; `Copy`, resolved once at plan time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum FuncId {
    // graph
    Id,
    ElementId,
    Labels,
    Type,
    Properties,
    Keys,
    StartNode,
    EndNode,
    Nodes,
    Relationships,
    Length,
    // lists
    Size,
    Head,
    Last,
    Tail,
    Range,
    Reverse,
    Coalesce,
    IsEmpty,
    // conversion
    ToString,
    ToInteger,
    ToFloat,
    ToBoolean,
    ToStringOrNull,
    ToIntegerOrNull,
    ToFloatOrNull,
    ToBooleanOrNull,
    ValueType,
    // strings
    ToLower,
    ToUpper,
    Trim,
    LTrim,
    RTrim,
    Replace,
    Split,
    Substring,
    Left,
    Right,
    // numbers
    Abs,
    Ceil,
    Floor,
    Round,
    Sign,
    Sqrt,
    Exp,
    Log,
    Log10,
    E,
    Pi,
    Sin,
    Cos,
    Tan,
    Cot,
    Asin,
    Acos,
    Atan,
    Atan2,
    Haversin,
    Degrees,
    Radians,
    Rand,
    IsNaN,
    // misc
    RandomUuid,
    Exists,
    Timestamp,
    // temporal
    Date,
    LocalTime,
    Time,
    LocalDateTime,
    DateTime,
    DateTruncate,
    LocalTimeTruncate,
    TimeTruncate,
    LocalDateTimeTruncate,
    DateTimeTruncate,
    DateTimeFromEpoch,
    DateTimeFromEpochMillis,
    Duration,
    DurationBetween,
    VectorCosine,
    VectorEuclidean,
    DurationInMonths,
    DurationInDays,
    DurationInSeconds,
    // aggregates
    Count,
    Sum,
    Avg,
    Min,
    Max,
    Collect,
    StDev,
    StDevP,
    PercentileCont,
    PercentileDisc,
}

/// Whether a function is evaluated per row or aggregates rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FuncKind {
    /// Evaluated per row by [`call`].
    Scalar,
    /// Aggregates rows; see [`agg`].
    Aggregate,
}

/// A registered function.
#[derive(Debug, Clone, Copy)]
pub struct FuncDef {
    /// Canonical name (as Neo4j spells it; lookup is case-insensitive).
    pub name: &'static str,
    /// Fewest arguments.
    pub min_args: usize,
    /// Most arguments (`None`: variadic).
    pub max_args: Option<usize>,
    /// Scalar or aggregate.
    pub kind: FuncKind,
    /// The id passed to [`call`] / [`agg::new_acc`].
    pub id: FuncId,
}

const fn s(name: &'static str, min: usize, max: usize, id: FuncId) -> FuncDef {
    FuncDef {
        name,
        min_args: min,
        max_args: Some(max),
        kind: FuncKind::Scalar,
        id,
    }
}

const fn a(name: &'static str, min: usize, max: usize, id: FuncId) -> FuncDef {
    FuncDef {
        name,
        min_args: min,
        max_args: Some(max),
        kind: FuncKind::Aggregate,
        id,
    }
}

static FUNCS: &[FuncDef] = &[
    s("id", 1, 1, FuncId::Id),
    s("elementId", 1, 1, FuncId::ElementId),
    s("labels", 1, 1, FuncId::Labels),
    s("type", 1, 1, FuncId::Type),
    s("properties", 1, 1, FuncId::Properties),
    s("keys", 1, 1, FuncId::Keys),
    s("startNode", 1, 1, FuncId::StartNode),
    s("endNode", 1, 1, FuncId::EndNode),
    s("nodes", 1, 1, FuncId::Nodes),
    s("relationships", 1, 1, FuncId::Relationships),
    s("length", 1, 1, FuncId::Length),
    s("size", 1, 1, FuncId::Size),
    s("head", 1, 1, FuncId::Head),
    s("last", 1, 1, FuncId::Last),
    s("tail", 1, 1, FuncId::Tail),
    s("range", 2, 3, FuncId::Range),
    s("reverse", 1, 1, FuncId::Reverse),
    FuncDef {
        name: "coalesce",
        min_args: 1,
        max_args: None,
        kind: FuncKind::Scalar,
        id: FuncId::Coalesce,
    },
    s("isEmpty", 1, 1, FuncId::IsEmpty),
    s("toString", 1, 1, FuncId::ToString),
    s("toInteger", 1, 1, FuncId::ToInteger),
    s("toFloat", 1, 1, FuncId::ToFloat),
    s("toBoolean", 1, 1, FuncId::ToBoolean),
    s("toStringOrNull", 1, 1, FuncId::ToStringOrNull),
    s("toIntegerOrNull", 1, 1, FuncId::ToIntegerOrNull),
    s("toFloatOrNull", 1, 1, FuncId::ToFloatOrNull),
    s("toBooleanOrNull", 1, 1, FuncId::ToBooleanOrNull),
    s("valueType", 1, 1, FuncId::ValueType),
    s("toLower", 1, 1, FuncId::ToLower),
    s("lower", 1, 1, FuncId::ToLower),
    s("toUpper", 1, 1, FuncId::ToUpper),
    s("upper", 1, 1, FuncId::ToUpper),
    s("trim", 1, 1, FuncId::Trim),
    s("ltrim", 1, 1, FuncId::LTrim),
    s("rtrim", 1, 1, FuncId::RTrim),
    s("replace", 3, 3, FuncId::Replace),
    s("split", 2, 2, FuncId::Split),
    s("substring", 2, 3, FuncId::Substring),
    s("left", 2, 2, FuncId::Left),
    s("right", 2, 2, FuncId::Right),
    s("abs", 1, 1, FuncId::Abs),
    s("ceil", 1, 1, FuncId::Ceil),
    s("floor", 1, 1, FuncId::Floor),
    s("round", 1, 3, FuncId::Round),
    s("sign", 1, 1, FuncId::Sign),
    s("sqrt", 1, 1, FuncId::Sqrt),
    s("exp", 1, 1, FuncId::Exp),
    s("log", 1, 1, FuncId::Log),
    s("log10", 1, 1, FuncId::Log10),
    s("e", 0, 0, FuncId::E),
    s("pi", 0, 0, FuncId::Pi),
    s("sin", 1, 1, FuncId::Sin),
    s("cos", 1, 1, FuncId::Cos),
    s("tan", 1, 1, FuncId::Tan),
    s("cot", 1, 1, FuncId::Cot),
    s("asin", 1, 1, FuncId::Asin),
    s("acos", 1, 1, FuncId::Acos),
    s("atan", 1, 1, FuncId::Atan),
    s("atan2", 2, 2, FuncId::Atan2),
    s("haversin", 1, 1, FuncId::Haversin),
    s("degrees", 1, 1, FuncId::Degrees),
    s("radians", 1, 1, FuncId::Radians),
    s("rand", 0, 0, FuncId::Rand),
    s("isNaN", 1, 1, FuncId::IsNaN),
    s("randomUUID", 0, 0, FuncId::RandomUuid),
    s("exists", 1, 1, FuncId::Exists),
    s("timestamp", 0, 0, FuncId::Timestamp),
    s("date", 0, 1, FuncId::Date),
    s("localtime", 0, 1, FuncId::LocalTime),
    s("time", 0, 1, FuncId::Time),
    s("localdatetime", 0, 1, FuncId::LocalDateTime),
    s("datetime", 0, 1, FuncId::DateTime),
    s("date.statement", 0, 1, FuncId::Date),
    s("date.transaction", 0, 1, FuncId::Date),
    s("date.realtime", 0, 1, FuncId::Date),
    s("localtime.statement", 0, 1, FuncId::LocalTime),
    s("localtime.transaction", 0, 1, FuncId::LocalTime),
    s("localtime.realtime", 0, 1, FuncId::LocalTime),
    s("time.statement", 0, 1, FuncId::Time),
    s("time.transaction", 0, 1, FuncId::Time),
    s("time.realtime", 0, 1, FuncId::Time),
    s("localdatetime.statement", 0, 1, FuncId::LocalDateTime),
    s("localdatetime.transaction", 0, 1, FuncId::LocalDateTime),
    s("localdatetime.realtime", 0, 1, FuncId::LocalDateTime),
    s("datetime.statement", 0, 1, FuncId::DateTime),
    s("datetime.transaction", 0, 1, FuncId::DateTime),
    s("datetime.realtime", 0, 1, FuncId::DateTime),
    s("date.truncate", 1, 3, FuncId::DateTruncate),
    s("localtime.truncate", 1, 3, FuncId::LocalTimeTruncate),
    s("time.truncate", 1, 3, FuncId::TimeTruncate),
    s(
        "localdatetime.truncate",
        1,
        3,
        FuncId::LocalDateTimeTruncate,
    ),
    s("datetime.truncate", 1, 3, FuncId::DateTimeTruncate),
    s("datetime.fromepoch", 2, 2, FuncId::DateTimeFromEpoch),
    s(
        "datetime.fromepochmillis",
        1,
        1,
        FuncId::DateTimeFromEpochMillis,
    ),
    s("duration", 1, 1, FuncId::Duration),
    s("duration.between", 2, 2, FuncId::DurationBetween),
    s("vector.similarity.cosine", 2, 2, FuncId::VectorCosine),
    s("vector.similarity.euclidean", 2, 2, FuncId::VectorEuclidean),
    s("duration.inMonths", 2, 2, FuncId::DurationInMonths),
    s("duration.inDays", 2, 2, FuncId::DurationInDays),
    s("duration.inSeconds", 2, 2, FuncId::DurationInSeconds),
    a("count", 1, 1, FuncId::Count),
    a("sum", 1, 1, FuncId::Sum),
    a("avg", 1, 1, FuncId::Avg),
    a("min", 1, 1, FuncId::Min),
    a("max", 1, 1, FuncId::Max),
    a("collect", 1, 1, FuncId::Collect),
    a("stDev", 1, 1, FuncId::StDev),
    a("stDevP", 1, 1, FuncId::StDevP),
    a("percentileCont", 2, 2, FuncId::PercentileCont),
    a("percentileDisc", 2, 2, FuncId::PercentileDisc),
];

/// Every registered function (for `:help` and completion).
pub fn all() -> &'static [FuncDef] {
    FUNCS
}

/// Resolves a function name, case-insensitively (`duration.between`,
/// `toupper`, `COUNT`, …).
pub fn lookup(name: &str) -> Option<&'static FuncDef> {
    FUNCS.iter().find(|f| f.name.eq_ignore_ascii_case(name))
}

/// The canonical name of a function id (the first registered spelling).
pub fn name_of(f: FuncId) -> &'static str {
    FUNCS
        .iter()
        .find(|d| d.id == f)
        .map(|d| d.name)
        .unwrap_or("?")
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The closest known function name for a "did you mean" hint: edit
/// distance ≤ 2 (case-insensitive), else a registered name that the input
/// is a case-insensitive prefix of (at least three characters).
pub fn suggest(name: &str) -> Option<&'static str> {
    let lower = name.to_lowercase();
    let best = FUNCS
        .iter()
        .map(|f| (edit_distance(&lower, &f.name.to_lowercase()), f.name))
        .min_by_key(|(d, _)| *d);
    if let Some((d, n)) = best
        && d <= 2
    {
        return Some(n);
    }
    if lower.len() >= 3 {
        return FUNCS
            .iter()
            .find(|f| f.name.to_lowercase().starts_with(&lower))
            .map(|f| f.name);
    }
    None
}

// ---------------------------------------------------------------------------
// Errors and argument helpers
// ---------------------------------------------------------------------------

fn wrong_type(f: FuncId, expected: &str, v: &Value) -> Error {
    Error::type_error(
        "InvalidArgumentType",
        format!("{}() expects {expected}, got {}", name_of(f), describe(v)),
    )
}

fn wrong_value(f: FuncId, expected: &str, v: &Value) -> Error {
    Error::type_error(
        "InvalidArgumentValue",
        format!("{}() expects {expected}, got {}", name_of(f), describe(v)),
    )
}

fn bad_arg(f: FuncId, msg: impl std::fmt::Display) -> Error {
    Error::argument("InvalidArgumentValue", format!("{}(): {msg}", name_of(f)))
}

fn out_of_range(f: FuncId, msg: impl std::fmt::Display) -> Error {
    Error::argument("NumberOutOfRange", format!("{}(): {msg}", name_of(f)))
}

fn deleted(what: &str) -> Error {
    Error::new(
        ErrorKind::EntityNotFound,
        "DeletedEntityAccess",
        format!("the {what} has been deleted"),
    )
}

fn str_arg(f: FuncId, v: &Value) -> Result<&str> {
    match v {
        Value::String(s) => Ok(s),
        _ => Err(wrong_type(f, "a String", v)),
    }
}

fn int_arg(f: FuncId, v: &Value) -> Result<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        _ => Err(wrong_type(f, "an Integer", v)),
    }
}

fn num_arg(f: FuncId, v: &Value) -> Result<f64> {
    v.as_f64().ok_or_else(|| wrong_type(f, "a number", v))
}

fn list_value(v: Vec<Value>) -> Value {
    Value::list(v)
}

fn node_arg(f: FuncId, v: &Value, g: &Graph) -> Result<NodeId> {
    match v {
        Value::Node(n) => {
            if g.node_exists(*n) {
                Ok(*n)
            } else {
                Err(deleted("node"))
            }
        }
        _ => Err(wrong_type(f, "a Node", v)),
    }
}

fn rel_arg(f: FuncId, v: &Value, g: &Graph) -> Result<RelId> {
    match v {
        Value::Rel(r) => {
            if g.rel_exists(*r) {
                Ok(*r)
            } else {
                Err(deleted("relationship"))
            }
        }
        _ => Err(wrong_type(f, "a Relationship", v)),
    }
}

fn path_arg(f: FuncId, v: &Value) -> Result<&PathValue> {
    match v {
        Value::Path(p) => Ok(p),
        _ => Err(wrong_type(f, "a Path", v)),
    }
}

fn props_map(g: &Graph, props: &[(crate::store::Sym, Value)]) -> Value {
    let mut m = BTreeMap::new();
    for (k, v) in props {
        m.insert(Arc::from(g.name(*k)), v.clone());
    }
    Value::map(m)
}

fn float(x: f64) -> Result<Value> {
    Ok(Value::Float(x))
}

// ---------------------------------------------------------------------------
// call
// ---------------------------------------------------------------------------

/// Calls a scalar function on evaluated arguments. The planner has checked
/// the arity; aggregates are not callable here (see [`agg`]).
pub fn call(f: FuncId, args: &[Value], g: &Graph) -> Result<Value> {
    use FuncId as F;
    // null in, null out — except for the functions that look at nulls
    if !matches!(f, F::Coalesce | F::Exists | F::ValueType) && args.iter().any(Value::is_null) {
        return Ok(Value::Null);
    }
    let arg = |i: usize| args.get(i).unwrap_or(&Value::Null);
    let x = arg(0);
    match f {
        // ----- graph -----
        F::Id => match x {
            Value::Node(n) => Ok(Value::Int(n.0 as i64)),
            Value::Rel(r) => Ok(Value::Int(r.0 as i64)),
            _ => Err(wrong_type(f, "a Node or Relationship", x)),
        },
        F::ElementId => match x {
            Value::Node(n) => Ok(Value::from(n.0.to_string())),
            Value::Rel(r) => Ok(Value::from(r.0.to_string())),
            _ => Err(wrong_type(f, "a Node or Relationship", x)),
        },
        F::Labels => match x {
            Value::Node(n) => {
                let rec = g
                    .node(*n)
                    .filter(|_| g.node_exists(*n))
                    .ok_or_else(|| deleted("node"))?;
                Ok(list_value(
                    rec.labels.iter().map(|l| Value::str(g.name(*l))).collect(),
                ))
            }
            _ => Err(wrong_value(f, "a Node", x)),
        },
        F::Type => match x {
            Value::Rel(r) => {
                let rec = g.rel(*r).ok_or_else(|| deleted("relationship"))?;
                Ok(Value::str(g.name(rec.ty)))
            }
            _ => Err(wrong_value(f, "a Relationship", x)),
        },
        F::Properties => match x {
            Value::Node(n) => Ok(props_map(
                g,
                &g.node(*n).ok_or_else(|| deleted("node"))?.props,
            )),
            Value::Rel(r) => Ok(props_map(
                g,
                &g.rel(*r).ok_or_else(|| deleted("relationship"))?.props,
            )),
            Value::Map(_) => Ok(x.clone()),
            _ => Err(wrong_type(f, "a Node, Relationship or Map", x)),
        },
        F::Keys => {
            let keys: Vec<Value> = match x {
                Value::Node(_) => g
                    .node(node_arg(f, x, g)?)
                    .ok_or_else(|| deleted("node"))?
                    .props
                    .iter()
                    .map(|(k, _)| Value::str(g.name(*k)))
                    .collect(),
                Value::Rel(_) => g
                    .rel(rel_arg(f, x, g)?)
                    .ok_or_else(|| deleted("relationship"))?
                    .props
                    .iter()
                    .map(|(k, _)| Value::str(g.name(*k)))
                    .collect(),
                Value::Map(m) => m.keys().map(|k| Value::String(k.clone())).collect(),
                _ => return Err(wrong_type(f, "a Node, Relationship or Map", x)),
            };
            Ok(list_value(keys))
        }
        F::StartNode | F::EndNode => {
            let r = rel_arg(f, x, g)?;
            let (s, e) = g.rel_endpoints(r).ok_or_else(|| deleted("relationship"))?;
            Ok(Value::Node(if f == F::StartNode { s } else { e }))
        }
        F::Nodes => Ok(list_value(
            path_arg(f, x)?
                .nodes
                .iter()
                .map(|n| Value::Node(*n))
                .collect(),
        )),
        F::Relationships => Ok(list_value(
            path_arg(f, x)?
                .rels
                .iter()
                .map(|r| Value::Rel(*r))
                .collect(),
        )),
        F::Length => match x {
            Value::Path(p) => Ok(Value::Int(p.rels.len() as i64)),
            _ => Err(wrong_type(f, "a Path", x)),
        },
        // ----- lists -----
        F::Size => match x {
            Value::String(s) => Ok(Value::Int(s.chars().count() as i64)),
            Value::List(l) => Ok(Value::Int(l.len() as i64)),
            _ => Err(wrong_type(f, "a String or List", x)),
        },
        F::Head | F::Last | F::Tail => {
            let Value::List(l) = x else {
                return Err(wrong_type(f, "a List", x));
            };
            Ok(match f {
                F::Head => l.first().cloned().unwrap_or(Value::Null),
                F::Last => l.last().cloned().unwrap_or(Value::Null),
                _ => list_value(l.iter().skip(1).cloned().collect()),
            })
        }
        F::Range => range(args),
        F::Reverse => match x {
            Value::String(s) => Ok(Value::from(s.chars().rev().collect::<String>())),
            Value::List(l) => Ok(list_value(l.iter().rev().cloned().collect())),
            _ => Err(wrong_type(f, "a String or List", x)),
        },
        F::Coalesce => Ok(args
            .iter()
            .find(|v| !v.is_null())
            .cloned()
            .unwrap_or(Value::Null)),
        F::IsEmpty => match x {
            Value::String(s) => Ok(Value::Bool(s.is_empty())),
            Value::List(l) => Ok(Value::Bool(l.is_empty())),
            Value::Map(m) => Ok(Value::Bool(m.is_empty())),
            _ => Err(wrong_type(f, "a String, List or Map", x)),
        },
        // ----- conversion -----
        F::ToString | F::ToStringOrNull => match to_string(x) {
            Some(v) => Ok(v),
            None if f == F::ToStringOrNull => Ok(Value::Null),
            None => Err(wrong_value(
                f,
                "a String, number, Boolean or temporal value",
                x,
            )),
        },
        F::ToInteger | F::ToIntegerOrNull => match to_integer(x) {
            Some(v) => Ok(v),
            None if f == F::ToIntegerOrNull => Ok(Value::Null),
            None => Err(wrong_value(f, "a String, number or Boolean", x)),
        },
        F::ToFloat | F::ToFloatOrNull => match to_float(x) {
            Some(v) => Ok(v),
            None if f == F::ToFloatOrNull => Ok(Value::Null),
            None => Err(wrong_value(f, "a String or number", x)),
        },
        F::ToBoolean | F::ToBooleanOrNull => match to_boolean(x) {
            Some(v) => Ok(v),
            None if f == F::ToBooleanOrNull => Ok(Value::Null),
            None => Err(wrong_value(f, "a String, Boolean or Integer", x)),
        },
        F::ValueType => Ok(Value::str(&value_type(x))),
        // ----- strings -----
        F::ToLower => Ok(Value::from(str_arg(f, x)?.to_lowercase())),
        F::ToUpper => Ok(Value::from(str_arg(f, x)?.to_uppercase())),
        F::Trim => Ok(Value::str(str_arg(f, x)?.trim())),
        F::LTrim => Ok(Value::str(str_arg(f, x)?.trim_start())),
        F::RTrim => Ok(Value::str(str_arg(f, x)?.trim_end())),
        F::Replace => {
            let (s, from, to) = (str_arg(f, x)?, str_arg(f, arg(1))?, str_arg(f, arg(2))?);
            Ok(Value::from(s.replace(from, to)))
        }
        F::Split => {
            let s = str_arg(f, x)?;
            let parts: Vec<Value> = match arg(1) {
                Value::String(d) if d.is_empty() => {
                    s.chars().map(|c| Value::from(c.to_string())).collect()
                }
                Value::String(d) => s.split(&**d).map(Value::str).collect(),
                Value::List(ds) => {
                    let mut delims = Vec::new();
                    for d in ds.iter() {
                        delims.push(str_arg(f, d)?.to_string());
                    }
                    split_multi(s, &delims)
                }
                other => {
                    return Err(wrong_type(
                        f,
                        "a String or List of Strings delimiter",
                        other,
                    ));
                }
            };
            Ok(list_value(parts))
        }
        F::Substring => {
            let s = str_arg(f, x)?;
            let start = int_arg(f, arg(1))?;
            if start < 0 {
                return Err(bad_arg(
                    f,
                    format!("start must be non-negative, got {start}"),
                ));
            }
            let len = match args.get(2) {
                Some(v) => {
                    let l = int_arg(f, v)?;
                    if l < 0 {
                        return Err(bad_arg(f, format!("length must be non-negative, got {l}")));
                    }
                    Some(l as usize)
                }
                None => None,
            };
            let it = s.chars().skip(start as usize);
            Ok(Value::from(match len {
                Some(l) => it.take(l).collect::<String>(),
                None => it.collect::<String>(),
            }))
        }
        F::Left | F::Right => {
            let s = str_arg(f, x)?;
            let n = int_arg(f, arg(1))?;
            if n < 0 {
                return Err(bad_arg(f, format!("length must be non-negative, got {n}")));
            }
            let n = n as usize;
            let count = s.chars().count();
            Ok(Value::from(if f == F::Left {
                s.chars().take(n).collect::<String>()
            } else {
                s.chars().skip(count.saturating_sub(n)).collect::<String>()
            }))
        }
        // ----- numbers -----
        F::Abs => match x {
            Value::Int(i) => i.checked_abs().map(Value::Int).ok_or_else(|| {
                Error::arithmetic("IntegerOverflow", format!("abs({i}) overflows an Integer"))
            }),
            Value::Float(v) => float(v.abs()),
            _ => Err(wrong_type(f, "a number", x)),
        },
        F::Ceil => float(num_arg(f, x)?.ceil()),
        F::Floor => float(num_arg(f, x)?.floor()),
        F::Round => round(args),
        F::Sign => match x {
            Value::Int(i) => Ok(Value::Int(i.signum())),
            Value::Float(v) => Ok(Value::Int(if *v > 0.0 {
                1
            } else if *v < 0.0 {
                -1
            } else {
                0
            })),
            _ => Err(wrong_type(f, "a number", x)),
        },
        F::Sqrt => float(num_arg(f, x)?.sqrt()),
        F::VectorCosine | F::VectorEuclidean => {
            let y = args.get(1).unwrap_or(&Value::Null);
            if x.is_null() || y.is_null() {
                return Ok(Value::Null);
            }
            let (Some(a), Some(b)) = (
                crate::store::vector::as_vector(x),
                crate::store::vector::as_vector(y),
            ) else {
                let bad = if crate::store::vector::as_vector(x).is_none() {
                    x
                } else {
                    y
                };
                return Err(wrong_type(f, "a List of finite numbers", bad));
            };
            if a.len() != b.len() || a.is_empty() {
                return Err(Error::new(
                    ErrorKind::ArgumentError,
                    "InvalidArgumentValue",
                    format!(
                        "{}: the vectors must have the same, non-zero number of dimensions, got {} and {}",
                        name_of(f),
                        a.len(),
                        b.len()
                    ),
                ));
            }
            let sim = if f == F::VectorCosine {
                crate::store::Similarity::Cosine
            } else {
                crate::store::Similarity::Euclidean
            };
            Ok(sim.score(&a, &b).map_or(Value::Null, Value::Float))
        }
        F::Exp => float(num_arg(f, x)?.exp()),
        F::Log => float(num_arg(f, x)?.ln()),
        F::Log10 => float(num_arg(f, x)?.log10()),
        F::E => float(std::f64::consts::E),
        F::Pi => float(std::f64::consts::PI),
        F::Sin => float(num_arg(f, x)?.sin()),
        F::Cos => float(num_arg(f, x)?.cos()),
        F::Tan => float(num_arg(f, x)?.tan()),
        F::Cot => float(1.0 / num_arg(f, x)?.tan()),
        F::Asin => float(num_arg(f, x)?.asin()),
        F::Acos => float(num_arg(f, x)?.acos()),
        F::Atan => float(num_arg(f, x)?.atan()),
        F::Atan2 => float(num_arg(f, x)?.atan2(num_arg(f, arg(1))?)),
        F::Haversin => float((1.0 - num_arg(f, x)?.cos()) / 2.0),
        F::Degrees => float(num_arg(f, x)?.to_degrees()),
        F::Radians => float(num_arg(f, x)?.to_radians()),
        F::Rand => float(random_f64()),
        F::IsNaN => match x {
            Value::Int(_) => Ok(Value::Bool(false)),
            Value::Float(v) => Ok(Value::Bool(v.is_nan())),
            _ => Err(wrong_type(f, "a number", x)),
        },
        F::RandomUuid => Ok(Value::from(random_uuid())),
        F::Exists => Ok(Value::Bool(!x.is_null())),
        F::Timestamp => Ok(Value::Int(chrono::Utc::now().timestamp_millis())),
        // ----- temporal -----
        F::Date => make_temporal(f, TKind::Date, args),
        F::LocalTime => make_temporal(f, TKind::LocalTime, args),
        F::Time => make_temporal(f, TKind::Time, args),
        F::LocalDateTime => make_temporal(f, TKind::LocalDateTime, args),
        F::DateTime => make_temporal(f, TKind::DateTime, args),
        F::DateTruncate => truncate(f, TKind::Date, args),
        F::LocalTimeTruncate => truncate(f, TKind::LocalTime, args),
        F::TimeTruncate => truncate(f, TKind::Time, args),
        F::LocalDateTimeTruncate => truncate(f, TKind::LocalDateTime, args),
        F::DateTimeTruncate => truncate(f, TKind::DateTime, args),
        F::DateTimeFromEpoch => {
            let secs = int_arg(f, x)?;
            let nanos = int_arg(f, arg(1))?;
            from_epoch_nanos(f, secs as i128 * 1_000_000_000 + nanos as i128)
        }
        F::DateTimeFromEpochMillis => from_epoch_nanos(f, int_arg(f, x)? as i128 * 1_000_000),
        F::Duration => match x {
            Value::String(s) => temporal::parse_duration(s)
                .map(|d| Value::Duration(Arc::new(d)))
                .map_err(|e| bad_arg(f, e)),
            Value::Map(m) => duration_from_map(f, m),
            Value::Duration(_) => Ok(x.clone()),
            _ => Err(wrong_type(f, "a String or Map", x)),
        },
        F::DurationBetween | F::DurationInMonths | F::DurationInDays | F::DurationInSeconds => {
            let unit = match f {
                F::DurationBetween => BetweenUnit::All,
                F::DurationInMonths => BetweenUnit::Months,
                F::DurationInDays => BetweenUnit::Days,
                _ => BetweenUnit::Seconds,
            };
            let pa = parts_of(x).ok_or_else(|| wrong_type(f, "a temporal value", x))?;
            let pb = parts_of(arg(1)).ok_or_else(|| wrong_type(f, "a temporal value", arg(1)))?;
            temporal::between(&pa, &pb, unit)
                .map(|d| Value::Duration(Arc::new(d)))
                .ok_or_else(|| out_of_range(f, "the duration is out of range"))
        }
        F::Count
        | F::Sum
        | F::Avg
        | F::Min
        | F::Max
        | F::Collect
        | F::StDev
        | F::StDevP
        | F::PercentileCont
        | F::PercentileDisc => Err(Error::semantic(
            "InvalidAggregation",
            format!(
                "{}() is an aggregate function and cannot be called per row",
                name_of(f)
            ),
        )),
    }
}

fn range(args: &[Value]) -> Result<Value> {
    let (start, step, count) = range_bounds(args)?;
    let mut out = Vec::with_capacity(count as usize);
    let mut cur = start as i128;
    for _ in 0..count {
        out.push(Value::Int(cur as i64));
        cur += step as i128;
    }
    Ok(Value::list(out))
}

/// `range(start, end[, step])`'s first element, step and number of
/// elements, with its argument errors.
pub(crate) fn range_bounds(args: &[Value]) -> Result<(i64, i64, u64)> {
    let f = FuncId::Range;
    let int = |v: &Value| match v {
        Value::Int(i) => Ok(*i),
        _ => Err(Error::argument(
            "InvalidArgumentType",
            format!("range() expects Integer arguments, got {}", describe(v)),
        )),
    };
    let start = int(&args[0])?;
    let end = int(&args[1])?;
    let step = match args.get(2) {
        Some(v) => int(v)?,
        None => 1,
    };
    if step == 0 {
        return Err(out_of_range(f, "step must not be zero"));
    }
    let count: i128 = if (step > 0 && start > end) || (step < 0 && start < end) {
        0
    } else {
        (end as i128 - start as i128) / step as i128 + 1
    };
    // the same bound whether the list is built or streamed, so that
    // streaming (an optimization) never turns an error into an answer
    if count > 100_000_000 {
        return Err(out_of_range(
            f,
            format!("the list would have {count} elements"),
        ));
    }
    Ok((start, step, count as u64))
}

fn split_multi(s: &str, delims: &[String]) -> Vec<Value> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut rest = s;
    'outer: while !rest.is_empty() {
        for d in delims.iter().filter(|d| !d.is_empty()) {
            if let Some(r) = rest.strip_prefix(d.as_str()) {
                out.push(Value::from(std::mem::take(&mut cur)));
                rest = r;
                continue 'outer;
            }
        }
        let c = rest.chars().next().unwrap_or_default();
        cur.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.push(Value::from(cur));
    out
}

fn round(args: &[Value]) -> Result<Value> {
    let f = FuncId::Round;
    let x = num_arg(f, &args[0])?;
    let precision = match args.get(1) {
        Some(p) => int_arg(f, p)?,
        None => 0,
    };
    let mode = match args.get(2) {
        Some(m) => str_arg(f, m)?.to_ascii_uppercase(),
        None => "HALF_UP".to_string(),
    };
    if !x.is_finite() {
        return float(x);
    }
    if !(0..=15).contains(&precision) {
        return Err(out_of_range(
            f,
            format!("precision must be in 0..=15, got {precision}"),
        ));
    }
    let scale = 10f64.powi(precision as i32);
    let y = x * scale;
    let fl = y.floor();
    let frac = y - fl;
    let eps = 1e-9;
    let half = (frac - 0.5).abs() < eps;
    let away = |v: f64| if x >= 0.0 { v.ceil() } else { v.floor() };
    let toward = |v: f64| v.trunc();
    let r = match mode.as_str() {
        // Neo4j's one-argument round() is Java's Math.round: half up toward +∞
        _ if args.len() == 1 => (y + 0.5).floor(),
        "HALF_UP" => {
            if half {
                away(y)
            } else {
                y.round()
            }
        }
        "HALF_DOWN" => {
            if half {
                toward(y)
            } else {
                y.round()
            }
        }
        "HALF_EVEN" => {
            if half {
                if fl % 2.0 == 0.0 { fl } else { fl + 1.0 }
            } else {
                y.round()
            }
        }
        "UP" => away(y),
        "DOWN" => toward(y),
        "CEILING" => y.ceil(),
        "FLOOR" => fl,
        _ => return Err(bad_arg(f, format!("unknown rounding mode '{mode}'"))),
    };
    float(r / scale)
}

fn to_string(v: &Value) -> Option<Value> {
    Some(match v {
        Value::String(_) => v.clone(),
        Value::Int(i) => Value::from(i.to_string()),
        Value::Float(x) => Value::from(crate::value::format_float(*x)),
        Value::Bool(b) => Value::from(b.to_string()),
        Value::Date(_)
        | Value::LocalTime(_)
        | Value::Time(_)
        | Value::LocalDateTime(_)
        | Value::DateTime(_)
        | Value::Duration(_) => Value::from(v.to_string()),
        _ => return None,
    })
}

/// `toInteger` of a string: decimal, `0x` hex or `0o` octal integers, or a
/// float truncated toward zero; `None` where `toInteger` gives null.
pub(crate) fn parse_int_str(s: &str) -> Option<i64> {
    let t = s.trim();
    if let Ok(i) = t.parse::<i64>() {
        return Some(i);
    }
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let radix = if let Some(h) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        Some((h, 16))
    } else {
        body.strip_prefix("0o").map(|o| (o, 8))
    };
    if let Some((digits, r)) = radix {
        let v = i64::from_str_radix(digits, r).ok()?;
        return Some(if neg { -v } else { v });
    }
    let f = t.parse::<f64>().ok()?;
    float_to_int(f)
}

fn float_to_int(f: f64) -> Option<i64> {
    if f.is_finite() && f > -9.223_372_036_854_776e18 - 1.0 && f < 9.223_372_036_854_776e18 {
        Some(f.trunc() as i64)
    } else {
        None
    }
}

fn to_integer(v: &Value) -> Option<Value> {
    match v {
        Value::Int(_) => Some(v.clone()),
        Value::Float(f) => Some(float_to_int(*f).map(Value::Int).unwrap_or(Value::Null)),
        Value::Bool(b) => Some(Value::Int(*b as i64)),
        Value::String(s) => Some(parse_int_str(s).map(Value::Int).unwrap_or(Value::Null)),
        _ => None,
    }
}

fn to_float(v: &Value) -> Option<Value> {
    match v {
        Value::Float(_) => Some(v.clone()),
        Value::Int(i) => Some(Value::Float(*i as f64)),
        Value::String(s) => Some(parse_float_str(s).map(Value::Float).unwrap_or(Value::Null)),
        _ => None,
    }
}

/// `toFloat` of a string; `None` where `toFloat` gives null.
pub(crate) fn parse_float_str(s: &str) -> Option<f64> {
    let t = s.trim();
    match t {
        "NaN" => Some(f64::NAN),
        "Infinity" | "+Infinity" => Some(f64::INFINITY),
        "-Infinity" => Some(f64::NEG_INFINITY),
        _ if t
            .chars()
            .any(|c| c.is_ascii_alphabetic() && !matches!(c, 'e' | 'E')) =>
        {
            None
        }
        _ => t.parse::<f64>().ok(),
    }
}

/// `toBoolean` of a string (`true`/`false`, any case, spaces around
/// ignored); `None` where `toBoolean` gives null.
pub(crate) fn parse_bool_str(s: &str) -> Option<bool> {
    let t = s.trim();
    if t.eq_ignore_ascii_case("true") {
        Some(true)
    } else if t.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

fn to_boolean(v: &Value) -> Option<Value> {
    match v {
        Value::Bool(_) => Some(v.clone()),
        Value::Int(i) => Some(Value::Bool(*i != 0)),
        Value::String(s) => Some(parse_bool_str(s).map(Value::Bool).unwrap_or(Value::Null)),
        _ => None,
    }
}

/// The Cypher type of a value as `valueType()` reports it
/// (`INTEGER NOT NULL`, `LIST<STRING NOT NULL> NOT NULL`, …).
fn value_type(v: &Value) -> String {
    let base = match v {
        Value::Null => return "NULL".to_string(),
        Value::Bool(_) => "BOOLEAN",
        Value::Int(_) => "INTEGER",
        Value::Float(_) => "FLOAT",
        Value::String(_) => "STRING",
        Value::Map(_) => "MAP",
        Value::Node(_) => "NODE",
        Value::Rel(_) => "RELATIONSHIP",
        Value::Path(_) => "PATH",
        Value::Date(_) => "DATE",
        Value::LocalTime(_) => "LOCAL TIME",
        Value::Time(_) => "ZONED TIME",
        Value::LocalDateTime(_) => "LOCAL DATETIME",
        Value::DateTime(_) => "ZONED DATETIME",
        Value::Duration(_) => "DURATION",
        Value::List(l) => {
            let mut inner: Option<String> = None;
            for x in l.iter() {
                let t = value_type(x);
                inner = match inner {
                    None => Some(t),
                    Some(prev) if prev == t => Some(prev),
                    Some(_) => Some("ANY".to_string()),
                };
            }
            return format!(
                "LIST<{}> NOT NULL",
                inner.unwrap_or_else(|| "NOTHING".to_string())
            );
        }
    };
    format!("{base} NOT NULL")
}

fn random_u64() -> u64 {
    use std::cell::Cell;
    use std::hash::{BuildHasher, Hasher};
    thread_local! {
        static STATE: Cell<u64> = Cell::new({
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u128(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos())
                    .unwrap_or(0),
            );
            h.finish() | 1
        });
    }
    STATE.with(|s| {
        // splitmix64
        let mut z = s.get().wrapping_add(0x9E37_79B9_7F4A_7C15);
        s.set(z);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    })
}

fn random_f64() -> f64 {
    (random_u64() >> 11) as f64 / (1u64 << 53) as f64
}

fn random_uuid() -> String {
    let hi = random_u64();
    let lo = random_u64();
    let mut b = [0u8; 16];
    b[..8].copy_from_slice(&hi.to_be_bytes());
    b[8..].copy_from_slice(&lo.to_be_bytes());
    b[6] = (b[6] & 0x0f) | 0x40; // version 4
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

// ---------------------------------------------------------------------------
// Temporal construction
// ---------------------------------------------------------------------------

/// The five temporal instant types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TKind {
    Date,
    LocalTime,
    Time,
    LocalDateTime,
    DateTime,
}

impl TKind {
    fn has_date(self) -> bool {
        matches!(self, TKind::Date | TKind::LocalDateTime | TKind::DateTime)
    }
    fn has_time(self) -> bool {
        !matches!(self, TKind::Date)
    }
    fn has_offset(self) -> bool {
        matches!(self, TKind::Time | TKind::DateTime)
    }
}

fn temporal_err(f: FuncId, msg: impl std::fmt::Display) -> Error {
    Error::argument("InvalidArgumentValue", format!("{}(): {msg}", name_of(f)))
}

/// The parts of any temporal instant value.
fn parts_of(v: &Value) -> Option<TemporalParts> {
    Some(match v {
        Value::Date(d) => TemporalParts {
            date: Some(*d),
            time: None,
            offset: None,
        },
        Value::LocalTime(t) => TemporalParts {
            date: None,
            time: Some(*t),
            offset: None,
        },
        Value::Time(t) => TemporalParts {
            date: None,
            time: Some(t.time),
            offset: Some(t.offset),
        },
        Value::LocalDateTime(dt) => TemporalParts {
            date: Some(dt.date()),
            time: Some(dt.time()),
            offset: None,
        },
        Value::DateTime(dt) => TemporalParts {
            date: Some(dt.local.date()),
            time: Some(dt.local.time()),
            offset: Some(dt.offset),
        },
        _ => return None,
    })
}

/// Builds a value of `kind` from parts (missing date → error, missing time
/// → midnight, missing offset → UTC).
fn build(
    f: FuncId,
    kind: TKind,
    date: Option<NaiveDate>,
    time: Option<NaiveTime>,
    offset: Option<i32>,
    zone: Option<Arc<str>>,
) -> Result<Value> {
    let time = time.unwrap_or(NaiveTime::MIN);
    let offset = offset.unwrap_or(0);
    let need_date = || date.ok_or_else(|| temporal_err(f, "a date is required"));
    Ok(match kind {
        TKind::Date => Value::Date(need_date()?),
        TKind::LocalTime => Value::LocalTime(time),
        TKind::Time => Value::Time(TimeTz { time, offset }),
        TKind::LocalDateTime => Value::LocalDateTime(need_date()?.and_time(time)),
        TKind::DateTime => Value::DateTime(Arc::new(DateTimeTz {
            local: need_date()?.and_time(time),
            offset,
            zone,
        })),
    })
}

fn now_utc() -> NaiveDateTime {
    chrono::Utc::now().naive_utc()
}

fn make_temporal(f: FuncId, kind: TKind, args: &[Value]) -> Result<Value> {
    let Some(x) = args.first() else {
        let now = now_utc();
        return build(f, kind, Some(now.date()), Some(now.time()), Some(0), None);
    };
    match x {
        Value::String(s) => {
            let e = |m: String| temporal_err(f, m);
            match kind {
                TKind::Date => Ok(Value::Date(temporal::parse_date(s).map_err(e)?)),
                TKind::LocalTime => Ok(Value::LocalTime(temporal::parse_local_time(s).map_err(e)?)),
                TKind::Time => Ok(Value::Time(temporal::parse_time(s).map_err(e)?)),
                TKind::LocalDateTime => Ok(Value::LocalDateTime(
                    temporal::parse_local_datetime(s).map_err(e)?,
                )),
                TKind::DateTime => Ok(Value::DateTime(Arc::new(
                    temporal::parse_datetime(s).map_err(e)?,
                ))),
            }
        }
        Value::Map(m) => temporal_from_map(f, kind, m),
        other => {
            let p = parts_of(other)
                .ok_or_else(|| wrong_type(f, "a String, Map or temporal value", other))?;
            if kind.has_date() && p.date.is_none() {
                return Err(wrong_type(f, "a value with a date", other));
            }
            if (kind == TKind::LocalTime || kind == TKind::Time) && p.time.is_none() {
                return Err(wrong_type(f, "a value with a time", other));
            }
            let zone = match other {
                Value::DateTime(dt) => dt.zone.clone(),
                _ => None,
            };
            build(f, kind, p.date, p.time, p.offset, zone)
        }
    }
}

fn map_get<'m>(m: &'m crate::value::Map, key: &str) -> Option<&'m Value> {
    m.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v)
        .filter(|v| !v.is_null())
}

fn map_int(f: FuncId, m: &crate::value::Map, key: &str) -> Result<Option<i64>> {
    match map_get(m, key) {
        None => Ok(None),
        Some(Value::Int(i)) => Ok(Some(*i)),
        Some(v) => Err(wrong_type(f, &format!("an Integer for '{key}'"), v)),
    }
}

fn u32_field(f: FuncId, key: &str, v: i64) -> Result<u32> {
    u32::try_from(v).map_err(|_| temporal_err(f, format!("invalid value {v} for '{key}'")))
}

fn temporal_from_map(f: FuncId, kind: TKind, m: &crate::value::Map) -> Result<Value> {
    const KNOWN: &[&str] = &[
        "date",
        "time",
        "datetime",
        "year",
        "month",
        "day",
        "week",
        "dayofweek",
        "quarter",
        "dayofquarter",
        "ordinalday",
        "hour",
        "minute",
        "second",
        "millisecond",
        "microsecond",
        "nanosecond",
        "timezone",
        "epochseconds",
        "epochmillis",
    ];
    if let Some((k, _)) = m
        .iter()
        .find(|(k, _)| !KNOWN.contains(&k.to_ascii_lowercase().as_str()))
    {
        return Err(temporal_err(f, format!("unknown field '{k}'")));
    }
    // the time zone asked for
    let tz = match map_get(m, "timezone") {
        None => None,
        Some(Value::String(s)) => Some(temporal::parse_zone(s).map_err(|e| temporal_err(f, e))?),
        Some(v) => return Err(wrong_type(f, "a String time zone", v)),
    };
    // only a time zone: now, in that zone
    if m.len() == 1 && tz.is_some() {
        let (off, zone) = tz.unwrap_or((0, None));
        let now = now_utc() + TimeDelta::seconds(off as i64);
        return build(f, kind, Some(now.date()), Some(now.time()), Some(off), zone);
    }
    // epoch forms
    let epoch_s = map_int(f, m, "epochSeconds")?;
    let epoch_ms = map_int(f, m, "epochMillis")?;
    if epoch_s.is_some() || epoch_ms.is_some() {
        let mut nanos: i128 = epoch_s.unwrap_or(0) as i128 * 1_000_000_000
            + epoch_ms.unwrap_or(0) as i128 * 1_000_000;
        nanos += map_int(f, m, "nanosecond")?.unwrap_or(0) as i128;
        let base = NaiveDate::from_ymd_opt(1970, 1, 1)
            .unwrap_or_default()
            .and_time(NaiveTime::MIN);
        let secs = i64::try_from(nanos.div_euclid(1_000_000_000))
            .map_err(|_| temporal_err(f, "epoch value out of range"))?;
        let utc = TimeDelta::new(secs, nanos.rem_euclid(1_000_000_000) as u32)
            .and_then(|d| base.checked_add_signed(d))
            .ok_or_else(|| temporal_err(f, "epoch value out of range"))?;
        let (off, zone) = tz.unwrap_or((0, None));
        let local = utc + TimeDelta::seconds(off as i64);
        return build(
            f,
            kind,
            Some(local.date()),
            Some(local.time()),
            Some(off),
            zone,
        );
    }

    // base values selected from other temporals
    let mut base_date: Option<NaiveDate> = None;
    let mut base_time: Option<NaiveTime> = None;
    let mut base_offset: Option<i32> = None;
    let mut base_zone: Option<Arc<str>> = None;
    if let Some(v) = map_get(m, "datetime") {
        let p = parts_of(v).ok_or_else(|| wrong_type(f, "a temporal value for 'datetime'", v))?;
        base_date = p.date;
        base_time = p.time;
        base_offset = p.offset;
        if let Value::DateTime(dt) = v {
            base_zone = dt.zone.clone();
        }
    }
    if let Some(v) = map_get(m, "date") {
        let p = parts_of(v).ok_or_else(|| wrong_type(f, "a temporal value for 'date'", v))?;
        base_date = Some(
            p.date
                .ok_or_else(|| wrong_type(f, "a value with a date", v))?,
        );
    }
    if let Some(v) = map_get(m, "time") {
        let p = parts_of(v).ok_or_else(|| wrong_type(f, "a temporal value for 'time'", v))?;
        base_time = Some(
            p.time
                .ok_or_else(|| wrong_type(f, "a value with a time", v))?,
        );
        base_offset = p.offset;
        base_zone = match v {
            Value::DateTime(dt) => dt.zone.clone(),
            _ => None,
        };
    }

    let get = |k: &str| map_int(f, m, k);
    // --- date ---
    let date = if kind.has_date() {
        let year = get("year")?;
        let week = get("week")?;
        let dow = get("dayOfWeek")?;
        let quarter = get("quarter")?;
        let doq = get("dayOfQuarter")?;
        let ordinal = get("ordinalDay")?;
        let month = get("month")?;
        let day = get("day")?;
        let y32 = |y: i64| {
            i32::try_from(y).map_err(|_| temporal_err(f, format!("year {y} is out of range")))
        };
        let invalid = || temporal_err(f, "the fields do not form a valid date");
        let d = if week.is_some() || (dow.is_some() && month.is_none() && day.is_none()) {
            let (wy, w0, d0) = match base_date {
                Some(b) => {
                    let iw = b.iso_week();
                    (
                        iw.year() as i64,
                        iw.week() as i64,
                        b.weekday().number_from_monday() as i64,
                    )
                }
                None => (0, 1, 1),
            };
            let wy = year
                .or(base_date.map(|_| wy))
                .ok_or_else(|| temporal_err(f, "'year' is required"))?;
            let w = week.unwrap_or(w0);
            let dw = dow.unwrap_or(if base_date.is_some() { d0 } else { 1 });
            temporal::iso_week_date(
                y32(wy)?,
                u32_field(f, "week", w)?,
                u32_field(f, "dayOfWeek", dw)?,
            )
            .ok_or_else(invalid)?
        } else if let Some(o) = ordinal {
            let y = year
                .or(base_date.map(|b| b.year() as i64))
                .ok_or_else(|| temporal_err(f, "'year' is required"))?;
            NaiveDate::from_yo_opt(y32(y)?, u32_field(f, "ordinalDay", o)?).ok_or_else(invalid)?
        } else if quarter.is_some() || doq.is_some() {
            let (q0, dq0) = match base_date {
                Some(b) => {
                    let q = b.month0() / 3;
                    let start = NaiveDate::from_ymd_opt(b.year(), q * 3 + 1, 1).unwrap_or(b);
                    (q as i64 + 1, (b - start).num_days() + 1)
                }
                None => (1, 1),
            };
            let y = year
                .or(base_date.map(|b| b.year() as i64))
                .ok_or_else(|| temporal_err(f, "'year' is required"))?;
            let q = quarter.unwrap_or(q0);
            if !(1..=4).contains(&q) {
                return Err(temporal_err(f, format!("invalid quarter {q}")));
            }
            let dq = doq.unwrap_or(dq0);
            let start =
                NaiveDate::from_ymd_opt(y32(y)?, (q as u32 - 1) * 3 + 1, 1).ok_or_else(invalid)?;
            start
                .checked_add_signed(TimeDelta::days(dq - 1))
                .filter(|d| dq >= 1 && (d.month0() / 3) as i64 == q - 1)
                .ok_or_else(invalid)?
        } else {
            let y = match (year, base_date) {
                (Some(y), _) => y,
                (None, Some(b)) => b.year() as i64,
                (None, None) => return Err(temporal_err(f, "'year' is required")),
            };
            let mo = month.unwrap_or(base_date.map(|b| b.month() as i64).unwrap_or(1));
            let da = day.unwrap_or(base_date.map(|b| b.day() as i64).unwrap_or(1));
            NaiveDate::from_ymd_opt(
                y32(y)?,
                u32_field(f, "month", mo)?,
                u32_field(f, "day", da)?,
            )
            .ok_or_else(invalid)?
        };
        Some(d)
    } else {
        None
    };
    // --- time ---
    let time = if kind.has_time() {
        let b = base_time.unwrap_or(NaiveTime::MIN);
        let hour = get("hour")?.unwrap_or(b.hour() as i64);
        let minute = get("minute")?.unwrap_or(b.minute() as i64);
        let second = get("second")?.unwrap_or(b.second() as i64);
        let (ms, us, ns) = (get("millisecond")?, get("microsecond")?, get("nanosecond")?);
        let nanos = if ms.is_some() || us.is_some() || ns.is_some() {
            let (ms, us, ns) = (ms.unwrap_or(0), us.unwrap_or(0), ns.unwrap_or(0));
            if !(0..1000).contains(&ms)
                || !(0..1_000_000).contains(&us)
                || !(0..1_000_000_000).contains(&ns)
            {
                return Err(temporal_err(f, "sub-second field out of range"));
            }
            let total = ms * 1_000_000 + us * 1_000 + ns;
            if total >= 1_000_000_000 {
                return Err(temporal_err(
                    f,
                    "sub-second fields add up to a second or more",
                ));
            }
            total
        } else {
            b.nanosecond() as i64
        };
        Some(
            NaiveTime::from_hms_nano_opt(
                u32_field(f, "hour", hour)?,
                u32_field(f, "minute", minute)?,
                u32_field(f, "second", second)?,
                nanos as u32,
            )
            .ok_or_else(|| temporal_err(f, "the fields do not form a valid time"))?,
        )
    } else {
        None
    };
    // --- offset: convert from the base's offset to the requested zone ---
    let (mut date, mut time) = (date, time);
    let (offset, zone) = match (tz, base_offset) {
        (Some((off, zone)), Some(bo)) if kind.has_offset() => {
            let shift = TimeDelta::seconds((off - bo) as i64);
            match (date, time) {
                (Some(d), Some(t)) => {
                    let dt = d.and_time(t) + shift;
                    date = Some(dt.date());
                    time = Some(dt.time());
                }
                (None, Some(t)) => time = Some(t.overflowing_add_signed(shift).0),
                _ => {}
            }
            (Some(off), zone)
        }
        (Some((off, zone)), _) => (Some(off), zone),
        (None, bo) => (bo, base_zone),
    };
    build(f, kind, date, time, offset, zone)
}

fn from_epoch_nanos(f: FuncId, nanos: i128) -> Result<Value> {
    let secs = i64::try_from(nanos.div_euclid(1_000_000_000))
        .map_err(|_| out_of_range(f, "epoch value out of range"))?;
    let dt = chrono::DateTime::from_timestamp(secs, nanos.rem_euclid(1_000_000_000) as u32)
        .ok_or_else(|| out_of_range(f, "epoch value out of range"))?;
    Ok(Value::DateTime(Arc::new(DateTimeTz {
        local: dt.naive_utc(),
        offset: 0,
        zone: None,
    })))
}

fn duration_from_map(f: FuncId, m: &crate::value::Map) -> Result<Value> {
    let mut acc = DurationAcc::default();
    for (k, v) in m.iter() {
        if v.is_null() {
            continue;
        }
        let n = match v {
            Value::Int(i) => Num::Int(*i),
            Value::Float(x) => Num::Float(*x),
            _ => return Err(wrong_type(f, &format!("a number for '{k}'"), v)),
        };
        let scaled = |mul: i64| match n {
            Num::Int(i) => i.checked_mul(mul).map(Num::Int),
            Num::Float(x) => Some(Num::Float(x * mul as f64)),
        };
        const S: i128 = 1_000_000_000;
        let ok = match k.to_ascii_lowercase().as_str() {
            "years" => scaled(12).and_then(|n| acc.months(n).map(|_| ())),
            "quarters" => scaled(3).and_then(|n| acc.months(n).map(|_| ())),
            "months" => acc.months(n).map(|_| ()),
            "weeks" => scaled(7).and_then(|n| acc.days(n).map(|_| ())),
            "days" => acc.days(n).map(|_| ()),
            "hours" => acc.nanos(n, 3600 * S).map(|_| ()),
            "minutes" => acc.nanos(n, 60 * S).map(|_| ()),
            "seconds" => acc.nanos(n, S).map(|_| ()),
            "milliseconds" => acc.nanos(n, 1_000_000).map(|_| ()),
            "microseconds" => acc.nanos(n, 1_000).map(|_| ()),
            "nanoseconds" => acc.nanos(n, 1).map(|_| ()),
            _ => return Err(temporal_err(f, format!("unknown duration field '{k}'"))),
        };
        ok.ok_or_else(|| out_of_range(f, format!("'{k}' is out of range")))?;
    }
    acc.finish()
        .map(|d| Value::Duration(Arc::new(d)))
        .ok_or_else(|| out_of_range(f, "the duration is out of range"))
}

fn truncate(f: FuncId, kind: TKind, args: &[Value]) -> Result<Value> {
    let unit = str_arg(f, &args[0])?;
    let v = match args.get(1) {
        Some(v) => v.clone(),
        None => make_temporal(f, kind, &[])?,
    };
    let p = parts_of(&v).ok_or_else(|| wrong_type(f, "a temporal value", &v))?;
    if kind.has_date() && p.date.is_none() {
        return Err(wrong_type(f, "a value with a date", &v));
    }
    let bad_unit = || temporal_err(f, format!("cannot truncate to unit '{unit}'"));
    let date_units = [
        "millennium",
        "century",
        "decade",
        "year",
        "weekYear",
        "quarter",
        "month",
        "week",
        "day",
    ];
    let (date, time) = if date_units.contains(&unit) {
        if !kind.has_date() {
            if unit == "day" {
                (None, Some(NaiveTime::MIN))
            } else {
                return Err(bad_unit());
            }
        } else {
            let d = p
                .date
                .and_then(|d| temporal::truncate_date(d, unit))
                .ok_or_else(bad_unit)?;
            (Some(d), Some(NaiveTime::MIN))
        }
    } else {
        if kind == TKind::Date {
            return Err(bad_unit());
        }
        let t =
            temporal::truncate_time(p.time.unwrap_or(NaiveTime::MIN), unit).ok_or_else(bad_unit)?;
        (p.date, Some(t))
    };
    let zone = match &v {
        Value::DateTime(dt) => dt.zone.clone(),
        _ => None,
    };
    let base = build(f, kind, date, time, p.offset, zone)?;
    // optional map of fields to set after truncation
    match args.get(2) {
        Some(Value::Map(m)) if !m.is_empty() => {
            let mut mm = (**m).clone();
            let key = if kind.has_date() && kind.has_time() {
                "datetime"
            } else if kind.has_date() {
                "date"
            } else {
                "time"
            };
            mm.insert(Arc::from(key), base);
            temporal_from_map(f, kind, &mm)
        }
        Some(Value::Map(_)) | None => Ok(base),
        Some(other) => Err(wrong_type(f, "a Map of fields", other)),
    }
}

// ---------------------------------------------------------------------------
// Temporal field access
// ---------------------------------------------------------------------------

/// Reads a field of a temporal value or duration (`d.year`, `t.offset`,
/// `dur.monthsOfYear`, …); field names are case-insensitive.
pub fn temporal_property(v: &Value, key: &str) -> Result<Value> {
    let k = key.to_ascii_lowercase();
    if v.is_null() {
        return Ok(Value::Null);
    }
    if let Value::Duration(d) = v {
        return duration_property(d, &k).ok_or_else(|| no_field(v, key));
    }
    let p = parts_of(v).ok_or_else(|| {
        Error::type_error(
            "InvalidArgumentType",
            format!("cannot read field '{key}' of {}", describe(v)),
        )
    })?;
    let int = |i: i64| Some(Value::Int(i));
    let r: Option<Value> = match (k.as_str(), p.date, p.time, p.offset) {
        ("year", Some(d), _, _) => int(d.year() as i64),
        ("quarter", Some(d), _, _) => int(d.month0() as i64 / 3 + 1),
        ("month", Some(d), _, _) => int(d.month() as i64),
        ("week", Some(d), _, _) => int(d.iso_week().week() as i64),
        ("weekyear", Some(d), _, _) => int(d.iso_week().year() as i64),
        ("day", Some(d), _, _) => int(d.day() as i64),
        ("ordinalday", Some(d), _, _) => int(d.ordinal() as i64),
        ("dayofweek" | "weekday", Some(d), _, _) => int(d.weekday().number_from_monday() as i64),
        ("dayofquarter", Some(d), _, _) => {
            let start = NaiveDate::from_ymd_opt(d.year(), d.month0() / 3 * 3 + 1, 1).unwrap_or(d);
            int((d - start).num_days() + 1)
        }
        ("hour", _, Some(t), _) => int(t.hour() as i64),
        ("minute", _, Some(t), _) => int(t.minute() as i64),
        ("second", _, Some(t), _) => int(t.second() as i64),
        ("millisecond", _, Some(t), _) => int(t.nanosecond() as i64 / 1_000_000),
        ("microsecond", _, Some(t), _) => int(t.nanosecond() as i64 / 1_000),
        ("nanosecond", _, Some(t), _) => int(t.nanosecond() as i64),
        ("timezone", _, _, Some(o)) => match v {
            Value::DateTime(dt) if dt.zone.is_some() => dt.zone.clone().map(Value::String),
            _ => Some(Value::from(offset_string(o))),
        },
        ("offset", _, _, Some(o)) => Some(Value::from(offset_string(o))),
        ("offsetminutes", _, _, Some(o)) => int(o as i64 / 60),
        ("offsetseconds", _, _, Some(o)) => int(o as i64),
        ("epochseconds" | "epochmillis", Some(d), Some(t), Some(o)) => {
            let utc = d.and_time(t) - TimeDelta::seconds(o as i64);
            let u = utc.and_utc();
            if k == "epochseconds" {
                int(u.timestamp())
            } else {
                int(u.timestamp_millis())
            }
        }
        _ => None,
    };
    r.ok_or_else(|| no_field(v, key))
}

fn offset_string(o: i32) -> String {
    // Neo4j prints a zero offset as +00:00 in field access but Z in values;
    // the TCK only checks non-zero offsets, so follow the value notation.
    if o == 0 {
        "Z".to_string()
    } else {
        temporal::format_offset(o)
    }
}

fn no_field(v: &Value, key: &str) -> Error {
    Error::argument(
        "InvalidArgumentValue",
        format!("{} has no field '{key}'", v.type_name()),
    )
}

fn duration_property(d: &Duration, k: &str) -> Option<Value> {
    let n = d.nanos as i64;
    let s = d.seconds;
    Some(Value::Int(match k {
        "years" => d.months / 12,
        "quarters" => d.months / 3,
        "months" => d.months,
        "weeks" => d.days / 7,
        "days" => d.days,
        "hours" => s / 3600,
        "minutes" => s / 60,
        "seconds" => s,
        "milliseconds" => s.checked_mul(1000)?.checked_add(n / 1_000_000)?,
        "microseconds" => s.checked_mul(1_000_000)?.checked_add(n / 1000)?,
        "nanoseconds" => s.checked_mul(1_000_000_000)?.checked_add(n)?,
        "quartersofyear" => (d.months % 12) / 3,
        "monthsofquarter" => d.months % 3,
        "monthsofyear" => d.months % 12,
        "daysofweek" => d.days % 7,
        "minutesofhour" => (s / 60) % 60,
        "secondsofminute" => s % 60,
        "millisecondsofsecond" => n / 1_000_000,
        "microsecondsofsecond" => n / 1000,
        "nanosecondsofsecond" => n,
        _ => return None,
    }))
}

// ---------------------------------------------------------------------------
// Aggregates
// ---------------------------------------------------------------------------

/// Accumulators for the aggregate functions. The executor creates one per
/// group with [`new_acc`](agg::new_acc), feeds it each row's evaluated
/// arguments with [`update`](agg::Accumulator::update), and reads the result
/// with [`finish`](agg::Accumulator::finish).
pub mod agg {
    use rustc_hash::FxHashSet as HashSet;
    use std::sync::Arc;

    use super::{FuncId, name_of, out_of_range, wrong_type};
    use crate::error::{Error, Result};
    use crate::value::{Duration, GroupKey, Value};

    /// The running state of one aggregate over one group.
    #[derive(Debug, Clone)]
    pub enum Accumulator {
        /// `count(*)`: counts rows, nulls included.
        CountStar(i64),
        /// `count(x)`: counts non-null values.
        Count(i64),
        /// `sum(x)`: integers stay integers (checked) until a float arrives;
        /// durations sum to a duration.
        Sum(SumState),
        /// `avg(x)`: a float for numbers, a duration for durations.
        Avg(SumState, i64),
        /// `min(x)`, by the `ORDER BY` order.
        Min(Option<Value>),
        /// `max(x)`, by the `ORDER BY` order.
        Max(Option<Value>),
        /// `collect(x)`, nulls skipped.
        Collect(Vec<Value>),
        /// `stDev` (sample, `population == false`) or `stDevP`.
        StDev {
            /// The values seen.
            values: Vec<f64>,
            /// Population (true) or sample (false) deviation.
            population: bool,
        },
        /// `percentileCont` (`cont == true`) or `percentileDisc`.
        Percentile {
            /// The values seen.
            values: Vec<f64>,
            /// Whether any value was an integer-only column (for Disc's type).
            all_int: bool,
            /// The percentile, from the first row.
            p: Option<f64>,
            /// Interpolating (Cont) or discrete (Disc).
            cont: bool,
        },
        /// `DISTINCT`: the values already fed (first argument) and the inner
        /// accumulator.
        Distinct(HashSet<GroupKey>, Box<Accumulator>),
    }

    /// Running sum: exact integer, float, or duration.
    #[derive(Debug, Clone, Default)]
    pub enum SumState {
        /// Nothing yet (the sum of nothing is `0`).
        #[default]
        Empty,
        /// Only integers so far.
        Int(i64),
        /// At least one float.
        Float(f64),
        /// Durations.
        Duration(Duration),
    }

    impl SumState {
        fn add(&mut self, f: FuncId, v: &Value) -> Result<()> {
            let overflow = || {
                Error::arithmetic(
                    "IntegerOverflow",
                    format!("integer overflow in {}()", name_of(f)),
                )
            };
            *self = match (&*self, v) {
                (SumState::Empty, Value::Int(i)) => SumState::Int(*i),
                (SumState::Empty, Value::Float(x)) => SumState::Float(*x),
                (SumState::Empty, Value::Duration(d)) => SumState::Duration(**d),
                (SumState::Int(a), Value::Int(b)) => {
                    SumState::Int(a.checked_add(*b).ok_or_else(overflow)?)
                }
                (SumState::Int(a), Value::Float(b)) => SumState::Float(*a as f64 + b),
                (SumState::Float(a), Value::Int(b)) => SumState::Float(a + *b as f64),
                (SumState::Float(a), Value::Float(b)) => SumState::Float(a + b),
                (SumState::Duration(a), Value::Duration(b)) => {
                    SumState::Duration(a.checked_add(b).ok_or_else(|| {
                        Error::arithmetic("TemporalOverflow", "duration sum out of range")
                    })?)
                }
                _ => {
                    return Err(wrong_type(f, "numbers or durations (not mixed)", v));
                }
            };
            Ok(())
        }
    }

    impl SumState {
        /// Adds `v` as `times` additions would (see
        /// [`Accumulator::update_times`]).
        fn add_times(&mut self, f: FuncId, v: &Value, times: i64) -> Result<()> {
            let scaled = match v {
                Value::Null => return Ok(()),
                Value::Int(i) => Value::Int(i.checked_mul(times).ok_or_else(|| {
                    Error::arithmetic(
                        "IntegerOverflow",
                        format!("integer overflow in {}()", name_of(f)),
                    )
                })?),
                Value::Float(x) => Value::Float(x * times as f64),
                _ => {
                    for _ in 0..times {
                        self.add(f, v)?;
                    }
                    return Ok(());
                }
            };
            self.add(f, &scaled)
        }
    }

    /// A fresh accumulator for aggregate `f` (`distinct` for `f(DISTINCT x)`).
    /// `FuncId`s that are not aggregates get a `count(*)` accumulator.
    pub fn new_acc(f: FuncId, distinct: bool) -> Accumulator {
        let inner = match f {
            FuncId::Count => Accumulator::Count(0),
            FuncId::Sum => Accumulator::Sum(SumState::Empty),
            FuncId::Avg => Accumulator::Avg(SumState::Empty, 0),
            FuncId::Min => Accumulator::Min(None),
            FuncId::Max => Accumulator::Max(None),
            FuncId::Collect => Accumulator::Collect(Vec::new()),
            FuncId::StDev | FuncId::StDevP => Accumulator::StDev {
                values: Vec::new(),
                population: f == FuncId::StDevP,
            },
            FuncId::PercentileCont | FuncId::PercentileDisc => Accumulator::Percentile {
                values: Vec::new(),
                all_int: true,
                p: None,
                cont: f == FuncId::PercentileCont,
            },
            _ => Accumulator::CountStar(0),
        };
        if distinct && !matches!(inner, Accumulator::CountStar(_)) {
            Accumulator::Distinct(HashSet::default(), Box::new(inner))
        } else {
            inner
        }
    }

    /// Whether accumulators of this aggregate can be merged
    /// ([`Accumulator::merge`]): counts, `min` and `max`, without DISTINCT.
    pub fn mergeable(f: Option<FuncId>, distinct: bool) -> bool {
        !distinct && matches!(f, None | Some(FuncId::Count | FuncId::Min | FuncId::Max))
    }

    impl Accumulator {
        /// Folds in another accumulator of the same aggregate, as if its
        /// rows had been fed to this one (see [`mergeable`]).
        pub fn merge(&mut self, other: Accumulator) -> Result<()> {
            match (self, other) {
                (Accumulator::CountStar(a), Accumulator::CountStar(b))
                | (Accumulator::Count(a), Accumulator::Count(b)) => {
                    *a = a.checked_add(b).ok_or_else(|| {
                        Error::arithmetic("IntegerOverflow", "a count overflowed a 64-bit integer")
                    })?;
                    Ok(())
                }
                (me @ Accumulator::Min(_), Accumulator::Min(Some(v)))
                | (me @ Accumulator::Max(_), Accumulator::Max(Some(v))) => me.update(&[v]),
                (Accumulator::Min(_), Accumulator::Min(None))
                | (Accumulator::Max(_), Accumulator::Max(None)) => Ok(()),
                _ => Err(Error::runtime(
                    "InternalError",
                    "internal error: merging accumulators of different aggregates",
                )),
            }
        }

        /// Values this accumulator keeps (collected, distinct, or kept
        /// for a deviation or percentile).
        fn kept(&self) -> usize {
            match self {
                Accumulator::Collect(v) => v.len(),
                Accumulator::StDev { values, .. } | Accumulator::Percentile { values, .. } => {
                    values.len()
                }
                Accumulator::Distinct(seen, inner) => seen.len() + inner.kept(),
                _ => 0,
            }
        }

        /// [`update`](Accumulator::update), saying about how many bytes
        /// the accumulator grew by (for the statement's memory budget).
        pub fn update_held(&mut self, args: &[Value]) -> Result<usize> {
            let before = self.kept();
            self.update(args)?;
            let grown = self.kept() - before;
            Ok(if grown == 0 {
                0
            } else {
                let each = args
                    .first()
                    .map_or(8, |v| crate::exec::memory::value_bytes(v) + 16);
                grown * each
            })
        }

        /// Feeds one row's evaluated arguments (`[]` for `count(*)`).
        pub fn update(&mut self, args: &[Value]) -> Result<()> {
            let x = args.first().unwrap_or(&Value::Null);
            match self {
                Accumulator::CountStar(n) => *n += 1,
                _ if x.is_null() => {
                    // nulls are ignored, but a percentile must still be valid
                    if let Accumulator::Percentile { p, cont, .. } = self {
                        check_percentile(*cont, p, args.get(1))?;
                    }
                }
                Accumulator::Distinct(seen, inner) => {
                    if seen.insert(GroupKey(x.clone())) {
                        inner.update(args)?;
                    } else if let Accumulator::Percentile { p, cont, .. } = &mut **inner {
                        check_percentile(*cont, p, args.get(1))?;
                    }
                }
                Accumulator::Count(n) => *n += 1,
                Accumulator::Sum(s) => s.add(FuncId::Sum, x)?,
                Accumulator::Avg(s, n) => {
                    s.add(FuncId::Avg, x)?;
                    *n += 1;
                }
                Accumulator::Min(m) => {
                    if m.as_ref().is_none_or(|cur| x.order(cur).is_lt()) {
                        *m = Some(x.clone());
                    }
                }
                Accumulator::Max(m) => {
                    if m.as_ref().is_none_or(|cur| x.order(cur).is_gt()) {
                        *m = Some(x.clone());
                    }
                }
                Accumulator::Collect(v) => v.push(x.clone()),
                Accumulator::StDev { values, population } => {
                    let f = if *population {
                        FuncId::StDevP
                    } else {
                        FuncId::StDev
                    };
                    values.push(x.as_f64().ok_or_else(|| wrong_type(f, "a number", x))?);
                }
                Accumulator::Percentile {
                    values,
                    all_int,
                    p,
                    cont,
                } => {
                    check_percentile(*cont, p, args.get(1))?;
                    let f = if *cont {
                        FuncId::PercentileCont
                    } else {
                        FuncId::PercentileDisc
                    };
                    values.push(x.as_f64().ok_or_else(|| wrong_type(f, "a number", x))?);
                    if !matches!(x, Value::Int(_)) {
                        *all_int = false;
                    }
                }
            }
            Ok(())
        }

        /// Feeds the same evaluated arguments as `times` rows would: counts
        /// and sums grow by `times` at once, `min`/`max` and `DISTINCT`
        /// see the value once. Other aggregates are fed `times` times. A
        /// float sum grows by `x · times`, which equals `times` additions
        /// only when both are small integers: the planner weights float
        /// sums only of such values (`plan::grouping`).
        pub fn update_times(&mut self, args: &[Value], times: i64) -> Result<()> {
            let x = args.first().unwrap_or(&Value::Null);
            let grow = |n: &mut i64| -> Result<()> {
                *n = n.checked_add(times).ok_or_else(|| {
                    Error::arithmetic("IntegerOverflow", "a count overflowed a 64-bit integer")
                })?;
                Ok(())
            };
            match self {
                _ if times <= 0 => Ok(()),
                Accumulator::CountStar(n) => grow(n),
                Accumulator::Count(n) if !x.is_null() => grow(n),
                Accumulator::Count(_) => Ok(()),
                Accumulator::Distinct(..) | Accumulator::Min(_) | Accumulator::Max(_) => {
                    self.update(args)
                }
                Accumulator::Sum(s) => s.add_times(FuncId::Sum, x, times),
                Accumulator::Avg(s, n) if !x.is_null() => {
                    s.add_times(FuncId::Avg, x, times)?;
                    grow(n)
                }
                Accumulator::Avg(..) => Ok(()),
                _ => {
                    for _ in 0..times {
                        self.update(args)?;
                    }
                    Ok(())
                }
            }
        }

        /// The aggregate's result.
        pub fn finish(self) -> Result<Value> {
            Ok(match self {
                Accumulator::CountStar(n) | Accumulator::Count(n) => Value::Int(n),
                Accumulator::Distinct(_, inner) => return inner.finish(),
                Accumulator::Sum(s) => match s {
                    SumState::Empty => Value::Int(0),
                    SumState::Int(i) => Value::Int(i),
                    SumState::Float(x) => Value::Float(x),
                    SumState::Duration(d) => Value::Duration(Arc::new(d)),
                },
                Accumulator::Avg(s, n) => match s {
                    SumState::Empty => Value::Null,
                    SumState::Int(i) => Value::Float(i as f64 / n as f64),
                    SumState::Float(x) => Value::Float(x / n as f64),
                    SumState::Duration(d) => d
                        .div_f64(n as f64)
                        .map(|d| Value::Duration(Arc::new(d)))
                        .unwrap_or(Value::Null),
                },
                Accumulator::Min(m) | Accumulator::Max(m) => m.unwrap_or(Value::Null),
                Accumulator::Collect(v) => Value::list(v),
                Accumulator::StDev { values, population } => {
                    let n = values.len();
                    if n < 2 && !(population && n == 1) {
                        return Ok(Value::Float(0.0));
                    }
                    let mean = values.iter().sum::<f64>() / n as f64;
                    let ss: f64 = values.iter().map(|v| (v - mean) * (v - mean)).sum();
                    let d = if population { n as f64 } else { (n - 1) as f64 };
                    Value::Float((ss / d).sqrt())
                }
                Accumulator::Percentile {
                    mut values,
                    all_int,
                    p,
                    cont,
                } => {
                    if values.is_empty() {
                        return Ok(Value::Null);
                    }
                    let p = p.unwrap_or(0.0);
                    values.sort_by(|a, b| a.total_cmp(b));
                    let n = values.len();
                    if cont {
                        let pos = p * (n - 1) as f64;
                        let lo = pos.floor() as usize;
                        let hi = pos.ceil() as usize;
                        let frac = pos - lo as f64;
                        Value::Float(values[lo] + (values[hi] - values[lo]) * frac)
                    } else {
                        let idx = if p == 0.0 {
                            0
                        } else {
                            ((p * n as f64).ceil() as usize)
                                .saturating_sub(1)
                                .min(n - 1)
                        };
                        let v = values[idx];
                        if all_int {
                            Value::Int(v as i64)
                        } else {
                            Value::Float(v)
                        }
                    }
                }
            })
        }
    }

    fn check_percentile(cont: bool, p: &mut Option<f64>, arg: Option<&Value>) -> Result<()> {
        let f = if cont {
            FuncId::PercentileCont
        } else {
            FuncId::PercentileDisc
        };
        let v = arg.unwrap_or(&Value::Null);
        let x = match v {
            Value::Int(_) | Value::Float(_) => v.as_f64().unwrap_or(f64::NAN),
            _ => {
                return Err(wrong_type(
                    f,
                    "a number between 0.0 and 1.0 as percentile",
                    v,
                ));
            }
        };
        if !(0.0..=1.0).contains(&x) {
            return Err(out_of_range(
                f,
                format!("the percentile must be between 0.0 and 1.0, got {v}"),
            ));
        }
        if p.is_none() {
            *p = Some(x);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::agg::new_acc;
    use super::*;
    use crate::value::Map;

    fn i(x: i64) -> Value {
        Value::Int(x)
    }
    fn fl(x: f64) -> Value {
        Value::Float(x)
    }
    fn st(x: &str) -> Value {
        Value::str(x)
    }
    fn l(v: Vec<Value>) -> Value {
        Value::list(v)
    }
    fn m(pairs: &[(&str, Value)]) -> Value {
        let mut map = Map::new();
        for (k, v) in pairs {
            map.insert(Arc::from(*k), v.clone());
        }
        Value::map(map)
    }
    const N: Value = Value::Null;

    fn run(name: &str, args: &[Value]) -> Result<Value> {
        let def = lookup(name).unwrap_or_else(|| panic!("unknown function {name}"));
        call(def.id, args, &Graph::default())
    }

    /// One row: function name, arguments, expected result in Cypher notation.
    fn check(rows: &[(&str, Vec<Value>, &str)]) {
        for (name, args, want) in rows {
            let got = run(name, args).unwrap_or_else(|e| panic!("{name}{args:?}: {e}"));
            assert_eq!(&got.to_string(), want, "{name}({args:?})");
        }
    }

    /// One row: function name, arguments, expected error kind and code.
    fn check_err(rows: &[(&str, Vec<Value>, ErrorKind, &str)]) {
        for (name, args, kind, code) in rows {
            let e = run(name, args).expect_err(&format!("{name}({args:?}) should fail"));
            assert_eq!(
                (e.kind(), e.code().as_str()),
                (*kind, *code),
                "{name}({args:?}): {e}"
            );
        }
    }

    #[test]
    fn registry() {
        assert_eq!(lookup("TOUPPER").unwrap().id, FuncId::ToUpper);
        assert_eq!(
            lookup("Duration.Between").unwrap().id,
            FuncId::DurationBetween
        );
        assert_eq!(lookup("count").unwrap().kind, FuncKind::Aggregate);
        assert_eq!(lookup("coalesce").unwrap().max_args, None);
        assert!(lookup("nope").is_none());
        assert_eq!(suggest("toUper"), Some("toUpper"));
        assert_eq!(suggest("substr"), Some("substring"));
        assert_eq!(suggest("collet"), Some("collect"));
        assert_eq!(suggest("zzzzzzzz"), None);
        assert!(all().len() > 90);
        // every scalar is callable without panicking on nulls
        for d in all().iter().filter(|d| d.kind == FuncKind::Scalar) {
            let args = vec![N; d.min_args.max(1).min(d.max_args.unwrap_or(1))];
            if d.min_args == 0 {
                continue;
            }
            let _ = call(d.id, &args, &Graph::default());
        }
    }

    #[test]
    fn strings() {
        check(&[
            ("toUpper", vec![st("abc")], "'ABC'"),
            ("toLower", vec![st("ÄBC")], "'äbc'"),
            ("upper", vec![st("a")], "'A'"),
            ("trim", vec![st("  a b  ")], "'a b'"),
            ("ltrim", vec![st("  a ")], "'a '"),
            ("rtrim", vec![st(" a  ")], "' a'"),
            ("replace", vec![st("hello"), st("l"), st("L")], "'heLLo'"),
            ("split", vec![st("a,b,,c"), st(",")], "['a', 'b', '', 'c']"),
            (
                "split",
                vec![st("a,b;c"), l(vec![st(","), st(";")])],
                "['a', 'b', 'c']",
            ),
            ("split", vec![st("añb"), st("")], "['a', 'ñ', 'b']"),
            ("substring", vec![st("0123456789"), i(1)], "'123456789'"),
            ("substring", vec![st("0123456789"), i(1), i(3)], "'123'"),
            ("substring", vec![st("héllo"), i(1), i(2)], "'él'"),
            ("substring", vec![st("abc"), i(10)], "''"),
            ("left", vec![st("héllo"), i(2)], "'hé'"),
            ("left", vec![st("ab"), i(5)], "'ab'"),
            ("right", vec![st("héllo"), i(3)], "'llo'"),
            ("reverse", vec![st("raksO")], "'Oskar'"),
            ("reverse", vec![st("añb")], "'bña'"),
            ("size", vec![st("añb")], "3"),
            ("size", vec![st("😀")], "1"),
            ("toUpper", vec![N], "null"),
            ("substring", vec![st("abc"), N], "null"),
        ]);
        check_err(&[
            (
                "toUpper",
                vec![i(42)],
                ErrorKind::TypeError,
                "InvalidArgumentType",
            ),
            (
                "substring",
                vec![st("abc"), i(-1)],
                ErrorKind::ArgumentError,
                "InvalidArgumentValue",
            ),
            (
                "substring",
                vec![st("abc"), i(0), i(-1)],
                ErrorKind::ArgumentError,
                "InvalidArgumentValue",
            ),
            (
                "left",
                vec![st("abc"), i(-1)],
                ErrorKind::ArgumentError,
                "InvalidArgumentValue",
            ),
            (
                "split",
                vec![st("abc"), i(1)],
                ErrorKind::TypeError,
                "InvalidArgumentType",
            ),
        ]);
        let e = run("toUpper", &[i(42)]).unwrap_err();
        assert_eq!(e.message(), "toUpper() expects a String, got Integer 42");
    }

    #[test]
    fn lists() {
        let abc = l(vec![i(1), i(2), i(3)]);
        check(&[
            ("size", vec![abc.clone()], "3"),
            ("head", vec![abc.clone()], "1"),
            ("last", vec![abc.clone()], "3"),
            ("tail", vec![abc.clone()], "[2, 3]"),
            ("head", vec![l(vec![])], "null"),
            ("tail", vec![l(vec![])], "[]"),
            ("reverse", vec![abc.clone()], "[3, 2, 1]"),
            ("range", vec![i(1), i(5)], "[1, 2, 3, 4, 5]"),
            ("range", vec![i(0), i(10), i(3)], "[0, 3, 6, 9]"),
            ("range", vec![i(5), i(1), i(-2)], "[5, 3, 1]"),
            ("range", vec![i(5), i(1)], "[]"),
            (
                "range",
                vec![i(i64::MAX - 1), i(i64::MAX)],
                "[9223372036854775806, 9223372036854775807]",
            ),
            ("coalesce", vec![N, N, i(3), i(4)], "3"),
            ("coalesce", vec![N], "null"),
            ("isEmpty", vec![l(vec![])], "true"),
            ("isEmpty", vec![st("a")], "false"),
            ("isEmpty", vec![m(&[])], "true"),
            ("keys", vec![m(&[("b", i(1)), ("a", i(2))])], "['a', 'b']"),
            ("properties", vec![m(&[("a", i(1))])], "{a: 1}"),
        ]);
        check_err(&[
            (
                "range",
                vec![i(2), i(8), i(0)],
                ErrorKind::ArgumentError,
                "NumberOutOfRange",
            ),
            (
                "range",
                vec![i(2), fl(8.0)],
                ErrorKind::ArgumentError,
                "InvalidArgumentType",
            ),
            (
                "range",
                vec![i(0), i(i64::MAX)],
                ErrorKind::ArgumentError,
                "NumberOutOfRange",
            ),
            (
                "head",
                vec![i(1)],
                ErrorKind::TypeError,
                "InvalidArgumentType",
            ),
            (
                "size",
                vec![i(1)],
                ErrorKind::TypeError,
                "InvalidArgumentType",
            ),
            (
                "keys",
                vec![i(1)],
                ErrorKind::TypeError,
                "InvalidArgumentType",
            ),
            (
                "properties",
                vec![l(vec![])],
                ErrorKind::TypeError,
                "InvalidArgumentType",
            ),
        ]);
    }

    #[test]
    fn conversions() {
        check(&[
            ("toString", vec![i(42)], "'42'"),
            ("toString", vec![fl(2.5)], "'2.5'"),
            ("toString", vec![fl(1.0)], "'1.0'"),
            ("toString", vec![Value::Bool(true)], "'true'"),
            ("toString", vec![st("x")], "'x'"),
            ("toInteger", vec![fl(2.9)], "2"),
            ("toInteger", vec![fl(-2.9)], "-2"),
            ("toInteger", vec![st("1.7")], "1"),
            ("toInteger", vec![st("42")], "42"),
            ("toInteger", vec![st(" 42 ")], "42"),
            ("toInteger", vec![st("foo")], "null"),
            ("toInteger", vec![st("")], "null"),
            ("toInteger", vec![st("0x1F")], "31"),
            ("toInteger", vec![Value::Bool(true)], "1"),
            (
                "toInteger",
                vec![st("9223372036854775807")],
                "9223372036854775807",
            ),
            ("toInteger", vec![fl(1e30)], "null"),
            ("toFloat", vec![i(3)], "3.0"),
            ("toFloat", vec![st("3.4")], "3.4"),
            ("toFloat", vec![st("1e3")], "1000.0"),
            ("toFloat", vec![st("foo")], "null"),
            ("toFloat", vec![st("NaN")], "NaN"),
            ("toBoolean", vec![st("true")], "true"),
            ("toBoolean", vec![st(" FALSE ")], "false"),
            ("toBoolean", vec![st("yes")], "null"),
            ("toBoolean", vec![i(0)], "false"),
            ("toBoolean", vec![i(7)], "true"),
            ("toStringOrNull", vec![l(vec![])], "null"),
            ("toIntegerOrNull", vec![m(&[])], "null"),
            ("toFloatOrNull", vec![Value::Bool(true)], "null"),
            ("toBooleanOrNull", vec![fl(1.0)], "null"),
            ("toBooleanOrNull", vec![st("true")], "true"),
            ("valueType", vec![i(1)], "'INTEGER NOT NULL'"),
            ("valueType", vec![N], "'NULL'"),
            (
                "valueType",
                vec![l(vec![i(1), st("a")])],
                "'LIST<ANY> NOT NULL'",
            ),
            (
                "valueType",
                vec![l(vec![st("a")])],
                "'LIST<STRING NOT NULL> NOT NULL'",
            ),
            ("toString", vec![N], "null"),
        ]);
        check_err(&[
            (
                "toString",
                vec![l(vec![])],
                ErrorKind::TypeError,
                "InvalidArgumentValue",
            ),
            (
                "toString",
                vec![m(&[])],
                ErrorKind::TypeError,
                "InvalidArgumentValue",
            ),
            (
                "toInteger",
                vec![l(vec![])],
                ErrorKind::TypeError,
                "InvalidArgumentValue",
            ),
            (
                "toFloat",
                vec![Value::Bool(true)],
                ErrorKind::TypeError,
                "InvalidArgumentValue",
            ),
            (
                "toBoolean",
                vec![fl(1.0)],
                ErrorKind::TypeError,
                "InvalidArgumentValue",
            ),
            (
                "labels",
                vec![i(1)],
                ErrorKind::TypeError,
                "InvalidArgumentValue",
            ),
            (
                "type",
                vec![i(1)],
                ErrorKind::TypeError,
                "InvalidArgumentValue",
            ),
        ]);
    }

    #[test]
    fn math() {
        check(&[
            ("abs", vec![i(-3)], "3"),
            ("abs", vec![fl(-3.5)], "3.5"),
            ("abs", vec![i(i64::MAX)], "9223372036854775807"),
            ("ceil", vec![fl(1.2)], "2.0"),
            ("ceil", vec![i(1)], "1.0"),
            ("floor", vec![fl(-1.2)], "-2.0"),
            ("round", vec![fl(2.5)], "3.0"),
            ("round", vec![fl(-2.5)], "-2.0"),
            ("round", vec![fl(1.23456), i(2)], "1.23"),
            ("round", vec![fl(-1.55), i(1)], "-1.6"),
            ("round", vec![fl(1.25), i(1), st("HALF_EVEN")], "1.2"),
            ("round", vec![fl(1.25), i(1), st("HALF_DOWN")], "1.2"),
            ("round", vec![fl(1.21), i(1), st("CEILING")], "1.3"),
            ("round", vec![fl(-1.29), i(1), st("DOWN")], "-1.2"),
            ("sign", vec![i(-7)], "-1"),
            ("sign", vec![fl(0.0)], "0"),
            ("sign", vec![fl(2.5)], "1"),
            ("sqrt", vec![i(16)], "4.0"),
            ("sqrt", vec![i(-1)], "NaN"),
            ("exp", vec![i(0)], "1.0"),
            ("log", vec![i(1)], "0.0"),
            ("log", vec![i(0)], "-Infinity"),
            ("log10", vec![i(100)], "2.0"),
            ("e", vec![], "2.718281828459045"),
            ("pi", vec![], "3.141592653589793"),
            ("sin", vec![i(0)], "0.0"),
            ("cos", vec![i(0)], "1.0"),
            ("tan", vec![i(0)], "0.0"),
            ("asin", vec![i(1)], "1.5707963267948966"),
            ("acos", vec![i(1)], "0.0"),
            ("atan", vec![i(0)], "0.0"),
            ("atan2", vec![i(0), i(1)], "0.0"),
            ("degrees", vec![fl(std::f64::consts::PI)], "180.0"),
            ("radians", vec![i(180)], "3.141592653589793"),
            ("haversin", vec![i(0)], "0.0"),
            ("isNaN", vec![fl(f64::NAN)], "true"),
            ("isNaN", vec![i(1)], "false"),
            ("abs", vec![N], "null"),
            ("exists", vec![N], "false"),
            ("exists", vec![i(0)], "true"),
        ]);
        check_err(&[
            (
                "abs",
                vec![i(i64::MIN)],
                ErrorKind::ArithmeticError,
                "IntegerOverflow",
            ),
            (
                "sqrt",
                vec![st("4")],
                ErrorKind::TypeError,
                "InvalidArgumentType",
            ),
            (
                "round",
                vec![fl(1.0), i(1), st("SIDEWAYS")],
                ErrorKind::ArgumentError,
                "InvalidArgumentValue",
            ),
        ]);
        for _ in 0..100 {
            let Value::Float(r) = run("rand", &[]).unwrap() else {
                panic!()
            };
            assert!((0.0..1.0).contains(&r));
        }
        let Value::String(u) = run("randomUUID", &[]).unwrap() else {
            panic!()
        };
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
        assert_ne!(run("randomUUID", &[]).unwrap().to_string(), u.to_string());
        assert!(matches!(run("timestamp", &[]).unwrap(), Value::Int(t) if t > 1_600_000_000_000));
    }

    #[test]
    fn graph_functions() {
        let mut g = Graph::default();
        let person = g.intern("Person");
        let name = g.intern("name");
        let knows = g.intern("KNOWS");
        let since = g.intern("since");
        let a = g.create_node(&[person], vec![(name, st("Ann"))]);
        let b = g.create_node(&[], vec![]);
        let r = g.create_rel(a, b, knows, vec![(since, i(2001))]).unwrap();
        let c =
            |n: &str, args: &[Value]| call(lookup(n).unwrap().id, args, &g).unwrap().to_string();
        assert_eq!(c("labels", &[Value::Node(a)]), "['Person']");
        assert_eq!(c("labels", &[Value::Node(b)]), "[]");
        assert_eq!(c("type", &[Value::Rel(r)]), "'KNOWS'");
        assert_eq!(c("id", &[Value::Node(b)]), b.0.to_string());
        assert_eq!(c("elementId", &[Value::Rel(r)]), format!("'{}'", r.0));
        assert_eq!(c("properties", &[Value::Node(a)]), "{name: 'Ann'}");
        assert_eq!(c("keys", &[Value::Rel(r)]), "['since']");
        assert_eq!(c("startNode", &[Value::Rel(r)]), Value::Node(a).to_string());
        assert_eq!(c("endNode", &[Value::Rel(r)]), Value::Node(b).to_string());
        let p = Value::Path(Arc::new(PathValue {
            nodes: vec![a, b],
            rels: vec![r],
        }));
        assert_eq!(c("length", std::slice::from_ref(&p)), "1");
        assert_eq!(
            c("nodes", std::slice::from_ref(&p)),
            format!("[{}, {}]", Value::Node(a), Value::Node(b))
        );
        assert_eq!(c("relationships", &[p]), format!("[{}]", Value::Rel(r)));
        g.delete_node(b, true);
        let e = call(FuncId::Labels, &[Value::Node(b)], &g).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::EntityNotFound);
    }

    #[test]
    fn temporal_constructors() {
        check(&[
            ("date", vec![st("2015-07-21")], "2015-07-21"),
            ("date", vec![st("2015-W30-2")], "2015-07-21"),
            (
                "date",
                vec![m(&[("year", i(1984)), ("month", i(10)), ("day", i(11))])],
                "1984-10-11",
            ),
            (
                "date",
                vec![m(&[
                    ("year", i(1984)),
                    ("week", i(10)),
                    ("dayOfWeek", i(3)),
                ])],
                "1984-03-07",
            ),
            (
                "date",
                vec![m(&[("year", i(1817)), ("week", i(1))])],
                "1816-12-30",
            ),
            (
                "date",
                vec![m(&[("year", i(1984)), ("ordinalDay", i(202))])],
                "1984-07-20",
            ),
            (
                "date",
                vec![m(&[
                    ("year", i(1984)),
                    ("quarter", i(3)),
                    ("dayOfQuarter", i(45)),
                ])],
                "1984-08-14",
            ),
            ("date", vec![m(&[("year", i(1984))])], "1984-01-01"),
            (
                "localtime",
                vec![m(&[
                    ("hour", i(12)),
                    ("minute", i(31)),
                    ("second", i(14)),
                    ("nanosecond", i(789)),
                    ("millisecond", i(123)),
                    ("microsecond", i(456)),
                ])],
                "12:31:14.123456789",
            ),
            ("localtime", vec![m(&[("hour", i(12))])], "12:00"),
            (
                "time",
                vec![m(&[
                    ("hour", i(12)),
                    ("minute", i(31)),
                    ("timezone", st("+01:00")),
                ])],
                "12:31+01:00",
            ),
            (
                "time",
                vec![m(&[
                    ("hour", i(12)),
                    ("minute", i(34)),
                    ("second", i(56)),
                    ("timezone", st("-02:05:07")),
                ])],
                "12:34:56-02:05:07",
            ),
            ("time", vec![st("21:40:32.142+0100")], "21:40:32.142+01:00"),
            (
                "localdatetime",
                vec![st("2015-W30T2140")],
                "2015-07-20T21:40",
            ),
            (
                "localdatetime",
                vec![m(&[
                    ("year", i(1984)),
                    ("quarter", i(3)),
                    ("dayOfQuarter", i(45)),
                    ("hour", i(12)),
                ])],
                "1984-08-14T12:00",
            ),
            (
                "datetime",
                vec![m(&[
                    ("year", i(1984)),
                    ("month", i(10)),
                    ("day", i(11)),
                    ("hour", i(12)),
                    ("timezone", st("+01:00")),
                ])],
                "1984-10-11T12:00+01:00",
            ),
            (
                "datetime",
                vec![m(&[("year", i(1984))])],
                "1984-01-01T00:00Z",
            ),
            (
                "datetime",
                vec![st("2015-07-21T21:40:32.142+0100")],
                "2015-07-21T21:40:32.142+01:00",
            ),
            (
                "datetime.fromepoch",
                vec![i(416779), i(999999999)],
                "1970-01-05T19:46:19.999999999Z",
            ),
            (
                "datetime.fromepochmillis",
                vec![i(237821673987)],
                "1977-07-15T13:34:33.987Z",
            ),
            ("date", vec![N], "null"),
        ]);
        check_err(&[
            (
                "date",
                vec![st("2015-02-30")],
                ErrorKind::ArgumentError,
                "InvalidArgumentValue",
            ),
            (
                "date",
                vec![m(&[("year", i(1984)), ("month", i(13))])],
                ErrorKind::ArgumentError,
                "InvalidArgumentValue",
            ),
            (
                "date",
                vec![m(&[("month", i(1))])],
                ErrorKind::ArgumentError,
                "InvalidArgumentValue",
            ),
            (
                "date",
                vec![m(&[("year", st("1984"))])],
                ErrorKind::TypeError,
                "InvalidArgumentType",
            ),
            (
                "date",
                vec![m(&[("year", i(1984)), ("bogus", i(1))])],
                ErrorKind::ArgumentError,
                "InvalidArgumentValue",
            ),
            (
                "date",
                vec![i(5)],
                ErrorKind::TypeError,
                "InvalidArgumentType",
            ),
            (
                "datetime",
                vec![m(&[
                    ("year", i(1984)),
                    ("timezone", st("Europe/Stockholm")),
                ])],
                ErrorKind::ArgumentError,
                "InvalidArgumentValue",
            ),
        ]);
        // no-argument forms are "now"
        assert!(matches!(run("date", &[]).unwrap(), Value::Date(_)));
        assert!(matches!(run("datetime", &[]).unwrap(), Value::DateTime(_)));
        assert!(matches!(
            run("localtime.statement", &[]).unwrap(),
            Value::LocalTime(_)
        ));
    }

    #[test]
    fn temporal_selection() {
        let date = run("date", &[st("1984-11-11")]).unwrap();
        let ldt = run("localdatetime", &[st("1984-03-07T12:31:14.645")]).unwrap();
        let t1 = run("time", &[st("12:31:14.645876+01:00")]).unwrap();
        let lt = run("localtime", &[st("12:31:14.645876123")]).unwrap();
        let dt = run("datetime", &[st("1984-10-11T12:00+01:00")]).unwrap();
        check(&[
            ("date", vec![date.clone()], "1984-11-11"),
            (
                "date",
                vec![m(&[("date", date.clone()), ("year", i(28))])],
                "0028-11-11",
            ),
            (
                "date",
                vec![m(&[("date", date.clone()), ("week", i(1))])],
                "1984-01-08",
            ),
            (
                "date",
                vec![m(&[("date", date.clone()), ("ordinalDay", i(28))])],
                "1984-01-28",
            ),
            (
                "date",
                vec![m(&[("date", date.clone()), ("quarter", i(3))])],
                "1984-08-11",
            ),
            ("date", vec![dt.clone()], "1984-10-11"),
            (
                "localtime",
                vec![m(&[("time", lt.clone()), ("second", i(42))])],
                "12:31:42.645876123",
            ),
            ("localtime", vec![dt.clone()], "12:00"),
            ("time", vec![lt.clone()], "12:31:14.645876123Z"),
            (
                "time",
                vec![m(&[("time", t1.clone()), ("timezone", st("+05:00"))])],
                "16:31:14.645876+05:00",
            ),
            (
                "time",
                vec![m(&[("time", lt.clone()), ("timezone", st("+05:00"))])],
                "12:31:14.645876123+05:00",
            ),
            (
                "localdatetime",
                vec![m(&[
                    ("date", date.clone()),
                    ("hour", i(10)),
                    ("minute", i(10)),
                ])],
                "1984-11-11T10:10",
            ),
            (
                "localdatetime",
                vec![m(&[
                    ("year", i(1984)),
                    ("month", i(10)),
                    ("day", i(11)),
                    ("time", t1.clone()),
                ])],
                "1984-10-11T12:31:14.645876",
            ),
            (
                "datetime",
                vec![m(&[("date", dt.clone()), ("hour", i(10))])],
                "1984-10-11T10:00Z",
            ),
            (
                "datetime",
                vec![m(&[
                    ("year", i(1984)),
                    ("month", i(10)),
                    ("day", i(11)),
                    ("time", t1.clone()),
                    ("timezone", st("+05:00")),
                ])],
                "1984-10-11T16:31:14.645876+05:00",
            ),
            (
                "datetime",
                vec![m(&[("datetime", ldt.clone()), ("timezone", st("+05:00"))])],
                "1984-03-07T12:31:14.645+05:00",
            ),
            (
                "datetime",
                vec![m(&[
                    ("datetime", ldt.clone()),
                    ("day", i(28)),
                    ("second", i(42)),
                ])],
                "1984-03-28T12:31:42.645Z",
            ),
        ]);
    }

    #[test]
    fn durations() {
        check(&[
            ("duration", vec![st("P5M1.5D")], "P5M1DT12H"),
            (
                "duration",
                vec![m(&[("days", i(14)), ("hours", i(16)), ("minutes", i(12))])],
                "P14DT16H12M",
            ),
            (
                "duration",
                vec![m(&[("months", fl(0.75))])],
                "P22DT19H51M49.5S",
            ),
            ("duration", vec![m(&[("weeks", fl(2.5))])], "P17DT12H"),
            (
                "duration",
                vec![m(&[
                    ("days", i(14)),
                    ("seconds", i(70)),
                    ("milliseconds", i(1)),
                ])],
                "P14DT1M10.001S",
            ),
            (
                "duration",
                vec![m(&[("minutes", fl(1.5)), ("seconds", i(1))])],
                "PT1M31S",
            ),
            (
                "duration",
                vec![m(&[
                    ("years", fl(12.5)),
                    ("months", fl(5.5)),
                    ("days", fl(14.5)),
                    ("hours", fl(16.5)),
                    ("minutes", fl(12.5)),
                    ("seconds", fl(70.5)),
                    ("nanoseconds", i(3)),
                ])],
                "P12Y11M29DT33H58M13.500000003S",
            ),
            (
                "duration.between",
                vec![
                    run("date", &[st("1984-10-11")]).unwrap(),
                    run("date", &[st("2015-06-24")]).unwrap(),
                ],
                "P30Y8M13D",
            ),
            (
                "duration.inDays",
                vec![
                    run("date", &[st("1984-10-11")]).unwrap(),
                    run("date", &[st("2015-06-24")]).unwrap(),
                ],
                "P11213D",
            ),
            (
                "duration.inMonths",
                vec![
                    run("localtime", &[st("14:30")]).unwrap(),
                    run("date", &[st("2015-06-24")]).unwrap(),
                ],
                "PT0S",
            ),
            (
                "duration.inSeconds",
                vec![
                    run("time", &[st("14:30")]).unwrap(),
                    run("time", &[st("16:30+0100")]).unwrap(),
                ],
                "PT1H",
            ),
            ("duration.between", vec![N, N], "null"),
        ]);
        check_err(&[
            (
                "duration",
                vec![st("P1Q")],
                ErrorKind::ArgumentError,
                "InvalidArgumentValue",
            ),
            (
                "duration",
                vec![m(&[("days", st("1"))])],
                ErrorKind::TypeError,
                "InvalidArgumentType",
            ),
            (
                "duration",
                vec![m(&[("fortnights", i(1))])],
                ErrorKind::ArgumentError,
                "InvalidArgumentValue",
            ),
            (
                "duration.between",
                vec![i(1), i(2)],
                ErrorKind::TypeError,
                "InvalidArgumentType",
            ),
        ]);
    }

    #[test]
    fn truncation() {
        let dt = run("datetime", &[st("2017-11-11T12:31:14.645876123+01:00")]).unwrap();
        let lt = run("localtime", &[st("12:31:14.645876123")]).unwrap();
        check(&[
            ("date.truncate", vec![st("month"), dt.clone()], "2017-11-01"),
            (
                "date.truncate",
                vec![st("weekYear"), dt.clone()],
                "2017-01-02",
            ),
            (
                "datetime.truncate",
                vec![st("hour"), dt.clone()],
                "2017-11-11T12:00+01:00",
            ),
            (
                "datetime.truncate",
                vec![st("year"), dt.clone(), m(&[("day", i(2))])],
                "2017-01-02T00:00+01:00",
            ),
            (
                "localdatetime.truncate",
                vec![st("second"), dt.clone()],
                "2017-11-11T12:31:14",
            ),
            (
                "localtime.truncate",
                vec![st("millisecond"), lt.clone()],
                "12:31:14.645",
            ),
            ("time.truncate", vec![st("minute"), lt.clone()], "12:31Z"),
            ("localtime.truncate", vec![st("day"), lt.clone()], "00:00"),
        ]);
        check_err(&[
            (
                "date.truncate",
                vec![st("hour"), dt.clone()],
                ErrorKind::ArgumentError,
                "InvalidArgumentValue",
            ),
            (
                "localtime.truncate",
                vec![st("year"), lt],
                ErrorKind::ArgumentError,
                "InvalidArgumentValue",
            ),
        ]);
    }

    #[test]
    fn temporal_fields() {
        let d = run("date", &[st("1984-10-11")]).unwrap();
        let get = |v: &Value, k: &str| temporal_property(v, k).unwrap().to_string();
        for (k, want) in [
            ("year", "1984"),
            ("quarter", "4"),
            ("month", "10"),
            ("week", "41"),
            ("weekYear", "1984"),
            ("day", "11"),
            ("ordinalDay", "285"),
            ("weekDay", "4"),
            ("dayOfWeek", "4"),
            ("dayOfQuarter", "11"),
        ] {
            assert_eq!(get(&d, k), want, "{k}");
        }
        let jan1 = run("date", &[st("1984-01-01")]).unwrap();
        assert_eq!(
            (get(&jan1, "weekYear"), get(&jan1, "week")),
            ("1983".into(), "52".into())
        );
        let t = run("time", &[st("12:31:14.645876123+01:00")]).unwrap();
        for (k, want) in [
            ("hour", "12"),
            ("minute", "31"),
            ("second", "14"),
            ("millisecond", "645"),
            ("microsecond", "645876"),
            ("nanosecond", "645876123"),
            ("timezone", "'+01:00'"),
            ("offset", "'+01:00'"),
            ("offsetMinutes", "60"),
            ("offsetSeconds", "3600"),
        ] {
            assert_eq!(get(&t, k), want, "{k}");
        }
        let dt = run("datetime", &[st("1984-11-11T12:31:14.645876123+01:00")]).unwrap();
        assert_eq!(get(&dt, "epochSeconds"), "469020674");
        assert_eq!(get(&dt, "epochMillis"), "469020674645");
        let dur = run(
            "duration",
            &[m(&[
                ("years", i(1)),
                ("months", i(4)),
                ("days", i(10)),
                ("hours", i(1)),
                ("minutes", i(1)),
                ("seconds", i(1)),
                ("nanoseconds", i(111111111)),
            ])],
        )
        .unwrap();
        for (k, want) in [
            ("years", "1"),
            ("quarters", "5"),
            ("months", "16"),
            ("weeks", "1"),
            ("days", "10"),
            ("hours", "1"),
            ("minutes", "61"),
            ("seconds", "3661"),
            ("milliseconds", "3661111"),
            ("microseconds", "3661111111"),
            ("nanoseconds", "3661111111111"),
            ("quartersOfYear", "1"),
            ("monthsOfQuarter", "1"),
            ("monthsOfYear", "4"),
            ("daysOfWeek", "3"),
            ("minutesOfHour", "1"),
            ("secondsOfMinute", "1"),
            ("millisecondsOfSecond", "111"),
            ("microsecondsOfSecond", "111111"),
            ("nanosecondsOfSecond", "111111111"),
        ] {
            assert_eq!(get(&dur, k), want, "{k}");
        }
        assert!(temporal_property(&d, "hour").is_err());
        assert!(temporal_property(&d, "offset").is_err());
        assert!(temporal_property(&i(1), "year").is_err());
        assert!(temporal_property(&N, "year").unwrap().is_null());
    }

    fn aggregate(f: FuncId, distinct: bool, rows: &[Vec<Value>]) -> Result<Value> {
        let mut acc = new_acc(f, distinct);
        for r in rows {
            acc.update(r)?;
        }
        acc.finish()
    }

    #[test]
    fn aggregates() {
        let col = |v: Vec<Value>| v.into_iter().map(|x| vec![x]).collect::<Vec<_>>();
        let nums = col(vec![i(1), i(2), N, i(2), i(-1)]);
        let agg = |f, d, rows: &[Vec<Value>]| aggregate(f, d, rows).unwrap().to_string();
        assert_eq!(agg(FuncId::Count, false, &nums), "4");
        assert_eq!(agg(FuncId::Count, true, &nums), "3");
        assert_eq!(agg(FuncId::Sum, false, &nums), "4");
        assert_eq!(agg(FuncId::Sum, true, &nums), "2");
        assert_eq!(agg(FuncId::Sum, false, &col(vec![i(1), fl(0.5)])), "1.5");
        assert_eq!(agg(FuncId::Sum, false, &[]), "0");
        assert_eq!(agg(FuncId::Avg, false, &nums), "1.0");
        assert_eq!(agg(FuncId::Avg, false, &[]), "null");
        assert_eq!(agg(FuncId::Min, false, &nums), "-1");
        assert_eq!(agg(FuncId::Max, false, &nums), "2");
        assert_eq!(agg(FuncId::Max, false, &col(vec![])), "null");
        let mixed = col(vec![
            i(1),
            st("a"),
            N,
            l(vec![i(1), i(2)]),
            fl(0.2),
            st("b"),
        ]);
        assert_eq!(agg(FuncId::Max, false, &mixed), "1");
        assert_eq!(agg(FuncId::Min, false, &mixed), "[1, 2]");
        assert_eq!(agg(FuncId::Collect, false, &nums), "[1, 2, 2, -1]");
        assert_eq!(
            agg(FuncId::Collect, true, &col(vec![i(1), fl(1.0), N, N])),
            "[1]"
        );
        assert_eq!(
            agg(
                FuncId::StDev,
                false,
                &col(vec![i(2), i(4), i(4), i(4), i(5), i(5), i(7), i(9)])
            ),
            "2.138089935299395"
        );
        assert_eq!(
            agg(
                FuncId::StDevP,
                false,
                &col(vec![i(2), i(4), i(4), i(4), i(5), i(5), i(7), i(9)])
            ),
            "2.0"
        );
        assert_eq!(agg(FuncId::StDev, false, &col(vec![i(1)])), "0.0");
        let mut cs = new_acc(FuncId::Count, false);
        let mut star = super::agg::Accumulator::CountStar(0);
        for _ in 0..3 {
            cs.update(&[N]).unwrap();
            star.update(&[]).unwrap();
        }
        assert_eq!(cs.finish().unwrap().to_string(), "0");
        assert_eq!(star.finish().unwrap().to_string(), "3");
        let prices = |p: Value| {
            vec![
                vec![fl(10.0), p.clone()],
                vec![fl(20.0), p.clone()],
                vec![fl(30.0), p],
            ]
        };
        for (p, want) in [(0.0, "10.0"), (0.5, "20.0"), (1.0, "30.0")] {
            assert_eq!(agg(FuncId::PercentileDisc, false, &prices(fl(p))), want);
            assert_eq!(agg(FuncId::PercentileCont, false, &prices(fl(p))), want);
        }
        assert_eq!(
            agg(FuncId::PercentileCont, false, &prices(fl(0.25))),
            "15.0"
        );
        assert_eq!(
            agg(
                FuncId::PercentileDisc,
                false,
                &[vec![i(1), fl(0.5)], vec![i(3), fl(0.5)]]
            ),
            "1"
        );
        for bad in [i(1000), i(-1), fl(1.1)] {
            let e = aggregate(FuncId::PercentileCont, false, &prices(bad.clone())).unwrap_err();
            assert_eq!(
                (e.kind(), e.code().as_str()),
                (ErrorKind::ArgumentError, "NumberOutOfRange")
            );
            let e = aggregate(FuncId::PercentileDisc, false, &prices(bad)).unwrap_err();
            assert_eq!(e.code().as_str(), "NumberOutOfRange");
        }
        let e = aggregate(FuncId::Sum, false, &col(vec![i(i64::MAX), i(1)])).unwrap_err();
        assert_eq!(e.code().as_str(), "IntegerOverflow");
        let e = aggregate(FuncId::Sum, false, &col(vec![st("a")])).unwrap_err();
        assert_eq!(e.code().as_str(), "InvalidArgumentType");
        let d1 = run("duration", &[st("P1D")]).unwrap();
        let d2 = run("duration", &[st("PT12H")]).unwrap();
        assert_eq!(
            agg(FuncId::Sum, false, &col(vec![d1.clone(), d2.clone()])),
            "P1DT12H"
        );
        assert_eq!(agg(FuncId::Avg, false, &col(vec![d1, d2])), "PT18H");
    }
}
