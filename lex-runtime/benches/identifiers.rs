//! Parsing throughput of the string formats over realistic inputs: `validate` (the
//! non-allocating check the dynamic validator calls per string) and `parse` (validate and
//! build the owned value).
//!
//! Run: `cargo bench -p lex-runtime --bench identifiers`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use lex_runtime::{
    AtIdentifier, AtUri, Datetime, Did, Handle, Language, Nsid, RecordKey, SyntaxError, Tid, Uri,
};

/// (name, inputs): a few values of the shape seen in real records, cycled through so the
/// branch predictor cannot memorise one string.
fn cases() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        (
            "did",
            vec![
                "did:plc:ewvi7nxzyoun6zhxrhs64oiz",
                "did:plc:z72i7hdynmk6r22z27h6tvur",
                "did:web:feed.example.com",
            ],
        ),
        (
            "handle",
            vec!["alice.bsky.social", "jay.bsky.team", "xn--ls8h.test"],
        ),
        (
            "at-identifier",
            vec!["did:plc:ewvi7nxzyoun6zhxrhs64oiz", "alice.bsky.social"],
        ),
        (
            "nsid",
            vec![
                "app.bsky.feed.post",
                "com.atproto.repo.strongRef",
                "chat.bsky.convo.defs",
            ],
        ),
        (
            "at-uri",
            vec![
                "at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3k2a4ozkv5k2c",
                "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.generator/whats-hot",
                "at://alice.bsky.social",
            ],
        ),
        ("record-key", vec!["3k2a4ozkv5k2c", "self", "whats-hot"]),
        (
            "tid",
            vec!["3k2a4ozkv5k2c", "3jzfcijpj2z2a", "3lbqz7rdkf22s"],
        ),
        (
            "datetime",
            vec![
                "2024-11-26T01:04:33.123Z",
                "2023-02-28T23:59:59.999999Z",
                "1985-04-12T23:20:50.123-07:00",
            ],
        ),
        ("language", vec!["en", "pt-BR", "zh-Hant-TW"]),
        (
            "uri",
            vec![
                "https://example.com/some/path?q=1",
                "https://cdn.bsky.app/img/feed_thumbnail/plain/did:plc:abc/bafkrei@jpeg",
            ],
        ),
    ]
}

fn validate_fn(name: &str) -> fn(&str) -> Result<(), SyntaxError> {
    match name {
        "did" => Did::validate,
        "handle" => Handle::validate,
        "at-identifier" => AtIdentifier::validate,
        "nsid" => Nsid::validate,
        "at-uri" => AtUri::validate,
        "record-key" => RecordKey::validate,
        "tid" => Tid::validate,
        "datetime" => Datetime::validate,
        "language" => Language::validate,
        _ => Uri::validate,
    }
}

/// Parses into the owned type and drops it (allocation included).
fn parse_fn(name: &str) -> fn(&str) -> bool {
    match name {
        "did" => |s| s.parse::<Did>().is_ok(),
        "handle" => |s| s.parse::<Handle>().is_ok(),
        "at-identifier" => |s| s.parse::<AtIdentifier>().is_ok(),
        "nsid" => |s| s.parse::<Nsid>().is_ok(),
        "at-uri" => |s| s.parse::<AtUri>().is_ok(),
        "record-key" => |s| s.parse::<RecordKey>().is_ok(),
        "tid" => |s| s.parse::<Tid>().is_ok(),
        "datetime" => |s| s.parse::<Datetime>().is_ok(),
        "language" => |s| s.parse::<Language>().is_ok(),
        _ => |s| s.parse::<Uri>().is_ok(),
    }
}

fn bench(c: &mut Criterion) {
    for (name, inputs) in cases() {
        let validate = validate_fn(name);
        let parse = parse_fn(name);
        for s in &inputs {
            assert!(validate(s).is_ok() && parse(s), "{name}: {s}");
        }
        let mut group = c.benchmark_group(name);
        let mut i = 0;
        group.bench_function("validate", |b| {
            b.iter(|| {
                i = (i + 1) % inputs.len();
                validate(black_box(inputs.get(i).copied().unwrap_or_default()))
            })
        });
        group.bench_function("parse", |b| {
            b.iter(|| {
                i = (i + 1) % inputs.len();
                parse(black_box(inputs.get(i).copied().unwrap_or_default()))
            })
        });
        group.finish();
    }
    c.bench_function("tid/now", |b| b.iter(Tid::now));
    c.bench_function("datetime/parse_lenient", |b| {
        b.iter(|| Datetime::parse_lenient(black_box("1985-04-12 23:20:50.123")))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
