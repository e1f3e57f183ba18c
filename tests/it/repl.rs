//! The interactive shell driven through a pseudo-terminal (expectrl): the
//! real binary, rustyline and all. History goes to a temporary
//! `XDG_DATA_HOME`; colours are off (`NO_COLOR=1`). No timing assertions:
//! every wait has a generous timeout.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use expectrl::{Eof, Expect, Session};

fn temp_home(tag: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("repl-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn shell(home: &PathBuf) -> expectrl::session::OsSession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_plenary"));
    cmd.env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"));
    let mut s = Session::spawn(cmd).expect("spawn plenary in a pty");
    s.set_expect_timeout(Some(Duration::from_secs(60)));
    s
}

/// Waits for `prompt` (rustyline shows it once the terminal is in raw
/// mode, so keys sent after it are read as keys).
fn prompt(s: &mut expectrl::session::OsSession, prompt: &str) {
    s.expect(prompt).unwrap();
}

/// Waits for the end of the session and checks it exited with 0.
fn exits_cleanly(s: &mut expectrl::session::OsSession) {
    s.expect(Eof).unwrap();
    let status = s.get_process().wait().unwrap();
    assert_eq!(
        format!("{status:?}").rsplit(", ").next(),
        Some("0)"),
        "{status:?}"
    );
}

#[test]
fn typing_completing_interrupting_and_quitting() {
    let home = temp_home("session");
    let mut s = shell(&home);
    s.expect("(68 nodes, 251 relationships)").unwrap();
    prompt(&mut s, "plenary> ");

    // A two-line statement; Tab completes the label from the graph.
    s.send("MATCH (c:Coun").unwrap();
    s.send("\t").unwrap();
    s.expect("Country").unwrap();
    s.send(") WHERE c.code = 'RU'\r").unwrap();
    prompt(&mut s, "...> ");
    s.send("RETURN c.name AS name;\r").unwrap();
    s.expect("│ 'Russia' │").unwrap();
    s.expect("1 row").unwrap();
    prompt(&mut s, "plenary> ");

    // Tab completes a value of the graph inside a string.
    s.send("MATCH (c:Country {code: 'C").unwrap();
    s.send("\t").unwrap();
    s.expect("CN'").unwrap();
    s.send("}) RETURN c.name AS name;\r").unwrap();
    s.expect("│ 'China' │").unwrap();
    prompt(&mut s, "plenary> ");

    // An open bracket does not submit: Enter starts a new line instead.
    s.send("MATCH (c:Country\r").unwrap();
    s.send(") RETURN count(c) AS n;\r").unwrap();
    s.expect("│ 7 │").unwrap();
    prompt(&mut s, "plenary> ");

    // Ctrl-C clears the input, twice in a row too; the shell goes on.
    s.send("MATCH (n").unwrap();
    s.send("\x03").unwrap();
    s.expect("input cleared").unwrap();
    prompt(&mut s, "plenary> ");
    s.send("\x03").unwrap();
    s.expect("input cleared").unwrap();
    prompt(&mut s, "plenary> ");
    s.send("RETURN 40 + 2 AS x;\r").unwrap();
    s.expect("│ 42 │").unwrap();
    prompt(&mut s, "plenary> ");

    // Meta-commands, "did you mean", and leaving.
    s.send(":fromat csv\r").unwrap();
    s.expect("did you mean :format?").unwrap();
    prompt(&mut s, "plenary> ");
    s.send(":quit\r").unwrap();
    exits_cleanly(&mut s);

    let history = std::fs::read_to_string(home.join("data/plenary/history")).unwrap();
    assert!(history.contains("RETURN 40 + 2 AS x;"), "{history}");
    assert!(
        !history.contains("MATCH (n\n"),
        "cleared input is not history"
    );
}

#[test]
fn history_survives_a_restart() {
    let home = temp_home("history");
    let mut s = shell(&home);
    prompt(&mut s, "plenary> ");
    s.send("RETURN 'first session' AS s;\r").unwrap();
    s.expect("1 row").unwrap();
    prompt(&mut s, "plenary> ");
    s.send("\x04").unwrap(); // Ctrl-D leaves
    exits_cleanly(&mut s);

    let mut s = shell(&home);
    prompt(&mut s, "plenary> ");
    // Ctrl-R finds a statement of the previous session.
    s.send("\x12first").unwrap();
    s.expect("reverse-i-search").unwrap();
    s.send("\r").unwrap();
    s.expect("│ 'first session' │").unwrap();
    prompt(&mut s, "plenary> ");
    s.send(":quit\r").unwrap();
    exits_cleanly(&mut s);
}

#[test]
fn ctrl_c_cancels_a_running_statement_and_rolls_it_back() {
    let home = temp_home("cancel");
    let mut s = shell(&home);
    prompt(&mut s, "plenary> ");
    // a statement that writes, then runs for minutes
    s.send(
        "CREATE (:Tmp) WITH 1 AS one UNWIND range(1, 30000) AS a UNWIND range(1, 30000) AS b \
         WITH a + b AS s WHERE s < 0 RETURN count(*) AS n;\r",
    )
    .unwrap();
    // Ctrl-C until the shell reports the cancellation (the first one may
    // arrive before the statement has started)
    let mut cancelled = false;
    for _ in 0..60 {
        std::thread::sleep(Duration::from_millis(500));
        s.send("\x03").unwrap();
        s.set_expect_timeout(Some(Duration::from_millis(500)));
        if s.expect("cancelled and rolled back").is_ok() {
            cancelled = true;
            break;
        }
    }
    s.set_expect_timeout(Some(Duration::from_secs(60)));
    assert!(cancelled, "the running statement was not cancelled");
    prompt(&mut s, "plenary> ");
    s.send("MATCH (t:Tmp) RETURN count(t) AS tmp;\r").unwrap();
    s.expect("│   0 │").unwrap();
    prompt(&mut s, "plenary> ");
    s.send(":quit\r").unwrap();
    exits_cleanly(&mut s);
}
