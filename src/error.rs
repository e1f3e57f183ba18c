//! The one error type of plenary.
//!
//! Every failure — a syntax error, an undefined variable, a type error at run
//! time, a violated constraint — is an [`Error`] with a [`ErrorKind`] (the
//! openCypher TCK error types, see `contracts.md`), a detail [`Code`] (the TCK
//! detail codes where one applies), a human message, and optionally the
//! [`Span`] of the query text it points at.
//!
//! Spans are byte offsets into the statement text; they become 1-based
//! line/column only when the error is rendered ([`Error::line_col`],
//! [`Error::render`]).

use std::fmt;

/// A byte range `[start, end)` in the query text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from byte offsets.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// This span moved `offset` bytes to the right (statement → file offsets).
    pub fn shifted(self, offset: usize) -> Span {
        Span {
            start: self.start + offset as u32,
            end: self.end + offset as u32,
        }
    }
}

/// The class of an error: the openCypher TCK error types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The text is not a well-formed query.
    SyntaxError,
    /// The query is well-formed but meaningless (undefined variable, …).
    SemanticError,
    /// A value of the wrong type at run time.
    TypeError,
    /// A function argument out of its domain.
    ArgumentError,
    /// A deleted entity was used.
    EntityNotFound,
    /// A schema constraint could not be created.
    ConstraintVerificationFailed,
    /// A write would violate a schema constraint.
    ConstraintValidationFailed,
    /// A procedure failed or does not exist.
    ProcedureError,
    /// A `$parameter` was not supplied.
    ParameterMissing,
    /// Integer overflow, division by zero.
    ArithmeticError,
    /// The query was cancelled or timed out.
    Cancelled,
    /// Reading or writing a file failed.
    IoError,
    /// Anything else.
    RuntimeError,
}

impl ErrorKind {
    /// The name used in the JSON contract.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::SemanticError => "SemanticError",
            ErrorKind::TypeError => "TypeError",
            ErrorKind::ArgumentError => "ArgumentError",
            ErrorKind::EntityNotFound => "EntityNotFound",
            ErrorKind::ConstraintVerificationFailed => "ConstraintVerificationFailed",
            ErrorKind::ConstraintValidationFailed => "ConstraintValidationFailed",
            ErrorKind::ProcedureError => "ProcedureError",
            ErrorKind::ParameterMissing => "ParameterMissing",
            ErrorKind::ArithmeticError => "ArithmeticError",
            ErrorKind::Cancelled | ErrorKind::IoError | ErrorKind::RuntimeError => "RuntimeError",
        }
    }

    /// Whether the error is raised before anything runs.
    pub fn is_compile_time(self) -> bool {
        matches!(
            self,
            ErrorKind::SyntaxError
                | ErrorKind::SemanticError
                | ErrorKind::ParameterMissing
                | ErrorKind::ProcedureError
        )
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The detail code of an error (TCK detail codes where one applies).
///
/// `Code::Other` carries a short CamelCase name for everything else.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Code {
    /// A known TCK detail code, e.g. `UndefinedVariable`, `InvalidArgumentType`.
    Tck(&'static str),
    /// A plenary-specific code.
    Other(&'static str),
}

impl Code {
    /// The code as written in the JSON contract.
    pub fn as_str(&self) -> &'static str {
        match self {
            Code::Tck(s) | Code::Other(s) => s,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error type of every fallible plenary operation.
///
/// Its fields live behind one box, so an `Error` is a pointer wide and a
/// `Result<Value>` barely larger than the value: the evaluator returns
/// millions of those per query, and moving an 80-byte error-shaped result
/// each time showed up in profiles.
#[derive(Clone, PartialEq)]
pub struct Error(Box<repr::Error>);

mod repr {
    use super::{Code, ErrorKind, Span};

    /// The fields of [`super::Error`].
    #[derive(Debug, Clone, PartialEq)]
    pub struct Error {
        pub kind: ErrorKind,
        pub code: Code,
        pub message: String,
        pub span: Option<Span>,
        /// Compile-time vs runtime, when it differs from the kind's default.
        pub compile_time: Option<bool>,
        /// The text the span points into, when known (set by `Database`).
        pub source: Option<std::sync::Arc<str>>,
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

const _: () = assert!(std::mem::size_of::<Error>() == 8);

/// `Result` with plenary's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A new error without a position.
    pub fn new(kind: ErrorKind, code: &'static str, message: impl Into<String>) -> Error {
        Error(Box::new(repr::Error {
            kind,
            code: Code::Tck(code),
            message: message.into(),
            span: None,
            compile_time: None,
            source: None,
        }))
    }

    /// Attach a position (keeps an existing one).
    pub fn at(mut self, span: Span) -> Error {
        if self.0.span.is_none() {
            self.0.span = Some(span);
        }
        self
    }

    /// Attach a position if one is given and none is set yet.
    pub fn at_opt(self, span: Option<Span>) -> Error {
        match span {
            Some(s) => self.at(s),
            None => self,
        }
    }

    /// Mark the phase explicitly (true = compile time).
    pub fn in_phase(mut self, compile_time: bool) -> Error {
        self.0.compile_time = Some(compile_time);
        self
    }

    /// Shift the span by `offset` bytes (statement-relative → file-relative).
    pub fn shifted(mut self, offset: usize) -> Error {
        self.0.span = self.0.span.map(|s| s.shifted(offset));
        self
    }

    /// The error class.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// The detail code.
    pub fn code(&self) -> &Code {
        &self.0.code
    }

    /// The human message.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The byte span in the query text, if the error has a position.
    pub fn span(&self) -> Option<Span> {
        self.0.span
    }

    /// Whether the error was raised before the query ran.
    pub fn is_compile_time(&self) -> bool {
        self.0
            .compile_time
            .unwrap_or_else(|| self.0.kind.is_compile_time())
    }

    /// 1-based line and column of the error's start in `source`.
    pub fn line_col(&self, source: &str) -> Option<(usize, usize)> {
        self.0.span.map(|s| line_col(source, s.start as usize))
    }

    /// The message with the offending line of `source` and a caret under the
    /// column, as shown in the REPL:
    ///
    /// ```text
    /// SyntaxError: expected a relationship pattern or ')' (1:18)
    ///   MATCH (a)-[:X]->(b RETURN a
    ///                      ^
    /// ```
    pub fn render(&self, source: &str, name: Option<&str>) -> String {
        let mut out = format!("{}: {}", self.0.kind, self.0.message);
        if let Some(span) = self.0.span {
            let (line, col) = line_col(source, span.start as usize);
            match name {
                Some(n) => out.push_str(&format!(" ({n}:{line}:{col})")),
                None => out.push_str(&format!(" ({line}:{col})")),
            }
            if let Some(text) = source.lines().nth(line - 1) {
                let prefix: String = text
                    .chars()
                    .take(col.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let len = (span.end.saturating_sub(span.start) as usize).clamp(1, 60);
                let len = len.min(text.chars().count().saturating_sub(col - 1).max(1));
                out.push_str(&format!("\n  {text}\n  {prefix}{}", "^".repeat(len)));
            }
        }
        out
    }
}

/// 1-based (line, column) of byte `offset` in `source`; columns count chars.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let mut line = 1;
    let mut line_start = 0;
    for (i, b) in source.bytes().enumerate() {
        if i >= offset {
            break;
        }
        if b == b'\n' {
            line += 1;
            line_start = i + 1;
        }
    }
    let prefix = source.get(line_start..offset).unwrap_or("");
    (line, prefix.chars().count() + 1)
}

impl Error {
    /// Attaches the text the error's span points into (the statement, or the
    /// whole script for [`Database::execute_script`](crate::Database::execute_script)).
    /// `Database` does this for every error it returns, so that
    /// [`position`](Error::position) and `Display` can show where it happened.
    ///
    /// ```
    /// let e = plenary::Error::syntax("InvalidSyntax", "oops").at(plenary::Span::new(4, 5));
    /// assert_eq!(e.with_source("abc\ndef").position(), Some((2, 1)));
    /// ```
    pub fn with_source(mut self, source: impl Into<std::sync::Arc<str>>) -> Error {
        self.0.source = Some(source.into());
        self
    }

    /// The query text the error points into, if known.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// let e = db.execute("RETURN x").unwrap_err();
    /// assert_eq!(e.source_text(), Some("RETURN x"));
    /// ```
    pub fn source_text(&self) -> Option<&str> {
        self.0.source.as_deref()
    }

    /// 1-based (line, column) of the error in its query text, when the error
    /// has both a span and a known source (every error returned by
    /// `Database::execute*` that points at the query does). Columns count
    /// characters, not bytes. See [`line_col`](Error::line_col) to resolve
    /// the span against a text of your own.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// let e = db.execute("MATCH (a)\nRETURN b").unwrap_err();
    /// assert_eq!(e.position(), Some((2, 8)));
    /// ```
    pub fn position(&self) -> Option<(usize, usize)> {
        self.line_col(self.0.source.as_deref()?)
    }
}

/// `Kind: message`; when the error has a position and its source is known,
/// followed by ` (line:column)`, the offending line and a caret under it
/// (the same text as [`Error::render`]).
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.0.source, self.0.span) {
            (Some(src), Some(_)) => f.write_str(&self.render(src, None)),
            _ => write!(f, "{}: {}", self.0.kind, self.0.message),
        }
    }
}

impl std::error::Error for Error {}

/// Short constructors used throughout the engine.
impl Error {
    /// `SyntaxError` with a detail code.
    pub fn syntax(code: &'static str, msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::SyntaxError, code, msg)
    }
    /// `SemanticError` with a detail code.
    pub fn semantic(code: &'static str, msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::SemanticError, code, msg)
    }
    /// `TypeError` with a detail code.
    pub fn type_error(code: &'static str, msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::TypeError, code, msg)
    }
    /// `ArgumentError` with a detail code.
    pub fn argument(code: &'static str, msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::ArgumentError, code, msg)
    }
    /// `ArithmeticError` with a detail code.
    pub fn arithmetic(code: &'static str, msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::ArithmeticError, code, msg)
    }
    /// `RuntimeError` with a detail code.
    pub fn runtime(code: &'static str, msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::RuntimeError, code, msg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars() {
        assert_eq!(line_col("abc", 0), (1, 1));
        assert_eq!(line_col("abc\ndef", 5), (2, 2));
        assert_eq!(line_col("é\nx", 3), (2, 1));
        assert_eq!(line_col("éa", 2), (1, 2));
    }

    #[test]
    fn render_has_caret() {
        let e = Error::syntax("InvalidSyntax", "expected ')'").at(Span::new(9, 10));
        let r = e.render("MATCH (a RETURN a", None);
        assert!(r.contains("(1:10)"), "{r}");
        assert!(r.ends_with("\n           ^"), "{r:?}");
    }
}
