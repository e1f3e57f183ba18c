//! Runs a pytest suite under `tests/` against the real binary
//! (`PLENARY_BIN`), skipping with a printed reason when python3 or the
//! suite's packages are missing (`.ci/run` installs them).

#![cfg(any(feature = "server", feature = "mcp"))]

use std::process::Command;

/// Runs `tests/<dir>` with pytest when `import <modules>` works; `what`
/// names the suite in messages, `pip` the packages to install.
pub fn run_suite(dir: &str, modules: &str, what: &str, pip: &str) {
    let probe = Command::new("python3")
        .args(["-c", &format!("import {modules}")])
        .output();
    match probe {
        Err(e) => {
            eprintln!("skipping {what}: python3 is not available ({e})");
            return;
        }
        Ok(o) if !o.status.success() => {
            eprintln!("skipping {what}: the Python packages are not installed (pip install {pip})");
            return;
        }
        Ok(_) => {}
    }
    let dir = format!("{}/tests/{dir}", env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("python3")
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider", &dir])
        .env("PLENARY_BIN", env!("CARGO_BIN_EXE_plenary"))
        .current_dir(&dir)
        .output()
        .expect("python3 ran a moment ago");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{what} failed:\n{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{what}: {}", text.lines().last().unwrap_or_default());
}
