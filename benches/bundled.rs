//! Load time of the bundled knowledge graph (`Database::bundled()`: the
//! embedded Cypher script parsed, planned and run statement by statement).
//! Prints the median and minimum of repeated loads as JSON.
//!
//! ```sh
//! cargo bench --bench bundled
//! ```

use std::time::Instant;

fn main() {
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    let mut times = Vec::with_capacity(runs);
    let mut counts = (0, 0);
    for _ in 0..runs {
        let t = Instant::now();
        let db = plenary::Database::bundled().expect("the bundled graph loads");
        times.push(t.elapsed().as_secs_f64() * 1e3);
        counts = (db.node_count(), db.relationship_count());
    }
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{{\"bench\": \"bundled graph load\", \"nodes\": {}, \"relationships\": {}, \"runs\": {runs}, \"median_ms\": {:.3}, \"min_ms\": {:.3}}}",
        counts.0,
        counts.1,
        times[runs / 2],
        times[0]
    );
}
