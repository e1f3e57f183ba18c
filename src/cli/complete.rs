//! Tab completion from the live graph.
//!
//! [`context`] looks at the text before the cursor and says what is being
//! typed ([`CompletionContext`]): a `:command`, a label after `:`, a
//! relationship type after `[:`, a property key after `n.`, a value after
//! `{name: '` or `n.name = '`, or a plain word (keywords, functions,
//! variables bound earlier in the statement). [`candidates`] turns a context
//! into replacements using a [`GraphInfo`]; [`DbInfo`] answers it from a
//! [`Database`] and caches the answers until [`DbInfo::invalidate`] (called
//! after every executed statement, since the graph may have changed).
//!
//! Everything here is terminal-free; the rustyline glue is in `editor.rs`.

use std::cell::RefCell;
use std::collections::HashMap;

use plenary::{Database, QueryResult, Value};

use super::help;
use super::lex::{self, Kind, Token};

/// Whether a name belongs to nodes or relationships.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Entity {
    /// Nodes with this label.
    Label(String),
    /// Relationships of this type.
    Type(String),
}

/// What the word at the cursor is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompletionContext {
    /// Nothing to offer (inside a comment, a number, …).
    Nothing,
    /// A meta-command name (`:he`).
    Command,
    /// The argument of a meta-command (`:help MA`, `:format c`).
    Argument {
        /// The command, e.g. `:help`.
        command: String,
    },
    /// A file path (`:source da`); completed by rustyline's filename completer.
    Path,
    /// A label after `:` in a node pattern or a label predicate.
    Label,
    /// A relationship type after `[:`, `[r:` or `|`.
    RelType,
    /// A property key after `var.`; `of` is the variable's label or type
    /// when the statement gives it.
    Property {
        /// The variable before the dot.
        var: String,
        /// Its label or type, if known.
        of: Option<Entity>,
    },
    /// A key in a pattern's property map: `(c:Country {na`.
    MapKey {
        /// The pattern's label or type, if given.
        of: Option<Entity>,
    },
    /// A value inside a string after `{key: '` or `var.key = '`.
    Value {
        /// The label (or type) whose values to offer, if known.
        of: Option<Entity>,
        /// The property key.
        key: String,
        /// The opening quote (`'` or `"`).
        quote: char,
    },
    /// A `$parameter`.
    Parameter,
    /// A keyword, function or variable.
    Word {
        /// Variables bound earlier in the statement.
        variables: Vec<String>,
    },
}

/// Where the word being completed starts (a byte offset in the text given
/// to [`context`]), its prefix, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// Start of the text the candidates replace.
    pub start: usize,
    /// The text typed so far (from `start` to the cursor).
    pub prefix: String,
    /// What is being typed.
    pub context: CompletionContext,
}

/// The meta-commands that take an argument from a fixed list.
const ARG_CHOICES: &[(&str, &[&str])] = &[
    (":format", &["table", "csv", "json", "jsonl"]),
    (":timing", &["on", "off"]),
    (":clear", &["params"]),
];

/// Significant tokens (no whitespace) of `text`.
fn significant(text: &str) -> Vec<Token> {
    lex::tokens(text)
        .into_iter()
        .filter(|t| t.kind != Kind::Space)
        .collect()
}

fn is_punct(t: Option<&Token>, text: &str, p: &str) -> bool {
    t.is_some_and(|t| t.kind == Kind::Punct && t.text(text) == p)
}

fn word<'a>(t: Option<&Token>, text: &'a str) -> Option<&'a str> {
    match t {
        Some(t) if t.kind == Kind::Word => Some(t.text(text)),
        Some(t) if matches!(t.kind, Kind::Backtick { closed: true }) => {
            let s = t.text(text);
            Some(&s[1..s.len() - 1])
        }
        _ => None,
    }
}

/// The start of the statement the cursor is in: just after the last `;`
/// that is code.
fn statement_start(before: &str) -> usize {
    lex::tokens(before)
        .iter()
        .rev()
        .find(|t| t.kind == Kind::Punct && t.text(before) == ";")
        .map_or(0, |t| t.end)
}

/// What is being typed at byte `pos` of `text` (`text` is the whole
/// statement so far, possibly several lines; text after `pos` is used only
/// to find a variable's label).
pub fn context(text: &str, pos: usize) -> Completion {
    let before = &text[..pos];
    let stmt_start = statement_start(before);
    let stmt = &before[stmt_start..];
    let full_stmt = &text[stmt_start..];
    let shift = |c: Completion| Completion {
        start: c.start + stmt_start,
        ..c
    };
    let trimmed = stmt.trim_start();
    if stmt_start == 0 && trimmed.starts_with(':') {
        let lead = stmt.len() - trimmed.len();
        return match trimmed.split_once(char::is_whitespace) {
            None => Completion {
                start: lead,
                prefix: trimmed.to_string(),
                context: CompletionContext::Command,
            },
            Some((cmd, rest)) => {
                let arg = rest.trim_start();
                let start = pos - arg.len();
                let context = match cmd {
                    ":source" | ":save" => CompletionContext::Path,
                    _ => CompletionContext::Argument {
                        command: cmd.to_string(),
                    },
                };
                Completion {
                    start,
                    prefix: arg.to_string(),
                    context,
                }
            }
        };
    }
    shift(statement_context(stmt, full_stmt))
}

fn statement_context(stmt: &str, full: &str) -> Completion {
    let toks = significant(stmt);
    let all = lex::tokens(stmt);
    let nothing = |start| Completion {
        start,
        prefix: String::new(),
        context: CompletionContext::Nothing,
    };
    let last = all.last().copied();
    // The word being typed (empty after punctuation or space).
    let (start, prefix, before_idx) = match last {
        Some(t) if t.kind == Kind::Word => (t.start, t.text(stmt).to_string(), toks.len() - 1),
        Some(t) if t.kind == Kind::Param => {
            return Completion {
                start: t.start + 1,
                prefix: t.text(stmt)[1..].to_string(),
                context: CompletionContext::Parameter,
            };
        }
        Some(t) if t.kind == (Kind::Str { closed: false }) => {
            return value_context(stmt, full, &toks, t);
        }
        Some(t) if matches!(t.kind, Kind::Punct | Kind::Space) => {
            (stmt.len(), String::new(), toks.len())
        }
        None => (0, String::new(), 0),
        Some(t) => return nothing(t.end),
    };
    if is_punct(toks[..before_idx].last(), stmt, "$") && last.is_some_and(|t| t.kind != Kind::Space)
    {
        return Completion {
            start,
            prefix,
            context: CompletionContext::Parameter,
        };
    }
    let prev = toks[..before_idx].last();
    let adjacent = prev.is_some_and(|p| p.end == start);
    let open = lex::end_state(&stmt[..start]).open;
    let innermost = open.last().map(|&(c, _)| c);
    let ctx = if adjacent && is_punct(prev, stmt, ".") {
        match word(toks[..before_idx - 1].last(), stmt) {
            Some(var) => CompletionContext::Property {
                var: var.to_string(),
                of: entity_of(full, var),
            },
            None => CompletionContext::Nothing,
        }
    } else if is_punct(prev, stmt, ":") && innermost != Some('{') {
        if innermost == Some('[') {
            CompletionContext::RelType
        } else {
            CompletionContext::Label
        }
    } else if is_punct(prev, stmt, "|") && innermost == Some('[') {
        CompletionContext::RelType
    } else if innermost == Some('{')
        && (is_punct(prev, stmt, "{") || is_punct(prev, stmt, ","))
        && let Some(of) = map_owner(stmt, &open)
    {
        CompletionContext::MapKey { of }
    } else {
        CompletionContext::Word {
            variables: variables(&stmt[..start]),
        }
    };
    Completion {
        start,
        prefix,
        context: ctx,
    }
}

/// For a `{` inside a node or relationship pattern: the pattern's label or
/// type (`Some(None)` when it has none); `None` when the `{` is a map literal.
fn map_owner(stmt: &str, open: &[(char, usize)]) -> Option<Option<Entity>> {
    let n = open.len();
    if n < 2 {
        return None;
    }
    let (outer, outer_at) = open[n - 2];
    let brace_at = open[n - 1].1;
    if outer != '(' && outer != '[' {
        return None;
    }
    let inside = &stmt[outer_at + 1..brace_at];
    let toks = significant(inside);
    // Only `var`, `:Label`s and `*` ranges may stand before the map.
    let pattern_like = toks.iter().all(|t| match t.kind {
        Kind::Word | Kind::Backtick { .. } | Kind::Number => true,
        Kind::Punct => matches!(t.text(inside), ":" | "|" | "*" | "." | "&"),
        _ => false,
    });
    if !pattern_like {
        return None;
    }
    let name = toks
        .iter()
        .position(|t| is_punct(Some(t), inside, ":"))
        .and_then(|i| word(toks.get(i + 1), inside))
        .map(str::to_string);
    Some(name.map(|n| {
        if outer == '(' {
            Entity::Label(n)
        } else {
            Entity::Type(n)
        }
    }))
}

/// The label (`(var:Label`) or type (`[var:TYPE`) the statement gives `var`.
pub fn entity_of(stmt: &str, var: &str) -> Option<Entity> {
    let toks = significant(stmt);
    for (i, t) in toks.iter().enumerate() {
        if word(Some(t), stmt) != Some(var) || i == 0 {
            continue;
        }
        let opener = toks[i - 1].text(stmt);
        if toks[i - 1].kind != Kind::Punct || (opener != "(" && opener != "[") {
            continue;
        }
        if is_punct(toks.get(i + 1), stmt, ":")
            && let Some(name) = word(toks.get(i + 2), stmt)
        {
            return Some(if opener == "(" {
                Entity::Label(name.to_string())
            } else {
                Entity::Type(name.to_string())
            });
        }
    }
    None
}

/// Variables bound in `stmt`: pattern variables (`(n`, `[r`), names after
/// `AS`, path variables (`p = (…)`), in order of appearance.
pub fn variables(stmt: &str) -> Vec<String> {
    let toks = significant(stmt);
    let mut out: Vec<String> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let Some(w) = word(Some(t), stmt) else {
            continue;
        };
        if lex::is_keyword(w) && t.kind == Kind::Word {
            continue;
        }
        let prev = i.checked_sub(1).map(|j| &toks[j]);
        let next = toks.get(i + 1);
        let after_opener = is_punct(prev, stmt, "(") || is_punct(prev, stmt, "[");
        // `(n)`, `(n:`, `(n {`, `[r]`, `[r:`, `[x IN` — but not `count(n)`.
        let pattern_var = after_opener
            && (is_punct(next, stmt, ":")
                || is_punct(next, stmt, ")")
                || is_punct(next, stmt, "]")
                || is_punct(next, stmt, "{")
                || word(next, stmt).is_some_and(|n| n.eq_ignore_ascii_case("IN")))
            && !(is_punct(prev, stmt, "(")
                && i >= 2
                && toks[i - 2].kind == Kind::Word
                && !lex::is_keyword(toks[i - 2].text(stmt)));
        let after_as = word(prev, stmt).is_some_and(|p| p.eq_ignore_ascii_case("AS"));
        let path_var = is_punct(next, stmt, "=")
            && (is_punct(toks.get(i + 2), stmt, "(")
                || word(toks.get(i + 2), stmt)
                    .is_some_and(|w| w.to_ascii_lowercase().contains("shortestpath")))
            && word(prev, stmt).is_some_and(|p| {
                p.eq_ignore_ascii_case("MATCH") || p.eq_ignore_ascii_case("MERGE")
            });
        if (pattern_var || after_as || path_var) && !out.iter().any(|v| v == w) {
            out.push(w.to_string());
        }
    }
    out
}

/// Inside an open string: is it a value of a known key?
fn value_context(stmt: &str, full: &str, toks: &[Token], s: Token) -> Completion {
    let quote = stmt[s.start..].chars().next().unwrap_or('\'');
    let mut c = Completion {
        start: s.start + 1,
        prefix: stmt[s.start + 1..].to_string(),
        context: CompletionContext::Nothing,
    };
    let mut i = toks.len() - 1; // the open string itself
    let at = |i: usize| toks.get(i);
    let text = |i: usize| at(i).map_or("", |t| t.text(stmt));
    // `{key: '…` in a pattern's map.
    if i >= 2 && text(i - 1) == ":" {
        if let Some(key) = word(at(i - 2), stmt) {
            let open = lex::end_state(&stmt[..s.start]).open;
            if open.last().map(|o| o.0) == Some('{') {
                let of = map_owner(stmt, &open).flatten();
                c.context = CompletionContext::Value {
                    of,
                    key: key.to_string(),
                    quote,
                };
            }
        }
        return c;
    }
    // `var.key IN ['a', '…`: step back over the list so far.
    if text(i - 1) == "[" || text(i - 1) == "," {
        let mut j = i - 1;
        while j > 0 && matches!(text(j), "," | "[" | "") {
            if text(j) == "[" {
                break;
            }
            j -= 1;
            if matches!(at(j).map(|t| t.kind), Some(Kind::Str { .. })) {
                j -= 1;
            } else {
                break;
            }
        }
        if text(j) != "[" || j == 0 || !text(j - 1).eq_ignore_ascii_case("IN") {
            return c;
        }
        i = j; // now the operator sits at i - 1
    }
    // `var.key <op> '…`.
    let mut k = i - 1;
    let op = text(k).to_ascii_uppercase();
    match op.as_str() {
        "=" | "IN" | "CONTAINS" => {}
        ">" if text(k - 1) == "<" => k -= 1,
        "WITH" if matches!(text(k - 1).to_ascii_uppercase().as_str(), "STARTS" | "ENDS") => k -= 1,
        _ => return c,
    }
    if k >= 3
        && text(k - 2) == "."
        && let (Some(key), Some(var)) = (word(at(k - 1), stmt), word(at(k - 3), stmt))
    {
        c.context = CompletionContext::Value {
            of: entity_of(full, var),
            key: key.to_string(),
            quote,
        };
    }
    c
}

/// Answers about the graph that completion needs.
pub trait GraphInfo {
    /// Every label.
    fn labels(&self) -> Vec<String>;
    /// Every relationship type.
    fn rel_types(&self) -> Vec<String>;
    /// Property keys of a label or type, or of everything.
    fn keys(&self, of: Option<&Entity>) -> Vec<String>;
    /// The distinct string values of `key` on nodes with the label (or
    /// relationships of the type), or on all nodes.
    fn values(&self, of: Option<&Entity>, key: &str) -> Vec<String>;
    /// Names of the parameters that are set.
    fn params(&self) -> Vec<String>;
}

/// One completion candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// What the list shows.
    pub display: String,
    /// What replaces the prefix.
    pub replacement: String,
}

fn cand(display: impl Into<String>, replacement: impl Into<String>) -> Candidate {
    Candidate {
        display: display.into(),
        replacement: replacement.into(),
    }
}

/// Quotes a name with backticks when it is not a plain identifier.
pub fn quote_name(name: &str) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_alphanumeric() || c == '_');
    if plain {
        name.to_string()
    } else {
        format!("`{}`", name.replace('`', "``"))
    }
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len()
        && s.is_char_boundary(prefix.len())
        && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Names from `names` that start with `prefix` (any case), as candidates.
fn names(names: impl IntoIterator<Item = String>, prefix: &str) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = names
        .into_iter()
        .filter(|n| starts_with_ci(n, prefix))
        .map(|n| cand(n.clone(), quote_name(&n)))
        .collect();
    out.dedup();
    out
}

/// The candidates for a completion.
pub fn candidates(c: &Completion, info: &dyn GraphInfo) -> Vec<Candidate> {
    let p = c.prefix.as_str();
    match &c.context {
        CompletionContext::Nothing | CompletionContext::Path => Vec::new(),
        CompletionContext::Command => help::COMMAND_NAMES
            .iter()
            .filter(|n| n.starts_with(p))
            .map(|n| cand(*n, *n))
            .collect(),
        CompletionContext::Argument { command } => {
            if command == ":help" {
                return help::topics()
                    .into_iter()
                    .filter(|t| starts_with_ci(t, p))
                    .map(|t| cand(t.clone(), t))
                    .collect();
            }
            ARG_CHOICES
                .iter()
                .find(|(c, _)| c == command)
                .map(|(_, choices)| {
                    choices
                        .iter()
                        .filter(|x| x.starts_with(p))
                        .map(|x| cand(*x, *x))
                        .collect()
                })
                .unwrap_or_default()
        }
        CompletionContext::Label => names(info.labels(), p),
        CompletionContext::RelType => names(info.rel_types(), p),
        CompletionContext::Property { of, .. } => names(info.keys(of.as_ref()), p),
        CompletionContext::MapKey { of } => names(info.keys(of.as_ref()), p)
            .into_iter()
            .map(|c| Candidate {
                replacement: format!("{}: ", c.replacement),
                ..c
            })
            .collect(),
        CompletionContext::Value { of, key, quote } => {
            let values = info.values(of.as_ref(), key);
            let mut hits: Vec<&String> = values.iter().filter(|v| starts_with_ci(v, p)).collect();
            if hits.is_empty() {
                let lower = p.to_lowercase();
                hits = values
                    .iter()
                    .filter(|v| v.to_lowercase().contains(&lower))
                    .collect();
            }
            hits.into_iter()
                .map(|v| {
                    let escaped = v
                        .replace('\\', "\\\\")
                        .replace(*quote, &format!("\\{quote}"));
                    cand(v.clone(), format!("{escaped}{quote}"))
                })
                .collect()
        }
        CompletionContext::Parameter => names(info.params(), p),
        CompletionContext::Word { variables } => {
            let mut out: Vec<Candidate> = variables
                .iter()
                .filter(|v| v.starts_with(p) && v.as_str() != p)
                .map(|v| cand(v.clone(), v.clone()))
                .collect();
            if p.is_empty() {
                return out;
            }
            let upper = p.chars().next().is_some_and(char::is_uppercase);
            for k in lex::KEYWORDS {
                if starts_with_ci(k, p) {
                    let k = if upper {
                        k.to_string()
                    } else {
                        k.to_ascii_lowercase()
                    };
                    out.push(cand(k.clone(), k));
                }
            }
            for f in help::FUNCTIONS.iter().flat_map(|f| f.names.split(' ')) {
                if starts_with_ci(f, p) && !out.iter().any(|c| c.display == format!("{f}()")) {
                    out.push(cand(format!("{f}()"), format!("{f}(")));
                }
            }
            out
        }
    }
}

/// One entry of `CALL db.schema()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaEntry {
    /// A label or a relationship type.
    pub entity: Entity,
    /// How many nodes or relationships.
    pub count: i64,
    /// Their property keys.
    pub properties: Vec<String>,
}

/// Reads the rows of `CALL db.schema()`.
pub fn parse_schema(r: &QueryResult) -> Vec<SchemaEntry> {
    let col = |n: &str| r.column(n);
    let (Some(kind), Some(name), Some(count), Some(props)) =
        (col("kind"), col("name"), col("count"), col("properties"))
    else {
        return Vec::new();
    };
    r.rows
        .iter()
        .filter_map(|row| {
            let name = row[name].as_str()?.to_string();
            let entity = match row[kind].as_str()? {
                "label" => Entity::Label(name),
                _ => Entity::Type(name),
            };
            let properties = match &row[props] {
                Value::List(l) => l
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
                _ => Vec::new(),
            };
            Some(SchemaEntry {
                entity,
                count: row[count].as_int().unwrap_or(0),
                properties,
            })
        })
        .collect()
}

/// [`GraphInfo`] from a database, cached until [`DbInfo::invalidate`].
#[derive(Debug)]
pub struct DbInfo {
    db: Database,
    schema: RefCell<Option<Vec<SchemaEntry>>>,
    values: RefCell<HashMap<(Option<Entity>, String), Vec<String>>>,
    params: RefCell<Vec<String>>,
}

/// At most this many values are offered for one key.
const MAX_VALUES: usize = 1000;

impl DbInfo {
    /// Answers from `db`.
    pub fn new(db: Database) -> DbInfo {
        DbInfo {
            db,
            schema: RefCell::new(None),
            values: RefCell::new(HashMap::new()),
            params: RefCell::new(Vec::new()),
        }
    }

    /// Forgets every cached answer (the graph may have changed).
    pub fn invalidate(&self) {
        self.schema.borrow_mut().take();
        self.values.borrow_mut().clear();
    }

    /// Sets the parameter names offered after `$`.
    pub fn set_params(&self, names: Vec<String>) {
        *self.params.borrow_mut() = names;
    }

    /// The schema (labels and types with counts and keys), cached.
    pub fn schema(&self) -> Vec<SchemaEntry> {
        if let Some(s) = &*self.schema.borrow() {
            return s.clone();
        }
        let s = self
            .db
            .execute("CALL db.schema()")
            .map(|r| parse_schema(&r))
            .unwrap_or_default();
        *self.schema.borrow_mut() = Some(s.clone());
        s
    }

    fn query_strings(&self, q: &str) -> Vec<String> {
        let Ok(r) = self.db.execute(q) else {
            return Vec::new();
        };
        let mut out: Vec<String> = r
            .rows
            .iter()
            .filter_map(|row| row.first()?.as_str().map(str::to_string))
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

impl GraphInfo for DbInfo {
    fn labels(&self) -> Vec<String> {
        self.schema()
            .into_iter()
            .filter_map(|e| match e.entity {
                Entity::Label(l) => Some(l),
                Entity::Type(_) => None,
            })
            .collect()
    }

    fn rel_types(&self) -> Vec<String> {
        self.schema()
            .into_iter()
            .filter_map(|e| match e.entity {
                Entity::Type(t) => Some(t),
                Entity::Label(_) => None,
            })
            .collect()
    }

    fn keys(&self, of: Option<&Entity>) -> Vec<String> {
        let schema = self.schema();
        let mut keys: Vec<String> = schema
            .iter()
            .filter(|e| of.is_none_or(|o| *o == e.entity))
            .flat_map(|e| e.properties.iter().cloned())
            .collect();
        if keys.is_empty() && of.is_some() {
            // An unknown label: offer every key.
            return self.keys(None);
        }
        keys.sort();
        keys.dedup();
        keys
    }

    fn values(&self, of: Option<&Entity>, key: &str) -> Vec<String> {
        let cache_key = (of.cloned(), key.to_string());
        if let Some(v) = self.values.borrow().get(&cache_key) {
            return v.clone();
        }
        let k = quote_name(key);
        let q = match of {
            Some(Entity::Label(l)) => format!(
                "MATCH (n:{}) WHERE n.{k} IS NOT NULL RETURN DISTINCT n.{k} LIMIT {MAX_VALUES}",
                quote_name(l)
            ),
            Some(Entity::Type(t)) => format!(
                "MATCH ()-[n:{}]->() WHERE n.{k} IS NOT NULL RETURN DISTINCT n.{k} LIMIT {MAX_VALUES}",
                quote_name(t)
            ),
            None => format!(
                "MATCH (n) WHERE n.{k} IS NOT NULL RETURN DISTINCT n.{k} LIMIT {MAX_VALUES}"
            ),
        };
        let v = self.query_strings(&q);
        self.values.borrow_mut().insert(cache_key, v.clone());
        v
    }

    fn params(&self) -> Vec<String> {
        self.params.borrow().clone()
    }
}

/// "Did you mean" notes for names in a statement that failed, which the
/// graph does not have: labels and relationship types. (A statement that
/// runs gets the library's notifications instead.)
pub fn name_hints(stmt: &str, info: &dyn GraphInfo) -> Vec<String> {
    // (a misspelt clause is the syntax error's own "did you mean")
    let mut out = Vec::new();
    let toks = significant(stmt);
    let labels = info.labels();
    let types = info.rel_types();
    let mut seen = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if !is_punct(Some(t), stmt, ":") && !is_punct(Some(t), stmt, "|") {
            continue;
        }
        let Some(name) = word(toks.get(i + 1), stmt) else {
            continue;
        };
        let open = lex::end_state(&stmt[..t.start]).open;
        let (known, what, sigil) = match open.last().map(|o| o.0) {
            Some('{') => continue,
            Some('[') => (&types, "relationship type", ":"),
            _ if is_punct(Some(t), stmt, "|") => continue,
            _ => (&labels, "label", ":"),
        };
        if known.iter().any(|k| k == name) || seen.contains(&name) {
            continue;
        }
        seen.push(name);
        match closest(name, known.iter().cloned()) {
            Some(s) => out.push(format!(
                "the graph has no {what} {sigil}{name}; did you mean {sigil}{s}?"
            )),
            None => out.push(format!("the graph has no {what} {sigil}{name}")),
        }
    }
    out
}

/// The closest of `options` to `word` if it looks like a typo (case is
/// ignored).
pub fn closest(word: &str, options: impl IntoIterator<Item = String>) -> Option<String> {
    plenary::did_you_mean(word, options)
}

#[cfg(test)]
mod tests {
    use super::*;
    use CompletionContext as C;

    fn ctx(text: &str) -> CompletionContext {
        context(text, text.len()).context
    }

    fn label(l: &str) -> Option<Entity> {
        Some(Entity::Label(l.into()))
    }

    #[test]
    fn meta_commands() {
        assert_eq!(ctx(":he"), C::Command);
        assert_eq!(context(":he", 3).start, 0);
        assert_eq!(ctx(":source da"), C::Path);
        let c = context(":help MA", 8);
        assert_eq!(
            c.context,
            C::Argument {
                command: ":help".into()
            }
        );
        assert_eq!((c.start, c.prefix.as_str()), (6, "MA"));
    }

    #[test]
    fn labels_and_types() {
        assert_eq!(ctx("MATCH (c:Cou"), C::Label);
        assert_eq!(ctx("MATCH (:"), C::Label);
        assert_eq!(ctx("MATCH (n) WHERE n:"), C::Label);
        assert_eq!(ctx("MATCH (a)-[:VO"), C::RelType);
        assert_eq!(ctx("MATCH (a)-[r:"), C::RelType);
        assert_eq!(ctx("MATCH (a)-[r:A|"), C::RelType);
        let c = context("MATCH (c:Cou", 12);
        assert_eq!((c.start, c.prefix.as_str()), (9, "Cou"));
        // A map's `:` is not a label.
        assert!(matches!(ctx("RETURN {a: "), C::Word { .. }));
    }

    #[test]
    fn properties_and_map_keys() {
        assert_eq!(
            ctx("MATCH (c:Country) RETURN c.na"),
            C::Property {
                var: "c".into(),
                of: label("Country")
            }
        );
        assert_eq!(
            ctx("MATCH ()-[v:VOTED]->() RETURN v."),
            C::Property {
                var: "v".into(),
                of: Some(Entity::Type("VOTED".into()))
            }
        );
        assert_eq!(
            ctx("WITH 1 AS x RETURN x."),
            C::Property {
                var: "x".into(),
                of: None
            }
        );
        assert_eq!(
            ctx("MATCH (c:Country {"),
            C::MapKey {
                of: label("Country")
            }
        );
        assert_eq!(
            ctx("MATCH (c:Country {name: 'Syria', co"),
            C::MapKey {
                of: label("Country")
            }
        );
        assert!(matches!(ctx("RETURN {"), C::Word { .. }));
    }

    #[test]
    fn values() {
        let v = |of, key: &str| C::Value {
            of,
            key: key.into(),
            quote: '\'',
        };
        assert_eq!(
            ctx("MATCH (c:Country {name: 'Sy"),
            v(label("Country"), "name")
        );
        let c = context("MATCH (c:Country {name: 'Sy", 27);
        assert_eq!((c.start, c.prefix.as_str()), (25, "Sy"));
        assert_eq!(
            ctx("MATCH (c:Country) WHERE c.code = '"),
            v(label("Country"), "code")
        );
        // The label may come from an earlier clause, or not at all.
        assert_eq!(
            ctx("MATCH (c:Person) WITH c WHERE c.name = '"),
            v(label("Person"), "name")
        );
        assert_eq!(ctx("MATCH (n) WHERE n.name <> '"), v(None, "name"));
        assert_eq!(
            ctx("MATCH (n:Group) WHERE n.name STARTS WITH 'A"),
            v(label("Group"), "name")
        );
        assert_eq!(
            ctx("MATCH (n:Country) WHERE n.code IN ['RU', '"),
            v(label("Country"), "code")
        );
        assert_eq!(
            ctx("MATCH (n:Country) WHERE n.code IN ['"),
            v(label("Country"), "code")
        );
        assert_eq!(
            ctx("MATCH ()-[r:VOTED {vote: \""),
            C::Value {
                of: Some(Entity::Type("VOTED".into())),
                key: "vote".into(),
                quote: '"'
            }
        );
        assert_eq!(ctx("RETURN 'abc"), C::Nothing);
        assert_eq!(ctx("RETURN 1 // n."), C::Nothing);
    }

    #[test]
    fn words_and_variables() {
        assert_eq!(
            ctx("MATCH (c:Country)-[v:VOTED]->(r) WITH c, count(r) AS n RETURN "),
            C::Word {
                variables: vec!["c".into(), "v".into(), "r".into(), "n".into()]
            }
        );
        assert_eq!(
            ctx("MATCH p = (a)-->(b) UNWIND [x IN [1] | x] AS y RETURN "),
            C::Word {
                variables: vec!["p".into(), "a".into(), "b".into(), "x".into(), "y".into()]
            }
        );
        assert_eq!(ctx("RETURN $na"), C::Parameter);
        // Only the statement at the cursor counts.
        assert_eq!(
            ctx("MATCH (a) RETURN a; MATCH (b) RETURN "),
            C::Word {
                variables: vec!["b".into()]
            }
        );
    }

    struct Fake;
    impl GraphInfo for Fake {
        fn labels(&self) -> Vec<String> {
            vec!["Country".into(), "Person".into(), "Odd Label".into()]
        }
        fn rel_types(&self) -> Vec<String> {
            vec!["VOTED".into(), "VETOED".into()]
        }
        fn keys(&self, _: Option<&Entity>) -> Vec<String> {
            vec!["code".into(), "name".into()]
        }
        fn values(&self, of: Option<&Entity>, key: &str) -> Vec<String> {
            assert_eq!((of, key), (label("Country").as_ref(), "name"));
            vec!["Russia".into(), "Syria".into(), "Côte d'Ivoire".into()]
        }
        fn params(&self) -> Vec<String> {
            vec!["name".into()]
        }
    }

    fn complete(text: &str) -> Vec<String> {
        candidates(&context(text, text.len()), &Fake)
            .into_iter()
            .map(|c| c.replacement)
            .collect()
    }

    #[test]
    fn candidates_from_the_graph() {
        assert_eq!(complete("MATCH (c:Co"), vec!["Country"]);
        assert_eq!(complete("MATCH (c:O"), vec!["`Odd Label`"]);
        assert_eq!(complete("MATCH ()-[:V"), vec!["VOTED", "VETOED"]);
        assert_eq!(complete("MATCH (c:Country {n"), vec!["name: "]);
        assert_eq!(complete("MATCH (c:Country {name: 'S"), vec!["Syria'"]);
        assert_eq!(
            complete("MATCH (c:Country {name: 'ivo"),
            vec!["Côte d\\'Ivoire'"]
        );
        assert_eq!(
            complete("MATCH (c:Country) WHERE c.name = 'R"),
            vec!["Russia'"]
        );
        assert_eq!(complete("RETURN $n"), vec!["name"]);
        assert_eq!(complete(":form"), vec![":format"]);
        assert_eq!(complete(":format j"), vec!["json", "jsonl"]);
        let w = complete("MATCH (country) RETURN co");
        assert_eq!(w[0], "country");
        assert!(w.contains(&"count(".to_string()));
        assert!(w.contains(&"collect(".to_string()));
        assert!(complete("MATCH (n) RET").contains(&"RETURN".to_string()));
        assert!(complete("match (n) ret").contains(&"return".to_string()));
        assert!(complete(":help ord").contains(&"ORDER BY".to_string()));
    }

    #[test]
    fn hints_for_unknown_names() {
        let h = name_hints("MATCH (c:Contry)-[:VOTD]->(r) RETURN c", &Fake);
        assert_eq!(
            h,
            vec![
                "the graph has no label :Contry; did you mean :Country?",
                "the graph has no relationship type :VOTD; did you mean :VOTED?"
            ]
        );
        assert!(name_hints("MATCH (c:Country {name: 'x'}) RETURN c", &Fake).is_empty());
        // a misspelt clause is the parser's to name
        assert!(name_hints("MACTH (n) RETURN n", &Fake).is_empty());
        let e = Database::in_memory()
            .unwrap()
            .execute("MACTH (n) RETURN n")
            .unwrap_err();
        assert!(e.message().ends_with("did you mean MATCH?"), "{e}");
    }

    #[test]
    fn db_info_reads_the_graph() {
        let db = Database::in_memory().unwrap();
        db.execute("CREATE (:Country {name: 'Syria', code: 'SY'})-[:VOTED {vote: 'no'}]->(:Resolution {id: 'r'})")
            .unwrap();
        let info = DbInfo::new(db.clone());
        assert_eq!(info.labels(), vec!["Country", "Resolution"]);
        assert_eq!(info.rel_types(), vec!["VOTED"]);
        assert_eq!(info.keys(label("Country").as_ref()), vec!["code", "name"]);
        assert_eq!(
            info.values(label("Country").as_ref(), "name"),
            vec!["Syria"]
        );
        assert_eq!(info.values(None, "id"), vec!["r"]);
        assert_eq!(
            info.values(Some(&Entity::Type("VOTED".into())), "vote"),
            vec!["no"]
        );
        db.execute("CREATE (:Country {name: 'Russia'})").unwrap();
        assert_eq!(
            info.values(label("Country").as_ref(), "name"),
            vec!["Syria"]
        );
        info.invalidate();
        assert_eq!(
            info.values(label("Country").as_ref(), "name"),
            vec!["Russia", "Syria"]
        );
    }
}
