//! `plenary recover`: salvages a damaged database into a new one — the
//! snapshot, then every intact record of the log that can still be applied
//! (the rule is in the module docs of [`super`], "Recovery").

use std::fmt;
use std::path::Path;

use rustc_hash::FxHashMap;

use super::log::{self, LOG_HEADER, LOG_MAGIC, Piece};
use super::{Graph, Redo, codec, io_err, read_snapshot, sibling};
use crate::error::{Error, Result};
use crate::store::{IndexDef, NodeId, RelId, Sym};

/// What [`Database::recover`](crate::Database::recover) salvaged.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Recovery {
    /// The damaged database's snapshot generation.
    pub generation: u64,
    /// Its log's format version (0 when there was no log, or its header
    /// could not be read).
    pub log_version: u32,
    /// Intact records applied to the new database.
    pub applied: u64,
    /// Of those, records whose header was damaged but whose payload was
    /// proven intact by a checksum.
    pub repaired: u64,
    /// Of those, records applied after a lost one.
    pub after_loss: u64,
    /// Records lost to damage (where the damage hides how many, counted
    /// as one).
    pub lost: u64,
    /// Intact records that could not be applied (they depend on a lost
    /// record), and records of a log that does not follow the snapshot.
    pub skipped: u64,
    /// Bytes of an unfinished last record (never acknowledged), dropped.
    pub torn_bytes: u64,
    /// One line for everything that was not a plain replay: repairs,
    /// losses and skips with their byte offsets, a torn tail, an ignored log.
    pub notes: Vec<String>,
    /// Nodes in the new database.
    pub nodes: usize,
    /// Relationships in the new database.
    pub relationships: usize,
}

impl Recovery {
    /// Whether everything the log held was applied: nothing lost or skipped.
    pub fn is_complete(&self) -> bool {
        self.lost == 0 && self.skipped == 0
    }
}

impl fmt::Display for Recovery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for n in &self.notes {
            writeln!(f, "  {n}")?;
        }
        write!(
            f,
            "snapshot generation {} and {} of {} intact log records applied ({} with a repaired header, {} after a lost record); {} records lost, {} skipped; {} nodes, {} relationships",
            self.generation,
            self.applied,
            self.applied + self.skipped,
            self.repaired,
            self.after_loss,
            self.lost,
            self.skipped,
            self.nodes,
            self.relationships
        )
    }
}

/// Salvages `from` into the new database `to` (which must not exist).
pub(crate) fn recover(from: &Path, to: &Path) -> Result<Recovery> {
    if !from.exists() {
        return Err(io_err(
            "NotFound",
            format!("there is no database at {}", from.display()),
        ));
    }
    if let (Ok(a), Ok(b)) = (from.canonicalize(), to.canonicalize())
        && a == b
    {
        return Err(io_err(
            "AlreadyExists",
            format!(
                "recover writes a new database; {} is the damaged one",
                to.display()
            ),
        ));
    }
    let (g, rec) = salvage(from)?;
    super::create_database(to, &g)?;
    // Read it back as any open would.
    let (back, _) = super::Store::open(to, true)?;
    if back.node_count() != g.node_count() || back.rel_count() != g.rel_count() {
        return Err(io_err(
            "Corrupted",
            format!(
                "{} was written but does not read back as the salvaged graph",
                to.display()
            ),
        ));
    }
    Ok(rec)
}

/// Reads `from` leniently: the salvaged graph and what happened.
pub(crate) fn salvage(from: &Path) -> Result<(Graph, Recovery)> {
    let wal = sibling(from, ".wal");
    let wal_name = wal.display().to_string();
    for attempt in 0..5 {
        let (g, generation, _) = read_snapshot(from).map_err(snapshot_needed)?;
        let mut rec = Recovery {
            generation,
            ..Recovery::default()
        };
        let bytes = match std::fs::read(&wal) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                rec.notes
                    .push(format!("{wal_name} is missing: the snapshot alone"));
                return Ok(finish(g, rec));
            }
            Err(e) => return Err(super::os_err(&wal, "read", e)),
        };
        let (version, log_gen) = match lenient_header(&bytes, generation) {
            Ok((v, lg, note)) => {
                if let Some(n) = note {
                    rec.notes.push(format!("{wal_name}: {n}"));
                }
                (v, lg)
            }
            Err(why) => {
                rec.notes.push(format!(
                    "{wal_name}: {why}: none of its records could be read"
                ));
                if bytes.len() > LOG_HEADER {
                    rec.lost += 1; // at least one, how many is unknown
                }
                return Ok(finish(g, rec));
            }
        };
        rec.log_version = version;
        if log_gen < generation {
            rec.notes.push(format!(
                "{wal_name} is a stale log (generation {log_gen}, from before the last checkpoint): its records are in the snapshot already"
            ));
            return Ok(finish(g, rec));
        }
        let pieces = log::classify(&bytes, version);
        if log_gen > generation {
            // a writer may have checkpointed between the two reads
            if attempt < 4 {
                continue;
            }
            let n = pieces
                .iter()
                .filter(|p| matches!(p, Piece::Record { .. }))
                .count() as u64;
            rec.skipped += n;
            rec.notes.push(format!(
                "{wal_name} follows snapshot generation {log_gen} but the snapshot is generation {generation}: its {n} records cannot be applied to it"
            ));
            return Ok(finish(g, rec));
        }
        let mut s = Salvager::new(g, bytes.len());
        for piece in &pieces {
            s.piece(piece, &bytes, &mut rec);
        }
        return Ok(finish(s.g, rec));
    }
    unreachable!("the loop returns on its last attempt")
}

fn finish(mut g: Graph, mut rec: Recovery) -> (Graph, Recovery) {
    g.undo.clear();
    g.stats = crate::store::Stats::default();
    rec.nodes = g.node_count();
    rec.relationships = g.rel_count();
    (g, rec)
}

fn snapshot_needed(e: Error) -> Error {
    let code = match e.code().as_str() {
        "Truncated" => "Truncated",
        "UnsupportedVersion" => "UnsupportedVersion",
        "NotFound" => "NotFound",
        "IoFailure" => "IoFailure",
        _ => "Corrupted",
    };
    io_err(
        code,
        format!(
            "{}; recover needs an intact snapshot: the log's records only apply on top of it",
            e.message()
        ),
    )
}

/// The log's (version, generation), repairing a damaged header where its
/// checksum proves what it was; `Err` says why it cannot be read.
fn lenient_header(
    b: &[u8],
    snap_gen: u64,
) -> std::result::Result<(u32, u64, Option<String>), String> {
    match log::read_file_header("the log", b) {
        Ok((v, g)) => return Ok((v, g, None)),
        Err(e) if e.code().as_str() == "UnsupportedVersion" => {
            return Err(e.message().replacen("the log has", "it has", 1));
        }
        Err(_) if b.len() < LOG_HEADER => {
            return Err(format!(
                "the log is {} bytes, shorter than its 24-byte header",
                b.len()
            ));
        }
        Err(_) => {}
    }
    let stored_crc = u32::from_le_bytes(b[20..24].try_into().expect("4"));
    let stored_ver = u32::from_le_bytes(b[8..12].try_into().expect("4"));
    let stored_gen = u64::from_le_bytes(b[12..20].try_into().expect("8"));
    for v in [log::LOG_VERSION, 2, 1] {
        for g in [snap_gen, stored_gen] {
            if crc32fast::hash(&log::file_header(v, g)[..20]) == stored_crc {
                return Ok((
                    v,
                    g,
                    Some(format!(
                        "its header is damaged, but its checksum proves it was format version {v}, generation {g}"
                    )),
                ));
            }
        }
    }
    if b[..8] == LOG_MAGIC && (1..=log::LOG_VERSION).contains(&stored_ver) && stored_gen == snap_gen
    {
        return Ok((
            stored_ver,
            stored_gen,
            Some(
                "its header's checksum (byte 20) is damaged; its other fields name format version and the snapshot's generation, and were taken as they are"
                    .to_string(),
            ),
        ));
    }
    Err("its header is damaged beyond repair".to_string())
}

/// Why a record was not applied.
enum NotApplied {
    /// Its payload does not decode: its content is unknown, as if lost.
    Undecodable(String),
    /// It decodes but cannot be applied consistently.
    Skipped(String),
}

/// Applies records, translating the log's names and ids to the new graph's
/// (see "Recovery" in the module docs).
struct Salvager {
    g: Graph,
    /// Logged symbol → ours; `None` for a name a lost record introduced.
    syms: Vec<Option<Sym>>,
    /// Logged node id → ours, for every node whose identity is known.
    nodes: FxHashMap<u32, NodeId>,
    /// Logged relationship id → ours, likewise.
    rels: FxHashMap<u32, RelId>,
    /// Lost records so far.
    losses: u64,
    /// The log's length: a bound on the names lost records can have
    /// introduced (each takes at least a byte), so a record whose first
    /// symbol lies beyond it is not believed (nor allocated for).
    log_len: usize,
}

/// A change to the id maps, undone when a record fails midway.
enum MapUndo {
    Node(u32, Option<NodeId>),
    Rel(u32, Option<RelId>),
}

impl Salvager {
    fn new(g: Graph, log_len: usize) -> Salvager {
        Salvager {
            log_len,
            syms: (0..g.names.len() as u32).map(|i| Some(Sym(i))).collect(),
            nodes: g.nodes().map(|n| (n.0, n)).collect(),
            rels: g.rels().map(|r| (r.0, r)).collect(),
            losses: 0,
            g,
        }
    }

    /// `n` records whose content is unknown were lost here. A lost record
    /// may delete any node or relationship and create new ones only in
    /// slots that are free before it; two lost records may therefore delete
    /// an id and then reuse it, after which no earlier identity can be
    /// trusted.
    fn lost(&mut self, n: u64) {
        self.losses += n;
        if self.losses >= 2 {
            self.nodes.clear();
            self.rels.clear();
        }
    }

    fn piece(&mut self, piece: &Piece, bytes: &[u8], rec: &mut Recovery) {
        match piece {
            Piece::Record {
                at,
                payload,
                seq,
                repaired,
            } => {
                let what = match seq {
                    Some(s) => format!("byte {at}: record {s}"),
                    None => format!("byte {at}: the record"),
                };
                match self.apply(&bytes[payload.clone()]) {
                    Ok(()) => {
                        rec.applied += 1;
                        if self.losses > 0 {
                            rec.after_loss += 1;
                        }
                        if let Some(r) = repaired {
                            rec.repaired += 1;
                            rec.notes
                                .push(format!("{what}: {}; {}: salvaged", r.damage, r.proof));
                        }
                    }
                    Err(NotApplied::Undecodable(why)) => {
                        rec.lost += 1;
                        self.lost(1);
                        rec.notes.push(format!(
                            "{what} passes its checksum but does not decode ({why}): lost"
                        ));
                    }
                    Err(NotApplied::Skipped(why)) => {
                        rec.skipped += 1;
                        rec.notes
                            .push(format!("{what} is intact but was skipped: {why}"));
                    }
                }
            }
            Piece::Damaged {
                at,
                end,
                records,
                why,
                ..
            } => match records {
                Some(0) => rec.notes.push(format!("bytes {at}..{end}: {why}: ignored")),
                Some(n) => {
                    rec.lost += n;
                    self.lost(*n);
                    rec.notes.push(format!(
                        "bytes {at}..{end}: {why}: {n} record{} lost",
                        if *n == 1 { "" } else { "s" }
                    ));
                }
                None => {
                    // how many records the bytes held is unknown: maybe
                    // more than one, so count it as two for the rule
                    rec.lost += 1;
                    self.lost(2);
                    rec.notes.push(format!(
                        "bytes {at}..{end}: {why}: at least one record lost (how many cannot be told)"
                    ));
                }
            },
            Piece::Torn { at } => {
                let n = (bytes.len() - at) as u64;
                rec.torn_bytes = n;
                rec.notes.push(format!(
                    "byte {at}: an unfinished last record of {n} bytes (never acknowledged): dropped"
                ));
            }
        }
    }

    fn apply(&mut self, payload: &[u8]) -> std::result::Result<(), NotApplied> {
        let b = codec::decode_batch(payload).map_err(|e| {
            NotApplied::Undecodable(format!("at payload byte {} expected {}", e.at, e.what))
        })?;
        let first = b.first_sym as usize;
        if first < self.syms.len() {
            // Its content is known but contradicts what came before; its
            // deletions still make ids unknown.
            self.forget(&b.ops);
            return Err(NotApplied::Skipped(format!(
                "its names start at number {first} but {} are already known",
                self.syms.len()
            )));
        }
        if first - self.syms.len() > self.log_len {
            self.forget(&b.ops);
            return Err(NotApplied::Skipped(format!(
                "its names start at number {first}, more than lost records can have introduced after the {} known",
                self.syms.len()
            )));
        }
        // names introduced by lost records are unknown
        self.syms.resize(first, None);
        for n in &b.names {
            let s = self.g.intern(n);
            self.syms.push(Some(s));
        }
        let sp = self.g.savepoint();
        let mut undo = Vec::new();
        let r = self.apply_ops(&b.ops, &mut undo).and_then(|()| {
            self.g
                .validate_since(sp)
                .map_err(|e| e.message().to_string())
        });
        if let Err(why) = r {
            self.g.rollback_to(sp);
            for u in undo.into_iter().rev() {
                match u {
                    MapUndo::Node(k, Some(v)) => {
                        self.nodes.insert(k, v);
                    }
                    MapUndo::Node(k, None) => {
                        self.nodes.remove(&k);
                    }
                    MapUndo::Rel(k, Some(v)) => {
                        self.rels.insert(k, v);
                    }
                    MapUndo::Rel(k, None) => {
                        self.rels.remove(&k);
                    }
                }
            }
            self.forget(&b.ops);
            return Err(NotApplied::Skipped(why));
        }
        self.g
            .commit()
            .map_err(|e| NotApplied::Skipped(e.message().to_string()))?;
        Ok(())
    }

    /// A record that was not applied: what it deleted or created is
    /// unknown in the new graph from now on.
    fn forget(&mut self, ops: &[Redo]) {
        for op in ops {
            match op {
                Redo::CreateNode { id, .. } | Redo::DeleteNode(id) => {
                    self.nodes.remove(&id.0);
                }
                Redo::CreateRel { id, .. } | Redo::DeleteRel(id) => {
                    self.rels.remove(&id.0);
                }
                _ => {}
            }
        }
    }

    fn sym(&self, s: Sym) -> std::result::Result<Sym, String> {
        self.syms
            .get(s.0 as usize)
            .copied()
            .flatten()
            .ok_or_else(|| format!("it uses name number {} introduced by a lost record", s.0))
    }

    fn syms(&self, s: &[Sym]) -> std::result::Result<Vec<Sym>, String> {
        s.iter().map(|s| self.sym(*s)).collect()
    }

    fn node(&self, id: NodeId) -> std::result::Result<NodeId, String> {
        self.nodes
            .get(&id.0)
            .copied()
            .filter(|n| self.g.node_exists(*n))
            .ok_or_else(|| {
                format!(
                    "it uses node {} whose identity is unknown after a lost record",
                    id.0
                )
            })
    }

    fn rel(&self, id: RelId) -> std::result::Result<RelId, String> {
        self.rels
            .get(&id.0)
            .copied()
            .filter(|r| self.g.rel_exists(*r))
            .ok_or_else(|| {
                format!(
                    "it uses relationship {} whose identity is unknown after a lost record",
                    id.0
                )
            })
    }

    fn props(
        &self,
        props: &crate::store::Props,
    ) -> std::result::Result<crate::store::Props, String> {
        props
            .iter()
            .map(|(k, v)| Ok((self.sym(*k)?, v.clone())))
            .collect()
    }

    fn apply_ops(
        &mut self,
        ops: &[Redo],
        undo: &mut Vec<MapUndo>,
    ) -> std::result::Result<(), String> {
        let msg = |e: Error| e.message().to_string();
        for op in ops {
            match op {
                Redo::CreateNode { id, labels, props } => {
                    let labels = self.syms(labels)?;
                    let props = self.props(props)?;
                    let ours = self.g.create_node(&labels, props);
                    undo.push(MapUndo::Node(id.0, self.nodes.insert(id.0, ours)));
                }
                Redo::CreateRel {
                    id,
                    from,
                    to,
                    ty,
                    props,
                } => {
                    let (from, to, ty) = (self.node(*from)?, self.node(*to)?, self.sym(*ty)?);
                    let props = self.props(props)?;
                    let ours = self.g.create_rel(from, to, ty, props).map_err(msg)?;
                    undo.push(MapUndo::Rel(id.0, self.rels.insert(id.0, ours)));
                }
                Redo::SetNodeProp(id, k, v) => {
                    let (n, k) = (self.node(*id)?, self.sym(*k)?);
                    self.g.set_node_prop(n, k, v.clone()).map_err(msg)?;
                }
                Redo::SetRelProp(id, k, v) => {
                    let (r, k) = (self.rel(*id)?, self.sym(*k)?);
                    self.g.set_rel_prop(r, k, v.clone()).map_err(msg)?;
                }
                Redo::AddLabel(id, l) => {
                    let (n, l) = (self.node(*id)?, self.sym(*l)?);
                    self.g.add_label(n, l).map_err(msg)?;
                }
                Redo::RemoveLabel(id, l) => {
                    let (n, l) = (self.node(*id)?, self.sym(*l)?);
                    self.g.remove_label(n, l).map_err(msg)?;
                }
                Redo::DeleteRel(id) => {
                    let r = self.rel(*id)?;
                    self.g.delete_rel(r);
                    undo.push(MapUndo::Rel(id.0, self.rels.remove(&id.0)));
                }
                Redo::DeleteNode(id) => {
                    let n = self.node(*id)?;
                    self.g.delete_node(n, false);
                    undo.push(MapUndo::Node(id.0, self.nodes.remove(&id.0)));
                }
                Redo::CreateIndex(d) => {
                    let def = IndexDef {
                        name: d.name.clone(),
                        label: self.sym(d.label)?,
                        key: self.sym(d.key)?,
                        kind: d.kind,
                    };
                    self.g.create_index(def).map_err(msg)?;
                }
                Redo::CreateFulltext(d) => {
                    let mut def = d.clone();
                    for s in def.tokens.iter_mut().chain(def.props.iter_mut()) {
                        *s = self.sym(*s)?;
                    }
                    self.g.create_fulltext(def).map_err(msg)?;
                }
                Redo::CreateVector(d) => {
                    let mut def = d.clone();
                    def.token = self.sym(def.token)?;
                    def.key = self.sym(def.key)?;
                    self.g.create_vector(def).map_err(msg)?;
                }
                Redo::DropIndex(name) => {
                    if !self.g.drop_index(name).map_err(msg)? {
                        return Err(format!("there is no index {name:?} to drop"));
                    }
                }
            }
        }
        Ok(())
    }
}
