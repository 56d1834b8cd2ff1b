//! `lex breaking --against manifest|published` against the loopback test network: the
//! pinned and the published versions are fetched, verified and compared with local edits.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use lex_tests::testnet::{TestNet, TestNetConfig};

/// A scratch project folder, removed on drop.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch() -> Scratch {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let dir = std::env::temp_dir().join(format!("lex-breaking-net-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

/// The `lex` binary cargo builds for the workspace's tests.
fn lex_binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    let bin = dir.join(format!("lex{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.is_file(),
        "{} is not built (run `cargo test --workspace`)",
        bin.display()
    );
    bin
}

fn lex(net: &TestNet, cwd: &Path, args: &[&str]) -> Output {
    Command::new(lex_binary())
        .args(args)
        .arg("--dns-server")
        .arg(net.dns_server().to_string())
        .arg("--plc-url")
        .arg(net.plc_url())
        .current_dir(cwd)
        .env_remove("LEX_DNS_SERVER")
        .env_remove("LEX_PLC_URL")
        .output()
        .unwrap()
}

fn codes(out: &Output) -> Vec<String> {
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    findings
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["rule"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn pinned_and_published_versions_are_compared_with_local_edits() {
    let net = TestNet::start(TestNetConfig::new([
        lex_tests::workspace_root().join("lexicons")
    ]))
    .unwrap_or_else(|e| panic!("test network: {e}"));
    let project = scratch();
    let out = lex(&net, &project.0, &["install", "com.example.blog.post"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    for against in ["manifest", "published"] {
        let out = lex(
            &net,
            &project.0,
            &["breaking", "--against", against, "--format", "json"],
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{against}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(codes(&out), Vec::<String>::new(), "{against}");
    }

    // Make `tags` required and add a lexicon that was never published.
    let post = project.0.join("lexicons/com/example/blog/post.json");
    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&post).unwrap()).unwrap();
    doc["defs"]["main"]["record"]["required"]
        .as_array_mut()
        .unwrap()
        .push("tags".into());
    std::fs::write(&post, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    std::fs::write(
        project.0.join("lexicons/com/example/blog/draft.json"),
        r#"{"lexicon": 1, "id": "com.example.blog.draft", "defs": {"main": {"type": "token", "description": "A draft."}}}"#,
    )
    .unwrap();

    for against in ["manifest", "published"] {
        let out = lex(
            &net,
            &project.0,
            &["breaking", "--against", against, "--format", "json"],
        );
        assert_eq!(
            out.status.code(),
            Some(1),
            "{against}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(codes(&out), ["object-required"], "{against}");
    }
    let out = lex(&net, &project.0, &["breaking", "--against", "published"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("`com.example.blog.draft` is not published"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_missing_manifest_is_a_usage_error() {
    let net = TestNet::start(TestNetConfig::new([
        lex_tests::workspace_root().join("lexicons")
    ]))
    .unwrap_or_else(|e| panic!("test network: {e}"));
    let project = scratch();
    std::fs::create_dir_all(project.0.join("lexicons")).unwrap();
    let out = lex(&net, &project.0, &["breaking", "--against", "manifest"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("lexicons.json does not exist"));
}
