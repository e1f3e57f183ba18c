//! Full-text indexes through the library: persistence (log replay,
//! checkpoint, dump), rollback of transactions, `plenary check`, messages,
//! and a proptest against a naive scan under random writes.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use plenary::{Database, Value, params};
use proptest::prelude::*;

use crate::cli::cli_util::{code, plenary, stderr, stdout};

fn temp_db(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "plenary-ft-{}-{}-{name}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("graph.db")
}

/// (k, score) of a node query, best first.
fn search(db: &Database, index: &str, q: &str) -> Vec<(i64, f64)> {
    let r = db
        .query_with(
            "CALL db.index.fulltext.queryNodes($i, $q) YIELD node, score RETURN node.k, score",
            params! {"i" => index, "q" => q},
        )
        .unwrap_or_else(|e| panic!("{q}: {e}"));
    r.rows
        .iter()
        .map(|row| match (&row[0], &row[1]) {
            (Value::Int(k), Value::Float(s)) => (*k, *s),
            other => panic!("unexpected row {other:?}"),
        })
        .collect()
}

fn rel_search(db: &Database, index: &str, q: &str) -> Vec<(String, f64)> {
    let r = db
        .query_with(
            "CALL db.index.fulltext.queryRelationships($i, $q) YIELD relationship, score RETURN relationship.quote, score",
            params! {"i" => index, "q" => q},
        )
        .unwrap();
    r.rows
        .iter()
        .map(|row| match (&row[0], &row[1]) {
            (Value::String(k), Value::Float(s)) => (k.clone(), *s),
            other => panic!("unexpected row {other:?}"),
        })
        .collect()
}

const SETUP: &str = "
CREATE FULLTEXT INDEX talk FOR (n:Sentence|Statement) ON EACH [n.text, n.quote] OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}};
CREATE FULLTEXT INDEX said FOR ()-[r:SAID]-() ON EACH [r.quote];
CREATE (a:Sentence {k: 1, text: 'The peacekeepers stay in Syria'}),
       (b:Statement {k: 2, quote: 'Peacekeeping works', text: 'about Syria'}),
       (c:Sentence {k: 3, text: 'nuclear tests must stop'}),
       (a)-[:SAID {quote: 'we keep the peace'}]->(b);
MATCH (c {k: 3}) SET c.text = 'nuclear testing must stop now';
MATCH (n {k: 1}) REMOVE n:Sentence SET n:Statement;
";

const QUERIES: [&str; 5] = [
    "syria",
    "peacekeep*",
    "test AND nuclear",
    "\"testing must stop\"",
    "siria~ OR quote:works",
];

fn all_answers(db: &Database) -> Vec<Vec<(i64, f64)>> {
    QUERIES.iter().map(|q| search(db, "talk", q)).collect()
}

#[test]
fn indexes_survive_reopen_checkpoint_and_dump() {
    let path = temp_db("persist");
    let before = {
        let db = Database::open(&path).unwrap();
        db.execute_script(SETUP).unwrap();
        all_answers(&db)
    };
    assert_eq!(before[0].len(), 2, "{before:?}");
    assert_eq!(before[3].len(), 1, "{before:?}");
    // the log is replayed
    let db = Database::open(&path).unwrap();
    assert_eq!(all_answers(&db), before, "after replaying the log");
    assert_eq!(rel_search(&db, "said", "peace").len(), 1);
    // the snapshot holds the definitions; the postings are rebuilt
    db.checkpoint().unwrap();
    drop(db);
    let db = Database::open(&path).unwrap();
    assert_eq!(all_answers(&db), before, "after a checkpoint");
    let shown = db.execute("SHOW FULLTEXT INDEXES").unwrap();
    assert_eq!(shown.rows.len(), 2);
    // writes after reopening keep the index current, and persist too
    db.execute("CREATE (:Sentence {k: 4, text: 'Syria again'})")
        .unwrap();
    assert_eq!(search(&db, "talk", "again").len(), 1);
    assert_eq!(db.check_fulltext_indexes().len(), 2);
    assert!(db.check_fulltext_indexes().iter().all(|(_, _, ok)| *ok));
    drop(db);
    // plenary check rebuilds and compares
    let o = plenary(&["check", path.to_str().unwrap()], "");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o)
            .contains("full-text indexes match a rebuild: talk (4 documents), said (1 documents)"),
        "{}",
        stdout(&o)
    );
    // a dump recreates the index with its analyzer
    let db = Database::open_read_only(&path).unwrap();
    let after = all_answers(&db);
    let mut script = Vec::new();
    db.dump(&mut script).unwrap();
    let script = String::from_utf8(script).unwrap();
    assert!(
        script.contains("CREATE FULLTEXT INDEX talk FOR (n:Sentence|Statement) ON EACH [n.text, n.quote] OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}};"),
        "{script}"
    );
    let copy = Database::in_memory().unwrap();
    copy.execute_script(&script).unwrap();
    assert_eq!(all_answers(&copy), after);
    // dropping persists
    drop(db);
    let db = Database::open(&path).unwrap();
    db.execute("DROP INDEX said").unwrap();
    drop(db);
    let db = Database::open(&path).unwrap();
    assert_eq!(db.execute("SHOW FULLTEXT INDEXES").unwrap().rows.len(), 1);
}

#[test]
fn a_rolled_back_transaction_leaves_the_index_as_it_was() {
    let db = Database::in_memory().unwrap();
    db.execute_script(SETUP).unwrap();
    let before = all_answers(&db);
    let failed = db.transaction(|tx| {
        tx.execute("MATCH (n) WHERE n.k IN [1, 2] DETACH DELETE n")?;
        tx.execute("CREATE (:Sentence {k: 9, text: 'syria syria nuclear peacekeepers'})")?;
        tx.execute("MATCH (n {k: 3}) SET n.text = 'nothing'")?;
        tx.execute("CREATE FULLTEXT INDEX more FOR (n:Sentence) ON EACH [n.text]")?;
        tx.execute("DROP INDEX said")?;
        tx.execute("RETURN 1 / 0")?;
        Ok(())
    });
    assert!(failed.is_err());
    assert_eq!(all_answers(&db), before);
    assert_eq!(rel_search(&db, "said", "peace").len(), 1);
    assert_eq!(db.execute("SHOW FULLTEXT INDEXES").unwrap().rows.len(), 2);
    assert!(db.check_fulltext_indexes().iter().all(|(_, _, ok)| *ok));
}

#[test]
fn an_unknown_index_name_gets_a_suggestion() {
    let db = Database::in_memory().unwrap();
    db.execute_script(SETUP).unwrap();
    let e = db
        .execute("CALL db.index.fulltext.queryNodes('Talk', 'x') YIELD node RETURN node")
        .unwrap_err();
    assert_eq!(e.code().as_str(), "ProcedureCallFailed");
    assert!(e.message().contains("did you mean `talk`?"), "{e}");
    let e = db
        .execute("CALL db.index.fulltext.queryNodes('zzz', 'x') YIELD node RETURN node")
        .unwrap_err();
    assert!(
        e.message()
            .contains("the full-text indexes are `talk`, `said`"),
        "{e}"
    );
    // malformed queries are errors, never panics
    for q in [
        "(", ")", "\"", "a AND", "OR a", "a~9", "\\", "+", "-", "!", "*", "^", "a^", "a:", "[x",
        "/re/", "a ~", "\"a\"~2",
    ] {
        let e = db
            .query_with(
                "CALL db.index.fulltext.queryNodes('talk', $q) YIELD node RETURN node",
                params! {"q" => q},
            )
            .unwrap_err();
        assert_eq!(e.code().as_str(), "ProcedureCallFailed", "{q}: {e}");
        assert!(e.message().contains("at position"), "{q}: {e}");
    }
}

// ---- proptest: the index against a naive scan ------------------------------

const WORDS: [&str; 6] = ["alpha", "beta", "gamma", "delta", "omega", "sigma"];

#[derive(Debug, Clone)]
enum Write {
    Create(usize, Vec<usize>),
    Set(usize, Vec<usize>),
    Remove(usize),
    Delete(usize),
    /// A statement that writes and then fails: it must change nothing.
    Failed(usize, Vec<usize>),
}

#[derive(Debug, Clone)]
enum Q {
    Term(usize),
    And(usize, usize),
    Or(usize, usize),
    AndNot(usize, usize),
}

impl Q {
    fn text(&self) -> String {
        match self {
            Q::Term(a) => WORDS[*a].to_string(),
            Q::And(a, b) => format!("{} AND {}", WORDS[*a], WORDS[*b]),
            Q::Or(a, b) => format!("{} OR {}", WORDS[*a], WORDS[*b]),
            Q::AndNot(a, b) => format!("{} AND NOT {}", WORDS[*a], WORDS[*b]),
        }
    }

    fn matches(&self, words: &BTreeSet<&str>) -> bool {
        let has = |i: &usize| words.contains(WORDS[*i]);
        match self {
            Q::Term(a) => has(a),
            Q::And(a, b) => has(a) && has(b),
            Q::Or(a, b) => has(a) || has(b),
            Q::AndNot(a, b) => has(a) && !has(b),
        }
    }
}

fn text_of(ws: &[usize]) -> String {
    ws.iter().map(|w| WORDS[*w]).collect::<Vec<_>>().join(" ")
}

fn write() -> impl Strategy<Value = Write> {
    let doc = prop::collection::vec(0..WORDS.len(), 0..5);
    prop_oneof![
        3 => (0..8usize, doc.clone()).prop_map(|(k, d)| Write::Create(k, d)),
        2 => (0..8usize, doc.clone()).prop_map(|(k, d)| Write::Set(k, d)),
        1 => (0..8usize).prop_map(Write::Remove),
        1 => (0..8usize).prop_map(Write::Delete),
        1 => (0..8usize, doc).prop_map(|(k, d)| Write::Failed(k, d)),
    ]
}

fn query() -> impl Strategy<Value = Q> {
    let w = 0..WORDS.len();
    prop_oneof![
        w.clone().prop_map(Q::Term),
        (w.clone(), w.clone()).prop_map(|(a, b)| Q::And(a, b)),
        (w.clone(), w.clone()).prop_map(|(a, b)| Q::Or(a, b)),
        (w.clone(), w).prop_map(|(a, b)| Q::AndNot(a, b)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_index_matches_a_naive_scan(writes in prop::collection::vec(write(), 0..24), queries in prop::collection::vec(query(), 1..6)) {
        let db = Database::in_memory().unwrap();
        db.execute("CREATE FULLTEXT INDEX t FOR (n:D) ON EACH [n.text]").unwrap();
        for w in &writes {
            let r = match w {
                Write::Create(k, d) => db.query_with("CREATE (:D {k: $k, text: $t})", params! {"k" => *k as i64, "t" => text_of(d)}),
                Write::Set(k, d) => db.query_with("MATCH (n:D {k: $k}) SET n.text = $t", params! {"k" => *k as i64, "t" => text_of(d)}),
                Write::Remove(k) => db.query_with("MATCH (n:D {k: $k}) REMOVE n.text", params! {"k" => *k as i64}),
                Write::Delete(k) => db.query_with("MATCH (n:D {k: $k}) DELETE n", params! {"k" => *k as i64}),
                Write::Failed(k, d) => {
                    let r = db.query_with(
                        "MATCH (n:D {k: $k}) SET n.text = $t WITH count(*) AS c CREATE (:D {k: 99, text: $t}) RETURN 1 / 0",
                        params! {"k" => *k as i64, "t" => text_of(d)},
                    );
                    prop_assert!(r.is_err());
                    continue;
                }
            };
            prop_assert!(r.is_ok(), "{:?}: {:?}", w, r.err());
        }
        // the naive side: every :D node's text, scanned
        let docs = db.execute("MATCH (n:D) RETURN id(n), n.text").unwrap();
        for q in &queries {
            let mut want = BTreeSet::new();
            for row in &docs.rows {
                if let (Value::Int(id), Value::String(t)) = (&row[0], &row[1]) {
                    let words: BTreeSet<&str> = t.split(' ').filter(|w| !w.is_empty()).collect();
                    if q.matches(&words) {
                        want.insert(*id);
                    }
                }
            }
            let got = db.query_with(
                "CALL db.index.fulltext.queryNodes('t', $q) YIELD node, score RETURN id(node), score",
                params! {"q" => q.text()},
            ).unwrap();
            let ids: BTreeSet<i64> = got.rows.iter().filter_map(|r| match r[0] { Value::Int(i) => Some(i), _ => None }).collect();
            prop_assert_eq!(&ids, &want, "query {}", q.text());
            // best first
            let scores: Vec<f64> = got.rows.iter().filter_map(|r| match r[1] { Value::Float(s) => Some(s), _ => None }).collect();
            prop_assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{:?}", scores);
            // skip and limit take a slice of the same order
            let page = db.query_with(
                "CALL db.index.fulltext.queryNodes('t', $q, {skip: 1, limit: 2}) YIELD node, score RETURN id(node), score",
                params! {"q" => q.text()},
            ).unwrap();
            let whole: Vec<_> = got.rows.iter().skip(1).take(2).cloned().collect();
            prop_assert_eq!(page.rows, whole);
        }
        prop_assert!(db.check_fulltext_indexes().iter().all(|(_, _, ok)| *ok));
    }
}

#[test]
fn bulk_load_csv_and_the_import_keep_the_index_current() {
    let dir = temp_db("paths");
    let dir = dir.parent().unwrap().to_path_buf();
    let db = Database::in_memory().unwrap();
    db.execute_script(
        "CREATE FULLTEXT INDEX docs FOR (n:Doc|Country) ON EACH [n.text, n.name];
         CREATE FULLTEXT INDEX votes FOR ()-[r:VOTED]-() ON EACH [r.note];",
    )
    .unwrap();
    // Bulk
    let mut bulk = db.bulk();
    bulk.add_node(["Doc"], params! {"k" => 1, "text" => "bulk loaded peace"});
    bulk.commit().unwrap();
    assert_eq!(search(&db, "docs", "bulk").len(), 1);
    // LOAD CSV
    let csv = dir.join("docs.csv");
    std::fs::write(&csv, "k,text\n2,loaded from csv\n3,more csv peace\n").unwrap();
    db.query_with(
        "LOAD CSV WITH HEADERS FROM $f AS row CREATE (:Doc {k: toInteger(row.k), text: row.text})",
        params! {"f" => csv.to_str().unwrap()},
    )
    .unwrap();
    assert_eq!(search(&db, "docs", "csv").len(), 2);
    assert_eq!(search(&db, "docs", "peace").len(), 2);
    // the import creates end nodes through the write API
    let votes = dir.join("votes.csv");
    std::fs::write(
        &votes,
        "country,rcid,name\nSyria,1,Syrian Arab Republic\nRussia,1,Russian Federation\n",
    )
    .unwrap();
    let r = db
        .query_with(
            "CALL plenary.import.relationships($f, {type: 'VOTED', from: {label: 'Country', key: 'code', column: 'country', create: true, properties: {name: 'name'}}, to: {label: 'Resolution', key: 'rcid', column: 'rcid', as: 'INTEGER', create: true}})",
            params! {"f" => votes.to_str().unwrap()},
        )
        .unwrap();
    assert_eq!(r.rows[0][3], Value::Int(2), "{:?}", r.rows);
    let found = db
        .query(
            "CALL db.index.fulltext.queryNodes('docs', 'arab OR federation') YIELD node RETURN node.code ORDER BY node.code",
        )
        .unwrap();
    assert_eq!(
        found.rows,
        vec![
            vec![Value::String("Russia".into())],
            vec![Value::String("Syria".into())]
        ]
    );
    db.execute("MATCH ()-[v:VOTED]->() SET v.note = 'recorded vote'")
        .unwrap();
    let n = db
        .query("CALL db.index.fulltext.queryRelationships('votes', 'record*') YIELD relationship RETURN count(*)")
        .unwrap();
    assert_eq!(n.rows[0][0], Value::Int(2));
    assert!(db.check_fulltext_indexes().iter().all(|(_, _, ok)| *ok));
}
