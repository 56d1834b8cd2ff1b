//! The bot example against a fake PDS over loopback HTTP: it logs in and writes one
//! `com.example.blog.post` with tags, a tag facet and a link embed.

// Setup helpers outside #[test] functions panic on failure too, as tests do.
#![allow(clippy::expect_used)]

use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::post;
use axum::Json;
use lex_example_bot::{announcement, run};
use lex_runtime::client::XrpcClient;
use serde_json::{json, Value};

type Seen = Arc<Mutex<Vec<Value>>>;

async fn serve(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    format!("http://{addr}")
}

#[tokio::test]
async fn the_bot_posts_a_record() {
    let seen: Seen = Arc::default();
    let router = axum::Router::new()
        .route(
            "/xrpc/com.atproto.server.createSession",
            post(|Json(body): Json<Value>| async move {
                assert_eq!(body["identifier"], "bot.test");
                Json(json!({"did": "did:plc:bot", "handle": "bot.test", "accessJwt": "a", "refreshJwt": "r"}))
            }),
        )
        .route(
            "/xrpc/com.atproto.repo.createRecord",
            post(|State(seen): State<Seen>, headers: HeaderMap, Json(body): Json<Value>| async move {
                assert_eq!(headers.get("authorization").and_then(|v| v.to_str().ok()), Some("Bearer a"));
                seen.lock().expect("lock").push(body);
                Json(json!({"uri": "at://did:plc:bot/com.example.blog.post/3k2a", "cid": "bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm"}))
            }),
        )
        .with_state(Arc::clone(&seen));
    let base = serve(router).await;
    let client = XrpcClient::new(&base).expect("client");
    let post = announcement(
        "Hello",
        "From the bot. #rust",
        &["rust"],
        Some("https://example.com/lex"),
    );
    let written = run(&client, "bot.test", "pw", &post)
        .await
        .expect("bot run");
    assert_eq!(written.uri, "at://did:plc:bot/com.example.blog.post/3k2a");

    let bodies = seen.lock().expect("lock").clone();
    assert_eq!(bodies.len(), 1);
    let body = &bodies[0];
    assert_eq!(body["repo"], "did:plc:bot");
    assert_eq!(body["collection"], "com.example.blog.post");
    let record = &body["record"];
    assert_eq!(record["$type"], "com.example.blog.post");
    assert_eq!(record["title"], "Hello");
    assert_eq!(record["tags"], json!(["rust"]));
    assert_eq!(
        record["facets"],
        json!([{
            "index": {"byteStart": 14, "byteEnd": 19},
            "features": [{"$type": "com.example.blog.defs#tagFeature", "tag": "rust"}]
        }])
    );
    assert_eq!(record["embed"]["$type"], "com.example.blog.defs#link");
    assert_eq!(record["embed"]["uri"], "https://example.com/lex");

    // The record the bot sent validates against the schema (dynamic validator).
    let title = "t".repeat(300);
    let invalid = announcement(&title, "x", &[], None);
    assert!(run(&client, "bot.test", "pw", &invalid).await.is_err());
    assert_eq!(
        seen.lock().expect("lock").len(),
        1,
        "an invalid post is never sent"
    );
}
