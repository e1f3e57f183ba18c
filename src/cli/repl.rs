//! The interactive shell (REPL).
//!
//! [`ReplCore`] does everything that does not need a terminal: it collects
//! lines until a statement is complete ([`script::is_complete`]), handles the
//! meta-commands (`:help`, `:format`, `:param`, …) and says what to do next
//! as [`Event`]s. [`main`] is a thin rustyline loop around it (history,
//! prompts, Ctrl-C / Ctrl-D); when standard input is not a terminal the same
//! core reads it line by line without prompts, so `echo 'RETURN 1;' |
//! plenary` works too.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use plenary::output::{self, Format, TableOptions};
use plenary::{Database, script};
use rustyline::DefaultEditor;
use rustyline::error::ReadlineError;

use super::exec::{self, Printer};
use super::params::parse_json_value;
use super::{Failure, MAX_COL_WIDTH, Params};

/// The prompt for a new statement.
pub const PROMPT: &str = "plenary> ";
/// The prompt while a statement continues over several lines.
pub const CONTINUATION: &str = "   ...> ";

/// The meta-commands, for `:help` and "did you mean".
const COMMANDS: &[(&str, &str)] = &[
    (":help", "this help"),
    (":format table|csv|json|jsonl", "how results are printed"),
    (":timing on|off", "show how long each statement took"),
    (":max_rows N", "print at most N rows of a table (0: all)"),
    (":param NAME => JSON", "set the parameter $NAME"),
    (":params", "list the parameters"),
    (":clear params", "remove every parameter"),
    (":source FILE", "run the statements of a script file"),
    (":quit", "leave (Ctrl-D does too)"),
];

/// The shell's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// How results are printed.
    pub format: Format,
    /// Whether table footers say how long a statement took.
    pub timing: bool,
    /// Rows printed per table (`None`: all).
    pub max_rows: Option<usize>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            format: Format::Table,
            timing: true,
            max_rows: Some(100),
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

    /// Takes one line of input.
    pub fn feed(&mut self, line: &str) -> Vec<Event> {
        let trimmed = line.trim();
        if self.buffer.is_empty() {
            if trimmed.is_empty() {
                return Vec::new();
            }
            if trimmed.starts_with(':') {
                return self.command(trimmed);
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
    fn command(&mut self, line: &str) -> Vec<Event> {
        let (cmd, arg) = match line.split_once(char::is_whitespace) {
            Some((c, a)) => (c, a.trim()),
            None => (line, ""),
        };
        let event = match cmd {
            ":help" | ":h" | ":?" => Event::Print(help()),
            ":quit" | ":q" | ":exit" => Event::Quit,
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
                    self.settings.max_rows = None;
                    Event::Print("max_rows: all".into())
                }
                Ok(n) => {
                    self.settings.max_rows = Some(n);
                    Event::Print(format!("max_rows: {n}"))
                }
                Err(_) if arg.is_empty() => Event::Print(match self.settings.max_rows {
                    Some(n) => format!("max_rows: {n}"),
                    None => "max_rows: all".into(),
                }),
                Err(_) => Event::Error("usage: :max_rows N (0: all)".into()),
            },
            ":param" => self.param(arg),
            ":params" => Event::Print(self.list_params()),
            ":clear" if arg == "params" => {
                self.params.clear();
                Event::Print("parameters cleared".into())
            }
            ":clear" => Event::Error("usage: :clear params".into()),
            ":source" if arg.is_empty() => Event::Error("usage: :source FILE".into()),
            ":source" => Event::Source(PathBuf::from(arg)),
            _ => Event::Error(match did_you_mean(cmd) {
                Some(s) => format!("unknown command {cmd}; did you mean {s}? (:help lists them)"),
                None => format!("unknown command {cmd} (:help lists the commands)"),
            }),
        };
        vec![event]
    }

    fn param(&mut self, arg: &str) -> Event {
        let usage = "usage: :param NAME => JSON  (e.g. :param name => \"Syria\")";
        let Some((name, json)) = arg.split_once("=>") else {
            return Event::Error(usage.into());
        };
        let name = name.trim().trim_start_matches('$');
        if name.is_empty() {
            return Event::Error(usage.into());
        }
        match parse_json_value(json) {
            Ok(v) => {
                let shown = format!("${name} => {v}");
                self.params.insert(name.to_string(), v);
                Event::Print(shown)
            }
            Err(e) => Event::Error(format!("${name}: {e}")),
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

fn help() -> String {
    let mut s = String::from(
        "Type openCypher statements ending with ';' (they may span several lines).\n\
         Ctrl-C clears the current input, Ctrl-D leaves.\n\nCommands:\n",
    );
    for (cmd, what) in COMMANDS {
        s.push_str(&format!("  {cmd:<30} {what}\n"));
    }
    s.pop();
    s
}

/// The closest known command to `cmd`, if it is close enough to be a typo.
fn did_you_mean(cmd: &str) -> Option<&'static str> {
    COMMANDS
        .iter()
        .map(|(c, _)| c.split_whitespace().next().unwrap_or(c))
        .map(|c| (edit_distance(cmd, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3) || c.starts_with(cmd) && cmd.len() > 1)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
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

/// Runs the counting query and returns its single integer, if it works.
fn count(db: &Database, query: &str) -> Option<i64> {
    db.execute(query).ok()?.rows.first()?.first()?.as_int()
}

fn banner(db: &Database, graph: &str) -> String {
    let nodes = count(db, "MATCH (n) RETURN count(n)");
    let rels = count(db, "MATCH ()-[r]->() RETURN count(r)");
    let n = |c: Option<i64>| c.map_or("?".to_string(), |c| c.to_string());
    format!(
        "plenary {} — openCypher shell\n\
         Graph: {graph} ({} nodes, {} relationships)\n\
         End statements with ';'. :help for commands, :quit or Ctrl-D to leave.\n\
         Try:\n  MATCH (n) RETURN labels(n) AS labels, count(*) AS n ORDER BY n DESC;\n  \
         MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY n DESC;\n",
        env!("CARGO_PKG_VERSION"),
        n(nodes),
        n(rels)
    )
}

/// The shell's state around the core: the graph and how to print.
struct Shell {
    db: Database,
    core: ReplCore,
    color: bool,
}

impl Shell {
    fn printer(&self) -> Printer {
        Printer {
            format: self.core.settings.format,
            table: TableOptions {
                max_rows: self.core.settings.max_rows,
                max_col_width: MAX_COL_WIDTH,
                color: self.color,
                footer: true,
            },
            timing: self.core.settings.timing,
            color: self.color,
        }
    }

    /// Handles the events of one line; `Ok(false)` means quit.
    fn handle(&mut self, events: Vec<Event>, out: &mut dyn Write) -> io::Result<bool> {
        for event in events {
            match event {
                Event::Run(text) => self.run(&text, None, out)?,
                Event::Print(s) => writeln!(out, "{s}")?,
                Event::Error(s) => self.error(out, &s)?,
                Event::Source(path) => match std::fs::read_to_string(&path) {
                    Ok(text) => self.run(&text, Some(&path.display().to_string()), out)?,
                    Err(e) => self.error(out, &format!("cannot read {}: {e}", path.display()))?,
                },
                Event::Quit => return Ok(false),
            }
        }
        out.flush()?;
        Ok(true)
    }

    fn error(&self, out: &mut dyn Write, msg: &str) -> io::Result<()> {
        if self.color {
            writeln!(out, "\x1b[31m{msg}\x1b[0m")
        } else {
            writeln!(out, "{msg}")
        }
    }

    fn run(&mut self, text: &str, name: Option<&str>, out: &mut dyn Write) -> io::Result<()> {
        let printer = self.printer();
        // Errors go to the same stream as results, in order.
        let mut err = Vec::new();
        exec::run_source(
            &self.db,
            text,
            name,
            &self.core.params,
            &printer,
            out,
            &mut err,
        )?;
        out.write_all(&err)
    }
}

/// Runs the shell on `db` until the user leaves.
pub(super) fn main(db: Database, graph: String) -> Result<ExitCode, Failure> {
    let interactive = io::stdin().is_terminal();
    let mut shell = Shell {
        db,
        core: ReplCore::default(),
        color: super::use_color(),
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if !interactive {
        // Piped input: the same core, no prompts, no banner, no history.
        for line in io::stdin().lock().lines() {
            let line = line?;
            let events = shell.core.feed(&line);
            if !shell.handle(events, &mut out)? {
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
    let mut editor = DefaultEditor::new().map_err(|e| Failure::Io(io::Error::other(e)))?;
    let history = history_path();
    if let Some(path) = &history {
        let _ = std::fs::create_dir_all(path.parent().unwrap_or(path));
        let _ = editor.load_history(path);
    }
    loop {
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
                writeln!(out, "^C")?;
            }
            Err(ReadlineError::Eof) => break,
            Err(e) => {
                eprintln!("plenary: {e}");
                break;
            }
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
        core.feed(":max_rows 5");
        assert_eq!(core.settings.max_rows, Some(5));
        core.feed(":max_rows 0");
        assert_eq!(core.settings.max_rows, None);
        assert!(matches!(core.feed(":max_rows x")[..], [Event::Error(_)]));
        assert_eq!(core.feed(":quit"), vec![Event::Quit]);
        assert_eq!(core.feed("  :q  "), vec![Event::Quit]);
        assert!(
            matches!(&core.feed(":help")[..], [Event::Print(s)] if s.contains(":param NAME => JSON"))
        );
        assert_eq!(
            core.feed(":source a.cypher"),
            vec![Event::Source("a.cypher".into())]
        );
        assert!(matches!(core.feed(":source")[..], [Event::Error(_)]));
    }

    #[test]
    fn parameters() {
        let mut core = ReplCore::default();
        assert_eq!(
            core.feed(":param name => \"Syria\""),
            vec![Event::Print("$name => 'Syria'".into())]
        );
        core.feed(":param n => 1.5");
        core.feed(":param $xs=>[1, 2]");
        assert_eq!(core.params.get("name"), Some(&Value::from("Syria")));
        assert_eq!(core.params.get("n"), Some(&Value::Float(1.5)));
        assert_eq!(
            core.params.get("xs"),
            Some(&Value::List(vec![Value::Int(1), Value::Int(2)]))
        );
        assert_eq!(
            core.feed(":params"),
            vec![Event::Print(
                "$n => 1.5\n$name => \"Syria\"\n$xs => [1,2]".into()
            )]
        );
        assert!(matches!(core.feed(":param x => {")[..], [Event::Error(_)]));
        assert!(matches!(core.feed(":param x 1")[..], [Event::Error(_)]));
        core.feed(":clear params");
        assert!(core.params.is_empty());
        assert!(
            matches!(&core.feed(":params")[..], [Event::Print(s)] if s.starts_with("no parameters"))
        );
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
    fn distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "ab"), 2);
        assert_eq!(edit_distance(":fromat", ":format"), 2);
    }

    #[test]
    fn history_location() {
        // Only checks the shape; the environment is the test runner's.
        if let Some(p) = history_path() {
            assert!(p.ends_with("plenary/history"));
        }
    }
}
