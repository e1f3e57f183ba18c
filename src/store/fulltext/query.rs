//! The Lucene-style query syntax of full-text queries, parsed by hand.
//!
//! ```text
//! query   := or
//! or      := and ( ("OR" | "||")? and )*        juxtaposition is OR (the default operator)
//! and     := clause ( ("AND" | "&&") clause )*  AND binds tighter than OR
//! clause  := ("+" | "-")? ("NOT" | "!")? primary
//! primary := (field ":")? ( "(" or ")" | '"' phrase '"' | term ("~" digit?)? ) ("^" number)?
//! ```
//!
//! A term with an unescaped `*` at its end only is a prefix query, with
//! `*` or `?` elsewhere a wildcard query; `\` escapes any character.
//! Operators are upper case, as in Lucene. Ranges (`[a TO b]`), regular
//! expressions (`/re/`) and phrase slop (`"a b"~2`) are refused with a
//! message. Errors carry the (1-based) character position in the query.

/// How a clause takes part in a boolean query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occur {
    /// Must match (`+`, `AND`).
    Must,
    /// May match, adds to the score (the default).
    Should,
    /// Must not match (`-`, `NOT`).
    MustNot,
}

/// What a leaf matches.
#[derive(Debug, Clone, PartialEq)]
pub enum Leaf {
    /// Text analyzed into terms (several terms: any of them).
    Term(String),
    /// Text analyzed into terms that must follow each other.
    Phrase(String),
    /// Terms starting with this (normalized, not analyzed).
    Prefix(String),
    /// Terms matching this pattern (`*` any run, `?` one character).
    Wildcard(String),
    /// Terms within this many edits (Damerau–Levenshtein, at most 2).
    Fuzzy(String, u8),
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum Query {
    /// A boolean combination.
    Bool(Vec<(Occur, Query)>),
    /// A leaf in one field (or every field of the index).
    Leaf {
        /// The field (property) it is restricted to.
        field: Option<String>,
        /// What it matches.
        leaf: Leaf,
        /// Its score factor (`^2`).
        boost: f64,
    },
    /// A boosted group.
    Boost(Box<Query>, f64),
}

/// A malformed query: what went wrong and where (1-based character).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The message.
    pub message: String,
    /// The 1-based character position.
    pub position: usize,
}

/// Deepest nesting of parentheses accepted.
const MAX_DEPTH: usize = 64;

/// Parses a query string.
pub fn parse(text: &str) -> Result<Query, ParseError> {
    let mut p = Parser {
        c: text.chars().collect(),
        i: 0,
        depth: 0,
    };
    p.skip_ws();
    if p.at_end() {
        return p.fail("the query is empty");
    }
    let (occur, q) = p.or(None)?;
    p.skip_ws();
    if let Some(c) = p.peek() {
        return p.fail(format!("unexpected '{c}'"));
    }
    // a lone clause keeps its modifier (`-war` alone matches nothing)
    Ok(match occur {
        Occur::Should => q,
        o => Query::Bool(vec![(o, q)]),
    })
}

struct Parser {
    c: Vec<char>,
    i: usize,
    depth: usize,
}

/// Characters that end a term (unless escaped).
fn ends_term(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | ':' | '^' | '~' | '"' | '[' | ']' | '{' | '}')
}

#[derive(Clone, Copy, PartialEq)]
enum Op {
    And,
    Or,
    Not,
}

impl Parser {
    fn fail<T>(&self, message: impl Into<String>) -> Result<T, ParseError> {
        self.fail_at(self.i, message)
    }

    fn fail_at<T>(&self, at: usize, message: impl Into<String>) -> Result<T, ParseError> {
        Err(ParseError {
            message: message.into(),
            position: at + 1,
        })
    }

    fn peek(&self) -> Option<char> {
        self.c.get(self.i).copied()
    }

    fn at_end(&self) -> bool {
        self.i >= self.c.len()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.i += 1;
        }
    }

    fn starts_with(&self, s: &str) -> bool {
        s.chars()
            .enumerate()
            .all(|(k, c)| self.c.get(self.i + k) == Some(&c))
    }

    /// The operator at the current position (after white space), and its length.
    fn op(&self) -> Option<(Op, usize)> {
        for (word, op) in [("AND", Op::And), ("OR", Op::Or), ("NOT", Op::Not)] {
            if self.starts_with(word) {
                let next = self.c.get(self.i + word.len()).copied();
                if next.is_none_or(|c| c.is_whitespace() || c == '(' || c == '"') {
                    return Some((op, word.len()));
                }
            }
        }
        if self.starts_with("&&") {
            return Some((Op::And, 2));
        }
        if self.starts_with("||") {
            return Some((Op::Or, 2));
        }
        if self.peek() == Some('!') {
            return Some((Op::Not, 1));
        }
        None
    }

    fn or(&mut self, field: Option<&str>) -> Result<(Occur, Query), ParseError> {
        let mut items = Vec::new();
        loop {
            self.skip_ws();
            if self.at_end() || self.peek() == Some(')') {
                break;
            }
            if let Some((Op::Or, n)) = self.op() {
                if items.is_empty() {
                    return self.fail("OR needs a clause before it");
                }
                let at = self.i;
                self.i += n;
                self.skip_ws();
                if self.at_end() || self.peek() == Some(')') {
                    return self.fail_at(at, "OR needs a clause after it");
                }
                continue;
            }
            if let Some((Op::And, _)) = self.op() {
                return self.fail("AND needs a clause before it");
            }
            items.push(self.and(field)?);
        }
        if items.is_empty() {
            return self.fail("expected a term, a phrase or a group");
        }
        if items.len() == 1 {
            return Ok(items.pop().expect("one item"));
        }
        Ok((Occur::Should, Query::Bool(items)))
    }

    fn and(&mut self, field: Option<&str>) -> Result<(Occur, Query), ParseError> {
        let first = self.clause(field)?;
        let mut items = vec![first];
        loop {
            let save = self.i;
            self.skip_ws();
            match self.op() {
                Some((Op::And, n)) => {
                    let at = self.i;
                    self.i += n;
                    self.skip_ws();
                    if self.at_end() || self.peek() == Some(')') {
                        return self.fail_at(at, "AND needs a clause after it");
                    }
                    items.push(self.clause(field)?);
                }
                _ => {
                    self.i = save;
                    break;
                }
            }
        }
        if items.len() == 1 {
            return Ok(items.pop().expect("one item"));
        }
        let items = items
            .into_iter()
            .map(|(o, q)| {
                let o = if o == Occur::MustNot {
                    Occur::MustNot
                } else {
                    Occur::Must
                };
                (o, q)
            })
            .collect();
        Ok((Occur::Should, Query::Bool(items)))
    }

    fn clause(&mut self, field: Option<&str>) -> Result<(Occur, Query), ParseError> {
        self.skip_ws();
        let mut occur = Occur::Should;
        match self.peek() {
            Some('+') => {
                occur = Occur::Must;
                self.i += 1;
            }
            Some('-') => {
                occur = Occur::MustNot;
                self.i += 1;
            }
            _ => {}
        }
        if let Some((Op::Not, n)) = self.op() {
            occur = Occur::MustNot;
            self.i += n;
            self.skip_ws();
        }
        if matches!(self.peek(), Some('+' | '-')) || matches!(self.op(), Some((Op::Not, _))) {
            return self.fail("one modifier per clause");
        }
        Ok((occur, self.primary(field)?))
    }

    fn primary(&mut self, field: Option<&str>) -> Result<Query, ParseError> {
        let Some(c) = self.peek() else {
            return self.fail("expected a term, found the end of the query");
        };
        let q = match c {
            '(' => {
                let open = self.i;
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return self.fail(format!("more than {MAX_DEPTH} nested parentheses"));
                }
                self.i += 1;
                self.skip_ws();
                if self.peek() == Some(')') {
                    return self.fail("empty parentheses");
                }
                let (occur, inner) = self.or(field)?;
                if self.peek() != Some(')') {
                    return self.fail_at(open, "this '(' is never closed");
                }
                self.i += 1;
                self.depth -= 1;
                // a single clause in parentheses keeps its modifier
                match occur {
                    Occur::Should => inner,
                    o => Query::Bool(vec![(o, inner)]),
                }
            }
            '"' => {
                let text = self.phrase()?;
                if self.peek() == Some('~') {
                    return self.fail("phrase slop (\"…\"~N) is not supported");
                }
                Query::Leaf {
                    field: field.map(str::to_string),
                    leaf: Leaf::Phrase(text),
                    boost: 1.0,
                }
            }
            '[' | '{' => return self.fail("range queries ([a TO b]) are not supported"),
            '/' => return self.fail("regular expression queries (/…/) are not supported"),
            c if c.is_whitespace() => return self.fail("expected a term after the modifier"),
            c if ends_term(c) => return self.fail(format!("unexpected '{c}'")),
            _ => {
                let start = self.i;
                let word = self.word()?;
                if self.peek() == Some(':') {
                    let name: String = word.iter().map(|(c, _)| c).collect();
                    if word.iter().any(|(c, esc)| !esc && matches!(c, '*' | '?')) {
                        return self.fail_at(start, "a field name cannot hold '*' or '?'");
                    }
                    self.i += 1;
                    if self.peek().is_none_or(char::is_whitespace) {
                        return self.fail(format!("expected a term after '{name}:'"));
                    }
                    return self.primary(Some(&name));
                }
                let leaf = self.leaf(start, word)?;
                Query::Leaf {
                    field: field.map(str::to_string),
                    leaf,
                    boost: 1.0,
                }
            }
        };
        if self.peek() == Some('~') {
            return self.fail("'~' (fuzzy) applies to a single term only");
        }
        if self.peek() == Some('^') {
            let boost = self.boost()?;
            return Ok(match q {
                Query::Leaf { field, leaf, .. } => Query::Leaf { field, leaf, boost },
                q => Query::Boost(Box::new(q), boost),
            });
        }
        Ok(q)
    }

    /// A term's characters, each with whether it was escaped.
    fn word(&mut self) -> Result<Vec<(char, bool)>, ParseError> {
        let mut out = Vec::new();
        while let Some(c) = self.peek() {
            if c == '\\' {
                let Some(&n) = self.c.get(self.i + 1) else {
                    return self.fail("'\\' at the end of the query escapes nothing");
                };
                out.push((n, true));
                self.i += 2;
            } else if ends_term(c) {
                break;
            } else {
                out.push((c, false));
                self.i += 1;
            }
        }
        Ok(out)
    }

    fn leaf(&mut self, start: usize, word: Vec<(char, bool)>) -> Result<Leaf, ParseError> {
        let text: String = word.iter().map(|(c, _)| c).collect();
        let wild: Vec<usize> = (0..word.len())
            .filter(|&k| !word[k].1 && matches!(word[k].0, '*' | '?'))
            .collect();
        if self.peek() == Some('~') {
            if !wild.is_empty() {
                return self.fail("a fuzzy term cannot hold '*' or '?'");
            }
            let at = self.i;
            self.i += 1;
            let mut num = String::new();
            while let Some(c) = self.peek().filter(|c| c.is_ascii_digit() || *c == '.') {
                num.push(c);
                self.i += 1;
            }
            let edits = match num.as_str() {
                "" => 2,
                "0" => 0,
                "1" => 1,
                "2" => 2,
                _ => {
                    return self.fail_at(
                        at,
                        format!("a fuzzy term takes at most 2 edits (term~, term~1, term~2), found ~{num}"),
                    );
                }
            };
            return Ok(Leaf::Fuzzy(text, edits));
        }
        if wild.is_empty() {
            return Ok(Leaf::Term(text));
        }
        if wild.len() == 1 && wild[0] + 1 == word.len() && word[wild[0]].0 == '*' {
            if word.len() == 1 {
                return self.fail_at(start, "a lone '*' matches nothing: give a prefix (peace*)");
            }
            let prefix: String = word[..word.len() - 1].iter().map(|(c, _)| c).collect();
            return Ok(Leaf::Prefix(prefix));
        }
        // a pattern: escaped wildcard characters stand for themselves
        let pattern: String = word
            .iter()
            .map(|&(c, esc)| match (c, esc) {
                ('*', false) => WILD_ANY,
                ('?', false) => WILD_ONE,
                (c, _) => c,
            })
            .collect();
        Ok(Leaf::Wildcard(pattern))
    }

    fn phrase(&mut self) -> Result<String, ParseError> {
        let open = self.i;
        self.i += 1;
        let mut text = String::new();
        loop {
            match self.peek() {
                None => return self.fail_at(open, "this '\"' is never closed"),
                Some('"') => {
                    self.i += 1;
                    return Ok(text);
                }
                Some('\\') => {
                    if let Some(&n) = self.c.get(self.i + 1) {
                        text.push(n);
                    }
                    self.i += 2;
                }
                Some(c) => {
                    text.push(c);
                    self.i += 1;
                }
            }
        }
    }

    fn boost(&mut self) -> Result<f64, ParseError> {
        let at = self.i;
        self.i += 1;
        let mut num = String::new();
        while let Some(c) = self.peek().filter(|c| c.is_ascii_digit() || *c == '.') {
            num.push(c);
            self.i += 1;
        }
        match num.parse::<f64>() {
            Ok(b) if b.is_finite() => Ok(b),
            _ => self.fail_at(at, "expected a number after '^' (term^2)"),
        }
    }
}

/// The wildcard pattern's "any run" (a private-use character: never in a term).
pub const WILD_ANY: char = '\u{F8FF}';
/// The wildcard pattern's "one character".
pub const WILD_ONE: char = '\u{F8FE}';

/// Whether `term` matches a wildcard pattern (iterative, with backtracking
/// to the last `*` only: linear space, quadratic time at worst).
pub fn wildcard_match(pattern: &[char], term: &str) -> bool {
    let t: Vec<char> = term.chars().collect();
    let (mut p, mut i) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while i < t.len() {
        if p < pattern.len() && (pattern[p] == WILD_ONE || pattern[p] == t[i]) {
            p += 1;
            i += 1;
        } else if p < pattern.len() && pattern[p] == WILD_ANY {
            star = Some((p, i));
            p += 1;
        } else if let Some((sp, si)) = star {
            p = sp + 1;
            i = si + 1;
            star = Some((sp, si + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|c| *c == WILD_ANY)
}

/// The optimal-string-alignment distance of `a` and `b` (edits:
/// insertion, deletion, substitution, transposition of neighbours), or
/// `None` once it exceeds `max`.
pub fn edit_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let w = b.len() + 1;
    let mut prev2 = vec![0usize; w];
    let mut prev: Vec<usize> = (0..w).collect();
    let mut cur = vec![0usize; w];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(t: &str) -> Query {
        Query::Leaf {
            field: None,
            leaf: Leaf::Term(t.into()),
            boost: 1.0,
        }
    }

    #[test]
    fn precedence_and_modifiers() {
        assert_eq!(parse("a").unwrap(), term("a"));
        assert_eq!(
            parse("a b AND c").unwrap(),
            Query::Bool(vec![
                (Occur::Should, term("a")),
                (
                    Occur::Should,
                    Query::Bool(vec![(Occur::Must, term("b")), (Occur::Must, term("c"))])
                )
            ])
        );
        assert_eq!(
            parse("+a -b NOT c").unwrap(),
            Query::Bool(vec![
                (Occur::Must, term("a")),
                (Occur::MustNot, term("b")),
                (Occur::MustNot, term("c"))
            ])
        );
        assert_eq!(
            parse("text:peace*").unwrap(),
            Query::Leaf {
                field: Some("text".into()),
                leaf: Leaf::Prefix("peace".into()),
                boost: 1.0
            }
        );
        assert_eq!(
            parse("syria~1^2").unwrap(),
            Query::Leaf {
                field: None,
                leaf: Leaf::Fuzzy("syria".into(), 1),
                boost: 2.0
            }
        );
        assert_eq!(parse("peace-keeping").unwrap(), term("peace-keeping"));
        assert_eq!(parse("ANDROID").unwrap(), term("ANDROID"));
    }

    #[test]
    fn errors_have_positions() {
        let e = |q: &str| parse(q).unwrap_err();
        assert_eq!(e("(a b").position, 1);
        assert_eq!(e("a AND").position, 3);
        assert_eq!(e("\"open").position, 1);
        assert_eq!(e("a)").position, 2);
        assert_eq!(e("x~7").position, 2);
        assert_eq!(e("").position, 1);
        assert_eq!(e("[a TO b]").position, 1);
        assert!(parse(&"(".repeat(10_000)).is_err());
    }

    #[test]
    fn wildcards_and_distances() {
        let p: Vec<char> = format!("pe{WILD_ONE}ce{WILD_ANY}").chars().collect();
        assert!(wildcard_match(&p, "peacekeeping"));
        assert!(wildcard_match(&p, "peace"));
        assert!(!wildcard_match(&p, "pace"));
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(edit_distance(&c("syria"), &c("sryia"), 2), Some(1));
        assert_eq!(edit_distance(&c("syria"), &c("siberia"), 2), None);
        assert_eq!(edit_distance(&c("kitten"), &c("sitting"), 3), Some(3));
    }
}
