//! Runs the data-driven query cases: every `tests/queries/**/*.cypher`
//! file and the bundled-graph examples in `data/examples.cypher`, through
//! the harness in `harness.rs` (optimized and unoptimized). Also the
//! meta-test that no file under `tests/queries/` escapes the harness.

use crate::harness::{self, GraphKind};

/// The roots the harness runs: `tests/queries/` (each file names its graph)
/// and the examples file (bundled graph unless it says otherwise).
const ROOTS: [(&str, Option<GraphKind>); 2] = [
    ("tests/queries", None),
    ("data/examples.cypher", Some(GraphKind::Bundled)),
];

#[test]
fn query_cases() {
    harness::run_roots(&ROOTS);
}

/// Every file under `tests/queries/` must be a case file the harness runs
/// (right extension) and must parse without format problems.
#[test]
fn every_case_file_is_picked_up() {
    let dir = harness::root().join("tests/queries");
    let picked = harness::discover(&dir);
    let mut bad = Vec::new();
    for path in harness::all_files(&dir) {
        let shown = path
            .strip_prefix(harness::root())
            .unwrap_or(&path)
            .display()
            .to_string();
        if !picked.contains(&path) {
            bad.push(format!(
                "{shown}: not a `.cypher` file, the harness ignores it"
            ));
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap_or_default();
        let file = harness::parse_file(&src);
        for (line, p) in &file.problems {
            bad.push(format!("{shown}:{line}: {p}"));
        }
        if file.graph.is_none() {
            bad.push(format!("{shown}:1: no `// @graph: empty|bundled` line"));
        }
    }
    assert!(
        !picked.is_empty(),
        "no case files found under {}",
        dir.display()
    );
    assert!(
        bad.is_empty(),
        "case files the harness does not run properly:\n{}",
        bad.join("\n")
    );
}
