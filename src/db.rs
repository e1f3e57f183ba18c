//! The library facade: [`Database`].
//!
//! A `Database` owns one graph behind an `Arc<RwLock<…>>`: cloning it is
//! cheap and every clone sees the same graph. Each statement is atomic: it
//! runs against a savepoint and a failure rolls the graph back to it.
//!
//! Read-only statements (`exec::is_read_only`) run under the read lock, in
//! parallel, with no savepoint (`exec::run_read`); every other statement —
//! and every statement while an explicit transaction is open — takes the
//! write lock and runs inside a savepoint (`exec::run_statement`). Each
//! statement is parsed once, before either lock. See `Database`'s docs.
//!
//! A database opened from a file ([`Database::open`]) is durable: a
//! statement that returns `Ok` has reached the disk (see the format and
//! commit protocol in `store::persist`). Statements between Cypher `BEGIN`
//! and `COMMIT`, or inside [`Database::transaction`], commit together.

use crate::syntax::cache::ParseCache;
use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use crate::error::{Error, Result};
use crate::exec::{self, Options};
use crate::options::{FileAccess, QueryOptions};
use crate::params::Params;
use crate::result::{QueryResult, Value};
use crate::store::Graph;
use crate::store::persist::{self, Store};

/// The bundled graph's script (the snapshot below is made from it).
#[cfg(test)]
const BUNDLED_GRAPH: &str = include_str!("../data/graph.cypher");

/// The bundled graph as a snapshot of that script's result.
const BUNDLED_SNAPSHOT: &[u8] = include_bytes!("../data/graph.snapshot");

/// An embedded graph database.
///
/// `Database` is `Send + Sync` and cheap to clone (an `Arc` inside): hand a
/// clone to every thread or request. All clones share one graph, but
/// options set on a clone ([`set_timeout`](Database::set_timeout),
/// [`set_max_rows`](Database::set_max_rows),
/// [`set_file_access`](Database::set_file_access), …) apply to that clone
/// only, so a server can keep a restricted handle for untrusted queries.
///
/// **Concurrency.** Many readers run in parallel; writes are serialized.
/// A statement that only reads — a query (or its `EXPLAIN` / `PROFILE`)
/// with no `CREATE`, `MERGE`, `SET`, `REMOVE`, `DELETE`, `FOREACH` or
/// `CALL { } IN TRANSACTIONS` anywhere in it, subqueries included, or a
/// `SHOW` command — holds the graph's read lock while it runs, beside any
/// number of other readers. Every other statement holds the write lock:
/// it waits for the running readers to finish and runs alone. While a
/// `BEGIN` transaction is open, reads take the write path too, so no
/// reader ever sees another handle's uncommitted changes (they fail with
/// `TransactionInProgress`, as writes do). A statement therefore always
/// sees a consistent graph — every earlier write completely, no later one
/// at all. Bound long statements with a timeout: a long read delays the
/// next write (and the lock then holds back new readers until that write
/// is done), a long write delays everybody.
///
/// **Robustness.** No query text, parameter or data makes the library
/// panic; should the engine hit an internal bug and panic anyway, the panic
/// is caught, the statement is rolled back and an error of code
/// `InternalError` is returned — the database stays usable.
///
/// ```
/// use plenary::{Database, params};
/// let db = Database::in_memory()?;
/// db.execute("CREATE (:Country {code: 'SY', name: 'Syria'})")?;
/// let r = db.query_with("MATCH (c:Country {code: $code}) RETURN c.name AS name", params! {"code" => "SY"})?;
/// let name: String = r.row(0).unwrap().get("name")?;
/// assert_eq!(name, "Syria");
/// # Ok::<(), plenary::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct Database {
    inner: Arc<RwLock<Graph>>,
    options: Options,
    persist: Option<Arc<Mutex<Store>>>,
    session: Session,
    /// Parsed statements, shared by every clone.
    statements: Arc<ParseCache>,
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database").finish_non_exhaustive()
    }
}

impl Database {
    /// A new, empty, in-memory database.
    ///
    /// It cannot fail today; it returns a `Result` like every other way of
    /// opening a database.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// let r = db.execute("RETURN 1 + 1 AS two").unwrap();
    /// assert_eq!(r.rows, vec![vec![plenary::Value::Int(2)]]);
    /// ```
    pub fn in_memory() -> Result<Database> {
        Ok(Database::default())
    }

    /// The bundled knowledge graph: the February 2012 UN General Assembly
    /// resolution on Syria, every fact with the sentence it came from
    /// (see `data/README.md`). Compiled into the library as a snapshot of
    /// `data/graph.cypher` (`data/graph.snapshot`; a test keeps the two in
    /// step), so it loads in well under a millisecond.
    ///
    /// ```
    /// let db = plenary::Database::bundled().unwrap();
    /// let r = db.execute("MATCH (c:Country {code: 'RU'}) RETURN c.name AS name").unwrap();
    /// assert_eq!(r.rows[0][0], plenary::Value::from("Russia"));
    /// ```
    pub fn bundled() -> Result<Database> {
        let (graph, _) =
            persist::decode_snapshot(BUNDLED_SNAPSHOT, "the bundled graph (data/graph.snapshot)")?;
        Ok(Database {
            inner: Arc::new(RwLock::new(graph)),
            ..Database::default()
        })
    }

    /// The bundled graph built by running its Cypher script (what the
    /// embedded snapshot is made from).
    #[cfg(test)]
    fn bundled_from_script() -> Result<Database> {
        let db = Database::in_memory()?;
        db.execute_script(BUNDLED_GRAPH)?;
        Ok(db)
    }

    /// Runs every statement of a script in order (statements separated by
    /// `;`), stopping at the first failure. Error positions are relative to
    /// the whole script (and the error's source text is the script, so
    /// [`Error::position`] and `Display` point into it).
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// let results = db.execute_script("CREATE (:A); CREATE (:B); MATCH (n) RETURN count(n) AS n").unwrap();
    /// assert_eq!(results[2].rows[0][0], plenary::Value::Int(2));
    /// ```
    pub fn execute_script(&self, script: &str) -> Result<Vec<QueryResult>> {
        let mut out = Vec::new();
        for stmt in crate::script::split(script) {
            out.push(
                self.execute(stmt.text)
                    .map_err(|e| e.shifted(stmt.offset).with_source(script))?,
            );
        }
        Ok(out)
    }

    /// Turns the plan rewrite passes on or off (on by default). Answers do
    /// not depend on it; the test-suite runs every case both ways.
    ///
    /// ```
    /// let mut db = plenary::Database::in_memory().unwrap();
    /// db.set_optimize(false);
    /// assert_eq!(db.query("RETURN 1 AS x").unwrap().len(), 1);
    /// ```
    pub fn set_optimize(&mut self, on: bool) {
        self.options.optimize = on;
    }

    /// Chooses how the optimizer lays out walks: by the graph's statistics
    /// ([`Layouts::Auto`](crate::Layouts::Auto), the default) or, for
    /// tests, with every counted aggregation collected for a shared walk
    /// over the column views whatever the graph's size
    /// ([`Layouts::Always`](crate::Layouts::Always)). Answers do not depend
    /// on it.
    ///
    /// ```
    /// let mut db = plenary::Database::in_memory().unwrap();
    /// db.set_layouts(plenary::Layouts::Always);
    /// assert_eq!(db.query("RETURN 1 AS x").unwrap().len(), 1);
    /// ```
    pub fn set_layouts(&mut self, layouts: crate::Layouts) {
        self.options.layouts = layouts;
    }

    /// Stops every statement run through this handle after `timeout`
    /// (error kind [`Cancelled`](crate::ErrorKind::Cancelled), code
    /// `Timeout`; the statement changes nothing). `None` (the default)
    /// means no limit. [`QueryOptions::timeout`] can only shorten it.
    ///
    /// ```
    /// use std::time::Duration;
    /// let mut db = plenary::Database::in_memory().unwrap();
    /// db.set_timeout(Some(Duration::from_millis(50)));
    /// let e = db.query("UNWIND range(1, 100000000) AS x RETURN count(x)").unwrap_err();
    /// assert_eq!(e.code().as_str(), "Timeout");
    /// ```
    pub fn set_timeout(&mut self, timeout: Option<Duration>) {
        self.options.timeout = timeout;
    }

    /// Fails every statement run through this handle that returns more than
    /// `max_rows` rows (code `RowLimitExceeded`). `None` (the default)
    /// means no limit. [`QueryOptions::max_rows`] can only lower it.
    ///
    /// The statement is stopped as soon as it produces one row more than the
    /// limit, and like any failed statement it changes nothing — a writing
    /// statement that returns too many rows is rolled back. (Work before the
    /// first row, such as a sort, is not bounded by it: pair it with a
    /// timeout.) The limit also applies to statements run in a
    /// [`transaction`](Database::transaction), where exceeding it rolls the
    /// transaction back.
    ///
    /// ```
    /// let mut db = plenary::Database::in_memory().unwrap();
    /// db.set_max_rows(Some(10));
    /// assert!(db.query("UNWIND range(1, 10) AS x RETURN x").is_ok());
    /// let e = db.query("UNWIND range(1, 11) AS x RETURN x").unwrap_err();
    /// assert_eq!(e.code().as_str(), "RowLimitExceeded");
    /// ```
    pub fn set_max_rows(&mut self, max_rows: Option<usize>) {
        self.options.max_rows = max_rows;
    }

    /// Fails every statement run through this handle that holds more than
    /// `bytes` of memory (code `MemoryLimitExceeded`; like any failed
    /// statement it changes nothing). What counts is what a statement
    /// keeps while it runs: rows buffered by sorting, DISTINCT and
    /// aggregation (collected lists included), rows held by updating
    /// clauses, its result rows, its undo log; a value it builds (a
    /// `range()` list, a concatenated string) is checked against what is
    /// left before it is made. The sizes are estimates.
    ///
    /// The default is a quarter of the machine's memory
    /// ([`default_memory_budget`](crate::default_memory_budget)), so that a
    /// statement fails before the process could run out of memory. `None`
    /// removes the limit. [`QueryOptions::max_memory`] can only lower it.
    ///
    /// ```
    /// let mut db = plenary::Database::in_memory().unwrap();
    /// db.set_max_memory(Some(1 << 20));
    /// let e = db.query("UNWIND range(1, 1000000) AS x RETURN collect(x)").unwrap_err();
    /// assert_eq!(e.code().as_str(), "MemoryLimitExceeded");
    /// assert!(db.query("UNWIND range(1, 1000000) AS x RETURN count(x)").is_ok());
    /// ```
    pub fn set_max_memory(&mut self, bytes: Option<usize>) {
        self.options.max_memory = bytes;
    }

    /// The time limit of each statement run through this handle
    /// ([`set_timeout`](Database::set_timeout)).
    pub fn timeout(&self) -> Option<Duration> {
        self.options.timeout
    }

    /// The row limit of each statement run through this handle
    /// ([`set_max_rows`](Database::set_max_rows)).
    pub fn max_rows(&self) -> Option<usize> {
        self.options.max_rows
    }

    /// The memory budget of each statement run through this handle
    /// ([`set_max_memory`](Database::set_max_memory)).
    pub fn max_memory(&self) -> Option<usize> {
        self.options.max_memory
    }

    /// Which files `LOAD CSV` may read through this handle (default: any).
    ///
    /// ```
    /// use plenary::FileAccess;
    /// let dir = std::env::temp_dir().join("plenary-doc-file-access");
    /// std::fs::create_dir_all(&dir).unwrap();
    /// std::fs::write(dir.join("a.csv"), "x\n1\n").unwrap();
    /// let mut db = plenary::Database::in_memory().unwrap();
    /// db.set_file_access(FileAccess::Under(dir.clone()));
    /// assert_eq!(db.query("LOAD CSV WITH HEADERS FROM 'a.csv' AS l RETURN l.x").unwrap().len(), 1);
    /// let e = db.query("LOAD CSV FROM '../../etc/passwd' AS l RETURN l").unwrap_err();
    /// assert_eq!(e.code().as_str(), "FileAccessDenied");
    /// ```
    pub fn set_file_access(&mut self, access: FileAccess) {
        let (allow, root) = match access {
            FileAccess::Any => (true, None),
            FileAccess::Under(dir) => (true, Some(dir)),
            FileAccess::Denied => (false, None),
        };
        self.options.allow_files = allow;
        self.options.file_root = root;
    }

    /// The file access of this handle.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// assert_eq!(db.file_access(), plenary::FileAccess::Any);
    /// ```
    pub fn file_access(&self) -> FileAccess {
        match (&self.options.file_root, self.options.allow_files) {
            (_, false) => FileAccess::Denied,
            (Some(dir), true) => FileAccess::Under(dir.clone()),
            (None, true) => FileAccess::Any,
        }
    }

    /// The number of nodes in the graph.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// db.execute("CREATE (), ()").unwrap();
    /// assert_eq!(db.node_count(), 2);
    /// ```
    pub fn node_count(&self) -> usize {
        self.inner.read().map_or(0, |g| g.node_count())
    }

    /// Rebuilds every full-text index from the graph and compares it with
    /// the one kept up to date by the writes (what `plenary check` does):
    /// per index its name, its number of documents and whether the two agree.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// db.execute("CREATE FULLTEXT INDEX t FOR (n:Doc) ON EACH [n.text]").unwrap();
    /// db.execute("CREATE (:Doc {text: 'peace talks'})").unwrap();
    /// assert_eq!(db.check_fulltext_indexes(), vec![("t".to_string(), 1, true)]);
    /// ```
    pub fn check_fulltext_indexes(&self) -> Vec<(String, usize, bool)> {
        let Ok(g) = self.inner.read() else {
            return Vec::new();
        };
        let bad = g.check_fulltext();
        g.fulltext_schema()
            .into_iter()
            .map(|d| {
                (
                    d.name.clone(),
                    g.fulltext_len(&d.name).unwrap_or(0),
                    !bad.contains(&d.name),
                )
            })
            .collect()
    }

    /// The number of relationships in the graph.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// db.execute("CREATE ()-[:R]->()").unwrap();
    /// assert_eq!(db.relationship_count(), 1);
    /// ```
    pub fn relationship_count(&self) -> usize {
        self.inner.read().map_or(0, |g| g.rel_count())
    }

    /// Runs one statement (a trailing `;` is allowed) and returns its
    /// result; for writes, [`QueryResult::stats`] says what changed.
    /// The same as [`query`](Database::query).
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// let r = db.execute("CREATE (:A {x: 1})").unwrap();
    /// assert_eq!(r.stats.nodes_created, 1);
    /// ```
    pub fn execute(&self, query: &str) -> Result<QueryResult> {
        self.run(query, &BTreeMap::new(), None)
    }

    /// Runs one query and returns its result.
    ///
    /// ```
    /// let db = plenary::Database::bundled().unwrap();
    /// let r = db.query("MATCH (c:Country {code: 'RU'}) RETURN c.name AS name").unwrap();
    /// assert_eq!(r.columns, ["name"]);
    /// ```
    pub fn query(&self, query: &str) -> Result<QueryResult> {
        self.run(query, &BTreeMap::new(), None)
    }

    /// Runs one query with parameters ([`Params`], built with
    /// [`params!`](crate::params!) or [`Params::set`]; owned or borrowed).
    ///
    /// ```
    /// use plenary::{Database, params};
    /// let db = Database::in_memory().unwrap();
    /// let r = db.query_with("RETURN $xs[1] + $n AS y", params! {"xs" => vec![1, 2], "n" => 40u16}).unwrap();
    /// assert_eq!(r.rows[0][0], plenary::Value::Int(42));
    /// ```
    pub fn query_with<P: Borrow<Params>>(&self, query: &str, params: P) -> Result<QueryResult> {
        self.run(query, params.borrow().checked()?, None)
    }

    /// Runs one statement with parameters and per-statement limits (a
    /// timeout, a row limit, a cancellation handle); see [`QueryOptions`].
    ///
    /// ```
    /// use std::time::Duration;
    /// use plenary::{Database, QueryOptions, params};
    /// let db = Database::in_memory().unwrap();
    /// let opts = QueryOptions::new().timeout(Duration::from_millis(20)).max_rows(100);
    /// let e = db.execute_opts("UNWIND range(1, 1000) AS x RETURN x", params! {}, &opts).unwrap_err();
    /// assert_eq!(e.code().as_str(), "RowLimitExceeded");
    /// ```
    pub fn execute_opts<P: Borrow<Params>>(
        &self,
        query: &str,
        params: P,
        options: &QueryOptions,
    ) -> Result<QueryResult> {
        self.run(query, params.borrow().checked()?, Some(options))
    }

    /// Runs one statement with parameters given as a map of [`Value`]s.
    ///
    /// ```
    /// use plenary::{Database, Value};
    /// let db = Database::in_memory().unwrap();
    /// let mut params = std::collections::BTreeMap::new();
    /// params.insert("x".to_string(), Value::Int(20));
    /// let r = db.execute_with("RETURN $x + 1 AS y", &params).unwrap();
    /// assert_eq!(r.rows[0][0], Value::Int(21));
    /// ```
    pub fn execute_with(
        &self,
        query: &str,
        params: &BTreeMap<String, Value>,
    ) -> Result<QueryResult> {
        self.run(query, params, None)
    }

    fn run(
        &self,
        query: &str,
        params: &BTreeMap<String, Value>,
        extra: Option<&QueryOptions>,
    ) -> Result<QueryResult> {
        let params: exec::Params = params
            .iter()
            .map(|(k, v)| (k.clone(), v.to_engine()))
            .collect();
        let mut options = self.options.clone();
        if let Some(o) = extra {
            options.timeout = tighter(options.timeout, o.timeout);
            options.max_rows = tighter(options.max_rows, o.max_rows);
            options.max_memory = tighter(options.max_memory, o.max_memory);
            if let Some(c) = &o.cancel {
                options.cancel = Some(c.flag());
            }
        }
        let stmt = self
            .statements
            .parse(query)
            .map_err(|e| e.with_source(query))?;
        let r = match exec::is_read_only(&stmt)
            .then(|| self.run_read(&stmt, &params, &options))
            .flatten()
        {
            Some(r) => r,
            None => self.with_graph(|graph| self.run_locked(graph, &stmt, &params, &options)),
        };
        r.map(|r| located(r, query))
            .map_err(|e| e.with_source(query))
    }

    /// What `query` would do, told from its text before it runs: whether it
    /// only reads, may write, changes the schema or controls a transaction.
    /// A server uses it to route a statement (readers in parallel, writers
    /// one at a time) and to refuse writes on a read-only connection. The
    /// answer is conservative: a statement that could write is `ReadWrite`.
    ///
    /// ```
    /// use plenary::{Database, StatementKind};
    /// let db = Database::in_memory().unwrap();
    /// assert_eq!(db.statement_kind("MATCH (n) RETURN n").unwrap(), StatementKind::Read);
    /// assert_eq!(db.statement_kind("CREATE (:A)").unwrap(), StatementKind::ReadWrite);
    /// assert_eq!(db.statement_kind("CREATE INDEX FOR (n:A) ON (n.x)").unwrap(), StatementKind::Schema);
    /// assert_eq!(db.statement_kind("BEGIN").unwrap(), StatementKind::Transaction);
    /// assert!(db.statement_kind("MATCH (n").is_err());
    /// ```
    pub fn statement_kind(&self, query: &str) -> Result<StatementKind> {
        use crate::syntax::ast::Statement as S;
        let stmt = self
            .statements
            .parse(query)
            .map_err(|e| e.with_source(query))?;
        fn kind(stmt: &S) -> StatementKind {
            match stmt {
                _ if exec::is_read_only(stmt) => StatementKind::Read,
                S::Explain(_) => StatementKind::Read,
                S::Profile(inner) => kind(inner),
                S::CreateIndex { .. }
                | S::CreateFulltextIndex { .. }
                | S::CreateVectorIndex { .. }
                | S::DropIndex { .. }
                | S::CreateConstraint { .. }
                | S::DropConstraint { .. } => StatementKind::Schema,
                S::Begin | S::Commit | S::Rollback => StatementKind::Transaction,
                _ => StatementKind::ReadWrite,
            }
        }
        Ok(kind(&stmt))
    }

    /// The read path: runs a read-only statement under the read lock, beside
    /// other readers. `None` when an explicit transaction is open (anyone's):
    /// then the statement takes the write path, which lets the owner see
    /// its uncommitted writes and refuses everyone else.
    fn run_read(
        &self,
        stmt: &crate::syntax::ast::Statement,
        params: &exec::Params,
        options: &Options,
    ) -> Option<Result<QueryResult>> {
        let graph = match self.inner.read() {
            Ok(g) => g,
            Err(_) => return Some(Err(poisoned())),
        };
        if graph.transaction_owner().is_some() {
            return None;
        }
        Some(
            catch_unwind(AssertUnwindSafe(|| {
                exec::run_read(&graph, stmt, params, options)
            }))
            .unwrap_or_else(|panic| Err(internal_error(panic, "the database is unchanged"))),
        )
    }

    /// Runs `f` on the graph under the write lock. A panic inside `f` is
    /// caught: everything `f` did is rolled back and an `InternalError` is
    /// returned, so the lock is never poisoned by the engine.
    pub(crate) fn with_graph<T>(&self, f: impl FnOnce(&mut Graph) -> Result<T>) -> Result<T> {
        let mut guard = self.inner.write().map_err(|_| poisoned())?;
        let graph: &mut Graph = &mut guard;
        let sp = graph.savepoint();
        match catch_unwind(AssertUnwindSafe(|| f(&mut *graph))) {
            Ok(Ok(x)) => Ok(x),
            Ok(Err(e)) => {
                graph.rollback_to(sp);
                Err(e)
            }
            Err(panic) => {
                graph.rollback_to(sp);
                Err(internal_error(
                    panic,
                    "the statement was rolled back and the database is unchanged",
                ))
            }
        }
    }
}

/// What a statement does ([`Database::statement_kind`]); the names follow
/// Neo4j's query types (`r`, `rw`, `s`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatementKind {
    /// Only reads: runs beside other readers.
    Read,
    /// May create, change or delete data.
    ReadWrite,
    /// Creates or drops an index or a constraint.
    Schema,
    /// `BEGIN`, `COMMIT` or `ROLLBACK`.
    Transaction,
}

impl StatementKind {
    /// Neo4j's name for the query type: `r`, `rw` or `s` (`Transaction`
    /// statements have none in Neo4j and answer `s`).
    pub fn neo4j_type(self) -> &'static str {
        match self {
            StatementKind::Read => "r",
            StatementKind::ReadWrite => "rw",
            StatementKind::Schema | StatementKind::Transaction => "s",
        }
    }
}

/// `r` with its notifications' lines and columns found in `query`.
fn located(mut r: QueryResult, query: &str) -> QueryResult {
    for n in &mut r.notifications {
        n.locate(query);
    }
    r
}

/// The error of a poisoned lock.
fn poisoned() -> Error {
    Error::runtime("Poisoned", "the database lock was poisoned by a panic")
}

/// The error for a panic caught in the engine; `after` says what became of
/// the statement.
fn internal_error(panic: Box<dyn std::any::Any + Send>, after: &str) -> Error {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    Error::runtime(
        "InternalError",
        format!("internal error ({what}); {after} — please report this query"),
    )
}

// ---- persistence and transactions ------------------------------------------

/// Identifies a handle: an explicit transaction opened with Cypher `BEGIN`
/// belongs to the handle that opened it. Every clone is a new session.
struct Session(u64);

static NEXT_SESSION: AtomicU64 = AtomicU64::new(1);

impl Default for Session {
    fn default() -> Session {
        Session(NEXT_SESSION.fetch_add(1, Ordering::Relaxed))
    }
}

impl Clone for Session {
    fn clone(&self) -> Session {
        Session::default()
    }
}

/// An open transaction of [`Database::transaction`].
pub struct Transaction<'a> {
    graph: &'a mut Graph,
    db: &'a Database,
}

impl Transaction<'_> {
    /// Runs one statement inside the transaction.
    pub fn execute(&mut self, query: &str) -> Result<QueryResult> {
        self.execute_with(query, &Params::new())
    }

    /// Runs one statement with parameters inside the transaction. A failing
    /// statement rolls back the whole transaction.
    pub fn execute_with(&mut self, query: &str, params: &Params) -> Result<QueryResult> {
        if self.graph.transaction_owner() != Some(self.db.session.0) {
            return Err(Error::runtime(
                "TransactionRolledBack",
                "the transaction was already ended (by a failed statement, COMMIT or ROLLBACK)",
            ));
        }
        let params: exec::Params = params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_engine()))
            .collect();
        exec::run_session(
            self.graph,
            query,
            &params,
            &self.db.options,
            self.db.session.0,
        )
        .map(|r| located(r, query))
    }
}

impl Database {
    /// Opens the database at `path` for reading and writing, creating it if
    /// missing (files `path`, `path.wal`, `path.lock`). Only one process may
    /// have it open for writing; another gets an `IoError` with code
    /// `Locked` ("database is locked by process N").
    ///
    /// ```
    /// let path = std::env::temp_dir().join(format!("plenary-doc-{}", std::process::id()));
    /// # let _ = std::fs::remove_file(&path); let _ = std::fs::remove_file(path.with_extension("wal"));
    /// {
    ///     let db = plenary::Database::open(&path).unwrap();
    ///     db.execute("CREATE (:City {name: 'Oslo'})").unwrap();
    /// } // dropped: the lock is released
    /// let db = plenary::Database::open(&path).unwrap();
    /// assert_eq!(db.node_count(), 1);
    /// # drop(db); for s in ["", ".wal", ".lock"] { let mut p = path.clone().into_os_string(); p.push(s); let _ = std::fs::remove_file(p); }
    /// ```
    pub fn open(path: impl AsRef<Path>) -> Result<Database> {
        Database::open_store(path.as_ref(), false)
    }

    /// Opens an existing database for reading only, beside a writer if there
    /// is one (it sees the state as of opening). Writing statements fail
    /// with code `ReadOnly`.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Database> {
        Database::open_store(path.as_ref(), true)
    }

    fn open_store(path: &Path, read_only: bool) -> Result<Database> {
        let (mut graph, store) = Store::open(path, read_only)?;
        let store = Arc::new(Mutex::new(store));
        persist::install(&mut graph, store.clone());
        Ok(Database {
            inner: Arc::new(RwLock::new(graph)),
            options: Options::default(),
            persist: Some(store),
            session: Session::default(),
            statements: Arc::default(),
        })
    }

    /// Salvages the damaged database at `from` into a new database at `to`
    /// (which must not exist), as `plenary recover FROM --to TO` does: the
    /// snapshot, then every intact record of the log that can still be
    /// applied — records with a damaged header whose payload a checksum
    /// proves intact included, and records after a lost one where they do
    /// not depend on it. `from` is only read. The [`Recovery`](crate::Recovery)
    /// says what was applied, lost and skipped, with byte offsets.
    ///
    /// Fails (and writes nothing) if the snapshot itself is damaged: the
    /// log's records only apply on top of it.
    pub fn recover(from: impl AsRef<Path>, to: impl AsRef<Path>) -> Result<crate::Recovery> {
        persist::recover::recover(from.as_ref(), to.as_ref())
    }

    /// Runs `f` in a transaction: every statement it executes commits
    /// together (durably, once) when it returns `Ok`, or not at all when it
    /// returns `Err` or a statement fails. Other handles wait meanwhile.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// db.transaction(|tx| {
    ///     tx.execute("CREATE (:Account {balance: 10})")?;
    ///     tx.execute("CREATE (:Account {balance: 20})")?;
    ///     Ok(())
    /// }).unwrap();
    /// let failed = db.transaction(|tx| {
    ///     tx.execute("CREATE (:Account {balance: 30})")?;
    ///     tx.execute("RETURN 1 / 0")?; // fails: nothing of this transaction stays
    ///     Ok(())
    /// });
    /// assert!(failed.is_err());
    /// assert_eq!(db.node_count(), 2);
    /// ```
    pub fn transaction<T>(&self, f: impl FnOnce(&mut Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut graph = self
            .inner
            .write()
            .map_err(|_| Error::runtime("Poisoned", "the database lock was poisoned by a panic"))?;
        if graph.transaction_owner().is_some() {
            return Err(Error::runtime(
                "TransactionAlreadyOpen",
                "a transaction opened with BEGIN is still open; COMMIT or ROLLBACK it first",
            ));
        }
        let sp = graph.savepoint();
        graph.begin_transaction(sp, self.session.0)?;
        let mut tx = Transaction {
            graph: &mut graph,
            db: self,
        };
        let r = f(&mut tx);
        let mine = graph.transaction_owner() == Some(self.session.0);
        match r {
            Ok(v) if mine => {
                graph.commit_transaction()?;
                self.after_commit(&mut graph);
                Ok(v)
            }
            Ok(_) => Err(Error::runtime(
                "TransactionRolledBack",
                "the transaction was ended inside the closure (by a failed statement, COMMIT or ROLLBACK)",
            )),
            Err(e) => {
                if mine {
                    graph.rollback_transaction()?;
                }
                graph.commit()?; // nothing left to write: clears the undo log
                Err(e)
            }
        }
    }

    /// Whether this handle has an explicit transaction (`BEGIN`) open.
    pub fn in_transaction(&self) -> bool {
        self.inner
            .read()
            .is_ok_and(|g| g.transaction_owner() == Some(self.session.0))
    }

    /// Writes a snapshot and starts an empty log (`plenary compact`). A no-op
    /// for in-memory databases.
    pub fn checkpoint(&self) -> Result<()> {
        let Some(store) = &self.persist else {
            return Ok(());
        };
        let mut graph = self
            .inner
            .write()
            .map_err(|_| Error::runtime("Poisoned", "the database lock was poisoned by a panic"))?;
        if graph.transaction_owner().is_some() {
            return Err(Error::runtime(
                "TransactionAlreadyOpen",
                "cannot checkpoint while a transaction is open",
            ));
        }
        let mut store = store
            .lock()
            .map_err(|_| Error::runtime("Poisoned", "the store lock was poisoned by a panic"))?;
        store.checkpoint(&mut graph)
    }

    /// A one-paragraph description of the files, as `plenary check` prints
    /// it; `None` for in-memory databases.
    pub fn storage_report(&self) -> Option<String> {
        let store = self.persist.as_ref()?.lock().ok()?;
        let r = &store.report;
        Some(format!(
            "snapshot generation {} ({} bytes), log: {} records ({} bytes){}{}{}",
            r.generation,
            r.snapshot_bytes,
            r.records,
            r.log_bytes,
            if r.torn_bytes > 0 {
                format!(
                    ", a torn last record of {} bytes (an unfinished write, never acknowledged) {}",
                    r.torn_bytes,
                    if store.is_read_only() {
                        "ignored; the next writer drops it"
                    } else {
                        "dropped"
                    }
                )
            } else {
                String::new()
            },
            if r.stale_log {
                ", stale log from before the last checkpoint ignored"
            } else {
                ""
            },
            match r.migrated_records {
                Some(n) => format!(
                    ", a format version {} log of {n} records migrated (folded into the snapshot; the new log is version {})",
                    r.log_version,
                    persist::LOG_VERSION
                ),
                None => String::new(),
            }
        ))
    }

    /// Writes the whole graph as a Cypher script that `plenary run` (or
    /// Neo4j, Memgraph) loads into an equal graph.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// db.execute("CREATE (:A {x: date('2024-02-29')})-[:R {w: 1.5}]->(:B)").unwrap();
    /// let mut script = Vec::new();
    /// db.dump(&mut script).unwrap();
    /// let copy = plenary::Database::in_memory().unwrap();
    /// copy.execute_script(std::str::from_utf8(&script).unwrap()).unwrap();
    /// assert_eq!(copy.relationship_count(), 1);
    /// ```
    pub fn dump(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let graph = self
            .inner
            .read()
            .map_err(|_| std::io::Error::other("the database lock was poisoned"))?;
        persist::dump::write_cypher(&graph, out)
    }

    fn run_locked(
        &self,
        graph: &mut Graph,
        stmt: &crate::syntax::ast::Statement,
        params: &exec::Params,
        options: &Options,
    ) -> Result<QueryResult> {
        if let Some(owner) = graph.transaction_owner()
            && owner != self.session.0
        {
            return Err(Error::runtime(
                "TransactionInProgress",
                "another handle of this database has a transaction open (BEGIN without COMMIT)",
            ));
        }
        let r = exec::run_statement(graph, stmt, params, options, self.session.0)?;
        if graph.transaction_owner().is_none() {
            self.after_commit(graph);
        }
        Ok(r)
    }

    /// Checkpoints when the log has grown large. The statement is already
    /// durable, so a failure here is not the statement's: it is retried at
    /// the next commit.
    fn after_commit(&self, graph: &mut Graph) {
        if let Some(store) = &self.persist
            && let Ok(mut store) = store.lock()
            && store.wants_checkpoint()
        {
            let _ = store.checkpoint(graph);
        }
    }
}

/// The stricter of two optional limits.
fn tighter<T: Ord>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(std::cmp::min(a, b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `data/graph.snapshot` must be the encoding of what `data/graph.cypher`
    /// builds; `UPDATE_EXPECT=1 cargo test --lib bundled_snapshot` rewrites it.
    #[test]
    fn bundled_snapshot_is_current() {
        let db = Database::bundled_from_script().unwrap();
        let bytes = persist::snapshot_bytes(&db.inner.read().unwrap(), 0);
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/graph.snapshot");
            std::fs::write(path, &bytes).unwrap();
            return;
        }
        assert!(
            bytes == BUNDLED_SNAPSHOT,
            "data/graph.snapshot is stale (data/graph.cypher changed): run UPDATE_EXPECT=1 cargo test --lib bundled_snapshot"
        );
        // and the snapshot loads into the same graph
        let loaded = Database::bundled().unwrap();
        assert_eq!(
            persist::snapshot_bytes(&loaded.inner.read().unwrap(), 0),
            bytes
        );
    }

    #[test]
    fn database_is_send_sync() {
        fn check<T: Send + Sync + Clone>() {}
        check::<Database>();
    }

    #[test]
    fn a_panic_is_caught_and_rolled_back() {
        let db = Database::in_memory().unwrap();
        db.execute("CREATE (:A)").unwrap();
        let r: Result<()> = db.with_graph(|g| {
            g.create_node(&[], Vec::new());
            panic!("boom")
        });
        let e = r.unwrap_err();
        assert_eq!(e.code().as_str(), "InternalError");
        assert!(e.message().contains("boom"));
        assert_eq!(db.node_count(), 1);
        assert_eq!(
            db.query("MATCH (n) RETURN count(n)").unwrap().rows[0][0],
            Value::Int(1)
        );
    }
}
