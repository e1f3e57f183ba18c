//! `plenary serve`: the Bolt server ([`plenary::server`]) from the command line.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use plenary::FileAccess;
use plenary::server::Server;

use super::params::parse_duration;
use super::{Failure, GraphArgs, open};

/// `plenary serve` options.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Use a fresh, empty in-memory graph instead of the bundled one
    #[arg(long, conflicts_with = "db")]
    empty: bool,
    /// Serve a database file, created if missing
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// The address to listen on (port 0 picks a free one)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:7687")]
    bolt: String,
    /// Refuse every statement that writes (Neo.ClientError.Statement.AccessMode)
    #[arg(long)]
    read_only: bool,
    /// Require this user and password (basic authentication)
    #[arg(long, value_name = "USER:PASSWORD", conflicts_with = "no_auth")]
    auth: Option<String>,
    /// Accept any client, also on a non-loopback address
    #[arg(long)]
    no_auth: bool,
    /// At most this many connections at once
    #[arg(long, value_name = "N", default_value_t = 100)]
    max_connections: usize,
    /// Stop any statement after this long (e.g. 30s, 500ms, 2m)
    #[arg(long, value_name = "DUR", value_parser = parse_duration)]
    timeout: Option<Duration>,
    /// Fail any statement that returns more rows than this
    #[arg(long, value_name = "N")]
    max_rows: Option<usize>,
    /// Stop any statement that holds more memory than this (e.g. 2GiB, or
    /// none); default: a quarter of the machine's memory
    #[arg(long, value_name = "SIZE", value_parser = super::parse_size)]
    max_memory: Option<usize>,
    /// Close a connection idle for this long, rolling back its transaction
    #[arg(long, value_name = "DUR", value_parser = parse_duration, default_value = "10m")]
    idle_timeout: Duration,
    /// Roll back an explicit transaction open longer than this (e.g. 5m;
    /// 0 for no limit), so a silent client cannot hold the database
    #[arg(long, value_name = "DUR", value_parser = parse_duration, default_value = "5m")]
    max_transaction_time: Duration,
    /// The largest message a client may send, in bytes
    #[arg(long, value_name = "BYTES", default_value_t = 16 << 20)]
    max_message_size: usize,
    /// Let LOAD CSV read files below this directory (off by default)
    #[arg(long, value_name = "DIR")]
    files: Option<PathBuf>,
}

fn is_loopback(addr: &str) -> bool {
    use std::net::ToSocketAddrs;
    addr.to_socket_addrs()
        .map(|mut a| a.all(|a| a.ip().is_loopback()))
        .unwrap_or(false)
}

/// Runs the server until Ctrl-C or SIGTERM.
pub fn serve(args: ServeArgs) -> Result<ExitCode, Failure> {
    let auth = match &args.auth {
        Some(a) => match a.split_once(':') {
            Some((u, p)) if !u.is_empty() => Some((u.to_string(), p.to_string())),
            _ => return Err(Failure::Usage("--auth takes USER:PASSWORD".into())),
        },
        None => None,
    };
    if auth.is_none() && !args.no_auth && !is_loopback(&args.bolt) {
        return Err(Failure::Usage(format!(
            "{} is reachable from other machines: give --auth USER:PASSWORD, or --no-auth to serve without one",
            args.bolt
        )));
    }
    let mut db = open(&GraphArgs {
        empty: args.empty,
        db: args.db.clone(),
        read_only: false,
    })?;
    if let Some(m) = args.max_memory {
        db.set_max_memory((m != usize::MAX).then_some(m));
    }
    db.set_file_access(match &args.files {
        Some(dir) => FileAccess::Under(dir.clone()),
        None => FileAccess::Denied,
    });
    let mut server = Server::new(db)
        .bind(args.bolt.clone())
        .read_only(args.read_only)
        .max_connections(args.max_connections)
        .timeout(args.timeout)
        .max_rows(args.max_rows)
        .idle_timeout(args.idle_timeout)
        .max_transaction_time(
            (!args.max_transaction_time.is_zero()).then_some(args.max_transaction_time),
        )
        .max_message_size(args.max_message_size);
    if let Some((u, p)) = auth {
        server = server.auth(u, p);
    }
    let handle = server
        .start()
        .map_err(|e| Failure::Open(e.message().to_string()))?;
    let stopper = handle.stopper();
    if let Err(e) = ctrlc::set_handler(move || stopper.stop()) {
        eprintln!("plenary: cannot catch Ctrl-C ({e}); stop the server with a signal");
    }
    println!(
        "plenary serving bolt://{} ({}{}) — Ctrl-C to stop",
        handle.local_addr(),
        if args.read_only { "read-only, " } else { "" },
        if args.auth.is_some() {
            "authentication on"
        } else {
            "no authentication"
        }
    );
    use std::io::Write;
    let _ = std::io::stdout().flush();
    handle
        .wait()
        .map_err(|e| Failure::Open(e.message().to_string()))?;
    println!("plenary: server stopped");
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_is_loopback() {
        assert!(is_loopback("127.0.0.1:7687"));
        assert!(is_loopback("[::1]:7687"));
        assert!(!is_loopback("0.0.0.0:7687"));
    }
}
