//! The XRPC client against the XRPC server over loopback HTTP: every call shape (query with
//! params, procedure with JSON input, raw-bytes input, neither), declared and undeclared
//! errors, validation on the client's side, proxy and labeler headers, and a refused
//! connection. The server's own answers to bad requests are in `xrpc_server_answers.rs`.

// Setup helpers outside #[test] functions panic on failure too, as tests do.
#![allow(clippy::expect_used)]

mod xrpc_common;

use std::collections::HashMap;
use std::sync::Arc;

use lex_runtime::client::{ClientError, XrpcClient};
use lex_runtime::server::{ServerError, XrpcRouter};
use lex_runtime::xrpc::RawBody;
use lex_runtime::Cid;

use xrpc_common::blog_service::{alice_key, authed, bob_key, post_uri, report, router};
use xrpc_common::{blog, post_view, serve};

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
