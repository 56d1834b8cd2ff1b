//! Publishing over the loopback test network through the real `lex` binary: `lex new` ->
//! `check-dns` -> `publish` -> `status` -> `install` elsewhere (same document, same CID)
//! -> a breaking edit refused -> `--allow-breaking`; the failures (wrong password, a handle
//! that does not resolve, an authority delegated elsewhere, a PDS refusing writes); the
//! test PDS's own endpoints are tested in `publish_testnet.rs`.

// Setup helpers panic on I/O failures: in a test that is a clear failure, not a bug.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use lex_compiler::manifest::{lexicon_path, read_local, Manifest};
use lex_compiler::network::publish::schema_record;
use lex_tests::cli::{
    assert_exit, assert_stderr_has, assert_stdout_has, lex_binary, lex_on, show, stderr, stdout,
    Scratch,
};
use lex_tests::testnet::{Fault, TestNet, TestNetConfig};

const NSID: &str = "com.example.blog.post";

/// A test network with three accounts: alice publishes `blog.example.com`, bob owns
/// `other.example.com`, carol's PDS refuses writes.
fn network() -> TestNet {
    let config = TestNetConfig::new(Vec::<PathBuf>::new())
        .account("alice.test", "alice-password")
        .account("bob.test", "bob-password")
        .account("carol.test", "carol-password")
        .lexicon_authority("blog.example.com", "alice.test")
        .lexicon_authority("other.example.com", "bob.test")
        .lexicon_authority("refused.example.com", "carol.test")
        .fault(Fault::RefuseWrites("carol.test".into()));
    TestNet::start(config).unwrap_or_else(|e| panic!("test network: {e}"))
}

/// Runs `lex ARGS` in `cwd` against `net`, with `password` in `LEX_PASSWORD`.
fn lex(bin: &Path, net: &TestNet, cwd: &Path, password: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = if args.first() == Some(&"new") {
        let mut cmd = Command::new(bin);
        cmd.args(args)
            .current_dir(cwd)
            .env_remove("LEX_DNS_SERVER")
            .env_remove("LEX_PLC_URL");
        cmd
    } else {
        lex_on(bin, net, cwd, args)
    };
    cmd.env_remove("LEX_PASSWORD").stdin(Stdio::null());
    if let Some(p) = password {
        cmd.env("LEX_PASSWORD", p);
    }
    cmd.output().unwrap()
}

/// `lex publish --handle alice.test ARGS` with alice's password.
fn publish_as_alice(bin: &Path, net: &TestNet, cwd: &Path, args: &[&str]) -> Output {
    let mut all = vec!["publish", "--handle", "alice.test"];
    all.extend_from_slice(args);
    lex(bin, net, cwd, Some("alice-password"), &all)
}

/// `lex new record NSID` in `dir`, placeholders replaced by real descriptions.
fn new_lexicon(bin: &Path, net: &TestNet, dir: &Path, nsid: &str) -> PathBuf {
    let out = lex(
        bin,
        net,
        dir,
        None,
        &["new", "record", nsid, "--out", "lexicons"],
    );
    assert_exit(&out, 0);
    let path = lexicon_path(&dir.join("lexicons"), nsid);
    let mut source = std::fs::read_to_string(&path).unwrap();
    while let Some(start) = source.find("\"TODO(lex new)") {
        let end = source[start + 1..].find('"').unwrap() + start + 2;
        source.replace_range(start..end, "\"Written by the test.\"");
    }
    std::fs::write(&path, source).unwrap();
    path
}

fn edit(path: &Path, from: &str, to: &str) {
    let source = std::fs::read_to_string(path).unwrap();
    assert!(source.contains(from), "{from} not in {}", path.display());
    std::fs::write(path, source.replacen(from, to, 1)).unwrap();
}

/// `lex status` for alice as JSON, with its exit code.
fn status_of(bin: &Path, net: &TestNet, dir: &Path) -> (Option<i32>, serde_json::Value) {
    let out = lex(
        bin,
        net,
        dir,
        None,
        &["status", "--handle", "alice.test", "--format", "json"],
    );
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("status JSON: {e}\n{}", show(&out)));
    (out.status.code(), json)
}

fn status_key(json: &serde_json::Value, nsid: &str) -> String {
    json["lexicons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["nsid"] == nsid)
        .map(|l| l["status"].as_str().unwrap().to_owned())
        .unwrap_or_default()
}

/// Fails unless `lex status` exits with `code` and reports `key` for [`NSID`]; returns
/// the status JSON.
#[track_caller]
fn assert_status(bin: &Path, net: &TestNet, dir: &Path, code: i32, key: &str) -> serde_json::Value {
    let (got, json) = status_of(bin, net, dir);
    assert_eq!(
        (got, status_key(&json, NSID).as_str()),
        (Some(code), key),
        "{json}"
    );
    json
}

#[test]
fn new_check_dns_publish_status_install_breaking() {
    let Some(bin) = lex_binary() else { return };
    let net = network();
    let project = Scratch::new("publish-loop");
    let dir = project.path();
    let path = placeholders_then_a_real_lexicon(&bin, &net, dir);
    let published_cid = check_dns_dry_run_and_publish(&bin, &net, dir);
    install_elsewhere_gets_the_published_version(&bin, &net, &path, &published_cid);
    edits_compatible_then_breaking(&bin, &net, dir, &path, &published_cid);

    // Unpublish removes the record; status sees it gone.
    let out = lex(
        &bin,
        &net,
        dir,
        Some("alice-password"),
        &["unpublish", NSID, "--handle", "alice.test", "--yes"],
    );
    assert_exit(&out, 0);
    assert_stderr_has(&out, "can no longer be verified");
    assert_status(&bin, &net, dir, 1, "not-published");
}

/// A fresh template still holds placeholders: refused before any network step. Returns
/// the path of the lexicon written in its place, placeholders filled in.
fn placeholders_then_a_real_lexicon(bin: &Path, net: &TestNet, dir: &Path) -> PathBuf {
    let out = lex(
        bin,
        net,
        dir,
        None,
        &["new", "record", NSID, "--out", "lexicons"],
    );
    assert_exit(&out, 0);
    let out = publish_as_alice(bin, net, dir, &[]);
    assert_exit(&out, 1);
    assert_stderr_has(&out, "placeholders");
    std::fs::remove_dir_all(dir.join("lexicons")).unwrap();
    new_lexicon(bin, net, dir, NSID)
}

/// `check-dns` names the record needed, a dry run writes nothing, a publish makes status
/// `in-sync`; returns the published CID.
fn check_dns_dry_run_and_publish(bin: &Path, net: &TestNet, dir: &Path) -> String {
    let out = lex(
        bin,
        net,
        dir,
        None,
        &["check-dns", "--handle", "alice.test"],
    );
    assert_exit(&out, 0);
    let alice = net.account_did("alice.test").unwrap().to_owned();
    assert_stdout_has(&out, &format!("needed: TXT \"did={alice}\""));
    assert_status(bin, net, dir, 1, "not-published");

    // Dry run: the plan, nothing written.
    let out = publish_as_alice(bin, net, dir, &["--dry-run"]);
    assert_exit(&out, 0);
    assert_stdout_has(&out, &format!("new {NSID}"));
    assert_eq!(
        status_key(&status_of(bin, net, dir).1, NSID),
        "not-published"
    );

    let out = publish_as_alice(bin, net, dir, &[]);
    assert_exit(&out, 0);
    let json = assert_status(bin, net, dir, 0, "in-sync");
    let published_cid = json["lexicons"][0]["published_cid"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_stdout_has(&out, &format!("published {NSID} {published_cid}"));
    published_cid
}

/// Installing from another folder gets the same document and the published CID.
fn install_elsewhere_gets_the_published_version(
    bin: &Path,
    net: &TestNet,
    path: &Path,
    published_cid: &str,
) {
    let local = read_local(path).unwrap().unwrap();
    let other = Scratch::new("publish-install");
    std::fs::create_dir_all(other.path().join("lexicons")).unwrap();
    let out = lex(bin, net, other.path(), None, &["install", NSID]);
    assert_exit(&out, 0);
    let installed = read_local(&lexicon_path(&other.path().join("lexicons"), NSID))
        .unwrap()
        .unwrap();
    // The installed file is the local document plus the record's `$type`, nothing else.
    let (record, cid) = schema_record(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(installed.record, record);
    assert_eq!(installed.document.defs, local.document.defs);
    assert_eq!(installed.cid, cid);
    assert_eq!(cid.to_string(), published_cid);
    let manifest = Manifest::read(&other.path().join("lexicons.json"))
        .unwrap()
        .unwrap();
    let pinned = manifest.resolutions.get(NSID).unwrap();
    assert_eq!(pinned.cid.to_string(), published_cid);
    let alice = net.account_did("alice.test").unwrap();
    assert!(pinned.uri.contains(alice));
}

/// Publishing again changes nothing; a compatible edit is reported as such; a breaking
/// one is refused by publish and reported by status until `--allow-breaking`.
fn edits_compatible_then_breaking(
    bin: &Path,
    net: &TestNet,
    dir: &Path,
    path: &Path,
    published_cid: &str,
) {
    let out = publish_as_alice(bin, net, dir, &[]);
    assert_exit(&out, 0);
    assert_stdout_has(&out, "nothing to publish");

    edit(
        path,
        "\"Written by the test.\"",
        "\"Rewritten by the test.\"",
    );
    assert_status(bin, net, dir, 1, "compatible-changes");

    edit(path, "\"maxLength\": 3000", "\"maxLength\": 100");
    let out = publish_as_alice(bin, net, dir, &[]);
    assert_exit(&out, 1);
    assert_stderr_has(&out, "--allow-breaking");
    assert!(!stdout(&out).contains("published"), "{}", show(&out));
    let out = lex(bin, net, dir, None, &["status", "--handle", "alice.test"]);
    assert_exit(&out, 1);
    assert_stdout_has(&out, "local changes (breaking)");
    assert_stderr_has(&out, "string-length");

    let out = publish_as_alice(bin, net, dir, &["--allow-breaking"]);
    assert_exit(&out, 0);
    let json = assert_status(bin, net, dir, 0, "in-sync");
    assert_ne!(json["lexicons"][0]["published_cid"], published_cid);
}

/// The single `error:` line of a failed run.
fn one_error(out: &Output) -> String {
    let errors: Vec<String> = stderr(out)
        .lines()
        .filter(|l| l.starts_with("error:"))
        .map(str::to_owned)
        .collect();
    assert_eq!(errors.len(), 1, "{}", show(out));
    errors.into_iter().next().unwrap_or_default()
}

/// Fails unless the run exited with `code` and its one error line holds `needle`.
#[track_caller]
fn assert_one_error(out: &Output, code: i32, needle: &str) {
    assert_exit(out, code);
    assert!(one_error(out).contains(needle), "{needle:?}: {}", show(out));
}

#[test]
fn failures_are_one_line_and_publish_nothing() {
    let Some(bin) = lex_binary() else { return };
    let net = network();
    let project = Scratch::new("publish-failures");
    let dir = project.path();
    new_lexicon(&bin, &net, dir, NSID);

    let out = lex(
        &bin,
        &net,
        dir,
        Some("wrong"),
        &["publish", "--handle", "alice.test"],
    );
    assert_one_error(&out, 1, "login as alice.test failed");
    assert!(!stdout(&out).contains("published"), "{}", show(&out));
    let out = lex(
        &bin,
        &net,
        dir,
        Some("x"),
        &["publish", "--handle", "nobody.test"],
    );
    assert_one_error(&out, 1, "does not resolve");
    delegated_elsewhere(&bin, &net, dir);
    no_lexicon_record(&bin, &net);
    writes_refused(&bin, &net);

    // --password-stdin reads the first line of stdin.
    let mut child = lex_on(
        &bin,
        &net,
        dir,
        &["publish", "--handle", "alice.test", "--password-stdin"],
    )
    .env_remove("LEX_PASSWORD")
    .stdin(Stdio::piped())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), b"not-alices\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_one_error(&out, 1, "login as alice.test failed");

    // No password at all: a usage error before any request.
    let out = lex(
        &bin,
        &net,
        dir,
        None,
        &["publish", "--handle", "alice.test"],
    );
    assert_one_error(&out, 2, "LEX_PASSWORD");
}

/// `_lexicon.blog.example.com` names alice; bob may not publish there, and check-dns and
/// status say so.
fn delegated_elsewhere(bin: &Path, net: &TestNet, dir: &Path) {
    let out = lex(
        bin,
        net,
        dir,
        Some("bob-password"),
        &["publish", "--handle", "bob.test"],
    );
    assert_one_error(&out, 1, "is delegated to");
    let out = lex(bin, net, dir, None, &["check-dns", "--handle", "bob.test"]);
    assert_exit(&out, 1);
    let bob = net.account_did("bob.test").unwrap();
    assert_stdout_has(
        &out,
        &format!("_lexicon.blog.example.com. TXT \"did={bob}\""),
    );
    let out = lex(bin, net, dir, None, &["status", "--handle", "bob.test"]);
    assert_exit(&out, 1);
    assert_stdout_has(&out, "DNS not delegated");
}

/// An authority with no `_lexicon` record at all.
fn no_lexicon_record(bin: &Path, net: &TestNet) {
    let lonely = Scratch::new("publish-no-txt");
    new_lexicon(bin, net, lonely.path(), "com.example.nowhere.thing");
    let out = lex(
        bin,
        net,
        lonely.path(),
        None,
        &["check-dns", "--handle", "alice.test"],
    );
    assert_exit(&out, 1);
    assert_stdout_has(&out, "MISSING");
}

/// Carol's PDS refuses writes: a network error, nothing published.
fn writes_refused(bin: &Path, net: &TestNet) {
    let refused = Scratch::new("publish-refused");
    let dir = refused.path();
    new_lexicon(bin, net, dir, "com.example.refused.thing");
    let out = lex(
        bin,
        net,
        dir,
        Some("carol-password"),
        &["publish", "--handle", "carol.test"],
    );
    assert_one_error(&out, 3, "refuses writes");
    assert_stderr_has(&out, "nothing was published");
    assert!(!stdout(&out).contains("published"), "{}", show(&out));
    let out = lex(bin, net, dir, None, &["status", "--handle", "carol.test"]);
    assert_stdout_has(&out, "not published");
}
