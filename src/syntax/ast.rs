//! The abstract syntax tree: what a statement says, independent of pest.
//!
//! Produced by [`crate::syntax::parse`], consumed by the binder in
//! `plan::bind`. Every node that can be the subject of an error carries a
//! [`Span`] (byte offsets into the statement text). The tree is owned and
//! plain data; it prints back as Cypher through `Display` (see `display.rs`),
//! which the parser tests use for round trips.

use crate::error::Span;

/// A name as written (backticks removed) with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    /// The name.
    pub name: String,
    /// Where it stands.
    pub span: Span,
}

/// One statement (the text between two `;`).
#[derive(Debug, Clone, PartialEq)]
pub enum Statement {
    /// A query, possibly a UNION of several.
    Query(Query),
    /// `EXPLAIN <statement>`: the plan, not run.
    Explain(Box<Statement>),
    /// `PROFILE <statement>`: run, with rows and time per operator.
    Profile(Box<Statement>),
    /// `CREATE INDEX [name] [IF NOT EXISTS] FOR (n:Label) ON (n.p [, n.q])`.
    CreateIndex {
        /// Optional index name.
        name: Option<Ident>,
        /// The label.
        label: Ident,
        /// The property keys.
        properties: Vec<Ident>,
        /// `IF NOT EXISTS`.
        if_not_exists: bool,
    },
    /// `CREATE FULLTEXT INDEX [name] [IF NOT EXISTS] FOR (n:A|B) ON EACH [n.p, n.q]
    /// [OPTIONS {…}]`, or `FOR ()-[r:T|U]-()` for relationships.
    CreateFulltextIndex {
        /// Optional index name.
        name: Option<Ident>,
        /// Over relationships (else nodes).
        relationships: bool,
        /// The labels (or relationship types).
        tokens: Vec<Ident>,
        /// The property keys.
        properties: Vec<Ident>,
        /// The `OPTIONS` map, as written.
        options: Option<Expr>,
        /// `IF NOT EXISTS`.
        if_not_exists: bool,
    },
    /// `CREATE VECTOR INDEX [name] [IF NOT EXISTS] FOR (n:Label) ON n.p
    /// [OPTIONS {indexConfig: {`vector.dimensions`: N, …}}]`, or `FOR ()-[r:T]-()`.
    CreateVectorIndex {
        /// Optional index name.
        name: Option<Ident>,
        /// Over relationships (else nodes).
        relationships: bool,
        /// The labels (or types) written; one is allowed.
        tokens: Vec<Ident>,
        /// The property key.
        property: Ident,
        /// The `OPTIONS` map, as written.
        options: Option<Expr>,
        /// `IF NOT EXISTS`.
        if_not_exists: bool,
    },
    /// `DROP INDEX name [IF EXISTS]`.
    DropIndex {
        /// The index name.
        name: Ident,
        /// `IF EXISTS`.
        if_exists: bool,
    },
    /// `CREATE CONSTRAINT [name] [IF NOT EXISTS] FOR (n:Label) REQUIRE n.p IS UNIQUE`
    /// (also `REQUIRE (n.p) IS UNIQUE`, `IS NOT NULL`).
    CreateConstraint {
        /// Optional constraint name.
        name: Option<Ident>,
        /// The label.
        label: Ident,
        /// The property keys.
        properties: Vec<Ident>,
        /// What is required.
        kind: ConstraintKind,
        /// `IF NOT EXISTS`.
        if_not_exists: bool,
    },
    /// `DROP CONSTRAINT name [IF EXISTS]`.
    DropConstraint {
        /// The constraint name.
        name: Ident,
        /// `IF EXISTS`.
        if_exists: bool,
    },
    /// `SHOW INDEXES` (also `SHOW INDEX`).
    ShowIndexes,
    /// `SHOW FULLTEXT INDEXES` (also `SHOW FULLTEXT INDEX`).
    ShowFulltextIndexes,
    /// `SHOW VECTOR INDEXES` (also `SHOW VECTOR INDEX`).
    ShowVectorIndexes,
    /// `SHOW CONSTRAINTS` (also `SHOW CONSTRAINT`).
    ShowConstraints,
    /// `BEGIN` (also `BEGIN TRANSACTION`).
    Begin,
    /// `COMMIT`.
    Commit,
    /// `ROLLBACK`.
    Rollback,
}

/// What a constraint requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConstraintKind {
    /// `IS UNIQUE`.
    Unique,
    /// `IS NOT NULL`.
    NotNull,
}

/// A query: one or more single queries joined by `UNION [ALL]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// The first part.
    pub first: SingleQuery,
    /// Further parts; `true` = `UNION ALL`.
    pub unions: Vec<(bool, SingleQuery)>,
    /// The whole query.
    pub span: Span,
}

/// A sequence of clauses.
#[derive(Debug, Clone, PartialEq)]
pub struct SingleQuery {
    /// The clauses in order.
    pub clauses: Vec<Clause>,
    /// The whole single query.
    pub span: Span,
}

/// A clause with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    /// What the clause is.
    pub kind: ClauseKind,
    /// From its first keyword to its end.
    pub span: Span,
}

/// The clauses.
#[derive(Debug, Clone, PartialEq)]
pub enum ClauseKind {
    /// `[OPTIONAL] MATCH patterns [WHERE expr]`.
    Match {
        /// `OPTIONAL MATCH`.
        optional: bool,
        /// Comma-separated pattern parts.
        patterns: Vec<PatternPart>,
        /// The WHERE predicate.
        where_: Option<Expr>,
    },
    /// `UNWIND expr AS var`.
    Unwind {
        /// The list.
        expr: Expr,
        /// The variable.
        var: Ident,
    },
    /// `WITH ...`.
    With(Projection),
    /// `RETURN ...`.
    Return(Projection),
    /// `CREATE patterns`.
    Create {
        /// The patterns to create.
        patterns: Vec<PatternPart>,
    },
    /// `MERGE pattern [ON CREATE SET ...] [ON MATCH SET ...]`.
    Merge {
        /// The single pattern part.
        pattern: PatternPart,
        /// `ON CREATE SET` items (several ON CREATE clauses are concatenated).
        on_create: Vec<SetItem>,
        /// `ON MATCH SET` items.
        on_match: Vec<SetItem>,
    },
    /// `SET items`.
    Set {
        /// The items.
        items: Vec<SetItem>,
    },
    /// `REMOVE items`.
    Remove {
        /// The items.
        items: Vec<RemoveItem>,
    },
    /// `[DETACH] DELETE exprs`.
    Delete {
        /// `DETACH DELETE`.
        detach: bool,
        /// What to delete.
        exprs: Vec<Expr>,
    },
    /// `FOREACH (var IN list | clauses)`.
    Foreach {
        /// The variable.
        var: Ident,
        /// The list.
        list: Expr,
        /// Updating clauses.
        clauses: Vec<Clause>,
    },
    /// `CALL ns.name(args) [YIELD items [WHERE expr]]` (standalone or in-query).
    Call {
        /// Dotted procedure name, e.g. `["db", "labels"]`.
        procedure: Vec<Ident>,
        /// Arguments; `None` when written without parentheses.
        args: Option<Vec<Expr>>,
        /// `YIELD` items; `None` without YIELD; `YIELD *` is `Some(vec![])` with `yield_star`.
        yield_items: Option<Vec<YieldItem>>,
        /// `YIELD *`.
        yield_star: bool,
        /// `YIELD ... WHERE expr`.
        where_: Option<Expr>,
    },
    /// `CALL { query } [IN TRANSACTIONS [OF n ROWS]]`.
    Subquery {
        /// The inner query.
        query: Box<Query>,
        /// `IN TRANSACTIONS`: `Some(None)` without `OF n ROWS`.
        in_transactions: Option<Option<Expr>>,
    },
    /// `LOAD CSV [WITH HEADERS] FROM url AS var [FIELDTERMINATOR 'c']`.
    LoadCsv {
        /// `WITH HEADERS`.
        with_headers: bool,
        /// The file path or `file:` URL.
        url: Expr,
        /// The row variable.
        var: Ident,
        /// `FIELDTERMINATOR` (unescaped string, usually one char).
        field_terminator: Option<String>,
    },
}

/// A `YIELD` item: `field [AS alias]`.
#[derive(Debug, Clone, PartialEq)]
pub struct YieldItem {
    /// The procedure's output field.
    pub field: Ident,
    /// Optional alias.
    pub alias: Option<Ident>,
}

/// The body of `WITH` and `RETURN`.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    /// `DISTINCT`.
    pub distinct: bool,
    /// `*` written first.
    pub star: bool,
    /// The items after `*` or alone.
    pub items: Vec<ProjectionItem>,
    /// `ORDER BY`.
    pub order_by: Vec<SortItem>,
    /// `SKIP`.
    pub skip: Option<Expr>,
    /// `LIMIT`.
    pub limit: Option<Expr>,
    /// `WITH ... WHERE` (always `None` for RETURN).
    pub where_: Option<Expr>,
}

/// `expr [AS alias]`.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectionItem {
    /// The expression.
    pub expr: Expr,
    /// The alias, if written.
    pub alias: Option<Ident>,
    /// The expression's source text exactly as written (used as the column
    /// name when there is no alias, e.g. `count(*)`, `n.name`).
    pub text: String,
}

/// `expr [ASC|DESC]`.
#[derive(Debug, Clone, PartialEq)]
pub struct SortItem {
    /// The key.
    pub expr: Expr,
    /// `DESC` / `DESCENDING`.
    pub descending: bool,
}

/// A `SET` item.
#[derive(Debug, Clone, PartialEq)]
pub enum SetItem {
    /// `target.key = value` (target is any expression yielding a node/rel).
    Property {
        /// Expression before the dot.
        target: Expr,
        /// The key.
        key: Ident,
        /// The new value.
        value: Expr,
    },
    /// `var = map` (replace all properties).
    Replace {
        /// The variable.
        var: Ident,
        /// The map (or node/rel whose properties are copied).
        value: Expr,
    },
    /// `var += map` (merge properties).
    Merge {
        /// The variable.
        var: Ident,
        /// The map.
        value: Expr,
    },
    /// `var:Label1:Label2`.
    Labels {
        /// The variable.
        var: Ident,
        /// The labels.
        labels: Vec<Ident>,
    },
}

/// A `REMOVE` item.
#[derive(Debug, Clone, PartialEq)]
pub enum RemoveItem {
    /// `target.key`.
    Property {
        /// Expression before the dot.
        target: Expr,
        /// The key.
        key: Ident,
    },
    /// `var:Label1:Label2`.
    Labels {
        /// The variable.
        var: Ident,
        /// The labels.
        labels: Vec<Ident>,
    },
}

/// `[var =] [shortestPath|allShortestPaths](element)`.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternPart {
    /// Path variable (`p = ...`).
    pub var: Option<Ident>,
    /// Plain, shortest or all-shortest.
    pub kind: PathKind,
    /// The chain of nodes and relationships.
    pub element: PatternElement,
    /// The whole part.
    pub span: Span,
}

/// How a pattern part is matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    /// Every match.
    Normal,
    /// `shortestPath(...)`.
    Shortest,
    /// `allShortestPaths(...)`.
    AllShortest,
}

/// `(a)-[r]->(b)<-[s]-(c)...` (extra parentheses around it are dropped).
#[derive(Debug, Clone, PartialEq)]
pub struct PatternElement {
    /// The first node.
    pub start: NodePattern,
    /// Each following relationship and node.
    pub chain: Vec<(RelPattern, NodePattern)>,
    /// The whole element.
    pub span: Span,
}

impl PatternElement {
    /// Its node patterns, left to right.
    pub fn nodes(&self) -> Vec<&NodePattern> {
        std::iter::once(&self.start)
            .chain(self.chain.iter().map(|(_, n)| n))
            .collect()
    }
}

/// `(var:Label1:Label2 {props})`.
#[derive(Debug, Clone, PartialEq)]
pub struct NodePattern {
    /// The variable.
    pub var: Option<Ident>,
    /// Labels (all required).
    pub labels: Vec<Ident>,
    /// A map literal or a parameter.
    pub properties: Option<Box<Expr>>,
    /// From `(` to `)`.
    pub span: Span,
}

/// Direction of a relationship pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// `-[]->`
    Outgoing,
    /// `<-[]-`
    Incoming,
    /// `-[]-` (also `<-[]->`)
    Both,
}

/// `-[var:T1|T2 *min..max {props}]->`.
#[derive(Debug, Clone, PartialEq)]
pub struct RelPattern {
    /// The variable.
    pub var: Option<Ident>,
    /// Type alternatives (any of them; empty = any type).
    pub types: Vec<Ident>,
    /// Direction.
    pub direction: Direction,
    /// Variable length: `None` for a single hop; `*` is `Some(Range{None, None})`,
    /// `*2` is `Some(Range{Some(2), Some(2)})`, `*1..3`, `*..5`, `*2..`.
    pub length: Option<RangeLiteral>,
    /// A map literal or a parameter.
    pub properties: Option<Box<Expr>>,
    /// The whole relationship pattern including its arrows.
    pub span: Span,
}

/// Bounds of a variable-length relationship.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RangeLiteral {
    /// Lower bound (default 1).
    pub min: Option<u64>,
    /// Upper bound (default unbounded).
    pub max: Option<u64>,
}

/// An expression with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it stands.
    pub span: Span,
}

/// Literal values.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// Decimal, hex (`0x1F`) or octal (`0o17`) integer; out of i64 range is a
    /// SyntaxError `IntegerOverflow` at parse time.
    Integer(i64),
    /// `1.5`, `1e10`, `.5`; out of range is a SyntaxError `FloatingPointOverflow`.
    Float(f64),
    /// A string with escapes resolved.
    String(String),
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `NOT`
    Not,
    /// `-`
    Neg,
    /// `+`
    Pos,
}

/// Binary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    /// `OR`
    Or,
    /// `XOR`
    Xor,
    /// `AND`
    And,
    /// `=`
    Eq,
    /// `<>`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Mod,
    /// `^`
    Pow,
    /// `IN`
    In,
    /// `STARTS WITH`
    StartsWith,
    /// `ENDS WITH`
    EndsWith,
    /// `CONTAINS`
    Contains,
    /// `=~`
    RegexMatch,
}

/// `all`, `any`, `none`, `single` list predicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantifier {
    /// `all(x IN list WHERE p)`
    All,
    /// `any(...)`
    Any,
    /// `none(...)`
    None,
    /// `single(...)`
    Single,
}

/// An item of a map projection `n {.name, .*, key: expr, var}`.
#[derive(Debug, Clone, PartialEq)]
pub enum MapProjectionItem {
    /// `.key`
    Property(Ident),
    /// `.*`
    AllProperties,
    /// `key: expr`
    Literal(Ident, Expr),
    /// `var` (becomes `var: var`)
    Variable(Ident),
}

/// Expressions.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// A literal.
    Literal(Literal),
    /// `$name` or `$0`.
    Parameter(String),
    /// A variable.
    Variable(String),
    /// `[a, b]`
    List(Vec<Expr>),
    /// `{k: v}` (keys in written order; duplicates kept, the binder rejects them or keeps the last).
    Map(Vec<(Ident, Expr)>),
    /// `expr.key`
    Property(Box<Expr>, Ident),
    /// `expr[index]`
    Index(Box<Expr>, Box<Expr>),
    /// `expr[from..to]` (either bound optional)
    Slice(Box<Expr>, Option<Box<Expr>>, Option<Box<Expr>>),
    /// `NOT x`, `-x`, `+x`. A minus directly before an integer literal is
    /// folded into the literal by the parser (so `-9223372036854775808` is valid).
    Unary(UnaryOp, Box<Expr>),
    /// `a op b`. Chained comparisons `a < b < c` are lowered to
    /// `a < b AND b < c` by the parser.
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `x IS NULL` (`false`) / `x IS NOT NULL` (`true`).
    IsNull(Box<Expr>, bool),
    /// `n:Label1:Label2` used as a predicate.
    HasLabels(Box<Expr>, Vec<Ident>),
    /// `f(args)`, `ns.f(args)`, `f(DISTINCT args)`. Name parts as written.
    FunctionCall {
        /// Dotted name, e.g. `["toUpper"]` or `["db", "labels"]`.
        name: Vec<Ident>,
        /// `DISTINCT` inside the parentheses.
        distinct: bool,
        /// Arguments.
        args: Vec<Expr>,
    },
    /// `count(*)`
    CountStar,
    /// `CASE [operand] WHEN a THEN b ... [ELSE c] END`
    Case {
        /// The simple-form operand.
        operand: Option<Box<Expr>>,
        /// `WHEN` / `THEN` pairs.
        whens: Vec<(Expr, Expr)>,
        /// `ELSE`.
        else_: Option<Box<Expr>>,
    },
    /// `[x IN list WHERE pred | map]`
    ListComprehension {
        /// The variable.
        var: Ident,
        /// The list.
        list: Box<Expr>,
        /// `WHERE`.
        filter: Option<Box<Expr>>,
        /// `| expr`.
        map: Option<Box<Expr>>,
    },
    /// `all/any/none/single(x IN list WHERE pred)`
    Quantified {
        /// Which quantifier.
        quantifier: Quantifier,
        /// The variable.
        var: Ident,
        /// The list.
        list: Box<Expr>,
        /// The predicate (TCK allows it to be absent in some forms: then `None`).
        filter: Option<Box<Expr>>,
    },
    /// `reduce(acc = init, x IN list | expr)`
    Reduce {
        /// Accumulator.
        acc: Ident,
        /// Initial value.
        init: Box<Expr>,
        /// Element variable.
        var: Ident,
        /// The list.
        list: Box<Expr>,
        /// The step.
        expr: Box<Expr>,
    },
    /// `[p = (a)-->(b) WHERE pred | expr]`
    PatternComprehension {
        /// Optional path variable.
        var: Option<Ident>,
        /// The pattern.
        pattern: PatternElement,
        /// `WHERE`.
        filter: Option<Box<Expr>>,
        /// The projection after `|`.
        map: Box<Expr>,
    },
    /// A relationship pattern used as a predicate: `(a)-[:T]->()`.
    PatternPredicate(PatternElement),
    /// `EXISTS { ... }` (a bare pattern with optional WHERE is lowered to a
    /// query whose only clause is a MATCH).
    Exists(Box<Query>),
    /// `COUNT { ... }`, lowered like `Exists`.
    CountSubquery(Box<Query>),
    /// `var {.a, .b, k: expr}`
    MapProjection {
        /// The variable projected.
        var: Ident,
        /// The items.
        items: Vec<MapProjectionItem>,
    },
}

impl Expr {
    /// Shorthand constructor.
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span }
    }
}
