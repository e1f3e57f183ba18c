//! The library facade: [`Database`].
//!
//! A `Database` owns one graph behind an `Arc<RwLock<…>>`: cloning it is
//! cheap and every clone sees the same graph. Each statement is atomic: it
//! runs against a savepoint and a failure rolls the graph back to it.
//!
//! Every statement takes the write lock, reads included: `exec::run` needs
//! `&mut Graph` (the binder interns names, the statement's savepoint lives
//! in the undo log), so statements are serialized; only the counters
//! (`node_count`, …) read under the read lock. See `Database`'s docs.

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use crate::error::{Error, Result};
use crate::exec::{self, Options};
use crate::options::{FileAccess, QueryOptions};
use crate::params::Params;
use crate::result::{QueryResult, Value};
use crate::store::Graph;

/// The bundled graph's script.
const BUNDLED_GRAPH: &str = include_str!("../data/graph.cypher");

/// An embedded graph database.
///
/// `Database` is `Send + Sync` and cheap to clone (an `Arc` inside): hand a
/// clone to every thread or request. All clones share one graph, but
/// options set on a clone ([`set_timeout`](Database::set_timeout),
/// [`set_max_rows`](Database::set_max_rows),
/// [`set_file_access`](Database::set_file_access), …) apply to that clone
/// only, so a server can keep a restricted handle for untrusted queries.
///
/// **Concurrency.** Statements are serialized: each one holds the graph's
/// write lock while it runs, even a read-only `MATCH`, because compiling a
/// statement interns names into the graph and every statement runs inside
/// an undo-log savepoint. A statement therefore always sees a consistent
/// graph — every earlier statement completely, no later one at all — and
/// never waits for more than the statements queued before it. Bound long
/// statements with a timeout so they cannot starve the others.
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
    /// The row limit of every statement run through this handle.
    max_rows: Option<usize>,
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
    /// (see `data/README.md`). Compiled into the library.
    ///
    /// ```
    /// let db = plenary::Database::bundled().unwrap();
    /// let r = db.execute("MATCH (c:Country {code: 'RU'}) RETURN c.name AS name").unwrap();
    /// assert_eq!(r.rows[0][0], plenary::Value::from("Russia"));
    /// ```
    pub fn bundled() -> Result<Database> {
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
    /// The limit is checked once the statement has produced its rows, so
    /// pair it with a timeout to bound the work too. A statement that
    /// *writes* and returns too many rows has already been committed when
    /// the limit is checked; the error message then says so.
    ///
    /// ```
    /// let mut db = plenary::Database::in_memory().unwrap();
    /// db.set_max_rows(Some(10));
    /// assert!(db.query("UNWIND range(1, 10) AS x RETURN x").is_ok());
    /// let e = db.query("UNWIND range(1, 11) AS x RETURN x").unwrap_err();
    /// assert_eq!(e.code().as_str(), "RowLimitExceeded");
    /// ```
    pub fn set_max_rows(&mut self, max_rows: Option<usize>) {
        self.max_rows = max_rows;
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
        let mut max_rows = self.max_rows;
        if let Some(o) = extra {
            options.timeout = tighter(options.timeout, o.timeout);
            max_rows = tighter(max_rows, o.max_rows);
            if let Some(c) = &o.cancel {
                options.cancel = Some(c.flag());
            }
        }
        let result = self
            .with_graph(|graph| exec::run(graph, query, &params, &options))
            .map_err(|e| e.with_source(query))?;
        if let Some(max) = max_rows
            && result.rows.len() > max
        {
            let committed = if result.stats.is_empty() {
                ""
            } else {
                "; the statement's changes were committed before the limit was checked"
            };
            return Err(Error::runtime(
                "RowLimitExceeded",
                format!(
                    "the query returned {} rows, more than the limit of {max}{committed}",
                    result.rows.len()
                ),
            ));
        }
        Ok(result)
    }

    /// Runs `f` on the graph under the write lock. A panic inside `f` is
    /// caught: everything `f` did is rolled back and an `InternalError` is
    /// returned, so the lock is never poisoned by the engine.
    pub(crate) fn with_graph<T>(&self, f: impl FnOnce(&mut Graph) -> Result<T>) -> Result<T> {
        let mut guard = self
            .inner
            .write()
            .map_err(|_| Error::runtime("Poisoned", "the database lock was poisoned by a panic"))?;
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
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".to_string());
                Err(Error::runtime(
                    "InternalError",
                    format!(
                        "internal error ({what}); the statement was rolled back and the database is unchanged — please report this query"
                    ),
                ))
            }
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
