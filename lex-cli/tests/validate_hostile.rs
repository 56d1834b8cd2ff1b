//! `lex validate` against inputs that used to get a dishonest verdict or unbounded memory:
//! records of unknown type, partial lexicon sets, DAG-CBOR that is not a map, oversized
//! records and lines, and long JSON lines streams.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{assert_exit, lex_with_input, repo, shared_path, show, sparse_file, text};

/// Runs `lex args` at the workspace root with `stdin` as standard input.
fn lex(args: &[&str], stdin: &[u8]) -> Output {
    lex_with_input(&repo(), args, stdin)
}

/// A fresh scratch folder for one test.
fn scratch_dir(test: &str) -> PathBuf {
    common::scratch_dir("lex-validate-hostile", test)
}

fn write(path: &Path, contents: &[u8]) -> String {
    if let Err(e) = std::fs::write(path, contents) {
        panic!("cannot write {}: {e}", path.display());
    }
    path.display().to_string()
}

/// A record type `com.example.note` (`text` required, `extra` optional and pointing at a
/// lexicon that is not there) and a file that is not a lexicon at all.
fn partial_lexicons(dir: &Path) -> String {
    let lexicons = dir.join("lexicons");
    if let Err(e) = std::fs::create_dir_all(&lexicons) {
        panic!("{e}");
    }
    write(
        &lexicons.join("note.json"),
        br#"{"lexicon": 1, "id": "com.example.note", "defs": {"main": {"type": "record",
          "key": "tid", "record": {"type": "object", "required": ["text"], "properties": {
            "text": {"type": "string"},
            "extra": {"type": "ref", "ref": "com.example.missing#thing"}}}}}}"#,
    );
    write(&lexicons.join("broken.json"), b"{\"lexicon\": 1, \"id\": ");
    lexicons.display().to_string()
}

const NOTE: &str = r#"{"$type": "com.example.note", "text": "hi"}"#;

#[test]
fn a_record_of_unknown_type_is_unvalidated_never_valid() {
    let other = r#"{"$type": "com.example.blog.nothing", "title": 1}"#;
    let out = lex(
        &["validate", "--lexicons", "lexicons", "-"],
        other.as_bytes(),
    );
    let stdout = text(&out.stdout);
    assert_exit(&out, 1);
    assert!(
        stdout.contains("<stdin>: $: not validated: no lexicon defines `com.example.blog.nothing`"),
        "{stdout}"
    );
    assert!(
        stdout.contains("checked 1 records: 0 valid, 0 invalid, 1 unvalidated"),
        "{stdout}"
    );

    let allowed = lex(
        &["validate", "--lexicons", "lexicons", "--allow-unknown", "-"],
        other.as_bytes(),
    );
    assert_exit(&allowed, 0);
    assert!(text(&allowed.stdout).contains("0 valid, 0 invalid, 1 unvalidated"));

    // Mixed with a valid record and an invalid one, each is counted for what it is.
    let post = match std::fs::read_to_string(repo().join("tests/data/records/blog-post.json")) {
        Ok(post) => post.replace('\n', " "),
        Err(e) => panic!("{e}"),
    };
    let lines = format!("{post}\n{other}\n{{\"$type\": \"com.example.blog.post\"}}\n");
    let mixed = lex(
        &[
            "validate",
            "--lexicons",
            "lexicons",
            "--allow-unknown",
            "--jsonl",
            "-",
        ],
        lines.as_bytes(),
    );
    assert_exit(&mixed, 1);
    assert!(
        text(&mixed.stdout).contains("checked 3 records: 1 valid, 1 invalid, 1 unvalidated"),
        "{}",
        show(&mixed)
    );
}

#[test]
fn partial_lexicons_validate_what_resolves() {
    let dir = scratch_dir("partial");
    let lexicons = partial_lexicons(&dir);
    let reaches = r#"{"$type": "com.example.note", "text": "hi", "extra": {"a": 1}}"#;
    let lines = format!("{NOTE}\n{reaches}\n{{\"$type\": \"com.example.note\"}}\n");
    let out = lex(
        &["validate", "--lexicons", &lexicons, "--jsonl", "-"],
        lines.as_bytes(),
    );
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_exit(&out, 1);
    // The record that reaches the missing definition is invalid, naming it.
    assert!(
        stdout.contains("<stdin>:2: $.extra: cannot validate: the schema of reference `com.example.missing#thing` is not loaded"),
        "{stdout}"
    );
    assert!(
        stdout.contains("<stdin>:3: $: missing required property `text`"),
        "{stdout}"
    );
    assert!(
        stdout.contains("checked 3 records: 1 valid, 2 invalid"),
        "{stdout}"
    );
    // Warnings say what did not load: the broken file and the unresolved reference.
    assert!(stderr.contains("warning: "), "{stderr}");
    assert!(stderr.contains("broken.json"), "{stderr}");
    assert!(stderr.contains("com.example.missing#thing"), "{stderr}");

    // A record that never reaches the gap is simply valid.
    let ok = lex(&["validate", "--lexicons", &lexicons, "-"], NOTE.as_bytes());
    assert_exit(&ok, 0);

    // Nothing loadable at all is still a usage error.
    let only_broken = write(&dir.join("only-broken.json"), b"{");
    let none = lex(
        &["validate", "--lexicons", &only_broken, "-"],
        NOTE.as_bytes(),
    );
    assert_exit(&none, 2);
}

/// The interop catalog has an unresolved reference (in its procedure); every record vector
/// must still get its verdict.
#[test]
fn interop_record_vectors_with_the_catalog_alone() {
    let Some(lexicon) = shared_path("conformance/lexicon") else {
        return;
    };
    let catalog = lexicon.join("catalog").display().to_string();
    for (file, want_valid) in [
        ("record-data-valid.json", true),
        ("record-data-invalid.json", false),
    ] {
        let vectors: serde_json::Value = match std::fs::read(lexicon.join(file)) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_default(),
            Err(e) => panic!("{e}"),
        };
        let Some(vectors) = vectors.as_array() else {
            panic!("{file} is not an array");
        };
        let lines: String = vectors.iter().map(|v| format!("{}\n", v["data"])).collect();
        let out = lex(
            &["validate", "--lexicons", &catalog, "--jsonl", "-"],
            lines.as_bytes(),
        );
        let n = vectors.len();
        let expected = if want_valid {
            format!("checked {n} records: {n} valid, 0 invalid, 0 unvalidated")
        } else {
            format!("checked {n} records: 0 valid, {n} invalid, 0 unvalidated")
        };
        assert!(
            text(&out.stdout).contains(&expected),
            "{file}: {}",
            show(&out)
        );
        assert!(text(&out.stderr).contains("app.bsky.actor.defs#preferences"));
    }
}

#[test]
fn dag_cbor_that_is_not_a_map_is_reported_as_dag_cbor() {
    let dir = scratch_dir("formats");
    let lexicons = partial_lexicons(&dir);
    // A CBOR array [1, 2]: not a record, but not "invalid JSON" either.
    let out = lex(&["validate", "--lexicons", &lexicons, "-"], b"\x82\x01\x02");
    let stdout = text(&out.stdout);
    assert_exit(&out, 1);
    assert!(!stdout.contains("JSON"), "{stdout}");
    assert!(stdout.contains("<stdin>: "), "{stdout}");

    // An explicit format wins over detection.
    let forced = lex(
        &[
            "validate",
            "--lexicons",
            &lexicons,
            "--input-format",
            "cbor",
            "-",
        ],
        NOTE.as_bytes(),
    );
    assert_exit(&forced, 1);
    assert!(
        text(&forced.stdout).contains("DAG-CBOR"),
        "{}",
        show(&forced)
    );
    let as_json = lex(
        &[
            "validate",
            "--lexicons",
            &lexicons,
            "--input-format",
            "json",
            "-",
        ],
        b"\xa1\x61a\x01",
    );
    assert!(
        text(&as_json.stdout).contains("invalid JSON"),
        "{}",
        show(&as_json)
    );

    // Compact JSON records one per line are JSON lines, whatever the file is called.
    let two = write(
        &dir.join("two.json"),
        format!("{NOTE}\n{NOTE}\n").as_bytes(),
    );
    let lines = lex(&["validate", "--lexicons", &lexicons, &two], b"");
    assert_exit(&lines, 0);
    assert!(text(&lines.stdout).contains("checked 2 records: 2 valid"));

    // `--jsonl` is the short form of `--input-format jsonl`; both at once is a usage error.
    let both = lex(
        &[
            "validate",
            "--lexicons",
            &lexicons,
            "--jsonl",
            "--input-format",
            "json",
            "-",
        ],
        b"",
    );
    assert_exit(&both, 2);
}

#[test]
fn oversized_records_are_refused_before_reading() {
    let dir = scratch_dir("oversized");
    let lexicons = partial_lexicons(&dir);
    // A 200 MB file (sparse: costs no disk) is refused by its size, not read.
    let huge = dir.join("huge.json");
    sparse_file(&huge, 200 << 20);
    let out = lex(
        &[
            "validate",
            "--lexicons",
            &lexicons,
            "--input-format",
            "json",
            &huge.display().to_string(),
        ],
        b"",
    );
    assert_exit(&out, 1);
    assert!(
        text(&out.stdout).contains("record is larger than the limit of 2097152 bytes"),
        "{}",
        show(&out)
    );

    // Standard input has no size: it is read one byte past the limit, then refused.
    let big = format!(
        r#"{{"$type": "com.example.note", "text": "{}"}}"#,
        "x".repeat(3 << 20)
    );
    let out = lex(&["validate", "--lexicons", &lexicons, "-"], big.as_bytes());
    assert_exit(&out, 1);
    assert!(text(&out.stdout).contains("larger than the limit of 2097152 bytes"));

    // Under the JSON limit but over the DAG-CBOR one: not a record either.
    let mid = format!(
        r#"{{"$type": "com.example.note", "text": "{}"}}"#,
        "x".repeat(3 << 19)
    );
    let out = lex(&["validate", "--lexicons", &lexicons, "-"], mid.as_bytes());
    assert_exit(&out, 1);
    assert!(
        text(&out.stdout)
            .contains("as DAG-CBOR the record is larger than the limit of 1048576 bytes"),
        "{}",
        show(&out)
    );

    // In JSON lines an overlong line is one invalid record; the lines around it count.
    let lines = format!("{NOTE}\n{big}\n{NOTE}\n");
    let out = lex(
        &["validate", "--lexicons", &lexicons, "--jsonl", "-"],
        lines.as_bytes(),
    );
    let stdout = text(&out.stdout);
    assert_exit(&out, 1);
    assert!(stdout.contains("<stdin>:2: $: the line is "), "{stdout}");
    assert!(
        stdout.contains("checked 3 records: 2 valid, 1 invalid"),
        "{stdout}"
    );
}

/// Many lines through the parallel pipeline: every error is printed, in line order.
#[test]
fn json_lines_errors_come_in_line_order() {
    let dir = scratch_dir("order");
    let lexicons = partial_lexicons(&dir);
    let bad = r#"{"$type": "com.example.note", "text": 1}"#;
    let mut lines = String::new();
    let mut expected = Vec::new();
    for i in 1..=20_000 {
        if i % 7 == 0 || i % 1000 == 1 {
            lines.push_str(bad);
            expected.push(i);
        } else {
            lines.push_str(NOTE);
        }
        lines.push('\n');
    }
    let out = lex(
        &["validate", "--lexicons", &lexicons, "--jsonl", "-"],
        lines.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let reported: Vec<usize> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("<stdin>:"))
        .filter_map(|l| l.split(':').next())
        .filter_map(|n| n.parse().ok())
        .collect();
    assert_eq!(reported, expected);
    let invalid = expected.len();
    assert!(stdout.contains(&format!(
        "checked 20000 records: {} valid, {invalid} invalid",
        20_000 - invalid
    )));
}
