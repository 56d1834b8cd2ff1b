//! The reference graph of a catalog for people: [`DefGraph`] -> Graphviz DOT, Mermaid or
//! JSON text (`lex graph`).
//!
//! One node per definition, one edge per distinct (from, to, role) reference: a `ref`, a
//! union member, or a method's input, output or message schema (whatever the reference
//! inside it is). Definitions on a cycle, and the edges that close it, are marked so each
//! format can highlight them. Order is deterministic: nodes by (NSID, name), edges by
//! source then target then role.

mod dot;
mod json;
mod mermaid;

use std::collections::{BTreeMap, BTreeSet};

use crate::config::nsid_matches;
use crate::ir::{Catalog, DefId, EdgeKind};

pub use dot::to_dot;
pub use json::to_json;
pub use mermaid::to_mermaid;

/// What an edge stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// A `ref` outside a method's input, output or message.
    Ref,
    /// A union member outside a method's input, output or message.
    Union,
    /// A reference in a procedure's input schema.
    Input,
    /// A reference in a query's or procedure's output schema.
    Output,
    /// A reference in a subscription's message schema.
    Message,
}

impl Role {
    /// The lower-case name used as an edge label.
    pub fn name(self) -> &'static str {
        match self {
            Role::Ref => "ref",
            Role::Union => "union",
            Role::Input => "input",
            Role::Output => "output",
            Role::Message => "message",
        }
    }
}

/// One definition in the graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// `nsid` for a `main` definition, `nsid#name` otherwise.
    pub id: String,
    /// The document NSID.
    pub nsid: String,
    /// The definition name.
    pub name: String,
    /// The schema type (`record`, `object`, `query`, ...).
    pub kind: String,
    /// Index into [`DefGraph::cycles`] when the definition is on a cycle.
    pub cycle: Option<usize>,
}

/// One reference between two nodes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct GraphEdge {
    /// Index of the referring node in [`DefGraph::nodes`].
    pub from: usize,
    /// Index of the referred node.
    pub to: usize,
    /// What the reference stands for.
    pub role: Role,
    /// Whether both ends are on the same cycle (the edge closes or continues it).
    pub in_cycle: bool,
}

/// The graph to render.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DefGraph {
    /// Definitions by (NSID, name).
    pub nodes: Vec<Node>,
    /// Distinct references, sorted.
    pub edges: Vec<GraphEdge>,
    /// Each cycle's nodes (indexes into `nodes`), sorted.
    pub cycles: Vec<Vec<usize>>,
}

/// An `--include` pattern that matches no loaded lexicon.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no lexicon matches the include pattern `{0}`")]
pub struct NoMatch(pub String);

impl DefGraph {
    /// The graph of every definition in `catalog`, or, with `include` patterns (as in
    /// `lex build --include`: `*`, `app.bsky.*`, an NSID), of the lexicons they match
    /// and every definition those reach.
    pub fn build(catalog: &Catalog, include: &[String]) -> Result<DefGraph, NoMatch> {
        for pattern in include {
            if !catalog
                .documents()
                .any(|d| nsid_matches(pattern, d.document.id.as_str()))
            {
                return Err(NoMatch(pattern.clone()));
            }
        }
        let kept = reachable(catalog, include);
        let mut index: BTreeMap<DefId, usize> = BTreeMap::new();
        let mut nodes = Vec::with_capacity(kept.len());
        // `catalog.defs()` is in (NSID, name) order, which is the order promised.
        for def in catalog.defs().filter(|d| kept.contains(&d.id())) {
            index.insert(def.id(), nodes.len());
            nodes.push(Node {
                id: def.fq().to_string(),
                nsid: def.nsid().to_owned(),
                name: def.name().to_owned(),
                kind: def.schema().type_name().to_owned(),
                cycle: None,
            });
        }
        let mut cycles = Vec::new();
        for cycle in catalog.cycles() {
            let members: Vec<usize> = cycle
                .iter()
                .filter_map(|id| index.get(id).copied())
                .collect();
            if members.len() != cycle.len() {
                continue;
            }
            for &m in &members {
                if let Some(node) = nodes.get_mut(m) {
                    node.cycle = Some(cycles.len());
                }
            }
            cycles.push(members);
        }
        let mut edges = BTreeSet::new();
        for (&id, &from) in &index {
            let name = nodes.get(from).map(|n| n.name.clone()).unwrap_or_default();
            for edge in catalog.edges_from(id) {
                let Some(&to) = index.get(&edge.to) else {
                    continue;
                };
                let in_cycle = catalog.needs_box(edge.from, edge.to);
                edges.insert(GraphEdge {
                    from,
                    to,
                    role: role(&name, &edge.pointer, edge.kind),
                    in_cycle,
                });
            }
        }
        Ok(DefGraph {
            nodes,
            edges: edges.into_iter().collect(),
            cycles,
        })
    }
}

/// Every definition of the matched lexicons and every definition reachable from them
/// (all definitions without patterns).
fn reachable(catalog: &Catalog, include: &[String]) -> BTreeSet<DefId> {
    let mut kept = BTreeSet::new();
    let mut stack: Vec<DefId> = catalog
        .defs()
        .filter(|d| include.is_empty() || include.iter().any(|p| nsid_matches(p, d.nsid())))
        .map(|d| d.id())
        .collect();
    while let Some(id) = stack.pop() {
        if kept.insert(id) {
            stack.extend(catalog.edges_from(id).map(|e| e.to));
        }
    }
    kept
}

/// The role of a reference at `pointer` (`/defs/<name>/output/schema/...`).
fn role(def_name: &str, pointer: &str, kind: EdgeKind) -> Role {
    let def =
        lex_runtime::schema::pointer_push(&lex_runtime::schema::pointer_push("", "defs"), def_name);
    let inside = pointer.strip_prefix(def.as_str()).unwrap_or("");
    let first = inside.split('/').nth(1).unwrap_or("");
    match (first, kind) {
        ("input", _) => Role::Input,
        ("output", _) => Role::Output,
        ("message", _) => Role::Message,
        (_, EdgeKind::Union) => Role::Union,
        (_, EdgeKind::Ref) => Role::Ref,
    }
}

#[cfg(test)]
mod tests;
