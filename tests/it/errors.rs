//! Rendered-error snapshots: each `tests/errors/*.cypher` holds one query
//! that must fail; its `Error::render(source, None)` text must equal the
//! neighbouring `.out` file. `UPDATE_EXPECT=1 cargo test` (re)writes the
//! `.out` files; a missing `.out` fails until then. This pins message
//! wording and caret placement, which the query cases deliberately ignore.

use std::path::Path;

use crate::harness;

/// The query of a snapshot file: its text without trailing whitespace.
fn query_of(src: &str) -> &str {
    src.trim_end()
}

#[test]
fn error_snapshots() {
    let dir = harness::root().join("tests/errors");
    let update = std::env::var("UPDATE_EXPECT").is_ok_and(|v| v == "1");
    let filter = std::env::var("PLENARY_CASES")
        .ok()
        .filter(|s| !s.is_empty());
    let files = harness::all_files(&dir);
    let mut failures = Vec::new();
    let mut inputs = 0;
    for path in &files {
        let shown = path
            .strip_prefix(harness::root())
            .unwrap_or(path)
            .display()
            .to_string();
        match path.extension().and_then(|e| e.to_str()) {
            Some("cypher") => {}
            Some("out") => {
                if !path.with_extension("cypher").exists() {
                    failures.push(format!(
                        "{shown}: stale snapshot without a `.cypher` input; delete it"
                    ));
                }
                continue;
            }
            _ => {
                failures.push(format!(
                    "{shown}: unexpected file (only `.cypher` inputs and `.out` snapshots)"
                ));
                continue;
            }
        }
        if filter.as_ref().is_some_and(|f| !shown.contains(f.as_str())) {
            continue;
        }
        inputs += 1;
        if let Err(f) = check_one(path, &shown, update) {
            failures.push(f);
        }
    }
    assert!(
        inputs > 0 || filter.is_some(),
        "no inputs in {}",
        dir.display()
    );
    assert!(
        failures.is_empty(),
        "{} error snapshot failure(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

fn check_one(path: &Path, shown: &str, update: bool) -> Result<(), String> {
    let src = std::fs::read_to_string(path).map_err(|e| format!("{shown}: cannot read: {e}"))?;
    let query = query_of(&src);
    let db = plenary::Database::in_memory().map_err(|e| format!("{shown}: {e}"))?;
    let rendered = match db.execute(query) {
        Ok(_) => {
            return Err(format!(
                "{shown}: the query succeeded, but an error snapshot needs a failing query"
            ));
        }
        Err(e) => format!("{}\n", e.render(query, None)),
    };
    let out = path.with_extension("out");
    let out_shown = format!("{}.out", shown.trim_end_matches(".cypher"));
    match std::fs::read_to_string(&out) {
        Ok(old) if old == rendered => Ok(()),
        _ if update => {
            std::fs::write(&out, &rendered)
                .map_err(|e| format!("{out_shown}: cannot write: {e}"))?;
            println!("updated {out_shown}");
            Ok(())
        }
        Ok(old) => Err(format!(
            "{shown}: rendered error differs from {out_shown} (bless with UPDATE_EXPECT=1 cargo test)\n\
             --- expected\n{old}--- actual\n{rendered}"
        )),
        Err(_) => Err(format!(
            "{shown}: no snapshot {out_shown}; run `UPDATE_EXPECT=1 cargo test` and review the new file\n\
             --- actual\n{rendered}"
        )),
    }
}
