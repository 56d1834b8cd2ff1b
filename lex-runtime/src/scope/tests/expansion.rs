//! `include:` expansion: each step of spec section 7 on its own permission, the
//! constant form generated code writes, and the typed helpers.

use std::borrow::Cow;

use crate::scope::{
    expand, expand_explained, repo_scope, rpc_scope, Permission, PermissionSet, RepoAction,
    RepoActions, Scope, ScopeErrorKind, Skip, Strs,
};
use crate::{Nsid, Value};

const AUD: &str = "did:web:api.example.com#svc";

fn nsid(s: &str) -> Nsid {
    Nsid::new(s).unwrap()
}

fn set_of(permissions: &str) -> PermissionSet {
    let doc = format!(
        r#"{{"lexicon": 1, "id": "com.example.feed.authSet", "defs": {{"main":
            {{"type": "permission-set", "title": "T", "permissions": [{permissions}]}}}}}}"#
    );
    PermissionSet::from_lexicon(&Value::from_json_str(&doc).unwrap()).unwrap()
}

/// The one outcome of a one-permission set, with and without an audience.
fn outcome(permission: &str, aud: Option<&str>) -> Result<String, Skip> {
    let set = set_of(permission);
    let mut all = expand_explained(&set, &nsid("com.example.feed.authSet"), aud);
    assert_eq!(all.len(), 1);
    all.remove(0).granted.map(|s| s.to_string())
}

#[test]
fn step_a_only_repo_and_rpc() {
    for p in [
        r#"{"type": "permission", "resource": "blob", "accept": ["image/*"]}"#,
        r#"{"type": "permission", "resource": "account", "attr": "email"}"#,
        r#"{"type": "permission", "resource": "identity", "attr": "handle"}"#,
        r#"{"type": "permission", "resource": "include", "nsid": "com.example.feed.authX"}"#,
    ] {
        assert!(
            matches!(outcome(p, Some(AUD)), Err(Skip::UnsupportedResource(_))),
            "{p}"
        );
    }
    let none = outcome(
        r#"{"type": "permission", "lxm": ["com.example.feed.get"], "aud": "*"}"#,
        None,
    );
    assert_eq!(none.unwrap_err().to_string(), "no `resource`");
}

#[test]
fn step_b_fixed_audience_is_skipped() {
    let p = r#"{"type": "permission", "resource": "rpc", "lxm": ["com.example.feed.get"], "aud": "did:web:x.com#svc"}"#;
    assert_eq!(
        outcome(p, Some(AUD)),
        Err(Skip::FixedAudience("did:web:x.com#svc".into()))
    );
}

#[test]
fn step_c_inherit_aud_takes_the_include_audience() {
    let p = r#"{"type": "permission", "resource": "rpc", "lxm": ["com.example.feed.get"], "inheritAud": true}"#;
    assert_eq!(
        outcome(p, Some(AUD)).unwrap(),
        "rpc:com.example.feed.get?aud=did:web:api.example.com%23svc"
    );
    assert_eq!(outcome(p, None), Err(Skip::NoAudienceToInherit));
    // An include audience of `*` (never valid in an include) must not become `aud=*`.
    assert_eq!(
        outcome(p, Some("*")),
        Err(Skip::BadIncludeAudience("*".into()))
    );
}

#[test]
fn step_d_leftovers_and_invalid_values_skip() {
    let rpc = |rest: &str| {
        format!(
            r#"{{"type": "permission", "resource": "rpc", "lxm": ["com.example.feed.get"]{rest}}}"#
        )
    };
    assert_eq!(
        outcome(&rpc(r#", "aud": "*", "inheritAud": true"#), Some(AUD)),
        Err(Skip::InheritAudWithAud)
    );
    assert_eq!(
        outcome(&rpc(""), Some(AUD)),
        Err(Skip::Invalid(ScopeErrorKind::Missing("aud")))
    );
    assert_eq!(
        outcome(&rpc(r#", "aud": "*", "note": 1"#), None),
        Err(Skip::UnknownParameter("note".into()))
    );
    assert_eq!(
        outcome(&rpc(r#", "aud": ["*"]"#), None),
        Err(Skip::Malformed("aud".into()))
    );
    assert_eq!(
        outcome(&rpc(r#", "inheritAud": "yes""#), Some(AUD)),
        Err(Skip::Malformed("inheritAud".into()))
    );
    assert_eq!(
        outcome(
            &rpc(r#", "aud": "*", "collection": ["com.example.feed.post"]"#),
            None
        ),
        Err(Skip::ForeignParameter("collection".into()))
    );
    let both = r#"{"type": "permission", "resource": "rpc", "lxm": ["*"], "aud": "*"}"#;
    assert_eq!(
        outcome(both, None),
        Err(Skip::Invalid(ScopeErrorKind::BothWildcards))
    );
    let repo = |rest: &str| format!(r#"{{"type": "permission", "resource": "repo"{rest}}}"#);
    assert_eq!(
        outcome(&repo(r#", "collection": []"#), None),
        Err(Skip::Empty("collection"))
    );
    assert_eq!(
        outcome(
            &repo(r#", "collection": ["com.example.feed.post"], "action": []"#),
            None
        ),
        Err(Skip::Empty("action"))
    );
    assert_eq!(
        outcome(&repo(r#", "collection": "com.example.feed.post""#), None),
        Err(Skip::Malformed("collection".into()))
    );
    assert_eq!(
        outcome(&repo(""), None),
        Err(Skip::Invalid(ScopeErrorKind::Missing("collection")))
    );
    assert_eq!(
        outcome(
            &repo(r#", "collection": ["com.example.feed.post"], "aud": "*""#),
            None
        ),
        Err(Skip::ForeignParameter("aud".into()))
    );
    let bad_action = outcome(
        &repo(r#", "collection": ["com.example.feed.post"], "action": ["read"]"#),
        None,
    );
    assert!(matches!(
        bad_action,
        Err(Skip::Invalid(ScopeErrorKind::BadValue {
            param: "action",
            ..
        }))
    ));
    let no_type = r#"{"resource": "repo", "collection": ["com.example.feed.post"]}"#;
    assert_eq!(outcome(no_type, None), Err(Skip::Malformed("type".into())));
}

#[test]
fn step_e_namespace_authority() {
    let repo =
        |c: &str| format!(r#"{{"type": "permission", "resource": "repo", "collection": ["{c}"]}}"#);
    // The set `com.example.feed.authSet` covers `com.example.feed.**`.
    assert_eq!(
        outcome(&repo("com.example.feed.post"), None).unwrap(),
        "repo:com.example.feed.post"
    );
    assert_eq!(
        outcome(&repo("com.example.feed.sub.deep.post"), None).unwrap(),
        "repo:com.example.feed.sub.deep.post"
    );
    assert_eq!(
        outcome(&repo("COM.EXAMPLE.feed.post"), None).unwrap(),
        "repo:COM.EXAMPLE.feed.post"
    );
    for outside in [
        "com.example.post",
        "com.example.feedx.post",
        "com.example.other.post",
        "org.example.feed.post",
        "*",
    ] {
        assert_eq!(
            outcome(&repo(outside), None),
            Err(Skip::OutsideNamespace(outside.into())),
            "{outside}"
        );
    }
    // One name outside voids the whole permission.
    let mixed = r#"{"type": "permission", "resource": "rpc", "aud": "*", "lxm": ["com.example.feed.get", "com.example.actor.get"]}"#;
    assert_eq!(
        outcome(mixed, None),
        Err(Skip::OutsideNamespace("com.example.actor.get".into()))
    );
}

#[test]
fn section_11_spec_answers() {
    // 11.5: `inheritAud: false` next to `aud: "*"` and a `description` do not void it.
    let p = r#"{"type": "permission", "resource": "rpc", "lxm": ["com.example.feed.get"], "aud": "*", "inheritAud": false, "description": "d"}"#;
    assert_eq!(outcome(p, None).unwrap(), "rpc:com.example.feed.get?aud=*");
    // 11.1: `lxm: ["*"]` is never granted from a set, with or without an audience.
    let star = r#"{"type": "permission", "resource": "rpc", "lxm": ["*"], "inheritAud": true}"#;
    assert_eq!(
        outcome(star, Some(AUD)),
        Err(Skip::OutsideNamespace("*".into()))
    );
}

/// What generated code writes for a permission set: constants only.
static GENERATED: &[Permission] = &[
    Permission {
        resource: Cow::Borrowed("repo"),
        collection: Some(Strs::Static(&[
            "com.example.feed.post",
            "com.example.feed.like",
        ])),
        action: Some(Strs::Static(&["create"])),
        lxm: None,
        aud: None,
        inherit_aud: None,
        unknown: Strs::EMPTY,
        malformed: Strs::EMPTY,
    },
    Permission {
        resource: Cow::Borrowed("rpc"),
        collection: None,
        action: None,
        lxm: Some(Strs::Static(&["com.example.feed.getFeed"])),
        aud: None,
        inherit_aud: Some(true),
        unknown: Strs::EMPTY,
        malformed: Strs::EMPTY,
    },
];

#[test]
fn constant_sets_expand_like_read_ones() {
    let constant = PermissionSet {
        title: Some(Cow::Borrowed("T")),
        detail: None,
        permissions: Cow::Borrowed(GENERATED),
    };
    let read = set_of(
        r#"{"type": "permission", "resource": "repo", "collection": ["com.example.feed.post", "com.example.feed.like"], "action": ["create"]},
           {"type": "permission", "resource": "rpc", "lxm": ["com.example.feed.getFeed"], "inheritAud": true}"#,
    );
    assert_eq!(read, constant);
    let id = nsid("com.example.feed.authSet");
    let expanded: Vec<String> = expand(&constant, &id, Some(AUD))
        .iter()
        .map(Scope::to_string)
        .collect();
    assert_eq!(
        expanded,
        [
            "repo?collection=com.example.feed.like&collection=com.example.feed.post&action=create",
            "rpc:com.example.feed.getFeed?aud=did:web:api.example.com%23svc",
        ]
    );
    assert_eq!(expand(&read, &id, None).len(), 1);
    // Through the include scope itself.
    let Ok(Scope::Include(include)) =
        Scope::parse("include:com.example.feed.authSet?aud=did:web:api.example.com%23svc")
    else {
        panic!("not an include");
    };
    assert_eq!(include.expand(&constant), expand(&constant, &id, Some(AUD)));
}

#[test]
fn non_sets_are_refused() {
    let doc = |main: &str| {
        Value::from_json_str(&format!(
            r#"{{"lexicon": 1, "id": "a.b.c", "defs": {{"main": {main}}}}}"#
        ))
        .unwrap()
    };
    assert!(PermissionSet::from_lexicon(&doc(r#"{"type": "record", "key": "tid"}"#)).is_err());
    assert!(PermissionSet::from_lexicon(&doc(r#"{"type": "permission-set"}"#)).is_err());
    assert!(PermissionSet::from_lexicon(&Value::from_json_str("{}").unwrap()).is_err());
}

mod typed {
    use serde::{Deserialize, Serialize};

    use crate::__private::{Checker, Path};
    use crate::record::{KeyType, Record};
    use crate::xrpc::{GenericError, Method, NoParams};
    use crate::Validate;

    #[derive(Serialize, Deserialize)]
    pub(super) struct Post;
    impl Validate for Post {
        fn check(&self, _: &mut Checker, _: &Path<'_>) {}
    }
    impl Record for Post {
        const NSID: &'static str = "app.bsky.feed.post";
        const KEY: KeyType = KeyType::Tid;
        type Key = crate::Tid;
    }

    pub(super) struct GetFeed;
    impl Method for GetFeed {
        const NSID: &'static str = "app.bsky.feed.getFeed";
        type Params = NoParams;
        type Error = GenericError;
    }
}

#[test]
fn typed_helpers_give_granular_scopes() {
    let all = repo_scope::<typed::Post>(RepoActions::ALL).unwrap();
    assert_eq!(all.to_string(), "repo:app.bsky.feed.post");
    let some = RepoActions::of([RepoAction::Delete, RepoAction::Create]).unwrap();
    let some = repo_scope::<typed::Post>(some).unwrap();
    assert_eq!(
        some.to_string(),
        "repo:app.bsky.feed.post?action=create&action=delete"
    );
    let rpc = rpc_scope::<typed::GetFeed>("did:web:api.bsky.app#bsky_appview").unwrap();
    assert_eq!(
        rpc.to_string(),
        "rpc:app.bsky.feed.getFeed?aud=did:web:api.bsky.app%23bsky_appview"
    );
    assert_eq!(
        rpc_scope::<typed::GetFeed>("*").unwrap().to_string(),
        "rpc:app.bsky.feed.getFeed?aud=*"
    );
    let bad = rpc_scope::<typed::GetFeed>("did:web:api.bsky.app").unwrap_err();
    assert!(bad.to_string().contains("fragment"), "{bad}");
}
