//! Which statements only read: those may run under the database's read lock
//! (`exec::run_read`), in parallel with each other.
//!
//! The classification is syntactic and conservative: a statement is
//! read-only when it is a query (or `EXPLAIN` / `PROFILE` of one) or a
//! `SHOW` command, and no clause anywhere in it — in `CALL { }` subqueries,
//! UNION branches, `EXISTS { }` / `COUNT { }` subqueries inside any
//! expression — updates the graph. Anything else (schema commands,
//! `BEGIN` / `COMMIT` / `ROLLBACK`, `CALL { } IN TRANSACTIONS`, a procedure
//! that writes or that the engine does not know) takes the write path, which handles every
//! statement. A wrong "read-only" answer could not corrupt the graph — the
//! read path has no write access and fails with an internal error — but it
//! would fail a valid statement, so when in doubt the answer is "no".

use crate::plan::bind::procedure_signature;
use crate::syntax::ast::{
    Clause, ClauseKind, Expr, ExprKind, MapProjectionItem, NodePattern, PatternElement,
    PatternPart, Projection, Query, RelPattern, Statement,
};

/// Whether `stmt` can run without write access to the graph.
pub fn is_read_only(stmt: &Statement) -> bool {
    match stmt {
        Statement::Query(q) => query(q),
        Statement::Explain(inner) | Statement::Profile(inner) => match &**inner {
            Statement::Query(q) => query(q),
            _ => false,
        },
        Statement::ShowIndexes
        | Statement::ShowFulltextIndexes
        | Statement::ShowVectorIndexes
        | Statement::ShowConstraints => true,
        Statement::CreateIndex { .. }
        | Statement::CreateFulltextIndex { .. }
        | Statement::CreateVectorIndex { .. }
        | Statement::DropIndex { .. }
        | Statement::CreateConstraint { .. }
        | Statement::DropConstraint { .. }
        | Statement::Begin
        | Statement::Commit
        | Statement::Rollback => false,
    }
}

fn query(q: &Query) -> bool {
    clauses(&q.first.clauses) && q.unions.iter().all(|(_, s)| clauses(&s.clauses))
}

fn clauses(cs: &[Clause]) -> bool {
    cs.iter().all(clause)
}

fn clause(c: &Clause) -> bool {
    match &c.kind {
        ClauseKind::Match {
            patterns, where_, ..
        } => patterns.iter().all(part) && opt(where_.as_ref()),
        ClauseKind::Unwind { expr: e, .. } => expr(e),
        ClauseKind::With(p) | ClauseKind::Return(p) => projection(p),
        ClauseKind::Call {
            procedure,
            args,
            where_,
            ..
        } => {
            let name = procedure
                .iter()
                .map(|i| i.name.as_str())
                .collect::<Vec<_>>()
                .join(".");
            // A known procedure that only reads; one that writes
            // (`plenary.import.relationships`) takes the write path, and an
            // unknown one is an error on either path, reported by the write path.
            procedure_signature(&name).is_some_and(|s| !s.proc.writes())
                && args.as_ref().is_none_or(|a| a.iter().all(expr))
                && opt(where_.as_ref())
        }
        ClauseKind::Subquery {
            query: q,
            in_transactions,
        } => in_transactions.is_none() && query(q),
        ClauseKind::LoadCsv { url, .. } => expr(url),
        ClauseKind::Create { .. }
        | ClauseKind::Merge { .. }
        | ClauseKind::Set { .. }
        | ClauseKind::Remove { .. }
        | ClauseKind::Delete { .. }
        | ClauseKind::Foreach { .. } => false,
    }
}

fn projection(p: &Projection) -> bool {
    p.items.iter().all(|i| expr(&i.expr))
        && p.order_by.iter().all(|s| expr(&s.expr))
        && opt(p.skip.as_ref())
        && opt(p.limit.as_ref())
        && opt(p.where_.as_ref())
}

fn part(p: &PatternPart) -> bool {
    element(&p.element)
}

fn element(e: &PatternElement) -> bool {
    node(&e.start) && e.chain.iter().all(|(r, n)| rel(r) && node(n))
}

fn node(n: &NodePattern) -> bool {
    opt(n.properties.as_deref())
}

fn rel(r: &RelPattern) -> bool {
    opt(r.properties.as_deref())
}

fn opt(e: Option<&Expr>) -> bool {
    e.is_none_or(expr)
}

/// Expressions read, except that subqueries inside them may hold clauses.
fn expr(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Literal(_)
        | ExprKind::Parameter(_)
        | ExprKind::Variable(_)
        | ExprKind::CountStar => true,
        ExprKind::List(xs) => xs.iter().all(expr),
        ExprKind::Map(entries) => entries.iter().all(|(_, x)| expr(x)),
        ExprKind::Property(x, _)
        | ExprKind::Unary(_, x)
        | ExprKind::IsNull(x, _)
        | ExprKind::HasLabels(x, _) => expr(x),
        ExprKind::Index(a, b) | ExprKind::Binary(_, a, b) => expr(a) && expr(b),
        ExprKind::Slice(x, from, to) => expr(x) && opt(from.as_deref()) && opt(to.as_deref()),
        ExprKind::FunctionCall { args, .. } => args.iter().all(expr),
        ExprKind::Case {
            operand,
            whens,
            else_,
        } => {
            opt(operand.as_deref())
                && whens.iter().all(|(w, t)| expr(w) && expr(t))
                && opt(else_.as_deref())
        }
        ExprKind::ListComprehension {
            list, filter, map, ..
        } => expr(list) && opt(filter.as_deref()) && opt(map.as_deref()),
        ExprKind::Quantified { list, filter, .. } => expr(list) && opt(filter.as_deref()),
        ExprKind::Reduce {
            init,
            list,
            expr: x,
            ..
        } => expr(init) && expr(list) && expr(x),
        ExprKind::PatternComprehension {
            pattern,
            filter,
            map,
            ..
        } => element(pattern) && opt(filter.as_deref()) && expr(map),
        ExprKind::PatternPredicate(p) => element(p),
        ExprKind::Exists(q) | ExprKind::CountSubquery(q) => query(q),
        ExprKind::MapProjection { items, .. } => items.iter().all(|i| match i {
            MapProjectionItem::Literal(_, x) => expr(x),
            MapProjectionItem::Property(_)
            | MapProjectionItem::AllProperties
            | MapProjectionItem::Variable(_) => true,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::is_read_only;
    use crate::syntax::parse;

    fn ro(q: &str) -> bool {
        is_read_only(&parse(q).unwrap_or_else(|e| panic!("{q}: {e}")))
    }

    #[test]
    fn reads() {
        for q in [
            "RETURN 1",
            "MATCH (n:A)-[r:R*1..3]->(m) WHERE n.x > 1 RETURN n, r, m ORDER BY n.x SKIP 1 LIMIT 2",
            "OPTIONAL MATCH (n) WITH n WHERE n IS NULL RETURN count(*)",
            "UNWIND [1, 2] AS x RETURN x UNION ALL RETURN 3 AS x",
            "MATCH (n) RETURN n {.a, .*, b: 1, n}",
            "MATCH (n) WHERE EXISTS { MATCH (n)-->(m) WHERE m.x = 1 } RETURN n",
            "MATCH (n) RETURN COUNT { MATCH (n)-->() } AS c",
            "MATCH (n) RETURN [(n)-->(m) WHERE m.x > 0 | m.x] AS xs",
            "MATCH (n) WHERE (n)-[:R]->() RETURN n",
            "CALL { MATCH (n) RETURN n } RETURN n",
            "CALL db.labels()",
            "CALL db.labels() YIELD label WHERE label STARTS WITH 'A' RETURN label",
            "LOAD CSV WITH HEADERS FROM 'x.csv' AS l RETURN l",
            "EXPLAIN MATCH (n:Nope {k: 1}) RETURN n",
            "PROFILE MATCH (n) RETURN count(n)",
            "SHOW INDEXES",
            "SHOW CONSTRAINTS",
            "RETURN reduce(a = 0, x IN [1, 2] | a + x), [x IN [1] WHERE x > 0 | x], all(x IN [1] WHERE x > 0)",
            "RETURN CASE WHEN 1 = 1 THEN 'a' ELSE 'b' END, [1, 2][0..1], {a: 1}.a",
        ] {
            assert!(ro(q), "{q} should be read-only");
        }
    }

    #[test]
    fn writes() {
        for q in [
            "CREATE (n)",
            "MATCH (n) SET n.x = 1",
            "MATCH (n) REMOVE n:A",
            "MATCH (n) DELETE n",
            "MATCH (n) DETACH DELETE n",
            "MERGE (n:A)",
            "FOREACH (x IN [1] | CREATE (:A))",
            "MATCH (n) RETURN n UNION MATCH (n) CREATE (m) RETURN m AS n",
            "CALL { CREATE (n) RETURN n } RETURN n",
            "CALL { MATCH (n) RETURN n } IN TRANSACTIONS RETURN n",
            "MATCH (n) WHERE EXISTS { CREATE (m) } RETURN n",
            "MATCH (n) RETURN COUNT { MATCH (n) SET n.x = 1 RETURN n } AS c",
            "MATCH (n) RETURN [x IN [1] WHERE EXISTS { CREATE () }] AS c",
            "MATCH (n {k: COUNT { CREATE () }}) RETURN n",
            "CALL db.unknownProcedure()",
            "CALL plenary.import.relationships('f.csv', {})",
            "CALL plenary.IMPORT.relationships('f.csv', {}) YIELD rows RETURN rows",
            "EXPLAIN CALL plenary.import.relationships('f.csv', {})",
            "EXPLAIN CREATE (n)",
            "PROFILE MATCH (n) SET n.x = 1",
            "CREATE INDEX FOR (n:A) ON (n.x)",
            "DROP INDEX i",
            "CREATE CONSTRAINT FOR (n:A) REQUIRE n.x IS UNIQUE",
            "DROP CONSTRAINT c",
            "BEGIN",
            "COMMIT",
            "ROLLBACK",
        ] {
            assert!(!ro(q), "{q} should not be read-only");
        }
    }
}
