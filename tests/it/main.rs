//! The single integration-test binary (see `ARCHITECTURE.md`): one `mod`
//! per concern, nothing else here.

mod algo_networkx;
mod api;
mod architecture;
mod bolt;
mod bundled;
mod cli;
mod concurrency;
mod differential;
mod errors;
mod fulltext;
mod harness;
mod import;
mod limits;
mod load_csv;
mod mcp;
mod persist;
mod pytest;
mod queries;
mod repl;
mod values;
mod vector;
