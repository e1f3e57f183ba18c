//! Bytes → the snapshot decoder, through `Database::open` of a file.
//!
//! The first byte chooses how the rest is used: odd, as a snapshot's
//! *payload*, wrapped in a valid header and CRC-32 (so the decoder itself
//! is reached — random bytes would nearly all stop at the checksum); even,
//! as the whole file (magic, version, length and checksum checks). A
//! snapshot that opens must survive a round trip: checkpointing it (a new
//! encoding) and reopening gives the same graph, compared by `dump`.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

use plenary::Database;

static DIR: OnceLock<std::path::PathBuf> = OnceLock::new();

/// A snapshot file around `payload` (format in `src/store/persist/mod.rs`).
pub fn wrap(payload: &[u8]) -> Vec<u8> {
    let mut f = b"PLNRYDB\n".to_vec();
    f.extend_from_slice(&1u32.to_le_bytes());
    f.extend_from_slice(&1u64.to_le_bytes());
    f.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    f.extend_from_slice(payload);
    let crc = crc32fast::hash(&f);
    f.extend_from_slice(&crc.to_le_bytes());
    f
}

fn dump(db: &Database) -> Vec<u8> {
    let mut out = Vec::new();
    db.dump(&mut out).expect("dump to memory");
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let dir = DIR.get_or_init(|| common::scratch("snapshot"));
    let path = dir.join("db");
    common::remove_db(&path);
    let file = if mode & 1 == 1 {
        wrap(rest)
    } else {
        rest.to_vec()
    };
    std::fs::write(&path, &file).expect("write the snapshot");
    let ro = Database::open_read_only(&path);
    common::check(&ro);
    let before = ro.ok().map(|db| {
        // every value decoded is readable through queries too
        common::check(&db.execute("MATCH (n) RETURN n, labels(n), properties(n) LIMIT 50"));
        common::check(&db.execute("MATCH ()-[r]->() RETURN r, type(r), properties(r) LIMIT 50"));
        dump(&db)
    });
    let db = Database::open(&path);
    common::check(&db);
    match (before, db) {
        (Some(before), Ok(db)) => {
            assert_eq!(before, dump(&db), "read-only and writable opens disagree");
            common::check(&db.checkpoint());
            drop(db);
            let again = Database::open(&path).expect("a checkpointed snapshot opens");
            assert_eq!(before, dump(&again), "the snapshot changed in a round trip");
        }
        (None, Ok(_)) => panic!("opens for writing but not read-only"),
        (Some(_), Err(e)) => panic!("opens read-only but not for writing: {e}"),
        (None, Err(_)) => {}
    }
    common::remove_db(&path);
});
