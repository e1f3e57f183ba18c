//! Analyzers: text → terms with positions.
//!
//! Tokens are the maximal runs of alphanumeric characters (Unicode's
//! `Alphabetic` and `Numeric`), an apostrophe between two of them kept
//! inside (`don't`, `Syria's`), lowercased. `standard` also drops Lucene's
//! English stop words; `english` first strips a possessive `'s`, drops the
//! stop words and stems with Snowball's English stemmer (`rust-stemmers`).
//! A dropped stop word still takes its position, as in Lucene, so a phrase
//! does not match across it.

use std::fmt;

/// An analyzer (Neo4j's names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Analyzer {
    /// `standard-no-stop-words` (Neo4j's default): tokens, lowercased.
    StandardNoStopWords,
    /// `standard`: tokens, lowercased, English stop words dropped.
    Standard,
    /// `english`: lowercased, possessives stripped, stop words dropped, stemmed.
    English,
}

/// Lucene's English stop words (`EnglishAnalyzer.ENGLISH_STOP_WORDS_SET`).
pub const STOP_WORDS: [&str; 33] = [
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with",
];

/// The analyzers' names, for error messages.
pub const ANALYZERS: &str = "'standard-no-stop-words' (the default), 'standard', 'english'";

impl Analyzer {
    /// The analyzer called `name` (case-insensitive).
    pub fn from_name(name: &str) -> Option<Analyzer> {
        match name.to_ascii_lowercase().as_str() {
            "standard-no-stop-words" => Some(Analyzer::StandardNoStopWords),
            "standard" => Some(Analyzer::Standard),
            "english" => Some(Analyzer::English),
            _ => None,
        }
    }

    /// Its name.
    pub fn name(self) -> &'static str {
        match self {
            Analyzer::StandardNoStopWords => "standard-no-stop-words",
            Analyzer::Standard => "standard",
            Analyzer::English => "english",
        }
    }

    /// The code stored in snapshots and log records.
    pub fn code(self) -> u8 {
        match self {
            Analyzer::StandardNoStopWords => 0,
            Analyzer::Standard => 1,
            Analyzer::English => 2,
        }
    }

    /// The analyzer stored as `code`.
    pub fn from_code(code: u8) -> Option<Analyzer> {
        match code {
            0 => Some(Analyzer::StandardNoStopWords),
            1 => Some(Analyzer::Standard),
            2 => Some(Analyzer::English),
            _ => None,
        }
    }

    /// Appends the terms of `text` to `out` as (term, position), positions
    /// counted from `first`; returns the position after the last token.
    pub fn analyze(self, text: &str, first: u32, out: &mut Vec<(String, u32)>) -> u32 {
        let mut pos = first;
        for raw in tokens(text) {
            let p = pos;
            pos = pos.saturating_add(1);
            if let Some(t) = self.filter(raw) {
                out.push((t, p));
            }
        }
        pos
    }

    /// The terms of `text`, without positions.
    pub fn terms(self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.analyze(text, 0, &mut out);
        out.into_iter().map(|(t, _)| t).collect()
    }

    /// One raw token through the filters: `None` when it is dropped.
    fn filter(self, raw: &str) -> Option<String> {
        let mut t = normalize(raw);
        if self == Analyzer::English {
            for suffix in ["'s", "'"] {
                if t.len() > suffix.len() && t.ends_with(suffix) {
                    t.truncate(t.len() - suffix.len());
                    break;
                }
            }
        }
        if self != Analyzer::StandardNoStopWords && STOP_WORDS.contains(&t.as_str()) {
            return None;
        }
        if self == Analyzer::English {
            let stemmed = stemmer().stem(&t).into_owned();
            if !stemmed.is_empty() {
                t = stemmed;
            }
        }
        Some(t)
    }
}

impl fmt::Display for Analyzer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

fn stemmer() -> &'static rust_stemmers::Stemmer {
    static STEMMER: std::sync::OnceLock<rust_stemmers::Stemmer> = std::sync::OnceLock::new();
    STEMMER.get_or_init(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English))
}

/// Lowercases a token and writes its apostrophes as `'`: what query terms
/// that are not analyzed (prefixes, wildcards, fuzzy terms) go through.
pub fn normalize(raw: &str) -> String {
    raw.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .collect()
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// The raw tokens of `text`: runs of alphanumerics, joined by single
/// apostrophes between two alphanumerics.
pub fn tokens(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find(|c: char| c.is_alphanumeric())?;
        let s = &rest[start..];
        let mut end = 0;
        let mut chars = s.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_alphanumeric() {
                end = i + c.len_utf8();
            } else if is_apostrophe(c) && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric()) {
                continue;
            } else {
                break;
            }
        }
        let tok = &s[..end];
        rest = &s[end..];
        Some(tok)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_unicode_and_apostrophes() {
        let t: Vec<&str> =
            tokens("Syria's peace-keepers, Côte d’Ivoire (2024)! 'quoted'").collect();
        assert_eq!(
            t,
            [
                "Syria's",
                "peace",
                "keepers",
                "Côte",
                "d’Ivoire",
                "2024",
                "quoted"
            ]
        );
        assert_eq!(tokens("  ,,, ").count(), 0);
    }

    #[test]
    fn analyzers_differ_as_documented() {
        let text = "The Peacekeepers of Syria's mission";
        assert_eq!(
            Analyzer::StandardNoStopWords.terms(text),
            ["the", "peacekeepers", "of", "syria's", "mission"]
        );
        assert_eq!(
            Analyzer::Standard.terms(text),
            ["peacekeepers", "syria's", "mission"]
        );
        assert_eq!(
            Analyzer::English.terms(text),
            ["peacekeep", "syria", "mission"]
        );
        // stop words keep their positions
        let mut out = Vec::new();
        Analyzer::English.analyze("peace and security", 0, &mut out);
        assert_eq!(out, [("peac".to_string(), 0), ("secur".to_string(), 2)]);
    }
}
