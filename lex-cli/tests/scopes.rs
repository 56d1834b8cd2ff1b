//! `lex scopes` driven through the real binary: each subcommand's output and exit code,
//! expansion from folders (a broken neighbour does not block it), and every corpus
//! permission set expanded with and without an audience, compared with what
//! `@atproto/oauth-scopes` answered (lex-runtime/tests/scope_reference/reference.json).

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::process::{Command, Output};

use lex_runtime::scope::Scope;

use common::TempDir as Scratch;
use common::{assert_exit, shared_path};

/// Runs `lex scopes ARGS` in `cwd`, never touching a real network.
fn lex(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lex"))
        .arg("scopes")
        .args(args)
        .current_dir(cwd)
        .env_remove("LEX_DNS_SERVER")
        .env_remove("LEX_PLC_URL")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const SET: &str = r#"{"lexicon": 1, "id": "com.example.blog.authWrite", "defs": {"main": {
  "type": "permission-set", "title": "Write posts",
  "permissions": [
    {"type": "permission", "resource": "repo", "collection": ["com.example.blog.post"], "action": ["create", "update"]},
    {"type": "permission", "resource": "rpc", "lxm": ["com.example.blog.report"], "inheritAud": true},
    {"type": "permission", "resource": "rpc", "lxm": ["com.example.blog.get"], "aud": "*"},
    {"type": "permission", "resource": "repo", "collection": ["com.other.thing"]},
    {"type": "permission", "resource": "blob", "accept": ["image/*"]}
  ]}}}"#;

const RECORD: &str = r#"{"lexicon": 1, "id": "com.example.blog.post", "defs": {"main": {
  "type": "record", "key": "tid", "record": {"type": "object", "properties": {}}}}}"#;

/// A project with the set above, a record and a file that is not even JSON.
fn project() -> Scratch {
    let dir = Scratch::new("project");
    dir.write("lexicons/com/example/blog/authWrite.json", SET);
    dir.write("lexicons/com/example/blog/post.json", RECORD);
    dir.write("lexicons/com/example/broken.json", "{ not json");
    dir
}

#[test]
fn parse_prints_normalized_scopes_and_fails_on_invalid_ones() {
    let dir = Scratch::new("parse");
    let out = lex(
        &dir.0,
        &[
            "parse",
            "repo?collection=app.bsky.feed.post&action=create atproto",
            "rpc:app.bsky.feed.getFeed?aud=did:web:api.bsky.app#bsky_appview",
            "blob?accept=image/png&accept=image/*",
        ],
    );
    assert_exit(&out, 0);
    assert_eq!(
        stdout(&out),
        "repo:app.bsky.feed.post?action=create\natproto\n\
         rpc:app.bsky.feed.getFeed?aud=did:web:api.bsky.app%23bsky_appview\nblob:image/*\n"
    );

    let out = lex(
        &dir.0,
        &["parse", "atproto", "repo:app.bsky.*", "rpc:a.b.c"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "atproto\n");
    let err = stderr(&out);
    assert!(
        err.contains("invalid scope `repo:app.bsky.*`: partial wildcard"),
        "{err}"
    );
    assert!(
        err.contains("invalid scope `rpc:a.b.c`: missing `aud`"),
        "{err}"
    );
}

#[test]
fn parse_json_gives_the_structured_form() {
    let dir = Scratch::new("parse-json");
    let out = lex(
        &dir.0,
        &[
            "parse",
            "--format",
            "json",
            "repo:a.b.c",
            "include:com.example.authX?aud=did:web:x.com%23svc",
            "account:email?action=manage",
            "bogus",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = json.as_array().unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(items[0]["resource"], "repo");
    assert_eq!(items[0]["collection"], serde_json::json!(["a.b.c"]));
    assert_eq!(
        items[0]["action"],
        serde_json::json!(["create", "update", "delete"])
    );
    assert_eq!(items[1]["nsid"], "com.example.authX");
    assert_eq!(items[1]["aud"], "did:web:x.com#svc");
    assert_eq!(
        items[1]["scope"],
        "include:com.example.authX?aud=did:web:x.com%23svc"
    );
    assert_eq!(items[2]["attr"], "email");
    assert_eq!(items[2]["action"], "manage");
    assert_eq!(items[3]["input"], "bogus");
    assert_eq!(items[3]["error"], "unknown resource `bogus`");
}

#[test]
fn expand_reads_the_set_from_the_folder_despite_a_broken_neighbour() {
    let dir = project();
    let aud = "did:web:api.example.com#blog";
    let out = lex(
        &dir.0,
        &[
            "expand",
            "--offline",
            "include:com.example.blog.authWrite",
            "--aud",
            aud,
            "atproto",
        ],
    );
    assert_exit(&out, 0);
    assert_eq!(
        stdout(&out),
        "atproto\n\
         repo:com.example.blog.post?action=create&action=update\n\
         rpc:com.example.blog.get?aud=*\n\
         rpc:com.example.blog.report?aud=did:web:api.example.com%23blog\n"
    );
    assert!(
        stderr(&out).contains("2 of 5 permissions skipped"),
        "{}",
        stderr(&out)
    );

    // The include's own aud wins over --aud; without any, inheritAud grants nothing.
    let own = lex(
        &dir.0,
        &[
            "expand",
            "--offline",
            "include:com.example.blog.authWrite?aud=did:web:own.example%23x",
        ],
    );
    assert!(stdout(&own).contains("rpc:com.example.blog.report?aud=did:web:own.example%23x"));
    let none = lex(
        &dir.0,
        &["expand", "--offline", "include:com.example.blog.authWrite"],
    );
    assert!(
        !stdout(&none).contains("com.example.blog.report"),
        "{}",
        stdout(&none)
    );
}

#[test]
fn expand_explain_says_why_each_permission_is_skipped() {
    let dir = project();
    let out = lex(
        &dir.0,
        &[
            "expand",
            "--offline",
            "--explain",
            "include:com.example.blog.authWrite",
        ],
    );
    assert_exit(&out, 0);
    let text = stdout(&out);
    let expected = [
        "include:com.example.blog.authWrite (from lexicons/com/example/blog/authWrite.json):",
        "  [0] repo     granted  repo:com.example.blog.post?action=create&action=update",
        "  [1] rpc      skipped  `inheritAud` but the include has no `aud`",
        "  [2] rpc      granted  rpc:com.example.blog.get?aud=*",
        "  [3] repo     skipped  `com.other.thing` is outside the set's namespace",
        "  [4] blob     skipped  resource `blob` is not granted through permission sets",
    ];
    for line in expected {
        assert!(
            text.lines().any(|l| l == line),
            "missing {line:?} in\n{text}"
        );
    }
}

#[test]
fn expand_exit_codes() {
    let dir = project();
    // Offline and not in the folders: an input error.
    let out = lex(
        &dir.0,
        &["expand", "--offline", "include:com.example.nothing.here"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not in the lexicon folders"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("1 lexicon files in the folders did not load"));
    // A lexicon that is not a permission set.
    let out = lex(
        &dir.0,
        &["expand", "--offline", "include:com.example.blog.post"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is not a permission set: its main definition is a `record`"));
    // An invalid scope, and an --aud that is no service reference.
    let out = lex(&dir.0, &["expand", "--offline", "include:com.example.*"]);
    assert_eq!(out.status.code(), Some(1));
    let out = lex(
        &dir.0,
        &[
            "expand",
            "--offline",
            "--aud",
            "did:web:x.com",
            "include:com.example.blog.authWrite",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a DID service reference"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn for_writes_the_least_privilege_scope_string() {
    let dir = project();
    let out = lex(
        &dir.0,
        &[
            "for",
            "--method",
            "com.example.blog.report",
            "--aud",
            "did:web:api.example.com%23blog",
            "--collection",
            "com.example.blog.post:create",
            "--collection",
            "com.example.blog.post:update",
            "--blob",
            "image/png",
        ],
    );
    assert_exit(&out, 0);
    assert_eq!(
        stdout(&out),
        "atproto blob:image/png repo:com.example.blog.post?action=create&action=update \
         rpc:com.example.blog.report?aud=did:web:api.example.com%23blog\n"
    );
    let out = lex(&dir.0, &["for", "--method", "com.example.blog.report"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--method needs --aud"),
        "{}",
        stderr(&out)
    );
    let out = lex(
        &dir.0,
        &["for", "--collection", "com.example.blog.post:publish"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown action `publish`"));
}

#[test]
fn for_sets_lists_covering_sets_and_what_they_add() {
    let dir = project();
    let out = lex(
        &dir.0,
        &[
            "for",
            "--sets",
            "--method",
            "com.example.blog.report",
            "--aud",
            "did:web:api.example.com#blog",
            "--collection",
            "com.example.blog.post:create",
            "--blob",
            "image/png",
        ],
    );
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(text.contains(
        "include:com.example.blog.authWrite?aud=did:web:api.example.com%23blog covers 2 of 3 requests"
    ), "{text}");
    assert!(
        text.contains("  not covered: upload image/png blobs"),
        "{text}"
    );
    assert!(
        text.contains("  also grants: repo:com.example.blog.post?action=update"),
        "{text}"
    );
    assert!(
        text.contains("  also grants: rpc:com.example.blog.get?aud=*"),
        "{text}"
    );
}

#[test]
fn check_says_which_scope_allows_each_request() {
    let dir = project();
    let granted = "atproto repo:com.example.blog.post?action=create \
                   rpc:com.example.blog.report?aud=did:web:api.example.com%23blog";
    let allowed = lex(
        &dir.0,
        &[
            "check",
            "--granted",
            granted,
            "--method",
            "com.example.blog.report",
            "--aud",
            "did:web:api.example.com#blog",
            "--collection",
            "com.example.blog.post:create",
        ],
    );
    assert_exit(&allowed, 0);
    assert_eq!(
        stdout(&allowed),
        "allowed  call com.example.blog.report on did:web:api.example.com#blog  \
         (by rpc:com.example.blog.report?aud=did:web:api.example.com%23blog)\n\
         allowed  create com.example.blog.post records  \
         (by repo:com.example.blog.post?action=create)\n"
    );
    let denied = lex(
        &dir.0,
        &[
            "check",
            "--granted",
            granted,
            "--collection",
            "com.example.blog.post:delete",
        ],
    );
    assert_eq!(denied.status.code(), Some(1));
    assert_eq!(
        stdout(&denied),
        "denied   delete com.example.blog.post records\n"
    );
    // Includes among the granted scopes are expanded, and the answer names them.
    let via = lex(
        &dir.0,
        &[
            "check",
            "--offline",
            "--granted",
            "atproto include:com.example.blog.authWrite",
            "--collection",
            "com.example.blog.post:update",
        ],
    );
    assert_exit(&via, 0);
    assert!(stdout(&via).contains("from include:com.example.blog.authWrite)"));
    let bad = lex(
        &dir.0,
        &["check", "--granted", "repo:*:x", "--blob", "image/png"],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("--granted: invalid scope"),
        "{}",
        stderr(&bad)
    );
}

/// The reference's scopes, normalized by this crate, sorted as `expand` prints them.
fn normalized(list: &serde_json::Value) -> Vec<String> {
    let mut out: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| Scope::parse(s.as_str().unwrap()).unwrap().to_string())
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn expand_matches_the_reference_for_every_corpus_set() {
    let Some(shared) = shared_path("") else {
        return;
    };
    let reference = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../lex-runtime/tests/scope_reference/reference.json");
    let reference: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(reference).unwrap()).unwrap();
    let aud = reference["audience"].as_str().unwrap();
    let corpus = shared.join("corpus/atproto");
    let corpus = corpus.to_str().unwrap();
    let mut compared = 0;
    for set in reference["sets"].as_array().unwrap() {
        if !set["source"].as_str().unwrap().starts_with("corpus/") {
            continue;
        }
        let include = format!("include:{}", set["nsid"].as_str().unwrap());
        for (args, expected) in [
            (vec![], &set["without_aud"]),
            (vec!["--aud", aud], &set["with_aud"]),
        ] {
            let mut argv = vec!["expand", "--offline", "--lexicons", corpus, &include];
            argv.extend(args);
            let out = lex(&shared, &argv);
            assert_eq!(out.status.code(), Some(0), "{include}: {}", stderr(&out));
            let got: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
            assert_eq!(got, normalized(expected), "{include} {argv:?}");
            compared += 1;
        }
    }
    assert_eq!(
        compared, 20,
        "ten corpus sets, each with and without an audience"
    );
}
