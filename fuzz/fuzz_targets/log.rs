//! Bytes → the write-ahead-log reader (and `recover`), through opening a
//! database whose snapshot is empty and whose `.wal` is the input.
//!
//! The first byte chooses how the rest is used: odd, as record payloads —
//! each a `u16` length then that many bytes — written with a valid file
//! header, sequence numbers and both CRCs, so replay itself is reached;
//! even, as the whole `.wal` file (headers, checksums, torn tails, damage).
//! Opening read-only and for writing must agree (by `dump`); a log that
//! replays must give the same graph after a checkpoint and a reopen; and
//! `Database::recover` must not fail internally on either.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

use plenary::Database;

struct Fixture {
    dir: std::path::PathBuf,
    /// An empty database's snapshot (generation 1) and its log header.
    snapshot: Vec<u8>,
    header: Vec<u8>,
}

static FIX: OnceLock<Fixture> = OnceLock::new();

fn dump(db: &Database) -> Vec<u8> {
    let mut out = Vec::new();
    db.dump(&mut out).expect("dump to memory");
    out
}

/// A version-2 log of `payloads` after `header` (format in
/// `src/store/persist/mod.rs`).
fn framed(header: &[u8], mut rest: &[u8]) -> Vec<u8> {
    let mut f = header.to_vec();
    let mut seq = 1u64;
    while !rest.is_empty() {
        let (want, body) = match rest {
            [a, b, body @ ..] => (u16::from_le_bytes([*a, *b]) as usize, body),
            _ => (1, rest),
        };
        if body.is_empty() {
            break;
        }
        let n = want.clamp(1, body.len());
        let payload = &body[..n];
        rest = &body[n..];
        let mut h = (payload.len() as u32).to_le_bytes().to_vec();
        h.extend_from_slice(&seq.to_le_bytes());
        h.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
        let hc = crc32fast::hash(&h);
        h.extend_from_slice(&hc.to_le_bytes());
        f.extend_from_slice(&h);
        f.extend_from_slice(payload);
        seq += 1;
    }
    f
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let fix = FIX.get_or_init(|| {
        let dir = common::scratch("log");
        let path = dir.join("template");
        common::remove_db(&path);
        drop(Database::open(&path).expect("create a database"));
        let snapshot = std::fs::read(&path).expect("snapshot");
        let wal = std::fs::read(dir.join("template.wal")).expect("log");
        common::remove_db(&path);
        Fixture {
            dir,
            snapshot,
            header: wal[..24].to_vec(),
        }
    });
    let path = fix.dir.join("db");
    let saved = fix.dir.join("saved");
    common::remove_db(&path);
    common::remove_db(&saved);
    let wal = if mode & 1 == 1 {
        framed(&fix.header, rest)
    } else {
        rest.to_vec()
    };
    std::fs::write(&path, &fix.snapshot).expect("write the snapshot");
    std::fs::write(fix.dir.join("db.wal"), &wal).expect("write the log");

    let ro = Database::open_read_only(&path);
    common::check(&ro);
    let before = ro.ok().map(|db| {
        common::check(&db.execute("MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN n, properties(n), r, properties(r) LIMIT 50"));
        dump(&db)
    });
    common::check(&Database::recover(&path, &saved));
    common::remove_db(&saved);
    let db = Database::open(&path);
    common::check(&db);
    match (before, db) {
        (Some(before), Ok(db)) => {
            assert_eq!(before, dump(&db), "read-only and writable opens disagree");
            common::check(&db.checkpoint());
            drop(db);
            let again = Database::open(&path).expect("a checkpointed database opens");
            assert_eq!(before, dump(&again), "the graph changed in a checkpoint");
        }
        (None, Ok(_)) => panic!("opens for writing but not read-only"),
        (Some(_), Err(e)) => panic!("opens read-only but not for writing: {e}"),
        (None, Err(_)) => {}
    }
    common::remove_db(&path);
});
