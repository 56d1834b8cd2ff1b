//! Load + check + emit of the corpus (`$LEX_SHARED_DIR/corpus/atproto`, default
//! `../shared`). Goal: <= 150 ms. Peak memory: `/usr/bin/time -v lex build --lexicons
//! <corpus> --out /tmp/out` (goal <= 40 MiB).
//!
//! Figures (2 shared cores, same run, medians): before the streaming/parallel emitter and
//! the runtime's `__object!`/`__union!`: emit 568 ms, load_check_emit 591 ms, 4.8 G
//! instructions (callgrind), `lex build --check` 650 ms wall and 106 MiB peak, output
//! 6.0 MB. After: emit 123 ms, load_check_emit 151 ms, 2.2 G instructions, `lex build
//! --check` 164 ms wall and 30 MiB peak, output 2.7 MB (459 files). syn's parse is still
//! about 40% of the instructions and prettyplease 14%. Build time of the generated crate
//! against atrium-api: `build_compare.sh`.
//!
//! With files read and parsed on every core (this benchmark runs with the system
//! allocator, not the `lex` binary's mimalloc): load_check 10.4 ms, emit 78.6 ms. The whole
//! `lex build` against the TypeScript one: `ts/build_compare.sh`.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};

fn corpus() -> PathBuf {
    lex_testdata::shared_dir().join("corpus/atproto")
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
