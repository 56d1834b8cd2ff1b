//! `lex data` against inputs that used to round-trip dishonestly or be read whole:
//! records over the DAG-CBOR limit, DAG-CBOR that is not a map, oversized input, and the
//! `--input-format` flag (JSON lines included).

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{assert_exit, lex_with_input, show, sparse_file, text};

/// Runs `lex args` with `stdin` as standard input.
fn lex(args: &[&str], stdin: &[u8]) -> Output {
    lex_with_input(Path::new("."), args, stdin)
}

/// A fresh scratch folder for one test.
fn scratch_dir(test: &str) -> PathBuf {
    common::scratch_dir("lex-data-hostile", test)
}

fn record(text_len: usize) -> String {
    format!(
        r#"{{"$type": "com.example.note", "text": "{}"}}"#,
        "x".repeat(text_len)
    )
}

/// A 1.5 MB JSON record is under the 2 MiB JSON limit but over the 1 MiB DAG-CBOR one:
/// no command writes it (to-json and cid refused its DAG-CBOR form before).
#[test]
fn records_over_the_cbor_limit_are_never_written() {
    let dir = scratch_dir("over");
    let big = record(3 << 19);
    let out_file = dir.join("out.cbor");
    let out_name = out_file.display().to_string();
    for args in [
        vec!["data", "to-cbor", "-"],
        vec!["data", "to-cbor", "-o", &out_name, "-"],
        vec!["data", "cid", "-"],
        vec!["data", "to-json", "-"],
    ] {
        let out = lex(&args, big.as_bytes());
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", show(&out));
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(
            text(&out.stderr)
                .contains("as DAG-CBOR the record is larger than the limit of 1048576 bytes"),
            "{args:?}: {}",
            show(&out)
        );
    }
    assert!(!out_file.exists(), "a refused record left {out_name}");

    // Just under the limit, it is written, and reads back.
    let fits = record((1 << 20) - 64);
    let cbor = lex(&["data", "to-cbor", "-"], fits.as_bytes());
    assert_exit(&cbor, 0);
    let back = lex(&["data", "to-json", "--compact", "-"], &cbor.stdout);
    assert_exit(&back, 0);
}

#[test]
fn dag_cbor_that_is_not_a_map_is_reported_as_dag_cbor() {
    for bytes in [&b"\x82\x01\x02"[..], b"\x01", b"\x60"] {
        let out = lex(&["data", "to-json", "-"], bytes);
        let stderr = text(&out.stderr);
        assert_exit(&out, 2);
        assert!(stderr.contains("invalid DAG-CBOR record"), "{stderr}");
        assert!(!stderr.contains("JSON"), "{stderr}");
    }
}

#[test]
fn input_format_flag_and_json_lines() {
    let one = r#"{"$type": "com.example.note", "text": "hi"}"#;
    let two = r#"{"text": "second", "$type": "com.example.note"}"#;
    let cid_of = |record: &str| text(&lex(&["data", "cid", "-"], record.as_bytes()).stdout);
    let lines = format!("{one}\n\n{two}\n");

    // Detected from content, and forced: one CID per line, equal to each record's CID.
    for args in [
        vec!["data", "cid", "-"],
        vec!["data", "cid", "--jsonl", "-"],
        vec!["data", "cid", "--input-format", "jsonl", "-"],
    ] {
        let out = lex(&args, lines.as_bytes());
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", show(&out));
        assert_eq!(text(&out.stdout), cid_of(one) + &cid_of(two), "{args:?}");
    }

    // to-cbor of JSON lines is the records one after the other; to-json stays one per line.
    let cbor = lex(&["data", "to-cbor", "--jsonl", "-"], lines.as_bytes());
    let each: Vec<u8> = [one, two]
        .iter()
        .flat_map(|r| lex(&["data", "to-cbor", "-"], r.as_bytes()).stdout)
        .collect();
    assert_eq!(cbor.stdout, each);
    let json = lex(&["data", "to-json", "--jsonl", "-"], lines.as_bytes());
    assert_eq!(
        text(&json.stdout),
        // Canonical key order: shorter keys first.
        "{\"text\":\"hi\",\"$type\":\"com.example.note\"}\n{\"text\":\"second\",\"$type\":\"com.example.note\"}\n"
    );

    // A bad line names its line number.
    let bad = lex(
        &["data", "cid", "--jsonl", "-"],
        format!("{one}\n[1]\n").as_bytes(),
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("<stdin>:2: invalid JSON record"),
        "{}",
        show(&bad)
    );

    // An explicit format is obeyed: JSON read as DAG-CBOR is bad DAG-CBOR, and back.
    let as_cbor = lex(
        &["data", "cid", "--input-format", "cbor", "-"],
        one.as_bytes(),
    );
    assert_eq!(as_cbor.status.code(), Some(2));
    assert!(text(&as_cbor.stderr).contains("invalid DAG-CBOR record"));
    let cbor_one = lex(&["data", "to-cbor", "-"], one.as_bytes()).stdout;
    let as_json = lex(&["data", "cid", "--input-format", "json", "-"], &cbor_one);
    assert_eq!(as_json.status.code(), Some(2));
    assert!(text(&as_json.stderr).contains("invalid JSON record"));
}

#[test]
fn oversized_input_is_refused_before_reading() {
    let dir = scratch_dir("oversized");
    // 200 MB, sparse: refused by its size.
    let huge = dir.join("huge.json");
    sparse_file(&huge, 200 << 20);
    let huge = huge.display().to_string();
    let out = lex(&["data", "cid", "--input-format", "json", &huge], b"");
    assert_exit(&out, 2);
    assert!(text(&out.stderr).contains("larger than the limit of 2097152 bytes"));
    let out = lex(&["data", "cid", "--input-format", "cbor", &huge], b"");
    assert!(text(&out.stderr).contains("larger than the limit of 1048576 bytes"));

    // Standard input: read one byte past the limit, then refused.
    let big = record(3 << 20);
    let out = lex(&["data", "to-cbor", "-"], big.as_bytes());
    assert_exit(&out, 2);
    assert!(
        text(&out.stderr).contains("<stdin>: record is larger than the limit of 2097152 bytes"),
        "{}",
        show(&out)
    );
}
