//! The command line: argument parsing, opening the graph, `run` and `query`,
//! and the REPL ([`repl`]).
//!
//! Exit status (contract): 0 when every statement succeeded, 1 when one
//! failed (execution stops there), 2 for bad usage (clap's own code for bad
//! arguments is 2 as well). A closed stdout (`plenary query … | head -1`)
//! ends the program quietly with 0.

mod complete;
mod editor;
mod exec;
mod help;
mod highlight;
mod inspect;
mod lex;
#[cfg(feature = "mcp")]
mod mcp;
mod params;
mod progress;
mod repl;
#[cfg(feature = "server")]
mod serve;

use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use plenary::output::{Format, TableOptions};
use plenary::{Database, Value};

pub use exec::Printer;

/// Query parameters by name.
pub type Params = std::collections::BTreeMap<String, Value>;

/// Longest table cell, in terminal columns, before it is cut with `…`.
const MAX_COL_WIDTH: usize = 60;

#[derive(Debug, Parser)]
#[command(
    name = "plenary",
    version,
    about = "An embedded property-graph database with openCypher",
    long_about = "An embedded property-graph database with openCypher.\n\n\
                  Without a command, starts the interactive shell on the graph \
                  (the bundled knowledge graph unless --empty or --db is given)."
)]
struct Cli {
    #[command(flatten)]
    graph: GraphArgs,
    #[command(flatten)]
    limits: LimitArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

/// Which graph to open.
#[derive(Debug, Clone, Default, Args)]
struct GraphArgs {
    /// Use a fresh, empty in-memory graph instead of the bundled one
    #[arg(long, conflicts_with = "db")]
    empty: bool,
    /// Use a database file, created if missing (statements are durable
    /// when they return)
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Open the --db database read-only (allowed beside a writer)
    #[arg(long, requires = "db")]
    read_only: bool,
}

impl GraphArgs {
    /// `self`, or `outer` where `self` says nothing (`plenary --empty run …`).
    fn or(self, outer: &GraphArgs) -> GraphArgs {
        if self.empty || self.db.is_some() || self.read_only {
            self
        } else {
            outer.clone()
        }
    }
}

/// Limits on every statement.
#[derive(Debug, Clone, Default, Args)]
struct LimitArgs {
    /// Stop a statement that runs longer than this (e.g. 30s, 5m); it
    /// changes nothing
    #[arg(long, value_name = "DUR", value_parser = params::parse_duration)]
    timeout: Option<std::time::Duration>,
    /// Stop a statement that holds more memory than this (e.g. 2GiB, 512MiB,
    /// or none); it changes nothing. Default: a quarter of the machine's memory
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    max_memory: Option<usize>,
    /// Fail a statement that returns more rows than this; it changes nothing
    #[arg(long, value_name = "N")]
    max_rows: Option<usize>,
}

impl LimitArgs {
    /// `self`, with `outer`'s limits where `self` sets none.
    fn or(self, outer: &LimitArgs) -> LimitArgs {
        LimitArgs {
            timeout: self.timeout.or(outer.timeout),
            max_memory: self.max_memory.or(outer.max_memory),
            max_rows: self.max_rows.or(outer.max_rows),
        }
    }

    /// Sets the limits on `db` (the ones given; the rest keep their defaults).
    fn apply(&self, db: &mut Database) {
        if let Some(t) = self.timeout {
            db.set_timeout(Some(t));
        }
        if let Some(m) = self.max_memory {
            db.set_max_memory((m != usize::MAX).then_some(m));
        }
        if let Some(n) = self.max_rows {
            db.set_max_rows(Some(n));
        }
    }
}

/// `--max-memory`: a size, or `none` (no limit, as `usize::MAX`).
fn parse_size(s: &str) -> Result<usize, String> {
    if matches!(s.trim().to_ascii_lowercase().as_str(), "none" | "unlimited") {
        return Ok(usize::MAX);
    }
    plenary::parse_bytes(s)
}

#[derive(Debug, Clone, Args)]
struct OutputArgs {
    /// Output format: table (default), csv, json or jsonl
    #[arg(long, short, value_name = "F")]
    format: Option<Format>,
    /// A query parameter ($NAME) as JSON, e.g. --param 'name="Syria"' (repeatable)
    #[arg(long = "param", short = 'p', value_name = "NAME=JSON", value_parser = params::parse_param)]
    params: Vec<(String, Value)>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run script files in order (`-` reads standard input)
    Run {
        #[command(flatten)]
        graph: GraphArgs,
        #[command(flatten)]
        output: OutputArgs,
        #[command(flatten)]
        limits: LimitArgs,
        /// Script files; statements are separated by `;`
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
    },
    /// Run one query string
    Query {
        #[command(flatten)]
        graph: GraphArgs,
        #[command(flatten)]
        output: OutputArgs,
        #[command(flatten)]
        limits: LimitArgs,
        /// The query (several statements separated by `;` are allowed)
        #[arg(value_name = "QUERY")]
        query: String,
    },
    /// Verify a database file (and its log); exit 1 naming the problem
    ///
    /// Reads the snapshot and the log as opening does, without changing
    /// them. A damaged log record is named with its byte offset and the
    /// number of intact records that follow it (`plenary recover` salvages
    /// them); an unfinished last write (never acknowledged) is reported and
    /// not an error.
    Check {
        /// The database file
        #[arg(value_name = "PATH")]
        path: PathBuf,
    },
    /// Write a database as a Cypher script that `plenary run --empty` loads
    Dump {
        /// The database file
        #[arg(value_name = "PATH")]
        path: PathBuf,
    },
    /// Rewrite the snapshot and empty the log
    Compact {
        /// The database file
        #[arg(value_name = "PATH")]
        path: PathBuf,
    },
    /// Serve the graph over Bolt, for Neo4j drivers and tools
    ///
    /// Prints the address it listens on; Ctrl-C or SIGTERM stops it,
    /// rolling back open transactions. Without --auth it only listens on
    /// a loopback address unless --no-auth says so.
    #[cfg(feature = "server")]
    Serve(serve::ServeArgs),
    /// Serve the graph to LLM agents over the Model Context Protocol (stdio)
    ///
    /// Tools: describe (the schema), query (Cypher, read-only unless
    /// --allow-writes), why (the sentences behind a result's entities).
    #[cfg(feature = "mcp")]
    Mcp(mcp::McpArgs),
    /// Salvage a damaged database into a new one (PATH is only read)
    ///
    /// Writes NEW (which must not exist) from PATH's snapshot and every
    /// intact log record that can still be applied — records with a
    /// damaged header whose payload a checksum proves intact, and records
    /// after a lost one that do not depend on it — and reports, with byte
    /// offsets, what was repaired, lost and skipped. Exit 0 when NEW was
    /// written, 1 when nothing could be (a damaged snapshot, NEW exists).
    Recover {
        /// The damaged database file
        #[arg(value_name = "PATH")]
        path: PathBuf,
        /// The new database to write (must not exist)
        #[arg(long, value_name = "NEW")]
        to: PathBuf,
    },
}

/// The entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => open(&cli.graph).and_then(|mut db| {
            cli.limits.apply(&mut db);
            repl::main(db, graph_name(&cli.graph))
        }),
        Some(Command::Run {
            graph,
            output,
            limits,
            files,
        }) => run_files(
            &graph.or(&cli.graph),
            &limits.or(&cli.limits),
            &output,
            &files,
        ),
        Some(Command::Query {
            graph,
            output,
            limits,
            query,
        }) => open(&graph.or(&cli.graph)).and_then(|mut db| {
            limits.or(&cli.limits).apply(&mut db);
            run_query(&db, &output, &query)
        }),
        Some(Command::Check { path }) => check(&path),
        Some(Command::Dump { path }) => dump(&path),
        Some(Command::Compact { path }) => compact(&path),
        Some(Command::Recover { path, to }) => recover(&path, &to),
        #[cfg(feature = "server")]
        Some(Command::Serve(args)) => serve::serve(args),
        #[cfg(feature = "mcp")]
        Some(Command::Mcp(args)) => mcp::mcp(args),
    };
    match result {
        Ok(code) => code,
        Err(Failure::Usage(msg)) => {
            eprintln!("plenary: {msg}");
            ExitCode::from(2)
        }
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(e)) => {
            eprintln!("plenary: {e}");
            ExitCode::FAILURE
        }
        Err(Failure::Open(msg)) => {
            eprintln!("plenary: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// Why the program stops early.
#[derive(Debug)]
enum Failure {
    /// Bad usage: exit 2.
    Usage(String),
    /// Writing output failed (a broken pipe is not reported).
    Io(io::Error),
    /// A database file could not be opened: exit 1.
    Open(String),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Io(e)
    }
}

fn open(graph: &GraphArgs) -> Result<Database, Failure> {
    if let Some(path) = &graph.db {
        let db = if graph.read_only {
            Database::open_read_only(path)
        } else {
            Database::open(path)
        };
        return db.map_err(|e| {
            Failure::Open(format!("cannot open {}: {}", path.display(), e.message()))
        });
    }
    if graph.empty {
        return Database::in_memory()
            .map_err(|e| Failure::Usage(format!("cannot open an in-memory database: {e}")));
    }
    Database::bundled().map_err(|e| Failure::Usage(format!("cannot open the bundled graph: {e}")))
}

fn open_existing(path: &std::path::Path, read_only: bool) -> Result<Database, Failure> {
    if !path.exists() {
        return Err(Failure::Open(format!(
            "there is no database at {}",
            path.display()
        )));
    }
    open(&GraphArgs {
        empty: false,
        db: Some(path.to_path_buf()),
        read_only,
    })
}

/// `plenary check PATH`: opening verifies every checksum and replays the
/// log (without changing the files); damage fails the open with a message
/// that names its offset and the intact records after it.
fn check(path: &std::path::Path) -> Result<ExitCode, Failure> {
    let db = open_existing(path, true)?;
    // the full-text indexes are derived data: rebuilt and compared
    let fulltext = db.check_fulltext_indexes();
    let wrong: Vec<&str> = fulltext
        .iter()
        .filter(|(_, _, ok)| !ok)
        .map(|(n, _, _)| n.as_str())
        .collect();
    if !wrong.is_empty() {
        return Err(Failure::Open(format!(
            "{}: the full-text index{} {} differ{} from a rebuild from the graph",
            path.display(),
            if wrong.len() == 1 { "" } else { "es" },
            wrong.join(", "),
            if wrong.len() == 1 { "s" } else { "" }
        )));
    }
    let fulltext = if fulltext.is_empty() {
        String::new()
    } else {
        let items: Vec<String> = fulltext
            .iter()
            .map(|(n, docs, _)| format!("{n} ({docs} documents)"))
            .collect();
        format!("; full-text indexes match a rebuild: {}", items.join(", "))
    };
    println!(
        "{}: ok: {} nodes, {} relationships; {}{fulltext}",
        path.display(),
        db.node_count(),
        db.relationship_count(),
        db.storage_report().unwrap_or_default()
    );
    Ok(ExitCode::SUCCESS)
}

/// `plenary dump PATH`: the graph as a Cypher script on standard output.
fn dump(path: &std::path::Path) -> Result<ExitCode, Failure> {
    let db = open_existing(path, true)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    db.dump(&mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `plenary compact PATH`: a checkpoint (new snapshot, empty log).
fn compact(path: &std::path::Path) -> Result<ExitCode, Failure> {
    let db = open_existing(path, false)?;
    db.checkpoint().map_err(|e| {
        Failure::Open(format!(
            "cannot compact {}: {}",
            path.display(),
            e.message()
        ))
    })?;
    println!(
        "{}: compacted; {}",
        path.display(),
        db.storage_report().unwrap_or_default()
    );
    Ok(ExitCode::SUCCESS)
}

/// `plenary recover PATH --to NEW`: salvage into a new database; exit 0
/// when it was written (the report says what was lost or skipped), 1 when
/// nothing could be written.
fn recover(path: &std::path::Path, to: &std::path::Path) -> Result<ExitCode, Failure> {
    let r = Database::recover(path, to).map_err(|e| {
        Failure::Open(format!(
            "cannot recover {} into {}: {}",
            path.display(),
            to.display(),
            e.message()
        ))
    })?;
    println!(
        "{}: recovered from {}{}",
        to.display(),
        path.display(),
        if r.is_complete() {
            ": nothing lost"
        } else {
            ": some records could not be recovered"
        }
    );
    println!("{r}");
    Ok(ExitCode::SUCCESS)
}

fn graph_name(graph: &GraphArgs) -> String {
    match (&graph.db, graph.empty) {
        (Some(p), _) => p.display().to_string(),
        (None, true) => "empty in-memory graph".to_string(),
        (None, false) => "bundled knowledge graph".to_string(),
    }
}

/// Whether to colour output on stdout: a terminal, and `NO_COLOR` unset.
fn use_color() -> bool {
    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn printer(output: &OutputArgs) -> Printer {
    let tty = io::stdout().is_terminal();
    let color = use_color();
    Printer {
        format: output.format.unwrap_or(Format::Table),
        table: TableOptions {
            max_rows: None,
            max_col_width: MAX_COL_WIDTH,
            color,
            footer: true,
        },
        // Timings only for people: piped output stays reproducible.
        timing: tty,
        color: color && io::stderr().is_terminal(),
    }
}

fn run_files(
    graph: &GraphArgs,
    limits: &LimitArgs,
    output: &OutputArgs,
    files: &[String],
) -> Result<ExitCode, Failure> {
    // Read everything first: a missing file is a usage error, found before
    // any statement has changed the graph.
    let mut sources = Vec::with_capacity(files.len());
    let mut stdin_used = false;
    for f in files {
        let text = if f == "-" {
            if stdin_used {
                String::new()
            } else {
                stdin_used = true;
                let mut s = String::new();
                io::stdin()
                    .read_to_string(&mut s)
                    .map_err(|e| Failure::Usage(format!("cannot read standard input: {e}")))?;
                s
            }
        } else {
            std::fs::read_to_string(f)
                .map_err(|e| Failure::Usage(format!("cannot read {f}: {e}")))?
        };
        let name = if f == "-" {
            "<stdin>".to_string()
        } else {
            f.clone()
        };
        sources.push((name, text));
    }
    let mut db = open(graph)?;
    limits.apply(&mut db);
    let params: Params = output.params.iter().cloned().collect();
    let printer = printer(output);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = io::stderr();
    for (name, text) in &sources {
        if !progress::run_source(&db, text, Some(name), &params, &printer, &mut out, &mut err)? {
            return Ok(ExitCode::FAILURE);
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn run_query(db: &Database, output: &OutputArgs, query: &str) -> Result<ExitCode, Failure> {
    let params: Params = output.params.iter().cloned().collect();
    let printer = printer(output);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = io::stderr();
    if !progress::run_source(db, query, None, &params, &printer, &mut out, &mut err)? {
        return Ok(ExitCode::FAILURE);
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_parse() {
        Cli::command_for_tests().debug_assert();
        let cli = Cli::try_parse_from([
            "plenary",
            "--timeout",
            "2s",
            "run",
            "--empty",
            "--format",
            "jsonl",
            "--param",
            "x=1",
            "--max-memory",
            "1GiB",
            "a.cypher",
            "-",
        ])
        .unwrap();
        match cli.command {
            Some(Command::Run {
                graph,
                output,
                limits,
                files,
            }) => {
                let limits = limits.or(&cli.limits);
                assert_eq!(limits.timeout, Some(std::time::Duration::from_secs(2)));
                assert_eq!(limits.max_memory, Some(1 << 30));
                assert_eq!(limits.max_rows, None);
                assert!(graph.empty);
                assert_eq!(output.format, Some(Format::Jsonl));
                assert_eq!(output.params, vec![("x".to_string(), Value::Int(1))]);
                assert_eq!(files, vec!["a.cypher", "-"]);
            }
            other => panic!("{other:?}"),
        }
        assert!(Cli::try_parse_from(["plenary", "run", "--empty"]).is_err());
        assert!(Cli::try_parse_from(["plenary", "query", "--format", "xml", "RETURN 1"]).is_err());
        assert!(Cli::try_parse_from(["plenary", "--empty", "--db", "x"]).is_err());
        let cli = Cli::try_parse_from(["plenary", "--empty", "query", "RETURN 1"]).unwrap();
        let Some(Command::Query { graph, .. }) = cli.command else {
            panic!()
        };
        assert!(graph.or(&cli.graph).empty);
    }

    impl Cli {
        fn command_for_tests() -> clap::Command {
            <Cli as clap::CommandFactory>::command()
        }
    }
}
