//! Lowering: pest pairs → AST, one function per grammar rule.
//!
//! Expressions go through one [`PrattParser`] whose table (`PRATT`) is the
//! single place where operator precedence is defined. Lowering is bounded:
//! [`super::parse`] has already limited bracket nesting, and [`Lowerer`]
//! limits how deep operator chains can make the tree, so every recursive
//! function here (and every consumer of the AST) stays within a small stack.

use std::cell::Cell;
use std::sync::LazyLock;

use pest::iterators::{Pair, Pairs};
use pest::pratt_parser::{Assoc, Op, PrattParser};

use super::Rule;
use super::ast::*;
use crate::error::{Error, Result, Span};

type P<'i> = Pair<'i, Rule>;

/// Largest number of operators along any nesting path of an expression
/// (bounds the depth of the expression tree).
const MAX_OPERATOR_DEPTH: usize = 1000;
/// Longest run of prefix operators (`NOT NOT -x`).
const MAX_PREFIX_RUN: usize = 64;

/// The operator precedence table, lowest binding first (openCypher 9).
static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new()
        .op(Op::infix(Rule::or_op, Assoc::Left))
        .op(Op::infix(Rule::xor_op, Assoc::Left))
        .op(Op::infix(Rule::and_op, Assoc::Left))
        .op(Op::prefix(Rule::not_op))
        .op(Op::infix(Rule::eq_op, Assoc::Left)
            | Op::infix(Rule::ne_op, Assoc::Left)
            | Op::infix(Rule::lt_op, Assoc::Left)
            | Op::infix(Rule::le_op, Assoc::Left)
            | Op::infix(Rule::gt_op, Assoc::Left)
            | Op::infix(Rule::ge_op, Assoc::Left))
        // String, list and null predicates bind tighter than comparison but
        // looser than arithmetic (`[1]+2 IN [3]+4`, `a = b IS NULL`).
        .op(Op::infix(Rule::in_op, Assoc::Left)
            | Op::infix(Rule::starts_with_op, Assoc::Left)
            | Op::infix(Rule::ends_with_op, Assoc::Left)
            | Op::infix(Rule::contains_op, Assoc::Left)
            | Op::infix(Rule::regex_op, Assoc::Left)
            | Op::postfix(Rule::is_null_op)
            | Op::postfix(Rule::is_not_null_op))
        .op(Op::infix(Rule::add_op, Assoc::Left) | Op::infix(Rule::sub_op, Assoc::Left))
        .op(Op::infix(Rule::mul_op, Assoc::Left)
            | Op::infix(Rule::div_op, Assoc::Left)
            | Op::infix(Rule::mod_op, Assoc::Left))
        // `^` is left-associative in openCypher.
        .op(Op::infix(Rule::pow_op, Assoc::Left))
        .op(Op::prefix(Rule::neg_op) | Op::prefix(Rule::pos_op))
        .op(Op::postfix(Rule::property_lookup)
            | Op::postfix(Rule::index_op)
            | Op::postfix(Rule::slice_op)
            | Op::postfix(Rule::label_op))
});

/// Lowers the pairs of `statement_top`.
pub(super) fn statement(pairs: Pairs<'_, Rule>) -> Result<Statement> {
    let l = Lowerer {
        depth: Cell::new(0),
        in_where: Cell::new(0),
    };
    for p in pairs {
        if p.as_rule() != Rule::EOI {
            return l.statement(p);
        }
    }
    Err(Error::syntax("UnexpectedSyntax", "expected a statement"))
}

fn span(p: &P<'_>) -> Span {
    Span::new(p.as_span().start(), p.as_span().end())
}

fn internal(p: &P<'_>) -> Error {
    Error::syntax(
        "UnexpectedSyntax",
        format!("unexpected syntax near '{}'", short(p.as_str())),
    )
    .at(span(p))
}

fn short(s: &str) -> String {
    let s: String = s.chars().take(40).collect();
    s
}

fn has(p: &P<'_>, rule: Rule) -> bool {
    p.clone().into_inner().any(|c| c.as_rule() == rule)
}

fn child<'i>(p: &P<'i>, rule: Rule) -> Option<P<'i>> {
    p.clone().into_inner().find(|c| c.as_rule() == rule)
}

fn children<'i>(p: &P<'i>, rule: Rule) -> impl Iterator<Item = P<'i>> {
    p.clone().into_inner().filter(move |c| c.as_rule() == rule)
}

fn need<'i>(p: &P<'i>, rule: Rule) -> Result<P<'i>> {
    child(p, rule).ok_or_else(|| internal(p))
}

/// A partly built expression inside the Pratt parser.
struct Operand {
    expr: Expr,
    /// When `expr` is an unparenthesized comparison (or chain of them): its
    /// right-most operand, so `a < b < c` can become `a < b AND b < c`.
    cmp_rhs: Option<Expr>,
    /// When `expr` is a bare integer literal: its magnitude (may be 2^63,
    /// which is only valid under a unary minus).
    int_mag: Option<u64>,
}

impl Operand {
    fn plain(expr: Expr) -> Operand {
        Operand {
            expr,
            cmp_rhs: None,
            int_mag: None,
        }
    }

    fn finish(self) -> Result<Expr> {
        match self.int_mag {
            Some(m) if m > i64::MAX as u64 => Err(overflow(self.expr.span)),
            _ => Ok(self.expr),
        }
    }
}

fn overflow(span: Span) -> Error {
    Error::syntax(
        "IntegerOverflow",
        "integer literal is out of the 64-bit range",
    )
    .at(span)
}

/// Lowering state: the operator depth of the enclosing expressions.
struct Lowerer {
    depth: Cell<usize>,
    /// How many `WHERE`s enclose the expression being lowered (within the
    /// current query): pattern predicates are only allowed inside one.
    in_where: Cell<usize>,
}

impl Lowerer {
    // ------------------------------------------------------------ names

    fn ident(&self, p: P<'_>) -> Result<Ident> {
        let sp = span(&p);
        let inner = p.clone().into_inner().next();
        let name = match inner {
            Some(i) if i.as_rule() == Rule::escaped_name => {
                let s = i.as_str();
                s.get(1..s.len().saturating_sub(1))
                    .unwrap_or("")
                    .replace("``", "`")
            }
            Some(i) => i.as_str().to_string(),
            None => p.as_str().to_string(),
        };
        Ok(Ident { name, span: sp })
    }

    // ------------------------------------------------------------ statements

    fn statement(&self, p: P<'_>) -> Result<Statement> {
        // EXPLAIN / PROFILE wrappers are unrolled iteratively.
        let mut wrappers = Vec::new();
        let mut p = p;
        while matches!(p.as_rule(), Rule::explain | Rule::profile) {
            wrappers.push(p.as_rule());
            let next = p
                .clone()
                .into_inner()
                .find(|c| !matches!(c.as_rule(), Rule::EXPLAIN | Rule::PROFILE));
            p = next.ok_or_else(|| internal(&p))?;
        }
        let mut s = self.statement_body(p)?;
        while let Some(r) = wrappers.pop() {
            s = if r == Rule::explain {
                Statement::Explain(Box::new(s))
            } else {
                Statement::Profile(Box::new(s))
            };
        }
        Ok(s)
    }

    fn statement_body(&self, p: P<'_>) -> Result<Statement> {
        Ok(match p.as_rule() {
            Rule::query => Statement::Query(self.query(p)?),
            Rule::create_index => {
                let (label, _var) = self.schema_node(need(&p, Rule::schema_node)?)?;
                Statement::CreateIndex {
                    name: child(&p, Rule::schema_name)
                        .map(|n| self.schema_name(n))
                        .transpose()?,
                    label,
                    properties: children(&p, Rule::prop_ref)
                        .map(|r| self.prop_ref(r))
                        .collect::<Result<_>>()?,
                    if_not_exists: has(&p, Rule::if_not_exists),
                }
            }
            Rule::create_fulltext => {
                let (relationships, target) = match child(&p, Rule::fulltext_rel) {
                    Some(r) => (true, r),
                    None => (false, need(&p, Rule::fulltext_node)?),
                };
                Statement::CreateFulltextIndex {
                    name: child(&p, Rule::schema_name)
                        .map(|n| self.schema_name(n))
                        .transpose()?,
                    relationships,
                    tokens: children(&target, Rule::name)
                        .map(|n| self.ident(n))
                        .collect::<Result<_>>()?,
                    properties: children(&p, Rule::prop_ref)
                        .map(|r| self.prop_ref(r))
                        .collect::<Result<_>>()?,
                    options: child(&p, Rule::schema_options)
                        .map(|o| self.map_expr(need(&o, Rule::map_literal)?))
                        .transpose()?,
                    if_not_exists: has(&p, Rule::if_not_exists),
                }
            }
            Rule::create_vector => {
                let (relationships, target) = match child(&p, Rule::fulltext_rel) {
                    Some(r) => (true, r),
                    None => (false, need(&p, Rule::fulltext_node)?),
                };
                Statement::CreateVectorIndex {
                    name: child(&p, Rule::schema_name)
                        .map(|n| self.schema_name(n))
                        .transpose()?,
                    relationships,
                    tokens: children(&target, Rule::name)
                        .map(|n| self.ident(n))
                        .collect::<Result<_>>()?,
                    property: self.prop_ref(need(&p, Rule::prop_ref)?)?,
                    options: child(&p, Rule::schema_options)
                        .map(|o| self.map_expr(need(&o, Rule::map_literal)?))
                        .transpose()?,
                    if_not_exists: has(&p, Rule::if_not_exists),
                }
            }
            Rule::create_constraint => {
                let (label, _var) = self.schema_node(need(&p, Rule::schema_node)?)?;
                let props = need(&p, Rule::constraint_props)?;
                let kind = need(&p, Rule::constraint_kind)?;
                Statement::CreateConstraint {
                    name: child(&p, Rule::schema_name)
                        .map(|n| self.schema_name(n))
                        .transpose()?,
                    label,
                    properties: children(&props, Rule::prop_ref)
                        .map(|r| self.prop_ref(r))
                        .collect::<Result<_>>()?,
                    kind: if has(&kind, Rule::UNIQUE) {
                        ConstraintKind::Unique
                    } else {
                        ConstraintKind::NotNull
                    },
                    if_not_exists: has(&p, Rule::if_not_exists),
                }
            }
            Rule::drop_index => Statement::DropIndex {
                name: self.ident(need(&p, Rule::name)?)?,
                if_exists: has(&p, Rule::if_exists),
            },
            Rule::drop_constraint => Statement::DropConstraint {
                name: self.ident(need(&p, Rule::name)?)?,
                if_exists: has(&p, Rule::if_exists),
            },
            Rule::show_indexes => Statement::ShowIndexes,
            Rule::show_fulltext => Statement::ShowFulltextIndexes,
            Rule::show_vector => Statement::ShowVectorIndexes,
            Rule::show_constraints => Statement::ShowConstraints,
            Rule::begin_tx => Statement::Begin,
            Rule::commit_tx => Statement::Commit,
            Rule::rollback_tx => Statement::Rollback,
            _ => return Err(internal(&p)),
        })
    }

    /// A map literal standing alone (an `OPTIONS` map).
    fn map_expr(&self, p: P<'_>) -> Result<Expr> {
        let sp = span(&p);
        let mut entries = Vec::new();
        for e in children(&p, Rule::map_entry) {
            entries.push((
                self.ident(need(&e, Rule::name)?)?,
                self.expr(need(&e, Rule::expr)?)?,
            ));
        }
        Ok(Expr {
            kind: ExprKind::Map(entries),
            span: sp,
        })
    }

    fn schema_name(&self, p: P<'_>) -> Result<Ident> {
        self.ident(need(&p, Rule::name)?)
    }

    fn schema_node(&self, p: P<'_>) -> Result<(Ident, Ident)> {
        let var = self.ident(need(&p, Rule::variable)?)?;
        let label = self.ident(need(&p, Rule::name)?)?;
        Ok((label, var))
    }

    fn prop_ref(&self, p: P<'_>) -> Result<Ident> {
        self.ident(need(&p, Rule::name)?)
    }

    // ------------------------------------------------------------ queries

    fn query(&self, p: P<'_>) -> Result<Query> {
        let saved = self.in_where.replace(0);
        let q = self.query_inner(p);
        self.in_where.set(saved);
        q
    }

    fn query_inner(&self, p: P<'_>) -> Result<Query> {
        let sp = span(&p);
        let mut first = None;
        let mut unions = Vec::new();
        for c in p.clone().into_inner() {
            match c.as_rule() {
                Rule::single_query => first = Some(self.single_query(c)?),
                Rule::union => {
                    let all = has(&c, Rule::ALL);
                    unions.push((all, self.single_query(need(&c, Rule::single_query)?)?));
                }
                _ => {}
            }
        }
        Ok(Query {
            first: first.ok_or_else(|| internal(&p))?,
            unions,
            span: sp,
        })
    }

    fn single_query(&self, p: P<'_>) -> Result<SingleQuery> {
        let sp = span(&p);
        let clauses = p
            .into_inner()
            .map(|c| self.clause(c))
            .collect::<Result<Vec<_>>>()?;
        if clauses.len() > 1 {
            for c in &clauses {
                if let ClauseKind::Call {
                    yield_star: true, ..
                } = c.kind
                {
                    return Err(Error::syntax(
                        "UnexpectedSyntax",
                        "YIELD * is only allowed in a standalone procedure call",
                    )
                    .at(c.span));
                }
            }
        }
        Ok(SingleQuery { clauses, span: sp })
    }

    fn clause(&self, p: P<'_>) -> Result<Clause> {
        let sp = span(&p);
        let kind = match p.as_rule() {
            Rule::match_clause => ClauseKind::Match {
                optional: has(&p, Rule::OPTIONAL),
                patterns: self.pattern(need(&p, Rule::pattern)?)?,
                where_: self.where_opt(&p)?,
            },
            Rule::unwind_clause => ClauseKind::Unwind {
                expr: self.expr(need(&p, Rule::expr)?)?,
                var: self.ident(need(&p, Rule::variable)?)?,
            },
            Rule::with_clause => {
                let mut proj = self.projection(need(&p, Rule::projection)?)?;
                proj.where_ = self.where_opt(&p)?;
                ClauseKind::With(proj)
            }
            Rule::return_clause => {
                ClauseKind::Return(self.projection(need(&p, Rule::projection)?)?)
            }
            Rule::create_clause => {
                let patterns = self.pattern(need(&p, Rule::pattern)?)?;
                for part in &patterns {
                    check_creatable(part, true)?;
                }
                ClauseKind::Create { patterns }
            }
            Rule::merge_clause => {
                let pattern = self.pattern_part(need(&p, Rule::pattern_part)?)?;
                check_creatable(&pattern, false)?;
                let mut on_create = Vec::new();
                let mut on_match = Vec::new();
                for a in children(&p, Rule::merge_action) {
                    let items = self.set_items(need(&a, Rule::set_clause)?)?;
                    if has(&a, Rule::CREATE) {
                        on_create.extend(items);
                    } else {
                        on_match.extend(items);
                    }
                }
                ClauseKind::Merge {
                    pattern,
                    on_create,
                    on_match,
                }
            }
            Rule::set_clause => ClauseKind::Set {
                items: self.set_items(p.clone())?,
            },
            Rule::remove_clause => {
                let mut items = Vec::new();
                for c in p.clone().into_inner() {
                    match c.as_rule() {
                        Rule::remove_labels => items.push(RemoveItem::Labels {
                            var: self.ident(need(&c, Rule::variable)?)?,
                            labels: self.labels(need(&c, Rule::node_labels)?)?,
                        }),
                        Rule::property_target => {
                            let (target, key) = self.property_target(c)?;
                            items.push(RemoveItem::Property { target, key });
                        }
                        _ => {}
                    }
                }
                ClauseKind::Remove { items }
            }
            Rule::delete_clause => ClauseKind::Delete {
                detach: has(&p, Rule::DETACH),
                exprs: children(&p, Rule::expr)
                    .map(|e| self.expr(e))
                    .collect::<Result<_>>()?,
            },
            Rule::foreach_clause => {
                let mut var = None;
                let mut list = None;
                let mut clauses = Vec::new();
                for c in p.clone().into_inner() {
                    match c.as_rule() {
                        Rule::variable => var = Some(self.ident(c)?),
                        Rule::expr => list = Some(self.expr(c)?),
                        r if is_keyword(r) => {}
                        _ => clauses.push(self.clause(c)?),
                    }
                }
                ClauseKind::Foreach {
                    var: var.ok_or_else(|| internal(&p))?,
                    list: list.ok_or_else(|| internal(&p))?,
                    clauses,
                }
            }
            Rule::call_subquery => ClauseKind::Subquery {
                query: Box::new(self.query(need(&p, Rule::query)?)?),
                in_transactions: match child(&p, Rule::in_transactions) {
                    None => None,
                    Some(t) => Some(child(&t, Rule::expr).map(|e| self.expr(e)).transpose()?),
                },
            },
            Rule::call_procedure => {
                let procedure = children(&need(&p, Rule::procedure_name)?, Rule::name)
                    .map(|n| self.ident(n))
                    .collect::<Result<_>>()?;
                let args = match child(&p, Rule::procedure_args) {
                    None => None,
                    Some(a) => Some(
                        children(&a, Rule::expr)
                            .map(|e| self.expr(e))
                            .collect::<Result<_>>()?,
                    ),
                };
                let (yield_items, yield_star, where_) = match child(&p, Rule::yield_clause) {
                    None => (None, false, None),
                    Some(y) => {
                        let star = has(&y, Rule::star);
                        let mut items = Vec::new();
                        for it in children(&y, Rule::yield_item) {
                            items.push(YieldItem {
                                field: self.ident(need(&it, Rule::name)?)?,
                                alias: child(&it, Rule::variable)
                                    .map(|v| self.ident(v))
                                    .transpose()?,
                            });
                        }
                        (Some(items), star, self.where_opt(&y)?)
                    }
                };
                ClauseKind::Call {
                    procedure,
                    args,
                    yield_items,
                    yield_star,
                    where_,
                }
            }
            Rule::load_csv => ClauseKind::LoadCsv {
                with_headers: has(&p, Rule::with_headers),
                url: self.expr(need(&p, Rule::expr)?)?,
                var: self.ident(need(&p, Rule::variable)?)?,
                field_terminator: child(&p, Rule::string_lit)
                    .map(|s| self.string(s))
                    .transpose()?,
            },
            _ => return Err(internal(&p)),
        };
        Ok(Clause { kind, span: sp })
    }

    fn where_opt(&self, p: &P<'_>) -> Result<Option<Expr>> {
        match child(p, Rule::where_clause) {
            None => Ok(None),
            Some(w) => {
                self.in_where.set(self.in_where.get() + 1);
                let e = self.expr(need(&w, Rule::expr)?);
                self.in_where.set(self.in_where.get().saturating_sub(1));
                Ok(Some(e?))
            }
        }
    }

    fn projection(&self, p: P<'_>) -> Result<Projection> {
        let items_pair = need(&p, Rule::projection_items)?;
        let mut items = Vec::new();
        for it in children(&items_pair, Rule::projection_item) {
            let e = need(&it, Rule::expr)?;
            let text = e.as_str().to_string();
            items.push(ProjectionItem {
                expr: self.expr(e)?,
                alias: child(&it, Rule::alias).map(|v| self.ident(v)).transpose()?,
                text,
            });
        }
        let mut order_by = Vec::new();
        if let Some(o) = child(&p, Rule::order_by) {
            for s in children(&o, Rule::sort_item) {
                order_by.push(SortItem {
                    expr: self.expr(need(&s, Rule::expr)?)?,
                    descending: has(&s, Rule::DESC) || has(&s, Rule::DESCENDING),
                });
            }
        }
        Ok(Projection {
            distinct: has(&p, Rule::DISTINCT),
            star: has(&items_pair, Rule::star),
            items,
            order_by,
            skip: child(&p, Rule::skip)
                .map(|s| need(&s, Rule::expr).and_then(|e| self.expr(e)))
                .transpose()?,
            limit: child(&p, Rule::limit)
                .map(|s| need(&s, Rule::expr).and_then(|e| self.expr(e)))
                .transpose()?,
            where_: None,
        })
    }

    fn set_items(&self, p: P<'_>) -> Result<Vec<SetItem>> {
        let mut items = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::set_property => {
                    let (target, key) = self.property_target(need(&c, Rule::property_target)?)?;
                    items.push(SetItem::Property {
                        target,
                        key,
                        value: self.expr(need(&c, Rule::expr)?)?,
                    });
                }
                Rule::set_labels => items.push(SetItem::Labels {
                    var: self.ident(need(&c, Rule::variable)?)?,
                    labels: self.labels(need(&c, Rule::node_labels)?)?,
                }),
                Rule::set_merge => items.push(SetItem::Merge {
                    var: self.ident(need(&c, Rule::variable)?)?,
                    value: self.expr(need(&c, Rule::expr)?)?,
                }),
                Rule::set_replace => items.push(SetItem::Replace {
                    var: self.ident(need(&c, Rule::variable)?)?,
                    value: self.expr(need(&c, Rule::expr)?)?,
                }),
                _ => {}
            }
        }
        Ok(items)
    }

    /// `primary.k1.k2...kn` → (`primary.k1...k(n-1)`, `kn`).
    fn property_target(&self, p: P<'_>) -> Result<(Expr, Ident)> {
        let mut it = p.clone().into_inner();
        let first = it.next().ok_or_else(|| internal(&p))?;
        let mut names: Vec<Ident> = it.map(|n| self.ident(n)).collect::<Result<_>>()?;
        if names.len() > MAX_OPERATOR_DEPTH {
            return Err(too_deep(span(&p)));
        }
        let key = names.pop().ok_or_else(|| internal(&p))?;
        let mut target = self.primary(first)?.finish()?;
        for n in names {
            let sp = target.span.to(n.span);
            target = Expr::new(ExprKind::Property(Box::new(target), n), sp);
        }
        Ok((target, key))
    }

    fn labels(&self, p: P<'_>) -> Result<Vec<Ident>> {
        children(&p, Rule::name).map(|n| self.ident(n)).collect()
    }

    // ------------------------------------------------------------ patterns

    fn pattern(&self, p: P<'_>) -> Result<Vec<PatternPart>> {
        children(&p, Rule::pattern_part)
            .map(|c| self.pattern_part(c))
            .collect()
    }

    fn pattern_part(&self, p: P<'_>) -> Result<PatternPart> {
        let sp = span(&p);
        let mut var = None;
        let mut kind = PathKind::Normal;
        let mut element = None;
        for c in p.clone().into_inner() {
            match c.as_rule() {
                Rule::variable => var = Some(self.ident(c)?),
                Rule::pattern_element => element = Some(self.pattern_element(c)?),
                Rule::shortest_path | Rule::all_shortest_paths => {
                    kind = if c.as_rule() == Rule::shortest_path {
                        PathKind::Shortest
                    } else {
                        PathKind::AllShortest
                    };
                    element = Some(self.pattern_element(need(&c, Rule::pattern_element)?)?);
                }
                _ => {}
            }
        }
        Ok(PatternPart {
            var,
            kind,
            element: element.ok_or_else(|| internal(&p))?,
            span: sp,
        })
    }

    /// `pattern_element` or `relationships_pattern`; parentheses around a
    /// whole element are dropped.
    fn pattern_element(&self, p: P<'_>) -> Result<PatternElement> {
        let mut p = p;
        while let Some(inner) = child(&p, Rule::pattern_element) {
            p = inner;
        }
        let sp = span(&p);
        let mut start = None;
        let mut chain = Vec::new();
        for c in p.clone().into_inner() {
            match c.as_rule() {
                Rule::node_pattern => start = Some(self.node_pattern(c)?),
                Rule::pattern_chain => {
                    let rel = self.rel_pattern(need(&c, Rule::rel_pattern)?)?;
                    let node = self.node_pattern(need(&c, Rule::node_pattern)?)?;
                    chain.push((rel, node));
                }
                _ => {}
            }
        }
        Ok(PatternElement {
            start: start.ok_or_else(|| internal(&p))?,
            chain,
            span: sp,
        })
    }

    fn properties(&self, p: &P<'_>) -> Result<Option<Box<Expr>>> {
        for c in p.clone().into_inner() {
            match c.as_rule() {
                Rule::map_literal | Rule::parameter => {
                    return Ok(Some(Box::new(self.primary(c)?.finish()?)));
                }
                _ => {}
            }
        }
        Ok(None)
    }

    fn node_pattern(&self, p: P<'_>) -> Result<NodePattern> {
        Ok(NodePattern {
            var: child(&p, Rule::variable)
                .map(|v| self.ident(v))
                .transpose()?,
            labels: match child(&p, Rule::node_labels) {
                Some(l) => self.labels(l)?,
                None => Vec::new(),
            },
            properties: self.properties(&p)?,
            span: span(&p),
        })
    }

    fn rel_pattern(&self, p: P<'_>) -> Result<RelPattern> {
        let left = has(&p, Rule::left_arrow);
        let right = has(&p, Rule::right_arrow);
        let direction = match (left, right) {
            (true, false) => Direction::Incoming,
            (false, true) => Direction::Outgoing,
            _ => Direction::Both,
        };
        let mut rel = RelPattern {
            var: None,
            types: Vec::new(),
            direction,
            length: None,
            properties: None,
            span: span(&p),
        };
        if let Some(d) = child(&p, Rule::rel_detail) {
            rel.var = child(&d, Rule::variable)
                .map(|v| self.ident(v))
                .transpose()?;
            if let Some(t) = child(&d, Rule::rel_types) {
                rel.types = self.labels(t)?;
            }
            if let Some(b) = child(&d, Rule::bad_range) {
                return Err(Error::syntax(
                    "InvalidRelationshipPattern",
                    "a variable-length relationship is written `*`, `*n`, `*min..max`, `*..max` or `*min..` with non-negative bounds",
                )
                .at(span(&b)));
            }
            if let Some(r) = child(&d, Rule::range) {
                let num = |q: Option<P<'_>>| -> Result<Option<u64>> {
                    match q {
                        None => Ok(None),
                        Some(q) => q
                            .as_str()
                            .parse::<u64>()
                            .map(Some)
                            .map_err(|_| overflow(span(&q))),
                    }
                };
                rel.length = Some(match child(&r, Rule::range_exact) {
                    Some(e) => {
                        let n = num(Some(e))?;
                        RangeLiteral { min: n, max: n }
                    }
                    None => RangeLiteral {
                        min: num(child(&r, Rule::range_min))?,
                        max: num(child(&r, Rule::range_max))?,
                    },
                });
            }
            rel.properties = self.properties(&d)?;
        }
        Ok(rel)
    }

    // ------------------------------------------------------------ expressions

    fn expr(&self, p: P<'_>) -> Result<Expr> {
        let mut ops = 0usize;
        let mut run = 0usize;
        for c in p.clone().into_inner() {
            match c.as_rule() {
                Rule::not_op | Rule::neg_op | Rule::pos_op => {
                    run += 1;
                    ops += 1;
                    if run > MAX_PREFIX_RUN {
                        return Err(too_deep(span(&c)));
                    }
                }
                r => {
                    run = 0;
                    if is_operator(r) {
                        ops += 1;
                    }
                }
            }
        }
        let saved = self.depth.get();
        let depth = saved + ops + 1;
        if depth > MAX_OPERATOR_DEPTH {
            return Err(too_deep(span(&p)));
        }
        self.depth.set(depth);
        let result = PRATT
            .map_primary(|q| self.primary(q))
            .map_prefix(|op, rhs| prefix(op, rhs?))
            .map_postfix(|lhs, op| self.postfix(lhs?, op))
            .map_infix(|lhs, op, rhs| infix(lhs?, op, rhs?))
            .parse(p.into_inner());
        self.depth.set(saved);
        result?.finish()
    }

    fn postfix(&self, lhs: Operand, op: P<'_>) -> Result<Operand> {
        let lhs = lhs.finish()?;
        let sp = lhs.span.to(span(&op));
        let kind = match op.as_rule() {
            Rule::is_null_op => ExprKind::IsNull(Box::new(lhs), false),
            Rule::is_not_null_op => ExprKind::IsNull(Box::new(lhs), true),
            Rule::property_lookup => {
                ExprKind::Property(Box::new(lhs), self.ident(need(&op, Rule::name)?)?)
            }
            Rule::index_op => {
                ExprKind::Index(Box::new(lhs), Box::new(self.expr(need(&op, Rule::expr)?)?))
            }
            Rule::slice_op => {
                let bound = |r: Rule| -> Result<Option<Box<Expr>>> {
                    match child(&op, r) {
                        None => Ok(None),
                        Some(b) => Ok(Some(Box::new(self.expr(need(&b, Rule::expr)?)?))),
                    }
                };
                ExprKind::Slice(
                    Box::new(lhs),
                    bound(Rule::slice_from)?,
                    bound(Rule::slice_to)?,
                )
            }
            Rule::label_op => {
                ExprKind::HasLabels(Box::new(lhs), self.labels(need(&op, Rule::node_labels)?)?)
            }
            _ => return Err(internal(&op)),
        };
        Ok(Operand::plain(Expr::new(kind, sp)))
    }

    fn exprs(&self, p: &P<'_>) -> Result<Vec<Expr>> {
        children(p, Rule::expr).map(|e| self.expr(e)).collect()
    }

    fn primary(&self, p: P<'_>) -> Result<Operand> {
        let sp = span(&p);
        let lit = |l: Literal| Ok(Operand::plain(Expr::new(ExprKind::Literal(l), sp)));
        let kind = match p.as_rule() {
            Rule::dec_int | Rule::hex_int | Rule::oct_int => {
                let s = p.as_str();
                let parsed = match p.as_rule() {
                    Rule::hex_int => u64::from_str_radix(&s[2..], 16),
                    Rule::oct_int => u64::from_str_radix(&s[2..], 8),
                    _ => s.parse::<u64>(),
                };
                let m = parsed.map_err(|_| overflow(sp))?;
                if m > 1u64 << 63 {
                    return Err(overflow(sp));
                }
                return Ok(Operand {
                    expr: Expr::new(ExprKind::Literal(Literal::Integer(m as i64)), sp),
                    cmp_rhs: None,
                    int_mag: Some(m),
                });
            }
            Rule::float_lit => {
                let f: f64 = p.as_str().parse().map_err(|_| {
                    Error::syntax(
                        "InvalidNumberLiteral",
                        format!("invalid number '{}'", short(p.as_str())),
                    )
                    .at(sp)
                })?;
                if f.is_infinite() {
                    return Err(Error::syntax(
                        "FloatingPointOverflow",
                        "floating point literal is out of the 64-bit range",
                    )
                    .at(sp));
                }
                return lit(Literal::Float(f));
            }
            Rule::bad_number => {
                return Err(Error::syntax(
                    "InvalidNumberLiteral",
                    format!("invalid number literal '{}'", short(p.as_str())),
                )
                .at(sp));
            }
            Rule::string_lit => return lit(Literal::String(self.string(p)?)),
            Rule::true_lit => return lit(Literal::Bool(true)),
            Rule::false_lit => return lit(Literal::Bool(false)),
            Rule::null_lit => return lit(Literal::Null),
            Rule::parameter => {
                let inner = p.clone().into_inner().next().ok_or_else(|| internal(&p))?;
                let name = if inner.as_rule() == Rule::name {
                    self.ident(inner)?.name
                } else {
                    inner.as_str().to_string()
                };
                ExprKind::Parameter(name)
            }
            Rule::variable => ExprKind::Variable(self.ident(p)?.name),
            Rule::count_star => ExprKind::CountStar,
            Rule::paren_expr => {
                // Parentheses end comparison chains and literal folding.
                return Ok(Operand::plain(self.expr(need(&p, Rule::expr)?)?));
            }
            Rule::list_literal => ExprKind::List(self.exprs(&p)?),
            Rule::map_literal => {
                let mut entries = Vec::new();
                for e in children(&p, Rule::map_entry) {
                    entries.push((
                        self.ident(need(&e, Rule::name)?)?,
                        self.expr(need(&e, Rule::expr)?)?,
                    ));
                }
                ExprKind::Map(entries)
            }
            Rule::case_expr => {
                let mut operand = None;
                let mut whens = Vec::new();
                let mut else_ = None;
                for c in p.clone().into_inner() {
                    match c.as_rule() {
                        Rule::case_operand => {
                            operand = Some(Box::new(self.expr(need(&c, Rule::expr)?)?))
                        }
                        Rule::case_when => {
                            let mut e = self.exprs(&c)?.into_iter();
                            match (e.next(), e.next()) {
                                (Some(w), Some(t)) => whens.push((w, t)),
                                _ => return Err(internal(&c)),
                            }
                        }
                        Rule::case_else => {
                            else_ = Some(Box::new(self.expr(need(&c, Rule::expr)?)?))
                        }
                        _ => {}
                    }
                }
                ExprKind::Case {
                    operand,
                    whens,
                    else_,
                }
            }
            Rule::exists_subquery | Rule::count_subquery => {
                let q = self.subquery_body(&p)?;
                if p.as_rule() == Rule::exists_subquery {
                    ExprKind::Exists(Box::new(q))
                } else {
                    ExprKind::CountSubquery(Box::new(q))
                }
            }
            Rule::quantified => {
                let q = need(&p, Rule::quantifier)?;
                let quantifier = if has(&q, Rule::ALL) {
                    Quantifier::All
                } else if has(&q, Rule::ANY_KW) {
                    Quantifier::Any
                } else if has(&q, Rule::NONE) {
                    Quantifier::None
                } else {
                    Quantifier::Single
                };
                ExprKind::Quantified {
                    quantifier,
                    var: self.ident(need(&p, Rule::variable)?)?,
                    list: Box::new(self.expr(need(&p, Rule::expr)?)?),
                    filter: self.where_opt(&p)?.map(Box::new),
                }
            }
            Rule::reduce_expr => {
                let mut vars = children(&p, Rule::variable);
                let mut es = self.exprs(&p)?.into_iter();
                match (vars.next(), vars.next(), es.next(), es.next(), es.next()) {
                    (Some(acc), Some(var), Some(init), Some(list), Some(expr)) => {
                        ExprKind::Reduce {
                            acc: self.ident(acc)?,
                            init: Box::new(init),
                            var: self.ident(var)?,
                            list: Box::new(list),
                            expr: Box::new(expr),
                        }
                    }
                    _ => return Err(internal(&p)),
                }
            }
            Rule::pattern_comprehension => ExprKind::PatternComprehension {
                var: child(&p, Rule::variable)
                    .map(|v| self.ident(v))
                    .transpose()?,
                pattern: self.pattern_element(need(&p, Rule::relationships_pattern)?)?,
                filter: self.where_opt(&p)?.map(Box::new),
                map: Box::new(self.expr(need(&p, Rule::expr)?)?),
            },
            Rule::list_comprehension => ExprKind::ListComprehension {
                var: self.ident(need(&p, Rule::variable)?)?,
                list: Box::new(self.expr(need(&p, Rule::expr)?)?),
                filter: self.where_opt(&p)?.map(Box::new),
                map: match child(&p, Rule::comprehension_map) {
                    Some(m) => Some(Box::new(self.expr(need(&m, Rule::expr)?)?)),
                    None => None,
                },
            },
            Rule::relationships_pattern => {
                if self.in_where.get() == 0 {
                    return Err(Error::syntax(
                        "UnexpectedSyntax",
                        "a pattern can only be used as a predicate inside WHERE; use EXISTS { ... } or a pattern comprehension",
                    )
                    .at(sp));
                }
                ExprKind::PatternPredicate(self.pattern_element(p.clone())?)
            }
            Rule::function_call => ExprKind::FunctionCall {
                name: children(&need(&p, Rule::function_name)?, Rule::name)
                    .map(|n| self.ident(n))
                    .collect::<Result<_>>()?,
                distinct: has(&p, Rule::DISTINCT),
                args: self.exprs(&p)?,
            },
            Rule::map_projection => {
                let mut var = None;
                let mut items = Vec::new();
                for c in p.clone().into_inner() {
                    match c.as_rule() {
                        Rule::variable if var.is_none() => var = Some(self.ident(c)?),
                        Rule::all_properties_sel => items.push(MapProjectionItem::AllProperties),
                        Rule::property_sel => items.push(MapProjectionItem::Property(
                            self.ident(need(&c, Rule::name)?)?,
                        )),
                        Rule::literal_entry => items.push(MapProjectionItem::Literal(
                            self.ident(need(&c, Rule::name)?)?,
                            self.expr(need(&c, Rule::expr)?)?,
                        )),
                        Rule::variable_sel => items.push(MapProjectionItem::Variable(
                            self.ident(need(&c, Rule::variable)?)?,
                        )),
                        _ => {}
                    }
                }
                ExprKind::MapProjection {
                    var: var.ok_or_else(|| internal(&p))?,
                    items,
                }
            }
            _ => return Err(internal(&p)),
        };
        Ok(Operand::plain(Expr::new(kind, sp)))
    }

    /// The body of `EXISTS { }` / `COUNT { }`: a query, or a bare pattern
    /// (with optional WHERE) lowered to a query whose only clause is a MATCH.
    fn subquery_body(&self, p: &P<'_>) -> Result<Query> {
        if let Some(q) = child(p, Rule::query) {
            return self.query(q);
        }
        let b = need(p, Rule::bare_pattern)?;
        let sp = span(&b);
        let clause = Clause {
            kind: ClauseKind::Match {
                optional: false,
                patterns: self.pattern(need(&b, Rule::pattern)?)?,
                where_: self.where_opt(&b)?,
            },
            span: sp,
        };
        Ok(Query {
            first: SingleQuery {
                clauses: vec![clause],
                span: sp,
            },
            unions: Vec::new(),
            span: sp,
        })
    }

    fn string(&self, p: P<'_>) -> Result<String> {
        let body = p.clone().into_inner().next().ok_or_else(|| internal(&p))?;
        unescape(body.as_str(), span(&body).start as usize)
    }
}

fn too_deep(sp: Span) -> Error {
    Error::syntax(
        "NestingTooDeep",
        format!(
            "the expression is nested too deeply (more than {MAX_OPERATOR_DEPTH} operators deep)"
        ),
    )
    .at(sp)
}

fn prefix(op: P<'_>, rhs: Operand) -> Result<Operand> {
    let sp = span(&op).to(rhs.expr.span);
    let u = match op.as_rule() {
        Rule::not_op => UnaryOp::Not,
        Rule::pos_op => UnaryOp::Pos,
        _ => {
            if let Some(m) = rhs.int_mag {
                // `-9223372036854775808` is a valid literal.
                let v = (-(m as i128)) as i64;
                return Ok(Operand::plain(Expr::new(
                    ExprKind::Literal(Literal::Integer(v)),
                    sp,
                )));
            }
            UnaryOp::Neg
        }
    };
    Ok(Operand::plain(Expr::new(
        ExprKind::Unary(u, Box::new(rhs.finish()?)),
        sp,
    )))
}

fn infix(lhs: Operand, op: P<'_>, rhs: Operand) -> Result<Operand> {
    let bin = match op.as_rule() {
        Rule::or_op => BinaryOp::Or,
        Rule::xor_op => BinaryOp::Xor,
        Rule::and_op => BinaryOp::And,
        Rule::eq_op => BinaryOp::Eq,
        Rule::ne_op => BinaryOp::Ne,
        Rule::lt_op => BinaryOp::Lt,
        Rule::le_op => BinaryOp::Le,
        Rule::gt_op => BinaryOp::Gt,
        Rule::ge_op => BinaryOp::Ge,
        Rule::add_op => BinaryOp::Add,
        Rule::sub_op => BinaryOp::Sub,
        Rule::mul_op => BinaryOp::Mul,
        Rule::div_op => BinaryOp::Div,
        Rule::mod_op => BinaryOp::Mod,
        Rule::pow_op => BinaryOp::Pow,
        Rule::in_op => BinaryOp::In,
        Rule::starts_with_op => BinaryOp::StartsWith,
        Rule::ends_with_op => BinaryOp::EndsWith,
        Rule::contains_op => BinaryOp::Contains,
        Rule::regex_op => BinaryOp::RegexMatch,
        _ => return Err(internal(&op)),
    };
    let is_cmp = matches!(
        bin,
        BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge
    );
    let chain_mid = if is_cmp { lhs.cmp_rhs.clone() } else { None };
    let lhs_e = lhs.finish()?;
    let rhs_e = rhs.finish()?;
    let sp = lhs_e.span.to(rhs_e.span);
    if !is_cmp {
        return Ok(Operand::plain(Expr::new(
            ExprKind::Binary(bin, Box::new(lhs_e), Box::new(rhs_e)),
            sp,
        )));
    }
    let next_mid = rhs_e.clone();
    let expr = match chain_mid {
        // `a < b < c` → `a < b AND b < c`
        Some(mid) => {
            let csp = mid.span.to(rhs_e.span);
            let cmp = Expr::new(ExprKind::Binary(bin, Box::new(mid), Box::new(rhs_e)), csp);
            Expr::new(
                ExprKind::Binary(BinaryOp::And, Box::new(lhs_e), Box::new(cmp)),
                sp,
            )
        }
        None => Expr::new(ExprKind::Binary(bin, Box::new(lhs_e), Box::new(rhs_e)), sp),
    };
    Ok(Operand {
        expr,
        cmp_rhs: Some(next_mid),
        int_mag: None,
    })
}

fn is_operator(r: Rule) -> bool {
    matches!(
        r,
        Rule::or_op
            | Rule::xor_op
            | Rule::and_op
            | Rule::eq_op
            | Rule::ne_op
            | Rule::lt_op
            | Rule::le_op
            | Rule::gt_op
            | Rule::ge_op
            | Rule::add_op
            | Rule::sub_op
            | Rule::mul_op
            | Rule::div_op
            | Rule::mod_op
            | Rule::pow_op
            | Rule::in_op
            | Rule::starts_with_op
            | Rule::ends_with_op
            | Rule::contains_op
            | Rule::regex_op
            | Rule::is_null_op
            | Rule::is_not_null_op
            | Rule::property_lookup
            | Rule::index_op
            | Rule::slice_op
            | Rule::label_op
    )
}

fn is_keyword(r: Rule) -> bool {
    matches!(r, Rule::FOREACH | Rule::IN)
}

/// Checks of CREATE (`create = true`) and MERGE patterns that the grammar
/// leaves open: one type per relationship, a direction for CREATE, no
/// variable length.
fn check_creatable(part: &PatternPart, create: bool) -> Result<()> {
    for (rel, _) in &part.element.chain {
        if rel.length.is_some() {
            return Err(Error::syntax(
                "CreatingVarLength",
                "variable-length relationships cannot be created",
            )
            .at(rel.span));
        }
        if rel.types.len() != 1 {
            return Err(Error::syntax(
                "NoSingleRelationshipType",
                "a relationship to create needs exactly one type",
            )
            .at(rel.span));
        }
        if create && rel.direction == Direction::Both {
            return Err(Error::syntax(
                "RequiresDirectedRelationship",
                "a relationship to create needs a direction",
            )
            .at(rel.span));
        }
    }
    Ok(())
}

/// Resolves the escapes of a string literal body starting at byte `offset`.
fn unescape(raw: &str, offset: usize) -> Result<String> {
    let mut out = String::with_capacity(raw.len());
    let mut it = raw.char_indices();
    while let Some((i, c)) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = it.next() else {
            break;
        };
        let bad = |len: usize, code: &'static str, msg: &str| {
            Error::syntax(code, msg.to_string()).at(Span::new(offset + i, offset + i + len))
        };
        match e {
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'u' | 'U' => {
                let n = if e == 'u' { 4 } else { 8 };
                let start = i + 2;
                let hex = raw
                    .get(start..start + n)
                    .filter(|h| h.chars().all(|c| c.is_ascii_hexdigit()));
                let ch = hex
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32);
                match ch {
                    Some(ch) => {
                        out.push(ch);
                        for _ in 0..n {
                            it.next();
                        }
                    }
                    None => {
                        return Err(bad(
                            2,
                            "InvalidUnicodeLiteral",
                            &format!(
                                "invalid unicode escape: \\{e} needs {n} hexadecimal digits naming a character"
                            ),
                        ));
                    }
                }
            }
            other => {
                return Err(bad(
                    1 + other.len_utf8(),
                    "UnexpectedSyntax",
                    &format!("invalid escape sequence '\\{other}' in string"),
                ));
            }
        }
    }
    Ok(out)
}
