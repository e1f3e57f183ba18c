//! Execution: logical plan → rows.

use std::collections::HashMap;

use crate::error::Result;
use crate::result::QueryResult;
use crate::store::Graph;
use crate::value::Value;

/// Parameters as engine values.
pub type Params = HashMap<String, Value>;

/// Execution options.
#[derive(Debug, Clone)]
pub struct Options {
    /// Run the plan rewrite passes.
    pub optimize: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options { optimize: true }
    }
}

/// Parses, plans and runs one statement atomically.
pub fn run(graph: &mut Graph, text: &str, params: &Params, options: &Options) -> Result<QueryResult> {
    let _stmt = crate::syntax::parse(text)?;
    let _ = (graph, params, options);
    Ok(QueryResult::default())
}
