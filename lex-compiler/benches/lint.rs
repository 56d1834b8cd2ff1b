//! Lint speed on the official corpus: parse + schema checks + resolve + every lint rule
//! over all 402 lexicons of `$LEX_SHARED_DIR/corpus/atproto` (default `<repo>/../shared`).
//! The target is under 100 ms for the whole `lex lint` run.
//!
//! Also: one lexicon with 5k, 10k and 20k findings, linted and located the way the CLI
//! reports them (line and column of each finding); this used to be quadratic.
//!
//! Run with `cargo bench -p lex-compiler --bench lint`.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion};
use lex_compiler::check::lint;
use lex_compiler::check::selection::Selection;

fn corpus_dir() -> PathBuf {
    lex_testdata::shared_dir().join("corpus/atproto")
}

/// Every lexicon of the corpus as (name, text), read once so that the benchmark times
/// the compiler rather than the disk.
fn read_corpus(dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            read_corpus(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            if let Ok(text) = std::fs::read_to_string(&path) {
                out.push((path.display().to_string(), text));
            }
        }
    }
}

/// One object with `n` string fields that set no length limit: `n` findings in one file.
fn wide(n: usize) -> String {
    let props: Vec<String> = (0..n)
        .map(|i| format!("      \"field{i}\": {{ \"type\": \"string\" }}"))
        .collect();
    format!(
        "{{\n  \"lexicon\": 1,\n  \"id\": \"com.example.wide\",\n  \"defs\": {{ \"main\": {{\n    \"type\": \"object\", \"description\": \"Wide.\",\n    \"properties\": {{\n{}\n    }}\n  }} }}\n}}\n",
        props.join(",\n")
    )
}

fn findings(c: &mut Criterion) {
    let all = Selection::all(lint::registry());
    let mut group = c.benchmark_group("lint findings in one file (rules + positions)");
    group.sample_size(10);
    for n in [5_000, 10_000, 20_000] {
        let loaded = lex_compiler::load_sources([("wide.json", wide(n))]);
        group.bench_function(format!("{n}"), |b| {
            b.iter(|| {
                let findings = lint::lint(&loaded, &all);
                let mut locator = lex_compiler::diagnostics::Locator::new();
                let located = findings
                    .iter()
                    .filter_map(|f| locator.position(&f.diagnostic))
                    .count();
                assert!(located >= n);
                located
            })
        });
    }
    group.finish();
}

fn bench(c: &mut Criterion) {
    let mut sources = Vec::new();
    read_corpus(&corpus_dir(), &mut sources);
    if sources.is_empty() {
        eprintln!("skipping: no corpus at {}", corpus_dir().display());
        return;
    }
    let all = Selection::all(lint::registry());
    c.bench_function("lint corpus (load + all rules)", |b| {
        b.iter(|| {
            let loaded = lex_compiler::load_sources(sources.iter().map(|(n, t)| (n, t)));
            lint::lint(&loaded, &all).len()
        })
    });
    let loaded = lex_compiler::load_sources(sources.iter().map(|(n, t)| (n, t)));
    c.bench_function("lint corpus (rules only)", |b| {
        b.iter(|| lint::lint(&loaded, &all).len())
    });
}

criterion_group!(benches, bench, findings);
criterion_main!(benches);
