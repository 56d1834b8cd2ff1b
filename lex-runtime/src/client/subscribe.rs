//! Event streams over WebSocket: [`XrpcClient::subscribe`] connects, [`EventStream::next`]
//! reads typed [`Event`]s, tracks the last `seq`, and [`EventStream::reconnect`] resumes
//! from it with the `cursor` parameter.

use std::marker::PhantomData;

use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{self, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::{ClientError, XrpcClient};
use crate::stream::{self, Event, EventError, Frame};
use crate::value::Value;
use crate::wire::{Body, ErrorBody};
use crate::xrpc::{Subscription, XrpcError};

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// An open event stream of subscription `S`.
pub struct EventStream<S: Subscription> {
    socket: Option<Socket>,
    url: reqwest::Url,
    headers: Vec<(reqwest::header::HeaderName, reqwest::header::HeaderValue)>,
    validate: bool,
    last_seq: Option<i64>,
    _s: PhantomData<fn() -> S>,
}

impl<S: Subscription> std::fmt::Debug for EventStream<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventStream")
            .field("url", &self.url.as_str())
            .field("last_seq", &self.last_seq)
            .finish_non_exhaustive()
    }
}

impl XrpcClient {
    /// Connects to subscription `S` with `params` (set `cursor` in them to resume).
    pub async fn subscribe<S: Subscription>(
        &self,
        params: &S::Params,
    ) -> Result<EventStream<S>, ClientError<S::Error>>
    where
        S::Message: Body + DeserializeOwned,
    {
        let pairs = self.params::<S>(params)?;
        let ws_base = if let Some(rest) = self.inner.base.strip_prefix("https://") {
            format!("wss://{rest}")
        } else if let Some(rest) = self.inner.base.strip_prefix("http://") {
            format!("ws://{rest}")
        } else {
            return Err(ClientError::Encode("the service URL is not http(s)".into()));
        };
        let mut url = reqwest::Url::parse(&format!("{ws_base}/xrpc/{}", S::NSID))
            .map_err(|e| ClientError::Encode(e.to_string()))?;
        if !pairs.is_empty() {
            url.query_pairs_mut().extend_pairs(pairs);
        }
        let mut stream = EventStream {
            socket: None,
            url,
            headers: self.common_headers(),
            validate: self.validates(),
            last_seq: None,
            _s: PhantomData,
        };
        stream.connect(None).await?;
        Ok(stream)
    }
}

impl<S: Subscription> EventStream<S>
where
    S::Message: Body + DeserializeOwned,
{
    async fn connect(&mut self, cursor: Option<i64>) -> Result<(), ClientError<S::Error>> {
        let mut url = self.url.clone();
        if let Some(cursor) = cursor {
            let kept: Vec<(String, String)> = url
                .query_pairs()
                .filter(|(k, _)| k != "cursor")
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            url.query_pairs_mut()
                .clear()
                .extend_pairs(kept)
                .append_pair("cursor", &cursor.to_string());
        }
        let mut request = url
            .as_str()
            .into_client_request()
            .map_err(|e| ClientError::Encode(e.to_string()))?;
        for (name, value) in &self.headers {
            request.headers_mut().insert(name.clone(), value.clone());
        }
        // Frames beyond the spec's advised CBOR limit are refused by the socket itself.
        let config = WebSocketConfig::default()
            .max_message_size(Some(stream::MAX_FRAME_SIZE))
            .max_frame_size(Some(stream::MAX_FRAME_SIZE));
        match tokio_tungstenite::connect_async_with_config(request, Some(config), false).await {
            Ok((socket, _)) => {
                self.socket = Some(socket);
                Ok(())
            }
            Err(tungstenite::Error::Http(response)) => {
                // The server refused the upgrade with an HTTP error (xrpc.md §6.1).
                let status = response.status().as_u16();
                let body = response.body().as_deref().unwrap_or_default();
                let error = match ErrorBody::parse(body) {
                    Some(b) => S::Error::from_parts(b.error, b.message),
                    None => S::Error::from_parts(
                        super::error::default_error_name(status).to_owned(),
                        None,
                    ),
                };
                Err(ClientError::Xrpc { status, error })
            }
            Err(e) => Err(ClientError::Transport(Box::new(e))),
        }
    }

    /// The events as a [`futures_util::Stream`] (for `StreamExt` combinators).
    pub fn into_stream(
        self,
    ) -> impl futures_util::Stream<Item = Result<Event<S::Message>, ClientError<S::Error>>> {
        futures_util::stream::unfold(self, |mut events| async move {
            events.next().await.map(|item| (item, events))
        })
    }

    /// The `seq` of the last message read, if messages carry one.
    pub fn last_seq(&self) -> Option<i64> {
        self.last_seq
    }

    /// Closes the connection and opens a new one that resumes after the last `seq` read
    /// (the `cursor` parameter), or with the original parameters if none was read.
    pub async fn reconnect(&mut self) -> Result<(), ClientError<S::Error>> {
        if let Some(mut socket) = self.socket.take() {
            // Best effort: the old connection may already be gone.
            let _ = socket.close(None).await;
        }
        self.connect(self.last_seq).await
    }

    /// The next event; `None` once the server closed the stream. An error frame is
    /// returned as [`ClientError::Stream`] and ends the stream; invalid framing is a
    /// [`ClientError::Decode`] and ends it too (the spec makes it fatal).
    pub async fn next(&mut self) -> Option<Result<Event<S::Message>, ClientError<S::Error>>> {
        loop {
            let socket = self.socket.as_mut()?;
            let message = match socket.next().await {
                None => {
                    self.socket = None;
                    return None;
                }
                Some(Err(e)) => {
                    self.socket = None;
                    return Some(Err(ClientError::Transport(Box::new(e))));
                }
                Some(Ok(m)) => m,
            };
            let bytes = match message {
                Message::Binary(bytes) => bytes,
                Message::Close(_) => {
                    self.socket = None;
                    return None;
                }
                // Pings are answered by tungstenite; text frames are not part of the protocol.
                _ => continue,
            };
            match self.event(&bytes) {
                Ok(Some(event)) => return Some(Ok(event)),
                Ok(None) => continue,
                Err(e) => {
                    self.socket = None;
                    return Some(Err(e));
                }
            }
        }
    }

    fn event(&mut self, bytes: &[u8]) -> Result<Option<Event<S::Message>>, ClientError<S::Error>> {
        let frame = match stream::decode_frame(bytes) {
            Ok(Some(frame)) => frame,
            Ok(None) => return Ok(None),
            Err(e) => return Err(ClientError::Decode(e.to_string())),
        };
        let (t, body) = match frame {
            Frame::Error(e) => {
                return Err(ClientError::Stream(S::Error::from_parts(
                    e.error, e.message,
                )))
            }
            Frame::Message { t, body } => (t, body),
        };
        let seq = body.get("seq").and_then(Value::as_integer);
        if let (Some(seq), Some(last)) = (seq, self.last_seq) {
            // After a resume the server may replay the message at the cursor (xrpc.md §8.3).
            if seq <= last {
                return Ok(None);
            }
        }
        let event = match stream::frame_to_event::<S>(t, body) {
            Ok(event) => event,
            Err(EventError::Decode { t, message }) => {
                return Err(ClientError::Decode(format!("message `{t}`: {message}")))
            }
            Err(EventError::Frame(e)) => return Err(ClientError::Decode(e.to_string())),
            Err(EventError::Xrpc(e)) => return Err(ClientError::Stream(e)),
        };
        if let Event::Message(m) = &event {
            if self.validate {
                m.check().map_err(ClientError::InvalidOutput)?;
            }
        }
        if seq.is_some() {
            self.last_seq = seq;
        }
        Ok(Some(event))
    }
}
