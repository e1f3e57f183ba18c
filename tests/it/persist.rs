//! Database files: round trips, dump, transactions, the writer lock, the
//! golden file, and crash tests that SIGKILL a writing `plenary` process.
//!
//! `PLENARY_CRASH_ITERS=300 cargo test --test it crash` runs the crash test
//! 300 times instead of a handful.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use plenary::{Database, Value};

use crate::cli::cli_util::{bin, code, plenary, stderr, stdout};

fn temp_db(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "plenary-it-{}-{}-{name}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("graph.db")
}

/// Everything observable except ids, as sorted lines.
fn describe(db: &Database) -> Vec<String> {
    let mut out = Vec::new();
    for q in [
        "MATCH (n) RETURN 'node', labels(n), properties(n)",
        "MATCH (a)-[r]->(b) RETURN 'rel', labels(a), properties(a), type(r), properties(r), labels(b), properties(b)",
        "SHOW INDEXES",
        "SHOW CONSTRAINTS",
    ] {
        let r = db.execute(q).unwrap();
        out.extend(r.rows.iter().map(|row| format!("{row:?}")));
    }
    out.sort();
    out
}

const EVERYTHING: &str = "
CREATE INDEX person_name FOR (p:Person) ON (p.name);
CREATE CONSTRAINT person_id FOR (p:Person) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT city_name FOR (c:City) REQUIRE c.name IS NOT NULL;
CREATE (a:Person:Admin {id: 1, name: 'Ada', score: 9.5, ok: true, nick: null,
        tags: ['x', 'y'], nums: [1, 2.5], big: 9223372036854775807, neg: -1,
        nan: 0.0 / 0.0, inf: 1.0 / 0.0, quote: 'it\\'s \\\\ \"q\"\\n', uni: 'héllo ✓',
        d: date('2024-02-29'), lt: localtime('12:34:56.789'), t: time('10:00:00+02:00'),
        ldt: localdatetime('2020-01-01T00:00:00.000000001'),
        dt: datetime('2021-06-01T12:00:00-05:30'), dtz: datetime('2021-06-01T12:00:00Z[UTC]'),
        dur: duration('P1Y2M3DT4H5M6.5S'), ds: [date('2001-01-01'), date('2002-02-02')]})
       -[:KNOWS {since: 2001, w: 0.5}]->(b:Person {id: 2, name: 'Bob'}),
       (b)-[:`LIVES IN` {`odd key`: 'v'}]->(c:City {name: 'Oslo'}),
       (c)-[:LOOP]->(c), (:Empty);
MATCH (n:Empty) CREATE (:Gone)-[:X]->(:Gone2);
MATCH (n:Gone) DETACH DELETE n;
MATCH (n:Person {id: 2}) SET n.extra = 'e', n:Extra REMOVE n.name;
";

#[test]
fn every_value_type_label_index_and_constraint_round_trips() {
    let path = temp_db("roundtrip");
    let before = {
        let db = Database::open(&path).unwrap();
        db.execute_script(EVERYTHING).unwrap();
        describe(&db)
    };
    assert!(before.iter().any(|l| l.contains("person_id")), "{before:?}");
    let db = Database::open(&path).unwrap();
    assert_eq!(describe(&db), before, "after replaying the log");
    // the constraint still holds after reopening
    let e = db.execute("CREATE (:Person {id: 1})").unwrap_err();
    assert_eq!(e.code().as_str(), "ConstraintValidationFailed");
    db.checkpoint().unwrap();
    drop(db);
    let db = Database::open(&path).unwrap();
    assert_eq!(describe(&db), before, "after a checkpoint");
    let e = db.execute("CREATE (:City)").unwrap_err();
    assert_eq!(e.code().as_str(), "ConstraintValidationFailed");
}

#[test]
fn dump_loads_back_into_an_equal_graph() {
    let path = temp_db("dump");
    let db = Database::open(&path).unwrap();
    db.execute_script(EVERYTHING).unwrap();
    let before = describe(&db);
    drop(db);
    // library: dump into a fresh in-memory graph
    let mut script = Vec::new();
    Database::open_read_only(&path)
        .unwrap()
        .dump(&mut script)
        .unwrap();
    let copy = Database::in_memory().unwrap();
    copy.execute_script(std::str::from_utf8(&script).unwrap())
        .unwrap();
    assert_eq!(describe(&copy), before);
    // command line: plenary dump | plenary run --empty, same graph
    let o = plenary(&["dump", path.to_str().unwrap()], "");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o).as_bytes(), &script[..]);
    let o = plenary(
        &["run", "--empty", "--format", "jsonl", "-"],
        &format!("{}\nMATCH (n) RETURN count(n) AS n;", stdout(&o)),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o)
            .trim_end()
            .ends_with("{\"columns\":[\"n\"],\"rows\":[[5]]}")
    );
    // and into a database file
    let target = temp_db("dump-target");
    let o = plenary(
        &["run", "--db", target.to_str().unwrap(), "-"],
        std::str::from_utf8(&script).unwrap(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(describe(&Database::open(&target).unwrap()), before);
}

#[test]
fn transactions_commit_together_or_not_at_all() {
    let path = temp_db("tx");
    {
        let db = Database::open(&path).unwrap();
        db.transaction(|tx| {
            tx.execute("CREATE (:T {i: 1})")?;
            tx.execute("CREATE (:T {i: 2})")?;
            Ok(())
        })
        .unwrap();
        let r = db.transaction(|tx| {
            tx.execute("CREATE (:T {i: 3})")?;
            tx.execute("MATCH (n:T) RETURN n.i / 0")?;
            Ok(())
        });
        assert!(r.is_err());
        db.execute("BEGIN").unwrap();
        db.execute("CREATE (:T {i: 4})").unwrap();
        assert!(db.in_transaction());
        // another handle must wait for the transaction
        let other = db.clone();
        let e = other.execute("CREATE (:T {i: 5})").unwrap_err();
        assert_eq!(e.code().as_str(), "TransactionInProgress");
        db.execute("ROLLBACK").unwrap();
        db.execute("BEGIN").unwrap();
        db.execute("CREATE (:T {i: 6})").unwrap();
        db.execute("COMMIT").unwrap();
        db.execute("BEGIN").unwrap();
        db.execute("CREATE (:T {i: 7})").unwrap();
        // a failing statement rolls back the whole transaction
        let e = db.execute("RETURN 1 / 0").unwrap_err();
        assert!(e.message().contains("transaction was rolled back"), "{e}");
        assert!(!db.in_transaction());
        assert_eq!(
            db.execute("COMMIT").unwrap_err().code().as_str(),
            "NoOpenTransaction"
        );
        db.execute("BEGIN").unwrap();
        db.execute("CREATE (:T {i: 8})").unwrap();
        // dropped with the transaction open: never committed
    }
    let db = Database::open(&path).unwrap();
    let r = db
        .execute("MATCH (n:T) RETURN n.i AS i ORDER BY i")
        .unwrap();
    let is: Vec<Value> = r.rows.into_iter().map(|r| r[0].clone()).collect();
    assert_eq!(is, vec![Value::Int(1), Value::Int(2), Value::Int(6)]);
}

#[test]
fn jsonl_results_in_a_transaction_wait_for_commit() {
    let path = temp_db("tx-cli");
    let o = plenary(
        &[
            "run",
            "--db",
            path.to_str().unwrap(),
            "--format",
            "jsonl",
            "-",
        ],
        "BEGIN; CREATE (:A); CREATE (:B); COMMIT; BEGIN; CREATE (:C); RETURN 1/0;",
    );
    assert_eq!(code(&o), 1);
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    // BEGIN, two creates, COMMIT, then the error; the rolled-back ones are not printed
    assert_eq!(lines.len(), 5, "{lines:?}");
    assert!(lines[4].contains("error"), "{lines:?}");
    assert_eq!(Database::open(&path).unwrap().node_count(), 2);
}

#[test]
fn a_second_writer_gets_a_clear_error_and_readers_may_open() {
    let path = temp_db("lock");
    let db = Database::open(&path).unwrap();
    db.execute("CREATE (:X)").unwrap();
    let p = path.to_str().unwrap();
    let o = plenary(&["query", "--db", p, "RETURN 1"], "");
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains(&format!(
            "database is locked by process {}",
            std::process::id()
        )),
        "{}",
        stderr(&o)
    );
    let o = plenary(
        &[
            "query",
            "--db",
            p,
            "--read-only",
            "--format",
            "jsonl",
            "MATCH (n) RETURN count(n) AS n",
        ],
        "",
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("[[1]]"), "{}", stdout(&o));
    let o = plenary(&["query", "--db", p, "--read-only", "CREATE ()"], "");
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("read-only"), "{}", stderr(&o));
    let o = plenary(&["check", p], "");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("ok: 1 nodes"), "{}", stdout(&o));
    drop(db);
    let o = plenary(&["compact", p], "");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("generation 2"), "{}", stdout(&o));
}

#[test]
fn check_names_the_problem_of_a_damaged_file() {
    let path = temp_db("check");
    Database::open(&path)
        .unwrap()
        .execute("CREATE (:A {s: 'some text to damage'})")
        .unwrap();
    Database::open(&path).unwrap().checkpoint().unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let p = path.to_str().unwrap();
    std::fs::write(&path, &bytes[..bytes.len() - 3]).unwrap();
    let o = plenary(&["check", p], "");
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("truncated"), "{}", stderr(&o));
    let mut b = bytes.clone();
    b[40] ^= 1;
    std::fs::write(&path, &b).unwrap();
    let o = plenary(&["check", p], "");
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("checksum"), "{}", stderr(&o));
    let o = plenary(&["check", "/no/such/db"], "");
    assert_eq!(code(&o), 1);
}

/// `tests/golden/v1.db` was written by format version 1, `v2.db` by log
/// format version 2 and `v3.db` by log format version 3 (see
/// `tests/golden/README.md`); every later version must still open them, to
/// the same graph, and a writer migrates the older logs.
#[test]
fn golden_files_of_every_format_version_open() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    for v in [1, 2, 3] {
        let path = temp_db("golden");
        std::fs::copy(golden.join(format!("v{v}.db")), &path).unwrap();
        std::fs::copy(
            golden.join(format!("v{v}.db.wal")),
            path.with_extension("db.wal"),
        )
        .unwrap();
        let wal_version = |p: &Path| {
            let b = std::fs::read(p.with_extension("db.wal")).unwrap();
            u32::from_le_bytes(b[8..12].try_into().unwrap())
        };
        assert_eq!(wal_version(&path), v);
        // read-only: as it is
        let db = Database::open_read_only(&path).unwrap();
        let got = describe(&db);
        drop(db);
        if v == 1 && std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(golden.join("v1.expected"), got.join("\n") + "\n").unwrap();
            return;
        }
        let expected: Vec<String> = std::fs::read_to_string(golden.join("v1.expected"))
            .unwrap()
            .lines()
            .map(String::from)
            .collect();
        assert_eq!(got, expected, "v{v}");
        // for writing: the same graph, a version-3 log from now on
        let db = Database::open(&path).unwrap();
        assert_eq!(describe(&db), expected, "v{v} opened for writing");
        assert_eq!(wal_version(&path), 3, "v{v}: migrated");
        let report = db.storage_report().unwrap();
        assert_eq!(
            report.contains(&format!("a format version {v} log of 5 records migrated")),
            v < 3,
            "{report}"
        );
        // and it stays writable: a new record after the old ones
        db.execute("CREATE (:New)").unwrap();
        drop(db);
        assert_eq!(Database::open(&path).unwrap().node_count(), 4);
    }
}

/// Builds a database with the command line: five statements, five records.
fn five_records(name: &str) -> PathBuf {
    let path = temp_db(name);
    for i in 1..=5 {
        let o = plenary(
            &[
                "query",
                "--db",
                path.to_str().unwrap(),
                &format!("CREATE (:W {{k: {i}}})"),
            ],
            "",
        );
        assert_eq!(code(&o), 0, "{}", stderr(&o));
    }
    path
}

fn count_w(path: &Path) -> std::process::Output {
    plenary(
        &[
            "query",
            "--db",
            path.to_str().unwrap(),
            "--format",
            "jsonl",
            "MATCH (n:W) RETURN count(n) AS n",
        ],
        "",
    )
}

/// Issue #17's reproduction: one flipped bit in the first record's length.
/// It used to read as a torn tail: `check` said ok, and the next writer
/// truncated all five records away.
#[test]
fn a_flipped_length_bit_is_refused_by_every_command_and_recovered() {
    let path = five_records("repro");
    let p = path.to_str().unwrap();
    let wal = path.with_extension("db.wal");
    let mut d = std::fs::read(&wal).unwrap();
    d[25] ^= 8;
    std::fs::write(&wal, &d).unwrap();
    let o = plenary(&["check", p], "");
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let e = stderr(&o);
    assert!(e.contains("is corrupted at byte 24"), "{e}");
    assert!(
        e.contains("the header of record 1 fails its checksum"),
        "{e}"
    );
    assert!(e.contains("4 intact records follow the damage"), "{e}");
    assert!(e.contains("plenary recover"), "{e}");
    let o = count_w(&path);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("is corrupted at byte 24"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&wal).unwrap(), d, "the log is kept as it was");
    // recover: the damaged header's payload is proven by its checksum
    let to = temp_db("repro-new");
    let o = plenary(&["recover", p, "--to", to.to_str().unwrap()], "");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("recovered from"), "{out}");
    assert!(out.contains("nothing lost"), "{out}");
    assert!(
        out.contains("byte 24: record 1: the header of record 1 fails its checksum"),
        "{out}"
    );
    assert!(out.contains("5 of 5 intact log records applied"), "{out}");
    let o = count_w(&to);
    assert!(stdout(&o).contains("[[5]]"), "{}", stdout(&o));
    let o = plenary(&["check", to.to_str().unwrap()], "");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // the damaged database is untouched by recover
    assert_eq!(std::fs::read(&wal).unwrap(), d);
}

#[test]
fn recover_reports_a_lost_record_and_applies_the_ones_after_it() {
    let path = five_records("lost");
    let p = path.to_str().unwrap();
    let wal = path.with_extension("db.wal");
    let mut d = std::fs::read(&wal).unwrap();
    // the last payload byte of record 2 (each header starts with its length)
    let len_at = |at: usize| u32::from_le_bytes(d[at..at + 4].try_into().unwrap()) as usize;
    let at2 = 24 + 20 + len_at(24);
    let end2 = at2 + 20 + len_at(at2);
    d[end2 - 1] ^= 1;
    std::fs::write(&wal, &d).unwrap();
    let o = plenary(&["check", p], "");
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("payload of record 2 fails its checksum"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("3 intact records follow"),
        "{}",
        stderr(&o)
    );
    let to = temp_db("lost-new");
    let o = plenary(&["recover", p, "--to", to.to_str().unwrap()], "");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("some records could not be recovered"), "{out}");
    assert!(
        out.contains("payload of record 2 fails its checksum: 1 record lost"),
        "{out}"
    );
    assert!(out.contains("4 of 4 intact log records applied"), "{out}");
    assert!(out.contains("3 after a lost record"), "{out}");
    let o = plenary(
        &[
            "query",
            "--db",
            to.to_str().unwrap(),
            "--format",
            "jsonl",
            "MATCH (n:W) RETURN n.k AS k ORDER BY k",
        ],
        "",
    );
    assert!(stdout(&o).contains("[[1],[3],[4],[5]]"), "{}", stdout(&o));
    // recover never writes over a database
    let o = plenary(&["recover", p, "--to", to.to_str().unwrap()], "");
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    let o = plenary(&["recover", "/no/such/db", "--to", "/tmp/x.db"], "");
    assert_eq!(code(&o), 1);
}

#[test]
fn check_reports_an_unfinished_last_write_and_exits_0() {
    let path = five_records("torn");
    let p = path.to_str().unwrap();
    let wal = path.with_extension("db.wal");
    let five = std::fs::read(&wal).unwrap();
    let o = plenary(&["query", "--db", p, "CREATE (:W {k: 6})"], "");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // record 6, cut short as a crash during its append leaves it
    let six = std::fs::read(&wal).unwrap();
    std::fs::write(&wal, &six[..six.len() - 5]).unwrap();
    let o = plenary(&["check", p], "");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let torn = six.len() - 5 - five.len();
    assert!(
        stdout(&o).contains(&format!(
            "5 records ({} bytes), a torn last record of {torn} bytes",
            five.len()
        )),
        "{}",
        stdout(&o)
    );
    // check changes nothing; the next writer drops the torn tail
    assert_eq!(std::fs::read(&wal).unwrap().len(), six.len() - 5);
    assert!(stdout(&count_w(&path)).contains("[[5]]"));
    assert_eq!(std::fs::read(&wal).unwrap(), five);
}

/// A tiny xorshift generator seeded from the clock: random kill times.
struct Rng(u64);
impl Rng {
    fn new() -> Rng {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64;
        Rng(t | 1)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// The stored `i`s, sorted.
fn stored(path: &Path) -> Vec<i64> {
    let db = Database::open(path).unwrap_or_else(|e| panic!("reopen after a kill: {e}"));
    let r = db
        .execute("MATCH (n:N) RETURN n.i AS i ORDER BY i")
        .unwrap();
    r.rows
        .iter()
        .map(|r| match r[0] {
            Value::Int(i) => i,
            ref v => panic!("{v:?}"),
        })
        .collect()
}

#[test]
fn crash_kill_9_at_random_moments_loses_no_acknowledged_statement() {
    let iters: usize = std::env::var("PLENARY_CRASH_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4);
    let path = temp_db("crash");
    let mut rng = Rng::new();
    let mut k = 0i64; // statements known to be stored
    for iter in 0..iters {
        let batch = 3000;
        let mut script = String::new();
        for i in k + 1..=k + batch {
            // every 7th statement is a two-statement transaction
            if i % 7 == 0 {
                script += &format!(
                    "BEGIN; CREATE (:N {{i: {i}, pad: 'xxxxxxxxxxxxxxxx'}}); CREATE (:Pad); COMMIT;\n"
                );
            } else {
                script += &format!("CREATE (:N {{i: {i}}});\n");
            }
        }
        let mut child = bin()
            .args([
                "run",
                "--db",
                path.to_str().unwrap(),
                "--format",
                "jsonl",
                "-",
            ])
            // small checkpoints, so that kills also land inside them
            .env("PLENARY_CHECKPOINT_BYTES", "20000")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(script.as_bytes());
        });
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            // acknowledged CREATE statements: lines with nodes_created for :N
            // (the :Pad create of a transaction is printed after COMMIT too)
            let mut lines = Vec::new();
            for line in BufReader::new(stdout).lines() {
                match line {
                    Ok(l) => lines.push(l),
                    Err(_) => break,
                }
            }
            lines
        });
        std::thread::sleep(Duration::from_millis(20 + rng.below(400)));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        writer.join().unwrap();
        let lines = reader.join().unwrap();
        // every statement prints one line; count the acknowledged N creates
        let mut acked = k;
        let mut i = k + 1;
        let mut pending: i64 = 0; // lines still owed by the current statement
        for _ in &lines {
            if pending == 0 {
                pending = if i % 7 == 0 { 4 } else { 1 };
            }
            pending -= 1;
            if pending == 0 {
                acked = i;
                i += 1;
            }
        }
        let got = stored(&path);
        let n = got.len() as i64;
        assert_eq!(
            got,
            (1..=n).collect::<Vec<_>>(),
            "iteration {iter}: not a prefix"
        );
        assert!(
            n >= acked,
            "iteration {iter}: {acked} acknowledged but only {n} stored"
        );
        k = n;
    }
    assert!(k > 0, "nothing was ever written");
}
