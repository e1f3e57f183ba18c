//! `plenary mcp`: a Model Context Protocol server on stdio, so an LLM agent
//! can read (and, with `--allow-writes`, change) the graph.
//!
//! Built on the official Rust SDK ([`rmcp`]). The tools reuse what the shell
//! does — the schema of `:schema`, the provenance of `:why`, the "did you
//! mean" hints of a failed statement — and run every statement through the
//! library with a timeout and a row cap. Standard output carries only the
//! protocol; nothing else is printed there.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use plenary::output::{Format, TableOptions, value_to_json};
use plenary::{Database, FileAccess, Params, QueryOptions, QueryResult, StatementKind, Value};
use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{CallToolResult, ContentBlock, Implementation, ServerCapabilities, ServerConfig};
use rmcp::{ErrorData, ServerHandler, ServiceExt, schemars, tool, tool_handler, tool_router};
use serde::Deserialize;
use serde_json::{Value as Json, json};

use super::complete::{DbInfo, name_hints};
use super::{Failure, GraphArgs, inspect, open};

/// `plenary mcp` options.
#[derive(Debug, Clone, Args)]
pub struct McpArgs {
    /// Use a fresh, empty in-memory graph instead of the bundled one
    #[arg(long, conflicts_with = "db")]
    empty: bool,
    /// Serve a database file, created if missing
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Refuse statements that write (the default; kept for explicitness)
    #[arg(long, conflicts_with = "allow_writes")]
    read_only: bool,
    /// Let the `query` tool create, change and delete data
    #[arg(long)]
    allow_writes: bool,
    /// Stop any statement after this long
    #[arg(long, value_name = "DUR", value_parser = super::params::parse_duration, default_value = "30s")]
    timeout: Duration,
}

/// Rows the `query` tool returns unless asked for more, and at most.
const DEFAULT_ROWS: usize = 100;
const MAX_ROWS: usize = 10_000;
/// A statement producing more rows than this fails (it would not fit in a
/// model's context anyway).
const ENGINE_ROW_CAP: usize = 1_000_000;
/// `describe` stays below this many characters.
const DESCRIBE_BUDGET: usize = 12_000;

#[derive(Debug, Deserialize, schemars::JsonSchema)]
struct QueryRequest {
    /// The openCypher query, e.g. `MATCH (c:Country {code: $code}) RETURN c.name`.
    query: String,
    /// Values for the query's `$parameters`, as a JSON object.
    #[serde(default)]
    params: Option<serde_json::Map<String, Json>>,
    /// `json` (default: {columns, rows, ...}) or `table` (aligned text).
    #[serde(default)]
    format: Option<String>,
    /// Return at most this many rows (default 100, at most 10000); the
    /// answer says how many there were in all.
    #[serde(default)]
    max_rows: Option<usize>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
struct WhyRequest {
    /// A read-only query whose result holds the entities to explain, e.g.
    /// `MATCH (c:Country {code: 'RU'})-[v:VETOED]->(r) RETURN c, v, r`.
    query: String,
    /// Values for the query's `$parameters`, as a JSON object.
    #[serde(default)]
    params: Option<serde_json::Map<String, Json>>,
}

/// The MCP server: one database, its write policy and its timeout.
#[derive(Clone)]
pub struct Plenary {
    db: Database,
    writes: bool,
    timeout: Duration,
    #[allow(dead_code)] // read by the tool_handler macro
    tool_router: ToolRouter<Plenary>,
}

fn tool_error(text: impl Into<String>) -> CallToolResult {
    CallToolResult::error(vec![ContentBlock::text(text.into())])
}

fn text(t: impl Into<String>) -> CallToolResult {
    CallToolResult::success(vec![ContentBlock::text(t.into())])
}

fn params(p: Option<serde_json::Map<String, Json>>) -> Params {
    let mut out = Params::new();
    for (k, v) in p.unwrap_or_default() {
        out.insert(k, v);
    }
    out
}

fn backticked(name: &str) -> String {
    format!("`{}`", name.replace('`', "``"))
}

impl Plenary {
    fn new(db: Database, writes: bool, timeout: Duration) -> Plenary {
        Plenary {
            db,
            writes,
            timeout,
            tool_router: Plenary::tool_router(),
        }
    }

    /// Runs a statement off the async threads; a plenary error becomes the
    /// tool error text, with the shell's "did you mean" hints.
    async fn run(
        &self,
        query: String,
        params: Params,
        read_only: bool,
    ) -> Result<QueryResult, CallToolResult> {
        let db = self.db.clone();
        let timeout = self.timeout;
        let writes = self.writes && !read_only;
        tokio::task::spawn_blocking(move || {
            let kind = db.statement_kind(&query).map_err(|e| explain(&db, &query, &e))?;
            match kind {
                StatementKind::Transaction => {
                    return Err(tool_error(
                        "BEGIN, COMMIT and ROLLBACK are not available here: each call is one atomic statement",
                    ));
                }
                StatementKind::Read => {}
                _ if !writes => {
                    return Err(tool_error(if read_only {
                        "this tool only reads: use a query without CREATE, MERGE, SET, DELETE or REMOVE"
                    } else {
                        "the graph is read-only here: this statement would write (start `plenary mcp --allow-writes` to allow it)"
                    }));
                }
                _ => {}
            }
            let opts = QueryOptions::new().timeout(timeout).max_rows(ENGINE_ROW_CAP);
            db.execute_opts(&query, &params, &opts)
                .map_err(|e| explain(&db, &query, &e))
        })
        .await
        .unwrap_or_else(|e| Err(tool_error(format!("internal error: {e}"))))
    }

    fn describe_text(&self) -> Result<String, String> {
        let db = &self.db;
        let mut out = format!(
            "Graph: {} nodes, {} relationships. Query it with openCypher (Neo4j's dialect).\n",
            db.node_count(),
            db.relationship_count()
        );
        let q = |s: &str| db.query(s).map_err(|e| e.to_string());
        let labels = q(
            "CALL db.schema() YIELD kind, name, count WHERE kind = 'label' RETURN name, count ORDER BY count DESC",
        )?;
        out.push_str("\nNode labels (count) and properties (type, example):\n");
        for row in &labels.rows {
            let (Some(name), Some(count)) = (row[0].as_str(), row[1].as_int()) else {
                continue;
            };
            let sample = q(&format!(
                "MATCH (n:{}) WITH n LIMIT 50 RETURN n",
                backticked(name)
            ))?;
            let props = sample_properties(sample.rows.iter().filter_map(|r| match &r[0] {
                Value::Node(n) => Some(&n.properties),
                _ => None,
            }));
            let _ = writeln!(out, "  :{name} ({count}) {props}");
        }
        let pats = q(
            "MATCH (a)-[r]->(b) RETURN labels(a) AS from, type(r) AS type, labels(b) AS to, count(*) AS n ORDER BY n DESC",
        )?;
        out.push_str("\nRelationships (pattern, count) and properties:\n");
        let mut seen_types = std::collections::BTreeSet::new();
        for row in &pats.rows {
            let labels = |v: &Value| {
                v.as_list()
                    .map(|l| {
                        l.iter()
                            .filter_map(|x| x.as_str().map(|s| format!(":{s}")))
                            .collect::<String>()
                    })
                    .unwrap_or_default()
            };
            let (Some(t), Some(n)) = (row[1].as_str(), row[3].as_int()) else {
                continue;
            };
            let props = if seen_types.insert(t.to_string()) {
                let sample = q(&format!(
                    "MATCH ()-[r:{}]->() WITH r LIMIT 50 RETURN r",
                    backticked(t)
                ))?;
                sample_properties(sample.rows.iter().filter_map(|r| match &r[0] {
                    Value::Relationship(r) => Some(&r.properties),
                    _ => None,
                }))
            } else {
                "(as above)".to_string()
            };
            let _ = writeln!(
                out,
                "  ({})-[:{t}]->({}) {n} {props}",
                labels(&row[0]),
                labels(&row[2])
            );
            if out.len() > DESCRIBE_BUDGET {
                break;
            }
        }
        for (title, proc) in [("Indexes", "db.indexes"), ("Constraints", "db.constraints")] {
            let r = q(&format!(
                "CALL {proc}() YIELD name, label, property, type RETURN name, label, property, type"
            ))?;
            if !r.rows.is_empty() {
                let _ = writeln!(out, "\n{title}:");
                for row in &r.rows {
                    let s = |i: usize| row[i].as_str().unwrap_or_default().to_string();
                    let _ = writeln!(out, "  {} on :{}({}) {}", s(0), s(1), s(2), s(3));
                }
            }
        }
        if db.node_count() > 0
            && q("MATCH (s:Sentence) RETURN count(s) AS n")
                .is_ok_and(|r| r.rows[0][0].as_int().unwrap_or(0) > 0)
        {
            out.push_str(
                "\nProvenance: entities carry `sources`, ids of :Sentence (s.text) and :Document nodes; \
                 the `why` tool shows the sentences behind a query's result.\n",
            );
        }
        if out.len() > DESCRIBE_BUDGET {
            let mut cut = DESCRIBE_BUDGET;
            while !out.is_char_boundary(cut) {
                cut -= 1;
            }
            out.truncate(cut);
            out.push_str("\n… (cut: ask with CALL db.schema() for the rest)\n");
        }
        Ok(out)
    }
}

/// `key: Type e.g. example` for the properties of a sample of entities.
fn sample_properties<'a>(maps: impl Iterator<Item = &'a BTreeMap<String, Value>>) -> String {
    let mut keys: BTreeMap<&str, (&'static str, String)> = BTreeMap::new();
    for m in maps {
        for (k, v) in m {
            if v.is_null() {
                continue;
            }
            keys.entry(k.as_str())
                .or_insert_with(|| (v.type_name(), example(v)));
        }
    }
    if keys.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = keys
        .into_iter()
        .map(|(k, (t, e))| format!("{k}: {t} e.g. {e}"))
        .collect();
    format!("— {}", parts.join("; "))
}

/// A short literal for an example value.
fn example(v: &Value) -> String {
    let s = match v {
        Value::List(l) if l.len() > 3 => {
            let head: Vec<String> = l.iter().take(3).map(|x| x.to_string()).collect();
            format!("[{}, … {} items]", head.join(", "), l.len())
        }
        other => other.to_string(),
    };
    if s.chars().count() > 40 {
        let cut: String = s.chars().take(37).collect();
        format!("{cut}…")
    } else {
        s
    }
}

/// A failed statement as tool error text: the error with its position and
/// line, then the shell's hints (unknown labels, types, keys, clauses).
fn explain(db: &Database, query: &str, e: &plenary::Error) -> CallToolResult {
    let mut msg = e.to_string();
    for hint in name_hints(query, &DbInfo::new(db.clone())) {
        let _ = write!(msg, "\nhint: {hint}");
    }
    tool_error(msg)
}

fn as_json(r: &QueryResult, shown: usize, hints: &[String]) -> String {
    let rows: Vec<Json> = r
        .rows
        .iter()
        .take(shown)
        .map(|row| Json::Array(row.iter().map(value_to_json).collect()))
        .collect();
    let mut out = json!({
        "columns": r.columns,
        "rows": rows,
        "row_count": r.rows.len(),
    });
    if r.rows.len() > shown {
        out["truncated"] = json!(format!(
            "{} of {} rows shown; add LIMIT or raise max_rows",
            shown,
            r.rows.len()
        ));
    }
    let stats: serde_json::Map<String, Json> = r
        .stats
        .pairs()
        .into_iter()
        .map(|(k, v)| (k.to_string(), json!(v)))
        .collect();
    if !stats.is_empty() {
        out["stats"] = Json::Object(stats);
    }
    if !hints.is_empty() {
        out["hints"] = json!(hints);
    }
    out.to_string()
}

fn as_table(r: &QueryResult, shown: usize) -> String {
    let mut buf = Vec::new();
    let opts = TableOptions {
        max_rows: Some(shown),
        ..TableOptions::default()
    };
    let _ = plenary::output::write_result(&mut buf, r, Format::Table, &opts);
    String::from_utf8_lossy(&buf).into_owned()
}

#[tool_router]
impl Plenary {
    #[tool(
        description = "Describe the graph: node labels with counts, relationship patterns (:A)-[:TYPE]->(:B) with counts, property names with their types and an example value, indexes and constraints. Call this first to learn what to query."
    )]
    async fn describe(&self) -> Result<CallToolResult, ErrorData> {
        let me = self.clone();
        let r = tokio::task::spawn_blocking(move || me.describe_text())
            .await
            .unwrap_or_else(|e| Err(format!("internal error: {e}")));
        Ok(match r {
            Ok(t) => text(t),
            Err(e) => tool_error(e),
        })
    }

    #[tool(
        description = "Run one openCypher statement (Neo4j's dialect: MATCH, WHERE, RETURN, WITH, ORDER BY, LIMIT, aggregations, OPTIONAL MATCH, UNWIND, CALL procedures). Pass values as $parameters in `params`. Returns JSON {columns, rows, row_count} (or a text table with format: table). Read-only unless the server was started with --allow-writes. Errors come back with the position and a 'did you mean' hint for unknown labels, types and properties."
    )]
    async fn query(
        &self,
        Parameters(req): Parameters<QueryRequest>,
    ) -> Result<CallToolResult, ErrorData> {
        let shown = req.max_rows.unwrap_or(DEFAULT_ROWS).min(MAX_ROWS);
        let table = match req.format.as_deref() {
            None | Some("json") => false,
            Some("table") => true,
            Some(other) => {
                return Ok(tool_error(format!(
                    "unknown format '{other}': use json or table"
                )));
            }
        };
        Ok(match self.run(req.query, params(req.params), false).await {
            Ok(r) if table => text(as_table(&r, shown)),
            Ok(r) => {
                // Names the graph has never had, with "did you mean".
                let hints: Vec<String> = r
                    .notifications()
                    .iter()
                    .map(|n| n.description.clone())
                    .collect();
                text(as_json(&r, shown, &hints))
            }
            Err(e) => e,
        })
    }

    #[tool(
        description = "Explain where facts come from: runs a read-only query and returns, for every node and relationship in its result that has `sources`, the sentences of the source article (and outside documents) it was taken from."
    )]
    async fn why(
        &self,
        Parameters(req): Parameters<WhyRequest>,
    ) -> Result<CallToolResult, ErrorData> {
        let r = match self.run(req.query, params(req.params), true).await {
            Ok(r) => r,
            Err(e) => return Ok(e),
        };
        let db = self.db.clone();
        let out = tokio::task::spawn_blocking(move || inspect::why(&db, Some(&r)))
            .await
            .unwrap_or_else(|e| Err(format!("internal error: {e}")));
        Ok(match out {
            Ok(t) => text(t),
            Err(e) => tool_error(e),
        })
    }
}

#[tool_handler]
impl ServerHandler for Plenary {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("plenary", env!("CARGO_PKG_VERSION")))
            .with_instructions(format!(
                "plenary is a property-graph database queried with openCypher. Start with `describe`, then `query`; \
                 `why` shows the source sentences behind entities. {}",
                if self.writes {
                    "Writes are allowed."
                } else {
                    "The graph is read-only."
                }
            ))
    }
}

/// Runs the MCP server on stdin/stdout until the client closes it.
pub fn mcp(args: McpArgs) -> Result<ExitCode, Failure> {
    let mut db = open(&GraphArgs {
        empty: args.empty,
        db: args.db.clone(),
        read_only: false,
    })?;
    // An agent's query reads no files from this machine.
    db.set_file_access(FileAccess::Denied);
    let server = Plenary::new(db, args.allow_writes, args.timeout);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .map_err(Failure::Io)?;
    runtime
        .block_on(async move {
            let service = server
                .serve(rmcp::transport::stdio())
                .await
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            service
                .waiting()
                .await
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            Ok::<(), std::io::Error>(())
        })
        .map_err(Failure::Io)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_is_bounded_and_names_what_is_there() {
        let p = Plenary::new(Database::bundled().unwrap(), false, Duration::from_secs(10));
        let d = p.describe_text().unwrap();
        assert!(d.contains(":Country ("), "{d}");
        assert!(d.contains("code: String e.g. "), "{d}");
        assert!(d.contains("(:Country)-[:"), "{d}");
        assert!(d.contains("Provenance"), "{d}");
        assert!(d.len() <= DESCRIBE_BUDGET + 100);
    }

    #[test]
    fn examples_are_short() {
        let long = Value::String("x".repeat(100));
        assert_eq!(example(&long).chars().count(), 38);
        let list = Value::List((1..10).map(Value::Int).collect());
        assert_eq!(example(&list), "[1, 2, 3, … 9 items]");
    }
}
