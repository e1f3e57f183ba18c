//! Notifications: warnings about a statement that ran, as Neo4j gives them.
//!
//! Today: a label, relationship type or property key that a statement reads
//! but that the graph has never had (`MATCH (c:Contry)`, `c.nmae`), with a
//! "did you mean" from the names the graph does have. The binder notes the
//! names ([`Unknown`]) while it binds — only where a name is read (patterns
//! of MATCH, label tests, property reads), never where a statement creates
//! it — and [`notifications`] turns them into [`Notification`]s. Every way
//! in shows these: the library ([`crate::QueryResult::notifications`]), the
//! shell and the command line, Bolt summaries and the MCP server.

use crate::error::Span;
use crate::store::Graph;

/// What kind of name a statement used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// A node label.
    Label,
    /// A relationship type.
    RelType,
    /// A property key.
    PropertyKey,
}

/// A name the graph has never had, where the statement reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Unknown {
    /// Label, type or key.
    pub kind: NameKind,
    /// The name as written.
    pub name: String,
    /// Where it stands.
    pub span: Span,
}

/// A warning about a statement: it ran, but probably not as meant.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Notification {
    /// Neo4j's status code, e.g. `Neo.ClientNotification.Statement.UnknownLabelWarning`.
    pub code: String,
    /// A short title.
    pub title: String,
    /// What is wrong, with "did you mean" when a close name exists:
    /// `the graph has no label :Contry; did you mean :Country?`.
    pub description: String,
    /// `WARNING` (the only severity so far).
    pub severity: String,
    /// Byte offset into the statement.
    pub offset: usize,
    /// 1-based line in the statement (set once the text is known).
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Notification {
    /// Sets `line` and `column` from `source`, the text `offset` points
    /// into (the statement's; a program that runs it inside a larger text
    /// adds the statement's start to `offset` first).
    pub fn locate(&mut self, source: &str) {
        let upto = source.get(..self.offset).unwrap_or(source);
        self.line = upto.matches('\n').count() + 1;
        let start = upto.rfind('\n').map_or(0, |i| i + 1);
        self.column = upto[start..].chars().count() + 1;
    }
}

/// The notifications for the unknown names a binder noted.
pub(crate) fn notifications(unknown: &[Unknown], g: &Graph) -> Vec<Notification> {
    let mut out: Vec<Notification> = Vec::new();
    let mut seen: Vec<(NameKind, &str)> = Vec::new();
    for u in unknown {
        // one warning per name, at its first use
        if seen.contains(&(u.kind, u.name.as_str())) {
            continue;
        }
        seen.push((u.kind, u.name.as_str()));
        let (code, title, what, sigil, known): (_, _, _, _, Vec<String>) = match u.kind {
            NameKind::Label => (
                "Neo.ClientNotification.Statement.UnknownLabelWarning",
                "The provided label is not in the database.",
                "label",
                ":",
                g.labels_in_use()
                    .into_iter()
                    .map(|(s, _)| g.name(s).to_string())
                    .collect(),
            ),
            NameKind::RelType => (
                "Neo.ClientNotification.Statement.UnknownRelationshipTypeWarning",
                "The provided relationship type is not in the database.",
                "relationship type",
                ":",
                g.types_in_use()
                    .into_iter()
                    .map(|(s, _)| g.name(s).to_string())
                    .collect(),
            ),
            NameKind::PropertyKey => (
                "Neo.ClientNotification.Statement.UnknownPropertyKeyWarning",
                "The provided property key is not in the database",
                "property key",
                "",
                g.interned_names().map(str::to_string).collect(),
            ),
        };
        let description = match did_you_mean(&u.name, known) {
            Some(s) => format!(
                "the graph has no {what} {sigil}{}; did you mean {sigil}{s}?",
                u.name
            ),
            None => format!("the graph has no {what} {sigil}{}", u.name),
        };
        out.push(Notification {
            code: code.to_string(),
            title: title.to_string(),
            description,
            severity: "WARNING".to_string(),
            offset: u.span.start as usize,
            line: 0,
            column: 0,
        });
    }
    out
}

/// The name among `options` that `word` most likely misspells: the same
/// name in another case, a singular or plural of it (`Countries` →
/// `Country`, `VOTE` → `VOTED` is caught by the distance), or the closest
/// within a small edit distance (at most 2, or a quarter of its length).
/// The rule every "did you mean" of plenary follows.
pub fn did_you_mean(word: &str, options: impl IntoIterator<Item = String>) -> Option<String> {
    let w = word.to_lowercase();
    let options: Vec<String> = options.into_iter().collect();
    if let Some(o) = options.iter().find(|o| o.to_lowercase() == w && *o != word) {
        return Some(o.clone());
    }
    let stem = |s: &str| -> String {
        let s = s.to_lowercase();
        if let Some(x) = s.strip_suffix("ies") {
            format!("{x}y")
        } else if let Some(x) = s
            .strip_suffix("es")
            .filter(|x| x.ends_with(['s', 'x', 'h']))
        {
            x.to_string()
        } else if let Some(x) = s.strip_suffix('s') {
            x.to_string()
        } else {
            s
        }
    };
    let ws = stem(word);
    if let Some(o) = options.iter().find(|o| stem(o) == ws && *o != word) {
        return Some(o.clone());
    }
    options
        .into_iter()
        .map(|o| (edit_distance(&w, &o.to_lowercase()), o))
        .filter(|(d, o)| *d > 0 && *d <= 2.max(o.chars().count() / 4) && *d < w.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, o)| o)
}

/// Levenshtein distance, in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dym(w: &str, opts: &[&str]) -> Option<String> {
        did_you_mean(w, opts.iter().map(|s| s.to_string()))
    }

    #[test]
    fn suggestions() {
        let labels = ["Country", "Resolution", "Person", "Body"];
        assert_eq!(dym("Contry", &labels).as_deref(), Some("Country"));
        assert_eq!(dym("Countries", &labels).as_deref(), Some("Country"));
        assert_eq!(dym("country", &labels).as_deref(), Some("Country"));
        assert_eq!(dym("Resolutions", &labels).as_deref(), Some("Resolution"));
        assert_eq!(dym("People", &labels), None);
        assert_eq!(dym("Xyz", &labels), None);
        assert_eq!(dym("VOTE", &["VOTED", "SAID"]).as_deref(), Some("VOTED"));
        assert_eq!(dym("nmae", &["name", "code"]).as_deref(), Some("name"));
        assert_eq!(dym("Country", &labels), None, "a known name is no typo");
    }

    fn warnings(db: &crate::Database, q: &str) -> Vec<String> {
        db.execute(q)
            .unwrap()
            .notifications()
            .iter()
            .map(|n| format!("{}:{} {}", n.line, n.column, n.description))
            .collect()
    }

    #[test]
    fn only_names_read_and_never_seen_are_warned_about() {
        let db = crate::Database::bundled().unwrap();
        assert_eq!(
            warnings(
                &db,
                "MATCH (c:Countries)-[:VOTE]->(r)\nWHERE r.sesion = 1 RETURN c {.nmae}"
            ),
            vec![
                "1:10 the graph has no label :Countries; did you mean :Country?",
                "1:23 the graph has no relationship type :VOTE; did you mean :VOTED?",
                "2:9 the graph has no property key sesion; did you mean session?",
                "2:31 the graph has no property key nmae; did you mean name?",
            ]
        );
        // one warning per name
        assert_eq!(warnings(&db, "MATCH (a:Zz), (b:Zz) RETURN a, b").len(), 1);
        // writes create their names: no warning there, nor after them
        assert!(
            warnings(
                &db,
                "CREATE (n:Fresh {k: 1}) WITH n MATCH (m:Fresh) RETURN m.k"
            )
            .is_empty()
        );
        assert!(warnings(&db, "MERGE (n:Other {q: 1}) RETURN n.q").is_empty());
        // a read before the write that creates the name finds nothing: warned
        assert_eq!(
            warnings(&db, "OPTIONAL MATCH (x:Later) CREATE (:Later) RETURN x").len(),
            1
        );
        // EXPLAIN warns too; label tests in WHERE and subqueries are read sites
        assert_eq!(
            warnings(&db, "EXPLAIN MATCH (n) WHERE n:Nope RETURN n").len(),
            1
        );
        assert_eq!(
            warnings(
                &db,
                "MATCH (c:Country) WHERE EXISTS { (c)-[:VETOD]->() } RETURN c"
            )
            .len(),
            1
        );
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("é", "e"), 1);
    }
}
