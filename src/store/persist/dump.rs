//! The graph as a Cypher script (`plenary dump`): loads back with `plenary
//! run` into an equal graph, and is the migration path to Neo4j and Memgraph.
//!
//! Nodes are created in batches with `UNWIND`, grouped by label set, each
//! with a temporary label `_PlenaryDump` and key `_plenary_id` (indexed) so
//! that relationships can find their endpoints; both are removed at the end,
//! then the schema is created.

use std::io::{self, Write};

use super::super::{Graph, IndexKind, Labels, Props, Sym};
use crate::value::{Value, format_float, quote_string, temporal};

const BATCH: usize = 500;
const TMP_LABEL: &str = "_PlenaryDump";
const TMP_KEY: &str = "_plenary_id";
const TMP_INDEX: &str = "plenary_dump_id";

/// A name as a Cypher identifier (backticks when needed).
pub fn ident(name: &str) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        name.to_string()
    } else {
        format!("`{}`", name.replace('`', "``"))
    }
}

/// A stored value as a Cypher expression that evaluates to it.
pub fn literal(v: &Value) -> String {
    match v {
        Value::Float(f) if f.is_nan() => "(0.0 / 0.0)".into(),
        Value::Float(f) if f.is_infinite() => if *f > 0.0 {
            "(1.0 / 0.0)"
        } else {
            "(-1.0 / 0.0)"
        }
        .into(),
        Value::Float(f) => format_float(*f),
        Value::String(s) => quote_string(s),
        Value::List(l) => {
            let items: Vec<String> = l.iter().map(literal).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Map(m) => {
            let items: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{}: {}", ident(k), literal(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
        Value::Date(d) => format!("date('{}')", temporal::format_date(d)),
        Value::LocalTime(t) => format!("localtime('{}')", temporal::format_time(t)),
        Value::Time(t) => format!("time('{t}')"),
        Value::LocalDateTime(t) => {
            format!("localdatetime('{}')", temporal::format_local_datetime(t))
        }
        Value::DateTime(t) => format!("datetime('{t}')"),
        Value::Duration(d) => format!("duration('{d}')"),
        other => other.to_string(),
    }
}

fn props_map(g: &Graph, props: &Props) -> String {
    let items: Vec<String> = props
        .iter()
        .map(|(k, v)| format!("{}: {}", ident(g.name(*k)), literal(v)))
        .collect();
    format!("{{{}}}", items.join(", "))
}

/// Writes `g` as a Cypher script.
pub fn write_cypher(g: &Graph, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "// plenary dump: {} nodes, {} relationships, {} indexes and constraints",
        g.node_count(),
        g.rel_count(),
        g.schema().len() + g.fulltext_schema().len() + g.vector_schema().len()
    )?;
    writeln!(
        out,
        "CREATE INDEX {TMP_INDEX} IF NOT EXISTS FOR (n:{TMP_LABEL}) ON (n.{TMP_KEY});"
    )?;
    // nodes, grouped by label set, in id order within a group
    let mut groups: Vec<(Labels, Vec<u32>)> = Vec::new();
    let mut by_labels: std::collections::HashMap<Labels, usize> = Default::default();
    for id in g.nodes() {
        let labels = g.node(id).expect("live").labels.clone();
        let i = *by_labels.entry(labels.clone()).or_insert_with(|| {
            groups.push((labels, Vec::new()));
            groups.len() - 1
        });
        groups[i].1.push(id.0);
    }
    for (labels, ids) in &groups {
        let mut label_text = format!(":{TMP_LABEL}");
        for l in labels {
            label_text.push(':');
            label_text.push_str(&ident(g.name(*l)));
        }
        for chunk in ids.chunks(BATCH) {
            let rows: Vec<String> = chunk
                .iter()
                .map(|id| {
                    let n = g.node(crate::value::NodeId(*id)).expect("live");
                    format!("{{i: {id}, p: {}}}", props_map(g, &n.props))
                })
                .collect();
            writeln!(
                out,
                "UNWIND [{}] AS r CREATE (n{label_text} {{{TMP_KEY}: r.i}}) SET n += r.p;",
                rows.join(", ")
            )?;
        }
    }
    // relationships, grouped by type
    let mut rgroups: Vec<(Sym, Vec<u32>)> = Vec::new();
    let mut by_type: std::collections::HashMap<Sym, usize> = Default::default();
    for id in g.rels() {
        let ty = g.rel(id).expect("live").ty;
        let i = *by_type.entry(ty).or_insert_with(|| {
            rgroups.push((ty, Vec::new()));
            rgroups.len() - 1
        });
        rgroups[i].1.push(id.0);
    }
    for (ty, ids) in &rgroups {
        for chunk in ids.chunks(BATCH) {
            let rows: Vec<String> = chunk
                .iter()
                .map(|id| {
                    let rid = crate::value::RelId(*id);
                    let (a, b) = g.rel_endpoints(rid).expect("live");
                    let r = g.rel(rid).expect("live");
                    format!("{{a: {}, b: {}, p: {}}}", a.0, b.0, props_map(g, &r.props))
                })
                .collect();
            writeln!(
                out,
                "UNWIND [{}] AS r MATCH (a:{TMP_LABEL} {{{TMP_KEY}: r.a}}), (b:{TMP_LABEL} {{{TMP_KEY}: r.b}}) CREATE (a)-[x:{}]->(b) SET x += r.p;",
                rows.join(", "),
                ident(g.name(*ty))
            )?;
        }
    }
    writeln!(
        out,
        "MATCH (n:{TMP_LABEL}) REMOVE n:{TMP_LABEL}, n.{TMP_KEY};"
    )?;
    writeln!(out, "DROP INDEX {TMP_INDEX};")?;
    for d in g.schema() {
        let (l, k) = (ident(g.name(d.label)), ident(g.name(d.key)));
        let name = ident(&d.name);
        match d.kind {
            IndexKind::Index => writeln!(out, "CREATE INDEX {name} FOR (n:{l}) ON (n.{k});")?,
            IndexKind::Unique => writeln!(
                out,
                "CREATE CONSTRAINT {name} FOR (n:{l}) REQUIRE n.{k} IS UNIQUE;"
            )?,
            IndexKind::NotNull => writeln!(
                out,
                "CREATE CONSTRAINT {name} FOR (n:{l}) REQUIRE n.{k} IS NOT NULL;"
            )?,
        }
    }
    for d in g.vector_schema() {
        let (target, v) = match d.entity {
            crate::store::Entity::Node => (format!("(n:{})", ident(g.name(d.token))), "n"),
            crate::store::Entity::Relationship => {
                (format!("()-[r:{}]-()", ident(g.name(d.token))), "r")
            }
        };
        writeln!(
            out,
            "CREATE VECTOR INDEX {} FOR {target} ON {v}.{} OPTIONS {{indexConfig: {{`vector.dimensions`: {}, `vector.similarity_function`: '{}'}}}};",
            ident(&d.name),
            ident(g.name(d.key)),
            d.dimensions,
            d.similarity.name().to_lowercase()
        )?;
    }
    for d in g.fulltext_schema() {
        let tokens: Vec<String> = d.tokens.iter().map(|t| ident(g.name(*t))).collect();
        let (target, v) = match d.entity {
            crate::store::Entity::Node => (format!("(n:{})", tokens.join("|")), "n"),
            crate::store::Entity::Relationship => (format!("()-[r:{}]-()", tokens.join("|")), "r"),
        };
        let props: Vec<String> = d
            .props
            .iter()
            .map(|p| format!("{v}.{}", ident(g.name(*p))))
            .collect();
        writeln!(
            out,
            "CREATE FULLTEXT INDEX {} FOR {target} ON EACH [{}] OPTIONS {{indexConfig: {{`fulltext.analyzer`: '{}'}}}};",
            ident(&d.name),
            props.join(", "),
            d.analyzer
        )?;
    }
    Ok(())
}
