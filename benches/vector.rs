//! Vector search on random vectors: `N` (default 100,000) nodes with
//! `DIM`-dimensional (default 384) random vectors, a cosine vector index;
//! the first query is timed on its own, then 100 random queries for the 10
//! nearest are timed and checked against exact search computed here
//! (recall@10: the index searches exactly, so anything below 1 is a bug).
//! Prints JSON.
//!
//! ```sh
//! N=100000 DIM=384 cargo bench --bench vector
//! ```

use std::time::Instant;

use plenary::{Database, params};

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let (n, dim) = (env("N", 100_000), env("DIM", 384));
    let mut s = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s >> 11) as f64 / (1u64 << 53) as f64 - 0.5
    };
    let vectors: Vec<Vec<f64>> = (0..n).map(|_| (0..dim).map(|_| next()).collect()).collect();
    let db = Database::in_memory().unwrap();
    db.execute(&format!(
        "CREATE VECTOR INDEX v FOR (p:P) ON p.e OPTIONS {{indexConfig: {{`vector.dimensions`: {dim}, `vector.similarity_function`: 'cosine'}}}}"
    ))
    .unwrap();
    let t = Instant::now();
    let mut bulk = db.bulk();
    for (i, v) in vectors.iter().enumerate() {
        bulk.add_node(["P"], params! {"k" => i as i64, "e" => v.clone()});
    }
    bulk.commit().unwrap();
    let load_ms = t.elapsed().as_secs_f64() * 1e3;
    let queries: Vec<Vec<f64>> = (0..100)
        .map(|_| (0..dim).map(|_| next()).collect())
        .collect();
    let ask = |q: &Vec<f64>| -> Vec<i64> {
        db.query_with(
            "CALL db.index.vector.queryNodes('v', 10, $q) YIELD node RETURN node.k",
            params! {"q" => q.clone()},
        )
        .unwrap()
        .rows
        .iter()
        .map(|r| r[0].as_int().unwrap_or(-1))
        .collect()
    };
    let t = Instant::now();
    let _ = ask(&queries[0]);
    let first_ms = t.elapsed().as_secs_f64() * 1e3;
    let norm = |v: &[f64]| v.iter().map(|x| x * x).sum::<f64>().sqrt();
    let (mut times, mut found) = (Vec::new(), 0);
    for q in &queries {
        let t = Instant::now();
        let got = ask(q);
        times.push(t.elapsed().as_secs_f64() * 1e3);
        let mut exact: Vec<(f64, i64)> = vectors
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let dot: f64 = v.iter().zip(q).map(|(a, b)| a * b).sum();
                (dot / (norm(v) * norm(q)), i as i64)
            })
            .collect();
        exact.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        found += exact[..10].iter().filter(|(_, i)| got.contains(i)).count();
    }
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{{\"bench\": \"vector search\", \"vectors\": {n}, \"dimensions\": {dim}, \"load_ms\": {load_ms:.0}, \"first_query_ms\": {first_ms:.1}, \"query_median_ms\": {:.3}, \"query_p95_ms\": {:.3}, \"recall_at_10\": {:.3}}}",
        times[times.len() / 2],
        times[times.len() * 95 / 100],
        found as f64 / (10 * queries.len()) as f64
    );
}
