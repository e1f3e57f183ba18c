//! The library API as a downstream crate sees it: only `plenary::` items.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

use plenary::{
    CancelHandle, Database, ErrorKind, FileAccess, Node, Params, QueryOptions, Value, from_value,
    params, to_value,
};
use serde::{Deserialize, Serialize};

fn int(db: &Database, q: &str) -> i64 {
    db.query(q).unwrap().rows[0][0].as_int().unwrap()
}

#[test]
fn send_sync_clone() {
    fn check<T: Send + Sync + Clone + 'static>() {}
    check::<Database>();
    check::<plenary::Error>();
    check::<plenary::QueryResult>();
    check::<CancelHandle>();
}

#[test]
fn bundled_vote_against() {
    let db = Database::bundled().unwrap();
    let r = db
        .query(
            "MATCH (c:Country)-[v:VOTED]->(:Resolution) WHERE v.vote = 'no' \
             RETURN c.code AS code ORDER BY code",
        )
        .unwrap();
    let codes: Vec<String> = r.deserialize().unwrap();
    assert!(codes.contains(&"RU".to_string()), "{codes:?}");
}

#[test]
fn params_of_every_kind() {
    let db = Database::in_memory().unwrap();
    #[derive(Serialize)]
    struct S {
        a: u8,
        b: Option<&'static str>,
        c: Vec<f32>,
    }
    let p = params! {
        "i8" => -3i8, "u32" => 7u32, "i64" => i64::MIN, "usize" => 5usize,
        "f" => 1.5f64, "s" => "x", "string" => String::from("y"), "b" => true,
        "none" => None::<i32>, "some" => Some(4), "v" => vec![1, 2],
        "hm" => HashMap::from([("k".to_string(), 1)]),
        "bm" => BTreeMap::from([("k".to_string(), "v")]),
        "st" => S { a: 1, b: None, c: vec![0.5] },
        "val" => Value::from("raw"),
    };
    let r = db
        .query_with(
            "RETURN $i8 + $u32 AS a, $i64 AS b, $usize AS c, $f AS d, $s + $string AS e, $b AS f,
                    $none IS NULL AS g, $some AS h, $v AS i, $hm.k AS j, $bm.k AS k, $st.c AS l,
                    $st.b IS NULL AS m, $val AS n",
            &p,
        )
        .unwrap();
    assert_eq!(
        r.rows[0].iter().map(|v| v.to_string()).collect::<Vec<_>>(),
        [
            "4",
            "-9223372036854775808",
            "5",
            "1.5",
            "'xy'",
            "true",
            "true",
            "4",
            "[1, 2]",
            "1",
            "'v'",
            "[0.5]",
            "true",
            "'raw'"
        ]
    );
    // A conversion failure is reported by the query, not a panic.
    let e = db
        .query_with("RETURN $n", params! {"n" => u64::MAX})
        .unwrap_err();
    assert!(e.message().contains("$n"), "{e}");
    // Missing parameters are the engine's ParameterMissing.
    let e = db.query_with("RETURN $nope", Params::new()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ParameterMissing);
}

#[test]
fn temporal_and_entity_values_round_trip() {
    let db = Database::in_memory().unwrap();
    let r = db
        .query(
            "CREATE p = (a:A {x: 1})-[r:R {w: 2.5}]->(b:B) \
             RETURN a, r, p, date('2012-02-16') AS d, datetime('2012-02-16T10:00:00+01:00') AS dt, \
                    duration('P1DT2H') AS dur, localtime('12:00') AS lt",
        )
        .unwrap();
    for v in &r.rows[0] {
        assert_eq!(&to_value(v).unwrap(), v, "to_value {v}");
        assert_eq!(&from_value::<Value>(v).unwrap(), v, "from_value {v}");
        let back: Value = to_value(&serde_json::to_value(v).unwrap()).unwrap();
        let _ = back; // JSON keeps the shape, not the type: no equality here
    }
    let row = r.row(0).unwrap();
    let a: Node = row.get("a").unwrap();
    assert_eq!(a.labels, ["A"]);
    let d: chrono::NaiveDate = row.get("d").unwrap();
    assert_eq!(d.to_string(), "2012-02-16");
    assert_eq!(
        serde_json::to_string(&r.rows[0][3]).unwrap(),
        "\"2012-02-16\""
    );
    // Passing values back as parameters works.
    let p = params! {"d" => r.rows[0][3].clone()};
    let r2 = db
        .query_with("RETURN $d = date('2012-02-16') AS same", p)
        .unwrap();
    assert_eq!(r2.rows[0][0], Value::Bool(true));
}

#[test]
fn typed_errors_name_column_type_and_value() {
    let db = Database::in_memory().unwrap();
    let r = db.query("RETURN 'Syria' AS name, 1.5 AS x").unwrap();
    let row = r.row(0).unwrap();
    let e = row.get::<i64, _>("name").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TypeError);
    let m = e.message();
    assert!(
        m.contains("`name`") && m.contains("i64") && m.contains("'Syria'"),
        "{m}"
    );
    let e = row.get::<i64, _>(1).unwrap_err();
    assert!(e.message().contains("1.5"), "{e}");
    let e = row.get::<i64, _>("nope").unwrap_err();
    assert!(e.message().contains("name, x"), "{e}");
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Bad {
        name: String,
        x: u8,
    }
    let e = r.deserialize::<Bad>().unwrap_err();
    assert!(e.message().contains("column `x`"), "{e}");
}

#[test]
fn nodes_deserialize_into_structs() {
    #[derive(Deserialize, Debug)]
    struct Country {
        id: u64,
        labels: Vec<String>,
        name: String,
        code: String,
    }
    #[derive(Deserialize, Debug)]
    struct Row {
        c: Country,
        votes: Vec<String>,
    }
    let db = Database::bundled().unwrap();
    let rows: Vec<Row> = db
        .query("MATCH (c:Country {code: 'RU'})-[v:VOTED]->() RETURN c, collect(v.vote) AS votes")
        .unwrap()
        .deserialize()
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].c.name, "Russia");
    assert_eq!(rows[0].c.code, "RU");
    assert_eq!(rows[0].c.labels, ["Country"]);
    assert!(rows[0].votes.contains(&"no".to_string()));
    let again = db
        .query_with(
            "MATCH (c) WHERE id(c) = $id RETURN c.code",
            params! {"id" => rows[0].c.id},
        )
        .unwrap();
    assert_eq!(again.rows[0][0], Value::from("RU"));
}

#[test]
fn errors_know_their_position() {
    let db = Database::in_memory().unwrap();
    let e = db.query("MATCH (a)\nRETURN b").unwrap_err();
    assert_eq!(e.code().as_str(), "UndefinedVariable");
    assert_eq!(e.position(), Some((2, 8)));
    let shown = e.to_string();
    assert!(
        shown.contains("(2:8)") && shown.contains("RETURN b\n"),
        "{shown}"
    );
    assert!(shown.ends_with('^'), "{shown}");
    let _: &dyn std::error::Error = &e;

    let e = db.execute_script("RETURN 1;\nRETURN 1 +;").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::SyntaxError);
    assert_eq!(e.position().map(|p| p.0), Some(2));
}

#[test]
fn bad_input_never_panics() {
    let db = Database::in_memory().unwrap();
    for q in [
        "",
        ";",
        "MATCH",
        "RETURN 1/0",
        "RETURN 9223372036854775807 + 1",
        &"(".repeat(10_000),
        "CREATE (n {m: {a: 1}})",
        "LOAD CSV FROM 'http://example.com' AS l RETURN l",
    ] {
        assert!(db.query(q).is_err(), "{q:?} should fail");
    }
    assert_eq!(db.node_count(), 0);
}

#[test]
fn timeout_row_limit_and_file_access() {
    let mut db = Database::in_memory().unwrap();
    let t = Instant::now();
    let opts = QueryOptions::new().timeout(Duration::from_millis(50));
    let e = db
        .execute_opts(
            "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y WITH x + y AS s WHERE s < 0 RETURN count(s)",
            params! {},
            &opts,
        )
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Cancelled);
    assert_eq!(e.code().as_str(), "Timeout");
    assert!(t.elapsed() < Duration::from_secs(5));

    db.set_max_rows(Some(5));
    assert!(db.query("UNWIND range(1, 5) AS x RETURN x").is_ok());
    let e = db.query("UNWIND range(1, 6) AS x RETURN x").unwrap_err();
    assert_eq!(e.code().as_str(), "RowLimitExceeded");
    // Per-query options only tighten.
    let loose = QueryOptions::new().max_rows(100);
    assert!(
        db.execute_opts("UNWIND range(1, 6) AS x RETURN x", params! {}, &loose)
            .is_err()
    );

    let dir = std::env::temp_dir().join(format!("plenary-api-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("ok.csv"), "a\n1\n2\n").unwrap();
    let mut confined = Database::in_memory().unwrap();
    confined.set_file_access(FileAccess::Under(dir.clone()));
    assert_eq!(
        confined
            .query("LOAD CSV WITH HEADERS FROM 'ok.csv' AS l RETURN l.a")
            .unwrap()
            .len(),
        2
    );
    let e = confined
        .query("LOAD CSV FROM '/etc/hostname' AS l RETURN l")
        .unwrap_err();
    assert!(
        e.code().as_str() == "FileAccessDenied" || e.kind() == ErrorKind::IoError,
        "{e}"
    );
    confined.set_file_access(FileAccess::Denied);
    let e = confined
        .query("LOAD CSV WITH HEADERS FROM 'ok.csv' AS l RETURN l.a")
        .unwrap_err();
    assert_eq!(e.code().as_str(), "FileAccessDenied");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn cancel_from_another_thread() {
    let db = Database::in_memory().unwrap();
    let cancel = CancelHandle::new();
    let opts = QueryOptions::new().cancel(&cancel);
    let c2 = cancel.clone();
    let canceller = thread::spawn(move || {
        thread::sleep(Duration::from_millis(50));
        c2.cancel();
    });
    let t = Instant::now();
    let e = db
        .execute_opts(
            "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y CREATE (:N) RETURN count(*)",
            params! {},
            &opts,
        )
        .unwrap_err();
    canceller.join().unwrap();
    assert_eq!(e.kind(), ErrorKind::Cancelled);
    assert!(t.elapsed() < Duration::from_secs(10));
    assert_eq!(db.node_count(), 0);
    // The database stays usable.
    assert_eq!(int(&db, "RETURN 1"), 1);
}

#[test]
fn concurrent_readers_see_committed_states() {
    const WRITES: i64 = 200;
    const READERS: usize = 4;
    let db = Database::in_memory().unwrap();
    let done = Arc::new(AtomicBool::new(false));
    let start = Arc::new(Barrier::new(READERS + 1));
    let readers: Vec<_> = (0..READERS)
        .map(|_| {
            let db = db.clone();
            let done = done.clone();
            let start = start.clone();
            thread::spawn(move || {
                start.wait();
                let mut last = 0;
                let mut seen = 0;
                loop {
                    let finished = done.load(Ordering::SeqCst);
                    // Each write statement adds 3 nodes, so every committed
                    // total is a multiple of 3; a torn read would not be.
                    let n = int(&db, "MATCH (n:N) RETURN count(n)");
                    assert_eq!(n % 3, 0, "saw a partial statement: {n}");
                    assert!(n >= last, "count went backwards: {last} -> {n}");
                    assert!(n <= 3 * WRITES);
                    let sum = int(&db, "MATCH (n:N) RETURN coalesce(sum(n.i), 0)");
                    assert_eq!(sum % 3, 0);
                    last = n;
                    seen += 1;
                    if finished {
                        return (last, seen);
                    }
                }
            })
        })
        .collect();
    start.wait();
    for i in 0..WRITES {
        db.query_with(
            "CREATE (:N {i: $i}), (:N {i: $i}), (:N {i: $i})",
            params! {"i" => i},
        )
        .unwrap();
    }
    done.store(true, Ordering::SeqCst);
    for r in readers {
        let (last, seen) = r.join().unwrap();
        assert_eq!(last, 3 * WRITES);
        assert!(seen >= 1);
    }
}

#[test]
fn bulk_insert() {
    let db = Database::in_memory().unwrap();
    db.execute("CREATE (:Hub {name: 'hub'})").unwrap();
    let hub = int(&db, "MATCH (h:Hub) RETURN id(h)") as u64;
    let mut bulk = db.bulk();
    let nodes: Vec<_> = (0..1000)
        .map(|i| bulk.add_node(["Item"], params! {"i" => i, "tags" => vec!["a", "b"]}))
        .collect();
    for w in nodes.windows(2) {
        bulk.add_relationship(w[0], w[1], "NEXT", params! {});
    }
    bulk.add_relationship(hub, nodes[0], "FIRST", params! {"at" => 0});
    let done = bulk.commit().unwrap();
    assert_eq!(done.stats.nodes_created, 1000);
    assert_eq!(done.stats.relationships_created, 1000);
    assert_eq!(done.node_ids.len(), 1000);
    assert_eq!(
        int(
            &db,
            "MATCH (:Hub)-[:FIRST]->(:Item)-[:NEXT*999]->(x) RETURN x.i"
        ),
        999
    );

    // Unstorable properties and unknown ids fail and change nothing.
    let mut bulk = db.bulk();
    bulk.add_node(["X"], params! {"m" => BTreeMap::from([("a", 1)])});
    assert!(bulk.commit().is_err());
    let mut bulk = db.bulk();
    let x = bulk.add_node(["X"], params! {});
    bulk.add_relationship(x, 999_999u64, "R", params! {});
    assert_eq!(bulk.commit().unwrap_err().kind(), ErrorKind::EntityNotFound);
    assert_eq!(int(&db, "MATCH (x:X) RETURN count(x)"), 0);
}

/// PROFILE: one row per operator with the rows it produced, its own time
/// and its total time (which includes its inputs and what it fed).
#[test]
fn profile_reports_rows_and_self_time_per_operator() {
    let db = Database::in_memory().unwrap();
    db.execute("UNWIND range(1, 5000) AS i CREATE (:P {i: i})")
        .unwrap();
    let r = db
        .query("PROFILE MATCH (p:P) WHERE p.i % 2 = 0 RETURN count(*) AS n")
        .unwrap();
    assert_eq!(
        r.columns,
        ["operator", "details", "rows", "self_ms", "total_ms"]
    );
    let ms = |v: &Value| match v {
        Value::Float(f) => *f,
        other => panic!("a time in ms, got {other:?}"),
    };
    let ops: Vec<(String, i64, f64, f64)> = r
        .rows
        .iter()
        .map(|row| {
            let name = match &row[0] {
                Value::String(s) => s.trim().to_string(),
                other => panic!("an operator name, got {other:?}"),
            };
            (name, row[2].as_int().unwrap(), ms(&row[3]), ms(&row[4]))
        })
        .collect();
    let rows_of = |name: &str| {
        ops.iter()
            .find(|o| o.0 == name)
            .unwrap_or_else(|| panic!("no {name} in {ops:?}"))
            .1
    };
    assert_eq!(rows_of("NodeByLabelScan"), 5000);
    assert_eq!(rows_of("Filter"), 2500);
    assert_eq!(rows_of("Aggregation"), 1);
    for (name, _, self_ms, total_ms) in &ops {
        assert!(
            *self_ms >= 0.0 && *self_ms <= *total_ms + 1e-9,
            "{name}: self {self_ms} ms, total {total_ms} ms"
        );
    }
    // the root's total covers the whole plan
    let root_total = ops[0].3;
    assert!(ops.iter().all(|o| o.3 <= root_total + 1e-9), "{ops:?}");
}
