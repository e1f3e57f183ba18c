//! Statement text → parse, bind and optimize against the bundled graph,
//! without running it: `EXPLAIN <text>`, with the optimizer on and off.
//! (EXPLAIN of a writing statement plans on the write path, which may
//! intern names; it never changes the graph's data.)
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static DBS: OnceLock<(plenary::Database, plenary::Database)> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let (on, off) = DBS.get_or_init(|| {
        let on = plenary::Database::bundled().expect("bundled graph");
        let mut off = plenary::Database::bundled().expect("bundled graph");
        off.set_optimize(false);
        (on, off)
    });
    let text = common::text(data);
    let q = format!("EXPLAIN {text}");
    common::check(&on.execute(&q));
    common::check(&off.execute(&q));
});
