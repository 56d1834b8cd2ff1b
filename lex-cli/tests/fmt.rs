//! `lex fmt` end to end: the corpus is left as it is, `--check` lists what would change
//! (exit 1), files are rewritten in place and a second run changes nothing, invalid JSON
//! is exit 2 with a position, links are never followed, stdin goes to stdout.

mod common;

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::{assert_exit, lex, shared_path, text, TempDir};

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_default()
}

const MINIFIED: &str =
    r#"{"lexicon":1,"id":"com.example.a","defs":{"main":{"type":"token","description":"A."}}}"#;
const FORMATTED: &str = "{\n  \"lexicon\": 1,\n  \"id\": \"com.example.a\",\n  \"defs\": { \"main\": { \"type\": \"token\", \"description\": \"A.\" } }\n}\n";

#[test]
fn the_prettier_formatted_corpus_is_left_as_it_is() {
    let Some(shared) = shared_path("") else {
        return;
    };
    let corpus = shared.join("corpus/atproto");
    let out = lex(&shared, &["fmt", "--check", &corpus.to_string_lossy()]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.starts_with("0 files would be reformatted, 402 files"),
        "{stdout}"
    );
}

#[test]
fn check_lists_then_fmt_rewrites_and_a_second_run_changes_nothing() {
    let dir = TempDir::new("rewrite");
    let a = dir.write("lexicons/com/example/a.json", MINIFIED);
    let b = dir.write("lexicons/com/example/b.json", FORMATTED);
    dir.write("lexicons/lexicons.json", "{\"not\":\"touched\"}");
    dir.write("lexicons/.hidden/c.json", "{\"not\":\"touched\"}");

    let check = lex(&dir.0, &["fmt", "--check"]);
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(
        text(&check.stdout),
        "lexicons/com/example/a.json\n1 file would be reformatted, 1 file already formatted\n"
    );
    assert_eq!(read(&a), MINIFIED, "--check writes nothing");

    let fmt = lex(&dir.0, &["fmt", "lexicons"]);
    assert_exit(&fmt, 0);
    assert_eq!(read(&a), FORMATTED);
    assert_eq!(read(&b), FORMATTED);
    assert_eq!(
        read(&dir.0.join("lexicons/lexicons.json")),
        "{\"not\":\"touched\"}"
    );
    assert_eq!(
        read(&dir.0.join("lexicons/.hidden/c.json")),
        "{\"not\":\"touched\"}"
    );
    let again = lex(&dir.0, &["fmt", "--check", "lexicons"]);
    assert_exit(&again, 0);
    // No temporary file is left beside the rewritten one.
    let names: Vec<_> = fs::read_dir(dir.0.join("lexicons/com/example"))
        .map(|r| r.filter_map(Result::ok).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn invalid_json_is_exit_2_with_a_position_and_other_files_still_format() {
    let dir = TempDir::new("invalid");
    let bad = "{\n  \"lexicon\": 1,\n}\n";
    let b = dir.write("lexicons/b.json", bad);
    let a = dir.write("lexicons/a.json", MINIFIED);
    dir.write("deep.json", &"[".repeat(100_000));
    let out = lex(&dir.0, &["fmt", "lexicons", "deep.json"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("lexicons/b.json:3:1: unexpected `}`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("deep.json:1:129: nesting deeper than 128 levels"),
        "{stderr}"
    );
    assert_eq!(read(&b), bad);
    assert_eq!(read(&a), FORMATTED);

    let missing = lex(&dir.0, &["fmt", "nowhere"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("nowhere does not exist"));
}

#[cfg(unix)]
#[test]
fn links_inside_a_folder_are_never_followed() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new("links");
    let outside = dir.write("outside/x.json", MINIFIED);
    dir.write("lexicons/a.json", MINIFIED);
    let _ = symlink(&outside, dir.0.join("lexicons/link.json"));
    let _ = symlink(dir.0.join("outside"), dir.0.join("lexicons/linked-folder"));
    let _ = symlink(".", dir.0.join("lexicons/loop"));
    let out = lex(&dir.0, &["fmt", "lexicons"]);
    assert_exit(&out, 0);
    assert_eq!(
        read(&outside),
        MINIFIED,
        "nothing written outside the given folder"
    );
    assert_eq!(read(&dir.0.join("lexicons/a.json")), FORMATTED);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("skipped lexicons/link.json: a symbolic link"),
        "{stderr}"
    );
    assert!(stderr.contains("skipped lexicons/loop"), "{stderr}");
    assert!(fs::symlink_metadata(dir.0.join("lexicons/link.json"))
        .is_ok_and(|m| m.file_type().is_symlink()));
}

#[test]
fn stdin_to_stdout() {
    let dir = TempDir::new("stdin");
    let run = |args: &[&str], input: &str| -> Output {
        let child = Command::new(env!("CARGO_BIN_EXE_lex"))
            .args(args)
            .current_dir(&dir.0)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn();
        let mut child = match child {
            Ok(c) => c,
            Err(e) => panic!("cannot run lex: {e}"),
        };
        if let Some(mut stdin) = child.stdin.take() {
            let _ = stdin.write_all(input.as_bytes());
        }
        match child.wait_with_output() {
            Ok(out) => out,
            Err(e) => panic!("{e}"),
        }
    };
    let out = run(&["fmt", "-"], MINIFIED);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), FORMATTED);
    let check = run(&["fmt", "--check", "-"], MINIFIED);
    assert_eq!(check.status.code(), Some(1));
    let check = run(&["fmt", "--check", "-"], FORMATTED);
    assert_eq!(check.status.code(), Some(0));
    let bad = run(&["fmt", "-"], "{\"a\": 01}");
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("stdin:1:8"),
        "{}",
        text(&bad.stderr)
    );
}
