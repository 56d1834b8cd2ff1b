//! Password sessions and the record helpers against a small fake PDS over loopback HTTP:
//! login, an expired access token refreshed and the call retried, create/get/put/delete
//! (a procedure without output), and `list` paginating over `cursor`.

// Setup helpers outside #[test] functions panic on failure too, as tests do.
#![allow(clippy::expect_used)]

mod xrpc_common;

use std::sync::{Arc, Mutex};

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Json;
use futures_util::TryStreamExt;
use lex_runtime::client::{ClientError, MemorySessionStore, SessionStore, XrpcClient};
use serde_json::{json, Value};

use xrpc_common::{blog, serve};

#[derive(Default)]
struct Pds {
    /// The access token currently accepted.
    access: String,
    refreshes: usize,
    /// `(rkey, record)` in creation order.
    records: Vec<(String, Value)>,
    calls: Vec<String>,
}

type Shared = Arc<Mutex<Pds>>;

fn error(status: StatusCode, name: &str, message: &str) -> Response {
    (status, Json(json!({ "error": name, "message": message }))).into_response()
}

fn session(access: &str, refresh: &str) -> Json<Value> {
    Json(json!({
        "did": "did:plc:alice",
        "handle": "alice.test",
        "accessJwt": access,
        "refreshJwt": refresh,
        "active": true
    }))
}

/// An error response unless the request carries the current access token.
fn check(pds: &Pds, headers: &HeaderMap) -> Option<Response> {
    let token = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if token == pds.access {
        None
    } else if token.starts_with("access") {
        Some(error(
            StatusCode::BAD_REQUEST,
            "ExpiredToken",
            "Token has expired",
        ))
    } else {
        Some(error(
            StatusCode::UNAUTHORIZED,
            "AuthenticationRequired",
            "no token",
        ))
    }
}

fn uri(rkey: &str) -> String {
    format!("at://did:plc:alice/com.example.blog.post/{rkey}")
}

fn pds() -> (axum::Router, Shared) {
    // No access token is valid before the first login.
    let state: Shared = Arc::new(Mutex::new(Pds {
        access: "none yet".into(),
        ..Pds::default()
    }));
    let router = record_routes(session_routes(axum::Router::new())).with_state(Arc::clone(&state));
    (router, state)
}

/// Login and token refresh.
fn session_routes(router: axum::Router<Shared>) -> axum::Router<Shared> {
    router
        .route(
            "/xrpc/com.atproto.server.createSession",
            post(
                |State(s): State<Shared>, Json(body): Json<Value>| async move {
                    if body["password"] != "hunter2" {
                        return error(
                            StatusCode::UNAUTHORIZED,
                            "AuthenticationRequired",
                            "Invalid identifier or password",
                        );
                    }
                    // The server considers this first token already expired.
                    s.lock().expect("lock").access = "access-2".into();
                    session("access-1", "refresh-1").into_response()
                },
            ),
        )
        .route(
            "/xrpc/com.atproto.server.refreshSession",
            post(|State(s): State<Shared>, headers: HeaderMap| async move {
                let mut pds = s.lock().expect("lock");
                // Refresh tokens are single-use, as on a real PDS.
                if pds.refreshes > 0
                    || headers.get("authorization").and_then(|v| v.to_str().ok())
                        != Some("Bearer refresh-1")
                {
                    return error(StatusCode::BAD_REQUEST, "InvalidToken", "bad refresh token");
                }
                pds.refreshes += 1;
                session("access-2", "refresh-2").into_response()
            }),
        )
}

/// The record methods, each behind the token check.
fn record_routes(router: axum::Router<Shared>) -> axum::Router<Shared> {
    router
        .route(
            "/xrpc/com.atproto.repo.createRecord",
            post(|State(s): State<Shared>, headers: HeaderMap, Json(body): Json<Value>| async move {
                let mut pds = s.lock().expect("lock");
                if let Some(r) = check(&pds, &headers) {
                    return r;
                }
                pds.calls.push("create".into());
                let rkey = body["rkey"].as_str().map(str::to_owned).unwrap_or_else(|| format!("r{}", pds.records.len()));
                pds.records.push((rkey.clone(), body["record"].clone()));
                Json(json!({ "uri": uri(&rkey), "cid": "bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm" })).into_response()
            }),
        )
        .route(
            "/xrpc/com.atproto.repo.putRecord",
            post(|State(s): State<Shared>, headers: HeaderMap, Json(body): Json<Value>| async move {
                let mut pds = s.lock().expect("lock");
                if let Some(r) = check(&pds, &headers) {
                    return r;
                }
                let rkey = body["rkey"].as_str().unwrap_or_default().to_owned();
                match pds.records.iter_mut().find(|(k, _)| *k == rkey) {
                    Some(slot) => slot.1 = body["record"].clone(),
                    None => pds.records.push((rkey.clone(), body["record"].clone())),
                }
                Json(json!({ "uri": uri(&rkey), "cid": "bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm" })).into_response()
            }),
        )
        .route(
            "/xrpc/com.atproto.repo.deleteRecord",
            post(|State(s): State<Shared>, headers: HeaderMap, Json(body): Json<Value>| async move {
                let mut pds = s.lock().expect("lock");
                if let Some(r) = check(&pds, &headers) {
                    return r;
                }
                let rkey = body["rkey"].as_str().unwrap_or_default().to_owned();
                pds.records.retain(|(k, _)| *k != rkey);
                // A procedure without output: an empty 200.
                StatusCode::OK.into_response()
            }),
        )
        .route(
            "/xrpc/com.atproto.repo.getRecord",
            get(|State(s): State<Shared>, Query(q): Query<Vec<(String, String)>>| async move {
                let pds = s.lock().expect("lock");
                let rkey = q.iter().find(|(k, _)| k == "rkey").map(|(_, v)| v.clone()).unwrap_or_default();
                match pds.records.iter().find(|(k, _)| *k == rkey) {
                    Some((k, v)) => Json(json!({ "uri": uri(k), "value": v })).into_response(),
                    None => error(StatusCode::BAD_REQUEST, "RecordNotFound", "Could not locate record"),
                }
            }),
        )
        .route(
            "/xrpc/com.atproto.repo.listRecords",
            get(|State(s): State<Shared>, Query(q): Query<Vec<(String, String)>>| async move {
                let pds = s.lock().expect("lock");
                let start: usize = q.iter().find(|(k, _)| k == "cursor").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
                // Pages of two, whatever the client asks.
                let page: Vec<Value> = pds.records.iter().skip(start).take(2)
                    .map(|(k, v)| json!({ "uri": uri(k), "cid": "bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm", "value": v }))
                    .collect();
                let next = start + page.len();
                let mut out = json!({ "records": page });
                if next < pds.records.len() {
                    out["cursor"] = json!(next.to_string());
                }
                Json(out).into_response()
            }),
        )
}

fn post_record(title: &str) -> blog::post::Post {
    blog::post::Post::new(
        title.into(),
        "body".into(),
        "2024-01-01T00:00:00.000Z".parse().expect("datetime"),
    )
}

#[tokio::test]
async fn expired_token_is_refreshed_and_the_call_retried() {
    let (router, state) = pds();
    let base = serve(router).await;
    let store = MemorySessionStore::default();
    let client = XrpcClient::builder(&base)
        .session_store(store.clone())
        .build()
        .expect("client");

    // Not logged in: the server asks for auth.
    let err = client
        .create("did:plc:alice", &post_record("a"), None)
        .await
        .expect_err("anonymous");
    assert_eq!(err.error_name(), Some("AuthenticationRequired"));

    let err = client
        .login("alice.test", "wrong")
        .await
        .expect_err("bad password");
    assert_eq!(err.status(), Some(401));
    let session = client.login("alice.test", "hunter2").await.expect("login");
    assert_eq!(session.did, "did:plc:alice");
    assert_eq!(store.get().map(|s| s.access_jwt), Some("access-1".into()));

    // access-1 is expired: refresh, store access-2, retry.
    let written = client
        .create("did:plc:alice", &post_record("first"), Some("one"))
        .await
        .expect("create");
    assert_eq!(written.uri, "at://did:plc:alice/com.example.blog.post/one");
    assert_eq!(state.lock().expect("lock").refreshes, 1);
    assert_eq!(store.get().map(|s| s.access_jwt), Some("access-2".into()));
    assert_eq!(state.lock().expect("lock").calls, ["create"]);

    // The fresh token is used directly from now on.
    client
        .create("did:plc:alice", &post_record("second"), None)
        .await
        .expect("create 2");
    assert_eq!(state.lock().expect("lock").refreshes, 1);

    // A refresh that fails surfaces as the error of the call.
    state.lock().expect("lock").access = "access-3".into();
    store.set(store.get().map(|mut s| {
        s.refresh_jwt = "refresh-revoked".into();
        s
    }));
    let err = client
        .create("did:plc:alice", &post_record("third"), None)
        .await
        .expect_err("revoked");
    assert_eq!(err.error_name(), Some("InvalidToken"));
}

#[tokio::test]
async fn record_helpers_round_trip() {
    let (router, state) = pds();
    let base = serve(router).await;
    let client = XrpcClient::new(&base).expect("client");
    client.login("alice.test", "hunter2").await.expect("login");
    for i in 0..5 {
        client
            .create(
                "did:plc:alice",
                &post_record(&format!("post {i}")),
                Some(&format!("k{i}")),
            )
            .await
            .expect("create");
    }
    // Every record went out with its `$type`.
    assert!(state
        .lock()
        .expect("lock")
        .records
        .iter()
        .all(|(_, r)| r["$type"] == "com.example.blog.post"));

    let got = client
        .get::<blog::post::Post>("did:plc:alice", "k2")
        .await
        .expect("get");
    assert_eq!(got.value.title, "post 2");
    assert_eq!(got.uri, "at://did:plc:alice/com.example.blog.post/k2");

    client
        .put("did:plc:alice", "k2", &post_record("edited"))
        .await
        .expect("put");
    let got = client
        .get::<blog::post::Post>("did:plc:alice", "k2")
        .await
        .expect("get");
    assert_eq!(got.value.title, "edited");

    client
        .delete::<blog::post::Post>("did:plc:alice", "k0")
        .await
        .expect("delete (no output)");
    let err = client
        .get::<blog::post::Post>("did:plc:alice", "k0")
        .await
        .expect_err("gone");
    assert_eq!(err.error_name(), Some("RecordNotFound"));

    // Four records in pages of two: `list` follows the cursor.
    let all: Vec<_> = client
        .list::<blog::post::Post>("did:plc:alice")
        .try_collect()
        .await
        .expect("list");
    let titles: Vec<&str> = all.iter().map(|r| r.value.title.as_str()).collect();
    assert_eq!(titles, ["post 1", "edited", "post 3", "post 4"]);

    // A record that breaks its schema is not written.
    let too_long = post_record(&"t".repeat(200));
    let err = client
        .create("did:plc:alice", &too_long, None)
        .await
        .expect_err("invalid record");
    assert!(matches!(err, ClientError::InvalidInput(_)), "{err:?}");

    // A stored record that breaks its schema is reported when read.
    state.lock().expect("lock").records.push(("bad".into(), json!({"$type": "com.example.blog.post", "title": "t".repeat(200), "body": "b", "createdAt": "2024-01-01T00:00:00.000Z"})));
    let err = client
        .get::<blog::post::Post>("did:plc:alice", "bad")
        .await
        .expect_err("invalid stored record");
    assert!(matches!(err, ClientError::InvalidOutput(_)), "{err:?}");
}

#[tokio::test]
async fn concurrent_calls_refresh_once() {
    let (router, state) = pds();
    let base = serve(router).await;
    let client = XrpcClient::new(&base).expect("client");
    client.login("alice.test", "hunter2").await.expect("login");
    // Both calls see `ExpiredToken`; one refreshes, the other retries with its result.
    let (pa, pb, pc) = (post_record("a"), post_record("b"), post_record("c"));
    let (a, b, c) = tokio::join!(
        client.create("did:plc:alice", &pa, None),
        client.create("did:plc:alice", &pb, None),
        client.create("did:plc:alice", &pc, None),
    );
    a.expect("a");
    b.expect("b");
    c.expect("c");
    assert_eq!(state.lock().expect("lock").refreshes, 1);
    assert_eq!(state.lock().expect("lock").records.len(), 3);
}
