//! `lex graph` end to end: each format on the project's example lexicons and on a fixture
//! with cycles (snapshots), `--include`, and the exit codes.

mod common;

use std::process::Output;

use common::repo;

/// Runs `lex args` at the workspace root.
fn lex(args: &[&str]) -> Output {
    common::lex(&repo(), args)
}

fn graph(args: &[&str]) -> String {
    let mut all = vec!["graph"];
    all.extend_from_slice(args);
    let out = lex(&all);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{all:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const CYCLE: &str = "lex-cli/tests/fixtures/graph-cycle";

#[test]
fn example_lexicons_in_every_format() {
    for format in ["dot", "mermaid", "json"] {
        insta::assert_snapshot!(
            format!("examples_{format}"),
            graph(&["--format", format, "lexicons"])
        );
    }
}

#[test]
fn cycles_in_every_format() {
    for format in ["dot", "mermaid", "json"] {
        insta::assert_snapshot!(
            format!("cycle_{format}"),
            graph(&["--format", format, CYCLE])
        );
    }
}

#[test]
fn dot_is_the_default_and_output_is_deterministic() {
    let first = graph(&[CYCLE]);
    assert!(first.starts_with("digraph lexicons {"), "{first}");
    assert_eq!(graph(&[CYCLE]), first);
    // The same files named in another order give the same graph.
    let dir = format!("{CYCLE}/com/example/cycle");
    let files = ["walk", "node", "watch", "edge"].map(|f| format!("{dir}/{f}.json"));
    let mut args: Vec<&str> = files.iter().map(String::as_str).collect();
    assert_eq!(graph(&args), first);
    args.reverse();
    assert_eq!(graph(&args), first);
}

#[test]
fn json_marks_cycles_and_roles() {
    let text = graph(&["--format", "json", CYCLE]);
    let value: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => panic!("not JSON: {e}\n{text}"),
    };
    assert_eq!(
        value["cycles"],
        serde_json::json!([["com.example.cycle.edge", "com.example.cycle.node"]])
    );
    let edges = value["edges"].as_array().cloned().unwrap_or_default();
    let has = |from: &str, to: &str, role: &str, in_cycle: bool| {
        edges.iter().any(|e| {
            e["from"] == from && e["to"] == to && e["role"] == role && e["inCycle"] == in_cycle
        })
    };
    assert!(has(
        "com.example.cycle.node",
        "com.example.cycle.node",
        "ref",
        true
    ));
    assert!(has(
        "com.example.cycle.walk",
        "com.example.cycle.node",
        "input",
        false
    ));
    assert!(has(
        "com.example.cycle.walk",
        "com.example.cycle.edge",
        "output",
        false
    ));
    assert!(has(
        "com.example.cycle.watch",
        "com.example.cycle.watch#changed",
        "message",
        false
    ));
    assert!(has(
        "com.example.cycle.node",
        "com.example.cycle.node#text",
        "union",
        false
    ));
}

#[test]
fn include_keeps_matches_and_what_they_reference() {
    let text = graph(&[
        "--format",
        "json",
        "--include",
        "com.example.cycle.walk",
        CYCLE,
    ]);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    let ids: Vec<String> = value["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|n| n["id"].as_str().unwrap_or_default().to_owned())
        .collect();
    // `watch` refers to the node but nothing `walk` reaches refers to `watch`.
    assert_eq!(
        ids,
        [
            "com.example.cycle.edge",
            "com.example.cycle.edge#weight",
            "com.example.cycle.node",
            "com.example.cycle.node#text",
            "com.example.cycle.walk"
        ]
    );
}

#[test]
fn exit_codes() {
    let out = lex(&["graph", "--include", "org.nothing.*", CYCLE]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("org.nothing.*"));
    assert!(out.stdout.is_empty());

    let out = lex(&["graph", "lex-cli/tests/fixtures/does-not-exist"]);
    assert_eq!(out.status.code(), Some(2));

    let out = lex(&["graph", "lex-compiler/tests/fixtures/broken"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.is_empty(),
        "a graph of lexicons that do not load"
    );
}
