//! `plenary mcp` through the official Python MCP client SDK: the pytest
//! suite in `tests/mcp/` starts the real binary on stdio, lists the tools,
//! calls each, and checks that writes are refused unless allowed and that
//! errors are tool errors. Skipped, saying why, without python3, pytest or
//! the `mcp` package (`.ci/run` installs them).

#![cfg(feature = "mcp")]

use std::process::Command;

#[test]
fn the_python_mcp_client_suite_passes() {
    let probe = Command::new("python3")
        .args(["-c", "import mcp, pytest"])
        .output();
    match probe {
        Err(e) => {
            eprintln!("skipping the MCP client tests: python3 is not available ({e})");
            return;
        }
        Ok(o) if !o.status.success() => {
            eprintln!(
                "skipping the MCP client tests: the Python packages `mcp` and `pytest` are not installed (pip install mcp pytest)"
            );
            return;
        }
        Ok(_) => {}
    }
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/mcp");
    let out = Command::new("python3")
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider", dir])
        .env("PLENARY_BIN", env!("CARGO_BIN_EXE_plenary"))
        .current_dir(dir)
        .output()
        .expect("python3 ran a moment ago");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the MCP client suite failed:\n{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
