//! `lex check` end to end: exit codes, the summary line and the JSON findings.

mod common;

use std::process::Output;

use common::{assert_exit, repo, shared_path};

/// Runs `lex args` at the workspace root.
fn lex(args: &[&str]) -> Output {
    common::lex(&repo(), args)
}

#[test]
fn the_project_lexicons_are_valid() {
    let out = lex(&["check", "lexicons"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains(": 0 errors"), "{stdout}");
}

#[test]
fn a_broken_folder_exits_1_with_every_finding_as_json() {
    let out = lex(&[
        "check",
        "lex-compiler/tests/fixtures/broken",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let findings: serde_json::Value = match serde_json::from_slice(&out.stdout) {
        Ok(v) => v,
        Err(e) => panic!("stdout is not JSON: {e}"),
    };
    let findings = findings.as_array().cloned().unwrap_or_default();
    assert_eq!(findings.len(), 10, "{findings:#?}");
    let unknown = findings
        .iter()
        .find(|f| f["code"] == "lex::resolve::unknown-ref" && f["line"] == 11)
        .cloned()
        .unwrap_or_default();
    assert_eq!(unknown["column"], 44);
    assert_eq!(
        unknown["file"],
        "lex-compiler/tests/fixtures/broken/unknown_ref.json"
    );
    assert_eq!(unknown["pointer"], "/defs/main/record/properties/reply/ref");
}

#[test]
fn a_missing_path_is_a_usage_error() {
    let out = lex(&["check", "no/such/folder"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/folder does not exist"));
}

#[test]
fn the_official_corpus_checks_clean() {
    let corpus = shared_path("corpus/atproto");
    let Some(corpus) = corpus else { return };
    let out = lex(&["check", &corpus.display().to_string()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_exit(&out, 0);
    assert!(stdout.contains("checked 402 lexicons"), "{stdout}");
}
