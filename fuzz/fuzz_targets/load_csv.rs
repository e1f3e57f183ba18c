//! Bytes → a file read by `LOAD CSV` (with and without headers) and by
//! `plenary.import.relationships`. The first byte chooses: bit 0 the file
//! is named `.csv.gz` and the rest is gzip-compressed first (bit 1: or
//! written as it is, so the inflater sees garbage), bits 2–3 the field
//! separator. Errors are fine (bad UTF-8, a bad gzip stream, an import's
//! missing column); a panic or an internal error is not, and a failed
//! import leaves the graph empty.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use std::io::Write;
use std::sync::OnceLock;

use plenary::{Database, params};

static DIR: OnceLock<std::path::PathBuf> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let dir = DIR.get_or_init(|| common::scratch("csv"));
    let gz = mode & 1 == 1;
    let path = dir.join(if gz { "in.csv.gz" } else { "in.csv" });
    let _ = std::fs::remove_file(dir.join("in.csv"));
    let _ = std::fs::remove_file(dir.join("in.csv.gz"));
    let bytes = if gz && mode & 2 == 0 {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(rest).expect("compress");
        e.finish().expect("compress")
    } else {
        rest.to_vec()
    };
    std::fs::write(&path, &bytes).expect("write the file");
    let sep = [",", ";", "\\t", "|"][(mode as usize >> 2) & 3];
    let f = path.to_string_lossy().to_string();
    let db = Database::in_memory().expect("in-memory database");
    for q in [
        format!("LOAD CSV FROM $f AS row FIELDTERMINATOR '{sep}' RETURN row, size(row)"),
        format!(
            "LOAD CSV WITH HEADERS FROM $f AS row FIELDTERMINATOR '{sep}' RETURN row, keys(row)"
        ),
        format!(
            "LOAD CSV WITH HEADERS FROM $f AS row FIELDTERMINATOR '{sep}' \
             MERGE (a:A {{k: coalesce(row.a, '')}}) SET a += row RETURN count(*)"
        ),
    ] {
        common::check(&db.query_with(&q, params! {"f" => f.clone()}));
    }
    let before = (db.node_count(), db.relationship_count());
    let q = format!(
        "CALL plenary.import.relationships($f, {{type: 'T', delimiter: '{}', \
         from: {{label: 'A', key: 'a', column: 'a', create: true}}, \
         to: {{label: 'B', key: 'b', column: 'b', as: 'INTEGER', create: true}}, \
         properties: {{w: {{column: 'c', as: 'FLOAT'}}}}}})",
        if sep == "\\t" { "\t" } else { sep }
    );
    let r = db.query_with(&q, params! {"f" => f.clone()});
    common::check(&r);
    if r.is_err() {
        assert_eq!(
            (db.node_count(), db.relationship_count()),
            before,
            "a failed import changed the graph"
        );
    }
});
