//! Resolution against a loopback HTTP server standing in for a PLC directory and a PDS.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use super::*;
use crate::commit::SigningKey;
use crate::did_doc::KeyType;

/// Requests one [`serve`] has answered.
type Hits = Arc<AtomicUsize>;

/// Serves `GET <path>` with the body in `routes` (404 otherwise); returns its base URL and
/// the number of requests answered so far.
async fn serve(routes: HashMap<String, String>) -> (String, Hits) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let routes = Arc::new(routes);
    let hits = Hits::default();
    let counter = Arc::clone(&hits);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            let routes = Arc::clone(&routes);
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buf = [0u8; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                let text = String::from_utf8_lossy(&request);
                let path = text.split(' ').nth(1).unwrap_or("");
                let (status, body) = match routes.get(path) {
                    Some(body) => ("200 OK", body.as_str()),
                    None => ("404 Not Found", "{\"error\":\"NotFound\"}"),
                };
                let reply = format!(
                    "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(reply.as_bytes()).await;
            });
        }
    });
    (base, hits)
}

fn key() -> SigningKey {
    SigningKey::from_bytes(KeyType::Secp256k1, &[7; 32]).unwrap()
}

/// A PLC directory on loopback holding `docs` (DID -> PDS URL), and a resolver using it.
async fn plc(docs: &[(&str, &str)]) -> (Resolver, Hits) {
    let routes = docs
        .iter()
        .map(|(did, pds)| {
            let doc = DidDocument::new(did, &key().public_key(), pds);
            (format!("/{did}"), doc.to_json())
        })
        .collect();
    let (base, hits) = serve(routes).await;
    let resolver = Resolver::new(Config {
        plc_url: Some(base),
        ..Config::default()
    })
    .unwrap();
    (resolver, hits)
}

#[tokio::test]
async fn did_plc_resolves_to_key_and_pds_and_is_cached() {
    let (resolver, hits) = plc(&[("did:plc:alice", "http://127.0.0.1:2583")]).await;
    let identity = resolver.resolve("did:plc:alice").await.unwrap();
    assert_eq!(identity.did.as_str(), "did:plc:alice");
    assert_eq!(identity.pds, "http://127.0.0.1:2583");
    assert_eq!(identity.signing_key, key().public_key());
    let again = resolver.did_document("did:plc:alice").await.unwrap();
    assert_eq!(again, identity.document);
    assert_eq!(hits.load(Ordering::SeqCst), 1);

    let missing = resolver.resolve_did("did:plc:bob").await.unwrap_err();
    assert_eq!(missing.kind, ErrorKind::Resolution, "{missing}");
    assert!(missing.message.contains("404"), "{missing}");
}

#[tokio::test]
async fn a_private_pds_or_a_foreign_document_is_refused() {
    let (resolver, _) = plc(&[("did:plc:eve", "http://10.0.0.1")]).await;
    let e = resolver.resolve_did("did:plc:eve").await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Resolution);
    assert!(e.message.starts_with("did:plc:eve: PDS"), "{e}");

    let doc = DidDocument::new(
        "did:plc:mallory",
        &key().public_key(),
        "https://pds.example",
    );
    let (base, _) = serve(HashMap::from([(
        "/did:plc:alice".to_owned(),
        doc.to_json(),
    )]))
    .await;
    let resolver = Resolver::new(Config {
        plc_url: Some(base),
        ..Config::default()
    })
    .unwrap();
    let e = resolver.resolve_did("did:plc:alice").await.unwrap_err();
    assert!(e.message.contains("did:plc:mallory"), "{e}");
}

#[tokio::test]
async fn inputs_and_loopback_did_web_are_refused_before_any_request() {
    let resolver = Resolver::new(Config::default()).unwrap();
    for (input, kind) in [
        ("did:plc:has-dash", ErrorKind::Input),
        ("did:key:zQ3sh", ErrorKind::Input),
        ("did:web:example.com:path", ErrorKind::Input),
        ("did:web:localhost%3A8080", ErrorKind::Resolution),
        ("did:web:127.0.0.1", ErrorKind::Resolution),
        ("not a handle", ErrorKind::Input),
    ] {
        let e = resolver.resolve(input).await.unwrap_err();
        assert_eq!(e.kind, kind, "{input}: {e}");
    }
    assert!(Resolver::new(Config {
        plc_url: Some("ftp://plc.example".into()),
        ..Config::default()
    })
    .is_err());
}

#[cfg(feature = "server")]
#[tokio::test]
async fn service_auth_checks_tokens_with_resolved_keys() {
    use crate::server::auth::{sign_service_jwt, ServiceAuth};

    let (resolver, _) = plc(&[("did:plc:alice", "http://127.0.0.1:2583")]).await;
    let auth = ServiceAuth::new("did:web:feed.example", resolver);
    let token = sign_service_jwt(&key(), "did:plc:alice", "did:web:feed.example", "a.b.c", 60);
    let claims = auth.verify(&token, "a.b.c").await.unwrap();
    assert_eq!(claims.iss, "did:plc:alice");

    let other = SigningKey::from_bytes(KeyType::Secp256k1, &[8; 32]).unwrap();
    let forged = sign_service_jwt(&other, "did:plc:alice", "did:web:feed.example", "a.b.c", 60);
    assert!(auth.verify(&forged, "a.b.c").await.is_err());
    let unknown = sign_service_jwt(&key(), "did:plc:bob", "did:web:feed.example", "a.b.c", 60);
    assert!(auth.verify(&unknown, "a.b.c").await.is_err());
}
