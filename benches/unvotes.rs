//! The UN-votes benchmark: LOAD (the three CSV files → a queryable graph with
//! its indexes, through `data/unvotes.cypher` into the bundled graph) and six
//! queries written as plain Cypher, each run through the library API.
//! Prints one JSON object shaped like `../shared/bench/duckdb_reference.py`'s
//! output, so the two can be compared in one sitting:
//!
//! ```sh
//! cargo bench --bench unvotes                      # plenary
//! python3 ../shared/bench/duckdb_reference.py      # DuckDB, same machine, same minute
//! ```
//!
//! Every answer is checked against the reference answers before timing; a
//! wrong answer fails the run. Skips (with a note) when the data is absent.

use std::path::Path;
use std::time::Instant;

use plenary::{Database, Value, params};

const QUERIES: [(&str, &str); 6] = [
    (
        "Q1",
        "MATCH (c:Country {code: 'RU'})-[v:VOTED]->(r:Resolution {symbol: 'A/RES/66/253'}) RETURN v.vote AS vote",
    ),
    (
        "Q2",
        "MATCH (c:Country)-[v:VOTED {vote: 'no'}]->(r:Resolution {symbol: 'A/RES/66/253'}) RETURN c.name AS name ORDER BY name",
    ),
    (
        "Q3",
        "MATCH (c:Country)-[v:VOTED {vote: 'no'}]->(:Resolution) RETURN c.name AS name, count(*) AS n ORDER BY n DESC, name LIMIT 10",
    ),
    (
        "Q4",
        "MATCH (ru:Country {code: 'RU'})-[a:VOTED]->(r:Resolution)<-[b:VOTED]-(c:Country) WHERE a.vote = b.vote AND c <> ru \
         RETURN c.name AS name, count(*) AS n ORDER BY n DESC, name LIMIT 10",
    ),
    (
        "Q5",
        "MATCH (:Country {code: 'US'})-[:VOTED {vote: 'no'}]->(r:Resolution)-[:ON_ISSUE]->(:Issue {name: 'Human rights'}) \
         RETURN r.date.year AS year, count(*) AS n ORDER BY year",
    ),
    (
        "Q6",
        "MATCH (us:Country {code: 'US'})-[a:VOTED]->(r:Resolution {important: true})<-[b:VOTED]-(c:Country) WHERE a.vote <> b.vote \
         RETURN count(DISTINCT c) AS n",
    ),
];

fn first_col(r: &plenary::QueryResult) -> Vec<String> {
    r.rows
        .iter()
        .map(|row| match &row[0] {
            Value::String(s) => s.clone(),
            v => v.to_string(),
        })
        .collect()
}

/// The reference answers (several engines agree on them).
fn check(name: &str, r: &plenary::QueryResult) {
    let col = first_col(r);
    let pairs: Vec<(String, i64)> = r
        .rows
        .iter()
        .filter(|row| row.len() > 1)
        .map(|row| {
            (
                row[0].to_string().trim_matches('\'').to_string(),
                row[1].as_int().unwrap_or(-1),
            )
        })
        .collect();
    let ok = match name {
        "Q1" => col == ["no"],
        "Q2" => {
            col == [
                "Belarus",
                "Bolivia",
                "China",
                "Cuba",
                "Ecuador",
                "Iran",
                "Nicaragua",
                "North Korea",
                "Russia",
                "Syria",
                "Venezuela",
                "Zimbabwe",
            ]
        }
        "Q3" => {
            pairs.len() == 10
                && pairs[..3]
                    == [
                        ("United States".into(), 3101),
                        ("Israel".into(), 2238),
                        ("United Kingdom".into(), 1710),
                    ]
        }
        "Q4" => {
            pairs.len() == 10
                && pairs[..3]
                    == [
                        ("Belarus".into(), 5456),
                        ("Ukraine".into(), 5149),
                        ("Poland".into(), 5032),
                    ]
        }
        "Q5" => !pairs.is_empty(),
        "Q6" => r.rows[0][0] == Value::Int(197),
        _ => false,
    };
    assert!(ok, "{name} gave a wrong answer: {:?}", r.rows);
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/unvotes");
    if !dir.join("votes.csv.gz").exists() {
        eprintln!(
            "skipping the UN-votes benchmark: {} not found",
            dir.display()
        );
        return;
    }
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(7);
    let script =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/unvotes.cypher"))
            .unwrap();
    let db = Database::bundled().unwrap();
    let t = Instant::now();
    for stmt in plenary::script::split(&script) {
        db.query_with(
            stmt.text,
            params! {"dir" => dir.to_string_lossy().to_string()},
        )
        .unwrap();
    }
    let load_ms = t.elapsed().as_secs_f64() * 1e3;
    let mut out = format!(
        "{{\n \"engine\": \"plenary {}\",\n \"load_ms\": {load_ms:.1},\n \"queries\": {{",
        env!("CARGO_PKG_VERSION")
    );
    for (i, (name, q)) in QUERIES.iter().enumerate() {
        let r = db.query(q).unwrap();
        check(name, &r);
        let mut times = Vec::new();
        for _ in 0..runs {
            let t = Instant::now();
            let r = db.query(q).unwrap();
            times.push(t.elapsed().as_secs_f64() * 1e3);
            std::hint::black_box(r);
        }
        let min = times.iter().cloned().fold(f64::INFINITY, f64::min);
        out.push_str(&format!(
            "{}\n  \"{name}\": {{\"median_ms\": {:.3}, \"min_ms\": {min:.3}, \"rows\": {}}}",
            if i > 0 { "," } else { "" },
            median(times),
            r.rows.len()
        ));
    }
    out.push_str("\n }\n}");
    println!("{out}");
}
