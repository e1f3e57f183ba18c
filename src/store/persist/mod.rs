//! Database files: a snapshot, a write-ahead log of redo records, a lock.
//!
//! A database at `PATH` is three files side by side:
//!
//! | file | what |
//! |---|---|
//! | `PATH` | the **snapshot**: the whole graph as of generation *g* |
//! | `PATH.wal` | the **log**: the statements committed since that snapshot |
//! | `PATH.lock` | the writer's lock (advisory `flock`), holding its pid |
//!
//! plus, only transiently, `PATH.tmp` and `PATH.wal.tmp` (files being
//! written before their atomic rename; leftovers are deleted on open).
//!
//! # Snapshot (`PATH`)
//!
//! All integers in headers are little-endian.
//!
//! | offset | size | field |
//! |---|---|---|
//! | 0 | 8 | magic `PLNRYDB\n` (`50 4C 4E 52 59 44 42 0A`) |
//! | 8 | 4 | snapshot format version, `u32`: 1, or 2 when the graph has full-text indexes |
//! | 12 | 8 | generation *g*, `u64` (≥ 1, +1 at every checkpoint) |
//! | 20 | 8 | payload length *n*, `u64` |
//! | 28 | *n* | payload (below) |
//! | 28+*n* | 4 | CRC-32 (IEEE, as `crc32fast`) of bytes `0 .. 28+n` |
//!
//! The file is exactly `32 + n` bytes. Shorter is `Truncated`, longer or a
//! bad magic / checksum is `Corrupted`, a version above 2 is
//! `UnsupportedVersion` (written by a newer plenary). Version 2 is version 1
//! with the `fulltext` section after the schema; it is written only when
//! there is a full-text index, so a plenary that knows only version 1
//! refuses it with `UnsupportedVersion` and reads every other snapshot.
//!
//! **Payload.** `varint` is unsigned LEB128 (7 bits a byte, low first, at
//! most 10 bytes), `zvarint` a zigzag-encoded signed varint, `str` a varint
//! byte length then UTF-8, `sym` a varint index into the name table.
//!
//! ```text
//! names:  varint count, then count × str         (symbol i = i-th name)
//! nodes:  varint count, then per node, ids strictly increasing:
//!           varint id, varint #labels, #labels × sym (sorted),
//!           props
//! rels:   varint count, then per relationship, ids strictly increasing:
//!           varint id, varint start node id, varint end node id, sym type,
//!           props
//! schema: varint count, then per index / constraint in creation order:
//!           str name, sym label, sym key, u8 kind (0 index, 1 unique, 2 not null)
//! (version 2 only, both sections:)
//! fulltext: varint count, then per full-text index in creation order:
//!           str name, u8 entity (0 nodes, 1 relationships),
//!           varint #labels or types, × sym, varint #properties, × sym,
//!           u8 analyzer (0 standard-no-stop-words, 1 standard, 2 english)
//!         (only the definition: the postings are rebuilt when the snapshot is loaded)
//! vectors: varint count, then per vector index in creation order:
//!           str name, u8 entity (0 nodes, 1 relationships), sym label or type,
//!           sym key, varint dimensions, u8 similarity (0 cosine, 1 euclidean)
//! props:  varint count, then count × (sym key, value), keys increasing
//! value:  u8 tag, then
//!           0 null | 1 false | 2 true | 3 zvarint integer
//!           4 float: 8 bytes, IEEE-754 bits little-endian
//!           5 str | 6 list: varint count, count × value
//!           7 map: varint count, count × (str key, value)
//!           8 date: zvarint days from 0001-01-01 (day 1)
//!           9 localtime: varint seconds of day, varint nanoseconds
//!          10 time: localtime fields, zvarint offset seconds
//!          11 localdatetime: date fields, localtime fields
//!          12 datetime: localdatetime fields, zvarint offset seconds,
//!             u8 0 (no zone name) | u8 1 then str zone name
//!          13 duration: zvarint months, days, seconds, nanoseconds
//! ```
//!
//! # Log (`PATH.wal`)
//!
//! | offset | size | field |
//! |---|---|---|
//! | 0 | 8 | magic `PLNRYWAL` (`50 4C 4E 52 59 57 41 4C`) |
//! | 8 | 4 | log format version, `u32` = 2 (version 1 is still read) |
//! | 12 | 8 | generation of the snapshot this log follows, `u64` |
//! | 20 | 4 | CRC-32 of bytes `0 .. 20` |
//! | 24 | … | records |
//!
//! A **record** is one committed statement (or one explicit transaction).
//! Its 20-byte header is checksummed on its own, so that a damaged length
//! is seen as damage instead of being believed:
//!
//! | record offset | size | field |
//! |---|---|---|
//! | 0 | 4 | payload length *n*, `u32`, 1 ≤ *n* < 2³¹ |
//! | 4 | 8 | sequence number *s*, `u64`: 1 for the first record of the log, +1 for each |
//! | 12 | 4 | CRC-32 of the payload |
//! | 16 | 4 | CRC-32 of record bytes `0 .. 16` (the **header CRC**) |
//! | 20 | *n* | payload |
//!
//! A version-1 log (written by plenary before the header CRC) has the same
//! file header with version 1 and records of an 8-byte header: `u32`
//! payload length, CRC-32 of the payload, then the payload (the same
//! payload format).
//!
//! ```text
//! payload: varint first_sym, varint #names, #names × str  (names interned since
//!            the previous record; the first gets symbol first_sym)
//!          varint #ops, #ops × op
//! op:      u8 tag, then
//!           1 create node: varint id, varint #labels, #labels × sym, props
//!           2 create rel:  varint id, varint start, varint end, sym type, props
//!           3 set node property: varint id, sym key, value (null removes)
//!           4 set rel property:  varint id, sym key, value (null removes)
//!           5 add label: varint id, sym    6 remove label: varint id, sym
//!           7 delete rel: varint id        8 delete node: varint id
//!           9 create index / constraint: as in the snapshot's schema
//!          10 drop index / constraint / full-text index: str name
//!          11 create full-text index: as in the snapshot's fulltext section
//!          12 create vector index: as in the snapshot's vectors section
//! ```
//!
//! Tags 11 and 12 came with full-text and vector indexes, and with them log
//! format version 3 (framed as version 2): a plenary that knows only
//! version 2 refuses such a log with `UnsupportedVersion` instead of taking
//! a record that holds one for damage.
//!
//! The ops are the store's [`Redo`](super::Redo) entries: what the write API
//! applied, with the ids it assigned — not the statement text, which is not
//! deterministic (`rand()`, `timestamp()`, `datetime()`).
//!
//! # Commit protocol
//!
//! A statement runs in memory; [`Graph::commit`](super::Graph::commit) hands
//! its redo batch to [`Store::append`], which writes the record (header and
//! payload) with one `write` at the end of the log and `fdatasync`s it.
//! Only then does the statement return success (and the command line print
//! its result): the record is **acknowledged**. If the write or the sync
//! fails, the log is truncated back to its previous length and synced; the
//! statement fails and is rolled back in memory. If even that truncation
//! fails, the store refuses every further write (`Poisoned`): memory and
//! disk can no longer be known to agree.
//!
//! So appends are sequential, and nothing is ever written after a record
//! that was not acknowledged. A crash (or power loss) during an append
//! leaves the log's acknowledged records, then a **torn tail**: a prefix of
//! the new record, possibly followed by zero bytes where the file system
//! extended the file but the data never reached the disk. A crash after the
//! `fdatasync` leaves the record durable: opening replays it.
//!
//! # Reading the log
//!
//! Opening reads the records in order, from byte 24, record *s* = 1, 2, …
//! At each position *p* (with *r* = file length − *p* bytes left) exactly
//! one of these holds; only **T1–T3** are a torn tail, and a torn tail is
//! the only thing a writer ever truncates:
//!
//! - **T1.** *r* < 20: a short header. No complete record fits (a record is
//!   at least 21 bytes), so no acknowledged record can be here: torn.
//! - **T2.** All *r* bytes are zero: the file was extended but not written.
//!   No record is all zeros (its length is ≥ 1, and the CRC-32 of 16 zero
//!   bytes is not zero, so zeros never pass as a header): torn.
//! - **T3.** The header CRC checks, *s* is the one due, *n* is in range,
//!   and *p* + 20 + *n* is past the end of the file. The header is proven
//!   to be as written — its length is true — and the record runs past the
//!   end: it was never completely written, so it was never acknowledged,
//!   and nothing can follow it: torn.
//! - **R.** The header CRC checks, *s* is due, *n* is in range, the whole
//!   record is in the file and its payload CRC checks: an intact record.
//!   Read on at *p* + 20 + *n*.
//! - **D1.** The header checks (as in R) but the payload CRC fails. The
//!   whole record's length is in the file, and a torn append leaves only a
//!   prefix (T1, T3) or zeros from the header on (T2); so this is damage —
//!   maybe of the last acknowledged record — whether or not more follows:
//!   `Corrupted`. (One crash outcome is refused here rather than guessed
//!   at: a file system that extends the file to the whole record yet
//!   writes only some of its pages, leaving zeros inside the payload. The
//!   refusal loses nothing; `plenary recover` then drops that record as
//!   damaged.)
//! - **D2.** 20 or more bytes are left, not all zero, and the header CRC
//!   fails — or it checks but names another sequence number or an
//!   impossible length (which no writer writes). A torn append has its
//!   header either complete and as written, or cut short (T1), so this is
//!   damage: `Corrupted`, even when it is the last thing in the file (it
//!   may be the last acknowledged record with a flipped bit in its header).
//!
//! A bit flip or a changed byte anywhere in an acknowledged record is
//! therefore D1 or D2 — a CRC-32 detects every single-bit error and every
//! change confined to 32 consecutive bits (so every changed byte) of what
//! it covers — and never T1–T3: no acknowledged record
//! is ever dropped because of damage. In the torn tail, a flip inside the
//! payload of a T3 record keeps it T3 (dropped with it, as it should be); a
//! flip in its complete header makes it D2 and the log is refused. What
//! cannot be told from a torn write is a file **made shorter**: cutting
//! (or deleting a byte of) the last record's payload gives exactly the
//! bytes of an unfinished append, and is read as one (the tests name this).
//!
//! **Damage is refused, never skipped or truncated.** Opening (for writing
//! or reading) fails with `Corrupted`, naming the file, the byte offset of
//! the damage, what is wrong, how many intact records follow it, and
//! `plenary recover`; the files are left exactly as they were. To count the
//! intact records after damage, the reader looks for the next position
//! where a header CRC checks with a sequence number the damage can account
//! for (from *s* up to *s* + 1 + the number of 21-byte records that fit
//! between): from there the records are read as above. `plenary check` does
//! the same reading and exits 1 with that message.
//!
//! **Version-1 logs** have no header CRC, so their length can only be
//! believed when the payload checks. The same rules apply with an 8-byte
//! header, and a bad record is a torn tail only when (T1, T2) fewer than 8
//! bytes or only zeros are left, or (T3′) its length runs past the end of
//! the file, **no intact record starts at any later offset** (a possible
//! length that fits, a payload that decodes and whose CRC checks), no
//! stretch of the bytes after its header matches its payload CRC (which
//! would be the record itself with a damaged length), and those bytes are
//! the beginning of a record (decoding them fails only for want of bytes).
//! Everything else is `Corrupted`. This turns the case of the issue — a
//! middle record's length flipped to run past the end, which dropped every
//! record after it — into damage, as every single bit flip is. The format
//! cannot see everything, though: a byte inserted into or deleted from the
//! *last* record's 8-byte header can still read as a torn tail. That is one
//! reason version-1 logs are never written to again (below).
//!
//! **Migration.** A writer never appends to a log of an older version, and
//! never writes records of its version into an older file (an older
//! reader would misread them): opening a version-1 or version-2 log for
//! writing replays it and at once checkpoints (below), which folds its
//! records into a new snapshot and starts a version-3 log; the crash
//! argument is the checkpoint's. An empty older log is simply replaced.
//! Read-only opens read versions 1 and 2 as they are. A plenary that knows
//! only version 1 (or 2) refuses a newer log with `UnsupportedVersion` and
//! never misreads it. (The snapshot's version 2, for full-text indexes,
//! came with log version 3: see above.)
//!
//! # Recovery (`plenary recover PATH --to NEW`)
//!
//! `recover::recover` reads `PATH` without changing it and writes a new
//! database `NEW` (which must not exist): the snapshot, then every intact
//! record it can still apply, and a report with what was lost, skipped or
//! repaired and where. The snapshot must be intact (the log's records only
//! mean something on top of it). A log whose file header is damaged is
//! used when its CRC proves the version and generation it had (or only the
//! CRC field is off and the rest names the snapshot's generation).
//!
//! Beyond what opening accepts, recovery reads:
//!
//! - **A record whose header is damaged but whose payload is intact.** When
//!   D2 is followed by the next record (*s* + 1) at offset *q*, or by
//!   nothing, the bytes from *p* + 20 to *q* are record *s*'s payload if
//!   they match the payload CRC the damaged header carries, or if the header
//!   rebuilt from their length, *s* and their CRC matches the damaged
//!   header's CRC: either proves the payload. It is applied ("repaired").
//!   (With nothing after, every shorter end is tried too: the record may be
//!   followed by a torn tail.) In version 1: a payload that matches the CRC
//!   beside a damaged length.
//! - **Records after the damage.** Sequence numbers say how many records
//!   the damaged bytes held (none: bytes that belong to no record; else
//!   exactly *s′* − *s*); version 1 cannot tell, and counts it as "at least
//!   one".
//!
//! **The rule for records after a lost one.** Records are applied in order,
//! each whole or not at all (with the store's own checks: ids that exist,
//! no connected node deleted, constraints). Before any loss that is exact
//! replay. A lost record's content is unknown, so after one, the log's
//! names and ids are translated to the new graph's, and a record is
//! applied only if everything it refers to is known:
//!
//! - a name is known unless a lost record introduced it (the next record's
//!   first symbol shows the gap);
//! - an id is known if its node or relationship existed before the first
//!   loss (a lost record could have deleted it — then nothing later refers
//!   to it — but cannot have reused it: a record's creates only take slots
//!   free *before* the record, and deletes free theirs at commit), or was
//!   created by a record applied after the loss (it may get another id in
//!   the new graph; later references follow it);
//! - after a second lost record, ids from before it are no longer known:
//!   one lost record may have deleted an id and a later one reused its
//!   slot, so a reference could mean another entity. (Damage that hides
//!   how many records it held counts as two.)
//!
//! A record that is intact but refers to something unknown is **skipped**
//! (reported), and what it creates or deletes becomes unknown in turn.
//! Records after a loss were written by statements that saw the lost
//! one's effects, so the result is a salvage, not a state that existed: the
//! report says how many records were applied after a loss.
//!
//! # Checkpoint
//!
//! When the log passes [`DEFAULT_CHECKPOINT_BYTES`] (or on `plenary
//! compact`), after a successful commit:
//!
//! 1. the whole graph is encoded as snapshot *g+1*, written to `PATH.tmp`,
//!    `fsync`ed, renamed over `PATH`, and the directory is `fsync`ed;
//! 2. memory is rebuilt by the canonical procedure (below);
//! 3. a fresh log with header generation *g+1* is written to `PATH.wal.tmp`,
//!    `fsync`ed, renamed over `PATH.wal`, and the directory `fsync`ed.
//!
//! Crash before the first rename: `PATH` is still snapshot *g* and
//! `PATH.wal` its complete log; the stray `PATH.tmp` is deleted on open.
//! Crash between the renames: snapshot *g+1* already holds every logged
//! statement and the log's header names generation *g* < *g+1*: a **stale**
//! log, ignored and replaced on open. A log naming a *newer* generation than
//! the snapshot cannot arise and is `Corrupted`. If step 3 fails without a
//! crash, the next commit retries it before appending (and fails if it
//! cannot), so no record is ever appended to a stale log.
//!
//! Creating a database writes an empty snapshot (generation 1) the same
//! way, then its log; a missing log next to a snapshot is recreated, a log
//! without its snapshot is an error.
//!
//! # Ids replay identically
//!
//! petgraph's `StableGraph` reuses freed slots from LIFO free lists, so the
//! id a `create` gets depends on the history of the graph, not just its
//! contents. Replay must reproduce it, and checks it: every replayed create
//! must get the logged id, or the log is `Corrupted`.
//!
//! - **Canonical build.** A snapshot is loaded by one fixed procedure
//!   (`CanonicalBuilder` in the store): a slot for every id up to the
//!   highest live one, in id order, then the vacant slots released highest
//!   first, relationships before nodes, so the free lists hold the vacant ids
//!   lowest first. At every checkpoint the in-memory graph is rebuilt by the
//!   same procedure right after the snapshot is durable, so memory and disk
//!   start each log generation from identical structures.
//! - **Same operations, same order.** Replay applies a record's ops through
//!   the same write API in the logged order and then commits, as the writer
//!   did: deletes free their slots at commit in the order they were made
//!   (a `DETACH DELETE` logs each relationship delete before the node's).
//! - **Rollbacks leave no trace that matters.** A failed statement (or a
//!   rolled-back transaction) is not in the log, but it did touch memory:
//!   its creates popped free slots or appended new ones, and the rollback
//!   released them again in reverse order. Pops undone by pushes in reverse
//!   order restore a LIFO list exactly; appended slots end up *behind* it,
//!   in increasing order, at exactly the ids that appending would give next.
//!   So memory's free list is always the replayed one followed by ids that
//!   replay would append in the same order: every later allocation agrees.
//!
//! # Concurrency
//!
//! One writer: opening for writing takes an exclusive advisory lock on
//! `PATH.lock` (`File::try_lock`) and writes its pid there; a second writer
//! gets `Locked` ("database is locked by process N"). Read-only opens take
//! no lock: they read the snapshot and the log's records by the same rules
//! (a torn tail is ignored, not truncated; damage is `Corrupted`), retrying
//! if a checkpoint swapped the files between the two reads. Recovery reads
//! as a reader does and takes the lock only of the new database.

mod codec;
pub mod dump;
mod log;
pub(crate) mod recover;

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use super::{Graph, Redo, RedoBatch};
use crate::error::{Error, ErrorKind, Result};

pub use log::LOG_VERSION;
pub use recover::Recovery;

/// The newest snapshot format this plenary writes and reads (the log's is
/// [`LOG_VERSION`]): version 2 adds the full-text indexes after the schema,
/// and is written only when there are some (else version 1).
pub const SNAPSHOT_VERSION: u32 = 2;
/// The snapshot's magic number.
pub const SNAPSHOT_MAGIC: [u8; 8] = *b"PLNRYDB\n";
/// Log size that triggers a checkpoint (overridable with the environment
/// variable `PLENARY_CHECKPOINT_BYTES`, used by the tests).
pub const DEFAULT_CHECKPOINT_BYTES: u64 = 64 << 20;

const SNAP_HEADER: usize = 28;
use log::{LOG_HEADER, MAX_RECORD};

fn io_err(code: &'static str, msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::IoError, code, msg)
}

fn os_err(path: &Path, what: &str, e: io::Error) -> Error {
    io_err(
        "IoFailure",
        format!("cannot {what} {}: {e}", path.display()),
    )
}

/// The fault-injection seam: every write, sync, truncation and rename of
/// the store goes through [`Io::step`], which fails the `fail_at`-th call.
#[derive(Debug, Default)]
pub struct Io {
    /// Fail the operation with this number (1-based); `None` = never.
    pub fail_at: Option<u64>,
    /// Operations so far.
    pub count: u64,
}

impl Io {
    fn step(&mut self, what: &str) -> io::Result<()> {
        self.count += 1;
        if self.fail_at == Some(self.count) {
            return Err(io::Error::other(format!(
                "injected failure of {what} (operation {})",
                self.count
            )));
        }
        Ok(())
    }
    fn write_all(&mut self, f: &mut File, buf: &[u8]) -> io::Result<()> {
        self.step("write")?;
        f.write_all(buf)
    }
    fn sync(&mut self, f: &File) -> io::Result<()> {
        self.step("fsync")?;
        f.sync_all()
    }
    fn sync_data(&mut self, f: &File) -> io::Result<()> {
        self.step("fdatasync")?;
        f.sync_data()
    }
    fn set_len(&mut self, f: &File, len: u64) -> io::Result<()> {
        self.step("truncate")?;
        f.set_len(len)
    }
    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        self.step("rename")?;
        std::fs::rename(from, to)
    }
    fn sync_dir(&mut self, file: &Path) -> io::Result<()> {
        self.step("directory fsync")?;
        let dir = match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        File::open(dir)?.sync_all()
    }
}

/// `PATH` + suffix.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// What opening found, for `plenary check`.
#[derive(Debug, Clone, Default)]
pub struct OpenReport {
    /// The snapshot's generation.
    pub generation: u64,
    /// Snapshot size in bytes.
    pub snapshot_bytes: u64,
    /// Log records replayed.
    pub records: u64,
    /// Bytes of good log (header included).
    pub log_bytes: u64,
    /// Bytes of a torn last record that were dropped (or, read-only, ignored).
    pub torn_bytes: u64,
    /// The log named an older generation and was ignored.
    pub stale_log: bool,
    /// The log's format version as found (0: no log was read).
    pub log_version: u32,
    /// Opening for writing found a log of an older version and migrated
    /// it: this many records were folded into a new snapshot, and a
    /// version-3 log
    /// started.
    pub migrated_records: Option<u64>,
}

/// An open database's files.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    read_only: bool,
    _lock: Option<File>,
    log: Option<File>,
    log_len: u64,
    /// The sequence number of the next record appended.
    next_seq: u64,
    generation: u64,
    poisoned: bool,
    checkpoint_bytes: u64,
    /// The fault-injection seam.
    pub io: Io,
    /// What opening found.
    pub report: OpenReport,
}

impl Store {
    /// Opens (or, for writing, creates) the database at `path`: returns the
    /// graph as of the last durable commit and the store. The graph's
    /// durability hook is not installed yet (see [`install`]).
    pub fn open(path: &Path, read_only: bool) -> Result<(Graph, Store)> {
        Store::open_with(path, read_only, Io::default())
    }

    /// [`Store::open`] with a given I/O seam (tests inject failures).
    pub fn open_with(path: &Path, read_only: bool, io: Io) -> Result<(Graph, Store)> {
        let checkpoint_bytes = std::env::var("PLENARY_CHECKPOINT_BYTES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_CHECKPOINT_BYTES);
        let mut st = Store {
            path: path.to_path_buf(),
            read_only,
            _lock: None,
            log: None,
            log_len: 0,
            next_seq: 1,
            generation: 0,
            poisoned: false,
            checkpoint_bytes,
            io,
            report: OpenReport::default(),
        };
        if read_only {
            let g = st.load_read_only()?;
            return Ok((g, st));
        }
        st._lock = Some(lock(path)?);
        for tmp in [sibling(path, ".tmp"), sibling(path, ".wal.tmp")] {
            let _ = std::fs::remove_file(tmp);
        }
        let wal = sibling(path, ".wal");
        if !path.exists() {
            if wal.exists() {
                return Err(io_err(
                    "Corrupted",
                    format!(
                        "{} is missing but its log {} exists; restore the snapshot or delete the log",
                        path.display(),
                        wal.display()
                    ),
                ));
            }
            st.write_snapshot(&Graph::default(), 1)
                .map_err(|(e, _)| e)?;
        }
        let (mut g, generation, snap_len) = read_snapshot(path)?;
        st.generation = generation;
        st.report.generation = generation;
        st.report.snapshot_bytes = snap_len;
        let bytes = match std::fs::read(&wal) {
            Ok(b) => Some(b),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(os_err(&wal, "read", e)),
        };
        let mut fresh = true;
        if let Some(bytes) = bytes {
            let scan = log::scan(&wal.display().to_string(), &bytes)?;
            st.report.log_version = scan.version;
            if scan.generation > generation {
                return Err(newer_log(&wal, scan.generation, generation));
            }
            if scan.generation == generation {
                // Damage is refused here, before anything is changed.
                let good = log::strict(&scan, &wal, path)?;
                let records = replay(&mut g, &bytes, &good.records, &wal)?;
                st.report.records = records;
                st.report.log_bytes = good.good_len;
                st.report.torn_bytes = bytes.len() as u64 - good.good_len;
                if scan.version < LOG_VERSION {
                    // Never append to an older log: its records are
                    // folded into a new snapshot and a current log
                    // starts (an empty one is just replaced).
                    if records > 0 {
                        let found = st.report.clone();
                        st.checkpoint(&mut g)?;
                        st.report.migrated_records = Some(records);
                        st.report.log_version = found.log_version;
                        st.report.torn_bytes = found.torn_bytes;
                        fresh = false;
                    }
                } else {
                    fresh = false;
                    let mut f = OpenOptions::new()
                        .append(true)
                        .open(&wal)
                        .map_err(|e| os_err(&wal, "open", e))?;
                    if good.good_len < bytes.len() as u64 {
                        // provably the unfinished last append (see
                        // "Reading the log"): nothing acknowledged is in it
                        st.io
                            .set_len(&f, good.good_len)
                            .and_then(|_| st.io.sync(&f))
                            .map_err(|e| os_err(&wal, "truncate the torn last record of", e))?;
                    }
                    f.flush().ok();
                    st.log = Some(f);
                    st.log_len = good.good_len;
                    st.next_seq = records + 1;
                }
            } else {
                st.report.stale_log = true;
            }
        }
        if fresh {
            st.new_log()?;
        }
        Ok((g, st))
    }

    fn load_read_only(&mut self) -> Result<Graph> {
        let wal = sibling(&self.path, ".wal");
        if !self.path.exists() {
            return Err(io_err(
                "NotFound",
                format!("there is no database at {}", self.path.display()),
            ));
        }
        for _attempt in 0..5 {
            let (mut g, generation, snap_len) = read_snapshot(&self.path)?;
            self.generation = generation;
            self.report = OpenReport {
                generation,
                snapshot_bytes: snap_len,
                ..OpenReport::default()
            };
            let bytes = match std::fs::read(&wal) {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(g),
                Err(e) => return Err(os_err(&wal, "read", e)),
            };
            let scan = log::scan(&wal.display().to_string(), &bytes)?;
            self.report.log_version = scan.version;
            if scan.generation > generation {
                // a writer checkpointed between our two reads: read again
                continue;
            }
            if scan.generation < generation {
                self.report.stale_log = true;
                return Ok(g);
            }
            let good = log::strict(&scan, &wal, &self.path)?;
            self.report.records = replay(&mut g, &bytes, &good.records, &wal)?;
            self.report.log_bytes = good.good_len;
            self.report.torn_bytes = bytes.len() as u64 - good.good_len;
            return Ok(g);
        }
        let (_, generation, _) = read_snapshot(&self.path)?;
        Err(newer_log(&wal, generation + 1, generation))
    }

    /// Makes one batch durable: one record, written and `fdatasync`ed.
    pub fn append(&mut self, batch: &RedoBatch<'_>) -> Result<()> {
        if self.read_only {
            return Err(io_err(
                "ReadOnly",
                format!(
                    "the database {} is open read-only; it cannot be changed",
                    self.path.display()
                ),
            ));
        }
        if self.poisoned {
            return Err(io_err(
                "Poisoned",
                "an earlier write to the log failed and could not be undone; reopen the database",
            ));
        }
        if self.log.is_none() {
            self.new_log()?;
        }
        let payload = codec::encode_batch(batch.first_sym, batch.names, batch.ops);
        if payload.len() as u64 >= MAX_RECORD as u64 {
            return Err(io_err(
                "TooLarge",
                "a single statement or transaction may write at most 2 GiB to the log",
            ));
        }
        let frame = log::frame(self.next_seq, &payload);
        let f = self.log.as_mut().expect("log opened above");
        let r = self
            .io
            .write_all(f, &frame)
            .and_then(|_| self.io.sync_data(f));
        if let Err(e) = r {
            // Undo the partial append so a later success is not preceded by
            // garbage; if that fails too, refuse further writes.
            let undo = self
                .io
                .set_len(f, self.log_len)
                .and_then(|_| self.io.sync(f));
            if undo.is_err() {
                self.poisoned = true;
            }
            return Err(os_err(
                &sibling(&self.path, ".wal"),
                "write the commit to",
                e,
            ));
        }
        self.log_len += frame.len() as u64;
        self.next_seq += 1;
        self.report.records += 1;
        self.report.log_bytes = self.log_len;
        Ok(())
    }

    /// Whether the store was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Whether the log has grown past the checkpoint size.
    pub fn wants_checkpoint(&self) -> bool {
        !self.read_only && self.log_len > self.checkpoint_bytes
    }

    /// Writes `g` as the next snapshot, rebuilds `g` canonically and starts
    /// a fresh log (see the module docs). `g` must be between transactions.
    pub fn checkpoint(&mut self, g: &mut Graph) -> Result<()> {
        if self.read_only {
            return Err(io_err(
                "ReadOnly",
                "a read-only database cannot be compacted",
            ));
        }
        if self.poisoned {
            return Err(io_err(
                "Poisoned",
                "the log is in a failed state; reopen the database",
            ));
        }
        let next = self.generation + 1;
        let written = self.write_snapshot(g, next);
        if let Err((e, false)) = written {
            return Err(e); // the old snapshot and log are untouched
        }
        // The new snapshot is in place (if its directory fsync failed it may
        // not be durable yet; the new log's directory fsync, which must
        // succeed before any append, makes it so): the old log is stale.
        self.generation = next;
        self.log = None;
        g.canonicalize();
        g.durable_names = g.names.len();
        if let Err((e, _)) = written {
            return Err(e);
        }
        self.report = OpenReport {
            generation: next,
            snapshot_bytes: std::fs::metadata(&self.path).map_or(0, |m| m.len()),
            log_bytes: LOG_HEADER as u64,
            ..OpenReport::default()
        };
        self.new_log()
    }

    /// Writes a snapshot; on failure also says whether it was renamed into
    /// place already.
    fn write_snapshot(&mut self, g: &Graph, generation: u64) -> Result<(), (Error, bool)> {
        let buf = snapshot_bytes(g, generation);
        let tmp = sibling(&self.path, ".tmp");
        self.replace_file(&tmp, &self.path.clone(), &buf)
            .map_err(|(e, renamed)| (os_err(&self.path, "write the snapshot", e), renamed))
    }

    fn new_log(&mut self) -> Result<()> {
        let buf = log::file_header(LOG_VERSION, self.generation);
        let wal = sibling(&self.path, ".wal");
        let tmp = sibling(&self.path, ".wal.tmp");
        self.replace_file(&tmp, &wal, &buf)
            .map_err(|(e, _)| os_err(&wal, "create the log", e))?;
        let f = OpenOptions::new()
            .append(true)
            .open(&wal)
            .map_err(|e| os_err(&wal, "open", e))?;
        self.log = Some(f);
        self.log_len = LOG_HEADER as u64;
        self.next_seq = 1;
        Ok(())
    }

    /// `tmp` ← bytes, fsync, rename over `dest`, fsync the directory.
    /// On failure, also says whether the rename happened.
    fn replace_file(
        &mut self,
        tmp: &Path,
        dest: &Path,
        bytes: &[u8],
    ) -> std::result::Result<(), (io::Error, bool)> {
        let r = (|| {
            let mut f = File::create(tmp)?;
            self.io.write_all(&mut f, bytes)?;
            self.io.sync(&f)?;
            drop(f);
            self.io.rename(tmp, dest)
        })();
        if let Err(e) = r {
            let _ = std::fs::remove_file(tmp);
            return Err((e, false));
        }
        self.io.sync_dir(dest).map_err(|e| (e, true))
    }
}

/// Writes `g` as a new database at `path` (snapshot generation 1 and an
/// empty log), under the writer's lock; refuses if a database (or its log)
/// is already there.
pub(crate) fn create_database(path: &Path, g: &Graph) -> Result<()> {
    let wal = sibling(path, ".wal");
    let exists = |p: &Path| p.exists();
    if exists(path) || exists(&wal) {
        return Err(io_err(
            "AlreadyExists",
            format!(
                "{} already exists; choose a new path (nothing is ever written over a database)",
                if exists(path) { path } else { &wal }.display()
            ),
        ));
    }
    let lock = lock(path)?;
    if exists(path) || exists(&wal) {
        return Err(io_err(
            "AlreadyExists",
            format!("{} was created meanwhile", path.display()),
        ));
    }
    let mut st = Store {
        path: path.to_path_buf(),
        read_only: false,
        _lock: Some(lock),
        log: None,
        log_len: 0,
        next_seq: 1,
        generation: 1,
        poisoned: false,
        checkpoint_bytes: DEFAULT_CHECKPOINT_BYTES,
        io: Io::default(),
        report: OpenReport::default(),
    };
    st.write_snapshot(g, 1).map_err(|(e, _)| e)?;
    st.new_log()
}

/// Installs `store` as `g`'s durability hook: every commit appends a record.
pub fn install(g: &mut Graph, store: std::sync::Arc<std::sync::Mutex<Store>>) {
    g.set_durability(Box::new(move |batch| {
        store
            .lock()
            .map_err(|_| {
                io_err(
                    "Poisoned",
                    "the database store lock was poisoned by a panic",
                )
            })?
            .append(batch)
    }));
}

fn newer_log(wal: &Path, log_gen: u64, snap_gen: u64) -> Error {
    io_err(
        "Corrupted",
        format!(
            "{} follows snapshot generation {log_gen} but the snapshot is generation {snap_gen}: the snapshot is older than its log",
            wal.display()
        ),
    )
}

/// Takes the writer's lock on `PATH.lock`.
fn lock(path: &Path) -> Result<File> {
    let lp = sibling(path, ".lock");
    let mut f = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&lp)
        .map_err(|e| os_err(&lp, "open the lock file", e))?;
    // A lock can outlive its holder by a moment: a process that forks (to
    // run a child) while holding it shares the lock until the child's exec
    // closes the descriptor. Retry briefly before calling it taken.
    let mut tries = 0;
    let locked = loop {
        match f.try_lock() {
            Err(std::fs::TryLockError::WouldBlock) if tries < LOCK_RETRIES => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            other => break other,
        }
    };
    match locked {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let mut s = String::new();
            let _ = f.read_to_string(&mut s);
            let who = s.trim();
            let who = if who.is_empty() { "?" } else { who };
            return Err(io_err(
                "Locked",
                format!(
                    "database is locked by process {who} ({} is open for writing elsewhere; use --read-only to read it)",
                    path.display()
                ),
            ));
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(os_err(&lp, "lock", e)),
    }
    let _ = f.set_len(0);
    let _ = f.write_all(format!("{}\n", std::process::id()).as_bytes());
    Ok(f)
}

/// How many times (10 ms apart) a held lock is tried again before the open
/// fails with `Locked`.
const LOCK_RETRIES: u32 = 20;

/// A whole snapshot file's bytes: header, payload, checksum.
pub(crate) fn snapshot_bytes(g: &Graph, generation: u64) -> Vec<u8> {
    let payload = codec::encode_graph(g);
    let mut buf = Vec::with_capacity(SNAP_HEADER + payload.len() + 4);
    buf.extend_from_slice(&SNAPSHOT_MAGIC);
    // version 1 when there is no full-text index: older plenary reads it
    let version: u32 = if g.fulltext_schema().is_empty() && g.vector_schema().is_empty() {
        1
    } else {
        SNAPSHOT_VERSION
    };
    buf.extend_from_slice(&version.to_le_bytes());
    buf.extend_from_slice(&generation.to_le_bytes());
    buf.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    buf.extend_from_slice(&payload);
    let crc = crc32fast::hash(&buf);
    buf.extend_from_slice(&crc.to_le_bytes());
    buf
}

/// Reads and checks a snapshot: (graph, generation, file size).
fn read_snapshot(path: &Path) -> Result<(Graph, u64, u64)> {
    let bytes = std::fs::read(path).map_err(|e| os_err(path, "read", e))?;
    let (g, generation) = decode_snapshot(&bytes, &path.display().to_string())?;
    Ok((g, generation, bytes.len() as u64))
}

/// Checks and decodes a snapshot's bytes (from a file, or embedded in the
/// binary as the bundled graph is): (graph, generation).
pub(crate) fn decode_snapshot(bytes: &[u8], name: &str) -> Result<(Graph, u64)> {
    let truncated = |what: &str| {
        io_err(
            "Truncated",
            format!(
                "{name} is truncated ({} bytes; {what}): the file was cut short",
                bytes.len()
            ),
        )
    };
    let m = bytes.len().min(8);
    if bytes[..m] != SNAPSHOT_MAGIC[..m] {
        return Err(io_err(
            "Corrupted",
            format!("{name} is not a plenary database (bad magic number)"),
        ));
    }
    if bytes.len() < SNAP_HEADER {
        return Err(truncated("the header needs 28"));
    }
    let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4"));
    check_version(name, version)?;
    let generation = u64::from_le_bytes(bytes[12..20].try_into().expect("8"));
    let n = u64::from_le_bytes(bytes[20..28].try_into().expect("8"));
    let want = (SNAP_HEADER as u64 + 4).saturating_add(n);
    if (bytes.len() as u64) < want {
        return Err(truncated(&format!("the header announces {want}")));
    }
    if bytes.len() as u64 > want {
        return Err(io_err(
            "Corrupted",
            format!(
                "{name} has {} bytes after its end (the header announces {want})",
                bytes.len() as u64 - want
            ),
        ));
    }
    let body = &bytes[..bytes.len() - 4];
    let crc = u32::from_le_bytes(bytes[bytes.len() - 4..].try_into().expect("4"));
    if crc32fast::hash(body) != crc {
        return Err(io_err(
            "Corrupted",
            format!("{name} is corrupted (checksum mismatch)"),
        ));
    }
    let parts = codec::decode_graph(&body[SNAP_HEADER..]).map_err(|e| {
        io_err(
            "Corrupted",
            format!(
                "{name} is corrupted: at payload byte {} expected {}",
                e.at, e.what
            ),
        )
    })?;
    let mut g = Graph::default();
    for n in parts.names {
        g.by_name
            .insert(n.clone(), super::Sym(g.names.len() as u32));
        g.names.push(n);
    }
    if g.by_name.len() != g.names.len() {
        return Err(io_err("Corrupted", format!("{name} has duplicate names")));
    }
    g.g = parts.graph;
    g.rebuild_derived();
    for def in parts.schema {
        g.create_index(def).map_err(|e| {
            io_err(
                "Corrupted",
                format!("{name} has an invalid schema: {}", e.message()),
            )
        })?;
    }
    for def in parts.vectors {
        g.create_vector(def).map_err(|e| {
            io_err(
                "Corrupted",
                format!("{name} has an invalid vector index: {}", e.message()),
            )
        })?;
    }
    for def in parts.fulltext {
        g.create_fulltext(def).map_err(|e| {
            io_err(
                "Corrupted",
                format!("{name} has an invalid full-text index: {}", e.message()),
            )
        })?;
    }
    g.undo.clear();
    g.stats = super::Stats::default();
    Ok((g, generation))
}

fn check_version(name: &str, version: u32) -> Result<()> {
    if version > SNAPSHOT_VERSION {
        return Err(io_err(
            "UnsupportedVersion",
            format!(
                "{name} has format version {version}, newer than this plenary supports ({SNAPSHOT_VERSION}); upgrade plenary"
            ),
        ));
    }
    if version == 0 {
        return Err(io_err(
            "Corrupted",
            format!("{name} is corrupted (format version 0)"),
        ));
    }
    Ok(())
}

/// Applies the good records of a log to `g`; returns how many.
fn replay(
    g: &mut Graph,
    bytes: &[u8],
    records: &[(usize, std::ops::Range<usize>)],
    path: &Path,
) -> Result<u64> {
    for (at, payload) in records {
        let corrupt = |what: String| {
            io_err(
                "Corrupted",
                format!(
                    "{} is corrupted: record at byte {at}: {what}",
                    path.display()
                ),
            )
        };
        let b = codec::decode_batch(&bytes[payload.clone()])
            .map_err(|e| corrupt(format!("at payload byte {} expected {}", e.at, e.what)))?;
        if b.first_sym as usize != g.names.len() {
            return Err(corrupt(format!(
                "its names start at symbol {} but {} names are known",
                b.first_sym,
                g.names.len()
            )));
        }
        for n in &b.names {
            let before = g.names.len();
            let s = g.intern(n);
            if s.0 as usize != before {
                return Err(corrupt(format!("the name {n:?} is already known")));
            }
        }
        let sp = g.savepoint();
        if let Err(e) = apply(g, &b.ops) {
            g.rollback_to(sp);
            return Err(corrupt(e));
        }
        g.commit().map_err(|e| corrupt(e.message().to_string()))?;
    }
    g.stats = super::Stats::default();
    Ok(records.len() as u64)
}

fn apply(g: &mut Graph, ops: &[Redo]) -> std::result::Result<(), String> {
    let msg = |e: Error| e.message().to_string();
    for op in ops {
        match op {
            Redo::CreateNode { id, labels, props } => {
                let got = g.create_node(labels, props.clone());
                if got != *id {
                    return Err(format!(
                        "replayed node creation got id {} but the log says {}",
                        got.0, id.0
                    ));
                }
            }
            Redo::CreateRel {
                id,
                from,
                to,
                ty,
                props,
            } => {
                let got = g.create_rel(*from, *to, *ty, props.clone()).map_err(msg)?;
                if got != *id {
                    return Err(format!(
                        "replayed relationship creation got id {} but the log says {}",
                        got.0, id.0
                    ));
                }
            }
            Redo::SetNodeProp(id, k, v) => g.set_node_prop(*id, *k, v.clone()).map_err(msg)?,
            Redo::SetRelProp(id, k, v) => g.set_rel_prop(*id, *k, v.clone()).map_err(msg)?,
            Redo::AddLabel(id, l) => g.add_label(*id, *l).map_err(msg)?,
            Redo::RemoveLabel(id, l) => g.remove_label(*id, *l).map_err(msg)?,
            Redo::DeleteRel(id) => {
                if !g.rel_exists(*id) {
                    return Err(format!("relationship {} does not exist", id.0));
                }
                g.delete_rel(*id)
            }
            Redo::DeleteNode(id) => {
                if !g.node_exists(*id) {
                    return Err(format!("node {} does not exist", id.0));
                }
                g.delete_node(*id, false)
            }
            Redo::CreateIndex(d) => g.create_index(d.clone()).map_err(msg)?,
            Redo::CreateFulltext(d) => g.create_fulltext(d.clone()).map_err(msg)?,
            Redo::CreateVector(d) => g.create_vector(d.clone()).map_err(msg)?,
            Redo::DropIndex(name) => {
                if !g.drop_index(name).map_err(msg)? {
                    return Err(format!("there is no index {name:?} to drop"));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
