//! `lex scopes expand` resolving a permission set over the loopback test network (no
//! lexicon folder): the same scopes as from the corpus files, and exit code 3 when the
//! set cannot be resolved.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

use lex_tests::cli::{lex_binary, run_on};
use lex_tests::testnet::{Fault, TestNet, TestNetConfig};

/// `lex scopes expand ARGS` in `cwd` against `net`.
fn expand(bin: &Path, net: &TestNet, cwd: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["scopes", "expand"];
    all.extend_from_slice(args);
    run_on(bin, net, cwd, &all)
}

#[test]
fn expand_resolves_the_set_over_the_network() {
    let Some(corpus) = lex_tests::require_dir(&lex_tests::corpus_dir()) else {
        return;
    };
    let Some(bin) = lex_binary() else { return };
    let net = TestNet::start(
        TestNetConfig::new([&corpus]).fault(Fault::MissingTxt("com.example.nothing.here".into())),
    )
    .unwrap_or_else(|e| panic!("test network: {e}"));
    // An empty folder as the working directory: no ./lexicons to read the set from.
    let cwd = std::env::temp_dir().join(format!("lex-scopes-net-{}", std::process::id()));
    std::fs::create_dir_all(&cwd).unwrap();
    let aud = "did:web:api.example.com#svc_appview";
    let include = "include:app.bsky.authCreatePosts";
    let remote = expand(&bin, &net, &cwd, &["--explain", "--aud", aud, include]);
    assert_eq!(
        remote.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&remote.stderr)
    );
    let text = String::from_utf8_lossy(&remote.stdout).into_owned();
    assert!(text.contains("(from at://"), "{text}");
    let local = Command::new(&bin)
        .args(["scopes", "expand", "--offline", "--aud", aud, include])
        .arg("--lexicons")
        .arg(&corpus)
        .output()
        .unwrap();
    let local = String::from_utf8_lossy(&local.stdout).into_owned();
    assert!(!local.is_empty());
    assert!(text.ends_with(&local), "network:\n{text}\nfiles:\n{local}");

    let missing = expand(&bin, &net, &cwd, &["include:com.example.nothing.here"]);
    assert_eq!(missing.status.code(), Some(3));
    let _ = std::fs::remove_dir_all(&cwd);
}
