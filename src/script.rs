//! Splitting a script into statements.
//!
//! A script is a sequence of openCypher statements separated by `;`. A `;`
//! only separates statements when it is real code: inside a `'…'` or `"…"`
//! string (with backslash escapes), a `` `…` `` identifier, a `//` line
//! comment or a `/* … */` block comment it is just text. [`split`] cuts a
//! script into [`Statement`]s that remember where they start, so that an
//! error's span (relative to the statement) can be shifted to a position in
//! the file; [`is_complete`] tells the REPL when a buffer is ready to run.
//!
//! Both work on bytes: every delimiter is ASCII, and UTF-8 continuation bytes
//! never look like ASCII, so multi-byte text passes through untouched.

/// One statement of a script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Statement<'a> {
    /// The statement's text, from its first to its last byte of code (leading
    /// and trailing whitespace and comments are left out), without the `;`.
    pub text: &'a str,
    /// Byte offset of `text` in the script.
    pub offset: usize,
}

/// Where the scanner is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Code,
    /// Inside a string opened by this quote byte.
    Str(u8),
    Backtick,
    LineComment,
    BlockComment,
}

/// What a byte of the script is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A statement separator.
    Semicolon,
    /// Code outside strings and identifiers, not whitespace.
    Code,
    /// Inside (or a quote of) a string or backtick identifier.
    Literal,
    /// Whitespace or comment.
    Blank,
}

/// Scans `script`, calling `f(index, byte, class)` for every byte; returns the
/// state at the end.
fn scan(script: &str, mut f: impl FnMut(usize, u8, Class)) -> State {
    let bytes = script.as_bytes();
    let mut state = State::Code;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match state {
            State::Code => match b {
                b';' => f(i, b, Class::Semicolon),
                b'\'' | b'"' => {
                    state = State::Str(b);
                    f(i, b, Class::Literal);
                }
                b'`' => {
                    state = State::Backtick;
                    f(i, b, Class::Literal);
                }
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    state = State::LineComment;
                    f(i, b, Class::Blank);
                    f(i + 1, b'/', Class::Blank);
                    i += 1;
                }
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    state = State::BlockComment;
                    f(i, b, Class::Blank);
                    f(i + 1, b'*', Class::Blank);
                    i += 1;
                }
                _ if b.is_ascii_whitespace() => f(i, b, Class::Blank),
                _ => f(i, b, Class::Code),
            },
            State::Str(q) => {
                f(i, b, Class::Literal);
                if b == b'\\' {
                    if let Some(&next) = bytes.get(i + 1) {
                        f(i + 1, next, Class::Literal);
                        i += 1;
                    }
                } else if b == q {
                    state = State::Code;
                }
            }
            State::Backtick => {
                f(i, b, Class::Literal);
                if b == b'`' {
                    // A doubled backtick reopens at once, so toggling is enough.
                    state = State::Code;
                }
            }
            State::LineComment => {
                f(i, b, Class::Blank);
                if b == b'\n' {
                    state = State::Code;
                }
            }
            State::BlockComment => {
                f(i, b, Class::Blank);
                if b == b'*' && bytes.get(i + 1) == Some(&b'/') {
                    f(i + 1, b'/', Class::Blank);
                    i += 1;
                    state = State::Code;
                }
            }
        }
        i += 1;
    }
    state
}

/// Splits a script into statements on every `;` that is code (not inside a
/// string, a backtick identifier or a comment). Statements that hold nothing
/// but whitespace and comments are dropped; an unterminated string or comment
/// simply runs to the end of the script.
///
/// ```
/// use plenary::script::split;
///
/// let script = "CREATE (:A {s: 'a;b'});\n// done;\nMATCH (a) RETURN a;";
/// let stmts = split(script);
/// assert_eq!(stmts.len(), 2);
/// assert_eq!(stmts[0].text, "CREATE (:A {s: 'a;b'})");
/// assert_eq!(stmts[1].text, "MATCH (a) RETURN a");
/// assert_eq!(&script[stmts[1].offset..][..5], "MATCH");
/// ```
pub fn split(script: &str) -> Vec<Statement<'_>> {
    // Byte ranges of code, one per statement (None: nothing but blanks).
    let mut ranges: Vec<Option<(usize, usize)>> = Vec::new();
    let mut range: Option<(usize, usize)> = None;
    scan(script, |i, _, class| match class {
        Class::Semicolon => ranges.push(range.take()),
        Class::Code | Class::Literal => {
            let start = range.map_or(i, |(s, _)| s);
            range = Some((start, i + 1));
        }
        Class::Blank => {}
    });
    ranges.push(range);
    ranges
        .into_iter()
        .flatten()
        .map(|(start, mut end)| {
            // Code bytes of a multi-byte char are all reported, so `end` is a
            // char boundary; stay safe anyway.
            while !script.is_char_boundary(end) {
                end += 1;
            }
            Statement {
                text: &script[start..end],
                offset: start,
            }
        })
        .collect()
}

/// Whether a REPL buffer is ready to run: its last piece of code is a `;`
/// (not inside a string or comment; trailing whitespace and comments are
/// fine) and its brackets are balanced.
///
/// ```
/// use plenary::script::is_complete;
///
/// assert!(is_complete("RETURN 1;"));
/// assert!(is_complete("RETURN 1; // done"));
/// assert!(!is_complete("MATCH (a\n;"));
/// assert!(!is_complete("RETURN 'a;"));
/// ```
pub fn is_complete(buffer: &str) -> bool {
    let mut depth: i64 = 0;
    let mut last_is_semicolon = false;
    let end = scan(buffer, |_, b, class| match class {
        Class::Semicolon => last_is_semicolon = true,
        Class::Code => {
            last_is_semicolon = false;
            match b {
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => depth -= 1,
                _ => {}
            }
        }
        Class::Literal => last_is_semicolon = false,
        Class::Blank => {}
    });
    // More closers than openers can never be fixed by typing more: let the
    // parser report it.
    last_is_semicolon && matches!(end, State::Code | State::LineComment) && depth <= 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(script: &str) -> Vec<&str> {
        split(script).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn splits_on_semicolons() {
        assert_eq!(texts("RETURN 1; RETURN 2"), vec!["RETURN 1", "RETURN 2"]);
        assert_eq!(
            texts("RETURN 1;\n;\n  ;RETURN 2;\n"),
            vec!["RETURN 1", "RETURN 2"]
        );
        assert!(texts("").is_empty());
        assert!(texts("  \n ; ;").is_empty());
    }

    #[test]
    fn semicolons_in_strings_identifiers_and_comments() {
        assert_eq!(
            texts("RETURN ';' AS x; RETURN 2"),
            vec!["RETURN ';' AS x", "RETURN 2"]
        );
        assert_eq!(texts(r#"RETURN "a;b""#), vec![r#"RETURN "a;b""#]);
        assert_eq!(
            texts(r"RETURN 'it\'s;' AS x;RETURN 1"),
            vec![r"RETURN 'it\'s;' AS x", "RETURN 1"]
        );
        assert_eq!(
            texts(r"RETURN 'back\\';RETURN 1"),
            vec![r"RETURN 'back\\'", "RETURN 1"]
        );
        assert_eq!(
            texts("RETURN 1 AS `a;b`; RETURN 2"),
            vec!["RETURN 1 AS `a;b`", "RETURN 2"]
        );
        assert_eq!(
            texts("RETURN 1 AS `a``;b`; RETURN 2"),
            vec!["RETURN 1 AS `a``;b`", "RETURN 2"]
        );
        assert_eq!(
            texts("RETURN 1 //; not a cut\n+ 1; RETURN 2"),
            vec!["RETURN 1 //; not a cut\n+ 1", "RETURN 2"]
        );
        assert_eq!(
            texts("RETURN /* ; */ 1; RETURN 2"),
            vec!["RETURN /* ; */ 1", "RETURN 2"]
        );
        assert_eq!(
            texts("RETURN 4 / 2; RETURN 2"),
            vec!["RETURN 4 / 2", "RETURN 2"]
        );
    }

    #[test]
    fn comment_only_statements_are_dropped() {
        assert_eq!(
            texts("// header\n/* block; */\nRETURN 1; // tail\n/* end */"),
            vec!["RETURN 1"]
        );
        assert_eq!(texts("RETURN 1 // trailing"), vec!["RETURN 1"]);
    }

    #[test]
    fn offsets_point_into_the_script() {
        let script = "  // c\nRETURN 'é;ü' AS x;\n\n  MATCH (n) RETURN n";
        let stmts = split(script);
        assert_eq!(stmts.len(), 2);
        for s in &stmts {
            assert_eq!(&script[s.offset..s.offset + s.text.len()], s.text);
        }
        assert_eq!(stmts[0].text, "RETURN 'é;ü' AS x");
        assert_eq!(stmts[1].text, "MATCH (n) RETURN n");
    }

    #[test]
    fn unicode_text() {
        assert_eq!(
            texts("RETURN '日本;語' AS 名前;RETURN '🎉'"),
            vec!["RETURN '日本;語' AS 名前", "RETURN '🎉'"]
        );
        assert_eq!(texts("RETURN 1 AS é"), vec!["RETURN 1 AS é"]);
    }

    #[test]
    fn unterminated_things_do_not_panic() {
        assert_eq!(
            texts("RETURN 'abc; RETURN 2"),
            vec!["RETURN 'abc; RETURN 2"]
        );
        assert_eq!(texts("RETURN \"abc\\"), vec!["RETURN \"abc\\"]);
        assert_eq!(texts("RETURN 1 /* open; "), vec!["RETURN 1"]);
        assert_eq!(texts("RETURN `x;"), vec!["RETURN `x;"]);
        assert_eq!(texts("'"), vec!["'"]);
        assert_eq!(texts("/"), vec!["/"]);
        assert_eq!(texts("\\"), vec!["\\"]);
    }

    #[test]
    fn completeness() {
        assert!(is_complete("RETURN 1;"));
        assert!(is_complete("RETURN 1;  \n"));
        assert!(is_complete("RETURN 1; // comment"));
        assert!(is_complete("RETURN 1; /* c */"));
        assert!(is_complete("MATCH (a)\nRETURN [1, {k: 2}];"));
        assert!(
            is_complete("RETURN 1);"),
            "extra closers are the parser's business"
        );
        assert!(!is_complete(""));
        assert!(!is_complete("RETURN 1"));
        assert!(!is_complete("MATCH (a;"));
        assert!(!is_complete("RETURN 'a;"));
        assert!(!is_complete("RETURN 'a;' + '"));
        assert!(!is_complete("RETURN 1 // ;"));
        assert!(!is_complete("RETURN 1 /* ; "));
        assert!(!is_complete("RETURN `a;"));
        assert!(is_complete("RETURN '(' AS x;"));
        assert!(is_complete("RETURN ')' AS `(`;"));
        assert!(is_complete("RETURN 'é' /* ( */;"));
    }
}
