//! Parsing: query text → [`ast::Statement`]. The only module that names pest.
//!
//! The grammar lives in `grammar/cypher.pest`; [`lower`] turns pest's pairs
//! into the AST, [`display`] prints the AST back as Cypher. Before pest sees
//! the text, [`parse`] checks bracket nesting so that no input can exhaust
//! the stack, and it bounds pest's work with a call limit.

pub mod ast;
pub mod cache;
pub mod display;
mod lower;

#[cfg(test)]
mod tck_corpus;
#[cfg(test)]
mod tests;

use pest::Parser;
use pest_derive::Parser;

use crate::error::{Error, Result, Span};

/// The pest parser generated from `grammar/cypher.pest`.
#[derive(Parser)]
#[grammar = "../grammar/cypher.pest"]
struct CypherParser;

/// Deepest nesting of `( [ {` (and `CASE ... END`) accepted.
pub const MAX_NESTING: usize = 200;

/// Parses one statement (a trailing `;` and surrounding whitespace or
/// comments are allowed).
pub fn parse(text: &str) -> Result<ast::Statement> {
    let depth = check_nesting(text)?;
    if depth <= INLINE_NESTING {
        return parse_checked(text);
    }
    // pest's generated code uses a lot of stack per nesting level (tens of
    // KiB in debug builds), so deeply nested statements are parsed on a
    // thread of their own with a stack that fits MAX_NESTING levels.
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("plenary-parse".into())
            .stack_size(PARSE_STACK)
            .spawn_scoped(s, || parse_checked(text))
            .map_err(|e| {
                Error::syntax(
                    "NestingTooDeep",
                    format!("cannot start the parser thread: {e}"),
                )
            })?
            .join()
            .unwrap_or_else(|_| {
                Err(Error::syntax(
                    "UnexpectedSyntax",
                    "the parser failed on this statement",
                ))
            })
    })
}

/// Nesting up to which [`parse`] runs on the caller's stack.
const INLINE_NESTING: usize = 12;
/// Stack of the thread that parses deeper statements.
const PARSE_STACK: usize = 256 << 20;

fn parse_checked(text: &str) -> Result<ast::Statement> {
    // Bound pest's total work (the grammar backtracks in a few places); the
    // budget grows with the input so that big flat statements still parse.
    let budget = text.len().saturating_mul(400).saturating_add(2_000_000);
    pest::set_call_limit(std::num::NonZeroUsize::new(budget));
    pest::set_error_detail(false);
    let pairs = match CypherParser::parse(Rule::statement_top, text) {
        Ok(pairs) => pairs,
        Err(_) => {
            // Parse again with attempt tracking on, for a better message.
            pest::set_error_detail(true);
            let again = CypherParser::parse(Rule::statement_top, text);
            pest::set_error_detail(false);
            return Err(match again {
                Err(e) => syntax_error(text, &e),
                Ok(_) => Error::syntax("UnexpectedSyntax", "the statement could not be parsed"),
            });
        }
    };
    lower::statement(pairs)
}

/// Rejects input whose brackets (or CASE expressions) nest deeper than
/// [`MAX_NESTING`], looking past strings, escaped names and comments.
/// Returns the deepest nesting found.
fn check_nesting(text: &str) -> Result<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut max = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'(' | b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
                if depth > MAX_NESTING {
                    return Err(Error::syntax(
                        "NestingTooDeep",
                        format!("expressions nest more than {MAX_NESTING} levels deep"),
                    )
                    .at(Span::new(i, i + 1)));
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b'\'' | b'"' | b'`' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b {
                    if bytes[i] == b'\\' && b != b'`' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            b if b.is_ascii_alphabetic() => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                let word = &text[start..i];
                if word.eq_ignore_ascii_case("case") {
                    depth += 1;
                    max = max.max(depth);
                    if depth > MAX_NESTING {
                        return Err(Error::syntax(
                            "NestingTooDeep",
                            format!("expressions nest more than {MAX_NESTING} levels deep"),
                        )
                        .at(Span::new(start, i)));
                    }
                } else if word.eq_ignore_ascii_case("end") {
                    depth = depth.saturating_sub(1);
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    Ok(max)
}

/// Characters that look like an ASCII operator but are not one.
fn is_lookalike(c: char) -> bool {
    matches!(
        c,
        '\u{2010}'
            ..='\u{2015}'
                | '\u{2212}'
                | '\u{FE58}'
                | '\u{FE63}'
                | '\u{FF0D}'
                | '\u{00AD}'
                | '\u{2018}'
                | '\u{2019}'
                | '\u{201C}'
                | '\u{201D}'
                | '\u{FF08}'
                | '\u{FF09}'
    )
}

/// Turns a pest error into a SyntaxError that names what was expected in
/// words, at the position pest reports.
fn syntax_error(text: &str, e: &pest::error::Error<Rule>) -> Error {
    let pos = match e.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let pos = pos.min(text.len());
    let found = text.get(pos..).and_then(|s| s.chars().next());
    let span = Span::new(pos, pos + found.map_or(0, char::len_utf8));
    if let pest::error::ErrorVariant::CustomError { message } = &e.variant {
        return Error::syntax(
            "NestingTooDeep",
            format!("the statement is too complex to parse ({message})"),
        )
        .at(span);
    }
    if let Some(c) = found.filter(|c| is_lookalike(*c)) {
        return Error::syntax(
            "InvalidUnicodeCharacter",
            format!(
                "invalid character '{c}' (U+{:04X}); did you mean an ASCII operator or quote?",
                c as u32
            ),
        )
        .at(span);
    }
    let mut expected: Vec<String> = Vec::new();
    let mut push = |s: String| {
        if !expected.contains(&s) {
            expected.push(s);
        }
    };
    if let pest::error::ErrorVariant::ParsingError { positives, .. } = &e.variant {
        for r in positives {
            if let Some(d) = describe(*r) {
                push(d.to_string());
            }
        }
    }
    if let Some(attempts) = e.parse_attempts() {
        for t in attempts.expected_tokens() {
            let token = t.to_string();
            let noise = token.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}')
                || token.contains("..")
                || token == "//"
                || token == "/*"
                || token.chars().all(|c| c.is_ascii_uppercase() || c == '_');
            if !noise {
                push(format!("'{token}'"));
            }
        }
    }
    if expected.iter().any(|e| e == "an expression") {
        // Everything an expression can start with is said by "an expression".
        const STARTS: &[&str] = &[
            "a variable",
            "a map",
            "a parameter",
            "a name",
            "a node pattern",
            "a pattern",
            "'\"'",
            "'''",
            "'['",
            "'('",
            "'{'",
            "'$'",
            "'.'",
            "'`'",
            "'-'",
            "'+'",
            "'0'",
        ];
        expected.retain(|e| !STARTS.contains(&e.as_str()));
    }
    // A token that a listed phrase already covers is not repeated.
    for (phrase, token) in [("a map", "'{'"), ("a parameter", "'$'"), ("a label", "':'")] {
        if expected.iter().any(|e| e == phrase) {
            expected.retain(|e| e != token);
        }
    }
    let found_text = match found {
        None => "the end of the input".to_string(),
        Some(_) => {
            let word: String = text[pos..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .take(30)
                .collect();
            if word.is_empty() {
                format!("'{}'", found.unwrap_or(' '))
            } else {
                format!("'{word}'")
            }
        }
    };
    let hint = found
        .and_then(|_| {
            let word: String = text[pos..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let upper = word.to_uppercase();
            if word.chars().count() < 3 || CLAUSE_WORDS.contains(&upper.as_str()) {
                return None;
            }
            crate::did_you_mean(&upper, CLAUSE_WORDS.iter().map(|k| k.to_string()))
        })
        .map(|k| format!("; did you mean {k}?"))
        .unwrap_or_default();
    let msg = if expected.is_empty() {
        format!("unexpected {found_text}")
    } else {
        let many = expected.len() > 8;
        if many {
            expected.truncate(8);
        }
        let list = match expected.len() {
            1 => expected[0].clone(),
            n => format!("{} or {}", expected[..n - 1].join(", "), expected[n - 1]),
        };
        if many {
            format!("expected {list}, ... but found {found_text}")
        } else {
            format!("expected {list} but found {found_text}")
        }
    };
    Error::syntax("UnexpectedSyntax", format!("{msg}{hint}")).at(span)
}

/// The words a misspelt word in a failed parse is compared with for "did
/// you mean" (`RETRUN` → `RETURN`).
const CLAUSE_WORDS: &[&str] = &[
    "MATCH", "OPTIONAL", "WHERE", "RETURN", "WITH", "UNWIND", "CREATE", "MERGE", "SET", "DELETE",
    "DETACH", "REMOVE", "ORDER", "LIMIT", "SKIP", "CALL", "YIELD", "UNION", "FOREACH", "LOAD",
    "DISTINCT", "EXPLAIN", "PROFILE", "CONTAINS", "STARTS", "ENDS", "EXISTS", "COUNT",
];

/// A phrase for a grammar rule in an error message (`None` = say nothing).
fn describe(rule: Rule) -> Option<&'static str> {
    use Rule::*;
    Some(match rule {
        expr
        | float_lit
        | hex_int
        | oct_int
        | dec_int
        | bad_number
        | string_lit
        | true_lit
        | false_lit
        | null_lit
        | count_star
        | case_expr
        | exists_subquery
        | count_subquery
        | quantified
        | reduce_expr
        | pattern_comprehension
        | list_comprehension
        | list_literal
        | paren_expr
        | function_call
        | map_projection
        | not_op
        | neg_op
        | pos_op => "an expression",
        variable => "a variable",
        name | unescaped_name | escaped_name => "a name",
        node_pattern => "a node pattern",
        rel_pattern => "a relationship pattern",
        pattern | pattern_part | pattern_element | relationships_pattern => "a pattern",
        node_labels | label_op => "a label",
        map_literal => "a map",
        parameter => "a parameter",
        projection_items | projection_item => "a projection item",
        where_clause | WHERE => "WHERE",
        or_op | xor_op | and_op | regex_op | ne_op | le_op | ge_op | lt_op | gt_op | eq_op
        | add_op | sub_op | mul_op | div_op | mod_op | pow_op | in_op | starts_with_op
        | ends_with_op | contains_op => "an operator",
        match_clause | unwind_clause | with_clause | return_clause | create_clause
        | merge_clause | set_clause | remove_clause | delete_clause | foreach_clause
        | call_subquery | call_procedure | load_csv => "a clause",
        query | single_query => "a query",
        EOI => "the end of the statement",
        MATCH => "MATCH",
        RETURN => "RETURN",
        AS => "AS",
        IN => "IN",
        THEN => "THEN",
        WHEN => "WHEN",
        END => "END",
        ON => "ON",
        SET => "SET",
        BY => "BY",
        FROM => "FROM",
        ORDER => "ORDER BY",
        SKIP => "SKIP",
        LIMIT => "LIMIT",
        UNION => "UNION",
        YIELD => "YIELD",
        FOR => "FOR",
        REQUIRE => "REQUIRE",
        IS => "IS",
        _ => return None,
    })
}
