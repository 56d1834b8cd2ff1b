//! A reader that goes away (`lex lint | head -1`) must not make `lex` panic: the command
//! stops quietly with exit code 141, the status a shell reports for a tool killed by
//! `SIGPIPE`. A closed stderr is ignored and the command finishes with its own verdict.
//!
//! Each command writes far more than a pipe holds (64 KiB on Linux), so a write fails
//! with `EPIPE` whether the child started writing before the read end was dropped or
//! after; commands that read standard input only write after it is closed, which
//! happens after the read end of stdout is dropped.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::TempDir;

/// The exit status documented in `lex-cli/src/exit.rs` for a closed stdout.
const BROKEN_PIPE: i32 = 141;

/// Runs `lex args` in `dir` with stdout a pipe whose read end is closed at once; `stdin`
/// is written (and closed) after that.
fn with_closed_stdout(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lex"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run lex");
    drop(child.stdout.take());
    if let (Some(mut pipe), Some(bytes)) = (child.stdin.take(), stdin) {
        // The child may stop reading once stdout is gone; that is not an error here.
        let _ = pipe.write_all(bytes);
    }
    child.wait_with_output().expect("wait for lex")
}

fn assert_quiet_stop(out: &Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "panic on stderr: {stderr}");
    assert!(
        !stderr.contains("Broken pipe"),
        "broken pipe reported: {stderr}"
    );
    assert_eq!(out.status.code(), Some(BROKEN_PIPE), "stderr: {stderr}");
}

/// One object with `n` string fields that set no length limit (`unlimited-string` each)
/// and `n` refs to missing definitions when `broken`.
fn wide_lexicon(n: usize, broken: bool) -> String {
    let mut props = Vec::new();
    for i in 0..n {
        props.push(format!(r#""field{i}": {{ "type": "string" }}"#));
        if broken {
            props.push(format!(
                r##""link{i}": {{ "type": "ref", "ref": "#missing{i}" }}"##
            ));
        }
    }
    format!(
        r#"{{ "lexicon": 1, "id": "com.example.wide", "defs": {{ "main": {{
            "type": "object", "description": "Wide.", "properties": {{ {} }} }} }} }}"#,
        props.join(",\n")
    )
}

#[test]
fn lint_json_stops_quietly() {
    let dir = TempDir::new("lint");
    dir.write("lexicons/com/example/wide.json", &wide_lexicon(3000, false));
    let out = with_closed_stdout(&dir.0, &["lint", "--format", "json", "lexicons"], None);
    assert_quiet_stop(&out);
}

#[test]
fn lint_github_stops_quietly() {
    let dir = TempDir::new("lint-gh");
    dir.write("lexicons/com/example/wide.json", &wide_lexicon(3000, false));
    let out = with_closed_stdout(&dir.0, &["lint", "--format", "github", "lexicons"], None);
    assert_quiet_stop(&out);
}

#[test]
fn check_json_stops_quietly() {
    let dir = TempDir::new("check");
    dir.write("lexicons/com/example/wide.json", &wide_lexicon(2000, true));
    let out = with_closed_stdout(&dir.0, &["check", "--format", "json", "lexicons"], None);
    assert_quiet_stop(&out);
}

#[test]
fn breaking_json_stops_quietly() {
    let dir = TempDir::new("breaking");
    dir.write("old/com/example/wide.json", &wide_lexicon(3000, false));
    dir.write("new/com/example/wide.json", &wide_lexicon(0, false));
    let out = with_closed_stdout(
        &dir.0,
        &["breaking", "--against", "old", "--format", "json", "new"],
        None,
    );
    assert_quiet_stop(&out);
}

#[test]
fn validate_jsonl_stops_quietly() {
    let dir = TempDir::new("validate");
    dir.write(
        "lexicons/com/example/note.json",
        r#"{ "lexicon": 1, "id": "com.example.note", "defs": { "main": {
            "type": "record", "key": "tid", "record": { "type": "object",
            "required": ["text"], "properties": { "text": { "type": "string" } } } } } }"#,
    );
    let lines: String = (0..20_000)
        .map(|i| format!("{{\"$type\":\"com.example.note\",\"n\":{i}}}\n"))
        .collect();
    let out = with_closed_stdout(
        &dir.0,
        &["validate", "--lexicons", "lexicons", "--jsonl", "-"],
        Some(lines.as_bytes()),
    );
    assert_quiet_stop(&out);
}

#[test]
fn data_to_json_stops_quietly() {
    let dir = TempDir::new("data");
    let items: Vec<String> = (0..20_000).map(|i| format!("\"item {i}\"")).collect();
    let record = format!(
        r#"{{"$type":"com.example.list","items":[{}]}}"#,
        items.join(",")
    );
    let out = with_closed_stdout(&dir.0, &["data", "to-json", "-"], Some(record.as_bytes()));
    assert_quiet_stop(&out);
}

#[test]
fn build_check_stops_quietly() {
    let dir = TempDir::new("build");
    for i in 0..150 {
        dir.write(
            &format!("lexicons/com/example/n{i}.json"),
            &format!(
                r#"{{ "lexicon": 1, "id": "com.example.n{i}", "defs": {{ "main": {{
                    "type": "object", "properties": {{ "a": {{ "type": "integer" }} }} }} }} }}"#
            ),
        );
    }
    // Long folder names make each `stale:` line long enough for 150 of them to overflow
    // the pipe.
    let long = ["a", "b", "c"].map(|c| c.repeat(240)).join("/");
    let out_dir = format!("{long}/src/gen");
    let out = with_closed_stdout(
        &dir.0,
        &[
            "build",
            "--check",
            "--out",
            &out_dir,
            "--lexicons",
            "lexicons",
        ],
        None,
    );
    assert_quiet_stop(&out);
}

#[test]
fn closed_stderr_keeps_the_verdict() {
    let dir = TempDir::new("stderr");
    dir.write("lexicons/com/example/wide.json", &wide_lexicon(2000, true));
    let mut child = Command::new(env!("CARGO_BIN_EXE_lex"))
        .args(["check", "lexicons"])
        .current_dir(&dir.0)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run lex");
    drop(child.stderr.take());
    let status = child.wait().expect("wait for lex");
    // The unknown refs are findings: 1, not a panic (101).
    assert_eq!(status.code(), Some(1));
}
