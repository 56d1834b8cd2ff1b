//! Hostile lexicon folders and files against `check`, `lint` and `breaking`: symbolic link
//! loops, oversized files, minified lexicons with errors past column 65535, empty
//! baselines and invalid `lex.toml` globs. Each case once hung, panicked, read a file
//! whole or passed silently.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{assert_exit, text, TempDir};

/// Runs `lex args` in `dir`. A run that never ends is killed after a minute so that a
/// regression fails the test instead of hanging the suite (no timing is asserted).
fn lex(dir: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lex"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run lex");
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let read_out = std::thread::spawn(move || read_all(stdout));
    let read_err = std::thread::spawn(move || read_all(stderr));
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("lex {args:?} did not finish");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: read_out.join().unwrap(),
        stderr: read_err.join().unwrap(),
    }
}

fn read_all(mut r: impl std::io::Read) -> Vec<u8> {
    let mut buf = Vec::new();
    let _ = r.read_to_end(&mut buf);
    buf
}

fn post(id: &str, max_length: u32) -> String {
    format!(
        r#"{{ "lexicon": 1, "id": "{id}", "defs": {{ "main": {{
            "type": "record", "description": "A post.", "key": "tid",
            "record": {{ "type": "object", "required": ["text"], "properties": {{
                "text": {{ "type": "string", "maxLength": {max_length}, "maxGraphemes": 100 }}
            }} }} }} }} }}"#
    )
}

#[cfg(unix)]
fn link(target: &str, at: &Path) {
    std::os::unix::fs::symlink(target, at).unwrap();
}

/// `lexicons/` with a real file and links back to itself and its parent, 2^n paths deep.
#[cfg(unix)]
fn looped_folder(dir: &TempDir, top: &str) {
    dir.write(
        &format!("{top}/com/example/post.json"),
        &post("com.example.post", 1000),
    );
    let top = dir.0.join(top);
    link(".", &top.join("self"));
    link(".", &top.join("again"));
    link("..", &top.join("com/example/up"));
    link("../..", &top.join("com/example/top"));
    // The same file under a second name: loaded once, not reported as a duplicate id.
    link("post.json", &top.join("com/example/alias.json"));
}

#[cfg(unix)]
#[test]
fn check_walks_each_folder_of_a_symlink_loop_once() {
    let dir = TempDir::new("loop-check");
    looped_folder(&dir, "lexicons");
    let out = lex(&dir.0, &["check", "lexicons"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("checked 1 lexicons"), "{stdout}");
}

#[cfg(unix)]
#[test]
fn lint_walks_each_folder_of_a_symlink_loop_once() {
    let dir = TempDir::new("loop-lint");
    looped_folder(&dir, "lexicons");
    let out = lex(&dir.0, &["lint", "--format", "json", "lexicons"]);
    assert_ne!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        findings
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["code"] != "lex::lint::duplicate-id" && f["file"] != "lexicons/self"),
        "{findings:#}"
    );
}

#[cfg(unix)]
#[test]
fn breaking_walks_each_folder_of_a_symlink_loop_once() {
    let dir = TempDir::new("loop-breaking");
    looped_folder(&dir, "old");
    dir.write("new/com/example/post.json", &post("com.example.post", 10));
    let out = lex(&dir.0, &["breaking", "--against", "old", "new"]);
    let stdout = text(&out.stdout);
    // The shrunk maxLength is found, once.
    assert_eq!(out.status.code(), Some(1), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("1 errors"), "{stdout}");
}

#[test]
fn an_oversized_lexicon_is_refused_unless_the_cap_is_raised() {
    let dir = TempDir::new("size");
    let file = dir.0.join("lexicons/com/example/big.json");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    // 5 MiB of nothing: a sparse file, so the test costs no disk, and a reader that read
    // it whole before checking would still be caught by the message.
    let big = std::fs::File::create(&file).unwrap();
    big.set_len(5 << 20).unwrap();
    drop(big);
    for command in ["check", "lint"] {
        let out = lex(&dir.0, &[command, "lexicons"]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command}: {stderr}");
        assert!(
            stderr.contains("5242880 bytes is over the 4194304-byte lexicon size limit"),
            "{command}: {stderr}"
        );
    }
    let out = lex(&dir.0, &["build", "--check", "--lexicons", "lexicons"]);
    assert_exit(&out, 2);
    assert!(text(&out.stderr).contains("lexicon size limit"));
    dir.write("record.json", r#"{"$type": "com.example.big"}"#);
    let out = lex(
        &dir.0,
        &["validate", "--lexicons", "lexicons", "record.json"],
    );
    assert_exit(&out, 2);
    assert!(text(&out.stderr).contains("lexicon size limit"));
    // Raised by the flag or lex.toml, the file is read (and is not JSON: a finding).
    let out = lex(&dir.0, &["check", "--max-lexicon-size", "6MiB", "lexicons"]);
    assert_exit(&out, 1);
    dir.write("lex.toml", "max-lexicon-size = \"6 MiB\"\n");
    let out = lex(&dir.0, &["lint", "lexicons"]);
    assert_exit(&out, 1);
    // The flag wins over lex.toml.
    let out = lex(&dir.0, &["lint", "--max-lexicon-size", "1MiB", "lexicons"]);
    assert_exit(&out, 2);
}

#[cfg(unix)]
#[test]
fn an_endless_stream_is_capped_while_reading() {
    // A device has no size on record: the bounded read stops it.
    let dir = TempDir::new("zero");
    let out = lex(&dir.0, &["check", "/dev/zero"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("4194305 bytes is over"), "{stderr}");
}

/// A minified lexicon over 64 KiB with a bad reference at its very end.
fn minified() -> (String, usize) {
    let props: Vec<String> = (0..5000)
        .map(|i| format!(r#""f{i}":{{"type":"string","maxLength":10,"maxGraphemes":5}}"#))
        .collect();
    let text = format!(
        r##"{{"lexicon":1,"id":"com.example.mini","defs":{{"main":{{"type":"object","description":"x","properties":{{{},"last":{{"type":"ref","ref":"#nowhere"}}}}}}}}}}"##,
        props.join(",")
    );
    let at = text.find("\"#nowhere\"").unwrap();
    (text, at)
}

#[test]
fn errors_past_column_65535_render_as_a_window() {
    let dir = TempDir::new("minified");
    let (lexicon, at) = minified();
    assert!(at > 65_535);
    dir.write("lexicons/mini.json", &lexicon);
    let out = lex(&dir.0, &["check", "lexicons"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains(&format!("mini.json:1:{}", at + 1)),
        "{stderr}"
    );
    assert!(stderr.contains('…'), "{stderr}");
    assert!(stderr.len() < 4096, "{} bytes of stderr", stderr.len());
    // JSON keeps the exact column.
    let out = lex(&dir.0, &["check", "--format", "json", "lexicons"]);
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(findings[0]["line"], 1);
    assert_eq!(findings[0]["column"], at + 1);
}

#[test]
fn a_deep_nesting_error_does_not_echo_the_file() {
    let dir = TempDir::new("deep");
    let depth = 100_000;
    dir.write(
        "lexicons/deep.json",
        &format!(
            r#"{{"lexicon":1,"id":"com.example.deep","defs":{{"main":{}{}}}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        ),
    );
    let out = lex(&dir.0, &["check", "lexicons"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("nesting deeper"), "{stderr}");
    assert!(stderr.len() < 4096, "{} bytes of stderr", stderr.len());
}

#[test]
fn an_empty_baseline_is_a_usage_error_unless_allowed() {
    let dir = TempDir::new("empty-baseline");
    dir.write("new/com/example/post.json", &post("com.example.post", 10));
    std::fs::create_dir_all(dir.0.join("old")).unwrap();
    dir.write("notes.txt", "not a lexicon");
    for against in ["old", "notes.txt"] {
        let out = lex(&dir.0, &["breaking", "--against", against, "new"]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{against}: {stderr}");
        assert!(stderr.contains("--allow-empty-baseline"), "{stderr}");
    }
    let out = lex(
        &dir.0,
        &[
            "breaking",
            "--against",
            "old",
            "--allow-empty-baseline",
            "new",
        ],
    );
    assert_exit(&out, 0);
}

#[test]
fn an_invalid_ignore_glob_is_a_config_error() {
    let dir = TempDir::new("glob");
    dir.write(
        "lexicons/com/example/post.json",
        &post("com.example.post", 10),
    );
    dir.write("lex.toml", "[lint]\nignore = [\"lexicons/[ab]/**\"]\n");
    let out = lex(&dir.0, &["lint", "lexicons"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("[lint] ignore"), "{stderr}");
    assert!(stderr.contains("lex.toml:2:"), "{stderr}");
    dir.write("lex.toml", "[breaking]\nignore = [\"**.json\"]\n");
    let out = lex(&dir.0, &["breaking", "--against", "lexicons", "lexicons"]);
    assert_exit(&out, 2);
}

#[cfg(unix)]
#[test]
fn a_fifo_in_a_lexicon_folder_is_skipped_not_opened() {
    let dir = TempDir::new("fifo");
    dir.write(
        "lexicons/com/example/post.json",
        &post("com.example.post", 10),
    );
    let made = Command::new("mkfifo")
        .arg(dir.0.join("lexicons/com/example/pipe.json"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipping: no mkfifo");
        return;
    }
    // Opening the FIFO would block until a writer came; the walk skips it.
    let out = lex(&dir.0, &["check", "lexicons"]);
    assert_exit(&out, 0);
    assert!(text(&out.stdout).contains("checked 1 lexicons"));
}
