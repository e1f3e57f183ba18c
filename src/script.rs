//! Splitting a script into statements.
