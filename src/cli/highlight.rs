//! Syntax highlighting of the line being typed: keywords, strings, numbers,
//! comments, parameters, labels and relationship types, function names,
//! and the bracket matching the one at the cursor (an unmatched closing
//! bracket shows red).
//!
//! [`highlight`] is a pure function from text to text with ANSI colours; it
//! never changes the visible characters (rustyline needs the same width).

use super::lex::{self, Kind};

/// ANSI styles.
const KEYWORD: &str = "\x1b[1;34m";
const STRING: &str = "\x1b[32m";
const NUMBER: &str = "\x1b[33m";
const COMMENT: &str = "\x1b[2m";
const PARAM: &str = "\x1b[35m";
const LABEL: &str = "\x1b[36m";
const FUNCTION: &str = "\x1b[1m";
const MATCHING: &str = "\x1b[1;7m";
const UNMATCHED: &str = "\x1b[1;31m";
const COMMAND: &str = "\x1b[1;35m";
const RESET: &str = "\x1b[0m";

/// The style of each token of `text`.
fn styles(text: &str) -> Vec<(usize, usize, Option<&'static str>)> {
    let toks = lex::tokens(text);
    let sig: Vec<usize> = (0..toks.len())
        .filter(|&i| toks[i].kind != Kind::Space)
        .collect();
    let mut open: Vec<char> = Vec::new();
    let mut out = Vec::with_capacity(toks.len());
    for (k, &i) in sig.iter().enumerate() {
        let t = toks[i];
        let s = t.text(text);
        let prev = k.checked_sub(1).map(|j| toks[sig[j]].text(text));
        let next_adjacent = toks
            .get(i + 1)
            .filter(|n| n.kind == Kind::Punct)
            .map(|n| n.text(text));
        let style = match t.kind {
            Kind::Str { .. } => Some(STRING),
            Kind::Number => Some(NUMBER),
            Kind::Comment { .. } => Some(COMMENT),
            Kind::Param => Some(PARAM),
            Kind::Word | Kind::Backtick { .. }
                if (prev == Some(":") && open.last() != Some(&'{'))
                    || (prev == Some("|") && open.last() == Some(&'[')) =>
            {
                Some(LABEL)
            }
            Kind::Word
                if next_adjacent == Some("(")
                    && (!lex::is_keyword(s)
                        || ["count", "exists", "any", "all", "none", "single", "reduce"]
                            .iter()
                            .any(|f| f.eq_ignore_ascii_case(s))) =>
            {
                Some(FUNCTION)
            }
            Kind::Word
                if ["true", "false", "null"]
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case(s)) =>
            {
                Some(NUMBER)
            }
            Kind::Word if lex::is_keyword(s) => Some(KEYWORD),
            Kind::Punct => {
                match s {
                    "(" | "[" | "{" => open.push(s.chars().next().unwrap_or('(')),
                    ")" | "]" | "}" => {
                        open.pop();
                    }
                    _ => {}
                }
                None
            }
            _ => None,
        };
        out.push((t.start, t.end, style));
    }
    out
}

/// Byte offsets (in `text`) of bracket pairs, and of closers without an
/// opener.
fn brackets(text: &str) -> (Vec<(usize, usize)>, Vec<usize>) {
    let mut stack = Vec::new();
    let mut pairs = Vec::new();
    let mut unmatched = Vec::new();
    for t in lex::tokens(text) {
        if t.kind != Kind::Punct {
            continue;
        }
        match t.text(text) {
            "(" | "[" | "{" => stack.push(t.start),
            ")" | "]" | "}" => match stack.pop() {
                Some(o) => pairs.push((o, t.start)),
                None => unmatched.push(t.start),
            },
            _ => {}
        }
    }
    (pairs, unmatched)
}

/// `line` with colours. `prev` is the statement's earlier lines (they
/// decide whether the line starts inside a string or a bracket); `cursor`
/// is the cursor's byte offset in `line` when the bracket at (or just
/// before) it should show its partner.
pub fn highlight(prev: &str, line: &str, cursor: Option<usize>) -> String {
    if prev.is_empty() && line.trim_start().starts_with(':') {
        let lead = line.len() - line.trim_start().len();
        let end = line[lead..]
            .find(char::is_whitespace)
            .map_or(line.len(), |e| e + lead);
        return format!(
            "{}{COMMAND}{}{RESET}{}",
            &line[..lead],
            &line[lead..end],
            &line[end..]
        );
    }
    let text = format!("{prev}{line}");
    let off = prev.len();
    let mut marks: Vec<(usize, &'static str)> = Vec::new();
    let (pairs, unmatched) = brackets(&text);
    for u in unmatched {
        marks.push((u, UNMATCHED));
    }
    if let Some(c) = cursor {
        let at = |p: usize| {
            pairs
                .iter()
                .find_map(|&(o, e)| (o == p).then_some(e).or((e == p).then_some(o)))
        };
        let bytes = line.as_bytes();
        let on = |p: usize| bytes.get(p).is_some_and(|b| b"()[]{}".contains(b));
        let here = if on(c) {
            Some(c)
        } else if c > 0 && on(c - 1) {
            Some(c - 1)
        } else {
            None
        };
        if let Some(partner) = here.and_then(|h| at(h + off)) {
            marks.push((partner, MATCHING));
        }
    }
    let styled = styles(&text);
    let style_at = |start: usize| {
        styled
            .binary_search_by_key(&start, |&(s, _, _)| s)
            .ok()
            .and_then(|i| styled[i].2)
    };
    let mut out = String::with_capacity(line.len() * 2);
    for t in lex::tokens(&text) {
        let (s, e) = (t.start.max(off), t.end);
        if e <= s {
            continue;
        }
        let piece = &text[s..e];
        if let Some(&(_, m)) = marks.iter().find(|(p, _)| *p == s && e - s == 1) {
            out.push_str(m);
            out.push_str(piece);
            out.push_str(RESET);
        } else if let Some(st) = style_at(t.start) {
            out.push_str(st);
            out.push_str(piece);
            out.push_str(RESET);
        } else {
            out.push_str(piece);
        }
    }
    out
}

/// Removes ANSI escape sequences (for tests).
#[cfg(test)]
pub fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_keep_the_text() {
        for line in [
            "MATCH (c:Country {name: 'Syria'})-[:VOTED]->(r) // votes",
            "  RETURN c.name,   toUpper(c.code), $p, 1.5, true ",
            "RETURN 'a\tb' /* open",
            "RETURN 'é', `odd name`, ü",
            "",
        ] {
            let h = highlight("", line, Some(3));
            assert_eq!(strip_ansi(&h), line, "{h:?}");
        }
    }

    #[test]
    fn token_classes() {
        let h = highlight(
            "",
            "MATCH (c:Country) WHERE c.x = $p RETURN count(c), 'a', 12 // c",
            None,
        );
        assert!(h.starts_with(&format!("{KEYWORD}MATCH{RESET}")));
        assert!(h.contains(&format!("{LABEL}Country{RESET}")));
        assert!(h.contains(&format!("{PARAM}$p{RESET}")));
        assert!(h.contains(&format!("{STRING}'a'{RESET}")));
        assert!(h.contains(&format!("{NUMBER}12{RESET}")));
        assert!(h.contains(&format!("{COMMENT}// c{RESET}")));
        assert!(h.contains(&format!("{FUNCTION}count{RESET}")));
        // Map keys and values are not labels.
        let h = highlight("", "RETURN {a: b}", None);
        assert!(!h.contains(LABEL));
        let h = highlight("", "MATCH ()-[:A|B]->()", None);
        assert!(h.contains(&format!("{LABEL}B{RESET}")));
    }

    #[test]
    fn earlier_lines_give_context() {
        // The line continues a string opened on the line before.
        let h = highlight("RETURN 'abc\n", "def' AS x", None);
        assert!(h.starts_with(&format!("{STRING}def'{RESET}")), "{h:?}");
        assert_eq!(strip_ansi(&h), "def' AS x");
    }

    #[test]
    fn brackets_match() {
        let line = "RETURN (1 + [2])";
        // Cursor just after the final ')': the '(' at 7 is marked.
        let h = highlight("", line, Some(line.len()));
        assert!(h.contains(&format!("{MATCHING}({RESET}")), "{h:?}");
        let h = highlight("", line, None);
        assert!(!h.contains(MATCHING));
        let h = highlight("", "RETURN 1)", None);
        assert!(h.contains(&format!("{UNMATCHED}){RESET}")));
        // Brackets in strings do not count.
        let h = highlight("", "RETURN ')'", None);
        assert!(!h.contains(UNMATCHED));
    }

    #[test]
    fn commands() {
        let h = highlight("", ":help MATCH", None);
        assert_eq!(h, format!("{COMMAND}:help{RESET} MATCH"));
        assert!(highlight("RETURN {a\n", ":1}", None).contains(NUMBER));
    }
}
