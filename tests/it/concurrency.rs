//! Readers in parallel, writers serialized, statement limits (issue #5),
//! through the public API only.

use std::time::{Duration, Instant};

use plenary::{Database, QueryOptions, params};

/// How long a read may take before the test calls it blocked. Generous: the
/// test must never fail on a slow machine, only hang-and-fail when readers
/// really wait for each other.
const BLOCKED: Duration = Duration::from_secs(60);

/// Ten billion rows: runs until cancelled (`range` lists are capped at 10⁸ elements).
const ENDLESS_READ: &str =
    "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y RETURN count(*)";

/// `max_rows` stops a statement while it runs: a writing statement over the
/// limit is rolled back and changes nothing.
#[test]
fn a_write_over_the_row_limit_changes_nothing() {
    let mut db = Database::in_memory().unwrap();
    db.execute("CREATE (:T {i: 0})").unwrap();
    db.set_max_rows(Some(5));
    let e = db
        .query("UNWIND range(1, 10) AS i CREATE (n:T {i: i}) RETURN n")
        .unwrap_err();
    assert_eq!(e.code().as_str(), "RowLimitExceeded");
    assert!(
        e.message().contains("more than the limit of 5 rows"),
        "{}",
        e.message()
    );
    assert_eq!(db.node_count(), 1);
    // at the limit it runs and commits
    let r = db
        .query("UNWIND range(1, 5) AS i CREATE (n:T {i: i}) RETURN n")
        .unwrap();
    assert_eq!(r.len(), 5);
    assert_eq!(db.node_count(), 6);
    // per-statement limits too, and reads stop early instead of running on
    let unlimited = Database::in_memory().unwrap();
    let opts = QueryOptions::new().max_rows(3);
    let e = unlimited
        .execute_opts(
            "UNWIND range(1, 10) AS i CREATE (:U) RETURN i",
            params! {},
            &opts,
        )
        .unwrap_err();
    assert_eq!(e.code().as_str(), "RowLimitExceeded");
    assert_eq!(unlimited.node_count(), 0);
    let t = Instant::now();
    let e = unlimited
        .execute_opts(
            ENDLESS_READ.replace("count(*)", "x").as_str(),
            params! {},
            &opts,
        )
        .unwrap_err();
    assert_eq!(e.code().as_str(), "RowLimitExceeded");
    assert!(t.elapsed() < BLOCKED);
}
