//! Printing query results and errors: box-drawn tables, CSV, JSON and JSON
//! lines, as specified by the command-line contract (`contracts.md`).
//!
//! * [`Format::Table`]: a box-drawn table for people; numbers right-aligned,
//!   long cells cut with `…`, every value in Cypher notation, and a footer.
//! * [`Format::Csv`]: a header and one record per row; strings, numbers and
//!   booleans as plain text, `null` as an empty field, anything else (lists,
//!   maps, nodes, …) in Cypher notation.
//! * [`Format::Json`]: per statement, one array of objects keyed by column.
//! * [`Format::Jsonl`]: per statement, one line
//!   `{"columns":[…],"rows":[[…],…]}` (plus `"stats"` when something changed),
//!   or, for a failure, `{"error":{…}}` ([`write_error`]).
//!
//! ## Temporal values
//! The contract's table tags temporal values (`{"~date":"2012-02-16"}`); the
//! openCypher TCK, and so the conformance runner that reads `jsonl`, writes
//! them as plain ISO strings. So [`value_to_json`] (and the `json` format)
//! tags them, while `jsonl` writes the plain ISO string
//! ([`TemporalStyle::Iso`]). Tags: `~date`, `~localtime`, `~time`,
//! `~localdatetime`, `~datetime`, `~duration`.

use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;
use std::time::Duration as StdDuration;

use serde_json::{Map as JsonMap, Value as Json};
use unicode_width::UnicodeWidthStr;

use crate::error::Error;
use crate::result::{Node, QueryResult, Relationship, Value};
use crate::value::format_float;
use crate::value::temporal::{format_date, format_local_datetime, format_time};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Box-drawn table (the default on a terminal).
    #[default]
    Table,
    /// Comma-separated values with a header.
    Csv,
    /// One JSON array of row objects per statement.
    Json,
    /// One JSON object per statement, one per line.
    Jsonl,
}

impl Format {
    /// Every format, in the order they are listed in help texts.
    pub const ALL: [Format; 4] = [Format::Table, Format::Csv, Format::Json, Format::Jsonl];

    /// The format's name as written on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;

    /// Parses `table`, `csv`, `json` or `jsonl` (case-insensitive).
    fn from_str(s: &str) -> Result<Format, String> {
        let lower = s.trim().to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.name() == lower)
            .ok_or_else(|| format!("unknown format '{s}' (expected table, csv, json or jsonl)"))
    }
}

/// How tables are drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableOptions {
    /// Print at most this many rows (the footer says how many there were).
    pub max_rows: Option<usize>,
    /// Cut cells wider than this many terminal columns with `…` (at least 1).
    pub max_col_width: usize,
    /// Use ANSI colours (bold header, dim `null`).
    pub color: bool,
    /// Print the `N rows` footer after the table.
    pub footer: bool,
}

impl Default for TableOptions {
    fn default() -> TableOptions {
        TableOptions {
            max_rows: None,
            max_col_width: 60,
            color: false,
            footer: true,
        }
    }
}

/// How [`value_to_json_with`] writes temporal values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TemporalStyle {
    /// Tagged objects: `{"~date":"2012-02-16"}` (the contract's table).
    #[default]
    Tagged,
    /// Plain ISO 8601 strings: `"2012-02-16"` (what the TCK runner reads).
    Iso,
}

/// A value as JSON, per the contract's "Values in JSON" table: integers stay
/// integers, floats always have a decimal point or exponent (non-finite
/// floats are the strings `"NaN"`, `"Infinity"`, `"-Infinity"`), lists are
/// arrays, maps are objects, and graph entities and temporal values are
/// tagged objects.
///
/// ```
/// use plenary::output::value_to_json;
/// use plenary::Value;
///
/// assert_eq!(value_to_json(&Value::Float(1.0)).to_string(), "1.0");
/// assert_eq!(value_to_json(&Value::Float(f64::NAN)).to_string(), r#""NaN""#);
/// let list = Value::List(vec![Value::Int(1), Value::from("a"), Value::Null]);
/// assert_eq!(value_to_json(&list).to_string(), r#"[1,"a",null]"#);
/// let date = Value::Date(chrono::NaiveDate::from_ymd_opt(2012, 2, 16).unwrap());
/// assert_eq!(value_to_json(&date).to_string(), r#"{"~date":"2012-02-16"}"#);
/// ```
pub fn value_to_json(v: &Value) -> Json {
    value_to_json_with(v, TemporalStyle::Tagged)
}

/// [`value_to_json`] with a choice of how temporal values are written.
pub fn value_to_json_with(v: &Value, style: TemporalStyle) -> Json {
    let temporal = |tag: &str, text: String| match style {
        TemporalStyle::Iso => Json::String(text),
        TemporalStyle::Tagged => tagged(tag, Json::String(text)),
    };
    match v {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::from(*i),
        Value::Float(f) => match serde_json::Number::from_f64(*f) {
            Some(n) => Json::Number(n),
            None => Json::String(format_float(*f)),
        },
        Value::String(s) => Json::String(s.clone()),
        Value::List(l) => Json::Array(l.iter().map(|x| value_to_json_with(x, style)).collect()),
        Value::Map(m) => Json::Object(
            m.iter()
                .map(|(k, x)| (k.clone(), value_to_json_with(x, style)))
                .collect(),
        ),
        Value::Node(n) => node_json(n, style),
        Value::Relationship(r) => rel_json(r, style),
        Value::Path(p) => {
            let mut body = JsonMap::new();
            body.insert(
                "nodes".into(),
                Json::Array(p.nodes.iter().map(|n| node_json(n, style)).collect()),
            );
            body.insert(
                "relationships".into(),
                Json::Array(p.relationships.iter().map(|r| rel_json(r, style)).collect()),
            );
            tagged("~path", Json::Object(body))
        }
        Value::Date(d) => temporal("~date", format_date(d)),
        Value::LocalTime(t) => temporal("~localtime", format_time(t)),
        Value::Time(t) => temporal("~time", t.to_string()),
        Value::LocalDateTime(t) => temporal("~localdatetime", format_local_datetime(t)),
        Value::DateTime(t) => temporal("~datetime", t.to_string()),
        Value::Duration(d) => temporal("~duration", d.to_string()),
    }
}

fn tagged(tag: &str, body: Json) -> Json {
    let mut m = JsonMap::new();
    m.insert(tag.to_string(), body);
    Json::Object(m)
}

fn props_json(props: &std::collections::BTreeMap<String, Value>, style: TemporalStyle) -> Json {
    Json::Object(
        props
            .iter()
            .map(|(k, x)| (k.clone(), value_to_json_with(x, style)))
            .collect(),
    )
}

fn node_json(n: &Node, style: TemporalStyle) -> Json {
    let mut body = JsonMap::new();
    body.insert("id".into(), Json::from(n.id));
    body.insert(
        "labels".into(),
        Json::Array(n.labels.iter().cloned().map(Json::String).collect()),
    );
    body.insert("properties".into(), props_json(&n.properties, style));
    tagged("~node", Json::Object(body))
}

fn rel_json(r: &Relationship, style: TemporalStyle) -> Json {
    let mut body = JsonMap::new();
    body.insert("id".into(), Json::from(r.id));
    body.insert("type".into(), Json::String(r.rel_type.clone()));
    body.insert("start".into(), Json::from(r.start));
    body.insert("end".into(), Json::from(r.end));
    body.insert("properties".into(), props_json(&r.properties, style));
    tagged("~rel", Json::Object(body))
}

/// Writes `pairs` as one JSON object with the keys in the given order.
fn write_object(out: &mut dyn Write, pairs: &[(&str, Json)]) -> io::Result<()> {
    out.write_all(b"{")?;
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, k)?;
        out.write_all(b":")?;
        serde_json::to_writer(&mut *out, v)?;
    }
    out.write_all(b"}")
}

/// Writes one statement's result in `fmt`. Nothing is flushed; the caller
/// flushes after each statement.
pub fn write_result(
    out: &mut dyn Write,
    r: &QueryResult,
    fmt: Format,
    opts: &TableOptions,
) -> io::Result<()> {
    match fmt {
        Format::Table => write_table(out, r, opts),
        Format::Csv => write_csv(out, r),
        Format::Json => write_json(out, r),
        Format::Jsonl => write_jsonl(out, r),
    }
}

fn write_jsonl(out: &mut dyn Write, r: &QueryResult) -> io::Result<()> {
    let style = TemporalStyle::Iso;
    let columns = Json::Array(r.columns.iter().cloned().map(Json::String).collect());
    let rows = Json::Array(
        r.rows
            .iter()
            .map(|row| Json::Array(row.iter().map(|v| value_to_json_with(v, style)).collect()))
            .collect(),
    );
    let mut pairs = vec![("columns", columns), ("rows", rows)];
    let stats = r.stats.pairs();
    if !stats.is_empty() {
        let m: JsonMap<String, Json> = stats
            .into_iter()
            .map(|(k, n)| (k.to_string(), Json::from(n)))
            .collect();
        pairs.push(("stats", Json::Object(m)));
    }
    if !r.notifications.is_empty() {
        let list = r
            .notifications
            .iter()
            .map(|n| serde_json::to_value(n).unwrap_or(Json::Null))
            .collect();
        pairs.push(("notifications", Json::Array(list)));
    }
    write_object(out, &pairs)?;
    out.write_all(b"\n")
}

fn write_json(out: &mut dyn Write, r: &QueryResult) -> io::Result<()> {
    if r.rows.is_empty() {
        return out.write_all(b"[]\n");
    }
    out.write_all(b"[\n")?;
    for (i, row) in r.rows.iter().enumerate() {
        out.write_all(b"  ")?;
        let pairs: Vec<(&str, Json)> = r
            .columns
            .iter()
            .zip(row)
            .map(|(c, v)| (c.as_str(), value_to_json(v)))
            .collect();
        write_object(out, &pairs)?;
        out.write_all(if i + 1 < r.rows.len() { b",\n" } else { b"\n" })?;
    }
    out.write_all(b"]\n")
}

/// A cell as CSV text: scalars plain, `null` empty, the rest in Cypher notation.
fn csv_cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Float(f) => format_float(*f),
        Value::Date(d) => format_date(d),
        Value::LocalTime(t) => format_time(t),
        Value::Time(t) => t.to_string(),
        Value::LocalDateTime(t) => format_local_datetime(t),
        Value::DateTime(t) => t.to_string(),
        Value::Duration(d) => d.to_string(),
        other => other.to_string(),
    }
}

fn write_csv(out: &mut dyn Write, r: &QueryResult) -> io::Result<()> {
    if r.columns.is_empty() {
        return Ok(());
    }
    // Quote into a buffer, so that a write error reaches the caller as the
    // plain io::Error it is (a closed pipe must stay recognisable).
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let to_io = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    };
    w.write_record(&r.columns).map_err(to_io)?;
    for row in &r.rows {
        w.write_record(row.iter().map(csv_cell)).map_err(to_io)?;
    }
    let buf = w
        .into_inner()
        .map_err(|e| io::Error::other(e.to_string()))?;
    out.write_all(&buf)
}

/// The footer under a table: `3 rows`, plus what changed and, when given,
/// how long it took (`1 row, 1 node created in 2 ms`).
pub fn footer(r: &QueryResult, shown: Option<usize>, elapsed: Option<StdDuration>) -> String {
    let n = r.rows.len();
    let mut s = if r.columns.is_empty() && n == 0 && !r.stats.is_empty() {
        String::new()
    } else {
        format!("{n} {}", if n == 1 { "row" } else { "rows" })
    };
    if let Some(shown) = shown
        && shown < n
    {
        s.push_str(&format!(" ({shown} shown)"));
    }
    for (name, count) in r.stats.pairs() {
        if !s.is_empty() {
            s.push_str(", ");
        }
        let name = name.replace('_', " ");
        s.push_str(&format!("{name}: {count}"));
    }
    if let Some(t) = elapsed {
        s.push_str(&format!(" in {}", format_elapsed(t)));
    }
    s
}

fn format_elapsed(t: StdDuration) -> String {
    let ms = t.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.1} ms")
    } else if ms < 10_000.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{:.1} s", ms / 1000.0)
    }
}

/// A cell's text for a table: Cypher notation on one line.
fn table_cell(v: &Value) -> String {
    let s = v.to_string();
    if s.contains(['\n', '\r', '\t']) {
        s.replace('\n', "\\n")
            .replace('\r', "\\r")
            .replace('\t', "\\t")
    } else {
        s
    }
}

/// Cuts `s` to at most `max` terminal columns, ending with `…` when cut.
fn truncate(s: &str, max: usize) -> String {
    let max = max.max(1);
    if s.width() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > max - 1 {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

fn write_table(out: &mut dyn Write, r: &QueryResult, opts: &TableOptions) -> io::Result<()> {
    let shown = opts.max_rows.map_or(r.rows.len(), |m| m.min(r.rows.len()));
    if !r.columns.is_empty() {
        let (bold, dim, reset) = if opts.color {
            ("\x1b[1m", "\x1b[2m", "\x1b[0m")
        } else {
            ("", "", "")
        };
        let header: Vec<String> = r
            .columns
            .iter()
            .map(|c| truncate(c, opts.max_col_width))
            .collect();
        let cells: Vec<Vec<(String, bool, bool)>> = r.rows[..shown]
            .iter()
            .map(|row| {
                row.iter()
                    .map(|v| {
                        let numeric = matches!(v, Value::Int(_) | Value::Float(_));
                        let null = matches!(v, Value::Null);
                        (truncate(&table_cell(v), opts.max_col_width), numeric, null)
                    })
                    .collect()
            })
            .collect();
        let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
        for row in &cells {
            for (i, (c, _, _)) in row.iter().enumerate() {
                if let Some(w) = widths.get_mut(i) {
                    *w = (*w).max(c.width());
                }
            }
        }
        let rule = |l: &str, m: &str, r: &str| {
            let mut s = String::from(l);
            for (i, w) in widths.iter().enumerate() {
                if i > 0 {
                    s.push_str(m);
                }
                s.push_str(&"─".repeat(w + 2));
            }
            s.push_str(r);
            s.push('\n');
            s
        };
        out.write_all(rule("┌", "┬", "┐").as_bytes())?;
        let mut line = String::from("│");
        for (h, w) in header.iter().zip(&widths) {
            let pad = w - h.width();
            line.push_str(&format!(" {bold}{h}{reset}{} │", " ".repeat(pad)));
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
        out.write_all(rule("├", "┼", "┤").as_bytes())?;
        for row in &cells {
            let mut line = String::from("│");
            for (i, w) in widths.iter().enumerate() {
                let (text, numeric, null) = row
                    .get(i)
                    .map_or(("", false, false), |(t, n, z)| (t.as_str(), *n, *z));
                let pad = " ".repeat(w - text.width());
                let text = if null && opts.color {
                    format!("{dim}{text}{reset}")
                } else {
                    text.to_string()
                };
                if numeric {
                    line.push_str(&format!(" {pad}{text} │"));
                } else {
                    line.push_str(&format!(" {text}{pad} │"));
                }
            }
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
        out.write_all(rule("└", "┴", "┘").as_bytes())?;
    }
    if opts.footer {
        let f = footer(r, Some(shown), None);
        out.write_all(f.as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The phase string of the JSON contract: `"compile time"` or `"runtime"`.
pub fn phase(err: &Error) -> &'static str {
    if err.is_compile_time() {
        "compile time"
    } else {
        "runtime"
    }
}

/// An error as the fields of the contract's JSON object, in order:
/// `{"kind":K,"code":C,"message":M,"line":L,"column":Col,"phase":P}` (the
/// value of the `"error"` key). `source` is the text the error's span points
/// into (the whole script, for a span shifted to file positions); `line` and
/// `column` are left out when the error has no position.
pub fn error_fields(err: &Error, source: &str) -> Vec<(&'static str, Json)> {
    let mut pairs = vec![
        ("kind", Json::String(err.kind().as_str().to_string())),
        ("code", Json::String(err.code().as_str().to_string())),
        ("message", Json::String(err.message().to_string())),
    ];
    if let Some((line, col)) = err.line_col(source) {
        pairs.push(("line", Json::from(line)));
        pairs.push(("column", Json::from(col)));
    }
    pairs.push(("phase", Json::String(phase(err).to_string())));
    pairs
}

/// Writes an error in `fmt`: for [`Format::Jsonl`] the contract's line
/// `{"error":{…}}`; for every other format the message with the offending
/// line and a caret ([`Error::render`]), positions named `name:line:col` when
/// a name is given. `source` is the text the error's span points into.
pub fn write_error(
    out: &mut dyn Write,
    err: &Error,
    source: &str,
    name: Option<&str>,
    fmt: Format,
) -> io::Result<()> {
    match fmt {
        Format::Jsonl => {
            let body = error_fields(err, source);
            out.write_all(b"{\"error\":")?;
            write_object(out, &body)?;
            out.write_all(b"}\n")
        }
        _ => {
            out.write_all(err.render(source, name).as_bytes())?;
            out.write_all(b"\n")
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::result::Path;
    use crate::store::Stats;
    use crate::value::temporal::{DateTimeTz, Duration, TimeTz};
    use crate::{ErrorKind, Span};

    /// Compact JSON text (object keys come out sorted; JSON does not care).
    fn j(v: &Value) -> String {
        value_to_json(v).to_string()
    }

    fn node(id: u64, label: &str, name: &str) -> Node {
        let mut properties = BTreeMap::new();
        properties.insert("name".to_string(), Value::from(name));
        Node {
            id,
            labels: vec![label.to_string()],
            properties,
        }
    }

    fn rel(id: u64, start: u64, end: u64) -> Relationship {
        Relationship {
            id,
            rel_type: "KNOWS".into(),
            start,
            end,
            properties: BTreeMap::new(),
        }
    }

    #[test]
    fn scalars_to_json() {
        assert_eq!(j(&Value::Null), "null");
        assert_eq!(j(&Value::Bool(true)), "true");
        assert_eq!(j(&Value::Int(-42)), "-42");
        assert_eq!(j(&Value::Int(i64::MAX)), "9223372036854775807");
        assert_eq!(j(&Value::Float(1.0)), "1.0");
        assert_eq!(j(&Value::Float(-0.0)), "-0.0");
        assert_eq!(j(&Value::Float(2.5)), "2.5");
        assert_eq!(j(&Value::Float(1e300)), "1e+300");
        assert_eq!(j(&Value::Float(1e-7)), "1e-7");
        assert_eq!(j(&Value::Float(f64::NAN)), r#""NaN""#);
        assert_eq!(j(&Value::Float(f64::INFINITY)), r#""Infinity""#);
        assert_eq!(j(&Value::Float(f64::NEG_INFINITY)), r#""-Infinity""#);
        assert_eq!(j(&Value::from("a\"b\n")), r#""a\"b\n""#);
        assert_eq!(j(&Value::from("日本")), r#""日本""#);
    }

    #[test]
    fn collections_to_json() {
        let mut m = BTreeMap::new();
        m.insert(
            "b".to_string(),
            Value::List(vec![Value::Int(1), Value::Float(2.0)]),
        );
        m.insert("a".to_string(), Value::Null);
        assert_eq!(j(&Value::Map(m)), r#"{"a":null,"b":[1,2.0]}"#);
        assert_eq!(j(&Value::List(vec![])), "[]");
    }

    #[test]
    fn entities_to_json() {
        let n = node(1, "Country", "Syria");
        assert_eq!(
            j(&Value::Node(n.clone())),
            r#"{"~node":{"id":1,"labels":["Country"],"properties":{"name":"Syria"}}}"#
        );
        let r = rel(7, 1, 2);
        assert_eq!(
            j(&Value::Relationship(r.clone())),
            r#"{"~rel":{"end":2,"id":7,"properties":{},"start":1,"type":"KNOWS"}}"#
        );
        let p = Path {
            nodes: vec![n, node(2, "Country", "Iraq")],
            relationships: vec![r],
        };
        assert_eq!(
            j(&Value::Path(p)),
            concat!(
                r#"{"~path":{"nodes":[{"~node":{"id":1,"labels":["Country"],"properties":{"name":"Syria"}}},"#,
                r#"{"~node":{"id":2,"labels":["Country"],"properties":{"name":"Iraq"}}}],"#,
                r#""relationships":[{"~rel":{"end":2,"id":7,"properties":{},"start":1,"type":"KNOWS"}}]}}"#
            )
        );
    }

    fn temporals() -> Vec<Value> {
        let date = chrono::NaiveDate::from_ymd_opt(2012, 2, 16).unwrap();
        let time = chrono::NaiveTime::from_hms_opt(12, 31, 14).unwrap();
        vec![
            Value::Date(date),
            Value::LocalTime(time),
            Value::Time(TimeTz { time, offset: 3600 }),
            Value::LocalDateTime(date.and_time(time)),
            Value::DateTime(DateTimeTz {
                local: date.and_time(time),
                offset: 0,
                zone: Some("Europe/London".into()),
            }),
            Value::Duration(Duration {
                months: 0,
                days: 1,
                seconds: 0,
                nanos: 0,
            }),
        ]
    }

    #[test]
    fn temporals_to_json() {
        let tagged: Vec<String> = temporals().iter().map(j).collect();
        assert_eq!(
            tagged,
            vec![
                r#"{"~date":"2012-02-16"}"#,
                r#"{"~localtime":"12:31:14"}"#,
                r#"{"~time":"12:31:14+01:00"}"#,
                r#"{"~localdatetime":"2012-02-16T12:31:14"}"#,
                r#"{"~datetime":"2012-02-16T12:31:14Z[Europe/London]"}"#,
                r#"{"~duration":"P1D"}"#,
            ]
        );
        let iso: Vec<String> = temporals()
            .iter()
            .map(|v| value_to_json_with(v, TemporalStyle::Iso).to_string())
            .collect();
        assert_eq!(
            iso,
            vec![
                r#""2012-02-16""#,
                r#""12:31:14""#,
                r#""12:31:14+01:00""#,
                r#""2012-02-16T12:31:14""#,
                r#""2012-02-16T12:31:14Z[Europe/London]""#,
                r#""P1D""#,
            ]
        );
    }

    fn result(columns: &[&str], rows: Vec<Vec<Value>>) -> QueryResult {
        QueryResult {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows,
            stats: Stats::default(),
            notifications: Vec::new(),
        }
    }

    fn render(r: &QueryResult, fmt: Format, opts: &TableOptions) -> String {
        let mut buf = Vec::new();
        write_result(&mut buf, r, fmt, opts).unwrap();
        String::from_utf8(buf).unwrap()
    }

    fn sample() -> QueryResult {
        result(
            &["x", "name"],
            vec![
                vec![Value::Int(1), Value::from("a")],
                vec![Value::Float(22.5), Value::Null],
            ],
        )
    }

    #[test]
    fn table_layout() {
        let t = render(&sample(), Format::Table, &TableOptions::default());
        assert_eq!(
            t,
            "┌──────┬──────┐\n\
             │ x    │ name │\n\
             ├──────┼──────┤\n\
             │    1 │ 'a'  │\n\
             │ 22.5 │ null │\n\
             └──────┴──────┘\n\
             2 rows\n"
        );
    }

    #[test]
    fn table_cuts_long_cells_and_rows() {
        let r = result(
            &["s"],
            vec![
                vec![Value::from("abcdefghij")],
                vec![Value::from("日本語日本語")],
                vec![Value::from("x")],
            ],
        );
        let opts = TableOptions {
            max_rows: Some(2),
            max_col_width: 6,
            color: false,
            footer: true,
        };
        let t = render(&r, Format::Table, &opts);
        assert_eq!(
            t,
            "┌────────┐\n\
             │ s      │\n\
             ├────────┤\n\
             │ 'abcd… │\n\
             │ '日本… │\n\
             └────────┘\n\
             3 rows (2 shown)\n"
        );
    }

    #[test]
    fn table_entities_in_cypher_notation() {
        let n = node(1, "Country", "Syria");
        let r = result(
            &["n", "r"],
            vec![vec![Value::Node(n), Value::Relationship(rel(2, 1, 1))]],
        );
        let opts = TableOptions {
            footer: false,
            ..TableOptions::default()
        };
        let t = render(&r, Format::Table, &opts);
        assert!(
            t.contains("│ (:Country {name: 'Syria'}) │ [:KNOWS] │"),
            "{t}"
        );
        assert!(!t.contains("row"));
    }

    #[test]
    fn table_colour_and_newlines() {
        let r = result(&["s"], vec![vec![Value::Null], vec![Value::from("a\nb")]]);
        let opts = TableOptions {
            color: true,
            ..TableOptions::default()
        };
        let t = render(&r, Format::Table, &opts);
        assert!(t.contains("\x1b[1ms\x1b[0m"), "{t}");
        assert!(t.contains("\x1b[2mnull\x1b[0m"), "{t}");
        assert!(t.contains(r"'a\nb'"), "{t}");
    }

    #[test]
    fn table_without_columns_shows_changes() {
        let mut r = result(&[], vec![]);
        assert_eq!(
            render(&r, Format::Table, &TableOptions::default()),
            "0 rows\n"
        );
        r.stats.nodes_created = 2;
        r.stats.properties_set = 1;
        assert_eq!(
            render(&r, Format::Table, &TableOptions::default()),
            "nodes created: 2, properties set: 1\n"
        );
        let f = footer(&sample(), None, Some(StdDuration::from_micros(1500)));
        assert_eq!(f, "2 rows in 1.5 ms");
    }

    #[test]
    fn csv_output() {
        let mut list = sample();
        list.rows.push(vec![
            Value::List(vec![Value::Int(1), Value::from("b")]),
            Value::from("say \"hi\", ok"),
        ]);
        assert_eq!(
            render(&list, Format::Csv, &TableOptions::default()),
            "x,name\n1,a\n22.5,\n\"[1, 'b']\",\"say \"\"hi\"\", ok\"\n"
        );
        assert_eq!(
            render(&result(&[], vec![]), Format::Csv, &TableOptions::default()),
            ""
        );
    }

    #[test]
    fn json_output() {
        assert_eq!(
            render(&sample(), Format::Json, &TableOptions::default()),
            "[\n  {\"x\":1,\"name\":\"a\"},\n  {\"x\":22.5,\"name\":null}\n]\n"
        );
        assert_eq!(
            render(
                &result(&["x"], vec![]),
                Format::Json,
                &TableOptions::default()
            ),
            "[]\n"
        );
    }

    #[test]
    fn jsonl_output() {
        assert_eq!(
            render(&sample(), Format::Jsonl, &TableOptions::default()),
            "{\"columns\":[\"x\",\"name\"],\"rows\":[[1,\"a\"],[22.5,null]]}\n"
        );
        let mut r = result(&[], vec![]);
        assert_eq!(
            render(&r, Format::Jsonl, &TableOptions::default()),
            "{\"columns\":[],\"rows\":[]}\n"
        );
        r.stats.nodes_created = 1;
        assert_eq!(
            render(&r, Format::Jsonl, &TableOptions::default()),
            "{\"columns\":[],\"rows\":[],\"stats\":{\"nodes_created\":1}}\n"
        );
        let t = result(&["d"], vec![vec![temporals()[0].clone()]]);
        assert_eq!(
            render(&t, Format::Jsonl, &TableOptions::default()),
            "{\"columns\":[\"d\"],\"rows\":[[\"2012-02-16\"]]}\n"
        );
    }

    #[test]
    fn error_lines() {
        let source = "RETURN 1;\nMATCH (a RETURN a";
        let e = Error::syntax("InvalidSyntax", "expected ')'")
            .at(Span::new(9, 10))
            .shifted(10);
        let mut buf = Vec::new();
        write_error(&mut buf, &e, source, None, Format::Jsonl).unwrap();
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "{\"error\":{\"kind\":\"SyntaxError\",\"code\":\"InvalidSyntax\",\"message\":\"expected ')'\",\
             \"line\":2,\"column\":10,\"phase\":\"compile time\"}}\n"
        );
        let e = Error::new(ErrorKind::ArithmeticError, "DivisionByZero", "/ by zero");
        let mut buf = Vec::new();
        write_error(&mut buf, &e, source, None, Format::Jsonl).unwrap();
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "{\"error\":{\"kind\":\"ArithmeticError\",\"code\":\"DivisionByZero\",\"message\":\"/ by zero\",\
             \"phase\":\"runtime\"}}\n"
        );
        let e = Error::syntax("InvalidSyntax", "expected ')'").at(Span::new(19, 20));
        let mut buf = Vec::new();
        write_error(&mut buf, &e, source, Some("q.cypher"), Format::Table).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(
            text.starts_with("SyntaxError: expected ')' (q.cypher:2:10)\n"),
            "{text}"
        );
        assert!(text.contains("  MATCH (a RETURN a\n           ^"), "{text}");
    }

    #[test]
    fn format_names() {
        for f in Format::ALL {
            assert_eq!(f.name().parse::<Format>(), Ok(f));
        }
        assert_eq!("JSONL".parse::<Format>(), Ok(Format::Jsonl));
        assert!("yaml".parse::<Format>().is_err());
    }
}
