//! The test PDS's `createRecord` (record keys, `$type`, the `validate` flag, `swapCommit`)
//! and `getServiceAuth` (a token that verifies with the key the account's DID document on
//! the test PLC lists, on both curves).

#![allow(clippy::unwrap_used)]

use std::collections::HashMap;

use lex_runtime::did_doc::{DidDocument, KeyType};
use lex_runtime::server::{ServiceAuth, StaticKeys};
use lex_tests::testnet::{TestNet, TestNetConfig};
use serde_json::{json, Value};

fn network() -> TestNet {
    let lexicons = lex_tests::workspace_root().join("lexicons");
    let config = TestNetConfig::new([lexicons])
        .account_with_key("alice.test", "alice-pw", KeyType::P256)
        .account_with_key("bob.test", "bob-pw", KeyType::Secp256k1);
    TestNet::start(config).unwrap_or_else(|e| panic!("test network: {e}"))
}

async fn call(net: &TestNet, method: &str, token: &str, body: Option<Value>) -> (u16, Value) {
    let http = reqwest::Client::new();
    let url = format!("{}/xrpc/{method}", net.pds_url());
    let request = match body {
        Some(body) => http
            .post(url)
            .header("content-type", "application/json")
            .body(body.to_string()),
        None => http.get(url),
    };
    let response = request.bearer_auth(token).send().await.unwrap();
    let status = response.status().as_u16();
    let bytes = response.bytes().await.unwrap();
    (status, serde_json::from_slice(&bytes).unwrap_or_default())
}

async fn login(net: &TestNet, handle: &str, password: &str) -> String {
    let body = json!({"identifier": handle, "password": password});
    let (status, session) = call(net, "com.atproto.server.createSession", "", Some(body)).await;
    assert_eq!(status, 200, "{session}");
    session["accessJwt"].as_str().unwrap().to_owned()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn create_record_keys_types_and_validation() {
    let net = network();
    let did = net.account_did("alice.test").unwrap().to_owned();
    runtime().block_on(async {
        let token = login(&net, "alice.test", "alice-pw").await;
        let create = |body: Value| call(&net, "com.atproto.repo.createRecord", &token, Some(body));
        let post = json!({"title": "Hello", "body": "text", "createdAt": "2026-12-05T12:00:00.000Z"});

        // No rkey: a TID; no $type: the collection; a known lexicon: validated.
        let body = json!({"repo": did, "collection": "com.example.blog.post", "record": post});
        let (status, out) = create(body).await;
        assert_eq!(status, 200, "{out}");
        assert_eq!(out["validationStatus"], "valid");
        let uri = out["uri"].as_str().unwrap();
        let rkey = uri.rsplit('/').next().unwrap();
        assert!(lex_runtime::Tid::new(rkey).is_ok(), "{uri}");
        let (status, got) = call(
            &net,
            &format!("com.atproto.repo.getRecord?repo={did}&collection=com.example.blog.post&rkey={rkey}"),
            "",
            None,
        )
        .await;
        assert_eq!(status, 200, "{got}");
        assert_eq!(got["value"]["$type"], "com.example.blog.post");
        assert_eq!(got["cid"], out["cid"]);

        // Invalid data for a known lexicon is refused unless validation is off.
        let bad = json!({"title": 5, "createdAt": "2026-12-05T12:00:00.000Z"});
        let body = json!({"repo": did, "collection": "com.example.blog.post", "record": bad});
        let (status, out) = create(body).await;
        assert_eq!((status, out["error"].as_str()), (400, Some("InvalidRequest")), "{out}");
        let body = json!({"repo": did, "collection": "com.example.blog.post", "record": bad,
            "validate": false});
        let (status, out) = create(body).await;
        assert_eq!(status, 200, "{out}");
        assert!(out.get("validationStatus").is_none(), "{out}");

        // An unknown lexicon: `unknown` by default, an error when validation is required.
        let note = json!({"text": "hi"});
        let body = json!({"repo": did, "collection": "com.example.other.note", "rkey": "self", "record": note});
        let (status, out) = create(body).await;
        assert_eq!((status, out["validationStatus"].as_str()), (200, Some("unknown")), "{out}");
        let body = json!({"repo": did, "collection": "com.example.other.note", "record": note,
            "validate": true});
        let (status, out) = create(body).await;
        assert_eq!(status, 400, "{out}");

        // A record key the lexicon's key type refuses; an existing key; a wrong $type.
        let body = json!({"repo": did, "collection": "com.example.blog.post", "rkey": "not-a-tid",
            "record": post});
        assert_eq!(create(body).await.0, 400);
        let body = json!({"repo": did, "collection": "com.example.other.note", "rkey": "self", "record": note});
        assert_eq!(create(body).await.0, 400);
        let typed = json!({"$type": "com.example.other.thing", "text": "hi"});
        let body = json!({"repo": did, "collection": "com.example.other.note", "record": typed});
        let (status, out) = create(body).await;
        assert_eq!(status, 400, "{out}");

        // swapCommit: a stale commit is refused, the current one accepted.
        let (_, head) = call(&net, &format!("com.atproto.sync.getLatestCommit?did={did}"), "", None).await;
        let body = json!({"repo": did, "collection": "com.example.other.note", "record": note,
            "swapCommit": head["cid"]});
        let (status, out) = create(body.clone()).await;
        assert_eq!(status, 200, "{out}");
        let (status, out) = create(body).await;
        assert_eq!((status, out["error"].as_str()), (400, Some("InvalidSwap")), "{out}");

        // Another account's repository.
        let bob = net.account_did("bob.test").unwrap();
        let body = json!({"repo": bob, "collection": "com.example.other.note", "record": note});
        assert_eq!(create(body).await.0, 403);
    });
}

#[test]
fn service_auth_tokens_verify_with_the_key_on_the_plc() {
    let net = network();
    runtime().block_on(async {
        for (handle, password) in [("alice.test", "alice-pw"), ("bob.test", "bob-pw")] {
            let did = net.account_did(handle).unwrap().to_owned();
            let token = login(&net, handle, password).await;
            let doc = reqwest::get(format!("{}/{did}", net.plc_url()))
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap();
            let key = DidDocument::from_json_for(&doc, &did)
                .unwrap()
                .signing_key()
                .unwrap();
            let aud = "did:web:feed.example.com";
            let lxm = "app.bsky.feed.getFeedSkeleton";
            let query = format!("com.atproto.server.getServiceAuth?aud={aud}&lxm={lxm}");
            let (status, out) = call(&net, &query, &token, None).await;
            assert_eq!(status, 200, "{out}");
            let jwt = out["token"].as_str().unwrap();
            let auth = ServiceAuth::new(aud, StaticKeys(HashMap::from([(did.clone(), key)])));
            let claims = auth.verify(jwt, lxm).await.unwrap();
            assert_eq!(claims.iss, did);
            assert!(auth.verify(jwt, "app.bsky.feed.getTimeline").await.is_err());

            // Expiry bounds: past, over an hour, over a minute without lxm; no session.
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_secs();
            for (exp, lxm) in [(now - 10, lxm), (now + 7200, lxm), (now + 600, "")] {
                let lxm = if lxm.is_empty() {
                    String::new()
                } else {
                    format!("&lxm={lxm}")
                };
                let query = format!("com.atproto.server.getServiceAuth?aud={aud}&exp={exp}{lxm}");
                let (status, out) = call(&net, &query, &token, None).await;
                assert_eq!(
                    (status, out["error"].as_str()),
                    (400, Some("BadExpiration")),
                    "{out}"
                );
            }
            let query = format!("com.atproto.server.getServiceAuth?aud={aud}");
            assert_eq!(call(&net, &query, "", None).await.0, 401);
        }
    });
}
