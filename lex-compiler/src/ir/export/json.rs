//! [`DefGraph`] -> JSON, for scripts: nodes, edges by node id, and cycles.

use serde::Serialize;

use super::DefGraph;

#[derive(Serialize)]
struct Out<'a> {
    nodes: Vec<NodeOut<'a>>,
    edges: Vec<EdgeOut<'a>>,
    cycles: Vec<Vec<&'a str>>,
}

#[derive(Serialize)]
struct NodeOut<'a> {
    id: &'a str,
    nsid: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    cycle: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EdgeOut<'a> {
    from: &'a str,
    to: &'a str,
    role: &'static str,
    in_cycle: bool,
}

/// Renders the graph as JSON text in the fixed layout (objects expanded, two-space
/// indent): `{"nodes": [...], "edges": [...], "cycles": [[id, ...], ...]}`; edges and
/// cycles name nodes by id (`nsid` or `nsid#name`).
pub fn to_json(graph: &DefGraph) -> String {
    let id = |i: usize| graph.nodes.get(i).map_or("", |n| n.id.as_str());
    let out = Out {
        nodes: graph
            .nodes
            .iter()
            .map(|n| NodeOut {
                id: &n.id,
                nsid: &n.nsid,
                name: &n.name,
                kind: &n.kind,
                cycle: n.cycle,
            })
            .collect(),
        edges: graph
            .edges
            .iter()
            .map(|e| EdgeOut {
                from: id(e.from),
                to: id(e.to),
                role: e.role.name(),
                in_cycle: e.in_cycle,
            })
            .collect(),
        cycles: graph
            .cycles
            .iter()
            .map(|c| c.iter().map(|&i| id(i)).collect())
            .collect(),
    };
    // Serializing these plain structs cannot fail; the fallback keeps the output JSON.
    crate::syntax::format::to_fixed_layout(&out)
        .unwrap_or_else(|e| format!("{{\"error\": \"{}\"}}\n", e.message.escape_default()))
}
