//! Running scripts: split into statements, run them in order, print each
//! result as it finishes, stop at the first failure.

use std::io::{self, Write};
use std::time::Instant;

use plenary::output::{self, Format, TableOptions};
use plenary::script;
use plenary::{Database, Error, QueryResult};

use super::Params;

/// How results and errors are printed.
#[derive(Debug, Clone)]
pub struct Printer {
    /// The output format.
    pub format: Format,
    /// Table layout (its `footer` is ignored: [`Printer::timing`] decides).
    pub table: TableOptions,
    /// Add `in X ms` to table footers.
    pub timing: bool,
    /// Colour error messages (red kind).
    pub color: bool,
}

impl Printer {
    /// Prints one result.
    pub fn result(
        &self,
        out: &mut dyn Write,
        r: &QueryResult,
        elapsed: std::time::Duration,
    ) -> io::Result<()> {
        let table = TableOptions {
            footer: false,
            ..self.table.clone()
        };
        output::write_result(out, r, self.format, &table)?;
        if self.format == Format::Table {
            let shown = self.table.max_rows.map(|m| m.min(r.rows.len()));
            let footer = output::footer(r, shown, self.timing.then_some(elapsed));
            if self.color {
                writeln!(out, "\x1b[2m{footer}\x1b[0m")?;
            } else {
                writeln!(out, "{footer}")?;
            }
        }
        Ok(())
    }

    /// Prints an error whose span points into `source`.
    pub fn error(
        &self,
        out: &mut dyn Write,
        err: &Error,
        source: &str,
        name: Option<&str>,
    ) -> io::Result<()> {
        if self.color && self.format != Format::Jsonl {
            let text = err.render(source, name);
            let kind = err.kind().as_str();
            let text = match text.strip_prefix(kind) {
                Some(rest) => format!("\x1b[1;31m{kind}\x1b[0m{rest}"),
                None => text,
            };
            writeln!(out, "{text}")
        } else {
            output::write_error(out, err, source, name, self.format)
        }
    }
}

/// Runs every statement of `source` in order. Results go to `out`, flushed
/// after each statement; the first failure is printed (to `out` in jsonl, as
/// the contract wants, else to `err`) and ends the run with `Ok(false)`.
/// `name` names the source in error positions (`name:line:col`).
///
/// Inside an explicit transaction (`BEGIN` … `COMMIT`) results are held back
/// and written when the transaction ends: a printed result means a durable
/// statement (the jsonl contract).
pub fn run_source(
    db: &Database,
    source: &str,
    name: Option<&str>,
    params: &Params,
    printer: &Printer,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<bool> {
    let mut held: Vec<u8> = Vec::new();
    for stmt in script::split(source) {
        let start = Instant::now();
        match db.execute_with(stmt.text, params) {
            Ok(r) => {
                printer.result(&mut held, &r, start.elapsed())?;
                if !db.in_transaction() {
                    out.write_all(&held)?;
                    held.clear();
                    out.flush()?;
                }
            }
            Err(e) => {
                // a failure ends any transaction: what it held back is void
                held.clear();
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
