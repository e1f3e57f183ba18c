//! Expansions and relationship scans over the store's column views
//! ([`RelView`], [`PropColumn`]) instead of petgraph's adjacency lists: the
//! same relationships, found by reading small arrays in order rather than
//! chasing one 64-byte record per relationship.
//!
//! A [`ViewWalk`] is prepared once per operator run, on the read path, for
//! an `Expand` or `RelScan` of one relationship type whose fused property
//! comparisons (`RelTest`) are all `=`, `<>` or `IN` on properties stored
//! as strings; the comparison values of each input row become codes
//! ([`ViewWalk::tests`]), and a row whose values do not (a number compared
//! with a string column, say) takes the record path. What a walk reports
//! is what `ops::expand_walk` / `ops::relscan_walk` report on the records;
//! only the order within one node differs after deletes reused slots.

use std::sync::Arc;

use smallvec::SmallVec;

use super::Row;
use super::ends::SharedEnds;
use super::ops::fixed;
use crate::plan::{BinOp, Op};
use crate::store::{Codes, Dir, Graph, NodeBits, PropColumn, RelView, Sym};
use crate::value::{NodeId, Value};

/// One fused comparison answered by codes.
#[derive(Debug, Clone, Copy)]
pub(super) enum CodeTest {
    /// Every relationship passes (the values failed to evaluate: the
    /// caller reports the error once something is found).
    Any,
    /// None passes.
    Never,
    /// The property has this code.
    Eq(u32),
    /// The property is present and has another code (`u32::MAX`: a
    /// value no relationship has).
    Ne(u32),
    /// The property's code is one of these (bits by code, codes below 256).
    In([u64; 4]),
}

impl CodeTest {
    #[inline(always)]
    fn passes(self, code: u32) -> bool {
        match self {
            CodeTest::Any => true,
            CodeTest::Never => false,
            CodeTest::Eq(c) => code == c,
            CodeTest::Ne(c) => code != 0 && code != c,
            CodeTest::In(bits) => in_bits(&bits, code),
        }
    }
}

/// Whether `code` is among `bits` (codes of 256 and above never are).
#[inline(always)]
fn in_bits(bits: &[u64; 4], code: u32) -> bool {
    bits.get(code as usize / 64)
        .is_some_and(|w| w & (1 << (code % 64)) != 0)
}

/// The codes one row's walk tests, one per fused comparison.
pub(super) type Tests = SmallVec<[CodeTest; 2]>;

/// The views an operator walks (see the module docs).
#[derive(Debug)]
pub(super) struct ViewWalk {
    view: Arc<RelView>,
    /// Per fused comparison, its column and operator.
    cols: Vec<(Arc<PropColumn>, BinOp)>,
    /// The nodes with the labels each end must have (`None`: any node):
    /// for an `Expand` only the second is used.
    ends: [Option<Arc<NodeBits>>; 2],
    /// An `Expand`'s comparisons of the reached node's properties, when
    /// their values are the same for every row (constants, parameters):
    /// the nodes that pass them and the labels, found once.
    to_fixed: Option<std::sync::OnceLock<NodeBits>>,
    /// The view's relationship type and direction.
    ty: Sym,
    dir: Dir,
    /// The column of a relationship property the walk groups by.
    key: Option<Arc<PropColumn>>,
}

impl ViewWalk {
    /// The views for `op`, if it can walk them: built now when missing
    /// and `build`, else only if built before.
    pub(super) fn new(g: &Graph, op: &Op, build: bool) -> Option<ViewWalk> {
        let (ty, dir, tests, ends) = match op {
            Op::Expand {
                types,
                dir: dir @ (Dir::Out | Dir::In),
                to_bound: false,
                rel_bound: false,
                rel_props,
                to_labels,
                ..
            } => (one(types)?, *dir, rel_props, [&[][..], &to_labels[..]]),
            // a scan reads each relationship from its start node
            Op::RelScan {
                types,
                rel_props,
                end_labels,
                ..
            } => (
                one(types)?,
                Dir::Out,
                rel_props,
                [&end_labels[0][..], &end_labels[1][..]],
            ),
            _ => return None,
        };
        if !tests
            .iter()
            .all(|t| matches!(t.op, BinOp::Eq | BinOp::Ne | BinOp::In))
        {
            return None;
        }
        let view = g.rel_view(ty, dir, build)?;
        let cols = tests
            .iter()
            .map(|t| Some((g.rel_column(ty, dir, t.key, build)?, t.op)))
            .collect::<Option<Vec<_>>>()?;
        let to_fixed = match op {
            Op::Expand { to_props, .. } if to_props.iter().all(|t| fixed(&t.value)) => {
                Some(std::sync::OnceLock::new())
            }
            _ => None,
        };
        Some(ViewWalk {
            view,
            cols,
            ends: ends.map(|l| g.label_bits(l)),
            to_fixed,
            ty,
            dir,
            key: None,
        })
    }

    /// With the column of relationship property `key` (built now when
    /// missing and `build`), which a walk grouping by that property reads
    /// instead of each relationship's record (see [`ViewWalk::key_codes`]).
    pub(super) fn with_key(mut self, g: &Graph, key: Option<Sym>, build: bool) -> ViewWalk {
        self.key = key.and_then(|k| g.rel_column(self.ty, self.dir, k, build));
        self
    }

    /// The codes of the property given to [`ViewWalk::with_key`], aligned
    /// with the view's entries, if it has them.
    pub(super) fn key_codes(&self) -> Option<&Codes> {
        self.key.as_deref().map(PropColumn::codes)
    }

    /// Whether `n` has the labels end `i` (0: start, 1: end) must have.
    #[inline(always)]
    pub(super) fn end_ok(&self, i: usize, n: NodeId) -> bool {
        self.ends[i].as_ref().is_none_or(|s| s.contains(n))
    }

    /// The view.
    pub(super) fn view(&self) -> &RelView {
        &self.view
    }

    /// The code tests for one row's comparison values, or `None` when a
    /// value cannot be compared by codes (the row takes the record path).
    pub(super) fn tests(&self, vals: &crate::error::Result<Vec<Value>>) -> Option<Tests> {
        let Ok(vals) = vals else {
            return Some(self.cols.iter().map(|_| CodeTest::Any).collect());
        };
        self.cols
            .iter()
            .zip(vals)
            .map(|((col, op), v)| match v {
                // null compares to nothing (`IN null` is null too)
                Value::Null => Some(CodeTest::Never),
                Value::List(items) if *op == BinOp::In => {
                    // a string value is in the list when an element equals
                    // it: only the list's strings can
                    let mut bits = [0u64; 4];
                    for i in items.iter() {
                        if let Value::String(s) = i
                            && let Some(c) = col.code_of(s)
                        {
                            *bits.get_mut(c as usize / 64)? |= 1 << (c % 64);
                        }
                    }
                    Some(CodeTest::In(bits))
                }
                Value::String(s) => {
                    let code = col.code_of(s);
                    match (op, code) {
                        (BinOp::Eq, Some(c)) => Some(CodeTest::Eq(c)),
                        (BinOp::Eq, None) => Some(CodeTest::Never),
                        (BinOp::Ne, c) => Some(CodeTest::Ne(c.unwrap_or(u32::MAX))),
                        // (`IN` a string is refused before: see
                        // `ops::prop_values`) the record path decides
                        _ => None,
                    }
                }
                _ => None,
            })
            .collect()
    }

    /// Whether entry `p` passes `tests`.
    #[inline(always)]
    pub(super) fn passes(&self, tests: &Tests, p: usize) -> bool {
        self.cols.iter().zip(tests).all(|((col, _), t)| {
            t.passes(match col.codes() {
                Codes::Small(c) => c[p] as u32,
                Codes::Wide(c) => c[p],
            })
        })
    }
}

impl ViewWalk {
    /// Counts into `dense` (indexed by node id), per other end, the
    /// relationships `op` (an `Expand`) finds at `start` for `row`: what
    /// [`super::ops::expand_walk`] reports, without a call per
    /// relationship and without a branch on the data. Returns how many it
    /// found, or `None` when the row needs the general walk (more than one
    /// comparison, wide codes, values without codes, several nodes or
    /// relationships to differ from).
    pub(super) fn count_by_other(
        &self,
        g: &Graph,
        op: &Op,
        row: &Row,
        start: NodeId,
        vals: &crate::error::Result<Vec<Value>>,
        node_tests: &SharedEnds<'_>,
        seq: u32,
        dense: &mut Vec<Found>,
    ) -> Option<u64> {
        let Op::Expand {
            to_not,
            distinct_from,
            to_labels,
            rel_props,
            to_props,
            to_tests,
            ..
        } = op
        else {
            return None;
        };
        // the nodes it may reach: by their labels, by the predicates of the
        // node alone (answered for the labelled nodes only), and by their
        // properties when the values are fixed
        let labels = if !to_tests.is_empty() {
            if !to_props.is_empty() {
                return None;
            }
            node_tests.bits(1)?
        } else if to_props.is_empty() {
            self.ends[1].as_deref()
        } else {
            let (fixed, Ok(vals)) = (self.to_fixed.as_ref()?, vals) else {
                return None;
            };
            let vals = vals.get(rel_props.len()..)?;
            Some(fixed.get_or_init(|| {
                let pass = |n: NodeId| {
                    self.end_ok(1, n)
                        && to_props
                            .iter()
                            .zip(vals)
                            .all(|(t, v)| t.passes(g.node_prop(n, t.key), v))
                };
                match to_labels.first() {
                    Some(l) => NodeBits::of(g.nodes_with_label(*l).filter(|n| pass(*n))),
                    None => NodeBits::of(g.nodes().filter(|n| pass(*n))),
                }
            }))
        };
        // a node the other end must not be, a relationship it must not be
        let mut not_node = u32::MAX;
        for s in to_not {
            match &row[*s] {
                Value::Node(n) if not_node == u32::MAX || not_node == n.0 => not_node = n.0,
                Value::Node(_) => return None,
                Value::Null => return Some(0),
                _ => {}
            }
        }
        let not_rel = not_rel(distinct_from, row)?;
        let tests = self.tests(vals)?;
        let range = self.view.entries(start);
        let (other, rel) = (
            &self.view.others()[range.clone()],
            &self.view.rels()[range.clone()],
        );
        if dense.len() < self.view.node_bound() {
            dense.resize(self.view.node_bound(), Found::default());
        }
        let k = Kernel {
            other,
            rel,
            not_node,
            not_rel,
            labels,
            seq,
        };
        let found = match (tests.as_slice(), self.cols.as_slice()) {
            ([], []) => k.count(&[], dense, |_| true),
            ([t], [(col, _)]) => {
                let Codes::Small(codes) = col.codes() else {
                    return None;
                };
                let codes = &codes[range];
                match *t {
                    CodeTest::Never => 0,
                    CodeTest::Any => k.count(codes, dense, |_| true),
                    CodeTest::Eq(c) => {
                        let c = c as u8;
                        k.count(codes, dense, |x| x == c)
                    }
                    CodeTest::Ne(c) => {
                        // u32::MAX (no relationship has it) is no code
                        let c = u8::try_from(c).unwrap_or(0);
                        k.count(codes, dense, |x| x != 0 && x != c)
                    }
                    CodeTest::In(bits) => k.count(codes, dense, |x| in_bits(&bits, x as u32)),
                }
            }
            _ => return None,
        };
        Some(found)
    }
}

impl ViewWalk {
    /// Counts what `op` (a `RelScan` of directed relationships) finds
    /// among the view's entries `range` for `row`, per start node:
    /// `f(start, found)` for each start node with something found, in node
    /// order, without a branch on the data. Returns the total, or `None`
    /// when the row needs the general walk (as for
    /// [`ViewWalk::count_by_other`]).
    pub(super) fn count_by_start(
        &self,
        op: &Op,
        row: &Row,
        vals: &crate::error::Result<Vec<Value>>,
        range: std::ops::Range<usize>,
        node_tests: &SharedEnds<'_>,
        mut f: impl FnMut(NodeId, u64),
    ) -> Option<u64> {
        let Op::RelScan {
            dir: Dir::Out,
            distinct_from,
            end_tests,
            ..
        } = op
        else {
            return None;
        };
        // the ends' sets: their labels, or (a subset) the nodes passing the
        // predicates of the node alone
        let starts = match end_tests[0].is_empty() {
            true => self.ends[0].as_deref(),
            false => node_tests.bits(0)?,
        };
        let others = match end_tests[1].is_empty() {
            true => self.ends[1].as_deref(),
            false => node_tests.bits(1)?,
        };
        let not_rel = not_rel(distinct_from, row)?;
        let tests = self.tests(vals)?;
        let test = match (tests.as_slice(), self.cols.as_slice()) {
            ([], []) => None,
            ([t], [(col, _)]) => match col.codes() {
                Codes::Small(codes) => Some((*t, codes)),
                Codes::Wide(_) => return None,
            },
            _ => return None,
        };
        if range.is_empty() {
            return Some(0);
        }
        let view = &*self.view;
        let mut total = 0;
        let mut a = view.owner(range.start);
        let mut at = range.start;
        while at < range.end {
            let seg = at..view.entries(a).end.min(range.end);
            at = seg.end;
            if seg.is_empty() || starts.is_some_and(|s| !s.contains(a)) {
                a = NodeId(a.0 + 1);
                continue;
            }
            let k = Kernel {
                other: &view.others()[seg.clone()],
                rel: &view.rels()[seg.clone()],
                not_node: u32::MAX,
                not_rel,
                labels: others,
                seq: 0,
            };
            let found = match test {
                None => k.sum(&[], |_| true),
                Some((t, codes)) => {
                    let codes = &codes[seg];
                    match t {
                        CodeTest::Never => 0,
                        CodeTest::Any => k.sum(codes, |_| true),
                        CodeTest::Eq(c) => {
                            let c = c as u8;
                            k.sum(codes, |x| x == c)
                        }
                        CodeTest::Ne(c) => {
                            let c = u8::try_from(c).unwrap_or(0);
                            k.sum(codes, |x| x != 0 && x != c)
                        }
                        CodeTest::In(bits) => k.sum(codes, |x| in_bits(&bits, x as u32)),
                    }
                }
            };
            if found > 0 {
                f(a, found);
                total += found;
            }
            a = NodeId(a.0 + 1);
        }
        Some(total)
    }
}

/// The one relationship the relationships found must differ from
/// (`u32::MAX`: none), or `None` when they must differ from several.
fn not_rel(distinct_from: &[crate::plan::Slot], row: &Row) -> Option<u32> {
    let mut not_rel = u32::MAX;
    for s in distinct_from {
        match &row[*s] {
            Value::Rel(r) if not_rel == u32::MAX || not_rel == r.0 => not_rel = r.0,
            Value::Rel(_) | Value::List(_) => return None,
            _ => {}
        }
    }
    Some(not_rel)
}

/// What walks over views found at one end node: how many relationships,
/// and where the first was found ((walk << 32) | position in the walk,
/// `u64::MAX` while none), so the groups can be made in the order a walk
/// over the records makes them.
#[derive(Debug, Clone, Copy)]
pub(super) struct Found {
    /// Relationships found.
    pub(super) count: u32,
    /// Where the first was found.
    pub(super) first: u64,
}

impl Default for Found {
    fn default() -> Found {
        Found {
            count: 0,
            first: u64::MAX,
        }
    }
}

/// The loop of [`ViewWalk::count_by_other`] over one node's entries.
struct Kernel<'a> {
    other: &'a [u32],
    rel: &'a [u32],
    not_node: u32,
    not_rel: u32,
    labels: Option<&'a NodeBits>,
    /// This walk's number.
    seq: u32,
}

impl Kernel<'_> {
    /// Every test is computed and the count added whether it passed or
    /// not (0 or 1), so that a mix of passing and failing relationships
    /// costs no mispredicted branches. `codes` is empty when there is no
    /// comparison.
    #[inline(always)]
    fn count(&self, codes: &[u8], dense: &mut [Found], test: impl Fn(u8) -> bool) -> u64 {
        // the relationships are read only to tell one apart
        if self.not_rel == u32::MAX {
            self.count_with::<false>(codes, dense, test)
        } else {
            self.count_with::<true>(codes, dense, test)
        }
    }

    #[inline(always)]
    fn count_with<const REL: bool>(
        &self,
        codes: &[u8],
        dense: &mut [Found],
        test: impl Fn(u8) -> bool,
    ) -> u64 {
        let mut found = 0u64;
        let base = (self.seq as u64) << 32;
        let rel = &self.rel[..if REL { self.other.len() } else { 0 }];
        for (i, &n) in self.other.iter().enumerate() {
            let code_ok = codes.get(i).is_none_or(|c| test(*c));
            let label_ok = self.labels.is_none_or(|s| s.contains(NodeId(n)));
            let rel_ok = !REL || rel[i] != self.not_rel;
            let pass = code_ok & label_ok & (n != self.not_node) & rel_ok;
            if let Some(d) = dense.get_mut(n as usize) {
                d.count += pass as u32;
                // all ones when it did not pass
                let at = (base | i as u64) | (pass as u64).wrapping_sub(1);
                d.first = d.first.min(at);
            }
            found += pass as u64;
        }
        found
    }

    /// How many pass: [`Kernel::count`] without a table.
    #[inline(always)]
    fn sum(&self, codes: &[u8], test: impl Fn(u8) -> bool) -> u64 {
        if self.not_rel == u32::MAX {
            self.sum_with::<false>(codes, test)
        } else {
            self.sum_with::<true>(codes, test)
        }
    }

    #[inline(always)]
    fn sum_with<const REL: bool>(&self, codes: &[u8], test: impl Fn(u8) -> bool) -> u64 {
        let mut found = 0u64;
        let rel = &self.rel[..if REL { self.other.len() } else { 0 }];
        for (i, &n) in self.other.iter().enumerate() {
            let code_ok = codes.get(i).is_none_or(|c| test(*c));
            let label_ok = self.labels.is_none_or(|s| s.contains(NodeId(n)));
            let rel_ok = !REL || rel[i] != self.not_rel;
            found += (code_ok & label_ok & (n != self.not_node) & rel_ok) as u64;
        }
        found
    }
}

fn one(types: &[Sym]) -> Option<Sym> {
    match types {
        [t] => Some(*t),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::{Database, Value};

    /// The rows as sorted text (a bag).
    fn bag(db: &Database, q: &str) -> Vec<String> {
        let r = db
            .query_with(q, crate::params! {"x" => "x", "none" => Value::Null})
            .unwrap_or_else(|e| panic!("{q}: {e}"));
        let mut rows: Vec<String> = r
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(Value::to_string)
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect();
        rows.sort();
        rows
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// With the views read by every walk that can read them, counting
        /// inside the expansion, and counting rows one by one after
        /// expansions that read those views, agree with counting rows on a
        /// copy of the graph that never had views; on graphs whose slots
        /// were reused and whose `w` is sometimes a number (no column: the
        /// records are read).
        #[test]
        fn walks_over_views_find_what_walks_over_records_find(
            nodes in 1usize..9,
            rels in prop::collection::vec((0usize..9, 0usize..9, any::<bool>(), 0u8..5), 0..40),
            deleted in prop::collection::vec(0usize..40, 0..6),
            numbers in any::<bool>(),
        ) {
            // the same graph twice: one whose walks read views (every
            // counted walk shared: `Layouts::Always`), and one that never
            // has any (no walk of that size ever runs on it)
            let mut db = Database::in_memory().unwrap();
            db.set_layouts(crate::Layouts::Always);
            let reference = Database::in_memory().unwrap();
            let both = |q: &str| {
                db.execute(q).unwrap();
                reference.execute(q).unwrap();
            };
            both(&format!(
                "UNWIND range(0, {}) AS i CREATE (:N {{id: i, k: CASE WHEN i % 4 = 3 THEN null ELSE i % 3 END}})",
                nodes - 1
            ));
            both("MATCH (n:N) WHERE n.id % 2 = 0 SET n:A");
            for (i, (a, b, t, w)) in rels.iter().enumerate() {
                let w = match w {
                    0 => String::new(),
                    1 => ", w: 'x'".into(),
                    2 => ", w: 'y'".into(),
                    3 if numbers => ", w: 3".into(),
                    _ => ", w: 'z'".into(),
                };
                let ty = if *t { "T" } else { "U" };
                both(&format!(
                    "MATCH (a:N {{id: {}}}), (b:N {{id: {}}}) CREATE (a)-[:{ty} {{i: {i}{w}}}]->(b)",
                    a % nodes,
                    b % nodes
                ));
                if deleted.contains(&i) {
                    both(&format!("MATCH ()-[r {{i: {i}}}]->() DELETE r"));
                }
            }
            for (pattern, vars, ret) in [
                ("(a)-[r:T {w: 'x'}]->(b)", "a, r, b", "a.id AS k, count(*) AS n"),
                ("(a)-[r:T {w: $x}]->(b:A)", "a, r, b", "b AS k, count(r) AS n"),
                ("(a:A)-[r:T {w: $none}]->(b)", "a, r, b", "count(*) AS n"),
                ("(a)-[r:T]-(b:A) WHERE r.w <> 'y'", "a, r, b", "a.id AS k, count(*) AS n"),
                ("(a)-[r:T {w: 'nowhere'}]->(b)", "a, r, b", "count(*) AS n"),
                (
                    "(a:A)-[r:T]->(m)<-[s:T]-(b) WHERE s.w = r.w AND b.id <> 1",
                    "a, r, m, s, b",
                    "b.id AS k, count(*) AS n",
                ),
                (
                    "(a:A)-[r:T]->(m)<-[s:T]-(b) WHERE b.id > a.id AND b.id IN [0, 2, 3, 5]",
                    "a, r, m, s, b",
                    "count(DISTINCT b) AS d",
                ),
                (
                    "(a)-[r:T]->(b) WHERE r.w IN ['x', 'z', 3, null]",
                    "a, r, b",
                    "a.id AS k, count(*) AS n",
                ),
                (
                    "(a:A)-[r:T]->(m)<-[s:T]-(b) WHERE s.w IN [r.w, 'y']",
                    "a, r, m, s, b",
                    "b.id AS k, count(*) AS n",
                ),
                (
                    "(a:A)-[r:T]->(b:A) WHERE r.w <> $x",
                    "a, r, b",
                    "count(DISTINCT a) AS d, count(*) AS n",
                ),
                (
                    "(a:A)-[r:T]->(m)<-[s:T]-(b) WHERE r.w = s.w AND b <> a",
                    "a, r, m, s, b",
                    "b.id AS k, count(*) AS n",
                ),
                (
                    "(a)-[r:T]->(m)-[s:T]->(b:A) WHERE s.w <> r.w",
                    "a, r, m, s, b",
                    "a.id AS k, count(DISTINCT b) AS d",
                ),
                (
                    "(a:A)-[r:T]->(m)<-[s:T]-(b) WHERE s.w <> r.w",
                    "a, r, m, s, b",
                    "count(DISTINCT b.k) AS d, count(*) AS n",
                ),
                (
                    "(a)-[r:T {w: 'y'}]->(b)",
                    "a, r, b",
                    "count(DISTINCT a.k) AS d",
                ),
                (
                    "(a)<-[r:U]-(m)<-[s:T {w: 'z'}]-(b)",
                    "a, r, m, s, b",
                    "count(*) AS n, count(DISTINCT b) AS d",
                ),
            ] {
                let fused = format!("MATCH {pattern} RETURN {ret}");
                let by_row = format!("MATCH {pattern} WITH {vars} RETURN {ret}");
                let want = bag(&reference, &by_row);
                prop_assert_eq!(bag(&db, &fused), want.clone(), "{}", fused);
                // an unfused expansion reads the views the fused walk built
                prop_assert_eq!(bag(&db, &by_row), want, "{}", by_row);
            }
        }
    }
}
