//! Breaking rules against fixture pairs: `fixtures/breaking/<name>/{before,after}/`, one
//! pair per rule (only that rule enabled, every finding must be that rule's) plus mixed
//! pairs with their own `lex.toml`. Findings are rendered through miette (unicode, no
//! colour, width 80) into one snapshot per fixture. Also: the official corpus compared
//! with itself reports nothing.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use lex_compiler::check::breaking;
use lex_compiler::check::lex_toml::CheckConfig;
use lex_compiler::check::selection::{select, Selection};
use miette::{GraphicalReportHandler, GraphicalTheme};

fn sources(base: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(base, &path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            let name = path
                .strip_prefix(base)
                .unwrap()
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

fn load(dir: &Path, side: &str) -> lex_compiler::Loaded {
    let mut files = Vec::new();
    sources(dir, &dir.join(side), &mut files);
    lex_compiler::load_sources(files)
}

fn render(breaks: &breaking::Breaks) -> String {
    let handler =
        GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_width(80);
    let mut out = String::new();
    if breaks.findings.is_empty() {
        out.push_str("no findings\n");
    }
    for f in &breaks.findings {
        out.push_str(&format!(
            "{} [{}] {} {}\n",
            f.rule,
            f.level,
            f.nsid.as_deref().unwrap_or("-"),
            f.diagnostic.json_pointer().unwrap_or("-")
        ));
        if let Err(e) = handler.render_report(&mut out, &f.diagnostic) {
            out.push_str(&format!("<render failed: {e}>\n"));
        }
    }
    for (f, reason) in &breaks.accepted {
        out.push_str(&format!(
            "accepted: {} {} {} ({reason})\n",
            f.rule,
            f.nsid.as_deref().unwrap_or("-"),
            f.diagnostic.json_pointer().unwrap_or("-")
        ));
    }
    out
}

fn selection(dir: &Path, name: &str) -> (Selection, bool) {
    let config = dir.join("lex.toml");
    if config.is_file() {
        let text = std::fs::read_to_string(&config).unwrap();
        let config = CheckConfig::parse("lex.toml", &text).unwrap();
        let s = select(
            &config,
            &config.breaking,
            "breaking",
            breaking::registry(),
            breaking::categories(),
        )
        .unwrap();
        (s, false)
    } else {
        (Selection::only(breaking::registry(), name), true)
    }
}

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/breaking");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn breaking_fixtures() {
    for dir in fixtures() {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let old = load(&dir, "before");
        let new = load(&dir, "after");
        assert!(
            !old.diagnostics.has_errors(),
            "{name}/before: {:?}",
            old.diagnostics
        );
        assert!(
            !new.diagnostics.has_errors(),
            "{name}/after: {:?}",
            new.diagnostics
        );
        let (selection, single_rule) = selection(&dir, &name);
        let breaks = breaking::breaking(&old.catalog, &new.catalog, &selection);
        if single_rule {
            assert!(
                !breaks.findings.is_empty(),
                "fixture {name} produced no finding"
            );
            for f in &breaks.findings {
                assert_eq!(
                    f.rule, name,
                    "fixture {name} produced a finding of {}",
                    f.rule
                );
            }
        }
        insta::with_settings!({ snapshot_suffix => name.clone(), prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("breaking", render(&breaks));
        });
    }
}

#[test]
fn every_rule_is_documented_with_fixture_and_snapshot() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut seen = std::collections::BTreeSet::new();
    for e in breaking::registry() {
        let id = e.info.id;
        assert!(seen.insert(id), "duplicate rule id {id}");
        assert!(
            id.split('-')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase())),
            "{id} is not kebab-case"
        );
        assert!(
            lex_compiler::check::lint::rule(id).is_none(),
            "{id} is both a lint and a breaking rule"
        );
        assert_eq!(e.info.code, format!("lex::breaking::{id}"));
        let doc = e.info.documentation();
        for heading in ["## What it does", "## Why is this bad?", "## Example"] {
            assert!(doc.contains(heading), "{id}: doc lacks `{heading}`");
        }
        let fixture = root.join("fixtures/breaking").join(id);
        assert!(
            fixture.join("before").is_dir() && fixture.join("after").is_dir(),
            "{id}: no fixture pair"
        );
        let snapshot = root.join("snapshots").join(format!("breaking@{id}.snap"));
        assert!(
            snapshot.is_file(),
            "{id}: no snapshot {}",
            snapshot.display()
        );
    }
}

fn corpus_dir() -> Option<PathBuf> {
    lex_testdata::corpus()
}

#[test]
fn corpus_against_itself_reports_nothing() {
    let Some(dir) = corpus_dir() else { return };
    let old = lex_compiler::load_paths(&[&dir]);
    let new = lex_compiler::load_paths(&[&dir]);
    assert!(old.catalog.document_count() >= 400);
    let all = Selection::all(breaking::registry());
    let breaks = breaking::breaking(&old.catalog, &new.catalog, &all);
    assert!(breaks.findings.is_empty(), "{}", render(&breaks));
}
