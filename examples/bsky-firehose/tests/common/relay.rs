//! A WebSocket relay between the test PDS's firehose and the consumer that can rewrite,
//! drop or add frames: how the tests produce tampered frames from real ones.

use std::sync::Arc;

use futures_util::{SinkExt, StreamExt};
use lex_runtime::stream::{decode_frame, encode_frame, Frame};
use tokio::net::{TcpListener, TcpStream};
use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};
use tokio_tungstenite::tungstenite::Message;

/// Turns each upstream frame into the frames sent downstream (none, itself, changed, more).
pub type Rewrite = Arc<dyn Fn(Frame) -> Vec<Frame> + Send + Sync>;

/// Starts a relay in front of `upstream` (the firehose's `ws://` URL); returns its
/// `http://` base URL for the consumer.
pub async fn start(upstream: String, rewrite: Rewrite) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let (upstream, rewrite) = (upstream.clone(), rewrite.clone());
            tokio::spawn(async move {
                // A session ends when either side goes away; nothing to report.
                let _ = session(tcp, upstream, rewrite).await;
            });
        }
    });
    format!("http://{addr}")
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

// The handshake callback's error type is tungstenite's, however large.
#[allow(clippy::result_large_err)]
async fn session(tcp: TcpStream, upstream: String, rewrite: Rewrite) -> Result<(), BoxError> {
    let mut query = None;
    let downstream = tokio_tungstenite::accept_hdr_async(tcp, |req: &Request, resp: Response| {
        query = req.uri().query().map(str::to_owned);
        Ok(resp)
    })
    .await?;
    let url = match query {
        Some(q) => format!("{upstream}?{q}"),
        None => upstream,
    };
    let (up, _) = tokio_tungstenite::connect_async(url).await?;
    let (mut down, _) = downstream.split();
    let (_, mut up) = up.split();
    while let Some(message) = up.next().await {
        match message? {
            Message::Binary(bytes) => {
                let Some(frame) = decode_frame(&bytes)? else {
                    continue;
                };
                for frame in rewrite(frame) {
                    down.send(Message::Binary(encode_frame(&frame)?.into()))
                        .await?;
                }
            }
            Message::Close(_) => break,
            _ => {}
        }
    }
    down.close().await?;
    Ok(())
}
