//! `plenary mcp` through the official Python MCP client SDK: the pytest
//! suite in `tests/mcp/` starts the real binary on stdio, lists the tools,
//! calls each, and checks that writes are refused unless allowed and that
//! errors are tool errors. Skipped, saying why, without python3, pytest or
//! the `mcp` package (`.ci/run` installs them).

#![cfg(feature = "mcp")]

#[test]
fn the_python_mcp_client_suite_passes() {
    crate::pytest::run_suite("mcp", "mcp, pytest", "the MCP client suite", "mcp pytest");
}
