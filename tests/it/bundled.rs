//! The bundled knowledge graph: its counts per label and relationship type
//! (`data/expected_counts.txt`), provenance (every fact resolves to the
//! sentences or documents it rests on), and the UN-votes import merging into
//! it (on the shared sample data, skipped with a note when that is absent).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use plenary::{Database, Value, params};

fn db() -> Database {
    Database::bundled().expect("the bundled graph loads")
}

fn strings(db: &Database, q: &str) -> Vec<String> {
    db.query(q)
        .unwrap()
        .rows
        .iter()
        .map(|r| match &r[0] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}

fn count_map(db: &Database, q: &str) -> BTreeMap<String, i64> {
    db.query(q)
        .unwrap()
        .rows
        .iter()
        .map(|r| (r[0].as_str().unwrap().to_string(), r[1].as_int().unwrap()))
        .collect()
}

#[test]
fn counts_per_label_and_type_match_the_expected_file() {
    let db = db();
    let mut expected: BTreeMap<String, i64> = BTreeMap::new();
    for line in include_str!("../../data/expected_counts.txt").lines() {
        let mut parts = line.split_whitespace();
        if let (Some(k), Some(v)) = (parts.next(), parts.next()) {
            expected.insert(k.to_string(), v.parse().unwrap());
        }
    }
    let mut actual = count_map(
        &db,
        "MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) AS c",
    );
    actual.extend(count_map(
        &db,
        "MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c",
    ));
    assert_eq!(actual, expected);
}

#[test]
fn every_fact_has_resolvable_sources() {
    let db = db();
    // every node but the documents and sentences themselves
    let missing = strings(
        &db,
        "MATCH (n) WHERE NOT n:Document AND NOT n:Sentence AND (n.sources IS NULL OR size(n.sources) = 0)
         RETURN coalesce(n.name, n.id, toString(id(n)))",
    );
    assert!(missing.is_empty(), "nodes without sources: {missing:?}");
    let missing = strings(
        &db,
        "MATCH (a)-[r]->(b) WHERE NOT type(r) IN ['HAS_SENTENCE', 'NEXT', 'MENTIONS']
           AND (r.sources IS NULL OR size(r.sources) = 0)
         RETURN type(r)",
    );
    assert!(
        missing.is_empty(),
        "relationships without sources: {missing:?}"
    );
    // every id cited resolves to a sentence or a document
    let dangling = strings(
        &db,
        "CALL { MATCH (n) WHERE n.sources IS NOT NULL RETURN n.sources AS s
                UNION ALL
                MATCH ()-[r]->() WHERE r.sources IS NOT NULL RETURN r.sources AS s }
         UNWIND s AS id
         WITH DISTINCT id
         WHERE NOT EXISTS { MATCH (x:Sentence {id: id}) } AND NOT EXISTS { MATCH (x:Document {id: id}) }
         RETURN id",
    );
    assert!(
        dangling.is_empty(),
        "source ids that resolve to nothing: {dangling:?}"
    );
}

#[test]
fn according_to_what_returns_the_sentence() {
    let db = db();
    let texts = strings(
        &db,
        "MATCH (:Country {code: 'RU'})-[v:VETOED]->(:Resolution)
         MATCH (s:Sentence) WHERE s.id IN v.sources
         RETURN s.text",
    );
    assert!(!texts.is_empty());
    assert!(
        texts
            .iter()
            .any(|t| t.contains("vetoed earlier this month")),
        "{texts:?}"
    );
    // the article's sentences join back into the article
    let n = db
        .query("MATCH (:Document {id: 'article'})-[:HAS_SENTENCE]->(s:Sentence) RETURN count(s)")
        .unwrap();
    assert_eq!(n.rows[0][0], Value::Int(18));
}

#[test]
fn outside_facts_cite_outside_documents() {
    let db = db();
    // the official symbol and the roll-call id come from the UN data, not the article
    let r = db
        .query(
            "MATCH (r:Resolution {rcid: 5180}) RETURN r.symbol_sources AS s, r.rcid_sources AS c",
        )
        .unwrap();
    assert_eq!(r.rows[0][0], Value::from(vec!["unvotes"]));
    assert_eq!(r.rows[0][1], Value::from(vec!["unvotes"]));
}

/// The UN-votes sample (sessions 66–67) of the shared material, or `None`
/// with a note that the test is skipped.
pub(crate) fn unvotes_sample() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/unvotes/sample");
    if dir.join("votes.csv").exists() {
        Some(dir)
    } else {
        eprintln!(
            "skipping a UN-votes sample test: {} not found (it ships with the shared material)",
            dir.display()
        );
        None
    }
}

/// The sample as the import script expects it: gzip-compressed files.
fn gzipped_sample(dir: &Path) -> PathBuf {
    let out = std::env::temp_dir().join(format!("plenary-unvotes-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    for f in ["votes", "roll_calls", "issues"] {
        let data = std::fs::read(dir.join(format!("{f}.csv"))).unwrap();
        let file = std::fs::File::create(out.join(format!("{f}.csv.gz"))).unwrap();
        let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
        gz.write_all(&data).unwrap();
        gz.finish().unwrap();
    }
    out
}

#[test]
fn unvotes_import_merges_into_the_article_graph() {
    let Some(sample) = unvotes_sample() else {
        return;
    };
    let dir = gzipped_sample(&sample);
    let db = db();
    let script = include_str!("../../data/unvotes.cypher");
    for stmt in plenary::script::split(script) {
        db.query_with(
            stmt.text,
            params! {"dir" => dir.to_string_lossy().to_string()},
        )
        .unwrap_or_else(|e| panic!("{}: {e}", stmt.text));
    }
    // one node for A/RES/66/253: the article's facts and all 166 recorded votes
    let r = db
        .query(
            "MATCH (r:Resolution {symbol: 'A/RES/66/253'})
             OPTIONAL MATCH (c:Country)-[v:VOTED]->(r)
             RETURN count(DISTINCT r) AS nodes, r.status AS status, size(r.sources) > 0 AS sourced,
                    count(v) AS votes, sum(CASE v.vote WHEN 'yes' THEN 1 ELSE 0 END) AS yes,
                    sum(CASE v.vote WHEN 'no' THEN 1 ELSE 0 END) AS no,
                    sum(CASE v.vote WHEN 'abstain' THEN 1 ELSE 0 END) AS abstain",
        )
        .unwrap();
    assert_eq!(
        r.rows[0],
        vec![
            Value::Int(1),
            Value::from("adopted"),
            Value::Bool(true),
            Value::Int(166),
            Value::Int(137),
            Value::Int(12),
            Value::Int(17)
        ]
    );
    // Russia's vote from the article is kept, with its source, not duplicated
    let r = db
        .query("MATCH (:Country {name: 'Russia'})-[v:VOTED]->(:Resolution {rcid: 5180}) RETURN v.vote, v.sources")
        .unwrap();
    assert_eq!(r.rows.len(), 1);
    assert_eq!(r.rows[0][1], Value::from(vec!["s5"]));
    // Q2 of the benchmark: who voted no, sorted
    let no = strings(
        &db,
        "MATCH (c:Country)-[v:VOTED {vote: 'no'}]->(:Resolution {symbol: 'A/RES/66/253'}) RETURN c.name ORDER BY c.name",
    );
    assert_eq!(
        no,
        [
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
            "Zimbabwe"
        ]
    );
    // the sample's size: every vote of sessions 66–67 became a relationship
    let n = db
        .query(
            "MATCH (:Country)-[v:VOTED]->(r:Resolution) WHERE r.rcid IS NOT NULL RETURN count(v)",
        )
        .unwrap();
    assert_eq!(n.rows[0][0], Value::Int(32691));
    let _ = std::fs::remove_dir_all(dir);
}
