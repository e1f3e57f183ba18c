//! `CALL plenary.import.relationships`: it gives the graph the portable
//! Cypher statement gives (on the UN-votes sample and on scratch files),
//! reports its counts, skips and fails as documented, is atomic without
//! `batchSize` and commits in batches with it, and persists.

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use plenary::{Database, Value, params};

/// A scratch folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "plenary-import-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    /// Writes `name` (gzip-compressed when it ends in `.gz`); its path.
    fn file(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        if name.ends_with(".gz") {
            let f = std::fs::File::create(&path).unwrap();
            let mut gz = flate2::write::GzEncoder::new(f, flate2::Compression::fast());
            gz.write_all(text.as_bytes()).unwrap();
            gz.finish().unwrap();
        } else {
            std::fs::write(&path, text).unwrap();
        }
        path.to_string_lossy().to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Everything observable except ids, as sorted lines.
fn describe(db: &Database) -> Vec<String> {
    let mut out = Vec::new();
    for q in [
        "MATCH (n) RETURN 'node', labels(n), properties(n)",
        "MATCH (a)-[r]->(b) RETURN 'rel', labels(a), properties(a), type(r), properties(r), labels(b), properties(b)",
    ] {
        let r = db.execute(q).unwrap();
        out.extend(r.rows.iter().map(|row| format!("{row:?}")));
    }
    out.sort();
    out
}

fn count(db: &Database, q: &str) -> i64 {
    db.query(q).unwrap().rows[0][0].as_int().unwrap()
}

fn ints(v: &[Value]) -> Vec<i64> {
    v.iter().map(|x| x.as_int().unwrap_or(-1)).collect()
}

/// The outputs `rows, skipped, nodesCreated, relationshipsCreated`.
fn import(db: &Database, file: &str, config: &str) -> plenary::Result<Vec<i64>> {
    let q = format!("CALL plenary.import.relationships($file, {config})");
    let r = db.query_with(&q, params! {"file" => file})?;
    assert_eq!(
        r.columns,
        ["rows", "skipped", "nodesCreated", "relationshipsCreated"]
    );
    Ok(ints(&r.rows[0]))
}

fn err(db: &Database, file: &str, config: &str) -> String {
    let q = format!("CALL plenary.import.relationships($file, {config})");
    db.query_with(&q, params! {"file" => file})
        .unwrap_err()
        .to_string()
}

// ---- the same graph as the portable statement ----------------------------------

/// The votes statement of `data/unvotes.cypher`, and the portable Cypher
/// statement in the comment beside it.
fn votes_statements() -> (String, String) {
    let script = include_str!("../../data/unvotes.cypher");
    let stmts = plenary::script::split(script);
    let call = stmts
        .iter()
        .find(|s| s.text.contains("plenary.import.relationships"))
        .expect("the votes statement")
        .text
        .to_string();
    // the comment after it, without its `// ` prefixes
    let after = &script[script.find("plenary.import.relationships").unwrap()..];
    let portable: Vec<&str> = after
        .lines()
        .map(|l| l.trim_start())
        .filter_map(|l| l.strip_prefix("// "))
        .skip_while(|l| !l.starts_with("LOAD CSV"))
        .collect();
    assert!(!portable.is_empty(), "the portable statement's comment");
    (call, portable.join("\n"))
}

#[test]
fn the_unvotes_sample_gives_the_graph_of_the_portable_statement() {
    let Some(sample) = crate::bundled::unvotes_sample() else {
        return;
    };
    // the script names `.gz` files; the procedure reads them like LOAD CSV
    let dir = Scratch::new("sample");
    for f in ["votes", "roll_calls", "issues"] {
        let text = std::fs::read_to_string(sample.join(format!("{f}.csv"))).unwrap();
        dir.file(&format!("{f}.csv.gz"), &text);
    }
    let dir_param = dir.0.to_string_lossy().to_string();
    let (call, portable) = votes_statements();
    let script = include_str!("../../data/unvotes.cypher");
    let mut graphs = Vec::new();
    let mut stats = Vec::new();
    for votes in [&call, &portable] {
        let db = Database::bundled().unwrap();
        for stmt in plenary::script::split(script) {
            let text = if stmt.text.contains("plenary.import.relationships") {
                votes.as_str()
            } else {
                stmt.text
            };
            let r = db
                .query_with(text, params! {"dir" => dir_param.clone()})
                .unwrap_or_else(|e| panic!("{text}: {e}"));
            if text == votes.as_str() {
                stats.push((r.stats.nodes_created, r.stats.relationships_created));
            }
        }
        graphs.push((
            describe(&db),
            count(&db, "MATCH (n) RETURN count(n)"),
            count(&db, "MATCH ()-[r]->() RETURN count(r)"),
        ));
    }
    assert_eq!(graphs[0].1, graphs[1].1, "node counts");
    assert_eq!(graphs[0].2, graphs[1].2, "relationship counts");
    assert!(graphs[0].0 == graphs[1].0, "the two graphs differ");
    assert_eq!(stats[0], stats[1]);
    // the sample is sessions 66–67: 32,691 votes, Russia's from the article merged
    assert_eq!(stats[0].1, 32_691 - 1);
}

/// The bundled article graph: its VOTED relationship is kept, not duplicated.
#[test]
fn merging_keeps_the_articles_vote() {
    let dir = Scratch::new("article");
    let f = dir.file(
        "v.csv",
        "rcid,country,country_code,vote\n5180,Russia,RU,no\n5180,Atlantis,,yes\n",
    );
    let db = Database::bundled().unwrap();
    let before = count(&db, "MATCH ()-[r:VOTED]->() RETURN count(r)");
    let out = import(
        &db,
        &f,
        "{type: 'VOTED', from: {label: 'Country', key: 'name', column: 'country', create: true,
          properties: {code: 'country_code'}},
          to: {label: 'Resolution', key: 'rcid', column: 'rcid', as: 'INTEGER'},
          properties: {vote: 'vote'}}",
    )
    .unwrap();
    assert_eq!(out, [2, 0, 1, 1]);
    assert_eq!(
        count(&db, "MATCH ()-[r:VOTED]->() RETURN count(r)"),
        before + 1
    );
    let r = db
        .query("MATCH (:Country {name: 'Russia'})-[v:VOTED]->(:Resolution {rcid: 5180}) RETURN v.sources")
        .unwrap();
    assert_eq!(r.rows, [vec![Value::from(vec!["s5"])]]);
    let r = db
        .query("MATCH (c:Country {name: 'Atlantis'}) RETURN c.code, keys(c)")
        .unwrap();
    assert_eq!(r.rows[0][0], Value::Null);
}

/// One scratch case: the procedure's graph equals the Cypher statement's,
/// on a graph set up by `setup`.
fn same_graph(setup: &str, csv: &str, config: &str, cypher: &str) -> Vec<i64> {
    let dir = Scratch::new("same");
    let f = dir.file("rows.csv", csv);
    let a = Database::in_memory().unwrap();
    let b = Database::in_memory().unwrap();
    for db in [&a, &b] {
        for stmt in plenary::script::split(setup) {
            db.execute(stmt.text).unwrap();
        }
    }
    let out = import(&a, &f, config).unwrap();
    let r = b
        .query_with(cypher, params! {"file" => f.clone()})
        .unwrap_or_else(|e| panic!("{cypher}: {e}"));
    assert_eq!(describe(&a), describe(&b), "{config}");
    // the statement counters agree too
    let r2 = a
        .query_with(
            &format!("CALL plenary.import.relationships($file, {config})"),
            params! {"file" => f.clone()},
        )
        .unwrap();
    let r3 = b.query_with(cypher, params! {"file" => f}).unwrap();
    assert_eq!(describe(&a), describe(&b), "{config} (again)");
    assert_eq!(
        r2.stats.relationships_created,
        r3.stats.relationships_created
    );
    let _ = r;
    out
}

#[test]
fn scratch_files_give_the_graph_of_the_portable_statement() {
    // string keys, nodes created on one end, repeated and reversed pairs,
    // a property only some rows have, an existing relationship
    let out = same_graph(
        "CREATE (:P {name: 'ann'}), (:P {name: 'bob'})-[:LIKES {w: 'old'}]->(:T {id: 2.0}), (:T {id: 1}), (:T {id: 3});",
        "who,what,w,n\nann,1,a,1\nbob,2,b,2\ncid,1,,3\nann,1,again,4\nbob,3,c,5\ncid,3,d,6\ndan,9,e,7\n",
        "{type: 'LIKES', from: {label: 'P', key: 'name', column: 'who', create: true, properties: {n: {column: 'n', as: 'INTEGER'}}},
          to: {label: 'T', key: 'id', column: 'what', as: 'INTEGER'}, properties: {w: 'w'}}",
        "LOAD CSV WITH HEADERS FROM $file AS row
         MERGE (p:P {name: row.who}) ON CREATE SET p.n = toInteger(row.n)
         WITH p, row MATCH (t:T {id: toInteger(row.what)})
         MERGE (p)-[r:LIKES]->(t) ON CREATE SET r.w = row.w",
    );
    // 7 rows; `dan`'s target 9 does not exist (a skip, but `dan` is created)
    assert_eq!(out, [7, 1, 2, 4]);

    // both ends the same label and key, created on both sides, with an index
    same_graph(
        "CREATE INDEX FOR (n:N) ON (n.k);",
        "a,b,x\n1,2,true\n2,1,false\n1,2,true\n3,3,TRUE\n",
        "{type: 'E', from: {label: 'N', key: 'k', column: 'a', as: 'INTEGER', create: true},
          to: {label: 'N', key: 'k', column: 'b', as: 'INTEGER', create: true},
          properties: {x: {column: 'x', as: 'BOOLEAN'}}}",
        "LOAD CSV WITH HEADERS FROM $file AS row
         MERGE (a:N {k: toInteger(row.a)}) MERGE (b:N {k: toInteger(row.b)})
         MERGE (a)-[e:E]->(b) ON CREATE SET e.x = toBoolean(row.x)",
    );

    // a node created by one end is found by the other through another key
    let out = same_graph(
        "CREATE (:C {name: 'W', code: 'ww'});",
        "src,cc,dst\nX,xx,yy\nY,yy,xx\nZ,zz,ww\n",
        "{type: 'R', from: {label: 'C', key: 'name', column: 'src', create: true, properties: {code: 'cc'}},
          to: {label: 'C', key: 'code', column: 'dst'}}",
        // (row by row, as the import goes: in one pipeline MERGE would
        // create every node before the first MATCH)
        "LOAD CSV WITH HEADERS FROM $file AS row CALL {
           WITH row MERGE (a:C {name: row.src}) ON CREATE SET a.code = row.cc
           WITH a, row MATCH (b:C {code: row.dst}) MERGE (a)-[:R]->(b)
         }",
    );
    assert_eq!(out, [3, 1, 3, 2]);

    // merge: false creates every row's relationship; float keys
    same_graph(
        "CREATE (:A {v: 1.5}), (:B {v: 2});",
        "f;t;s\n1.5;2;x\n1.50;2.0;y\n",
        "{type: 'R', from: {label: 'A', key: 'v', column: 'f', as: 'FLOAT'},
          to: {label: 'B', key: 'v', column: 't', as: 'FLOAT'}, properties: {s: 's'},
          merge: false, delimiter: ';'}",
        "LOAD CSV WITH HEADERS FROM $file AS row FIELDTERMINATOR ';'
         MATCH (a:A {v: toFloat(row.f)}), (b:B {v: toFloat(row.t)})
         CREATE (a)-[:R {s: row.s}]->(b)",
    );
}

// ---- counts, skips, options ----------------------------------------------------

const PT: &str = "{type: 'R', from: {label: 'P', key: 'id', column: 'p', as: 'INTEGER'},
                   to: {label: 'T', key: 'id', column: 't', as: 'INTEGER'}}";

#[test]
fn rows_without_a_key_or_a_node_are_skipped_and_counted() {
    let dir = Scratch::new("skip");
    let f = dir.file("rows.csv", "p,t\n1,1\n,1\n1,\n2,1\n1,7\n1,1\n");
    let db = Database::in_memory().unwrap();
    db.execute("CREATE (:P {id: 1}), (:T {id: 1})").unwrap();
    // `,1` and `1,` have a null key; P 2 and T 7 do not exist; the last row merges
    assert_eq!(import(&db, &f, PT).unwrap(), [6, 4, 0, 1]);
    let r = db
        .query_with(
            &format!("CALL plenary.import.relationships($file, {PT}) YIELD skipped, relationshipsCreated AS made RETURN skipped, made"),
            params! {"file" => f.clone()},
        )
        .unwrap();
    assert_eq!(ints(&r.rows[0]), [4, 0]);
    assert_eq!(count(&db, "MATCH ()-[r:R]->() RETURN count(r)"), 1);
    // merge: false, an existing pair gets another relationship per row
    let cfg = PT.replace("as: 'INTEGER'}}", "as: 'INTEGER'}, merge: false}");
    assert_eq!(import(&db, &f, &cfg).unwrap(), [6, 4, 0, 2]);
    assert_eq!(count(&db, "MATCH ()-[r:R]->() RETURN count(r)"), 3);
}

#[test]
fn the_statement_reports_the_usual_counters_and_plain_or_gzip_files_alike() {
    let dir = Scratch::new("stats");
    let text = "p,t,w\n1,1,a\n2,1,b\n3,1,\n";
    let db = Database::in_memory().unwrap();
    db.execute("CREATE (:T {id: 1})").unwrap();
    let cfg = "{type: 'R', from: {label: 'P', key: 'id', column: 'p', as: 'INTEGER', create: true},
                to: {label: 'T', key: 'id', column: 't', as: 'INTEGER'}, properties: {w: 'w'}}";
    let r = db
        .query_with(
            &format!("CALL plenary.import.relationships($file, {cfg})"),
            params! {"file" => dir.file("a.csv", text)},
        )
        .unwrap();
    assert_eq!(r.stats.nodes_created, 3);
    assert_eq!(r.stats.relationships_created, 3);
    assert_eq!(r.stats.labels_added, 3);
    assert_eq!(r.stats.properties_set, 5);
    let url = format!("file://{}", dir.file("b.csv.gz", text));
    let cfg = cfg.replace("'R'", "'S'");
    assert_eq!(import(&db, &url, &cfg).unwrap(), [3, 0, 0, 3]);
    // used in a larger query, once per input row, with parameters
    let r = db
        .query_with(
            "UNWIND ['X', 'Y'] AS ty
             CALL plenary.import.relationships($file, {type: ty, from: {label: 'P', key: 'id', column: 'p', as: 'INTEGER'},
                                                       to: {label: 'T', key: 'id', column: 't', as: 'INTEGER'}})
             YIELD relationshipsCreated
             RETURN ty, relationshipsCreated ORDER BY ty",
            params! {"file" => dir.file("c.csv", text)},
        )
        .unwrap();
    assert_eq!(r.rows.len(), 2);
    assert_eq!(count(&db, "MATCH ()-[r:X|Y]->() RETURN count(r)"), 6);
}

#[test]
fn nodes_are_found_through_an_index_or_without_one_alike() {
    let dir = Scratch::new("index");
    let f = dir.file("rows.csv", "p,t\n1,1\n1.0,2\n2,1\n");
    let mut graphs = Vec::new();
    for setup in [
        "",
        "CREATE INDEX FOR (n:P) ON (n.id)",
        "CREATE CONSTRAINT FOR (n:P) REQUIRE n.id IS UNIQUE",
    ] {
        let db = Database::in_memory().unwrap();
        if !setup.is_empty() {
            db.execute(setup).unwrap();
        }
        // 1 = 1.0 under Cypher equality
        db.execute("CREATE (:P {id: 1.0}), (:T {id: 1}), (:T {id: 2})")
            .unwrap();
        let cfg =
            "{type: 'R', from: {label: 'P', key: 'id', column: 'p', as: 'FLOAT', create: true},
                    to: {label: 'T', key: 'id', column: 't', as: 'INTEGER'}}";
        assert_eq!(import(&db, &f, cfg).unwrap(), [3, 0, 1, 3], "{setup}");
        graphs.push(describe(&db));
    }
    assert_eq!(graphs[0], graphs[1]);
    assert_eq!(graphs[0], graphs[2]);
}

#[test]
fn a_key_several_nodes_share_is_an_error() {
    let dir = Scratch::new("dup");
    let f = dir.file("rows.csv", "p,t\n2,1\n1,1\n");
    for setup in ["", "CREATE INDEX FOR (n:P) ON (n.id)"] {
        let db = Database::in_memory().unwrap();
        if !setup.is_empty() {
            db.execute(setup).unwrap();
        }
        db.execute("CREATE (:P {id: 1}), (:P {id: 1}), (:P {id: 2}), (:T {id: 1})")
            .unwrap();
        let e = err(&db, &f, PT);
        assert!(
            e.contains("rows.csv:3:") && e.contains("several :P nodes have id = 1"),
            "{e}"
        );
        assert_eq!(count(&db, "MATCH ()-[r]->() RETURN count(r)"), 0);
    }
}

// ---- errors ------------------------------------------------------------------------

#[test]
fn a_missing_column_names_it_and_the_header() {
    let dir = Scratch::new("column");
    let f = dir.file("rows.csv", "p,t\n1,1\n");
    let db = Database::in_memory().unwrap();
    let e = err(&db, &f, &PT.replace("column: 't'", "column: 'target'"));
    assert!(
        e.contains("rows.csv:1:") && e.contains("no column `target`") && e.contains("`p`, `t`"),
        "{e}"
    );
    let e = err(&db, &f, &PT.replace("}}", "}, properties: {w: 'weight'}}"));
    assert!(e.contains("no column `weight`"), "{e}");
    let e = err(&db, &dir.file("empty.csv", ""), PT);
    assert!(e.contains("no header row"), "{e}");
}

#[test]
fn text_that_does_not_convert_is_an_error_naming_file_and_line() {
    let dir = Scratch::new("convert");
    let mut text = String::from("p,t\n");
    for i in 0..20_000 {
        text.push_str(&format!("{},1\n", i % 10));
    }
    text.push_str("one,1\n");
    let db = Database::in_memory().unwrap();
    db.execute("UNWIND range(0, 9) AS i CREATE (:P {id: i})")
        .unwrap();
    db.execute("CREATE (:T {id: 1})").unwrap();
    for name in ["rows.csv", "rows.csv.gz"] {
        let e = err(&db, &dir.file(name, &text), PT);
        assert!(
            e.contains(&format!("{name}:20002:")) && e.contains("'one'") && e.contains("INTEGER"),
            "{e}"
        );
        // without batchSize the whole call rolled back
        assert_eq!(count(&db, "MATCH ()-[r]->() RETURN count(r)"), 0);
    }
    let f = dir.file("b.csv", "p,t,x\n1,1,maybe\n");
    let cfg = PT.replace("}}", "}, properties: {x: {column: 'x', as: 'BOOLEAN'}}}");
    let e = err(&db, &f, &cfg);
    assert!(e.contains("b.csv:2:") && e.contains("BOOLEAN"), "{e}");
}

#[test]
fn configuration_mistakes_are_named() {
    let db = Database::in_memory().unwrap();
    let f = "nowhere.csv";
    for (config, want) in [
        (
            "{type: 'R', from: {}, to: {}, mrege: true}",
            "unknown key `mrege` in the config; allowed: type, from, to, properties, merge, delimiter, batchSize",
        ),
        (
            "{type: 'R', from: {label: 'A', key: 'k', column: 'c', creat: true}, to: {}}",
            "unknown key `creat` in config.from; allowed: label, key, column, as, create, properties",
        ),
        (
            "{type: 'R', from: {label: 'A', key: 'k', column: 'c'}, to: {label: 'B', key: 'k', column: 'c'}, properties: {w: {column: 'c', type: 'INTEGER'}}}",
            "unknown key `type` in config.properties.w; allowed: column, as",
        ),
        (
            "{from: {label: 'A', key: 'k', column: 'c'}, to: {label: 'B', key: 'k', column: 'c'}}",
            "config.type is required",
        ),
        (
            "{type: 'R', to: {label: 'B', key: 'k', column: 'c'}}",
            "config.from is required",
        ),
        (
            "{type: 'R', from: {label: 'A', column: 'c'}, to: {label: 'B', key: 'k', column: 'c'}}",
            "config.from.key is required",
        ),
        (
            "{type: 5, from: {}, to: {}}",
            "config.type must be a String, got Integer 5",
        ),
        (
            "{type: 'R', from: {label: 'A', key: 'k', column: 'c', create: 'yes'}, to: {}}",
            "config.from.create must be a Boolean, got String 'yes'",
        ),
        (
            "{type: 'R', from: {label: 'A', key: 'k', column: 'c', as: 'INT'}, to: {}}",
            "config.from.as must be 'STRING', 'INTEGER', 'FLOAT' or 'BOOLEAN', got 'INT'",
        ),
        (
            "{type: 'R', from: {label: 'A', key: 'k', column: 'c'}, to: {label: 'B', key: 'k', column: 'c'}, batchSize: 0}",
            "config.batchSize must be a positive Integer, got 0",
        ),
        (
            "{type: 'R', from: {label: 'A', key: 'k', column: 'c'}, to: {label: 'B', key: 'k', column: 'c'}, delimiter: '::'}",
            "config.delimiter must be one ASCII character",
        ),
        (
            "{type: 'R', from: {label: 'A', key: 'k', column: 'c'}, to: {label: 'B', key: 'k', column: 'c'}, properties: [1]}",
            "config.properties must be a Map, got List",
        ),
        ("'R'", "the config must be a Map, got String 'R'"),
    ] {
        let e = err(&db, f, config);
        assert!(e.contains(want), "{config}: {e}");
    }
    // the arguments: their number at compile time, their types when run
    let e = db
        .execute("CALL plenary.import.relationships('x.csv')")
        .unwrap_err();
    assert_eq!(e.code().as_str(), "InvalidNumberOfArguments");
    assert!(
        e.to_string()
            .contains("takes 2 arguments (file, config), got 1"),
        "{e}"
    );
    let e = db
        .execute("CALL plenary.import.relationships(42, {})")
        .unwrap_err();
    assert_eq!(e.kind(), plenary::ErrorKind::TypeError);
    assert!(
        e.to_string()
            .contains("the file must be a String path or file URL, got Integer 42"),
        "{e}"
    );
    let e = db.execute("CALL db.labels(1)").unwrap_err();
    assert_eq!(e.code().as_str(), "InvalidNumberOfArguments");
    let e = db
        .execute("CALL plenary.import.nodes('x', {})")
        .unwrap_err();
    assert!(
        e.to_string().contains("plenary.import.relationships"),
        "{e}"
    );
}

#[test]
fn file_access_rules_apply() {
    let dir = Scratch::new("access");
    let f = dir.file("rows.csv", "p,t\n1,1\n");
    let mut db = Database::in_memory().unwrap();
    db.set_file_access(plenary::FileAccess::Denied);
    let e = err(&db, &f, PT);
    assert!(
        e.contains("plenary.import.relationships is disabled"),
        "{e}"
    );
    let other = Scratch::new("root");
    db.set_file_access(plenary::FileAccess::Under(other.0.clone()));
    let e = err(&db, &f, PT);
    assert!(e.contains("outside the directory"), "{e}");
    db.set_file_access(plenary::FileAccess::Under(dir.0.clone()));
    assert_eq!(import(&db, "rows.csv", PT).unwrap(), [1, 1, 0, 0]);
}

// ---- atomicity, batches, transactions, persistence ------------------------------

/// `n` rows `i,1`, row `bad` (1-based) with a key that does not convert.
fn numbered(n: usize, bad: usize) -> String {
    let mut s = String::from("p,t\n");
    for i in 1..=n {
        if i == bad {
            s.push_str("x,1\n");
        } else {
            s.push_str(&format!("{i},1\n"));
        }
    }
    s
}

const CREATING: &str =
    "{type: 'R', from: {label: 'P', key: 'id', column: 'p', as: 'INTEGER', create: true},
                         to: {label: 'T', key: 'id', column: 't', as: 'INTEGER'}";

#[test]
fn without_batch_size_a_failure_leaves_the_graph_unchanged() {
    let dir = Scratch::new("atomic");
    let db = Database::in_memory().unwrap();
    db.execute("CREATE (:T {id: 1})").unwrap();
    let before = describe(&db);
    let e = err(
        &db,
        &dir.file("rows.csv", &numbered(3000, 2500)),
        &format!("{CREATING}}}"),
    );
    assert!(e.contains("rows.csv:2501:"), "{e}");
    assert_eq!(describe(&db), before);
    // a constraint broken by created nodes fails it at the end, as a statement
    db.execute("CREATE CONSTRAINT FOR (p:P) REQUIRE p.name IS NOT NULL")
        .unwrap();
    let e = err(
        &db,
        &dir.file("ok.csv", &numbered(10, 0)),
        &format!("{CREATING}}}"),
    );
    assert!(e.contains("name"), "{e}");
    assert_eq!(describe(&db), before);
}

#[test]
fn with_batch_size_batches_before_a_failure_are_kept() {
    let dir = Scratch::new("batch");
    let db = Database::in_memory().unwrap();
    db.execute("CREATE (:T {id: 1})").unwrap();
    let cfg = format!("{CREATING}, batchSize: 10}}");
    let e = err(&db, &dir.file("rows.csv", &numbered(100, 25)), &cfg);
    assert!(e.contains("rows.csv:26:"), "{e}");
    // rows 1–20 were committed in two batches; the third was rolled back
    assert_eq!(count(&db, "MATCH (p:P) RETURN count(p)"), 20);
    assert_eq!(count(&db, "MATCH ()-[r:R]->() RETURN count(r)"), 20);
    // the same as CALL { } IN TRANSACTIONS OF 10 ROWS
    let db2 = Database::in_memory().unwrap();
    db2.execute("CREATE (:T {id: 1})").unwrap();
    db2.query_with(
        "LOAD CSV WITH HEADERS FROM $file AS row CALL {
           WITH row MERGE (p:P {id: toInteger(row.p)}) WITH p, row
           MATCH (t:T {id: toInteger(row.t)}) MERGE (p)-[:R]->(t)
         } IN TRANSACTIONS OF 10 ROWS",
        params! {"file" => dir.file("ok.csv", &numbered(100, 0))},
    )
    .unwrap();
    let ok = dir.0.join("ok.csv").to_string_lossy().to_string();
    assert_eq!(import(&db, &ok, &cfg).unwrap(), [100, 0, 80, 80]);
    assert_eq!(describe(&db), describe(&db2));
}

#[test]
fn batch_size_is_refused_inside_an_explicit_transaction() {
    let dir = Scratch::new("tx");
    let f = dir.file("rows.csv", &numbered(30, 0));
    let db = Database::in_memory().unwrap();
    db.execute("CREATE (:T {id: 1})").unwrap();
    let cfg = format!("{CREATING}, batchSize: 10}}");
    let e = db
        .transaction(|tx| {
            tx.execute("CREATE (:Before)")?;
            tx.execute_with(
                &format!("CALL plenary.import.relationships($file, {cfg})"),
                &params! {"file" => f.clone()},
            )
        })
        .unwrap_err();
    assert_eq!(e.code().as_str(), "BatchInTransaction");
    assert_eq!(count(&db, "MATCH (n) RETURN count(n)"), 1);
    // so is IN TRANSACTIONS, which would commit the transaction's earlier work
    let e = db
        .transaction(|tx| {
            tx.execute("CREATE (:Before)")?;
            tx.execute(
                "UNWIND range(1, 30) AS i CALL { WITH i CREATE (:X) } IN TRANSACTIONS OF 10 ROWS",
            )
        })
        .unwrap_err();
    assert_eq!(e.code().as_str(), "BatchInTransaction");
    assert_eq!(count(&db, "MATCH (n) RETURN count(n)"), 1);
    // without batchSize the import is part of the transaction
    db.transaction(|tx| {
        tx.execute_with(
            &format!("CALL plenary.import.relationships($file, {CREATING}}})"),
            &params! {"file" => f.clone()},
        )?;
        Err::<(), _>(plenary::Error::new(
            plenary::ErrorKind::RuntimeError,
            "Abandon",
            "changed my mind",
        ))
    })
    .unwrap_err();
    assert_eq!(count(&db, "MATCH (n) RETURN count(n)"), 1);
}

#[test]
fn an_import_into_a_database_file_survives_reopening() {
    let dir = Scratch::new("persist");
    let f = dir.file("rows.csv", &numbered(5000, 0));
    let path = dir.0.join("graph.db");
    let before;
    {
        let db = Database::open(&path).unwrap();
        db.execute("CREATE CONSTRAINT FOR (p:P) REQUIRE p.id IS UNIQUE")
            .unwrap();
        db.execute("CREATE (:T {id: 1})").unwrap();
        assert_eq!(
            import(&db, &f, &format!("{CREATING}, batchSize: 1000}}")).unwrap(),
            [5000, 0, 5000, 5000]
        );
        let cfg = format!("{CREATING}}}").replace("'R'", "'S'");
        assert_eq!(import(&db, &f, &cfg).unwrap(), [5000, 0, 0, 5000]);
        before = describe(&db);
    }
    let db = Database::open(&path).unwrap();
    assert_eq!(describe(&db), before);
    assert_eq!(count(&db, "MATCH ()-[r]->() RETURN count(r)"), 10_000);
}

#[test]
fn explain_shows_the_call_and_runs_nothing() {
    let db = Database::in_memory().unwrap();
    let r = db
        .execute("EXPLAIN CALL plenary.import.relationships('nowhere.csv', {type: 'R'}) YIELD rows RETURN rows")
        .unwrap();
    let text = format!("{:?}", r.rows);
    assert!(
        text.contains("ProcedureCall")
            && text.contains("plenary.import.relationships (2 arguments)"),
        "{text}"
    );
    assert_eq!(count(&db, "MATCH (n) RETURN count(n)"), 0);
}
