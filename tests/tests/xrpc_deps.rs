//! lex-runtime with default features is what generated code needs and nothing more: no
//! HTTP, TLS, WebSocket, async or elliptic-curve crate in its normal dependency tree (the
//! `repo`, `client` and `server` features add them), and at most 25 crates in all, itself
//! included. Checked with `cargo tree`, so it also holds for users who never build the
//! tests.

// Setup helpers outside #[test] functions panic on failure too, as tests do.
#![allow(clippy::expect_used)]

use std::process::Command;

#[test]
fn default_features_pull_in_no_transport() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let out = Command::new(cargo)
        .args([
            "tree",
            "-p",
            "lex-runtime",
            "-e",
            "normal",
            "--prefix",
            "none",
            "--offline",
        ])
        .current_dir(lex_tests::workspace_root())
        .output()
        .expect("run cargo tree");
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let names: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(names.contains(&"lex-runtime"), "{tree}");
    for banned in [
        "reqwest",
        "hyper",
        "h2",
        "http",
        "axum",
        "tokio",
        "mio",
        "rustls",
        "webpki-roots",
        "tungstenite",
        "tokio-tungstenite",
        "futures-util",
        "tower",
        "k256",
        "p256",
        "ecdsa",
        "elliptic-curve",
    ] {
        assert!(
            !names.contains(&banned),
            "`{banned}` is in lex-runtime's default tree:\n{tree}"
        );
    }
    let mut distinct = names.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert!(
        distinct.len() <= 25,
        "lex-runtime's default tree has {} crates (at most 25):\n{tree}",
        distinct.len()
    );
}
