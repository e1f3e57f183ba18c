//! Graph algorithms callable from Cypher (`CALL plenary.algo.pageRank({…})`
//! and friends): `pageRank` and `degree` (`centrality.rs`), `wcc` and `scc`
//! (`components.rs`), `louvain` (`community.rs`), `dijkstra` and
//! `shortestPath` (`paths.rs`), `triangleCount` (`triangles.rs`).
//!
//! Every procedure takes one argument, a configuration map. Its first step
//! is the same for all of them: a *projection* of the store — the nodes
//! and relationships the configuration selects, copied into a petgraph
//! [`petgraph::Graph`] whose node indices are dense (`0..n`, in node-id
//! order) and whose edge weights are `f64`. The algorithms then run on the
//! projection only; the store is not touched (the procedures are read-only).
//!
//! # The projection
//!
//! | key | meaning |
//! |---|---|
//! | `nodes` | a label, a list of labels (a node with any of them is in), or `'*'` / missing: every node |
//! | `relationships` | a type, a list of types, `'*'` / missing: every type (all `NATURAL`, unweighted); or a map `{TYPE: {orientation, weight}}`: `orientation` is `'NATURAL'` (default), `'REVERSE'` or `'UNDIRECTED'` (both directions); `weight` names a numeric property (a relationship without it weighs 1; a weight must be a finite number ≥ 0) |
//!
//! A relationship is in the projection when both of its ends are. Names the
//! graph has never seen select nothing. Every other key of the
//! configuration belongs to the algorithm (see its module); a key neither
//! knows is an error listing the known ones.
//!
//! # Answers
//!
//! Rows come in node-id order (Dijkstra: by cost, then node id;
//! shortestPath: one row, or none when the target is unreachable). Component
//! and community ids are the smallest node id (`id(n)`) among their
//! members, so they are deterministic and can be compared across runs.

mod centrality;
mod community;
mod components;
mod paths;
mod triangles;

use crate::error::{Error, Result};
use crate::exec::eval::describe;
use crate::plan::Procedure;
use crate::store::{Graph, Sym};
use crate::value::{Map, NodeId, PathValue, RelId, Value};

/// The projected graph: node index `i` is the store's node `nodes[i]`.
pub type PGraph = petgraph::Graph<(), f64, petgraph::Directed, u32>;

/// A projection of the store (see the module docs).
pub struct Projection {
    /// The projected nodes, ascending by id; index `i` in [`Projection::graph`].
    pub nodes: Vec<NodeId>,
    /// The relationships as directed edges (an `UNDIRECTED` one both ways).
    pub graph: PGraph,
    /// Every projected relationship once, as (from, to, weight), whatever
    /// its orientation: what undirected algorithms (WCC, Louvain) read.
    pub rels: Vec<(u32, u32, f64)>,
    /// The relationship of each edge of [`Projection::graph`], by edge index.
    pub rel_ids: Vec<RelId>,
}

/// How a relationship type is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Orientation {
    Natural,
    Reverse,
    Undirected,
}

/// One relationship type of the projection (`ty: None`: the type is
/// unknown to the graph, so it selects nothing).
#[derive(Debug)]
struct RelSpec {
    ty: Option<Sym>,
    orientation: Orientation,
    weight: Option<(String, Option<Sym>)>,
}

/// The keys every algorithm's configuration accepts.
const PROJECTION_KEYS: &[&str] = &["nodes", "relationships"];
/// The keys of one relationship type's map.
const REL_KEYS: &[&str] = &["orientation", "weight"];

/// The configuration map, its keys checked against the projection's and
/// the algorithm's own.
pub(crate) struct Config<'a> {
    proc: &'static str,
    map: &'a Map,
}

impl<'a> Config<'a> {
    fn new(proc: Procedure, v: &'a Value, own: &[&str]) -> Result<Config<'a>> {
        let name = proc.name();
        let map = match v {
            Value::Map(m) => m,
            other => {
                return Err(Error::type_error(
                    "InvalidArgumentType",
                    format!("{name}: the config must be a Map, got {}", describe(other)),
                ));
            }
        };
        if let Some(k) = map
            .keys()
            .find(|k| !PROJECTION_KEYS.contains(&&***k) && !own.contains(&&***k))
        {
            let known: Vec<&str> = PROJECTION_KEYS.iter().chain(own).copied().collect();
            return Err(Error::argument(
                "InvalidArgumentValue",
                format!(
                    "{name}: unknown key `{k}` in the config; known: {}",
                    known.join(", ")
                ),
            ));
        }
        Ok(Config { proc: name, map })
    }

    fn bad_value(&self, msg: impl std::fmt::Display) -> Error {
        Error::argument("InvalidArgumentValue", format!("{}: {msg}", self.proc))
    }

    fn bad_type(&self, what: &str, want: &str, v: &Value) -> Error {
        Error::type_error(
            "InvalidArgumentType",
            format!("{}: {what} must be {want}, got {}", self.proc, describe(v)),
        )
    }

    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// A number entry (`default` when missing or null), within `ok`.
    fn float(&self, key: &str, default: f64, ok: impl Fn(f64) -> bool, rule: &str) -> Result<f64> {
        let x = match self.get(key) {
            None => return Ok(default),
            Some(Value::Int(i)) => *i as f64,
            Some(Value::Float(f)) => *f,
            Some(v) => return Err(self.bad_type(&format!("config.{key}"), "a number", v)),
        };
        if !ok(x) {
            return Err(self.bad_value(format!("config.{key} must be {rule}, got {x}")));
        }
        Ok(x)
    }

    /// A positive integer entry (`default` when missing or null).
    fn positive(&self, key: &str, default: usize) -> Result<usize> {
        match self.get(key) {
            None => Ok(default),
            Some(Value::Int(i)) if *i > 0 => Ok(usize::try_from(*i).unwrap_or(usize::MAX)),
            Some(Value::Int(i)) => {
                Err(self.bad_value(format!("config.{key} must be a positive Integer, got {i}")))
            }
            Some(v) => Err(self.bad_type(&format!("config.{key}"), "a positive Integer", v)),
        }
    }

    /// A node entry (`None` when missing or null).
    fn node(&self, key: &str) -> Result<Option<NodeId>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Node(n)) => Ok(Some(*n)),
            Some(v) => Err(self.bad_type(&format!("config.{key}"), "a Node", v)),
        }
    }

    /// The names of a label or type entry: `None` for all (missing, null
    /// or `'*'`).
    fn names(&self, key: &str) -> Result<Option<Vec<String>>> {
        let what = format!("config.{key}");
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) if &**s == "*" => Ok(None),
            Some(Value::String(s)) => Ok(Some(vec![s.to_string()])),
            Some(Value::List(l)) => l
                .iter()
                .map(|v| match v {
                    Value::String(s) => Ok(s.to_string()),
                    v => Err(self.bad_type(&format!("an element of {what}"), "a String", v)),
                })
                .collect::<Result<Vec<_>>>()
                .map(Some),
            Some(v) => Err(self.bad_type(&what, "a String or a List of Strings", v)),
        }
    }

    /// `relationships`: `None` for every type, natural and unweighted.
    fn rel_specs(&self, g: &Graph) -> Result<Option<Vec<RelSpec>>> {
        let Some(Value::Map(m)) = self.get("relationships") else {
            return Ok(self.names("relationships")?.map(|names| {
                names
                    .iter()
                    .map(|n| RelSpec {
                        ty: g.sym(n),
                        orientation: Orientation::Natural,
                        weight: None,
                    })
                    .collect()
            }));
        };
        let mut out = Vec::with_capacity(m.len());
        for (ty, spec) in m.iter() {
            let what = format!("config.relationships.{ty}");
            let spec = match spec {
                Value::Null => None,
                Value::Map(s) => Some(s),
                v => return Err(self.bad_type(&what, "a Map {orientation, weight}", v)),
            };
            if let Some(k) = spec.and_then(|s| s.keys().find(|k| !REL_KEYS.contains(&&***k))) {
                return Err(self.bad_value(format!(
                    "unknown key `{k}` in {what}; known: {}",
                    REL_KEYS.join(", ")
                )));
            }
            let orientation = match spec.and_then(|s| s.get("orientation")) {
                None | Some(Value::Null) => Orientation::Natural,
                Some(Value::String(o)) => match o.to_ascii_uppercase().as_str() {
                    "NATURAL" => Orientation::Natural,
                    "REVERSE" => Orientation::Reverse,
                    "UNDIRECTED" => Orientation::Undirected,
                    _ => {
                        return Err(self.bad_value(format!(
                            "{what}.orientation must be 'NATURAL', 'REVERSE' or 'UNDIRECTED', got '{o}'"
                        )));
                    }
                },
                Some(v) => {
                    return Err(self.bad_type(&format!("{what}.orientation"), "a String", v));
                }
            };
            let weight = match spec.and_then(|s| s.get("weight")) {
                None | Some(Value::Null) => None,
                Some(Value::String(w)) => Some((w.to_string(), g.sym(w))),
                Some(v) => {
                    return Err(self.bad_type(
                        &format!("{what}.weight"),
                        "a property name (String)",
                        v,
                    ));
                }
            };
            out.push(RelSpec {
                ty: g.sym(ty),
                orientation,
                weight,
            });
        }
        Ok(Some(out))
    }

    /// Builds the projection the configuration selects.
    fn project(&self, g: &Graph, tick: &mut dyn FnMut() -> Result<()>) -> Result<Projection> {
        let nodes: Vec<NodeId> = match self.names("nodes")? {
            None => g.nodes().collect(),
            Some(labels) => {
                let mut v: Vec<NodeId> = labels
                    .iter()
                    .filter_map(|l| g.sym(l))
                    .flat_map(|l| g.nodes_with_label(l))
                    .collect();
                v.sort_unstable();
                v.dedup();
                v
            }
        };
        // node id → projected index (u32::MAX: not projected)
        let size = nodes.last().map_or(0, |n| n.0 as usize + 1);
        let mut index = vec![u32::MAX; size];
        let mut graph = PGraph::with_capacity(nodes.len(), 0);
        for (i, n) in nodes.iter().enumerate() {
            index[n.0 as usize] = i as u32;
            graph.add_node(());
        }
        let specs = self.rel_specs(g)?;
        let types: Vec<Sym> = match &specs {
            None => Vec::new(),
            Some(s) => s.iter().filter_map(|s| s.ty).collect(),
        };
        let mut rels = Vec::new();
        let mut rel_ids = Vec::new();
        if specs.is_some() && types.is_empty() {
            // only types the graph has never seen: nothing to read
            return Ok(Projection {
                nodes,
                graph,
                rels,
                rel_ids: Vec::new(),
            });
        }
        let at = |n: NodeId| index.get(n.0 as usize).copied().unwrap_or(u32::MAX);
        for (id, a, b, rec) in g.rels_of_types(&types, 0..g.rel_slots()) {
            tick()?;
            let (ia, ib) = (at(a), at(b));
            if ia == u32::MAX || ib == u32::MAX {
                continue;
            }
            let spec = specs
                .as_ref()
                .and_then(|s| s.iter().find(|s| s.ty == Some(rec.ty)));
            let (orientation, weight) = match spec {
                Some(s) => (s.orientation, s.weight.as_ref()),
                None => (Orientation::Natural, None),
            };
            let w = match weight {
                None => 1.0,
                Some((name, key)) => {
                    let v = key.and_then(|k| rec.prop(k));
                    let w = match v {
                        None | Some(Value::Null) => 1.0,
                        Some(Value::Int(i)) => *i as f64,
                        Some(Value::Float(f)) => *f,
                        Some(v) => {
                            return Err(Error::type_error(
                                "InvalidArgumentType",
                                format!(
                                    "{}: the weight `{name}` of a relationship must be a number, got {}",
                                    self.proc,
                                    describe(v)
                                ),
                            ));
                        }
                    };
                    if !(w.is_finite() && w >= 0.0) {
                        return Err(self.bad_value(format!(
                            "the weight `{name}` of a relationship must be a finite number >= 0, got {w}"
                        )));
                    }
                    w
                }
            };
            let (from, to) = match orientation {
                Orientation::Reverse => (ib, ia),
                _ => (ia, ib),
            };
            graph.add_edge(from.into(), to.into(), w);
            rel_ids.push(id);
            if orientation == Orientation::Undirected && from != to {
                graph.add_edge(to.into(), from.into(), w);
                rel_ids.push(id);
            }
            rels.push((from, to, w));
        }
        Ok(Projection {
            nodes,
            graph,
            rels,
            rel_ids,
        })
    }
}

/// The configuration keys of each algorithm, beside the projection's.
fn own_keys(proc: Procedure) -> &'static [&'static str] {
    match proc {
        Procedure::PageRank => &["dampingFactor", "maxIterations", "tolerance"],
        Procedure::Louvain => &["resolution", "tolerance"],
        Procedure::Dijkstra | Procedure::ShortestPath => &["source", "target"],
        _ => &[],
    }
}

/// Runs a `plenary.algo.*` procedure: its output rows.
pub fn run(
    proc: Procedure,
    g: &Graph,
    config: &Value,
    tick: &mut dyn FnMut() -> Result<()>,
) -> Result<Vec<Vec<Value>>> {
    let cfg = Config::new(proc, config, own_keys(proc))?;
    // settings first: a bad one fails before the projection is built
    let rows = match proc {
        Procedure::PageRank => {
            let settings = centrality::PageRank {
                damping: cfg.float(
                    "dampingFactor",
                    0.85,
                    |d| (0.0..1.0).contains(&d),
                    "a number in [0, 1)",
                )?,
                max_iterations: cfg.positive("maxIterations", 20)?,
                tolerance: cfg.float("tolerance", 1e-7, |t| t >= 0.0, "a number >= 0")?,
            };
            let p = cfg.project(g, tick)?;
            let scores = centrality::page_rank(&p, &settings, tick)?;
            per_node(&p, scores.into_iter().map(Value::Float))
        }
        Procedure::Degree => {
            let p = cfg.project(g, tick)?;
            per_node(&p, centrality::degree(&p).into_iter().map(Value::Float))
        }
        Procedure::TriangleCount => {
            let p = cfg.project(g, tick)?;
            let t = triangles::triangles(&p, tick)?;
            per_node(
                &p,
                t.into_iter()
                    .map(|c| Value::Int(i64::try_from(c).unwrap_or(i64::MAX))),
            )
        }
        Procedure::Wcc => {
            let p = cfg.project(g, tick)?;
            let c = components::wcc(&p);
            per_node(&p, labelled(&p, &c))
        }
        Procedure::Scc => {
            let p = cfg.project(g, tick)?;
            let c = components::scc(&p);
            per_node(&p, labelled(&p, &c))
        }
        Procedure::Louvain => {
            let resolution = cfg.float(
                "resolution",
                1.0,
                |r| r.is_finite() && r > 0.0,
                "a finite number > 0",
            )?;
            let tolerance = cfg.float("tolerance", 1e-7, |t| t >= 0.0, "a number >= 0")?;
            let p = cfg.project(g, tick)?;
            let c = community::louvain(&p, resolution, tolerance, tick)?;
            per_node(&p, labelled(&p, &c))
        }
        Procedure::Dijkstra | Procedure::ShortestPath => {
            let required = |what: &str| {
                cfg.node(what)?
                    .ok_or_else(|| cfg.bad_value(format!("config.{what} (a Node) is required")))
            };
            let source = required("source")?;
            let target = match proc {
                Procedure::ShortestPath => Some(required("target")?),
                _ => cfg.node("target")?,
            };
            let p = cfg.project(g, tick)?;
            let find = |n: NodeId, what: &str| {
                p.nodes.binary_search(&n).map_err(|_| {
                    cfg.bad_value(format!("config.{what} is not a node of the projection"))
                })
            };
            let s = find(source, "source")?;
            let t = match target {
                Some(t) => Some(find(t, "target")?),
                None => None,
            };
            match (proc, t) {
                (Procedure::ShortestPath, Some(t)) => paths::shortest_path(&p, s, t)
                    .into_iter()
                    .map(|(cost, nodes, rels)| {
                        let path = PathValue {
                            nodes: nodes.into_iter().map(|i| p.nodes[i]).collect(),
                            rels,
                        };
                        vec![Value::Path(std::sync::Arc::new(path)), Value::Float(cost)]
                    })
                    .collect(),
                _ => paths::dijkstra(&p, s, t)
                    .into_iter()
                    .map(|(i, cost)| vec![Value::Node(p.nodes[i]), Value::Float(cost)])
                    .collect(),
            }
        }
        _ => {
            return Err(Error::runtime(
                "InternalError",
                format!("internal error: {} is not an algorithm", proc.name()),
            ));
        }
    };
    Ok(rows)
}

/// One row per projected node: the node and its value.
fn per_node(p: &Projection, values: impl Iterator<Item = Value>) -> Vec<Vec<Value>> {
    p.nodes
        .iter()
        .zip(values)
        .map(|(n, v)| vec![Value::Node(*n), v])
        .collect()
}

/// Group labels (any numbers, one per node) as the smallest node id of
/// each group.
fn labelled<'a>(p: &'a Projection, group: &'a [usize]) -> impl Iterator<Item = Value> + 'a {
    let mut first = vec![usize::MAX; group.len()];
    // nodes are in id order, so the first member met is the smallest
    for (i, g) in group.iter().enumerate() {
        if first[*g] == usize::MAX {
            first[*g] = i;
        }
    }
    group
        .iter()
        .map(move |g| Value::Int(i64::from(p.nodes[first[*g]].0)))
}

#[cfg(test)]
impl Projection {
    /// A projection of nodes `0..n` with directed `edges` (from, to, weight).
    pub(crate) fn from_edges(n: u32, edges: &[(u32, u32, f64)]) -> Projection {
        let mut graph = PGraph::default();
        for _ in 0..n {
            graph.add_node(());
        }
        for (a, b, w) in edges {
            graph.add_edge((*a).into(), (*b).into(), *w);
        }
        Projection {
            nodes: (0..n).map(NodeId).collect(),
            graph,
            rels: edges.to_vec(),
            rel_ids: (0..edges.len() as u32).map(RelId).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none() -> impl FnMut() -> Result<()> {
        || Ok(())
    }

    #[test]
    fn page_rank_of_a_star_into_a_dangling_hub() {
        let p = Projection::from_edges(4, &[(1, 0, 1.0), (2, 0, 1.0), (3, 0, 1.0)]);
        let s = centrality::PageRank {
            damping: 0.85,
            max_iterations: 1000,
            tolerance: 1e-14,
        };
        let x = centrality::page_rank(&p, &s, &mut none()).unwrap();
        // x_l = (0.85 x_h + 0.15) / 4 and x_h = 3.55 x_l, summing to 1
        let leaf = 1.0 / 6.55;
        assert!((x[1] - leaf).abs() < 1e-12 && (x[0] - 3.55 * leaf).abs() < 1e-12);
        assert!((x.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn page_rank_of_nothing_is_nothing() {
        let p = Projection::from_edges(0, &[]);
        let s = centrality::PageRank {
            damping: 0.85,
            max_iterations: 20,
            tolerance: 1e-7,
        };
        assert!(
            centrality::page_rank(&p, &s, &mut none())
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn components_weak_and_strong() {
        // 0 → 1 → 2 → 0, 2 → 3, 4 → 5, 6 alone
        let p = Projection::from_edges(
            7,
            &[
                (0, 1, 1.0),
                (1, 2, 1.0),
                (2, 0, 1.0),
                (2, 3, 1.0),
                (4, 5, 1.0),
            ],
        );
        let ids = |g: &[usize]| labelled(&p, g).collect::<Vec<_>>();
        let w = components::wcc(&p);
        let want: Vec<Value> = [0, 0, 0, 0, 4, 4, 6].into_iter().map(Value::Int).collect();
        assert_eq!(format!("{:?}", ids(&w)), format!("{want:?}"));
        let s = components::scc(&p);
        let want: Vec<Value> = [0, 0, 0, 3, 4, 5, 6].into_iter().map(Value::Int).collect();
        assert_eq!(format!("{:?}", ids(&s)), format!("{want:?}"));
    }

    #[test]
    fn louvain_splits_two_triangles() {
        let p = Projection::from_edges(
            6,
            &[
                (0, 1, 1.0),
                (1, 2, 1.0),
                (2, 0, 1.0),
                (3, 4, 1.0),
                (4, 5, 1.0),
                (5, 3, 1.0),
                (2, 3, 1.0),
            ],
        );
        let c = community::louvain(&p, 1.0, 1e-7, &mut none()).unwrap();
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_eq!(c[3], c[4]);
        assert_eq!(c[4], c[5]);
        assert_ne!(c[0], c[3]);
        // every node its own community at a high resolution
        let c = community::louvain(&p, 10.0, 1e-7, &mut none()).unwrap();
        assert_eq!(c, vec![0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn louvain_without_relationships_keeps_singletons() {
        let p = Projection::from_edges(3, &[]);
        let c = community::louvain(&p, 1.0, 1e-7, &mut none()).unwrap();
        assert_eq!(c, vec![0, 1, 2]);
    }

    #[test]
    fn shortest_path_takes_the_cheaper_parallel_relationship() {
        let p = Projection::from_edges(3, &[(0, 1, 5.0), (0, 1, 2.0), (1, 2, 1.0), (0, 2, 9.0)]);
        let (cost, nodes, rels) = paths::shortest_path(&p, 0, 2).unwrap();
        assert_eq!(
            (cost, nodes, rels),
            (3.0, vec![0, 1, 2], vec![RelId(1), RelId(2)])
        );
        assert!(paths::shortest_path(&p, 2, 0).is_none());
        let d = paths::dijkstra(&p, 0, None);
        assert_eq!(d, vec![(0, 0.0), (1, 2.0), (2, 3.0)]);
    }

    #[test]
    fn triangles_of_a_square_with_a_diagonal() {
        // 0-1-2-3-0 and 0-2, with a parallel, a reversed and a self-loop relationship
        let p = Projection::from_edges(
            5,
            &[
                (0, 1, 1.0),
                (1, 2, 1.0),
                (2, 3, 1.0),
                (3, 0, 1.0),
                (0, 2, 1.0),
                (2, 0, 1.0),
                (1, 0, 1.0),
                (3, 3, 1.0),
            ],
        );
        let t = triangles::triangles(&p, &mut none()).unwrap();
        assert_eq!(t, vec![2, 1, 2, 1, 0]);
    }

    #[test]
    fn a_cancelled_run_stops() {
        let p = Projection::from_edges(2, &[(0, 1, 1.0)]);
        let mut stop = || Err(Error::runtime("Cancelled", "stop"));
        let s = centrality::PageRank {
            damping: 0.85,
            max_iterations: 20,
            tolerance: 1e-7,
        };
        assert!(centrality::page_rank(&p, &s, &mut stop).is_err());
        assert!(community::louvain(&p, 1.0, 1e-7, &mut stop).is_err());
    }
}
