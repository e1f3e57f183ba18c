//! The rustyline glue: one [`ShellHelper`] that completes ([`complete`]),
//! highlights ([`highlight`]), hints from history (rustyline's
//! `HistoryHinter`) and validates (an open bracket, string or comment keeps
//! Enter inserting a new line instead of submitting).
//!
//! The helper knows the statement's earlier lines (`pending`), so that a
//! label, variable or open string from a previous line is understood.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hinter, HistoryHinter};
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Context, Helper};

use super::complete::{self, CompletionContext, DbInfo};
use super::highlight;
use super::lex;

/// Everything rustyline asks the shell while a line is edited.
pub struct ShellHelper {
    /// Answers from the graph (shared with the shell, which invalidates it).
    pub info: Rc<DbInfo>,
    /// The statement's lines typed so far (empty at the main prompt).
    pub pending: RefCell<String>,
    /// Whether to colour.
    pub color: bool,
    files: FilenameCompleter,
    hinter: HistoryHinter,
    brackets: Cell<bool>,
}

impl ShellHelper {
    /// A helper over `info`.
    pub fn new(info: Rc<DbInfo>, color: bool) -> ShellHelper {
        ShellHelper {
            info,
            pending: RefCell::new(String::new()),
            color,
            files: FilenameCompleter::new(),
            hinter: HistoryHinter::new(),
            brackets: Cell::new(false),
        }
    }
}

/// Whether Enter should submit `input` (typed after the lines `pending`).
pub fn ready(pending: &str, input: &str) -> bool {
    if pending.is_empty() && input.trim_start().starts_with(':') {
        return true;
    }
    !lex::needs_more(&format!("{pending}{input}"))
}

impl Completer for ShellHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let pending = self.pending.borrow();
        let text = format!("{pending}{line}");
        let c = complete::context(&text, pending.len() + pos);
        if c.context == CompletionContext::Path {
            return self.files.complete(line, pos, ctx);
        }
        if c.start < pending.len() {
            return Ok((pos, Vec::new()));
        }
        let pairs = complete::candidates(&c, self.info.as_ref())
            .into_iter()
            .map(|c| Pair {
                display: c.display,
                replacement: c.replacement,
            })
            .collect();
        Ok((c.start - pending.len(), pairs))
    }
}

impl Hinter for ShellHelper {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<String> {
        if line.is_empty() {
            return None;
        }
        self.hinter.hint(line, pos, ctx)
    }
}

impl Highlighter for ShellHelper {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        if !self.color {
            return Cow::Borrowed(line);
        }
        let pending = self.pending.borrow();
        let cursor = self.brackets.get().then_some(pos);
        Cow::Owned(highlight::highlight(&pending, line, cursor))
    }

    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(
        &'s self,
        prompt: &'p str,
        _default: bool,
    ) -> Cow<'b, str> {
        if self.color {
            Cow::Owned(format!("\x1b[1;32m{prompt}\x1b[0m"))
        } else {
            Cow::Borrowed(prompt)
        }
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.color {
            Cow::Owned(format!("\x1b[2m{hint}\x1b[0m"))
        } else {
            Cow::Borrowed(hint)
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, kind: CmdKind) -> bool {
        // Re-highlight on every change; show the matching bracket except on
        // the final refresh (after Enter).
        self.brackets.set(kind != CmdKind::ForcedRefresh);
        self.color
    }
}

impl Validator for ShellHelper {
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        let pending = self.pending.borrow();
        Ok(if ready(&pending, ctx.input()) {
            ValidationResult::Valid(None)
        } else {
            ValidationResult::Incomplete
        })
    }
}

impl Helper for ShellHelper {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enter_submits_only_balanced_input() {
        assert!(ready("", "MATCH (n) RETURN n"));
        assert!(ready("", "MATCH (n)"), "the core waits for ';'");
        assert!(!ready("", "MATCH (n"));
        assert!(!ready("", "RETURN 'a;"));
        assert!(!ready("MATCH (n\n", "WHERE n.x = 1"));
        assert!(ready("MATCH (n\n", ")"));
        assert!(ready("", ":help ("), "commands are one line");
        assert!(!ready("RETURN [\n", ":x"));
    }
}
