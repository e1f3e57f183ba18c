//! Meta-commands that look into the graph: `:schema` and `:why`.
//!
//! `:why` shows the provenance of the last result (see `data/README.md`):
//! every node and relationship in it that has a `sources` property (a list
//! of sentence and document ids), and every `…sources` column the query
//! returned directly, is listed with the text of its sentences (in reading
//! order) and the titles of its outside documents. [`collect`] and
//! [`render`] are pure; [`why`] and [`schema`] ask the database.

use std::collections::BTreeMap;

use plenary::{Database, Node, QueryResult, Relationship, Value};

use super::complete::{Entity, parse_schema};

/// Where a list of source ids was found.
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    /// A node with `sources`.
    Node(Node),
    /// A relationship with `sources`.
    Rel(Relationship),
    /// A `sources` column of a row: the row's number (from 1) and its other
    /// plain values.
    Row(usize, String),
}

/// A subject and its source ids.
#[derive(Debug, Clone, PartialEq)]
pub struct Sourced {
    /// What the ids belong to.
    pub subject: Subject,
    /// The ids, in the order given.
    pub ids: Vec<String>,
}

fn string_list(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::List(l) => l.iter().map(|x| x.as_str().map(str::to_string)).collect(),
        _ => None,
    }
}

fn walk(v: &Value, out: &mut Vec<Sourced>) {
    let push = |out: &mut Vec<Sourced>, subject: Subject, props: &BTreeMap<String, Value>| {
        if let Some(ids) = props.get("sources").and_then(string_list)
            && !out.iter().any(|s| s.subject == subject)
        {
            out.push(Sourced { subject, ids });
        }
    };
    match v {
        Value::Node(n) => push(out, Subject::Node(n.clone()), &n.properties),
        Value::Relationship(r) => push(out, Subject::Rel(r.clone()), &r.properties),
        Value::Path(p) => {
            for (i, n) in p.nodes.iter().enumerate() {
                walk(&Value::Node(n.clone()), out);
                if let Some(r) = p.relationships.get(i) {
                    walk(&Value::Relationship(r.clone()), out);
                }
            }
        }
        Value::List(l) => l.iter().for_each(|x| walk(x, out)),
        Value::Map(m) => m.values().for_each(|x| walk(x, out)),
        _ => {}
    }
}

/// The subjects with sources in a result, in order of first appearance.
pub fn collect(r: &QueryResult) -> Vec<Sourced> {
    let mut out = Vec::new();
    for (i, row) in r.rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let name = r.columns.get(c).map_or("", String::as_str);
            if name.to_ascii_lowercase().ends_with("sources")
                && let Some(ids) = string_list(v)
            {
                let label: Vec<String> = row
                    .iter()
                    .enumerate()
                    .filter(|&(j, x)| {
                        j != c && !matches!(x, Value::List(_) | Value::Map(_) | Value::Null)
                    })
                    .map(|(_, x)| match x {
                        Value::String(s) => s.clone(),
                        Value::Node(n) => node_name(n),
                        other => other.to_string(),
                    })
                    .collect();
                out.push(Sourced {
                    subject: Subject::Row(i + 1, label.join(", ")),
                    ids,
                });
            } else {
                walk(v, &mut out);
            }
        }
    }
    out
}

/// A short name for a node: its label and its most telling key.
pub fn node_name(n: &Node) -> String {
    let key = ["name", "id", "title", "symbol", "code"]
        .into_iter()
        .find_map(|k| n.properties.get(k).map(|v| (k, v)));
    let labels: String = n.labels.iter().map(|l| format!(":{l}")).collect();
    match key {
        Some((k, v)) => format!("({labels} {{{k}: {v}}})"),
        None => format!("({labels} #{})", n.id),
    }
}

/// A heading for a subject; `node` looks up a relationship's end nodes.
pub fn describe(s: &Subject, node: &dyn Fn(u64) -> Option<Node>) -> String {
    match s {
        Subject::Node(n) => node_name(n),
        Subject::Rel(r) => {
            let end = |id: u64| node(id).map_or(format!("(#{id})"), |n| node_name(&n));
            format!("{}-[:{}]->{}", end(r.start), r.rel_type, end(r.end))
        }
        Subject::Row(i, label) if label.is_empty() => format!("row {i}"),
        Subject::Row(i, label) => format!("row {i}: {label}"),
    }
}

/// The `:why` text: per subject its heading, then its sentences (in reading
/// order, as `sentences` gives them) and documents; unknown ids are listed
/// as such.
pub fn render(
    groups: &[(String, Vec<String>)],
    sentences: &[(String, String)],
    documents: &[(String, String)],
) -> String {
    let mut out = String::new();
    for (heading, ids) in groups {
        out.push_str(heading);
        out.push('\n');
        for (id, text) in sentences.iter().filter(|(id, _)| ids.contains(id)) {
            out.push_str(&format!("  {id:<5} {text}\n"));
        }
        for (id, title) in documents.iter().filter(|(id, _)| ids.contains(id)) {
            out.push_str(&format!("  [{id}] {title}\n"));
        }
        for id in ids {
            if !sentences.iter().any(|(s, _)| s == id) && !documents.iter().any(|(d, _)| d == id) {
                out.push_str(&format!("  {id:<5} (no such sentence or document)\n"));
            }
        }
    }
    out.pop();
    out
}

fn pairs(db: &Database, q: &str, ids: &[String]) -> Vec<(String, String)> {
    let mut params = BTreeMap::new();
    params.insert(
        "ids".to_string(),
        Value::List(ids.iter().cloned().map(Value::String).collect()),
    );
    db.execute_with(q, &params)
        .map(|r| {
            r.rows
                .iter()
                .map(|row| {
                    let s = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_string);
                    (s(&row[0]), s(&row[1]))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// `:why` for a result: the provenance text, or a note saying why there is
/// none.
pub fn why(db: &Database, last: Option<&QueryResult>) -> Result<String, String> {
    let Some(r) = last else {
        return Err("no result yet: run a query first, then :why".into());
    };
    let found = collect(r);
    if found.is_empty() {
        return Err(
            "the last result has no entity with `sources` (return nodes or relationships, or a sources list)"
                .into(),
        );
    }
    let mut all: Vec<String> = found.iter().flat_map(|s| s.ids.clone()).collect();
    all.sort();
    all.dedup();
    let sentences = pairs(
        db,
        "MATCH (s:Sentence) WHERE s.id IN $ids RETURN s.id, s.text ORDER BY s.n",
        &all,
    );
    let documents = pairs(
        db,
        "MATCH (d:Document) WHERE d.id IN $ids RETURN d.id, d.title ORDER BY d.id",
        &all,
    );
    let lookup = |id: u64| {
        let mut p = BTreeMap::new();
        p.insert("id".to_string(), Value::Int(id as i64));
        let r = db
            .execute_with("MATCH (n) WHERE id(n) = $id RETURN n", &p)
            .ok()?;
        match r.rows.first()?.first()? {
            Value::Node(n) => Some(n.clone()),
            _ => None,
        }
    };
    let groups: Vec<(String, Vec<String>)> = found
        .iter()
        .map(|s| (describe(&s.subject, &lookup), s.ids.clone()))
        .collect();
    Ok(render(&groups, &sentences, &documents))
}

/// The `:schema` text: labels and relationship types with counts and
/// property keys, then indexes and constraints.
pub fn schema(db: &Database) -> Result<String, String> {
    let entries = db
        .execute("CALL db.schema()")
        .map(|r| parse_schema(&r))
        .map_err(|e| e.to_string())?;
    let mut out = String::new();
    for (title, want_label) in [("Labels", true), ("Relationship types", false)] {
        let rows: Vec<_> = entries
            .iter()
            .filter(|e| matches!(e.entity, Entity::Label(_)) == want_label)
            .collect();
        out.push_str(&format!("{title} ({}):\n", rows.len()));
        let name = |e: &Entity| match e {
            Entity::Label(n) | Entity::Type(n) => format!(":{n}"),
        };
        let w = rows
            .iter()
            .map(|e| name(&e.entity).len())
            .max()
            .unwrap_or(0);
        for e in rows {
            out.push_str(&format!(
                "  {:<w$} {:>5}  {}\n",
                name(&e.entity),
                e.count,
                e.properties.join(", ")
            ));
        }
    }
    for (title, q) in [
        ("Indexes", "CALL db.indexes()"),
        ("Constraints", "CALL db.constraints()"),
    ] {
        let r = db.execute(q).map_err(|e| e.to_string())?;
        out.push_str(&format!("{title} ({}):\n", r.rows.len()));
        let get = |row: &Vec<Value>, c: &str| {
            r.column(c)
                .and_then(|i| row[i].as_str().map(str::to_string))
                .unwrap_or_default()
        };
        for row in &r.rows {
            out.push_str(&format!(
                "  {:<22} :{}({})  {}\n",
                get(row, "name"),
                get(row, "label"),
                get(row, "property"),
                get(row, "type")
            ));
        }
    }
    out.pop();
    Ok(out)
}

/// The full-text index `:search` asks: `search` (the bundled graph's), else
/// the first node index; with its properties. `None` when there is none.
fn search_index(db: &Database) -> Option<(String, Vec<String>)> {
    let r = db.execute("SHOW FULLTEXT INDEXES").ok()?;
    let mut found: Vec<(String, Vec<String>)> = r
        .rows
        .iter()
        .filter(|row| row.get(2).and_then(Value::as_str) == Some("NODE"))
        .filter_map(|row| {
            let name = row.first()?.as_str()?.to_string();
            Some((name, string_list(row.get(4)?)?))
        })
        .collect();
    let pos = found.iter().position(|(n, _)| n == "search").unwrap_or(0);
    (!found.is_empty()).then(|| found.swap_remove(pos))
}

/// `:search WORDS`: the ten best hits of a full-text query, each with its
/// text and where it came from (who said it, its sources, its paragraph).
pub fn search(db: &Database, words: &str) -> Result<String, String> {
    let Some((index, props)) = search_index(db) else {
        return Err(
            "no full-text index over nodes here; create one with CREATE FULLTEXT INDEX name FOR (n:Label) ON EACH [n.text]"
                .into(),
        );
    };
    let mut params = BTreeMap::new();
    params.insert("index".to_string(), Value::String(index.clone()));
    params.insert("q".to_string(), Value::String(words.to_string()));
    params.insert(
        "props".to_string(),
        Value::List(props.into_iter().map(Value::String).collect()),
    );
    let r = db
        .execute_with(
            "CALL db.index.fulltext.queryNodes($index, $q, {limit: 10}) YIELD node, score
             OPTIONAL MATCH (who)-[:SAID]->(node)
             WITH node, score, collect(DISTINCT coalesce(who.name, who.id)) AS speakers
             RETURN labels(node), coalesce(node.id, id(node)),
                    [p IN $props WHERE node[p] IS NOT NULL | node[p]][0],
                    speakers, node.sources, node.paragraph, score
             ORDER BY score DESC, id(node)",
            &params,
        )
        .map_err(|e| e.message().to_string())?;
    if r.rows.is_empty() {
        return Ok(format!(
            "no hits for {words:?} in the full-text index `{index}`"
        ));
    }
    let mut out = format!(
        "{} hit{} for {words:?} in `{index}`, best first:\n",
        r.rows.len(),
        if r.rows.len() == 1 { "" } else { "s" }
    );
    for (i, row) in r.rows.iter().enumerate() {
        let [labels, id, text, speakers, sources, paragraph, score] = &row[..] else {
            continue;
        };
        let labels = string_list(labels).unwrap_or_default().join(":");
        let id = id.as_str().map_or_else(|| id.to_string(), str::to_string);
        let score = match score {
            Value::Float(s) => format!("{s:.3}"),
            v => v.to_string(),
        };
        out.push_str(&format!("{:>2}. {labels} {id}  (score {score})\n", i + 1));
        if let Some(t) = text.as_str() {
            let short: String = t.chars().take(160).collect();
            let more = if t.chars().count() > 160 { "…" } else { "" };
            out.push_str(&format!("    “{short}{more}”\n"));
        }
        let mut from = Vec::new();
        if let Some(s) = string_list(speakers).filter(|s| !s.is_empty()) {
            from.push(format!("said by {}", s.join(", ")));
        }
        if let Some(s) = string_list(sources).filter(|s| !s.is_empty()) {
            from.push(format!("sources {}", s.join(", ")));
        }
        if let Value::Int(p) = paragraph {
            from.push(format!("paragraph {p}"));
        }
        if !from.is_empty() {
            out.push_str(&format!("    {}\n", from.join("; ")));
        }
    }
    Ok(out.trim_end().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Database {
        Database::bundled().unwrap()
    }

    #[test]
    fn collects_nodes_relationships_paths_and_columns() {
        let db = bundled();
        let r = db
            .execute(
                "MATCH p = (c:Country {code: 'RU'})-[v:VETOED]->(r) RETURN c, v, p, [c] AS again",
            )
            .unwrap();
        let found = collect(&r);
        let kinds: Vec<&str> = found
            .iter()
            .map(|s| match s.subject {
                Subject::Node(_) => "node",
                Subject::Rel(_) => "rel",
                Subject::Row(..) => "row",
            })
            .collect();
        // c, v, and the path's end node (c and v are not repeated).
        assert_eq!(kinds, vec!["node", "rel", "node"]);
        let r = db
            .execute("MATCH (c:Country {code: 'RU'}) RETURN c.name, c.sources, c.code_sources")
            .unwrap();
        let found = collect(&r);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].subject, Subject::Row(1, "Russia".into()));
        assert!(found[0].ids.contains(&"s5".to_string()));
        assert_eq!(found[1].ids, vec!["iso3166", "unvotes"]);
        let r = db.execute("MATCH (s:Sentence) RETURN s LIMIT 1").unwrap();
        assert!(collect(&r).is_empty(), "sentences have no sources");
    }

    #[test]
    fn renders_groups_in_reading_order() {
        let groups = vec![
            (
                "(:A)".to_string(),
                vec!["s2".into(), "s1".into(), "doc".into()],
            ),
            ("row 2".to_string(), vec!["zz".into()]),
        ];
        let sentences = vec![("s1".into(), "One.".into()), ("s2".into(), "Two.".into())];
        let docs = vec![("doc".into(), "A title".into())];
        assert_eq!(
            render(&groups, &sentences, &docs),
            "(:A)\n  s1    One.\n  s2    Two.\n  [doc] A title\nrow 2\n  zz    (no such sentence or document)"
        );
    }

    #[test]
    fn why_on_the_bundled_graph() {
        let db = bundled();
        assert!(why(&db, None).is_err());
        let r = db
            .execute("MATCH (:Country {code: 'RU'})-[v:VETOED]->(r) RETURN v")
            .unwrap();
        let text = why(&db, Some(&r)).unwrap();
        assert!(
            text.starts_with("(:Country {name: 'Russia'})-[:VETOED]->(:Resolution"),
            "{text}"
        );
        assert!(text.contains("vetoed"), "{text}");
        let r = db
            .execute("MATCH (c:Country {code: 'RU'}) RETURN c")
            .unwrap();
        let text = why(&db, Some(&r)).unwrap();
        assert!(text.contains("[unvotes] "), "{text}");
        let r = db.execute("RETURN 1").unwrap();
        assert!(why(&db, Some(&r)).is_err());
    }

    #[test]
    fn schema_lists_everything() {
        let s = schema(&bundled()).unwrap();
        assert!(s.starts_with("Labels (9):\n"), "{s}");
        assert!(s.contains(":Country"));
        assert!(s.contains("Relationship types ("));
        assert!(s.contains(":VETOED"));
        assert!(s.contains("Indexes (5):"));
        assert!(s.contains("country_code"));
        assert!(s.contains("Constraints (10):"));
        assert!(s.contains(":Country(name)  UNIQUENESS"));
    }
}
