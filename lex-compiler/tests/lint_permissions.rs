//! Lint agrees with expansion: every permission that `include:` expansion skips (given an
//! audience, so `inheritAud` can be granted) has a lint finding at that permission, from
//! the schema-stage permission rules or from `skipped-permission`, and
//! `skipped-permission` itself only speaks about permissions that expansion skips and
//! never next to another permission rule's finding on the same permission.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use lex_compiler::check::lint;
use lex_compiler::check::rule::Finding;
use lex_compiler::check::selection::Selection;
use lex_runtime::scope::{expand_explained, PermissionSet};
use lex_runtime::{Nsid, Value};

const NSID: &str = "com.example.feed.authFull";

/// Permissions (JSON objects) of every kind expansion grants or skips.
const PERMISSIONS: &[&str] = &[
    r#"{"type": "permission", "resource": "repo", "collection": ["com.example.feed.post"]}"#,
    r#"{"type": "permission", "resource": "repo", "collection": ["com.example.feed.post"], "action": ["create"]}"#,
    r#"{"type": "permission", "resource": "repo", "collection": ["com.example.feed.post"], "action": []}"#,
    r#"{"type": "permission", "resource": "repo", "collection": ["com.example.feed.post"], "action": ["publish"]}"#,
    r#"{"type": "permission", "resource": "repo", "collection": ["com.example.feed.post"], "action": "create"}"#,
    r#"{"type": "permission", "resource": "repo", "collection": []}"#,
    r#"{"type": "permission", "resource": "repo", "collection": "com.example.feed.post"}"#,
    r#"{"type": "permission", "resource": "repo", "collection": ["*"]}"#,
    r#"{"type": "permission", "resource": "repo", "collection": ["com.example.feed.*"]}"#,
    r#"{"type": "permission", "resource": "repo", "collection": ["com.other.post"]}"#,
    r#"{"type": "permission", "resource": "repo", "collection": ["com.example.feed.post"], "lxm": ["com.example.feed.get"]}"#,
    r#"{"type": "permission", "resource": "repo", "collection": ["com.example.feed.post"], "aud": "*"}"#,
    r#"{"type": "permission", "resource": "repo", "collection": ["com.example.feed.post"], "lxm": "x"}"#,
    r#"{"type": "permission", "resource": "repo", "collection": ["com.example.feed.post"], "extra": true}"#,
    r#"{"type": "permission", "resource": "repo"}"#,
    r#"{"type": "permission", "resource": "rpc", "lxm": ["com.example.feed.get"], "aud": "*"}"#,
    r#"{"type": "permission", "resource": "rpc", "lxm": ["com.example.feed.get"], "inheritAud": true}"#,
    r#"{"type": "permission", "resource": "rpc", "lxm": ["com.example.feed.get"], "inheritAud": false, "aud": "*"}"#,
    r#"{"type": "permission", "resource": "rpc", "lxm": ["com.example.feed.get"]}"#,
    r#"{"type": "permission", "resource": "rpc", "lxm": ["com.example.feed.get"], "aud": "did:web:x.com#svc"}"#,
    r#"{"type": "permission", "resource": "rpc", "lxm": ["com.example.feed.get"], "aud": "*", "inheritAud": true}"#,
    r#"{"type": "permission", "resource": "rpc", "lxm": ["com.example.feed.get"], "inheritAud": "yes"}"#,
    r#"{"type": "permission", "resource": "rpc", "lxm": ["*"], "aud": "*"}"#,
    r#"{"type": "permission", "resource": "rpc", "lxm": ["*"], "inheritAud": true}"#,
    r#"{"type": "permission", "resource": "rpc", "lxm": [], "aud": "*"}"#,
    r#"{"type": "permission", "resource": "rpc", "aud": "*"}"#,
    r#"{"type": "permission", "resource": "rpc", "lxm": ["com.other.get"], "aud": "*"}"#,
    r#"{"type": "permission", "resource": "rpc", "lxm": ["com.example.feed.get"], "aud": "*", "collection": ["com.example.feed.post"]}"#,
    r#"{"type": "permission", "resource": "rpc", "lxm": ["com.example.feed.get"], "aud": "*", "rateLimit": 5}"#,
    r#"{"type": "permission", "resource": "rpc", "lxm": ["com.example.feed.get"], "aud": "*", "description": "calls"}"#,
    r#"{"type": "permission", "resource": "blob", "accept": ["image/*"]}"#,
    r#"{"type": "permission", "resource": "account", "attr": "email"}"#,
    r#"{"type": "permission", "resource": "future", "x": 1}"#,
];

#[test]
fn every_skipped_permission_has_a_lint_finding() {
    let nsid = Nsid::new(NSID).unwrap();
    let mut skipped = 0;
    let mut by_this_rule = 0;
    for (i, permission) in PERMISSIONS.iter().enumerate() {
        let json = format!(
            r#"{{"lexicon": 1, "id": "{NSID}", "defs": {{"main": {{"type": "permission-set",
                "title": "All", "detail": "Everything.", "permissions": [{permission}]}}}}}}"#
        );
        let set = PermissionSet::from_lexicon(&Value::from_json_str(&json).unwrap()).unwrap();
        let outcome = expand_explained(&set, &nsid, Some("did:web:api.example.com#svc"));
        let skip = outcome.first().and_then(|o| o.granted.as_ref().err());
        let loaded = lex_compiler::load_sources([("set.json", json.as_str())]);
        let findings = lint::lint(&loaded, &Selection::all(lint::registry()));
        let at_permission: Vec<&Finding> = findings
            .iter()
            .filter(|f| {
                f.diagnostic
                    .json_pointer()
                    .is_some_and(|p| p.starts_with("/defs/main/permissions/0"))
            })
            .collect();
        let rules: Vec<&str> = at_permission.iter().map(|f| f.rule).collect();
        let ours = rules.iter().filter(|r| **r == "skipped-permission").count();
        match skip {
            Some(skip) => {
                skipped += 1;
                assert!(
                    !at_permission.is_empty(),
                    "#{i} {permission}: expansion skips it ({skip}) but lint is silent"
                );
                assert!(
                    ours == 0 || rules.len() == ours,
                    "#{i} {permission}: skipped-permission repeats another rule: {rules:?}"
                );
                if ours > 0 {
                    by_this_rule += 1;
                    let message = at_permission
                        .iter()
                        .find(|f| f.rule == "skipped-permission")
                        .map(|f| f.diagnostic.to_string())
                        .unwrap_or_default();
                    assert!(message.contains(&skip.to_string()), "#{i}: {message}");
                }
            }
            None => assert_eq!(ours, 0, "#{i} {permission}: granted, yet {rules:?}"),
        }
    }
    assert!(skipped >= 20, "the table must exercise skips ({skipped})");
    // Empty `action`, `lxm`/`aud`/malformed `lxm`/unknown key on repo, `collection` and an
    // unknown key on rpc: the cases no schema rule reports.
    assert_eq!(by_this_rule, 7);
}
