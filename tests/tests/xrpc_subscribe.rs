//! Event streams over loopback WebSocket: typed messages from the typed server to the
//! client, a message type the schema does not know, an error frame, resuming from the last
//! `seq`, a message that breaks its schema, an HTTP error before the upgrade, and a message
//! type that is not an object (a `bytes` definition, whose frame body is a byte string).

// Setup helpers outside #[test] functions panic on failure too, as tests do.
#![allow(clippy::expect_used)]

mod xrpc_common;

use futures_util::{stream, StreamExt};
use lex_runtime::client::{ClientError, XrpcClient};
use lex_runtime::server::{ServerError, XrpcRouter};
use lex_runtime::stream::Event;
use lex_runtime::{AtUri, Map, Value};

use xrpc_common::{blog, serve};

use blog::subscribe_posts::{Created, Deleted, Error, Message, Params, SubscribePosts};

fn uri(rkey: &str) -> AtUri {
    AtUri::new(&format!("at://did:plc:alice/com.example.blog.post/{rkey}")).expect("uri")
}

fn created(seq: i64, title: &str) -> Message {
    let post = blog::post::Post::new(
        title.into(),
        "body".into(),
        "2024-01-01T00:00:00.000Z".parse().expect("dt"),
    );
    Message::Created(Box::new(Created::new(seq, uri(&format!("p{seq}")), post)))
}

/// The history the server replays: seq 1..=4, one of them a type newer than the schema.
fn history() -> Vec<(i64, Message)> {
    let mut edited = Map::new();
    edited.insert(
        "$type",
        Value::String("com.example.blog.subscribePosts#edited".into()),
    );
    edited.insert("seq", Value::Integer(3));
    edited.insert("uri", Value::String(uri("p1").to_string()));
    vec![
        (1, created(1, "first")),
        (2, Message::Deleted(Box::new(Deleted::new(2, uri("p0"))))),
        (3, Message::Unknown(edited)),
        (4, created(4, "fourth")),
    ]
}

/// The typed server; `checked: false` relays messages without checking them (as a
/// relay that trusts its sources might), so the client's own check can be seen.
fn router(messages: Vec<(i64, Message)>, checked: bool) -> axum::Router {
    XrpcRouter::new()
        .validate_output(checked)
        .subscription::<SubscribePosts, _, _, _>(move |req| {
            let messages = messages.clone();
            async move {
                let last = messages.last().map(|(s, _)| *s).unwrap_or(0);
                let cursor = req.params.cursor.unwrap_or(0);
                if cursor > last {
                    return Err(ServerError::from(Error::FutureCursor(Some(format!(
                        "cursor {cursor} is ahead of {last}"
                    )))));
                }
                let items: Vec<Result<Message, ServerError>> = messages
                    .into_iter()
                    .filter(|(seq, _)| *seq > cursor)
                    .map(|(_, m)| Ok(m))
                    .collect();
                Ok(stream::iter(items))
            }
        })
        .into_router()
}

#[tokio::test]
async fn messages_unknown_types_and_the_end_of_the_stream() {
    let base = serve(router(history(), true)).await;
    let client = XrpcClient::new(&base).expect("client");
    let mut events = client
        .subscribe::<SubscribePosts>(&Params::new())
        .await
        .expect("subscribe");
    match events.next().await {
        Some(Ok(Event::Message(Message::Created(c)))) => {
            assert_eq!((c.seq, c.post.title.as_str()), (1, "first"));
        }
        other => panic!("{other:?}"),
    }
    match events.next().await {
        Some(Ok(Event::Message(Message::Deleted(d)))) => assert_eq!(d.seq, 2),
        other => panic!("{other:?}"),
    }
    // `#edited` is not in this schema version: kept, not fatal.
    match events.next().await {
        Some(Ok(Event::Unknown { t, body })) => {
            assert_eq!(t, "#edited");
            assert_eq!(body.get("seq").and_then(Value::as_integer), Some(3));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        events.next().await,
        Some(Ok(Event::Message(Message::Created(_))))
    ));
    assert_eq!(events.last_seq(), Some(4));
    assert!(
        events.next().await.is_none(),
        "the server closed the stream"
    );

    // The same events as a `Stream`.
    let all: Vec<_> = client
        .subscribe::<SubscribePosts>(&Params::new())
        .await
        .expect("subscribe")
        .into_stream()
        .collect()
        .await;
    assert_eq!(all.len(), 4);
    assert!(all.iter().all(Result::is_ok));
}

#[tokio::test]
async fn error_frames_are_typed() {
    let base = serve(router(history(), true)).await;
    let client = XrpcClient::new(&base).expect("client");
    let mut params = Params::new();
    params.cursor = Some(100);
    let mut events = client
        .subscribe::<SubscribePosts>(&params)
        .await
        .expect("subscribe");
    match events.next().await {
        Some(Err(ClientError::Stream(Error::FutureCursor(Some(m))))) => {
            assert!(m.contains("100"), "{m}")
        }
        other => panic!("{other:?}"),
    }
    assert!(events.next().await.is_none());
}

#[tokio::test]
async fn resuming_from_the_last_seq() {
    let base = serve(router(history(), true)).await;
    let client = XrpcClient::new(&base).expect("client");
    let mut params = Params::new();
    params.cursor = Some(1);
    let mut events = client
        .subscribe::<SubscribePosts>(&params)
        .await
        .expect("subscribe");
    assert!(matches!(
        events.next().await,
        Some(Ok(Event::Message(Message::Deleted(_))))
    ));
    assert_eq!(events.last_seq(), Some(2));
    // Drop the connection and come back: the stream continues after seq 2.
    events.reconnect().await.expect("reconnect");
    assert!(matches!(
        events.next().await,
        Some(Ok(Event::Unknown { .. }))
    ));
    match events.next().await {
        Some(Ok(Event::Message(Message::Created(c)))) => assert_eq!(c.seq, 4),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn invalid_messages_and_http_errors() {
    // By default the server refuses to send a message that breaks its schema: an error
    // frame instead.
    let invalid = vec![(1, created(1, &"t".repeat(500)))];
    let base = serve(router(invalid.clone(), true)).await;
    let client = XrpcClient::new(&base).expect("client");
    let mut events = client
        .subscribe::<SubscribePosts>(&Params::new())
        .await
        .expect("subscribe");
    match events.next().await {
        Some(Err(ClientError::Stream(Error::Other { name, .. }))) => {
            assert_eq!(name, "InternalServerError")
        }
        other => panic!("{other:?}"),
    }
    // A server that relays without checking: the client checks.
    let base = serve(router(invalid, false)).await;
    let client = XrpcClient::new(&base).expect("client");
    let mut events = client
        .subscribe::<SubscribePosts>(&Params::new())
        .await
        .expect("subscribe");
    assert!(matches!(
        events.next().await,
        Some(Err(ClientError::InvalidOutput(_)))
    ));

    // A bad parameter is an HTTP error before the upgrade, decoded as an XRPC error.
    let ws = base.replacen("http://", "ws://", 1);
    let url = format!("{ws}/xrpc/com.example.blog.subscribePosts?cursor=soon");
    match tokio_tungstenite_connect(&url).await {
        Err(status) => assert_eq!(status, 400),
        Ok(()) => panic!("upgraded despite a bad cursor"),
    }
    // Plain GET (no upgrade) is refused too, and unknown streams are 501.
    let http = reqwest::Client::new();
    let r = http
        .get(format!("{base}/xrpc/com.example.blog.subscribePosts"))
        .send()
        .await
        .expect("send");
    assert!(r.status().is_client_error(), "{}", r.status());
    let err = XrpcClient::new(&base)
        .expect("client")
        .subscribe::<Unserved>(&lex_runtime::xrpc::NoParams)
        .await
        .expect_err("unserved");
    assert_eq!(err.status(), Some(501));
    assert_eq!(err.error_name(), Some("MethodNotImplemented"));
}

/// A subscription the server does not serve.
struct Unserved;
impl lex_runtime::xrpc::Method for Unserved {
    const NSID: &'static str = "com.example.blog.subscribeNothing";
    type Params = lex_runtime::xrpc::NoParams;
    type Error = lex_runtime::xrpc::GenericError;
}
impl lex_runtime::xrpc::Subscription for Unserved {
    type Message = Value;
}

/// Opens a raw WebSocket; `Err(status)` when the server answers with an HTTP error.
async fn tokio_tungstenite_connect(url: &str) -> Result<(), u16> {
    // The client API cannot send a malformed cursor, so go through reqwest's view of an
    // upgrade request: a GET with the WebSocket headers.
    let r = reqwest::Client::new()
        .get(url.replacen("ws://", "http://", 1))
        .header("connection", "upgrade")
        .header("upgrade", "websocket")
        .header("sec-websocket-version", "13")
        .header("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==")
        .send()
        .await
        .map_err(|_| 0u16)?;
    if r.status().as_u16() == 101 {
        Ok(())
    } else {
        Err(r.status().as_u16())
    }
}

mod bytes_messages {
    //! `com.example.stream.subscribe` (codegen fixture `message-bytes`): `#event` is an
    //! object, `#raw` a `bytes` definition with `maxLength: 1024`.

    use super::*;
    use lex_runtime::Bytes;
    use lex_tests::generated::fixtures::message_bytes::com::example::stream::subscribe::{
        Event as Tick, Message, Params, Subscribe,
    };

    fn router(messages: Vec<Message>, checked: bool) -> axum::Router {
        XrpcRouter::new()
            .validate_output(checked)
            .subscription::<Subscribe, _, _, _>(move |_| {
                let items: Vec<Result<Message, ServerError>> =
                    messages.clone().into_iter().map(Ok).collect();
                async move { Ok(stream::iter(items)) }
            })
            .into_router()
    }

    fn raw(bytes: &[u8]) -> Message {
        Message::Raw(Box::new(Bytes(bytes.to_vec())))
    }

    #[tokio::test]
    async fn a_bytes_message_arrives_as_its_variant() {
        let sent = vec![
            Message::Event(Box::new(Tick::new(1))),
            raw(b"\x00\x01frame\xff"),
            raw(b""),
            Message::Event(Box::new(Tick::new(2))),
        ];
        let base = serve(router(sent.clone(), true)).await;
        let client = XrpcClient::new(&base).expect("client");
        let mut events = client
            .subscribe::<Subscribe>(&Params::new())
            .await
            .expect("subscribe");
        let mut received = Vec::new();
        while let Some(event) = events.next().await {
            match event.expect("event") {
                Event::Message(m) => received.push(m),
                other => panic!("{other:?}"),
            }
        }
        // (A decoded object keeps its `$type` among its extra fields; compare the fields.)
        let shape = |m: &Message| match m {
            Message::Event(e) => format!("event {}", e.seq),
            Message::Raw(b) => format!("raw {:?}", b.as_slice()),
            Message::Unknown(u) => format!("unknown {u:?}"),
        };
        let received: Vec<String> = received.iter().map(shape).collect();
        let sent: Vec<String> = sent.iter().map(shape).collect();
        assert_eq!(received, sent);
        // A byte-string body has no `seq`: the cursor is the last object's.
        assert_eq!(events.last_seq(), Some(2));
    }

    #[tokio::test]
    async fn a_bytes_message_over_its_limit_is_refused() {
        let too_long = vec![raw(&[7; 1025])];
        // The checking server sends an error frame instead.
        let base = serve(router(too_long.clone(), true)).await;
        let client = XrpcClient::new(&base).expect("client");
        let mut events = client
            .subscribe::<Subscribe>(&Params::new())
            .await
            .expect("subscribe");
        match events.next().await {
            Some(Err(ClientError::Stream(e))) => assert_eq!(e.name, "InternalServerError"),
            other => panic!("{other:?}"),
        }
        // A relay that does not check: the client's own check sees `maxLength`.
        let base = serve(router(too_long, false)).await;
        let client = XrpcClient::new(&base).expect("client");
        let mut events = client
            .subscribe::<Subscribe>(&Params::new())
            .await
            .expect("subscribe");
        assert!(matches!(
            events.next().await,
            Some(Err(ClientError::InvalidOutput(_)))
        ));
    }
}
