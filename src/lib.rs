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
//! use plenary::Database;
//!
//! let db = Database::in_memory();
//! db.execute("CREATE (:Country {name: 'Syria', code: 'SY'})").unwrap();
//! let result = db.execute("MATCH (c:Country) RETURN c.code AS code").unwrap();
//! assert_eq!(result.columns, vec!["code"]);
//! assert_eq!(result.rows[0][0], plenary::Value::from("SY"));
//! ```
#![warn(missing_docs)]

mod db;
mod error;
mod exec;
pub mod output;
mod plan;
mod result;
pub mod script;
mod store;
mod syntax;
mod value;

pub use db::Database;
pub use error::{Code, Error, ErrorKind, Result, Span};
pub use result::{Node, Path, QueryResult, Relationship, Value};
pub use store::Stats;
pub use value::temporal::{DateTimeTz, Duration, TimeTz};
