//! Queries per second for a point query through the library, with 1, 4
//! and 16 threads — the baseline `benches/bolt_qps.py` puts the Bolt server
//! beside. Prints one JSON line per thread count.
//!
//! ```sh
//! cargo bench --bench point_query        # SECONDS=3 by default
//! ```

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use plenary::{Database, params};

const QUERY: &str = "MATCH (c:Country {code: $code}) RETURN c.name AS name";
const CODES: [&str; 4] = ["SY", "RU", "CN", "US"];

fn main() {
    let secs: f64 = std::env::var("SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3.0);
    let db = Database::bundled().expect("the bundled graph loads");
    for threads in [1usize, 4, 16] {
        let stop = Arc::new(AtomicBool::new(false));
        let done = Arc::new(AtomicU64::new(0));
        let start = Instant::now();
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (db, stop, done) = (db.clone(), stop.clone(), done.clone());
                std::thread::spawn(move || {
                    let mut i = t;
                    while !stop.load(Ordering::Relaxed) {
                        let r = db
                            .query_with(QUERY, params! {"code" => CODES[i % CODES.len()]})
                            .expect("the point query runs");
                        assert!(r.len() <= 1);
                        i += 1;
                        done.fetch_add(1, Ordering::Relaxed);
                    }
                })
            })
            .collect();
        std::thread::sleep(Duration::from_secs_f64(secs));
        stop.store(true, Ordering::Relaxed);
        for h in handles {
            h.join().expect("a bench thread");
        }
        let n = done.load(Ordering::Relaxed) as f64;
        let el = start.elapsed().as_secs_f64();
        println!(
            "{{\"bench\": \"point query, library\", \"threads\": {threads}, \"qps\": {:.0}, \"mean_us\": {:.1}}}",
            n / el,
            el * 1e6 * threads as f64 / n
        );
    }
}
