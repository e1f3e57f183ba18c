//! Running untrusted queries without being taken down: time limits, row
//! limits, confined file access, and cancellation from another thread.
//!
//! `cargo run --example server_safe`

use std::thread;
use std::time::{Duration, Instant};

use plenary::{CancelHandle, Database, FileAccess, QueryOptions, params};

fn main() -> Result<(), plenary::Error> {
    let db = Database::bundled()?;

    // A restricted handle for untrusted queries: same graph, own limits.
    let mut untrusted = db.clone();
    untrusted.set_timeout(Some(Duration::from_millis(200)));
    untrusted.set_max_rows(Some(1_000));
    let dir = std::env::temp_dir().join("plenary-server-safe");
    std::fs::create_dir_all(&dir).map_err(|e| {
        plenary::Error::runtime("Io", format!("cannot create {}: {e}", dir.display()))
    })?;
    std::fs::write(dir.join("codes.csv"), "code\nRU\nSY\n").ok();
    untrusted.set_file_access(FileAccess::Under(dir.clone()));

    let attempts = [
        // Runs forever without a limit: stopped by the timeout.
        "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(*)",
        // Returns too many rows: refused by the row limit.
        "UNWIND range(1, 5000) AS x RETURN x",
        // Reads outside the allowed directory: refused.
        "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
        // Reads inside it: allowed.
        "LOAD CSV WITH HEADERS FROM 'codes.csv' AS row MATCH (c:Country {code: row.code}) RETURN c.name",
        // Bad input is an error value, never a panic.
        "MATCH (n RETURN n",
    ];
    for q in attempts {
        let t = Instant::now();
        match untrusted.query(q) {
            Ok(r) => println!(
                "ok    {:>5} rows  {:>4} ms  {q}",
                r.len(),
                t.elapsed().as_millis()
            ),
            Err(e) => println!(
                "error {:<18} {:>4} ms  {q}\n      {}",
                e.code().as_str(),
                t.elapsed().as_millis(),
                e.message()
            ),
        }
    }

    // Cancellation from another thread (say, the client disconnected).
    let cancel = CancelHandle::new();
    let opts = QueryOptions::new().cancel(&cancel);
    let canceller = {
        let cancel = cancel.clone();
        thread::spawn(move || {
            thread::sleep(Duration::from_millis(100));
            cancel.cancel();
        })
    };
    let t = Instant::now();
    let r = db.execute_opts(
        "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b CREATE (:Junk) RETURN count(*)",
        params! {},
        &opts,
    );
    canceller.join().ok();
    match r {
        Ok(_) => println!("\nnot cancelled?"),
        Err(e) => println!(
            "\ncancelled after {} ms: {} — and the graph is unchanged: {} Junk nodes",
            t.elapsed().as_millis(),
            e.message(),
            db.query("MATCH (j:Junk) RETURN count(j)")?.rows[0][0]
        ),
    }

    // Meanwhile the database serves other threads as usual.
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let db = db.clone();
            thread::spawn(move || {
                db.query("MATCH (c:Country) RETURN count(c)")
                    .map(|r| r.rows[0][0].clone())
            })
        })
        .collect();
    for w in workers {
        println!("worker counted {} countries", w.join().expect("no panic")?);
    }
    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}
