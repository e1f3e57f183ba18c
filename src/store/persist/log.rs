//! The log's records: framing (format version 1, and versions 2 and 3,
//! which frame alike), the scan that
//! sorts every byte after the log's header into intact records, damage and
//! a torn tail, and the strict reading that opening applies to it. The
//! layouts and the argument for every case are in the module docs of
//! [`super`] ("Reading the log").

use std::ops::Range;
use std::path::Path;

use super::{codec, io_err};
use crate::error::Result;

/// The log's magic number.
pub const LOG_MAGIC: [u8; 8] = *b"PLNRYWAL";
/// The log format this plenary writes (3: version 2's framing, whose
/// records may hold the full-text and vector index tags 11 and 12).
pub const LOG_VERSION: u32 = 3;
/// Bytes of the log's file header.
pub(crate) const LOG_HEADER: usize = 24;
/// Bytes of a version-2 record header.
pub(crate) const REC_HEADER: usize = 20;
/// Bytes of a version-1 record header (length, payload CRC).
pub(crate) const V1_HEADER: usize = 8;
/// A payload is `1 ..< MAX_RECORD` bytes.
pub(crate) const MAX_RECORD: u32 = 1 << 31;

fn valid_len(n: u32) -> bool {
    (1..MAX_RECORD).contains(&n)
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes"))
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"))
}

/// The log's 24-byte file header for `generation`.
pub(crate) fn file_header(version: u32, generation: u64) -> Vec<u8> {
    let mut buf = Vec::with_capacity(LOG_HEADER);
    buf.extend_from_slice(&LOG_MAGIC);
    buf.extend_from_slice(&version.to_le_bytes());
    buf.extend_from_slice(&generation.to_le_bytes());
    let crc = crc32fast::hash(&buf);
    buf.extend_from_slice(&crc.to_le_bytes());
    buf
}

/// The first 16 bytes of a version-2 record header.
fn header_fields(len: u32, seq: u64, payload_crc: u32) -> [u8; 16] {
    let mut h = [0; 16];
    h[0..4].copy_from_slice(&len.to_le_bytes());
    h[4..12].copy_from_slice(&seq.to_le_bytes());
    h[12..16].copy_from_slice(&payload_crc.to_le_bytes());
    h
}

/// A whole version-2 record: header, then `payload` (1 ..< 2³¹ bytes).
pub(crate) fn frame(seq: u64, payload: &[u8]) -> Vec<u8> {
    let fields = header_fields(payload.len() as u32, seq, crc32fast::hash(payload));
    let mut f = Vec::with_capacity(REC_HEADER + payload.len());
    f.extend_from_slice(&fields);
    f.extend_from_slice(&crc32fast::hash(&fields).to_le_bytes());
    f.extend_from_slice(payload);
    f
}

/// A whole version-1 record (only tests write them now).
#[cfg(test)]
pub(crate) fn frame_v1(payload: &[u8]) -> Vec<u8> {
    let mut f = Vec::with_capacity(V1_HEADER + payload.len());
    f.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    f.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    f.extend_from_slice(payload);
    f
}

/// A version-2 record header whose checksum checks.
struct Header {
    len: u32,
    seq: u64,
    payload_crc: u32,
}

/// The version-2 header at `at`, if 20 bytes are there and their CRC checks.
fn header(b: &[u8], at: usize) -> Option<Header> {
    let h = b.get(at..at.checked_add(REC_HEADER)?)?;
    if crc32fast::hash(&h[..16]) != u32_at(h, 16) {
        return None;
    }
    Some(Header {
        len: u32_at(h, 0),
        seq: u64_at(h, 4),
        payload_crc: u32_at(h, 12),
    })
}

/// How a record with a damaged header was proven intact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Repair {
    /// What was wrong with the header.
    pub damage: String,
    /// What proves the payload intact.
    pub proof: String,
}

/// One stretch of the log after its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    /// An intact record.
    Record {
        /// Where its header starts.
        at: usize,
        /// Where its payload is.
        payload: Range<usize>,
        /// Its sequence number (version 2; version-1 records have none).
        seq: Option<u64>,
        /// Set when the header was damaged but the payload is proven intact
        /// (recovery applies such a record; opening refuses the log).
        repaired: Option<Repair>,
    },
    /// Bytes `at .. end` from which no intact record can be read.
    Damaged {
        /// Where the damage starts.
        at: usize,
        /// Where the next intact record (or the end of the file) is.
        end: usize,
        /// How many records the bytes held: `Some(0)` none (bytes that
        /// belong to no record), `Some(n)` exactly `n` (known from the
        /// sequence numbers around them), `None` unknown (at least one).
        records: Option<u64>,
        /// The sequence number of the first of them (version 2).
        first_seq: Option<u64>,
        /// What is wrong.
        why: String,
    },
    /// The unfinished last append, from `at` to the end of the file.
    Torn {
        /// Where it starts.
        at: usize,
    },
}

/// A log file's header fields and its bytes sorted into pieces.
#[derive(Debug)]
pub(crate) struct LogScan {
    /// The log format version (1 or 2).
    pub version: u32,
    /// The generation of the snapshot this log follows.
    pub generation: u64,
    /// The bytes after the header, in file order.
    pub pieces: Vec<Piece>,
}

/// Checks a log's 24-byte file header: (version, generation).
pub(crate) fn read_file_header(name: &str, bytes: &[u8]) -> Result<(u32, u64)> {
    let m = bytes.len().min(8);
    if bytes[..m] != LOG_MAGIC[..m] {
        return Err(io_err(
            "Corrupted",
            format!("{name} is not a plenary log (bad magic number at byte 0)"),
        ));
    }
    if bytes.len() < LOG_HEADER {
        return Err(io_err(
            "Truncated",
            format!(
                "{name} is truncated ({} bytes; its header needs 24)",
                bytes.len()
            ),
        ));
    }
    let version = u32_at(bytes, 8);
    if crc32fast::hash(&bytes[..20]) != u32_at(bytes, 20) {
        return Err(io_err(
            "Corrupted",
            format!("{name} has a corrupted header (checksum mismatch at byte 20)"),
        ));
    }
    if version > LOG_VERSION {
        return Err(io_err(
            "UnsupportedVersion",
            format!(
                "{name} has log format version {version}, newer than this plenary supports ({LOG_VERSION}); upgrade plenary"
            ),
        ));
    }
    if version == 0 {
        return Err(io_err(
            "Corrupted",
            format!("{name} is corrupted (log format version 0 at byte 8)"),
        ));
    }
    Ok((version, u64_at(bytes, 12)))
}

/// Reads a log's header and sorts its bytes into pieces.
pub(crate) fn scan(name: &str, bytes: &[u8]) -> Result<LogScan> {
    let (version, generation) = read_file_header(name, bytes)?;
    Ok(LogScan {
        version,
        generation,
        pieces: classify(bytes, version),
    })
}

/// Sorts the bytes after a log's header into pieces (`version` 1 or 2).
pub(crate) fn classify(b: &[u8], version: u32) -> Vec<Piece> {
    if version == 1 {
        classify_v1(b)
    } else {
        classify_v2(b)
    }
}

fn is_torn_start(rest: &[u8], header: usize) -> bool {
    rest.len() < header || rest.iter().all(|&x| x == 0)
}

fn classify_v2(b: &[u8]) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut pos = LOG_HEADER;
    let mut seq: u64 = 1;
    while pos < b.len() {
        if is_torn_start(&b[pos..], REC_HEADER) {
            out.push(Piece::Torn { at: pos });
            break;
        }
        let damage = match header(b, pos) {
            Some(h) if h.seq == seq && valid_len(h.len) => {
                let end = pos + REC_HEADER + h.len as usize;
                if end > b.len() {
                    out.push(Piece::Torn { at: pos });
                    break;
                }
                let payload = pos + REC_HEADER..end;
                if crc32fast::hash(&b[payload.clone()]) == h.payload_crc {
                    out.push(Piece::Record {
                        at: pos,
                        payload,
                        seq: Some(seq),
                        repaired: None,
                    });
                } else {
                    out.push(Piece::Damaged {
                        at: pos,
                        end,
                        records: Some(1),
                        first_seq: Some(seq),
                        why: format!("the payload of record {seq} fails its checksum"),
                    });
                }
                pos = end;
                seq += 1;
                continue;
            }
            Some(h) if h.seq != seq => format!(
                "the record header names record {} where record {seq} is due",
                h.seq
            ),
            Some(h) => format!(
                "the header of record {seq} gives the impossible length {}",
                h.len
            ),
            None => format!("the header of record {seq} fails its checksum"),
        };
        // Find where intact records start again.
        let next = find_next_v2(b, pos, seq);
        let end = next.map_or(b.len(), |(q, _)| q);
        let piece = match next {
            Some((_, s)) if s == seq => Piece::Damaged {
                at: pos,
                end,
                records: Some(0),
                first_seq: None,
                why: format!(
                    "{damage}, and the {} bytes up to record {seq} belong to no record",
                    end - pos
                ),
            },
            Some((_, s)) if s > seq + 1 => Piece::Damaged {
                at: pos,
                end,
                records: Some(s - seq),
                first_seq: Some(seq),
                why: format!("{damage}; records {seq} to {} are lost", s - 1),
            },
            _ => match repair_v2(b, pos, end, seq, next.is_none()) {
                Some((e, proof)) => {
                    // (a record ending before the end of the file, with
                    // nothing intact after it, leaves a tail to read on)
                    out.push(Piece::Record {
                        at: pos,
                        payload: pos + REC_HEADER..e,
                        seq: Some(seq),
                        repaired: Some(Repair { damage, proof }),
                    });
                    pos = e;
                    seq += 1;
                    continue;
                }
                None => Piece::Damaged {
                    at: pos,
                    end,
                    records: if next.is_some() { Some(1) } else { None },
                    first_seq: Some(seq),
                    why: damage,
                },
            },
        };
        out.push(piece);
        if let Some((_, s)) = next {
            seq = s;
        }
        pos = end;
    }
    out
}

/// The first offset after `pos` where a version-2 record header checks
/// and names a sequence number the damage can account for: from `seq`
/// (the damaged bytes held no record) up to `seq` plus the number of
/// records that fit between (each takes at least 21 bytes) plus one.
fn find_next_v2(b: &[u8], pos: usize, seq: u64) -> Option<(usize, u64)> {
    let last = b.len().checked_sub(REC_HEADER)?;
    for q in pos + 1..=last {
        if let Some(h) = header(b, q) {
            let most = seq + ((q - pos) / (REC_HEADER + 1)) as u64 + 1;
            if valid_len(h.len) && (seq..=most).contains(&h.seq) {
                return Some((q, h.seq));
            }
        }
    }
    None
}

/// Whether record `seq` starts at `pos` with only its header damaged:
/// its payload (the bytes after a 20-byte header, up to `end`) matches the
/// payload checksum the header carries, or the header rebuilt from the
/// payload's length, `seq` and the payload's checksum matches the header's
/// own checksum. With `to_eof` (nothing intact follows), the record may
/// also end before `end`, followed by a torn tail: every shorter payload
/// that decodes as a record is tried too. Returns where the record ends.
fn repair_v2(b: &[u8], pos: usize, end: usize, seq: u64, to_eof: bool) -> Option<(usize, String)> {
    let start = pos + REC_HEADER;
    let stored_payload_crc = u32_at(b, pos + 12);
    let stored_header_crc = u32_at(b, pos + 16);
    let proves = |e: usize, crc: u32| {
        let n = (e - start) as u32;
        if !valid_len(n) {
            return None;
        }
        if crc == stored_payload_crc {
            return Some(format!(
                "its {n}-byte payload matches the payload checksum its header carries"
            ));
        }
        if crc32fast::hash(&header_fields(n, seq, crc)) == stored_header_crc {
            return Some(format!(
                "the header rebuilt from its {n}-byte payload matches the header's checksum"
            ));
        }
        None
    };
    if end <= start {
        return None;
    }
    if !to_eof {
        return proves(end, crc32fast::hash(&b[start..end])).map(|p| (end, p));
    }
    shortest_proven(b, start, end, proves)
}

/// The first end `e` in `start+1 ..= end` for which `proves(e, crc of
/// start..e)` holds, where a shorter payload must also decode as a record.
fn shortest_proven(
    b: &[u8],
    start: usize,
    end: usize,
    proves: impl Fn(usize, u32) -> Option<String>,
) -> Option<(usize, String)> {
    let mut h = crc32fast::Hasher::new();
    for e in start + 1..=end {
        h.update(&b[e - 1..e]);
        if let Some(p) = proves(e, h.clone().finalize())
            && (e == end || codec::decode_batch(&b[start..e]).is_ok())
        {
            return Some((e, p));
        }
    }
    None
}

fn classify_v1(b: &[u8]) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut pos = LOG_HEADER;
    while pos < b.len() {
        if is_torn_start(&b[pos..], V1_HEADER) {
            out.push(Piece::Torn { at: pos });
            break;
        }
        let n = u32_at(b, pos);
        let crc = u32_at(b, pos + 4);
        let body = pos + V1_HEADER;
        let fits = valid_len(n) && n as usize <= b.len() - body;
        if fits && crc32fast::hash(&b[body..body + n as usize]) == crc {
            out.push(Piece::Record {
                at: pos,
                payload: body..body + n as usize,
                seq: None,
                repaired: None,
            });
            pos = body + n as usize;
            continue;
        }
        let next = find_next_v1(b, pos);
        let end = next.unwrap_or(b.len());
        let proven = if end <= body {
            None
        } else if next.is_some() {
            (crc32fast::hash(&b[body..end]) == crc).then_some(end)
        } else {
            // nothing intact follows: the record may end anywhere before
            // the end of the file, followed by a torn tail
            shortest_proven(b, body, end, |_, c| (c == crc).then(String::new)).map(|(e, _)| e)
        };
        let piece = if let Some(e) = proven {
            out.push(Piece::Record {
                at: pos,
                payload: body..e,
                seq: None,
                repaired: Some(Repair {
                    damage: format!(
                        "the record's length field says {n} where its payload is {} bytes",
                        e - body
                    ),
                    proof: "the payload matches the checksum beside the length".to_string(),
                }),
            });
            pos = e;
            continue;
        } else if next.is_none()
            && valid_len(n)
            && n as usize > b.len() - body
            && codec::could_begin_batch(&b[body..])
        {
            // Nothing intact follows, the length (which has no checksum of
            // its own in this format) runs past the end, and the bytes
            // there are the beginning of a record: the unfinished last
            // append.
            Piece::Torn { at: pos }
        } else {
            let why = if !valid_len(n) {
                format!("the record gives the impossible length {n}")
            } else if fits {
                "the record's payload fails its checksum".to_string()
            } else {
                format!(
                    "the record's length {n} runs past the end of the file, yet intact records follow"
                )
            };
            Piece::Damaged {
                at: pos,
                end,
                // a length that points exactly at the next intact record
                // was not damaged: the bytes held exactly one record
                records: if fits && body + n as usize == end && next.is_some() {
                    Some(1)
                } else {
                    None
                },
                first_seq: None,
                why,
            }
        };
        out.push(piece);
        pos = end;
    }
    out
}

/// The first offset after `pos` where a whole intact version-1 record
/// starts: a possible length that fits in the file, a payload that decodes
/// as a record, and its checksum.
fn find_next_v1(b: &[u8], pos: usize) -> Option<usize> {
    let last = b.len().checked_sub(V1_HEADER + 1)?;
    (pos + 1..=last).find(|&q| {
        let n = u32_at(b, q);
        let body = q + V1_HEADER;
        valid_len(n)
            && n as usize <= b.len() - body
            && codec::decode_batch(&b[body..body + n as usize]).is_ok()
            && crc32fast::hash(&b[body..body + n as usize]) == u32_at(b, q + 4)
    })
}

/// What opening may use of a log: its records, if nothing is damaged.
#[derive(Debug)]
pub(crate) struct Good {
    /// (header offset, payload) of each record, in order.
    pub records: Vec<(usize, Range<usize>)>,
    /// Bytes up to the end of the last record.
    pub good_len: u64,
}

/// The strict reading: every piece an intact record with an undamaged
/// header, but for a torn tail at the end. Anything else is `Corrupted`,
/// naming the offset and how many intact records follow the damage.
pub(crate) fn strict(scan: &LogScan, wal: &Path, db: &Path) -> Result<Good> {
    let mut records = Vec::new();
    let mut good_len = LOG_HEADER as u64;
    for (i, piece) in scan.pieces.iter().enumerate() {
        let (at, what) = match piece {
            Piece::Record {
                at,
                payload,
                repaired: None,
                ..
            } => {
                records.push((*at, payload.clone()));
                good_len = payload.end as u64;
                continue;
            }
            Piece::Torn { .. } => break,
            Piece::Record {
                at,
                repaired: Some(r),
                ..
            } => (
                *at,
                format!(
                    "{} ({}, so the record itself can be salvaged)",
                    r.damage, r.proof
                ),
            ),
            Piece::Damaged { at, why, .. } => (*at, why.clone()),
        };
        let after = scan.pieces[i + 1..]
            .iter()
            .filter(|p| matches!(p, Piece::Record { .. }))
            .count();
        return Err(io_err(
            "Corrupted",
            format!(
                "{} is corrupted at byte {at}: {what}; {after} intact record{} follow{} the damage. \
                 This is not an unfinished last write, so nothing was dropped or changed; \
                 `plenary recover {} --to NEW` salvages the intact records into a new database",
                wal.display(),
                if after == 1 { "" } else { "s" },
                if after == 1 { "s" } else { "" },
                db.display()
            ),
        ));
    }
    Ok(Good { records, good_len })
}
