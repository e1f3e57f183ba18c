//! A cache of parsed statements, keyed by their exact text, shared by every
//! clone of a `Database`. A parsed statement depends on nothing but its
//! text, so an entry is never stale; applications that run the same
//! statements again and again (with different parameters) skip the parser
//! after the first time. Failures are not cached.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::ast::Statement;
use crate::error::Result;

/// At most this many statements are kept; when full, the cache starts over.
const CAPACITY: usize = 256;

/// Texts longer than this are parsed every time (scripts that load data
/// are rarely repeated and would only crowd the cache).
const MAX_TEXT: usize = 4096;

/// Parsed statements by text.
#[derive(Debug, Default)]
pub struct ParseCache {
    map: Mutex<HashMap<Box<str>, Arc<Statement>>>,
}

impl ParseCache {
    /// The statement `text` parses to, from the cache when it was parsed before.
    pub fn parse(&self, text: &str) -> Result<Arc<Statement>> {
        if text.len() > MAX_TEXT {
            return super::parse(text).map(Arc::new);
        }
        if let Some(s) = self.map.lock().ok().and_then(|m| m.get(text).cloned()) {
            return Ok(s);
        }
        let stmt = Arc::new(super::parse(text)?);
        if let Ok(mut m) = self.map.lock() {
            if m.len() >= CAPACITY {
                m.clear();
            }
            m.insert(text.into(), stmt.clone());
        }
        Ok(stmt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_return_the_same_statement_and_errors_are_not_kept() {
        let c = ParseCache::default();
        let a = c.parse("RETURN 1 AS x").unwrap();
        let b = c.parse("RETURN 1 AS x").unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert!(c.parse("RETURN (").is_err());
        assert_eq!(c.map.lock().unwrap().len(), 1);
        for i in 0..CAPACITY + 1 {
            c.parse(&format!("RETURN {i} AS x")).unwrap();
        }
        assert!(c.map.lock().unwrap().len() <= CAPACITY);
    }
}
