//! The reference graph of a catalog (petgraph): one node per definition, one edge per
//! resolved `ref` or union member, and its strongly connected components, which decide
//! where generated types need a `Box`.

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use super::DefId;

/// How one definition refers to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    /// A `ref`.
    Ref,
    /// A member of a `union`.
    Union,
}

/// One resolved reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// The definition holding the reference.
    pub from: DefId,
    /// The definition referred to.
    pub to: DefId,
    /// `ref` or union member.
    pub kind: EdgeKind,
    /// Whether the reference sits inside an array's `items` (a `Vec` already breaks a
    /// cycle's infinite size, so such an edge never needs a `Box`).
    pub in_array: bool,
    /// JSON pointer of the reference string in the source document.
    pub pointer: String,
}

/// The graph plus what is derived from it once.
#[derive(Debug, Clone, Default)]
pub(crate) struct RefGraph {
    graph: DiGraph<DefId, ()>,
    /// Outgoing edges per definition, in source order.
    out: Vec<Vec<Edge>>,
    /// The cycle (index into `cycles`) each definition belongs to, if any.
    component: Vec<Option<u32>>,
    cycles: Vec<Vec<DefId>>,
}

impl RefGraph {
    /// Builds the graph of `def_count` definitions from `edges`.
    pub(crate) fn build(def_count: usize, edges: Vec<Edge>) -> RefGraph {
        let mut graph = DiGraph::with_capacity(def_count, edges.len());
        for i in 0..def_count {
            graph.add_node(DefId(i as u32));
        }
        let mut out: Vec<Vec<Edge>> = vec![Vec::new(); def_count];
        let mut self_loops = vec![false; def_count];
        for edge in edges {
            let (from, to) = (edge.from.index(), edge.to.index());
            if from >= def_count || to >= def_count {
                continue;
            }
            if from == to {
                if let Some(flag) = self_loops.get_mut(from) {
                    *flag = true;
                }
            }
            graph.update_edge(NodeIndex::new(from), NodeIndex::new(to), ());
            if let Some(list) = out.get_mut(from) {
                list.push(edge);
            }
        }
        let mut cycles: Vec<Vec<DefId>> = tarjan_scc(&graph)
            .into_iter()
            .filter(|scc| {
                scc.len() > 1
                    || scc
                        .first()
                        .is_some_and(|n| self_loops.get(n.index()).copied().unwrap_or(false))
            })
            .map(|scc| {
                let mut ids: Vec<DefId> =
                    scc.into_iter().map(|n| DefId(n.index() as u32)).collect();
                ids.sort();
                ids
            })
            .collect();
        cycles.sort();
        let mut component = vec![None; def_count];
        for (c, ids) in cycles.iter().enumerate() {
            for id in ids {
                if let Some(slot) = component.get_mut(id.index()) {
                    *slot = Some(c as u32);
                }
            }
        }
        RefGraph {
            graph,
            out,
            component,
            cycles,
        }
    }

    pub(crate) fn edges_from(&self, id: DefId) -> impl Iterator<Item = &Edge> + '_ {
        self.out.get(id.index()).into_iter().flatten()
    }

    pub(crate) fn same_cycle(&self, a: DefId, b: DefId) -> bool {
        match (self.component.get(a.index()), self.component.get(b.index())) {
            (Some(Some(x)), Some(Some(y))) => x == y,
            _ => false,
        }
    }

    pub(crate) fn cycles(&self) -> &[Vec<DefId>] {
        &self.cycles
    }

    /// The number of distinct definition-to-definition edges.
    #[allow(dead_code)]
    pub(crate) fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }
}
