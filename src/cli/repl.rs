//! The interactive shell (REPL).
//!
//! [`ReplCore`] does everything that needs neither a terminal nor the
//! graph: it collects lines until a statement is complete
//! ([`script::is_complete`]), parses the meta-commands (`:help`, `:format`,
//! `:param`, …) and says what to do next as [`Event`]s. [`Shell`] carries
//! the events out against the database, writing to any `Write` (so it is
//! tested without a terminal too): it runs statements, prints results with
//! a footer and a cut at a screenful, adds "did you mean" notes, evaluates
//! `:param` expressions, and answers `:schema`, `:why`, `:save`, `:source`.
//! [`main`] is a thin rustyline loop around both (history, completion,
//! highlighting, validation: see `editor.rs`); when standard input is not a
//! terminal the same core reads it line by line without prompts, so
//! `echo 'RETURN 1;' | plenary` works too.
//!
//! Ctrl-C clears the input being typed. While a statement runs it cannot
//! stop it (the library has no public cancellation handle yet): the
//! statement finishes, its result is not shown and the rest of the input is
//! skipped; the shell itself never dies of it.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use plenary::output::{self, Format, TableOptions};
use plenary::{CancelHandle, Database, QueryOptions, QueryResult, script};
use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{CompletionType, Config, Editor};

use super::complete::{self, DbInfo};
use super::editor::ShellHelper;
use super::exec::Printer;
use super::params::parse_json_value;
use super::progress::Progress;
use super::{Failure, MAX_COL_WIDTH, Params, help, inspect};

/// The prompt for a new statement.
pub const PROMPT: &str = "plenary> ";
/// The prompt while a statement continues over several lines.
pub const CONTINUATION: &str = "   ...> ";

/// How many rows a table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowLimit {
    /// As many as fit on the screen (all when not on a terminal).
    Screen,
    /// All of them.
    All,
    /// At most this many.
    Rows(usize),
}

/// The shell's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// How results are printed.
    pub format: Format,
    /// Whether table footers say how long a statement took.
    pub timing: bool,
    /// Rows printed per table.
    pub max_rows: RowLimit,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            format: Format::Table,
            timing: true,
            max_rows: RowLimit::Screen,
        }
    }
}

/// What the shell should do after a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Run these statements (a complete buffer; it may hold several).
    Run(String),
    /// Print this to standard output.
    Print(String),
    /// Print this as an error.
    Error(String),
    /// Run the statements of this file.
    Source(PathBuf),
    /// Write the last result to this file.
    Save(PathBuf),
    /// Set a parameter to the value of a Cypher expression (or JSON).
    Param {
        /// The name, without `$`.
        name: String,
        /// The expression text.
        expr: String,
    },
    /// Show (no argument) or set the statement limits (`timeout 30s`,
    /// `memory 2GiB`, `rows 1000`, each or `none`).
    Limits(String),
    /// Show the schema.
    Schema,
    /// Show the sources of the last result.
    Why,
    /// Run a full-text search (`:search WORDS`) and print the hits.
    Search(String),
    /// Leave the shell.
    Quit,
}

/// Line buffering, parameters and settings: the terminal-free part of the
/// shell.
#[derive(Debug, Default)]
pub struct ReplCore {
    /// Lines of the statement being typed.
    pub buffer: String,
    /// Parameters set with `:param`.
    pub params: Params,
    /// Settings changed with meta-commands.
    pub settings: Settings,
}

impl ReplCore {
    /// The prompt to show for the next line.
    pub fn prompt(&self) -> &'static str {
        if self.buffer.is_empty() {
            PROMPT
        } else {
            CONTINUATION
        }
    }

    /// Forgets the statement being typed (Ctrl-C).
    pub fn interrupt(&mut self) {
        self.buffer.clear();
    }

    /// Takes one line of input (it may hold several lines when the editor
    /// kept an open bracket going).
    pub fn feed(&mut self, line: &str) -> Vec<Event> {
        let trimmed = line.trim();
        if self.buffer.is_empty() {
            if trimmed.is_empty() {
                return Vec::new();
            }
            if trimmed.starts_with(':') {
                return vec![self.command(trimmed)];
            }
        }
        self.buffer.push_str(line);
        self.buffer.push('\n');
        if self.buffer.trim().is_empty() {
            self.buffer.clear();
        } else if script::is_complete(&self.buffer) {
            let text = std::mem::take(&mut self.buffer);
            return vec![Event::Run(text)];
        }
        Vec::new()
    }

    /// Handles a meta-command line (starting with `:`).
    fn command(&mut self, line: &str) -> Event {
        let (cmd, arg) = match line.split_once(char::is_whitespace) {
            Some((c, a)) => (c, a.trim()),
            None => (line, ""),
        };
        match cmd {
            ":help" | ":h" | ":?" => match help::topic(arg) {
                Ok(s) => Event::Print(s),
                Err(e) => Event::Error(e),
            },
            ":quit" | ":q" | ":exit" => Event::Quit,
            ":schema" => Event::Schema,
            ":why" => Event::Why,
            ":search" if arg.is_empty() => Event::Error(
                "usage: :search WORDS (a full-text query: peacekeep*, \"human rights\", veto AND russia)"
                    .into(),
            ),
            ":search" => Event::Search(arg.to_string()),
            ":format" if arg.is_empty() => {
                Event::Print(format!("format: {}", self.settings.format))
            }
            ":format" => match arg.parse::<Format>() {
                Ok(f) => {
                    self.settings.format = f;
                    Event::Print(format!("format: {f}"))
                }
                Err(e) => Event::Error(e),
            },
            ":timing" => match arg {
                "on" => {
                    self.settings.timing = true;
                    Event::Print("timing: on".into())
                }
                "off" => {
                    self.settings.timing = false;
                    Event::Print("timing: off".into())
                }
                "" => Event::Print(format!(
                    "timing: {}",
                    if self.settings.timing { "on" } else { "off" }
                )),
                _ => Event::Error("usage: :timing on|off".into()),
            },
            ":max_rows" => match arg.parse::<usize>() {
                Ok(0) => {
                    self.settings.max_rows = RowLimit::All;
                    Event::Print("max_rows: all".into())
                }
                Ok(n) => {
                    self.settings.max_rows = RowLimit::Rows(n);
                    Event::Print(format!("max_rows: {n}"))
                }
                Err(_) if arg.is_empty() => Event::Print(match self.settings.max_rows {
                    RowLimit::Rows(n) => format!("max_rows: {n}"),
                    RowLimit::All => "max_rows: all".into(),
                    RowLimit::Screen => "max_rows: a screenful".into(),
                }),
                Err(_) => Event::Error("usage: :max_rows N (0: all)".into()),
            },
            ":param" => {
                let usage = "usage: :param NAME => EXPR  (e.g. :param name => 'Syria')";
                let Some((name, expr)) = arg.split_once("=>") else {
                    return Event::Error(usage.into());
                };
                let name = name.trim().trim_start_matches('$');
                if name.is_empty() || expr.trim().is_empty() {
                    return Event::Error(usage.into());
                }
                Event::Param {
                    name: name.to_string(),
                    expr: expr.trim().to_string(),
                }
            }
            ":limits" => Event::Limits(arg.to_string()),
            ":params" => Event::Print(self.list_params()),
            ":clear" if arg == "params" => {
                self.params.clear();
                Event::Print("parameters cleared".into())
            }
            ":clear" => Event::Error("usage: :clear params".into()),
            ":source" if arg.is_empty() => Event::Error("usage: :source FILE".into()),
            ":source" => Event::Source(PathBuf::from(arg)),
            ":save" if arg.is_empty() => Event::Error("usage: :save FILE".into()),
            ":save" => Event::Save(PathBuf::from(arg)),
            _ => Event::Error(match help::did_you_mean_command(cmd) {
                Some(s) => format!("unknown command {cmd}; did you mean {s}? (:help lists them)"),
                None => format!("unknown command {cmd} (:help lists the commands)"),
            }),
        }
    }

    fn list_params(&self) -> String {
        if self.params.is_empty() {
            return "no parameters (set one with :param NAME => JSON)".into();
        }
        self.params
            .iter()
            .map(|(k, v)| format!("${k} => {}", output::value_to_json(v)))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Where the history lives: `$XDG_DATA_HOME/plenary/history`, else
/// `~/.local/share/plenary/history`.
fn history_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".local/share"))
        })?;
    Some(base.join("plenary").join("history"))
}

/// The greeting: version, what is loaded, two queries to try.
pub fn banner(db: &Database, graph: &str) -> String {
    format!(
        "plenary {} — openCypher shell\n\
         Graph: {graph} ({} nodes, {} relationships)\n\
         End statements with ';'. Tab completes, :help explains, :quit or Ctrl-D leaves.\n\
         Try:\n  MATCH (c:Country)-[v:VETOED]->(r:Resolution) RETURN c.name, r.name;\n  \
         MATCH (p:Person)-[:SAID]->(s:Statement) RETURN p.name, s.text LIMIT 3;  then :why\n",
        env!("CARGO_PKG_VERSION"),
        db.node_count(),
        db.relationship_count(),
    )
}

/// Table rows that fit on a screen of `height` lines (borders, header and
/// footer take the rest).
pub fn rows_for_height(height: usize) -> usize {
    height.saturating_sub(8).max(5)
}

/// The shell: the core, the graph, and how to print.
pub struct Shell {
    /// The graph.
    pub db: Database,
    /// Lines, settings, parameters.
    pub core: ReplCore,
    /// Completion answers (cleared after every statement).
    pub info: Rc<DbInfo>,
    /// Colour output.
    pub color: bool,
    /// Lines available for a table (`None`: not a terminal, no cut).
    pub screen_rows: Option<usize>,
    /// The last result, for `:why` and `:save`.
    pub last: Option<QueryResult>,
    /// Set by Ctrl-C while a statement runs.
    pub interrupted: Arc<AtomicBool>,
    /// Raised by Ctrl-C too: the running statement stops and rolls back.
    pub cancel: CancelHandle,
}

impl Shell {
    /// A shell on `db` (no colours, no screen limit: adjust the fields).
    pub fn new(db: Database) -> Shell {
        Shell {
            info: Rc::new(DbInfo::new(db.clone())),
            db,
            core: ReplCore::default(),
            color: false,
            screen_rows: None,
            last: None,
            interrupted: Arc::new(AtomicBool::new(false)),
            cancel: CancelHandle::new(),
        }
    }

    fn max_rows(&self) -> Option<usize> {
        match self.core.settings.max_rows {
            RowLimit::All => None,
            RowLimit::Rows(n) => Some(n),
            RowLimit::Screen => self.screen_rows,
        }
    }

    fn printer(&self) -> Printer {
        Printer {
            format: self.core.settings.format,
            table: TableOptions {
                max_rows: self.max_rows(),
                max_col_width: MAX_COL_WIDTH,
                color: self.color,
                footer: true,
            },
            timing: self.core.settings.timing,
            color: self.color,
        }
    }

    /// Feeds one line and carries out its events; `Ok(false)` means quit.
    pub fn line(&mut self, line: &str, out: &mut dyn Write) -> io::Result<bool> {
        let events = self.core.feed(line);
        self.handle(events, out)
    }

    /// Carries out events; `Ok(false)` means quit.
    pub fn handle(&mut self, events: Vec<Event>, out: &mut dyn Write) -> io::Result<bool> {
        for event in events {
            match event {
                Event::Run(text) => {
                    self.run(&text, None, out)?;
                }
                Event::Print(s) => writeln!(out, "{s}")?,
                Event::Error(s) => self.error(out, &s)?,
                Event::Source(path) => match std::fs::read_to_string(&path) {
                    Ok(text) => {
                        self.run(&text, Some(&path.display().to_string()), out)?;
                    }
                    Err(e) => self.error(out, &format!("cannot read {}: {e}", path.display()))?,
                },
                Event::Save(path) => match self.save(&path) {
                    Ok(s) => writeln!(out, "{s}")?,
                    Err(e) => self.error(out, &e)?,
                },
                Event::Param { name, expr } => match self.param(&name, &expr) {
                    Ok(s) => writeln!(out, "{s}")?,
                    Err(e) => self.error(out, &e)?,
                },
                Event::Limits(arg) => match self.limits(&arg) {
                    Ok(s) => writeln!(out, "{s}")?,
                    Err(e) => self.error(out, &e)?,
                },
                Event::Schema => match inspect::schema(&self.db) {
                    Ok(s) => writeln!(out, "{s}")?,
                    Err(e) => self.error(out, &e)?,
                },
                Event::Why => match inspect::why(&self.db, self.last.as_ref()) {
                    Ok(s) => writeln!(out, "{s}")?,
                    Err(e) => self.error(out, &e)?,
                },
                Event::Search(words) => match inspect::search(&self.db, &words) {
                    Ok(s) => writeln!(out, "{s}")?,
                    Err(e) => self.error(out, &e)?,
                },
                Event::Quit => return Ok(false),
            }
        }
        out.flush()?;
        Ok(true)
    }

    /// `:limits`: sets one limit when asked, then says all three.
    fn limits(&mut self, arg: &str) -> Result<String, String> {
        let usage = "usage: :limits [timeout DUR|memory SIZE|rows N] (each may be none)";
        let mut words = arg.split_whitespace();
        if let Some(what) = words.next() {
            let value = words.next().ok_or(usage)?;
            if words.next().is_some() {
                return Err(usage.into());
            }
            let none = value.eq_ignore_ascii_case("none");
            match what {
                "timeout" => self.db.set_timeout(if none {
                    None
                } else {
                    Some(super::params::parse_duration(value)?)
                }),
                "memory" | "max_memory" => self.db.set_max_memory(if none {
                    None
                } else {
                    Some(plenary::parse_bytes(value)?)
                }),
                "rows" | "max_rows" => self.db.set_max_rows(if none {
                    None
                } else {
                    Some(value.parse().map_err(|_| usage.to_string())?)
                }),
                _ => return Err(usage.into()),
            }
        }
        let or_none = |v: Option<String>| v.unwrap_or_else(|| "none".into());
        Ok(format!(
            "timeout: {}; memory: {}; rows: {}",
            or_none(self.db.timeout().map(|t| format!("{t:?}"))),
            or_none(self.db.max_memory().map(plenary::human_bytes)),
            or_none(self.db.max_rows().map(|n| n.to_string())),
        ))
    }

    fn error(&self, out: &mut dyn Write, msg: &str) -> io::Result<()> {
        if self.color {
            writeln!(out, "\x1b[31m{msg}\x1b[0m")
        } else {
            writeln!(out, "{msg}")
        }
    }

    fn note(&self, out: &mut dyn Write, msg: &str) -> io::Result<()> {
        if self.color {
            writeln!(out, "\x1b[2m{msg}\x1b[0m")
        } else {
            writeln!(out, "{msg}")
        }
    }

    /// `:param NAME => EXPR`: evaluates `RETURN EXPR` (with the current
    /// parameters); text that is no Cypher but valid JSON is taken as JSON.
    fn param(&mut self, name: &str, expr: &str) -> Result<String, String> {
        let value = match self
            .db
            .execute_with(&format!("RETURN {expr} AS v"), &self.core.params)
        {
            Ok(r) if r.rows.len() == 1 => r.rows[0][0].clone(),
            Ok(_) => return Err(format!("${name}: the expression gave no single value")),
            Err(e) => match parse_json_value(expr) {
                Ok(v) => v,
                Err(_) => return Err(format!("${name}: {}", e.render(expr, None))),
            },
        };
        let shown = format!("${name} => {value}");
        self.core.params.insert(name.to_string(), value);
        self.info
            .set_params(self.core.params.keys().cloned().collect());
        Ok(shown)
    }

    /// `:save FILE`: the last result in the format the extension names
    /// (else the current format).
    fn save(&self, path: &Path) -> Result<String, String> {
        let Some(r) = &self.last else {
            return Err("no result to save yet".into());
        };
        let format = path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(|e| e.parse::<Format>().ok())
            .unwrap_or(self.core.settings.format);
        let mut buf = Vec::new();
        output::write_result(&mut buf, r, format, &TableOptions::default())
            .map_err(|e| e.to_string())?;
        std::fs::write(path, buf).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(format!(
            "saved {} rows to {} ({format})",
            r.rows.len(),
            path.display()
        ))
    }

    /// Runs the statements of `text`, printing each result; stops at the
    /// first error or Ctrl-C. `name` names a script file. Returns whether
    /// every statement ran.
    pub fn run(&mut self, text: &str, name: Option<&str>, out: &mut dyn Write) -> io::Result<bool> {
        let printer = self.printer();
        let stmts = script::split(text);
        let mut progress = Progress::new(stmts.len(), name.unwrap_or("input"));
        self.interrupted.store(false, Ordering::SeqCst);
        self.cancel.reset();
        for stmt in stmts {
            let start = Instant::now();
            let params = plenary::Params::from(self.core.params.clone());
            let result = self.db.execute_opts(
                stmt.text,
                params,
                &QueryOptions::default().cancel(&self.cancel),
            );
            let elapsed = start.elapsed();
            progress.inc();
            // The graph may have changed: forget cached completions.
            self.info.invalidate();
            if self.interrupted.swap(false, Ordering::SeqCst) {
                progress.finish();
                let what = match &result {
                    Err(e) if e.kind() == plenary::ErrorKind::Cancelled => {
                        "interrupted: the statement was cancelled and rolled back (the graph is as it was)"
                    }
                    _ => "interrupted: the statement had already finished; its result is not shown",
                };
                self.error(out, &format!("{what}; the rest of the input was skipped"))?;
                return Ok(false);
            }
            match result {
                Ok(r) => {
                    progress.suspend(|| -> io::Result<()> {
                        printer.result(out, &r, elapsed)?;
                        self.after_result(&r, &printer, out)?;
                        out.flush()
                    })?;
                    self.last = Some(r);
                }
                Err(e) => {
                    progress.finish();
                    let e = e.shifted(stmt.offset);
                    printer.error(out, &e, text, name)?;
                    for hint in complete::name_hints(stmt.text, self.info.as_ref()) {
                        self.note(out, &format!("hint: {hint}"))?;
                    }
                    out.flush()?;
                    return Ok(false);
                }
            }
        }
        Ok(true)
    }

    /// Notes under a result: how to see the rows that were cut, and the
    /// statement's notifications ("did you mean" for unknown names).
    fn after_result(
        &self,
        r: &QueryResult,
        printer: &Printer,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        if printer.format != Format::Table {
            return Ok(());
        }
        if let Some(max) = printer.table.max_rows
            && r.rows.len() > max
        {
            self.note(
                out,
                &format!(
                    "{} more rows not shown: `:max_rows 0` shows all, `:max_rows N` sets the limit, \
                     `:save FILE` writes them all",
                    r.rows.len() - max
                ),
            )?;
        }
        for n in r.notifications() {
            self.note(out, &format!("hint: {}", n.description))?;
        }
        Ok(())
    }
}

/// The terminal's height in lines, when stdout is a terminal.
fn screen_height() -> Option<usize> {
    let term = console::Term::stdout();
    term.size_checked().map(|(rows, _)| rows as usize)
}

/// Runs the shell on `db` until the user leaves.
pub(super) fn main(db: Database, graph: String) -> Result<ExitCode, Failure> {
    let interactive = io::stdin().is_terminal();
    let mut shell = Shell::new(db);
    shell.color = super::use_color();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if !interactive {
        // Piped input: the same core, no prompts, no banner, no history.
        for line in io::stdin().lock().lines() {
            let line = line?;
            if !shell.line(&line, &mut out)? {
                return Ok(ExitCode::SUCCESS);
            }
        }
        // A last statement without its ';' still runs.
        let rest = std::mem::take(&mut shell.core.buffer);
        if !rest.trim().is_empty() {
            shell.handle(vec![Event::Run(rest)], &mut out)?;
        }
        return Ok(ExitCode::SUCCESS);
    }

    write!(out, "{}", banner(&shell.db, &graph))?;
    out.flush()?;
    let config = Config::builder()
        .completion_type(CompletionType::List)
        .auto_add_history(false)
        .history_ignore_dups(true)
        .map_err(|e| Failure::Io(io::Error::other(e)))?
        .max_history_size(10_000)
        .map_err(|e| Failure::Io(io::Error::other(e)))?
        .build();
    let mut editor: Editor<ShellHelper, DefaultHistory> =
        Editor::with_config(config).map_err(|e| Failure::Io(io::Error::other(e)))?;
    editor.set_helper(Some(ShellHelper::new(shell.info.clone(), shell.color)));
    // Ctrl-C while a statement runs cancels it (the engine checks the flag
    // and rolls the statement back) and never kills the shell; while typing,
    // rustyline reads it as a key. rustyline installs its own SIGINT handler
    // when the editor is created, so ours goes in after it.
    {
        let flag = shell.interrupted.clone();
        let cancel = shell.cancel.clone();
        let _ = ctrlc::set_handler(move || {
            flag.store(true, Ordering::SeqCst);
            cancel.cancel();
        });
    }
    let history = history_path();
    if let Some(path) = &history {
        let _ = std::fs::create_dir_all(path.parent().unwrap_or(path));
        let _ = editor.load_history(path);
    }
    loop {
        shell.screen_rows = screen_height().map(rows_for_height);
        if let Some(h) = editor.helper_mut() {
            *h.pending.borrow_mut() = shell.core.buffer.clone();
        }
        match editor.readline(shell.core.prompt()) {
            Ok(line) => {
                let events = shell.core.feed(&line);
                for e in &events {
                    let entry = match e {
                        Event::Run(text) => text.trim(),
                        _ => line.trim(),
                    };
                    if !entry.is_empty() {
                        let _ = editor.add_history_entry(entry);
                    }
                }
                if !shell.handle(events, &mut out)? {
                    break;
                }
            }
            Err(ReadlineError::Interrupted) => {
                shell.core.interrupt();
                writeln!(out, "^C (input cleared; Ctrl-D or :quit leaves)")?;
            }
            Err(ReadlineError::Eof) => break,
            Err(e) => {
                eprintln!("plenary: {e}");
                break;
            }
        }
        if let Some(path) = &history {
            let _ = editor.save_history(path);
        }
    }
    if let Some(path) = &history {
        let _ = editor.save_history(path);
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use plenary::Value;

    fn feed_all(core: &mut ReplCore, lines: &[&str]) -> Vec<Event> {
        lines.iter().flat_map(|l| core.feed(l)).collect()
    }

    #[test]
    fn statements_span_lines() {
        let mut core = ReplCore::default();
        assert_eq!(core.prompt(), PROMPT);
        assert!(core.feed("MATCH (n)").is_empty());
        assert_eq!(core.prompt(), CONTINUATION);
        assert!(core.feed("RETURN 'a;").is_empty(), "inside a string");
        assert_eq!(
            core.feed("' AS s;"),
            vec![Event::Run("MATCH (n)\nRETURN 'a;\n' AS s;\n".into())]
        );
        assert_eq!(core.prompt(), PROMPT);
        assert!(core.buffer.is_empty());
        // The editor may hand over several lines at once.
        assert_eq!(core.feed("MATCH (n\n) RETURN n // ;"), Vec::<Event>::new());
        assert_eq!(core.feed(";").len(), 1);
    }

    #[test]
    fn blank_lines_and_interrupts() {
        let mut core = ReplCore::default();
        assert!(core.feed("   ").is_empty());
        assert_eq!(core.prompt(), PROMPT);
        core.feed("MATCH (n");
        core.interrupt();
        assert_eq!(core.prompt(), PROMPT);
        assert_eq!(
            core.feed("RETURN 1; RETURN 2;"),
            vec![Event::Run("RETURN 1; RETURN 2;\n".into())]
        );
    }

    #[test]
    fn colon_lines_inside_a_statement_are_text() {
        let mut core = ReplCore::default();
        core.feed("RETURN {a");
        assert_eq!(
            core.feed(":1};"),
            vec![Event::Run("RETURN {a\n:1};\n".into())]
        );
    }

    #[test]
    fn settings_commands() {
        let mut core = ReplCore::default();
        assert_eq!(
            core.feed(":format csv"),
            vec![Event::Print("format: csv".into())]
        );
        assert_eq!(core.settings.format, Format::Csv);
        assert!(matches!(core.feed(":format xml")[..], [Event::Error(_)]));
        assert_eq!(core.settings.format, Format::Csv);
        core.feed(":timing off");
        assert!(!core.settings.timing);
        core.feed(":timing on");
        assert!(core.settings.timing);
        assert!(matches!(core.feed(":timing maybe")[..], [Event::Error(_)]));
        assert_eq!(core.settings.max_rows, RowLimit::Screen);
        core.feed(":max_rows 5");
        assert_eq!(core.settings.max_rows, RowLimit::Rows(5));
        core.feed(":max_rows 0");
        assert_eq!(core.settings.max_rows, RowLimit::All);
        assert!(matches!(core.feed(":max_rows x")[..], [Event::Error(_)]));
        assert_eq!(core.feed(":quit"), vec![Event::Quit]);
        assert_eq!(core.feed("  :q  "), vec![Event::Quit]);
        assert!(
            matches!(&core.feed(":help")[..], [Event::Print(s)] if s.contains(":param NAME => EXPR"))
        );
        assert!(
            matches!(&core.feed(":help MERGE")[..], [Event::Print(s)] if s.starts_with("MERGE"))
        );
        assert!(
            matches!(&core.feed(":help mrege")[..], [Event::Error(s)] if s.contains("did you mean :help MERGE"))
        );
        assert_eq!(
            core.feed(":source a.cypher"),
            vec![Event::Source("a.cypher".into())]
        );
        assert!(matches!(core.feed(":source")[..], [Event::Error(_)]));
        assert_eq!(core.feed(":save x.csv"), vec![Event::Save("x.csv".into())]);
        assert_eq!(core.feed(":schema"), vec![Event::Schema]);
        assert_eq!(core.feed(":why"), vec![Event::Why]);
        assert_eq!(
            core.feed(":search peace talks"),
            vec![Event::Search("peace talks".into())]
        );
        assert!(matches!(core.feed(":search")[..], [Event::Error(_)]));
    }

    #[test]
    fn unknown_commands_suggest() {
        let mut core = ReplCore::default();
        let ev = feed_all(&mut core, &[":fromat json"]);
        assert!(
            matches!(&ev[..], [Event::Error(s)] if s.contains("did you mean :format?")),
            "{ev:?}"
        );
        let ev = core.feed(":param");
        assert!(
            matches!(&ev[..], [Event::Error(s)] if s.starts_with("usage")),
            "{ev:?}"
        );
        let ev = core.feed(":parms");
        assert!(
            matches!(&ev[..], [Event::Error(s)] if s.contains("did you mean :param")),
            "{ev:?}"
        );
        let ev = core.feed(":xyzzyplugh");
        assert!(
            matches!(&ev[..], [Event::Error(s)] if !s.contains("did you mean")),
            "{ev:?}"
        );
    }

    #[test]
    fn history_location() {
        // Only checks the shape; the environment is the test runner's.
        if let Some(p) = history_path() {
            assert!(p.ends_with("plenary/history"));
        }
    }

    fn shell() -> Shell {
        Shell::new(Database::bundled().unwrap())
    }

    fn run(shell: &mut Shell, lines: &[&str]) -> String {
        let mut out = Vec::new();
        for l in lines {
            shell.line(l, &mut out).unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn parameters_are_cypher_expressions() {
        let mut sh = shell();
        assert_eq!(
            run(&mut sh, &[":param name => 'Syria'"]),
            "$name => 'Syria'\n"
        );
        assert_eq!(
            run(&mut sh, &[":param name => \"Syria\""]),
            "$name => 'Syria'\n"
        );
        run(
            &mut sh,
            &[":param d => date('2012-02-16')", ":param xs => [1, 1 + 1]"],
        );
        run(&mut sh, &[":param m => {\"a\": 1}"]); // JSON, not Cypher
        run(&mut sh, &[":param n => size($xs)"]); // sees earlier parameters
        let p = &sh.core.params;
        assert_eq!(p.get("name"), Some(&Value::from("Syria")));
        assert!(matches!(p.get("d"), Some(Value::Date(_))));
        assert_eq!(
            p.get("xs"),
            Some(&Value::List(vec![Value::Int(1), Value::Int(2)]))
        );
        assert!(matches!(p.get("m"), Some(Value::Map(_))));
        assert_eq!(p.get("n"), Some(&Value::Int(2)));
        let err = run(&mut sh, &[":param x => nosuch(1)"]);
        assert!(err.starts_with("$x: SyntaxError"), "{err}");
        let out = run(
            &mut sh,
            &[
                ":format csv",
                "MATCH (c:Country {name: $name}) RETURN c.code;",
            ],
        );
        assert!(out.ends_with("c.code\nSY\n"), "{out}");
        run(&mut sh, &[":clear params"]);
        assert!(sh.core.params.is_empty());
    }

    #[test]
    fn limits_are_shown_and_set() {
        let mut sh = shell();
        sh.core.settings.timing = false;
        let out = run(&mut sh, &[":limits"]);
        assert!(out.starts_with("timeout: none; memory: "), "{out}");
        let out = run(&mut sh, &[":limits memory 1MiB", ":limits timeout 5s"]);
        assert!(
            out.contains("timeout: 5s; memory: 1 MiB; rows: none"),
            "{out}"
        );
        let out = run(
            &mut sh,
            &["UNWIND range(1, 1000000) AS x RETURN size(collect(x));"],
        );
        assert!(out.contains("needed more than 1 MiB"), "{out}");
        let out = run(&mut sh, &[":limits memory none", ":limits rows 2"]);
        assert!(
            out.ends_with("timeout: 5s; memory: none; rows: 2\n"),
            "{out}"
        );
        let out = run(&mut sh, &[":limits memory lots"]);
        assert!(out.contains("invalid size"), "{out}");
        let out = run(&mut sh, &[":limits speed 3"]);
        assert!(out.contains("usage: :limits"), "{out}");
    }

    #[test]
    fn results_are_cut_at_a_screenful() {
        let mut sh = shell();
        sh.core.settings.timing = false;
        sh.screen_rows = Some(5);
        let out = run(&mut sh, &["MATCH (s:Sentence) RETURN s.id;"]);
        assert!(out.contains("18 rows (5 shown)"), "{out}");
        assert!(
            out.contains("13 more rows not shown: `:max_rows 0` shows all"),
            "{out}"
        );
        let out = run(&mut sh, &[":max_rows 0", "MATCH (s:Sentence) RETURN s.id;"]);
        assert!(
            out.contains("18 rows\n") && !out.contains("not shown"),
            "{out}"
        );
        sh.core.settings.timing = true;
        let out = run(&mut sh, &["RETURN 1 AS x;"]);
        assert!(out.contains("1 row in "), "{out}");
    }

    #[test]
    fn errors_and_hints() {
        let mut sh = shell();
        let out = run(&mut sh, &["MATCH (c:Contry) RETURN c;"]);
        assert!(
            out.contains("hint: the graph has no label :Contry; did you mean :Country?"),
            "{out}"
        );
        let out = run(&mut sh, &["MACTH (n) RETURN n;"]);
        assert!(out.starts_with("SyntaxError"), "{out}");
        assert!(out.contains("^"), "{out}");
        assert!(out.contains("did you mean MATCH?"), "{out}");
        // An error stops the rest of the input.
        let out = run(&mut sh, &["RETURN 1 AS a; RETURN nope; RETURN 3 AS c;"]);
        assert!(out.contains("│ a ") && !out.contains("│ c "), "{out}");
    }

    #[test]
    fn why_save_and_schema() {
        let mut sh = shell();
        let out = run(&mut sh, &[":why"]);
        assert!(out.starts_with("no result yet"), "{out}");
        run(
            &mut sh,
            &["MATCH (:Country {code: 'CN'})-[v:VETOED]->() RETURN v;"],
        );
        let out = run(&mut sh, &[":why"]);
        assert!(
            out.starts_with("(:Country {name: 'China'})-[:VETOED]->"),
            "{out}"
        );
        let dir = std::env::temp_dir().join(format!("plenary-repl-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("v.jsonl");
        let out = run(&mut sh, &[&format!(":save {}", file.display())]);
        assert!(out.starts_with("saved 1 rows"), "{out}");
        assert!(
            std::fs::read_to_string(&file)
                .unwrap()
                .starts_with("{\"columns\":[\"v\"]")
        );
        let script = dir.join("s.cypher");
        std::fs::write(
            &script,
            "CREATE (:Tmp {name: 'x'});\nMATCH (t:Tmp) RETURN t.name;",
        )
        .unwrap();
        let out = run(&mut sh, &[&format!(":source {}", script.display())]);
        assert!(out.contains("│ 'x'"), "{out}");
        // The completion cache saw the new label.
        assert!(complete::GraphInfo::labels(sh.info.as_ref()).contains(&"Tmp".to_string()));
        let out = run(&mut sh, &[":schema"]);
        assert!(out.contains(":Tmp"), "{out}");
        let out = run(&mut sh, &[":search peacekeepers"]);
        assert!(
            out.contains("3 hits for \"peacekeepers\" in `search`"),
            "{out}"
        );
        assert!(
            out.contains(" 1. Statement st-s10  (score 1.140)\n    “a UN Security Council resolution would be required to send any UN peacekeepers to Syria”\n    said by Gennady Gatilov; sources s10\n"),
            "{out}"
        );
        assert!(out.contains("Sentence s9"), "{out}");
        assert!(out.contains("paragraph 8"), "{out}");
        let out = run(&mut sh, &[":search peace AND (war"]);
        assert!(out.contains("this '(' is never closed"), "{out}");
        let out = run(&mut sh, &[":search zzyzx"]);
        assert!(out.contains("no hits"), "{out}");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn banner_says_what_is_loaded() {
        let b = banner(&Database::bundled().unwrap(), "bundled knowledge graph");
        assert!(b.contains("(68 nodes, 251 relationships)"), "{b}");
        assert!(b.contains(env!("CARGO_PKG_VERSION")));
        assert_eq!(b.matches(';').count(), 3, "two example queries: {b}");
    }
}
