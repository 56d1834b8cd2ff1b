//! The feed-generator example served over loopback HTTP and read with the XRPC client:
//! the describe endpoint, `listPosts` followed page by page over `cursor`, a bad cursor.

// Setup helpers outside #[test] functions panic on failure too, as tests do.
#![allow(clippy::expect_used)]

use std::sync::Arc;

use lex_example_feed_generator::lexicons::com::example::blog::{describe_blog, list_posts};
use lex_example_feed_generator::{post_view, router, Feed};
use lex_runtime::client::XrpcClient;
use lex_runtime::Did;

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

fn feed() -> Feed {
    let alice = Did::new("did:plc:alice").expect("did");
    let bob = Did::new("did:plc:bob").expect("did");
    let mut posts = Vec::new();
    for i in (1..=5).rev() {
        posts.extend(post_view(
            &alice,
            &format!("a{i}"),
            &format!("Alice {i}"),
            &format!("2024-01-0{i}T00:00:00.000Z"),
        ));
        if i % 2 == 0 {
            posts.extend(post_view(
                &bob,
                &format!("b{i}"),
                &format!("Bob {i}"),
                &format!("2024-01-0{i}T12:00:00.000Z"),
            ));
        }
    }
    Feed {
        did: Did::new("did:web:feed.example").expect("did"),
        name: "Example blog".into(),
        posts,
    }
}

#[tokio::test]
async fn describe_and_paginate() {
    let base = serve(router(Arc::new(feed()))).await;
    let client = XrpcClient::new(&base).expect("client");

    let about = client
        .query::<describe_blog::DescribeBlog>(&Default::default())
        .await
        .expect("describe");
    assert_eq!(about.did.as_str(), "did:web:feed.example");
    let authors: Vec<&str> = about.authors.iter().map(|d| d.as_str()).collect();
    assert_eq!(authors, ["did:plc:alice", "did:plc:bob"]);

    let mut params = list_posts::Params::new("did:plc:alice".parse().expect("author"));
    params.limit = Some(2);
    let mut titles = Vec::new();
    let mut pages = 0;
    loop {
        let page = client
            .query::<list_posts::ListPosts>(&params)
            .await
            .expect("page");
        pages += 1;
        titles.extend(page.posts.iter().map(|p| p.record_title()));
        match page.cursor {
            Some(c) => params.cursor = Some(c),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(
        titles,
        ["Alice 5", "Alice 4", "Alice 3", "Alice 2", "Alice 1"]
    );

    params.cursor = Some("not-a-cursor".into());
    let err = client
        .query::<list_posts::ListPosts>(&params)
        .await
        .expect_err("bad cursor");
    assert_eq!(
        (err.status(), err.error_name()),
        (Some(400), Some("InvalidRequest"))
    );
}

trait RecordTitle {
    fn record_title(&self) -> String;
}

impl RecordTitle for lex_example_feed_generator::lexicons::com::example::blog::defs::PostView {
    fn record_title(&self) -> String {
        match &self.record {
            lex_runtime::Value::Map(m) => m
                .get("title")
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned(),
            _ => String::new(),
        }
    }
}
