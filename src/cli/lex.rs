//! A forgiving tokenizer for the shell: highlighting, completion and input
//! validation all need to know where strings, comments, brackets and words
//! are in text that is still being typed, so unterminated strings and
//! comments are tokens too (marked open) instead of errors.

/// openCypher keywords the grammar knows (upper case; matching ignores case).
pub const KEYWORDS: &[&str] = &[
    "ALL",
    "AND",
    "ANY",
    "AS",
    "ASC",
    "ASCENDING",
    "BY",
    "CALL",
    "CASE",
    "CONSTRAINT",
    "CONSTRAINTS",
    "CONTAINS",
    "COUNT",
    "CREATE",
    "CSV",
    "DELETE",
    "DESC",
    "DESCENDING",
    "DETACH",
    "DISTINCT",
    "DROP",
    "ELSE",
    "END",
    "ENDS",
    "EXISTS",
    "EXPLAIN",
    "FALSE",
    "FIELDTERMINATOR",
    "FOR",
    "FOREACH",
    "FROM",
    "HEADERS",
    "IF",
    "IN",
    "INDEX",
    "INDEXES",
    "IS",
    "LIMIT",
    "LOAD",
    "MATCH",
    "MERGE",
    "NONE",
    "NOT",
    "NULL",
    "OF",
    "ON",
    "OPTIONAL",
    "OR",
    "ORDER",
    "PROFILE",
    "REDUCE",
    "REMOVE",
    "REQUIRE",
    "RETURN",
    "SET",
    "SHOW",
    "SINGLE",
    "SKIP",
    "STARTS",
    "THEN",
    "TRUE",
    "UNION",
    "UNIQUE",
    "UNWIND",
    "WHEN",
    "WHERE",
    "WITH",
    "XOR",
    "YIELD",
];

/// Whether `word` is a keyword (any case).
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(word))
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An identifier or keyword.
    Word,
    /// A number literal.
    Number,
    /// A `'…'` or `"…"` string; `closed` is false while it is still open.
    Str {
        /// Whether the closing quote is there.
        closed: bool,
    },
    /// A `` `…` `` identifier.
    Backtick {
        /// Whether the closing backtick is there.
        closed: bool,
    },
    /// A `//` or `/* */` comment.
    Comment {
        /// Whether a block comment is closed (line comments always are).
        closed: bool,
    },
    /// A `$name` parameter.
    Param,
    /// Any other single character that is not whitespace.
    Punct,
    /// Whitespace.
    Space,
}

/// One token: its kind and byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: Kind,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Token {
    /// The token's text in `src`.
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.start..self.end]
    }
}

fn is_word_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Splits `src` into tokens; every byte belongs to exactly one token.
pub fn tokens(src: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = src.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let pos = |i: usize| chars.get(i).map_or(src.len(), |&(p, _)| p);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let start = i;
        let kind = if c.is_whitespace() {
            while at(i).is_some_and(char::is_whitespace) {
                i += 1;
            }
            Kind::Space
        } else if c == '/' && at(i + 1) == Some('/') {
            while at(i).is_some_and(|c| c != '\n') {
                i += 1;
            }
            Kind::Comment { closed: true }
        } else if c == '/' && at(i + 1) == Some('*') {
            i += 2;
            let mut closed = false;
            while let Some(c) = at(i) {
                i += 1;
                if c == '*' && at(i) == Some('/') {
                    i += 1;
                    closed = true;
                    break;
                }
            }
            Kind::Comment { closed }
        } else if c == '\'' || c == '"' {
            i += 1;
            let mut closed = false;
            while let Some(d) = at(i) {
                i += 1;
                if d == '\\' {
                    i += 1;
                } else if d == c {
                    closed = true;
                    break;
                }
            }
            i = i.min(chars.len());
            Kind::Str { closed }
        } else if c == '`' {
            i += 1;
            let mut closed = false;
            while let Some(d) = at(i) {
                i += 1;
                if d == '`' {
                    if at(i) == Some('`') {
                        i += 1;
                    } else {
                        closed = true;
                        break;
                    }
                }
            }
            Kind::Backtick { closed }
        } else if c == '$' && at(i + 1).is_some_and(is_word_char) {
            i += 1;
            while at(i).is_some_and(is_word_char) {
                i += 1;
            }
            Kind::Param
        } else if c.is_ascii_digit() {
            i += 1;
            while at(i).is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                i += 1;
            }
            if at(i) == Some('.') && at(i + 1).is_some_and(|c| c.is_ascii_digit()) {
                i += 1;
                while at(i).is_some_and(|c| c.is_ascii_alphanumeric()) {
                    i += 1;
                }
            }
            Kind::Number
        } else if is_word_start(c) {
            while at(i).is_some_and(is_word_char) {
                i += 1;
            }
            Kind::Word
        } else {
            i += 1;
            Kind::Punct
        };
        out.push(Token {
            kind,
            start: pos(start),
            end: pos(i),
        });
    }
    out
}

/// The state at the end of `src`: open brackets (innermost last, with their
/// byte offsets) and whether a string, identifier or comment is still open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndState {
    /// Unclosed `(`, `[`, `{` with their offsets.
    pub open: Vec<(char, usize)>,
    /// More closers than openers were seen.
    pub overclosed: bool,
    /// A string, backtick identifier or block comment is unterminated.
    pub in_literal: bool,
}

/// Scans `src` for [`EndState`].
pub fn end_state(src: &str) -> EndState {
    let mut st = EndState::default();
    for t in tokens(src) {
        match t.kind {
            Kind::Punct => match &src[t.start..t.end] {
                "(" => st.open.push(('(', t.start)),
                "[" => st.open.push(('[', t.start)),
                "{" => st.open.push(('{', t.start)),
                ")" | "]" | "}" if st.open.pop().is_none() => st.overclosed = true,
                _ => {}
            },
            Kind::Str { closed: false }
            | Kind::Backtick { closed: false }
            | Kind::Comment { closed: false } => st.in_literal = true,
            _ => {}
        }
    }
    st
}

/// Whether more typing is needed before `src` can be handed over: an open
/// bracket, string, backtick identifier or block comment.
pub fn needs_more(src: &str) -> bool {
    let st = end_state(src);
    st.in_literal || (!st.open.is_empty() && !st.overclosed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(Kind, &str)> {
        tokens(src)
            .into_iter()
            .filter(|t| t.kind != Kind::Space)
            .map(|t| (t.kind, t.text(src)))
            .collect()
    }

    #[test]
    fn tokens_cover_everything() {
        let src = "MATCH (n:Country {name: 'Sy\\'ria'}) // x\nRETURN n.code, $p, 1.5e3 /* c";
        let toks = tokens(src);
        assert_eq!(toks.first().unwrap().start, 0);
        assert_eq!(toks.last().unwrap().end, src.len());
        for w in toks.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
        let k = kinds(src);
        assert!(k.contains(&(Kind::Str { closed: true }, "'Sy\\'ria'")));
        assert!(k.contains(&(Kind::Comment { closed: true }, "// x")));
        assert!(k.contains(&(Kind::Param, "$p")));
        assert!(k.contains(&(Kind::Number, "1.5e3")));
        assert_eq!(k.last(), Some(&(Kind::Comment { closed: false }, "/* c")));
    }

    #[test]
    fn unicode_and_backticks() {
        let k = kinds("RETURN 'é' AS `a``b`, ü");
        assert!(k.contains(&(Kind::Str { closed: true }, "'é'")));
        assert!(k.contains(&(Kind::Backtick { closed: true }, "`a``b`")));
        assert!(k.contains(&(Kind::Word, "ü")));
    }

    #[test]
    fn open_brackets_and_literals() {
        assert!(needs_more("MATCH (n"));
        assert!(needs_more("RETURN 'a;"));
        assert!(needs_more("RETURN [1, {a: 2"));
        assert!(needs_more("RETURN 1 /* ;"));
        assert!(!needs_more("MATCH (n) RETURN n"));
        assert!(!needs_more("RETURN ')'"));
        assert!(!needs_more("RETURN 1) (")); // overclosed: let the parser say so
        let st = end_state("MATCH (a)-[r:X");
        assert_eq!(st.open, vec![('[', 10)]);
        assert!(is_keyword("match") && !is_keyword("matches"));
    }
}
