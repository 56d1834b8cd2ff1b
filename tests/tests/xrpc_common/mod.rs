//! Helpers shared by the XRPC tests: loopback servers and sample data.
#![allow(dead_code, unreachable_pub, clippy::expect_used)]

use lex_runtime::{AtUri, Datetime, Did, Map, Value};

pub use lex_tests::generated::project::com::example::blog;

pub mod blog_service;

/// Serves `router` on an ephemeral loopback port; returns `http://127.0.0.1:<port>`.
pub async fn serve(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("local addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    format!("http://{addr}")
}

/// A loopback address nothing listens on.
pub async fn closed_port() -> String {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("local addr");
    drop(listener);
    format!("http://{addr}")
}

/// A post record as a data-model map.
pub fn post_record(title: &str) -> Value {
    let mut m = Map::new();
    m.insert("$type", Value::String("com.example.blog.post".into()));
    m.insert("title", Value::String(title.into()));
    m.insert("body", Value::String("text".into()));
    m.insert(
        "createdAt",
        Value::String("2024-01-01T00:00:00.000Z".into()),
    );
    Value::Map(m)
}

/// A post view of `title` by `did:plc:alice`.
pub fn post_view(rkey: &str, title: &str) -> blog::defs::PostView {
    let author = Did::new("did:plc:alice").expect("did");
    let uri = AtUri::new(&format!("at://did:plc:alice/com.example.blog.post/{rkey}")).expect("uri");
    let record = post_record(title);
    let cid = lex_runtime::cbor::cid_of(&record).to_string();
    blog::defs::PostView::new(
        uri,
        cid,
        author,
        record,
        Datetime::new("2024-01-01T00:00:00.000Z").expect("datetime"),
    )
}
