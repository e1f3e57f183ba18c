//! The binder: AST → [`Plan`].
//!
//! Walks the clauses of a query in order, keeping a [`Scope`] of the
//! variables visible at each point, each mapped to a slot of the row.
//! Compile-time errors are raised here, with the position of the offending
//! name: undefined or already-bound variables, type conflicts between a node
//! and a relationship variable, aggregates where none may stand, unknown
//! functions and wrong arities, missing parameters, invalid clause order.
//! These carry the TCK's kind `SyntaxError` (as Neo4j reports them).
//!
//! Pattern matching is laid out here too: for each pattern part the binder
//! picks a start node — with optimization on, the most selective one (bound
//! variable, then index-backed equality, then the rarest label) — and
//! expands outward along the chain. Predicate pushdown and index selection
//! are done afterwards by `optimize.rs`.

use std::collections::HashMap;
use std::sync::Arc;

use super::*;
use crate::error::{Error, ErrorKind, Result, Span};
use crate::exec::functions::{self, FuncKind};
use crate::notify::{NameKind, Unknown};
use crate::store::{Graph, IndexKind};
use crate::syntax::ast::{self, BinaryOp, ClauseKind, Direction, ExprKind, Literal, UnaryOp};
use crate::value::Value;

/// What a variable is known to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VarKind {
    /// A node.
    Node,
    /// A relationship.
    Rel,
    /// A list of relationships (variable-length).
    RelList,
    /// A path.
    Path,
    /// Anything (projected values of unknown type).
    Any,
    /// A value known at compile time not to be a node, relationship or path.
    Lit(Ty),
}

/// Static types the binder can know from literals, for compile-time type errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// Boolean
    Bool,
    /// Integer
    Int,
    /// Float
    Float,
    /// String
    Str,
    /// List
    List,
    /// Map
    Map,
}

#[derive(Debug, Clone)]
struct Var {
    name: String,
    slot: Slot,
    kind: VarKind,
}

/// The variables visible at a point of a query.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    vars: Vec<Var>,
}

impl Scope {
    fn get(&self, name: &str) -> Option<&Var> {
        self.vars.iter().rev().find(|v| v.name == name)
    }

    fn add(&mut self, name: &str, slot: Slot, kind: VarKind) {
        self.vars.retain(|v| v.name != name);
        self.vars.push(Var {
            name: name.to_string(),
            slot,
            kind,
        });
    }

    fn names(&self) -> Vec<String> {
        self.vars.iter().map(|v| v.name.clone()).collect()
    }

    /// Variables visible to a user (not the generated anonymous ones), sorted.
    fn user_vars(&self) -> Vec<Var> {
        let mut v: Vec<Var> = self
            .vars
            .iter()
            .filter(|v| !v.name.starts_with("  "))
            .cloned()
            .collect();
        v.sort_by(|a, b| a.name.cmp(&b.name));
        v
    }
}

/// A compile-time error of the binder (kind `SyntaxError`, as the TCK expects).
fn err(code: &'static str, msg: impl Into<String>, span: Span) -> Error {
    Error::new(ErrorKind::SyntaxError, code, msg).at(span)
}

/// Where the binder gets the symbols of label, relationship-type and
/// property-key names.
pub enum Symbols<'a> {
    /// The write path: names are interned into the graph, so a statement
    /// can create labels and keys nobody has used yet.
    Intern(&'a mut Graph),
    /// The read path, with the graph shared: a name the graph has never
    /// interned cannot match anything in it, so it gets a symbol that no
    /// node, relationship or property carries ([`unknown_sym`]); its text
    /// is kept here and travels with the plan ([`Plan::unknown`]) for
    /// EXPLAIN.
    Lookup(&'a Graph, Vec<Arc<str>>),
}

impl Symbols<'_> {
    /// The graph, for reading.
    fn graph(&self) -> &Graph {
        match self {
            Symbols::Intern(g) => g,
            Symbols::Lookup(g, _) => g,
        }
    }

    /// The symbol of `name`: interned on the write path; on the read path
    /// the graph's symbol or, for a name it has never seen, an unknown one
    /// (the same one for every use of that name in the statement).
    fn sym(&mut self, name: &str) -> Sym {
        match self {
            Symbols::Intern(g) => g.intern(name),
            Symbols::Lookup(g, unknown) => g.sym(name).unwrap_or_else(|| {
                let i = unknown
                    .iter()
                    .position(|n| &**n == name)
                    .unwrap_or_else(|| {
                        unknown.push(Arc::from(name));
                        unknown.len() - 1
                    });
                unknown_sym(i)
            }),
        }
    }
}

/// A range conjunct's selectivity is sampled from at most this many nodes
/// of its label ...
const RANGE_SAMPLE: usize = 512;
/// ... when the label has at most this many (a third is assumed above).
const RANGE_SAMPLED_MAX: usize = 1 << 16;

/// A far end of an expansion is sought first, by its index, when the seek
/// finds at most this many nodes ...
const SEEK_FIRST_MAX: f64 = 8.0;
/// ... and the expansion reads at least this many times more relationships
/// per row than the seek finds nodes.
const SEEK_FIRST_GAIN: f64 = 4.0;

/// Binds statements; owns the slot counter.
pub struct Binder<'a> {
    graph: Symbols<'a>,
    params: &'a HashMap<String, Value>,
    width: usize,
    optimize: bool,
    writes: bool,
    anon: usize,
    depth: usize,
    /// Columns of the last CALL's outputs, for a standalone `CALL proc()`.
    call_columns: Vec<(String, Slot)>,
    /// The WHERE clause of the MATCH being planned: its equalities and label
    /// tests on pattern variables count when choosing where to start.
    where_hints: Option<ast::Expr>,
    /// Names read that the graph has never had ([`crate::notify`]); noted
    /// only while `noting` (not for MERGE, which creates what it misses).
    unknown_names: Vec<Unknown>,
    noting: bool,
    /// Range fractions sampled so far for this statement (the cost model
    /// asks again for every start it prices): (labels, key, comparison,
    /// value, fraction).
    range_memo: std::cell::RefCell<Vec<RangeMemo>>,
}

/// A sampled range fraction (see [`Binder::range_fraction`]).
type RangeMemo = (Vec<String>, String, ast::BinaryOp, Value, f64);

/// Where aggregates found while binding an expression go.
type AggSink = Vec<(Slot, AggCall, String)>;

impl<'a> Binder<'a> {
    /// A binder taking its symbols from `graph` (interning new names into
    /// the graph, or not; see [`Symbols`]).
    pub fn new(graph: Symbols<'a>, params: &'a HashMap<String, Value>, optimize: bool) -> Self {
        Binder {
            graph,
            params,
            width: 0,
            optimize,
            writes: false,
            anon: 0,
            where_hints: None,
            depth: 0,
            call_columns: Vec::new(),
            unknown_names: Vec::new(),
            noting: true,
            range_memo: Default::default(),
        }
    }

    /// Notes `id` if the graph has never had that name (before it is
    /// interned on the write path).
    fn note_read(&mut self, kind: NameKind, id: &ast::Ident) {
        if self.noting && self.graph.graph().sym(&id.name).is_none() {
            self.unknown_names.push(Unknown {
                kind,
                name: id.name.clone(),
                span: id.span,
            });
        }
    }

    /// A property map a statement writes (CREATE): its keys are names the
    /// statement creates, so reads after it do not warn about them.
    fn written_map(&mut self, p: &ast::Expr, scope: &Scope) -> Result<PExpr> {
        if let ExprKind::Map(entries) = &p.kind {
            // in the order the map value will have (sorted), which is the
            // order its keys were interned in before
            let mut keys: Vec<&str> = entries.iter().map(|(k, _)| k.name.as_str()).collect();
            keys.sort_unstable();
            for k in keys {
                self.graph.sym(k);
            }
        }
        self.expr(p, scope, None)
    }

    /// The symbols of labels or types a statement reads.
    fn read_labels(&mut self, ls: &[ast::Ident], kind: NameKind) -> Vec<Sym> {
        for l in ls {
            self.note_read(kind, l);
        }
        self.labels(ls)
    }

    fn slot(&mut self) -> Slot {
        self.width += 1;
        self.width - 1
    }

    fn anon_name(&mut self) -> String {
        self.anon += 1;
        format!("  anon{}", self.anon)
    }

    /// Binds a query into a plan.
    pub fn bind_query(mut self, q: &ast::Query) -> Result<Plan> {
        let (root, columns) = self.query(q, &Scope::default(), Op::Argument)?;
        let unknown = match self.graph {
            Symbols::Intern(_) => Vec::new(),
            Symbols::Lookup(_, unknown) => {
                if self.writes {
                    // `exec::readonly` sends every updating statement to
                    // the write path; this is the binder's own check.
                    return Err(Error::runtime(
                        "InternalError",
                        "internal error: an updating statement was compiled as read-only; please report this query",
                    ));
                }
                unknown
            }
        };
        Ok(Plan {
            root,
            columns,
            width: self.width,
            unknown,
            unknown_names: self.unknown_names,
        })
    }

    /// A query (with unions), starting from `input` with `scope` visible.
    fn query(
        &mut self,
        q: &ast::Query,
        scope: &Scope,
        input: Op,
    ) -> Result<(Op, Vec<(String, Slot)>)> {
        if q.unions.is_empty() {
            let (op, _, cols) = self.single_query(&q.first, scope.clone(), input)?;
            return Ok((op, cols));
        }
        let all = q.unions[0].0;
        if q.unions.iter().any(|(a, _)| *a != all) {
            return Err(err(
                "InvalidClauseComposition",
                "cannot mix UNION and UNION ALL in one query",
                q.span,
            ));
        }
        let mut parts = vec![&q.first];
        parts.extend(q.unions.iter().map(|(_, s)| s));
        let mut branches = Vec::new();
        let mut out: Option<Vec<(String, Slot)>> = None;
        for part in parts {
            let (op, _, cols) = self.single_query(part, scope.clone(), input.clone())?;
            match &out {
                None => {
                    let cols2: Vec<(String, Slot)> =
                        cols.iter().map(|(n, _)| (n.clone(), self.slot())).collect();
                    let items = cols
                        .iter()
                        .zip(&cols2)
                        .map(|((_, s), (_, t))| (*t, PExpr::Slot(*s)))
                        .collect();
                    branches.push(Op::Project {
                        input: Box::new(op),
                        items,
                    });
                    out = Some(cols2);
                }
                Some(o) => {
                    let names: Vec<&String> = o.iter().map(|(n, _)| n).collect();
                    let these: Vec<&String> = cols.iter().map(|(n, _)| n).collect();
                    if names != these {
                        return Err(err(
                            "DifferentColumnsInUnion",
                            format!(
                                "all parts of a UNION must return the same columns: {} vs {}",
                                names
                                    .iter()
                                    .map(|s| s.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", "),
                                these
                                    .iter()
                                    .map(|s| s.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                            part.span,
                        ));
                    }
                    let items = cols
                        .iter()
                        .zip(o)
                        .map(|((_, s), (_, t))| (*t, PExpr::Slot(*s)))
                        .collect();
                    branches.push(Op::Project {
                        input: Box::new(op),
                        items,
                    });
                }
            }
        }
        let out = out.unwrap_or_default();
        let mut op = Op::Union { branches };
        if !all {
            op = Op::Distinct {
                input: Box::new(op),
                slots: out.iter().map(|(_, s)| *s).collect(),
            };
        }
        Ok((op, out))
    }

    /// A sequence of clauses. Returns the plan, the final scope, and the
    /// output columns (empty when the query does not end in RETURN).
    fn single_query(
        &mut self,
        q: &ast::SingleQuery,
        mut scope: Scope,
        input: Op,
    ) -> Result<(Op, Scope, Vec<(String, Slot)>)> {
        let mut op = input;
        let mut columns = Vec::new();
        let n = q.clauses.len();
        for (i, clause) in q.clauses.iter().enumerate() {
            let last = i + 1 == n;
            match &clause.kind {
                ClauseKind::Return(p) => {
                    if !last {
                        return Err(err(
                            "InvalidClauseComposition",
                            "RETURN can only be used at the end of the query",
                            clause.span,
                        ));
                    }
                    let (o, s, cols) = self.projection(op, p, &scope, true, clause.span)?;
                    op = o;
                    scope = s;
                    columns = cols;
                }
                ClauseKind::With(p) => {
                    let (o, s, _) = self.projection(op, p, &scope, false, clause.span)?;
                    op = o;
                    scope = s;
                }
                _ => {
                    op = self.clause(op, clause, &mut scope)?;
                }
            }
            if last
                && matches!(
                    clause.kind,
                    ClauseKind::Match { .. }
                        | ClauseKind::With(_)
                        | ClauseKind::Unwind { .. }
                        | ClauseKind::LoadCsv { .. }
                )
            {
                return Err(err(
                    "InvalidClauseComposition",
                    "a query cannot end with this clause; add a RETURN clause or an updating clause",
                    clause.span,
                ));
            }
        }
        // a query that is only `CALL proc() [YIELD ...]` returns the outputs
        if n == 1 && matches!(q.clauses[0].kind, ClauseKind::Call { .. }) {
            columns = std::mem::take(&mut self.call_columns);
        }
        Ok((op, scope, columns))
    }

    fn clause(&mut self, input: Op, clause: &ast::Clause, scope: &mut Scope) -> Result<Op> {
        match &clause.kind {
            ClauseKind::Match {
                optional,
                patterns,
                where_,
            } => {
                self.where_hints = where_.clone();
                if *optional {
                    let before: Vec<String> = scope.names();
                    let mut inner_scope = scope.clone();
                    let inner = self.patterns(Op::Argument, patterns, &mut inner_scope, true);
                    self.where_hints = None;
                    let mut inner = inner?;
                    if let Some(w) = where_ {
                        let pred = self.predicate(w, &inner_scope)?;
                        inner = Op::Filter {
                            input: Box::new(inner),
                            pred,
                        };
                    }
                    let nulls: Vec<Slot> = inner_scope
                        .vars
                        .iter()
                        .filter(|v| !before.contains(&v.name))
                        .map(|v| v.slot)
                        .collect();
                    *scope = inner_scope;
                    Ok(Op::Optional {
                        input: Box::new(input),
                        inner: Box::new(inner),
                        nulls,
                    })
                } else {
                    let op = self.patterns(input, patterns, scope, true);
                    self.where_hints = None;
                    let mut op = op?;
                    if let Some(w) = where_ {
                        let pred = self.predicate(w, scope)?;
                        op = Op::Filter {
                            input: Box::new(op),
                            pred,
                        };
                    }
                    Ok(op)
                }
            }
            ClauseKind::Unwind { expr, var } => {
                let e = self.expr(expr, scope, None)?;
                if scope.get(&var.name).is_some() {
                    return Err(err(
                        "VariableAlreadyBound",
                        format!("variable `{}` is already defined", var.name),
                        var.span,
                    ));
                }
                let slot = self.slot();
                scope.add(&var.name, slot, VarKind::Any);
                Ok(Op::Unwind {
                    input: Box::new(input),
                    expr: e,
                    slot,
                    streamed: false,
                })
            }
            ClauseKind::Create { patterns } => {
                self.writes = true;
                let mut pats = Vec::new();
                let mut declared: Vec<String> = Vec::new();
                for p in patterns {
                    pats.push(self.create_pattern(p, scope, &mut declared)?);
                }
                Ok(Op::Create {
                    input: Box::new(input),
                    patterns: pats,
                })
            }
            ClauseKind::Merge {
                pattern,
                on_create,
                on_match,
            } => {
                self.writes = true;
                if pattern.kind != ast::PathKind::Normal {
                    return Err(err(
                        "UnexpectedSyntax",
                        "shortestPath cannot be used in MERGE",
                        pattern.span,
                    ));
                }
                let mut mscope = scope.clone();
                let noting = std::mem::replace(&mut self.noting, false);
                let matcher = self.patterns(
                    Op::Argument,
                    std::slice::from_ref(pattern),
                    &mut mscope,
                    false,
                );
                self.noting = noting;
                let matcher = matcher?;
                // the create side reuses the matcher's slots
                let mut cscope = scope.clone();
                let mut declared = Vec::new();
                let mut create = self.create_pattern_with(
                    pattern,
                    &mut cscope,
                    &mut declared,
                    Some(&mscope),
                    true,
                )?;
                if let Some(pv) = &pattern.var
                    && let Some(v) = mscope.get(&pv.name)
                    && let Some((_, e)) = create.paths.first().cloned()
                {
                    create.paths = vec![(v.slot, e)];
                }
                *scope = mscope;
                let on_match = self.set_items(on_match, scope)?;
                let on_create = self.set_items(on_create, scope)?;
                Ok(Op::Merge {
                    input: Box::new(input),
                    matcher: Box::new(matcher),
                    create,
                    on_match,
                    on_create,
                })
            }
            ClauseKind::Set { items } => {
                self.writes = true;
                let items = self.set_items(items, scope)?;
                Ok(Op::Set {
                    input: Box::new(input),
                    items,
                })
            }
            ClauseKind::Remove { items } => {
                self.writes = true;
                let mut ops = Vec::new();
                for it in items {
                    match it {
                        ast::RemoveItem::Property { target, key } => {
                            let t = self.expr(target, scope, None)?;
                            let k = self.graph.sym(&key.name);
                            ops.push(SetOp::Prop(t, k, PExpr::Const(Value::Null)));
                        }
                        ast::RemoveItem::Labels { var, labels } => {
                            let v = self.var_of_kind(var, scope, &[VarKind::Node, VarKind::Any])?;
                            let ls = labels.iter().map(|l| self.graph.sym(&l.name)).collect();
                            ops.push(SetOp::RemoveLabels(v, ls));
                        }
                    }
                }
                Ok(Op::Set {
                    input: Box::new(input),
                    items: ops,
                })
            }
            ClauseKind::Delete { detach, exprs } => {
                self.writes = true;
                let mut es = Vec::new();
                for e in exprs {
                    match &e.kind {
                        ExprKind::HasLabels(..) => {
                            return Err(err(
                                "InvalidDelete",
                                "DELETE takes nodes, relationships or paths, not a label expression; use REMOVE to remove labels",
                                e.span,
                            ));
                        }
                        ExprKind::Literal(_)
                        | ExprKind::Binary(..)
                        | ExprKind::Unary(..)
                        | ExprKind::List(_)
                        | ExprKind::Map(_) => {
                            return Err(err(
                                "InvalidArgumentType",
                                "DELETE takes nodes, relationships or paths",
                                e.span,
                            ));
                        }
                        _ => {}
                    }
                    es.push(self.expr(e, scope, None)?);
                }
                Ok(Op::Delete {
                    input: Box::new(input),
                    exprs: es,
                    detach: *detach,
                })
            }
            ClauseKind::Foreach { var, list, clauses } => {
                self.writes = true;
                let l = self.expr(list, scope, None)?;
                let slot = self.slot();
                let mut inner = scope.clone();
                inner.add(&var.name, slot, VarKind::Any);
                let mut body = Op::Argument;
                for c in clauses {
                    match &c.kind {
                        ClauseKind::Create { .. }
                        | ClauseKind::Merge { .. }
                        | ClauseKind::Set { .. }
                        | ClauseKind::Remove { .. }
                        | ClauseKind::Delete { .. }
                        | ClauseKind::Foreach { .. } => {
                            body = self.clause(body, c, &mut inner)?;
                        }
                        _ => {
                            return Err(err(
                                "InvalidClauseComposition",
                                "only updating clauses (CREATE, MERGE, SET, REMOVE, DELETE, FOREACH) may appear inside FOREACH",
                                c.span,
                            ));
                        }
                    }
                }
                Ok(Op::Foreach {
                    input: Box::new(input),
                    slot,
                    list: l,
                    body: Box::new(body),
                })
            }
            ClauseKind::Call {
                procedure,
                args,
                yield_items,
                yield_star,
                where_,
            } => self.call(
                input,
                clause.span,
                procedure,
                args,
                yield_items,
                *yield_star,
                where_,
                scope,
            ),
            ClauseKind::Subquery {
                query,
                in_transactions,
            } => {
                let batch = match in_transactions {
                    None => None,
                    Some(None) => Some(PExpr::Const(Value::Int(1000))),
                    Some(Some(n)) => Some(self.count_expr(n, "IN TRANSACTIONS OF")?),
                };
                let (inner, cols) = self.query(query, scope, Op::Argument)?;
                let unit = cols.is_empty();
                for (name, slot) in &cols {
                    if scope.get(name).is_some() {
                        return Err(err(
                            "VariableAlreadyBound",
                            format!("variable `{name}` is already defined in the outer query"),
                            query.span,
                        ));
                    }
                    scope.add(name, *slot, VarKind::Any);
                }
                Ok(Op::Apply {
                    input: Box::new(input),
                    inner: Box::new(inner),
                    unit,
                    batch,
                })
            }
            ClauseKind::LoadCsv {
                with_headers,
                url,
                var,
                field_terminator,
            } => {
                let u = self.expr(url, scope, None)?;
                if scope.get(&var.name).is_some() {
                    return Err(err(
                        "VariableAlreadyBound",
                        format!("variable `{}` is already defined", var.name),
                        var.span,
                    ));
                }
                let delimiter = match field_terminator.as_deref() {
                    None => b',',
                    Some("\\t") => b'\t',
                    Some(s) if s.len() == 1 => s.as_bytes()[0],
                    Some(s) => {
                        return Err(err(
                            "InvalidArgumentValue",
                            format!("FIELDTERMINATOR must be a single ASCII character, got {s:?}"),
                            clause.span,
                        ));
                    }
                };
                let slot = self.slot();
                scope.add(&var.name, slot, VarKind::Any);
                Ok(Op::LoadCsv {
                    input: Box::new(input),
                    url: u,
                    span: url.span,
                    slot,
                    headers: *with_headers,
                    delimiter,
                })
            }
            ClauseKind::With(_) | ClauseKind::Return(_) => unreachable_clause(clause.span),
        }
    }

    // ---- procedures ----------------------------------------------------------

    #[allow(clippy::too_many_arguments)]
    fn call(
        &mut self,
        input: Op,
        span: Span,
        procedure: &[ast::Ident],
        args: &Option<Vec<ast::Expr>>,
        yield_items: &Option<Vec<ast::YieldItem>>,
        yield_star: bool,
        where_: &Option<ast::Expr>,
        scope: &mut Scope,
    ) -> Result<Op> {
        let name: Vec<&str> = procedure.iter().map(|i| i.name.as_str()).collect();
        let name = name.join(".");
        let sig = procedure_signature(&name).ok_or_else(|| {
            Error::new(
                ErrorKind::ProcedureError,
                "ProcedureNotFound",
                format!("there is no procedure `{name}`; known: {PROCEDURES}"),
            )
            .at(span)
        })?;
        let (proc, outputs) = (sig.proc, sig.outputs);
        let given = args.as_ref().map_or(0, |a| a.len());
        if given < sig.args.len() || given > sig.args.len() + sig.optional.len() {
            let wants = match sig.args.len() {
                0 => "takes no arguments".to_string(),
                n if !sig.optional.is_empty() => format!(
                    "takes {n} to {} arguments ({}, optionally {})",
                    n + sig.optional.len(),
                    sig.args.join(", "),
                    sig.optional.join(", ")
                ),
                _ => format!(
                    "takes {} argument{} ({})",
                    sig.args.len(),
                    if sig.args.len() == 1 { "" } else { "s" },
                    sig.args.join(", ")
                ),
            };
            return Err(err(
                "InvalidNumberOfArguments",
                format!("procedure `{}` {wants}, got {given}", proc.name()),
                span,
            ));
        }
        let mut pargs = Vec::with_capacity(given);
        for a in args.iter().flatten() {
            pargs.push(self.expr(a, scope, None)?);
        }
        if proc.writes() {
            self.writes = true;
        }
        let mut yields = Vec::new();
        match yield_items {
            Some(items) if !yield_star => {
                for it in items {
                    let Some(idx) = outputs.iter().position(|o| *o == it.field.name) else {
                        return Err(err(
                            "UndefinedVariable",
                            format!(
                                "procedure `{name}` has no output `{}`; its outputs are {}",
                                it.field.name,
                                outputs.join(", ")
                            ),
                            it.field.span,
                        ));
                    };
                    let alias = it.alias.as_ref().unwrap_or(&it.field);
                    if scope.get(&alias.name).is_some() {
                        return Err(err(
                            "VariableAlreadyBound",
                            format!("variable `{}` is already defined", alias.name),
                            alias.span,
                        ));
                    }
                    let slot = self.slot();
                    scope.add(&alias.name, slot, VarKind::Any);
                    yields.push((idx, slot));
                }
            }
            _ => {
                for (idx, o) in outputs.iter().enumerate() {
                    let slot = self.slot();
                    scope.add(o, slot, VarKind::Any);
                    yields.push((idx, slot));
                }
            }
        }
        self.call_columns = yields
            .iter()
            .map(|(i, s)| match yield_items {
                Some(items) if !yield_star => {
                    let it = &items[yields.iter().position(|(j, _)| j == i).unwrap_or(0)];
                    (it.alias.as_ref().unwrap_or(&it.field).name.clone(), *s)
                }
                _ => (outputs[*i].to_string(), *s),
            })
            .collect();
        let mut op = Op::Call {
            input: Box::new(input),
            proc,
            args: pargs,
            yields,
            span: args
                .as_ref()
                .and_then(|a| a.first())
                .map_or(span, |a| a.span),
        };
        if let Some(w) = where_ {
            let pred = self.predicate(w, scope)?;
            op = Op::Filter {
                input: Box::new(op),
                pred,
            };
        }
        Ok(op)
    }

    // ---- projections ----------------------------------------------------------

    fn projection(
        &mut self,
        input: Op,
        p: &ast::Projection,
        scope: &Scope,
        is_return: bool,
        span: Span,
    ) -> Result<(Op, Scope, Vec<(String, Slot)>)> {
        // the items: `*` expands to every user variable in scope
        let mut items: Vec<(String, ast::Expr, Span, bool)> = Vec::new(); // name, expr, span, is_bare_var
        if p.star {
            let vars = scope.user_vars();
            if vars.is_empty() && p.items.is_empty() && is_return {
                return Err(err(
                    "NoVariablesInScope",
                    "RETURN * / WITH * is not allowed when there are no variables in scope",
                    span,
                ));
            }
            for v in vars {
                let e = ast::Expr::new(ExprKind::Variable(v.name.clone()), span);
                items.push((v.name.clone(), e, span, true));
            }
        }
        for it in &p.items {
            let name = match (&it.alias, &it.expr.kind) {
                (Some(a), _) => a.name.clone(),
                (None, ExprKind::Variable(v)) => v.clone(),
                (None, _) => {
                    if !is_return {
                        return Err(err(
                            "NoExpressionAlias",
                            format!("expression `{}` in WITH must be aliased (use AS)", it.text),
                            it.expr.span,
                        ));
                    }
                    it.text.trim().to_string()
                }
            };
            let bare = it.alias.is_none() && matches!(it.expr.kind, ExprKind::Variable(_));
            items.push((name, it.expr.clone(), it.expr.span, bare));
        }
        // column name conflicts
        for i in 0..items.len() {
            for j in 0..i {
                if items[i].0 == items[j].0 {
                    return Err(err(
                        "ColumnNameConflict",
                        format!(
                            "multiple result columns with the same name `{}`",
                            items[i].0
                        ),
                        items[i].2,
                    ));
                }
            }
        }

        let has_agg = items.iter().any(|(_, e, _, _)| contains_aggregate(e));
        let mut out = Scope::default();
        let mut cols = Vec::new();
        let mut op;
        let mut order_scope;
        // expressions already computed, by their printed form (for ORDER BY)
        let mut computed: Vec<(String, Slot)> = Vec::new();
        if !has_agg {
            let mut proj = Vec::new();
            for (name, e, _, _) in &items {
                let pe = self.expr(e, scope, None)?;
                let kind = self.kind_of(e, scope);
                let slot = self.slot();
                proj.push((slot, pe));
                out.add(name, slot, kind);
                cols.push((name.clone(), slot));
                computed.push((expr_key(e), slot));
            }
            op = Op::Project {
                input: Box::new(input),
                items: proj,
            };
            // ORDER BY sees the projected names and, unless DISTINCT, the old ones
            order_scope = if p.distinct {
                out.clone()
            } else {
                merge_scopes(scope, &out)
            };
        } else {
            let mut keys = Vec::new();
            let mut aggs: AggSink = Vec::new();
            let mut post = Vec::new();
            let mut key_exprs: Vec<(String, Slot)> = Vec::new();
            let mut item_slots = Vec::new();
            for (_, e, _, _) in &items {
                let slot = self.slot();
                item_slots.push(slot);
                if !contains_aggregate(e) {
                    let pe = self.expr(e, scope, None)?;
                    keys.push((slot, pe));
                    key_exprs.push((expr_key(e), slot));
                    computed.push((expr_key(e), slot));
                }
            }
            for ((name, e, _, _), slot) in items.iter().zip(&item_slots) {
                if contains_aggregate(e) {
                    let pe = self.agg_expr(e, scope, &mut aggs, &key_exprs)?;
                    post.push((*slot, pe));
                    out.add(name, *slot, VarKind::Any);
                    computed.push((expr_key(e), *slot));
                } else {
                    let kind = self.kind_of(e, scope);
                    out.add(name, *slot, kind);
                }
                cols.push((name.clone(), *slot));
            }
            // ORDER BY may name the projected aliases
            for (name, slot) in &cols {
                key_exprs.push((name.clone(), *slot));
            }
            // ORDER BY may aggregate too: bind those now, before the Aggregate op is built
            let mut order_aggs = Vec::new();
            for s in &p.order_by {
                if contains_aggregate(&s.expr)
                    && !computed.iter().any(|(k, _)| *k == expr_key(&s.expr))
                {
                    let pe = self.agg_expr(&s.expr, scope, &mut aggs, &key_exprs)?;
                    let slot = self.slot();
                    order_aggs.push((expr_key(&s.expr), slot, pe));
                }
            }
            op = Op::Aggregate {
                input: Box::new(input),
                keys,
                aggs: aggs.iter().map(|(s, a, _)| (*s, a.clone())).collect(),
                grouping: Grouping::default(),
            };
            let mut post_all = post;
            for (k, slot, pe) in order_aggs {
                post_all.push((slot, pe));
                computed.push((k, slot));
            }
            if !post_all.is_empty() {
                op = Op::Project {
                    input: Box::new(op),
                    items: post_all,
                };
            }
            order_scope = out.clone();
        }

        if p.distinct {
            op = Op::Distinct {
                input: Box::new(op),
                slots: cols.iter().map(|(_, s)| *s).collect(),
            };
        }
        if !p.order_by.is_empty() {
            let mut keys = Vec::new();
            for s in &p.order_by {
                let k = expr_key(&s.expr);
                let pe = if let Some((_, slot)) = computed.iter().find(|(c, _)| *c == k) {
                    PExpr::Slot(*slot)
                } else {
                    // expressions over projected aliases or (without aggregation) old variables
                    if has_agg || p.distinct {
                        self.expr_in_projection(
                            &s.expr,
                            &order_scope,
                            &computed,
                            has_agg || p.distinct,
                        )?
                    } else {
                        let _ = &mut order_scope;
                        self.expr(&s.expr, &order_scope, None)?
                    }
                };
                keys.push((pe, s.descending));
            }
            let limit = match (&p.skip, &p.limit) {
                (None, Some(l)) => Some(self.count_expr(l, "LIMIT")?),
                _ => None,
            };
            op = Op::Sort {
                input: Box::new(op),
                keys,
                limit,
            };
        }
        if let Some(s) = &p.skip {
            let c = self.count_expr(s, "SKIP")?;
            op = Op::Skip {
                input: Box::new(op),
                count: c,
            };
        }
        if let Some(l) = &p.limit {
            let c = self.count_expr(l, "LIMIT")?;
            op = Op::Limit {
                input: Box::new(op),
                count: c,
            };
        }
        if let Some(w) = &p.where_ {
            let where_scope = if has_agg {
                out.clone()
            } else {
                merge_scopes(scope, &out)
            };
            let pred = self.predicate(w, &where_scope)?;
            op = Op::Filter {
                input: Box::new(op),
                pred,
            };
        }
        Ok((op, out, cols))
    }

    /// ORDER BY after DISTINCT or aggregation: only projected names (and
    /// expressions equal to projected ones) may be used.
    fn expr_in_projection(
        &mut self,
        e: &ast::Expr,
        scope: &Scope,
        computed: &[(String, Slot)],
        _restricted: bool,
    ) -> Result<PExpr> {
        let k = expr_key(e);
        if let Some((_, s)) = computed.iter().find(|(c, _)| *c == k) {
            return Ok(PExpr::Slot(*s));
        }
        self.expr(e, scope, None)
    }

    /// SKIP / LIMIT: a constant non-negative integer expression.
    fn count_expr(&mut self, e: &ast::Expr, what: &str) -> Result<PExpr> {
        if uses_variables(e) {
            return Err(err(
                "NonConstantExpression",
                format!("{what} must be a constant expression (literals and parameters only)"),
                e.span,
            ));
        }
        match &e.kind {
            ExprKind::Literal(Literal::Integer(i)) if *i < 0 => {
                return Err(err(
                    "NegativeIntegerArgument",
                    format!("{what} must be a non-negative integer, got {i}"),
                    e.span,
                ));
            }
            ExprKind::Literal(Literal::Float(f)) => {
                return Err(err(
                    "InvalidArgumentType",
                    format!("{what} must be an integer, got Float {f}"),
                    e.span,
                ));
            }
            _ => {}
        }
        self.expr(e, &Scope::default(), None)
    }

    /// A projected expression with aggregates: aggregate calls become slots.
    fn agg_expr(
        &mut self,
        e: &ast::Expr,
        scope: &Scope,
        aggs: &mut AggSink,
        keys: &[(String, Slot)],
    ) -> Result<PExpr> {
        // a sub-expression equal to a grouping key refers to the key's slot
        let k = expr_key(e);
        if let Some((_, s)) = keys.iter().find(|(c, _)| *c == k) {
            return Ok(PExpr::Slot(*s));
        }
        match &e.kind {
            ExprKind::CountStar => {
                let slot = self.slot();
                aggs.push((
                    slot,
                    AggCall {
                        func: None,
                        distinct: false,
                        args: vec![],
                    },
                    k,
                ));
                Ok(PExpr::Slot(slot))
            }
            ExprKind::FunctionCall {
                name,
                distinct,
                args,
            } if is_aggregate_name(name) => {
                if let Some((s, _, _)) = aggs.iter().find(|(_, _, key)| *key == k) {
                    return Ok(PExpr::Slot(*s));
                }
                let fname = join_name(name);
                let def = functions::lookup(&fname).expect("checked aggregate");
                self.check_arity(def, args.len(), &fname, e.span)?;
                let mut pargs = Vec::new();
                for a in args {
                    if contains_aggregate(a) {
                        return Err(err(
                            "NestedAggregation",
                            format!(
                                "aggregate functions cannot be nested: `{fname}` contains another aggregate"
                            ),
                            a.span,
                        ));
                    }
                    pargs.push(self.expr(a, scope, None)?);
                }
                let slot = self.slot();
                aggs.push((
                    slot,
                    AggCall {
                        func: Some(def.id),
                        distinct: *distinct,
                        args: pargs,
                    },
                    k,
                ));
                Ok(PExpr::Slot(slot))
            }
            ExprKind::Variable(v) => Err(err(
                "AmbiguousAggregationExpression",
                format!(
                    "variable `{v}` is used next to an aggregate but is not a grouping key; project it as its own item"
                ),
                e.span,
            )),
            _ => self.map_children_agg(e, scope, aggs, keys),
        }
    }

    fn map_children_agg(
        &mut self,
        e: &ast::Expr,
        scope: &Scope,
        aggs: &mut AggSink,
        keys: &[(String, Slot)],
    ) -> Result<PExpr> {
        let b = |x: PExpr| Box::new(x);
        Ok(match &e.kind {
            ExprKind::Binary(op, l, r) => {
                let l = self.agg_expr(l, scope, aggs, keys)?;
                let r = self.agg_expr(r, scope, aggs, keys)?;
                PExpr::Bin(bin_op(*op), b(l), b(r))
            }
            ExprKind::Unary(op, x) => {
                let x = self.agg_expr(x, scope, aggs, keys)?;
                match op {
                    UnaryOp::Not => PExpr::Not(b(x)),
                    UnaryOp::Neg => PExpr::Neg(b(x)),
                    UnaryOp::Pos => PExpr::Pos(b(x)),
                }
            }
            ExprKind::List(items) => {
                let mut v = Vec::new();
                for i in items {
                    v.push(self.agg_expr(i, scope, aggs, keys)?);
                }
                PExpr::List(v)
            }
            ExprKind::Map(items) => {
                let mut v = Vec::new();
                for (k, x) in items {
                    v.push((
                        Arc::from(k.name.as_str()),
                        self.agg_expr(x, scope, aggs, keys)?,
                    ));
                }
                PExpr::Map(v)
            }
            ExprKind::Property(x, key) => {
                let x = self.agg_expr(x, scope, aggs, keys)?;
                self.note_read(NameKind::PropertyKey, key);
                let s = self.graph.sym(&key.name);
                PExpr::Prop(b(x), s, Arc::from(key.name.as_str()))
            }
            ExprKind::Index(x, i) => {
                let x = self.agg_expr(x, scope, aggs, keys)?;
                let i = self.agg_expr(i, scope, aggs, keys)?;
                PExpr::Index(b(x), b(i))
            }
            ExprKind::IsNull(x, neg) => {
                PExpr::IsNull(b(self.agg_expr(x, scope, aggs, keys)?), *neg)
            }
            ExprKind::FunctionCall { name, args, .. } => {
                let fname = join_name(name);
                let def = self.function(&fname, args.len(), e.span)?;
                let mut v = Vec::new();
                for a in args {
                    v.push(self.agg_expr(a, scope, aggs, keys)?);
                }
                PExpr::Func(def, v)
            }
            ExprKind::Case {
                operand,
                whens,
                else_,
            } => {
                let o = match operand {
                    Some(o) => Some(b(self.agg_expr(o, scope, aggs, keys)?)),
                    None => None,
                };
                let mut ws = Vec::new();
                for (w, t) in whens {
                    ws.push((
                        self.agg_expr(w, scope, aggs, keys)?,
                        self.agg_expr(t, scope, aggs, keys)?,
                    ));
                }
                let el = match else_ {
                    Some(x) => Some(b(self.agg_expr(x, scope, aggs, keys)?)),
                    None => None,
                };
                PExpr::Case(o, ws, el)
            }
            ExprKind::Literal(_) | ExprKind::Parameter(_) => self.expr(e, scope, None)?,
            _ => {
                if contains_aggregate(e) {
                    return Err(err(
                        "InvalidAggregation",
                        "this kind of expression cannot contain an aggregate",
                        e.span,
                    ));
                }
                if uses_variables(e) {
                    return Err(err(
                        "AmbiguousAggregationExpression",
                        format!(
                            "expression `{}` is used next to an aggregate but is not a grouping key",
                            expr_key(e)
                        ),
                        e.span,
                    ));
                }
                self.expr(e, scope, None)?
            }
        })
    }

    /// `id(v)` (or `elementId(v)`) of a variable known to hold a node or a
    /// relationship: its slot and kind.
    fn id_of_var(&self, e: &ast::Expr, scope: &Scope) -> Option<(Slot, VarKind)> {
        let ExprKind::FunctionCall {
            name,
            distinct: false,
            args,
        } = &e.kind
        else {
            return None;
        };
        let fname = join_name(name);
        if !(fname.eq_ignore_ascii_case("id") || fname.eq_ignore_ascii_case("elementId")) {
            return None;
        }
        let [
            ast::Expr {
                kind: ExprKind::Variable(v),
                ..
            },
        ] = args.as_slice()
        else {
            return None;
        };
        let v = scope.get(v)?;
        matches!(v.kind, VarKind::Node | VarKind::Rel).then_some((v.slot, v.kind))
    }

    fn kind_of(&self, e: &ast::Expr, scope: &Scope) -> VarKind {
        match &e.kind {
            ExprKind::Variable(v) => scope.get(v).map_or(VarKind::Any, |v| v.kind),
            _ => static_ty(e, scope).map_or(VarKind::Any, VarKind::Lit),
        }
    }

    // ---- patterns ------------------------------------------------------------

    fn var_of_kind(&mut self, id: &ast::Ident, scope: &Scope, kinds: &[VarKind]) -> Result<Slot> {
        match scope.get(&id.name) {
            None => Err(self.undefined(&id.name, id.span, scope)),
            Some(v) if kinds.contains(&v.kind) => Ok(v.slot),
            Some(v) => Err(err(
                "VariableTypeConflict",
                format!("variable `{}` is a {:?}, not usable here", id.name, v.kind),
                id.span,
            )),
        }
    }

    fn undefined(&self, name: &str, span: Span, scope: &Scope) -> Error {
        let cands: Vec<String> = scope.user_vars().into_iter().map(|v| v.name).collect();
        let mut msg = format!("variable `{name}` is not defined");
        if let Some(s) = closest(name, cands.iter().map(|s| s.as_str())) {
            msg.push_str(&format!("; did you mean `{s}`?"));
        }
        err("UndefinedVariable", msg, span)
    }

    /// Plans the pattern parts of a MATCH (or MERGE's matcher), declaring
    /// their variables in `scope`.
    fn patterns(
        &mut self,
        input: Op,
        parts: &[ast::PatternPart],
        scope: &mut Scope,
        is_match: bool,
    ) -> Result<Op> {
        let before = scope.clone();
        // declare variables first so that kinds are checked and repeated
        // names in the same clause refer to the same slot
        let mut rels_here: Vec<String> = Vec::new();
        for part in parts {
            if let Some(pv) = &part.var {
                if before.get(&pv.name).is_some() {
                    return Err(err(
                        "VariableAlreadyBound",
                        format!("variable `{}` is already defined", pv.name),
                        pv.span,
                    ));
                }
                if scope.get(&pv.name).is_some() {
                    return Err(err(
                        "VariableTypeConflict",
                        format!(
                            "`{}` names both a path and another element of this pattern",
                            pv.name
                        ),
                        pv.span,
                    ));
                }
                let slot = self.slot();
                scope.add(&pv.name, slot, VarKind::Path);
            }
            let el = &part.element;
            for node in std::iter::once(&el.start).chain(el.chain.iter().map(|(_, n)| n)) {
                if let Some(v) = &node.var {
                    match scope.get(&v.name) {
                        Some(var) if !matches!(var.kind, VarKind::Node | VarKind::Any) => {
                            return Err(err(
                                "VariableTypeConflict",
                                format!(
                                    "variable `{}` is already bound to a {:?}, it cannot be used as a node",
                                    v.name, var.kind
                                ),
                                v.span,
                            ));
                        }
                        Some(_) => {}
                        None => {
                            let slot = self.slot();
                            scope.add(&v.name, slot, VarKind::Node);
                        }
                    }
                }
            }
            for (rel, _) in &el.chain {
                if let Some(v) = &rel.var {
                    let kind = if rel.length.is_some() {
                        VarKind::RelList
                    } else {
                        VarKind::Rel
                    };
                    if rels_here.contains(&v.name) {
                        return Err(err(
                            "RelationshipUniquenessViolation",
                            format!(
                                "relationship variable `{}` is used twice in the same pattern",
                                v.name
                            ),
                            v.span,
                        ));
                    }
                    rels_here.push(v.name.clone());
                    match scope.get(&v.name) {
                        // a list bound before may name the relationships of
                        // a variable-length pattern (`WITH [r1, r2] AS rs
                        // MATCH (a)-[rs*]->(b)`: the path must be that list)
                        Some(var)
                            if kind == VarKind::RelList && var.kind == VarKind::Lit(Ty::List) => {}
                        Some(var)
                            if matches!(
                                var.kind,
                                VarKind::Node | VarKind::Path | VarKind::Lit(_)
                            ) =>
                        {
                            return Err(err(
                                "VariableTypeConflict",
                                format!(
                                    "variable `{}` is already bound to a {:?}, it cannot be used as a relationship",
                                    v.name, var.kind
                                ),
                                v.span,
                            ));
                        }
                        Some(var) if var.kind == VarKind::Rel && kind == VarKind::RelList => {
                            return Err(err(
                                "VariableTypeConflict",
                                format!(
                                    "variable `{}` is a single relationship, it cannot be used for a variable-length pattern",
                                    v.name
                                ),
                                v.span,
                            ));
                        }
                        Some(_) => {}
                        None => {
                            let slot = self.slot();
                            scope.add(&v.name, slot, kind);
                        }
                    }
                }
            }
        }
        // property maps and labels are bound against the scope including
        // this clause's variables (openCypher allows `(a {x: 1}), (b {y: a.x})`)
        let mut op = input;
        let mut bound: Vec<Slot> = before.vars.iter().map(|v| v.slot).collect();
        let mut clause_rels: Vec<Slot> = Vec::new();
        for part in parts {
            op = self.pattern_part(op, part, scope, &mut bound, &mut clause_rels, is_match)?;
        }
        Ok(op)
    }

    /// The slot of a pattern element: its variable's (declared on first
    /// sight), or a fresh anonymous one.
    fn element_slot(&mut self, var: &Option<ast::Ident>, kind: VarKind, scope: &mut Scope) -> Slot {
        if let Some(v) = var
            && let Some(existing) = scope.get(&v.name)
        {
            return existing.slot;
        }
        let name = match var {
            Some(v) => v.name.clone(),
            None => self.anon_name(),
        };
        let s = self.slot();
        scope.add(&name, s, kind);
        s
    }

    fn node_slot(&mut self, n: &ast::NodePattern, scope: &mut Scope) -> Slot {
        self.element_slot(&n.var, VarKind::Node, scope)
    }

    fn rel_slot(&mut self, r: &ast::RelPattern, scope: &mut Scope) -> Slot {
        let kind = if r.length.is_some() {
            VarKind::RelList
        } else {
            VarKind::Rel
        };
        self.element_slot(&r.var, kind, scope)
    }

    /// Equality predicates for a pattern's property map.
    fn prop_preds(
        &mut self,
        slot: Slot,
        props: &Option<Box<ast::Expr>>,
        scope: &Scope,
    ) -> Result<Vec<PExpr>> {
        let Some(p) = props else { return Ok(vec![]) };
        match &p.kind {
            ExprKind::Map(entries) => {
                let mut out = Vec::new();
                for (k, v) in entries {
                    let val = self.expr(v, scope, None)?;
                    self.note_read(NameKind::PropertyKey, k);
                    let sym = self.graph.sym(&k.name);
                    out.push(PExpr::Bin(
                        BinOp::Eq,
                        Box::new(PExpr::Prop(
                            Box::new(PExpr::Slot(slot)),
                            sym,
                            Arc::from(k.name.as_str()),
                        )),
                        Box::new(val),
                    ));
                }
                Ok(out)
            }
            ExprKind::Parameter(_) => Err(err(
                "InvalidParameterUse",
                "a parameter map cannot be used as the properties of a pattern to match; write {key: $param.key, ...}",
                p.span,
            )),
            _ => Err(err(
                "InvalidParameterUse",
                "a pattern's properties must be a map literal",
                p.span,
            )),
        }
    }

    fn labels(&mut self, ls: &[ast::Ident]) -> Vec<Sym> {
        ls.iter().map(|l| self.graph.sym(&l.name)).collect()
    }

    fn filter(op: Op, preds: Vec<PExpr>) -> Op {
        preds.into_iter().fold(op, |op, pred| Op::Filter {
            input: Box::new(op),
            pred,
        })
    }

    /// Selectivity estimate for starting a part at this node (lower is better).
    /// Estimated rows bound by starting at node `n`, and, when an index
    /// seek on a literal finds them, the exact relationships at those nodes.
    fn start_rows(
        &self,
        n: &ast::NodePattern,
        scope: &Scope,
        bound: &[Slot],
    ) -> (f64, Option<f64>) {
        if let Some(v) = &n.var
            && let Some(var) = scope.get(&v.name)
            && bound.contains(&var.slot)
        {
            return (1.0, None);
        }
        let g = self.graph.graph();
        let mut best = (g.node_count() as f64 * self.node_selectivity(n), None);
        for l in &n.labels {
            let Some(sym) = g.sym(&l.name) else {
                return (0.0, Some(0.0)); // a label nobody has: nothing to scan
            };
            if let Some(props) = &n.properties
                && let ExprKind::Map(entries) = &props.kind
            {
                for (k, e) in entries {
                    let Some(ks) = g.sym(&k.name) else { continue };
                    if !g.has_index(sym, ks) {
                        continue;
                    }
                    if let Some(ids) = literal_value(e).and_then(|v| g.index_lookup(sym, ks, &v)) {
                        let degrees = ids
                            .iter()
                            .map(|id| g.degree(*id, crate::store::Dir::Both) as f64)
                            .sum();
                        if (ids.len() as f64) <= best.0 {
                            best = (ids.len() as f64, Some(degrees));
                        }
                    } else if 1.0 < best.0 {
                        best = (1.0, None);
                    }
                }
            }
            // `n.key IN [...]` in the WHERE: one index seek per element
            for (k, values) in self.in_hints(n) {
                let Some(ks) = g.sym(&k) else { continue };
                if !g.has_index(sym, ks) {
                    continue;
                }
                let (mut found, mut degrees) = (0usize, 0.0);
                for v in &values {
                    if let Some(ids) = g.index_lookup(sym, ks, v) {
                        found += ids.len();
                        degrees += ids
                            .iter()
                            .map(|id| g.degree(*id, crate::store::Dir::Both) as f64)
                            .sum::<f64>();
                    }
                }
                if (found as f64) <= best.0 {
                    best = (found as f64, Some(degrees));
                }
            }
        }
        best
    }

    /// Rows an index seek finds for the node pattern `n` (on a key of its
    /// property map or of the WHERE's `n.key IN list`), `None` when no
    /// index serves it.
    fn indexed_rows(&self, n: &ast::NodePattern, scope: &Scope, bound: &[Slot]) -> Option<f64> {
        let g = self.graph.graph();
        let mut keys: Vec<String> = self.in_hints(n).into_iter().map(|(k, _)| k).collect();
        if let Some(props) = &n.properties
            && let ExprKind::Map(entries) = &props.kind
        {
            keys.extend(entries.iter().map(|(k, _)| k.name.clone()));
        }
        let served = n.labels.iter().any(|l| {
            g.sym(&l.name).is_some_and(|label| {
                keys.iter()
                    .any(|k| g.sym(k).is_some_and(|key| g.has_index(label, key)))
            })
        });
        served.then(|| self.start_rows(n, scope, bound).0)
    }

    /// The MATCH's WHERE conjuncts `v.key IN list` on the node pattern's
    /// variable `v`, where the list is a literal list of literals or a
    /// parameter holding a list: (key, the values).
    fn in_hints(&self, n: &ast::NodePattern) -> Vec<(String, Vec<Value>)> {
        let (Some(w), Some(v)) = (&self.where_hints, &n.var) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for e in and_conjuncts(w) {
            let ExprKind::Binary(ast::BinaryOp::In, a, list) = &e.kind else {
                continue;
            };
            let ExprKind::Property(base, key) = &a.kind else {
                continue;
            };
            if !matches!(&base.kind, ExprKind::Variable(x) if *x == v.name) {
                continue;
            }
            let values = match &list.kind {
                ExprKind::List(items) => items.iter().map(literal_value).collect(),
                ExprKind::Parameter(p) => match self.params.get(p) {
                    Some(Value::List(items)) => Some(items.to_vec()),
                    _ => None,
                },
                _ => None,
            };
            if let Some(values) = values {
                out.push((key.name.clone(), values));
            }
        }
        out
    }

    /// The fraction of all nodes a node pattern accepts: its labels, an
    /// equality on a property taken as picking one node of the label, and
    /// a WHERE's `IN` list as picking one node per element.
    fn node_selectivity(&self, n: &ast::NodePattern) -> f64 {
        let g = self.graph.graph();
        let total = (g.node_count() as f64).max(1.0);
        let mut sel: f64 = 1.0;
        let mut label_nodes = total;
        for l in &n.labels {
            let c = g.sym(&l.name).map_or(0, |s| g.label_count(s)) as f64;
            sel = sel.min(c / total);
            label_nodes = label_nodes.min(c);
        }
        if let Some(p) = &n.properties
            && let ExprKind::Map(entries) = &p.kind
        {
            for (_, e) in entries {
                // a boolean splits the nodes; other values are taken as keys
                sel *= match e.kind {
                    ExprKind::Literal(Literal::Bool(_)) => 0.5,
                    _ => 1.0 / label_nodes.max(1.0),
                };
            }
        }
        for (_, values) in self.in_hints(n) {
            sel *= (values.len() as f64 / label_nodes.max(1.0)).min(1.0);
        }
        for (key, op, value) in self.range_hints(n) {
            sel *= self.range_fraction(n, &key, op, &value);
        }
        sel
    }

    /// The MATCH's WHERE conjuncts `v.key < c`, `<=`, `>`, `>=` (either way
    /// round; a chain `a <= v.key < b` is two of them) on the node
    /// pattern's variable `v`, where `c` is known when planning (a literal,
    /// a parameter, `date('…')`): (key, the comparison with `v.key` on the
    /// left, `c`).
    fn range_hints(&self, n: &ast::NodePattern) -> Vec<(String, ast::BinaryOp, Value)> {
        use ast::BinaryOp::{Ge, Gt, Le, Lt};
        let (Some(w), Some(v)) = (&self.where_hints, &n.var) else {
            return Vec::new();
        };
        let key_of = |e: &ast::Expr| match &e.kind {
            ExprKind::Property(base, key) if matches!(&base.kind, ExprKind::Variable(x) if *x == v.name) => {
                Some(key.name.clone())
            }
            _ => None,
        };
        let mut out = Vec::new();
        for e in and_conjuncts(w) {
            let ExprKind::Binary(op @ (Lt | Le | Gt | Ge), a, b) = &e.kind else {
                continue;
            };
            let flipped = match op {
                Lt => Gt,
                Le => Ge,
                Gt => Lt,
                _ => Le,
            };
            let hint = match (key_of(a), key_of(b)) {
                (Some(k), None) => self.plan_constant(b).map(|c| (k, *op, c)),
                (None, Some(k)) => self.plan_constant(a).map(|c| (k, flipped, c)),
                _ => None,
            };
            out.extend(hint);
        }
        out
    }

    /// The value of `e` when it is known while planning: a literal, a
    /// parameter, or `date('…')` of a literal string.
    fn plan_constant(&self, e: &ast::Expr) -> Option<Value> {
        match &e.kind {
            ExprKind::Parameter(p) => self.params.get(p).cloned(),
            ExprKind::FunctionCall {
                name,
                distinct: false,
                args,
                ..
            } if name.len() == 1 && name[0].name.eq_ignore_ascii_case("date") => {
                match args.as_slice() {
                    [a] => match &a.kind {
                        ExprKind::Literal(Literal::String(s)) => {
                            crate::value::temporal::parse_date(s).ok().map(Value::Date)
                        }
                        _ => None,
                    },
                    _ => None,
                }
            }
            _ => literal_value(e),
        }
    }

    /// The fraction of the nodes with `n`'s labels (of all nodes when it
    /// has none) whose `key` passes `op value`, from an even sample of at
    /// most [`RANGE_SAMPLE`] of them; never below half a sampled node.
    /// Above [`RANGE_SAMPLED_MAX`] candidates it is not estimated (1), as
    /// before ranges were sampled.
    fn range_fraction(
        &self,
        n: &ast::NodePattern,
        key: &str,
        op: ast::BinaryOp,
        value: &Value,
    ) -> f64 {
        let labels: Vec<String> = n.labels.iter().map(|l| l.name.clone()).collect();
        let same = |m: &&RangeMemo| {
            m.0 == labels && m.1 == key && m.2 == op && crate::value::equivalent(&m.3, value)
        };
        if let Some(m) = self.range_memo.borrow().iter().find(same) {
            return m.4;
        }
        let f = self.sample_range(n, key, op, value);
        self.range_memo
            .borrow_mut()
            .push((labels, key.to_string(), op, value.clone(), f));
        f
    }

    /// [`Binder::range_fraction`], sampled anew.
    fn sample_range(
        &self,
        n: &ast::NodePattern,
        key: &str,
        op: ast::BinaryOp,
        value: &Value,
    ) -> f64 {
        let g = self.graph.graph();
        let label = n
            .labels
            .iter()
            .filter_map(|l| g.sym(&l.name))
            .min_by_key(|s| g.label_count(*s));
        let Some(key) = g.sym(key) else {
            return 0.5 / RANGE_SAMPLE as f64; // nobody has the key
        };
        let count = label.map_or(g.node_count(), |l| g.label_count(l));
        if count == 0 || count > RANGE_SAMPLED_MAX {
            return 1.0;
        }
        let step = count.div_ceil(RANGE_SAMPLE).max(1);
        let candidates: Vec<crate::value::NodeId> = match label {
            Some(l) => g.nodes_with_label(l).step_by(step).collect(),
            None => g.nodes_with_labels(&[]).into_iter().step_by(step).collect(),
        };
        let (mut seen, mut pass) = (0usize, 0usize);
        for id in candidates {
            seen += 1;
            let ok = g
                .node_prop(id, key)
                .and_then(|v| v.cypher_cmp(value))
                .is_some_and(|o| match op {
                    ast::BinaryOp::Lt => o.is_lt(),
                    ast::BinaryOp::Le => o.is_le(),
                    ast::BinaryOp::Gt => o.is_gt(),
                    _ => o.is_ge(),
                });
            pass += usize::from(ok);
        }
        (pass as f64).max(0.5) / (seen.max(1) as f64)
    }

    /// Relationships one expansion of the pattern reads per node of the
    /// given labels: its types, after the pattern's relationship properties
    /// filter them; for a variable-length relationship, over all the levels
    /// of the walk (see [`Binder::var_levels`]).
    fn fanout(&self, rel: &ast::RelPattern, from: &ast::NodePattern) -> f64 {
        let first = self.fanout_raw(rel, from) * self.rel_prop_filter(rel);
        match rel.length {
            None => first,
            Some(range) => first.max(1.0) * self.var_levels(rel, range),
        }
    }

    /// The fraction of a pattern's relationships its property map keeps.
    fn rel_prop_filter(&self, rel: &ast::RelPattern) -> f64 {
        match rel.properties.as_deref().map(|p| &p.kind) {
            Some(ExprKind::Map(entries)) => 1.0 / 3f64.powi(entries.len() as i32),
            _ => 1.0,
        }
    }

    /// How many times its first hop a variable-length walk reads: the
    /// levels up to its maximum (at most 3 are counted), each the one
    /// before times the fan-out of *any* node. Only the first hop leaves
    /// the node the walk starts from; the later ones leave whatever nodes
    /// it reached, so they are priced with the type's relationships per
    /// node of the whole graph, whatever the end nodes' labels. (Pricing
    /// every level with the start's labels, as the first hop is, divides
    /// all the type's relationships by a small label's count at each level:
    /// it made the selective end, `(a:Country)-[*]-(b)`, look the dearest
    /// start, and the walk began at every node of the unlabelled end.)
    fn var_levels(&self, rel: &ast::RelPattern, range: ast::RangeLiteral) -> f64 {
        let nodes = (self.graph.graph().node_count() as f64).max(1.0);
        let mut any = self.typed_rels(rel) / nodes * self.rel_prop_filter(rel);
        if rel.direction == Direction::Both {
            any *= 2.0;
        }
        let any = any.max(1.0);
        let depth = range.max.unwrap_or(3).clamp(1, 3) as i32;
        (0..depth).map(|l| any.powi(l)).sum()
    }

    /// The relationships of a pattern's types.
    fn typed_rels(&self, rel: &ast::RelPattern) -> f64 {
        let g = self.graph.graph();
        if rel.types.is_empty() {
            g.rel_count() as f64
        } else {
            rel.types
                .iter()
                .filter_map(|t| g.sym(&t.name))
                .map(|t| g.type_count(t) as f64)
                .sum()
        }
    }

    /// Average relationships per node of the given labels for a pattern's
    /// types and direction (what one expansion reads).
    fn fanout_raw(&self, rel: &ast::RelPattern, from: &ast::NodePattern) -> f64 {
        let g = self.graph.graph();
        let rels = self.typed_rels(rel);
        let nodes = from
            .labels
            .iter()
            .filter_map(|l| g.sym(&l.name))
            .map(|l| g.label_count(l) as f64)
            .fold(g.node_count() as f64, f64::min)
            .max(1.0);
        let mut f = rels / nodes;
        if rel.direction == Direction::Both {
            f *= 2.0;
        }
        f
    }

    /// Estimated rows produced when a part starts at node `i` and expands
    /// outward, and whether its left side is best expanded before its
    /// right (from a node in the middle, the side expanded second runs once
    /// per row the first produced, so the side that keeps fewer rows goes
    /// first): the cost model of start-node selection.
    fn part_cost(
        &self,
        el: &ast::PatternElement,
        i: usize,
        scope: &Scope,
        bound: &[Slot],
    ) -> (f64, bool) {
        let nodes: Vec<&ast::NodePattern> = el.nodes();
        let (start, exact_degrees) = self.start_rows(nodes[i], scope, bound);
        let sides = |left_first: bool| {
            let (first, rows) = self.hops_cost(el, &nodes, i, start, !left_first, exact_degrees);
            let (second, _) = self.hops_cost(el, &nodes, i, rows, left_first, None);
            start + first + second
        };
        let right_first = sides(false);
        if 0 < i && i < el.chain.len() {
            let left_first = sides(true);
            if left_first < right_first {
                return (left_first, true);
            }
        }
        (right_first, false)
    }

    /// Estimated rows read by expanding from node `i`, where `rows` rows
    /// are bound, to the end of the pattern on the right (or the left), and
    /// the rows left at its end; `exact_first`: the first hop's known size.
    fn hops_cost(
        &self,
        el: &ast::PatternElement,
        nodes: &[&ast::NodePattern],
        i: usize,
        mut rows: f64,
        rightward: bool,
        exact_first: Option<f64>,
    ) -> (f64, f64) {
        let steps: Vec<(usize, usize)> = if rightward {
            (i..el.chain.len()).map(|j| (j, j + 1)).collect()
        } else {
            (0..i).rev().map(|j| (j + 1, j)).collect()
        };
        let mut total = 0.0;
        for (n, (from, to)) in steps.into_iter().enumerate() {
            let rel = &el.chain[from.min(to)].0;
            let hop = match (exact_first, rel.length) {
                (Some(d), None) if n == 0 => d,
                (Some(d), Some(range)) if n == 0 => d * self.var_levels(rel, range),
                (_, _) => rows * self.fanout(rel, nodes[from]),
            };
            rows = hop * self.end_filter(nodes[to]);
            total += hop;
        }
        (total, rows)
    }

    /// The fraction of the nodes an expansion reaches that the node
    /// pattern keeps (labels are not selective there: see
    /// [`Binder::label_fraction`]).
    fn end_filter(&self, n: &ast::NodePattern) -> f64 {
        self.node_selectivity(n).max(1e-9) / self.label_fraction(n).max(1e-9)
    }

    /// The pattern element as the cost model should see it: with the MATCH's
    /// WHERE equalities on a node variable's properties (`n.key = literal or
    /// parameter`) added to that node's property map and its label tests
    /// (`n:Label`) to its labels, so that `MATCH (n:L) WHERE n.key = 1`
    /// starts where `MATCH (n:L {key: 1})` would.
    fn with_where_hints(&self, el: &ast::PatternElement) -> ast::PatternElement {
        let mut el = el.clone();
        let Some(w) = &self.where_hints else {
            return el;
        };
        let conjuncts = and_conjuncts(w);
        let var_of = |e: &ast::Expr| match &e.kind {
            ExprKind::Variable(v) => Some(v.clone()),
            _ => None,
        };
        // the pattern's own variables: a value read of one of them is not
        // known when the pattern starts
        let own: Vec<String> = std::iter::once(&el.start)
            .chain(el.chain.iter().map(|(_, n)| n))
            .filter_map(|n| n.var.as_ref().map(|v| v.name.clone()))
            .chain(
                el.chain
                    .iter()
                    .filter_map(|(r, _)| r.var.as_ref().map(|v| v.name.clone())),
            )
            .collect();
        // a literal, a parameter, or a variable bound before (`UNWIND … AS
        // s MATCH (r) WHERE r.session = s`) or its property: one value per
        // row, known before the pattern is matched
        let constant = |e: &ast::Expr| match &e.kind {
            ExprKind::Literal(_) | ExprKind::Parameter(_) => true,
            ExprKind::Variable(x) => !own.contains(x),
            ExprKind::Property(b, _) => {
                matches!(&b.kind, ExprKind::Variable(x) if !own.contains(x))
            }
            _ => false,
        };
        let nodes = std::iter::once(&mut el.start).chain(el.chain.iter_mut().map(|(_, n)| n));
        let nodes: Vec<&mut ast::NodePattern> = nodes.collect();
        for n in nodes {
            let Some(v) = n.var.as_ref().map(|v| v.name.clone()) else {
                continue;
            };
            for c in &conjuncts {
                match &c.kind {
                    ExprKind::Binary(ast::BinaryOp::Eq, a, b) => {
                        let (prop, value) = match (&a.kind, &b.kind) {
                            (ExprKind::Property(base, key), _) if constant(b) => ((base, key), b),
                            (_, ExprKind::Property(base, key)) if constant(a) => ((base, key), a),
                            _ => continue,
                        };
                        if var_of(prop.0).as_deref() != Some(v.as_str()) {
                            continue;
                        }
                        let entry = (prop.1.clone(), (**value).clone());
                        match &mut n.properties {
                            None => {
                                n.properties = Some(Box::new(ast::Expr {
                                    kind: ExprKind::Map(vec![entry]),
                                    span: c.span,
                                }))
                            }
                            Some(p) => {
                                if let ExprKind::Map(entries) = &mut p.kind {
                                    entries.push(entry);
                                }
                            }
                        }
                    }
                    ExprKind::HasLabels(x, labels) if var_of(x).as_deref() == Some(v.as_str()) => {
                        n.labels.extend(labels.iter().cloned());
                    }
                    _ => {}
                }
            }
        }
        el
    }

    /// Whether the part, best started at node `i`, is better started by a
    /// sequential scan of its first relationship's type; returns that
    /// relationship. The rest of the plan is the same either way (both ends
    /// of that relationship are then bound), so only the first step is
    /// compared: node `i`'s scan plus the relationship records its first
    /// expansion reads at scattered places, against one pass over the
    /// relationship records in storage order, which costs far less per
    /// record.
    fn rel_scan_start(
        &self,
        el: &ast::PatternElement,
        i: usize,
        node_slots: &[Slot],
        rel_slots: &[Slot],
        scope: &Scope,
        bound: &[Slot],
    ) -> Option<usize> {
        let j = if i < el.chain.len() {
            i
        } else {
            i.checked_sub(1)?
        };
        let rel = &el.chain[j].0;
        if rel.length.is_some()
            || node_slots[j] == node_slots[j + 1]
            || [node_slots[j], node_slots[j + 1], rel_slots[j]]
                .iter()
                .any(|s| bound.contains(s))
        {
            return None;
        }
        let nodes: Vec<&ast::NodePattern> = el.nodes();
        let (start, exact) = self.start_rows(nodes[i], scope, bound);
        let expand_reads = start + exact.unwrap_or(start * self.fanout_raw(rel, nodes[i]));
        let typed = self.typed_rels(rel);
        let scan_reads = 0.05 * self.graph.graph().rel_count() as f64 + 0.25 * typed;
        (scan_reads < expand_reads).then_some(j)
    }

    /// The fraction of all nodes carrying the pattern's labels (expansions
    /// only reach nodes the relationship type connects, so label filters on
    /// the far end are not counted as selective).
    fn label_fraction(&self, n: &ast::NodePattern) -> f64 {
        let g = self.graph.graph();
        let total = (g.node_count() as f64).max(1.0);
        n.labels
            .iter()
            .map(|l| g.sym(&l.name).map_or(0, |s| g.label_count(s)) as f64 / total)
            .fold(1.0, f64::min)
    }

    fn pattern_part(
        &mut self,
        input: Op,
        part: &ast::PatternPart,
        scope: &mut Scope,
        bound: &mut Vec<Slot>,
        clause_rels: &mut Vec<Slot>,
        is_match: bool,
    ) -> Result<Op> {
        let el = &part.element;
        let nodes: Vec<&ast::NodePattern> = el.nodes();
        let node_slots: Vec<Slot> = nodes.iter().map(|n| self.node_slot(n, scope)).collect();
        let rel_slots: Vec<Slot> = el
            .chain
            .iter()
            .map(|(r, _)| self.rel_slot(r, scope))
            .collect();
        let mut op = input;

        if part.kind != ast::PathKind::Normal {
            // shortestPath((a)-[*]-(b)): bind both ends, then search
            if el.chain.len() != 1 {
                return Err(err(
                    "InvalidRelationshipPattern",
                    "shortestPath needs a pattern with exactly one relationship",
                    part.span,
                ));
            }
            for (i, n) in nodes.iter().enumerate() {
                op = self.bind_node(op, n, node_slots[i], scope, bound)?;
            }
            let (rel, _) = &el.chain[0];
            let (min, max) = match rel.length {
                Some(r) => (r.min.unwrap_or(1), r.max),
                None => (1, Some(1)),
            };
            if min > 1 {
                return Err(err(
                    "InvalidRelationshipPattern",
                    "shortestPath only supports a minimal length of 0 or 1",
                    rel.span,
                ));
            }
            let path_slot = match &part.var {
                Some(pv) => match scope.get(&pv.name) {
                    Some(v) if v.kind == VarKind::Path => v.slot,
                    _ => {
                        let s = self.slot();
                        scope.add(&pv.name, s, VarKind::Path);
                        s
                    }
                },
                None => self.slot(),
            };
            if let Some(v) = &rel.var {
                // the search finds its own relationships: a list bound
                // before would be overwritten, not obeyed
                if bound.contains(&rel_slots[0]) {
                    return Err(err(
                        "VariableAlreadyBound",
                        format!(
                            "`{}` is already bound; shortestPath cannot follow a given list of relationships",
                            v.name
                        ),
                        v.span,
                    ));
                }
                scope.add(&v.name, rel_slots[0], VarKind::RelList);
            }
            let types = self.read_labels(&rel.types, NameKind::RelType);
            if rel.properties.is_some() {
                return Err(err(
                    "InvalidRelationshipPattern",
                    "property maps on shortestPath relationships are not supported; use WHERE all(r IN relationships(p) WHERE ...)",
                    rel.span,
                ));
            }
            op = Op::ShortestPath {
                input: Box::new(op),
                from: node_slots[0],
                to: node_slots[1],
                rel: rel_slots[0],
                path: path_slot,
                dir: dir_of(rel.direction),
                types,
                min,
                max,
                all: part.kind == ast::PathKind::AllShortest,
                filter: None,
            };
            bound.push(path_slot);
            bound.push(rel_slots[0]);
            return Ok(op);
        }

        // choose where to start: a node, or a scan of one relationship's type
        let mut rel_start = None;
        let mut left_first = false;
        let start = if self.optimize {
            let hinted = self.with_where_hints(el);
            let el = &hinted;
            let mut best = (f64::INFINITY, 0);
            for i in 0..nodes.len() {
                let (c, left) = self.part_cost(el, i, scope, bound);
                if c < best.0 {
                    best = (c, i);
                    left_first = left;
                }
            }
            rel_start = self.rel_scan_start(el, best.1, &node_slots, &rel_slots, scope, bound);
            best.1
        } else {
            node_slots
                .iter()
                .position(|s| bound.contains(s))
                .unwrap_or(0)
        };
        let (right_from, left_from) = match rel_start {
            Some(j) => {
                let (rel, _) = &el.chain[j];
                let rslot = rel_slots[j];
                let (from, to) = match rel.direction {
                    Direction::Incoming => (node_slots[j + 1], node_slots[j]),
                    _ => (node_slots[j], node_slots[j + 1]),
                };
                op = Op::RelScan {
                    input: Box::new(op),
                    rel: rslot,
                    from,
                    to,
                    dir: if rel.direction == Direction::Both {
                        Dir::Both
                    } else {
                        Dir::Out
                    },
                    types: self.read_labels(&rel.types, NameKind::RelType),
                    distinct_from: clause_rels.clone(),
                    rel_props: vec![],
                    end_labels: [vec![], vec![]],
                    end_tests: [vec![], vec![]],
                };
                let preds = self.prop_preds(rslot, &rel.properties, scope)?;
                op = Self::filter(op, preds);
                bound.extend([from, to, rslot]);
                clause_rels.push(rslot);
                // both ends are bound now: check their labels and properties
                op = self.bind_node(op, nodes[j], node_slots[j], scope, bound)?;
                op = self.bind_node(op, nodes[j + 1], node_slots[j + 1], scope, bound)?;
                (j + 1, j)
            }
            None => {
                op = self.bind_node(op, nodes[start], node_slots[start], scope, bound)?;
                (start, start)
            }
        };
        // expand to the right, then to the left (or the other way round
        // when the cost model found the left side keeps fewer rows)
        let right = (right_from..el.chain.len()).map(|j| (j, true));
        let left = (0..left_from).rev().map(|j| (j, false));
        let order: Vec<(usize, bool)> = if left_first {
            left.chain(right).collect()
        } else {
            right.chain(left).collect()
        };
        // a far end an index seek finds few of (`(b:Country {code: cb})`,
        // `WHERE b.code IN $codes`) is sought right after the start when
        // the expansion reaching it would read many more relationships per
        // row: the relationship is then found between two bound ends
        // (ExpandInto), and the seek runs once per start row rather than
        // once per row the walk makes
        let mut sought: Vec<usize> = Vec::new();
        if self.optimize {
            let h = self.with_where_hints(el);
            let hn = h.nodes();
            for &(j, rightward) in &order {
                let (from_i, to_i) = if rightward { (j, j + 1) } else { (j + 1, j) };
                if h.chain[j].0.length.is_some()
                    || bound.contains(&node_slots[to_i])
                    || sought.contains(&to_i)
                {
                    continue;
                }
                if let Some(rows) = self.indexed_rows(hn[to_i], scope, bound)
                    && rows <= SEEK_FIRST_MAX
                    && rows * SEEK_FIRST_GAIN < self.fanout(&h.chain[j].0, hn[from_i])
                {
                    sought.push(to_i);
                }
            }
        }
        for &i in &sought {
            op = self.bind_node(op, nodes[i], node_slots[i], scope, bound)?;
        }
        for (j, rightward) in order {
            let (rel, _) = &el.chain[j];
            let (from_i, to_i) = if rightward { (j, j + 1) } else { (j + 1, j) };
            let mut dir = dir_of(rel.direction);
            if !rightward {
                dir = dir.reverse();
            }
            let from = node_slots[from_i];
            let to = node_slots[to_i];
            let sought = sought.contains(&to_i);
            let to_bound = bound.contains(&to);
            let rslot = rel_slots[j];
            let rel_bound = bound.contains(&rslot);
            let types = self.read_labels(&rel.types, NameKind::RelType);
            let to_labels = self.read_labels(&nodes[to_i].labels, NameKind::Label);
            let distinct_from: Vec<Slot> = clause_rels
                .iter()
                .copied()
                .filter(|s| *s != rslot)
                .collect();
            match rel.length {
                None => {
                    op = Op::Expand {
                        input: Box::new(op),
                        from,
                        rel: rslot,
                        to,
                        dir,
                        types,
                        to_bound,
                        to_labels,
                        distinct_from,
                        rel_bound,
                        rel_props: vec![],
                        to_not: vec![],
                        to_props: vec![],
                        to_tests: vec![],
                        views_after: None,
                    };
                    let preds = self.prop_preds(rslot, &rel.properties, scope)?;
                    op = Self::filter(op, preds);
                }
                Some(range) => {
                    let min = range.min.unwrap_or(1);
                    let max = range.max;
                    let rel_props = match &rel.properties {
                        Some(p) => Some(self.expr(p, scope, None)?),
                        None => None,
                    };
                    // a relationship list bound before (`WITH r MATCH
                    // (a)-[r*]->(b)`): the walk finds its paths into a slot
                    // of its own, and only the one equal to the list passes
                    let found = if rel_bound { self.slot() } else { rslot };
                    op = Op::VarExpand {
                        input: Box::new(op),
                        from,
                        rel: found,
                        to,
                        dir,
                        types,
                        min,
                        max,
                        to_bound,
                        to_labels,
                        to_tests: vec![],
                        rel_props,
                        distinct_from,
                    };
                    if !rightward {
                        // the relationship list is kept in pattern order
                        op = Op::Project {
                            input: Box::new(op),
                            items: vec![(
                                found,
                                PExpr::Func(
                                    functions::lookup("reverse").expect("reverse exists").id,
                                    vec![PExpr::Slot(found)],
                                ),
                            )],
                        };
                    }
                    if rel_bound {
                        op = Op::Filter {
                            input: Box::new(op),
                            pred: PExpr::Bin(
                                BinOp::Eq,
                                Box::new(PExpr::Slot(found)),
                                Box::new(PExpr::Slot(rslot)),
                            ),
                        };
                    }
                }
            }
            if !to_bound {
                bound.push(to);
                let preds = self.prop_preds(to, &nodes[to_i].properties, scope)?;
                op = Self::filter(op, preds);
            } else if !sought {
                // a bound end node still has to satisfy this pattern's labels/properties
                let preds = self.prop_preds(to, &nodes[to_i].properties, scope)?;
                op = Self::filter(op, preds);
            }
            bound.push(rslot);
            clause_rels.push(rslot);
        }
        let _ = is_match;
        if let Some(pv) = &part.var {
            let slot = self.slot();
            let steps: Vec<(Slot, Slot)> = rel_slots
                .iter()
                .copied()
                .zip(node_slots[1..].iter().copied())
                .collect();
            op = Op::Project {
                input: Box::new(op),
                items: vec![(slot, PExpr::Path(node_slots[0], steps))],
            };
            scope.add(&pv.name, slot, VarKind::Path);
            bound.push(slot);
        }
        Ok(op)
    }

    /// Binds the start node of a part: a scan, or a check of a bound node.
    fn bind_node(
        &mut self,
        op: Op,
        n: &ast::NodePattern,
        slot: Slot,
        scope: &Scope,
        bound: &mut Vec<Slot>,
    ) -> Result<Op> {
        let labels = self.read_labels(&n.labels, NameKind::Label);
        let preds = self.prop_preds(slot, &n.properties, scope)?;
        if bound.contains(&slot) {
            let mut op = op;
            if !labels.is_empty() {
                op = Op::Filter {
                    input: Box::new(op),
                    pred: PExpr::HasLabels(Box::new(PExpr::Slot(slot)), labels),
                };
            }
            return Ok(Self::filter(op, preds));
        }
        bound.push(slot);
        let (kind, rest) = if labels.is_empty() {
            (ScanKind::All, vec![])
        } else {
            // scan the rarest label; check the others
            let mut ls = labels.clone();
            if self.optimize {
                ls.sort_by_key(|l| self.graph.graph().label_count(*l));
            }
            let first = ls.remove(0);
            (ScanKind::Label(first), ls)
        };
        let op = Op::NodeScan {
            input: Box::new(op),
            slot,
            kind,
            labels: rest,
        };
        Ok(Self::filter(op, preds))
    }

    // ---- CREATE / MERGE --------------------------------------------------------

    fn create_pattern(
        &mut self,
        part: &ast::PatternPart,
        scope: &mut Scope,
        declared: &mut Vec<String>,
    ) -> Result<CreatePattern> {
        self.create_pattern_with(part, scope, declared, None, false)
    }

    /// Builds what CREATE (or MERGE's create side, `slots_from` = the
    /// matcher's scope) makes for one pattern part.
    fn create_pattern_with(
        &mut self,
        part: &ast::PatternPart,
        scope: &mut Scope,
        declared: &mut Vec<String>,
        slots_from: Option<&Scope>,
        merge: bool,
    ) -> Result<CreatePattern> {
        if part.kind != ast::PathKind::Normal {
            return Err(err(
                "UnexpectedSyntax",
                "shortestPath cannot be used in CREATE",
                part.span,
            ));
        }
        let el = &part.element;
        let single = el.chain.is_empty();
        let mut cp = CreatePattern::default();
        let nodes: Vec<&ast::NodePattern> = el.nodes();
        let mut node_slots = Vec::new();
        // slots of anonymous nodes in MERGE's matcher are not named; we give
        // the create side its own, and MERGE copies matched rows as they are
        for n in &nodes {
            let (slot, is_bound) = match &n.var {
                Some(v) => {
                    let existing = scope.get(&v.name).cloned();
                    match existing {
                        Some(var) if declared.contains(&v.name) => {
                            if !n.labels.is_empty() || n.properties.is_some() {
                                return Err(err(
                                    "VariableAlreadyBound",
                                    format!(
                                        "variable `{}` is already defined in this pattern; labels and properties go on its first occurrence",
                                        v.name
                                    ),
                                    v.span,
                                ));
                            }
                            (var.slot, true)
                        }
                        Some(var) => {
                            if var.kind != VarKind::Node && var.kind != VarKind::Any {
                                return Err(err(
                                    "VariableTypeConflict",
                                    format!("variable `{}` is not a node", v.name),
                                    v.span,
                                ));
                            }
                            if single || !n.labels.is_empty() || n.properties.is_some() {
                                return Err(err(
                                    "VariableAlreadyBound",
                                    format!(
                                        "variable `{}` is already defined; a bound node cannot be created again",
                                        v.name
                                    ),
                                    v.span,
                                ));
                            }
                            (var.slot, true)
                        }
                        None => {
                            let slot = slots_from
                                .and_then(|s| s.get(&v.name))
                                .map(|v| v.slot)
                                .unwrap_or_else(|| self.slot());
                            scope.add(&v.name, slot, VarKind::Node);
                            declared.push(v.name.clone());
                            (slot, false)
                        }
                    }
                }
                None => (self.slot(), false),
            };
            if is_bound {
                cp.nodes.push(CreateNode {
                    slot,
                    bound: true,
                    labels: vec![],
                    props: None,
                });
            } else {
                let labels = self.labels(&n.labels);
                let props = match &n.properties {
                    Some(p) => Some(self.written_map(p, scope)?),
                    None => None,
                };
                cp.nodes.push(CreateNode {
                    slot,
                    bound: false,
                    labels,
                    props,
                });
            }
            node_slots.push(slot);
        }
        let mut rel_slots = Vec::new();
        for (j, (rel, _)) in el.chain.iter().enumerate() {
            if let Some(v) = &rel.var
                && scope.get(&v.name).is_some()
            {
                return Err(err(
                    "VariableAlreadyBound",
                    format!(
                        "variable `{}` is already defined; a bound relationship cannot be created again",
                        v.name
                    ),
                    v.span,
                ));
            }
            if rel.types.len() != 1 {
                return Err(err(
                    "NoSingleRelationshipType",
                    "a relationship must have exactly one type to be created (e.g. `-[:VOTED]->`)",
                    rel.span,
                ));
            }
            if rel.length.is_some() {
                return Err(err(
                    "CreatingVarLength",
                    "variable-length relationships cannot be created",
                    rel.span,
                ));
            }
            if rel.direction == Direction::Both && !merge {
                return Err(err(
                    "RequiresDirectedRelationship",
                    "only directed relationships can be created; write `-[...]->` or `<-[...]-`",
                    rel.span,
                ));
            }
            let slot = match &rel.var {
                Some(v) => {
                    if scope.get(&v.name).is_some() {
                        return Err(err(
                            "VariableAlreadyBound",
                            format!(
                                "variable `{}` is already defined; a bound relationship cannot be created again",
                                v.name
                            ),
                            v.span,
                        ));
                    }
                    let slot = slots_from
                        .and_then(|s| s.get(&v.name))
                        .map(|v| v.slot)
                        .unwrap_or_else(|| self.slot());
                    scope.add(&v.name, slot, VarKind::Rel);
                    declared.push(v.name.clone());
                    slot
                }
                None => self.slot(),
            };
            let ty = self.graph.sym(&rel.types[0].name);
            let props = match &rel.properties {
                Some(p) => Some(self.written_map(p, scope)?),
                None => None,
            };
            let (from, to) = if rel.direction == Direction::Incoming {
                (node_slots[j + 1], node_slots[j])
            } else {
                (node_slots[j], node_slots[j + 1])
            };
            cp.rels.push(CreateRel {
                slot,
                from,
                to,
                ty,
                props,
            });
            rel_slots.push(slot);
        }
        if let Some(pv) = &part.var {
            if scope.get(&pv.name).is_some() && slots_from.is_none() {
                return Err(err(
                    "VariableAlreadyBound",
                    format!("variable `{}` is already defined", pv.name),
                    pv.span,
                ));
            }
            let slot = self.slot();
            scope.add(&pv.name, slot, VarKind::Path);
            let steps = rel_slots
                .iter()
                .copied()
                .zip(node_slots[1..].iter().copied())
                .collect();
            cp.paths.push((slot, PExpr::Path(node_slots[0], steps)));
        }
        Ok(cp)
    }

    fn set_items(&mut self, items: &[ast::SetItem], scope: &Scope) -> Result<Vec<SetOp>> {
        let mut out = Vec::new();
        for it in items {
            out.push(match it {
                ast::SetItem::Property { target, key, value } => {
                    let t = self.expr(target, scope, None)?;
                    let k = self.graph.sym(&key.name);
                    let v = self.expr(value, scope, None)?;
                    SetOp::Prop(t, k, v)
                }
                ast::SetItem::Replace { var, value } => {
                    let s =
                        self.var_of_kind(var, scope, &[VarKind::Node, VarKind::Rel, VarKind::Any])?;
                    SetOp::Replace(s, self.expr(value, scope, None)?)
                }
                ast::SetItem::Merge { var, value } => {
                    let s =
                        self.var_of_kind(var, scope, &[VarKind::Node, VarKind::Rel, VarKind::Any])?;
                    SetOp::Merge(s, self.expr(value, scope, None)?)
                }
                ast::SetItem::Labels { var, labels } => {
                    let s = self.var_of_kind(var, scope, &[VarKind::Node, VarKind::Any])?;
                    SetOp::AddLabels(s, self.labels(labels))
                }
            });
        }
        Ok(out)
    }

    // ---- expressions -----------------------------------------------------------

    /// A WHERE predicate: no aggregates allowed.
    fn predicate(&mut self, e: &ast::Expr, scope: &Scope) -> Result<PExpr> {
        self.expr(e, scope, None)
    }

    fn function(&self, name: &str, nargs: usize, span: Span) -> Result<FuncId> {
        let def = functions::lookup(name).ok_or_else(|| {
            let mut msg = format!("unknown function `{name}`");
            if let Some(s) = functions::suggest(name) {
                msg.push_str(&format!("; did you mean `{s}`?"));
            }
            err("UnknownFunction", msg, span)
        })?;
        self.check_arity(def, nargs, name, span)?;
        Ok(def.id)
    }

    fn check_arity(
        &self,
        def: &functions::FuncDef,
        n: usize,
        name: &str,
        span: Span,
    ) -> Result<()> {
        let ok = n >= def.min_args && def.max_args.is_none_or(|m| n <= m);
        if ok {
            return Ok(());
        }
        let expect = match def.max_args {
            Some(m) if m == def.min_args => format!("{m}"),
            Some(m) => format!("{} to {m}", def.min_args),
            None => format!("at least {}", def.min_args),
        };
        Err(err(
            "InvalidNumberOfArguments",
            format!("function `{name}` takes {expect} argument(s), got {n}"),
            span,
        ))
    }

    /// Binds an expression. Aggregates are errors here (they are handled by
    /// `agg_expr` in projections).
    pub fn expr(
        &mut self,
        e: &ast::Expr,
        scope: &Scope,
        _aggs: Option<&mut AggSink>,
    ) -> Result<PExpr> {
        self.depth += 1;
        if self.depth > 400 {
            self.depth -= 1;
            return Err(err(
                "NestingTooDeep",
                "expression is nested too deeply",
                e.span,
            ));
        }
        let r = self.expr_inner(e, scope);
        self.depth -= 1;
        r
    }

    fn expr_inner(&mut self, e: &ast::Expr, scope: &Scope) -> Result<PExpr> {
        let b = |x: PExpr| Box::new(x);
        Ok(match &e.kind {
            ExprKind::Literal(l) => PExpr::Const(match l {
                Literal::Null => Value::Null,
                Literal::Bool(x) => Value::Bool(*x),
                Literal::Integer(i) => Value::Int(*i),
                Literal::Float(f) => Value::Float(*f),
                Literal::String(s) => Value::str(s),
            }),
            ExprKind::Parameter(p) => {
                if !self.params.contains_key(p) {
                    return Err(Error::new(
                        ErrorKind::ParameterMissing,
                        "MissingParameter",
                        format!("expected a value for parameter `${p}`"),
                    )
                    .at(e.span));
                }
                PExpr::Param(Arc::from(p.as_str()))
            }
            ExprKind::Variable(v) => match scope.get(v) {
                Some(var) => PExpr::Slot(var.slot),
                None => return Err(self.undefined(v, e.span, scope)),
            },
            ExprKind::List(items) => {
                let mut v = Vec::with_capacity(items.len());
                for i in items {
                    v.push(self.expr(i, scope, None)?);
                }
                if v.iter().all(|x| matches!(x, PExpr::Const(_))) {
                    PExpr::Const(Value::list(
                        v.into_iter()
                            .map(|x| match x {
                                PExpr::Const(c) => c,
                                _ => Value::Null,
                            })
                            .collect(),
                    ))
                } else {
                    PExpr::List(v)
                }
            }
            ExprKind::Map(items) => {
                let mut v = Vec::with_capacity(items.len());
                for (k, x) in items {
                    v.push((Arc::from(k.name.as_str()), self.expr(x, scope, None)?));
                }
                PExpr::Map(v)
            }
            ExprKind::Property(x, key) => {
                check_ty(
                    x,
                    scope,
                    &[Ty::Bool, Ty::Int, Ty::Float, Ty::Str, Ty::List],
                    &format!(
                        "property access `.{}` needs a node, relationship or map",
                        key.name
                    ),
                )?;
                let base = self.expr(x, scope, None)?;
                self.note_read(NameKind::PropertyKey, key);
                let sym = self.graph.sym(&key.name);
                PExpr::Prop(b(base), sym, Arc::from(key.name.as_str()))
            }
            ExprKind::Index(x, i) => {
                PExpr::Index(b(self.expr(x, scope, None)?), b(self.expr(i, scope, None)?))
            }
            ExprKind::Slice(x, from, to) => {
                let x = self.expr(x, scope, None)?;
                let f = match from {
                    Some(f) => Some(b(self.expr(f, scope, None)?)),
                    None => None,
                };
                let t = match to {
                    Some(t) => Some(b(self.expr(t, scope, None)?)),
                    None => None,
                };
                PExpr::Slice(b(x), f, t)
            }
            ExprKind::Unary(op, x) => {
                if *op == UnaryOp::Not {
                    check_ty(x, scope, NON_BOOL, "NOT needs a Boolean")?;
                }
                let x = self.expr(x, scope, None)?;
                match op {
                    UnaryOp::Not => PExpr::Not(b(x)),
                    UnaryOp::Neg => PExpr::Neg(b(x)),
                    UnaryOp::Pos => PExpr::Pos(b(x)),
                }
            }
            ExprKind::Binary(op, l, r) => {
                match op {
                    BinaryOp::And | BinaryOp::Or | BinaryOp::Xor => {
                        let what = format!("{op:?} needs Boolean operands").to_uppercase();
                        check_ty(l, scope, NON_BOOL, &what)?;
                        check_ty(r, scope, NON_BOOL, &what)?;
                    }
                    BinaryOp::In => {
                        check_ty(
                            r,
                            scope,
                            &[Ty::Bool, Ty::Int, Ty::Float, Ty::Str, Ty::Map],
                            "IN needs a List on its right",
                        )?;
                    }
                    _ => {}
                }
                // `id(a) = id(b)` of two nodes (or two relationships) is
                // `a = b`, which the optimizer can fuse into an expansion
                if self.optimize
                    && matches!(op, BinaryOp::Eq | BinaryOp::Ne)
                    && let (Some((x, kx)), Some((y, ky))) =
                        (self.id_of_var(l, scope), self.id_of_var(r, scope))
                    && kx == ky
                {
                    return Ok(PExpr::Bin(
                        bin_op(*op),
                        b(PExpr::Slot(x)),
                        b(PExpr::Slot(y)),
                    ));
                }
                let l = self.expr(l, scope, None)?;
                let r = self.expr(r, scope, None)?;
                PExpr::Bin(bin_op(*op), b(l), b(r))
            }
            ExprKind::IsNull(x, neg) => PExpr::IsNull(b(self.expr(x, scope, None)?), *neg),
            ExprKind::HasLabels(x, ls) => {
                let x = self.expr(x, scope, None)?;
                PExpr::HasLabels(b(x), self.read_labels(ls, NameKind::Label))
            }
            ExprKind::CountStar => {
                return Err(err(
                    "InvalidAggregation",
                    "count(*) (an aggregate) cannot be used here; aggregates belong in WITH or RETURN",
                    e.span,
                ));
            }
            ExprKind::FunctionCall {
                name,
                distinct,
                args,
            } => {
                let fname = join_name(name);
                if let Some(def) = functions::lookup(&fname)
                    && def.kind == FuncKind::Aggregate
                {
                    return Err(err(
                        "InvalidAggregation",
                        format!(
                            "aggregate function `{fname}` cannot be used here; aggregates belong in WITH or RETURN"
                        ),
                        e.span,
                    ));
                }
                if *distinct {
                    return Err(err(
                        "InvalidAggregation",
                        format!(
                            "DISTINCT can only be used with aggregate functions, not `{fname}`"
                        ),
                        e.span,
                    ));
                }
                let id = self.function(
                    &fname,
                    args.len(),
                    name.first().map_or(e.span, |n| n.span.to(e.span)),
                )?;
                let mut v = Vec::with_capacity(args.len());
                for a in args {
                    v.push(self.expr(a, scope, None)?);
                }
                PExpr::Func(id, v)
            }
            ExprKind::Case {
                operand,
                whens,
                else_,
            } => {
                let o = match operand {
                    Some(o) => Some(b(self.expr(o, scope, None)?)),
                    None => None,
                };
                let mut ws = Vec::new();
                for (w, t) in whens {
                    ws.push((self.expr(w, scope, None)?, self.expr(t, scope, None)?));
                }
                let el = match else_ {
                    Some(x) => Some(b(self.expr(x, scope, None)?)),
                    None => None,
                };
                PExpr::Case(o, ws, el)
            }
            ExprKind::ListComprehension {
                var,
                list,
                filter,
                map,
            } => {
                let l = self.expr(list, scope, None)?;
                let (slot, inner) = self.local(scope, var);
                let f = self.opt_expr(filter, &inner)?;
                let m = match map {
                    Some(m) => Some(b(self.expr(m, &inner, None)?)),
                    None => None,
                };
                PExpr::ListComp(slot, b(l), f, m)
            }
            ExprKind::Quantified {
                quantifier,
                var,
                list,
                filter,
            } => {
                let l = self.expr(list, scope, None)?;
                let (slot, inner) = self.local(scope, var);
                let f = self.opt_expr(filter, &inner)?;
                PExpr::Quant(*quantifier, slot, b(l), f)
            }
            ExprKind::Reduce {
                acc,
                init,
                var,
                list,
                expr,
            } => {
                let i = self.expr(init, scope, None)?;
                let l = self.expr(list, scope, None)?;
                let acc_slot = self.slot();
                let slot = self.slot();
                let mut inner = scope.clone();
                inner.add(&acc.name, acc_slot, VarKind::Any);
                inner.add(&var.name, slot, VarKind::Any);
                let x = self.expr(expr, &inner, None)?;
                PExpr::Reduce(acc_slot, b(i), slot, b(l), b(x))
            }
            ExprKind::PatternComprehension {
                var,
                pattern,
                filter,
                map,
            } => {
                let mut inner = scope.clone();
                let part = ast::PatternPart {
                    var: var.clone(),
                    kind: ast::PathKind::Normal,
                    element: pattern.clone(),
                    span: pattern.span,
                };
                let mut op =
                    self.patterns(Op::Argument, std::slice::from_ref(&part), &mut inner, true)?;
                if let Some(f) = filter {
                    let pred = self.expr(f, &inner, None)?;
                    op = Op::Filter {
                        input: Box::new(op),
                        pred,
                    };
                }
                let m = self.expr(map, &inner, None)?;
                PExpr::Subquery(Box::new(op), SubqueryKind::Collect(b(m)))
            }
            ExprKind::PatternPredicate(pattern) => {
                // a pattern used as a predicate may not introduce new names
                for n in std::iter::once(&pattern.start).chain(pattern.chain.iter().map(|(_, n)| n))
                {
                    if let Some(v) = &n.var
                        && scope.get(&v.name).is_none()
                    {
                        return Err(self.undefined(&v.name, v.span, scope));
                    }
                }
                let mut inner = scope.clone();
                let part = ast::PatternPart {
                    var: None,
                    kind: ast::PathKind::Normal,
                    element: pattern.clone(),
                    span: pattern.span,
                };
                let op =
                    self.patterns(Op::Argument, std::slice::from_ref(&part), &mut inner, true)?;
                PExpr::Subquery(Box::new(op), SubqueryKind::Exists)
            }
            ExprKind::Exists(q) | ExprKind::CountSubquery(q) => {
                let writes = self.writes;
                let (op, _) = self.subquery_body(q, scope)?;
                if self.writes && !writes {
                    return Err(err(
                        "InvalidClauseComposition",
                        "an EXISTS or COUNT subquery cannot update the graph",
                        e.span,
                    ));
                }
                let kind = if matches!(e.kind, ExprKind::Exists(_)) {
                    SubqueryKind::Exists
                } else {
                    SubqueryKind::Count
                };
                PExpr::Subquery(Box::new(op), kind)
            }
            ExprKind::MapProjection { var, items } => {
                let base = match scope.get(&var.name) {
                    Some(v) => PExpr::Slot(v.slot),
                    None => return Err(self.undefined(&var.name, var.span, scope)),
                };
                let mut out = Vec::new();
                for it in items {
                    out.push(match it {
                        ast::MapProjectionItem::Property(k) => {
                            self.note_read(NameKind::PropertyKey, k);
                            let s = self.graph.sym(&k.name);
                            MapProjItem::Property(Arc::from(k.name.as_str()), s)
                        }
                        ast::MapProjectionItem::AllProperties => MapProjItem::All,
                        ast::MapProjectionItem::Literal(k, x) => MapProjItem::Entry(
                            Arc::from(k.name.as_str()),
                            self.expr(x, scope, None)?,
                        ),
                        ast::MapProjectionItem::Variable(v) => {
                            let x = match scope.get(&v.name) {
                                Some(var) => PExpr::Slot(var.slot),
                                None => return Err(self.undefined(&v.name, v.span, scope)),
                            };
                            MapProjItem::Entry(Arc::from(v.name.as_str()), x)
                        }
                    });
                }
                PExpr::MapProj(b(base), out)
            }
        })
    }

    /// A variable local to a comprehension or quantifier: its slot and the
    /// scope that sees it.
    fn local(&mut self, scope: &Scope, var: &ast::Ident) -> (Slot, Scope) {
        let slot = self.slot();
        let mut inner = scope.clone();
        inner.add(&var.name, slot, VarKind::Any);
        (slot, inner)
    }

    /// An optional sub-expression.
    fn opt_expr(
        &mut self,
        e: &Option<Box<ast::Expr>>,
        scope: &Scope,
    ) -> Result<Option<Box<PExpr>>> {
        match e {
            Some(x) => Ok(Some(Box::new(self.expr(x, scope, None)?))),
            None => Ok(None),
        }
    }

    /// The body of EXISTS {…} / COUNT {…}: a query run per outer row.
    fn subquery_body(
        &mut self,
        q: &ast::Query,
        scope: &Scope,
    ) -> Result<(Op, Vec<(String, Slot)>)> {
        if q.unions.is_empty() {
            // a body without RETURN is allowed here (unlike a top-level query)
            let sq = &q.first;
            let mut s = scope.clone();
            let mut op = Op::Argument;
            let mut cols = Vec::new();
            for c in &sq.clauses {
                match &c.kind {
                    ClauseKind::Return(p) => {
                        let (o, sc, cs) = self.projection(op, p, &s, true, c.span)?;
                        op = o;
                        s = sc;
                        cols = cs;
                    }
                    ClauseKind::With(p) => {
                        let (o, sc, _) = self.projection(op, p, &s, false, c.span)?;
                        op = o;
                        s = sc;
                    }
                    _ => op = self.clause(op, c, &mut s)?,
                }
            }
            Ok((op, cols))
        } else {
            self.query(q, scope, Op::Argument)
        }
    }
}

fn unreachable_clause(span: Span) -> Result<Op> {
    Err(err(
        "InvalidClauseComposition",
        "unexpected projection clause",
        span,
    ))
}

/// The value of a literal expression (for planning estimates).
/// The conjuncts of `a AND b AND …`, left to right.
fn and_conjuncts(e: &ast::Expr) -> Vec<&ast::Expr> {
    fn split<'e>(e: &'e ast::Expr, out: &mut Vec<&'e ast::Expr>) {
        match &e.kind {
            ExprKind::Binary(ast::BinaryOp::And, a, b) => {
                split(a, out);
                split(b, out);
            }
            _ => out.push(e),
        }
    }
    let mut out = Vec::new();
    split(e, &mut out);
    out
}

fn literal_value(e: &ast::Expr) -> Option<Value> {
    match &e.kind {
        ExprKind::Literal(Literal::Integer(i)) => Some(Value::Int(*i)),
        ExprKind::Literal(Literal::Float(f)) => Some(Value::Float(*f)),
        ExprKind::Literal(Literal::String(s)) => Some(Value::str(s)),
        ExprKind::Literal(Literal::Bool(b)) => Some(Value::Bool(*b)),
        _ => None,
    }
}

/// What the binder knows of a procedure: which it is, its arguments (by
/// name, for messages) and its output fields.
#[derive(Debug, Clone, Copy)]
pub struct Signature {
    /// The procedure.
    pub proc: Procedure,
    /// Its arguments' names, in order (all required).
    pub args: &'static [&'static str],
    /// Optional arguments after them, in order.
    pub optional: &'static [&'static str],
    /// Its output fields, in order.
    pub outputs: &'static [&'static str],
}

/// The procedures the engine knows, for error messages.
pub const PROCEDURES: &str = "db.labels, db.relationshipTypes, db.propertyKeys, db.schema, db.indexes, db.constraints, db.stats, dbms.components, plenary.import.relationships, plenary.algo.pageRank, plenary.algo.degree, plenary.algo.wcc, plenary.algo.scc, plenary.algo.louvain, plenary.algo.dijkstra, plenary.algo.shortestPath, plenary.algo.triangleCount, db.index.fulltext.queryNodes, db.index.fulltext.queryRelationships, db.index.vector.queryNodes, db.index.vector.queryRelationships";

/// The signature of the procedure called `name` (case-insensitive), if the
/// engine knows it.
pub fn procedure_signature(name: &str) -> Option<Signature> {
    let (proc, args, outputs): (Procedure, &'static [&'static str], &'static [&'static str]) =
        match name.to_ascii_lowercase().as_str() {
            "db.labels" => (Procedure::Labels, &[], &["label"]),
            "db.relationshiptypes" => (Procedure::RelationshipTypes, &[], &["relationshipType"]),
            "db.propertykeys" => (Procedure::PropertyKeys, &[], &["propertyKey"]),
            "db.schema" | "db.schema.visualization" => (
                Procedure::Schema,
                &[],
                &["kind", "name", "count", "properties"],
            ),
            "db.indexes" => (
                Procedure::Indexes,
                &[],
                &["name", "label", "property", "type"],
            ),
            "db.constraints" => (
                Procedure::Constraints,
                &[],
                &["name", "label", "property", "type"],
            ),
            "dbms.components" => (Procedure::Components, &[], &["name", "versions", "edition"]),
            "db.stats" => (Procedure::Stats, &[], &["item", "count", "bytes"]),
            "plenary.import.relationships" => (
                Procedure::ImportRelationships,
                &["file", "config"],
                &["rows", "skipped", "nodesCreated", "relationshipsCreated"],
            ),
            "plenary.algo.pagerank" => (Procedure::PageRank, &["config"], &["node", "score"]),
            "plenary.algo.degree" => (Procedure::Degree, &["config"], &["node", "score"]),
            "plenary.algo.wcc" => (Procedure::Wcc, &["config"], &["node", "componentId"]),
            "plenary.algo.scc" => (Procedure::Scc, &["config"], &["node", "componentId"]),
            "plenary.algo.louvain" => (Procedure::Louvain, &["config"], &["node", "community"]),
            "plenary.algo.dijkstra" => (Procedure::Dijkstra, &["config"], &["node", "cost"]),
            "plenary.algo.shortestpath" => {
                (Procedure::ShortestPath, &["config"], &["path", "cost"])
            }
            "db.index.vector.querynodes" => (
                Procedure::VectorNodes,
                &["indexName", "numberOfNearestNeighbours", "query"],
                &["node", "score"],
            ),
            "db.index.vector.queryrelationships" => (
                Procedure::VectorRelationships,
                &["indexName", "numberOfNearestNeighbours", "query"],
                &["relationship", "score"],
            ),
            "plenary.algo.trianglecount" => (
                Procedure::TriangleCount,
                &["config"],
                &["node", "triangles"],
            ),
            "db.index.fulltext.querynodes" => {
                return Some(Signature {
                    proc: Procedure::FulltextNodes,
                    args: &["indexName", "queryString"],
                    optional: &["options"],
                    outputs: &["node", "score"],
                });
            }
            "db.index.fulltext.queryrelationships" => {
                return Some(Signature {
                    proc: Procedure::FulltextRelationships,
                    args: &["indexName", "queryString"],
                    optional: &["options"],
                    outputs: &["relationship", "score"],
                });
            }
            _ => return None,
        };
    Some(Signature {
        proc,
        args,
        optional: &[],
        outputs,
    })
}

/// The type of an expression when it is known without running it
/// (literals, and variables bound to literals).
fn static_ty(e: &ast::Expr, scope: &Scope) -> Option<Ty> {
    match &e.kind {
        ExprKind::Literal(Literal::Bool(_)) => Some(Ty::Bool),
        ExprKind::Literal(Literal::Integer(_)) => Some(Ty::Int),
        ExprKind::Literal(Literal::Float(_)) => Some(Ty::Float),
        ExprKind::Literal(Literal::String(_)) => Some(Ty::Str),
        ExprKind::List(_)
        | ExprKind::ListComprehension { .. }
        | ExprKind::PatternComprehension { .. } => Some(Ty::List),
        ExprKind::Map(_) | ExprKind::MapProjection { .. } => Some(Ty::Map),
        ExprKind::Variable(v) => match scope.get(v).map(|v| v.kind) {
            Some(VarKind::Lit(t)) => Some(t),
            _ => None,
        },
        _ => None,
    }
}

fn ty_name(t: Ty) -> &'static str {
    match t {
        Ty::Bool => "Boolean",
        Ty::Int => "Integer",
        Ty::Float => "Float",
        Ty::Str => "String",
        Ty::List => "List",
        Ty::Map => "Map",
    }
}

/// A compile-time type error when `e` is statically one of `bad`.
fn check_ty(e: &ast::Expr, scope: &Scope, bad: &[Ty], what: &str) -> Result<()> {
    match static_ty(e, scope) {
        Some(t) if bad.contains(&t) => Err(err(
            "InvalidArgumentType",
            format!("{what}, got a {}", ty_name(t)),
            e.span,
        )),
        _ => Ok(()),
    }
}

const NON_BOOL: &[Ty] = &[Ty::Int, Ty::Float, Ty::Str, Ty::List, Ty::Map];

fn merge_scopes(old: &Scope, new: &Scope) -> Scope {
    let mut s = old.clone();
    for v in &new.vars {
        s.add(&v.name, v.slot, v.kind);
    }
    s
}

fn dir_of(d: Direction) -> Dir {
    match d {
        Direction::Outgoing => Dir::Out,
        Direction::Incoming => Dir::In,
        Direction::Both => Dir::Both,
    }
}

fn bin_op(op: BinaryOp) -> BinOp {
    match op {
        BinaryOp::Or => BinOp::Or,
        BinaryOp::Xor => BinOp::Xor,
        BinaryOp::And => BinOp::And,
        BinaryOp::Eq => BinOp::Eq,
        BinaryOp::Ne => BinOp::Ne,
        BinaryOp::Lt => BinOp::Lt,
        BinaryOp::Le => BinOp::Le,
        BinaryOp::Gt => BinOp::Gt,
        BinaryOp::Ge => BinOp::Ge,
        BinaryOp::Add => BinOp::Add,
        BinaryOp::Sub => BinOp::Sub,
        BinaryOp::Mul => BinOp::Mul,
        BinaryOp::Div => BinOp::Div,
        BinaryOp::Mod => BinOp::Mod,
        BinaryOp::Pow => BinOp::Pow,
        BinaryOp::In => BinOp::In,
        BinaryOp::StartsWith => BinOp::StartsWith,
        BinaryOp::EndsWith => BinOp::EndsWith,
        BinaryOp::Contains => BinOp::Contains,
        BinaryOp::RegexMatch => BinOp::Regex,
    }
}

fn join_name(name: &[ast::Ident]) -> String {
    name.iter()
        .map(|i| i.name.as_str())
        .collect::<Vec<_>>()
        .join(".")
}

fn is_aggregate_name(name: &[ast::Ident]) -> bool {
    functions::lookup(&join_name(name)).is_some_and(|d| d.kind == FuncKind::Aggregate)
}

/// A printed form of an expression, equal for structurally equal
/// expressions (used to match ORDER BY items to projected ones).
fn expr_key(e: &ast::Expr) -> String {
    e.to_string()
}

/// Whether the expression contains an aggregate call (not looking into
/// nested subqueries, whose aggregates are their own).
pub fn contains_aggregate(e: &ast::Expr) -> bool {
    let mut found = false;
    walk(e, &mut |x| match &x.kind {
        ExprKind::CountStar => found = true,
        ExprKind::FunctionCall { name, .. } if is_aggregate_name(name) => found = true,
        _ => {}
    });
    found
}

/// Whether the expression refers to any variable.
fn uses_variables(e: &ast::Expr) -> bool {
    let mut found = false;
    walk(e, &mut |x| {
        if matches!(
            x.kind,
            ExprKind::Variable(_)
                | ExprKind::PatternPredicate(_)
                | ExprKind::PatternComprehension { .. }
                | ExprKind::Exists(_)
                | ExprKind::CountSubquery(_)
                | ExprKind::MapProjection { .. }
        ) {
            found = true;
        }
    });
    found
}

/// Visits an expression tree (not entering subquery bodies).
fn walk(e: &ast::Expr, f: &mut dyn FnMut(&ast::Expr)) {
    f(e);
    match &e.kind {
        ExprKind::Literal(_)
        | ExprKind::Parameter(_)
        | ExprKind::Variable(_)
        | ExprKind::CountStar
        | ExprKind::PatternPredicate(_)
        | ExprKind::Exists(_)
        | ExprKind::CountSubquery(_) => {}
        ExprKind::List(v) => v.iter().for_each(|x| walk(x, f)),
        ExprKind::Map(v) => v.iter().for_each(|(_, x)| walk(x, f)),
        ExprKind::Property(x, _)
        | ExprKind::Unary(_, x)
        | ExprKind::IsNull(x, _)
        | ExprKind::HasLabels(x, _) => walk(x, f),
        ExprKind::Index(a, b) | ExprKind::Binary(_, a, b) => {
            walk(a, f);
            walk(b, f);
        }
        ExprKind::Slice(a, b, c) => {
            walk(a, f);
            if let Some(b) = b {
                walk(b, f);
            }
            if let Some(c) = c {
                walk(c, f);
            }
        }
        ExprKind::FunctionCall { args, .. } => args.iter().for_each(|x| walk(x, f)),
        ExprKind::Case {
            operand,
            whens,
            else_,
        } => {
            if let Some(o) = operand {
                walk(o, f);
            }
            for (w, t) in whens {
                walk(w, f);
                walk(t, f);
            }
            if let Some(x) = else_ {
                walk(x, f);
            }
        }
        ExprKind::ListComprehension {
            list, filter, map, ..
        } => {
            walk(list, f);
            if let Some(x) = filter {
                walk(x, f);
            }
            if let Some(x) = map {
                walk(x, f);
            }
        }
        ExprKind::Quantified { list, filter, .. } => {
            walk(list, f);
            if let Some(x) = filter {
                walk(x, f);
            }
        }
        ExprKind::Reduce {
            init, list, expr, ..
        } => {
            walk(init, f);
            walk(list, f);
            walk(expr, f);
        }
        ExprKind::PatternComprehension { filter, map, .. } => {
            if let Some(x) = filter {
                walk(x, f);
            }
            walk(map, f);
        }
        ExprKind::MapProjection { items, .. } => {
            for it in items {
                if let ast::MapProjectionItem::Literal(_, x) = it {
                    walk(x, f);
                }
            }
        }
    }
}

/// The candidate closest to `name` (edit distance ≤ 2, or same letters in
/// another case), for "did you mean".
pub fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if c == name {
            continue;
        }
        let d = if c.eq_ignore_ascii_case(name) {
            0
        } else {
            edit_distance(&name.to_lowercase(), &c.to_lowercase())
        };
        let limit = if name.chars().count() <= 3 { 1 } else { 2 };
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Index kinds shown by SHOW INDEXES.
pub fn index_kind_name(k: IndexKind) -> &'static str {
    match k {
        IndexKind::Index => "RANGE",
        IndexKind::Unique => "UNIQUENESS",
        IndexKind::NotNull => "NODE_PROPERTY_EXISTENCE",
    }
}
