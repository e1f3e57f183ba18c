//! `LOAD CSV`: streams a plain or gzip-compressed CSV file, one row at a
//! time (never the whole file in memory). With headers each row is a map
//! from column name to value, without them a list; empty fields are null.
//! Errors name the file and the line. File access honours the database's
//! confinement options.
//!
//! A file of some size is read on a second thread: it inflates (gzip),
//! parses and builds the row values, and hands them over in batches through
//! a bounded channel (a few batches ahead, so memory stays small), so the
//! reading overlaps the statement's work on each row. Each row carries its
//! line, so an error while processing it names that line; a statement that
//! stops early drops the channel's receiving end, which stops the reader.
//! Small files are read on the statement's own thread, the same way.
//!
//! The file handling — resolving and confining the path ([`resolve`]),
//! opening plain or gzip files, the reader thread and its record batches
//! ([`stream`], [`Chunk`]) and naming the line of a failing record
//! ([`at_line`]) — is shared with `CALL plenary.import.relationships`
//! (`exec::import`), which reads the records without making row values.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, sync_channel};

use super::Ctx;
use super::ops::Flow;
use crate::error::{Error, ErrorKind, Result};
use crate::value::pool::StringPool;
use crate::value::{Map, Value};

fn io_err(path: &str, msg: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorKind::IoError,
        "ExternalResourceFailed",
        format!("{path}: {msg}"),
    )
}

/// `e` placed at `span` (the file argument in the statement) when it is a
/// failure to reach or read the file — missing, denied, not CSV, bad gzip —
/// and has no position yet; errors of the rows' processing stay as they are.
pub(super) fn locate(e: Error, span: crate::error::Span) -> Error {
    let external = e.kind() == ErrorKind::IoError || e.code().as_str() == "FileAccessDenied";
    if external { e.at(span) } else { e }
}

/// The other name of a CSV file: `x.csv.gz` for `x.csv` and the other way
/// round (any name: `.gz` is added or taken off).
fn other_name(p: &Path) -> Option<PathBuf> {
    let name = p.file_name()?.to_str()?;
    let other = match name.strip_suffix(".gz") {
        Some("") => return None,
        Some(plain) => plain.to_string(),
        None => format!("{name}.gz"),
    };
    Some(p.with_file_name(other))
}

/// The file to read for `p`: `p` when it exists; when it does not but its
/// other name does (`votes.csv.gz` ↔ `votes.csv`, see [`other_name`]), that
/// one — so one script reads a folder of compressed files and a folder of
/// plain ones. The rule never shadows a file that exists, and whether a
/// file is inflated follows the name actually read. Otherwise `p`, whose
/// opening then fails naming both.
fn existing(p: PathBuf) -> PathBuf {
    if p.exists() {
        return p;
    }
    match other_name(&p) {
        Some(o) if o.is_file() => o,
        _ => p,
    }
}

/// `cannot open` for a missing file, naming the other name looked for.
fn cannot_open(url: &str, path: &Path, e: std::io::Error) -> Error {
    let also = match other_name(path) {
        Some(o) if e.kind() == std::io::ErrorKind::NotFound => format!(
            " (nor is there {})",
            o.file_name()
                .map_or(String::new(), |n| n.to_string_lossy().to_string())
        ),
        _ => String::new(),
    };
    io_err(url, format!("cannot open: {e}{also}"))
}

/// Resolves a `file:` URL or path, applying the confinement options;
/// `what` names the reading clause or procedure in errors. A file that
/// does not exist under its name is looked for under its other name
/// ([`existing`]).
pub(super) fn resolve(ctx: &Ctx, url: &str, what: &str) -> Result<PathBuf> {
    let opts = ctx.options();
    if !opts.allow_files {
        return Err(Error::new(
            ErrorKind::RuntimeError,
            "FileAccessDenied",
            format!("{what} is disabled for this database (file access is turned off)"),
        ));
    }
    let raw = url
        .strip_prefix("file://")
        .or_else(|| url.strip_prefix("file:"))
        .unwrap_or(url);
    if url.contains("://") && !url.starts_with("file://") {
        return Err(io_err(
            url,
            "only local files (paths or file: URLs) can be loaded",
        ));
    }
    let p = PathBuf::from(raw);
    match &opts.file_root {
        None => Ok(existing(p)),
        Some(root) => {
            let joined = existing(if p.is_absolute() { p } else { root.join(p) });
            let canon = joined
                .canonicalize()
                .map_err(|e| cannot_open(url, &joined, e))?;
            let root = root
                .canonicalize()
                .map_err(|e| io_err(url, format!("bad file root: {e}")))?;
            if !canon.starts_with(&root) {
                return Err(Error::new(
                    ErrorKind::RuntimeError,
                    "FileAccessDenied",
                    format!(
                        "{url}: outside the directory {what} may read ({})",
                        root.display()
                    ),
                ));
            }
            Ok(canon)
        }
    }
}

/// Records handed over at a time, and how many such batches may wait to be
/// consumed (the memory bound of read-ahead).
const BATCH: usize = 512;
const AHEAD: usize = 4;

/// Files smaller than this (on disk) are read on the statement's own thread:
/// starting a thread would cost more than it saves.
const INLINE_BELOW: u64 = 256 << 10;

/// Parsed records in one flat buffer: the fields' text back to back, where
/// each field ends, and for each record where its fields end (in `ends`)
/// and the line it starts on. Few allocations, read front to back: cheap to
/// hand to another thread (the rows' values are built by the thread that
/// uses them, so their memory is warm in its cache).
#[derive(Debug, Default)]
pub(super) struct Chunk {
    text: String,
    ends: Vec<usize>,
    records: Vec<(usize, u64)>,
}

impl Chunk {
    fn with_capacity() -> Chunk {
        Chunk {
            text: String::with_capacity(BATCH * 64),
            ends: Vec::with_capacity(BATCH * 8),
            records: Vec::with_capacity(BATCH),
        }
    }

    fn push(&mut self, rec: &csv::StringRecord, line: u64) {
        for f in rec {
            self.text.push_str(f);
            self.ends.push(self.text.len());
        }
        self.records.push((self.ends.len(), line));
    }

    /// The records: each an iterator over its fields, and its line.
    pub(super) fn iter(&self) -> impl Iterator<Item = (Fields<'_>, u64)> + '_ {
        let mut first = 0;
        self.records.iter().map(move |&(last, line)| {
            let ends = &self.ends[first..last];
            let start = first.checked_sub(1).map_or(0, |i| self.ends[i]);
            first = last;
            (
                Fields {
                    text: &self.text,
                    start,
                    ends,
                },
                line,
            )
        })
    }
}

/// One record's fields in a [`Chunk`].
#[derive(Clone, Copy)]
pub(super) struct Fields<'a> {
    text: &'a str,
    start: usize,
    ends: &'a [usize],
}

impl<'a> Fields<'a> {
    /// The number of fields.
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Field `i`'s text (`None` past the record's last field).
    pub(super) fn get(&self, i: usize) -> Option<&'a str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { self.start } else { self.ends[i - 1] };
        self.text.get(start..end)
    }
}

/// What the reader hands over: parsed records, or the error that ends the file.
type Batch = Result<Chunk>;

fn open(path: &Path, url: &str) -> Result<(File, bool)> {
    let f = File::open(path).map_err(|e| cannot_open(url, path, e))?;
    Ok((f, path.extension().is_some_and(|e| e == "gz")))
}

/// Streams the file's rows into `k`.
pub fn load(
    ctx: &Ctx,
    url: &str,
    headers: bool,
    delimiter: u8,
    k: &mut dyn FnMut(Value) -> Result<Flow>,
) -> Result<Flow> {
    let mut rows = Rows::new(headers);
    stream(ctx, url, delimiter, "LOAD CSV", &mut |name, chunk| {
        rows.consume(ctx, name, chunk, k)
    })
}

/// Reads the CSV file at `url` (a path or `file:` URL, confined by the
/// database's file-access options; `.gz` inflated) and hands its records,
/// header included, to `each` a batch at a time, with the file's name for
/// messages. A file of some size is inflated and parsed on a second
/// thread while `each` works; when `each` answers `Stop` or fails, the
/// reader stops. A parse error comes after the records before it, naming
/// the file and line. `what` names the caller in errors.
pub(super) fn stream(
    ctx: &Ctx,
    url: &str,
    delimiter: u8,
    what: &str,
    each: &mut dyn FnMut(&str, &Chunk) -> Result<Flow>,
) -> Result<Flow> {
    let path = resolve(ctx, url, what)?;
    let (file, gz) = open(&path, url)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| url.to_string());
    let size = file.metadata().map_or(u64::MAX, |m| m.len());
    let file = BufReader::with_capacity(1 << 16, file);
    let reader: Box<dyn Read + Send> = if gz {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let name = name.as_str();
    if size < INLINE_BELOW {
        let mut flow = Ok(Flow::Continue);
        produce(reader, name, delimiter, &mut |batch| {
            flow = batch.and_then(|chunk| each(name, &chunk));
            matches!(flow, Ok(Flow::Continue))
        });
        return flow;
    }
    let (tx, rx) = sync_channel::<Batch>(AHEAD);
    // the scope joins the reader; `consume_all` drops the receiver first,
    // so a caller that stops early (LIMIT, an error, cancellation) makes
    // the reader's next send fail, and it stops too
    std::thread::scope(|s| {
        s.spawn(move || produce(reader, name, delimiter, &mut |b| tx.send(b).is_ok()));
        consume_all(name, rx, each)
    })
}

/// Feeds every batch from the reader to `each` (the receiver is dropped on return).
fn consume_all(
    name: &str,
    rx: Receiver<Batch>,
    each: &mut dyn FnMut(&str, &Chunk) -> Result<Flow>,
) -> Result<Flow> {
    for batch in rx {
        if each(name, &batch?)? == Flow::Stop {
            return Ok(Flow::Stop);
        }
    }
    Ok(Flow::Continue)
}

/// `e`, raised while processing the record on `line` of file `name`, with
/// the file and line in front of its message (a cancellation stays as it is).
pub(super) fn at_line(name: &str, line: u64, e: Error) -> Error {
    if e.kind() == ErrorKind::Cancelled {
        e
    } else {
        Error::new(
            e.kind(),
            e.code().as_str(),
            format!("{name}:{line}: {}", e.message()),
        )
        .at_opt(e.span())
        .in_phase(e.is_compile_time())
    }
}

/// Turns records into row values: a map per record with headers, else a list.
struct Rows {
    /// With headers, before the header record has been seen.
    want_header: bool,
    /// A map with every column name (each once; a repeated name takes its
    /// last column, as inserting them in turn would) and null values, and
    /// the column of each key in key order.
    header: Option<(Map, Vec<usize>)>,
    /// Short repeated strings ('yes', 'no', country codes) share one allocation.
    pool: StringPool,
    /// Each column's value in the row before: a value repeated from one row
    /// to the next (a sorted key, a category) is taken from here, whose
    /// memory is warm, without a lookup in the pool.
    last: Vec<Value>,
}

impl Rows {
    fn new(headers: bool) -> Rows {
        Rows {
            want_header: headers,
            header: None,
            pool: StringPool::default(),
            last: Vec::new(),
        }
    }

    /// Feeds one batch to `k`; an error from `k` is prefixed with the file
    /// and the line of the row it failed on.
    fn consume(
        &mut self,
        ctx: &Ctx,
        name: &str,
        chunk: &Chunk,
        k: &mut dyn FnMut(Value) -> Result<Flow>,
    ) -> Result<Flow> {
        for (rec, line) in chunk.iter() {
            if self.want_header {
                self.set_header(rec);
                continue;
            }
            ctx.tick()?;
            let v = self.row(rec);
            if k(v).map_err(|e| at_line(name, line, e))? == Flow::Stop {
                return Ok(Flow::Stop);
            }
        }
        Ok(Flow::Continue)
    }

    fn set_header(&mut self, rec: Fields<'_>) {
        self.want_header = false;
        let mut cols: Vec<(Arc<str>, usize)> = (0..rec.len())
            .map(|i| (Arc::from(rec.get(i).unwrap_or("")), i))
            .collect();
        // stable: equal names stay in column order, the last one wins
        cols.sort_by(|a, b| a.0.cmp(&b.0));
        let mut uniq: Vec<(Arc<str>, usize)> = Vec::with_capacity(cols.len());
        for c in cols {
            match uniq.last_mut() {
                Some(last) if last.0 == c.0 => *last = c,
                _ => uniq.push(c),
            }
        }
        let template: Map = uniq.iter().map(|(k, _)| (k.clone(), Value::Null)).collect();
        self.header = Some((template, uniq.into_iter().map(|(_, i)| i).collect()));
    }

    fn row(&mut self, rec: Fields<'_>) -> Value {
        if self.last.len() < rec.len() {
            self.last.resize(rec.len(), Value::Null);
        }
        let (pool, last) = (&mut self.pool, &mut self.last);
        let mut field = |i: usize| -> Value {
            let s = rec.get(i).unwrap_or("");
            if s.is_empty() {
                return Value::Null;
            }
            if let Value::String(prev) = &last[i]
                && **prev == *s
            {
                return last[i].clone();
            }
            let v = Value::String(pool.share(s));
            last[i] = v.clone();
            v
        };
        match &self.header {
            Some((template, cols)) => {
                // cloning the template copies its nodes without comparing
                // a single key; its values are visited in key order
                let mut m = template.clone();
                for (slot, i) in m.values_mut().zip(cols) {
                    if *i < rec.len() {
                        *slot = field(*i);
                    }
                }
                Value::map(m)
            }
            None => Value::list((0..rec.len()).map(field).collect()),
        }
    }
}

/// Parses CSV from `reader` and hands the records to `emit` in batches,
/// until the end of the file, an error (emitted after the records before
/// it), or `emit` answering `false` (nobody wants more). Returns the
/// number of records parsed.
fn produce(
    reader: impl Read,
    name: &str,
    delimiter: u8,
    emit: &mut dyn FnMut(Batch) -> bool,
) -> usize {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(1 << 16)
        .from_reader(reader);
    let mut chunk = Chunk::with_capacity();
    let mut rec = csv::StringRecord::new();
    let mut parsed = 0;
    loop {
        match rdr.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                // a read error (a damaged or truncated gzip stream) has no
                // position of its own: it comes after the last record read
                let err = match (e.position(), e.kind()) {
                    (Some(p), _) => io_err(&format!("{name}:{}", p.line()), e),
                    (None, csv::ErrorKind::Io(io)) if name.ends_with(".gz") => io_err(
                        name,
                        format!(
                            "cannot inflate after {parsed} records (not valid gzip data): {io}"
                        ),
                    ),
                    (None, _) => io_err(name, format!("after {parsed} records: {e}")),
                };
                if !chunk.records.is_empty() && !emit(Ok(chunk)) {
                    return parsed;
                }
                emit(Err(err));
                return parsed;
            }
        }
        chunk.push(&rec, rec.position().map_or(0, |p| p.line()));
        parsed += 1;
        if chunk.records.len() == BATCH
            && !emit(Ok(std::mem::replace(&mut chunk, Chunk::with_capacity())))
        {
            return parsed;
        }
    }
    if !chunk.records.is_empty() {
        emit(Ok(chunk));
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(n: usize) -> Vec<u8> {
        let mut s = String::from("a,b\n");
        for i in 0..n {
            s.push_str(&format!("{i},x\n"));
        }
        s.into_bytes()
    }

    #[test]
    fn a_consumer_that_stops_stops_the_producer() {
        let data = rows(100_000);
        let (tx, rx) = sync_channel::<Batch>(AHEAD);
        let parsed = std::thread::scope(|s| {
            let p = s.spawn(move || produce(&data[..], "t.csv", b',', &mut |b| tx.send(b).is_ok()));
            let first = rx.recv().unwrap().unwrap();
            assert_eq!(first.records.len(), BATCH);
            let recs: Vec<_> = first.iter().collect();
            assert_eq!((recs[0].0.get(1), recs[0].1), (Some("b"), 1));
            assert_eq!((recs[1].0.get(0), recs[1].1), (Some("0"), 2));
            assert_eq!(recs[1].0.get(2), None);
            drop(rx);
            p.join().unwrap()
        });
        // the batch taken, those waiting in the channel, the one being sent
        // and the one that found the channel closed
        assert!(parsed <= (AHEAD + 3) * BATCH, "{parsed}");
    }

    #[test]
    fn values_repeated_from_the_row_before_are_shared_and_still_right() {
        let data = b"a,b,c\nx,y,z\nx,,z\nx,y\nlong value repeated past the pool,q,z\nlong value repeated past the pool,q,w\n";
        let mut chunks = Vec::new();
        produce(&data[..], "t.csv", b',', &mut |b| {
            chunks.push(b.unwrap());
            true
        });
        let mut rows = Rows::new(true);
        let mut got = Vec::new();
        for c in &chunks {
            for (rec, _) in c.iter() {
                if rows.want_header {
                    rows.set_header(rec);
                } else {
                    got.push(rows.row(rec));
                }
            }
        }
        let field = |v: &Value, k: &str| match v {
            Value::Map(m) => m.get(k).cloned().unwrap_or(Value::Bool(false)),
            _ => Value::Bool(false),
        };
        let text = |v: Value| match v {
            Value::String(s) => s.to_string(),
            Value::Null => "null".to_string(),
            _ => "?".to_string(),
        };
        let cols: Vec<Vec<String>> = got
            .iter()
            .map(|r| ["a", "b", "c"].iter().map(|k| text(field(r, k))).collect())
            .collect();
        assert_eq!(
            cols,
            vec![
                vec!["x", "y", "z"],
                vec!["x", "null", "z"],
                vec!["x", "y", "null"],
                vec!["long value repeated past the pool", "q", "z"],
                vec!["long value repeated past the pool", "q", "w"],
            ]
        );
        let (Value::String(a), Value::String(b)) = (field(&got[3], "a"), field(&got[4], "a"))
        else {
            panic!("strings")
        };
        assert!(Arc::ptr_eq(&a, &b));
    }

    #[test]
    fn a_parse_error_comes_after_the_rows_before_it_and_names_its_line() {
        let mut data = rows(2000);
        data.extend_from_slice(b"1,\xff\n2,y\n");
        let mut got = Vec::new();
        let mut err = None;
        let n = produce(&data[..], "t.csv", b',', &mut |b| {
            match b {
                Ok(c) => got.extend(c.iter().map(|(_, l)| l)),
                Err(e) => err = Some(e.to_string()),
            }
            true
        });
        assert_eq!(n, 2001);
        assert_eq!(got.len(), 2001);
        assert_eq!(got[2000], 2001);
        let err = err.expect("an error");
        assert!(err.contains("t.csv:2002"), "{err}");
    }
}
