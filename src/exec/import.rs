//! `CALL plenary.import.relationships(file, config)`: a bulk load of
//! relationships from a CSV file, for loads too large for the row-at-a-time
//! Cypher path (`LOAD CSV … MERGE … MERGE`), in the spirit of Kùzu's
//! `COPY rel FROM` or `neo4j-admin import` — but into a live graph, through
//! the store's ordinary write API, so undo, the write-ahead log, indexes,
//! constraints and the pair filter stay exact.
//!
//! Each data row names its two end nodes by a key property (`from`/`to`:
//! a label, a key property and the column holding its value) and becomes
//! one relationship of the configured type with properties taken from
//! columns. With `merge: true` (the default) a relationship of that type
//! between the two nodes that already exists is left alone, which makes
//! the call give the same graph as
//!
//! ```cypher
//! LOAD CSV WITH HEADERS FROM $file AS row
//! CALL {
//!   WITH row
//!   MERGE (a:From {key: row.fromColumn}) ON CREATE SET a.p = row.c   // create: true
//!   WITH a, row MATCH (b:To {key: toInteger(row.toColumn)})          // create: false
//!   MERGE (a)-[r:TYPE]->(b) ON CREATE SET r.p = row.c
//! }
//! ```
//!
//! which runs row by row: each row sees what the rows before it created (a
//! single pipeline without `CALL { }` would make every node of its first
//! MERGE before its MATCH runs). A row whose key is empty (null) is
//! skipped, and counted, where MERGE would fail.
//!
//! # Arguments
//!
//! `file`: a path or `file:` URL of a CSV file with a header row, plain or
//! gzip-compressed (`.gz`), under the database's file-access rules.
//! `config`, a map (a key not listed here is an error naming it and the
//! allowed ones):
//!
//! | key | meaning |
//! |---|---|
//! | `type` | the relationship type (required) |
//! | `from`, `to` | the end nodes (required), each a map: `label`, `key` (a property name) and `column` (a header name) required; `as`: `'STRING'` (default), `'INTEGER'`, `'FLOAT'` or `'BOOLEAN'`, the column's text converted by the rules of `toInteger`/`toFloat`/`toBoolean` before the lookup (text that does not convert is an error naming file and line, not a skip); `create` (default `false`): create `(:label {key: value})` when no node has the value, else skip the row; `properties`: `{prop: column}` (or `{prop: {column, as}}`) set only on nodes the import creates, like `ON CREATE SET` |
//! | `properties` | the relationship's properties: `{prop: column}` or `{prop: {column, as}}` |
//! | `merge` | `true` (default): when a relationship of the type already goes from the one node to the other, create none and leave its properties alone; `false`: one relationship per row |
//! | `delimiter` | the field separator, one ASCII character (default `,`) |
//! | `batchSize` | a positive integer: validate and commit every n rows, as `CALL { } IN TRANSACTIONS OF n ROWS` does (refused inside an explicit transaction); without it the call is one atomic statement: a failure leaves the graph unchanged |
//!
//! A header that lacks a named column is an error naming it and listing
//! the header. An empty field is null: a null key skips the row (counted in
//! `skipped`, as is a row whose node does not exist without `create`); a
//! null property is not set. Several nodes with the label sharing a key
//! value are an error naming the value: the bulk path needs unique keys, so
//! give the key a uniqueness constraint (which also gives the lookup an
//! index). Keys compare with Cypher equality (`1 = 1.0`, strings exactly);
//! NaN matches nothing (the row is skipped).
//!
//! # Outputs
//!
//! One row: `rows` (data rows read), `skipped`, `nodesCreated`,
//! `relationshipsCreated`. The statement's counters (nodes and
//! relationships created, properties set, labels added) are reported as
//! for any write.
//!
//! # How
//!
//! The file is read by LOAD CSV's reader (`exec::csv::stream`: the same
//! confinement, gzip, reader thread and file:line errors). Per row there is
//! no row value, no map and no expression: the configuration is compiled
//! once into column numbers and symbols; a key is found by its text in a
//! small cache (the row before, then a hash map of the texts seen), then by
//! the store's property index on (label, key) when there is one, else by a
//! hash map built once from the label's nodes (keys compared under Cypher
//! equality, `1 = 1.0`); strings are shared through a [`StringPool`].
//! Each batch of records is done in three passes (`Import::segment`): find
//! or create both ends of every row; ask the store's pair filter about all
//! the pairs at once (`Graph::may_be_joined_all`: a filter of a large graph
//! does not fit in the cache, and one question at a time would wait for
//! each miss); create the relationships `merge` does not find.
//!
//! Without `batchSize` the call is part of its statement: one atomic unit.
//! With it, what the call did is validated and committed every `batchSize`
//! rows exactly as `CALL { } IN TRANSACTIONS OF n ROWS` does, so the undo
//! log stays small (a failure keeps the batches committed before it).

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};
use smallvec::SmallVec;

use super::Ctx;
use super::csv::{self, Fields};
use super::eval::describe;
use super::functions::{parse_bool_str, parse_float_str, parse_int_str};
use super::ops::Flow;
use crate::error::{Error, Result};
use crate::store::{Dir, Graph, OrdValue, Props, Savepoint, Sym};
use crate::value::pool::StringPool;
use crate::value::{Map, NodeId, Value};

/// The procedure's name, for messages.
const NAME: &str = "plenary.import.relationships";

/// The keys of the configuration map.
const TOP_KEYS: &[&str] = &[
    "type",
    "from",
    "to",
    "properties",
    "merge",
    "delimiter",
    "batchSize",
];
/// The keys of `from` and `to`.
const END_KEYS: &[&str] = &["label", "key", "column", "as", "create", "properties"];
/// The keys of a property given as a map.
const PROP_KEYS: &[&str] = &["column", "as"];

/// The distinct key texts remembered per end (beyond them, keys are still
/// found, through the index or the label's map, just not by their text).
const MAX_CACHED: usize = 1 << 20;

/// How a column's text becomes a value (`as`): the rules of `toInteger`,
/// `toFloat` and `toBoolean`, except that text that does not convert is an
/// error rather than null.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Conv {
    String,
    Integer,
    Float,
    Boolean,
}

impl Conv {
    fn name(self) -> &'static str {
        match self {
            Conv::String => "STRING",
            Conv::Integer => "INTEGER",
            Conv::Float => "FLOAT",
            Conv::Boolean => "BOOLEAN",
        }
    }

    fn parse(v: Option<&Value>, what: &str) -> Result<Conv> {
        let Some(s) = string(v, what)? else {
            return Ok(Conv::String);
        };
        Ok(match s.to_ascii_uppercase().as_str() {
            "STRING" => Conv::String,
            "INTEGER" => Conv::Integer,
            "FLOAT" => Conv::Float,
            "BOOLEAN" => Conv::Boolean,
            _ => {
                return Err(bad_config(format!(
                    "{what} must be 'STRING', 'INTEGER', 'FLOAT' or 'BOOLEAN', got '{s}'"
                )));
            }
        })
    }

    /// The value of a field's text (`None`: empty, which is null).
    #[inline]
    fn apply(self, text: &str, column: &str, pool: &mut StringPool) -> Result<Option<Value>> {
        if text.is_empty() {
            return Ok(None);
        }
        let v = match self {
            Conv::String => Some(Value::String(pool.share(text))),
            Conv::Integer => parse_int_str(text).map(Value::Int),
            Conv::Float => parse_float_str(text).map(Value::Float),
            Conv::Boolean => parse_bool_str(text).map(Value::Bool),
        };
        match v {
            Some(v) => Ok(Some(v)),
            None => Err(Error::argument(
                "InvalidArgumentValue",
                format!(
                    "column `{column}`: {} does not convert to {}",
                    describe(&Value::str(text)),
                    self.name()
                ),
            )),
        }
    }
}

// ---- the configuration --------------------------------------------------------

/// A property taken from a column, as configured.
#[derive(Debug)]
struct PropSpec {
    key: String,
    column: String,
    conv: Conv,
}

/// `from` or `to`, as configured.
#[derive(Debug)]
struct EndSpec {
    label: String,
    key: String,
    column: String,
    conv: Conv,
    create: bool,
    props: Vec<PropSpec>,
}

/// The configuration map, checked.
#[derive(Debug)]
struct Config {
    ty: String,
    from: EndSpec,
    to: EndSpec,
    props: Vec<PropSpec>,
    merge: bool,
    delimiter: u8,
    batch: Option<usize>,
}

fn bad_config(msg: impl std::fmt::Display) -> Error {
    Error::argument("InvalidArgumentValue", format!("{NAME}: {msg}"))
}

fn bad_type(what: &str, want: &str, v: &Value) -> Error {
    Error::type_error(
        "InvalidArgumentType",
        format!("{NAME}: {what} must be {want}, got {}", describe(v)),
    )
}

/// `v` as a map whose keys are all in `allowed`.
fn map<'a>(v: &'a Value, what: &str, allowed: &[&str]) -> Result<&'a Map> {
    let Value::Map(m) = v else {
        return Err(bad_type(what, "a Map", v));
    };
    if let Some(k) = m.keys().find(|k| !allowed.contains(&&***k)) {
        return Err(bad_config(format!(
            "unknown key `{k}` in {what}; allowed: {}",
            allowed.join(", ")
        )));
    }
    Ok(m)
}

/// A string entry (`None` when missing or null).
fn string(v: Option<&Value>, what: &str) -> Result<Option<String>> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.to_string())),
        Some(v) => Err(bad_type(what, "a String", v)),
    }
}

/// A required, non-empty string entry.
fn name(m: &Map, key: &str, what: &str) -> Result<String> {
    let what = format!("{what}.{key}");
    match string(m.get(key), &what)? {
        Some(s) if !s.is_empty() => Ok(s),
        Some(_) => Err(bad_config(format!("{what} must not be empty"))),
        None => Err(bad_config(format!("{what} is required"))),
    }
}

/// A boolean entry, `default` when missing or null.
fn flag(m: &Map, key: &str, what: &str, default: bool) -> Result<bool> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(default),
        Some(Value::Bool(b)) => Ok(*b),
        Some(v) => Err(bad_type(&format!("{what}.{key}"), "a Boolean", v)),
    }
}

/// `properties`: property → column name, or → `{column, as}`.
fn props(v: Option<&Value>, what: &str) -> Result<Vec<PropSpec>> {
    let Some(v) = v.filter(|v| !v.is_null()) else {
        return Ok(Vec::new());
    };
    let Value::Map(m) = v else {
        return Err(bad_type(what, "a Map", v));
    };
    let mut out = Vec::with_capacity(m.len());
    for (key, spec) in m.iter() {
        let at = format!("{what}.{key}");
        let (column, conv) = match spec {
            Value::String(c) => (c.to_string(), Conv::String),
            Value::Map(_) => {
                let p = map(spec, &at, PROP_KEYS)?;
                (
                    name(p, "column", &at)?,
                    Conv::parse(p.get("as"), &format!("{at}.as"))?,
                )
            }
            v => {
                return Err(bad_type(
                    &at,
                    "a column name (String) or a Map {column, as}",
                    v,
                ));
            }
        };
        out.push(PropSpec {
            key: key.to_string(),
            column,
            conv,
        });
    }
    Ok(out)
}

fn end(v: Option<&Value>, what: &str) -> Result<EndSpec> {
    let v = v.ok_or_else(|| bad_config(format!("{what} is required")))?;
    let m = map(v, what, END_KEYS)?;
    let spec = EndSpec {
        label: name(m, "label", what)?,
        key: name(m, "key", what)?,
        column: name(m, "column", what)?,
        conv: Conv::parse(m.get("as"), &format!("{what}.as"))?,
        create: flag(m, "create", what, false)?,
        props: props(m.get("properties"), &format!("{what}.properties"))?,
    };
    if spec.props.iter().any(|p| p.key == spec.key) {
        return Err(bad_config(format!(
            "{what}.properties sets `{}`, the key, which comes from column `{}`",
            spec.key, spec.column
        )));
    }
    Ok(spec)
}

impl Config {
    fn parse(v: &Value) -> Result<Config> {
        let m = map(v, "the config", TOP_KEYS)?;
        let ty = name(m, "type", "config")?;
        let from = end(m.get("from"), "config.from")?;
        let to = end(m.get("to"), "config.to")?;
        let props = props(m.get("properties"), "config.properties")?;
        let merge = flag(m, "merge", "config", true)?;
        let delimiter = match string(m.get("delimiter"), "config.delimiter")? {
            None => b',',
            Some(s) if s.len() == 1 && s != "\n" && s != "\r" && s != "\"" => s.as_bytes()[0],
            Some(s) => {
                return Err(bad_config(format!(
                    "config.delimiter must be one ASCII character (not a quote or line break), got {s:?}"
                )));
            }
        };
        let batch = match m.get("batchSize") {
            None | Some(Value::Null) => None,
            Some(Value::Int(n)) if *n > 0 => Some(usize::try_from(*n).unwrap_or(usize::MAX)),
            Some(Value::Int(n)) => {
                return Err(bad_config(format!(
                    "config.batchSize must be a positive Integer, got {n}"
                )));
            }
            Some(v) => return Err(bad_type("config.batchSize", "a positive Integer", v)),
        };
        Ok(Config {
            ty,
            from,
            to,
            props,
            merge,
            delimiter,
            batch,
        })
    }
}

// ---- the compiled import ------------------------------------------------------

/// A property set from a column: its key, column number, conversion, and
/// the column's name for messages.
struct Prop {
    key: Sym,
    col: usize,
    conv: Conv,
    column: String,
    /// The column's first few distinct strings: a category ('yes', 'no')
    /// is found here by a comparison or two, before the pool's hash.
    recent: SmallVec<[Arc<str>; RECENT]>,
}

/// How many strings [`Prop::recent`] keeps.
const RECENT: usize = 4;

impl Prop {
    /// The value of the column's text in a row (`None`: null).
    #[inline]
    fn value(&mut self, text: &str, pool: &mut StringPool) -> Result<Option<Value>> {
        if self.conv == Conv::String && !text.is_empty() {
            if let Some(s) = self.recent.iter().find(|s| ***s == *text) {
                return Ok(Some(Value::String(s.clone())));
            }
            let s = pool.share(text);
            if self.recent.len() < RECENT {
                self.recent.push(s.clone());
            }
            return Ok(Some(Value::String(s)));
        }
        self.conv.apply(text, &self.column, pool)
    }
}

/// How the nodes of one (label, key) are found by key value.
enum Finder {
    /// Through the store's property index (which also sees the nodes the
    /// import creates).
    Index,
    /// Through a map built from the label's nodes; created nodes are added.
    Map(FxHashMap<OrdValue, Found>),
}

#[derive(Debug, Clone, Copy)]
enum Found {
    One(NodeId),
    /// Several nodes share the value: an error when a row asks for it.
    Many,
}

/// One end of the relationships, compiled.
struct End {
    label: Sym,
    key: Sym,
    col: usize,
    conv: Conv,
    create: bool,
    props: Vec<Prop>,
    /// Which of `Import::finders` finds its nodes (shared by both ends
    /// when they have the same label and key).
    finder: usize,
    /// Key texts already resolved (only to nodes: a text not found is
    /// looked up again, since the other end may have created it since).
    cache: FxHashMap<Box<str>, NodeId>,
    /// The text of the last key resolved and its node (keys often repeat
    /// from row to row in sorted files).
    last: String,
    last_node: Option<NodeId>,
    /// The configured column and key names, for messages.
    column: String,
    label_name: String,
    key_name: String,
}

/// The running import: the compiled configuration and the counters.
struct Import {
    ty: Sym,
    from: End,
    to: End,
    props: Vec<Prop>,
    merge: bool,
    finders: Vec<(Sym, Sym, Finder)>,
    pool: StringPool,
    seek: SmallVec<[NodeId; 4]>,
    /// Per segment: the ends of each row (`None`: skipped), the pairs
    /// among them, the pair filter's answers, and the pairs given a
    /// relationship so far.
    ends: Vec<Option<(NodeId, NodeId)>>,
    pairs: Vec<(NodeId, NodeId)>,
    maybe: Vec<bool>,
    fresh: FxHashSet<(NodeId, NodeId)>,
    rows: u64,
    skipped: u64,
    nodes: u64,
    rels: u64,
}

/// Runs `CALL plenary.import.relationships(file, config)` and returns its
/// one output row: `rows`, `skipped`, `nodesCreated`, `relationshipsCreated`.
pub fn relationships(ctx: &Ctx, file: &Value, config: &Value) -> Result<Vec<Value>> {
    let Value::String(url) = file else {
        return Err(bad_type("the file", "a String path or file URL", file));
    };
    let cfg = Config::parse(config)?;
    let mut import: Option<Import> = None;
    // IN TRANSACTIONS' rule: commit every `n` rows from a fresh savepoint
    let mut batch = match cfg.batch {
        Some(n) => {
            let mut g = ctx.graph_mut()?;
            super::ops::no_open_transaction(&g, &format!("{NAME} with batchSize"))?;
            Some((n, g.savepoint()))
        }
        None => None,
    };
    csv::stream(ctx, url, cfg.delimiter, NAME, &mut |name, chunk| {
        let mut g = ctx.graph_mut()?;
        // (one allocation per batch of records, not per row)
        let recs: Vec<_> = chunk.iter().collect();
        let mut data = &recs[..];
        let im = match &mut import {
            Some(im) => im,
            None => {
                let Some(((header, line), rest)) = data.split_first() else {
                    return Ok(Flow::Continue);
                };
                data = rest;
                import.insert(
                    Import::new(&mut g, &cfg, *header).map_err(|e| csv::at_line(name, *line, e))?,
                )
            }
        };
        // in segments that end where a batch ends
        while !data.is_empty() {
            let room = match batch {
                Some((n, _)) => n - (im.rows % n as u64) as usize,
                None => data.len(),
            };
            let (seg, rest) = data.split_at(room.min(data.len()));
            data = rest;
            im.segment(ctx, &mut g, name, seg)?;
            if let Some((_, line)) = seg.last() {
                commit_batch(&mut g, &mut batch, im.rows)
                    .map_err(|e| csv::at_line(name, *line, e))?;
            }
        }
        Ok(Flow::Continue)
    })?;
    let Some(im) = import else {
        return Err(Error::argument(
            "InvalidArgumentValue",
            format!("{NAME}: {url} is empty: there is no header row naming the columns"),
        ));
    };
    if let Some((_, sp)) = batch {
        ctx.graph_mut()?.validate_since(sp)?;
    }
    Ok([im.rows, im.skipped, im.nodes, im.rels]
        .into_iter()
        .map(|n| Value::Int(i64::try_from(n).unwrap_or(i64::MAX)))
        .collect())
}

/// With `batchSize`, after every `n`th row: validate what the batch did,
/// commit it and start the next (as `Op::Apply` does for IN TRANSACTIONS).
fn commit_batch(g: &mut Graph, batch: &mut Option<(usize, Savepoint)>, rows: u64) -> Result<()> {
    if let Some((n, sp)) = batch
        && rows.is_multiple_of(*n as u64)
    {
        g.validate_since(*sp)?;
        g.commit()?;
        *sp = g.savepoint();
    }
    Ok(())
}

/// The column number of `column` in the header (the last one of that name,
/// as LOAD CSV's maps have it).
fn column(header: &[&str], column: &str) -> Result<usize> {
    header.iter().rposition(|h| *h == column).ok_or_else(|| {
        Error::argument(
            "InvalidArgumentValue",
            format!(
                "{NAME}: no column `{column}` in the header; its columns are {}",
                header
                    .iter()
                    .map(|h| format!("`{h}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
    })
}

fn compile_props(g: &mut Graph, header: &[&str], specs: &[PropSpec]) -> Result<Vec<Prop>> {
    specs
        .iter()
        .map(|p| {
            Ok(Prop {
                key: g.intern(&p.key),
                col: column(header, &p.column)?,
                conv: p.conv,
                column: p.column.clone(),
                recent: SmallVec::new(),
            })
        })
        .collect()
}

impl Import {
    /// Compiles the configuration against the header record.
    fn new(g: &mut Graph, cfg: &Config, header: Fields<'_>) -> Result<Import> {
        let header: Vec<&str> = (0..header.len())
            .map(|i| header.get(i).unwrap_or(""))
            .collect();
        let mut finders: Vec<(Sym, Sym, Finder)> = Vec::new();
        let mut end = |g: &mut Graph, s: &EndSpec| -> Result<End> {
            let (label, key) = (g.intern(&s.label), g.intern(&s.key));
            let finder = match finders.iter().position(|f| (f.0, f.1) == (label, key)) {
                Some(i) => i,
                None => {
                    let f = if g.has_index(label, key) {
                        Finder::Index
                    } else {
                        Finder::Map(key_map(g, label, key))
                    };
                    finders.push((label, key, f));
                    finders.len() - 1
                }
            };
            Ok(End {
                label,
                key,
                col: column(&header, &s.column)?,
                conv: s.conv,
                create: s.create,
                props: compile_props(g, &header, &s.props)?,
                finder,
                cache: FxHashMap::default(),
                last: String::new(),
                last_node: None,
                column: s.column.clone(),
                label_name: s.label.clone(),
                key_name: s.key.clone(),
            })
        };
        let from = end(g, &cfg.from)?;
        let to = end(g, &cfg.to)?;
        Ok(Import {
            ty: g.intern(&cfg.ty),
            from,
            to,
            props: compile_props(g, &header, &cfg.props)?,
            merge: cfg.merge,
            finders,
            pool: StringPool::default(),
            seek: SmallVec::new(),
            ends: Vec::new(),
            pairs: Vec::new(),
            maybe: Vec::new(),
            fresh: FxHashSet::default(),
            rows: 0,
            skipped: 0,
            nodes: 0,
            rels: 0,
        })
    }

    /// Rows of one batch (or part of a chunk): first both ends of every
    /// row are found (or created), then the pair filter is asked about all
    /// the pairs at once (its cache misses overlap), then the relationships
    /// are created, unless `merge` finds one (among those before the
    /// segment, or those it created itself). Nodes and relationships are
    /// numbered apart, so this gives the ids that going row by row would.
    fn segment(
        &mut self,
        ctx: &Ctx,
        g: &mut Graph,
        name: &str,
        seg: &[(Fields<'_>, u64)],
    ) -> Result<()> {
        self.ends.clear();
        for (rec, line) in seg {
            ctx.tick()?;
            self.rows += 1;
            let ends = self
                .ends(g, *rec)
                .map_err(|e| csv::at_line(name, *line, e))?;
            if ends.is_none() {
                self.skipped += 1;
            }
            self.ends.push(ends);
        }
        if self.merge {
            self.pairs.clear();
            self.pairs.extend(self.ends.iter().flatten());
            g.may_be_joined_all(&self.pairs, &mut self.maybe);
            self.fresh.clear();
        }
        let mut maybe = self.maybe.iter();
        for ((rec, line), ends) in seg.iter().zip(&self.ends) {
            let Some((from, to)) = *ends else {
                continue;
            };
            if self.merge {
                let maybe = maybe.next().copied().unwrap_or(true);
                if self.fresh.contains(&(from, to)) || (maybe && joined(g, from, to, self.ty)) {
                    continue;
                }
                self.fresh.insert((from, to));
            }
            let mut props = Props::new();
            for p in &mut self.props {
                if let Some(v) = p
                    .value(rec.get(p.col).unwrap_or(""), &mut self.pool)
                    .map_err(|e| csv::at_line(name, *line, e))?
                {
                    props.push((p.key, v));
                }
            }
            g.create_rel(from, to, self.ty, props)
                .map_err(|e| csv::at_line(name, *line, e))?;
            self.rels += 1;
        }
        Ok(())
    }

    /// Both ends of a row, found or created; `None` when the row is skipped.
    #[inline]
    fn ends(&mut self, g: &mut Graph, rec: Fields<'_>) -> Result<Option<(NodeId, NodeId)>> {
        let Some(from) = self.node(g, rec, true)? else {
            return Ok(None);
        };
        Ok(self.node(g, rec, false)?.map(|to| (from, to)))
    }

    /// The node one end of the row names: found, created (`create`), or
    /// `None` (a null key, or no such node without `create`).
    #[inline]
    fn node(&mut self, g: &mut Graph, rec: Fields<'_>, from: bool) -> Result<Option<NodeId>> {
        let end = if from { &mut self.from } else { &mut self.to };
        let text = rec.get(end.col).unwrap_or("");
        if text.is_empty() {
            return Ok(None);
        }
        if end.last_node.is_some() && end.last == text {
            return Ok(end.last_node);
        }
        let n = match end.cache.get(text) {
            Some(n) => *n,
            None => {
                let Some(n) = find_or_create(
                    g,
                    end,
                    &mut self.finders,
                    &mut self.pool,
                    &mut self.seek,
                    &mut self.nodes,
                    text,
                    rec,
                )?
                else {
                    return Ok(None);
                };
                if end.cache.len() < MAX_CACHED {
                    end.cache.insert(text.into(), n);
                }
                n
            }
        };
        end.last.clear();
        end.last.push_str(text);
        end.last_node = Some(n);
        Ok(Some(n))
    }
}

/// The label's nodes by key value (`Many` for a value several share).
fn key_map(g: &Graph, label: Sym, key: Sym) -> FxHashMap<OrdValue, Found> {
    let mut m = FxHashMap::default();
    for n in g.nodes_with_label(label) {
        let Some(v) = g.node_prop(n, key) else {
            continue;
        };
        if !comparable(v) {
            continue;
        }
        m.entry(OrdValue(v.clone()))
            .and_modify(|f| *f = Found::Many)
            .or_insert(Found::One(n));
    }
    m
}

/// Whether a key value can equal anything (null and NaN equal nothing).
fn comparable(v: &Value) -> bool {
    !(v.is_null() || matches!(v, Value::Float(f) if f.is_nan()))
}

/// The key text's node, not in the end's text cache: converted, looked up,
/// created when missing and `create` is on.
#[allow(clippy::too_many_arguments)]
#[cold]
fn find_or_create(
    g: &mut Graph,
    end: &End,
    finders: &mut [(Sym, Sym, Finder)],
    pool: &mut StringPool,
    seek: &mut SmallVec<[NodeId; 4]>,
    created: &mut u64,
    text: &str,
    rec: Fields<'_>,
) -> Result<Option<NodeId>> {
    let Some(v) = end.conv.apply(text, &end.column, pool)? else {
        return Ok(None);
    };
    if !comparable(&v) {
        return Ok(None);
    }
    let dup = || {
        Error::argument(
            "InvalidArgumentValue",
            format!(
                "several :{} nodes have {} = {}; the import needs unique keys (a uniqueness constraint on :{}({}) keeps them so)",
                end.label_name, end.key_name, v, end.label_name, end.key_name
            ),
        )
    };
    let Some((_, _, finder)) = finders.get(end.finder) else {
        return Err(Error::runtime(
            "InternalError",
            "internal error: an import end without its node finder",
        ));
    };
    let found = match finder {
        Finder::Index => {
            seek.clear();
            g.index_seek(end.label, end.key, &v, seek);
            match seek[..] {
                [] => None,
                [n] => Some(n),
                _ => return Err(dup()),
            }
        }
        Finder::Map(m) => match m.get(&OrdValue(v.clone())) {
            None => None,
            Some(Found::One(n)) => Some(*n),
            Some(Found::Many) => return Err(dup()),
        },
    };
    if found.is_some() || !end.create {
        return Ok(found);
    }
    let mut props = Props::new();
    props.push((end.key, v.clone()));
    for p in &end.props {
        if let Some(x) = p
            .conv
            .apply(rec.get(p.col).unwrap_or(""), &p.column, pool)?
        {
            props.push((p.key, x));
        }
    }
    let n = g.create_node(&[end.label], props);
    *created += 1;
    // later rows find it, by this key or any other of its label the import
    // looks nodes up by (an index sees it by itself)
    for (label, key, finder) in finders.iter_mut() {
        if let (Finder::Map(m), true) = (finder, *label == end.label)
            && let Some(v) = g.node_prop(n, *key).filter(|v| comparable(v))
        {
            m.entry(OrdValue(v.clone()))
                .and_modify(|f| *f = Found::Many)
                .or_insert(Found::One(n));
        }
    }
    Ok(Some(n))
}

/// Whether a relationship of type `ty` goes from `from` to `to` (asked
/// when the pair filter could not rule it out): the shorter of the two
/// adjacency lists is walked.
fn joined(g: &Graph, from: NodeId, to: NodeId, ty: Sym) -> bool {
    let (start, dir, other) = if g.degree(from, Dir::Out) <= g.degree(to, Dir::In) {
        (from, Dir::Out, to)
    } else {
        (to, Dir::In, from)
    };
    let mut found = false;
    g.for_each_rel(start, dir, &[ty], |_, o, _| found |= o == other);
    found
}
