//! Statement text → parse (the grammar, the nesting guard, lowering to the
//! AST): `Database::statement_kind` parses without running anything. Any
//! error is fine; a panic or an internal error is not.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static DB: OnceLock<plenary::Database> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let db = DB.get_or_init(|| plenary::Database::in_memory().expect("in-memory database"));
    let text = common::text(data);
    common::check(&db.statement_kind(&text));
    // the script splitter sees the same text (`plenary run`, the shell)
    for s in plenary::script::split(&text) {
        common::check(&db.statement_kind(s.text));
    }
});
