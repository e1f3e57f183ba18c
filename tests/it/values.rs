//! TCK literal notation: the parser for expected values in case files, the
//! conversion of literals into query parameters, and the comparator that
//! decides whether a result [`Value`] matches an expected literal.
//!
//! Notation: `null`, `true`, `false`, integers (`-3`), floats (`1.0`,
//! `-1.5e10`, `NaN`, `Infinity`, `-Infinity`), strings in single or double
//! quotes (backslash escapes), lists `[1, 2]`, maps `{k: 1, `odd key`: 2}`,
//! nodes `(:A:B {k: 1})` / `()` / `({k: 1})`, relationships `[:T {k: 1}]`,
//! paths `<(:A)-[:T]->(:B)<-[:U]-(:C)>`.
//!
//! Matching rules: integers and floats are different types (`1` never
//! matches `1.0`); floats compare exactly, except that an expected `NaN`
//! matches a NaN; nodes compare by label set and properties (ids ignored);
//! relationships by type and properties; paths node by node and
//! relationship by relationship, including each relationship's direction;
//! lists in order; maps by key set and values. A temporal result value
//! (date, time, datetime, duration, …) matches an expected string equal to
//! its ISO text, i.e. its `Display` form without the quotes.

use std::collections::BTreeMap;
use std::fmt;

use plenary::Value;

/// An expected value, as written in a case file.
#[derive(Debug, Clone, PartialEq)]
pub enum Lit {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    List(Vec<Lit>),
    Map(BTreeMap<String, Lit>),
    Node(NodeLit),
    Rel(RelLit),
    Path(PathLit),
}

/// `(:A:B {k: v})`; labels sorted and deduplicated.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeLit {
    pub labels: Vec<String>,
    pub props: BTreeMap<String, Lit>,
}

/// `[:T {k: v}]`.
#[derive(Debug, Clone, PartialEq)]
pub struct RelLit {
    pub rel_type: String,
    pub props: BTreeMap<String, Lit>,
}

/// `<(a)-[r]->(b)<-[s]-(c)>`: the start node, then one step per hop.
#[derive(Debug, Clone, PartialEq)]
pub struct PathLit {
    pub start: NodeLit,
    pub steps: Vec<Step>,
}

/// One hop of a path; `forward` is true for `-[..]->`.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub rel: RelLit,
    pub forward: bool,
    pub node: NodeLit,
}

/// Parses one literal; the whole input must be consumed (surrounding
/// whitespace allowed).
pub fn parse(text: &str) -> Result<Lit, String> {
    let mut p = Parser { s: text, pos: 0 };
    let v = p.value()?;
    p.ws();
    if p.pos != p.s.len() {
        return Err(p.err("unexpected trailing text"));
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn err(&self, what: &str) -> String {
        format!("{what} at byte {} of `{}`", self.pos, self.s)
    }

    fn rest(&self) -> &str {
        &self.s[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn ws(&mut self) {
        while let Some(c) = self.peek() {
            if c.is_whitespace() {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
    }

    fn eat(&mut self, tok: &str) -> bool {
        self.ws();
        if self.rest().starts_with(tok) {
            self.pos += tok.len();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, tok: &str) -> Result<(), String> {
        if self.eat(tok) {
            Ok(())
        } else {
            Err(self.err(&format!("expected `{tok}`")))
        }
    }

    /// A bare word (`true`, `NaN`) if the input continues with it as a whole word.
    fn eat_word(&mut self, word: &str) -> bool {
        self.ws();
        let r = self.rest();
        if r.starts_with(word)
            && !r[word.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            self.pos += word.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Result<Lit, String> {
        self.ws();
        let Some(c) = self.peek() else {
            return Err(self.err("expected a value"));
        };
        if self.eat_word("null") {
            return Ok(Lit::Null);
        }
        if self.eat_word("true") {
            return Ok(Lit::Bool(true));
        }
        if self.eat_word("false") {
            return Ok(Lit::Bool(false));
        }
        if self.eat_word("NaN") {
            return Ok(Lit::Float(f64::NAN));
        }
        if self.eat_word("Infinity") {
            return Ok(Lit::Float(f64::INFINITY));
        }
        if self.eat_word("-Infinity") {
            return Ok(Lit::Float(f64::NEG_INFINITY));
        }
        match c {
            '\'' | '"' => Ok(Lit::String(self.string()?)),
            '{' => Ok(Lit::Map(self.map()?)),
            '(' => Ok(Lit::Node(self.node()?)),
            '<' => Ok(Lit::Path(self.path()?)),
            '[' => {
                // `[:T ...]` is a relationship, anything else a list.
                let after = self.rest()[1..].trim_start();
                if after.starts_with(':') {
                    Ok(Lit::Rel(self.rel()?))
                } else {
                    self.list()
                }
            }
            c if c == '-' || c == '+' || c.is_ascii_digit() || c == '.' => self.number(),
            _ => Err(self.err("expected a value")),
        }
    }

    fn number(&mut self) -> Result<Lit, String> {
        self.ws();
        let start = self.pos;
        let bytes = self.s.as_bytes();
        let mut i = self.pos;
        if i < bytes.len() && (bytes[i] == b'-' || bytes[i] == b'+') {
            i += 1;
        }
        let mut is_float = false;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_digit() || b == b'_' {
                i += 1;
            } else if b == b'.' || b == b'e' || b == b'E' {
                is_float = true;
                i += 1;
                if (b == b'e' || b == b'E')
                    && i < bytes.len()
                    && (bytes[i] == b'-' || bytes[i] == b'+')
                {
                    i += 1;
                }
            } else {
                break;
            }
        }
        let text = &self.s[start..i];
        self.pos = i;
        if is_float {
            text.parse::<f64>()
                .map(Lit::Float)
                .map_err(|e| format!("bad float `{text}`: {e}"))
        } else {
            text.parse::<i64>()
                .map(Lit::Int)
                .map_err(|e| format!("bad integer `{text}`: {e}"))
        }
    }

    fn string(&mut self) -> Result<String, String> {
        self.ws();
        let quote = self.peek().ok_or_else(|| self.err("expected a string"))?;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(self.err("unterminated string"));
            };
            self.pos += c.len_utf8();
            if c == quote {
                return Ok(out);
            }
            if c == '\\' {
                let Some(e) = self.peek() else {
                    return Err(self.err("unterminated escape"));
                };
                self.pos += e.len_utf8();
                match e {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'u' => {
                        let hex = self
                            .rest()
                            .get(..4)
                            .ok_or_else(|| self.err("bad \\u escape"))?;
                        let code =
                            u32::from_str_radix(hex, 16).map_err(|_| self.err("bad \\u escape"))?;
                        out.push(char::from_u32(code).ok_or_else(|| self.err("bad \\u escape"))?);
                        self.pos += 4;
                    }
                    other => out.push(other),
                }
            } else {
                out.push(c);
            }
        }
    }

    /// A map key or label/type name: bare identifier or backticked.
    fn name(&mut self) -> Result<String, String> {
        self.ws();
        if self.peek() == Some('`') {
            self.pos += 1;
            let mut out = String::new();
            loop {
                let Some(c) = self.peek() else {
                    return Err(self.err("unterminated backtick name"));
                };
                self.pos += c.len_utf8();
                if c == '`' {
                    if self.peek() == Some('`') {
                        self.pos += 1;
                        out.push('`');
                        continue;
                    }
                    return Ok(out);
                }
                out.push(c);
            }
        }
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
        if start == self.pos {
            return Err(self.err("expected a name"));
        }
        Ok(self.s[start..self.pos].to_string())
    }

    fn list(&mut self) -> Result<Lit, String> {
        self.expect("[")?;
        let mut items = Vec::new();
        if self.eat("]") {
            return Ok(Lit::List(items));
        }
        loop {
            items.push(self.value()?);
            if self.eat("]") {
                return Ok(Lit::List(items));
            }
            self.expect(",")?;
        }
    }

    fn map(&mut self) -> Result<BTreeMap<String, Lit>, String> {
        self.expect("{")?;
        let mut m = BTreeMap::new();
        if self.eat("}") {
            return Ok(m);
        }
        loop {
            let k = self.name()?;
            self.expect(":")?;
            let v = self.value()?;
            if m.insert(k.clone(), v).is_some() {
                return Err(self.err(&format!("duplicate key `{k}`")));
            }
            if self.eat("}") {
                return Ok(m);
            }
            self.expect(",")?;
        }
    }

    fn props(&mut self) -> Result<BTreeMap<String, Lit>, String> {
        self.ws();
        if self.peek() == Some('{') {
            self.map()
        } else {
            Ok(BTreeMap::new())
        }
    }

    fn node(&mut self) -> Result<NodeLit, String> {
        self.expect("(")?;
        let mut labels = Vec::new();
        while self.eat(":") {
            labels.push(self.name()?);
        }
        labels.sort();
        labels.dedup();
        let props = self.props()?;
        self.expect(")")?;
        Ok(NodeLit { labels, props })
    }

    fn rel(&mut self) -> Result<RelLit, String> {
        self.expect("[")?;
        self.expect(":")?;
        let rel_type = self.name()?;
        let props = self.props()?;
        self.expect("]")?;
        Ok(RelLit { rel_type, props })
    }

    fn path(&mut self) -> Result<PathLit, String> {
        self.expect("<")?;
        let start = self.node()?;
        let mut steps = Vec::new();
        loop {
            if self.eat(">") {
                return Ok(PathLit { start, steps });
            }
            let backward = self.eat("<-");
            if !backward {
                self.expect("-")?;
            }
            let rel = self.rel()?;
            let forward = if backward {
                self.expect("-")?;
                false
            } else {
                self.expect("->")?;
                true
            };
            let node = self.node()?;
            steps.push(Step { rel, forward, node });
        }
    }
}

/// Whether the result value `actual` matches the expected literal.
pub fn matches(expected: &Lit, actual: &Value) -> bool {
    match (expected, actual) {
        (Lit::Null, Value::Null) => true,
        (Lit::Bool(a), Value::Bool(b)) => a == b,
        (Lit::Int(a), Value::Int(b)) => a == b,
        (Lit::Float(a), Value::Float(b)) => (a.is_nan() && b.is_nan()) || a == b,
        (Lit::String(a), Value::String(b)) => a == b,
        (Lit::String(a), t) if is_temporal(t) => {
            let shown = t.to_string();
            shown.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) == Some(a.as_str())
        }
        (Lit::List(a), Value::List(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| matches(x, y))
        }
        (Lit::Map(a), Value::Map(b)) => props_match(a, b),
        (Lit::Node(a), Value::Node(b)) => node_matches(a, b),
        (Lit::Rel(a), Value::Relationship(b)) => rel_matches(a, b),
        (Lit::Path(a), Value::Path(b)) => {
            if b.nodes.len() != a.steps.len() + 1 || b.relationships.len() != a.steps.len() {
                return false;
            }
            if !node_matches(&a.start, &b.nodes[0]) {
                return false;
            }
            a.steps.iter().enumerate().all(|(i, step)| {
                let r = &b.relationships[i];
                let (prev, next) = (&b.nodes[i], &b.nodes[i + 1]);
                let dir_ok = if step.forward {
                    r.start == prev.id && r.end == next.id
                } else {
                    r.end == prev.id && r.start == next.id
                };
                dir_ok && rel_matches(&step.rel, r) && node_matches(&step.node, next)
            })
        }
        _ => false,
    }
}

fn is_temporal(v: &Value) -> bool {
    matches!(
        v,
        Value::Date(_)
            | Value::LocalTime(_)
            | Value::Time(_)
            | Value::LocalDateTime(_)
            | Value::DateTime(_)
            | Value::Duration(_)
    )
}

fn props_match(a: &BTreeMap<String, Lit>, b: &BTreeMap<String, Value>) -> bool {
    a.len() == b.len()
        && a.iter()
            .all(|(k, x)| b.get(k).is_some_and(|y| matches(x, y)))
}

fn node_matches(a: &NodeLit, b: &plenary::Node) -> bool {
    let mut labels = b.labels.clone();
    labels.sort();
    labels.dedup();
    a.labels == labels && props_match(&a.props, &b.properties)
}

fn rel_matches(a: &RelLit, b: &plenary::Relationship) -> bool {
    a.rel_type == b.rel_type && props_match(&a.props, &b.properties)
}

/// Whether two result rows match (same length, cell by cell).
pub fn row_matches(expected: &[Lit], actual: &[Value]) -> bool {
    expected.len() == actual.len() && expected.iter().zip(actual).all(|(e, a)| matches(e, a))
}

/// Multiset equality of rows. Matching is an equivalence on canonical
/// forms (each actual value matches exactly one canonical literal), so a
/// greedy assignment finds a perfect matching whenever one exists.
pub fn bag_matches(expected: &[Vec<Lit>], actual: &[Vec<Value>]) -> bool {
    if expected.len() != actual.len() {
        return false;
    }
    let mut used = vec![false; actual.len()];
    'outer: for e in expected {
        for (i, a) in actual.iter().enumerate() {
            if !used[i] && row_matches(e, a) {
                used[i] = true;
                continue 'outer;
            }
        }
        return false;
    }
    true
}

/// In-order equality of rows.
pub fn ordered_matches(expected: &[Vec<Lit>], actual: &[Vec<Value>]) -> bool {
    expected.len() == actual.len() && expected.iter().zip(actual).all(|(e, a)| row_matches(e, a))
}

/// Converts a literal into a query parameter value. Nodes, relationships
/// and paths cannot be parameters.
pub fn to_param(lit: &Lit) -> Result<Value, String> {
    Ok(match lit {
        Lit::Null => Value::Null,
        Lit::Bool(b) => Value::Bool(*b),
        Lit::Int(i) => Value::Int(*i),
        Lit::Float(f) => Value::Float(*f),
        Lit::String(s) => Value::String(s.clone()),
        Lit::List(l) => Value::List(l.iter().map(to_param).collect::<Result<_, _>>()?),
        Lit::Map(m) => Value::Map(
            m.iter()
                .map(|(k, v)| Ok((k.clone(), to_param(v)?)))
                .collect::<Result<_, String>>()?,
        ),
        Lit::Node(_) | Lit::Rel(_) | Lit::Path(_) => {
            return Err(format!("`{lit}` cannot be a parameter"));
        }
    })
}

fn quote(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

fn name(n: &str) -> String {
    let mut chars = n.chars();
    let ok = chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_');
    if ok {
        n.to_string()
    } else {
        format!("`{}`", n.replace('`', "``"))
    }
}

fn write_map(f: &mut fmt::Formatter<'_>, m: &BTreeMap<String, Lit>) -> fmt::Result {
    f.write_str("{")?;
    for (i, (k, v)) in m.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{}: {v}", name(k))?;
    }
    f.write_str("}")
}

impl fmt::Display for NodeLit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(")?;
        for l in &self.labels {
            write!(f, ":{}", name(l))?;
        }
        if !self.props.is_empty() {
            if !self.labels.is_empty() {
                f.write_str(" ")?;
            }
            write_map(f, &self.props)?;
        }
        f.write_str(")")
    }
}

impl fmt::Display for RelLit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[:{}", name(&self.rel_type))?;
        if !self.props.is_empty() {
            f.write_str(" ")?;
            write_map(f, &self.props)?;
        }
        f.write_str("]")
    }
}

/// Prints in the same notation the parser reads (and `plenary::Value`'s
/// `Display` writes).
impl fmt::Display for Lit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Lit::Null => f.write_str("null"),
            Lit::Bool(b) => write!(f, "{b}"),
            Lit::Int(i) => write!(f, "{i}"),
            Lit::Float(x) => {
                if x.is_nan() {
                    f.write_str("NaN")
                } else if x.is_infinite() {
                    f.write_str(if *x > 0.0 { "Infinity" } else { "-Infinity" })
                } else {
                    let s = format!("{x:?}");
                    if s.contains(['.', 'e', 'E']) {
                        f.write_str(&s)
                    } else {
                        write!(f, "{s}.0")
                    }
                }
            }
            Lit::String(s) => f.write_str(&quote(s)),
            Lit::List(l) => {
                f.write_str("[")?;
                for (i, v) in l.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{v}")?;
                }
                f.write_str("]")
            }
            Lit::Map(m) => write_map(f, m),
            Lit::Node(n) => write!(f, "{n}"),
            Lit::Rel(r) => write!(f, "{r}"),
            Lit::Path(p) => {
                write!(f, "<{}", p.start)?;
                for s in &p.steps {
                    if s.forward {
                        write!(f, "-{}->{}", s.rel, s.node)?;
                    } else {
                        write!(f, "<-{}-{}", s.rel, s.node)?;
                    }
                }
                f.write_str(">")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: u64, labels: &[&str], props: &[(&str, Value)]) -> plenary::Node {
        plenary::Node {
            id,
            labels: labels.iter().map(|s| s.to_string()).collect(),
            properties: props
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        }
    }

    fn rel(id: u64, t: &str, start: u64, end: u64) -> plenary::Relationship {
        plenary::Relationship {
            id,
            rel_type: t.to_string(),
            start,
            end,
            properties: BTreeMap::new(),
        }
    }

    fn m(text: &str, v: &Value) -> bool {
        matches(&parse(text).unwrap(), v)
    }

    #[test]
    fn scalars() {
        assert_eq!(parse("null").unwrap(), Lit::Null);
        assert_eq!(parse(" true ").unwrap(), Lit::Bool(true));
        assert_eq!(parse("false").unwrap(), Lit::Bool(false));
        assert_eq!(parse("-12").unwrap(), Lit::Int(-12));
        assert_eq!(parse("9223372036854775807").unwrap(), Lit::Int(i64::MAX));
        assert_eq!(parse("-9223372036854775808").unwrap(), Lit::Int(i64::MIN));
        assert_eq!(parse("1.0").unwrap(), Lit::Float(1.0));
        assert_eq!(parse("-1.5e10").unwrap(), Lit::Float(-1.5e10));
        assert_eq!(parse("1e-3").unwrap(), Lit::Float(1e-3));
        assert_eq!(parse(".5").unwrap(), Lit::Float(0.5));
        assert!(matches!(parse("NaN").unwrap(), Lit::Float(x) if x.is_nan()));
        assert_eq!(parse("Infinity").unwrap(), Lit::Float(f64::INFINITY));
        assert_eq!(parse("-Infinity").unwrap(), Lit::Float(f64::NEG_INFINITY));
        assert_eq!(parse(r"'it\'s'").unwrap(), Lit::String("it's".into()));
        assert_eq!(parse(r#""dq 'x'""#).unwrap(), Lit::String("dq 'x'".into()));
        assert_eq!(parse(r"'a\\b\nc'").unwrap(), Lit::String("a\\b\nc".into()));
        assert_eq!(parse("''").unwrap(), Lit::String(String::new()));
        assert_eq!(parse(r"'\u00e9'").unwrap(), Lit::String("é".into()));
    }

    #[test]
    fn errors() {
        for bad in [
            "",
            "'abc",
            "[1, 2",
            "{a 1}",
            "1 2",
            "(:A",
            "[:T",
            "<(:A)-[:T]-(:B)>",
            "{a: 1, a: 2}",
            "nul",
            "1.2.3",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn composites() {
        assert_eq!(
            parse("[1, 'a', [], {}]").unwrap(),
            Lit::List(vec![
                Lit::Int(1),
                Lit::String("a".into()),
                Lit::List(vec![]),
                Lit::Map(BTreeMap::new())
            ])
        );
        let Lit::Map(mm) = parse("{b: 2, `a key`: [null], c: {d: true}}").unwrap() else {
            panic!()
        };
        assert_eq!(mm.keys().collect::<Vec<_>>(), ["a key", "b", "c"]);
        let Lit::Node(n) = parse("(:B:A {name: 'x'})").unwrap() else {
            panic!()
        };
        assert_eq!(n.labels, ["A", "B"]);
        assert_eq!(n.props["name"], Lit::String("x".into()));
        assert_eq!(
            parse("()").unwrap(),
            Lit::Node(NodeLit {
                labels: vec![],
                props: BTreeMap::new()
            })
        );
        let Lit::Node(n) = parse("({k: 1})").unwrap() else {
            panic!()
        };
        assert!(n.labels.is_empty() && n.props.len() == 1);
        let Lit::Rel(r) = parse("[:T {w: 1.5}]").unwrap() else {
            panic!()
        };
        assert_eq!(r.rel_type, "T");
        assert_eq!(
            parse("[ :`odd type`]").unwrap().to_string(),
            "[:`odd type`]"
        );
        let Lit::Path(p) = parse("<(:A)-[:T]->(:B)<-[:U]-(:C)>").unwrap() else {
            panic!()
        };
        assert_eq!(p.steps.len(), 2);
        assert!(p.steps[0].forward && !p.steps[1].forward);
        assert_eq!(parse("<()>").unwrap().to_string(), "<()>");
    }

    #[test]
    fn display_round_trips() {
        for text in [
            "null",
            "[1, -2, 1.5, 'x', true]",
            "{a: 1, b: [1.0, NaN, Infinity, -Infinity]}",
            "(:A:B {k: 'v'})",
            "({k: 1})",
            "()",
            "[:T {w: 1}]",
            "<(:A)-[:T]->(:B)<-[:U]-(:C)>",
            r"'it\'s'",
            "1.0E10",
        ] {
            let once = parse(text).unwrap().to_string();
            let twice = parse(&once).unwrap().to_string();
            assert_eq!(once, twice, "{text}");
        }
    }

    #[test]
    fn compare_scalars() {
        assert!(m("1", &Value::Int(1)));
        assert!(!m("1", &Value::Float(1.0)));
        assert!(!m("1.0", &Value::Int(1)));
        assert!(m("1.0", &Value::Float(1.0)));
        assert!(!m("0.3", &Value::Float(0.1 + 0.2)));
        assert!(m("0.30000000000000004", &Value::Float(0.1 + 0.2)));
        assert!(m("NaN", &Value::Float(f64::NAN)));
        assert!(!m("NaN", &Value::Float(1.0)));
        assert!(m("-Infinity", &Value::Float(f64::NEG_INFINITY)));
        assert!(m("null", &Value::Null));
        assert!(!m("null", &Value::Bool(false)));
        assert!(m("'a'", &Value::from("a")));
        assert!(!m("'a'", &Value::from("b")));
        assert!(!m("'1'", &Value::Int(1)));
    }

    #[test]
    fn compare_temporal_by_display() {
        let d = chrono::NaiveDate::from_ymd_opt(2012, 2, 16).unwrap();
        assert!(m("'2012-02-16'", &Value::Date(d)));
        assert!(!m("'2012-02-17'", &Value::Date(d)));
        assert!(m("['2012-02-16']", &Value::List(vec![Value::Date(d)])));
    }

    #[test]
    fn compare_composites() {
        let l = Value::List(vec![Value::Int(1), Value::Int(2)]);
        assert!(m("[1, 2]", &l));
        assert!(!m("[2, 1]", &l));
        assert!(!m("[1]", &l));
        let mut map = BTreeMap::new();
        map.insert("a".to_string(), Value::Int(1));
        map.insert("b".to_string(), Value::Null);
        let mv = Value::Map(map);
        assert!(m("{b: null, a: 1}", &mv));
        assert!(!m("{a: 1}", &mv));
        assert!(!m("{a: 1, b: null, c: 2}", &mv));
    }

    #[test]
    fn compare_entities() {
        let n = Value::Node(node(7, &["B", "A"], &[("name", Value::from("x"))]));
        assert!(m("(:A:B {name: 'x'})", &n));
        assert!(m("(:B:A {name: 'x'})", &n));
        assert!(!m("(:A {name: 'x'})", &n));
        assert!(!m("(:A:B)", &n));
        assert!(!m("(:A:B {name: 'x', y: 1})", &n));
        assert!(m("()", &Value::Node(node(1, &[], &[]))));
        let r = Value::Relationship(rel(3, "T", 1, 2));
        assert!(m("[:T]", &r));
        assert!(!m("[:U]", &r));
        assert!(!m("[:T {w: 1}]", &r));
    }

    #[test]
    fn compare_paths_with_direction() {
        let a = node(1, &["A"], &[]);
        let b = node(2, &["B"], &[]);
        let c = node(3, &["C"], &[]);
        let p = Value::Path(plenary::Path {
            nodes: vec![a.clone(), b.clone(), c.clone()],
            relationships: vec![rel(10, "T", 1, 2), rel(11, "U", 3, 2)],
        });
        assert!(m("<(:A)-[:T]->(:B)<-[:U]-(:C)>", &p));
        assert!(!m("<(:A)-[:T]->(:B)-[:U]->(:C)>", &p));
        assert!(!m("<(:A)<-[:T]-(:B)<-[:U]-(:C)>", &p));
        assert!(!m("<(:A)-[:T]->(:B)>", &p));
        // The printed form of a result path parses back into a matching literal.
        assert!(m(&p.to_string(), &p));
        let single = Value::Path(plenary::Path {
            nodes: vec![a],
            relationships: vec![],
        });
        assert!(m("<(:A)>", &single));
    }

    #[test]
    fn bags_and_order() {
        let e = |rows: &[&[&str]]| -> Vec<Vec<Lit>> {
            rows.iter()
                .map(|r| r.iter().map(|c| parse(c).unwrap()).collect())
                .collect()
        };
        let a = vec![
            vec![Value::Int(1)],
            vec![Value::Int(2)],
            vec![Value::Int(1)],
        ];
        assert!(bag_matches(&e(&[&["1"], &["1"], &["2"]]), &a));
        assert!(!bag_matches(&e(&[&["1"], &["2"], &["2"]]), &a));
        assert!(!bag_matches(&e(&[&["1"], &["2"]]), &a));
        assert!(ordered_matches(&e(&[&["1"], &["2"], &["1"]]), &a));
        assert!(!ordered_matches(&e(&[&["1"], &["1"], &["2"]]), &a));
        assert!(bag_matches(&[], &[]));
    }

    #[test]
    fn params() {
        let v = to_param(&parse("{a: [1, 2.5, 'x', null]}").unwrap()).unwrap();
        assert_eq!(v.to_string(), "{a: [1, 2.5, 'x', null]}");
        assert!(to_param(&parse("(:A)").unwrap()).is_err());
    }
}
