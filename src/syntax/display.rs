//! `Display` for the AST: prints valid Cypher that parses back to the same
//! tree (modulo spans and projection texts). Expressions are parenthesized
//! fully so that precedence is explicit.

use std::fmt::{self, Display, Formatter, Write};

use super::ast::*;

/// Writes `items` separated by `sep`.
fn join<T: Display>(f: &mut Formatter<'_>, items: &[T], sep: &str) -> fmt::Result {
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(sep)?;
        }
        write!(f, "{it}")?;
    }
    Ok(())
}

impl Display for Ident {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let plain = self
            .name
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
            && self.name.chars().all(|c| c.is_alphanumeric() || c == '_');
        if plain && !is_reserved(&self.name) {
            f.write_str(&self.name)
        } else {
            write!(f, "`{}`", self.name.replace('`', "``"))
        }
    }
}

/// Words that must be escaped when printed as a name.
fn is_reserved(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "MATCH",
        "OPTIONAL",
        "WHERE",
        "RETURN",
        "WITH",
        "UNWIND",
        "AS",
        "CREATE",
        "MERGE",
        "ON",
        "SET",
        "REMOVE",
        "DELETE",
        "DETACH",
        "FOREACH",
        "CALL",
        "YIELD",
        "UNION",
        "ORDER",
        "BY",
        "SKIP",
        "LIMIT",
        "ASCENDING",
        "ASC",
        "DESCENDING",
        "DESC",
        "DISTINCT",
        "AND",
        "OR",
        "XOR",
        "NOT",
        "IN",
        "IS",
        "NULL",
        "TRUE",
        "FALSE",
        "STARTS",
        "ENDS",
        "CONTAINS",
        "CASE",
        "WHEN",
        "THEN",
        "ELSE",
        "END",
        "LOAD",
        "COUNT",
        "EXISTS",
        "ALL",
        "ANY",
        "NONE",
        "SINGLE",
        "REDUCE",
        "SHORTESTPATH",
        "ALLSHORTESTPATHS",
    ];
    WORDS.iter().any(|w| w.eq_ignore_ascii_case(s))
}

/// A string literal in single quotes with escapes.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

impl Display for Statement {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Statement::Query(q) => write!(f, "{q}"),
            Statement::Explain(s) => write!(f, "EXPLAIN {s}"),
            Statement::Profile(s) => write!(f, "PROFILE {s}"),
            Statement::CreateIndex {
                name,
                label,
                properties,
                if_not_exists,
            } => {
                f.write_str("CREATE INDEX ")?;
                if let Some(n) = name {
                    write!(f, "{n} ")?;
                }
                if *if_not_exists {
                    f.write_str("IF NOT EXISTS ")?;
                }
                write!(f, "FOR (n:{label}) ON (")?;
                for (i, p) in properties.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "n.{p}")?;
                }
                f.write_str(")")
            }
            Statement::CreateConstraint {
                name,
                label,
                properties,
                kind,
                if_not_exists,
            } => {
                f.write_str("CREATE CONSTRAINT ")?;
                if let Some(n) = name {
                    write!(f, "{n} ")?;
                }
                if *if_not_exists {
                    f.write_str("IF NOT EXISTS ")?;
                }
                write!(f, "FOR (n:{label}) REQUIRE (")?;
                for (i, p) in properties.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "n.{p}")?;
                }
                match kind {
                    ConstraintKind::Unique => f.write_str(") IS UNIQUE"),
                    ConstraintKind::NotNull => f.write_str(") IS NOT NULL"),
                }
            }
            Statement::DropIndex { name, if_exists } => {
                write!(
                    f,
                    "DROP INDEX {name}{}",
                    if *if_exists { " IF EXISTS" } else { "" }
                )
            }
            Statement::DropConstraint { name, if_exists } => {
                write!(
                    f,
                    "DROP CONSTRAINT {name}{}",
                    if *if_exists { " IF EXISTS" } else { "" }
                )
            }
            Statement::ShowIndexes => f.write_str("SHOW INDEXES"),
            Statement::ShowFulltextIndexes => f.write_str("SHOW FULLTEXT INDEXES"),
            Statement::ShowVectorIndexes => f.write_str("SHOW VECTOR INDEXES"),
            Statement::CreateVectorIndex {
                name,
                relationships,
                tokens,
                property,
                options,
                if_not_exists,
            } => {
                f.write_str("CREATE VECTOR INDEX ")?;
                if let Some(n) = name {
                    write!(f, "{n} ")?;
                }
                if *if_not_exists {
                    f.write_str("IF NOT EXISTS ")?;
                }
                let tokens: Vec<String> = tokens.iter().map(|t| t.to_string()).collect();
                if *relationships {
                    write!(f, "FOR ()-[r:{}]-() ON r.{property}", tokens.join("|"))?;
                } else {
                    write!(f, "FOR (n:{}) ON n.{property}", tokens.join("|"))?;
                }
                if let Some(o) = options {
                    write!(f, " OPTIONS {o}")?;
                }
                Ok(())
            }
            Statement::CreateFulltextIndex {
                name,
                relationships,
                tokens,
                properties,
                options,
                if_not_exists,
            } => {
                f.write_str("CREATE FULLTEXT INDEX ")?;
                if let Some(n) = name {
                    write!(f, "{n} ")?;
                }
                if *if_not_exists {
                    f.write_str("IF NOT EXISTS ")?;
                }
                let tokens: Vec<String> = tokens.iter().map(|t| t.to_string()).collect();
                let v = if *relationships {
                    write!(f, "FOR ()-[r:{}]-() ON EACH [", tokens.join("|"))?;
                    "r"
                } else {
                    write!(f, "FOR (n:{}) ON EACH [", tokens.join("|"))?;
                    "n"
                };
                for (i, p) in properties.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{v}.{p}")?;
                }
                f.write_str("]")?;
                if let Some(o) = options {
                    write!(f, " OPTIONS {o}")?;
                }
                Ok(())
            }
            Statement::ShowConstraints => f.write_str("SHOW CONSTRAINTS"),
            Statement::Begin => f.write_str("BEGIN"),
            Statement::Commit => f.write_str("COMMIT"),
            Statement::Rollback => f.write_str("ROLLBACK"),
        }
    }
}

impl Display for Query {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.first)?;
        for (all, q) in &self.unions {
            write!(f, " UNION {}{q}", if *all { "ALL " } else { "" })?;
        }
        Ok(())
    }
}

impl Display for SingleQuery {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        join(f, &self.clauses, " ")
    }
}

impl Display for Clause {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind)
    }
}

fn where_(f: &mut Formatter<'_>, w: &Option<Expr>) -> fmt::Result {
    match w {
        Some(e) => write!(f, " WHERE {e}"),
        None => Ok(()),
    }
}

impl Display for ClauseKind {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            ClauseKind::Match {
                optional,
                patterns,
                where_: w,
            } => {
                f.write_str(if *optional {
                    "OPTIONAL MATCH "
                } else {
                    "MATCH "
                })?;
                join(f, patterns, ", ")?;
                where_(f, w)
            }
            ClauseKind::Unwind { expr, var } => write!(f, "UNWIND {expr} AS {var}"),
            ClauseKind::With(p) => {
                write!(f, "WITH {p}")?;
                where_(f, &p.where_)
            }
            ClauseKind::Return(p) => write!(f, "RETURN {p}"),
            ClauseKind::Create { patterns } => {
                f.write_str("CREATE ")?;
                join(f, patterns, ", ")
            }
            ClauseKind::Merge {
                pattern,
                on_create,
                on_match,
            } => {
                write!(f, "MERGE {pattern}")?;
                if !on_create.is_empty() {
                    f.write_str(" ON CREATE SET ")?;
                    join(f, on_create, ", ")?;
                }
                if !on_match.is_empty() {
                    f.write_str(" ON MATCH SET ")?;
                    join(f, on_match, ", ")?;
                }
                Ok(())
            }
            ClauseKind::Set { items } => {
                f.write_str("SET ")?;
                join(f, items, ", ")
            }
            ClauseKind::Remove { items } => {
                f.write_str("REMOVE ")?;
                join(f, items, ", ")
            }
            ClauseKind::Delete { detach, exprs } => {
                f.write_str(if *detach { "DETACH DELETE " } else { "DELETE " })?;
                join(f, exprs, ", ")
            }
            ClauseKind::Foreach { var, list, clauses } => {
                write!(f, "FOREACH ({var} IN {list} | ")?;
                join(f, clauses, " ")?;
                f.write_str(")")
            }
            ClauseKind::Call {
                procedure,
                args,
                yield_items,
                yield_star,
                where_: w,
            } => {
                f.write_str("CALL ")?;
                join(f, procedure, ".")?;
                if let Some(a) = args {
                    f.write_str("(")?;
                    join(f, a, ", ")?;
                    f.write_str(")")?;
                }
                if *yield_star {
                    f.write_str(" YIELD *")?;
                } else if let Some(items) = yield_items {
                    f.write_str(" YIELD ")?;
                    join(f, items, ", ")?;
                }
                where_(f, w)
            }
            ClauseKind::Subquery {
                query,
                in_transactions,
            } => {
                write!(f, "CALL {{ {query} }}")?;
                match in_transactions {
                    None => Ok(()),
                    Some(None) => f.write_str(" IN TRANSACTIONS"),
                    Some(Some(n)) => write!(f, " IN TRANSACTIONS OF {n} ROWS"),
                }
            }
            ClauseKind::LoadCsv {
                with_headers,
                url,
                var,
                field_terminator,
            } => {
                f.write_str("LOAD CSV ")?;
                if *with_headers {
                    f.write_str("WITH HEADERS ")?;
                }
                write!(f, "FROM {url} AS {var}")?;
                if let Some(t) = field_terminator {
                    write!(f, " FIELDTERMINATOR {}", quote(t))?;
                }
                Ok(())
            }
        }
    }
}

impl Display for YieldItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.field)?;
        if let Some(a) = &self.alias {
            write!(f, " AS {a}")?;
        }
        Ok(())
    }
}

/// Prints the projection without its `WHERE` (the WITH clause adds it).
impl Display for Projection {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.distinct {
            f.write_str("DISTINCT ")?;
        }
        if self.star {
            f.write_str("*")?;
            if !self.items.is_empty() {
                f.write_str(", ")?;
            }
        }
        join(f, &self.items, ", ")?;
        if !self.order_by.is_empty() {
            f.write_str(" ORDER BY ")?;
            join(f, &self.order_by, ", ")?;
        }
        if let Some(s) = &self.skip {
            write!(f, " SKIP {s}")?;
        }
        if let Some(l) = &self.limit {
            write!(f, " LIMIT {l}")?;
        }
        Ok(())
    }
}

impl Display for ProjectionItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.expr)?;
        if let Some(a) = &self.alias {
            write!(f, " AS {a}")?;
        }
        Ok(())
    }
}

impl Display for SortItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{}",
            self.expr,
            if self.descending { " DESC" } else { "" }
        )
    }
}

fn labels(f: &mut Formatter<'_>, labels: &[Ident]) -> fmt::Result {
    for l in labels {
        write!(f, ":{l}")?;
    }
    Ok(())
}

impl Display for SetItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            SetItem::Property { target, key, value } => write!(f, "({target}).{key} = {value}"),
            SetItem::Replace { var, value } => write!(f, "{var} = {value}"),
            SetItem::Merge { var, value } => write!(f, "{var} += {value}"),
            SetItem::Labels { var, labels: l } => {
                write!(f, "{var}")?;
                labels(f, l)
            }
        }
    }
}

impl Display for RemoveItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            RemoveItem::Property { target, key } => write!(f, "({target}).{key}"),
            RemoveItem::Labels { var, labels: l } => {
                write!(f, "{var}")?;
                labels(f, l)
            }
        }
    }
}

impl Display for PatternPart {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if let Some(v) = &self.var {
            write!(f, "{v} = ")?;
        }
        match self.kind {
            PathKind::Normal => write!(f, "{}", self.element),
            PathKind::Shortest => write!(f, "shortestPath({})", self.element),
            PathKind::AllShortest => write!(f, "allShortestPaths({})", self.element),
        }
    }
}

impl Display for PatternElement {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.start)?;
        for (r, n) in &self.chain {
            write!(f, "{r}{n}")?;
        }
        Ok(())
    }
}

impl Display for NodePattern {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("(")?;
        if let Some(v) = &self.var {
            write!(f, "{v}")?;
        }
        labels(f, &self.labels)?;
        if let Some(p) = &self.properties {
            write!(f, " {p}")?;
        }
        f.write_str(")")
    }
}

impl Display for RelPattern {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(if self.direction == Direction::Incoming {
            "<-["
        } else {
            "-["
        })?;
        if let Some(v) = &self.var {
            write!(f, "{v}")?;
        }
        for (i, t) in self.types.iter().enumerate() {
            write!(f, "{}{t}", if i == 0 { ":" } else { "|" })?;
        }
        if let Some(r) = &self.length {
            f.write_str("*")?;
            match (r.min, r.max) {
                (None, None) => {}
                (Some(a), Some(b)) if a == b => write!(f, "{a}")?,
                (a, b) => {
                    if let Some(a) = a {
                        write!(f, "{a}")?;
                    }
                    f.write_str("..")?;
                    if let Some(b) = b {
                        write!(f, "{b}")?;
                    }
                }
            }
        }
        if let Some(p) = &self.properties {
            write!(f, " {p}")?;
        }
        f.write_str(if self.direction == Direction::Outgoing {
            "]->"
        } else {
            "]-"
        })
    }
}

impl Display for Literal {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Null => f.write_str("null"),
            Literal::Bool(b) => write!(f, "{b}"),
            Literal::Integer(i) => write!(f, "{i}"),
            Literal::Float(x) => {
                if x.is_nan() {
                    f.write_str("(0.0 / 0.0)")
                } else if x.is_infinite() {
                    f.write_str(if *x > 0.0 {
                        "(1.0 / 0.0)"
                    } else {
                        "(-1.0 / 0.0)"
                    })
                } else {
                    // `{:?}` always prints a decimal point or exponent.
                    write!(f, "{x:?}")
                }
            }
            Literal::String(s) => f.write_str(&quote(s)),
        }
    }
}

impl Display for BinaryOp {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BinaryOp::Or => "OR",
            BinaryOp::Xor => "XOR",
            BinaryOp::And => "AND",
            BinaryOp::Eq => "=",
            BinaryOp::Ne => "<>",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Mod => "%",
            BinaryOp::Pow => "^",
            BinaryOp::In => "IN",
            BinaryOp::StartsWith => "STARTS WITH",
            BinaryOp::EndsWith => "ENDS WITH",
            BinaryOp::Contains => "CONTAINS",
            BinaryOp::RegexMatch => "=~",
        })
    }
}

impl Display for Expr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind)
    }
}

impl Display for ExprKind {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            ExprKind::Literal(l) => write!(f, "{l}"),
            ExprKind::Parameter(p) => {
                if p.chars().all(|c| c.is_ascii_digit()) {
                    write!(f, "${p}")
                } else {
                    let id = Ident {
                        name: p.clone(),
                        span: Default::default(),
                    };
                    write!(f, "${id}")
                }
            }
            ExprKind::Variable(v) => write!(
                f,
                "{}",
                Ident {
                    name: v.clone(),
                    span: Default::default()
                }
            ),
            ExprKind::List(items) => {
                f.write_str("[")?;
                join(f, items, ", ")?;
                f.write_str("]")
            }
            ExprKind::Map(entries) => {
                f.write_str("{")?;
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k}: {v}")?;
                }
                f.write_str("}")
            }
            ExprKind::Property(e, k) => write!(f, "({e}).{k}"),
            ExprKind::Index(e, i) => write!(f, "({e})[{i}]"),
            ExprKind::Slice(e, a, b) => {
                write!(f, "({e})[")?;
                if let Some(a) = a {
                    write!(f, "{a}")?;
                }
                f.write_str("..")?;
                if let Some(b) = b {
                    write!(f, "{b}")?;
                }
                f.write_str("]")
            }
            ExprKind::Unary(op, e) => match op {
                UnaryOp::Not => write!(f, "(NOT ({e}))"),
                UnaryOp::Neg => write!(f, "(-({e}))"),
                UnaryOp::Pos => write!(f, "(+({e}))"),
            },
            ExprKind::Binary(op, a, b) => write!(f, "(({a}) {op} ({b}))"),
            ExprKind::IsNull(e, not) => {
                write!(f, "(({e}) IS {}NULL)", if *not { "NOT " } else { "" })
            }
            ExprKind::HasLabels(e, l) => {
                write!(f, "({e})")?;
                labels(f, l)
            }
            ExprKind::FunctionCall {
                name,
                distinct,
                args,
            } => {
                for (i, n) in name.iter().enumerate() {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    let plain = n
                        .name
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_alphabetic() || c == '_')
                        && n.name.chars().all(|c| c.is_alphanumeric() || c == '_')
                        && !matches!(
                            n.name.to_ascii_uppercase().as_str(),
                            "NOT"
                                | "CASE"
                                | "ALL"
                                | "ANY"
                                | "NONE"
                                | "SINGLE"
                                | "REDUCE"
                                | "SHORTESTPATH"
                                | "ALLSHORTESTPATHS"
                        );
                    if plain
                        && (i > 0
                            || !is_reserved(&n.name)
                            || matches!(n.name.to_ascii_uppercase().as_str(), "COUNT" | "EXISTS"))
                    {
                        f.write_str(&n.name)?;
                    } else {
                        write!(f, "{n}")?;
                    }
                }
                f.write_str(if *distinct { "(DISTINCT " } else { "(" })?;
                join(f, args, ", ")?;
                f.write_str(")")
            }
            ExprKind::CountStar => f.write_str("count(*)"),
            ExprKind::Case {
                operand,
                whens,
                else_,
            } => {
                f.write_str("CASE")?;
                if let Some(o) = operand {
                    write!(f, " {o}")?;
                }
                for (w, t) in whens {
                    write!(f, " WHEN {w} THEN {t}")?;
                }
                if let Some(e) = else_ {
                    write!(f, " ELSE {e}")?;
                }
                f.write_str(" END")
            }
            ExprKind::ListComprehension {
                var,
                list,
                filter,
                map,
            } => {
                write!(f, "[{var} IN {list}")?;
                if let Some(w) = filter {
                    write!(f, " WHERE {w}")?;
                }
                if let Some(m) = map {
                    write!(f, " | {m}")?;
                }
                f.write_str("]")
            }
            ExprKind::Quantified {
                quantifier,
                var,
                list,
                filter,
            } => {
                let q = match quantifier {
                    Quantifier::All => "all",
                    Quantifier::Any => "any",
                    Quantifier::None => "none",
                    Quantifier::Single => "single",
                };
                write!(f, "{q}({var} IN {list}")?;
                if let Some(w) = filter {
                    write!(f, " WHERE {w}")?;
                }
                f.write_str(")")
            }
            ExprKind::Reduce {
                acc,
                init,
                var,
                list,
                expr,
            } => write!(f, "reduce({acc} = {init}, {var} IN {list} | {expr})"),
            ExprKind::PatternComprehension {
                var,
                pattern,
                filter,
                map,
            } => {
                f.write_str("[")?;
                if let Some(v) = var {
                    write!(f, "{v} = ")?;
                }
                write!(f, "{pattern}")?;
                if let Some(w) = filter {
                    write!(f, " WHERE {w}")?;
                }
                write!(f, " | {map}]")
            }
            ExprKind::PatternPredicate(p) => write!(f, "{p}"),
            ExprKind::Exists(q) => write!(f, "EXISTS {{ {q} }}"),
            ExprKind::CountSubquery(q) => write!(f, "COUNT {{ {q} }}"),
            ExprKind::MapProjection { var, items } => {
                write!(f, "{var} {{")?;
                for (i, it) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    match it {
                        MapProjectionItem::Property(k) => write!(f, ".{k}")?,
                        MapProjectionItem::AllProperties => f.write_str(".*")?,
                        MapProjectionItem::Literal(k, e) => write!(f, "{k}: {e}")?,
                        MapProjectionItem::Variable(v) => write!(f, "{v}")?,
                    }
                }
                f.write_str("}")
            }
        }
    }
}
