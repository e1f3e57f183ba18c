//! Printing results and errors in the chosen format (the script loop itself
//! is `progress::run_source`).

use std::io::{self, Write};

use plenary::output::{self, Format, TableOptions};
use plenary::{Error, QueryResult};

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

    /// Prints a result's notifications as `warning:` lines, positioned in
    /// `source` (the statement starts at byte `offset` of it).
    pub fn warnings(
        &self,
        err: &mut dyn Write,
        r: &QueryResult,
        source: &str,
        offset: usize,
        name: Option<&str>,
    ) -> io::Result<()> {
        for n in r.notifications() {
            let mut n = n.clone();
            n.offset += offset;
            n.locate(source);
            let (line, col) = (n.line, n.column);
            let place = match name {
                Some(f) => format!("{f}:{line}:{col}"),
                None => format!("{line}:{col}"),
            };
            let text = format!("warning: {} ({place})", n.description);
            if self.color {
                writeln!(err, "\x1b[33m{text}\x1b[0m")?;
            } else {
                writeln!(err, "{text}")?;
            }
        }
        err.flush()
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
