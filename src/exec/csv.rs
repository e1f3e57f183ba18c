//! `LOAD CSV`: streams a plain or gzip-compressed CSV file, one row at a
//! time (never the whole file in memory). With headers each row is a map
//! from column name to value, without them a list; empty fields are null.
//! Errors name the file and the line. File access honours the database's
//! confinement options.
//!
//! A gzip file is inflated on a second thread, a few chunks ahead of the
//! parser (bounded, so memory stays small), overlapping decompression with
//! the statement's work.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

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

/// Resolves a `file:` URL or path, applying the confinement options.
fn resolve(ctx: &Ctx, url: &str) -> Result<PathBuf> {
    let opts = ctx.options();
    if !opts.allow_files {
        return Err(Error::new(
            ErrorKind::RuntimeError,
            "FileAccessDenied",
            "LOAD CSV is disabled for this database (file access is turned off)",
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
        None => Ok(p),
        Some(root) => {
            let joined = if p.is_absolute() { p } else { root.join(p) };
            let canon = joined
                .canonicalize()
                .map_err(|e| io_err(url, format!("cannot open: {e}")))?;
            let root = root
                .canonicalize()
                .map_err(|e| io_err(url, format!("bad file root: {e}")))?;
            if !canon.starts_with(&root) {
                return Err(Error::new(
                    ErrorKind::RuntimeError,
                    "FileAccessDenied",
                    format!(
                        "{url}: outside the directory LOAD CSV may read ({})",
                        root.display()
                    ),
                ));
            }
            Ok(canon)
        }
    }
}

/// How much the inflating thread hands over at a time, and how many such
/// chunks may wait (the memory bound of read-ahead).
const CHUNK: usize = 1 << 18;
const AHEAD: usize = 4;

/// The reading end of the inflating thread: chunks arrive through a bounded
/// channel; an I/O error arrives in place of a chunk, and the end of the
/// channel is the end of the file.
struct Inflated {
    rx: Receiver<std::io::Result<Vec<u8>>>,
    buf: Vec<u8>,
    pos: usize,
}

impl Read for Inflated {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.pos >= self.buf.len() {
            match self.rx.recv() {
                Ok(chunk) => {
                    self.buf = chunk?;
                    self.pos = 0;
                }
                Err(_) => return Ok(0),
            }
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// The inflating thread's loop: stops at the end of the file, after an
/// error, or when the reader is gone (the statement stopped early).
fn inflate(mut src: impl Read, tx: SyncSender<std::io::Result<Vec<u8>>>) {
    loop {
        let mut chunk = vec![0u8; CHUNK];
        let mut len = 0;
        while len < CHUNK {
            match src.read(&mut chunk[len..]) {
                Ok(0) => break,
                Ok(n) => len += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    let _ = tx.send(Err(e));
                    return;
                }
            }
        }
        if len == 0 {
            return;
        }
        chunk.truncate(len);
        if tx.send(Ok(chunk)).is_err() || len < CHUNK {
            return;
        }
    }
}

fn open(path: &Path, url: &str) -> Result<(File, bool)> {
    let f = File::open(path).map_err(|e| io_err(url, format!("cannot open: {e}")))?;
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
    let path = resolve(ctx, url)?;
    let (file, gz) = open(&path, url)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| url.to_string());
    if !gz {
        let r = BufReader::with_capacity(1 << 16, file);
        return parse(ctx, r, &name, headers, delimiter, k);
    }
    let src = flate2::read::MultiGzDecoder::new(BufReader::with_capacity(1 << 16, file));
    let (tx, rx) = sync_channel(AHEAD);
    let reader = Inflated {
        rx,
        buf: Vec::new(),
        pos: 0,
    };
    // the scope joins the thread; `parse` drops the reader first, so a
    // statement that stops early also stops the thread
    std::thread::scope(|s| {
        s.spawn(move || inflate(src, tx));
        parse(ctx, reader, &name, headers, delimiter, k)
    })
}

/// Parses CSV from `reader` (consumed, and dropped before returning).
fn parse(
    ctx: &Ctx,
    reader: impl Read,
    name: &str,
    headers: bool,
    delimiter: u8,
    k: &mut dyn FnMut(Value) -> Result<Flow>,
) -> Result<Flow> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(1 << 16)
        .from_reader(reader);
    // with headers: a map with every column name (each once; a repeated
    // name takes its last column, as inserting them in turn would) and
    // null values, and the column of each key in key order
    let mut header: Option<(Map, Vec<usize>)> = None;
    // short repeated strings ('yes', 'no', country codes) share one allocation
    let mut pool = StringPool::default();
    let mut intern = |s: &str| -> Value {
        if s.is_empty() {
            Value::Null
        } else {
            Value::String(pool.share(s))
        }
    };
    let mut rec = csv::StringRecord::new();
    loop {
        ctx.tick()?;
        let more = rdr.read_record(&mut rec).map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            io_err(&format!("{name}:{line}"), e)
        })?;
        if !more {
            break;
        }
        if headers && header.is_none() {
            let mut cols: Vec<(Arc<str>, usize)> = rec
                .iter()
                .enumerate()
                .map(|(i, h)| (Arc::from(h), i))
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
            header = Some((template, uniq.into_iter().map(|(_, i)| i).collect()));
            continue;
        }
        let v = match &header {
            Some((template, cols)) => {
                // cloning the template copies its nodes without comparing
                // a single key; its values are visited in key order
                let mut m = template.clone();
                for (slot, i) in m.values_mut().zip(cols) {
                    *slot = rec.get(*i).map_or(Value::Null, &mut intern);
                }
                Value::map(m)
            }
            None => Value::list(rec.iter().map(&mut intern).collect()),
        };
        if k(v).map_err(|e| {
            let line = rec.position().map_or(0, |p| p.line());
            if e.kind() == ErrorKind::Cancelled {
                e
            } else {
                Error::new(
                    e.kind(),
                    e.code().as_str(),
                    format!("{name}:{line}: {}", e.message()),
                )
            }
        })? == Flow::Stop
        {
            return Ok(Flow::Stop);
        }
    }
    Ok(Flow::Continue)
}
