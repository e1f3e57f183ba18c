//! Vector indexes through the library: persistence across reopen,
//! checkpoint and dump, and a proptest of the k nearest against a naive
//! ranking computed here.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use plenary::{Database, Value, params};
use proptest::prelude::*;

fn temp_db(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "plenary-vec-{}-{}-{name}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("graph.db")
}

fn nearest(db: &Database, index: &str, k: i64, v: Vec<f64>) -> Vec<(i64, f64)> {
    db.query_with(
        "CALL db.index.vector.queryNodes($i, $k, $v) YIELD node, score RETURN node.k, score",
        params! {"i" => index, "k" => k, "v" => v},
    )
    .unwrap()
    .rows
    .iter()
    .map(|r| match (&r[0], &r[1]) {
        (Value::Int(k), Value::Float(s)) => (*k, *s),
        other => panic!("{other:?}"),
    })
    .collect()
}

#[test]
fn vector_indexes_survive_reopen_checkpoint_and_dump() {
    let path = temp_db("persist");
    let setup = "
        CREATE VECTOR INDEX emb FOR (n:Doc) ON n.e OPTIONS {indexConfig: {`vector.dimensions`: 3, `vector.similarity_function`: 'euclidean'}};
        UNWIND range(1, 20) AS i CREATE (:Doc {k: i, e: [toFloat(i), toFloat(i % 3), 1.0]});";
    let before = {
        let db = Database::open(&path).unwrap();
        db.execute_script(setup).unwrap();
        nearest(&db, "emb", 3, vec![5.0, 2.0, 1.0])
    };
    assert_eq!(before[0].0, 5);
    let db = Database::open(&path).unwrap();
    assert_eq!(nearest(&db, "emb", 3, vec![5.0, 2.0, 1.0]), before);
    db.checkpoint().unwrap();
    drop(db);
    let db = Database::open(&path).unwrap();
    assert_eq!(nearest(&db, "emb", 3, vec![5.0, 2.0, 1.0]), before);
    let mut script = Vec::new();
    db.dump(&mut script).unwrap();
    let script = String::from_utf8(script).unwrap();
    assert!(script.contains("CREATE VECTOR INDEX emb FOR (n:Doc) ON n.e OPTIONS {indexConfig: {`vector.dimensions`: 3, `vector.similarity_function`: 'euclidean'}};"), "{script}");
    let copy = Database::in_memory().unwrap();
    copy.execute_script(&script).unwrap();
    assert_eq!(nearest(&copy, "emb", 3, vec![5.0, 2.0, 1.0]), before);
}

fn cosine(a: &[f64], b: &[f64]) -> Option<f64> {
    let dot: f64 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let n = (a.iter().map(|x| x * x).sum::<f64>() * b.iter().map(|x| x * x).sum::<f64>()).sqrt();
    (n > 0.0).then(|| (1.0 + (dot / n).clamp(-1.0, 1.0)) / 2.0)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn the_k_nearest_are_those_of_a_naive_ranking(
        vecs in prop::collection::vec(prop::collection::vec(-4i32..5, 3), 0..30),
        q in prop::collection::vec(-4i32..5, 3),
        k in 1i64..12,
    ) {
        prop_assume!(q.iter().any(|x| *x != 0));
        let db = Database::in_memory().unwrap();
        db.execute("CREATE VECTOR INDEX v FOR (n:P) ON n.e OPTIONS {indexConfig: {`vector.dimensions`: 3}}").unwrap();
        let mut want: Vec<(i64, f64)> = Vec::new();
        for (i, v) in vecs.iter().enumerate() {
            let e: Vec<f64> = v.iter().map(|x| *x as f64).collect();
            db.query_with("CREATE (:P {k: $k, e: $e})", params! {"k" => i as i64, "e" => e.clone()}).unwrap();
            let qf: Vec<f64> = q.iter().map(|x| *x as f64).collect();
            if let Some(s) = cosine(&qf, &e) {
                want.push((i as i64, s));
            }
        }
        // ids follow creation order here, so ties break by k as by id
        want.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        want.truncate(k as usize);
        let got = nearest(&db, "v", k, q.iter().map(|x| *x as f64).collect());
        prop_assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(&want) {
            prop_assert_eq!(g.0, w.0);
            prop_assert!((g.1 - w.1).abs() < 1e-12);
        }
    }
}
