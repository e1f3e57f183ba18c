//! Unit tests of the parser: one group per construct, plus error messages
//! and robustness.

use super::ast::*;
use super::parse;
use crate::error::Error;

fn ok(q: &str) -> Statement {
    match parse(q) {
        Ok(s) => s,
        Err(e) => panic!("{q:?} failed: {}", e.render(q, None)),
    }
}

fn err(q: &str) -> Error {
    match parse(q) {
        Ok(s) => panic!("{q:?} parsed: {s:?}"),
        Err(e) => e,
    }
}

fn code(q: &str) -> String {
    err(q).code().as_str().to_string()
}

fn clauses(q: &str) -> Vec<ClauseKind> {
    match ok(q) {
        Statement::Query(q) => q.first.clauses.into_iter().map(|c| c.kind).collect(),
        s => panic!("not a query: {s:?}"),
    }
}

/// The expression of `RETURN <e>`.
fn expr(e: &str) -> Expr {
    let q = format!("RETURN {e}");
    match clauses(&q).pop() {
        Some(ClauseKind::Return(mut p)) => p.items.remove(0).expr,
        c => panic!("{c:?}"),
    }
}

/// The expression printed back (fully parenthesized).
fn shown(e: &str) -> String {
    expr(e).to_string()
}

#[test]
fn precedence_boolean() {
    assert_eq!(shown("a OR b XOR c"), "((a) OR (((b) XOR (c))))");
    assert_eq!(shown("a XOR b AND c"), "((a) XOR (((b) AND (c))))");
    assert_eq!(shown("NOT a AND b"), "(((NOT (a))) AND (b))");
    assert_eq!(shown("NOT a = b"), "(NOT (((a) = (b))))");
    assert_eq!(shown("NOT a IS NULL"), "(NOT (((a) IS NULL)))");
    assert_eq!(shown("NOT a IN b"), "(NOT (((a) IN (b))))");
}

#[test]
fn precedence_predicates_and_comparison() {
    assert_eq!(shown("a = b IS NULL"), "((a) = (((b) IS NULL)))");
    assert_eq!(shown("a = b IN c"), "((a) = (((b) IN (c))))");
    assert_eq!(
        shown("[1]+2 IN [3]+4"),
        "(((([1]) + (2))) IN ((([3]) + (4))))"
    );
    assert_eq!(
        shown("a STARTS WITH b OR c"),
        "((((a) STARTS WITH (b))) OR (c))"
    );
    assert_eq!(
        shown("a =~ b AND c CONTAINS d"),
        "((((a) =~ (b))) AND (((c) CONTAINS (d))))"
    );
    assert_eq!(shown("a ENDS WITH b"), "((a) ENDS WITH (b))");
    assert_eq!(shown("a IS NOT NULL"), "((a) IS NOT NULL)");
    assert_eq!(shown("a + b IS NULL"), "((((a) + (b))) IS NULL)");
}

#[test]
fn precedence_arithmetic() {
    assert_eq!(shown("1 + 2 * 3"), "((1) + (((2) * (3))))");
    assert_eq!(shown("1 - 2 - 3"), "((((1) - (2))) - (3))");
    assert_eq!(shown("2 ^ 3 ^ 2"), "((((2) ^ (3))) ^ (2))");
    assert_eq!(shown("4 * 3 ^ 2"), "((4) * (((3) ^ (2))))");
    assert_eq!(shown("-3 ^ 2"), "((-3) ^ (2))");
    assert_eq!(shown("-x ^ 2"), "(((-(x))) ^ (2))");
    assert_eq!(shown("a % b / c"), "((((a) % (b))) / (c))");
    assert_eq!(shown("+a"), "(+(a))");
    assert_eq!(shown("- (1)"), "(-(1))");
}

#[test]
fn comparison_chains() {
    assert_eq!(shown("a < b < c"), "((((a) < (b))) AND (((b) < (c))))");
    assert_eq!(
        shown("a <= b = c <> d"),
        "((((((a) <= (b))) AND (((b) = (c))))) AND (((c) <> (d))))"
    );
    assert_eq!(shown("(a < b) < c"), "((((a) < (b))) < (c))");
    assert_eq!(shown("a > b >= c"), "((((a) > (b))) AND (((b) >= (c))))");
}

#[test]
fn postfix_operators() {
    assert_eq!(shown("n.name"), "(n).name");
    assert_eq!(shown("n.a.b"), "((n).a).b");
    assert_eq!(shown("l[0]"), "(l)[0]");
    assert_eq!(shown("l[1..2]"), "(l)[1..2]");
    assert_eq!(shown("l[..2]"), "(l)[..2]");
    assert_eq!(shown("l[1..]"), "(l)[1..]");
    assert_eq!(shown("n:A:B"), "(n):A:B");
    assert_eq!(shown("[1, 2][0] + 1"), "((([1, 2])[0]) + (1))");
    assert_eq!(shown("n.match"), "(n).`match`");
}

#[test]
fn integer_literals() {
    let lit = |e: &str| match expr(e).kind {
        ExprKind::Literal(l) => l,
        k => panic!("{k:?}"),
    };
    assert_eq!(lit("42"), Literal::Integer(42));
    assert_eq!(lit("0x1F"), Literal::Integer(31));
    assert_eq!(lit("0o17"), Literal::Integer(15));
    assert_eq!(lit("-9223372036854775808"), Literal::Integer(i64::MIN));
    assert_eq!(lit("9223372036854775807"), Literal::Integer(i64::MAX));
    assert_eq!(lit("-0x8000000000000000"), Literal::Integer(i64::MIN));
    assert_eq!(code("RETURN 9223372036854775808"), "IntegerOverflow");
    assert_eq!(code("RETURN -9223372036854775809"), "IntegerOverflow");
    assert_eq!(code("RETURN 0x8000000000000000"), "IntegerOverflow");
    assert_eq!(code("RETURN 99999999999999999999999"), "IntegerOverflow");
    assert_eq!(code("RETURN -(9223372036854775808)"), "IntegerOverflow");
    assert_eq!(code("RETURN 0x"), "InvalidNumberLiteral");
    assert_eq!(code("RETURN 12abc"), "InvalidNumberLiteral");
    assert_eq!(code("RETURN 9223372#54775808"), "UnexpectedSyntax");
}

#[test]
fn float_literals() {
    let lit = |e: &str| match expr(e).kind {
        ExprKind::Literal(Literal::Float(f)) => f,
        k => panic!("{k:?}"),
    };
    assert_eq!(lit("1.5"), 1.5);
    assert_eq!(lit(".5"), 0.5);
    assert_eq!(lit("1e10"), 1e10);
    assert_eq!(lit("1.5E-3"), 1.5e-3);
    assert_eq!(code("RETURN 1.34E999"), "FloatingPointOverflow");
}

#[test]
fn string_literals_and_escapes() {
    let s = |e: &str| match expr(e).kind {
        ExprKind::Literal(Literal::String(s)) => s,
        k => panic!("{k:?}"),
    };
    assert_eq!(s(r"'a\'b'"), "a'b");
    assert_eq!(s(r#""a\"b""#), "a\"b");
    assert_eq!(s(r"'\\ \n\t\r\b\f'"), "\\ \n\t\r\u{8}\u{c}");
    assert_eq!(s(r"'\u00e9\U0001F600'"), "é😀");
    assert_eq!(s("\"it's\""), "it's");
    assert_eq!(code(r"RETURN '\uH'"), "InvalidUnicodeLiteral");
    assert_eq!(code("RETURN 'abc"), "UnexpectedSyntax");
}

#[test]
fn identifiers_keywords_and_comments() {
    assert_eq!(shown("`weird name`"), "`weird name`");
    match expr("`a``b`").kind {
        ExprKind::Variable(v) => assert_eq!(v, "a`b"),
        k => panic!("{k:?}"),
    }
    let c = clauses("match (n) /* c */ WhErE n.x = 1 // trailing\n return n;");
    assert_eq!(c.len(), 2);
    assert!(matches!(ok("  RETURN 1 ;  // done"), Statement::Query(_)));
    assert_eq!(shown("count(*)"), "count(*)");
    assert_eq!(shown("$p"), "$p");
    assert_eq!(shown("$0"), "$0");
    assert_eq!(code("RETURN 42 \u{2014} 41"), "InvalidUnicodeCharacter");
}

#[test]
fn compound_expressions() {
    assert_eq!(shown("[1, 'a', null, true]"), "[1, 'a', null, true]");
    assert_eq!(shown("{a: 1, `b c`: 2}"), "{a: 1, `b c`: 2}");
    assert_eq!(
        shown("CASE x WHEN 1 THEN 'a' ELSE 'b' END"),
        "CASE x WHEN 1 THEN 'a' ELSE 'b' END"
    );
    assert_eq!(shown("CASE WHEN a THEN 1 END"), "CASE WHEN a THEN 1 END");
    assert_eq!(
        shown("[x IN l WHERE x > 1 | x * 2]"),
        "[x IN l WHERE ((x) > (1)) | ((x) * (2))]"
    );
    assert_eq!(shown("[x IN l]"), "[x IN l]");
    assert_eq!(
        shown("[p = (a)-->(b) WHERE a.x | p]"),
        "[p = (a)-[]->(b) WHERE (a).x | p]"
    );
    assert_eq!(shown("all(x IN l WHERE x)"), "all(x IN l WHERE x)");
    assert_eq!(shown("single(x IN l WHERE x)"), "single(x IN l WHERE x)");
    assert_eq!(
        shown("reduce(acc = 0, x IN l | acc + x)"),
        "reduce(acc = 0, x IN l | ((acc) + (x)))"
    );
    assert_eq!(shown("count(DISTINCT x)"), "count(DISTINCT x)");
    assert_eq!(shown("a.b.c(x)"), "a.b.c(x)");
    assert_eq!(shown("n {.name, .*, k: 1, v}"), "n {.name, .*, k: 1, v}");
    assert!(matches!(
        expr("EXISTS { MATCH (n) WHERE n.x RETURN n }").kind,
        ExprKind::Exists(_)
    ));
    match expr("COUNT { (a)-->(b) WHERE a.x }").kind {
        ExprKind::CountSubquery(q) => {
            assert!(matches!(
                q.first.clauses[0].kind,
                ClauseKind::Match {
                    where_: Some(_),
                    ..
                }
            ))
        }
        k => panic!("{k:?}"),
    }
    assert!(matches!(
        expr("exists(n.x)").kind,
        ExprKind::FunctionCall { .. }
    ));
}

#[test]
fn pattern_predicates_only_in_where() {
    let c = clauses("MATCH (a) WHERE (a)-[:T]->() AND NOT (a)<--() RETURN a");
    assert!(matches!(
        &c[0],
        ClauseKind::Match {
            where_: Some(_),
            ..
        }
    ));
    assert_eq!(code("MATCH (n) RETURN (n)-[]->()"), "UnexpectedSyntax");
    // A parenthesized subtraction is not a pattern.
    assert_eq!(shown("(a) - (b)"), "((a) - (b))");
}

#[test]
fn patterns() {
    let c = clauses(
        "MATCH p = (a:L {k: 1})-[r:T|U *1..3 {k: 2}]->(b), shortestPath((a)-[*]-(b)) RETURN p",
    );
    let ClauseKind::Match { patterns, .. } = &c[0] else {
        panic!()
    };
    assert_eq!(patterns.len(), 2);
    assert_eq!(patterns[0].var.as_ref().map(|v| v.name.as_str()), Some("p"));
    let (r, _) = &patterns[0].element.chain[0];
    assert_eq!(r.types.len(), 2);
    assert_eq!(r.direction, Direction::Outgoing);
    assert_eq!(
        r.length,
        Some(RangeLiteral {
            min: Some(1),
            max: Some(3)
        })
    );
    assert_eq!(patterns[1].kind, PathKind::Shortest);
    let rel = |p: &str| {
        let c = clauses(&format!("MATCH (a){p}(b) RETURN a"));
        let ClauseKind::Match { patterns, .. } = &c[0] else {
            panic!()
        };
        patterns[0].element.chain[0].0.clone()
    };
    assert_eq!(rel("-->").direction, Direction::Outgoing);
    assert_eq!(rel("<--").direction, Direction::Incoming);
    assert_eq!(rel("--").direction, Direction::Both);
    assert_eq!(rel("<-[]->").direction, Direction::Both);
    assert_eq!(
        rel("-[*]-").length,
        Some(RangeLiteral {
            min: None,
            max: None
        })
    );
    assert_eq!(
        rel("-[*2]-").length,
        Some(RangeLiteral {
            min: Some(2),
            max: Some(2)
        })
    );
    assert_eq!(
        rel("-[*..5]-").length,
        Some(RangeLiteral {
            min: None,
            max: Some(5)
        })
    );
    assert_eq!(
        rel("-[*2..]-").length,
        Some(RangeLiteral {
            min: Some(2),
            max: None
        })
    );
    assert_eq!(
        rel("-[:T*1..2]-").length,
        Some(RangeLiteral {
            min: Some(1),
            max: Some(2)
        })
    );
    assert_eq!(
        code("MATCH (a)-[:T*-2]->(b) RETURN a"),
        "InvalidRelationshipPattern"
    );
    assert_eq!(
        code("MATCH (a)-[:T..]->(b) RETURN a"),
        "InvalidRelationshipPattern"
    );
    assert!(matches!(
        &clauses("MATCH ((a)-->(b)) RETURN a")[0],
        ClauseKind::Match { .. }
    ));
}

#[test]
fn clauses_of_all_kinds() {
    let c = clauses(
        "OPTIONAL MATCH (n) UNWIND [1] AS x WITH DISTINCT *, x AS y ORDER BY y DESC, x ASCENDING SKIP 1 LIMIT 2 WHERE y > 0 \
         CREATE (a)-[:T]->(b) MERGE (c:C) ON MATCH SET c.x = 1 ON CREATE SET c += {a: 1} ON MATCH SET c:D \
         SET n.p = 1, n = {}, n += {}, n:L1:L2, (n).q = 2 REMOVE n.p, n:L DETACH DELETE a, b \
         FOREACH (i IN [1] | CREATE (:X)) RETURN count(*)",
    );
    assert_eq!(c.len(), 10);
    let ClauseKind::Match { optional: true, .. } = &c[0] else {
        panic!()
    };
    let ClauseKind::With(p) = &c[2] else { panic!() };
    assert!(p.distinct && p.star && p.where_.is_some() && p.skip.is_some() && p.limit.is_some());
    assert!(p.order_by[0].descending && !p.order_by[1].descending);
    let ClauseKind::Merge {
        on_create,
        on_match,
        ..
    } = &c[4]
    else {
        panic!()
    };
    assert_eq!((on_create.len(), on_match.len()), (1, 2));
    let ClauseKind::Set { items } = &c[5] else {
        panic!()
    };
    assert_eq!(items.len(), 5);
    assert!(matches!(items[4], SetItem::Property { .. }));
    let ClauseKind::Delete {
        detach: true,
        exprs,
    } = &c[7]
    else {
        panic!()
    };
    assert_eq!(exprs.len(), 2);
    let ClauseKind::Return(r) = &c[9] else {
        panic!()
    };
    assert_eq!(r.items[0].text, "count(*)");
}

#[test]
fn projection_text_is_verbatim() {
    let c = clauses("RETURN 1  +  2, n.name AS x");
    let ClauseKind::Return(r) = &c[0] else {
        panic!()
    };
    assert_eq!(r.items[0].text, "1  +  2");
    assert_eq!(
        r.items[1].alias.as_ref().map(|a| a.name.as_str()),
        Some("x")
    );
}

#[test]
fn calls_load_csv_union() {
    let c = clauses("CALL db.labels() YIELD label AS l WHERE l <> 'x' RETURN l");
    let ClauseKind::Call {
        procedure,
        args,
        yield_items,
        where_,
        ..
    } = &c[0]
    else {
        panic!()
    };
    assert_eq!(procedure.len(), 2);
    assert_eq!(args.as_ref().map(Vec::len), Some(0));
    assert_eq!(yield_items.as_ref().map(Vec::len), Some(1));
    assert!(where_.is_some());
    let c = clauses("CALL db.labels");
    assert!(matches!(
        &c[0],
        ClauseKind::Call {
            args: None,
            yield_items: None,
            ..
        }
    ));
    let c = clauses("CALL db.labels() YIELD *");
    assert!(matches!(
        &c[0],
        ClauseKind::Call {
            yield_star: true,
            ..
        }
    ));
    assert_eq!(
        code("CALL db.labels() YIELD * RETURN 1"),
        "UnexpectedSyntax"
    );
    let c = clauses("CALL { MATCH (n) RETURN n } IN TRANSACTIONS OF 10 ROWS RETURN n");
    assert!(matches!(
        &c[0],
        ClauseKind::Subquery {
            in_transactions: Some(Some(_)),
            ..
        }
    ));
    let c =
        clauses("LOAD CSV WITH HEADERS FROM 'file:///x.csv' AS row FIELDTERMINATOR ';' RETURN row");
    assert!(
        matches!(&c[0], ClauseKind::LoadCsv { with_headers: true, field_terminator: Some(t), .. } if t == ";")
    );
    let Statement::Query(q) = ok("RETURN 1 AS x UNION ALL RETURN 2 AS x UNION RETURN 3 AS x")
    else {
        panic!()
    };
    assert_eq!(
        q.unions.iter().map(|u| u.0).collect::<Vec<_>>(),
        vec![true, false]
    );
}

#[test]
fn create_and_merge_restrictions() {
    assert_eq!(code("CREATE (a)-[:T*2]->(b)"), "CreatingVarLength");
    assert_eq!(code("CREATE (a)-[:T]-(b)"), "RequiresDirectedRelationship");
    assert_eq!(code("CREATE (a)-[]->(b)"), "NoSingleRelationshipType");
    assert_eq!(code("MERGE (a)-[:T|U]->(b)"), "NoSingleRelationshipType");
    assert!(matches!(ok("MERGE (a)-[:T]-(b)"), Statement::Query(_)));
}

#[test]
fn statements() {
    assert!(
        matches!(ok("EXPLAIN PROFILE MATCH (n) RETURN n"), Statement::Explain(s) if matches!(*s, Statement::Profile(_)))
    );
    match ok("CREATE INDEX idx IF NOT EXISTS FOR (n:L) ON (n.p, n.q)") {
        Statement::CreateIndex {
            name,
            label,
            properties,
            if_not_exists,
        } => {
            assert_eq!(name.map(|n| n.name), Some("idx".into()));
            assert_eq!(label.name, "L");
            assert_eq!(properties.len(), 2);
            assert!(if_not_exists);
        }
        s => panic!("{s:?}"),
    }
    assert!(matches!(
        ok("CREATE INDEX FOR (n:L) ON (n.p)"),
        Statement::CreateIndex { name: None, .. }
    ));
    assert!(matches!(
        ok("CREATE CONSTRAINT c FOR (n:L) REQUIRE n.p IS UNIQUE"),
        Statement::CreateConstraint {
            kind: ConstraintKind::Unique,
            ..
        }
    ));
    assert!(matches!(
        ok("CREATE CONSTRAINT IF NOT EXISTS FOR (n:L) REQUIRE (n.p) IS NOT NULL"),
        Statement::CreateConstraint {
            kind: ConstraintKind::NotNull,
            if_not_exists: true,
            name: None,
            ..
        }
    ));
    assert!(matches!(
        ok("DROP INDEX idx IF EXISTS"),
        Statement::DropIndex {
            if_exists: true,
            ..
        }
    ));
    assert!(matches!(
        ok("drop constraint c"),
        Statement::DropConstraint {
            if_exists: false,
            ..
        }
    ));
    assert_eq!(ok("SHOW INDEX"), Statement::ShowIndexes);
    assert_eq!(ok("SHOW INDEXES"), Statement::ShowIndexes);
    assert_eq!(ok("SHOW CONSTRAINTS"), Statement::ShowConstraints);
    assert_eq!(ok("BEGIN TRANSACTION"), Statement::Begin);
    assert_eq!(ok("begin"), Statement::Begin);
    assert_eq!(ok("COMMIT;"), Statement::Commit);
    assert_eq!(ok("ROLLBACK"), Statement::Rollback);
}

#[test]
fn fulltext_and_vector_schema_commands_parse_and_print_back() {
    for q in [
        "CREATE FULLTEXT INDEX talk IF NOT EXISTS FOR (n:Sentence|Statement) ON EACH [n.text, n.quote] OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}}",
        "CREATE FULLTEXT INDEX FOR ()-[r:SAID]-() ON EACH [r.quote]",
        "CREATE VECTOR INDEX v FOR (n:Statement) ON n.embedding OPTIONS {indexConfig: {`vector.dimensions`: 384, `vector.similarity_function`: 'cosine'}}",
        "CREATE VECTOR INDEX FOR ()-[r:R]-() ON r.v",
    ] {
        let printed = ok(q).to_string();
        assert_eq!(ok(&printed).to_string(), printed, "{q}");
    }
    match ok("create fulltext index t for (n:A|B) on each [n.x]") {
        Statement::CreateFulltextIndex {
            relationships,
            tokens,
            properties,
            options,
            ..
        } => {
            assert!(!relationships && options.is_none());
            assert_eq!(tokens.len(), 2);
            assert_eq!(properties.len(), 1);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        ok("CREATE FULLTEXT INDEX t FOR ()<-[r:T]-() ON EACH [r.p]"),
        Statement::CreateFulltextIndex {
            relationships: true,
            ..
        }
    ));
    assert!(matches!(
        ok("CREATE VECTOR INDEX v FOR (n:A) ON (n.e)"),
        Statement::CreateVectorIndex {
            relationships: false,
            ..
        }
    ));
    assert_eq!(ok("SHOW FULLTEXT INDEXES"), Statement::ShowFulltextIndexes);
    assert_eq!(ok("show vector index"), Statement::ShowVectorIndexes);
    // a full-text index needs ON EACH [...]
    err("CREATE FULLTEXT INDEX t FOR (n:A) ON (n.x)");
    // `fulltext` and `vector` stay usable as names
    ok("MATCH (fulltext:Vector {each: 1}) RETURN fulltext.options");
}

#[test]
fn error_messages_have_positions_and_words() {
    let q = "MATCH (a)-[:X]->(b RETURN a";
    let e = err(q);
    assert_eq!(e.code().as_str(), "UnexpectedSyntax");
    assert_eq!(e.line_col(q), Some((1, 20)));
    assert!(e.message().contains("')'"), "{}", e.message());
    assert!(!e.message().contains("node_labels"), "{}", e.message());
    let q = "MATCH (n)\nRETURN n ORDER n";
    let e = err(q);
    assert_eq!(e.line_col(q), Some((2, 16)), "{}", e.message());
    assert!(e.message().contains("BY"), "{}", e.message());
    let e = err("RETURN");
    assert!(e.message().contains("end of the input"), "{}", e.message());
    let e = err("MATCH (n) RETURN n +");
    assert!(e.message().contains("an expression"), "{}", e.message());
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let q = format!("RETURN {}", "(".repeat(100_000));
    assert_eq!(code(&q), "NestingTooDeep");
    let q = format!("RETURN {}1{}", "[".repeat(150), "]".repeat(150));
    ok(&q);
    let q = format!("RETURN {}1{}", "(".repeat(200), ")".repeat(200));
    ok(&q);
    let q = format!("RETURN {}1", "NOT ".repeat(100_000));
    assert_eq!(code(&q), "NestingTooDeep");
    let q = format!("RETURN {}1", "- ".repeat(100_000));
    assert_eq!(code(&q), "NestingTooDeep");
    let q = format!("RETURN 1{}", " + 1".repeat(100_000));
    assert_eq!(code(&q), "NestingTooDeep");
    let q = format!("RETURN n{}", ".a".repeat(100_000));
    assert_eq!(code(&q), "NestingTooDeep");
    let q = format!(
        "RETURN {} 1 {}",
        "CASE WHEN true THEN ".repeat(10_000),
        " END".repeat(10_000)
    );
    assert_eq!(code(&q), "NestingTooDeep");
    let q = format!("{}RETURN 1", "EXPLAIN ".repeat(10_000));
    let _ = parse(&q);
    // Many flat items are fine.
    let q = format!("RETURN [{}]", vec!["1"; 50_000].join(", "));
    ok(&q);
}

#[test]
fn garbage_never_panics() {
    let alphabet: Vec<char> = "()[]{}<>-=+*/%^.,:;|$'\"`\\ \nabcMATCHRETURNWHERE0123456789eExX_é—"
        .chars()
        .collect();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..3000 {
        let mut s = String::new();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let len = (seed % 40) as usize;
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push(alphabet[(seed % alphabet.len() as u64) as usize]);
        }
        let _ = parse(&s);
        let _ = parse(&format!("MATCH (n) WHERE {s} RETURN n"));
    }
}
