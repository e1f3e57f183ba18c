//! The Bolt server (`plenary serve`, `plenary::server`).
//!
//! - The official Neo4j Python driver runs the pytest suite in `tests/bolt/`
//!   against the real binary; skipped, saying why, without python3, pytest
//!   or the `neo4j` package (`.ci/run` installs them).
//! - The official JavaScript driver runs a smoke test (`tests/bolt/js`),
//!   skipped without node or `npm install` there.
//! - Abuse from raw sockets: random bytes, bad handshakes, absurd chunk
//!   sizes, truncated and unknown structures. Each connection gets a
//!   FAILURE or is closed, never a hang; the server keeps serving others.

#![cfg(feature = "server")]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::Command;
use std::time::Duration;

use plenary::Database;
use plenary::server::{Server, ServerHandle};

#[test]
fn the_python_driver_suite_passes() {
    crate::pytest::run_suite(
        "bolt",
        "neo4j, pytest",
        "the Neo4j Python driver suite",
        "neo4j pytest",
    );
}

#[test]
fn the_javascript_driver_smoke_test_passes() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bolt/js");
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("skipping the Neo4j JavaScript driver smoke test: node is not available");
        return;
    }
    if !std::path::Path::new(dir)
        .join("node_modules/neo4j-driver")
        .exists()
    {
        eprintln!(
            "skipping the Neo4j JavaScript driver smoke test: run `npm install` in tests/bolt/js (.ci/run does)"
        );
        return;
    }
    let server = Server::new(Database::in_memory().unwrap())
        .bind("127.0.0.1:0")
        .auth("neo4j", "s3cret")
        .start()
        .unwrap();
    for scheme in ["bolt", "neo4j"] {
        let out = Command::new("node")
            .arg("smoke.mjs")
            .arg(format!("{scheme}://{}", server.local_addr()))
            .current_dir(dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "the JavaScript driver smoke test failed over {scheme}://:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    server.shutdown().unwrap();
}

// ---- a raw Bolt client -------------------------------------------------------

const MAGIC: [u8; 4] = [0x60, 0x60, 0xB0, 0x17];
/// Offers Bolt 5.4 down to 5.0.
const VERSIONS: [u8; 16] = [0, 4, 4, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

fn start(max_message: usize) -> ServerHandle {
    Server::new(Database::in_memory().unwrap())
        .bind("127.0.0.1:0")
        .max_message_size(max_message)
        .start()
        .unwrap()
}

fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(5))).unwrap();
    s
}

/// PackStream: a tiny string (under 16 bytes) or STRING_8.
fn string(out: &mut Vec<u8>, s: &str) {
    if s.len() < 16 {
        out.push(0x80 | s.len() as u8);
    } else {
        out.push(0xD0);
        out.push(s.len() as u8);
    }
    out.extend_from_slice(s.as_bytes());
}

fn chunked(msg: &[u8]) -> Vec<u8> {
    let mut out = (msg.len() as u16).to_be_bytes().to_vec();
    out.extend_from_slice(msg);
    out.extend_from_slice(&[0, 0]);
    out
}

fn hello() -> Vec<u8> {
    let mut m = vec![0xB1, 0x01, 0xA1];
    string(&mut m, "user_agent");
    string(&mut m, "raw-test/1");
    chunked(&m)
}

fn logon() -> Vec<u8> {
    let mut m = vec![0xB1, 0x6A, 0xA1];
    string(&mut m, "scheme");
    string(&mut m, "none");
    chunked(&m)
}

fn run(query: &str) -> Vec<u8> {
    let mut m = vec![0xB3, 0x10];
    string(&mut m, query);
    m.extend_from_slice(&[0xA0, 0xA0]);
    chunked(&m)
}

fn pull_all() -> Vec<u8> {
    let mut m = vec![0xB1, 0x3F, 0xA1];
    string(&mut m, "n");
    m.push(0xFF); // -1
    chunked(&m)
}

/// Reads one message; its signature byte (0x70 SUCCESS, 0x71 RECORD,
/// 0x7E IGNORED, 0x7F FAILURE), or None when the server closed.
fn read_message(s: &mut TcpStream) -> Option<u8> {
    let mut msg = Vec::new();
    loop {
        let mut len = [0u8; 2];
        s.read_exact(&mut len).ok()?;
        let n = u16::from_be_bytes(len) as usize;
        if n == 0 {
            if msg.is_empty() {
                continue; // a NOOP
            }
            return msg.get(1).copied();
        }
        let mut chunk = vec![0u8; n];
        s.read_exact(&mut chunk).ok()?;
        msg.extend_from_slice(&chunk);
    }
}

/// Handshake, HELLO, LOGON; true when the server accepted them.
fn open_session(s: &mut TcpStream) -> bool {
    s.write_all(&MAGIC).unwrap();
    s.write_all(&VERSIONS).unwrap();
    let mut v = [0u8; 4];
    if s.read_exact(&mut v).is_err() || v == [0; 4] {
        return false;
    }
    s.write_all(&hello()).unwrap();
    if read_message(s) != Some(0x70) {
        return false;
    }
    s.write_all(&logon()).unwrap();
    read_message(s) == Some(0x70)
}

/// A healthy client still gets `RETURN 1` answered.
fn still_serves(addr: SocketAddr) {
    let mut s = connect(addr);
    assert!(
        open_session(&mut s),
        "the server no longer accepts sessions"
    );
    s.write_all(&run("RETURN 1 AS x")).unwrap();
    s.write_all(&pull_all()).unwrap();
    assert_eq!(read_message(&mut s), Some(0x70), "RUN");
    assert_eq!(read_message(&mut s), Some(0x71), "RECORD");
    assert_eq!(read_message(&mut s), Some(0x70), "PULL");
}

/// Sends `bytes` and reads until the server answers or closes; it must do
/// one of the two within the read timeout (no hang).
fn send_and_drain(addr: SocketAddr, session: bool, bytes: &[u8]) {
    let mut s = connect(addr);
    if session && !open_session(&mut s) {
        panic!("could not open a session");
    }
    if !session {
        let _ = s.write_all(&MAGIC);
    }
    let _ = s.write_all(bytes);
    let _ = s.shutdown(std::net::Shutdown::Write);
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return,
            Ok(_) => continue,
            Err(e)
                if e.kind() == std::io::ErrorKind::WouldBlock
                    || e.kind() == std::io::ErrorKind::TimedOut =>
            {
                panic!("the server neither answered nor closed: {bytes:02x?}")
            }
            Err(_) => return,
        }
    }
}

#[test]
fn failure_then_ignored_until_reset() {
    let server = start(1 << 20);
    let mut s = connect(server.local_addr());
    assert!(open_session(&mut s));
    s.write_all(&run("MATCH (n RETURN n")).unwrap();
    s.write_all(&pull_all()).unwrap();
    assert_eq!(
        read_message(&mut s),
        Some(0x7F),
        "FAILURE for the bad query"
    );
    assert_eq!(read_message(&mut s), Some(0x7E), "IGNORED for the PULL");
    s.write_all(&chunked(&[0xB0, 0x0F])).unwrap(); // RESET
    assert_eq!(read_message(&mut s), Some(0x70), "RESET");
    s.write_all(&run("RETURN 2")).unwrap();
    assert_eq!(read_message(&mut s), Some(0x70));
    server.shutdown().unwrap();
}

#[test]
fn malformed_input_fails_one_connection_and_the_server_goes_on() {
    let server = start(64 << 10);
    let addr = server.local_addr();
    // bad handshakes
    for bytes in [&b"GET / HTTP/1.1\r\n\r\n"[..], &[0xFF; 20], &[0x60, 0x60]] {
        let mut s = connect(addr);
        let _ = s.write_all(bytes);
        let _ = s.shutdown(std::net::Shutdown::Write);
        let mut sink = Vec::new();
        let _ = s.read_to_end(&mut sink);
    }
    still_serves(addr);
    let cases: Vec<Vec<u8>> = vec![
        // an unknown message signature
        chunked(&[0xB0, 0x55]),
        // a truncated RUN (a struct of 3 fields with one)
        chunked(&[0xB3, 0x10, 0x81, b'x']),
        // a string that claims to be longer than the message
        chunked(&[0xB3, 0x10, 0xD2, 0x7F, 0xFF, 0xFF, 0xFF]),
        // a list header claiming four billion items
        chunked(&[0xB3, 0x10, 0x80, 0xD6, 0xFF, 0xFF, 0xFF, 0xFF, 0xA0]),
        // nesting deeper than any decoder should follow
        chunked(&[0x91; 5000][..4000]),
        // chunks that add up past the message-size limit
        [0xFF, 0xFF]
            .iter()
            .chain(&[0u8; 65535])
            .copied()
            .cycle()
            .take(65537 * 3)
            .collect(),
        // a chunk header and then nothing
        vec![0x00, 0x10, 0xB1],
        // a parameter map with a non-string key
        chunked(&[0xB3, 0x10, 0x81, b'x', 0xA1, 0x01, 0x02, 0xA0]),
        // an unknown structure inside the parameters
        chunked(&[
            0xB3, 0x10, 0x81, b'x', 0xA1, 0x81, b'p', 0xB1, 0x01, 0x01, 0xA0,
        ]),
    ];
    for c in &cases {
        send_and_drain(addr, true, c);
        still_serves(addr);
    }
    server.shutdown().unwrap();
}

#[test]
fn random_bytes_never_hang_or_stop_the_server() {
    let server = start(64 << 10);
    let addr = server.local_addr();
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for i in 0..60 {
        let len = (next() % 300) as usize;
        let mut bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        if i % 2 == 0 {
            // valid framing around random content reaches the decoder
            bytes = chunked(&bytes);
        }
        send_and_drain(addr, i % 3 != 0, &bytes);
    }
    still_serves(addr);
    server.shutdown().unwrap();
}

#[test]
fn shutdown_rolls_back_open_transactions() {
    let db = Database::in_memory().unwrap();
    let server = Server::new(db.clone()).bind("127.0.0.1:0").start().unwrap();
    let mut s = connect(server.local_addr());
    assert!(open_session(&mut s));
    s.write_all(&chunked(&[0xB1, 0x11, 0xA0])).unwrap(); // BEGIN {}
    assert_eq!(read_message(&mut s), Some(0x70));
    s.write_all(&run("CREATE (:Uncommitted)")).unwrap();
    s.write_all(&pull_all()).unwrap();
    assert_eq!(read_message(&mut s), Some(0x70));
    assert_eq!(read_message(&mut s), Some(0x70));
    server.shutdown().unwrap();
    // the embedding program's handle sees nothing of it and can write
    assert_eq!(db.node_count(), 0);
    db.execute("CREATE (:After)").unwrap();
    assert_eq!(db.node_count(), 1);
}

#[test]
fn connections_beyond_the_limit_are_refused_and_others_go_on() {
    let server = Server::new(Database::in_memory().unwrap())
        .bind("127.0.0.1:0")
        .max_connections(2)
        .start()
        .unwrap();
    let addr = server.local_addr();
    let mut a = connect(addr);
    let mut b = connect(addr);
    assert!(open_session(&mut a));
    assert!(open_session(&mut b));
    let mut c = connect(addr);
    assert!(!open_session(&mut c), "a third session was accepted");
    drop(c);
    // the two admitted sessions still work
    for s in [&mut a, &mut b] {
        s.write_all(&run("RETURN 1")).unwrap();
        s.write_all(&pull_all()).unwrap();
        assert_eq!(read_message(s), Some(0x70));
        assert_eq!(read_message(s), Some(0x71));
        assert_eq!(read_message(s), Some(0x70));
    }
    // once one leaves, a new one gets in
    drop(a);
    std::thread::sleep(Duration::from_millis(200));
    let mut d = connect(addr);
    assert!(
        open_session(&mut d),
        "the freed place was not given out again"
    );
    server.shutdown().unwrap();
}

#[test]
fn a_silent_transaction_is_rolled_back_at_its_time_limit() {
    let db = Database::in_memory().unwrap();
    let server = Server::new(db.clone())
        .bind("127.0.0.1:0")
        .max_transaction_time(Some(Duration::from_millis(300)))
        .lock_timeout(Duration::from_secs(5))
        .start()
        .unwrap();
    let mut a = connect(server.local_addr());
    assert!(open_session(&mut a));
    a.write_all(&chunked(&[0xB1, 0x11, 0xA0])).unwrap(); // BEGIN {}
    assert_eq!(read_message(&mut a), Some(0x70));
    a.write_all(&run("CREATE (:Held)")).unwrap();
    a.write_all(&pull_all()).unwrap();
    assert_eq!(read_message(&mut a), Some(0x70));
    assert_eq!(read_message(&mut a), Some(0x70));
    // a, silent, holds the writer slot; b's write gets it once a's time is up
    let mut b = connect(server.local_addr());
    assert!(open_session(&mut b));
    let started = std::time::Instant::now();
    b.write_all(&run("CREATE (:Other)")).unwrap();
    b.write_all(&pull_all()).unwrap();
    assert_eq!(read_message(&mut b), Some(0x70));
    assert_eq!(read_message(&mut b), Some(0x70));
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "b waited for the lock timeout"
    );
    assert_eq!(db.node_count(), 1, "a's node was rolled back, b's is there");
    // a learns of it at its next message
    a.write_all(&chunked(&[0xB0, 0x12])).unwrap(); // COMMIT
    assert_eq!(read_message(&mut a), Some(0x7F));
    server.shutdown().unwrap();
}
