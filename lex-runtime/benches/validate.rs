//! Dynamic validation of 10,000 real-shaped posts (`bench-data/posts-10k.jsonl`) against
//! `app.bsky.feed.post`, loaded at run time from the corpus with every lexicon it
//! references, transitively.
//!
//! * `values`: validation only, from already parsed `Value`s (target >= 1,000,000 records/s
//!   on one core);
//! * `json`: JSON text parsed into `Value` and validated (target >= 300,000 records/s).
//!
//! `cargo bench -p lex-runtime --bench validate`. The shared folder is `$LEX_SHARED_DIR`
//! (default `<repo>/../shared`); without it the benchmark prints why and does nothing.
//! Criterion reports the throughput in elements (records) per second. Before criterion
//! runs, each mode prints records per CPU-second of its thread (`VALIDATE_ONLY=values` or
//! `json` runs one of them alone, for a profiler; `--bench <no match>` skips criterion).
//! `ts/compare.sh` runs this side by side with the TypeScript validator (`ts/README.md`).

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::collections::{BTreeMap, BTreeSet};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use lex_runtime::schema::{Document, Schema};
use lex_runtime::validate::SchemaSet;
use lex_runtime::{json, Value};

fn shared_dir() -> PathBuf {
    lex_testdata::shared_dir()
}

/// Every reference string of a schema tree.
fn refs(schema: &Schema, out: &mut Vec<String>) {
    let mut each = |s: &Schema| refs(s, out);
    match schema {
        Schema::Ref(r) => out.push(r.target.clone()),
        Schema::Union(u) => out.extend(u.refs.iter().cloned()),
        Schema::Array(a) => each(&a.items),
        Schema::Object(o) => o.properties.values().for_each(each),
        Schema::Params(p) => p.properties.values().for_each(each),
        Schema::Record(r) => each(&r.record),
        Schema::Query(q) => {
            q.parameters.iter().for_each(|p| each(p));
            q.output
                .iter()
                .filter_map(|b| b.schema.as_deref())
                .for_each(each);
        }
        Schema::Procedure(p) => {
            p.parameters.iter().for_each(|s| each(s));
            p.input
                .iter()
                .chain(&p.output)
                .filter_map(|b| b.schema.as_deref())
                .for_each(each);
        }
        Schema::Subscription(s) => {
            s.parameters.iter().for_each(|p| each(p));
            s.message
                .iter()
                .filter_map(|m| m.schema.as_deref())
                .for_each(each);
        }
        _ => {}
    }
}

/// `root` and every document it references, transitively, from the corpus folder.
fn load_closure(corpus: &Path, root: &str) -> Vec<Document> {
    let mut docs = BTreeMap::new();
    let mut todo = vec![root.to_owned()];
    let mut seen = BTreeSet::new();
    while let Some(nsid) = todo.pop() {
        if !seen.insert(nsid.clone()) {
            continue;
        }
        let path = corpus.join(nsid.replace('.', "/")).with_extension("json");
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let doc = Document::from_json_str(&text).unwrap();
        let mut found = Vec::new();
        doc.defs.values().for_each(|s| refs(s, &mut found));
        for r in found {
            let target = r.split('#').next().unwrap_or("");
            if !target.is_empty() {
                todo.push(target.to_owned());
            }
        }
        docs.insert(nsid, doc);
    }
    docs.into_values().collect()
}

fn bench(c: &mut Criterion) {
    let shared = shared_dir();
    let posts_file = shared.join("bench-data/posts-10k.jsonl");
    let Ok(text) = std::fs::read_to_string(&posts_file) else {
        eprintln!(
            "skipping: {} is missing (set LEX_SHARED_DIR)",
            posts_file.display()
        );
        return;
    };
    let docs = load_closure(&shared.join("corpus/atproto"), "app.bsky.feed.post");
    let set = SchemaSet::from_documents(&docs).unwrap();
    let post = set.def("app.bsky.feed.post").unwrap();
    let validator = set.validator();

    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let values: Vec<Value> = lines.iter().map(|l| json::from_str(l).unwrap()).collect();
    let invalid = values
        .iter()
        .filter(|v| validator.validate(post, v).is_err())
        .count();
    eprintln!(
        "{} lexicons loaded, {} posts, {invalid} invalid",
        docs.len(),
        values.len()
    );
    assert_eq!(invalid, 0, "every benchmark post must be valid");

    // The machine may be shared: criterion measures wall time, which includes time spent
    // waiting for a core. On Linux, also report throughput per second of *CPU* time of this
    // thread (from /proc/thread-self/schedstat), which other processes do not inflate.
    cpu_time_report("values", values.len(), || {
        for v in &values {
            black_box(validator.validate(post, black_box(v)).is_ok());
        }
    });
    cpu_time_report("json", lines.len(), || {
        for line in &lines {
            black_box(validator.validate_json(post, black_box(line)).is_ok());
        }
    });

    let mut group = c.benchmark_group("validate_post");
    group.throughput(Throughput::Elements(values.len() as u64));
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("values", |b| {
        b.iter(|| {
            for v in &values {
                black_box(validator.validate(post, black_box(v)).is_ok());
            }
        })
    });
    group.bench_function("json", |b| {
        b.iter(|| {
            for line in &lines {
                black_box(validator.validate_json(post, black_box(line)).is_ok());
            }
        })
    });
    group.finish();
}

/// Nanoseconds this thread has spent on a CPU, if the kernel says.
fn thread_cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// Runs `pass` (one pass over `records` records) for about two seconds of wall time and
/// prints records per CPU-second and per wall-second.
fn cpu_time_report(name: &str, records: usize, mut pass: impl FnMut()) {
    // `VALIDATE_ONLY=values` runs one report alone (for a profiler).
    if std::env::var("VALIDATE_ONLY").is_ok_and(|only| only != name) {
        return;
    }
    pass(); // warm up
    let (Some(cpu0), wall0) = (thread_cpu_ns(), std::time::Instant::now()) else {
        return;
    };
    let mut passes = 0u64;
    while wall0.elapsed() < Duration::from_secs(2) || passes < 3 {
        pass();
        passes += 1;
    }
    let wall = wall0.elapsed().as_secs_f64();
    let Some(cpu1) = thread_cpu_ns() else { return };
    let cpu = (cpu1 - cpu0) as f64 / 1e9;
    let total = (passes * records as u64) as f64;
    eprintln!(
        "validate_post/{name}: {:.0} records per CPU-second, {:.0} per wall-second",
        total / cpu,
        total / wall
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
