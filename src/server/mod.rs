//! The Bolt server behind `plenary serve` (cargo feature `server`).
//!
//! Every Neo4j driver (Python, JavaScript, Java, Go, .NET) and every tool
//! built on one connects to a [`Server`] unchanged, over `bolt://` or
//! `neo4j://`: the same code later runs against a Neo4j or Memgraph cluster
//! by changing the URI.
//!
//! ```no_run
//! use plenary::server::Server;
//! let db = plenary::Database::bundled()?;
//! let server = Server::new(db).bind("127.0.0.1:7687").start()?;
//! println!("listening on bolt://{}", server.local_addr());
//! server.wait()?;
//! # Ok::<(), plenary::Error>(())
//! ```
//!
//! **Layers.** [`boltr`] speaks the protocol: the handshake, chunking,
//! PackStream, the message set of Bolt 5.1–5.4 and the connection state
//! machine (FAILURE, then IGNORED until RESET). This module is the backend
//! it calls: sessions, transactions and results mapped onto the library,
//! values and errors translated in [`convert`](self) — no query logic of its
//! own. boltr runs on tokio; a program that only embeds the library builds
//! without either (`default-features = false`).
//!
//! **Concurrency.** Readers run in parallel and one writer at a time, as in
//! the library, with one addition: an explicit write transaction
//! (`BEGIN` … `COMMIT`) holds the server's writer slot from `BEGIN` to its
//! end, and other sessions' statements wait for it (up to the lock wait,
//! then `Neo.TransientError.Transaction.LockAcquisitionTimeout`, which the
//! drivers' managed transactions retry). A read transaction holds a reader
//! slot, so it sees one consistent graph. A connection that drops, a RESET
//! or a shutdown rolls its transaction back.

mod convert;

use std::collections::{BTreeMap, HashMap};
use std::net::{SocketAddr, ToSocketAddrs};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use boltr::error::BoltError;
use boltr::server::{
    AuthCredentials, AuthInfo, AuthValidator, BoltBackend, BoltRecord, BoltServer, ResultMetadata,
    ResultStream, RoutingServer, RoutingTable, SessionConfig, SessionHandle, SessionProperty,
    TransactionHandle,
};
use boltr::types::{BoltDict, BoltValue};
use tokio::sync::{Notify, OwnedRwLockReadGuard, OwnedRwLockWriteGuard, RwLock};

use crate::db::{Database, StatementKind};
use crate::error::{Error, Result};
use crate::options::QueryOptions;
use crate::params::Params;
use crate::result::{QueryResult, Value};
use convert::{failure, query_error};

/// A Bolt server over a [`Database`]: configure it, then [`start`](Server::start) it.
///
/// Defaults: `127.0.0.1:7687`, no authentication, writes allowed, at most
/// 100 connections, 16 MiB messages, idle connections closed after 10
/// minutes, a statement waits at most 30 s for the writer slot.
pub struct Server {
    db: Database,
    addr: String,
    auth: Option<(String, String)>,
    read_only: bool,
    max_connections: usize,
    max_message_size: usize,
    idle_timeout: Duration,
    lock_timeout: Duration,
    max_transaction_time: Option<Duration>,
    timeout: Option<Duration>,
    max_rows: Option<usize>,
}

impl Server {
    /// A server for `db` with the defaults above.
    pub fn new(db: Database) -> Server {
        Server {
            db,
            addr: "127.0.0.1:7687".into(),
            auth: None,
            read_only: false,
            max_connections: 100,
            max_message_size: 16 << 20,
            idle_timeout: Duration::from_secs(600),
            lock_timeout: Duration::from_secs(30),
            max_transaction_time: None,
            timeout: None,
            max_rows: None,
        }
    }

    /// The address to listen on, `host:port` (port 0 picks a free one).
    pub fn bind(mut self, addr: impl Into<String>) -> Server {
        self.addr = addr.into();
        self
    }

    /// Require basic authentication with this user and password.
    pub fn auth(mut self, user: impl Into<String>, password: impl Into<String>) -> Server {
        self.auth = Some((user.into(), password.into()));
        self
    }

    /// Refuse every statement that could write, with
    /// `Neo.ClientError.Statement.AccessMode`.
    pub fn read_only(mut self, on: bool) -> Server {
        self.read_only = on;
        self
    }

    /// At most this many connections at once; more are refused.
    pub fn max_connections(mut self, n: usize) -> Server {
        self.max_connections = n.max(1);
        self
    }

    /// The largest message accepted from an authenticated client, in bytes.
    pub fn max_message_size(mut self, bytes: usize) -> Server {
        self.max_message_size = bytes.max(1024);
        self
    }

    /// Close a connection that sends nothing for this long (its open
    /// transaction is rolled back).
    pub fn idle_timeout(mut self, d: Duration) -> Server {
        self.idle_timeout = d;
        self
    }

    /// How long a statement or `BEGIN` waits for another session's write
    /// transaction to end.
    pub fn lock_timeout(mut self, d: Duration) -> Server {
        self.lock_timeout = d;
        self
    }

    /// Roll back any explicit transaction still open this long after its
    /// `BEGIN`, even one whose client sends nothing meanwhile (it would
    /// otherwise hold the writer slot until the idle timeout). Its next
    /// message gets `Neo.ClientError.Transaction.TransactionTimedOut`.
    pub fn max_transaction_time(mut self, d: Option<Duration>) -> Server {
        self.max_transaction_time = d;
        self
    }

    /// Stop any statement after this long (the library's
    /// [`QueryOptions::timeout`]); a driver's transaction timeout can only
    /// make it shorter.
    pub fn timeout(mut self, d: Option<Duration>) -> Server {
        self.timeout = d;
        self
    }

    /// Fail any statement that would return more rows than this.
    pub fn max_rows(mut self, n: Option<usize>) -> Server {
        self.max_rows = n;
        self
    }

    /// Binds the address and serves on a background thread until
    /// [`ServerHandle::shutdown`]. Errors if the address is invalid or taken.
    pub fn start(self) -> Result<ServerHandle> {
        let io = |e: std::io::Error| {
            Error::runtime(
                "ServerError",
                format!("cannot listen on {}: {e}", self.addr),
            )
        };
        let addr = self
            .addr
            .to_socket_addrs()
            .map_err(io)?
            .next()
            .ok_or_else(|| {
                Error::runtime("ServerError", format!("{} is not an address", self.addr))
            })?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("plenary-bolt")
            .enable_all()
            .build()
            .map_err(io)?;
        let listener = runtime.block_on(async { listen(addr) }).map_err(io)?;
        let local = listener.local_addr().map_err(io)?;
        let backend = Arc::new(Backend {
            db: self.db.clone(),
            read_only: self.read_only,
            timeout: self.timeout,
            max_rows: self.max_rows,
            lock_timeout: self.lock_timeout,
            max_transaction_time: self.max_transaction_time,
            address: local.to_string(),
            slot: Arc::new(RwLock::new(())),
            sessions: Mutex::new(HashMap::new()),
            next: AtomicU64::new(1),
        });
        let stop = Arc::new(Notify::new());
        let (stop2, backend2) = (stop.clone(), backend.clone());
        let (auth, max_conn, max_msg, idle) = (
            self.auth,
            self.max_connections,
            self.max_message_size,
            self.idle_timeout,
        );
        let thread = std::thread::Builder::new()
            .name("plenary-serve".into())
            .spawn(move || -> Result<()> {
                let served = runtime.block_on(async move {
                    let mut server = BoltServer::builder(Shared(backend2.clone()))
                        .max_sessions(max_conn)
                        .max_message_size(max_msg)
                        .idle_timeout(idle)
                        .shutdown(async move { stop2.notified().await });
                    if let Some((user, password)) = auth {
                        server = server.auth(Basic { user, password });
                    }
                    let r = server.serve_listener(listener).await;
                    backend2.close_all().await;
                    r
                });
                runtime.shutdown_timeout(Duration::from_secs(2));
                served.map_err(|e| Error::runtime("ServerError", e.to_string()))
            })
            .map_err(io)?;
        Ok(ServerHandle {
            addr: local,
            stop,
            thread,
        })
    }
}

/// A listening socket whose connections send small messages at once: the
/// accepted sockets inherit `TCP_NODELAY`. Without it, the last small
/// message of a batch waits for the client's delayed ACK (40 ms on Linux),
/// and a result pulled in batches of 1000 rows took a minute per million.
fn listen(addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    socket.set_reuseaddr(true)?;
    socket.set_nodelay(true)?;
    socket.bind(addr)?;
    socket.listen(1024)
}

/// A running [`Server`].
pub struct ServerHandle {
    addr: SocketAddr,
    stop: Arc<Notify>,
    thread: std::thread::JoinHandle<Result<()>>,
}

impl ServerHandle {
    /// The address the server listens on (with the port it picked, if 0
    /// was asked for).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// A handle that stops the server from another thread (a signal
    /// handler, say).
    pub fn stopper(&self) -> Stopper {
        Stopper(self.stop.clone())
    }

    /// Stops accepting connections, rolls back every open transaction,
    /// closes the connections and waits for the server to end.
    pub fn shutdown(self) -> Result<()> {
        self.stop.notify_one();
        self.wait()
    }

    /// Waits until the server ends (after a [`Stopper::stop`]).
    pub fn wait(self) -> Result<()> {
        self.thread
            .join()
            .unwrap_or_else(|_| Err(Error::runtime("ServerError", "the server thread panicked")))
    }
}

/// Stops a running server ([`ServerHandle::stopper`]).
#[derive(Clone)]
pub struct Stopper(Arc<Notify>);

impl Stopper {
    /// Asks the server to shut down; [`ServerHandle::wait`] then returns.
    pub fn stop(&self) {
        self.0.notify_one();
    }
}

/// Basic authentication against one user.
struct Basic {
    user: String,
    password: String,
}

#[async_trait::async_trait]
impl AuthValidator for Basic {
    async fn validate(&self, c: &AuthCredentials) -> std::result::Result<AuthInfo, BoltError> {
        let ok = c.scheme == "basic"
            && c.principal.as_deref() == Some(self.user.as_str())
            && c.credentials.as_deref() == Some(self.password.as_str());
        if ok {
            Ok(AuthInfo {
                principal: self.user.clone(),
                credentials_expired: false,
            })
        } else {
            Err(BoltError::Authentication(
                "The client is unauthorized due to authentication failure.".into(),
            ))
        }
    }
}

/// The slot a transaction holds: a reader's or the writer's.
enum Slot {
    Read(#[allow(dead_code)] OwnedRwLockReadGuard<()>),
    Write(#[allow(dead_code)] OwnedRwLockWriteGuard<()>),
}

/// An explicit transaction of one session.
struct Tx {
    id: String,
    /// Holds the reader or writer slot until the transaction ends (held,
    /// never read).
    #[allow(dead_code)]
    slot: Slot,
    /// Whether the engine has a transaction open for it (write mode).
    write: bool,
    /// The driver's transaction timeout, as a deadline.
    deadline: Option<Instant>,
    /// The task that rolls the transaction back at its deadline; stopped
    /// when the transaction ends first.
    watchdog: Option<tokio::task::AbortHandle>,
}

impl Drop for Tx {
    fn drop(&mut self) {
        if let Some(w) = &self.watchdog {
            w.abort();
        }
    }
}

/// One Bolt connection's state.
struct Session {
    /// Its own handle on the database: an engine session of its own.
    db: Arc<Database>,
    tx: Option<Tx>,
    /// Why the transaction the client still thinks open was ended by the
    /// server (its time ran out), for the client's next message.
    ended: Option<String>,
}

type SessionRef = Arc<tokio::sync::Mutex<Session>>;

/// The backend boltr calls.
struct Backend {
    db: Database,
    read_only: bool,
    timeout: Option<Duration>,
    max_rows: Option<usize>,
    lock_timeout: Duration,
    max_transaction_time: Option<Duration>,
    address: String,
    /// Readers share it, a write (a statement or a whole transaction) owns it.
    slot: Arc<RwLock<()>>,
    sessions: Mutex<HashMap<String, SessionRef>>,
    next: AtomicU64,
}

/// boltr wants to own its backend; the server keeps a handle to roll back
/// transactions at shutdown.
struct Shared(Arc<Backend>);

impl Backend {
    fn session(&self, h: &SessionHandle) -> std::result::Result<SessionRef, BoltError> {
        self.sessions
            .lock()
            .map_err(|_| BoltError::Backend("session table poisoned".into()))?
            .get(&h.0)
            .cloned()
            .ok_or_else(|| BoltError::Session("the session is closed".into()))
    }

    fn bookmark(&self) -> BoltValue {
        BoltValue::String(format!(
            "plenary:{}",
            self.next.fetch_add(1, Ordering::Relaxed)
        ))
    }

    async fn take_slot(&self, write: bool) -> std::result::Result<Slot, BoltError> {
        let waited = if write {
            tokio::time::timeout(self.lock_timeout, self.slot.clone().write_owned())
                .await
                .map(Slot::Write)
        } else {
            tokio::time::timeout(self.lock_timeout, self.slot.clone().read_owned())
                .await
                .map(Slot::Read)
        };
        waited.map_err(|_| {
            query_error(
                "Neo.TransientError.Transaction.LockAcquisitionTimeout",
                format!(
                    "another session's write transaction held the database for more than {} s",
                    self.lock_timeout.as_secs_f64()
                ),
            )
        })
    }

    fn options(&self, deadline: Option<Instant>, extra: &BoltDict) -> QueryOptions {
        let mut o = QueryOptions::new();
        let mut t = self.timeout;
        if let Some(asked) = tx_timeout(extra) {
            t = Some(t.map_or(asked, |t| t.min(asked)));
        }
        if let Some(d) = deadline {
            let left = d.saturating_duration_since(Instant::now());
            t = Some(t.map_or(left, |t| t.min(left)));
        }
        if let Some(t) = t {
            o = o.timeout(t.max(Duration::from_millis(1)));
        }
        if let Some(n) = self.max_rows {
            o = o.max_rows(n);
        }
        o
    }

    /// Ends `s`'s transaction, rolling back its writes.
    async fn roll_back(&self, s: &mut Session) -> std::result::Result<(), BoltError> {
        if let Some(tx) = s.tx.take()
            && tx.write
        {
            let db = &s.db;
            let r = in_place(|| {
                if db.in_transaction() {
                    db.execute("ROLLBACK").map(|_| ())
                } else {
                    Ok(())
                }
            });
            drop(tx);
            r.map_err(|e| failure(&e))?;
        }
        Ok(())
    }

    /// Rolls back every open transaction (at shutdown).
    async fn close_all(&self) {
        let all: Vec<SessionRef> = match self.sessions.lock() {
            Ok(mut m) => m.drain().map(|(_, s)| s).collect(),
            Err(_) => return,
        };
        for s in all {
            if let Ok(mut s) = tokio::time::timeout(Duration::from_secs(5), s.lock()).await {
                let _ = self.roll_back(&mut s).await;
            }
        }
    }
}

/// Runs engine work on this worker thread, telling tokio to move the
/// connection tasks waiting on it to another worker first. A point query
/// takes microseconds in the engine; handing it to the blocking pool
/// (`spawn_blocking`) and back cost more than the query itself
/// (`benches/bolt_qps.py`, one client thread: 1644 → 2605 queries/s).
/// A panic cannot escape: the engine catches its own.
fn in_place<T>(f: impl FnOnce() -> T) -> T {
    tokio::task::block_in_place(f)
}

/// The driver's transaction timeout (`tx_timeout`, ms) in a RUN or BEGIN.
fn tx_timeout(extra: &BoltDict) -> Option<Duration> {
    match extra.get("tx_timeout") {
        Some(BoltValue::Integer(ms)) if *ms > 0 => Some(Duration::from_millis(*ms as u64)),
        _ => None,
    }
}

fn is_read_mode(extra: &BoltDict) -> bool {
    matches!(extra.get("mode"), Some(BoltValue::String(m)) if m == "r")
}

fn access_mode_error(why: &str) -> BoltError {
    query_error(
        "Neo.ClientError.Statement.AccessMode",
        format!("Writing in read access mode not allowed: {why}"),
    )
}

/// A query result as boltr streams it, converted off the async threads.
fn result_stream(r: QueryResult, kind: StatementKind, started: Instant) -> ResultStream {
    let mut summary = BoltDict::new();
    summary.insert("type".into(), BoltValue::String(kind.neo4j_type().into()));
    summary.insert(
        "t_last".into(),
        BoltValue::Integer(started.elapsed().as_millis() as i64),
    );
    summary.insert("db".into(), BoltValue::String("neo4j".into()));
    let stats = convert::counters(&r.stats);
    if !stats.is_empty() {
        summary.insert("stats".into(), BoltValue::Dict(stats));
    }
    if !r.notifications.is_empty() {
        summary.insert(
            "notifications".into(),
            BoltValue::List(r.notifications.iter().map(convert::notification).collect()),
        );
    }
    ResultStream {
        metadata: ResultMetadata {
            columns: r.columns,
            extra: BoltDict::new(),
        },
        records: r
            .rows
            .into_iter()
            .map(|row| BoltRecord {
                values: row.into_iter().map(convert::to_bolt).collect(),
            })
            .collect(),
        summary,
    }
}

#[async_trait::async_trait]
impl BoltBackend for Shared {
    async fn create_session(
        &self,
        config: &SessionConfig,
    ) -> std::result::Result<SessionHandle, BoltError> {
        check_database(config.database.as_deref())?;
        let b = &self.0;
        let id = format!("bolt-{}", b.next.fetch_add(1, Ordering::Relaxed));
        let session = Session {
            db: Arc::new(b.db.clone()),
            tx: None,
            ended: None,
        };
        b.sessions
            .lock()
            .map_err(|_| BoltError::Backend("session table poisoned".into()))?
            .insert(id.clone(), Arc::new(tokio::sync::Mutex::new(session)));
        Ok(SessionHandle(id))
    }

    async fn close_session(&self, h: &SessionHandle) -> std::result::Result<(), BoltError> {
        let removed = self
            .0
            .sessions
            .lock()
            .map_err(|_| BoltError::Backend("session table poisoned".into()))?
            .remove(&h.0);
        if let Some(s) = removed {
            let mut s = s.lock().await;
            self.0.roll_back(&mut s).await?;
        }
        Ok(())
    }

    async fn configure_session(
        &self,
        _h: &SessionHandle,
        property: SessionProperty,
    ) -> std::result::Result<(), BoltError> {
        match property {
            SessionProperty::Database(name) => check_database(Some(&name)),
        }
    }

    async fn reset_session(&self, h: &SessionHandle) -> std::result::Result<(), BoltError> {
        let s = self.0.session(h)?;
        let mut s = s.lock().await;
        s.ended = None;
        self.0.roll_back(&mut s).await
    }

    async fn execute(
        &self,
        h: &SessionHandle,
        query: &str,
        parameters: &HashMap<String, BoltValue>,
        extra: &BoltDict,
        transaction: Option<&TransactionHandle>,
    ) -> std::result::Result<ResultStream, BoltError> {
        let b = &self.0;
        let started = Instant::now();
        let s = b.session(h)?;
        let mut s = s.lock().await;
        let params: BTreeMap<String, Value> = parameters
            .iter()
            .map(|(k, v)| Ok((k.clone(), convert::from_bolt(v.clone())?)))
            .collect::<std::result::Result<_, BoltError>>()?;
        let params = Params::from(params);
        let kind = s.db.statement_kind(query).map_err(|e| failure(&e))?;
        if kind == StatementKind::Transaction {
            return Err(query_error(
                "Neo.ClientError.Request.Invalid",
                "BEGIN, COMMIT and ROLLBACK are Bolt messages here: use the driver's transactions",
            ));
        }
        let writes = kind != StatementKind::Read;
        let db = s.db.clone();
        match (&s.tx, transaction) {
            (None, Some(_)) => Err(query_error(
                "Neo.ClientError.Transaction.TransactionTimedOut",
                s.ended
                    .take()
                    .unwrap_or_else(|| "the transaction was already ended".into()),
            )),
            (Some(tx), Some(_)) => {
                if writes && (b.read_only || !tx.write) {
                    return Err(access_mode_error(if b.read_only {
                        "the server is read-only"
                    } else {
                        "the transaction was begun in read mode"
                    }));
                }
                if tx.deadline.is_some_and(|d| Instant::now() >= d) {
                    b.roll_back(&mut s).await?;
                    return Err(query_error(
                        "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
                        "the transaction timed out and was rolled back",
                    ));
                }
                let opts = b.options(tx.deadline, extra);
                let r = in_place(|| {
                    db.execute_opts(query, &params, &opts)
                        .map(|r| result_stream(r, kind, started))
                });
                if r.is_err() && !s.db.in_transaction() && s.tx.as_ref().is_some_and(|t| t.write) {
                    // The engine rolled the whole transaction back.
                    s.tx = None;
                }
                r.map_err(|e| failure(&e))
            }
            _ => {
                if writes && b.read_only {
                    return Err(access_mode_error("the server is read-only"));
                }
                if writes && is_read_mode(extra) {
                    return Err(access_mode_error("the session is in read mode"));
                }
                let slot = b.take_slot(writes).await?;
                let opts = b.options(None, extra);
                let r = in_place(|| {
                    db.execute_opts(query, &params, &opts)
                        .map(|r| result_stream(r, kind, started))
                });
                drop(slot);
                let mut r = r.map_err(|e| failure(&e))?;
                if writes && r.summary.contains_key("stats") {
                    r.summary.insert("bookmark".into(), b.bookmark());
                }
                Ok(r)
            }
        }
    }

    async fn begin_transaction(
        &self,
        h: &SessionHandle,
        extra: &BoltDict,
    ) -> std::result::Result<TransactionHandle, BoltError> {
        let b = &self.0;
        let sref = b.session(h)?;
        let mut s = sref.lock().await;
        b.roll_back(&mut s).await?;
        s.ended = None;
        let write = !(b.read_only || is_read_mode(extra));
        let slot = b.take_slot(write).await?;
        if write {
            in_place(|| s.db.execute("BEGIN")).map_err(|e| failure(&e))?;
        }
        let limit = match (tx_timeout(extra), b.max_transaction_time) {
            (Some(a), Some(m)) => Some(a.min(m)),
            (a, m) => a.or(m),
        };
        let deadline = limit.map(|d| Instant::now() + d);
        let id = format!("tx-{}", b.next.fetch_add(1, Ordering::Relaxed));
        s.tx = Some(Tx {
            id: id.clone(),
            slot,
            write,
            deadline,
            watchdog: None,
        });
        if let Some(limit) = limit {
            // Ends the transaction at its deadline even if its client is
            // silent, so it cannot hold the writer slot for long.
            let (backend, sref2, tid) = (b.clone(), sref.clone(), id.clone());
            let task = tokio::spawn(async move {
                tokio::time::sleep(limit).await;
                let mut s = sref2.lock().await;
                if s.tx.as_ref().is_some_and(|t| t.id == tid) {
                    if let Some(t) = s.tx.as_mut() {
                        // this task is ending: nothing to abort
                        t.watchdog = None;
                    }
                    let _ = backend.roll_back(&mut s).await;
                    s.ended = Some(format!(
                        "the transaction was open longer than its limit of {limit:?} and was rolled back"
                    ));
                }
            });
            if let Some(t) = s.tx.as_mut() {
                t.watchdog = Some(task.abort_handle());
            }
        }
        Ok(TransactionHandle(id))
    }

    async fn commit(
        &self,
        h: &SessionHandle,
        t: &TransactionHandle,
    ) -> std::result::Result<BoltDict, BoltError> {
        let b = &self.0;
        let s = b.session(h)?;
        let mut s = s.lock().await;
        let tx = match s.tx.take() {
            Some(tx) if tx.id == t.0 => tx,
            other => {
                s.tx = other;
                return Err(match s.ended.take() {
                    Some(why) => {
                        query_error("Neo.ClientError.Transaction.TransactionTimedOut", why)
                    }
                    None => query_error(
                        "Neo.ClientError.Transaction.TransactionNotFound",
                        "the transaction was already ended (a failed statement rolls it back)",
                    ),
                });
            }
        };
        if tx.write {
            let db = &s.db;
            let r = in_place(|| {
                if db.in_transaction() {
                    db.execute("COMMIT").map(|_| ())
                } else {
                    Err(Error::runtime(
                        "TransactionRolledBack",
                        "the transaction was rolled back by a failed statement",
                    ))
                }
            });
            drop(tx);
            r.map_err(|e| failure(&e))?;
        }
        Ok(BoltDict::from([("bookmark".to_string(), b.bookmark())]))
    }

    async fn rollback(
        &self,
        h: &SessionHandle,
        _t: &TransactionHandle,
    ) -> std::result::Result<(), BoltError> {
        let s = self.0.session(h)?;
        let mut s = s.lock().await;
        self.0.roll_back(&mut s).await
    }

    async fn get_server_info(&self) -> std::result::Result<BoltDict, BoltError> {
        Ok(BoltDict::from([(
            "server".to_string(),
            BoltValue::String(format!(
                "Neo4j/{} compatible graph database server - plenary/{}",
                crate::NEO4J_COMPATIBLE_VERSION,
                env!("CARGO_PKG_VERSION")
            )),
        )]))
    }

    async fn route(
        &self,
        _context: &BoltDict,
        _bookmarks: &[String],
        db: Option<&str>,
    ) -> std::result::Result<RoutingTable, BoltError> {
        check_database(db)?;
        let me = vec![self.0.address.clone()];
        Ok(RoutingTable {
            ttl: 300,
            db: "neo4j".into(),
            servers: ["WRITE", "READ", "ROUTE"]
                .into_iter()
                .map(|role| RoutingServer {
                    addresses: me.clone(),
                    role: role.into(),
                })
                .collect(),
        })
    }
}

/// plenary serves one graph; drivers name it `neo4j` (the default), tools
/// sometimes `plenary`.
fn check_database(name: Option<&str>) -> std::result::Result<(), BoltError> {
    match name {
        None | Some("" | "neo4j" | "plenary") => Ok(()),
        Some(other) => Err(query_error(
            "Neo.ClientError.Database.DatabaseNotFound",
            format!("plenary serves one graph, `neo4j`; there is no database `{other}`"),
        )),
    }
}
