//! Unit tests of the file formats: id determinism across rollbacks and
//! checkpoints, injected I/O failures, truncation at every offset, damage.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::*;
use crate::exec::{self, Options, Params};

fn temp_db(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "plenary-unit-{}-{}-{name}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("db")
}

/// A graph with its store installed, as `Database::open` builds it.
struct Db {
    g: Graph,
    store: Arc<Mutex<Store>>,
}

impl Db {
    fn open(path: &Path, io: Io, checkpoint_bytes: u64) -> Result<Db> {
        let (mut g, mut st) = Store::open_with(path, false, io)?;
        st.checkpoint_bytes = checkpoint_bytes;
        let store = Arc::new(Mutex::new(st));
        install(&mut g, store.clone());
        Ok(Db { g, store })
    }

    fn run(&mut self, q: &str) -> Result<()> {
        exec::run(&mut self.g, q, &Params::new(), &Options::default())?;
        let mut st = self.store.lock().unwrap();
        if st.wants_checkpoint() {
            let _ = st.checkpoint(&mut self.g);
        }
        Ok(())
    }
}

/// Everything observable, ids included.
fn describe(g: &Graph) -> String {
    let mut s = String::new();
    for id in g.nodes() {
        let n = g.node(id).unwrap();
        let labels: Vec<&str> = n.labels.iter().map(|l| g.name(*l)).collect();
        let props: Vec<String> = n
            .props
            .iter()
            .map(|(k, v)| format!("{}={v:?}", g.name(*k)))
            .collect();
        s += &format!("n{} {labels:?} {props:?}\n", id.0);
    }
    for id in g.rels() {
        let r = g.rel(id).unwrap();
        let (a, b) = g.rel_endpoints(id).unwrap();
        let props: Vec<String> = r
            .props
            .iter()
            .map(|(k, v)| format!("{}={v:?}", g.name(*k)))
            .collect();
        s += &format!("r{} {}->{} {} {props:?}\n", id.0, a.0, b.0, g.name(r.ty));
    }
    for d in g.schema() {
        s += &format!("{d:?}\n");
    }
    s
}

fn node_is(g: &Graph) -> Vec<i64> {
    let Some(k) = g.sym("i") else {
        return Vec::new();
    };
    let mut v: Vec<i64> = g
        .nodes()
        .filter_map(|n| match g.node_prop(n, k) {
            Some(Value::Int(i)) => Some(*i),
            _ => None,
        })
        .collect();
    v.sort();
    v
}

use crate::value::Value;

/// A deterministic pseudo-random sequence.
struct Rng(u64);
impl Rng {
    fn next(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

const STATEMENTS: &[&str] = &[
    "CREATE (:A {x: 1})-[:R {w: 2}]->(:B)",
    "UNWIND range(1, 5) AS i CREATE (:C {i: i})",
    "MATCH (n:C) WITH n LIMIT 2 DETACH DELETE n",
    "MATCH (n:A) WITH n LIMIT 1 DETACH DELETE n",
    "MATCH (a:B), (b:C) WITH a, b LIMIT 3 CREATE (a)-[:S]->(b)",
    "MATCH ()-[r:S]->() WITH r LIMIT 2 DELETE r",
    "MATCH (n:B) SET n.y = rand(), n:Tagged",
    "MATCH (n:Tagged) WITH n LIMIT 1 REMOVE n:Tagged, n.y",
    "CREATE (:C {i: 99}) WITH 1 AS x RETURN 1 / 0",
    "UNWIND range(1, 3) AS i CREATE (:D {i: i}) WITH i WHERE i = 3 RETURN i / 0",
    "MATCH (n) WITH n LIMIT 1 DELETE n",
    "CREATE (:E {t: datetime(), d: duration('P1Y2M3DT4.5S'), l: [date('2024-01-01')]})",
];

#[test]
fn ids_replay_identically_across_rollbacks_deletes_and_checkpoints() {
    for seed in 1..=6u64 {
        let path = temp_db("ids");
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        // a small checkpoint size so that some runs checkpoint midway
        let mut db = Db::open(
            &path,
            Io::default(),
            if seed % 2 == 0 { 600 } else { 1 << 30 },
        )
        .unwrap();
        for step in 0..60 {
            let q = STATEMENTS[rng.next(STATEMENTS.len() as u64) as usize];
            if rng.next(7) == 0 {
                // an explicit transaction, committed or rolled back
                let sp = db.g.savepoint();
                db.g.begin_transaction(sp, 1).unwrap();
                let _ = exec::run(&mut db.g, q, &Params::new(), &Options::default());
                let _ = exec::run(
                    &mut db.g,
                    STATEMENTS[0],
                    &Params::new(),
                    &Options::default(),
                );
                if db.g.transaction_owner().is_some() {
                    if step % 2 == 0 {
                        db.g.commit_transaction().unwrap();
                    } else {
                        db.g.rollback_transaction().unwrap();
                        db.g.commit().unwrap();
                    }
                }
            } else {
                let _ = db.run(q);
            }
        }
        let before = describe(&db.g);
        let (mut g2, _st) = Store::open(&path, true).unwrap();
        assert_eq!(describe(&g2), before, "seed {seed}: reopen differs");
        // the free lists agree too: the next creates get the same ids
        for _ in 0..20 {
            let a = db.g.create_node(&[], vec![]);
            let b = g2.create_node(&[], vec![]);
            assert_eq!(a, b, "seed {seed}: next node id differs");
        }
        let t = db.g.intern("T");
        let t2 = g2.intern("T");
        let n = db.g.nodes().next().unwrap();
        for _ in 0..20 {
            let a = db.g.create_rel(n, n, t, vec![]).unwrap();
            let b = g2.create_rel(n, n, t2, vec![]).unwrap();
            assert_eq!(a, b, "seed {seed}: next relationship id differs");
        }
    }
}

#[test]
fn injected_io_failures_never_lose_or_half_apply() {
    // every I/O operation of a run with checkpoints, failed one at a time
    for n in 1..=70u64 {
        let path = temp_db("faults");
        let mut acked = Vec::new();
        let mut failed = 0;
        match Db::open(&path, Io::default(), 200) {
            Ok(mut db) => {
                {
                    let mut st = db.store.lock().unwrap();
                    st.io.fail_at = Some(st.io.count + n);
                }
                for i in 1..=25 {
                    match db.run(&format!("CREATE (:N {{i: {i}}})")) {
                        Ok(()) => acked.push(i),
                        Err(e) => {
                            failed += 1;
                            assert_eq!(e.kind(), ErrorKind::IoError, "{e}");
                        }
                    }
                }
                assert_eq!(
                    node_is(&db.g),
                    acked,
                    "memory holds exactly the acknowledged"
                );
            }
            Err(e) => panic!("open failed without injection: {e}"),
        }
        let (g, _) = Store::open(&path, false).unwrap_or_else(|e| panic!("fault {n}: {e}"));
        assert_eq!(
            node_is(&g),
            acked,
            "fault {n}: reopen holds exactly the acknowledged"
        );
        assert!(
            failed <= 1,
            "fault {n}: a single fault failed {failed} statements"
        );
    }
}

#[test]
fn faults_while_creating_leave_an_openable_or_absent_database() {
    for n in 1..=12u64 {
        let path = temp_db("create-faults");
        let r = Store::open_with(
            &path,
            false,
            Io {
                fail_at: Some(n),
                count: 0,
            },
        );
        drop(r);
        let (g, _) = Store::open(&path, false).unwrap_or_else(|e| panic!("fault {n}: {e}"));
        assert_eq!(g.node_count(), 0);
    }
}

/// A database with a checkpointed part and a logged part; returns its
/// path and the number of logged statements (each creates one node).
fn sample(name: &str) -> (PathBuf, usize) {
    let path = temp_db(name);
    let mut db = Db::open(&path, Io::default(), 1 << 30).unwrap();
    db.run("CREATE (:S {name: 'snap', d: date('2020-02-29')})-[:R]->(:S)")
        .unwrap();
    db.run("CREATE INDEX FOR (n:N) ON (n.i)").unwrap();
    db.store.lock().unwrap().checkpoint(&mut db.g).unwrap();
    for i in 1..=6 {
        db.run(&format!("CREATE (:N {{i: {i}, s: 'x{i}'}})"))
            .unwrap();
    }
    (path, 6)
}

fn copy_db(from: &Path, snap: &[u8], wal: &[u8]) -> PathBuf {
    let to = temp_db("copy");
    let _ = from;
    std::fs::write(&to, snap).unwrap();
    std::fs::write(sibling(&to, ".wal"), wal).unwrap();
    to
}

#[test]
fn truncated_snapshots_are_errors_at_every_offset() {
    let (path, _) = sample("trunc-snap");
    let snap = std::fs::read(&path).unwrap();
    let wal = std::fs::read(sibling(&path, ".wal")).unwrap();
    for cut in 0..snap.len() {
        let p = copy_db(&path, &snap[..cut], &wal);
        let e = Store::open(&p, false)
            .err()
            .unwrap_or_else(|| panic!("cut {cut} opened"));
        let code = e.code().as_str();
        assert!(code == "Truncated" || code == "Corrupted", "cut {cut}: {e}");
        let _ = std::fs::remove_dir_all(p.parent().unwrap());
    }
}

#[test]
fn truncated_logs_open_to_a_prefix_at_every_offset() {
    let (path, n) = sample("trunc-log");
    let snap = std::fs::read(&path).unwrap();
    let wal = std::fs::read(sibling(&path, ".wal")).unwrap();
    let bytes_scan = scan_log(&path, &wal).unwrap();
    assert_eq!(bytes_scan.records.len(), n);
    for cut in 0..=wal.len() {
        let p = copy_db(&path, &snap, &wal[..cut]);
        match Store::open(&p, false) {
            Ok((g, _)) => {
                assert!(cut >= LOG_HEADER);
                let complete = bytes_scan
                    .records
                    .iter()
                    .filter(|(s, l)| s + l <= cut)
                    .count();
                let want: Vec<i64> = (1..=complete as i64).collect();
                assert_eq!(node_is(&g), want, "cut {cut}");
                // the torn tail was dropped: a second open finds a clean log
                let again = std::fs::read(sibling(&p, ".wal")).unwrap();
                assert_eq!(scan_log(&p, &again).unwrap().good_len, again.len() as u64);
            }
            Err(e) => {
                assert!(cut < LOG_HEADER, "cut {cut}: {e}");
                assert!(
                    ["Truncated", "Corrupted"].contains(&e.code().as_str()),
                    "cut {cut}: {e}"
                );
            }
        }
        let _ = std::fs::remove_dir_all(p.parent().unwrap());
    }
}

#[test]
fn damage_is_reported_not_skipped() {
    let (path, _) = sample("damage");
    let snap = std::fs::read(&path).unwrap();
    let wal = std::fs::read(sibling(&path, ".wal")).unwrap();
    let scan = scan_log(&path, &wal).unwrap();
    // a flipped byte inside any snapshot byte: Corrupted (or Unsupported)
    for i in 0..snap.len() {
        let mut s = snap.clone();
        s[i] ^= 0x40;
        let p = copy_db(&path, &s, &wal);
        let e = Store::open(&p, true)
            .err()
            .unwrap_or_else(|| panic!("flip {i} opened"));
        assert!(
            ["Corrupted", "Truncated", "UnsupportedVersion"].contains(&e.code().as_str()),
            "flip {i}: {e}"
        );
    }
    // a damaged record in the middle: Corrupted
    let (mid, _) = scan.records[2];
    let mut w = wal.clone();
    w[mid + 1] ^= 0x01;
    let p = copy_db(&path, &snap, &w);
    let e = Store::open(&p, false).unwrap_err();
    assert_eq!(e.code().as_str(), "Corrupted", "{e}");
    assert!(e.message().contains("followed by more data"), "{e}");
    // a damaged last record: a torn commit, dropped
    let (last, _) = *scan.records.last().unwrap();
    let mut w = wal.clone();
    w[last + 1] ^= 0x01;
    let p = copy_db(&path, &snap, &w);
    let (g, _) = Store::open(&p, false).unwrap();
    assert_eq!(node_is(&g), vec![1, 2, 3, 4, 5]);
    // zeros after the last record (a file extended but not written)
    let mut w = wal.clone();
    w.extend_from_slice(&[0; 100]);
    let p = copy_db(&path, &snap, &w);
    let (g, _) = Store::open(&p, false).unwrap();
    assert_eq!(node_is(&g).len(), 6);
}

#[test]
fn newer_versions_and_foreign_files_are_named() {
    let (path, _) = sample("version");
    let mut snap = std::fs::read(&path).unwrap();
    let wal = std::fs::read(sibling(&path, ".wal")).unwrap();
    snap[8] = 2;
    // re-seal so that only the version is wrong
    let n = snap.len();
    let crc = crc32fast::hash(&snap[..n - 4]);
    snap[n - 4..].copy_from_slice(&crc.to_le_bytes());
    let p = copy_db(&path, &snap, &wal);
    let e = Store::open(&p, false).unwrap_err();
    assert_eq!(e.code().as_str(), "UnsupportedVersion");
    assert!(e.message().contains("version 2"), "{e}");
    let p = copy_db(&path, b"hello, this is not a database at all.....", &wal);
    let e = Store::open(&p, false).unwrap_err();
    assert!(e.message().contains("not a plenary database"), "{e}");
}

#[test]
fn stale_log_after_a_checkpoint_crash_is_ignored() {
    let (path, _) = sample("stale");
    let old_wal = std::fs::read(sibling(&path, ".wal")).unwrap();
    {
        let mut db = Db::open(&path, Io::default(), 1 << 30).unwrap();
        db.store.lock().unwrap().checkpoint(&mut db.g).unwrap();
    }
    // simulate a crash between the snapshot rename and the log rename
    std::fs::write(sibling(&path, ".wal"), &old_wal).unwrap();
    let (g, st) = Store::open(&path, false).unwrap();
    assert!(st.report.stale_log);
    assert_eq!(node_is(&g), vec![1, 2, 3, 4, 5, 6]);
}

#[test]
fn second_writer_is_locked_out() {
    let path = temp_db("lock");
    let _a = Store::open(&path, false).unwrap();
    let e = Store::open(&path, false).unwrap_err();
    assert_eq!(e.code().as_str(), "Locked");
    assert!(
        e.message().contains(&format!(
            "database is locked by process {}",
            std::process::id()
        )),
        "{e}"
    );
    assert!(Store::open(&path, true).is_ok());
}
