//! # plenary — an embedded property-graph database with openCypher
//!
//! plenary keeps a property graph in memory (and, optionally, in a database
//! file) and answers openCypher queries over it, from Rust, from scripts and
//! from an interactive shell.
//!
//! ```text
//! text ──syntax──▶ AST ──plan::bind──▶ logical plan ──plan::optimize──▶ plan
//!      ──exec──▶ physical operators ──▶ rows ──result──▶ QueryResult
//! ```
//!
//! ```
//! use plenary::{Database, params};
//!
//! # fn main() -> Result<(), plenary::Error> {
//! let db = Database::in_memory()?;
//! db.execute("CREATE (:Country {name: 'Syria', code: 'SY'})")?;
//! let result = db.query_with(
//!     "MATCH (c:Country {code: $code}) RETURN c.name AS name",
//!     params! {"code" => "SY"},
//! )?;
//! assert_eq!(result.columns, vec!["name"]);
//! for row in &result {
//!     let name: String = row.get("name")?;
//!     assert_eq!(name, "Syria");
//! }
//! # Ok(())
//! # }
//! ```
//!
//! ## A tour
//!
//! - **Opening**: [`Database::in_memory`], [`Database::bundled`] (the UN
//!   resolution knowledge graph). A `Database` is `Send + Sync` and cheap to
//!   clone; statements are atomic and serialized (see [`Database`]).
//! - **Running**: [`Database::query`] / [`Database::execute`],
//!   [`Database::query_with`] with [`Params`] (the [`params!`] macro accepts
//!   any `serde::Serialize` value), [`Database::execute_script`].
//! - **Reading results**: a [`QueryResult`] has `columns`, `rows` of
//!   [`Value`]s and `stats`; [`Row::get`] converts one column to a Rust type,
//!   [`QueryResult::deserialize`] turns rows into your structs; nodes,
//!   relationships and paths stay usable after the query ([`Node`],
//!   [`Relationship`], [`Path`]). [`to_value`] / [`from_value`] convert
//!   between serde types and [`Value`].
//! - **Errors**: one [`Error`] type with [`kind`](Error::kind),
//!   [`code`](Error::code), [`message`](Error::message) and
//!   [`position`](Error::position); its `Display` shows the offending line
//!   with a caret. Bad queries and bad data are errors, never panics.
//! - **Untrusted queries**: timeouts and row limits per database handle
//!   ([`Database::set_timeout`], [`Database::set_max_rows`]) or per statement
//!   ([`QueryOptions`], [`Database::execute_opts`]), cancellation from
//!   another thread ([`CancelHandle`]), and confined or disabled file access
//!   for `LOAD CSV` ([`FileAccess`]).
//! - **Loading data fast**: [`Database::bulk`] writes many nodes and
//!   relationships in one atomic step, without parsing a statement per item.
#![warn(missing_docs)]

mod algo;
mod bulk;
mod db;
mod de;
mod error;
mod exec;
mod notify;
mod options;
pub mod output;
mod params;
mod plan;
mod result;
mod row;
pub mod script;
mod ser;
#[cfg(feature = "server")]
pub mod server;
mod store;
mod syntax;
mod value;

/// The Neo4j version whose Cypher and protocol plenary follows, as
/// `dbms.components()` and the Bolt server report it to drivers and tools.
pub const NEO4J_COMPATIBLE_VERSION: &str = "5.26.0";

pub use bulk::{Bulk, BulkNode, BulkResult, Endpoint};
pub use db::{Database, StatementKind};
pub use de::from_value;
pub use error::{Code, Error, ErrorKind, Result, Span};
pub use exec::memory::{default_budget as default_memory_budget, human_bytes, parse_bytes};
pub use notify::{Notification, did_you_mean, edit_distance};
pub use options::{CancelHandle, FileAccess, QueryOptions};
pub use params::Params;
pub use plan::grouping::Layouts;
pub use result::{Node, Path, QueryResult, Relationship, Value};
pub use row::{ColumnIndex, Row, Rows};
pub use ser::to_value;
pub use store::Stats;
pub use store::persist::Recovery;
pub use value::temporal::{DateTimeTz, Duration, TimeTz};
