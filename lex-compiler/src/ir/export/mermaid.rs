//! [`DefGraph`] -> a Mermaid flowchart: one subgraph per lexicon, cycles in red.

use std::fmt::Write;

use super::{DefGraph, Role};

/// Renders the graph as a Mermaid `flowchart` (paste into Markdown inside a `mermaid`
/// code block). Node ids are `n0`, `n1`, ... in node order; labels carry the names.
pub fn to_mermaid(graph: &DefGraph) -> String {
    let mut out = String::from("flowchart LR\n");
    let mut start = 0;
    let mut cluster = 0;
    while let Some(first) = graph.nodes.get(start) {
        let end = graph
            .nodes
            .iter()
            .skip(start)
            .position(|n| n.nsid != first.nsid)
            .map_or(graph.nodes.len(), |p| start + p);
        let _ = writeln!(out, "  subgraph s{cluster} [\"{}\"]", label(&first.nsid));
        for (i, node) in graph.nodes.iter().enumerate().take(end).skip(start) {
            let _ = writeln!(
                out,
                "    n{i}[\"{}<br/>{}\"]",
                label(&node.name),
                label(&node.kind)
            );
        }
        out.push_str("  end\n");
        start = end;
        cluster += 1;
    }
    for edge in &graph.edges {
        let arrow = match edge.role {
            Role::Ref => "-->".to_owned(),
            Role::Union => "-.->|union|".to_owned(),
            role => format!("-->|{}|", role.name()),
        };
        let _ = writeln!(out, "  n{} {arrow} n{}", edge.from, edge.to);
    }
    let on_cycle: Vec<String> = graph
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.cycle.is_some())
        .map(|(i, _)| format!("n{i}"))
        .collect();
    if !on_cycle.is_empty() {
        out.push_str("  classDef cycle stroke:#d00,stroke-width:2px,color:#d00\n");
        let _ = writeln!(out, "  class {} cycle", on_cycle.join(","));
    }
    let cycle_links: Vec<String> = graph
        .edges
        .iter()
        .enumerate()
        .filter(|(_, e)| e.in_cycle)
        .map(|(i, _)| i.to_string())
        .collect();
    if !cycle_links.is_empty() {
        let _ = writeln!(
            out,
            "  linkStyle {} stroke:#d00,stroke-width:2px",
            cycle_links.join(",")
        );
    }
    out
}

/// Text safe inside a quoted Mermaid label (entity codes for what would end it).
fn label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' => out.push_str("#35;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
