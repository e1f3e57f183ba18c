//! Deserialize rows (and nodes) into your own structs, and pass structs
//! as parameters.
//!
//! `cargo run --example serde_rows`

use plenary::{Database, params};
use serde::{Deserialize, Serialize};

/// A node read as a struct: its properties plus `labels` (and `id`).
#[derive(Debug, Deserialize)]
struct Country {
    name: String,
    code: String,
    labels: Vec<String>,
}

/// A row read as a struct: columns become fields.
#[derive(Debug, Deserialize)]
struct Vote {
    country: Country,
    vote: String,
    sources: Option<Vec<String>>,
}

/// A struct passed as a parameter becomes a map.
#[derive(Serialize)]
struct Filter<'a> {
    votes: Vec<&'a str>,
}

fn main() -> Result<(), plenary::Error> {
    let db = Database::bundled()?;
    let votes: Vec<Vote> = db
        .query_with(
            "MATCH (c:Country)-[v:VOTED]->(:Resolution)
             WHERE v.vote IN $filter.votes
             RETURN c AS country, v.vote AS vote, v.sources AS sources
             ORDER BY c.name",
            params! {"filter" => Filter { votes: vec!["no", "abstain"] }},
        )?
        .deserialize()?;
    for v in &votes {
        println!(
            "{:<12} {:<3} {:<8} {:?} ({} source sentence(s))",
            v.country.name,
            v.country.code,
            v.vote,
            v.country.labels,
            v.sources.as_ref().map_or(0, Vec::len)
        );
    }

    // Tuples read columns in order; a one-column result reads as its type.
    let pairs: Vec<(String, i64)> = db
        .query("MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n ORDER BY n DESC LIMIT 3")?
        .deserialize()?;
    println!("\nlargest labels: {pairs:?}");

    // A wrong type is an error that names the column, the type and the value.
    let r = db.query("RETURN 'Syria' AS name")?;
    match r.row(0).map(|row| row.get::<i64, _>("name")) {
        Some(Err(e)) => println!("\n{e}"),
        other => println!("\nunexpected: {other:?}"),
    }
    Ok(())
}
