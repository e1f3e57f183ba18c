//! The module boundaries `ARCHITECTURE.md` states, checked on the source
//! text: which modules may name pest, petgraph, and (for the servers) which
//! parts of the crate.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// `(path relative to src/, code without comment lines)` for every file.
fn sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let code: String = std::fs::read_to_string(&p)
                .unwrap()
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .map(|l| format!("{l}\n"))
                .collect();
            (rel, code)
        })
        .collect()
}

#[test]
fn pest_stays_in_syntax() {
    for (path, code) in sources() {
        if !path.starts_with("syntax/") {
            assert!(
                !code.contains("pest::") && !code.contains("pest_derive"),
                "{path} names pest"
            );
        }
    }
}

#[test]
fn petgraph_stays_in_store_and_algo() {
    for (path, code) in sources() {
        if !path.starts_with("store/") && !path.starts_with("algo/") {
            assert!(!code.contains("petgraph"), "{path} names petgraph");
        }
    }
}

#[test]
fn servers_use_only_the_library_facade() {
    // What the Bolt server may reach inside the crate: the public types and
    // the temporal helpers that parse zone names.
    let allowed = [
        "crate::db::",
        "crate::error::",
        "crate::options::",
        "crate::params::",
        "crate::result::",
        "crate::store::Stats",
        "crate::value::temporal::",
        "crate::NEO4J_COMPATIBLE_VERSION",
        "crate::Database",
        "crate::Notification",
    ];
    for (path, code) in sources() {
        if !path.starts_with("server/") {
            continue;
        }
        for (i, _) in code.match_indices("crate::") {
            let rest = &code[i..];
            assert!(
                allowed.iter().any(|a| rest.starts_with(a)),
                "{path} reaches into the engine: {}",
                rest.lines().next().unwrap_or_default()
            );
        }
        for engine in ["exec::", "plan::", "syntax::"] {
            assert!(
                !code.contains(&format!("crate::{engine}")),
                "{path} uses {engine}"
            );
        }
    }
}
