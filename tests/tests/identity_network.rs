//! `lex_runtime::identity` over the test network: a handle through its `_atproto` TXT
//! record to the DID, the DID document from the PLC to the PDS and key, and the resolver
//! as the service-auth key source of a server (keys cached for `cache_for`, so a rotated
//! key is picked up once that has passed).

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use lex_runtime::identity::{Config, ErrorKind, Resolver};
use lex_runtime::server::ServiceAuth;
use lex_tests::testnet::{TestNet, TestNetConfig};
use serde_json::{json, Value};

fn network() -> TestNet {
    let config = TestNetConfig::new(Vec::<std::path::PathBuf>::new()).account("alice.test", "pw");
    TestNet::start(config).unwrap_or_else(|e| panic!("test network: {e}"))
}

fn resolver(net: &TestNet, cache_for: Duration) -> Resolver {
    Resolver::new(Config {
        dns_server: Some(net.dns_server()),
        plc_url: Some(net.plc_url().to_owned()),
        cache_for,
        ..Config::default()
    })
    .unwrap()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// A service-auth token for `aud` and `lxm`, from alice's PDS session.
async fn service_token(net: &TestNet, aud: &str, lxm: &str) -> String {
    let http = reqwest::Client::new();
    let login = json!({"identifier": "alice.test", "password": "pw"});
    let session = http
        .post(format!(
            "{}/xrpc/com.atproto.server.createSession",
            net.pds_url()
        ))
        .header("content-type", "application/json")
        .body(login.to_string())
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let session: Value = serde_json::from_slice(&session).unwrap();
    let access = session["accessJwt"].as_str().unwrap();
    let url = format!(
        "{}/xrpc/com.atproto.server.getServiceAuth?aud={aud}&lxm={lxm}",
        net.pds_url()
    );
    let out = http
        .get(url)
        .bearer_auth(access)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let out: Value = serde_json::from_slice(&out).unwrap();
    out["token"].as_str().unwrap().to_owned()
}

#[test]
fn a_handle_resolves_to_did_pds_and_key() {
    let net = network();
    runtime().block_on(async {
        let resolver = resolver(&net, Duration::from_secs(600));
        let alice = resolver.resolve("Alice.Test").await.unwrap();
        assert_eq!(Some(alice.did.as_str()), net.account_did("alice.test"));
        assert_eq!(alice.pds, net.pds_url());
        let by_did = resolver.resolve(alice.did.as_str()).await.unwrap();
        assert_eq!(by_did.signing_key, alice.signing_key);

        let nobody = resolver.resolve("nobody.test").await.unwrap_err();
        assert_eq!(nobody.kind, ErrorKind::Resolution, "{nobody}");
        assert!(nobody.message.contains("does not resolve"), "{nobody}");
    });
}

#[test]
fn service_auth_uses_the_key_in_the_did_document() {
    let net = network();
    let (aud, lxm) = ("did:web:feed.example.com", "app.bsky.feed.getFeedSkeleton");
    runtime().block_on(async {
        let cached = ServiceAuth::new(aud, resolver(&net, Duration::from_secs(600)));
        let fresh = ServiceAuth::new(aud, resolver(&net, Duration::ZERO));
        let before = service_token(&net, aud, lxm).await;
        assert!(cached.verify(&before, lxm).await.is_ok());
        assert!(fresh.verify(&before, lxm).await.is_ok());

        net.rotate_key("alice.test").unwrap();
        let after = service_token(&net, aud, lxm).await;
        assert!(fresh.verify(&after, lxm).await.is_ok());
        assert!(fresh.verify(&before, lxm).await.is_err());
        // The cached key no longer verifies the new token, so the key is resolved again
        // at once (not after `cache_for`), and from then on the old key is refused.
        assert!(cached.verify(&after, lxm).await.is_ok());
        assert!(cached.verify(&before, lxm).await.is_err());
    });
}
