//! `lex install --ci` is offline: it must notice a manifest entry whose URI names another
//! record than its NSID, and a file that holds another lexicon than its path names, even when
//! every CID matches.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use lex_compiler::manifest::{lexicon_path, read_local, record_uri, Manifest, Resolution};

/// A fresh project folder with `lexicons/<nsid path>.json` holding a lexicon whose `id` is
/// `id`, and a `lexicons.json` pinning it under `nsid` with its own CID and record key `rkey`.
fn project(tag: &str, nsid: &str, id: &str, rkey: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let dir = std::env::temp_dir().join(format!(
        "lex-install-ci-{tag}-{}-{nanos}",
        std::process::id()
    ));
    let path = lexicon_path(&dir.join("lexicons"), nsid);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let text = format!(
        "{{\n  \"$type\": \"com.atproto.lexicon.schema\",\n  \"defs\": {{\n    \"main\": {{\n      \"type\": \"token\"\n    }}\n  }},\n  \"id\": \"{id}\",\n  \"lexicon\": 1\n}}"
    );
    std::fs::write(&path, text).unwrap();
    let local = read_local(&path).unwrap().unwrap();
    let mut manifest = Manifest::default();
    manifest.lexicons.insert(nsid.to_owned());
    manifest.resolutions.insert(
        nsid.to_owned(),
        Resolution {
            uri: record_uri("did:plc:abcdefghijklmnopqrstuvwx", rkey),
            cid: local.cid,
        },
    );
    std::fs::write(dir.join("lexicons.json"), manifest.to_json()).unwrap();
    dir
}

fn install_ci(dir: &Path) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_lex"))
        .args(["install", "--ci"])
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn a_consistent_project_passes() {
    let dir = project("ok", "com.example.a", "com.example.a", "com.example.a");
    let (code, stderr) = install_ci(&dir);
    assert_eq!(code, Some(0), "{stderr}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_uri_naming_another_record_is_drift() {
    let dir = project("uri", "com.example.a", "com.example.a", "com.example.b");
    let (code, stderr) = install_ci(&dir);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("resolution URI names the record `com.example.b`"),
        "{stderr}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_file_holding_another_lexicon_is_drift() {
    let dir = project("id", "com.example.a", "com.example.b", "com.example.a");
    let (code, stderr) = install_ci(&dir);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("holds the lexicon `com.example.b`"),
        "{stderr}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}
