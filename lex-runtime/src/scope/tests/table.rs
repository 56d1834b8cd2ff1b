//! One row per scope string: its normalized form, or words the error must contain. Rows
//! come from the spec's examples (sections 2.3, 2.4), the reference package's answers
//! (`tests/scope_reference/reference.json`) and each normalization rule.

use crate::scope::Scope;

enum Want {
    /// Parses, and displays as this.
    Norm(&'static str),
    /// Fails, and the message contains this.
    Err(&'static str),
}
use Want::{Err as E, Norm as N};

const TABLE: &[(&str, Want)] = &[
    // Static scopes (2.5).
    ("atproto", N("atproto")),
    ("transition:generic", N("transition:generic")),
    ("transition:chat.bsky", N("transition:chat.bsky")),
    ("transition:email", N("transition:email")),
    ("atproto?", E("`atproto?` takes no parameters")),
    ("atproto:x", E("takes no parameters")),
    ("transition:other", E("unknown resource `transition:other`")),
    ("Atproto", E("unknown resource `Atproto`")),
    // Syntactically fine, semantically invalid (2.3).
    ("resource", E("unknown resource `resource`")),
    (
        "resource:positional?key=val",
        E("unknown resource `resource`"),
    ),
    ("resource:positional&thing?key=val", E("unknown resource")),
    (
        "service:did:web:com.example#type?key=val",
        E("unknown resource `service`"),
    ),
    ("resource:", E("unknown resource")),
    ("resource:?", E("unknown resource")),
    ("resource:&", E("unknown resource")),
    ("resource?", E("unknown resource")),
    ("", E("empty scope")),
    // Outside the general syntax (2.1).
    ("repo:québec.example.post", E("not printable ASCII")),
    ("repo:app.bsky.feed.post\t", E("at byte 23")),
    ("repo:app.bsky.feed.post other", E("at byte 23")),
    // repo (1.1), valid (2.3) and normalized (2.4).
    ("repo:*", N("repo:*")),
    ("repo:*?action=delete", N("repo:*?action=delete")),
    ("repo?collection=*", N("repo:*")),
    (
        "repo:app.example.profile?action=create&action=update&action=delete",
        N("repo:app.example.profile"),
    ),
    (
        "repo:app.bsky.feed.post?action=create",
        N("repo:app.bsky.feed.post?action=create"),
    ),
    (
        "repo:app.bsky.feed.post?action=update&action=create",
        N("repo:app.bsky.feed.post?action=create&action=update"),
    ),
    (
        "repo:app.bsky.feed.post?action=delete&action=create&action=delete",
        N("repo:app.bsky.feed.post?action=create&action=delete"),
    ),
    (
        "repo?collection=app.bsky.feed.post",
        N("repo:app.bsky.feed.post"),
    ),
    (
        "repo?collection=app.bsky.feed.post&collection=app.bsky.feed.like",
        N("repo?collection=app.bsky.feed.like&collection=app.bsky.feed.post"),
    ),
    (
        "repo?collection=b.example.two&collection=a.example.one&collection=b.example.two",
        N("repo?collection=a.example.one&collection=b.example.two"),
    ),
    (
        "repo?collection=app.bsky.feed.post&collection=*",
        N("repo:*"),
    ),
    (
        "repo?collection=app.bsky.feed.post&collection=app.bsky.feed.post",
        N("repo:app.bsky.feed.post"),
    ),
    (
        "repo?collection=app.bsky.feed.post&action=create&collection=app.bsky.feed.like",
        N("repo?collection=app.bsky.feed.like&collection=app.bsky.feed.post&action=create"),
    ),
    (
        "repo:app%2Ebsky%2Efeed%2Epost",
        N("repo:app.bsky.feed.post"),
    ),
    ("repo:app.bsky.feed.post?", N("repo:app.bsky.feed.post")),
    (
        "repo:app.bsky.feed.post?&&action=create&",
        N("repo:app.bsky.feed.post?action=create"),
    ),
    (
        "repo:app.bsky.feed.post?collection=app.bsky.feed.like",
        E("`collection` given both positionally and as a parameter"),
    ),
    (
        "repo:app.bsky.*",
        E("partial wildcard `app.bsky.*` in `collection`"),
    ),
    ("repo:app.*.post", E("partial wildcard")),
    ("repo?collection=app.bsky.feed.*", E("partial wildcard")),
    (
        "repo:app.bsky.feed.post?action=read",
        E("bad `action` value `read`"),
    ),
    (
        "repo:app.bsky.feed.post?action=Create",
        E("bad `action` value `Create`"),
    ),
    (
        "repo:app.bsky.feed.post?action=",
        E("bad `action` value ``"),
    ),
    (
        "repo:app.bsky.feed.post?foo=bar",
        E("unknown parameter `foo` for `repo`"),
    ),
    ("repo:", E("bad `collection` value ``")),
    ("repo", E("missing `collection`")),
    ("repo?", E("missing `collection`")),
    ("repo:notansid", E("bad `collection` value `notansid`")),
    ("repo:%zz", E("bad percent-encoding")),
    (
        "repo:app.bsky.feed.post?action=%",
        E("bad percent-encoding in `action`"),
    ),
    // rpc (1.2).
    (
        "rpc:app.example.moderation.createReport?aud=*",
        N("rpc:app.example.moderation.createReport?aud=*"),
    ),
    (
        "rpc?lxm=*&aud=did:web:api.example.com%23svc_appview",
        N("rpc:*?aud=did:web:api.example.com%23svc_appview"),
    ),
    (
        "rpc:app.bsky.feed.getFeed?aud=did:web:api.bsky.app#bsky_appview",
        N("rpc:app.bsky.feed.getFeed?aud=did:web:api.bsky.app%23bsky_appview"),
    ),
    (
        "rpc:app.bsky.feed.getFeed?aud=did:plc:ewvi7nxzyoun6zhxrhs64oiz%23atproto_labeler",
        N("rpc:app.bsky.feed.getFeed?aud=did:plc:ewvi7nxzyoun6zhxrhs64oiz%23atproto_labeler"),
    ),
    (
        "rpc?aud=*&lxm=b.example.get&lxm=a.example.get&lxm=b.example.get",
        N("rpc?lxm=a.example.get&lxm=b.example.get&aud=*"),
    ),
    (
        "rpc?lxm=app.bsky.feed.getFeed&lxm=*&aud=did:web:api.bsky.app%23bsky_appview",
        N("rpc:*?aud=did:web:api.bsky.app%23bsky_appview"),
    ),
    (
        "rpc:app.bsky.feed.getFeed?aud=did:web:api.bsky.app%23svc%2Fpath",
        N("rpc:app.bsky.feed.getFeed?aud=did:web:api.bsky.app%23svc/path"),
    ),
    (
        "rpc:app.bsky.feed.getFeed?aud=did:web:localhost%253A2583%23svc",
        N("rpc:app.bsky.feed.getFeed?aud=did:web:localhost%253A2583%23svc"),
    ),
    ("rpc:*?aud=*", E("`lxm` and `aud` must not both be `*`")),
    ("rpc?lxm=*&aud=*", E("must not both be `*`")),
    ("rpc:app.bsky.feed.getFeed", E("missing `aud`")),
    (
        "rpc:app.bsky.feed.getFeed?aud=did:web:api.bsky.app",
        E("needs a `#service` fragment"),
    ),
    (
        "rpc:app.bsky.feed.getFeed?aud=did:web:api.bsky.app%23",
        E("fragment is empty"),
    ),
    (
        "rpc:app.bsky.feed.getFeed?aud=did:web:api.bsky.app%23a%23b",
        E("second `#`"),
    ),
    (
        "rpc:app.bsky.feed.getFeed?aud=did:key:zQ3sh%23x",
        E("did:plc or did:web"),
    ),
    (
        "rpc:app.bsky.feed.getFeed?aud=did:plc:short%23svc",
        E("24 characters"),
    ),
    (
        "rpc:app.bsky.feed.getFeed?aud=did:web:api.bsky.app:path%23svc",
        E("with a path"),
    ),
    (
        "rpc:app.bsky.feed.getFeed?aud=did:web:example.com%253A443%23svc",
        E("port"),
    ),
    (
        "rpc:app.bsky.feed.getFeed?aud=*&aud=*",
        E("`aud` takes a single value"),
    ),
    ("rpc:app.bsky.*?aud=*", E("partial wildcard")),
    (
        "rpc:app.bsky.feed.getFeed?aud=*&lxm=app.bsky.feed.getTimeline",
        E("both positionally"),
    ),
    // blob (1.3).
    ("blob:*/*", N("blob:*/*")),
    ("blob:image/*", N("blob:image/*")),
    (
        "blob?accept=video/*&accept=text/html",
        N("blob?accept=text/html&accept=video/*"),
    ),
    ("blob?accept=image/png&accept=image/*", N("blob:image/*")),
    ("blob?accept=image/png&accept=*/*", N("blob:*/*")),
    (
        "blob?accept=IMAGE/PNG&accept=text/plain",
        N("blob?accept=image/png&accept=text/plain"),
    ),
    ("blob:IMAGE/PNG", N("blob:image/png")),
    (
        "blob?accept=image/png&accept=image/png",
        N("blob:image/png"),
    ),
    ("blob:image/svg+xml", N("blob:image/svg+xml")),
    ("blob:image/svg%2Bxml", N("blob:image/svg+xml")),
    (
        "blob?accept=image/svg%2Bxml&accept=text/plain",
        N("blob?accept=image/svg%2Bxml&accept=text/plain"),
    ),
    (
        "blob?accept=image/svg+xml",
        E("bad `accept` value `image/svg xml`"),
    ),
    ("blob:*/png", E("partial wildcard `*/png`")),
    ("blob:image/pn*", E("partial wildcard")),
    ("blob:image", E("bad `accept` value `image`")),
    ("blob:image/png/x", E("bad `accept`")),
    ("blob:/png", E("bad `accept`")),
    ("blob:*", E("bad `accept` value `*`")),
    ("blob:image/%C3%A9", E("printable ASCII")),
    ("blob", E("missing `accept`")),
    ("blob:image/png?accept=image/jpeg", E("both positionally")),
    // account (1.4).
    ("account:email", N("account:email")),
    ("account:repo", N("account:repo")),
    ("account:email?action=read", N("account:email")),
    (
        "account:email?action=manage",
        N("account:email?action=manage"),
    ),
    (
        "account:repo?action=manage",
        N("account:repo?action=manage"),
    ),
    (
        "account?action=manage&attr=repo",
        N("account:repo?action=manage"),
    ),
    ("account?attr=email", N("account:email")),
    ("account:status", E("the spec defines `email` and `repo`")),
    (
        "account:email?action=read&action=manage",
        E("`action` takes a single value"),
    ),
    (
        "account:email?action=write",
        E("bad `action` value `write`"),
    ),
    ("account:phone", E("bad `attr` value `phone`")),
    ("account:email?attr=email", E("both positionally")),
    ("account", E("missing `attr`")),
    // identity (1.5).
    ("identity:*", N("identity:*")),
    ("identity:*?", N("identity:*")),
    ("identity:handle", N("identity:handle")),
    ("identity?attr=handle", N("identity:handle")),
    ("identity:did", E("bad `attr` value `did`")),
    (
        "identity:handle?action=manage",
        E("unknown parameter `action` for `identity`"),
    ),
    ("identity", E("missing `attr`")),
    // include (1.6).
    (
        "include:app.example.authFull",
        N("include:app.example.authFull"),
    ),
    (
        "include:app.example.authFull?aud=did:web:api.example.com%23svc_chat",
        N("include:app.example.authFull?aud=did:web:api.example.com%23svc_chat"),
    ),
    (
        "include:app.example.authFull?aud=did:web:api.example.com#svc_chat",
        N("include:app.example.authFull?aud=did:web:api.example.com%23svc_chat"),
    ),
    (
        "include?nsid=app.example.authFull",
        N("include:app.example.authFull"),
    ),
    ("include:app.example.authFull?aud=*", E("not `*`")),
    (
        "include:app.example.authFull?aud=did:web:api.example.com",
        E("fragment"),
    ),
    ("include:app.example.*", E("not a pattern")),
    ("include:notansid", E("bad `nsid` value")),
    (
        "include:app.example.authFull?foo=bar",
        E("unknown parameter `foo` for `include`"),
    ),
    (
        "include:app.example.authFull?aud=did:web:a.com%23x&aud=did:web:b.com%23y",
        E("`aud` takes a single value"),
    ),
];

#[test]
fn table_has_every_resource_and_enough_rows() {
    assert!(TABLE.len() >= 80, "{} rows", TABLE.len());
    for resource in [
        "atproto",
        "transition:",
        "repo",
        "rpc",
        "blob",
        "account",
        "identity",
        "include",
    ] {
        let ok = |want: fn(&Want) -> bool| {
            TABLE
                .iter()
                .any(|(input, w)| input.starts_with(resource) && want(w))
        };
        assert!(ok(|w| matches!(w, N(_))), "no valid `{resource}` row");
        assert!(ok(|w| matches!(w, E(_))), "no invalid `{resource}` row");
    }
}

#[test]
fn table() {
    let mut failures = Vec::new();
    for (input, want) in TABLE {
        let got = Scope::parse(input);
        match (want, &got) {
            (N(norm), Ok(scope)) if scope.to_string() == *norm => {}
            (E(words), Err(e)) if e.to_string().contains(words) => {
                assert_eq!(e.scope(), *input);
            }
            _ => failures.push(format!("{input:?}: got {:?}", got.map(|s| s.to_string()))),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn normalized_forms_are_fixed_points() {
    for (_, want) in TABLE {
        if let N(norm) = want {
            let scope = Scope::parse(norm).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(scope.to_string(), *norm);
        }
    }
}
