//! [`DefGraph`] -> Graphviz DOT: one cluster per lexicon, cycles in red.

use std::fmt::Write;

use super::{DefGraph, Role};

/// Renders the graph as a Graphviz `digraph` (`lex graph | dot -Tsvg > graph.svg`).
pub fn to_dot(graph: &DefGraph) -> String {
    let mut out = String::from("digraph lexicons {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n");
    let mut start = 0;
    let mut cluster = 0;
    while let Some(first) = graph.nodes.get(start) {
        let end = graph
            .nodes
            .iter()
            .skip(start)
            .position(|n| n.nsid != first.nsid)
            .map_or(graph.nodes.len(), |p| start + p);
        let _ = writeln!(
            out,
            "  subgraph cluster_{cluster} {{\n    label={};",
            quote(&first.nsid)
        );
        for node in graph.nodes.get(start..end).unwrap_or_default() {
            let style = if node.cycle.is_some() {
                ", color=red, fontcolor=red, penwidth=2"
            } else {
                ""
            };
            let label = format!("{}\n{}", node.name, node.kind);
            let _ = writeln!(
                out,
                "    {} [label={}{style}];",
                quote(&node.id),
                quote(&label)
            );
        }
        out.push_str("  }\n");
        start = end;
        cluster += 1;
    }
    for edge in &graph.edges {
        let (Some(from), Some(to)) = (graph.nodes.get(edge.from), graph.nodes.get(edge.to)) else {
            continue;
        };
        let mut attrs = Vec::new();
        if edge.role != Role::Ref {
            attrs.push(format!("label={}", quote(edge.role.name())));
        }
        if edge.role == Role::Union {
            attrs.push("style=dashed".to_owned());
        }
        if edge.in_cycle {
            attrs.push("color=red, fontcolor=red, penwidth=2".to_owned());
        }
        let attrs = if attrs.is_empty() {
            String::new()
        } else {
            format!(" [{}]", attrs.join(", "))
        };
        let _ = writeln!(out, "  {} -> {}{attrs};", quote(&from.id), quote(&to.id));
    }
    out.push_str("}\n");
    out
}

/// A DOT string literal: quotes and backslashes escaped, newlines as `\n`.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
