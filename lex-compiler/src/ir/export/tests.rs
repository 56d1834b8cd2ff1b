use super::{to_dot, to_json, to_mermaid, DefGraph, Role};
use crate::load_sources;

fn graph(sources: &[(&str, &str)], include: &[&str]) -> DefGraph {
    let loaded = load_sources(sources.iter().copied());
    assert!(!loaded.diagnostics.has_errors(), "{:?}", loaded.diagnostics);
    let include: Vec<String> = include.iter().map(|s| (*s).to_owned()).collect();
    match DefGraph::build(&loaded.catalog, &include) {
        Ok(g) => g,
        Err(e) => panic!("{e}"),
    }
}

const NODE: &str = r##"{"lexicon": 1, "id": "com.example.node", "defs": {
  "main": {"type": "object", "properties": {
    "next": {"type": "ref", "ref": "#main"},
    "kids": {"type": "array", "items": {"type": "union", "refs": ["com.example.leaf"]}}}}}}"##;
const LEAF: &str = r#"{"lexicon": 1, "id": "com.example.leaf", "defs": {"main": {"type": "object", "properties": {}}}}"#;
const GET: &str = r#"{"lexicon": 1, "id": "com.example.get", "defs": {"main": {"type": "query",
  "output": {"encoding": "application/json", "schema": {"type": "ref", "ref": "com.example.node"}}}}}"#;

#[test]
fn roles_cycles_and_order() {
    let g = graph(&[("get", GET), ("node", NODE), ("leaf", LEAF)], &[]);
    let ids: Vec<&str> = g.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(
        ids,
        ["com.example.get", "com.example.leaf", "com.example.node"]
    );
    let edges: Vec<(usize, usize, Role, bool)> = g
        .edges
        .iter()
        .map(|e| (e.from, e.to, e.role, e.in_cycle))
        .collect();
    assert_eq!(
        edges,
        [
            (0, 2, Role::Output, false),
            (2, 1, Role::Union, false),
            (2, 2, Role::Ref, true)
        ]
    );
    assert_eq!(g.cycles, [vec![2]]);
    assert_eq!(g.nodes.get(2).and_then(|n| n.cycle), Some(0));
}

#[test]
fn include_keeps_what_matched_lexicons_reach() {
    let g = graph(
        &[("get", GET), ("node", NODE), ("leaf", LEAF)],
        &["com.example.node"],
    );
    let ids: Vec<&str> = g.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["com.example.leaf", "com.example.node"]);
    let loaded = load_sources([("leaf", LEAF)]);
    assert!(DefGraph::build(&loaded.catalog, &["org.none.*".to_owned()]).is_err());
}

#[test]
fn renderers_escape_and_mark_cycles() {
    let g = graph(&[("get", GET), ("node", NODE), ("leaf", LEAF)], &[]);
    let dot = to_dot(&g);
    assert!(
        dot.contains("\"com.example.node\" -> \"com.example.node\" [color=red"),
        "{dot}"
    );
    assert!(dot.contains("[label=\"union\", style=dashed]"), "{dot}");
    let mermaid = to_mermaid(&g);
    assert!(mermaid.contains("n0 -->|output| n2"), "{mermaid}");
    assert!(mermaid.contains("class n2 cycle"), "{mermaid}");
    assert!(mermaid.contains("linkStyle 2 "), "{mermaid}");
    let json = to_json(&g);
    let value: serde_json::Value = match serde_json::from_str(&json) {
        Ok(v) => v,
        Err(e) => panic!("{e}: {json}"),
    };
    assert_eq!(value["cycles"], serde_json::json!([["com.example.node"]]));
    assert_eq!(
        crate::syntax::format::format_json(&json).ok().as_deref(),
        Some(json.as_str())
    );
}
