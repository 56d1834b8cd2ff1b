//! `allows` tables, one per request kind: granted scopes, a request, and the scope that
//! must be reported as allowing it (or none).

use crate::scope::{AccountAction as AA, AccountAttr, IdentityAttr, RepoAction, Request, ScopeSet};

const BSKY: &str = "did:web:api.bsky.app#bsky_appview";
const CHAT: &str = "did:web:api.bsky.chat#bsky_chat";

fn check(rows: &[(&str, Request<'_>, Option<&str>)]) {
    for (granted, request, want) in rows {
        let set = ScopeSet::parse(granted).unwrap_or_else(|e| panic!("{e}"));
        let by = set.allowed_by(request).map(|s| s.to_string());
        assert_eq!(by.as_deref(), *want, "{granted} / {request:?}");
        assert_eq!(set.allows(request), want.is_some());
    }
}

#[test]
fn repo_writes() {
    use RepoAction::*;
    let post = "app.bsky.feed.post";
    check(&[
        ("atproto", Request::repo(post, Create), None),
        (
            "atproto repo:app.bsky.feed.post",
            Request::repo(post, Delete),
            Some("repo:app.bsky.feed.post"),
        ),
        (
            "repo:app.bsky.feed.post?action=create",
            Request::repo(post, Update),
            None,
        ),
        (
            "repo:app.bsky.feed.post?action=create",
            Request::repo("app.bsky.feed.like", Create),
            None,
        ),
        (
            "repo:*?action=update",
            Request::repo("com.example.x.y", Update),
            Some("repo:*?action=update"),
        ),
        (
            "repo:*?action=update",
            Request::repo("com.example.x.y", Create),
            None,
        ),
        (
            "repo?collection=app.bsky.feed.like&collection=app.bsky.feed.post&action=delete",
            Request::repo(post, Delete),
            Some("repo?collection=app.bsky.feed.like&collection=app.bsky.feed.post&action=delete"),
        ),
        // Exact comparison: collection NSIDs are case-sensitive in their name.
        (
            "repo:app.bsky.feed.post",
            Request::repo("app.bsky.feed.Post", Create),
            None,
        ),
        (
            "transition:generic",
            Request::repo(post, Delete),
            Some("transition:generic"),
        ),
        // The granular scope sorts first, so it is the one reported.
        (
            "transition:generic blob:*/* repo:app.bsky.feed.post",
            Request::repo(post, Create),
            Some("repo:app.bsky.feed.post"),
        ),
        (
            "transition:email transition:chat.bsky",
            Request::repo(post, Create),
            None,
        ),
    ]);
}

#[test]
fn rpc_calls() {
    let feed = "app.bsky.feed.getFeed";
    check(&[
        (
            "rpc:app.bsky.feed.getFeed?aud=did:web:api.bsky.app%23bsky_appview",
            Request::rpc(feed, BSKY),
            Some("rpc:app.bsky.feed.getFeed?aud=did:web:api.bsky.app%23bsky_appview"),
        ),
        (
            "rpc:app.bsky.feed.getFeed?aud=did:web:api.bsky.app%23bsky_appview",
            Request::rpc(feed, "did:web:api.bsky.app#other"),
            None,
        ),
        (
            "rpc:app.bsky.feed.getFeed?aud=did:web:api.bsky.app%23bsky_appview",
            Request::rpc(feed, "did:web:api.bsky.app"),
            None,
        ),
        (
            "rpc:app.bsky.feed.getFeed?aud=*",
            Request::rpc(feed, CHAT),
            Some("rpc:app.bsky.feed.getFeed?aud=*"),
        ),
        (
            "rpc:app.bsky.feed.getFeed?aud=*",
            Request::rpc("app.bsky.feed.getTimeline", BSKY),
            None,
        ),
        (
            "rpc:*?aud=did:web:api.bsky.app%23bsky_appview",
            Request::rpc("com.example.any", BSKY),
            Some("rpc:*?aud=did:web:api.bsky.app%23bsky_appview"),
        ),
        (
            "rpc:*?aud=did:web:api.bsky.app%23bsky_appview",
            Request::rpc("com.example.any", CHAT),
            None,
        ),
        // A token for no particular method needs `lxm=*`.
        (
            "rpc:app.bsky.feed.getFeed?aud=*",
            Request::rpc("*", BSKY),
            None,
        ),
        (
            "transition:generic",
            Request::rpc(feed, BSKY),
            Some("transition:generic"),
        ),
        (
            "transition:generic",
            Request::rpc("*", BSKY),
            Some("transition:generic"),
        ),
        (
            "transition:generic",
            Request::rpc("chat.bsky.convo.getLog", CHAT),
            None,
        ),
        // Section 8 and 11.4: chat needs both transition scopes.
        (
            "transition:chat.bsky",
            Request::rpc("chat.bsky.convo.getLog", CHAT),
            None,
        ),
        (
            "transition:generic transition:chat.bsky",
            Request::rpc("chat.bsky.convo.getLog", CHAT),
            Some("transition:chat.bsky"),
        ),
        (
            "transition:generic transition:chat.bsky",
            Request::rpc("chat.bskyx.convo.getLog", CHAT),
            Some("transition:generic"),
        ),
        ("transition:chat.bsky", Request::rpc(feed, BSKY), None),
        (
            "rpc:chat.bsky.convo.getLog?aud=did:web:api.bsky.chat%23bsky_chat",
            Request::rpc("chat.bsky.convo.getLog", CHAT),
            Some("rpc:chat.bsky.convo.getLog?aud=did:web:api.bsky.chat%23bsky_chat"),
        ),
    ]);
}

#[test]
fn blob_uploads() {
    check(&[
        ("blob:*/*", Request::blob("video/mp4"), Some("blob:*/*")),
        (
            "blob:image/*",
            Request::blob("image/webp"),
            Some("blob:image/*"),
        ),
        ("blob:image/*", Request::blob("imagex/webp"), None),
        ("blob:image/*", Request::blob("video/mp4"), None),
        (
            "blob:image/png",
            Request::blob("image/png"),
            Some("blob:image/png"),
        ),
        ("blob:image/png", Request::blob("image/PNG"), None),
        (
            "blob:image/svg+xml",
            Request::blob("image/svg+xml"),
            Some("blob:image/svg+xml"),
        ),
        (
            "blob?accept=text/html&accept=video/*",
            Request::blob("text/html"),
            Some("blob?accept=text/html&accept=video/*"),
        ),
        // A request must name a concrete type.
        ("blob:*/*", Request::blob("image/*"), None),
        ("blob:*/*", Request::blob("png"), None),
        (
            "transition:generic",
            Request::blob("video/mp4"),
            Some("transition:generic"),
        ),
        ("atproto", Request::blob("video/mp4"), None),
    ]);
}

#[test]
fn account_settings() {
    use AccountAttr::*;
    check(&[
        (
            "account:email",
            Request::account(Email, AA::Read),
            Some("account:email"),
        ),
        ("account:email", Request::account(Email, AA::Manage), None),
        (
            "account:email?action=manage",
            Request::account(Email, AA::Read),
            Some("account:email?action=manage"),
        ),
        (
            "account:email?action=manage",
            Request::account(Repo, AA::Manage),
            None,
        ),
        (
            "account:repo?action=manage",
            Request::account(Repo, AA::Manage),
            Some("account:repo?action=manage"),
        ),
        (
            "transition:email",
            Request::account(Email, AA::Read),
            Some("transition:email"),
        ),
        (
            "transition:email",
            Request::account(Email, AA::Manage),
            None,
        ),
        (
            "transition:generic",
            Request::account(Email, AA::Read),
            None,
        ),
    ]);
}

#[test]
fn identity_changes() {
    check(&[
        (
            "identity:*",
            Request::identity(IdentityAttr::Handle),
            Some("identity:*"),
        ),
        (
            "identity:*",
            Request::identity(IdentityAttr::All),
            Some("identity:*"),
        ),
        (
            "identity:handle",
            Request::identity(IdentityAttr::Handle),
            Some("identity:handle"),
        ),
        (
            "identity:handle",
            Request::identity(IdentityAttr::All),
            None,
        ),
        (
            "transition:generic",
            Request::identity(IdentityAttr::Handle),
            None,
        ),
    ]);
}

#[test]
fn includes_allow_nothing_until_expanded() {
    check(&[(
        "include:app.bsky.authFullApp?aud=did:web:api.bsky.app%23bsky_appview",
        Request::rpc("app.bsky.feed.getFeed", BSKY),
        None,
    )]);
}
