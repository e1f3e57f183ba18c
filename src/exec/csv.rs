//! `LOAD CSV`: streams a plain or gzip-compressed CSV file, one row at a
//! time (never the whole file in memory). With headers each row is a map
//! from column name to value, without them a list; empty fields are null.
//! Errors name the file and the line. File access honours the database's
//! confinement options.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Ctx;
use super::ops::Flow;
use crate::error::{Error, ErrorKind, Result};
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

fn open(path: &Path, url: &str) -> Result<Box<dyn Read>> {
    let f = File::open(path).map_err(|e| io_err(url, format!("cannot open: {e}")))?;
    let r = BufReader::with_capacity(1 << 16, f);
    if path.extension().is_some_and(|e| e == "gz") {
        Ok(Box::new(flate2::read::MultiGzDecoder::new(r)))
    } else {
        Ok(Box::new(r))
    }
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
    let reader = open(&path, url)?;
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(reader);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| url.to_string());
    let mut header: Option<Vec<Arc<str>>> = None;
    // short repeated strings ('yes', 'no', country codes) share one allocation
    let mut pool: HashMap<Box<str>, Arc<str>> = HashMap::new();
    let mut intern = |s: &str| -> Value {
        if s.is_empty() {
            return Value::Null;
        }
        if s.len() > 24 {
            return Value::str(s);
        }
        if let Some(a) = pool.get(s) {
            return Value::String(a.clone());
        }
        let a: Arc<str> = Arc::from(s);
        if pool.len() < 100_000 {
            pool.insert(s.into(), a.clone());
        }
        Value::String(a)
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
            header = Some(rec.iter().map(Arc::from).collect());
            continue;
        }
        let v = match &header {
            Some(h) => {
                let mut m = Map::new();
                for (i, key) in h.iter().enumerate() {
                    let v = rec.get(i).map_or(Value::Null, &mut intern);
                    m.insert(key.clone(), v);
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
