//! The `plenary` binary against the command-line contract (`contracts.md`):
//! exit codes, every output format, parameters, standard input, error
//! positions, the jsonl error line, closed pipes and the piped REPL.
//!
//! Tests marked `ENGINE` need the query engine to answer queries like
//! `RETURN 1 AS x`; until it lands they fail, by design.

#[path = "cli_util.rs"]
pub(crate) mod cli_util;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::Stdio;

use cli_util::{bin, code, json_lines, plenary, script, stderr, stdout};

// ---------------------------------------------------------------------------
// Usage: no engine needed.

#[test]
fn version_and_help() {
    let o = plenary(&["--version"], "");
    assert_eq!(code(&o), 0);
    assert_eq!(
        stdout(&o),
        format!("plenary {}\n", env!("CARGO_PKG_VERSION"))
    );
    let o = plenary(&["--help"], "");
    assert_eq!(code(&o), 0);
    for word in ["run", "query", "check", "recover", "--empty", "--db"] {
        assert!(stdout(&o).contains(word), "{word} missing from --help");
    }
    let o = plenary(&["recover", "--help"], "");
    assert!(stdout(&o).contains("--to <NEW>"), "{}", stdout(&o));
    let o = plenary(&["run", "--help"], "");
    assert!(stdout(&o).contains("--param"));
    assert!(stdout(&o).contains("--format"));
}

#[test]
fn bad_usage_exits_2() {
    for args in [
        &["query", "--format", "xml", "RETURN 1"][..],
        &["run", "--empty"],
        &["query"],
        &["frobnicate"],
        &["query", "--param", "x", "RETURN $x"],
        &["query", "--param", "x={", "RETURN $x"],
        &["query", "--empty", "--db", "g.db", "RETURN 1"],
        &["run", "--empty", "/no/such/file.cypher"],
    ] {
        let o = plenary(args, "");
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).is_empty(), "{args:?}");
        assert!(!stderr(&o).is_empty(), "{args:?}");
    }
}

#[test]
fn an_unopenable_database_file_is_exit_1_with_the_reason() {
    let bad = script("bad.db", "this is not a database, just text");
    let o = plenary(&["query", "--db", bad.to_str().unwrap(), "RETURN 1"], "");
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("not a plenary database"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_missing_file_stops_before_anything_runs() {
    let ok = script("ok.cypher", "THIS IS NOT CYPHER;");
    let o = plenary(
        &[
            "run",
            "--empty",
            "--format",
            "jsonl",
            ok.to_str().unwrap(),
            "/no/such.cypher",
        ],
        "",
    );
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), "", "nothing may run when a file is missing");
    assert!(stderr(&o).contains("/no/such.cypher"));
}

// ---------------------------------------------------------------------------
// Failures: any engine rejects `THIS IS NOT CYPHER` as a syntax error.

#[test]
fn a_failing_statement_exits_1_with_a_jsonl_error_line() {
    let o = plenary(
        &[
            "query",
            "--empty",
            "--format",
            "jsonl",
            "THIS IS NOT CYPHER",
        ],
        "",
    );
    assert_eq!(code(&o), 1);
    let lines = json_lines(&stdout(&o));
    assert_eq!(lines.len(), 1, "{}", stdout(&o));
    let e = &lines[0]["error"];
    assert_eq!(e["kind"], "SyntaxError");
    assert!(e["code"].as_str().is_some_and(|c| !c.is_empty()), "{e}");
    assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()), "{e}");
    assert_eq!(e["phase"], "compile time");
    for key in e.as_object().unwrap().keys() {
        assert!(
            ["kind", "code", "message", "line", "column", "phase"].contains(&key.as_str()),
            "unexpected key {key}"
        );
    }
    assert_eq!(stderr(&o), "", "jsonl errors go to stdout only");
}

#[test]
fn a_failing_statement_in_table_format_goes_to_stderr() {
    let path = script("bad.cypher", "THIS IS NOT CYPHER;\nRETURN 1;\n");
    let o = plenary(&["run", "--empty", path.to_str().unwrap()], "");
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), "");
    assert!(stderr(&o).starts_with("SyntaxError: "), "{}", stderr(&o));
}

// ---------------------------------------------------------------------------
// Results in every format. ENGINE: all of these need `RETURN 1 AS x, 'a' AS y`.

fn query(format: &str) -> String {
    let o = plenary(
        &[
            "query",
            "--empty",
            "--format",
            format,
            "RETURN 1 AS x, 'a' AS y",
        ],
        "",
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    stdout(&o)
}

#[test]
fn table_format() {
    // ENGINE
    assert_eq!(
        query("table"),
        "┌───┬─────┐\n\
         │ x │ y   │\n\
         ├───┼─────┤\n\
         │ 1 │ 'a' │\n\
         └───┴─────┘\n\
         1 row\n"
    );
}

#[test]
fn table_is_the_default_format() {
    // ENGINE
    let o = plenary(&["query", "--empty", "RETURN 1 AS x, 'a' AS y"], "");
    assert_eq!(stdout(&o), query("table"));
}

#[test]
fn csv_format() {
    // ENGINE
    assert_eq!(query("csv"), "x,y\n1,a\n");
}

#[test]
fn json_format() {
    // ENGINE
    assert_eq!(query("json"), "[\n  {\"x\":1,\"y\":\"a\"}\n]\n");
}

#[test]
fn jsonl_format() {
    // ENGINE
    assert_eq!(
        query("jsonl"),
        "{\"columns\":[\"x\",\"y\"],\"rows\":[[1,\"a\"]]}\n"
    );
}

#[test]
fn params_from_the_command_line() {
    // ENGINE
    let o = plenary(
        &[
            "query",
            "--empty",
            "--format",
            "jsonl",
            "--param",
            "n=41",
            "--param",
            "f=1.5",
            "--param",
            r#"s="Syria""#,
            "--param",
            r#"m={"k":[1,2.0,null]}"#,
            "RETURN $n + 1 AS n, $f AS f, $s AS s, $m AS m",
        ],
        "",
    );
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_eq!(
        stdout(&o),
        "{\"columns\":[\"n\",\"f\",\"s\",\"m\"],\"rows\":[[42,1.5,\"Syria\",{\"k\":[1,2.0,null]}]]}\n"
    );
}

#[test]
fn scripts_from_stdin_and_files_run_in_order() {
    // ENGINE
    let a = script(
        "a.cypher",
        "// first file\nRETURN 1 AS x;\nRETURN 'a;b' AS s; /* ; */\n",
    );
    let o = plenary(
        &[
            "run",
            "--empty",
            "--format",
            "jsonl",
            a.to_str().unwrap(),
            "-",
        ],
        "RETURN 2 AS x;\n",
    );
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_eq!(
        stdout(&o),
        "{\"columns\":[\"x\"],\"rows\":[[1]]}\n\
         {\"columns\":[\"s\"],\"rows\":[[\"a;b\"]]}\n\
         {\"columns\":[\"x\"],\"rows\":[[2]]}\n"
    );
}

#[test]
fn statements_without_return_print_empty_results_and_stats() {
    // ENGINE
    let o = plenary(
        &[
            "query",
            "--empty",
            "--format",
            "jsonl",
            "CREATE (:A {k: 1}); MATCH (a:A) RETURN a.k AS k",
        ],
        "",
    );
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let lines = json_lines(&stdout(&o));
    assert_eq!(lines[0]["columns"], serde_json::json!([]));
    assert_eq!(lines[0]["rows"], serde_json::json!([]));
    assert_eq!(lines[0]["stats"]["nodes_created"], 1);
    assert_eq!(
        lines[1],
        serde_json::json!({"columns": ["k"], "rows": [[1]]})
    );
}

const THIRD_FAILS: &str =
    "RETURN 1 AS a;\n// two\nRETURN 2 AS b;\n\nRETURN (3 AS c;\nRETURN 4 AS d;\n";

#[test]
fn a_syntax_error_in_the_third_statement_points_into_the_file() {
    // ENGINE
    let path = script("three.cypher", THIRD_FAILS);
    let name = path.to_str().unwrap();
    let o = plenary(&["run", "--empty", "--format", "csv", name], "");
    assert_eq!(code(&o), 1);
    assert_eq!(
        stdout(&o),
        "a\n1\nb\n2\n",
        "statements 1-2 print, 4 never runs"
    );
    let err = stderr(&o);
    assert!(err.starts_with("SyntaxError: "), "{err}");
    assert!(err.contains(&format!("({name}:5:")), "{err}");
    assert!(
        err.contains("\n  RETURN (3 AS c;\n"),
        "caret excerpt (the file's line): {err}"
    );
    assert!(err.contains('^'), "{err}");
}

#[test]
fn the_jsonl_error_line_has_file_positions() {
    // ENGINE
    let path = script("three.cypher", THIRD_FAILS);
    let o = plenary(
        &[
            "run",
            "--empty",
            "--format",
            "jsonl",
            path.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(code(&o), 1);
    let lines = json_lines(&stdout(&o));
    assert_eq!(lines.len(), 3, "{}", stdout(&o));
    assert_eq!(
        lines[0],
        serde_json::json!({"columns": ["a"], "rows": [[1]]})
    );
    assert_eq!(
        lines[1],
        serde_json::json!({"columns": ["b"], "rows": [[2]]})
    );
    let e = &lines[2]["error"];
    assert_eq!(e["kind"], "SyntaxError");
    assert_eq!(e["phase"], "compile time");
    assert_eq!(e["line"], 5);
    assert!(
        e["column"].as_u64().is_some_and(|c| (1..=15).contains(&c)),
        "{e}"
    );
}

#[test]
fn query_errors_point_into_the_query_string() {
    // ENGINE
    let o = plenary(
        &[
            "query",
            "--empty",
            "--format",
            "jsonl",
            "RETURN 1 AS a;\nRETURN (2",
        ],
        "",
    );
    assert_eq!(code(&o), 1);
    let lines = json_lines(&stdout(&o));
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["error"]["line"], 2);
}

// ---------------------------------------------------------------------------
// Closed pipes: `plenary … | head -1` must end quietly with 0.

/// Spawns `plenary ARGS`, feeds `stdin`, reads one line of output and closes
/// the pipe; returns the exit code and standard error.
fn close_early(args: &[&str], stdin: String) -> (i32, String) {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(stdin.as_bytes());
    });
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    assert!(!first.is_empty(), "no output at all");
    drop(out);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    writer.join().unwrap();
    (status.code().expect("killed by a signal"), err)
}

#[test]
fn a_closed_pipe_ends_the_repl_quietly() {
    // Megabytes of :help through the piped REPL; no engine needed.
    let (code, err) = close_early(&["--empty"], ":help\n".repeat(20_000));
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err, "");
}

#[test]
fn a_closed_pipe_ends_a_query_quietly() {
    // ENGINE
    let (code, err) = close_early(
        &[
            "query",
            "--empty",
            "--format",
            "csv",
            "UNWIND range(1, 300000) AS i RETURN i",
        ],
        String::new(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "");
}

// ---------------------------------------------------------------------------
// The REPL with piped input (same core as the interactive one).

#[test]
fn piped_repl_meta_commands() {
    let o = plenary(
        &["--empty"],
        ":param name => \"Syria\"\n:params\n:fromat csv\n:timing off\n:clear params\n:params\n:quit\n:help\n",
    );
    assert_eq!(code(&o), 0);
    assert_eq!(
        stdout(&o),
        "$name => 'Syria'\n\
         $name => \"Syria\"\n\
         unknown command :fromat; did you mean :format? (:help lists them)\n\
         timing: off\n\
         parameters cleared\n\
         no parameters (set one with :param NAME => JSON)\n"
    );
}

#[test]
fn piped_repl_runs_statements() {
    // ENGINE
    let o = plenary(
        &["--empty"],
        ":format jsonl\n:param n => 2\nRETURN $n\n  AS x;\nRETURN 'last' AS s",
    );
    assert_eq!(code(&o), 0);
    assert_eq!(
        stdout(&o),
        "format: jsonl\n$n => 2\n{\"columns\":[\"x\"],\"rows\":[[2]]}\n{\"columns\":[\"s\"],\"rows\":[[\"last\"]]}\n"
    );
}

#[test]
fn the_unvotes_script_loads_the_plain_csv_sample() {
    // ENGINE. The README's import command on `sample/` (plain `.csv`, while
    // the script names `.csv.gz`): each name is read under its other name.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let sample = root.join("../shared/data/unvotes/sample");
    if !sample.join("votes.csv").exists() {
        eprintln!("skipped: {} not found", sample.display());
        return;
    }
    let db = script("un.db", "");
    std::fs::remove_file(&db).unwrap();
    let dir = format!("dir={:?}", sample.to_str().unwrap());
    let graph = root.join("data/graph.cypher");
    let unvotes = root.join("data/unvotes.cypher");
    let o = plenary(
        &[
            "--db",
            db.to_str().unwrap(),
            "run",
            "--param",
            &dir,
            graph.to_str().unwrap(),
            unvotes.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = plenary(
        &[
            "--db",
            db.to_str().unwrap(),
            "query",
            "--format",
            "csv",
            "MATCH (:Country)-[v:VOTED]->(r:Resolution) RETURN count(v) > 30000, min(r.session)",
        ],
        "",
    );
    assert_eq!(
        stdout(&o),
        "count(v) > 30000,min(r.session)\ntrue,66\n",
        "{}",
        stderr(&o)
    );
    // a folder with neither name: an error at the file argument, in the file
    let o = plenary(
        &[
            "run",
            "--empty",
            "--param",
            "dir=\"/nonexistent\"",
            unvotes.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(err.contains("roll_calls.csv.gz: cannot open"), "{err}");
    assert!(err.contains("nor is there roll_calls.csv"), "{err}");
    let text = std::fs::read_to_string(&unvotes).unwrap();
    let line = 1 + text
        .lines()
        .position(|l| l.starts_with("LOAD CSV") && l.contains("roll_calls"))
        .unwrap();
    assert!(err.contains(&format!("unvotes.cypher:{line}:28)")), "{err}");
}
