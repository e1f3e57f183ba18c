//! Arithmetic operators with openCypher semantics: `+ - * / % ^` and unary
//! minus over numbers, strings, lists, temporal values and durations.
//!
//! `null` in gives `null` out; integer arithmetic is checked (overflow and
//! integer division by zero are `ArithmeticError`s, never a wrap or a
//! panic); mixing an integer with a float gives a float; `^` is always a
//! float. Unsupported combinations are `TypeError: InvalidArgumentType`.

// The planner and executor that call into this module are built on other
// branches; until they are merged nothing in the crate uses it yet.
#![allow(dead_code)]

use std::sync::Arc;

use crate::error::{Error, Result};
use crate::value::temporal::{self, Duration};
use crate::value::{DateTimeTz, TimeTz, Value};

/// A binary arithmetic operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArithOp {
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
}

impl ArithOp {
    /// The operator as written in a query.
    pub fn symbol(self) -> &'static str {
        match self {
            ArithOp::Add => "+",
            ArithOp::Sub => "-",
            ArithOp::Mul => "*",
            ArithOp::Div => "/",
            ArithOp::Mod => "%",
            ArithOp::Pow => "^",
        }
    }
}

/// Describes a value for an error message: `Integer 42`, `String 'a'`.
pub fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".to_string(),
        Value::Node(_) | Value::Rel(_) | Value::Path(_) => v.type_name().to_string(),
        _ => {
            let mut s = v.to_string();
            if s.chars().count() > 60 {
                s = s.chars().take(57).collect::<String>() + "...";
            }
            format!("{} {s}", v.type_name())
        }
    }
}

fn overflow(op: ArithOp, a: &Value, b: &Value) -> Error {
    Error::arithmetic(
        "IntegerOverflow",
        format!("integer overflow in {a} {} {b}", op.symbol()),
    )
}

fn unsupported(op: ArithOp, a: &Value, b: &Value) -> Error {
    Error::type_error(
        "InvalidArgumentType",
        format!(
            "cannot apply '{}' to {} and {}",
            op.symbol(),
            describe(a),
            describe(b)
        ),
    )
}

fn temporal_overflow(op: ArithOp, a: &Value, b: &Value) -> Error {
    Error::arithmetic(
        "TemporalOverflow",
        format!("{a} {} {b} is out of the supported range", op.symbol()),
    )
}

/// Applies a binary arithmetic operator.
pub fn binary(op: ArithOp, a: &Value, b: &Value) -> Result<Value> {
    use Value::*;
    if a.is_null() || b.is_null() {
        return Ok(Null);
    }
    match (a, b) {
        (Int(x), Int(y)) => int_op(op, *x, *y).ok_or_else(|| {
            if matches!(op, ArithOp::Div | ArithOp::Mod) && *y == 0 {
                Error::arithmetic(
                    "DivisionByZero",
                    format!("division by zero: {x} {} {y}", op.symbol()),
                )
            } else {
                overflow(op, a, b)
            }
        }),
        (Int(_) | Float(_), Int(_) | Float(_)) => {
            let (x, y) = (a.as_f64().unwrap_or(0.0), b.as_f64().unwrap_or(0.0));
            Ok(Float(float_op(op, x, y)))
        }
        _ => match op {
            ArithOp::Add => add_other(a, b),
            ArithOp::Sub => sub_other(a, b),
            ArithOp::Mul => match (a, b) {
                (Duration(d), n @ (Int(_) | Float(_))) | (n @ (Int(_) | Float(_)), Duration(d)) => {
                    let r = match n {
                        Int(i) => d.checked_mul_int(*i),
                        _ => d.mul_f64(n.as_f64().unwrap_or(0.0)),
                    };
                    r.map(|d| Duration(Arc::new(d)))
                        .ok_or_else(|| temporal_overflow(op, a, b))
                }
                _ => Err(unsupported(op, a, b)),
            },
            ArithOp::Div => match (a, b) {
                (Duration(d), n @ (Int(_) | Float(_))) => {
                    let f = n.as_f64().unwrap_or(0.0);
                    if f == 0.0 {
                        return Err(Error::arithmetic(
                            "DivisionByZero",
                            format!("division by zero: {a} / {b}"),
                        ));
                    }
                    d.div_f64(f)
                        .map(|d| Duration(Arc::new(d)))
                        .ok_or_else(|| temporal_overflow(op, a, b))
                }
                _ => Err(unsupported(op, a, b)),
            },
            _ => Err(unsupported(op, a, b)),
        },
    }
}

fn int_op(op: ArithOp, x: i64, y: i64) -> Option<Value> {
    Some(match op {
        ArithOp::Add => Value::Int(x.checked_add(y)?),
        ArithOp::Sub => Value::Int(x.checked_sub(y)?),
        ArithOp::Mul => Value::Int(x.checked_mul(y)?),
        // checked_div / checked_rem: None for y == 0 and for MIN / -1
        ArithOp::Div => Value::Int(x.checked_div(y)?),
        ArithOp::Mod => Value::Int(x.checked_rem(y)?),
        ArithOp::Pow => Value::Float((x as f64).powf(y as f64)),
    })
}

fn float_op(op: ArithOp, x: f64, y: f64) -> f64 {
    match op {
        ArithOp::Add => x + y,
        ArithOp::Sub => x - y,
        ArithOp::Mul => x * y,
        ArithOp::Div => x / y,
        ArithOp::Mod => x % y,
        ArithOp::Pow => x.powf(y),
    }
}

fn number_string(v: &Value) -> Option<String> {
    match v {
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) => Some(crate::value::format_float(*f)),
        _ => None,
    }
}

/// Appends `string + n` in place: `n` a String, Integer or Float (as `+`
/// writes it); `reduce`'s append path, which must agree with [`binary`].
pub(super) fn push_plus(s: &mut String, n: &Value) {
    match n {
        Value::String(t) => s.push_str(t),
        n => s.push_str(&number_string(n).unwrap_or_default()),
    }
}

fn add_other(a: &Value, b: &Value) -> Result<Value> {
    use Value::*;
    let op = ArithOp::Add;
    match (a, b) {
        (String(x), String(y)) => Ok(Value::from(format!("{x}{y}"))),
        (String(x), n @ (Int(_) | Float(_))) => Ok(Value::from(format!(
            "{x}{}",
            number_string(n).unwrap_or_default()
        ))),
        (n @ (Int(_) | Float(_)), String(y)) => Ok(Value::from(format!(
            "{}{y}",
            number_string(n).unwrap_or_default()
        ))),
        (List(x), List(y)) => {
            let mut v = Vec::with_capacity(x.len() + y.len());
            v.extend(x.iter().cloned());
            v.extend(y.iter().cloned());
            Ok(Value::list(v))
        }
        (List(x), e) => {
            let mut v = Vec::with_capacity(x.len() + 1);
            v.extend(x.iter().cloned());
            v.push(e.clone());
            Ok(Value::list(v))
        }
        (e, List(y)) => {
            let mut v = Vec::with_capacity(y.len() + 1);
            v.push(e.clone());
            v.extend(y.iter().cloned());
            Ok(Value::list(v))
        }
        (Duration(x), Duration(y)) => x
            .checked_add(y)
            .map(|d| Duration(Arc::new(d)))
            .ok_or_else(|| temporal_overflow(op, a, b)),
        (Duration(d), t) | (t, Duration(d)) if is_instant(t) => {
            temporal_plus(t, d).ok_or_else(|| temporal_overflow(op, a, b))
        }
        _ => Err(unsupported(op, a, b)),
    }
}

fn sub_other(a: &Value, b: &Value) -> Result<Value> {
    use Value::*;
    let op = ArithOp::Sub;
    match (a, b) {
        (Duration(x), Duration(y)) => x
            .checked_sub(y)
            .map(|d| Duration(Arc::new(d)))
            .ok_or_else(|| temporal_overflow(op, a, b)),
        (t, Duration(d)) if is_instant(t) => d
            .checked_neg()
            .and_then(|n| temporal_plus(t, &n))
            .ok_or_else(|| temporal_overflow(op, a, b)),
        _ => Err(unsupported(op, a, b)),
    }
}

fn is_instant(v: &Value) -> bool {
    matches!(
        v,
        Value::Date(_)
            | Value::LocalTime(_)
            | Value::Time(_)
            | Value::LocalDateTime(_)
            | Value::DateTime(_)
    )
}

/// A temporal instant plus a duration (`None` when out of range or when `t`
/// is not a temporal instant).
pub fn temporal_plus(t: &Value, d: &Duration) -> Option<Value> {
    Some(match t {
        Value::Date(x) => Value::Date(temporal::date_plus(*x, d)?),
        Value::LocalTime(x) => Value::LocalTime(temporal::time_plus(*x, d)),
        Value::Time(x) => Value::Time(TimeTz {
            time: temporal::time_plus(x.time, d),
            offset: x.offset,
        }),
        Value::LocalDateTime(x) => Value::LocalDateTime(temporal::local_datetime_plus(*x, d)?),
        Value::DateTime(x) => Value::DateTime(Arc::new(DateTimeTz {
            local: temporal::local_datetime_plus(x.local, d)?,
            offset: x.offset,
            zone: x.zone.clone(),
        })),
        _ => return None,
    })
}

/// Unary minus (checked: `-(-9223372036854775808)` overflows).
pub fn negate(v: &Value) -> Result<Value> {
    match v {
        Value::Null => Ok(Value::Null),
        Value::Int(i) => i.checked_neg().map(Value::Int).ok_or_else(|| {
            Error::arithmetic("IntegerOverflow", format!("integer overflow in -({i})"))
        }),
        Value::Float(f) => Ok(Value::Float(-f)),
        Value::Duration(d) => d
            .checked_neg()
            .map(|d| Value::Duration(Arc::new(d)))
            .ok_or_else(|| {
                Error::arithmetic("TemporalOverflow", format!("-({v}) is out of range"))
            }),
        _ => Err(Error::type_error(
            "InvalidArgumentType",
            format!("cannot negate {}", describe(v)),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::value::temporal::{parse_date, parse_duration};
    use ArithOp::*;

    fn i(x: i64) -> Value {
        Value::Int(x)
    }
    fn f(x: f64) -> Value {
        Value::Float(x)
    }
    fn s(x: &str) -> Value {
        Value::str(x)
    }
    fn dur(x: &str) -> Value {
        Value::Duration(Arc::new(parse_duration(x).unwrap()))
    }
    fn date(x: &str) -> Value {
        Value::Date(parse_date(x).unwrap())
    }

    /// (op, a, b, expected display)
    #[test]
    fn table() {
        let rows: Vec<(ArithOp, Value, Value, &str)> = vec![
            (Add, i(1), i(2), "3"),
            (Add, i(1), f(0.5), "1.5"),
            (Sub, i(1), i(3), "-2"),
            (Mul, i(-4), i(3), "-12"),
            (Div, i(7), i(2), "3"),
            (Div, i(-7), i(2), "-3"),
            (Mod, i(-7), i(2), "-1"),
            (Mod, f(7.5), i(2), "1.5"),
            (Div, i(7), f(2.0), "3.5"),
            (Div, f(1.0), i(0), "Infinity"),
            (Div, f(-1.0), f(0.0), "-Infinity"),
            (Div, f(0.0), i(0), "NaN"),
            (Pow, i(2), i(3), "8.0"),
            (Pow, i(2), i(-1), "0.5"),
            (Add, i(1), Value::Null, "null"),
            (Div, Value::Null, i(0), "null"),
            (Add, s("a"), s("b"), "'ab'"),
            (Add, s("a"), i(1), "'a1'"),
            (Add, f(1.5), s("x"), "'1.5x'"),
            (
                Add,
                Value::list(vec![i(1)]),
                Value::list(vec![i(2)]),
                "[1, 2]",
            ),
            (Add, Value::list(vec![i(1)]), i(2), "[1, 2]"),
            (Add, i(0), Value::list(vec![i(1)]), "[0, 1]"),
            (Add, Value::list(vec![]), Value::Null, "null"),
            (Add, date("2012-01-31"), dur("P1M"), "2012-02-29"),
            (Add, dur("P1M"), date("2012-01-31"), "2012-02-29"),
            (Sub, date("2012-03-31"), dur("P1M"), "2012-02-29"),
            (Add, dur("P1D"), dur("PT1H"), "P1DT1H"),
            (Sub, dur("P1D"), dur("PT1H"), "P1DT-1H"),
            (Mul, dur("P1DT1H"), i(2), "P2DT2H"),
            (Mul, f(0.5), dur("P1D"), "PT12H"),
            (Div, dur("P2D"), i(2), "P1D"),
            (Add, i(i64::MAX - 1), i(1), "9223372036854775807"),
            (Sub, i(i64::MIN + 1), i(1), "-9223372036854775808"),
        ];
        for (op, a, b, want) in rows {
            let got = binary(op, &a, &b).unwrap_or_else(|e| panic!("{a} {op:?} {b}: {e}"));
            assert_eq!(got.to_string(), want, "{a} {} {b}", op.symbol());
        }
    }

    #[test]
    fn errors() {
        let rows: Vec<(ArithOp, Value, Value, ErrorKind, &str)> = vec![
            (
                Add,
                i(i64::MAX),
                i(1),
                ErrorKind::ArithmeticError,
                "IntegerOverflow",
            ),
            (
                Sub,
                i(i64::MIN),
                i(1),
                ErrorKind::ArithmeticError,
                "IntegerOverflow",
            ),
            (
                Mul,
                i(i64::MAX),
                i(2),
                ErrorKind::ArithmeticError,
                "IntegerOverflow",
            ),
            (
                Div,
                i(i64::MIN),
                i(-1),
                ErrorKind::ArithmeticError,
                "IntegerOverflow",
            ),
            (
                Mod,
                i(i64::MIN),
                i(-1),
                ErrorKind::ArithmeticError,
                "IntegerOverflow",
            ),
            (
                Div,
                i(1),
                i(0),
                ErrorKind::ArithmeticError,
                "DivisionByZero",
            ),
            (
                Mod,
                i(1),
                i(0),
                ErrorKind::ArithmeticError,
                "DivisionByZero",
            ),
            (
                Div,
                dur("P1D"),
                i(0),
                ErrorKind::ArithmeticError,
                "DivisionByZero",
            ),
            (
                Add,
                Value::Bool(true),
                i(1),
                ErrorKind::TypeError,
                "InvalidArgumentType",
            ),
            (
                Sub,
                s("a"),
                s("b"),
                ErrorKind::TypeError,
                "InvalidArgumentType",
            ),
            (
                Sub,
                date("2012-01-01"),
                date("2012-01-01"),
                ErrorKind::TypeError,
                "InvalidArgumentType",
            ),
            (
                Mul,
                s("a"),
                i(2),
                ErrorKind::TypeError,
                "InvalidArgumentType",
            ),
            (
                Add,
                date("2012-01-01"),
                i(1),
                ErrorKind::TypeError,
                "InvalidArgumentType",
            ),
        ];
        for (op, a, b, kind, code) in rows {
            let e = binary(op, &a, &b).expect_err(&format!("{a} {op:?} {b}"));
            assert_eq!(
                (e.kind(), e.code().as_str()),
                (kind, code),
                "{a} {op:?} {b}"
            );
        }
        let e = binary(Add, &Value::Bool(true), &i(1)).unwrap_err();
        assert!(
            e.message().contains("Boolean true") && e.message().contains("Integer 1"),
            "{e}"
        );
    }

    #[test]
    fn negation() {
        assert_eq!(negate(&i(5)).unwrap().to_string(), "-5");
        assert_eq!(
            negate(&i(i64::MAX)).unwrap().to_string(),
            "-9223372036854775807"
        );
        assert_eq!(
            negate(&i(i64::MIN)).unwrap_err().code().as_str(),
            "IntegerOverflow"
        );
        assert_eq!(negate(&f(1.5)).unwrap().to_string(), "-1.5");
        assert!(negate(&Value::Null).unwrap().is_null());
        assert_eq!(negate(&dur("P1DT1H")).unwrap().to_string(), "P-1DT-1H");
        assert_eq!(
            negate(&s("x")).unwrap_err().code().as_str(),
            "InvalidArgumentType"
        );
    }
}
