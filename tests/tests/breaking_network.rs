//! `lex breaking --against manifest|published` against the loopback test network: the
//! pinned and the published versions are fetched, verified and compared with local edits.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Output;

use lex_tests::cli::{lex_binary, run_on, Scratch};
use lex_tests::testnet::{TestNet, TestNetConfig};

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

/// Fails unless `lex breaking --against AGAINST` in `dir` exits with `code` and finds
/// exactly the rules `expected`.
#[track_caller]
fn assert_breaking(
    bin: &Path,
    net: &TestNet,
    dir: &Path,
    against: &str,
    code: i32,
    expected: &[&str],
) {
    let out = run_on(
        bin,
        net,
        dir,
        &["breaking", "--against", against, "--format", "json"],
    );
    assert_eq!(
        out.status.code(),
        Some(code),
        "{against}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(codes(&out), expected, "{against}");
}

#[test]
fn pinned_and_published_versions_are_compared_with_local_edits() {
    let net = TestNet::start(TestNetConfig::new([
        lex_tests::workspace_root().join("lexicons")
    ]))
    .unwrap_or_else(|e| panic!("test network: {e}"));
    let Some(bin) = lex_binary() else { return };
    let project = Scratch::new("breaking-net");
    let out = run_on(
        &bin,
        &net,
        project.path(),
        &["install", "com.example.blog.post"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    for against in ["manifest", "published"] {
        assert_breaking(&bin, &net, project.path(), against, 0, &[]);
    }

    // Make `tags` required and add a lexicon that was never published.
    let post = project.path().join("lexicons/com/example/blog/post.json");
    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&post).unwrap()).unwrap();
    doc["defs"]["main"]["record"]["required"]
        .as_array_mut()
        .unwrap()
        .push("tags".into());
    std::fs::write(&post, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    std::fs::write(
        project.path().join("lexicons/com/example/blog/draft.json"),
        r#"{"lexicon": 1, "id": "com.example.blog.draft", "defs": {"main": {"type": "token", "description": "A draft."}}}"#,
    )
    .unwrap();

    for against in ["manifest", "published"] {
        assert_breaking(&bin, &net, project.path(), against, 1, &["object-required"]);
    }
    let out = run_on(
        &bin,
        &net,
        project.path(),
        &["breaking", "--against", "published"],
    );
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
    let Some(bin) = lex_binary() else { return };
    let project = Scratch::new("breaking-net");
    std::fs::create_dir_all(project.path().join("lexicons")).unwrap();
    let out = run_on(
        &bin,
        &net,
        project.path(),
        &["breaking", "--against", "manifest"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("lexicons.json does not exist"));
}
