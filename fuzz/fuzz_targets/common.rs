//! Shared by the fuzz targets: the one property every target checks
//! besides "no panic" (libFuzzer's panic hook aborts even on a panic the
//! library catches), and scratch files on a RAM disk.

#![allow(dead_code)]

use std::path::PathBuf;

/// An error is fine; an `InternalError` (a caught panic, or an "cannot
/// happen" branch reached) is a bug: abort so libFuzzer keeps the input.
pub fn check<T>(r: &plenary::Result<T>) {
    if let Err(e) = r {
        let internal =
            e.code().as_str() == "InternalError" || e.message().contains("internal error");
        assert!(!internal, "internal error: {e}");
    }
}

/// A folder of this process's own for scratch files (on /dev/shm when
/// there is one: the file targets write a file per input).
pub fn scratch(tag: &str) -> PathBuf {
    let base = if std::path::Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    let dir = base.join(format!("plenary-fuzz-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Removes a database's files (`PATH`, `PATH.wal`, `PATH.lock`, leftovers).
pub fn remove_db(path: &std::path::Path) {
    for ext in ["", ".wal", ".lock", ".tmp", ".wal.tmp"] {
        let mut p = path.as_os_str().to_owned();
        p.push(ext);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// The input as statement text (lossy: the engine takes `&str`).
pub fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}
