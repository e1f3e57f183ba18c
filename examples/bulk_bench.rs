//! Bulk insert vs one `CREATE` statement per item.
//!
//! `cargo run --release --example bulk_bench [NODES]` (default 100000): builds
//! NODES nodes and NODES relationships (a ring) both ways and prints the
//! times and the ratio. The per-statement way uses parameters and an index
//! so that each relationship's endpoints are found by an index seek.

use std::time::Instant;

use plenary::{Database, params};

fn main() -> Result<(), plenary::Error> {
    let n: i64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);

    // One statement per item.
    let db = Database::in_memory()?;
    db.execute("CREATE INDEX FOR (p:Person) ON (p.i)")?;
    let t = Instant::now();
    for i in 0..n {
        db.query_with(
            "CREATE (:Person {i: $i, name: $name, score: $score})",
            params! {"i" => i, "name" => format!("person {i}"), "score" => i as f64 / 2.0},
        )?;
    }
    let nodes_stmt = t.elapsed();
    let t = Instant::now();
    for i in 0..n {
        db.query_with(
            "MATCH (a:Person {i: $a}), (b:Person {i: $b}) CREATE (a)-[:KNOWS {since: $a}]->(b)",
            params! {"a" => i, "b" => (i + 1) % n},
        )?;
    }
    let rels_stmt = t.elapsed();
    let per_statement = nodes_stmt + rels_stmt;
    assert_eq!(db.node_count() as i64, n);
    assert_eq!(db.relationship_count() as i64, n);

    // One batch.
    let db2 = Database::in_memory()?;
    db2.execute("CREATE INDEX FOR (p:Person) ON (p.i)")?;
    let t = Instant::now();
    let mut bulk = db2.bulk();
    let ids: Vec<_> = (0..n)
        .map(|i| {
            bulk.add_node(
                ["Person"],
                params! {"i" => i, "name" => format!("person {i}"), "score" => i as f64 / 2.0},
            )
        })
        .collect();
    for i in 0..n as usize {
        bulk.add_relationship(
            ids[i],
            ids[(i + 1) % n as usize],
            "KNOWS",
            params! {"since" => i},
        );
    }
    let built = t.elapsed();
    bulk.commit()?;
    let batched = t.elapsed();
    assert_eq!(db2.node_count() as i64, n);
    assert_eq!(db2.relationship_count() as i64, n);
    let check = "MATCH (a:Person {i: 7})-[k:KNOWS]->(b) RETURN b.i, k.since";
    assert_eq!(db.query(check)?.rows, db2.query(check)?.rows);

    println!("{n} nodes + {n} relationships");
    println!(
        "  one statement per item: {:>8.1} ms (nodes {:.1} ms, relationships {:.1} ms)",
        per_statement.as_secs_f64() * 1e3,
        nodes_stmt.as_secs_f64() * 1e3,
        rels_stmt.as_secs_f64() * 1e3
    );
    println!(
        "  bulk:                   {:>8.1} ms (building the batch {:.1} ms, commit {:.1} ms)",
        batched.as_secs_f64() * 1e3,
        built.as_secs_f64() * 1e3,
        (batched - built).as_secs_f64() * 1e3
    );
    println!(
        "  ratio: bulk is {:.1}x faster",
        per_statement.as_secs_f64() / batched.as_secs_f64()
    );
    Ok(())
}
