//! Arbitrary text run as a statement on the bundled graph (a fresh copy
//! per input, so a crash reproduces from its input alone), with a time
//! limit and a row limit, and file access denied. Errors are fine; a panic
//! or an internal error is not; a failed statement must leave the graph
//! as it was (counted by nodes and relationships), and one inside
//! `BEGIN … ` the graph as it was before `BEGIN`.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use std::time::Duration;

use plenary::{Database, QueryOptions};

fuzz_target!(|data: &[u8]| {
    let mut db = Database::bundled().expect("bundled graph");
    // no files: a fuzzed LOAD CSV must not read the machine
    db.set_file_access(plenary::FileAccess::Denied);
    let counts = |db: &Database| (db.node_count(), db.relationship_count());
    let opts = QueryOptions::new()
        .timeout(Duration::from_millis(200))
        .max_rows(1000);
    // several statements (`;`) run in turn, as `plenary run` would
    let text = common::text(data);
    let mut tx_start = None;
    for s in plenary::script::split(&text) {
        let (before, in_tx) = (counts(&db), db.in_transaction());
        let r = db.execute_opts(s.text, plenary::params! {}, &opts);
        common::check(&r);
        if r.is_err() {
            // a failure inside BEGIN … rolls the transaction back (one
            // found before running — a syntax error — leaves it open)
            let want = match tx_start {
                Some(start) if in_tx && !db.in_transaction() => start,
                _ => before,
            };
            assert_eq!(
                counts(&db),
                want,
                "a failed statement changed the graph: {:?}",
                s.text
            );
            break;
        }
        tx_start = match (in_tx, db.in_transaction()) {
            (false, true) => Some(before),
            (_, false) => None,
            (true, true) => tx_start,
        };
    }
});
