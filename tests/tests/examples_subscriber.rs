//! The subscriber example against a typed event-stream server over loopback WebSocket: it
//! reads and validates the posts, keeps unknown types, and resumes from its last `seq`.

// Setup helpers outside #[test] functions panic on failure too, as tests do.
#![allow(clippy::expect_used)]

use futures_util::stream;
use lex_example_subscriber::lexicons::com::example::blog::post::Post;
use lex_example_subscriber::lexicons::com::example::blog::subscribe_posts::{
    Created, Deleted, Message, SubscribePosts,
};
use lex_example_subscriber::run;
use lex_runtime::client::{ClientError, XrpcClient};
use lex_runtime::server::{ServerError, XrpcRouter};
use lex_runtime::{AtUri, Map, Value};

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

fn uri(n: i64) -> AtUri {
    AtUri::new(&format!("at://did:plc:alice/com.example.blog.post/p{n}")).expect("uri")
}

fn messages(bad_title: bool) -> Vec<(i64, Message)> {
    let title = |s: &str| {
        if bad_title {
            "x".repeat(200)
        } else {
            s.to_owned()
        }
    };
    let post = |t: String| {
        Post::new(
            t,
            "body".into(),
            "2024-01-01T00:00:00.000Z".parse().expect("dt"),
        )
    };
    let mut other = Map::new();
    other.insert(
        "$type",
        Value::String("com.example.blog.subscribePosts#pinned".into()),
    );
    other.insert("seq", Value::Integer(3));
    vec![
        (
            1,
            Message::Created(Box::new(Created::new(1, uri(1), post(title("one"))))),
        ),
        (2, Message::Deleted(Box::new(Deleted::new(2, uri(0))))),
        (3, Message::Unknown(other)),
        (
            4,
            Message::Created(Box::new(Created::new(4, uri(4), post(title("four"))))),
        ),
    ]
}

/// The typed server; `checked: false` relays messages without checking them (as a
/// relay that trusts its sources might), so the client's own check can be seen.
fn router(all: Vec<(i64, Message)>, checked: bool) -> axum::Router {
    XrpcRouter::new()
        .validate_output(checked)
        .subscription::<SubscribePosts, _, _, _>(move |req| {
            let all = all.clone();
            async move {
                let cursor = req.params.cursor.unwrap_or(0);
                let items: Vec<Result<Message, ServerError>> = all
                    .into_iter()
                    .filter(|(s, _)| *s > cursor)
                    .map(|(_, m)| Ok(m))
                    .collect();
                Ok(stream::iter(items))
            }
        })
        .into_router()
}

#[tokio::test]
async fn the_subscriber_reads_validates_and_resumes() {
    let base = serve(router(messages(false), true)).await;
    let client = XrpcClient::new(&base).expect("client");
    let seen = run(&client, None, 2).await.expect("first run");
    assert_eq!(
        seen.created,
        [(
            1,
            "at://did:plc:alice/com.example.blog.post/p1".to_owned(),
            "one".to_owned()
        )]
    );
    assert_eq!(seen.deleted.len(), 1);
    assert_eq!(seen.last_seq, Some(2));

    let rest = run(&client, seen.last_seq, 10).await.expect("resume");
    assert_eq!(rest.unknown, ["#pinned"]);
    assert_eq!(rest.created.len(), 1);
    assert_eq!(rest.created[0].0, 4);
    assert_eq!(rest.last_seq, Some(4));

    // A post that breaks its schema stops the subscriber with a validation error.
    let base = serve(router(messages(true), false)).await;
    let client = XrpcClient::new(&base).expect("client");
    let err = run(&client, None, 10).await.expect_err("invalid post");
    assert!(matches!(err, ClientError::InvalidOutput(_)), "{err:?}");
}
