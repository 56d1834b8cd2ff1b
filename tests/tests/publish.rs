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
use lex_tests::testnet::{Fault, TestNet, TestNetConfig};

const NSID: &str = "com.example.blog.post";

/// A scratch folder removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(label: &str) -> Scratch {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir = std::env::temp_dir().join(format!(
            "lex-publish-{label}-{}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The `lex` binary of this workspace build, when present.
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
    let mut cmd = Command::new(bin);
    cmd.args(args);
    if args.first() != Some(&"new") {
        cmd.arg("--dns-server")
            .arg(net.dns_server().to_string())
            .arg("--plc-url")
            .arg(net.plc_url());
    }
    cmd.current_dir(cwd)
        .env_remove("LEX_DNS_SERVER")
        .env_remove("LEX_PLC_URL")
        .env_remove("LEX_PASSWORD")
        .stdin(Stdio::null());
    if let Some(p) = password {
        cmd.env("LEX_PASSWORD", p);
    }
    cmd.output().unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
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
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
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

fn status_of(bin: &Path, net: &TestNet, dir: &Path) -> (Option<i32>, serde_json::Value) {
    let out = lex(
        bin,
        net,
        dir,
        None,
        &["status", "--handle", "alice.test", "--format", "json"],
    );
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("status JSON: {e}\n{}", text(&out)));
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

#[test]
fn new_check_dns_publish_status_install_breaking() {
    let Some(bin) = lex_binary() else { return };
    let net = network();
    let project = Scratch::new("loop");
    let dir = &project.0;

    // A fresh template still holds placeholders: refused before any network step.
    let out = lex(
        &bin,
        &net,
        dir,
        None,
        &["new", "record", NSID, "--out", "lexicons"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let out = lex(
        &bin,
        &net,
        dir,
        Some("alice-password"),
        &["publish", "--handle", "alice.test"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(stderr(&out).contains("placeholders"), "{}", text(&out));
    std::fs::remove_dir_all(dir.join("lexicons")).unwrap();
    let path = new_lexicon(&bin, &net, dir, NSID);

    let out = lex(
        &bin,
        &net,
        dir,
        None,
        &["check-dns", "--handle", "alice.test"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let alice = net.account_did("alice.test").unwrap().to_owned();
    assert!(
        stdout(&out).contains(&format!("needed: TXT \"did={alice}\"")),
        "{}",
        text(&out)
    );

    let (code, json) = status_of(&bin, &net, dir);
    assert_eq!(
        (code, status_key(&json, NSID).as_str()),
        (Some(1), "not-published")
    );

    // Dry run: the plan, nothing written.
    let out = lex(
        &bin,
        &net,
        dir,
        Some("alice-password"),
        &["publish", "--handle", "alice.test", "--dry-run"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        stdout(&out).contains(&format!("new {NSID}")),
        "{}",
        text(&out)
    );
    assert_eq!(
        status_key(&status_of(&bin, &net, dir).1, NSID),
        "not-published"
    );

    let out = lex(
        &bin,
        &net,
        dir,
        Some("alice-password"),
        &["publish", "--handle", "alice.test"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let local = read_local(&path).unwrap().unwrap();
    let (code, json) = status_of(&bin, &net, dir);
    assert_eq!(
        (code, status_key(&json, NSID).as_str()),
        (Some(0), "in-sync"),
        "{json}"
    );
    let published_cid = json["lexicons"][0]["published_cid"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        stdout(&out).contains(&format!("published {NSID} {published_cid}")),
        "{}",
        text(&out)
    );

    // Installing from another folder gets the same document and the published CID.
    let other = Scratch::new("install");
    std::fs::create_dir_all(other.0.join("lexicons")).unwrap();
    let out = lex(&bin, &net, &other.0, None, &["install", NSID]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let installed = read_local(&lexicon_path(&other.0.join("lexicons"), NSID))
        .unwrap()
        .unwrap();
    // The installed file is the local document plus the record's `$type`, nothing else.
    let (record, cid) = schema_record(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(installed.record, record);
    assert_eq!(installed.document.defs, local.document.defs);
    assert_eq!(installed.cid, cid);
    assert_eq!(cid.to_string(), published_cid);
    let manifest = Manifest::read(&other.0.join("lexicons.json"))
        .unwrap()
        .unwrap();
    let pinned = manifest.resolutions.get(NSID).unwrap();
    assert_eq!(pinned.cid.to_string(), published_cid);
    assert!(pinned.uri.contains(&alice));

    // Publishing again changes nothing.
    let out = lex(
        &bin,
        &net,
        dir,
        Some("alice-password"),
        &["publish", "--handle", "alice.test"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        stdout(&out).contains("nothing to publish"),
        "{}",
        text(&out)
    );

    // A compatible edit is reported as such and published without a flag.
    edit(
        &path,
        "\"Written by the test.\"",
        "\"Rewritten by the test.\"",
    );
    let (code, json) = status_of(&bin, &net, dir);
    assert_eq!(
        (code, status_key(&json, NSID).as_str()),
        (Some(1), "compatible-changes")
    );

    // A breaking edit: refused by publish, reported by status.
    edit(&path, "\"maxLength\": 3000", "\"maxLength\": 100");
    let out = lex(
        &bin,
        &net,
        dir,
        Some("alice-password"),
        &["publish", "--handle", "alice.test"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(stderr(&out).contains("--allow-breaking"), "{}", text(&out));
    assert!(!stdout(&out).contains("published"), "{}", text(&out));
    let out = lex(&bin, &net, dir, None, &["status", "--handle", "alice.test"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        stdout(&out).contains("local changes (breaking)"),
        "{}",
        text(&out)
    );
    assert!(stderr(&out).contains("string-length"), "{}", text(&out));

    let out = lex(
        &bin,
        &net,
        dir,
        Some("alice-password"),
        &["publish", "--handle", "alice.test", "--allow-breaking"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let (code, json) = status_of(&bin, &net, dir);
    assert_eq!(
        (code, status_key(&json, NSID).as_str()),
        (Some(0), "in-sync")
    );
    assert_ne!(json["lexicons"][0]["published_cid"], published_cid.as_str());

    // Unpublish removes the record; status sees it gone.
    let out = lex(
        &bin,
        &net,
        dir,
        Some("alice-password"),
        &["unpublish", NSID, "--handle", "alice.test", "--yes"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        stderr(&out).contains("can no longer be verified"),
        "{}",
        text(&out)
    );
    assert_eq!(
        status_key(&status_of(&bin, &net, dir).1, NSID),
        "not-published"
    );
}

/// The single `error:` line of a failed run.
fn one_error(out: &Output) -> String {
    let errors: Vec<String> = stderr(out)
        .lines()
        .filter(|l| l.starts_with("error:"))
        .map(str::to_owned)
        .collect();
    assert_eq!(errors.len(), 1, "{}", text(out));
    errors.into_iter().next().unwrap_or_default()
}

#[test]
fn failures_are_one_line_and_publish_nothing() {
    let Some(bin) = lex_binary() else { return };
    let net = network();
    let project = Scratch::new("failures");
    let dir = &project.0;
    new_lexicon(&bin, &net, dir, NSID);

    let out = lex(
        &bin,
        &net,
        dir,
        Some("wrong"),
        &["publish", "--handle", "alice.test"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        one_error(&out).contains("login as alice.test failed"),
        "{}",
        text(&out)
    );
    assert!(!stdout(&out).contains("published"), "{}", text(&out));

    let out = lex(
        &bin,
        &net,
        dir,
        Some("x"),
        &["publish", "--handle", "nobody.test"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        one_error(&out).contains("does not resolve"),
        "{}",
        text(&out)
    );

    // `_lexicon.blog.example.com` names alice; bob may not publish there.
    let out = lex(
        &bin,
        &net,
        dir,
        Some("bob-password"),
        &["publish", "--handle", "bob.test"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        one_error(&out).contains("is delegated to"),
        "{}",
        text(&out)
    );
    let out = lex(
        &bin,
        &net,
        dir,
        None,
        &["check-dns", "--handle", "bob.test"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let bob = net.account_did("bob.test").unwrap();
    assert!(
        stdout(&out).contains(&format!("_lexicon.blog.example.com. TXT \"did={bob}\"")),
        "{}",
        text(&out)
    );
    let out = lex(&bin, &net, dir, None, &["status", "--handle", "bob.test"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(stdout(&out).contains("DNS not delegated"), "{}", text(&out));

    // An authority with no `_lexicon` record at all.
    let lonely = Scratch::new("no-txt");
    new_lexicon(&bin, &net, &lonely.0, "com.example.nowhere.thing");
    let out = lex(
        &bin,
        &net,
        &lonely.0,
        None,
        &["check-dns", "--handle", "alice.test"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(stdout(&out).contains("MISSING"), "{}", text(&out));

    // Carol's PDS refuses writes: a network error, nothing published.
    let refused = Scratch::new("refused");
    new_lexicon(&bin, &net, &refused.0, "com.example.refused.thing");
    let out = lex(
        &bin,
        &net,
        &refused.0,
        Some("carol-password"),
        &["publish", "--handle", "carol.test"],
    );
    assert_eq!(out.status.code(), Some(3), "{}", text(&out));
    assert!(one_error(&out).contains("refuses writes"), "{}", text(&out));
    assert!(
        stderr(&out).contains("nothing was published"),
        "{}",
        text(&out)
    );
    assert!(!stdout(&out).contains("published"), "{}", text(&out));
    let out = lex(
        &bin,
        &net,
        &refused.0,
        None,
        &["status", "--handle", "carol.test"],
    );
    assert!(stdout(&out).contains("not published"), "{}", text(&out));

    // --password-stdin reads the first line of stdin.
    let mut child = Command::new(&bin)
        .args(["publish", "--handle", "alice.test", "--password-stdin"])
        .args([
            "--dns-server",
            &net.dns_server().to_string(),
            "--plc-url",
            net.plc_url(),
        ])
        .current_dir(dir)
        .env_remove("LEX_PASSWORD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), b"not-alices\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        one_error(&out).contains("login as alice.test failed"),
        "{}",
        text(&out)
    );

    // No password at all: a usage error before any request.
    let out = lex(
        &bin,
        &net,
        dir,
        None,
        &["publish", "--handle", "alice.test"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(one_error(&out).contains("LEX_PASSWORD"), "{}", text(&out));
}
