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

    /// Turns the plan rewrite passes on or off (on by default). Answers do
    /// not depend on it; the test-suite runs every case both ways.
    pub fn set_optimize(&mut self, on: bool) {
        self.options.optimize = on;
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
