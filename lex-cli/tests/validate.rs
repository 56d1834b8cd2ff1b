//! `lex validate` end to end: the project's example lexicons, the sample blog post and
//! invalid variants of it, as JSON, DAG-CBOR, JSON lines and standard input.

mod common;

use std::path::Path;
use std::process::Output;

use common::{assert_exit, lex_with_input, repo, text};

/// Runs `lex args` at the workspace root with `stdin` as standard input.
fn lex(args: &[&str], stdin: &[u8]) -> Output {
    lex_with_input(&repo(), args, stdin)
}

/// Writes `contents` to a fresh file under the test scratch folder.
fn scratch(name: &str, contents: &[u8]) -> String {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("lex-validate");
    if let Err(e) = std::fs::create_dir_all(&dir) {
        panic!("cannot create {}: {e}", dir.display());
    }
    let path = dir.join(name);
    if let Err(e) = std::fs::write(&path, contents) {
        panic!("cannot write {}: {e}", path.display());
    }
    path.display().to_string()
}

fn post() -> String {
    match std::fs::read_to_string(repo().join("tests/data/records/blog-post.json")) {
        Ok(text) => text,
        Err(e) => panic!("cannot read the sample post: {e}"),
    }
}

/// The sample post with `from` replaced by `to` (which must occur).
fn variant(from: &str, to: &str) -> String {
    let post = post();
    assert!(post.contains(from), "{from} not in the sample post");
    post.replacen(from, to, 1)
}

const POST_FILE: &str = "tests/data/records/blog-post.json";

#[test]
fn the_sample_post_is_valid() {
    let out = lex(&["validate", "--lexicons", "lexicons", POST_FILE], b"");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains("checked 1 records: 1 valid, 0 invalid"));
    let typed = lex(
        &[
            "validate",
            "--lexicons",
            "lexicons",
            "--type",
            "com.example.blog.post",
            POST_FILE,
        ],
        b"",
    );
    assert_exit(&typed, 0);
}

#[test]
fn invalid_posts_exit_1_with_every_error() {
    let bad = variant(
        "\"langs\": [\"en\"]",
        "\"langs\": [\"en\", \"not a language\", \"fr\", \"de\"], \"cover\": {\"$type\": \"blob\", \"ref\": {\"$link\": \"bafkreibjfgx2gprinfvicegelk5kosd6y2frmqpqzwqkg7usac74l3t2v4\"}, \"mimeType\": \"text/html\", \"size\": 2000000}",
    )
    .replacen("\"title\": \"Hello, Lexicon\",", "", 1);
    let file = scratch("bad-post.json", bad.as_bytes());
    let out = lex(&["validate", "--lexicons", "lexicons", &file], b"");
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}{}", text(&out.stderr));
    for expected in [
        format!("{file}: $: missing required property `title`"),
        format!("{file}: $.cover: blob MIME type `text/html` is not accepted"),
        format!("{file}: $.cover: blob is 2000000 bytes, larger than the maximum 1000000"),
        format!("{file}: $.langs: array has 4 elements, more than the maximum 3"),
        format!("{file}: $.langs[1]: invalid language tag"),
    ] {
        assert!(
            stdout.contains(&expected),
            "missing {expected:?} in:\n{stdout}"
        );
    }
}

#[test]
fn dag_cbor_and_stdin() {
    let cbor = lex(&["data", "to-cbor", POST_FILE], b"");
    assert_exit(&cbor, 0);
    let out = lex(&["validate", "--lexicons", "lexicons", "-"], &cbor.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );

    let bad = variant(
        "\"createdAt\": \"2026-11-26T01:00:00.000Z\"",
        "\"createdAt\": \"2026-11-26 01:00\"",
    );
    let out = lex(&["validate", "--lexicons", "lexicons", "-"], bad.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("<stdin>: $.createdAt: invalid datetime"),
        "{}",
        text(&out.stdout)
    );
    let lenient = lex(
        &[
            "validate",
            "--lexicons",
            "lexicons",
            "--lenient-datetimes",
            "-",
        ],
        bad.as_bytes(),
    );
    assert_exit(&lenient, 0);
}

#[test]
fn json_lines_report_line_numbers() {
    let good = post().replace('\n', " ");
    let bad = variant("\"body\": ", "\"body\": 7, \"x\": ").replace('\n', " ");
    let lines = format!("{good}\n\n{bad}\nnot json\n{good}\n");
    let file = scratch("posts.jsonl", lines.as_bytes());
    let out = lex(&["validate", "--lexicons", "lexicons", &file], b"");
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "{file}:3: $.body: expected a string, found an integer"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{file}:4: invalid JSON")),
        "{stdout}"
    );
    assert!(
        stdout.contains("checked 4 records: 2 valid, 2 invalid"),
        "{stdout}"
    );
    let flagged = lex(
        &["validate", "--lexicons", "lexicons", "--jsonl", "-"],
        good.as_bytes(),
    );
    assert_exit(&flagged, 0);
}

#[test]
fn usage_and_input_errors_exit_2() {
    let missing = lex(
        &["validate", "--lexicons", "lexicons", "no/such/file.json"],
        b"",
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("cannot read no/such/file.json"));

    let unknown = lex(
        &[
            "validate",
            "--lexicons",
            "lexicons",
            "--type",
            "com.example.nope",
            POST_FILE,
        ],
        b"",
    );
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).contains("no lexicon defines `com.example.nope`"));

    let nowhere = lex(
        &["validate", "--lexicons", "no/such/folder", POST_FILE],
        b"",
    );
    assert_exit(&nowhere, 2);
    assert!(text(&nowhere.stderr).contains("does not exist"));

    let no_args = lex(&["validate", POST_FILE], b"");
    assert_eq!(no_args.status.code(), Some(2));
}
