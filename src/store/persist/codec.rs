//! The byte encodings of [`super`]'s formats: varints, values, the snapshot
//! payload and the log-record payload. The layouts are documented byte by
//! byte in the parent module; this file is their single implementation.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use super::super::{
    Analyzer, CanonicalBuilder, Entity, FulltextDef, Graph, IndexDef, IndexKind, NodeRec, Props,
    Redo, RelRec, Similarity, Sym, VectorDef,
};
use crate::value::pool::StringPool;
use crate::value::{DateTimeTz, Duration, NodeId, RelId, TimeTz, Value};

/// A decoding failure: what was wrong, at which payload offset.
#[derive(Debug)]
pub struct DecodeError {
    /// Byte offset in the payload.
    pub at: usize,
    /// What was expected.
    pub what: String,
    /// The payload ended too soon: more bytes could have made it valid.
    pub cut: bool,
}

pub type DResult<T> = Result<T, DecodeError>;

// ---- writing ---------------------------------------------------------------

/// Appends an unsigned LEB128 varint.
pub fn put_u64(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Appends a zigzag-encoded signed varint.
pub fn put_i64(out: &mut Vec<u8>, v: i64) {
    put_u64(out, ((v << 1) ^ (v >> 63)) as u64);
}

/// Appends a length-prefixed UTF-8 string.
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u64(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn put_time(out: &mut Vec<u8>, t: &NaiveTime) {
    put_u64(out, t.num_seconds_from_midnight() as u64);
    put_u64(out, t.nanosecond() as u64);
}

fn put_date(out: &mut Vec<u8>, d: &NaiveDate) {
    put_i64(out, d.num_days_from_ce() as i64);
}

use chrono::Datelike;

/// Appends a value (tags in the module docs of [`super`]).
pub fn put_value(out: &mut Vec<u8>, v: &Value) {
    match v {
        Value::Null => out.push(0),
        Value::Bool(false) => out.push(1),
        Value::Bool(true) => out.push(2),
        Value::Int(i) => {
            out.push(3);
            put_i64(out, *i);
        }
        Value::Float(f) => {
            out.push(4);
            out.extend_from_slice(&f.to_bits().to_le_bytes());
        }
        Value::String(s) => {
            out.push(5);
            put_str(out, s);
        }
        Value::List(l) => {
            out.push(6);
            put_u64(out, l.len() as u64);
            for x in l.iter() {
                put_value(out, x);
            }
        }
        Value::Map(m) => {
            out.push(7);
            put_u64(out, m.len() as u64);
            for (k, x) in m.iter() {
                put_str(out, k);
                put_value(out, x);
            }
        }
        Value::Date(d) => {
            out.push(8);
            put_date(out, d);
        }
        Value::LocalTime(t) => {
            out.push(9);
            put_time(out, t);
        }
        Value::Time(t) => {
            out.push(10);
            put_time(out, &t.time);
            put_i64(out, t.offset as i64);
        }
        Value::LocalDateTime(t) => {
            out.push(11);
            put_date(out, &t.date());
            put_time(out, &t.time());
        }
        Value::DateTime(t) => {
            out.push(12);
            put_date(out, &t.local.date());
            put_time(out, &t.local.time());
            put_i64(out, t.offset as i64);
            match &t.zone {
                None => out.push(0),
                Some(z) => {
                    out.push(1);
                    put_str(out, z);
                }
            }
        }
        Value::Duration(d) => {
            out.push(13);
            put_i64(out, d.months);
            put_i64(out, d.days);
            put_i64(out, d.seconds);
            put_i64(out, d.nanos as i64);
        }
        // Not storable as properties; never reach the store's write API.
        Value::Node(_) | Value::Rel(_) | Value::Path(_) => out.push(0),
    }
}

fn put_props(out: &mut Vec<u8>, props: &Props) {
    put_u64(out, props.len() as u64);
    for (k, v) in props {
        put_u64(out, k.0 as u64);
        put_value(out, v);
    }
}

fn put_syms(out: &mut Vec<u8>, syms: &[Sym]) {
    put_u64(out, syms.len() as u64);
    for s in syms {
        put_u64(out, s.0 as u64);
    }
}

fn put_def(out: &mut Vec<u8>, d: &IndexDef) {
    put_str(out, &d.name);
    put_u64(out, d.label.0 as u64);
    put_u64(out, d.key.0 as u64);
    out.push(match d.kind {
        IndexKind::Index => 0,
        IndexKind::Unique => 1,
        IndexKind::NotNull => 2,
    });
}

fn put_fulltext(out: &mut Vec<u8>, d: &FulltextDef) {
    put_str(out, &d.name);
    out.push(match d.entity {
        Entity::Node => 0,
        Entity::Relationship => 1,
    });
    put_syms(out, &d.tokens);
    put_syms(out, &d.props);
    out.push(d.analyzer.code());
}

fn put_vector(out: &mut Vec<u8>, d: &VectorDef) {
    put_str(out, &d.name);
    out.push(match d.entity {
        Entity::Node => 0,
        Entity::Relationship => 1,
    });
    put_u64(out, d.token.0 as u64);
    put_u64(out, d.key.0 as u64);
    put_u64(out, d.dimensions as u64);
    out.push(match d.similarity {
        Similarity::Cosine => 0,
        Similarity::Euclidean => 1,
    });
}

/// The snapshot payload of `g` (must be between transactions).
pub fn encode_graph(g: &Graph) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + g.node_count() * 16 + g.rel_count() * 16);
    put_u64(&mut out, g.names.len() as u64);
    for n in &g.names {
        put_str(&mut out, n);
    }
    put_u64(&mut out, g.node_count() as u64);
    for id in g.nodes() {
        let n = &g.g[super::super::ni(id)];
        put_u64(&mut out, id.0 as u64);
        put_syms(&mut out, &n.labels);
        put_props(&mut out, &n.props);
    }
    put_u64(&mut out, g.rel_count() as u64);
    for id in g.rels() {
        let r = &g.g[super::super::ei(id)];
        let (a, b) = g.rel_endpoints(id).expect("live relationship");
        put_u64(&mut out, id.0 as u64);
        put_u64(&mut out, a.0 as u64);
        put_u64(&mut out, b.0 as u64);
        put_u64(&mut out, r.ty.0 as u64);
        put_props(&mut out, &r.props);
    }
    let schema = g.schema();
    put_u64(&mut out, schema.len() as u64);
    for d in schema {
        put_def(&mut out, d);
    }
    // format version 2: the full-text and vector indexes (absent in version 1)
    let fulltext = g.fulltext_schema();
    let vectors = g.vector_schema();
    if !fulltext.is_empty() || !vectors.is_empty() {
        put_u64(&mut out, fulltext.len() as u64);
        for d in fulltext {
            put_fulltext(&mut out, d);
        }
        put_u64(&mut out, vectors.len() as u64);
        for d in vectors {
            put_vector(&mut out, d);
        }
    }
    out
}

/// A log record's payload: new names, then the mutations.
pub fn encode_batch(first_sym: u32, names: &[Box<str>], ops: &[Redo]) -> Vec<u8> {
    let mut out = Vec::with_capacity(32 + ops.len() * 16);
    put_u64(&mut out, first_sym as u64);
    put_u64(&mut out, names.len() as u64);
    for n in names {
        put_str(&mut out, n);
    }
    put_u64(&mut out, ops.len() as u64);
    for op in ops {
        match op {
            Redo::CreateNode { id, labels, props } => {
                out.push(1);
                put_u64(&mut out, id.0 as u64);
                put_syms(&mut out, labels);
                put_props(&mut out, props);
            }
            Redo::CreateRel {
                id,
                from,
                to,
                ty,
                props,
            } => {
                out.push(2);
                put_u64(&mut out, id.0 as u64);
                put_u64(&mut out, from.0 as u64);
                put_u64(&mut out, to.0 as u64);
                put_u64(&mut out, ty.0 as u64);
                put_props(&mut out, props);
            }
            Redo::SetNodeProp(id, k, v) => {
                out.push(3);
                put_u64(&mut out, id.0 as u64);
                put_u64(&mut out, k.0 as u64);
                put_value(&mut out, v);
            }
            Redo::SetRelProp(id, k, v) => {
                out.push(4);
                put_u64(&mut out, id.0 as u64);
                put_u64(&mut out, k.0 as u64);
                put_value(&mut out, v);
            }
            Redo::AddLabel(id, l) => {
                out.push(5);
                put_u64(&mut out, id.0 as u64);
                put_u64(&mut out, l.0 as u64);
            }
            Redo::RemoveLabel(id, l) => {
                out.push(6);
                put_u64(&mut out, id.0 as u64);
                put_u64(&mut out, l.0 as u64);
            }
            Redo::DeleteRel(id) => {
                out.push(7);
                put_u64(&mut out, id.0 as u64);
            }
            Redo::DeleteNode(id) => {
                out.push(8);
                put_u64(&mut out, id.0 as u64);
            }
            Redo::CreateIndex(d) => {
                out.push(9);
                put_def(&mut out, d);
            }
            Redo::DropIndex(name) => {
                out.push(10);
                put_str(&mut out, name);
            }
            Redo::CreateFulltext(d) => {
                out.push(11);
                put_fulltext(&mut out, d);
            }
            Redo::CreateVector(d) => {
                out.push(12);
                put_vector(&mut out, d);
            }
        }
    }
    out
}

// ---- reading ---------------------------------------------------------------

/// A cursor over a payload.
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    /// Short strings read so far: a value repeated on many records ('yes',
    /// a country code) shares one allocation, as it did when loaded.
    pool: StringPool,
}

impl<'a> Reader<'a> {
    /// Reads `buf` from the start.
    pub fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader {
            buf,
            pos: 0,
            pool: Default::default(),
        }
    }

    /// A string value, shared with earlier equal short strings.
    fn shared_str(&mut self) -> DResult<Arc<str>> {
        let s = self.str()?;
        Ok(self.pool.share(s))
    }

    fn err<T>(&self, what: impl Into<String>) -> DResult<T> {
        Err(DecodeError {
            at: self.pos,
            what: what.into(),
            cut: false,
        })
    }

    /// An error where the payload ended too soon.
    fn cut<T>(&self, what: impl Into<String>) -> DResult<T> {
        Err(DecodeError {
            at: self.pos,
            what: what.into(),
            cut: true,
        })
    }

    /// Whether everything was read.
    pub fn at_end(&self) -> bool {
        self.pos == self.buf.len()
    }

    /// Fails unless everything was read.
    pub fn finish(&self) -> DResult<()> {
        if self.at_end() {
            Ok(())
        } else {
            self.err(format!(
                "{} unexpected trailing bytes",
                self.buf.len() - self.pos
            ))
        }
    }

    fn byte(&mut self) -> DResult<u8> {
        match self.buf.get(self.pos) {
            Some(b) => {
                self.pos += 1;
                Ok(*b)
            }
            None => self.cut("a byte, found the end of the payload"),
        }
    }

    fn bytes(&mut self, n: usize) -> DResult<&'a [u8]> {
        if self.buf.len() - self.pos < n {
            return self.cut(format!("{n} bytes, found the end of the payload"));
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    /// An unsigned varint.
    pub fn u64(&mut self) -> DResult<u64> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            if shift == 63 && b > 1 {
                return self.err("a varint of at most 64 bits");
            }
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        self.err("a varint of at most 10 bytes")
    }

    /// A zigzag varint.
    pub fn i64(&mut self) -> DResult<i64> {
        let u = self.u64()?;
        Ok(((u >> 1) as i64) ^ -((u & 1) as i64))
    }

    fn u32(&mut self) -> DResult<u32> {
        let v = self.u64()?;
        u32::try_from(v).or_else(|_| self.err(format!("a 32-bit number, found {v}")))
    }

    fn i32(&mut self) -> DResult<i32> {
        let v = self.i64()?;
        i32::try_from(v).or_else(|_| self.err(format!("a 32-bit number, found {v}")))
    }

    /// A count, bounded by the bytes left (every element takes at least one).
    fn count(&mut self) -> DResult<usize> {
        let n = self.u64()?;
        if n > (self.buf.len() - self.pos) as u64 {
            return self.cut(format!("a count, found {n} (more than the bytes left)"));
        }
        Ok(n as usize)
    }

    /// A length-prefixed UTF-8 string.
    pub fn str(&mut self) -> DResult<&'a str> {
        let n = self.count()?;
        let start = self.pos;
        let b = self.bytes(n)?;
        std::str::from_utf8(b).map_err(|_| DecodeError {
            at: start,
            what: "a UTF-8 string".into(),
            cut: false,
        })
    }

    fn sym(&mut self, names: usize) -> DResult<Sym> {
        let s = self.u32()?;
        if s as usize >= names {
            return self.err(format!("a name number below {names}, found {s}"));
        }
        Ok(Sym(s))
    }

    fn time(&mut self) -> DResult<NaiveTime> {
        let secs = self.u32()?;
        let nanos = self.u32()?;
        NaiveTime::from_num_seconds_from_midnight_opt(secs, nanos)
            .map_or_else(|| self.err("a valid time of day"), Ok)
    }

    fn date(&mut self) -> DResult<NaiveDate> {
        let d = self.i32()?;
        NaiveDate::from_num_days_from_ce_opt(d).map_or_else(|| self.err("a valid date"), Ok)
    }

    /// A value.
    pub fn value(&mut self) -> DResult<Value> {
        self.value_at(0)
    }

    fn value_at(&mut self, depth: usize) -> DResult<Value> {
        if depth > 64 {
            return self.err("values nested at most 64 deep");
        }
        let tag = self.byte()?;
        Ok(match tag {
            0 => Value::Null,
            1 => Value::Bool(false),
            2 => Value::Bool(true),
            3 => Value::Int(self.i64()?),
            4 => {
                let b = self.bytes(8)?;
                Value::Float(f64::from_bits(u64::from_le_bytes(b.try_into().expect("8"))))
            }
            5 => Value::String(self.shared_str()?),
            6 => {
                let n = self.count()?;
                let mut l = Vec::with_capacity(n);
                for _ in 0..n {
                    l.push(self.value_at(depth + 1)?);
                }
                Value::list(l)
            }
            7 => {
                let n = self.count()?;
                let mut m = crate::value::Map::new();
                for _ in 0..n {
                    let k: Arc<str> = Arc::from(self.str()?);
                    m.insert(k, self.value_at(depth + 1)?);
                }
                Value::map(m)
            }
            8 => Value::Date(self.date()?),
            9 => Value::LocalTime(self.time()?),
            10 => {
                let time = self.time()?;
                let offset = self.i32()?;
                Value::Time(TimeTz { time, offset })
            }
            11 => {
                let d = self.date()?;
                let t = self.time()?;
                Value::LocalDateTime(NaiveDateTime::new(d, t))
            }
            12 => {
                let d = self.date()?;
                let t = self.time()?;
                let offset = self.i32()?;
                let zone = match self.byte()? {
                    0 => None,
                    1 => Some(Arc::from(self.str()?)),
                    z => return self.err(format!("a zone flag 0 or 1, found {z}")),
                };
                Value::DateTime(Arc::new(DateTimeTz {
                    local: NaiveDateTime::new(d, t),
                    offset,
                    zone,
                }))
            }
            13 => {
                let months = self.i64()?;
                let days = self.i64()?;
                let seconds = self.i64()?;
                let nanos = self.i32()?;
                Value::Duration(Arc::new(Duration {
                    months,
                    days,
                    seconds,
                    nanos,
                }))
            }
            t => return self.err(format!("a value tag 0..=13, found {t}")),
        })
    }

    fn props(&mut self, names: usize) -> DResult<Props> {
        let n = self.count()?;
        let mut p = Props::with_capacity(n);
        for _ in 0..n {
            let k = self.sym(names)?;
            p.push((k, self.value()?));
        }
        Ok(p)
    }

    fn syms(&mut self, names: usize) -> DResult<Vec<Sym>> {
        let n = self.count()?;
        (0..n).map(|_| self.sym(names)).collect()
    }

    fn def(&mut self, names: usize) -> DResult<IndexDef> {
        let name = self.str()?.to_string();
        let label = self.sym(names)?;
        let key = self.sym(names)?;
        let kind = match self.byte()? {
            0 => IndexKind::Index,
            1 => IndexKind::Unique,
            2 => IndexKind::NotNull,
            k => return self.err(format!("an index kind 0..=2, found {k}")),
        };
        Ok(IndexDef {
            name,
            label,
            key,
            kind,
        })
    }

    fn fulltext(&mut self, names: usize) -> DResult<FulltextDef> {
        let name = self.str()?.to_string();
        let entity = match self.byte()? {
            0 => Entity::Node,
            1 => Entity::Relationship,
            k => return self.err(format!("a full-text entity kind 0..=1, found {k}")),
        };
        let tokens = self.syms(names)?;
        let props = self.syms(names)?;
        let code = self.byte()?;
        let Some(analyzer) = Analyzer::from_code(code) else {
            return self.err(format!("an analyzer code 0..=2, found {code}"));
        };
        Ok(FulltextDef {
            name,
            entity,
            tokens,
            props,
            analyzer,
        })
    }

    fn vector(&mut self, names: usize) -> DResult<VectorDef> {
        let name = self.str()?.to_string();
        let entity = match self.byte()? {
            0 => Entity::Node,
            1 => Entity::Relationship,
            k => return self.err(format!("a vector entity kind 0..=1, found {k}")),
        };
        let token = self.sym(names)?;
        let key = self.sym(names)?;
        let dimensions = self.u64()?;
        if dimensions == 0 || dimensions > crate::store::vector::MAX_DIMENSIONS as u64 {
            return self.err(format!(
                "vector dimensions 1..={}, found {dimensions}",
                crate::store::vector::MAX_DIMENSIONS
            ));
        }
        let dimensions = dimensions as usize;
        let similarity = match self.byte()? {
            0 => Similarity::Cosine,
            1 => Similarity::Euclidean,
            k => return self.err(format!("a similarity code 0..=1, found {k}")),
        };
        Ok(VectorDef {
            name,
            entity,
            token,
            key,
            dimensions,
            similarity,
        })
    }
}

/// The decoded snapshot payload.
pub struct GraphParts {
    pub names: Vec<Box<str>>,
    /// The nodes and relationships, built by the canonical procedure.
    pub graph: super::super::PgGraph,
    pub schema: Vec<IndexDef>,
    /// The full-text indexes (format version 2).
    pub fulltext: Vec<FulltextDef>,
    /// The vector indexes (format version 2).
    pub vectors: Vec<VectorDef>,
}

/// Most slots a snapshot may ask for beyond its entity count, so a
/// corrupt id cannot make the loader allocate gigabytes.
const MAX_SLACK: u64 = 1 << 26;

/// Decodes a snapshot payload.
pub fn decode_graph(buf: &[u8]) -> DResult<GraphParts> {
    let mut r = Reader::new(buf);
    let n_names = r.count()?;
    let mut names = Vec::with_capacity(n_names);
    for _ in 0..n_names {
        names.push(Box::from(r.str()?));
    }
    let nn = names.len();
    let n_nodes = r.count()?;
    let mut nodes: Vec<Option<NodeRec>> = Vec::with_capacity(n_nodes);
    for _ in 0..n_nodes {
        let id = r.u32()?;
        if (id as usize) < nodes.len() || id as u64 > n_nodes as u64 + MAX_SLACK {
            return r.err(format!("node ids in increasing order, found {id}"));
        }
        nodes.resize_with(id as usize, || None);
        let labels = r.syms(nn)?;
        let props = r.props(nn)?;
        nodes.push(Some(NodeRec {
            labels: labels.into(),
            props,
            deleted: false,
            out_deg: 0,
            in_deg: 0,
        }));
    }
    let node_live: Vec<bool> = nodes.iter().map(Option::is_some).collect();
    let n_rels = r.count()?;
    // streamed into the graph: the relationships are never held twice
    let mut b = CanonicalBuilder::new(nodes, n_rels);
    for _ in 0..n_rels {
        let id = r.u32()?;
        if (id as usize) < b.rel_slots() || id as u64 > n_rels as u64 + MAX_SLACK {
            return r.err(format!("relationship ids in increasing order, found {id}"));
        }
        while b.rel_slots() < id as usize {
            b.push_rel(None);
        }
        let a = r.u32()?;
        let e = r.u32()?;
        for n in [a, e] {
            if !node_live.get(n as usize).copied().unwrap_or(false) {
                return r.err(format!("an existing node as endpoint, found {n}"));
            }
        }
        let ty = r.sym(nn)?;
        let props = r.props(nn)?;
        b.push_rel(Some((
            NodeId(a),
            NodeId(e),
            RelRec {
                ty,
                props,
                deleted: false,
            },
        )));
    }
    let graph = b.finish();
    let n_schema = r.count()?;
    let mut schema = Vec::with_capacity(n_schema);
    for _ in 0..n_schema {
        schema.push(r.def(nn)?);
    }
    let (mut fulltext, mut vectors) = (Vec::new(), Vec::new());
    if !r.at_end() {
        let n = r.count()?;
        for _ in 0..n {
            fulltext.push(r.fulltext(nn)?);
        }
        let n = r.count()?;
        for _ in 0..n {
            vectors.push(r.vector(nn)?);
        }
    }
    r.finish()?;
    Ok(GraphParts {
        names,
        graph,
        schema,
        fulltext,
        vectors,
    })
}

/// A decoded log record.
pub struct Batch {
    pub first_sym: u32,
    pub names: Vec<Box<str>>,
    pub ops: Vec<Redo>,
}

/// Whether `buf` can be the beginning of a log-record payload: it decodes,
/// or decoding fails only because the bytes ran out.
pub fn could_begin_batch(buf: &[u8]) -> bool {
    decode_batch(buf).map_or_else(|e| e.cut, |_| true)
}

/// Decodes a log-record payload; `known` is the number of names before it.
pub fn decode_batch(buf: &[u8]) -> DResult<Batch> {
    let mut r = Reader::new(buf);
    let first_sym = r.u32()?;
    let n = r.count()?;
    let mut names = Vec::with_capacity(n);
    for _ in 0..n {
        names.push(Box::from(r.str()?));
    }
    let nn = first_sym as usize + names.len();
    let n_ops = r.count()?;
    let mut ops = Vec::with_capacity(n_ops);
    for _ in 0..n_ops {
        let op = match r.byte()? {
            1 => Redo::CreateNode {
                id: NodeId(r.u32()?),
                labels: r.syms(nn)?,
                props: r.props(nn)?,
            },
            2 => Redo::CreateRel {
                id: RelId(r.u32()?),
                from: NodeId(r.u32()?),
                to: NodeId(r.u32()?),
                ty: r.sym(nn)?,
                props: r.props(nn)?,
            },
            3 => Redo::SetNodeProp(NodeId(r.u32()?), r.sym(nn)?, r.value()?),
            4 => Redo::SetRelProp(RelId(r.u32()?), r.sym(nn)?, r.value()?),
            5 => Redo::AddLabel(NodeId(r.u32()?), r.sym(nn)?),
            6 => Redo::RemoveLabel(NodeId(r.u32()?), r.sym(nn)?),
            7 => Redo::DeleteRel(RelId(r.u32()?)),
            8 => Redo::DeleteNode(NodeId(r.u32()?)),
            9 => Redo::CreateIndex(r.def(nn)?),
            10 => Redo::DropIndex(r.str()?.to_string()),
            11 => Redo::CreateFulltext(r.fulltext(nn)?),
            12 => Redo::CreateVector(r.vector(nn)?),
            t => return r.err(format!("an operation tag 1..=12, found {t}")),
        };
        ops.push(op);
    }
    r.finish()?;
    Ok(Batch {
        first_sym,
        names,
        ops,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        for v in [0i64, 1, -1, 63, -64, 64, i64::MAX, i64::MIN, 1 << 40] {
            let mut b = Vec::new();
            put_i64(&mut b, v);
            let mut r = Reader::new(&b);
            assert_eq!(r.i64().unwrap(), v);
            assert!(r.at_end());
        }
        // an 11-byte varint is rejected, not wrapped
        let mut r = Reader::new(&[0xff; 11]);
        assert!(r.u64().is_err());
    }

    #[test]
    fn values_round_trip() {
        let vals = [
            Value::Null,
            Value::Bool(true),
            Value::Int(-5),
            Value::Float(f64::NAN),
            Value::Float(-0.0),
            Value::str("héllo"),
            Value::list(vec![Value::Int(1), Value::Float(2.5)]),
            Value::Date(NaiveDate::from_ymd_opt(-44, 3, 15).unwrap()),
            Value::LocalTime(NaiveTime::from_hms_nano_opt(23, 59, 59, 999_999_999).unwrap()),
        ];
        for v in vals {
            let mut b = Vec::new();
            put_value(&mut b, &v);
            let mut r = Reader::new(&b);
            let w = r.value().unwrap();
            assert_eq!(format!("{v:?}"), format!("{w:?}"));
            r.finish().unwrap();
        }
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let mut x: u32 = 12345;
        for len in 0..200 {
            let buf: Vec<u8> = (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    x as u8
                })
                .collect();
            let _ = decode_graph(&buf);
            let _ = decode_batch(&buf);
        }
    }
}
