//! Expression evaluation with openCypher's null semantics.
//!
//! `eval` reads a row (slots) and the execution context (graph, parameters)
//! and returns a value or a runtime error that names the offending value
//! and its type.

use std::sync::Arc;

use super::arith::{self, ArithOp};
use super::functions;
use super::ops::{self, Flow};
use super::{Ctx, Row, memory};
use crate::error::{Error, ErrorKind, Result};
use crate::plan::{BinOp, MapProjItem, PExpr, SubqueryKind};
use crate::syntax::ast::Quantifier;
use crate::value::{Map, PathValue, Value};

fn type_err(msg: String) -> Error {
    Error::type_error("InvalidArgumentType", msg)
}

/// Describes a value for an error message: `Integer 42`, `String 'x'`.
pub fn describe(v: &Value) -> String {
    let s = v.to_string();
    let s = if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s
    };
    format!("{} {}", v.type_name(), s)
}

/// `e` of a `reduce` body `acc + e` where `e` does not read the
/// accumulator (nor runs a subquery or builds a path, which could read any
/// slot): such a body only appends to it, and [`reduce_append`] grows one
/// buffer instead of copying the accumulator at every step.
fn appended(acc: usize, body: &PExpr) -> Option<&PExpr> {
    let PExpr::Bin(BinOp::Add, a, e) = body else {
        return None;
    };
    if !matches!(**a, PExpr::Slot(s) if s == acc) {
        return None;
    }
    let mut reads_acc = false;
    e.walk(&mut |x| {
        reads_acc |= matches!(x, PExpr::Slot(s) if *s == acc)
            || matches!(x, PExpr::Subquery(..) | PExpr::Path(..));
    });
    (!reads_acc).then_some(e)
}

/// `reduce(acc = start, x IN items | acc + rhs)` without copying the
/// accumulator per step (which made `s + 'x'` and `l + [x]` quadratic): a
/// string is grown in an owned buffer, a list in place (`Arc::make_mut`:
/// it is copied at most once, when `start` is shared). Any other step —
/// a null, a number plus a number, a string plus a list — is the ordinary
/// `+` on values, so the result is `+`'s in every case.
fn reduce_append(
    start: Value,
    slot: usize,
    rhs: &PExpr,
    items: &[Value],
    r: &mut Row,
    ctx: &Ctx,
) -> Result<Value> {
    enum Acc {
        Str(String),
        Val(Value),
    }
    let mut acc = Acc::Val(start);
    // the growing accumulator is held against the statement's budget (a
    // copy per step would have been checked by `+` itself)
    let mut held = ctx.memory.share();
    for v in items {
        ctx.tick()?;
        r[slot] = v.clone();
        let y = eval(rhs, r, ctx)?;
        held.add(crate::value::value_bytes(&y))?;
        acc = match acc {
            Acc::Val(Value::String(s))
                if matches!(y, Value::String(_) | Value::Int(_) | Value::Float(_)) =>
            {
                let mut s = s.to_string();
                arith::push_plus(&mut s, &y);
                Acc::Str(s)
            }
            Acc::Str(mut s) => {
                if matches!(y, Value::String(_) | Value::Int(_) | Value::Float(_)) {
                    arith::push_plus(&mut s, &y);
                    Acc::Str(s)
                } else {
                    Acc::Val(arith::binary(ArithOp::Add, &Value::from(s), &y)?)
                }
            }
            Acc::Val(Value::List(mut l)) if !y.is_null() => {
                let v = Arc::make_mut(&mut l);
                match y {
                    Value::List(ys) => v.extend(ys.iter().cloned()),
                    y => v.push(y),
                }
                Acc::Val(Value::List(l))
            }
            Acc::Val(a) => Acc::Val(arith::binary(ArithOp::Add, &a, &y)?),
        };
    }
    Ok(match acc {
        Acc::Str(s) => Value::from(s),
        Acc::Val(v) => v,
    })
}

/// Three-valued truth of a value used as a predicate.
fn truth(v: &Value, what: &str) -> Result<Option<bool>> {
    match v {
        Value::Bool(b) => Ok(Some(*b)),
        Value::Null => Ok(None),
        other => Err(type_err(format!(
            "{what} expects a Boolean, got {}",
            describe(other)
        ))),
    }
}

fn opt_bool(b: Option<bool>) -> Value {
    b.map_or(Value::Null, Value::Bool)
}

/// Evaluates an expression against a row.
pub fn eval(e: &PExpr, row: &Row, ctx: &Ctx) -> Result<Value> {
    Ok(match e {
        PExpr::Const(v) => v.clone(),
        PExpr::Param(p) => ctx.params.get(&**p).cloned().ok_or_else(|| {
            Error::new(
                ErrorKind::ParameterMissing,
                "MissingParameter",
                format!("expected a value for parameter `${p}`"),
            )
        })?,
        PExpr::Slot(s) => row[*s].clone(),
        // a variable's property reads the row in place (no copy of the
        // map or the reference count it would touch)
        PExpr::Prop(base, key, name) => match &**base {
            PExpr::Slot(s) => property(&row[*s], *key, name, ctx)?,
            _ => property(&eval(base, row, ctx)?, *key, name, ctx)?,
        },
        PExpr::Index(base, idx) => {
            let b = eval(base, row, ctx)?;
            let i = eval(idx, row, ctx)?;
            index(&b, &i, ctx)?
        }
        PExpr::Slice(base, from, to) => {
            let b = eval(base, row, ctx)?;
            let f = match from {
                Some(f) => Some(eval(f, row, ctx)?),
                None => None,
            };
            let t = match to {
                Some(t) => Some(eval(t, row, ctx)?),
                None => None,
            };
            slice(&b, f.as_ref(), t.as_ref())?
        }
        PExpr::List(items) => {
            let mut v = Vec::with_capacity(items.len());
            for i in items {
                v.push(eval(i, row, ctx)?);
            }
            Value::list(v)
        }
        PExpr::Map(items) => {
            let mut m = Map::new();
            for (k, x) in items {
                m.insert(k.clone(), eval(x, row, ctx)?);
            }
            Value::map(m)
        }
        PExpr::Not(x) => opt_bool(truth(&eval(x, row, ctx)?, "NOT")?.map(|b| !b)),
        PExpr::Neg(x) => arith::negate(&eval(x, row, ctx)?)?,
        PExpr::Pos(x) => {
            let v = eval(x, row, ctx)?;
            match v {
                Value::Int(_) | Value::Float(_) | Value::Null | Value::Duration(_) => v,
                other => {
                    return Err(type_err(format!(
                        "unary + expects a number, got {}",
                        describe(&other)
                    )));
                }
            }
        }
        PExpr::Bin(op, a, b) => binary(*op, a, b, row, ctx)?,
        PExpr::IsNull(x, negated) => {
            let v = eval(x, row, ctx)?;
            Value::Bool(v.is_null() != *negated)
        }
        PExpr::HasLabels(x, labels) => match eval(x, row, ctx)? {
            Value::Null => Value::Null,
            Value::Node(n) => {
                let g = ctx.graph();
                Value::Bool(labels.iter().all(|l| g.has_label(n, *l)))
            }
            other => {
                return Err(type_err(format!(
                    "a label predicate expects a Node, got {}",
                    describe(&other)
                )));
            }
        },
        PExpr::Func(f, args) => {
            let mut vals: smallvec::SmallVec<[Value; 4]> = smallvec::SmallVec::new();
            for a in args {
                vals.push(eval(a, row, ctx)?);
            }
            ctx.memory.fits(made_bytes(*f, &vals))?;
            let g = ctx.graph();
            functions::call(*f, &vals, &g)?
        }
        PExpr::Case(operand, whens, else_) => {
            match operand {
                Some(o) => {
                    let v = eval(o, row, ctx)?;
                    for (w, t) in whens {
                        if v.cypher_eq(&eval(w, row, ctx)?) == Some(true) {
                            return eval(t, row, ctx);
                        }
                    }
                }
                None => {
                    for (w, t) in whens {
                        if eval(w, row, ctx)?.is_true() {
                            return eval(t, row, ctx);
                        }
                    }
                }
            }
            match else_ {
                Some(x) => eval(x, row, ctx)?,
                None => Value::Null,
            }
        }
        PExpr::ListComp(slot, list, filter, map) => {
            let l = eval(list, row, ctx)?;
            let items = match l {
                Value::Null => return Ok(Value::Null),
                Value::List(l) => l,
                other => {
                    return Err(type_err(format!(
                        "a list comprehension expects a List, got {}",
                        describe(&other)
                    )));
                }
            };
            let mut r = row.clone();
            let mut out = Vec::with_capacity(items.len());
            let mut bytes = 0usize;
            for x in items.iter() {
                r[*slot] = x.clone();
                if let Some(f) = filter
                    && !eval(f, &r, ctx)?.is_true()
                {
                    continue;
                }
                let v = match map {
                    Some(m) => {
                        let v = eval(m, &r, ctx)?;
                        // a mapped element is new: the list being built
                        // must fit beside what the statement holds
                        bytes += memory::value_bytes(&v);
                        ctx.memory.fits(bytes)?;
                        v
                    }
                    None => x.clone(),
                };
                out.push(v);
            }
            Value::list(out)
        }
        PExpr::Quant(q, slot, list, filter) => {
            let l = eval(list, row, ctx)?;
            let items = match l {
                Value::Null => return Ok(Value::Null),
                Value::List(l) => l,
                other => {
                    return Err(type_err(format!(
                        "{q:?}() expects a List, got {}",
                        describe(&other)
                    )));
                }
            };
            let mut r = row.clone();
            let (mut trues, mut nulls, mut falses) = (0usize, 0usize, 0usize);
            for x in items.iter() {
                r[*slot] = x.clone();
                let t = match filter {
                    Some(f) => truth(&eval(f, &r, ctx)?, "a list predicate")?,
                    None => truth(x, "a list predicate")?,
                };
                match t {
                    Some(true) => trues += 1,
                    Some(false) => falses += 1,
                    None => nulls += 1,
                }
            }
            // one decisive element settles it; otherwise an unknown one
            // (null) leaves it unknown
            let settle = |decided: bool, then: bool| {
                if decided {
                    Value::Bool(then)
                } else if nulls > 0 {
                    Value::Null
                } else {
                    Value::Bool(!then)
                }
            };
            match q {
                Quantifier::All => settle(falses > 0, false),
                Quantifier::Any => settle(trues > 0, true),
                Quantifier::None => settle(trues > 0, false),
                Quantifier::Single => {
                    if trues > 1 {
                        Value::Bool(false)
                    } else if nulls > 0 {
                        Value::Null
                    } else {
                        Value::Bool(trues == 1)
                    }
                }
            }
        }
        PExpr::Reduce(acc, init, slot, list, x) => {
            let l = eval(list, row, ctx)?;
            let items = match l {
                Value::Null => return Ok(Value::Null),
                Value::List(l) => l,
                other => {
                    return Err(type_err(format!(
                        "reduce() expects a List, got {}",
                        describe(&other)
                    )));
                }
            };
            let mut r = row.clone();
            let start = eval(init, row, ctx)?;
            if let Some(rhs) = appended(*acc, x) {
                return reduce_append(start, *slot, rhs, &items, &mut r, ctx);
            }
            r[*acc] = start;
            for v in items.iter() {
                ctx.tick()?;
                r[*slot] = v.clone();
                r[*acc] = eval(x, &r, ctx)?;
            }
            std::mem::take(&mut r[*acc])
        }
        PExpr::Subquery(plan, kind) => {
            let mut r = row.clone();
            match kind {
                SubqueryKind::Exists => {
                    let mut found = false;
                    ops::run(plan, ctx, &mut r, &mut |_| {
                        found = true;
                        Ok(Flow::Stop)
                    })?;
                    Value::Bool(found)
                }
                SubqueryKind::Count => {
                    let mut n = 0i64;
                    ops::run(plan, ctx, &mut r, &mut |_| {
                        n += 1;
                        Ok(Flow::Continue)
                    })?;
                    Value::Int(n)
                }
                SubqueryKind::Collect(x) => {
                    let mut out = Vec::new();
                    let mut held = ctx.memory.share();
                    ops::run(plan, ctx, &mut r, &mut |rr| {
                        let v = eval(x, rr, ctx)?;
                        held.add(memory::value_bytes(&v))?;
                        out.push(v);
                        Ok(Flow::Continue)
                    })?;
                    Value::list(out)
                }
            }
        }
        PExpr::MapProj(base, items) => {
            let b = eval(base, row, ctx)?;
            if b.is_null() {
                return Ok(Value::Null);
            }
            let mut m = Map::new();
            for it in items {
                match it {
                    MapProjItem::Entry(k, x) => {
                        m.insert(k.clone(), eval(x, row, ctx)?);
                    }
                    MapProjItem::Property(k, sym) => {
                        m.insert(k.clone(), property(&b, *sym, k, ctx)?);
                    }
                    MapProjItem::All => {
                        for (k, v) in all_properties(&b, ctx)? {
                            m.insert(k, v);
                        }
                    }
                }
            }
            Value::map(m)
        }
        PExpr::Path(start, steps) => build_path(row, *start, steps, ctx)?,
    })
}

/// The properties of a node, relationship or map as (name, value) pairs.
pub fn all_properties(v: &Value, ctx: &Ctx) -> Result<Vec<(Arc<str>, Value)>> {
    let g = ctx.graph();
    Ok(match v {
        Value::Node(n) => g
            .node(*n)
            .map(|r| {
                r.props
                    .iter()
                    .map(|(k, v)| (Arc::from(g.name(*k)), v.clone()))
                    .collect()
            })
            .unwrap_or_default(),
        Value::Rel(r) => g
            .rel(*r)
            .map(|r| {
                r.props
                    .iter()
                    .map(|(k, v)| (Arc::from(g.name(*k)), v.clone()))
                    .collect()
            })
            .unwrap_or_default(),
        Value::Map(m) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        Value::Null => vec![],
        other => {
            return Err(type_err(format!(
                "expected a Node, Relationship or Map, got {}",
                describe(other)
            )));
        }
    })
}

/// `base.key`.
pub fn property(b: &Value, key: crate::store::Sym, name: &str, ctx: &Ctx) -> Result<Value> {
    Ok(match b {
        Value::Null => Value::Null,
        Value::Node(n) => {
            let g = ctx.graph();
            match g.live_node_prop(*n, key) {
                Some(v) => v.cloned().unwrap_or(Value::Null),
                None => return Err(deleted("node", n.0)),
            }
        }
        Value::Rel(r) => {
            let g = ctx.graph();
            match g.live_rel_prop(*r, key) {
                Some(v) => v.cloned().unwrap_or(Value::Null),
                None => return Err(deleted("relationship", r.0)),
            }
        }
        Value::Map(m) => m.get(name).cloned().unwrap_or(Value::Null),
        Value::Date(_)
        | Value::LocalTime(_)
        | Value::Time(_)
        | Value::LocalDateTime(_)
        | Value::DateTime(_)
        | Value::Duration(_) => functions::temporal_property(b, name)?,
        other => {
            return Err(type_err(format!(
                "cannot read property `{name}` of {}; properties exist on nodes, relationships and maps",
                describe(other)
            )));
        }
    })
}

fn deleted(what: &str, id: u32) -> Error {
    Error::new(
        ErrorKind::EntityNotFound,
        "DeletedEntityAccess",
        format!(
            "the {what} with id {id} has been deleted in this statement; its properties can no longer be read"
        ),
    )
}

fn index(b: &Value, i: &Value, ctx: &Ctx) -> Result<Value> {
    Ok(match (b, i) {
        (Value::Null, _) | (_, Value::Null) => Value::Null,
        (Value::List(l), Value::Int(i)) => {
            let n = l.len() as i64;
            let idx = if *i < 0 { n + i } else { *i };
            if idx < 0 || idx >= n {
                Value::Null
            } else {
                l[idx as usize].clone()
            }
        }
        (Value::List(_), other) => {
            return Err(type_err(format!(
                "a list index must be an Integer, got {}",
                describe(other)
            )));
        }
        (Value::Map(m), Value::String(k)) => m.get(&**k).cloned().unwrap_or(Value::Null),
        (Value::Node(_) | Value::Rel(_), Value::String(k)) => {
            let sym = ctx.graph().sym(k);
            match sym {
                Some(s) => property(b, s, k, ctx)?,
                None => Value::Null,
            }
        }
        (Value::Map(_) | Value::Node(_) | Value::Rel(_), other) => {
            return Err(Error::type_error(
                "MapElementAccessByNonString",
                format!("a map key must be a String, got {}", describe(other)),
            ));
        }
        (other, _) => {
            return Err(type_err(format!(
                "cannot index into {}; only lists and maps can be indexed",
                describe(other)
            )));
        }
    })
}

fn slice(b: &Value, from: Option<&Value>, to: Option<&Value>) -> Result<Value> {
    let l = match b {
        Value::Null => return Ok(Value::Null),
        Value::List(l) => l,
        other => {
            return Err(type_err(format!(
                "only lists can be sliced, got {}",
                describe(other)
            )));
        }
    };
    let n = l.len() as i64;
    let bound = |v: Option<&Value>, default: i64| -> Result<Option<i64>> {
        match v {
            None => Ok(Some(default)),
            Some(Value::Null) => Ok(None),
            Some(Value::Int(i)) => Ok(Some(if *i < 0 { (n + i).max(0) } else { (*i).min(n) })),
            Some(other) => Err(type_err(format!(
                "a slice bound must be an Integer, got {}",
                describe(other)
            ))),
        }
    };
    let (Some(f), Some(t)) = (bound(from, 0)?, bound(to, n)?) else {
        return Ok(Value::Null);
    };
    if f >= t {
        return Ok(Value::list(vec![]));
    }
    Ok(Value::list(l[f as usize..t as usize].to_vec()))
}

fn binary(op: BinOp, a: &PExpr, b: &PExpr, row: &Row, ctx: &Ctx) -> Result<Value> {
    match op {
        BinOp::And | BinOp::Or => {
            // the dominant value (false for AND, true for OR) decides at
            // once; otherwise a null leaves the answer unknown
            let dominant = op == BinOp::Or;
            let name = if dominant { "OR" } else { "AND" };
            let l = truth(&eval(a, row, ctx)?, name)?;
            if l == Some(dominant) {
                return Ok(Value::Bool(dominant));
            }
            let r = truth(&eval(b, row, ctx)?, name)?;
            return Ok(match (l, r) {
                (_, Some(x)) if x == dominant => Value::Bool(dominant),
                (Some(_), Some(_)) => Value::Bool(!dominant),
                _ => Value::Null,
            });
        }
        BinOp::Xor => {
            let l = truth(&eval(a, row, ctx)?, "XOR")?;
            let r = truth(&eval(b, row, ctx)?, "XOR")?;
            return Ok(match (l, r) {
                (Some(x), Some(y)) => Value::Bool(x != y),
                _ => Value::Null,
            });
        }
        _ => {}
    }
    with_ref(a, row, ctx, |l| {
        with_ref(b, row, ctx, |r| binary_values(op, l, r, ctx))
    })
}

/// Calls `f` with the value of `e`, borrowed rather than cloned when `e` is
/// a constant, a slot or a stored property of a node or relationship in a
/// slot (the operands of most comparisons), so a filter over many rows does
/// not copy the values it compares.
fn with_ref<R>(e: &PExpr, row: &Row, ctx: &Ctx, f: impl FnOnce(&Value) -> Result<R>) -> Result<R> {
    match e {
        PExpr::Const(v) => return f(v),
        PExpr::Slot(s) => return f(&row[*s]),
        PExpr::Prop(base, key, _) => {
            if let PExpr::Slot(s) = &**base {
                match &row[*s] {
                    Value::Node(n) => {
                        let g = ctx.graph();
                        return match g.live_node_prop(*n, *key) {
                            Some(v) => f(v.unwrap_or(&Value::Null)),
                            None => Err(deleted("node", n.0)),
                        };
                    }
                    Value::Rel(r) => {
                        let g = ctx.graph();
                        return match g.live_rel_prop(*r, *key) {
                            Some(v) => f(v.unwrap_or(&Value::Null)),
                            None => Err(deleted("relationship", r.0)),
                        };
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
    f(&eval(e, row, ctx)?)
}

/// A predicate's three-valued truth, for WHERE: the same answer as
/// evaluating it and reading the boolean, without making a value for each
/// comparison and connective (the common shapes of a filter). `what` names
/// the clause in the error for a non-boolean.
pub fn predicate(e: &PExpr, row: &Row, ctx: &Ctx, what: &str) -> Result<Option<bool>> {
    match e {
        PExpr::Bin(op @ (BinOp::And | BinOp::Or), a, b) => {
            let dominant = *op == BinOp::Or;
            let name = if dominant { "OR" } else { "AND" };
            let l = predicate(a, row, ctx, name)?;
            if l == Some(dominant) {
                return Ok(Some(dominant));
            }
            let r = predicate(b, row, ctx, name)?;
            Ok(match (l, r) {
                (_, Some(x)) if x == dominant => Some(dominant),
                (Some(_), Some(_)) => Some(!dominant),
                _ => None,
            })
        }
        PExpr::Bin(
            op @ (BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge),
            a,
            b,
        ) => with_ref(a, row, ctx, |l| {
            with_ref(b, row, ctx, |r| Ok(compare(*op, l, r)))
        }),
        PExpr::Not(x) => Ok(predicate(x, row, ctx, "NOT")?.map(|b| !b)),
        _ => truth(&eval(e, row, ctx)?, what),
    }
}

/// `=`, `<>`, `<`, `<=`, `>`, `>=` under openCypher's rules (`None`: null).
fn compare(op: BinOp, l: &Value, r: &Value) -> Option<bool> {
    use std::cmp::Ordering::*;
    match op {
        BinOp::Eq => l.cypher_eq(r),
        BinOp::Ne => l.cypher_eq(r).map(|b| !b),
        _ => match l.cypher_cmp(r) {
            Some(o) => Some(match op {
                BinOp::Lt => o == Less,
                BinOp::Le => o != Greater,
                BinOp::Gt => o == Greater,
                _ => o != Less,
            }),
            // NaN is comparable with numbers, and never less, equal or greater
            None if l.as_f64().is_some() && r.as_f64().is_some() => Some(false),
            None => None,
        },
    }
}

/// A binary operator on two evaluated values (not AND/OR/XOR).
/// The bytes a function whose result can be far larger than its
/// arguments would make (`range`, `replace`), checked before it runs;
/// 0 for the rest, whose results are bounded by their arguments.
fn made_bytes(f: functions::FuncId, args: &[Value]) -> usize {
    use functions::FuncId;
    match (f, args) {
        (FuncId::Range, _) if args.iter().all(|a| matches!(a, Value::Int(_))) => {
            functions::range_bounds(args)
                .map_or(0, |(_, _, n)| n as usize * std::mem::size_of::<Value>())
        }
        (FuncId::Replace, [Value::String(s), Value::String(from), Value::String(to)])
            if to.len() > from.len() =>
        {
            let hits = if from.is_empty() {
                s.chars().count() + 1
            } else {
                s.matches(&**from).count()
            };
            s.len() + hits * (to.len() - from.len())
        }
        _ => 0,
    }
}

pub fn binary_values(op: BinOp, l: &Value, r: &Value, ctx: &Ctx) -> Result<Value> {
    Ok(match op {
        BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
            opt_bool(compare(op, l, r))
        }
        BinOp::Add => {
            // a concatenation is checked against the budget before it is made
            ctx.memory.fits(memory::concat_bytes(l, r))?;
            arith::binary(ArithOp::Add, l, r)?
        }
        BinOp::Sub => arith::binary(ArithOp::Sub, l, r)?,
        BinOp::Mul => arith::binary(ArithOp::Mul, l, r)?,
        BinOp::Div => arith::binary(ArithOp::Div, l, r)?,
        BinOp::Mod => arith::binary(ArithOp::Mod, l, r)?,
        BinOp::Pow => arith::binary(ArithOp::Pow, l, r)?,
        BinOp::In => match r {
            Value::Null => Value::Null,
            Value::List(items) => {
                let mut unknown = false;
                for x in items.iter() {
                    match l.cypher_eq(x) {
                        Some(true) => return Ok(Value::Bool(true)),
                        None => unknown = true,
                        Some(false) => {}
                    }
                }
                if unknown {
                    Value::Null
                } else {
                    Value::Bool(false)
                }
            }
            other => {
                return Err(type_err(format!(
                    "IN expects a List on its right, got {}",
                    describe(other)
                )));
            }
        },
        BinOp::StartsWith | BinOp::EndsWith | BinOp::Contains => match (l, r) {
            (Value::String(a), Value::String(b)) => Value::Bool(match op {
                BinOp::StartsWith => a.starts_with(&**b),
                BinOp::EndsWith => a.ends_with(&**b),
                _ => a.contains(&**b),
            }),
            _ => Value::Null,
        },
        BinOp::Regex => match (l, r) {
            (Value::String(a), Value::String(p)) => Value::Bool(ctx.regex(p)?.is_match(a)),
            _ => Value::Null,
        },
        BinOp::And | BinOp::Or | BinOp::Xor => unreachable_logic()?,
    })
}

fn unreachable_logic() -> Result<Value> {
    Err(Error::runtime(
        "Internal",
        "logical operator evaluated out of place",
    ))
}

fn build_path(row: &Row, start: usize, steps: &[(usize, usize)], ctx: &Ctx) -> Result<Value> {
    let Value::Node(first) = row[start] else {
        return Ok(Value::Null);
    };
    let g = ctx.graph();
    let mut nodes = vec![first];
    let mut rels = Vec::new();
    for (r, n) in steps {
        match &row[*r] {
            Value::Rel(id) => {
                rels.push(*id);
                match &row[*n] {
                    Value::Node(x) => nodes.push(*x),
                    _ => return Ok(Value::Null),
                }
            }
            Value::List(list) => {
                for x in list.iter() {
                    let Value::Rel(id) = x else {
                        return Ok(Value::Null);
                    };
                    let cur = *nodes.last().expect("path has a start");
                    let Some((a, b)) = g.rel_endpoints(*id) else {
                        return Ok(Value::Null);
                    };
                    nodes.push(if a == cur { b } else { a });
                    rels.push(*id);
                }
            }
            _ => return Ok(Value::Null),
        }
    }
    Ok(Value::Path(Arc::new(PathValue { nodes, rels })))
}

/// Converts a map value into property pairs for writing.
pub fn map_entries(v: &Value, what: &str) -> Result<Vec<(Arc<str>, Value)>> {
    match v {
        Value::Map(m) => Ok(m.iter().map(|(k, v)| (k.clone(), v.clone())).collect()),
        Value::Null => Ok(vec![]),
        other => Err(type_err(format!(
            "{what} expects a Map, got {}",
            describe(other)
        ))),
    }
}

/// A property value must be storable.
pub fn check_storable(v: &Value, key: &str) -> Result<()> {
    if v.is_null() || v.is_storable() {
        Ok(())
    } else {
        Err(Error::type_error(
            "InvalidPropertyType",
            format!(
                "property `{key}` cannot hold {}; properties hold scalars, temporals and lists of them",
                describe(v)
            ),
        ))
    }
}
