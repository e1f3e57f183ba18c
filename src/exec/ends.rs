//! The predicates of one node alone that an `Expand` (`to_tests`) or a
//! `RelScan` (`end_tests`) tests on the nodes it reaches: pure functions of
//! that node (`r.session >= 60`, `r.date.year = 2000`, `r.important`),
//! moved into the operator by `plan::optimize::fuse_filters`.
//!
//! On the read path the graph cannot change while a statement runs, so a
//! node's answer is remembered: the first time a walk reaches it on the
//! statement's thread ([`Mode::Lazy`]), or for every candidate node (those
//! with the end's labels) before a walk shared among threads or a scan of
//! every relationship starts ([`Eager`], a bitset the column-view kernels
//! read like a label set). On the write path a later clause may change a
//! node, so each relationship found evaluates the predicates anew, as the
//! filter they came from would. What an operator found is kept by the
//! statement's context for its next run (an inner plan of `OPTIONAL MATCH`
//! or a subquery runs once per outer row).
//!
//! A predicate that fails on some node (a type error) is remembered as
//! failed there too, and its error is reported only when a walk reaches that
//! node: a node no relationship leads to raises nothing, as in the plan
//! written without the fusion.

use rustc_hash::FxHashMap;

use super::eval::predicate;
use super::{Ctx, Row};
use crate::error::{Error, Result};
use crate::plan::{Op, PExpr, Slot};
use crate::store::{NodeBits, Sym};
use crate::value::NodeId;
use crate::value::Value;

/// An `Expand`'s or `RelScan`'s predicates of one node alone, per end (0: a
/// scan's `from`; 1: the node reached or a scan's `to`), with the slot the
/// end binds and the labels it must have.
fn end_tests(op: &Op) -> [(&[PExpr], Slot, &[Sym]); 2] {
    match op {
        Op::Expand {
            to,
            to_tests,
            to_labels,
            ..
        } => [(&[], *to, &[]), (to_tests, *to, to_labels)],
        Op::RelScan {
            from,
            to,
            end_tests,
            end_labels,
            ..
        } => [
            (&end_tests[0], *from, &end_labels[0]),
            (&end_tests[1], *to, &end_labels[1]),
        ],
        _ => [(&[], 0, &[]), (&[], 0, &[])],
    }
}

/// Whether every predicate is true for the node in `row[slot]`.
fn all_true(preds: &[PExpr], row: &Row, ctx: &Ctx) -> Result<bool> {
    for p in preds {
        if predicate(p, row, ctx, "WHERE")? != Some(true) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// What a walk asks of the nodes it reaches: end 0 is a `RelScan`'s `from`,
/// end 1 the node an `Expand` reaches or a `RelScan`'s `to`.
pub(super) trait EndCheck {
    /// Whether node `n` at end `end` passes. A predicate's error is kept
    /// (see [`EndCheck::error`]) and the node does not pass.
    fn ok(&mut self, end: usize, n: NodeId) -> bool;
    /// The first error a node the walk reached raised.
    fn error(&mut self) -> Option<Error>;
}

/// The answers for every candidate node of one end, found before a walk.
#[derive(Debug)]
pub(super) struct Eager {
    /// The candidates that pass.
    bits: NodeBits,
    /// The candidates whose predicates failed with an error.
    errors: FxHashMap<u32, Error>,
}

impl Eager {
    /// Evaluates `preds` for every node with `labels` (every node when
    /// there are none), binding it in a copy of `row` at `slot`.
    pub(super) fn build(
        preds: &[PExpr],
        slot: Slot,
        labels: &[Sym],
        row: &Row,
        ctx: &Ctx,
    ) -> Result<Eager> {
        let candidates = ctx.graph().nodes_with_labels(labels);
        let mut scratch = row.clone();
        let mut errors = FxHashMap::default();
        let mut pass = Vec::new();
        for (i, n) in candidates.into_iter().enumerate() {
            if i % 1024 == 0 {
                ctx.tick()?;
            }
            scratch[slot] = Value::Node(n);
            match all_true(preds, &scratch, ctx) {
                Ok(true) => pass.push(n),
                Ok(false) => {}
                Err(e) => {
                    errors.insert(n.0, e);
                }
            }
        }
        Ok(Eager {
            bits: NodeBits::of(pass.into_iter()),
            errors,
        })
    }

    /// The nodes that pass, when no candidate raised an error (a kernel
    /// that reads the set alone would not report it).
    pub(super) fn bits(&self) -> Option<&NodeBits> {
        self.errors.is_empty().then_some(&self.bits)
    }
}

/// What one end's predicates found so far, kept by the statement's
/// context between runs of the same operator on the read path.
pub(super) struct Answers(Mode);

/// How one end's predicates are answered.
enum Mode {
    /// Evaluated for each relationship found (the write path).
    PerRel,
    /// Remembered per node once evaluated (0 not yet, 1 passes, 2 fails;
    /// the errors by node).
    Lazy(Vec<u8>, FxHashMap<u32, Error>),
    /// Found for every candidate before the walk.
    Eager(Eager),
}

/// One end's predicates on the statement's thread, with a row of the
/// operator's input to evaluate them in.
struct EndTests<'o> {
    preds: &'o [PExpr],
    slot: Slot,
    /// The labels the end must have (its candidates).
    labels: &'o [Sym],
    row: Row,
    mode: Mode,
}

/// The predicates of both ends of one operator, answered on the statement's
/// thread (where they can be evaluated).
pub(super) struct Ends<'o, 'c, 'g> {
    ctx: &'c Ctx<'g>,
    ends: [Option<EndTests<'o>>; 2],
    error: Option<Error>,
    /// The operator's address (the key of its answers in the context).
    op: usize,
}

impl Drop for Ends<'_, '_, '_> {
    /// On the read path, leaves what was found with the context, for the
    /// operator's next run in this statement (the graph does not change).
    fn drop(&mut self) {
        if self.ctx.shared_graph().is_none() {
            return;
        }
        let mut kept = self.ctx.node_answers.borrow_mut();
        for (i, end) in self.ends.iter_mut().enumerate() {
            if let Some(t) = end.take() {
                kept.insert((self.op, i), Answers(t.mode));
            }
        }
    }
}

impl<'o, 'c, 'g> Ends<'o, 'c, 'g> {
    /// The predicates of one node alone of `op` (an `Expand` or `RelScan`),
    /// remembered per node on the read path, evaluated per relationship on
    /// the write path; `row` is a row of the operator's input (copied to
    /// evaluate in).
    pub(super) fn new(ctx: &'c Ctx<'g>, op: &'o Op, row: &Row) -> Self {
        let tests = end_tests(op);
        let shared = ctx.shared_graph().is_some();
        let op = op as *const Op as usize;
        let mut i = 0;
        let ends = tests.map(|(preds, slot, labels)| {
            let end = i;
            i += 1;
            (!preds.is_empty()).then(|| EndTests {
                preds,
                slot,
                labels,
                row: row.clone(),
                mode: if shared {
                    // what an earlier run of the operator found
                    match ctx.node_answers.borrow_mut().remove(&(op, end)) {
                        Some(Answers(mode)) => mode,
                        None => Mode::Lazy(Vec::new(), FxHashMap::default()),
                    }
                } else {
                    Mode::PerRel
                },
            })
        });
        Ends {
            ctx,
            ends,
            error: None,
            op,
        }
    }

    /// Answers every candidate of each end now (the nodes with the labels the
    /// end must have), so that walks on other threads can
    /// read the answers ([`Ends::shared`]). On the read path that is done
    /// once; on the write path only when `now` (a walk about to start,
    /// which nothing writes during), and anew each time, as an earlier
    /// clause may have changed the nodes since.
    pub(super) fn make_eager(&mut self, now: bool) -> Result<()> {
        let shared = self.ctx.shared_graph().is_some();
        for t in self.ends.iter_mut().flatten() {
            let build = match t.mode {
                Mode::Lazy(..) => true,
                Mode::Eager(_) => !shared && now,
                Mode::PerRel => now,
            };
            if build {
                let e = Eager::build(t.preds, t.slot, t.labels, &t.row, self.ctx)?;
                t.mode = Mode::Eager(e);
            }
        }
        Ok(())
    }

    /// The answers found by [`Ends::make_eager`], for walks on other threads;
    /// `None` when some end's predicates are not answered eagerly.
    pub(super) fn shared(&self) -> Option<SharedEnds<'_>> {
        let mut out = [None, None];
        for (o, e) in out.iter_mut().zip(&self.ends) {
            match e {
                None => {}
                Some(EndTests {
                    mode: Mode::Eager(x),
                    ..
                }) => *o = Some(x),
                Some(_) => return None,
            }
        }
        Some(SharedEnds {
            ends: out,
            error: None,
        })
    }
}

impl EndCheck for Ends<'_, '_, '_> {
    fn ok(&mut self, end: usize, n: NodeId) -> bool {
        let Some(t) = self.ends.get_mut(end).and_then(Option::as_mut) else {
            return true;
        };
        let answer = match &mut t.mode {
            Mode::Eager(e) => match e.errors.is_empty() {
                true => Ok(e.bits.contains(n)),
                false => match e.errors.get(&n.0) {
                    Some(err) => Err(err.clone()),
                    None => Ok(e.bits.contains(n)),
                },
            },
            Mode::PerRel => {
                t.row[t.slot] = Value::Node(n);
                all_true(t.preds, &t.row, self.ctx)
            }
            Mode::Lazy(memo, errors) => {
                let i = n.0 as usize;
                if i >= memo.len() {
                    memo.resize((i + 1).max(memo.len() * 2).max(64), 0);
                }
                match memo[i] {
                    1 => Ok(true),
                    2 => match errors.get(&n.0) {
                        Some(err) => Err(err.clone()),
                        None => Ok(false),
                    },
                    _ => {
                        t.row[t.slot] = Value::Node(n);
                        let r = all_true(t.preds, &t.row, self.ctx);
                        memo[i] = if matches!(r, Ok(true)) { 1 } else { 2 };
                        if let Err(err) = &r {
                            errors.insert(n.0, err.clone());
                        }
                        r
                    }
                }
            }
        };
        match answer {
            Ok(b) => b,
            Err(e) => {
                self.error.get_or_insert(e);
                false
            }
        }
    }

    fn error(&mut self) -> Option<Error> {
        self.error.take()
    }
}

/// Answers found before a walk, read by the threads that share it (each
/// has its own copy of this, keeping its own first error).
pub(super) struct SharedEnds<'e> {
    ends: [Option<&'e Eager>; 2],
    error: Option<Error>,
}

impl<'e> SharedEnds<'e> {
    /// Another copy, for another thread.
    pub(super) fn fresh(&self) -> SharedEnds<'e> {
        SharedEnds {
            ends: self.ends,
            error: None,
        }
    }

    /// The set of nodes that pass at `end` when a kernel may read it
    /// alone: `Some(None)` when the end has no predicates, `None` when
    /// some candidate raised an error.
    pub(super) fn bits(&self, end: usize) -> Option<Option<&'e NodeBits>> {
        match self.ends[end] {
            None => Some(None),
            Some(e) => e.bits().map(Some),
        }
    }
}

impl EndCheck for SharedEnds<'_> {
    #[inline]
    fn ok(&mut self, end: usize, n: NodeId) -> bool {
        let Some(e) = self.ends[end] else {
            return true;
        };
        if !e.errors.is_empty()
            && let Some(err) = e.errors.get(&n.0)
        {
            self.error.get_or_insert_with(|| err.clone());
            return false;
        }
        e.bits.contains(n)
    }

    fn error(&mut self) -> Option<Error> {
        self.error.take()
    }
}
