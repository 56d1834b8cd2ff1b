//! Subscriptions: [`XrpcRouter::subscription`] upgrades `GET /xrpc/<NSID>` to a WebSocket
//! and writes each message of the handler's stream as a binary frame; an error (from the
//! handler or inside the stream) becomes an error frame, after which the server closes.

use std::future::Future;
use std::sync::Arc;

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{FromRequestParts, Request};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::{SinkExt, Stream, StreamExt};
use serde::Serialize;

use super::{check_auth, parse_params, ServerError, Shared, XrpcRequest, XrpcRouter};
use crate::stream::{encode_frame, message_frame, Frame};
use crate::wire::Body;
use crate::xrpc::Subscription;

impl XrpcRouter {
    /// Serves subscription `M`: `handler` gets the request and returns the stream of
    /// messages to send (or an error, sent as an error frame).
    pub fn subscription<M, H, F, S>(mut self, handler: H) -> XrpcRouter
    where
        M: Subscription + 'static,
        M::Params: Send + 'static,
        M::Message: Serialize + Body + Send + 'static,
        H: Fn(XrpcRequest<M::Params>) -> F + Send + Sync + 'static,
        F: Future<Output = Result<S, ServerError>> + Send + 'static,
        S: Stream<Item = Result<M::Message, ServerError>> + Send + 'static,
    {
        let handler = Arc::new(handler);
        // A method registered again replaces the earlier handler (axum would panic on the
        // duplicate route).
        self.routes.retain(|(nsid, _)| *nsid != M::NSID);
        self.routes.push((
            M::NSID,
            Box::new(move |shared: Arc<Shared>| {
                Router::new().route(
                    &format!("/xrpc/{}", M::NSID),
                    get(move |request: Request| {
                        let handler = Arc::clone(&handler);
                        let shared = Arc::clone(&shared);
                        async move {
                            match upgrade::<M, H, F, S>(request, shared, handler).await {
                                Ok(response) => response,
                                Err(e) => e.into_response(),
                            }
                        }
                    }),
                )
            }),
        ));
        self
    }
}

async fn upgrade<M, H, F, S>(
    request: Request,
    shared: Arc<Shared>,
    handler: Arc<H>,
) -> Result<Response, ServerError>
where
    M: Subscription + 'static,
    M::Params: Send + 'static,
    M::Message: Serialize + Body + Send + 'static,
    H: Fn(XrpcRequest<M::Params>) -> F + Send + Sync + 'static,
    F: Future<Output = Result<S, ServerError>> + Send + 'static,
    S: Stream<Item = Result<M::Message, ServerError>> + Send + 'static,
{
    let (mut parts, _) = request.into_parts();
    let ws = WebSocketUpgrade::from_request_parts(&mut parts, &())
        .await
        .map_err(|rejection| {
            ServerError::new(
                rejection.status(),
                "InvalidRequest",
                Some("this method is an event stream: connect with a WebSocket".to_owned()),
            )
        })?;
    let auth = check_auth(&parts.headers, &shared, M::NSID).await?;
    // Bad parameters are answered before the upgrade, as a plain HTTP error.
    let params = parse_params::<M::Params>(parts.uri.query())?;
    let request = XrpcRequest {
        params,
        input: (),
        headers: parts.headers,
        auth,
    };
    Ok(ws.on_upgrade(move |socket| async move {
        let stream = handler(request).await;
        run::<M, S>(socket, stream, shared.validate_output).await;
    }))
}

async fn run<M, S>(mut socket: WebSocket, stream: Result<S, ServerError>, validate: bool)
where
    M: Subscription,
    M::Message: Serialize + Body,
    S: Stream<Item = Result<M::Message, ServerError>>,
{
    let error = match stream {
        Err(e) => Some(e),
        Ok(stream) => {
            let mut stream = std::pin::pin!(stream);
            let mut error = None;
            while let Some(item) = stream.next().await {
                let frame = match item.and_then(|m| {
                    // An invalid message is the server's bug, as an invalid output is.
                    if validate && m.check().is_err() {
                        return Err(ServerError::internal());
                    }
                    message_frame::<M>(&m)
                        .and_then(|f| encode_frame(&f))
                        .map_err(|_| ServerError::internal())
                }) {
                    Ok(frame) => frame,
                    Err(e) => {
                        error = Some(e);
                        break;
                    }
                };
                if socket.send(Message::Binary(frame.into())).await.is_err() {
                    // The client went away.
                    return;
                }
            }
            error
        }
    };
    if let Some(e) = error {
        if let Ok(bytes) = encode_frame(&Frame::Error(e.body)) {
            let _ = socket.send(Message::Binary(bytes.into())).await;
        }
    }
    let _ = socket.close().await;
}
