//! Full-text search over the 6,203 roll-call descriptions of the UN votes
//! (`descr` and `short` of `roll_calls.csv.gz`): the time to build the
//! index (English analyzer), then ten typical queries through
//! `db.index.fulltext.queryNodes`, each against the `CONTAINS` scan a user
//! would write without an index (which finds substrings, not words: the
//! hit counts differ and are printed). Medians of `RUNS` runs, as JSON.
//!
//! ```sh
//! RUNS=7 cargo bench --bench fulltext
//! ```

use std::path::Path;
use std::time::Instant;

use plenary::{Database, params};

const QUERIES: [(&str, &str); 10] = [
    ("nuclear", "toLower(r.descr) CONTAINS 'nuclear'"),
    (
        "nuclear AND test*",
        "toLower(r.descr) CONTAINS 'nuclear' AND toLower(r.descr) CONTAINS 'test'",
    ),
    (
        "\"human rights\"",
        "toLower(r.descr) CONTAINS 'human rights'",
    ),
    (
        "israel OR palestine",
        "toLower(r.descr) CONTAINS 'israel' OR toLower(r.descr) CONTAINS 'palestine'",
    ),
    (
        "apartheid -namibia",
        "toLower(r.descr) CONTAINS 'apartheid' AND NOT toLower(r.descr) CONTAINS 'namibia'",
    ),
    ("disarm*", "toLower(r.descr) CONTAINS 'disarm'"),
    ("short:colonial*", "toLower(r.short) CONTAINS 'colonial'"),
    (
        "peacekeeping operations",
        "toLower(r.descr) CONTAINS 'peacekeeping' OR toLower(r.descr) CONTAINS 'operations'",
    ),
    ("korea~1", "toLower(r.descr) CONTAINS 'korea'"),
    (
        "(chemical OR biological) AND weapons",
        "(toLower(r.descr) CONTAINS 'chemical' OR toLower(r.descr) CONTAINS 'biological') AND toLower(r.descr) CONTAINS 'weapons'",
    ),
];

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/unvotes");
    let file = dir.join("roll_calls.csv.gz");
    if !file.exists() {
        eprintln!(
            "skipping the full-text benchmark: {} not found",
            file.display()
        );
        return;
    }
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(7);
    let db = Database::in_memory().unwrap();
    db.query_with(
        "LOAD CSV WITH HEADERS FROM $f AS row CREATE (:Resolution {rcid: toInteger(row.rcid), descr: row.descr, short: row.short})",
        params! {"f" => file.to_string_lossy().to_string()},
    )
    .unwrap();
    let mut build = Vec::new();
    for _ in 0..runs {
        db.execute("DROP INDEX rollcalls IF EXISTS").unwrap();
        let t = Instant::now();
        db.execute("CREATE FULLTEXT INDEX rollcalls FOR (r:Resolution) ON EACH [r.descr, r.short] OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}}")
            .unwrap();
        build.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let mut out = format!(
        "{{\n \"bench\": \"full-text over UN roll-call descriptions\",\n \"documents\": {},\n \"index_build_ms\": {:.2},\n \"queries\": [",
        db.node_count(),
        median(build)
    );
    for (i, (q, scan)) in QUERIES.iter().enumerate() {
        let (mut ft, mut sc) = (Vec::new(), Vec::new());
        let (mut hits, mut scan_hits) = (0, 0);
        for _ in 0..runs {
            let t = Instant::now();
            let r = db
                .query_with(
                    "CALL db.index.fulltext.queryNodes('rollcalls', $q) YIELD node, score RETURN count(*)",
                    params! {"q" => *q},
                )
                .unwrap();
            ft.push(t.elapsed().as_secs_f64() * 1e3);
            hits = r.rows[0][0].as_int().unwrap_or(-1);
            let t = Instant::now();
            let r = db
                .execute(&format!(
                    "MATCH (r:Resolution) WHERE {scan} RETURN count(*)"
                ))
                .unwrap();
            sc.push(t.elapsed().as_secs_f64() * 1e3);
            scan_hits = r.rows[0][0].as_int().unwrap_or(-1);
        }
        out.push_str(&format!(
            "{}\n  {{\"query\": {:?}, \"hits\": {hits}, \"ms\": {:.3}, \"contains_scan_hits\": {scan_hits}, \"contains_scan_ms\": {:.3}}}",
            if i == 0 { "" } else { "," },
            q,
            median(ft),
            median(sc)
        ));
    }
    out.push_str("\n ]\n}");
    println!("{out}");
}
