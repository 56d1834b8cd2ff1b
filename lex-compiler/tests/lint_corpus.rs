//! The official corpus through every lint rule: the number of findings per rule and level
//! is a snapshot, so a change in a rule's precision shows up in review. (The findings are
//! defended in the rules' docs; `unlimited-string` is `info` outside record data because
//! cursors, ids and queries in the official API have no limits by design.)

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use lex_compiler::check::lint;
use lex_compiler::check::selection::Selection;

fn corpus_dir() -> Option<PathBuf> {
    lex_testdata::corpus()
}

#[test]
fn corpus_findings_per_rule() {
    let Some(dir) = corpus_dir() else { return };
    let loaded = lex_compiler::load_paths(&[&dir]);
    assert_eq!(loaded.catalog.document_count(), 402);
    let findings = lint::lint(&loaded, &Selection::all(lint::registry()));
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for f in &findings {
        *counts.entry((f.rule, f.level.name())).or_default() += 1;
    }
    let mut out = String::new();
    for ((rule, level), n) in &counts {
        out.push_str(&format!("{rule} [{level}]: {n}\n"));
    }
    insta::assert_snapshot!(out);
}
