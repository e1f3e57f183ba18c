//! The library facade: [`Database`].
//!
//! A `Database` owns one graph behind an `Arc<RwLock<…>>`: cloning it is
//! cheap and every clone sees the same graph; reads run in parallel, writes
//! are serialized. Each statement is atomic: it runs against a savepoint and
//! a failure rolls the graph back to it.

use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

use crate::error::{Error, Result};
use crate::exec::{self, Options};
use crate::result::{QueryResult, Value};
use crate::store::Graph;

/// The bundled graph's script.
const BUNDLED_GRAPH: &str = include_str!("../data/graph.cypher");

/// Query parameters by name (`$name` in the query).
pub type Params = BTreeMap<String, Value>;

/// An embedded graph database.
#[derive(Clone, Default)]
pub struct Database {
    inner: Arc<RwLock<Graph>>,
    options: Options,
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
        exec::run(&mut graph, query, &params, &self.options)
    }
}
