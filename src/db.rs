//! The library facade: [`Database`].
//!
//! A `Database` owns one graph behind an `Arc<RwLock<…>>`: cloning it is
//! cheap and every clone sees the same graph; reads run in parallel, writes
//! are serialized. Each statement is atomic: it runs against a savepoint and
//! a failure rolls the graph back to it.
//!
//! A database opened from a file ([`Database::open`]) is durable: a
//! statement that returns `Ok` has reached the disk (see the format and
//! commit protocol in `store::persist`). Statements between Cypher `BEGIN`
//! and `COMMIT`, or inside [`Database::transaction`], commit together.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use crate::error::{Error, Result};
use crate::exec::{self, Options};
use crate::result::{QueryResult, Value};
use crate::store::Graph;
use crate::store::persist::{self, Store};

/// The bundled graph's script.
const BUNDLED_GRAPH: &str = include_str!("../data/graph.cypher");

/// Query parameters by name (`$name` in the query).
pub type Params = BTreeMap<String, Value>;

/// An embedded graph database.
#[derive(Clone, Default)]
pub struct Database {
    inner: Arc<RwLock<Graph>>,
    options: Options,
    persist: Option<Arc<Mutex<Store>>>,
    session: Session,
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database").finish_non_exhaustive()
    }
}

impl Database {
    /// A new, empty, in-memory database.
    ///
    /// ```
    /// let db = plenary::Database::in_memory();
    /// let r = db.execute("RETURN 1 + 1 AS two").unwrap();
    /// assert_eq!(r.rows, vec![vec![plenary::Value::Int(2)]]);
    /// ```
    pub fn in_memory() -> Database {
        Database::default()
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
        let db = Database::in_memory();
        db.execute_script(BUNDLED_GRAPH)?;
        Ok(db)
    }

    /// Runs every statement of a script in order (statements separated by
    /// `;`), stopping at the first failure. Error positions are relative to
    /// the whole script.
    ///
    /// ```
    /// let db = plenary::Database::in_memory();
    /// let results = db.execute_script("CREATE (:A); CREATE (:B); MATCH (n) RETURN count(n) AS n").unwrap();
    /// assert_eq!(results[2].rows[0][0], plenary::Value::Int(2));
    /// ```
    pub fn execute_script(&self, script: &str) -> Result<Vec<QueryResult>> {
        let mut out = Vec::new();
        for stmt in crate::script::split(script) {
            out.push(
                self.execute(stmt.text)
                    .map_err(|e| e.shifted(stmt.offset))?,
            );
        }
        Ok(out)
    }

    /// Turns the plan rewrite passes on or off (on by default). Answers do
    /// not depend on it; the test-suite runs every case both ways.
    pub fn set_optimize(&mut self, on: bool) {
        self.options.optimize = on;
    }

    /// The number of nodes in the graph.
    ///
    /// ```
    /// let db = plenary::Database::in_memory();
    /// db.execute("CREATE (), ()").unwrap();
    /// assert_eq!(db.node_count(), 2);
    /// ```
    pub fn node_count(&self) -> usize {
        self.inner.read().map_or(0, |g| g.node_count())
    }

    /// The number of relationships in the graph.
    ///
    /// ```
    /// let db = plenary::Database::in_memory();
    /// db.execute("CREATE ()-[:R]->()").unwrap();
    /// assert_eq!(db.relationship_count(), 1);
    /// ```
    pub fn relationship_count(&self) -> usize {
        self.inner.read().map_or(0, |g| g.rel_count())
    }

    /// Runs one statement (a trailing `;` is allowed).
    pub fn execute(&self, query: &str) -> Result<QueryResult> {
        self.execute_with(query, &Params::new())
    }

    /// Runs one statement with parameters.
    ///
    /// ```
    /// use plenary::{Database, Value};
    /// let db = Database::in_memory();
    /// let mut params = std::collections::BTreeMap::new();
    /// params.insert("x".to_string(), Value::Int(20));
    /// let r = db.execute_with("RETURN $x + 1 AS y", &params).unwrap();
    /// assert_eq!(r.rows[0][0], Value::Int(21));
    /// ```
    pub fn execute_with(&self, query: &str, params: &Params) -> Result<QueryResult> {
        let params: exec::Params = params
            .iter()
            .map(|(k, v)| (k.clone(), v.to_engine()))
            .collect();
        let mut graph = self
            .inner
            .write()
            .map_err(|_| Error::runtime("Poisoned", "the database lock was poisoned by a panic"))?;
        self.run_locked(&mut graph, query, &params)
    }
}

// ---- persistence and transactions ------------------------------------------
// (one block on purpose: the query API above is extended in parallel)

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
            .map(|(k, v)| (k.clone(), v.to_engine()))
            .collect();
        exec::run_session(
            self.graph,
            query,
            &params,
            &self.db.options,
            self.db.session.0,
        )
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
        })
    }

    /// Runs `f` in a transaction: every statement it executes commits
    /// together (durably, once) when it returns `Ok`, or not at all when it
    /// returns `Err` or a statement fails. Other handles wait meanwhile.
    ///
    /// ```
    /// let db = plenary::Database::in_memory();
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
            "snapshot generation {} ({} bytes), log: {} records ({} bytes){}{}",
            r.generation,
            r.snapshot_bytes,
            r.records,
            r.log_bytes,
            if r.torn_bytes > 0 {
                format!(", a torn last record of {} bytes dropped", r.torn_bytes)
            } else {
                String::new()
            },
            if r.stale_log {
                ", stale log from before the last checkpoint ignored"
            } else {
                ""
            }
        ))
    }

    /// Writes the whole graph as a Cypher script that `plenary run` (or
    /// Neo4j, Memgraph) loads into an equal graph.
    ///
    /// ```
    /// let db = plenary::Database::in_memory();
    /// db.execute("CREATE (:A {x: date('2024-02-29')})-[:R {w: 1.5}]->(:B)").unwrap();
    /// let mut script = Vec::new();
    /// db.dump(&mut script).unwrap();
    /// let copy = plenary::Database::in_memory();
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
        query: &str,
        params: &exec::Params,
    ) -> Result<QueryResult> {
        if let Some(owner) = graph.transaction_owner()
            && owner != self.session.0
        {
            return Err(Error::runtime(
                "TransactionInProgress",
                "another handle of this database has a transaction open (BEGIN without COMMIT)",
            ));
        }
        let r = exec::run_session(graph, query, params, &self.options, self.session.0)?;
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
