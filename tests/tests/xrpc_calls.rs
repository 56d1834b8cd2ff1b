//! The XRPC client against the XRPC server over loopback HTTP: every call shape (query with
//! params, procedure with JSON input, raw-bytes input), declared and undeclared errors,
//! validation on both sides, the server's answers to bad params and bad input, service
//! auth, unknown methods, and a refused connection.

// Setup helpers outside #[test] functions panic on failure too, as tests do.
#![allow(clippy::expect_used)]

mod xrpc_common;

use std::collections::HashMap;
use std::sync::Arc;

use lex_runtime::client::{ClientError, XrpcClient};
use lex_runtime::commit::SigningKey;
use lex_runtime::did_doc::KeyType;
use lex_runtime::server::auth::sign_service_jwt;
use lex_runtime::server::{ServerError, ServiceAuth, StaticKeys, XrpcRequest, XrpcRouter};
use lex_runtime::xrpc::RawBody;
use lex_runtime::{AtUri, BlobRef, Cid, Did};

use xrpc_common::{blog, post_view, serve};

const SERVICE: &str = "did:web:blog.example#blog";

fn alice_key() -> SigningKey {
    SigningKey::from_bytes(KeyType::Secp256k1, &[7; 32]).expect("key")
}

fn bob_key() -> SigningKey {
    SigningKey::from_bytes(KeyType::P256, &[9; 32]).expect("key")
}

/// The blog service under test.
fn router() -> axum::Router {
    let mut keys = StaticKeys::default();
    keys.0
        .insert("did:plc:alice".into(), alice_key().public_key());
    keys.0.insert("did:plc:bob".into(), bob_key().public_key());
    XrpcRouter::new()
        .service_auth(ServiceAuth::new(SERVICE, keys))
        .query::<blog::get_post::GetPost, _, _>(|req| async move {
            let rkey = req
                .params
                .uri
                .as_str()
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_owned();
            match rkey.as_str() {
                "missing" => {
                    Err(blog::get_post::Error::PostNotFound(Some("no such post".into())).into())
                }
                // A handler bug: an output its own schema rejects.
                "broken" => {
                    let mut view = post_view("broken", "t");
                    view.reply_count = Some(-1);
                    Ok(blog::get_post::Output::new(view))
                }
                _ => {
                    let mut view = post_view(&rkey, "Hello");
                    // Echo the depth so the test sees the parameter arrived typed.
                    view.reply_count = req.params.depth;
                    Ok(blog::get_post::Output::new(view))
                }
            }
        })
        .procedure::<blog::report_post::ReportPost, _, _>(|req| async move {
            let claims = req.require_auth()?;
            if claims.iss == "did:plc:bob" && req.input.comment.as_deref() == Some("again") {
                return Err(blog::report_post::Error::AlreadyReported(None).into());
            }
            if req.input.comment.as_deref() == Some("busy") {
                return Err(ServerError::new(
                    axum::http::StatusCode::SERVICE_UNAVAILABLE,
                    "Overloaded",
                    Some("try later".to_owned()),
                ));
            }
            Ok(blog::report_post::Output::new(42))
        })
        .procedure::<blog::upload_cover::UploadCover, _, _>(|req| async move {
            let RawBody { content_type, data } = req.input;
            if data.len() > 1_000 {
                return Err(blog::upload_cover::Error::ImageTooLarge(None).into());
            }
            let blob = BlobRef::new(Cid::for_raw(&data), content_type, data.len() as u64);
            Ok(blog::upload_cover::Output::new(blob))
        })
        // The generic form: `add` takes a query or a procedure.
        .add::<blog::describe_blog::DescribeBlog, _>(describe)
        .into_router()
}

async fn describe(
    _: XrpcRequest<lex_runtime::xrpc::NoParams>,
) -> Result<blog::describe_blog::Output, ServerError> {
    let did = Did::new("did:web:blog.example").expect("did");
    Ok(blog::describe_blog::Output::new(vec![], did, "Blog".into()))
}

fn post_uri(rkey: &str) -> AtUri {
    AtUri::new(&format!("at://did:plc:alice/com.example.blog.post/{rkey}")).expect("uri")
}

fn report(comment: Option<&str>) -> blog::report_post::Input {
    let mut input =
        blog::report_post::Input::new(blog::report_post::InputReason::Spam, post_uri("a"));
    input.comment = comment.map(str::to_owned);
    input
}

/// A client that sends a service-auth token for `lxm` (as a PDS proxy would).
fn authed(base: &str, key: &SigningKey, iss: &str, lxm: &str) -> XrpcClient {
    let token = sign_service_jwt(key, iss, SERVICE, lxm, 60);
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::AUTHORIZATION,
        format!("Bearer {token}").parse().expect("header"),
    );
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .expect("http client");
    XrpcClient::builder(base)
        .http_client(http)
        .build()
        .expect("client")
}

#[tokio::test]
async fn query_with_params_and_declared_errors() {
    let base = serve(router()).await;
    let client = XrpcClient::new(&base).expect("client");
    let mut params = blog::get_post::Params::new(post_uri("p1"));
    params.depth = Some(3);
    let out = client
        .query::<blog::get_post::GetPost>(&params)
        .await
        .expect("getPost");
    assert_eq!(
        out.post.uri.as_str(),
        "at://did:plc:alice/com.example.blog.post/p1"
    );
    assert_eq!(out.post.reply_count, Some(3));

    let err = client
        .query::<blog::get_post::GetPost>(&blog::get_post::Params::new(post_uri("missing")))
        .await
        .expect_err("missing post");
    match err {
        ClientError::Xrpc {
            status: 400,
            error: blog::get_post::Error::PostNotFound(Some(m)),
        } => {
            assert_eq!(m, "no such post");
        }
        other => panic!("{other:?}"),
    }

    let about = client
        .query::<blog::describe_blog::DescribeBlog>(&Default::default())
        .await
        .expect("describeBlog");
    assert_eq!(about.name, "Blog");

    // Parameters that break the schema never leave the client.
    let mut params = blog::get_post::Params::new(post_uri("p1"));
    params.depth = Some(11);
    let err = client
        .query::<blog::get_post::GetPost>(&params)
        .await
        .expect_err("depth");
    assert!(matches!(err, ClientError::InvalidInput(_)), "{err:?}");
}

#[tokio::test]
async fn procedures_with_json_and_raw_input_and_undeclared_errors() {
    let base = serve(router()).await;
    let client = authed(
        &base,
        &alice_key(),
        "did:plc:alice",
        "com.example.blog.reportPost",
    );
    let out = client
        .procedure::<blog::report_post::ReportPost>(&Default::default(), &report(Some("spam!")))
        .await
        .expect("reportPost");
    assert_eq!(out.id, 42);

    let err = client
        .procedure::<blog::report_post::ReportPost>(&Default::default(), &report(Some("busy")))
        .await
        .expect_err("busy");
    match &err {
        ClientError::Xrpc {
            status: 503,
            error: blog::report_post::Error::Other { name, message },
        } => {
            assert_eq!(name, "Overloaded");
            assert_eq!(message.as_deref(), Some("try later"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.error_name(), Some("Overloaded"));

    // P-256 (ES256) tokens work too, and declared errors of procedures decode.
    let bob = authed(
        &base,
        &bob_key(),
        "did:plc:bob",
        "com.example.blog.reportPost",
    );
    let err = bob
        .procedure::<blog::report_post::ReportPost>(&Default::default(), &report(Some("again")))
        .await
        .expect_err("again");
    assert!(
        matches!(
            err,
            ClientError::Xrpc {
                status: 400,
                error: blog::report_post::Error::AlreadyReported(None)
            }
        ),
        "{err:?}"
    );

    // Input that breaks the schema is rejected before sending.
    let long = "x".repeat(3000);
    let err = client
        .procedure::<blog::report_post::ReportPost>(&Default::default(), &report(Some(&long)))
        .await
        .expect_err("long comment");
    assert!(matches!(err, ClientError::InvalidInput(_)), "{err:?}");

    // Raw bytes in, JSON out.
    let png = RawBody {
        content_type: "image/png".into(),
        data: vec![0x89, b'P', b'N', b'G', 1, 2, 3],
    };
    let anon = XrpcClient::new(&base).expect("client");
    let out = anon
        .procedure::<blog::upload_cover::UploadCover>(&Default::default(), &png)
        .await
        .expect("upload");
    assert_eq!(out.blob.size, 7);
    assert_eq!(out.blob.mime_type, "image/png");
    assert_eq!(out.blob.cid, Cid::for_raw(&png.data));
    let big = RawBody {
        content_type: "image/png".into(),
        data: vec![0; 2000],
    };
    let err = anon
        .procedure::<blog::upload_cover::UploadCover>(&Default::default(), &big)
        .await
        .expect_err("too large");
    assert!(
        matches!(
            err,
            ClientError::Xrpc {
                status: 400,
                error: blog::upload_cover::Error::ImageTooLarge(_)
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn server_rejects_bad_params_and_bad_input() {
    let base = serve(router()).await;
    let http = reqwest::Client::new();
    let get = |query: &str| {
        let url = format!("{base}/xrpc/com.example.blog.getPost{query}");
        let http = http.clone();
        async move {
            let r = http.get(url).send().await.expect("send");
            let status = r.status().as_u16();
            let body: serde_json::Value =
                serde_json::from_slice(&r.bytes().await.expect("body")).expect("json error body");
            (status, body)
        }
    };
    let (status, body) = get("").await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "InvalidRequest");
    assert!(
        body["message"].as_str().unwrap_or_default().contains("uri"),
        "{body}"
    );
    let (status, body) = get("?uri=at://did:plc:alice/com.example.blog.post/a&depth=11").await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("InvalidRequest")),
        "{body}"
    );
    let (status, body) = get("?uri=at://did:plc:alice/com.example.blog.post/a&depth=two").await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("InvalidRequest")),
        "{body}"
    );
    let (status, body) = get("?uri=not-a-uri").await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("InvalidRequest")),
        "{body}"
    );
    let (status, _) = get("?uri=at://did:plc:alice/com.example.blog.post/a&depth=2").await;
    assert_eq!(status, 200);

    // A handler's invalid output is the server's bug: 500, details hidden.
    let (status, body) = get("?uri=at://did:plc:alice/com.example.blog.post/broken").await;
    assert_eq!(status, 500);
    assert_eq!(body["error"], "InternalServerError");
    assert!(body.get("message").is_none(), "{body}");

    let token = sign_service_jwt(
        &alice_key(),
        "did:plc:alice",
        SERVICE,
        "com.example.blog.reportPost",
        60,
    );
    let post = |content_type: &str, body: &str, token: Option<&str>| {
        let mut request = http
            .post(format!("{base}/xrpc/com.example.blog.reportPost"))
            .header("content-type", content_type)
            .body(body.to_owned());
        if let Some(t) = token {
            request = request.header("authorization", format!("Bearer {t}"));
        }
        async move {
            let r = request.send().await.expect("send");
            let status = r.status().as_u16();
            let body: serde_json::Value =
                serde_json::from_slice(&r.bytes().await.expect("body")).expect("json body");
            (status, body)
        }
    };
    let good = r#"{"uri": "at://did:plc:alice/com.example.blog.post/a", "reason": "spam"}"#;
    let (status, body) = post("application/json", good, Some(&token)).await;
    assert_eq!((status, &body["id"]), (200, &serde_json::json!(42)));
    let (status, body) = post("text/plain", good, Some(&token)).await;
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
    let (status, body) = post(
        "application/json",
        r#"{"uri": "at://did:plc:alice/x/y"}"#,
        Some(&token),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("InvalidRequest")),
        "{body}"
    );
    let (status, body) = post("application/json", "{not json", Some(&token)).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("InvalidRequest")),
        "{body}"
    );
    let long = format!(
        r#"{{"uri": "at://did:plc:alice/com.example.blog.post/a", "reason": "spam", "comment": "{}"}}"#,
        "x".repeat(3000)
    );
    let (status, body) = post("application/json", &long, Some(&token)).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("InvalidRequest")),
        "{body}"
    );

    // Service auth: none, for another method, for another service, garbage.
    let (status, body) = post("application/json", good, None).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (401, Some("AuthenticationRequired"))
    );
    let other_method = sign_service_jwt(
        &alice_key(),
        "did:plc:alice",
        SERVICE,
        "com.example.blog.getPost",
        60,
    );
    let (status, body) = post("application/json", good, Some(&other_method)).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (401, Some("BadJwt")),
        "{body}"
    );
    let other_aud = sign_service_jwt(
        &alice_key(),
        "did:plc:alice",
        "did:web:other",
        "com.example.blog.reportPost",
        60,
    );
    let (status, _) = post("application/json", good, Some(&other_aud)).await;
    assert_eq!(status, 401);
    let forged = sign_service_jwt(
        &bob_key(),
        "did:plc:alice",
        SERVICE,
        "com.example.blog.reportPost",
        60,
    );
    let (status, _) = post("application/json", good, Some(&forged)).await;
    assert_eq!(status, 401);

    // Unknown methods, and the wrong HTTP method for a known one.
    let r = http
        .get(format!("{base}/xrpc/com.example.blog.nothing"))
        .send()
        .await
        .expect("send");
    assert_eq!(r.status().as_u16(), 501);
    let body: serde_json::Value =
        serde_json::from_slice(&r.bytes().await.expect("body")).expect("json");
    assert_eq!(body["error"], "MethodNotImplemented");
    let r = http
        .post(format!("{base}/xrpc/com.example.blog.getPost"))
        .send()
        .await
        .expect("send");
    assert_eq!(r.status().as_u16(), 405);
}

/// A server that misbehaves on purpose (raw axum, not the typed router).
fn broken_server() -> axum::Router {
    use axum::routing::get;
    axum::Router::new()
        .route(
            "/xrpc/com.example.blog.listPosts",
            get(|| async {
                // `replyCount` has `minimum: 0`.
                let mut view = post_view("a", "t");
                view.reply_count = Some(-5);
                let body =
                    serde_json::json!({ "posts": [serde_json::to_value(&view).expect("json")] });
                ([("content-type", "application/json")], body.to_string())
            }),
        )
        .route(
            "/xrpc/com.example.blog.describeBlog",
            get(|| async {
                (
                    axum::http::StatusCode::BAD_GATEWAY,
                    "<html>bad gateway</html>",
                )
            }),
        )
        .route(
            "/xrpc/com.example.blog.getPost",
            get(|| async { ([("content-type", "application/json")], "{\"post\": 12}") }),
        )
}

#[tokio::test]
async fn client_rejects_invalid_output_and_tolerates_non_json_errors() {
    let base = serve(broken_server()).await;
    let client = XrpcClient::new(&base).expect("client");
    let params = blog::list_posts::Params::new("did:plc:alice".parse().expect("author"));
    let err = client
        .query::<blog::list_posts::ListPosts>(&params)
        .await
        .expect_err("invalid output");
    assert!(matches!(err, ClientError::InvalidOutput(_)), "{err:?}");
    // With validation off the same response is accepted.
    let lax = XrpcClient::builder(&base)
        .validate(false)
        .build()
        .expect("client");
    let out = lax
        .query::<blog::list_posts::ListPosts>(&params)
        .await
        .expect("lax");
    assert_eq!(out.posts.len(), 1);
    // A response beyond the size limit is refused while reading.
    let small = XrpcClient::builder(&base)
        .max_response_size(64)
        .build()
        .expect("client");
    let err = small
        .query::<blog::list_posts::ListPosts>(&params)
        .await
        .expect_err("too large");
    assert!(matches!(err, ClientError::Decode(_)), "{err:?}");

    let err = client
        .query::<blog::describe_blog::DescribeBlog>(&Default::default())
        .await
        .expect_err("502");
    assert_eq!(err.status(), Some(502));
    assert_eq!(err.error_name(), Some("UpstreamFailure"));

    let err = client
        .query::<blog::get_post::GetPost>(&blog::get_post::Params::new(post_uri("a")))
        .await
        .expect_err("wrong shape");
    assert!(matches!(err, ClientError::Decode(_)), "{err:?}");
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    let base = xrpc_common::closed_port().await;
    let client = XrpcClient::new(&base).expect("client");
    let err = client
        .query::<blog::describe_blog::DescribeBlog>(&Default::default())
        .await
        .expect_err("refused");
    assert!(matches!(err, ClientError::Transport(_)), "{err:?}");
    assert!(XrpcClient::new("ftp://example").is_err());
}

#[tokio::test]
async fn proxy_and_labeler_headers_are_sent() {
    use axum::http::HeaderMap;
    use axum::routing::get;
    let seen: Arc<std::sync::Mutex<HashMap<String, String>>> = Arc::default();
    let record = Arc::clone(&seen);
    let router = axum::Router::new().route(
        "/xrpc/com.example.blog.describeBlog",
        get(move |headers: HeaderMap| {
            let record = Arc::clone(&record);
            async move {
                let mut map = record.lock().expect("lock");
                for name in ["atproto-proxy", "atproto-accept-labelers"] {
                    if let Some(v) = headers.get(name).and_then(|v| v.to_str().ok()) {
                        map.insert(name.to_owned(), v.to_owned());
                    }
                }
                (
                    [("content-type", "application/json")],
                    r#"{"did": "did:web:blog.example", "name": "b", "authors": []}"#,
                )
            }
        }),
    );
    let base = serve(router).await;
    let client = XrpcClient::builder(&base)
        .proxy("did:web:appview.example", "blog_appview")
        .accept_labelers([("did:plc:labeler1", false), ("did:plc:labeler2", true)])
        .build()
        .expect("client");
    let out = client
        .query::<blog::describe_blog::DescribeBlog>(&Default::default())
        .await
        .expect("describe");
    assert_eq!(out.name, "b");
    let map = seen.lock().expect("lock").clone();
    assert_eq!(map["atproto-proxy"], "did:web:appview.example#blog_appview");
    assert_eq!(
        map["atproto-accept-labelers"],
        "did:plc:labeler1, did:plc:labeler2;redact"
    );
}

/// A procedure with neither input nor output (written by hand, as generated code would be).
struct Ping;

impl lex_runtime::xrpc::Method for Ping {
    const NSID: &'static str = "com.example.test.ping";
    type Params = lex_runtime::xrpc::NoParams;
    type Error = lex_runtime::xrpc::GenericError;
}

impl lex_runtime::xrpc::Procedure for Ping {
    type Input = ();
    type Output = ();
    const INPUT_ENCODING: Option<&'static str> = None;
    const OUTPUT_ENCODING: Option<&'static str> = None;
}

#[tokio::test]
async fn procedure_without_input_or_output() {
    let calls = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let router = XrpcRouter::new()
        // Replaced by the registration below, not a duplicate route.
        .procedure::<Ping, _, _>(|_req| async { Err(ServerError::internal()) })
        .procedure::<Ping, _, _>(move |_req| {
            let counter = Arc::clone(&counter);
            async move {
                counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                Ok(())
            }
        })
        .into_router();
    let base = serve(router).await;
    let client = XrpcClient::new(&base).expect("client");
    client
        .procedure::<Ping>(&Default::default(), &())
        .await
        .expect("ping");
    assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 1);
    // A body sent to a method that takes none is refused.
    let r = reqwest::Client::new()
        .post(format!("{base}/xrpc/com.example.test.ping"))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .expect("send");
    assert_eq!(r.status().as_u16(), 400);
}
