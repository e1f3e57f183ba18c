//! Execution: a statement's text in, a [`QueryResult`] out.
//!
//! [`run`] parses the statement, binds it into a plan (`plan::bind`),
//! optimizes it unless told not to (`plan::optimize`), runs the physical
//! operators (`ops`) against the graph, and converts the rows to public
//! values. Two paths: [`run_statement`] (the write path) runs any statement
//! against a store savepoint — on any error the graph is rolled back to it,
//! so a failed statement changes nothing; [`run_read`] (the read path) runs
//! a read-only statement ([`is_read_only`]) against a shared `&Graph`, with
//! nothing to roll back. Schema statements (indexes, constraints) and
//! EXPLAIN / PROFILE are dispatched here too.

pub mod arith;
mod csv;
mod ends;
pub mod eval;
pub mod functions;
mod fused;
mod import;
pub(crate) mod memory;
pub mod ops;
mod readonly;
mod views;

pub use readonly::is_read_only;

use std::cell::{Cell, Ref, RefCell, RefMut};
use std::collections::HashMap;
use std::ops::Deref;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::error::{Error, ErrorKind, Result};
use crate::notify;
use crate::plan::bind::{Binder, Symbols, index_kind_name};
use crate::plan::{Plan, explain, optimize};
use crate::result::{self, QueryResult};
use crate::store::{Graph, IndexDef, IndexKind};
use crate::syntax::{self, ast};
use crate::value::Value;

/// Parameters as engine values.
pub type Params = HashMap<String, Value>;

/// A row: one value per slot.
pub type Row = Vec<Value>;

/// Execution options.
#[derive(Debug, Clone)]
pub struct Options {
    /// Run the plan rewrite passes.
    pub optimize: bool,
    /// Stop the statement when this flag becomes true.
    pub cancel: Option<Arc<AtomicBool>>,
    /// Stop the statement after this long.
    pub timeout: Option<Duration>,
    /// Files that `LOAD CSV` may read: `None` = any, `Some(dir)` = only below `dir`.
    pub file_root: Option<PathBuf>,
    /// Whether `LOAD CSV` may read files at all.
    pub allow_files: bool,
    /// Fail the statement (code `RowLimitExceeded`, rolled back like any
    /// failure) as soon as it produces more rows than this.
    pub max_rows: Option<usize>,
    /// Fail the statement (code `MemoryLimitExceeded`) when what it holds
    /// passes this many bytes (see `exec::memory`).
    pub max_memory: Option<usize>,
    /// How the optimizer lays out walks (a harness mode for tests).
    pub layouts: crate::plan::grouping::Layouts,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            optimize: true,
            cancel: None,
            timeout: None,
            file_root: None,
            allow_files: true,
            max_rows: None,
            max_memory: Some(memory::default_budget()),
            layouts: Default::default(),
        }
    }
}

/// The graph as a running statement holds it.
pub enum Access<'g> {
    /// Read-only statements under the database's read lock: shared with
    /// other readers, no write access.
    Shared(&'g Graph),
    /// Every other statement, under the write lock.
    Exclusive(&'g mut Graph),
}

impl Access<'_> {
    fn graph(&self) -> &Graph {
        match self {
            Access::Shared(g) => g,
            Access::Exclusive(g) => g,
        }
    }

    fn reborrow(&mut self) -> Access<'_> {
        match self {
            Access::Shared(g) => Access::Shared(g),
            Access::Exclusive(g) => Access::Exclusive(g),
        }
    }
}

/// The graph inside [`Ctx`].
enum GraphCell<'g> {
    Shared(&'g Graph),
    Exclusive(RefCell<&'g mut Graph>),
}

/// A statement's cancellation flag and deadline ([`Ctx::stopper`]), for
/// threads that work for it.
#[derive(Debug, Clone)]
pub(crate) struct Stopper {
    cancel: Option<Arc<AtomicBool>>,
    deadline: Option<Instant>,
    timeout: Option<Duration>,
}

impl Stopper {
    /// An error when the statement was cancelled or ran out of time.
    pub(crate) fn check(&self) -> Result<()> {
        if let Some(c) = &self.cancel
            && c.load(Ordering::Relaxed)
        {
            return Err(Error::new(
                ErrorKind::Cancelled,
                "Cancelled",
                "the query was cancelled",
            ));
        }
        if let Some(d) = self.deadline
            && Instant::now() > d
        {
            return Err(Error::new(
                ErrorKind::Cancelled,
                "Timeout",
                format!(
                    "the query ran longer than its time limit of {:?} and was stopped",
                    self.timeout.unwrap_or_default()
                ),
            ));
        }
        Ok(())
    }
}

/// Read access to the graph while a statement runs ([`Ctx::graph`]):
/// derefs to `&Graph`.
pub enum GraphRef<'a> {
    /// The shared graph of a read-only statement.
    Shared(&'a Graph),
    /// A borrow of the writable graph.
    Borrowed(Ref<'a, Graph>),
}

impl Deref for GraphRef<'_> {
    type Target = Graph;
    fn deref(&self) -> &Graph {
        match self {
            GraphRef::Shared(g) => g,
            GraphRef::Borrowed(g) => g,
        }
    }
}

/// What operators and expressions see while a statement runs.
pub struct Ctx<'g> {
    graph: GraphCell<'g>,
    /// The statement's parameters.
    pub params: &'g Params,
    options: &'g Options,
    deadline: Option<Instant>,
    ticks: Cell<u32>,
    profile: Option<RefCell<HashMap<usize, OpProfile>>>,
    regexes: RefCell<HashMap<String, Arc<regex::Regex>>>,
    /// On the read path, what operators found of their predicates of one
    /// node alone, kept between runs of the same operator (an inner plan
    /// runs once per outer row): by operator address and end.
    node_answers: RefCell<HashMap<(usize, usize), ends::Answers>>,
    /// Relationships each expansion walked from the records so far (by
    /// operator address: see `plan::Op::Expand::views_after`).
    pub(crate) walked: RefCell<HashMap<usize, u64>>,
    /// What the statement holds, against `Options::max_memory`.
    pub(crate) memory: memory::Budget,
    /// The undo log's length when the statement began.
    undo_base: usize,
}

impl<'g> Ctx<'g> {
    fn new(graph: Access<'g>, params: &'g Params, options: &'g Options, profile: bool) -> Ctx<'g> {
        let undo_base = graph.graph().undo_len();
        Ctx {
            graph: match graph {
                Access::Shared(g) => GraphCell::Shared(g),
                Access::Exclusive(g) => GraphCell::Exclusive(RefCell::new(g)),
            },
            params,
            options,
            deadline: options.timeout.map(|t| Instant::now() + t),
            ticks: Cell::new(0),
            profile: profile.then(|| RefCell::new(HashMap::new())),
            regexes: RefCell::new(HashMap::new()),
            node_answers: RefCell::new(HashMap::new()),
            walked: RefCell::new(HashMap::new()),
            memory: memory::Budget::new(options.max_memory),
            undo_base,
        }
    }

    /// How the plan lays out walks (the harness mode of [`Options::layouts`]).
    pub fn layouts(&self) -> crate::plan::grouping::Layouts {
        self.options.layouts
    }

    /// The graph of a read-only statement, which other threads may read too
    /// (see `fused`); `None` on the write path.
    pub(crate) fn shared_graph(&self) -> Option<&Graph> {
        match &self.graph {
            GraphCell::Shared(g) => Some(g),
            GraphCell::Exclusive(_) => None,
        }
    }

    /// Cancellation and the deadline, checkable from another thread.
    pub(crate) fn stopper(&self) -> Stopper {
        Stopper {
            cancel: self.options.cancel.clone(),
            deadline: self.deadline,
            timeout: self.options.timeout,
        }
    }

    /// Read access to the graph.
    pub fn graph(&self) -> GraphRef<'_> {
        match &self.graph {
            GraphCell::Shared(g) => GraphRef::Shared(g),
            GraphCell::Exclusive(c) => GraphRef::Borrowed(Ref::map(c.borrow(), |g| &**g)),
        }
    }

    /// Write access to the graph; an internal error for a statement that
    /// runs on the read path (which `is_read_only` never sends a write to).
    pub fn graph_mut(&self) -> Result<RefMut<'_, Graph>> {
        match &self.graph {
            GraphCell::Shared(_) => Err(Error::runtime(
                "InternalError",
                "internal error: a statement run as read-only tried to change the graph; please report this query",
            )),
            GraphCell::Exclusive(c) => c
                .try_borrow_mut()
                .map(|g| RefMut::map(g, |g| &mut **g))
                .map_err(|_| {
                    Error::runtime("Internal", "the graph is busy (a write overlapped a read)")
                }),
        }
    }

    /// Called in every loop: checks cancellation and the deadline now and then.
    #[inline]
    pub fn tick(&self) -> Result<()> {
        let t = self.ticks.get().wrapping_add(1);
        self.ticks.set(t);
        if t.is_multiple_of(1024) {
            self.check_stop()
        } else {
            Ok(())
        }
    }

    /// The out-of-line part of [`Ctx::tick`].
    #[cold]
    fn check_stop(&self) -> Result<()> {
        self.stopper().check()?;
        // the undo log of a writing statement is held too (a busy graph
        // is being written: the next check sees it)
        if let GraphCell::Exclusive(c) = &self.graph
            && let Ok(g) = c.try_borrow()
        {
            let undo = g.undo_len().saturating_sub(self.undo_base);
            self.memory
                .fits(undo.saturating_mul(memory::UNDO_ENTRY_BYTES))?;
        }
        Ok(())
    }

    /// A compiled regular expression (cached per statement). The pattern
    /// must match the whole string, as in Cypher.
    pub fn regex(&self, pattern: &str) -> Result<Arc<regex::Regex>> {
        if let Some(r) = self.regexes.borrow().get(pattern) {
            return Ok(r.clone());
        }
        let r = regex::RegexBuilder::new(&format!("^(?:{pattern})$"))
            .size_limit(1 << 20)
            .build()
            .map_err(|e| {
                Error::argument(
                    "InvalidArgumentValue",
                    format!("invalid regular expression {pattern:?}: {e}"),
                )
            })?;
        let r = Arc::new(r);
        self.regexes
            .borrow_mut()
            .insert(pattern.to_string(), r.clone());
        Ok(r)
    }

    /// Where LOAD CSV may read.
    pub fn options(&self) -> &Options {
        self.options
    }

    fn profiling(&self) -> bool {
        self.profile.is_some()
    }

    fn count_row(&self, key: usize) {
        self.count_rows(key, 1);
    }

    /// Adds `n` rows to an operator's PROFILE count (an operator whose rows
    /// were counted rather than made, see `fused`).
    fn count_rows(&self, key: usize, n: u64) {
        if let Some(p) = &self.profile {
            p.borrow_mut().entry(key).or_default().rows += n;
        }
    }

    fn add_time(&self, key: usize, d: Duration) {
        if let Some(p) = &self.profile {
            p.borrow_mut().entry(key).or_default().total += d;
        }
    }

    fn add_downstream(&self, key: usize, d: Duration) {
        if let Some(p) = &self.profile {
            let mut p = p.borrow_mut();
            let e = p.entry(key).or_default();
            e.sampled += 1;
            e.sampled_downstream += d;
        }
    }
}

/// What PROFILE measures per operator.
#[derive(Debug, Clone, Copy, Default)]
pub struct OpProfile {
    /// Rows the operator produced.
    rows: u64,
    /// Time from the operator's start to its end: its inputs' work, its
    /// own, and the work of the operators its rows were pushed into.
    total: Duration,
    /// Rows whose time downstream was measured.
    sampled: u64,
    /// The time those rows spent in the operators they were pushed into.
    sampled_downstream: Duration,
}

impl OpProfile {
    /// Time spent in the operator itself: `total` without the time its rows
    /// spent downstream and without the time of its inputs (less the time
    /// those spent back in this operator, which is this operator's own).
    fn self_time(&self, children: &[OpProfile]) -> Duration {
        let mut t = self.total.saturating_sub(self.downstream());
        for c in children {
            t = t.saturating_sub(c.total.saturating_sub(c.downstream()));
        }
        t
    }

    /// The part of `total` spent in the operators its rows were pushed
    /// into, estimated from the sampled rows.
    fn downstream(&self) -> Duration {
        if self.sampled == 0 {
            return Duration::ZERO;
        }
        // (try_: mul_f64 panics on overflow)
        let scaled = self.sampled_downstream.as_secs_f64() * self.rows as f64 / self.sampled as f64;
        Duration::try_from_secs_f64(scaled)
            .unwrap_or(self.total)
            .min(self.total)
    }
}

/// Parses, plans and runs one statement atomically.
#[allow(dead_code)] // the session-less entry point, kept for embedders of `exec`
pub fn run(
    graph: &mut Graph,
    text: &str,
    params: &Params,
    options: &Options,
) -> Result<QueryResult> {
    run_session(graph, text, params, options, 0)
}

/// [`run`] for session `session` (a `Database` handle): an explicit
/// transaction opened by `BEGIN` belongs to the session that opened it.
pub fn run_session(
    graph: &mut Graph,
    text: &str,
    params: &Params,
    options: &Options,
    session: u64,
) -> Result<QueryResult> {
    let stmt = syntax::parse(text)?;
    run_statement(graph, &stmt, params, options, session)
}

/// Runs a read-only statement ([`is_read_only`]) against a shared graph —
/// the read path, under the database's read lock, beside other readers.
/// There is no savepoint: nothing changes, so there is nothing to commit
/// or roll back. Names the graph has never seen are not interned (they
/// cannot match anything; see `plan::bind::Symbols`). The caller makes sure
/// no explicit transaction is open, whose uncommitted writes would show.
pub fn run_read(
    graph: &Graph,
    stmt: &ast::Statement,
    params: &Params,
    options: &Options,
) -> Result<QueryResult> {
    if !is_read_only(stmt) {
        return Err(Error::runtime(
            "InternalError",
            "internal error: an updating statement was sent to the read path",
        ));
    }
    query_statement(Access::Shared(graph), stmt, params, options)
}

/// Runs a parsed statement inside a savepoint — the write path, which
/// takes every statement. Outside an explicit transaction it commits
/// (durably, when persistence is on); when that fails the statement is
/// rolled back like any other failure. Inside a transaction nothing is
/// committed, and a failure rolls back the whole transaction.
pub fn run_statement(
    graph: &mut Graph,
    stmt: &ast::Statement,
    params: &Params,
    options: &Options,
    session: u64,
) -> Result<QueryResult> {
    let sp = graph.savepoint();
    let r = run_in_savepoint(graph, stmt, params, options, sp, session);
    let r = r.and_then(|res| {
        if graph.transaction_owner().is_none() {
            graph.commit()?;
        }
        Ok(res)
    });
    r.map_err(|e| {
        graph.rollback_to(sp);
        if graph.transaction_owner().is_some() {
            let _ = graph.rollback_transaction();
            Error::new(
                e.kind(),
                e.code().as_str(),
                format!("{} (the open transaction was rolled back)", e.message()),
            )
            .at_opt(e.span())
            .in_phase(e.is_compile_time())
        } else {
            e
        }
    })
}

fn run_in_savepoint(
    graph: &mut Graph,
    stmt: &ast::Statement,
    params: &Params,
    options: &Options,
    sp: crate::store::Savepoint,
    session: u64,
) -> Result<QueryResult> {
    let before = graph.stats();
    let mut res = match stmt {
        ast::Statement::Query(_)
        | ast::Statement::Explain(_)
        | ast::Statement::Profile(_)
        | ast::Statement::ShowIndexes
        | ast::Statement::ShowFulltextIndexes
        | ast::Statement::ShowVectorIndexes
        | ast::Statement::ShowConstraints => {
            let res = query_statement(Access::Exclusive(&mut *graph), stmt, params, options)?;
            graph.validate_since(sp)?;
            res
        }
        ast::Statement::CreateIndex {
            name,
            label,
            properties,
            if_not_exists,
        } => {
            create_schema(
                graph,
                name,
                label,
                properties,
                IndexKind::Index,
                *if_not_exists,
            )?;
            QueryResult::default()
        }
        ast::Statement::CreateFulltextIndex {
            name,
            relationships,
            tokens,
            properties,
            options,
            if_not_exists,
        } => {
            create_fulltext(
                graph,
                name,
                *relationships,
                tokens,
                properties,
                options.as_ref(),
                *if_not_exists,
            )?;
            QueryResult::default()
        }
        ast::Statement::CreateVectorIndex {
            name,
            relationships,
            tokens,
            property,
            options,
            if_not_exists,
        } => {
            create_vector(
                graph,
                name,
                *relationships,
                tokens,
                property,
                options.as_ref(),
                *if_not_exists,
            )?;
            QueryResult::default()
        }
        ast::Statement::CreateConstraint {
            name,
            label,
            properties,
            kind,
            if_not_exists,
        } => {
            let k = match kind {
                ast::ConstraintKind::Unique => IndexKind::Unique,
                ast::ConstraintKind::NotNull => IndexKind::NotNull,
            };
            create_schema(graph, name, label, properties, k, *if_not_exists)?;
            QueryResult::default()
        }
        ast::Statement::DropIndex { name, if_exists }
        | ast::Statement::DropConstraint { name, if_exists } => {
            let want_index = matches!(stmt, ast::Statement::DropIndex { .. });
            let exists = graph
                .schema()
                .iter()
                .any(|d| d.name == name.name && (d.kind == IndexKind::Index) == want_index)
                || (want_index && graph.fulltext_len(&name.name).is_some())
                || (want_index && graph.vector_schema().iter().any(|d| d.name == name.name));
            if exists {
                graph.drop_index(&name.name)?;
            } else if !if_exists {
                let what = if want_index { "index" } else { "constraint" };
                return Err(Error::new(
                    ErrorKind::SemanticError,
                    if want_index {
                        "IndexNotFound"
                    } else {
                        "ConstraintNotFound"
                    },
                    format!("there is no {what} named `{}`", name.name),
                )
                .at(name.span));
            }
            QueryResult::default()
        }
        ast::Statement::Begin => {
            graph.begin_transaction(sp, session)?;
            return Ok(QueryResult::default());
        }
        ast::Statement::Commit => {
            graph.commit_transaction()?;
            return Ok(QueryResult::default());
        }
        ast::Statement::Rollback => {
            graph.rollback_transaction()?;
            return Ok(QueryResult::default());
        }
    };
    res.stats = graph.stats().since(&before);
    Ok(res)
}

/// The statements both paths run: queries, EXPLAIN, PROFILE, SHOW. With
/// [`Access::Shared`] only read-only ones arrive here.
fn query_statement(
    mut graph: Access<'_>,
    stmt: &ast::Statement,
    params: &Params,
    options: &Options,
) -> Result<QueryResult> {
    let res = match stmt {
        ast::Statement::Query(q) => {
            let plan = plan_query(&mut graph, q, params, options)?;
            let notifications = notify::notifications(&plan.unknown_names, graph.graph());
            let (columns, rows) = execute(graph, &plan, params, options, false)?.0;
            QueryResult {
                columns,
                rows,
                notifications,
                ..Default::default()
            }
        }
        ast::Statement::Explain(inner) => {
            let ast::Statement::Query(q) = &**inner else {
                return Err(Error::syntax(
                    "UnexpectedSyntax",
                    "EXPLAIN applies to queries only",
                ));
            };
            let plan = plan_query(&mut graph, q, params, options)?;
            let rows = explain::lines(&plan.root, plan.names(graph.graph()))
                .into_iter()
                .map(|l| {
                    vec![
                        result::Value::String(format!("{}{}", "  ".repeat(l.depth), l.name)),
                        result::Value::String(l.details),
                    ]
                })
                .collect();
            QueryResult {
                columns: vec!["operator".into(), "details".into()],
                rows,
                notifications: notify::notifications(&plan.unknown_names, graph.graph()),
                ..Default::default()
            }
        }
        ast::Statement::Profile(inner) => {
            let ast::Statement::Query(q) = &**inner else {
                return Err(Error::syntax(
                    "UnexpectedSyntax",
                    "PROFILE applies to queries only",
                ));
            };
            let plan = plan_query(&mut graph, q, params, options)?;
            let (_, profile) = execute(graph.reborrow(), &plan, params, options, true)?;
            let mut rows = Vec::new();
            profile_rows(
                &plan.root,
                0,
                plan.names(graph.graph()),
                &profile,
                &mut rows,
            );
            QueryResult {
                columns: vec![
                    "operator".into(),
                    "details".into(),
                    "rows".into(),
                    "self_ms".into(),
                    "total_ms".into(),
                ],
                rows,
                notifications: notify::notifications(&plan.unknown_names, graph.graph()),
                ..Default::default()
            }
        }
        ast::Statement::ShowIndexes
        | ast::Statement::ShowFulltextIndexes
        | ast::Statement::ShowVectorIndexes
        | ast::Statement::ShowConstraints => {
            let indexes = matches!(stmt, ast::Statement::ShowIndexes);
            let vector_only = matches!(stmt, ast::Statement::ShowVectorIndexes);
            let fulltext_only = matches!(stmt, ast::Statement::ShowFulltextIndexes);
            let entity_name = |e: crate::store::Entity| {
                result::Value::String(
                    match e {
                        crate::store::Entity::Node => "NODE",
                        crate::store::Entity::Relationship => "RELATIONSHIP",
                    }
                    .into(),
                )
            };
            let graph = graph.graph();
            let strings = |syms: &[crate::store::Sym]| {
                result::Value::List(
                    syms.iter()
                        .map(|s| result::Value::String(graph.name(*s).to_string()))
                        .collect(),
                )
            };
            let fulltext_rows = graph
                .fulltext_schema()
                .into_iter()
                .filter(|_| indexes || fulltext_only)
                .map(|d| (d, &entity_name))
                .map(|(d, entity_name)| {
                    vec![
                        result::Value::String(d.name.clone()),
                        result::Value::String("FULLTEXT".into()),
                        entity_name(d.entity),
                        strings(&d.tokens),
                        strings(&d.props),
                    ]
                })
                .collect::<Vec<_>>();
            let vector_rows = graph
                .vector_schema()
                .into_iter()
                .filter(|_| indexes || vector_only)
                .map(|d| {
                    vec![
                        result::Value::String(d.name.clone()),
                        result::Value::String("VECTOR".into()),
                        entity_name(d.entity),
                        strings(&[d.token]),
                        strings(&[d.key]),
                    ]
                })
                .collect::<Vec<_>>();
            let rows = graph
                .schema()
                .into_iter()
                .filter(|d| {
                    !fulltext_only
                        && !vector_only
                        && ((d.kind == IndexKind::Index) == indexes
                            || (indexes && d.kind == IndexKind::Unique))
                })
                .map(|d| {
                    vec![
                        result::Value::String(d.name.clone()),
                        result::Value::String(index_kind_name(d.kind).to_string()),
                        result::Value::String("NODE".into()),
                        result::Value::List(vec![result::Value::String(
                            graph.name(d.label).to_string(),
                        )]),
                        result::Value::List(vec![result::Value::String(
                            graph.name(d.key).to_string(),
                        )]),
                    ]
                })
                .chain(fulltext_rows)
                .chain(vector_rows)
                .collect();
            QueryResult {
                columns: ["name", "type", "entityType", "labelsOrTypes", "properties"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
                rows,
                ..Default::default()
            }
        }
        _ => {
            return Err(Error::runtime(
                "InternalError",
                "internal error: not a query statement",
            ));
        }
    };
    // Queries stop at the limit while they run (see `execute`); this
    // catches the rest (EXPLAIN, PROFILE, SHOW).
    match options.max_rows {
        Some(max) if res.rows.len() > max => Err(row_limit(max)),
        _ => Ok(res),
    }
}

/// The error of a statement producing more than `max` rows.
fn row_limit(max: usize) -> Error {
    Error::runtime(
        "RowLimitExceeded",
        format!(
            "the query returned more than the limit of {max} rows; it was stopped and changed nothing"
        ),
    )
}

fn create_schema(
    graph: &mut Graph,
    name: &Option<ast::Ident>,
    label: &ast::Ident,
    properties: &[ast::Ident],
    kind: IndexKind,
    if_not_exists: bool,
) -> Result<()> {
    if properties.len() != 1 {
        return Err(Error::new(
            ErrorKind::SemanticError,
            "CompositeIndexNotSupported",
            "indexes and constraints on several properties are not supported yet; create one per property",
        )
        .at(label.span));
    }
    let l = graph.intern(&label.name);
    let k = graph.intern(&properties[0].name);
    let suffix = match kind {
        IndexKind::Index => "index",
        IndexKind::Unique => "unique",
        IndexKind::NotNull => "exists",
    };
    let name = name
        .as_ref()
        .map(|n| n.name.clone())
        .unwrap_or_else(|| format!("{}_{}_{}", label.name, properties[0].name, suffix));
    if if_not_exists
        && graph
            .schema()
            .iter()
            .any(|d| d.name == name || (d.label == l && d.key == k && d.kind == kind))
    {
        return Ok(());
    }
    graph.create_index(IndexDef {
        name,
        label: l,
        key: k,
        kind,
    })
}

/// `CREATE FULLTEXT INDEX`: the definition from the statement, its
/// `OPTIONS {indexConfig: {`fulltext.analyzer`: '…'}}` read as written.
fn create_fulltext(
    graph: &mut Graph,
    name: &Option<ast::Ident>,
    relationships: bool,
    tokens: &[ast::Ident],
    properties: &[ast::Ident],
    options: Option<&ast::Expr>,
    if_not_exists: bool,
) -> Result<()> {
    let analyzer = fulltext_options(options)?;
    let name = name.as_ref().map(|n| n.name.clone()).unwrap_or_else(|| {
        let t: Vec<&str> = tokens.iter().map(|t| t.name.as_str()).collect();
        let p: Vec<&str> = properties.iter().map(|t| t.name.as_str()).collect();
        format!("fulltext_{}_{}", t.join("_"), p.join("_"))
    });
    if if_not_exists && graph.schema_name_taken(&name) {
        return Ok(());
    }
    let mut intern = |ids: &[ast::Ident]| {
        let mut v: Vec<crate::store::Sym> = Vec::new();
        for i in ids {
            let s = graph.intern(&i.name);
            if !v.contains(&s) {
                v.push(s);
            }
        }
        v
    };
    let tokens = intern(tokens);
    let props = intern(properties);
    graph.create_fulltext(crate::store::FulltextDef {
        name,
        entity: if relationships {
            crate::store::Entity::Relationship
        } else {
            crate::store::Entity::Node
        },
        tokens,
        props,
        analyzer,
    })
}

/// `CREATE VECTOR INDEX`: one label (or type), one property, and
/// `OPTIONS {indexConfig: {`vector.dimensions`: N, `vector.similarity_function`: 'cosine'}}`.
fn create_vector(
    graph: &mut Graph,
    name: &Option<ast::Ident>,
    relationships: bool,
    tokens: &[ast::Ident],
    property: &ast::Ident,
    options: Option<&ast::Expr>,
    if_not_exists: bool,
) -> Result<()> {
    use crate::store::Similarity;
    let bad = |msg: String, span| {
        Error::new(ErrorKind::SemanticError, "InvalidIndexOptions", msg).at(span)
    };
    let [token] = tokens else {
        let span = tokens.get(1).map_or(property.span, |t| t.span);
        return Err(bad(
            "a vector index covers one label (or relationship type)".into(),
            span,
        ));
    };
    let mut dimensions = None;
    let mut similarity = Similarity::Cosine;
    let entries = match options.map(|o| &o.kind) {
        None => &[][..],
        Some(ast::ExprKind::Map(e)) => &e[..],
        Some(_) => return Err(bad("OPTIONS takes a map".into(), property.span)),
    };
    for (k, v) in entries {
        let ast::ExprKind::Map(config) = &v.kind else {
            return Err(bad(
                format!("unsupported index option `{}`", k.name),
                k.span,
            ));
        };
        if k.name != "indexConfig" {
            return Err(bad(
                format!(
                    "unsupported index option `{}`; plenary takes indexConfig",
                    k.name
                ),
                k.span,
            ));
        }
        for (ck, cv) in config {
            match (ck.name.as_str(), &cv.kind) {
                ("vector.dimensions", ast::ExprKind::Literal(ast::Literal::Integer(n))) => {
                    dimensions = Some(usize::try_from(*n).unwrap_or(0));
                }
                ("vector.similarity_function", ast::ExprKind::Literal(ast::Literal::String(s))) => {
                    similarity = Similarity::from_name(s).ok_or_else(|| {
                        bad(
                            format!("unknown similarity function '{s}'; plenary takes 'cosine' and 'euclidean'"),
                            cv.span,
                        )
                    })?;
                }
                (key, _) => {
                    return Err(bad(
                        format!(
                            "unsupported vector index setting `{key}` (or value); plenary takes `vector.dimensions` (an integer) and `vector.similarity_function` ('cosine' or 'euclidean')"
                        ),
                        ck.span,
                    ));
                }
            }
        }
    }
    let Some(dimensions) = dimensions else {
        return Err(bad(
            "a vector index needs OPTIONS {indexConfig: {`vector.dimensions`: N}}".into(),
            property.span,
        ));
    };
    let name = name
        .as_ref()
        .map(|n| n.name.clone())
        .unwrap_or_else(|| format!("vector_{}_{}", token.name, property.name));
    if if_not_exists && graph.schema_name_taken(&name) {
        return Ok(());
    }
    let token = graph.intern(&token.name);
    let key = graph.intern(&property.name);
    graph.create_vector(crate::store::VectorDef {
        name,
        entity: if relationships {
            crate::store::Entity::Relationship
        } else {
            crate::store::Entity::Node
        },
        token,
        key,
        dimensions,
        similarity,
    })
}

/// The analyzer an `OPTIONS` map asks for (Neo4j's `indexConfig` keys).
fn fulltext_options(options: Option<&ast::Expr>) -> Result<crate::store::Analyzer> {
    use crate::store::Analyzer;
    let bad = |msg: String, span| {
        Error::new(ErrorKind::SemanticError, "InvalidIndexOptions", msg).at(span)
    };
    let mut analyzer = Analyzer::StandardNoStopWords;
    let Some(options) = options else {
        return Ok(analyzer);
    };
    let ast::ExprKind::Map(entries) = &options.kind else {
        return Err(bad("OPTIONS takes a map".into(), options.span));
    };
    for (k, v) in entries {
        match k.name.as_str() {
            "indexConfig" => {
                let ast::ExprKind::Map(config) = &v.kind else {
                    return Err(bad("indexConfig takes a literal map".into(), v.span));
                };
                for (ck, cv) in config {
                    match (ck.name.as_str(), &cv.kind) {
                        (
                            "fulltext.analyzer" | "analyzer",
                            ast::ExprKind::Literal(ast::Literal::String(a)),
                        ) => {
                            analyzer = Analyzer::from_name(a).ok_or_else(|| {
                                bad(
                                    format!(
                                        "unknown full-text analyzer '{a}'; the analyzers are {}",
                                        crate::store::fulltext::analyze::ANALYZERS
                                    ),
                                    cv.span,
                                )
                            })?;
                        }
                        // the index is always exact at commit: nothing to be eventual about
                        (
                            "fulltext.eventually_consistent",
                            ast::ExprKind::Literal(ast::Literal::Bool(_)),
                        ) => {}
                        (key, _) => {
                            return Err(bad(
                                format!(
                                    "unsupported full-text index setting `{key}` (or value); plenary takes `fulltext.analyzer` (a string) and `fulltext.eventually_consistent` (a boolean)"
                                ),
                                ck.span,
                            ));
                        }
                    }
                }
            }
            other => {
                return Err(bad(
                    format!("unsupported index option `{other}`; plenary takes indexConfig"),
                    k.span,
                ));
            }
        }
    }
    Ok(analyzer)
}

fn plan_query(
    graph: &mut Access<'_>,
    q: &ast::Query,
    params: &Params,
    options: &Options,
) -> Result<Plan> {
    let symbols = match graph {
        Access::Shared(g) => Symbols::Lookup(g, Vec::new()),
        Access::Exclusive(g) => Symbols::Intern(g),
    };
    let mut plan = Binder::new(symbols, params, options.optimize).bind_query(q)?;
    if options.optimize {
        plan.root = optimize::optimize(plan.root, graph.graph(), options.layouts, &mut plan.width);
    }
    Ok(plan)
}

type Table = (Vec<String>, Vec<Vec<result::Value>>);

/// Runs a plan; converts the rows to public values before the statement
/// commits (deleted entities are still readable then). Stops with
/// `RowLimitExceeded` as soon as the query produces more rows than
/// `options.max_rows` (PROFILE's rows are not the query's and do not count).
fn execute(
    graph: Access<'_>,
    plan: &Plan,
    params: &Params,
    options: &Options,
    profile: bool,
) -> Result<(Table, HashMap<usize, OpProfile>)> {
    let ctx = Ctx::new(graph, params, options, profile);
    let mut row = vec![Value::Null; plan.width];
    let mut rows: Vec<Vec<Value>> = Vec::new();
    let mut held = ctx.memory.share();
    ops::run(&plan.root, &ctx, &mut row, &mut |r| {
        if !plan.columns.is_empty() {
            let out: Vec<Value> = plan.columns.iter().map(|(_, s)| r[*s].clone()).collect();
            // held twice: as engine values and again as the public values
            // they become
            held.add(2 * memory::row_bytes(&out))?;
            rows.push(out);
            if let Some(max) = options.max_rows
                && !profile
                && rows.len() > max
            {
                return Err(row_limit(max));
            }
        }
        Ok(ops::Flow::Continue)
    })?;
    let prof = ctx
        .profile
        .as_ref()
        .map(|p| p.borrow().clone())
        .unwrap_or_default();
    let g = ctx.graph();
    let out = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|v| result::Value::from_engine(v, &g))
                .collect()
        })
        .collect();
    let columns = plan.columns.iter().map(|(n, _)| n.clone()).collect();
    Ok(((columns, out), prof))
}

fn profile_rows(
    op: &crate::plan::Op,
    depth: usize,
    g: crate::plan::Names<'_>,
    prof: &HashMap<usize, OpProfile>,
    out: &mut Vec<Vec<result::Value>>,
) {
    use crate::plan::Op;
    let (name, details) = explain::describe(op, g);
    let get = |o: &Op| {
        prof.get(&(o as *const _ as usize))
            .copied()
            .unwrap_or_default()
    };
    // the operators that push rows into this one (printed below it)
    let children: Vec<&Op> = match op {
        Op::Union { branches } => branches.iter().collect(),
        Op::Optional { input, inner, .. } | Op::Apply { input, inner, .. } => vec![inner, input],
        Op::Merge { input, matcher, .. } => vec![matcher, input],
        Op::Foreach { input, body, .. } => vec![body, input],
        other => other.input().into_iter().collect(),
    };
    let me = get(op);
    let kids: Vec<OpProfile> = children.iter().map(|c| get(c)).collect();
    let ms = |d: Duration| result::Value::Float((d.as_secs_f64() * 1e6).round() / 1e3);
    out.push(vec![
        result::Value::String(format!("{}{}", "  ".repeat(depth), name)),
        result::Value::String(details),
        result::Value::Int(me.rows as i64),
        ms(me.self_time(&kids)),
        ms(me.total),
    ]);
    for c in children {
        profile_rows(c, depth + 1, g, prof, out);
    }
}
