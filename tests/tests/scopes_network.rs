//! `lex scopes expand` resolving a permission set over the loopback test network (no
//! lexicon folder): the same scopes as from the corpus files, and exit code 3 when the
//! set cannot be resolved.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use lex_tests::testnet::{Fault, TestNet, TestNetConfig};

/// The `lex` binary cargo built for lex-cli's tests, when present.
fn lex_binary() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let bin = exe
        .parent()?
        .parent()?
        .join(format!("lex{}", std::env::consts::EXE_SUFFIX));
    if bin.is_file() {
        return Some(bin);
    }
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    assert!(!in_ci, "{} is not built (CI=true)", bin.display());
    eprintln!(
        "skipping: {} is not built (run `cargo build -p lex-cli`)",
        bin.display()
    );
    None
}

fn expand(bin: &Path, net: &TestNet, cwd: &Path, args: &[&str]) -> std::process::Output {
    Command::new(bin)
        .args(["scopes", "expand"])
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
