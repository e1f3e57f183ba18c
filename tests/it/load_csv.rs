//! `LOAD CSV` on files large enough to be read on a second thread: errors
//! name the line of the row they happened on, a statement stopped early
//! still ends, failures roll back what they must.

use std::io::Write;
use std::path::PathBuf;

use plenary::{Database, params};

/// A scratch folder, removed when dropped.
struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = PathBuf;
    fn deref(&self) -> &PathBuf {
        &self.0
    }
}

impl AsRef<std::path::Path> for Scratch {
    fn as_ref(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A folder with `rows.csv` (and `rows.csv.gz`): `n` rows `i,name`, where
/// row `bad` (1-based, after the header) has `a` = 0.
fn files(tag: &str, n: usize, bad: usize) -> Scratch {
    let dir = std::env::temp_dir().join(format!("plenary-csv-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut s = String::from("a,name\n");
    for i in 1..=n {
        let a = if i == bad { 0 } else { i };
        s.push_str(&format!("{a},row number {i} with some text\n"));
    }
    assert!(s.len() > 512 << 10, "big enough to be read on a thread");
    std::fs::write(dir.join("rows.csv"), &s).unwrap();
    let f = std::fs::File::create(dir.join("rows.csv.gz")).unwrap();
    let mut gz = flate2::write::GzEncoder::new(f, flate2::Compression::fast());
    gz.write_all(s.as_bytes()).unwrap();
    gz.finish().unwrap();
    Scratch(dir)
}

fn count(db: &Database, q: &str) -> i64 {
    db.query(q).unwrap().rows[0][0].as_int().unwrap()
}

#[test]
fn an_error_far_into_a_big_file_names_its_line() {
    let dir = files("line", 30_000, 21_000);
    let db = Database::in_memory().unwrap();
    for f in ["rows.csv", "rows.csv.gz"] {
        let e = db
            .query_with(
                "LOAD CSV WITH HEADERS FROM $f AS row RETURN 100 / toInteger(row.a) AS x",
                params! {"f" => dir.join(f).to_string_lossy().to_string()},
            )
            .unwrap_err();
        // the header is line 1
        assert!(e.to_string().contains(&format!("{f}:21001: ")), "{e}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_bytes_far_into_a_big_file_name_their_line() {
    let dir = files("utf8", 30_000, 0);
    let mut data = std::fs::read(dir.join("rows.csv")).unwrap();
    data.extend_from_slice(b"7,\xff\xfe\n8,after\n");
    std::fs::write(dir.join("rows.csv"), &data).unwrap();
    let db = Database::in_memory().unwrap();
    let q = format!(
        "LOAD CSV WITH HEADERS FROM '{}' AS row CREATE (:R {{a: row.a}})",
        dir.join("rows.csv").display()
    );
    let e = db.query(&q).unwrap_err();
    assert!(e.to_string().contains("rows.csv:30002"), "{e}");
    // the statement failed as a whole
    assert_eq!(count(&db, "MATCH (n) RETURN count(n)"), 0);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_limit_stops_reading() {
    let dir = files("limit", 40_000, 0);
    let db = Database::in_memory().unwrap();
    for f in ["rows.csv", "rows.csv.gz"] {
        let q = format!(
            "LOAD CSV WITH HEADERS FROM '{}' AS row RETURN toInteger(row.a) AS a LIMIT 3",
            dir.join(f).display()
        );
        let r = db.query(&q).unwrap();
        let got: Vec<i64> = r.rows.iter().map(|r| r[0].as_int().unwrap()).collect();
        assert_eq!(got, vec![1, 2, 3]);
        // and the whole file when asked
        let q = format!(
            "LOAD CSV WITH HEADERS FROM '{}' AS row RETURN count(*), sum(toInteger(row.a))",
            dir.join(f).display()
        );
        let r = db.query(&q).unwrap();
        assert_eq!(r.rows[0][0].as_int(), Some(40_000));
        assert_eq!(r.rows[0][1].as_int(), Some(40_000 * 40_001 / 2));
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_failed_batch_keeps_the_batches_before_it() {
    let dir = files("batch", 30_000, 14_500);
    let db = Database::in_memory().unwrap();
    db.query("CREATE CONSTRAINT r_a FOR (n:R) REQUIRE n.a IS UNIQUE")
        .unwrap();
    let e = db
        .query_with(
            "LOAD CSV WITH HEADERS FROM $f AS row
             CALL { WITH row MERGE (n:R {a: toInteger(row.a) + 0 * (1 / toInteger(row.a))}) ON CREATE SET n.name = row.name }
             IN TRANSACTIONS OF 1000 ROWS",
            params! {"f" => dir.join("rows.csv.gz").to_string_lossy().to_string()},
        )
        .unwrap_err();
    assert!(e.to_string().contains("rows.csv.gz:14501: "), "{e}");
    // 14 batches of 1000 were committed; the 15th was rolled back
    assert_eq!(count(&db, "MATCH (n:R) RETURN count(n)"), 14_000);
    std::fs::remove_dir_all(&dir).ok();
}

/// A folder with `small.csv` only (read on the statement's thread).
fn small(tag: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("plenary-csv-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("small.csv"), "a,b\n1,x\n2,y\n").unwrap();
    Scratch(dir)
}

#[test]
fn a_missing_name_is_read_under_its_other_name() {
    let dir = small("other");
    let db = Database::in_memory().unwrap();
    // `small.csv.gz` does not exist: `small.csv` is read (not inflated)
    let q = "LOAD CSV WITH HEADERS FROM $f AS row RETURN sum(toInteger(row.a))";
    let gz = dir.join("small.csv.gz").to_string_lossy().to_string();
    assert_eq!(
        db.query_with(q, params! {"f" => gz.clone()}).unwrap().rows[0][0].as_int(),
        Some(3)
    );
    // and the other way round: only `small.csv.gz` exists, `small.csv` is asked for
    let plain = std::fs::read(dir.join("small.csv")).unwrap();
    let f = std::fs::File::create(&gz).unwrap();
    let mut enc = flate2::write::GzEncoder::new(f, flate2::Compression::fast());
    enc.write_all(&plain).unwrap();
    enc.finish().unwrap();
    std::fs::write(dir.join("small.csv"), "a,b\n100,z\n").unwrap();
    let csv = dir.join("small.csv").to_string_lossy().to_string();
    // both exist: each name reads its own file
    assert_eq!(
        db.query_with(q, params! {"f" => csv.clone()}).unwrap().rows[0][0].as_int(),
        Some(100)
    );
    assert_eq!(
        db.query_with(q, params! {"f" => gz}).unwrap().rows[0][0].as_int(),
        Some(3)
    );
    std::fs::remove_file(&csv).unwrap();
    assert_eq!(
        db.query_with(q, params! {"f" => csv}).unwrap().rows[0][0].as_int(),
        Some(3)
    );
}

#[test]
fn a_file_that_cannot_be_read_is_an_error_at_the_file_argument() {
    let dir = small("pos");
    std::fs::write(dir.join("bad.csv.gz"), "not gzip at all").unwrap();
    let db = Database::in_memory().unwrap();
    let missing = dir.join("none.csv.gz").to_string_lossy().to_string();
    let q = "WITH 1 AS x\nLOAD CSV FROM $f AS row RETURN row";
    let e = db.query_with(q, params! {"f" => missing}).unwrap_err();
    assert_eq!(e.code().as_str(), "ExternalResourceFailed");
    assert!(e.message().contains("nor is there none.csv"), "{e}");
    assert_eq!(e.position(), Some((2, 15)), "{e}");
    let bad = dir.join("bad.csv.gz").to_string_lossy().to_string();
    let e = db.query_with(q, params! {"f" => bad.clone()}).unwrap_err();
    assert!(e.message().contains("not valid gzip data"), "{e}");
    assert_eq!(e.position(), Some((2, 15)), "{e}");
    // the import procedure: at its file argument
    let q = "CALL plenary.import.relationships(\n  $f, {type: 'T', from: {label: 'A', key: 'a', column: 'a'}, to: {label: 'B', key: 'b', column: 'b'}})";
    let e = db.query_with(q, params! {"f" => bad}).unwrap_err();
    assert_eq!(e.code().as_str(), "ExternalResourceFailed");
    assert_eq!(e.position(), Some((2, 3)), "{e}");
    // an error of a row's processing stays where it was (no position here)
    let ok = dir.join("small.csv").to_string_lossy().to_string();
    let e = db
        .query_with(
            "LOAD CSV WITH HEADERS FROM $f AS row RETURN 1 / (toInteger(row.a) - 2)",
            params! {"f" => ok},
        )
        .unwrap_err();
    assert_eq!(e.code().as_str(), "DivisionByZero", "{e}");
    assert_eq!(e.position(), None, "{e}");
}
