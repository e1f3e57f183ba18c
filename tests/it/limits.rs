//! Statement limits: the memory budget (`Database::set_max_memory`,
//! `--max-memory`), streaming that keeps memory flat, and the command
//! line's `--timeout` / `--max-rows`. No wall-clock assertions: a budget
//! is a byte count, and a timeout only decides which error ends a query
//! that would otherwise never end.

use std::time::Duration;

use plenary::{Database, QueryOptions};

use crate::cli::cli_util::{code, json_lines, plenary, stdout};

const SMALL: usize = 1 << 20;

fn db(budget: usize, optimize: bool) -> Database {
    let mut db = Database::in_memory().unwrap();
    db.set_optimize(optimize);
    db.query("UNWIND range(1, 20) AS i CREATE (:K {i: i})")
        .unwrap();
    db.set_max_memory(Some(budget));
    db
}

fn count(db: &Database, q: &str) -> i64 {
    db.query(q).unwrap().rows[0][0].as_int().unwrap()
}

fn over_budget(db: &Database, q: &str) {
    match db.query(q) {
        Err(e) => {
            assert_eq!(e.code().as_str(), "MemoryLimitExceeded", "{q}: {e}");
            assert!(e.message().contains("1 MiB"), "{}", e.message());
            assert!(e.message().contains("changed nothing"), "{}", e.message());
        }
        Ok(r) => panic!("{q} ran within 1 MiB: {:?}", r.rows.first()),
    }
}

/// Every kind of thing a statement holds is counted: each of these needs
/// far more than 1 MiB, and fails instead of growing without bound.
#[test]
fn what_a_statement_holds_is_counted() {
    for optimize in [true, false] {
        let db = db(SMALL, optimize);
        // every K joined to each later one: 2^18 paths from the first
        db.query("MATCH (a:K), (b:K) WHERE a.i < b.i CREATE (a)-[:E]->(b)")
            .unwrap();
        for q in [
            // an aggregation's collected list
            "UNWIND range(1, 1000000) AS x RETURN size(collect(x))",
            // DISTINCT inside an aggregate, and its groups
            "UNWIND range(1, 1000000) AS x RETURN count(DISTINCT x)",
            "UNWIND range(1, 1000000) AS x RETURN x % 500000 AS g, count(*)",
            // DISTINCT rows
            "UNWIND range(1, 1000000) AS x WITH DISTINCT x RETURN count(x)",
            // a sort's buffer
            "UNWIND range(1, 1000000) AS x WITH x ORDER BY x DESC RETURN count(x)",
            // the result itself
            "UNWIND range(1, 1000000) AS x RETURN x",
            // a built list: range(), a comprehension, COLLECT { }
            "RETURN size([x IN range(1, 1000000) | toString(x)])",
            // strings that double: concatenation and replace()
            "RETURN size(reduce(s = 'x', i IN range(1, 40) | s + s))",
            "WITH reduce(s = 'x', i IN range(1, 15) | s + s) AS s RETURN size(replace(s, 'x', s))",
            // a reduce that appends to one buffer (string and list)
            // (the range itself fits: 30,000 integers)
            "RETURN size(reduce(s = '', i IN range(1, 30000) | s + '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'))",
            "RETURN size(reduce(l = [], i IN range(1, 30000) | l + [i, i, i, i, i]))",
            // variable-length paths, collected (2^18 of them: see below)
            "MATCH p = (x:K {i: 1})-[*]->() RETURN size(collect(p))",
            // a pattern comprehension's list
            "MATCH (x:K {i: 1}) RETURN size([p = (x)-[*]->() | p])",
        ] {
            over_budget(&db, q);
        }
        // LIMIT keeps a sort's buffer to its first rows (160,000 rows,
        // made one at a time in both modes)
        let rows = "MATCH (a:K), (b:K), (c:K), (d:K) \
                    WITH a.i * 8000 + b.i * 400 + c.i * 20 + d.i AS x";
        let r = db
            .query(&format!("{rows} RETURN x ORDER BY x DESC LIMIT 3"))
            .unwrap();
        let top: Vec<i64> = r.rows.iter().map(|r| r[0].as_int().unwrap()).collect();
        assert_eq!(top, [168420, 168419, 168418], "optimize {optimize}");
        over_budget(&db, &format!("{rows} RETURN x ORDER BY x DESC"));
        // counting holds nothing per row
        assert_eq!(count(&db, &format!("{rows} RETURN count(x)")), 160000);
        if optimize {
            // UNWIND range() streams once optimized (unoptimized, the list
            // is made, and is over the budget)
            assert_eq!(
                count(&db, "UNWIND range(1, 1000000) AS x RETURN count(x)"),
                1000000
            );
        }
    }
}

/// A failed statement changes nothing: its writes are undone, and the
/// undo log of a write that grows too large counts against the budget.
#[test]
fn over_budget_writes_are_rolled_back() {
    for optimize in [true, false] {
        let db = db(SMALL, optimize);
        over_budget(&db, "UNWIND range(1, 200000) AS x CREATE (:N {x: x})");
        over_budget(
            &db,
            "UNWIND range(1, 1000) AS x CREATE (n:N {x: x}) \
             WITH count(*) AS c UNWIND range(1, 1000000) AS y RETURN size(collect(y + c))",
        );
        over_budget(
            &db,
            "MATCH (k:K) SET k.s = reduce(s = 'x', i IN range(1, 40) | s + s)",
        );
        assert_eq!(count(&db, "MATCH (n:N) RETURN count(n)"), 0);
        assert_eq!(
            count(&db, "MATCH (k:K) WHERE k.s IS NOT NULL RETURN count(k)"),
            0
        );
        // the same handle goes on working
        assert_eq!(count(&db, "CREATE (:N {x: 1}) RETURN 1"), 1);
        assert_eq!(count(&db, "MATCH (n:N) RETURN count(n)"), 1);
    }
}

/// Per-statement options only lower the handle's budget, and the handle
/// starts with one (a share of the machine's memory).
#[test]
fn the_budget_has_a_default_and_options_lower_it() {
    let mut db = Database::in_memory().unwrap();
    assert_eq!(db.max_memory(), Some(plenary::default_memory_budget()));
    let q = "UNWIND range(1, 100000) AS x RETURN size(collect(x))";
    assert!(db.query(q).is_ok());
    let small = QueryOptions::new().max_memory(SMALL);
    let e = db
        .execute_opts(q, plenary::Params::new(), &small)
        .unwrap_err();
    assert_eq!(e.code().as_str(), "MemoryLimitExceeded");
    db.set_max_memory(None);
    assert!(db.query(q).is_ok());
    db.set_max_memory(Some(SMALL));
    let big = QueryOptions::new().max_memory(usize::MAX);
    assert!(db.execute_opts(q, plenary::Params::new(), &big).is_err());
}

/// Counting the paths of a clique streams: it holds nothing per path, so
/// under a small budget it is the time limit that stops it, not memory.
#[test]
fn counting_paths_streams() {
    for optimize in [true, false] {
        let mut db = db(SMALL, optimize);
        db.query("MATCH (a:K), (b:K) WHERE a.i <> b.i CREATE (a)-[:E]->(b)")
            .unwrap();
        db.set_timeout(Some(Duration::from_millis(300)));
        let e = db
            .query("MATCH p = (a:K {i: 1})-[*]->(b) RETURN count(p)")
            .unwrap_err();
        assert_eq!(e.code().as_str(), "Timeout", "{e}");
        // and a LIMIT stops the walk
        db.set_timeout(None);
        assert_eq!(
            db.query("MATCH p = (a:K {i: 1})-[*]->(b) RETURN length(p) LIMIT 5")
                .unwrap()
                .len(),
            5
        );
    }
}

#[test]
fn the_command_line_sets_limits() {
    let o = plenary(
        &[
            "--empty",
            "query",
            "--format",
            "jsonl",
            "--max-memory",
            "1MiB",
            "UNWIND range(1, 1000000) AS x RETURN size(collect(x))",
        ],
        "",
    );
    assert_eq!(code(&o), 1);
    let lines = json_lines(&stdout(&o));
    let err = lines.iter().find(|l| l.get("error").is_some()).unwrap();
    assert_eq!(err["error"]["code"], "MemoryLimitExceeded", "{err}");

    // limits before the command apply to it too; none lifts the budget
    let o = plenary(
        &[
            "--max-memory",
            "1MiB",
            "--empty",
            "query",
            "UNWIND range(1, 1000000) AS x RETURN size(collect(x)) AS n",
        ],
        "",
    );
    assert_eq!(code(&o), 1);
    let o = plenary(
        &[
            "--max-memory",
            "1MiB",
            "--empty",
            "query",
            "--max-memory",
            "none",
            "UNWIND range(1, 1000000) AS x RETURN size(collect(x)) AS n",
        ],
        "",
    );
    assert_eq!(code(&o), 0, "{}", stdout(&o));

    let o = plenary(
        &[
            "--empty",
            "query",
            "--timeout",
            "200ms",
            "UNWIND range(1, 100000000) AS x RETURN count(x)",
        ],
        "",
    );
    assert_eq!(code(&o), 1);
    let o = plenary(
        &[
            "--empty",
            "query",
            "--max-rows",
            "3",
            "UNWIND range(1, 4) AS x RETURN x",
        ],
        "",
    );
    assert_eq!(code(&o), 1);

    let o = plenary(
        &["--empty", "query", "--max-memory", "2 parsecs", "RETURN 1"],
        "",
    );
    assert_eq!(code(&o), 2);
}

/// The clique, from the command line: counting its paths holds a
/// constant few megabytes until the time limit stops it (it used to grow
/// to 3 GB and abort), and collecting them ends with the memory error.
#[test]
fn the_clique_from_the_command_line() {
    use crate::cli::cli_util::{bin, script};
    let setup = "UNWIND range(1, 30) AS i CREATE (:K {i: i});\n\
                 MATCH (a:K), (b:K) WHERE a.i <> b.i CREATE (a)-[:E]->(b);\n";
    let count = script(
        "clique_count.cypher",
        &format!("{setup}MATCH p = (a:K {{i: 1}})-[*]->(b) RETURN count(p);\n"),
    );
    let mut child = bin()
        .args(["--empty", "run", "--timeout", "2s", "--format", "jsonl"])
        .arg(&count)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // the peak resident size, read while the process lives (Linux)
    let status = format!("/proc/{}/status", child.id());
    let mut peak_kib = None;
    while child.try_wait().unwrap().is_none() {
        if let Ok(s) = std::fs::read_to_string(&status)
            && let Some(kib) = s
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak_kib = Some(kib);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(lines.last().unwrap()["error"]["code"], "Timeout");
    match peak_kib {
        Some(kib) => assert!(kib < 200 * 1024, "peak resident size {kib} KiB"),
        None => eprintln!("skipped the memory check: no /proc/PID/status here"),
    }

    let collect = script(
        "clique_collect.cypher",
        &format!("{setup}MATCH p = (a:K {{i: 1}})-[*]->(b) RETURN size(collect(p));\n"),
    );
    let o = bin()
        .args([
            "--empty",
            "run",
            "--max-memory",
            "64MiB",
            "--format",
            "jsonl",
        ])
        .arg(&collect)
        .output()
        .unwrap();
    assert_eq!(code(&o), 1);
    let lines = json_lines(&stdout(&o));
    assert_eq!(
        lines.last().unwrap()["error"]["code"],
        "MemoryLimitExceeded"
    );
}

/// `CALL db.stats()` reports what the graph holds, item by item, and the
/// figures follow the graph.
#[test]
fn the_graph_reports_its_memory() {
    let db = Database::in_memory().unwrap();
    let stats = |db: &Database| -> Vec<(String, Option<i64>, i64)> {
        db.query("CALL db.stats() YIELD item, count, bytes RETURN item, count, bytes")
            .unwrap()
            .rows
            .iter()
            .map(|r| {
                (
                    r[0].as_str().unwrap().to_string(),
                    r[1].as_int(),
                    r[2].as_int().unwrap(),
                )
            })
            .collect()
    };
    let find = |s: &[(String, Option<i64>, i64)], item: &str| {
        s.iter().find(|r| r.0 == item).cloned().unwrap()
    };
    let empty = stats(&db);
    db.query("UNWIND range(1, 1000) AS i CREATE (:P {name: 'person ' + toString(i)})-[:KNOWS {since: i}]->(:P)")
        .unwrap();
    db.query("CREATE INDEX FOR (p:P) ON (p.name)").unwrap();
    let full = stats(&db);
    assert_eq!(find(&full, "nodes").1, Some(2000));
    assert_eq!(find(&full, "relationships").1, Some(1000));
    assert_eq!(find(&full, "indexes").1, Some(1));
    // every name counts its text: 1000 names of 8–12 bytes and more
    assert!(find(&full, "nodes").2 > find(&empty, "nodes").2 + 2000 * 48);
    assert!(find(&full, "indexes").2 > 1000 * 56);
    let total: i64 = full.iter().filter(|r| r.0 != "total").map(|r| r.2).sum();
    assert_eq!(find(&full, "total"), ("total".into(), None, total));
}

/// On the write path the trails from a start are found before a later
/// clause writes: relationships a `CALL { }` creates are not walked by the
/// match that feeds it (streaming them would never end here).
#[test]
fn a_walk_does_not_see_what_its_rows_create() {
    for optimize in [true, false] {
        let mut db = Database::in_memory().unwrap();
        db.set_optimize(optimize);
        db.set_timeout(Some(Duration::from_secs(20)));
        db.query("CREATE (:X {i: 1})-[:E]->(:X {i: 2})").unwrap();
        let r = db
            .query(
                "MATCH (a:X {i: 1})-[*]->(b) CALL { WITH b CREATE (b)-[:E]->(:Y) } \
                 RETURN count(*) AS n",
            )
            .unwrap();
        assert_eq!(r.rows[0][0].as_int(), Some(1), "optimize {optimize}");
        assert_eq!(count(&db, "MATCH (y:Y) RETURN count(y)"), 1);
    }
}
