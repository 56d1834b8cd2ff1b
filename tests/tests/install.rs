//! `lex install` against the loopback test network: the transitive closure, CIDs equal to
//! what the PDS holds, idempotence, drift detection, every fault, the CLI's exit codes.

// Setup helpers panic on I/O failures: in a test that is a clear failure, not a bug.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use lex_compiler::manifest::{
    check_drift, dependencies, lexicon_path, read_local, Drift, Manifest,
};
use lex_compiler::network::install::{install, InstallError, InstallOptions, Source};
use lex_compiler::network::Step;
use lex_runtime::schema::Document;
use lex_tests::cli::{assert_exit, lex_binary, run_on, Scratch};
use lex_tests::testnet::{Fault, TestNet, TestNetConfig};

fn corpus() -> Option<PathBuf> {
    lex_tests::require_dir(&lex_tests::corpus_dir())
}

fn start(config: TestNetConfig) -> TestNet {
    TestNet::start(config).unwrap_or_else(|e| panic!("test network: {e}"))
}

fn options(net: &TestNet, project: &Path, additions: &[&str]) -> InstallOptions {
    InstallOptions {
        additions: additions.iter().map(|s| (*s).to_owned()).collect(),
        manifest: project.join("lexicons.json"),
        lexicons: project.join("lexicons"),
        save: true,
        update: false,
        network: net.network_config(),
    }
}

fn quiet(_: lex_compiler::network::install::Progress<'_>) {}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// The closure of `root` over the corpus, computed offline.
fn closure(corpus: &Path, root: &str) -> BTreeSet<String> {
    let mut docs = BTreeMap::new();
    for (_, bytes) in snapshot(corpus) {
        let text = String::from_utf8(bytes).unwrap();
        if let Ok(doc) = Document::from_json_str(&text) {
            docs.insert(doc.id.clone(), doc);
        }
    }
    let mut seen = BTreeSet::new();
    let mut queue = vec![root.to_owned()];
    while let Some(n) = queue.pop() {
        if seen.insert(n.clone()) {
            queue.extend(dependencies(&docs[&n]));
        }
    }
    seen
}

#[test]
fn installs_exactly_the_closure_with_the_published_cids_and_is_idempotent() {
    let Some(corpus) = corpus() else { return };
    let net = start(TestNetConfig::new([&corpus]));
    let project = Scratch::new("install-closure");
    let opts = options(&net, project.path(), &["app.bsky.feed.post"]);
    let report = install(&opts, &quiet).unwrap();
    assert!(report.lexicons.values().all(|s| *s == Source::Network));

    let manifest = Manifest::read(&opts.manifest).unwrap().unwrap();
    let expected = closure(&corpus, "app.bsky.feed.post");
    assert!(expected.len() > 5, "{expected:?}");
    assert_eq!(
        manifest.lexicons,
        BTreeSet::from(["app.bsky.feed.post".to_owned()])
    );
    assert_eq!(
        manifest
            .resolutions
            .keys()
            .cloned()
            .collect::<BTreeSet<_>>(),
        expected
    );
    for (nsid, r) in &manifest.resolutions {
        assert_eq!(Some(&r.cid), net.record_cids().get(nsid), "{nsid}");
        let did = net.did_of(nsid).unwrap();
        assert_eq!(
            r.uri,
            format!("at://{did}/com.atproto.lexicon.schema/{nsid}")
        );
        let local = read_local(&lexicon_path(&opts.lexicons, nsid))
            .unwrap()
            .unwrap();
        assert_eq!(local.cid, r.cid, "{nsid}");
        assert!(
            !local.bytes.ends_with(b"\n"),
            "TypeScript writes no newline"
        );
    }
    let files = snapshot(&opts.lexicons);
    assert_eq!(files.len(), expected.len());
    assert!(std::fs::read_to_string(&opts.manifest)
        .unwrap()
        .ends_with("}\n"));

    // Nothing drifted; a second run reuses every file and writes nothing.
    assert_eq!(check_drift(Some(&manifest), &opts.lexicons, &[]), vec![]);
    let before = snapshot(project.path());
    let again = install(&options(&net, project.path(), &[]), &quiet).unwrap();
    assert!(again.written.is_empty(), "{:?}", again.written);
    assert!(again.lexicons.values().all(|s| *s == Source::Local));
    assert_eq!(snapshot(project.path()), before);
}

#[test]
fn drift_is_caught_and_never_silently_rewritten() {
    let Some(corpus) = corpus() else { return };
    let net = start(TestNetConfig::new([&corpus]));
    let project = Scratch::new("install-drift");
    let opts = options(&net, project.path(), &["app.bsky.feed.like"]);
    install(&opts, &quiet).unwrap();
    let manifest = Manifest::read(&opts.manifest).unwrap();

    let path = lexicon_path(&opts.lexicons, "com.atproto.repo.strongRef");
    let original = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, original.replace("\"cid\"", "\"cid2\"")).unwrap();
    let drift = check_drift(manifest.as_ref(), &opts.lexicons, &[]);
    assert!(
        matches!(drift.as_slice(), [Drift::Edited { nsid, .. }] if nsid == "com.atproto.repo.strongRef"),
        "{drift:?}"
    );
    // A plain install reports the edit and leaves every file alone.
    let before = snapshot(project.path());
    match install(&options(&net, project.path(), &[]), &quiet) {
        Err(InstallError::Conflict(c)) => assert!(c[0].contains("strongRef"), "{c:?}"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(snapshot(project.path()), before);
    // --update replaces it with the published record.
    let mut update = options(&net, project.path(), &[]);
    update.update = true;
    install(&update, &quiet).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);

    std::fs::remove_file(&path).unwrap();
    let drift = check_drift(
        manifest.as_ref(),
        &opts.lexicons,
        &["app.bsky.feed.post".into()],
    );
    assert!(drift.contains(&Drift::NotInManifest("app.bsky.feed.post".into())));
    assert!(drift.iter().any(
        |d| matches!(d, Drift::MissingFile { nsid, .. } if nsid == "com.atproto.repo.strongRef")
    ));
}

#[test]
fn every_fault_names_its_step_and_nsid_and_writes_nothing() {
    let Some(corpus) = corpus() else { return };
    // The faulty NSID is a dependency of the root, so the root itself resolves fine: the
    // install must still write nothing.
    let dep = "app.bsky.richtext.facet";
    let cases = [
        (
            Fault::BadSignature(dep.into()),
            Step::Verification,
            "signature",
        ),
        (Fault::IdMismatch(dep.into()), Step::Verification, "id"),
        (
            Fault::TwoDids(dep.into()),
            Step::Dns,
            "2 `did=` TXT records",
        ),
        (Fault::MissingTxt(dep.into()), Step::Dns, "no TXT record"),
        (Fault::WrongMstProof(dep.into()), Step::Verification, "MST"),
        (
            Fault::Slow {
                nsid: dep.into(),
                delay: Duration::from_secs(5),
            },
            Step::Pds,
            "timed out",
        ),
    ];
    for (fault, step, words) in cases {
        let net = start(TestNetConfig::new([&corpus]).fault(fault.clone()));
        let project = Scratch::new("install-fault");
        let mut opts = options(&net, project.path(), &["app.bsky.feed.post"]);
        opts.network.timeout = Duration::from_secs(1);
        match install(&opts, &quiet) {
            Err(InstallError::Network(errors)) => {
                assert_eq!(errors.len(), 1, "{fault:?}: {errors:?}");
                assert_eq!(errors[0].nsid, dep, "{fault:?}");
                assert_eq!(errors[0].step, step, "{fault:?}: {}", errors[0]);
                assert!(
                    errors[0].message.contains(words),
                    "{fault:?}: {}",
                    errors[0]
                );
            }
            other => panic!("{fault:?}: expected a network error, got {other:?}"),
        }
        assert!(snapshot(project.path()).is_empty(), "{fault:?} wrote files");
    }
}

#[test]
fn loopback_endpoints_need_explicit_configuration() {
    let Some(corpus) = corpus() else { return };
    let net = start(TestNetConfig::new([&corpus]));
    let project = Scratch::new("install-ssrf");
    let mut opts = options(&net, project.path(), &["com.atproto.repo.strongRef"]);
    // An https PLC URL is not a loopback test setup, so the DID document's loopback PDS is
    // refused (before any request to it); this PLC URL itself is unreachable on purpose.
    opts.network.plc_url = Some("https://127.0.0.1:9".into());
    opts.network.timeout = Duration::from_secs(2);
    let err = install(&opts, &quiet).unwrap_err();
    assert!(matches!(err, InstallError::Network(_)), "{err:?}");
    assert!(snapshot(project.path()).is_empty());
}

#[test]
fn did_web_resolves_and_a_loopback_did_web_is_refused_by_default() {
    let Some(corpus) = corpus() else { return };
    let net = start(TestNetConfig::new([&corpus]).did_web("richtext.bsky.app"));
    let project = Scratch::new("install-did-web");
    let opts = options(&net, project.path(), &["app.bsky.feed.post"]);
    install(&opts, &quiet).unwrap();
    let manifest = Manifest::read(&opts.manifest).unwrap().unwrap();
    let facet = &manifest.resolutions["app.bsky.richtext.facet"];
    assert!(
        facet.uri.starts_with("at://did:web:127.0.0.1%3A"),
        "{}",
        facet.uri
    );
    assert_eq!(
        Some(&facet.cid),
        net.record_cids().get("app.bsky.richtext.facet")
    );

    // Default endpoint policy (only the DNS server configured): the did:web points at a
    // loopback host, so it is refused before any request is made.
    let empty = Scratch::new("install-did-web-refused");
    let mut opts = options(&net, empty.path(), &["app.bsky.richtext.facet"]);
    opts.network.plc_url = None;
    match install(&opts, &quiet) {
        Err(InstallError::Network(errors)) => {
            assert_eq!(errors[0].step, Step::Did, "{}", errors[0]);
            assert!(errors[0].message.contains("loopback"), "{}", errors[0]);
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(snapshot(empty.path()).is_empty());
}

#[test]
fn installing_100_lexicons_writes_every_one_of_them() {
    let source = Scratch::new("install-hundred-src");
    let ids = lex_tests::testnet::synthetic_lexicons(source.path(), 100, 10).unwrap();
    let net = start(TestNetConfig::new([source.path()]));
    let project = Scratch::new("install-hundred");
    let additions: Vec<&str> = ids.iter().map(String::as_str).collect();
    let opts = options(&net, project.path(), &additions);
    let started = Instant::now();
    let report = install(&opts, &quiet).unwrap();
    // Informational only: speed is measured in benchmarks, not asserted in tests.
    eprintln!(
        "installed 100 lexicons from the test network in {:?}",
        started.elapsed()
    );
    assert_eq!(report.lexicons.len(), 100);
    for id in &ids {
        let path = lexicon_path(&project.path().join("lexicons"), id);
        assert!(path.is_file(), "{} was not written", path.display());
    }
}

#[test]
fn record_cid_matches_the_typescript_lex() {
    let Some(corpus) = corpus() else { return };
    // Computed with @atproto/lex-cbor `cidForLex({...post.json, $type:
    // "com.atproto.lexicon.schema"})`.
    let text = std::fs::read_to_string(corpus.join("app/bsky/feed/post.json")).unwrap();
    let mut record = lex_runtime::json::record_from_str(&text).unwrap();
    record.insert(
        "$type",
        lex_runtime::Value::String("com.atproto.lexicon.schema".into()),
    );
    let cid = lex_runtime::cbor::cid_of(&lex_runtime::Value::Map(record));
    assert_eq!(
        cid.to_string(),
        "bafyreia7rgxu7467phwpcgzaw62l5bzmxufkpikrc5zm4q3xhjmuhq4pti"
    );
}

/// Fails unless `lex install --ci` in `dir` (no network needed) exits with `code`.
#[track_caller]
fn install_ci(bin: &Path, dir: &Path, code: i32) {
    let out = Command::new(bin)
        .args(["install", "--ci"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert_exit(&out, code);
}

#[test]
fn cli_exit_codes() {
    let Some(corpus) = corpus() else { return };
    let Some(bin) = lex_binary() else { return };
    let net = start(
        TestNetConfig::new([&corpus]).fault(Fault::MissingTxt("com.example.nothing.here".into())),
    );
    let project = Scratch::new("install-cli");
    let out = run_on(
        &bin,
        &net,
        project.path(),
        &["install", "app.bsky.feed.like"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("installed"));

    install_ci(&bin, project.path(), 0);
    let path = lexicon_path(&project.path().join("lexicons"), "app.bsky.feed.like");
    std::fs::write(&path, "{}").unwrap();
    let before = snapshot(project.path());
    install_ci(&bin, project.path(), 1);
    assert_eq!(snapshot(project.path()), before);

    // Unknown authority: DNS step, exit 3, nothing written.
    let empty = Scratch::new("install-cli-fault");
    let out = run_on(
        &bin,
        &net,
        empty.path(),
        &["install", "com.example.nothing.here"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("com.example.nothing.here") && stderr.contains("DNS"),
        "{stderr}"
    );
    assert!(snapshot(empty.path()).is_empty());

    let out = run_on(&bin, &net, empty.path(), &["install", "not an nsid"]);
    assert_eq!(out.status.code(), Some(2));

    let out = run_on(
        &bin,
        &net,
        empty.path(),
        &["resolve", "app.bsky.feed.post", "--json"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["cid"].as_str(),
        net.record_cids()
            .get("app.bsky.feed.post")
            .map(|c| c.to_string())
            .as_deref()
    );
    assert_eq!(json["schema"]["id"], "app.bsky.feed.post");
    assert_eq!(json["authority"], "feed.bsky.app");
}

#[test]
fn testnet_info_names_the_dns_server_and_the_plc_url() {
    let source = Scratch::new("install-info-src");
    lex_tests::testnet::synthetic_lexicons(source.path(), 2, 1).unwrap();
    let net = start(TestNetConfig::new([source.path()]));
    let info: serde_json::Value = serde_json::from_str(&net.info_json()).unwrap();
    assert_eq!(info["dns_server"], net.dns_server().to_string());
    assert_eq!(info["plc_url"], net.plc_url());
    assert!(net.plc_url().starts_with("http://127.0.0.1:"));
}
