//! Between plenary's values and errors and Bolt's: [`Value`] ⇄ PackStream
//! values ([`BoltValue`]), [`Error`] → Neo4j status codes, [`Stats`] → the
//! drivers' summary counters.
//!
//! Element ids are the ids `elementId()` returns, so an id a driver reads
//! from a node can be sent back in a query.

use std::collections::{BTreeMap, HashMap};

use boltr::error::BoltError;
use boltr::types::{
    BoltDate, BoltDateTime, BoltDateTimeZoneId, BoltDict, BoltDuration, BoltLocalDateTime,
    BoltLocalTime, BoltNode, BoltPath, BoltRelationship, BoltTime, BoltUnboundRelationship,
    BoltValue,
};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::error::{Error, ErrorKind};
use crate::result::{Node, Path, Relationship, Value};
use crate::store::Stats;
use crate::value::temporal::{self, DateTimeTz, Duration, TimeTz};

const NANOS: i64 = 1_000_000_000;

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

/// A result value as Bolt sends it.
pub fn to_bolt(v: Value) -> BoltValue {
    match v {
        Value::Null => BoltValue::Null,
        Value::Bool(b) => BoltValue::Boolean(b),
        Value::Int(i) => BoltValue::Integer(i),
        Value::Float(f) => BoltValue::Float(f),
        Value::String(s) => BoltValue::String(s),
        Value::List(l) => BoltValue::List(l.into_iter().map(to_bolt).collect()),
        Value::Map(m) => BoltValue::Dict(dict(m)),
        Value::Node(n) => BoltValue::Node(node(n)),
        Value::Relationship(r) => BoltValue::Relationship(relationship(r)),
        Value::Path(p) => BoltValue::Path(path(p)),
        Value::Date(d) => BoltValue::Date(BoltDate {
            days: (d - epoch()).num_days(),
        }),
        Value::LocalTime(t) => BoltValue::LocalTime(BoltLocalTime {
            nanoseconds: nanos_of_day(&t),
        }),
        Value::Time(t) => BoltValue::Time(BoltTime {
            nanoseconds: nanos_of_day(&t.time),
            tz_offset_seconds: t.offset as i64,
        }),
        Value::LocalDateTime(dt) => {
            let (seconds, nanoseconds) = epoch_parts(&dt);
            BoltValue::LocalDateTime(BoltLocalDateTime {
                seconds,
                nanoseconds,
            })
        }
        Value::DateTime(dt) => {
            // Bolt 5 sends the instant in UTC seconds.
            let (seconds, nanoseconds) = epoch_parts(&dt.utc());
            match dt.zone {
                Some(zone) => BoltValue::DateTimeZoneId(BoltDateTimeZoneId {
                    seconds,
                    nanoseconds,
                    tz_id: zone.to_string(),
                }),
                None => BoltValue::DateTime(BoltDateTime {
                    seconds,
                    nanoseconds,
                    tz_offset_seconds: dt.offset as i64,
                }),
            }
        }
        Value::Duration(d) => BoltValue::Duration(BoltDuration {
            months: d.months,
            days: d.days,
            seconds: d.seconds,
            nanoseconds: d.nanos as i64,
        }),
    }
}

fn dict(m: BTreeMap<String, Value>) -> BoltDict {
    m.into_iter().map(|(k, v)| (k, to_bolt(v))).collect()
}

fn nanos_of_day(t: &NaiveTime) -> i64 {
    t.num_seconds_from_midnight() as i64 * NANOS + t.nanosecond() as i64
}

fn epoch_parts(dt: &NaiveDateTime) -> (i64, i64) {
    let u = dt.and_utc();
    (u.timestamp(), u.timestamp_subsec_nanos() as i64)
}

fn element_id(id: u64) -> String {
    id.to_string()
}

fn node(n: Node) -> BoltNode {
    BoltNode {
        id: n.id as i64,
        element_id: element_id(n.id),
        labels: n.labels,
        properties: dict(n.properties),
    }
}

fn relationship(r: Relationship) -> BoltRelationship {
    BoltRelationship {
        id: r.id as i64,
        start_node_id: r.start as i64,
        end_node_id: r.end as i64,
        element_id: element_id(r.id),
        start_element_id: element_id(r.start),
        end_element_id: element_id(r.end),
        rel_type: r.rel_type,
        properties: dict(r.properties),
    }
}

/// A path in Bolt's form: distinct nodes, distinct relationships, and a
/// walk of (relationship index, node index) pairs, where the relationship
/// index is 1-based and negative when the walk goes against its direction.
fn path(p: Path) -> BoltPath {
    let mut node_ix: HashMap<u64, i64> = HashMap::new();
    let mut rel_ix: HashMap<u64, i64> = HashMap::new();
    let mut nodes = Vec::new();
    let mut rels = Vec::new();
    let mut indices = Vec::with_capacity(p.relationships.len() * 2);
    let ids: Vec<u64> = p.nodes.iter().map(|n| n.id).collect();
    for n in p.nodes {
        node_ix.entry(n.id).or_insert_with(|| {
            nodes.push(node(n));
            nodes.len() as i64 - 1
        });
    }
    for (k, r) in p.relationships.into_iter().enumerate() {
        let from = ids.get(k).copied();
        let to = ids.get(k + 1).copied();
        let forward = from == Some(r.start) || to == Some(r.end);
        let id = r.id;
        let ix = *rel_ix.entry(id).or_insert_with(|| {
            rels.push(BoltUnboundRelationship {
                id: r.id as i64,
                element_id: element_id(r.id),
                rel_type: r.rel_type,
                properties: dict(r.properties),
            });
            rels.len() as i64
        });
        indices.push(if forward { ix } else { -ix });
        indices.push(to.and_then(|t| node_ix.get(&t).copied()).unwrap_or(0));
    }
    BoltPath {
        nodes,
        rels,
        indices,
    }
}

/// A parameter sent by a client, as a plenary value. Types plenary has no
/// counterpart for (byte arrays, points, graph entities) are refused.
pub fn from_bolt(v: BoltValue) -> Result<Value, BoltError> {
    Ok(match v {
        BoltValue::Null => Value::Null,
        BoltValue::Boolean(b) => Value::Bool(b),
        BoltValue::Integer(i) => Value::Int(i),
        BoltValue::Float(f) => Value::Float(f),
        BoltValue::String(s) => Value::String(s),
        BoltValue::List(l) => Value::List(l.into_iter().map(from_bolt).collect::<Result<_, _>>()?),
        BoltValue::Dict(d) => Value::Map(
            d.into_iter()
                .map(|(k, v)| Ok((k, from_bolt(v)?)))
                .collect::<Result<_, BoltError>>()?,
        ),
        BoltValue::Date(d) => Value::Date(
            epoch()
                .checked_add_signed(chrono::TimeDelta::try_days(d.days).ok_or_else(bad_temporal)?)
                .ok_or_else(bad_temporal)?,
        ),
        BoltValue::LocalTime(t) => Value::LocalTime(time_of_day(t.nanoseconds)?),
        BoltValue::Time(t) => Value::Time(TimeTz {
            time: time_of_day(t.nanoseconds)?,
            offset: offset(t.tz_offset_seconds)?,
        }),
        BoltValue::LocalDateTime(dt) => {
            Value::LocalDateTime(from_epoch(dt.seconds, dt.nanoseconds)?)
        }
        BoltValue::DateTime(dt) => {
            let offset = offset(dt.tz_offset_seconds)?;
            let utc = from_epoch(dt.seconds, dt.nanoseconds)?;
            Value::DateTime(DateTimeTz {
                local: utc + chrono::Duration::seconds(offset as i64),
                offset,
                zone: None,
            })
        }
        BoltValue::DateTimeZoneId(dt) => {
            let (offset, zone) = temporal::parse_zone(&dt.tz_id).map_err(|e| {
                query_error(
                    "Neo.ClientError.Statement.ArgumentError",
                    format!("parameter: {e}"),
                )
            })?;
            let utc = from_epoch(dt.seconds, dt.nanoseconds)?;
            Value::DateTime(DateTimeTz {
                local: utc + chrono::Duration::seconds(offset as i64),
                offset,
                zone,
            })
        }
        BoltValue::Duration(d) => {
            let nanos = d.seconds as i128 * NANOS as i128 + d.nanoseconds as i128;
            Value::Duration(Duration::from_parts(d.months, d.days, nanos).ok_or_else(bad_temporal)?)
        }
        other => {
            return Err(query_error(
                "Neo.ClientError.Statement.TypeError",
                format!(
                    "a parameter of type {} cannot be used: plenary has no such type",
                    bolt_type(&other)
                ),
            ));
        }
    })
}

fn bolt_type(v: &BoltValue) -> &'static str {
    match v {
        BoltValue::Bytes(_) => "ByteArray",
        BoltValue::Node(_) => "Node",
        BoltValue::Relationship(_) | BoltValue::UnboundRelationship(_) => "Relationship",
        BoltValue::Path(_) => "Path",
        BoltValue::Point2D(_) | BoltValue::Point3D(_) => "Point",
        _ => "this",
    }
}

fn bad_temporal() -> BoltError {
    query_error(
        "Neo.ClientError.Statement.ArgumentError",
        "a temporal parameter is out of range",
    )
}

fn time_of_day(nanos: i64) -> Result<NaiveTime, BoltError> {
    if !(0..86_400 * NANOS).contains(&nanos) {
        return Err(bad_temporal());
    }
    NaiveTime::from_num_seconds_from_midnight_opt((nanos / NANOS) as u32, (nanos % NANOS) as u32)
        .ok_or_else(bad_temporal)
}

fn offset(seconds: i64) -> Result<i32, BoltError> {
    if seconds.abs() > 18 * 3600 {
        return Err(bad_temporal());
    }
    Ok(seconds as i32)
}

fn from_epoch(seconds: i64, nanos: i64) -> Result<NaiveDateTime, BoltError> {
    let s = seconds
        .checked_add(nanos.div_euclid(NANOS))
        .ok_or_else(bad_temporal)?;
    chrono::DateTime::from_timestamp(s, nanos.rem_euclid(NANOS) as u32)
        .map(|d| d.naive_utc())
        .ok_or_else(bad_temporal)
}

/// A FAILURE with a Neo4j status code.
pub fn query_error(code: &str, message: impl Into<String>) -> BoltError {
    BoltError::Query {
        code: code.to_string(),
        message: message.into(),
    }
}

/// The Neo4j status code for a plenary error. The drivers turn the code's
/// classification into their exception classes (`CypherSyntaxError`,
/// `ConstraintError`, `TransientError`…); `DatabaseError` is kept for
/// internal faults.
pub fn status_code(e: &Error) -> &'static str {
    match (e.kind(), e.code().as_str()) {
        (ErrorKind::SyntaxError | ErrorKind::SemanticError, _) => {
            "Neo.ClientError.Statement.SyntaxError"
        }
        (ErrorKind::TypeError, _) => "Neo.ClientError.Statement.TypeError",
        (ErrorKind::ArgumentError, _) => "Neo.ClientError.Statement.ArgumentError",
        (ErrorKind::EntityNotFound, _) => "Neo.ClientError.Statement.EntityNotFound",
        (ErrorKind::ConstraintVerificationFailed, _) => {
            "Neo.ClientError.Schema.ConstraintCreationFailed"
        }
        (ErrorKind::ConstraintValidationFailed, _) => {
            "Neo.ClientError.Schema.ConstraintValidationFailed"
        }
        (ErrorKind::ProcedureError, code) if code.contains("Unknown") => {
            "Neo.ClientError.Procedure.ProcedureNotFound"
        }
        (ErrorKind::ProcedureError, _) => "Neo.ClientError.Procedure.ProcedureCallFailed",
        (ErrorKind::ParameterMissing, _) => "Neo.ClientError.Statement.ParameterMissing",
        (ErrorKind::ArithmeticError, _) => "Neo.ClientError.Statement.ArithmeticError",
        (ErrorKind::Cancelled, "Timeout") => {
            "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration"
        }
        (ErrorKind::Cancelled, _) => "Neo.ClientError.Transaction.Terminated",
        (ErrorKind::IoError, "Locked") => "Neo.TransientError.General.DatabaseUnavailable",
        (ErrorKind::IoError, _) => "Neo.ClientError.Statement.ExternalResourceFailed",
        // Neo4j's code for a transaction over `db.memory.transaction.max`
        // (drivers treat it as transient and retry managed transactions)
        (_, "MemoryLimitExceeded") => "Neo.TransientError.General.TransactionMemoryLimit",
        (_, "InternalError" | "Poisoned") => "Neo.DatabaseError.General.UnknownError",
        (_, "TransactionInProgress" | "TransactionAlreadyOpen") => {
            "Neo.TransientError.Transaction.LockAcquisitionTimeout"
        }
        (_, code) if code.starts_with("Transaction") => {
            "Neo.ClientError.Transaction.TransactionNotFound"
        }
        _ => "Neo.ClientError.Statement.ExecutionFailed",
    }
}

/// A plenary error as a FAILURE: the status code, and the message with its
/// position and the offending line, as the REPL shows it.
pub fn failure(e: &Error) -> BoltError {
    query_error(status_code(e), e.to_string())
}

/// A notification as Neo4j sends it in a summary (Bolt 5.0–5.4).
pub fn notification(n: &crate::Notification) -> BoltValue {
    let int = |x: usize| BoltValue::Integer(x.min(i64::MAX as usize) as i64);
    BoltValue::Dict(BoltDict::from([
        ("code".to_string(), BoltValue::String(n.code.clone())),
        ("title".to_string(), BoltValue::String(n.title.clone())),
        (
            "description".to_string(),
            BoltValue::String(n.description.clone()),
        ),
        (
            "severity".to_string(),
            BoltValue::String(n.severity.clone()),
        ),
        (
            "category".to_string(),
            BoltValue::String("UNRECOGNIZED".into()),
        ),
        (
            "position".to_string(),
            BoltValue::Dict(BoltDict::from([
                ("offset".to_string(), int(n.offset)),
                ("line".to_string(), int(n.line)),
                ("column".to_string(), int(n.column)),
            ])),
        ),
    ]))
}

/// The summary counters (`stats`) as the drivers read them; only the
/// counters that are not zero, as Neo4j sends them.
pub fn counters(s: &Stats) -> BoltDict {
    let all = [
        ("nodes-created", s.nodes_created),
        ("nodes-deleted", s.nodes_deleted),
        ("relationships-created", s.relationships_created),
        ("relationships-deleted", s.relationships_deleted),
        ("properties-set", s.properties_set),
        ("labels-added", s.labels_added),
        ("labels-removed", s.labels_removed),
        ("indexes-added", s.indexes_added),
        ("indexes-removed", s.indexes_removed),
        ("constraints-added", s.constraints_added),
        ("constraints-removed", s.constraints_removed),
    ];
    let mut d: BoltDict = all
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| {
            (
                k.to_string(),
                BoltValue::Integer(n.min(i64::MAX as u64) as i64),
            )
        })
        .collect();
    if !d.is_empty() {
        d.insert("contains-updates".into(), BoltValue::Boolean(true));
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(v: Value) -> Value {
        from_bolt(to_bolt(v)).unwrap()
    }

    #[test]
    fn scalars_and_temporals_round_trip() {
        let date = NaiveDate::from_ymd_opt(1945, 10, 24).unwrap();
        let t = NaiveTime::from_hms_nano_opt(13, 5, 7, 123_456_789).unwrap();
        let vals = vec![
            Value::Null,
            Value::Bool(true),
            Value::Int(i64::MIN),
            Value::Float(-0.5),
            Value::String("Ünïcode".into()),
            Value::List(vec![Value::Int(1), Value::List(vec![Value::Null])]),
            Value::Date(date),
            Value::Date(NaiveDate::from_ymd_opt(1, 1, 1).unwrap()),
            Value::LocalTime(t),
            Value::Time(TimeTz {
                time: t,
                offset: -5 * 3600,
            }),
            Value::LocalDateTime(date.and_time(t)),
            Value::DateTime(DateTimeTz {
                local: date.and_time(t),
                offset: 3600 + 1800,
                zone: None,
            }),
            Value::DateTime(DateTimeTz {
                local: date.and_time(t),
                offset: 0,
                zone: Some("UTC".into()),
            }),
            Value::Duration(Duration {
                months: 14,
                days: -3,
                seconds: -2,
                nanos: 500,
            }),
        ];
        for v in vals {
            assert_eq!(round(v.clone()), v);
        }
    }

    #[test]
    fn a_datetime_is_sent_as_its_utc_instant() {
        let local = NaiveDate::from_ymd_opt(1970, 1, 1)
            .unwrap()
            .and_hms_opt(2, 0, 0)
            .unwrap();
        let v = Value::DateTime(DateTimeTz {
            local,
            offset: 7200,
            zone: None,
        });
        assert_eq!(
            to_bolt(v),
            BoltValue::DateTime(BoltDateTime {
                seconds: 0,
                nanoseconds: 0,
                tz_offset_seconds: 7200
            })
        );
    }

    #[test]
    fn a_path_walks_against_a_relationship_with_a_negative_index() {
        let n = |id| Node {
            id,
            labels: vec![],
            properties: BTreeMap::new(),
        };
        let r = |id, start, end| Relationship {
            id,
            rel_type: "R".into(),
            start,
            end,
            properties: BTreeMap::new(),
        };
        // 1 -[10]-> 2 <-[11]- 3
        let p = Path {
            nodes: vec![n(1), n(2), n(3)],
            relationships: vec![r(10, 1, 2), r(11, 3, 2)],
        };
        let b = path(p);
        assert_eq!(b.nodes.len(), 3);
        assert_eq!(b.rels.len(), 2);
        assert_eq!(b.indices, vec![1, 1, -2, 2]);
    }

    #[test]
    fn unsupported_parameters_and_bad_temporals_are_errors() {
        assert!(from_bolt(BoltValue::Bytes(vec![1])).is_err());
        assert!(from_bolt(BoltValue::LocalTime(BoltLocalTime { nanoseconds: -1 })).is_err());
        assert!(from_bolt(BoltValue::Date(BoltDate { days: i64::MAX })).is_err());
        assert!(
            from_bolt(BoltValue::LocalDateTime(BoltLocalDateTime {
                seconds: i64::MAX,
                nanoseconds: i64::MAX
            }))
            .is_err()
        );
        assert!(
            from_bolt(BoltValue::Duration(BoltDuration {
                months: 0,
                days: 0,
                seconds: i64::MAX,
                nanoseconds: i64::MAX
            }))
            .is_err()
        );
    }

    fn any_bolt() -> impl proptest::strategy::Strategy<Value = BoltValue> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(BoltValue::Null),
            any::<bool>().prop_map(BoltValue::Boolean),
            any::<i64>().prop_map(BoltValue::Integer),
            any::<f64>().prop_map(BoltValue::Float),
            ".{0,8}".prop_map(BoltValue::String),
            proptest::collection::vec(any::<u8>(), 0..4).prop_map(BoltValue::Bytes),
            any::<i64>().prop_map(|days| BoltValue::Date(BoltDate { days })),
            any::<i64>()
                .prop_map(|nanoseconds| BoltValue::LocalTime(BoltLocalTime { nanoseconds })),
            (any::<i64>(), any::<i64>()).prop_map(|(nanoseconds, tz_offset_seconds)| {
                BoltValue::Time(BoltTime {
                    nanoseconds,
                    tz_offset_seconds,
                })
            }),
            (any::<i64>(), any::<i64>()).prop_map(|(seconds, nanoseconds)| {
                BoltValue::LocalDateTime(BoltLocalDateTime {
                    seconds,
                    nanoseconds,
                })
            }),
            (any::<i64>(), any::<i64>(), any::<i64>()).prop_map(
                |(seconds, nanoseconds, tz_offset_seconds)| {
                    BoltValue::DateTime(BoltDateTime {
                        seconds,
                        nanoseconds,
                        tz_offset_seconds,
                    })
                }
            ),
            (any::<i64>(), any::<i64>(), "UTC|Europe/Paris|\\+01:00|x").prop_map(
                |(seconds, nanoseconds, tz_id)| BoltValue::DateTimeZoneId(BoltDateTimeZoneId {
                    seconds,
                    nanoseconds,
                    tz_id
                })
            ),
            (any::<i64>(), any::<i64>(), any::<i64>(), any::<i64>()).prop_map(
                |(months, days, seconds, nanoseconds)| {
                    BoltValue::Duration(BoltDuration {
                        months,
                        days,
                        seconds,
                        nanoseconds,
                    })
                }
            ),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(BoltValue::List),
                proptest::collection::hash_map(".{0,4}", inner, 0..4).prop_map(BoltValue::Dict),
            ]
        })
    }

    proptest::proptest! {
        /// Any parameter a client can send converts or is refused, never a
        /// panic; what converts comes back as the same value.
        #[test]
        fn any_parameter_converts_or_is_refused(v in any_bolt()) {
            if let Ok(value) = from_bolt(v) {
                let again = from_bolt(to_bolt(value.clone())).expect("a value plenary made converts back");
                let same = again == value || format!("{again:?}") == format!("{value:?}");
                proptest::prop_assert!(same, "{value:?} came back as {again:?}");
            }
        }
    }

    #[test]
    fn errors_get_neo4j_status_codes() {
        let db = crate::Database::in_memory().unwrap();
        let code = |q: &str| status_code(&db.execute(q).unwrap_err());
        assert_eq!(code("MATCH (n"), "Neo.ClientError.Statement.SyntaxError");
        assert_eq!(
            code("RETURN 1 / 0"),
            "Neo.ClientError.Statement.ArithmeticError"
        );
        assert_eq!(
            code("RETURN $x"),
            "Neo.ClientError.Statement.ParameterMissing"
        );
        assert_eq!(
            code("RETURN 1 + 'a' - 1"),
            "Neo.ClientError.Statement.TypeError"
        );
        let mut db = db;
        db.set_max_memory(Some(1 << 16));
        let e = db
            .execute("UNWIND range(1, 100000) AS x RETURN collect(x)")
            .unwrap_err();
        assert_eq!(
            status_code(&e),
            "Neo.TransientError.General.TransactionMemoryLimit"
        );
    }
}
