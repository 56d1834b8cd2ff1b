//! `lex explain`: a rule's documentation, the rule list, and unknown ids.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::process::Output;

/// Runs `lex args`.
fn lex(args: &[&str]) -> Output {
    common::lex(Path::new("."), args)
}

#[test]
fn prints_the_rule_doc() {
    let out = lex(&["explain", "unlimited-string"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("unlimited-string (lex::lint::unlimited-string)\n"),
        "{text}"
    );
    for heading in ["## What it does", "## Why is this bad?", "## Example"] {
        assert!(text.contains(heading), "{text}");
    }
    let out = lex(&["explain", "type-change"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("breaking rule, default level error"));
}

#[test]
fn unknown_rule_suggests_a_close_one() {
    let out = lex(&["explain", "unlimted-string"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("unknown rule `unlimted-string`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("did you mean `unlimited-string`?"),
        "{stderr}"
    );
}

#[test]
fn list_names_every_rule_and_category() {
    let out = lex(&["explain", "--list"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for id in [
        "schema-json-parse",
        "unspecified-encoding",
        "irregular-pagination",
        "ref-change",
        "error-removed",
    ] {
        assert!(text.contains(id), "{id} missing from\n{text}");
    }
    assert!(text.contains("codegen"), "{text}");
    assert_eq!(lex(&["explain"]).status.code(), Some(2));
}
