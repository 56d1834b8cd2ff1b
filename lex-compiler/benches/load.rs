//! Front-end speed on the official corpus: parse + schema checks + resolve of all 402
//! lexicons of `../shared/corpus/atproto` (`$LEX_CORPUS_DIR` overrides the folder).
//!
//! Run with `cargo bench -p lex-compiler --bench load`. The target is well under 100 ms.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion};

fn corpus_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("LEX_CORPUS_DIR") {
        return PathBuf::from(dir);
    }
    lex_testdata::shared_dir().join("corpus/atproto")
}

/// Every lexicon of the corpus as (name, text), read once so the benchmark times the
/// compiler rather than the disk.
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

fn bench(c: &mut Criterion) {
    let dir = corpus_dir();
    let mut sources = Vec::new();
    read_corpus(&dir, &mut sources);
    if sources.is_empty() {
        eprintln!("skipping: no lexicons under {}", dir.display());
        return;
    }
    let loaded = lex_compiler::load_sources(sources.iter().map(|(n, t)| (n, t)));
    assert!(
        !loaded.diagnostics.has_errors(),
        "the corpus must load clean"
    );
    c.bench_function(
        "corpus: parse + check + resolve (402 lexicons, in memory)",
        |b| b.iter(|| lex_compiler::load_sources(sources.iter().map(|(n, t)| (n, t)))),
    );
    c.bench_function("corpus: load_paths (402 files, from disk)", |b| {
        b.iter(|| lex_compiler::load_paths(&[&dir]))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
