//! Parsing: query text → [`ast::Statement`]. The only module that names pest.

pub mod ast;

use crate::error::{Error, Result};

/// Parses one statement.
pub fn parse(text: &str) -> Result<ast::Statement> {
    let _ = text;
    Err(Error::syntax("InvalidSyntax", "the parser is not written yet"))
}
