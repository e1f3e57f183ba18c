//! Limits for running untrusted queries: [`QueryOptions`] (per statement),
//! [`CancelHandle`] (stop a running statement from another thread) and
//! [`FileAccess`] (what `LOAD CSV` may read).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// A flag another thread can raise to stop a running statement.
///
/// Cloning shares the flag. Pass it in [`QueryOptions::cancel`]; when it
/// is raised the statement stops within a few thousand rows of work with an
/// error of kind [`ErrorKind::Cancelled`](crate::ErrorKind::Cancelled) and
/// changes nothing (statements are atomic). The flag stays raised — every
/// later statement given this handle fails at once — until
/// [`reset`](CancelHandle::reset).
///
/// ```
/// use plenary::{CancelHandle, Database, ErrorKind, QueryOptions};
/// let db = Database::in_memory().unwrap();
/// let cancel = CancelHandle::new();
/// let opts = QueryOptions::new().cancel(&cancel);
/// cancel.cancel();
/// let e = db.execute_opts("UNWIND range(1, 100000) AS x RETURN count(x)", plenary::params! {}, &opts).unwrap_err();
/// assert_eq!(e.kind(), ErrorKind::Cancelled);
/// cancel.reset();
/// assert!(db.execute_opts("RETURN 1", plenary::params! {}, &opts).is_ok());
/// ```
#[derive(Debug, Clone, Default)]
pub struct CancelHandle(Arc<AtomicBool>);

impl CancelHandle {
    /// A new, lowered flag.
    ///
    /// ```
    /// assert!(!plenary::CancelHandle::new().is_cancelled());
    /// ```
    pub fn new() -> CancelHandle {
        CancelHandle::default()
    }

    /// Raises the flag: statements running with this handle stop.
    ///
    /// ```
    /// let c = plenary::CancelHandle::new();
    /// c.clone().cancel();
    /// assert!(c.is_cancelled());
    /// ```
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether the flag is raised.
    ///
    /// ```
    /// assert!(!plenary::CancelHandle::new().is_cancelled());
    /// ```
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// Lowers the flag again.
    ///
    /// ```
    /// let c = plenary::CancelHandle::new();
    /// c.cancel();
    /// c.reset();
    /// assert!(!c.is_cancelled());
    /// ```
    pub fn reset(&self) {
        self.0.store(false, Ordering::Relaxed);
    }

    pub(crate) fn flag(&self) -> Arc<AtomicBool> {
        self.0.clone()
    }
}

/// Limits for one statement, for [`Database::execute_opts`](crate::Database::execute_opts).
/// They tighten (never loosen) the database's own limits
/// ([`Database::set_timeout`](crate::Database::set_timeout),
/// [`Database::set_max_rows`](crate::Database::set_max_rows)).
///
/// ```
/// use std::time::Duration;
/// let opts = plenary::QueryOptions::new().timeout(Duration::from_secs(2)).max_rows(1000);
/// assert_eq!(opts.max_rows, Some(1000));
/// ```
#[derive(Debug, Clone, Default)]
pub struct QueryOptions {
    /// Stop the statement (error kind `Cancelled`, code `Timeout`) after this long.
    pub timeout: Option<Duration>,
    /// Fail the statement (code `RowLimitExceeded`) if it returns more rows.
    pub max_rows: Option<usize>,
    /// Fail the statement (code `MemoryLimitExceeded`) when it holds more
    /// bytes than this (see [`Database::set_max_memory`](crate::Database::set_max_memory)).
    pub max_memory: Option<usize>,
    /// Stop the statement when this handle is cancelled.
    pub cancel: Option<CancelHandle>,
}

impl QueryOptions {
    /// No limits.
    ///
    /// ```
    /// assert!(plenary::QueryOptions::new().timeout.is_none());
    /// ```
    pub fn new() -> QueryOptions {
        QueryOptions::default()
    }

    /// Sets the time limit.
    ///
    /// ```
    /// let o = plenary::QueryOptions::new().timeout(std::time::Duration::from_millis(50));
    /// assert!(o.timeout.is_some());
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> QueryOptions {
        self.timeout = Some(timeout);
        self
    }

    /// Sets the row limit.
    ///
    /// ```
    /// assert_eq!(plenary::QueryOptions::new().max_rows(10).max_rows, Some(10));
    /// ```
    pub fn max_rows(mut self, max_rows: usize) -> QueryOptions {
        self.max_rows = Some(max_rows);
        self
    }

    /// Sets the memory budget, in bytes.
    ///
    /// ```
    /// use plenary::{Database, QueryOptions};
    /// let db = Database::in_memory().unwrap();
    /// let small = QueryOptions::new().max_memory(64 << 10);
    /// let e = db
    ///     .execute_opts("RETURN size(reduce(s = '', x IN range(1, 100) | s + s + 'x')) AS n", plenary::Params::new(), &small)
    ///     .unwrap_err();
    /// assert_eq!(e.code().as_str(), "MemoryLimitExceeded");
    /// ```
    pub fn max_memory(mut self, bytes: usize) -> QueryOptions {
        self.max_memory = Some(bytes);
        self
    }

    /// Sets the cancellation handle (the flag is shared with `handle`).
    ///
    /// ```
    /// let h = plenary::CancelHandle::new();
    /// assert!(plenary::QueryOptions::new().cancel(&h).cancel.is_some());
    /// ```
    pub fn cancel(mut self, handle: &CancelHandle) -> QueryOptions {
        self.cancel = Some(handle.clone());
        self
    }
}

/// Which files `LOAD CSV` (and any later file-reading feature) may read,
/// set with [`Database::set_file_access`](crate::Database::set_file_access).
///
/// ```
/// use plenary::{Database, ErrorKind, FileAccess};
/// let mut db = Database::in_memory().unwrap();
/// db.set_file_access(FileAccess::Denied);
/// let e = db.query("LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l").unwrap_err();
/// assert_eq!(e.code().as_str(), "FileAccessDenied");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum FileAccess {
    /// Any file the process can read (the default).
    #[default]
    Any,
    /// Only files below this directory (after resolving `..` and symbolic
    /// links); relative paths in queries are resolved against it.
    Under(PathBuf),
    /// No files at all.
    Denied,
}
