//! The test network's PDS on its own: password sessions (refresh rotates the token),
//! `putRecord` with `swapRecord`, `deleteRecord`, `repo.getRecord`, and every write
//! served through `sync.getRecord` with a commit and proof that verify.

// Setup helpers panic on I/O failures: in a test that is a clear failure, not a bug.
#![allow(clippy::unwrap_used)]

use serde_json::{json, Value};

use lex_tests::testnet::{TestNet, TestNetConfig};

fn network() -> TestNet {
    let config = TestNetConfig::new(Vec::<std::path::PathBuf>::new())
        .account("alice.test", "alice-password")
        .account("bob.test", "bob-password");
    TestNet::start(config).unwrap_or_else(|e| panic!("test network: {e}"))
}

/// A response's status and JSON answer (`null` when it is not JSON).
async fn answer(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let bytes = response.bytes().await.unwrap();
    (status, serde_json::from_slice(&bytes).unwrap_or_default())
}

/// POSTs JSON to the test PDS; returns the status and the JSON answer.
async fn post(
    http: &reqwest::Client,
    net: &TestNet,
    method: &str,
    token: &str,
    body: Value,
) -> (u16, Value) {
    let response = http
        .post(format!("{}/xrpc/{method}", net.pds_url()))
        .bearer_auth(token)
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    answer(response).await
}

/// GETs `path_and_query` from the test PDS; returns the status and the JSON answer.
async fn get(http: &reqwest::Client, net: &TestNet, path_and_query: &str) -> (u16, Value) {
    let response = http
        .get(format!("{}{path_and_query}", net.pds_url()))
        .send()
        .await
        .unwrap();
    answer(response).await
}

/// A lexicon schema record for `com.example.blog.note` (its `id` is fixed; `rkey`s vary).
fn note_record(description: &str) -> Value {
    json!({
        "$type": "com.atproto.lexicon.schema",
        "lexicon": 1,
        "id": "com.example.blog.note",
        "defs": {"main": {"type": "token", "description": description}}
    })
}

/// A `putRecord` body for alice's `com.example.blog.note`, guarded by `swap`.
fn put_note(swap: Value, description: &str) -> Value {
    json!({
        "repo": "alice.test",
        "collection": "com.atproto.lexicon.schema",
        "rkey": "com.example.blog.note",
        "record": note_record(description),
        "swapRecord": swap,
    })
}

#[test]
fn test_pds_sessions_swaps_and_verified_reads() {
    let net = network();
    let alice = net.account_did("alice.test").unwrap().to_owned();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let http = reqwest::Client::new();
        let resolver = lex_compiler::network::Resolver::new(net.network_config()).unwrap();
        let access = sessions(&http, &net, &alice).await;
        let (first, second) = puts_with_swaps(&http, &net, &access).await;

        // The sync path serves the latest version with a proof that verifies.
        let fetched = resolver.fetch("com.example.blog.note", &alice).await.unwrap();
        assert_eq!(fetched.cid.to_string(), second["cid"].as_str().unwrap());
        let (_, read) = get(
            &http,
            &net,
            &format!(
                "/xrpc/com.atproto.repo.getRecord?repo={alice}&collection=com.atproto.lexicon.schema&rkey=com.example.blog.note"
            ),
        )
        .await;
        assert_eq!(read["value"]["defs"]["main"]["description"], "two");

        // Writing someone else's repository, or without a session, is refused.
        let other_repo = json!({
            "repo": "bob.test", "collection": "com.atproto.lexicon.schema", "rkey": "x.y.z",
            "record": note_record("x")
        });
        let (status, _) = post(&http, &net, "com.atproto.repo.putRecord", &access, other_repo).await;
        assert_eq!(status, 403);
        let (status, _) =
            post(&http, &net, "com.atproto.repo.putRecord", "", put_note(Value::Null, "x")).await;
        assert_eq!(status, 401);

        // resolveHandle knows this PDS's accounts and nobody else.
        let resolve = "/xrpc/com.atproto.identity.resolveHandle?handle=";
        let (_, found) = get(&http, &net, &format!("{resolve}Alice.Test")).await;
        assert_eq!(found["did"], alice.as_str());
        let (status, _) = get(&http, &net, &format!("{resolve}nobody.test")).await;
        assert_eq!(status, 400);

        apply_writes_all_or_nothing(&http, &net, &access, &alice, &first, &second).await;
        let other = resolver.fetch("com.example.blog.other", &alice).await.unwrap_err();
        assert!(other.message.contains("RecordNotFound"), "{other}");

        // deleteRecord with a stale swapRecord fails; with the current one it deletes.
        let delete = |swap: &Value| {
            json!({
                "repo": alice, "collection": "com.atproto.lexicon.schema",
                "rkey": "com.example.blog.note", "swapRecord": swap
            })
        };
        let method = "com.atproto.repo.deleteRecord";
        let (status, _) = post(&http, &net, method, &access, delete(&first["cid"])).await;
        assert_eq!(status, 400);
        let (status, _) = post(&http, &net, method, &access, delete(&second["cid"])).await;
        assert_eq!(status, 200);
        let gone = resolver.fetch("com.example.blog.note", &alice).await.unwrap_err();
        assert!(gone.message.contains("RecordNotFound"), "{gone}");
    });
}

/// Password sessions: a wrong password is refused, and refreshing rotates the refresh
/// token (the old one stops working). Returns alice's access token.
async fn sessions(http: &reqwest::Client, net: &TestNet, alice: &str) -> String {
    let create = "com.atproto.server.createSession";
    let login = json!({"identifier": "alice.test", "password": "alice-password"});
    let (status, session) = post(http, net, create, "", login).await;
    assert_eq!(status, 200, "{session}");
    assert_eq!(session["did"], alice);
    let bad = json!({"identifier": "alice.test", "password": "nope"});
    let (status, _) = post(http, net, create, "", bad).await;
    assert_eq!(status, 401);

    let refresh_method = "com.atproto.server.refreshSession";
    let refresh = session["refreshJwt"].as_str().unwrap().to_owned();
    let (status, renewed) = post(http, net, refresh_method, &refresh, json!({})).await;
    assert_eq!(status, 200, "{renewed}");
    let (status, _) = post(http, net, refresh_method, &refresh, json!({})).await;
    assert_eq!(status, 400);
    session["accessJwt"].as_str().unwrap().to_owned()
}

/// `putRecord` with `swapRecord`: null creates only if absent, a CID replaces only that
/// version. Returns the answers of the first and the second write.
async fn puts_with_swaps(http: &reqwest::Client, net: &TestNet, access: &str) -> (Value, Value) {
    let method = "com.atproto.repo.putRecord";
    let (status, first) = post(http, net, method, access, put_note(Value::Null, "one")).await;
    assert_eq!(status, 200, "{first}");
    let (status, again) = post(http, net, method, access, put_note(Value::Null, "two")).await;
    assert_eq!(
        (status, again["error"].as_str()),
        (400, Some("InvalidSwap"))
    );
    let (status, second) = post(
        http,
        net,
        method,
        access,
        put_note(first["cid"].clone(), "two"),
    )
    .await;
    assert_eq!(status, 200, "{second}");
    assert_ne!(first["commit"]["cid"], second["commit"]["cid"]);
    (first, second)
}

/// `applyWrites` is all or nothing (a create over an existing record fails the batch) and
/// honours `swapCommit`.
async fn apply_writes_all_or_nothing(
    http: &reqwest::Client,
    net: &TestNet,
    access: &str,
    alice: &str,
    first: &Value,
    second: &Value,
) {
    let batch = |swap: &Value| {
        json!({
            "repo": alice,
            "swapCommit": swap,
            "writes": [
                {"$type": "com.atproto.repo.applyWrites#create", "collection": "com.atproto.lexicon.schema",
                 "rkey": "com.example.blog.other", "value": note_record("other")},
                {"$type": "com.atproto.repo.applyWrites#create", "collection": "com.atproto.lexicon.schema",
                 "rkey": "com.example.blog.note", "value": note_record("exists already")},
            ]
        })
    };
    let method = "com.atproto.repo.applyWrites";
    let (status, answer) = post(http, net, method, access, batch(&second["commit"]["cid"])).await;
    assert_eq!(status, 400, "{answer}");
    let (status, answer) = post(http, net, method, access, batch(&first["commit"]["cid"])).await;
    assert_eq!(
        (status, answer["error"].as_str()),
        (400, Some("InvalidSwap")),
        "{answer}"
    );
}

/// The publish client's write is refused when the repository moved on after it was read
/// (a concurrent publish), and the refusal names `InvalidSwap`.
#[test]
fn publish_client_refuses_a_stale_commit() {
    use lex_compiler::network::publish::{schema_record, Client, PublishError, Write};

    let net = network();
    let client = Client::new(net.network_config()).unwrap();
    let account = client.account(Some("alice.test"), None).unwrap();
    assert_eq!(Some(account.did.as_str()), net.account_did("alice.test"));
    assert!(matches!(
        client.login(&account, "wrong"),
        Err(PublishError::Auth(_))
    ));
    let mut session = client.login(&account, "alice-password").unwrap();
    let document = |id: &str| {
        let text = format!(
            r#"{{"lexicon": 1, "id": "{id}", "defs": {{"main": {{"type": "token", "description": "A token."}}}}}}"#
        );
        schema_record(&text).unwrap().0
    };
    let stale = client.latest_commit(&account).unwrap();
    let first = [Write::Create {
        nsid: "com.example.blog.first".into(),
        record: document("com.example.blog.first"),
    }];
    client
        .apply_writes(&mut session, &first, Some(stale))
        .unwrap();
    let second = [Write::Create {
        nsid: "com.example.blog.second".into(),
        record: document("com.example.blog.second"),
    }];
    match client.apply_writes(&mut session, &second, Some(stale)) {
        Err(PublishError::Refused(m)) => assert!(m.contains("InvalidSwap"), "{m}"),
        other => panic!("expected InvalidSwap, got {other:?}"),
    }
    let nsids = [
        "com.example.blog.first".to_owned(),
        "com.example.blog.second".to_owned(),
    ];
    let found = client.published_in(&account.did, &nsids);
    assert!(matches!(found.first(), Some(Ok(Some(_)))));
    assert!(matches!(found.get(1), Some(Ok(None))));
}
