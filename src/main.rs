//! `plenary`, the command line of the plenary graph database: an interactive
//! shell (REPL) and the `run` / `query` commands for scripts and pipelines.
//! The contract it implements is `contracts.md`; the code is in [`cli`].

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
