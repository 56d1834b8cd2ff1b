//! The XRPC server's answers to requests the typed client would never send, over raw HTTP:
//! bad params, bad input, a handler's invalid output, missing or wrong service auth,
//! unknown methods and the wrong HTTP method.

// Setup helpers outside #[test] functions panic on failure too, as tests do.
#![allow(clippy::expect_used)]

mod xrpc_common;

use lex_runtime::server::auth::sign_service_jwt;

use xrpc_common::blog_service::{alice_key, bob_key, router, SERVICE};
use xrpc_common::serve;

/// A report on alice's post `a` that the schema accepts.
const GOOD_REPORT: &str =
    r#"{"uri": "at://did:plc:alice/com.example.blog.post/a", "reason": "spam"}"#;

/// The status and JSON body of a response.
async fn status_and_json(response: reqwest::Response) -> (u16, serde_json::Value) {
    let status = response.status().as_u16();
    let body = response.bytes().await.expect("body");
    let body = serde_json::from_slice(&body).expect("json body");
    (status, body)
}

/// `GET getPost` with `query` (empty or starting with `?`).
async fn get_post(base: &str, query: &str) -> (u16, serde_json::Value) {
    let url = format!("{base}/xrpc/com.example.blog.getPost{query}");
    status_and_json(reqwest::Client::new().get(url).send().await.expect("send")).await
}

/// `POST reportPost` with `body` as `content_type`, and a bearer `token` when given.
async fn post_report(
    base: &str,
    content_type: &str,
    body: &str,
    token: Option<&str>,
) -> (u16, serde_json::Value) {
    let mut request = reqwest::Client::new()
        .post(format!("{base}/xrpc/com.example.blog.reportPost"))
        .header("content-type", content_type)
        .body(body.to_owned());
    if let Some(t) = token {
        request = request.header("authorization", format!("Bearer {t}"));
    }
    status_and_json(request.send().await.expect("send")).await
}

/// A token signed by `key` for `iss`, audience `aud`, method `lxm`.
fn token(key: &lex_runtime::commit::SigningKey, iss: &str, aud: &str, lxm: &str) -> String {
    sign_service_jwt(key, iss, aud, lxm, 60)
}

/// Alice's token for `reportPost` on the blog service.
fn alice_report_token() -> String {
    token(
        &alice_key(),
        "did:plc:alice",
        SERVICE,
        "com.example.blog.reportPost",
    )
}

#[tokio::test]
async fn bad_params_are_invalid_requests() {
    let base = serve(router()).await;
    let (status, body) = get_post(&base, "").await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "InvalidRequest");
    assert!(
        body["message"].as_str().unwrap_or_default().contains("uri"),
        "{body}"
    );
    for query in [
        "?uri=at://did:plc:alice/com.example.blog.post/a&depth=11",
        "?uri=at://did:plc:alice/com.example.blog.post/a&depth=two",
        "?uri=not-a-uri",
    ] {
        let (status, body) = get_post(&base, query).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (400, Some("InvalidRequest")),
            "{query}: {body}"
        );
    }
    let (status, _) = get_post(
        &base,
        "?uri=at://did:plc:alice/com.example.blog.post/a&depth=2",
    )
    .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_handlers_invalid_output_is_a_hidden_server_error() {
    let base = serve(router()).await;
    let (status, body) = get_post(
        &base,
        "?uri=at://did:plc:alice/com.example.blog.post/broken",
    )
    .await;
    assert_eq!(status, 500);
    assert_eq!(body["error"], "InternalServerError");
    assert!(body.get("message").is_none(), "{body}");
}

#[tokio::test]
async fn bad_input_is_an_invalid_request() {
    let base = serve(router()).await;
    let token = alice_report_token();
    let (status, body) = post_report(&base, "application/json", GOOD_REPORT, Some(&token)).await;
    assert_eq!((status, &body["id"]), (200, &serde_json::json!(42)));
    let (status, body) = post_report(&base, "text/plain", GOOD_REPORT, Some(&token)).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("InvalidRequest"))
    );
    assert!(
        body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("encoding"),
        "{body}"
    );
    let long = format!(
        r#"{{"uri": "at://did:plc:alice/com.example.blog.post/a", "reason": "spam", "comment": "{}"}}"#,
        "x".repeat(3000)
    );
    for input in [r#"{"uri": "at://did:plc:alice/x/y"}"#, "{not json", &long] {
        let (status, body) = post_report(&base, "application/json", input, Some(&token)).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (400, Some("InvalidRequest")),
            "{body}"
        );
    }
}

#[tokio::test]
async fn service_auth_is_required_and_checked() {
    let base = serve(router()).await;
    let (status, body) = post_report(&base, "application/json", GOOD_REPORT, None).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (401, Some("AuthenticationRequired"))
    );
    let alice = "did:plc:alice";
    let other_method = token(&alice_key(), alice, SERVICE, "com.example.blog.getPost");
    let (status, body) =
        post_report(&base, "application/json", GOOD_REPORT, Some(&other_method)).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (401, Some("BadJwt")),
        "{body}"
    );
    let other_aud = token(
        &alice_key(),
        alice,
        "did:web:other",
        "com.example.blog.reportPost",
    );
    let (status, _) = post_report(&base, "application/json", GOOD_REPORT, Some(&other_aud)).await;
    assert_eq!(status, 401);
    let forged = token(&bob_key(), alice, SERVICE, "com.example.blog.reportPost");
    let (status, _) = post_report(&base, "application/json", GOOD_REPORT, Some(&forged)).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn unknown_methods_and_the_wrong_http_method() {
    let base = serve(router()).await;
    let http = reqwest::Client::new();
    let r = http
        .get(format!("{base}/xrpc/com.example.blog.nothing"))
        .send()
        .await
        .expect("send");
    let (status, body) = status_and_json(r).await;
    assert_eq!(status, 501);
    assert_eq!(body["error"], "MethodNotImplemented");
    let r = http
        .post(format!("{base}/xrpc/com.example.blog.getPost"))
        .send()
        .await
        .expect("send");
    assert_eq!(r.status().as_u16(), 405);
}
