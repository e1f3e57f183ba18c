//! Readers in parallel, writers serialized, statement limits (issue #5),
//! through the public API only.

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use plenary::{CancelHandle, Database, ErrorKind, QueryOptions, Value, params};

/// How long a read may take before the test calls it blocked. Generous: the
/// test must never fail on a slow machine, only hang-and-fail when readers
/// really wait for each other.
const BLOCKED: Duration = Duration::from_secs(60);

/// Ten billion rows: runs until cancelled (`range` lists are capped at 10⁸ elements).
const ENDLESS_READ: &str =
    "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y RETURN count(*)";

/// A long read-only query holds the graph while other reads run: they must
/// complete while it is still running. With every statement taking the
/// write lock (the old behaviour) the second read waits for the first to
/// end, which it never does before it is cancelled, and the test fails.
#[test]
fn readers_run_in_parallel() {
    let db = Database::in_memory().unwrap();
    db.execute("CREATE (:A {x: 1}), (:A {x: 2})").unwrap();

    let cancel = CancelHandle::new();
    let (started_tx, started_rx) = mpsc::channel();
    let (done_tx, done_rx) = mpsc::channel();
    let long = {
        let db = db.clone();
        let opts = QueryOptions::new().cancel(&cancel);
        thread::spawn(move || {
            started_tx.send(()).unwrap();
            let r = db.execute_opts(ENDLESS_READ, params! {}, &opts);
            done_tx.send(r).unwrap();
        })
    };
    started_rx.recv().unwrap();

    // Keep reading for a while after the long query started: it takes its
    // lock within microseconds, so most of these reads overlap it.
    let deadline = Instant::now() + Duration::from_millis(500);
    let mut reads = 0;
    while Instant::now() < deadline || reads < 3 {
        let (tx, rx) = mpsc::channel();
        let reader = db.clone();
        thread::spawn(move || {
            let _ = tx.send(reader.query("MATCH (n:A) RETURN sum(n.x) AS s"));
        });
        match rx.recv_timeout(BLOCKED) {
            Ok(r) => assert_eq!(r.unwrap().rows[0][0], Value::Int(3)),
            Err(_) => {
                cancel.cancel();
                panic!(
                    "a read-only query was blocked for {BLOCKED:?} by another running read-only query: readers do not run in parallel"
                );
            }
        }
        reads += 1;
        thread::sleep(Duration::from_millis(20));
    }
    // The long read was running the whole time.
    assert!(
        done_rx.try_recv().is_err(),
        "the long query ended before the other reads were done; the test proves nothing"
    );
    cancel.cancel();
    let r = done_rx
        .recv_timeout(BLOCKED)
        .expect("the cancelled query did not stop");
    let e = r.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Cancelled);
    assert_eq!(e.code().as_str(), "Cancelled");
    long.join().unwrap();
}

/// A write waits for running reads and they never see half of it; a read
/// started after the write returned sees all of it.
#[test]
fn a_write_waits_for_a_running_read() {
    let db = Database::in_memory().unwrap();
    let cancel = CancelHandle::new();
    let (done_tx, done_rx) = mpsc::channel();
    let long = {
        let db = db.clone();
        let opts = QueryOptions::new().cancel(&cancel);
        thread::spawn(move || {
            let r = db.execute_opts(ENDLESS_READ, params! {}, &opts);
            done_tx.send(r).unwrap();
        })
    };
    thread::sleep(Duration::from_millis(100));
    let canceller = {
        let cancel = cancel.clone();
        thread::spawn(move || {
            thread::sleep(Duration::from_millis(200));
            cancel.cancel();
        })
    };
    db.execute("CREATE (:W)").unwrap();
    assert_eq!(
        db.query("MATCH (n:W) RETURN count(n)").unwrap().rows[0][0],
        Value::Int(1)
    );
    canceller.join().unwrap();
    let e = done_rx.recv_timeout(BLOCKED).unwrap().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Cancelled);
    long.join().unwrap();
}

/// While one handle has a `BEGIN` transaction open, reads of other handles
/// never see its uncommitted writes (they are refused, as before), and the
/// owner reads its own writes.
#[test]
fn reads_never_see_another_sessions_open_transaction() {
    let db = Database::in_memory().unwrap();
    let owner = db.clone();
    owner.execute("BEGIN").unwrap();
    owner.execute("CREATE (:T)").unwrap();
    assert_eq!(
        owner.query("MATCH (n:T) RETURN count(n)").unwrap().rows[0][0],
        Value::Int(1)
    );
    let e = db.query("MATCH (n:T) RETURN count(n)").unwrap_err();
    assert_eq!(e.code().as_str(), "TransactionInProgress");
    owner.execute("ROLLBACK").unwrap();
    assert_eq!(
        db.query("MATCH (n:T) RETURN count(n)").unwrap().rows[0][0],
        Value::Int(0)
    );
}

/// `max_rows` stops a statement while it runs: a writing statement over the
/// limit is rolled back and changes nothing.
#[test]
fn a_write_over_the_row_limit_changes_nothing() {
    let mut db = Database::in_memory().unwrap();
    db.execute("CREATE (:T {i: 0})").unwrap();
    db.set_max_rows(Some(5));
    let e = db
        .query("UNWIND range(1, 10) AS i CREATE (n:T {i: i}) RETURN n")
        .unwrap_err();
    assert_eq!(e.code().as_str(), "RowLimitExceeded");
    assert!(
        e.message().contains("more than the limit of 5 rows"),
        "{}",
        e.message()
    );
    assert_eq!(db.node_count(), 1);
    // at the limit it runs and commits
    let r = db
        .query("UNWIND range(1, 5) AS i CREATE (n:T {i: i}) RETURN n")
        .unwrap();
    assert_eq!(r.len(), 5);
    assert_eq!(db.node_count(), 6);
    // per-statement limits too, and reads stop early instead of running on
    let unlimited = Database::in_memory().unwrap();
    let opts = QueryOptions::new().max_rows(3);
    let e = unlimited
        .execute_opts(
            "UNWIND range(1, 10) AS i CREATE (:U) RETURN i",
            params! {},
            &opts,
        )
        .unwrap_err();
    assert_eq!(e.code().as_str(), "RowLimitExceeded");
    assert_eq!(unlimited.node_count(), 0);
    let t = Instant::now();
    let e = unlimited
        .execute_opts(
            ENDLESS_READ.replace("count(*)", "x").as_str(),
            params! {},
            &opts,
        )
        .unwrap_err();
    assert_eq!(e.code().as_str(), "RowLimitExceeded");
    assert!(t.elapsed() < BLOCKED);
}

fn one(db: &Database, q: &str) -> Value {
    let r = db.query(q).unwrap_or_else(|e| panic!("{q}: {e}"));
    assert_eq!(r.len(), 1, "{q}");
    r.rows[0][0].clone()
}

/// Reads name labels, types and keys the graph has never seen without
/// interning them: they match nothing, and everything around them works.
#[test]
fn unknown_names_on_the_read_path() {
    for optimize in [true, false] {
        unknown_names(optimize);
    }
}

fn unknown_names(optimize: bool) {
    let mut db = Database::in_memory().unwrap();
    db.set_optimize(optimize);
    db.execute("CREATE (:P {name: 'a', k: 1})-[:R {w: 2}]->(:P {name: 'b'})")
        .unwrap();
    assert!(
        db.query("MATCH (n:NoSuchLabel) RETURN n")
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        db.query("MATCH (n) RETURN n.nosuchkey AS x").unwrap().rows,
        vec![vec![Value::Null], vec![Value::Null]]
    );
    assert_eq!(one(&db, "RETURN {a: 1}.zzz"), Value::Null);
    assert_eq!(
        one(&db, "MATCH (n) WHERE n:Nope RETURN count(*)"),
        Value::Int(0)
    );
    assert_eq!(
        one(&db, "MATCH (n) WHERE NOT n:Nope RETURN count(*)"),
        Value::Int(2)
    );
    assert_eq!(
        one(&db, "MATCH ()-[r:NOPE]->() RETURN count(r)"),
        Value::Int(0)
    );
    assert_eq!(
        one(&db, "MATCH ()-[r:NOPE|R]->() RETURN count(r)"),
        Value::Int(1)
    );
    assert_eq!(one(&db, "MATCH (n:P:Nope) RETURN count(n)"), Value::Int(0));
    assert_eq!(
        one(&db, "MATCH (n:P {nope: 1}) RETURN count(n)"),
        Value::Int(0)
    );
    assert_eq!(one(&db, "MATCH (n {k: 1}) RETURN count(n)"), Value::Int(1));
    // two different unknown names are two different symbols
    assert_eq!(
        one(
            &db,
            "MATCH (n) WHERE n:Nope OR n:Zilch OR n:P RETURN count(n)"
        ),
        Value::Int(2)
    );
    // EXPLAIN prints the names as written
    let plan = db
        .query("EXPLAIN MATCH (n:Nope {k: 1})-[:NOREL|R]->(m:P:Zilch) RETURN n")
        .unwrap();
    let scan = db.query("EXPLAIN MATCH (m:P:Zilch) RETURN m").unwrap();
    let text = format!("{:?} {:?}", plan.rows, scan.rows);
    for name in ["Nope", "NOREL|R", "Zilch"] {
        assert!(text.contains(name), "{name} missing from {text}");
    }
    assert!(!text.contains('?'), "{text}");
    let profile = db.query("PROFILE MATCH (n:Nope) RETURN n").unwrap();
    assert!(format!("{:?}", profile.rows).contains("Nope"));
    // keys(), properties() and map projections see the real keys only
    let r = db
        .query(
            "MATCH (n:P {name: 'a'}) RETURN keys(n) AS k, properties(n) AS p, \
             n {.name, .nope, x: n.zzz} AS m, [k IN keys(n) WHERE k <> 'zz'] AS ks",
        )
        .unwrap();
    let row = &r.rows[0];
    assert_eq!(
        row[0],
        Value::List(vec![Value::from("k"), Value::from("name")])
    );
    assert_eq!(row[1].to_string(), "{k: 1, name: 'a'}");
    assert_eq!(row[2].to_string(), "{name: 'a', nope: null, x: null}");
    assert_eq!(row[3], row[0]);
    // the read path interned nothing: the names are still unknown
    let labels = db.query("CALL db.labels()").unwrap();
    assert_eq!(labels.rows, vec![vec![Value::from("P")]]);
    let keys = db.query("CALL db.propertyKeys()").unwrap();
    assert_eq!(keys.len(), 3); // k, name, w
    // a write may then create them
    db.execute("CREATE (:Nope {nosuchkey: 1})").unwrap();
    assert_eq!(one(&db, "MATCH (n:Nope) RETURN n.nosuchkey"), Value::Int(1));
}

/// A database file opened read-only answers reads (on the read path) and
/// refuses writes.
#[test]
fn reads_on_a_read_only_file() {
    let dir = std::env::temp_dir().join(format!("plenary-it-ro-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("graph.db");
    {
        let db = Database::open(&path).unwrap();
        db.execute("CREATE (:C {name: 'Oslo'}), (:C {name: 'Lima'})")
            .unwrap();
    }
    let ro = Database::open_read_only(&path).unwrap();
    assert_eq!(one(&ro, "MATCH (c:C) RETURN count(c)"), Value::Int(2));
    assert_eq!(one(&ro, "MATCH (c:Nope) RETURN count(c)"), Value::Int(0));
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let ro = ro.clone();
            thread::spawn(move || one(&ro, "MATCH (c:C) RETURN collect(c.name)"))
        })
        .collect();
    for r in readers {
        assert_eq!(r.join().unwrap().to_string(), "['Oslo', 'Lima']");
    }
    let e = ro.execute("CREATE (:C)").unwrap_err();
    assert_eq!(e.code().as_str(), "ReadOnly");
    assert_eq!(one(&ro, "MATCH (c) RETURN count(c)"), Value::Int(2));
    drop(ro);
    std::fs::remove_dir_all(&dir).ok();
}
