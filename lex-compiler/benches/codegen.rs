//! Load + check + emit of the corpus (`$LEX_SHARED_DIR/corpus/atproto`, default
//! `../shared`). Goal: <= 150 ms. Peak memory: `/usr/bin/time -v lex build --lexicons
//! <corpus> --out /tmp/out` (goal <= 40 MiB).

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};

fn corpus() -> PathBuf {
    std::env::var_os("LEX_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"))
        .join("corpus/atproto")
}

fn bench(c: &mut Criterion) {
    let dir = corpus();
    if !dir.is_dir() {
        eprintln!("skipping: no corpus at {}", dir.display());
        return;
    }
    let mut group = c.benchmark_group("corpus");
    group.sample_size(10);
    group.bench_function("load_check", |b| {
        b.iter(|| lex_compiler::load_paths(&[&dir]))
    });
    let loaded = lex_compiler::load_paths(&[&dir]);
    group.bench_function("emit", |b| {
        b.iter(|| lex_compiler::Config::new().generate_catalog(&loaded.catalog))
    });
    group.bench_function("load_check_emit", |b| {
        b.iter(|| lex_compiler::Config::new().generate(&[&dir]))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
