//! The analytic suite, plenary side: questions over the UN votes that the
//! engine was not tuned to, each in several Cypher wordings, read from
//! `benches/analytic/questions.txt` (the same file `analytic_duckdb.py` reads
//! for the DuckDB twins; its header describes the format).
//!
//! Loads the UN votes as `benches/unvotes.rs` does (`Database::bundled()` plus
//! `data/unvotes.cypher`), runs every wording (a warm-up, then `RUNS` timed
//! runs; median and minimum), checks that all wordings of a question give the
//! same answer, and writes JSON: per wording its times and its answer rows,
//! normalized (numbers as numbers, floats to 6 significant digits, dates as ISO
//! strings), or a row count and CRC-32 for `answer: checksum` questions.
//!
//! ```sh
//! cargo bench --bench analytic                       # all questions, JSON on stdout
//! ONLY=agree_us_top,never_no RUNS=3 OUT=/tmp/p.json cargo bench --bench analytic
//! UNVOTES_DIR=/tmp/unvotes10 cargo bench --bench analytic   # replicated data (replicate.py)
//! python3 benches/compare.py                         # both engines, answers checked
//! ```
//!
//! Env: `UNVOTES_DIR` (default `../shared/data/unvotes` from the crate root),
//! `RUNS` (5), `ONLY` (comma-separated question ids), `OUT` (a JSON path;
//! default stdout). Question order: the read questions, then `db: bundled`
//! ones on a fresh bundled graph, then `db: write` ones, each timed run preceded
//! by the question's untimed reset so every run does the same work. Exits 1
//! after writing the JSON when wordings disagree or fail, unless the question
//! marks that wording `known:`. Skips (with a note) when the data is absent.

use std::path::{Path, PathBuf};
use std::time::Instant;

use plenary::{Database, Value, params};
use serde_json::{Map, Value as J, json};

#[derive(Default)]
struct Question {
    id: String,
    desc: String,
    shape: String,
    ordered: bool,
    checksum: bool,
    db: String,
    expect: Option<String>,
    known: Vec<(String, String)>,
    wordings: Vec<(String, String)>,
    sql: Option<String>,
    reset: Option<String>,
}

/// Parses the questions file (format: its header comment).
fn parse(text: &str) -> Vec<Question> {
    let mut out: Vec<Question> = Vec::new();
    // Which block the current line belongs to: None = header lines.
    let mut block: Option<(String, String)> = None;
    let mut body = String::new();
    fn close(q: &mut Question, block: Option<(String, String)>, body: &mut String) {
        let text = body.trim().to_string();
        body.clear();
        if let Some((kind, name)) = block {
            match kind.as_str() {
                "cypher" => q.wordings.push((name, text)),
                "sql" => q.sql = Some(text).filter(|t| !t.is_empty()),
                "reset-cypher" => q.reset = Some(text),
                _ => {}
            }
        }
    }
    for line in text.lines() {
        if let Some(id) = line.strip_prefix("## ") {
            if let Some(q) = out.last_mut() {
                close(q, block.take(), &mut body);
            }
            out.push(Question {
                id: id.trim().to_string(),
                db: "unvotes".into(),
                ..Question::default()
            });
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let Some(q) = out.last_mut() else { continue };
        if let Some(rest) = line.strip_prefix("-- ")
            && let Some((kind, name)) = rest.split_once(':')
        {
            let kind = kind.trim();
            if ["cypher", "sql", "reset-cypher", "reset-sql"].contains(&kind) {
                close(q, block.take(), &mut body);
                block = Some((kind.to_string(), name.trim().to_string()));
                continue;
            }
        }
        if block.is_some() {
            body.push_str(line);
            body.push('\n');
            continue;
        }
        if let Some((key, value)) = line.split_once(':') {
            let value = value.trim().to_string();
            match key.trim() {
                "desc" => q.desc = value,
                "shape" => q.shape = value,
                "order" => q.ordered = value == "ordered",
                "answer" => q.checksum = value == "checksum",
                "db" => q.db = value,
                "expect" => q.expect = Some(value),
                "known" => {
                    let (wording, why) = value.split_once(' ').unwrap_or((&value, ""));
                    q.known.push((wording.to_string(), why.trim().to_string()));
                }
                _ => {}
            }
        }
    }
    if let Some(q) = out.last_mut() {
        close(q, block.take(), &mut body);
    }
    out
}

/// Rounds to 6 significant digits, as `analytic_duckdb.py` does.
fn round6(f: f64) -> f64 {
    if f.is_finite() {
        format!("{f:.5e}").parse().unwrap_or(f)
    } else {
        f
    }
}

fn norm(v: &Value) -> J {
    match v {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Int(i) => json!(i),
        Value::Float(f) if f.is_finite() => json!(round6(*f)),
        Value::Float(f) => J::String(f.to_string()),
        Value::String(s) => J::String(s.clone()),
        Value::List(l) => J::Array(l.iter().map(norm).collect()),
        Value::Map(m) => J::Object(m.iter().map(|(k, x)| (k.clone(), norm(x))).collect()),
        // Temporal values serialize as their ISO 8601 text; entities as maps.
        other => serde_json::to_value(other).unwrap_or(J::Null),
    }
}

/// One value as checksum text: the same as `canon` in `analytic_duckdb.py`.
fn canon(v: &J) -> String {
    match v {
        J::Null => "\\N".into(),
        J::Bool(b) => b.to_string(),
        J::Number(n) => match n.as_i64() {
            Some(i) => i.to_string(),
            None => {
                let f = n.as_f64().unwrap_or(0.0);
                if f.fract() == 0.0 && f.abs() < 1e15 {
                    (f as i64).to_string()
                } else {
                    format!("{f:.5e}")
                }
            }
        },
        J::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn row_bytes(row: &[J]) -> Vec<u8> {
    let mut s = String::new();
    for (i, v) in row.iter().enumerate() {
        if i > 0 {
            s.push('\u{1f}');
        }
        s.push_str(&canon(v));
    }
    s.push('\u{1e}');
    s.into_bytes()
}

/// Ordered: CRC-32 of all rows in order; multiset: the sum (mod 2^64) of each
/// row's CRC-32.
fn checksum(rows: &[Vec<J>], ordered: bool) -> String {
    if ordered {
        let mut h = crc32fast::Hasher::new();
        for r in rows {
            h.update(&row_bytes(r));
        }
        format!("crc32:{:08x}", h.finalize())
    } else {
        let sum = rows.iter().fold(0u64, |acc, r| {
            acc.wrapping_add(crc32fast::hash(&row_bytes(r)) as u64)
        });
        format!("crc32sum:{sum:016x}")
    }
}

fn approx_eq(a: &J, b: &J) -> bool {
    match (a, b) {
        (J::Number(x), J::Number(y)) => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            x == y || (x - y).abs() <= 1e-5 * x.abs().max(y.abs())
        }
        (J::Array(x), J::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| approx_eq(p, q))
        }
        (J::Object(x), J::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, p)| y.get(k).is_some_and(|q| approx_eq(p, q)))
        }
        _ => a == b,
    }
}

/// An answer as compared: the rows (sorted unless order matters) or the
/// checksum and row count.
fn answer_key(w: &J, ordered: bool) -> J {
    if let Some(c) = w.get("checksum") {
        return json!([c, w["rows_count"]]);
    }
    let mut rows: Vec<J> = w["rows"].as_array().cloned().unwrap_or_default();
    if !ordered {
        rows.sort_by_key(|r| r.to_string());
    }
    J::Array(rows)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn run_all(db: &Database, stmts: &[String]) -> plenary::Result<plenary::QueryResult> {
    let mut last = plenary::QueryResult::default();
    for s in stmts {
        last = db.query(s)?;
    }
    Ok(last)
}

fn statements(text: &str) -> Vec<String> {
    plenary::script::split(text)
        .into_iter()
        .map(|s| s.text.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Runs one wording: reset (untimed), warm-up, `runs` timed runs.
fn measure(db: &Database, q: &Question, text: &str, runs: usize) -> J {
    let stmts = statements(text);
    let reset = q.reset.as_deref().map(statements).unwrap_or_default();
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for i in 0..=runs {
        if let Err(e) = run_all(db, &reset) {
            return json!({"error": format!("reset failed: {e}")});
        }
        let t = Instant::now();
        let r = run_all(db, &stmts);
        let ms = t.elapsed().as_secs_f64() * 1e3;
        match r {
            Ok(r) => {
                if i > 0 {
                    times.push(ms);
                }
                last = Some(r);
            }
            Err(e) => return json!({"error": e.to_string()}),
        }
    }
    if !reset.is_empty() {
        let _ = run_all(db, &reset);
    }
    let r = last.expect("at least the warm-up ran");
    let rows: Vec<Vec<J>> = r
        .rows
        .iter()
        .map(|row| row.iter().map(norm).collect())
        .collect();
    let min = times.iter().cloned().fold(f64::INFINITY, f64::min);
    let mut out = Map::new();
    out.insert("median_ms".into(), json!(median(times)));
    out.insert("min_ms".into(), json!(min));
    out.insert("columns".into(), json!(r.columns));
    if q.checksum {
        out.insert("rows_count".into(), json!(rows.len()));
        out.insert("checksum".into(), json!(checksum(&rows, q.ordered)));
        out.insert(
            "head".into(),
            json!(rows.iter().take(3).collect::<Vec<_>>()),
        );
    } else {
        out.insert("rows".into(), json!(rows));
    }
    J::Object(out)
}

fn load(dir: &Path) -> (Database, f64) {
    let script =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/unvotes.cypher"))
            .expect("data/unvotes.cypher");
    let db = Database::bundled().expect("the bundled graph loads");
    let t = Instant::now();
    for stmt in plenary::script::split(&script) {
        db.query_with(
            stmt.text,
            params! {"dir" => dir.to_string_lossy().to_string()},
        )
        .expect("the UN votes load");
    }
    (db, t.elapsed().as_secs_f64() * 1e3)
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::var("UNVOTES_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("../shared/data/unvotes"));
    if !dir.join("votes.csv.gz").exists() {
        eprintln!(
            "skipping the analytic suite: {} not found (set UNVOTES_DIR)",
            dir.join("votes.csv.gz").display()
        );
        return;
    }
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5)
        .max(1);
    let only: Option<Vec<String>> = std::env::var("ONLY")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.split(',').map(|x| x.trim().to_string()).collect());
    let text = std::fs::read_to_string(root.join("benches/analytic/questions.txt"))
        .expect("benches/analytic/questions.txt");
    let mut questions: Vec<Question> = parse(&text)
        .into_iter()
        .filter(|q| only.as_ref().is_none_or(|o| o.contains(&q.id)))
        .collect();
    if let Some(o) = &only {
        for id in o {
            if !questions.iter().any(|q| &q.id == id) {
                eprintln!("ONLY names an unknown question: {id}");
                std::process::exit(2);
            }
        }
    }
    // Reads on the loaded data first, then the bundled graph, then writes.
    questions.sort_by_key(|q| match q.db.as_str() {
        "bundled" => 1,
        "write" => 2,
        _ => 0,
    });

    let needs_data = questions.iter().any(|q| q.db != "bundled");
    let (db, load_ms) = if needs_data {
        let (db, ms) = load(&dir);
        (Some(db), ms)
    } else {
        (None, 0.0)
    };
    let bundled = questions
        .iter()
        .any(|q| q.db == "bundled")
        .then(|| Database::bundled().expect("the bundled graph loads"));

    let mut failures = Vec::new();
    let mut out_questions = Vec::new();
    for q in &questions {
        let target = if q.db == "bundled" {
            bundled.as_ref()
        } else {
            db.as_ref()
        }
        .expect("a database for the question");
        let mut wordings = Vec::new();
        for (name, cypher) in &q.wordings {
            let mut w = measure(target, q, cypher, runs);
            let (median, err) = (w.get("median_ms").cloned(), w.get("error").cloned());
            eprintln!(
                "{:<34} {:<26} {}",
                q.id,
                name,
                match (median, err) {
                    (Some(m), _) => format!("{:.3} ms", m.as_f64().unwrap_or(0.0)),
                    (_, Some(e)) => format!("ERROR {e}"),
                    _ => String::new(),
                }
            );
            w["name"] = json!(name);
            w["cypher"] = json!(cypher);
            wordings.push(w);
        }
        // Do the wordings agree? The first one that ran is the reference.
        let reference = wordings
            .iter()
            .find(|w| w.get("error").is_none())
            .map(|w| answer_key(w, q.ordered));
        let mut disagree = Vec::new();
        for w in &wordings {
            let name = w["name"].as_str().unwrap_or("").to_string();
            let bad = match (&reference, w.get("error")) {
                (_, Some(_)) => true,
                (Some(r), None) => !approx_eq(r, &answer_key(w, q.ordered)),
                (None, None) => false,
            };
            if bad {
                disagree.push(name.clone());
                if !q.known.iter().any(|(k, _)| k == &name) {
                    failures.push(format!("{}/{}", q.id, name));
                }
            }
        }
        if !disagree.is_empty() {
            eprintln!("  {}: wordings disagree or fail: {:?}", q.id, disagree);
        }
        let known: Map<String, J> = q
            .known
            .iter()
            .map(|(k, why)| (k.clone(), json!(why)))
            .collect();
        out_questions.push(json!({
            "id": q.id,
            "desc": q.desc,
            "shape": q.shape,
            "order": if q.ordered { "ordered" } else { "multiset" },
            "answer": if q.checksum { "checksum" } else { "rows" },
            "db": q.db,
            "plenary_only": q.sql.is_none(),
            "expect": q.expect.as_deref().and_then(|e| serde_json::from_str::<J>(e).ok()),
            "known": known,
            "agree": disagree.is_empty(),
            "disagree": disagree,
            "wordings": wordings,
        }));
    }
    let out = json!({
        "engine": format!("plenary {}", env!("CARGO_PKG_VERSION")),
        "data_dir": dir.to_string_lossy(),
        "load_ms": load_ms,
        "runs": runs,
        "questions": out_questions,
    });
    let text = serde_json::to_string_pretty(&out).expect("JSON");
    match std::env::var("OUT") {
        Ok(path) if !path.is_empty() => std::fs::write(&path, text + "\n").expect("write OUT"),
        _ => println!("{text}"),
    }
    if !failures.is_empty() {
        eprintln!(
            "wordings that disagree with the question's first answer or fail: {}",
            failures.join(", ")
        );
        std::process::exit(1);
    }
}
