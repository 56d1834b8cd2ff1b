//! `lex_runtime::scope` against `@atproto/oauth-scopes`: the checked-in answers in
//! `tests/scope_reference/reference.json` (see its README) for scope strings, access
//! checks and permission-set expansions. Every case must agree, except the listed ones
//! where this crate follows the spec (section 11) or keeps its output re-readable; those
//! are asserted with the answer this crate gives and the reference's, both.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use lex_runtime::scope::{
    expand, AccountAction, AccountAttr, IdentityAttr, PermissionSet, RepoAction, Request, Scope,
    ScopeSet,
};
use lex_runtime::{Nsid, Value};
use serde_json::Value as Json;

fn here() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scope_reference")
}

fn reference() -> Json {
    let text = std::fs::read_to_string(here().join("reference.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Inputs where this crate and the reference normalize differently: (input, ours, why).
const SCOPE_DIFFERENCES: &[(&str, Option<&str>, &str)] = &[
    (
        "account:status",
        None,
        "11.3: the spec's account attributes are email and repo",
    ),
    (
        "account:email?action=read&action=manage",
        None,
        "11.3: the spec's account action is a single string",
    ),
    (
        "blob?accept=image/svg%2Bxml&accept=text/plain",
        Some("blob?accept=image/svg%2Bxml&accept=text/plain"),
        "11.6: the reference writes `+`, which reads back as a space",
    ),
    (
        "rpc:app.bsky.feed.getFeed?aud=did:web:localhost%253A2583%23svc",
        Some("rpc:app.bsky.feed.getFeed?aud=did:web:localhost%253A2583%23svc"),
        "a `%` stays `%25`: the reference writes `%3A`, which reads back as `:` (a path)",
    ),
    (
        "blob?accept=image/png&accept=image/png",
        Some("blob:image/png"),
        "duplicates go before choosing the positional form; the reference's own output \
         `blob?accept=image/png` normalizes to `blob:image/png`",
    ),
    (
        "rpc:app.bsky.feed.getFeed?aud=did:web:api.bsky.app%23",
        None,
        "spec 1.2: the service reference's fragment is required (non-empty)",
    ),
];

#[test]
fn scope_strings_match_the_reference() {
    let data = reference();
    let cases = data["scopes"].as_array().unwrap();
    assert!(cases.len() >= 100, "only {} scope strings", cases.len());
    let mut mismatches = Vec::new();
    for case in cases {
        let input = case["input"].as_str().unwrap();
        let theirs = case["normalized"].as_str();
        let ours = Scope::parse(input).ok().map(|s| s.to_string());
        match SCOPE_DIFFERENCES.iter().find(|d| d.0 == input) {
            Some((_, expected, why)) => {
                assert_eq!(ours.as_deref(), *expected, "{input}: {why}");
                assert_ne!(ours.as_deref(), theirs, "{input} no longer differs: {why}");
            }
            None if ours.as_deref() != theirs => {
                mismatches.push(format!("{input}: ours {ours:?}, reference {theirs:?}"))
            }
            None => {}
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    for (input, ..) in SCOPE_DIFFERENCES {
        let listed = cases.iter().any(|c| c["input"].as_str() == Some(input));
        assert!(listed, "difference `{input}` is not in scopes.txt");
    }
}

#[test]
fn reference_scope_lists_normalize_alike() {
    // The reference's list normalizer: each normalized, invalid ones dropped, sorted.
    let data = reference();
    let cases = data["scopes"].as_array().unwrap();
    let differs = |input: &str| SCOPE_DIFFERENCES.iter().any(|d| d.0 == input);
    let inputs: Vec<&str> = cases
        .iter()
        .filter_map(|c| c["input"].as_str())
        .filter(|i| !i.is_empty() && !i.contains(' ') && !differs(i))
        .collect();
    let mut expected: Vec<&str> = cases
        .iter()
        .filter(|c| !differs(c["input"].as_str().unwrap()))
        .filter_map(|c| c["normalized"].as_str())
        .collect();
    expected.sort_unstable();
    expected.dedup();
    let (set, errors) = ScopeSet::parse_lenient(&inputs.join(" "));
    assert_eq!(set.to_string(), expected.join(" "));
    assert_eq!(
        errors.len(),
        inputs.len()
            - cases
                .iter()
                .filter(|c| c["normalized"].is_string() && !differs(c["input"].as_str().unwrap()))
                .count()
    );
}

fn s(v: &Json) -> &str {
    v.as_str().unwrap()
}

fn request_of(case: &Json) -> (String, Request<'_>) {
    if let Some(r) = case.get("repo") {
        let action = RepoAction::parse(s(&r[1])).unwrap();
        return (format!("repo {r}"), Request::repo(s(&r[0]), action));
    }
    if let Some(r) = case.get("rpc") {
        return (format!("rpc {r}"), Request::rpc(s(&r[0]), s(&r[1])));
    }
    if let Some(r) = case.get("blob") {
        return (format!("blob {r}"), Request::blob(s(r)));
    }
    if let Some(r) = case.get("account") {
        let attr = AccountAttr::parse(s(&r[0])).unwrap();
        let action = AccountAction::parse(s(&r[1])).unwrap();
        return (format!("account {r}"), Request::account(attr, action));
    }
    let r = &case["identity"];
    (
        format!("identity {r}"),
        Request::identity(IdentityAttr::parse(s(r)).unwrap()),
    )
}

#[test]
fn access_checks_match_the_reference() {
    let data = reference();
    let cases = data["requests"].as_array().unwrap();
    assert!(cases.len() >= 40);
    let mut differences = 0;
    for case in cases {
        let granted = case["granted"].as_str().unwrap();
        let theirs = case["allowed"].as_bool().unwrap();
        let (label, request) = request_of(case);
        let ours = ScopeSet::parse_lenient(granted).0.allows(&request);
        if granted == "transition:chat.bsky" && label.contains("chat.bsky.") {
            // 11.4: the spec makes transition:chat.bsky depend on transition:generic.
            assert!(theirs && !ours, "{granted} / {label}");
            differences += 1;
        } else {
            assert_eq!(ours, theirs, "{granted} / {label}");
        }
    }
    assert_eq!(differences, 1);
}

fn expand_case(set: &PermissionSet, nsid: &str, aud: Option<&str>) -> Vec<String> {
    let nsid = Nsid::new(nsid).unwrap();
    expand(set, &nsid, aud)
        .iter()
        .map(Scope::to_string)
        .collect()
}

fn strings(v: &Json) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

/// Compares one set's expansions; `source` is the reference's label.
fn compare_set(case: &Json, lexicon: &Value) {
    let source = case["source"].as_str().unwrap();
    let nsid = case["nsid"].as_str().unwrap();
    let aud = reference()["audience"].as_str().unwrap().to_owned();
    let set = PermissionSet::from_lexicon(lexicon).unwrap();
    assert_eq!(
        expand_case(&set, nsid, None),
        strings(&case["without_aud"]),
        "{source} without an audience"
    );
    assert_eq!(
        expand_case(&set, nsid, Some(&aud)),
        strings(&case["with_aud"]),
        "{source} with an audience"
    );
}

fn lexicon_file(path: &Path) -> Value {
    Value::from_json_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn checked_in_sets_match_the_reference() {
    let data = reference();
    let mut compared = 0;
    for case in data["sets"].as_array().unwrap() {
        let source = case["source"].as_str().unwrap();
        if !source.starts_with("sets/") || source.contains("authDiffers") {
            continue;
        }
        compare_set(case, &lexicon_file(&here().join(source)));
        compared += 1;
    }
    assert_eq!(compared, 1);
}

#[test]
fn section_11_set_differences_follow_the_spec() {
    let data = reference();
    let case = data["sets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["source"].as_str().unwrap().contains("authDiffers"))
        .unwrap();
    let set = PermissionSet::from_lexicon(&lexicon_file(
        &here().join(case["source"].as_str().unwrap()),
    ))
    .unwrap();
    let nsid = case["nsid"].as_str().unwrap();
    // The reference drops every one of these permissions.
    assert_eq!(strings(&case["without_aud"]), Vec::<String>::new());
    assert_eq!(strings(&case["with_aud"]), Vec::<String>::new());
    let granted = [
        // 11.5: `inheritAud: false` is "no", so `aud: "*"` stands.
        "rpc:com.example.spec.get?aud=*",
        // 11.5: `description` documents the permission; it is not a parameter.
        "repo:com.example.spec.post",
        // 11.8: the namespace check ignores the case of the authority.
        "repo:COM.Example.spec.post",
    ];
    assert_eq!(expand_case(&set, nsid, None), granted);
    let with_aud = expand_case(&set, nsid, Some("did:web:api.example.com#svc_appview"));
    let mut expected: Vec<String> = granted.iter().map(|s| s.to_string()).collect();
    expected.push("rpc:com.EXAMPLE.spec.sub.get?aud=did:web:api.example.com%23svc_appview".into());
    assert_eq!(with_aud, expected);
}

/// The shared folder when it holds the corpus (see `lex_testdata`).
fn shared_dir() -> Option<PathBuf> {
    lex_testdata::corpus().map(|_| lex_testdata::shared_dir())
}

fn permission_set_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            permission_set_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json")
            && std::fs::read_to_string(&path)
                .unwrap()
                .contains("permission-set")
        {
            out.push(path);
        }
    }
}

#[test]
fn shared_corpus_sets_match_the_reference() {
    let Some(shared) = shared_dir() else {
        return;
    };
    let data = reference();
    let cases: Vec<&Json> = data["sets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| !c["source"].as_str().unwrap().starts_with("sets/"))
        .collect();
    let mut compared = 0;
    for case in &cases {
        let source = case["source"].as_str().unwrap();
        let (file, index) = match source.split_once('#') {
            Some((file, i)) => (file, Some(i.parse::<usize>().unwrap())),
            None => (source, None),
        };
        let text = std::fs::read_to_string(shared.join(file)).unwrap();
        let lexicon = match index {
            None => Value::from_json_str(&text).unwrap(),
            Some(i) => {
                let cases: Json = serde_json::from_str(&text).unwrap();
                Value::from_json_str(&cases[i]["lexicon"].to_string()).unwrap()
            }
        };
        compare_set(case, &lexicon);
        compared += 1;
    }
    // Every permission-set file in the corpus is in the reference data (regenerate it
    // when the corpus gains one).
    let mut files = Vec::new();
    for root in ["corpus/atproto", "conformance/lexicon"] {
        permission_set_files(&shared.join(root), &mut files);
    }
    for file in &files {
        let rel = file
            .strip_prefix(&shared)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        assert!(
            cases
                .iter()
                .any(|c| c["source"].as_str().unwrap().starts_with(&rel)),
            "{rel} is not in reference.json; regenerate it (README)"
        );
    }
    assert!(compared >= 12, "compared {compared} sets");
}
