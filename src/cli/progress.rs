//! Progress bars for long scripts (`plenary run big.cypher`, `:source`).
//!
//! A bar is drawn on standard error only when it is a terminal, only for
//! scripts of at least [`MIN_STATEMENTS`] statements, and only once the run
//! has taken [`DELAY`]: quick scripts and pipes never see one. Results
//! printed meanwhile suspend the bar so the two never mix.

use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use plenary::output::Format;
use plenary::{Database, script};

use super::{Params, Printer};

/// Scripts with fewer statements get no bar.
pub const MIN_STATEMENTS: usize = 20;
/// A bar appears only after the run has taken this long.
pub const DELAY: Duration = Duration::from_millis(400);

/// A progress bar over the statements of a script that shows itself once
/// the work is slow enough (see the module docs).
#[derive(Debug)]
pub struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    shown: bool,
}

impl Progress {
    /// A bar for `total` statements of `name`; inert when standard error is
    /// not a terminal or the script is short.
    pub fn new(total: usize, name: &str) -> Progress {
        let wanted = total >= MIN_STATEMENTS && io::stderr().is_terminal();
        let bar = wanted.then(|| {
            let pb =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
            if let Ok(style) = ProgressStyle::with_template(
                "{msg} [{bar:30}] {pos}/{len} statements, {elapsed} (eta {eta})",
            ) {
                pb.set_style(style.progress_chars("=> "));
            }
            pb.set_message(name.to_string());
            pb
        });
        Progress {
            bar,
            started: Instant::now(),
            shown: false,
        }
    }

    /// One more statement done.
    pub fn inc(&mut self) {
        if let Some(pb) = &self.bar {
            if !self.shown && self.started.elapsed() >= DELAY {
                pb.set_draw_target(ProgressDrawTarget::stderr());
                self.shown = true;
            }
            pb.inc(1);
        }
    }

    /// Runs `f` (which prints) with the bar out of the way.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(pb) => pb.suspend(f),
            None => f(),
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(pb) = &self.bar {
            pb.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Runs every statement of `source` in order, printing each result as it
/// finishes, with a progress bar on a terminal for long scripts; stops at the
/// first failure (`Ok(false)`). Inside an explicit transaction (`BEGIN`)
/// results are held back until `COMMIT` has made them durable, so a
/// supervisor counting output lines counts only what was acknowledged.
pub fn run_source(
    db: &Database,
    source: &str,
    name: Option<&str>,
    params: &Params,
    printer: &Printer,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<bool> {
    let stmts = script::split(source);
    let mut progress = Progress::new(stmts.len(), name.unwrap_or("script"));
    let mut held: Vec<u8> = Vec::new();
    for stmt in stmts {
        let start = Instant::now();
        let result = db.execute_with(stmt.text, params);
        progress.inc();
        match result {
            Ok(r) => {
                if printer.format != Format::Jsonl && !r.notifications().is_empty() {
                    progress.suspend(|| printer.warnings(err, &r, source, stmt.offset, name))?;
                }
                printer.result(&mut held, &r, start.elapsed())?;
                if !db.in_transaction() {
                    progress.suspend(|| {
                        out.write_all(&held)?;
                        out.flush()
                    })?;
                    held.clear();
                }
            }
            Err(e) => {
                // a failure ends any transaction: what it held back is void
                held.clear();
                progress.finish();
                let e = e.shifted(stmt.offset);
                if printer.format == Format::Jsonl {
                    printer.error(out, &e, source, name)?;
                    out.flush()?;
                } else {
                    out.flush()?;
                    printer.error(err, &e, source, name)?;
                    err.flush()?;
                }
                return Ok(false);
            }
        }
    }
    Ok(true)
}
