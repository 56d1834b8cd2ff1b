//! Lint speed on the official corpus: parse + schema checks + resolve + every lint rule
//! over all 402 lexicons of `$LEX_SHARED_DIR/corpus/atproto` (default `<repo>/../shared`).
//! The target is under 100 ms for the whole `lex lint` run.
//!
//! Run with `cargo bench -p lex-compiler --bench lint`.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion};
use lex_compiler::check::config::Selection;
use lex_compiler::check::lint;

fn corpus_dir() -> PathBuf {
    let shared = std::env::var_os("LEX_SHARED_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared"),
        PathBuf::from,
    );
    shared.join("corpus/atproto")
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

criterion_group!(benches, bench);
criterion_main!(benches);
