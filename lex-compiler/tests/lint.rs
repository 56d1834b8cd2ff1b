//! Lint rules against their fixtures: `fixtures/lint/<rule-id>/lex.toml` enables only that
//! rule, `lexicons/` holds the documents; the findings are rendered through miette
//! (unicode, no colour, width 80) into one snapshot per rule. A meta-test checks every
//! registered rule has documentation, a fixture and a snapshot.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use lex_compiler::check::lex_toml::CheckConfig;
use lex_compiler::check::lint;
use lex_compiler::check::rule::Finding;
use lex_compiler::check::selection::select;
use miette::{GraphicalReportHandler, GraphicalTheme};

/// Every `*.json` under `dir`, named relative to `base` with `/` separators.
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

pub(crate) fn render(findings: &[Finding]) -> String {
    let handler =
        GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_width(80);
    let mut out = String::new();
    for f in findings {
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
    out
}

fn lint_fixture(config_path: &Path) -> (String, Vec<Finding>) {
    let dir = config_path.parent().unwrap();
    let rule = dir.file_name().unwrap().to_string_lossy().into_owned();
    let text = std::fs::read_to_string(config_path).unwrap();
    let config = CheckConfig::parse("lex.toml", &text).unwrap();
    let selection = select(
        &config,
        &config.lint,
        "lint",
        lint::registry(),
        lint::categories(),
    )
    .unwrap();
    let mut files = Vec::new();
    sources(dir, &dir.join("lexicons"), &mut files);
    let loaded = lex_compiler::load_sources(files);
    (rule, lint::lint(&loaded, &selection))
}

#[test]
fn lint_fixtures() {
    insta::glob!("fixtures/lint/*/lex.toml", |path| {
        let (rule, findings) = lint_fixture(path);
        assert!(!findings.is_empty(), "fixture {rule} produced no finding");
        for f in &findings {
            assert_eq!(
                f.rule, rule,
                "fixture {rule} produced a finding of {}",
                f.rule
            );
        }
        insta::assert_snapshot!(render(&findings));
    });
}

#[test]
fn every_rule_is_documented_with_fixture_and_snapshot() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut seen = std::collections::BTreeSet::new();
    for e in lint::registry() {
        let id = e.info.id;
        assert!(seen.insert(id), "duplicate rule id {id}");
        assert!(
            !id.is_empty()
                && id.split('-').all(|p| !p.is_empty()
                    && p.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
            "{id} is not kebab-case"
        );
        assert_eq!(e.info.code, format!("lex::lint::{id}"));
        let doc = e.info.documentation();
        for heading in ["## What it does", "## Why is this bad?", "## Example"] {
            assert!(doc.contains(heading), "{id}: doc lacks `{heading}`");
        }
        let fixture = root.join("fixtures/lint").join(id).join("lex.toml");
        assert!(fixture.is_file(), "{id}: no fixture {}", fixture.display());
        let snapshot = root
            .join("snapshots")
            .join(format!("lint__lint_fixtures@{id}__lex.toml.snap"));
        assert!(
            snapshot.is_file(),
            "{id}: no snapshot {}",
            snapshot.display()
        );
        let file = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/check/lint/rules")
            .join(format!("{}.rs", id.replace('-', "_")));
        assert!(file.is_file(), "{id}: no rule file {}", file.display());
    }
}
