//! A subscriber for the example blog, on lex's XRPC client: it reads the
//! `com.example.blog.subscribePosts` event stream, checks each received post record against
//! its schema (the client validates every message), and resumes from the last `seq` after a
//! dropped connection.
//!
//! The types come from `build.rs`, which runs `lex_compiler::Config` over the
//! repository's `lexicons/`.

include!(concat!(env!("OUT_DIR"), "/generated.rs"));

use lex_runtime::client::{ClientError, XrpcClient};
use lex_runtime::stream::Event;

use lexicons::com::example::blog::subscribe_posts::{self, Message, SubscribePosts};

/// What the subscriber saw.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Seen {
    /// `(seq, uri, title)` of every post created.
    pub created: Vec<(i64, String, String)>,
    /// `(seq, uri)` of every post deleted.
    pub deleted: Vec<(i64, String)>,
    /// The `t` of frames of a type this schema version does not know.
    pub unknown: Vec<String>,
    /// The last `seq` read.
    pub last_seq: Option<i64>,
}

/// Reads up to `max` events (or until the server closes the stream), starting after
/// `cursor`; an error frame or an invalid message ends the run with an error.
pub async fn run(
    client: &XrpcClient,
    cursor: Option<i64>,
    max: usize,
) -> Result<Seen, ClientError<subscribe_posts::Error>> {
    let mut params = subscribe_posts::Params::new();
    params.cursor = cursor;
    let mut stream = client.subscribe::<SubscribePosts>(&params).await?;
    let mut seen = Seen::default();
    for _ in 0..max {
        let Some(event) = stream.next().await else {
            break;
        };
        match event? {
            Event::Message(Message::Created(c)) => {
                seen.created
                    .push((c.seq, c.uri.to_string(), c.post.title.clone()));
            }
            Event::Message(Message::Deleted(d)) => seen.deleted.push((d.seq, d.uri.to_string())),
            Event::Message(Message::Unknown(map)) => {
                let t = map.get("$type").and_then(|v| v.as_str()).unwrap_or("?");
                seen.unknown.push(t.to_owned());
            }
            Event::Unknown { t, .. } => seen.unknown.push(t),
        }
        seen.last_seq = stream.last_seq();
    }
    Ok(seen)
}
