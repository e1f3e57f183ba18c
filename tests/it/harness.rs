//! The data-driven query-file harness: parses `.cypher` case files, runs
//! every statement against a fresh database (optimized, unoptimized, and
//! optimized with every layout forced on),
//! compares outcomes with the `// @expect` comments, collects every failure
//! and, with `UPDATE_EXPECT=1`, rewrites the `@expect` blocks in place.
//!
//! # Format
//!
//! ```text
//! // @graph: empty                 first directive of the file (or `bundled`)
//! CREATE (:A {x: 1});              no @expect: a setup statement, must succeed
//!
//! // @name: what this case checks  names the NEXT statement
//! // @param p = {k: [1, 'x']}      a parameter for the NEXT statement only
//! MATCH (a:A) WHERE a.x = $p.k[0] RETURN a.x AS x;
//! // @expect: rows                 expectations FOLLOW their statement
//! // | x |
//! // | 1 |
//! ```
//!
//! * `// @expect: ok [counter=N ...]`: success; the named `Stats` counters
//!   must equal N (unnamed counters and any returned rows are not checked).
//! * `// @expect: rows [ordered] [counter=N ...]` and a table of `// | .. |`
//!   lines: the header row holds the column names (compared exactly, in
//!   order), the other rows hold values in TCK literal notation (see
//!   `values.rs`). Rows compare as a bag unless `ordered` is given.
//!   CockroachDB rule: `ordered` requires an `ORDER BY` after the statement's
//!   last `RETURN`, and an unordered expectation with more than one row is
//!   refused when there is one.
//! * `// @expect: error Kind Code [at L:C]`: the statement fails with that
//!   `ErrorKind` (as `kind().as_str()`) and detail code; `L:C` is the
//!   1-based line/column in the statement text (from its first character,
//!   as given to `execute`).
//! * `// @expect-plan: Op1, Op2`: the optimized plan (its `EXPLAIN`) has
//!   operators with each of these names, so a case can pin down that it
//!   exercises the operator it is about; `Op(text)` asks for an operator
//!   whose details contain `text` (`Aggregation(grouped by node first)`).
//!
//! A statement ends at a `;` outside quotes, backticks and comments; the
//! last one may omit it. Directives are `//` comments outside statements
//! whose text starts with `@` or `|`; other comments are free text.
//!
//! Environment: `PLENARY_CASES=substr` runs only files whose path contains
//! `substr`; `UPDATE_EXPECT=1` rewrites expectations from the optimized run
//! (only where both runs agree; disagreement stays a failure).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use plenary::{Database, Error, QueryResult, Value};

use crate::values::{self, Lit};

/// Which graph a file starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphKind {
    Empty,
    Bundled,
}

/// An expectation for one statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Expect {
    /// `ok` with counters to check.
    Ok { stats: Vec<(String, u64)> },
    /// `rows` with a table.
    Rows {
        ordered: bool,
        stats: Vec<(String, u64)>,
        columns: Vec<String>,
        rows: Vec<Vec<Lit>>,
    },
    /// `error Kind Code [at L:C]`.
    Error {
        kind: String,
        code: String,
        at: Option<(usize, usize)>,
    },
}

/// One statement of a case file with everything attached to it.
#[derive(Debug, Clone)]
pub struct Stmt {
    /// The statement text, from its first character up to (without) the `;`.
    pub text: String,
    /// 1-based line of the statement's first character.
    pub line: usize,
    pub name: Option<String>,
    pub params: BTreeMap<String, Lit>,
    pub expect: Option<Expect>,
    /// 0-based inclusive line range of the `@expect` block (for rewriting).
    pub block: Option<(usize, usize)>,
    pub plan: Option<String>,
}

/// A parsed case file.
#[derive(Debug, Clone)]
pub struct CaseFile {
    pub graph: Option<GraphKind>,
    pub stmts: Vec<Stmt>,
    /// Format problems: (1-based line, message).
    pub problems: Vec<(usize, String)>,
}

const COUNTERS: [&str; 11] = [
    "nodes_created",
    "nodes_deleted",
    "relationships_created",
    "relationships_deleted",
    "properties_set",
    "labels_added",
    "labels_removed",
    "indexes_added",
    "indexes_removed",
    "constraints_added",
    "constraints_removed",
];

fn counter(stats: &plenary::Stats, name: &str) -> Option<u64> {
    Some(match name {
        "nodes_created" => stats.nodes_created,
        "nodes_deleted" => stats.nodes_deleted,
        "relationships_created" => stats.relationships_created,
        "relationships_deleted" => stats.relationships_deleted,
        "properties_set" => stats.properties_set,
        "labels_added" => stats.labels_added,
        "labels_removed" => stats.labels_removed,
        "indexes_added" => stats.indexes_added,
        "indexes_removed" => stats.indexes_removed,
        "constraints_added" => stats.constraints_added,
        "constraints_removed" => stats.constraints_removed,
        _ => return None,
    })
}

// ---------------------------------------------------------------- lexing

/// What the lexer finds in a file.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A `//` directive comment outside a statement: 0-based line, text after `//`.
    Directive(usize, String),
    /// A statement: byte range (without `;`), 0-based line of its start.
    Statement(usize, usize, usize),
    /// A directive-looking comment inside a statement (a format error).
    Misplaced(usize),
}

/// Splits a script into statements and directive comments. A statement
/// ends at `;` outside quotes, backticks and comments.
pub fn lex(src: &str) -> Vec<Event> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 0;
    let mut stmt: Option<(usize, usize)> = None; // (start byte, start line)
    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' => {
                line += 1;
                i += 1;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = src[i..].find('\n').map_or(b.len(), |n| i + n);
                let body = src[i + 2..end].trim();
                if body.starts_with('@') || body.starts_with('|') {
                    if stmt.is_some() {
                        out.push(Event::Misplaced(line));
                    } else {
                        out.push(Event::Directive(line, body.to_string()));
                    }
                }
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let end = src[i + 2..].find("*/").map_or(b.len(), |n| i + 2 + n + 2);
                line += src[i..end].matches('\n').count();
                i = end;
            }
            b'\'' | b'"' | b'`' => {
                if stmt.is_none() {
                    stmt = Some((i, line));
                }
                let mut j = i + 1;
                while j < b.len() {
                    if b[j] == b'\\' && c != b'`' {
                        j += 2;
                        continue;
                    }
                    if b[j] == c {
                        break;
                    }
                    j += 1;
                }
                let end = (j + 1).min(b.len());
                line += src[i..end].matches('\n').count();
                i = end;
            }
            b';' => {
                if let Some((s, l)) = stmt.take() {
                    out.push(Event::Statement(s, i, l));
                }
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                if stmt.is_none() {
                    stmt = Some((i, line));
                }
                i += 1;
            }
        }
    }
    if let Some((s, l)) = stmt {
        out.push(Event::Statement(s, b.len(), l));
    }
    out
}

// ---------------------------------------------------------------- parsing

/// Splits a table line `| a | 'x|y' | [1, 2] |` into trimmed cells. `|`
/// inside quotes, backticks or brackets does not split; `\|` is a literal bar.
pub fn split_cells(line: &str) -> Result<Vec<String>, String> {
    let inner = line
        .trim()
        .strip_prefix('|')
        .and_then(|s| s.strip_suffix('|'))
        .ok_or_else(|| "a table line must start and end with `|`".to_string())?;
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            cur.push(c);
            if c == '\\' && q != '`' {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cur.push('|');
                chars.next();
            }
            '\'' | '"' | '`' => {
                quote = Some(c);
                cur.push(c);
            }
            '(' | '[' | '{' => {
                depth += 1;
                cur.push(c);
            }
            ')' | ']' | '}' => {
                depth -= 1;
                cur.push(c);
            }
            '|' if depth <= 0 => {
                cells.push(cur.trim().to_string());
                cur.clear();
            }
            _ => cur.push(c),
        }
    }
    if quote.is_some() {
        return Err("unterminated quote in table line".into());
    }
    cells.push(cur.trim().to_string());
    Ok(cells)
}

fn parse_counters(words: &[&str]) -> Result<Vec<(String, u64)>, String> {
    words
        .iter()
        .map(|w| {
            let (k, v) = w
                .split_once('=')
                .ok_or_else(|| format!("expected `counter=N`, found `{w}`"))?;
            if !COUNTERS.contains(&k) {
                return Err(format!(
                    "unknown counter `{k}` (known: {})",
                    COUNTERS.join(", ")
                ));
            }
            let n = v
                .parse::<u64>()
                .map_err(|_| format!("bad count in `{w}`"))?;
            Ok((k.to_string(), n))
        })
        .collect()
}

/// Parses the text after `@expect:` (the table rows come separately).
pub fn parse_expect(spec: &str) -> Result<Expect, String> {
    let words: Vec<&str> = spec.split_whitespace().collect();
    match words.first().copied() {
        Some("ok") => Ok(Expect::Ok {
            stats: parse_counters(&words[1..])?,
        }),
        Some("rows") => {
            let ordered = words.get(1) == Some(&"ordered");
            let rest = if ordered { &words[2..] } else { &words[1..] };
            Ok(Expect::Rows {
                ordered,
                stats: parse_counters(rest)?,
                columns: Vec::new(),
                rows: Vec::new(),
            })
        }
        Some("error") => {
            let (kind, code) = match (words.get(1), words.get(2)) {
                (Some(k), Some(c)) => (k.to_string(), c.to_string()),
                _ => return Err("expected `error Kind Code [at L:C]`".into()),
            };
            let at = match &words[3..] {
                [] => None,
                ["at", pos] => {
                    let (l, c) = pos
                        .split_once(':')
                        .ok_or_else(|| format!("bad position `{pos}`"))?;
                    let l = l.parse().map_err(|_| format!("bad line in `{pos}`"))?;
                    let c = c.parse().map_err(|_| format!("bad column in `{pos}`"))?;
                    Some((l, c))
                }
                _ => return Err("expected `error Kind Code [at L:C]`".into()),
            };
            Ok(Expect::Error { kind, code, at })
        }
        _ => Err(format!(
            "unknown expectation `{spec}` (ok | rows [ordered] | error Kind Code)"
        )),
    }
}

/// The statement text with strings and comments blanked out, upper-cased.
fn masked_upper(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' | '`' => {
                out.push(' ');
                while let Some(d) = chars.next() {
                    if d == '\\' && c != '`' {
                        chars.next();
                    } else if d == c {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'/') => {
                for d in chars.by_ref() {
                    if d == '\n' {
                        break;
                    }
                }
                out.push(' ');
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                for d in chars.by_ref() {
                    if prev == '*' && d == '/' {
                        break;
                    }
                    prev = d;
                }
                out.push(' ');
            }
            c => out.extend(c.to_uppercase()),
        }
    }
    out
}

/// Whether the statement's result order is defined: an `ORDER BY` after
/// its last `RETURN`.
pub fn has_final_order_by(text: &str) -> bool {
    let masked = masked_upper(text);
    let words: Vec<&str> = masked
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    let Some(ret) = words.iter().rposition(|w| *w == "RETURN") else {
        return false;
    };
    words[ret..].windows(2).any(|w| w == ["ORDER", "BY"])
}

/// Parses a case file. Format problems are collected in `problems`.
pub fn parse_file(src: &str) -> CaseFile {
    let mut file = CaseFile {
        graph: None,
        stmts: Vec::new(),
        problems: Vec::new(),
    };
    let mut pending_name: Option<(usize, String)> = None;
    let mut pending_params: BTreeMap<String, Lit> = BTreeMap::new();
    let mut pending_param_line = 0;
    // The statement whose table is being read, and the last line of its block.
    let mut table: Option<(usize, usize)> = None;
    for ev in lex(src) {
        match ev {
            Event::Misplaced(l) => file.problems.push((
                l + 1,
                "a `// @` or `// |` directive inside a statement (missing `;`?)".into(),
            )),
            Event::Statement(s, e, l) => {
                table = None;
                file.stmts.push(Stmt {
                    text: src[s..e].trim_end().to_string(),
                    line: l + 1,
                    name: pending_name.take().map(|(_, n)| n),
                    params: std::mem::take(&mut pending_params),
                    expect: None,
                    block: None,
                    plan: None,
                });
            }
            Event::Directive(l, body) => {
                let mut problem = |msg: String| file.problems.push((l + 1, msg));
                if let Some(row) = body.strip_prefix('|').map(|_| body.as_str()) {
                    let Some((idx, last)) = table else {
                        problem("a table line without a preceding `@expect: rows`".into());
                        continue;
                    };
                    if l != last + 1 {
                        problem("table lines must directly follow `@expect: rows`".into());
                        table = None;
                        continue;
                    }
                    table = Some((idx, l));
                    let stmt = &mut file.stmts[idx];
                    if let Some((start, _)) = stmt.block {
                        stmt.block = Some((start, l));
                    }
                    let cells = match split_cells(row) {
                        Ok(c) => c,
                        Err(e) => {
                            problem(e);
                            continue;
                        }
                    };
                    if let Some(Expect::Rows { columns, rows, .. }) = &mut stmt.expect {
                        if columns.is_empty() && rows.is_empty() {
                            *columns = cells;
                        } else if cells.len() != columns.len() {
                            problem(format!(
                                "row has {} cells, header has {}",
                                cells.len(),
                                columns.len()
                            ));
                        } else {
                            match cells.iter().map(|c| values::parse(c)).collect() {
                                Ok(r) => rows.push(r),
                                Err(e) => problem(format!("bad value: {e}")),
                            }
                        }
                    }
                    continue;
                }
                table = None;
                let (key, rest) = match body.split_once(':') {
                    Some((k, r)) if !k.contains(' ') => (k.trim(), r.trim()),
                    _ => (body.split_whitespace().next().unwrap_or(""), ""),
                };
                match key {
                    "@graph" => {
                        if !file.stmts.is_empty() || file.graph.is_some() {
                            problem("`@graph` must come once, before the first statement".into());
                        }
                        match rest {
                            "empty" => file.graph = Some(GraphKind::Empty),
                            "bundled" => file.graph = Some(GraphKind::Bundled),
                            other => problem(format!("unknown graph `{other}` (empty | bundled)")),
                        }
                    }
                    "@name" => {
                        if let Some((nl, _)) = &pending_name {
                            problem(format!(
                                "a second `@name` before a statement (first at line {})",
                                nl + 1
                            ));
                        }
                        if rest.is_empty() {
                            problem("empty `@name`".into());
                        }
                        pending_name = Some((l, rest.to_string()));
                    }
                    "@param" if body.starts_with("@param ") => {
                        let spec = body["@param ".len()..].trim();
                        let Some((n, v)) = spec.split_once('=') else {
                            problem("expected `@param name = <literal>`".into());
                            continue;
                        };
                        let n = n.trim().trim_start_matches('$');
                        let n = n
                            .strip_prefix('`')
                            .and_then(|x| x.strip_suffix('`'))
                            .unwrap_or(n)
                            .to_string();
                        match values::parse(v) {
                            Ok(v) => {
                                pending_params.insert(n, v);
                                pending_param_line = l;
                            }
                            Err(e) => problem(format!("bad parameter value: {e}")),
                        }
                    }
                    "@expect" | "@expect-plan" => {
                        if let Some((nl, _)) = &pending_name {
                            problem(format!(
                                "`{key}` after `@name` (line {}): expectations follow their statement, names precede it",
                                nl + 1
                            ));
                        }
                        if !pending_params.is_empty() {
                            problem(format!(
                                "`{key}` after `@param` (line {}): parameters precede their statement",
                                pending_param_line + 1
                            ));
                        }
                        let Some(idx) = file.stmts.len().checked_sub(1) else {
                            problem(format!("`{key}` before any statement"));
                            continue;
                        };
                        let stmt = &mut file.stmts[idx];
                        if key == "@expect-plan" {
                            stmt.plan = Some(rest.to_string());
                            continue;
                        }
                        if stmt.expect.is_some() {
                            problem("a second `@expect` for the same statement".into());
                            continue;
                        }
                        match parse_expect(rest) {
                            Ok(e) => {
                                if matches!(e, Expect::Rows { .. }) {
                                    table = Some((idx, l));
                                }
                                stmt.expect = Some(e);
                                stmt.block = Some((l, l));
                            }
                            Err(e) => problem(e),
                        }
                    }
                    other => problem(format!(
                        "unknown directive `{other}` (@graph, @name, @param, @expect, @expect-plan)"
                    )),
                }
            }
        }
    }
    if let Some((l, _)) = pending_name {
        file.problems
            .push((l + 1, "`@name` without a following statement".into()));
    }
    if !pending_params.is_empty() {
        file.problems.push((
            pending_param_line + 1,
            "`@param` without a following statement".into(),
        ));
    }
    // Table shape and the CockroachDB ordering rule.
    for stmt in &file.stmts {
        if let Some(Expect::Rows {
            ordered,
            columns,
            rows,
            ..
        }) = &stmt.expect
        {
            let line = stmt.block.map_or(stmt.line, |b| b.0 + 1);
            if columns.is_empty() {
                file.problems.push((
                    line,
                    "`@expect: rows` needs a header line `// | col | ... |`".into(),
                ));
            }
            let sorted = has_final_order_by(&stmt.text);
            if *ordered && !sorted {
                file.problems.push((
                    line,
                    "`ordered` without an ORDER BY after the last RETURN".into(),
                ));
            }
            if !*ordered && sorted && rows.len() > 1 {
                file.problems.push((
                    line,
                    "the query has ORDER BY: write `@expect: rows ordered` (or drop ORDER BY)"
                        .into(),
                ));
            }
        }
    }
    if file.stmts.iter().all(|s| s.expect.is_none()) {
        file.problems
            .push((1, "the file has no `@expect`: it checks nothing".into()));
    }
    file
}

// ---------------------------------------------------------------- running

/// The bundled example graph.
pub fn bundled_db() -> Result<Database, String> {
    Database::bundled().map_err(|e| e.to_string())
}

/// The ways every statement runs: optimized, as the binder wrote it, and
/// optimized with every layout forced on (each counted aggregation walked
/// as a shared walk over the column views, whatever the graph's size).
const MODES: [&str; 3] = ["optimized", "unoptimized", "layouts forced"];

fn fresh_db(kind: GraphKind, mode: usize) -> Result<Database, String> {
    let mut db = match kind {
        GraphKind::Empty => Database::in_memory().map_err(|e| e.to_string())?,
        GraphKind::Bundled => bundled_db()?,
    };
    db.set_optimize(mode != 1);
    if mode == 2 {
        db.set_layouts(plenary::Layouts::Always);
    }
    Ok(db)
}

type Outcome = Result<QueryResult, Error>;

/// One line per element: the expectation block as it would be written
/// (without the `// ` prefix). Rows of an unordered result are sorted so
/// two renderings compare as bags.
fn render_outcome(outcome: &Outcome, stmt: &Stmt, old: Option<&Expect>) -> Vec<String> {
    match outcome {
        Err(e) => {
            let keep_at = match old {
                Some(Expect::Error { at, .. }) => at.is_some(),
                _ => e.kind().as_str() != "SyntaxError",
            };
            let mut line = format!("error {} {}", e.kind().as_str(), e.code().as_str());
            if keep_at && let Some((l, c)) = e.line_col(&stmt.text) {
                let _ = write!(line, " at {l}:{c}");
            }
            vec![line]
        }
        Ok(r) => {
            let (named, as_ok) = match old {
                Some(Expect::Ok { stats }) => (stats.clone(), true),
                Some(Expect::Rows { stats, .. }) => (stats.clone(), false),
                _ => (Vec::new(), r.columns.is_empty()),
            };
            let mut counters = String::new();
            for c in COUNTERS {
                let v = counter(&r.stats, c).unwrap_or(0);
                if v != 0 || named.iter().any(|(n, _)| n == c) {
                    let _ = write!(counters, " {c}={v}");
                }
            }
            if as_ok {
                return vec![format!("ok{counters}")];
            }
            let ordered = has_final_order_by(&stmt.text);
            let mut lines = vec![format!(
                "rows{}{counters}",
                if ordered { " ordered" } else { "" }
            )];
            let header: Vec<String> = r.columns.iter().map(|c| c.replace('|', "\\|")).collect();
            let mut body: Vec<Vec<String>> = r
                .rows
                .iter()
                .map(|row| row.iter().map(Value::to_string).collect())
                .collect();
            if !ordered {
                body.sort();
            }
            let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
            for row in &body {
                for (i, cell) in row.iter().enumerate() {
                    if let Some(w) = widths.get_mut(i) {
                        *w = (*w).max(cell.chars().count());
                    }
                }
            }
            let fmt_row = |cells: &[String]| {
                let mut s = String::from("|");
                for (i, c) in cells.iter().enumerate() {
                    let w = widths.get(i).copied().unwrap_or(0);
                    let _ = write!(
                        s,
                        " {c}{} |",
                        " ".repeat(w.saturating_sub(c.chars().count()))
                    );
                }
                s
            };
            lines.push(fmt_row(&header));
            lines.extend(body.iter().map(|r| fmt_row(r)));
            lines
        }
    }
}

fn render_expect(e: &Expect) -> Vec<String> {
    let counters = |stats: &[(String, u64)]| {
        stats
            .iter()
            .map(|(k, v)| format!(" {k}={v}"))
            .collect::<String>()
    };
    match e {
        Expect::Ok { stats } => vec![format!("ok{}", counters(stats))],
        Expect::Error { kind, code, at } => vec![match at {
            Some((l, c)) => format!("error {kind} {code} at {l}:{c}"),
            None => format!("error {kind} {code}"),
        }],
        Expect::Rows {
            ordered,
            stats,
            columns,
            rows,
        } => {
            let mut v = vec![format!(
                "rows{}{}",
                if *ordered { " ordered" } else { "" },
                counters(stats)
            )];
            v.push(format!("| {} |", columns.join(" | ")));
            for r in rows {
                v.push(format!(
                    "| {} |",
                    r.iter().map(Lit::to_string).collect::<Vec<_>>().join(" | ")
                ));
            }
            v
        }
    }
}

/// Why `outcome` does not meet `expect`, or `None` when it does.
pub fn check(expect: &Expect, outcome: &Outcome, stmt_text: &str) -> Option<String> {
    let stats_ok = |stats: &[(String, u64)], r: &QueryResult| -> Option<String> {
        let bad: Vec<String> = stats
            .iter()
            .filter_map(|(k, want)| {
                let got = counter(&r.stats, k).unwrap_or(0);
                (got != *want).then(|| format!("{k}: expected {want}, got {got}"))
            })
            .collect();
        (!bad.is_empty()).then(|| format!("stats differ: {}", bad.join(", ")))
    };
    match (expect, outcome) {
        (Expect::Ok { stats }, Ok(r)) => stats_ok(stats, r),
        (
            Expect::Rows {
                ordered,
                stats,
                columns,
                rows,
            },
            Ok(r),
        ) => {
            if &r.columns != columns {
                return Some(format!(
                    "columns differ: expected {columns:?}, got {:?}",
                    r.columns
                ));
            }
            let same = if *ordered {
                values::ordered_matches(rows, &r.rows)
            } else {
                values::bag_matches(rows, &r.rows)
            };
            if !same {
                return Some(
                    if *ordered {
                        "rows differ (in order)"
                    } else {
                        "rows differ (as a bag)"
                    }
                    .into(),
                );
            }
            stats_ok(stats, r)
        }
        (Expect::Error { kind, code, at }, Err(e)) => {
            let mut bad = Vec::new();
            if e.kind().as_str() != kind {
                bad.push(format!("kind {} instead of {kind}", e.kind().as_str()));
            }
            if e.code().as_str() != code {
                bad.push(format!("code {} instead of {code}", e.code().as_str()));
            }
            if let Some(at) = at {
                match e.line_col(stmt_text) {
                    Some(got) if got == *at => {}
                    Some((l, c)) => {
                        bad.push(format!("position {l}:{c} instead of {}:{}", at.0, at.1))
                    }
                    None => bad.push(format!("no position instead of {}:{}", at.0, at.1)),
                }
            }
            (!bad.is_empty()).then(|| bad.join(", "))
        }
        (Expect::Error { .. }, Ok(_)) => Some("expected an error, the statement succeeded".into()),
        (_, Err(_)) => Some("the statement failed".into()),
    }
}

fn describe_err(e: &Error, text: &str) -> String {
    let pos = e
        .line_col(text)
        .map(|(l, c)| format!(" at {l}:{c}"))
        .unwrap_or_default();
    format!(
        "{} {}{pos}: {}",
        e.kind().as_str(),
        e.code().as_str(),
        e.message()
    )
}

/// The result of running one file.
#[derive(Debug, Default)]
pub struct FileRun {
    /// Rendered failure reports.
    pub failures: Vec<String>,
    /// The file's new text, when `update` rewrote something.
    pub rewritten: Option<String>,
    /// Statements run (per mode).
    pub statements: usize,
}

fn indent(lines: &[String]) -> String {
    lines.iter().map(|l| format!("    {l}\n")).collect()
}

/// Checks `@expect-plan`: every named operator appears in the EXPLAIN of
/// `text` on `db`. `None` when it does.
fn plan_mismatch(
    db: &Database,
    text: &str,
    params: &BTreeMap<String, Value>,
    want: &str,
) -> Option<String> {
    let r = match db.execute_with(&format!("EXPLAIN {text}"), params) {
        Ok(r) => r,
        Err(e) => return Some(format!("EXPLAIN failed: {e}")),
    };
    let ops: Vec<(String, String)> = r
        .rows
        .iter()
        .filter_map(|row| match (&row[0], &row[1]) {
            (Value::String(s), Value::String(d)) => Some((s.trim().to_string(), d.clone())),
            (Value::String(s), _) => Some((s.trim().to_string(), String::new())),
            _ => None,
        })
        .collect();
    // `Name` names an operator; `Name(text)` one whose details contain text
    let found = |w: &str| match w.split_once('(') {
        Some((name, rest)) => {
            let text = rest.strip_suffix(')').unwrap_or(rest);
            ops.iter()
                .any(|(o, d)| o == name.trim() && d.contains(text))
        }
        None => ops.iter().any(|(o, _)| o == w),
    };
    let missing: Vec<&str> = want
        .split(',')
        .map(str::trim)
        .filter(|w| !w.is_empty() && !found(w))
        .collect();
    (!missing.is_empty()).then(|| format!("expected operators {missing:?} in the plan {ops:?}"))
}

/// Runs one parsed file against fresh databases, optimized and not.
pub fn run_file(file: &CaseFile, src: &str, display_path: &str, update: bool) -> FileRun {
    let mut run = FileRun::default();
    for (l, p) in &file.problems {
        run.failures
            .push(format!("{display_path}:{l}: malformed case file: {p}"));
    }
    let Some(graph) = file.graph else {
        run.failures.push(format!(
            "{display_path}:1: missing `// @graph: empty` (or `bundled`) before the first statement"
        ));
        return run;
    };
    let dbs = match (0..MODES.len())
        .map(|m| fresh_db(graph, m))
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(dbs) => dbs,
        Err(e) => {
            run.failures
                .push(format!("{display_path}:1: cannot open the graph: {e}"));
            return run;
        }
    };
    let mut edits: Vec<(usize, usize, Vec<String>)> = Vec::new();
    for stmt in &file.stmts {
        run.statements += 1;
        let params: Result<BTreeMap<String, Value>, String> = stmt
            .params
            .iter()
            .map(|(k, v)| Ok((k.clone(), values::to_param(v)?)))
            .collect();
        let header = format!(
            "{display_path}:{}: {}\n  statement: {}\n",
            stmt.line,
            stmt.name
                .as_deref()
                .map_or("(unnamed)".to_string(), |n| format!("@name: {n}")),
            stmt.text.replace('\n', "\n             ")
        );
        let params = match params {
            Ok(p) => p,
            Err(e) => {
                run.failures.push(format!("{header}  bad @param: {e}"));
                continue;
            }
        };
        let outcomes: Vec<Outcome> = dbs
            .iter()
            .map(|db| db.execute_with(&stmt.text, &params))
            .collect();
        if let Some(want) = &stmt.plan
            && let Some(why) = plan_mismatch(&dbs[0], &stmt.text, &params, want)
        {
            run.failures.push(format!("{header}  plan: {why}"));
        }
        let Some(expect) = &stmt.expect else {
            for (mode, o) in MODES.iter().zip(&outcomes) {
                if let Err(e) = o {
                    run.failures.push(format!(
                        "{header}  setup statement (no @expect) failed [{mode}]: {}",
                        describe_err(e, &stmt.text)
                    ));
                }
            }
            continue;
        };
        let rendered: Vec<Vec<String>> = outcomes
            .iter()
            .map(|o| render_outcome(o, stmt, Some(expect)))
            .collect();
        let verdicts: Vec<Option<String>> = outcomes
            .iter()
            .map(|o| check(expect, o, &stmt.text))
            .collect();
        let agree = rendered.iter().all(|r| *r == rendered[0]);
        if update && agree {
            if verdicts[0].is_some()
                && let Some((a, b)) = stmt.block
            {
                edits.push((a, b, rendered[0].clone()));
            }
            continue;
        }
        if !agree {
            let each: String = MODES
                .iter()
                .zip(&rendered)
                .map(|(m, r)| format!("  {m}:\n{}", indent(r)))
                .collect();
            run.failures
                .push(format!("{header}  the modes' runs disagree\n{each}"));
        }
        for (i, mode) in MODES.iter().enumerate() {
            let Some(why) = &verdicts[i] else { continue };
            if i > 0 && agree {
                break; // same outcome: reported once, below for both modes
            }
            let err_detail = match &outcomes[i] {
                Err(e) => format!("  error: {}\n", describe_err(e, &stmt.text)),
                Ok(_) => String::new(),
            };
            let modes = if agree {
                "both modes".to_string()
            } else {
                mode.to_string()
            };
            run.failures.push(format!(
                "{header}  mismatch [{modes}]: {why}\n  expected:\n{}  actual:\n{}{err_detail}",
                indent(&render_expect(expect)),
                indent(&rendered[i])
            ));
        }
    }
    if !edits.is_empty() {
        let mut lines: Vec<String> = src.lines().map(str::to_string).collect();
        edits.sort_by_key(|e| std::cmp::Reverse(e.0));
        for (a, b, new) in edits {
            let block = new.iter().enumerate().map(|(i, l)| {
                if i == 0 {
                    format!("// @expect: {l}")
                } else {
                    format!("// {l}")
                }
            });
            lines.splice(a..=b, block);
        }
        let mut text = lines.join("\n");
        if src.ends_with('\n') {
            text.push('\n');
        }
        run.rewritten = Some(text);
    }
    run
}

// ---------------------------------------------------------------- discovery

/// The crate root (where `Cargo.toml` is).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir`, recursively, sorted.
pub fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The case files of one root: a directory (all `*.cypher` below it) or a
/// single file.
pub fn discover(root: &Path) -> Vec<PathBuf> {
    if root.is_file() {
        return vec![root.to_path_buf()];
    }
    all_files(root)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "cypher"))
        .collect()
}

/// Runs every case file under `roots` (relative to the crate root) and
/// panics with every failure at the end. A root that does not exist is
/// skipped with a printed note. `default_graph` applies to files without
/// an `@graph` line (per root).
pub fn run_roots(roots: &[(&str, Option<GraphKind>)]) {
    let filter = std::env::var("PLENARY_CASES")
        .ok()
        .filter(|s| !s.is_empty());
    let update = std::env::var("UPDATE_EXPECT").is_ok_and(|v| v == "1");
    let mut failures = Vec::new();
    let (mut files, mut stmts) = (0, 0);
    for (root_rel, default_graph) in roots {
        let root_path = root().join(root_rel);
        if !root_path.exists() {
            println!("note: {root_rel} does not exist yet; skipped");
            continue;
        }
        for path in discover(&root_path) {
            let shown = path
                .strip_prefix(root())
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            if filter.as_ref().is_some_and(|f| !shown.contains(f.as_str())) {
                continue;
            }
            let src = match std::fs::read_to_string(&path) {
                Ok(s) => s,
                Err(e) => {
                    failures.push(format!("{shown}: cannot read: {e}"));
                    continue;
                }
            };
            let mut file = parse_file(&src);
            if file.graph.is_none() {
                file.graph = *default_graph;
            }
            let run = run_file(&file, &src, &shown, update);
            files += 1;
            stmts += run.statements;
            if let Some(text) = &run.rewritten {
                match std::fs::write(&path, text) {
                    Ok(()) => println!("updated {shown}"),
                    Err(e) => failures.push(format!("{shown}: cannot rewrite: {e}")),
                }
            }
            failures.extend(run.failures);
        }
    }
    println!(
        "ran {stmts} statements from {files} case files (each optimized, unoptimized and with layouts forced)"
    );
    if !failures.is_empty() {
        panic!(
            "{} failure(s) in query cases:\n\n{}\n\n{} failure(s); rerun one file with PLENARY_CASES=<path part>, \
             bless with UPDATE_EXPECT=1",
            failures.len(),
            failures.join("\n"),
            failures.len()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> CaseFile {
        parse_file(src)
    }

    #[test]
    fn lexer_splits_on_semicolons_outside_quotes_and_comments() {
        let src = "RETURN ';' AS a; // x; y\nRETURN \"a;b\" /* ; */ AS `c;d`;\nRETURN 1";
        let stmts: Vec<&str> = lex(src)
            .into_iter()
            .filter_map(|e| match e {
                Event::Statement(s, e, _) => Some(&src[s..e]),
                _ => None,
            })
            .collect();
        assert_eq!(
            stmts,
            [
                "RETURN ';' AS a",
                "RETURN \"a;b\" /* ; */ AS `c;d`",
                "RETURN 1"
            ]
        );
    }

    #[test]
    fn lexer_handles_escaped_quotes_and_lines() {
        let src = "RETURN 'it\\'s;' AS x;\n\n// @expect: ok\nMATCH (n)\nRETURN n;";
        let ev = lex(src);
        assert_eq!(ev[0], Event::Statement(0, 20, 0));
        assert_eq!(ev[1], Event::Directive(2, "@expect: ok".into()));
        assert!(matches!(ev[2], Event::Statement(_, _, 3)));
    }

    #[test]
    fn file_with_all_directives() {
        let src = "\
// @graph: empty
CREATE (:A {x: 1});

// @name: first
// @param p = [1, 'x']
// @param `odd name` = 1
MATCH (a:A) RETURN a.x AS x, a AS n;
// @expect: rows
// | x | n              |
// | 1 | (:A {x: 1})    |
// free comment
MATCH (n) RETURN n.x AS x ORDER BY x;
// @expect-plan: Scan -> Sort
// @expect: rows ordered
// | x |
// | 1 |
// | 2 |
CREATE ();
// @expect: ok nodes_created=1 properties_set=0
RETURN q;
// @expect: error SemanticError UndefinedVariable at 1:8
";
        let f = parse(src);
        assert_eq!(f.problems, Vec::<(usize, String)>::new());
        assert_eq!(f.graph, Some(GraphKind::Empty));
        assert_eq!(f.stmts.len(), 5);
        assert!(f.stmts[0].expect.is_none());
        let s = &f.stmts[1];
        assert_eq!(s.name.as_deref(), Some("first"));
        assert_eq!(s.line, 7);
        assert_eq!(s.params["p"], values::parse("[1, 'x']").unwrap());
        assert_eq!(s.params["odd name"], Lit::Int(1));
        assert_eq!(s.block, Some((7, 9)));
        let Some(Expect::Rows {
            ordered,
            columns,
            rows,
            ..
        }) = &s.expect
        else {
            panic!()
        };
        assert!(!ordered);
        assert_eq!(columns, &["x", "n"]);
        assert_eq!(rows.len(), 1);
        assert!(
            f.stmts[2].params.is_empty(),
            "params apply to one statement only"
        );
        assert_eq!(f.stmts[2].plan.as_deref(), Some("Scan -> Sort"));
        assert!(
            matches!(&f.stmts[2].expect, Some(Expect::Rows { ordered: true, rows, .. }) if rows.len() == 2)
        );
        assert_eq!(
            f.stmts[3].expect,
            Some(Expect::Ok {
                stats: vec![("nodes_created".into(), 1), ("properties_set".into(), 0)]
            })
        );
        assert_eq!(
            f.stmts[4].expect,
            Some(Expect::Error {
                kind: "SemanticError".into(),
                code: "UndefinedVariable".into(),
                at: Some((1, 8))
            })
        );
    }

    #[test]
    fn format_problems_are_reported() {
        let cases = [
            ("RETURN 1 AS x;\n// @expect: ok\n", "@graph"),
            (
                "// @graph: empty\nRETURN 1 AS x ORDER BY x;\n// @expect: rows\n// | x |\n// | 1 |\n// | 2 |\n",
                "ordered",
            ),
            (
                "// @graph: empty\nRETURN 1 AS x;\n// @expect: rows ordered\n// | x |\n// | 1 |\n",
                "ORDER BY",
            ),
            (
                "// @graph: empty\nRETURN 1 AS x;\n// @expect: rows\n",
                "header",
            ),
            (
                "// @graph: empty\nRETURN 1 AS x;\n// @expect: rows\n// | x |\n// | 1 | 2 |\n",
                "cells",
            ),
            (
                "// @graph: empty\nRETURN 1 AS x;\n// @expect: maybe\n",
                "unknown expectation",
            ),
            (
                "// @graph: empty\nRETURN 1 AS x;\n// @expect: ok nodes=1\n",
                "unknown counter",
            ),
            (
                "// @graph: empty\nRETURN 1 AS x;\n// @name: late\n// @expect: ok\n",
                "names precede",
            ),
            ("// @graph: empty\nRETURN 1 AS x;\n", "checks nothing"),
            (
                "// @graph: empty\n// @expect: ok\nRETURN 1;\n",
                "before any statement",
            ),
            (
                "// @graph: empty\nRETURN 1\n// @expect: ok\n",
                "inside a statement",
            ),
            (
                "// @graph: empty\nRETURN 1;\n// @expect: rows\n// | x |\n\n// | 1 |\n",
                "directly follow",
            ),
            (
                "// @graph: empty\nRETURN 1;\n// @expect: ok\n// @expect: ok\n",
                "second",
            ),
            (
                "// @graph: empty\nRETURN 1;\n// @expect: ok\n// @bogus: 1\n",
                "unknown directive",
            ),
            (
                "// @graph: empty\nRETURN 1;\n// @expect: ok\n// @param x = (\n",
                "bad parameter",
            ),
            (
                "// @graph: sometimes\nRETURN 1;\n// @expect: ok\n",
                "unknown graph",
            ),
        ];
        for (src, needle) in cases {
            let f = parse(src);
            let mut all: Vec<String> = f.problems.iter().map(|p| p.1.clone()).collect();
            if f.graph.is_none() {
                all.push("missing @graph".into());
            }
            assert!(
                all.iter().any(|p| p.contains(needle)),
                "{src:?}: wanted {needle:?} in {all:?}"
            );
        }
    }

    #[test]
    fn table_cells() {
        assert_eq!(split_cells("| a | b |").unwrap(), ["a", "b"]);
        assert_eq!(
            split_cells("| 'x|y' | [1, 2] |").unwrap(),
            ["'x|y'", "[1, 2]"]
        );
        assert_eq!(
            split_cells("| [(a)-[:A|B]->() \\| 1] |").unwrap(),
            ["[(a)-[:A|B]->() | 1]"]
        );
        assert_eq!(split_cells("| a \\| b |").unwrap(), ["a | b"]);
        assert_eq!(split_cells("||").unwrap(), [""]);
        assert!(split_cells("| a").is_err());
    }

    #[test]
    fn order_by_detection() {
        assert!(has_final_order_by("MATCH (n) RETURN n ORDER BY n.x"));
        assert!(has_final_order_by("return n order\n by n"));
        assert!(!has_final_order_by(
            "MATCH (n) WITH n ORDER BY n.x LIMIT 2 RETURN n"
        ));
        assert!(!has_final_order_by("RETURN 'ORDER BY' AS x"));
        assert!(!has_final_order_by("RETURN 1 AS x // ORDER BY x"));
        assert!(!has_final_order_by("CREATE (n)"));
    }

    fn node(labels: &[&str]) -> Value {
        Value::Node(plenary::Node {
            id: 0,
            labels: labels.iter().map(|s| s.to_string()).collect(),
            properties: BTreeMap::new(),
        })
    }

    #[test]
    fn check_compares_outcomes() {
        let res = |cols: &[&str], rows: Vec<Vec<Value>>| -> Outcome {
            Ok(QueryResult {
                columns: cols.iter().map(|s| s.to_string()).collect(),
                rows,
                ..Default::default()
            })
        };
        let e = parse_expect("rows").unwrap();
        let Expect::Rows { ordered, stats, .. } = e else {
            panic!()
        };
        let rows_exp = |cols: &[&str], rows: &[&[&str]]| Expect::Rows {
            ordered,
            stats: stats.clone(),
            columns: cols.iter().map(|s| s.to_string()).collect(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| values::parse(c).unwrap()).collect())
                .collect(),
        };
        let out = res(
            &["n", "x"],
            vec![
                vec![node(&["A"]), Value::Int(1)],
                vec![node(&[]), Value::Int(2)],
            ],
        );
        assert_eq!(
            check(
                &rows_exp(&["n", "x"], &[&["()", "2"], &["(:A)", "1"]]),
                &out,
                ""
            ),
            None
        );
        assert!(
            check(
                &rows_exp(&["n", "y"], &[&["()", "2"], &["(:A)", "1"]]),
                &out,
                ""
            )
            .is_some()
        );
        assert!(
            check(
                &rows_exp(&["n", "x"], &[&["()", "2"], &["(:A)", "1.0"]]),
                &out,
                ""
            )
            .is_some()
        );
        let mut with_stats = res(&[], vec![]);
        if let Ok(r) = &mut with_stats {
            r.stats.nodes_created = 2;
        }
        assert_eq!(
            check(
                &parse_expect("ok nodes_created=2").unwrap(),
                &with_stats,
                ""
            ),
            None
        );
        assert!(
            check(
                &parse_expect("ok nodes_created=1").unwrap(),
                &with_stats,
                ""
            )
            .is_some()
        );
        assert!(
            check(
                &parse_expect("ok nodes_deleted=1").unwrap(),
                &with_stats,
                ""
            )
            .is_some()
        );
        assert!(
            check(
                &parse_expect("error SyntaxError InvalidSyntax").unwrap(),
                &with_stats,
                ""
            )
            .is_some()
        );
        let err: Outcome =
            Err(Error::semantic("UndefinedVariable", "q").at(plenary::Span::new(17, 18)));
        let text = "MATCH (p) RETURN q";
        assert_eq!(
            check(
                &parse_expect("error SemanticError UndefinedVariable at 1:18").unwrap(),
                &err,
                text
            ),
            None
        );
        assert_eq!(
            check(
                &parse_expect("error SemanticError UndefinedVariable").unwrap(),
                &err,
                text
            ),
            None
        );
        assert!(
            check(
                &parse_expect("error SemanticError UndefinedVariable at 1:17").unwrap(),
                &err,
                text
            )
            .is_some()
        );
        assert!(
            check(
                &parse_expect("error SyntaxError UndefinedVariable").unwrap(),
                &err,
                text
            )
            .is_some()
        );
        assert!(
            check(
                &parse_expect("error SemanticError VariableAlreadyBound").unwrap(),
                &err,
                text
            )
            .is_some()
        );
        assert!(check(&parse_expect("ok").unwrap(), &err, text).is_some());
    }

    #[test]
    fn update_rewrites_blocks_from_actual_results() {
        // The engine may not answer yet, so rewrite against a known error:
        // a syntax error the (future or current) parser must report.
        let src = "// @graph: empty\nRETURN 1 AS x;\n// @expect: rows\n// | x |\n// | 2 |\n// | 3 |\n// tail\n";
        let f = parse(src);
        assert!(f.problems.is_empty(), "{:?}", f.problems);
        let run = run_file(&f, src, "t.cypher", true);
        let text = run.rewritten.expect("a mismatch gets rewritten");
        assert!(
            text.starts_with("// @graph: empty\nRETURN 1 AS x;\n// @expect: "),
            "{text}"
        );
        assert!(text.ends_with("\n// tail\n"), "{text}");
        assert!(!text.contains("| 3 |"), "{text}");
        // The rewritten file parses and, run again, has no mismatches left.
        let f2 = parse(&text);
        assert!(f2.problems.is_empty(), "{:?}\n{text}", f2.problems);
        let again = run_file(&f2, &text, "t.cypher", false);
        assert!(again.failures.is_empty(), "{:?}\n{text}", again.failures);
    }

    #[test]
    fn render_outcome_table() {
        let stmt = parse("// @graph: empty\nRETURN 1 AS x;\n// @expect: ok\n").stmts[0].clone();
        let out: Outcome = Ok(QueryResult {
            columns: vec!["x".into(), "long|name".into()],
            rows: vec![
                vec![Value::Int(10), Value::from("a")],
                vec![Value::Int(2), Value::Null],
            ],
            ..Default::default()
        });
        let lines = render_outcome(&out, &stmt, None);
        assert_eq!(
            lines,
            [
                "rows",
                "| x  | long\\|name |",
                "| 10 | 'a'        |",
                "| 2  | null       |"
            ]
        );
        let f = parse(&format!(
            "// @graph: empty\nRETURN 1;\n// @expect: {}\n// {}\n// {}\n// {}\n",
            lines[0], lines[1], lines[2], lines[3]
        ));
        assert!(f.problems.is_empty());
        assert_eq!(check(f.stmts[0].expect.as_ref().unwrap(), &out, ""), None);
    }

    #[test]
    fn failures_are_collected_with_file_line_and_name() {
        let src = "// @graph: empty\n// @name: one\nRETURN 1 AS x;\n// @expect: error Nope Nope\n// @name: two\nRETURN 2 AS y;\n// @expect: error Nope Nope\n";
        let run = run_file(&parse(src), src, "dir/t.cypher", false);
        assert_eq!(run.failures.len(), 2, "{:#?}", run.failures);
        assert!(
            run.failures[0].starts_with("dir/t.cypher:3: @name: one"),
            "{}",
            run.failures[0]
        );
        assert!(
            run.failures[1].starts_with("dir/t.cypher:6: @name: two"),
            "{}",
            run.failures[1]
        );
        assert!(run.failures[1].contains("statement: RETURN 2 AS y"));
        assert!(run.failures[1].contains("expected:\n    error Nope Nope"));
    }

    #[test]
    fn bundled_graph_files_run_on_the_bundled_graph() {
        let src = "// @graph: bundled\nMATCH (c:Country {code: 'SY'}) RETURN c.name AS n;\n// @expect: rows\n// | n       |\n// | 'Syria' |\n";
        let run = run_file(&parse(src), src, "b.cypher", false);
        assert!(run.failures.is_empty(), "{:?}", run.failures);
    }
}
