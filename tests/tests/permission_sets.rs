//! Generated permission-set modules against their JSON: for every permission set of the
//! corpus and the project, `permission_set()` expands (with and without an audience)
//! exactly like `PermissionSet::from_lexicon` of the lexicon file, `SCOPE` is the
//! normalized `include:` scope and `scope_with_aud` writes what the runtime's `Display` does.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;

use lex_runtime::scope::{expand, PermissionSet, Scope};
use lex_runtime::{Nsid, Value};

const AUD: &str = "did:web:api.example.com#svc_appview";

/// One generated module's items.
struct Generated {
    scope: &'static str,
    scope_with_aud: fn(&str) -> String,
    permission_set: fn() -> PermissionSet,
}

macro_rules! generated {
    ($($path:path),* $(,)?) => {
        vec![$({
            use $path as m;
            Generated {
                scope: m::SCOPE,
                scope_with_aud: m::scope_with_aud,
                permission_set: m::permission_set,
            }
        }),*]
    };
}

fn check(g: &Generated, file: &Path) {
    let text = std::fs::read_to_string(file).unwrap();
    let json = Value::from_json_str(&text).unwrap();
    let from_json = PermissionSet::from_lexicon(&json).unwrap();
    let generated = (g.permission_set)();
    assert_eq!(generated, from_json, "{}", file.display());
    let Ok(Scope::Include(include)) = Scope::parse(g.scope) else {
        panic!("SCOPE `{}` is not an include scope", g.scope);
    };
    assert_eq!(include.to_string(), g.scope, "SCOPE is normalized");
    let nsid: &Nsid = &include.nsid;
    assert_eq!(Some(nsid.as_str()), json.get("id").and_then(Value::as_str));
    for aud in [None, Some(AUD)] {
        let a = expand(&generated, nsid, aud);
        let b = expand(&from_json, nsid, aud);
        assert_eq!(a, b, "{} with aud {aud:?}", file.display());
    }
    let with_aud = (g.scope_with_aud)(AUD);
    let parsed = Scope::parse(&with_aud).unwrap();
    assert_eq!(parsed.to_string(), with_aud, "scope_with_aud is normalized");
    assert!(with_aud.ends_with("?aud=did:web:api.example.com%23svc_appview"));
}

#[test]
fn project_set_expands_like_its_json() {
    use lex_tests::generated::project::com::example::blog;
    let g = generated![blog::auth_write];
    let file = lex_tests::workspace_root().join("lexicons/com/example/blog/authWrite.json");
    check(&g[0], &file);
    // The set's rpc permission inherits the audience, so only the include's aud grants it.
    let set = blog::auth_write::permission_set();
    let nsid = Nsid::new("com.example.blog.authWrite").unwrap();
    assert_eq!(expand(&set, &nsid, None).len(), 1);
    assert_eq!(expand(&set, &nsid, Some(AUD)).len(), 2);
}

#[cfg(not(lex_corpus))]
#[test]
fn corpus_sets_need_the_shared_corpus() {
    assert!(
        !lex_testdata::in_ci(),
        "the generated corpus is missing (CI=true)"
    );
    eprintln!("skipping: the corpus permission sets need the shared corpus (set LEX_SHARED_DIR)");
}

#[cfg(lex_corpus)]
#[test]
fn corpus_sets_expand_like_their_json() {
    use lex_tests::generated::corpus::{app::bsky, chat};
    let sets = [
        ("app/bsky/authFullApp.json", generated![bsky::auth_full_app]),
        (
            "app/bsky/authManageFeedDeclarations.json",
            generated![bsky::auth_manage_feed_declarations],
        ),
        (
            "app/bsky/authCreatePosts.json",
            generated![bsky::auth_create_posts],
        ),
        ("app/bsky/authViewAll.json", generated![bsky::auth_view_all]),
        (
            "app/bsky/authManageProfile.json",
            generated![bsky::auth_manage_profile],
        ),
        (
            "app/bsky/authDeleteContent.json",
            generated![bsky::auth_delete_content],
        ),
        (
            "app/bsky/authManageModeration.json",
            generated![bsky::auth_manage_moderation],
        ),
        (
            "app/bsky/authManageNotifications.json",
            generated![bsky::auth_manage_notifications],
        ),
        (
            "app/bsky/authManageLabelerService.json",
            generated![bsky::auth_manage_labeler_service],
        ),
        (
            "chat/bsky/authFullChatClient.json",
            generated![chat::bsky::auth_full_chat_client],
        ),
    ];
    let corpus = lex_tests::shared_dir().join("corpus/atproto");
    // Every permission set of the corpus is listed above.
    let listed: Vec<&str> = sets.iter().map(|(f, _)| *f).collect();
    let mut found = 0;
    for group in ["app/bsky", "chat/bsky"] {
        for entry in std::fs::read_dir(corpus.join(group)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            if text.contains("\"permission-set\"") {
                found += 1;
                let rel = path
                    .strip_prefix(&corpus)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                assert!(listed.contains(&rel.as_str()), "{rel} is not listed");
            }
        }
    }
    assert_eq!(found, sets.len());
    for (file, g) in &sets {
        check(&g[0], &corpus.join(file));
    }
}
