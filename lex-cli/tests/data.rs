//! `lex data` end to end: the built binary, its output bytes and its exit codes.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::process::Output;

use common::{assert_exit, lex_with_input};

/// Runs `lex args` with `stdin` as standard input.
fn lex(args: &[&str], stdin: &[u8]) -> Output {
    lex_with_input(Path::new("."), args, stdin)
}

const RECORD: &str = r#"{"$type":"com.example.record","text":"hi","count":42}"#;
const RECORD_CID: &str = "bafyreihqfdp7k7feqyafoqralgbirhfgq33f55scuojxd5dvcoffwetrxu";

#[test]
fn cid_of_json_and_cbor_agree() {
    let out = lex(&["data", "cid", "-"], RECORD.as_bytes());
    assert_exit(&out, 0);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("{RECORD_CID}\n")
    );

    let cbor = lex(&["data", "to-cbor", "-"], RECORD.as_bytes());
    assert_eq!(cbor.status.code(), Some(0));
    assert_eq!(cbor.stdout.len(), 42);
    let again = lex(&["data", "cid", "-"], &cbor.stdout);
    assert_eq!(
        String::from_utf8_lossy(&again.stdout),
        format!("{RECORD_CID}\n")
    );

    let json = lex(&["data", "to-json", "--compact", "-"], &cbor.stdout);
    assert_eq!(json.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&json.stdout),
        "{\"text\":\"hi\",\"$type\":\"com.example.record\",\"count\":42}\n"
    );
}

#[test]
fn files_in_and_out() {
    let dir = std::env::temp_dir().join(format!("lex-cli-data-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("record.json");
    let output = dir.join("record.cbor");
    std::fs::write(&input, RECORD).unwrap();
    let out = lex(
        &[
            "data",
            "to-cbor",
            input.to_str().unwrap(),
            "-o",
            output.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let cid = lex(&["data", "cid", output.to_str().unwrap()], b"");
    assert_eq!(
        String::from_utf8_lossy(&cid.stdout),
        format!("{RECORD_CID}\n")
    );
    let pretty = lex(&["data", "to-json", output.to_str().unwrap()], b"");
    assert!(String::from_utf8_lossy(&pretty.stdout).contains("\n  \"text\": \"hi\",\n"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_input_exits_2_with_one_line() {
    for (args, input) in [
        (vec!["data", "cid", "-"], &b"{\"a\": 1.5}"[..]),
        (vec!["data", "cid", "-"], b"[1]"),
        (vec!["data", "to-json", "-"], b"\xa1\x61\x61\xf9\x3c\x00"),
        (vec!["data", "cid", "/nonexistent/lex/record.json"], b""),
    ] {
        let out = lex(&args, input);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(out.stdout.is_empty());
    }
}
