//! lex-runtime with default features is what generated code needs and nothing more: no
//! HTTP, TLS, WebSocket, DNS, async or elliptic-curve crate in its normal dependency tree
//! (the `repo`, `identity`, `client` and `server` features add them), and at most 25
//! crates in all, itself included. And `server` alone stays free of the HTTP client and DNS
//! resolver that `identity` brings. Checked with `cargo tree`, so it also holds for users
//! who never build the tests.

// Setup helpers outside #[test] functions panic on failure too, as tests do.
#![allow(clippy::expect_used)]

use std::process::Command;

/// The distinct crate names in lex-runtime's normal dependency tree with `features` on
/// (default features only when empty), and the tree as printed.
fn tree(features: &str) -> (Vec<String>, String) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut args = vec![
        "tree",
        "-p",
        "lex-runtime",
        "-e",
        "normal",
        "--prefix",
        "none",
        "--offline",
    ];
    if !features.is_empty() {
        args.extend(["--features", features]);
    }
    let out = Command::new(cargo)
        .args(args)
        .current_dir(lex_tests::workspace_root())
        .output()
        .expect("run cargo tree");
    let tree = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut names: Vec<String> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_owned)
        .collect();
    names.sort_unstable();
    names.dedup();
    (names, tree)
}

fn assert_absent(names: &[String], tree: &str, banned: &[&str], what: &str) {
    for crate_name in banned {
        assert!(
            !names.iter().any(|n| n == crate_name),
            "`{crate_name}` is in {what}:\n{tree}"
        );
    }
}

#[test]
fn default_features_pull_in_no_transport() {
    let (names, tree) = tree("");
    assert!(names.iter().any(|n| n == "lex-runtime"), "{tree}");
    assert_absent(
        &names,
        &tree,
        &[
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
            "hickory-resolver",
            "hickory-proto",
            "k256",
            "p256",
            "ecdsa",
            "elliptic-curve",
        ],
        "lex-runtime's default tree",
    );
    assert!(
        names.len() <= 25,
        "lex-runtime's default tree has {} crates (at most 25):\n{tree}",
        names.len()
    );
}

#[test]
fn server_does_not_bring_identity_resolution() {
    let (names, tree) = tree("server");
    assert!(names.iter().any(|n| n == "axum"), "{tree}");
    assert_absent(
        &names,
        &tree,
        &["reqwest", "hickory-resolver", "hickory-proto"],
        "lex-runtime's tree with `server`",
    );
}
