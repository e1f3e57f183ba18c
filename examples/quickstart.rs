//! Open the bundled graph and ask who voted against the resolution.
//!
//! `cargo run --example quickstart`

use plenary::{Database, params};

fn main() -> Result<(), plenary::Error> {
    let db = Database::bundled()?;

    let result = db.query_with(
        "MATCH (c:Country)-[v:VOTED]->(r:Resolution)
         WHERE v.vote = $vote
         RETURN c.name AS country, r.symbol AS resolution
         ORDER BY country",
        params! {"vote" => "no"},
    )?;

    println!("Voted against the resolution:");
    for row in &result {
        let country: &str = row.get("country")?;
        let resolution: Option<&str> = row.get("resolution")?;
        println!("  {country} ({})", resolution.unwrap_or("?"));
    }

    // Errors carry a kind, a code and a position, and print with a caret.
    if let Err(e) = db.query("MATCH (c:Country) RETURN c.nmae AS name, x") {
        println!("\n{e}");
    }
    Ok(())
}
