//! The PDS's event stream, `com.atproto.sync.subscribeRepos`: account events -> sequenced
//! frames, kept for replay from a `cursor` and broadcast to live subscribers over WebSocket.
//!
//! Frames follow sync v1.1 (the "inductive firehose"): a `#commit` carries the signed commit,
//! the new record blocks and every MST node a consumer needs to undo its ops, each op with
//! the record's `prev` CID, plus `since` and `prevData` (the previous rev and MST root). An
//! account starts with `#identity`, `#account` and a `#sync` of its empty repository, so a
//! consumer knows where each chain of commits begins.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Query, State};
use axum::response::Response;
use lex_runtime::stream::{encode_frame, Frame};
use lex_runtime::wire::ErrorBody;
use lex_runtime::{Cid, Datetime, Map, Value};
use tokio::sync::broadcast;

use super::repo::Network;

/// How many live events a subscriber may fall behind before it is dropped (`ConsumerTooSlow`).
const LIVE_BACKLOG: usize = 4096;

/// One encoded frame and its `seq`.
type Event = (i64, Arc<Vec<u8>>);

/// One record operation of a commit, as `#repoOp` lists it.
#[derive(Debug, Clone)]
pub(super) struct RepoOp {
    /// `create`, `update` or `delete`.
    pub(super) action: &'static str,
    /// `collection/rkey`.
    pub(super) path: String,
    /// The record after the op (`None` for a delete).
    pub(super) cid: Option<Cid>,
    /// The record before the op (`None` for a create).
    pub(super) prev: Option<Cid>,
}

/// What a `#commit` says besides its sequence number.
#[derive(Debug)]
pub(super) struct CommitEvent<'a> {
    pub(super) did: &'a str,
    pub(super) commit: Cid,
    pub(super) rev: &'a str,
    pub(super) since: &'a str,
    pub(super) prev_data: Cid,
    pub(super) ops: &'a [RepoOp],
    /// The CAR: commit, new records, MST proof nodes.
    pub(super) blocks: Vec<u8>,
}

/// The sequencer: every event ever emitted (tests are short) and the live channel.
pub(super) struct Firehose {
    log: Mutex<Vec<Event>>,
    live: broadcast::Sender<Event>,
}

impl std::fmt::Debug for Firehose {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Firehose")
            .field("events", &self.lock().len())
            .finish()
    }
}

impl Default for Firehose {
    fn default() -> Firehose {
        Firehose {
            log: Mutex::new(Vec::new()),
            live: broadcast::channel(LIVE_BACKLOG).0,
        }
    }
}

fn link(cid: Cid) -> Value {
    Value::Link(Box::new(cid))
}

fn text(s: &str) -> Value {
    Value::String(s.to_owned())
}

impl Firehose {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Event>> {
        match self.log.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        }
    }

    /// How many events were sequenced.
    pub(super) fn len(&self) -> u64 {
        self.lock().len() as u64
    }

    /// Sequences one message of type `t` (`#name`); returns its `seq`, or `None` when the
    /// frame could not be encoded (larger than a reader accepts), in which case nothing
    /// is sequenced.
    fn emit(&self, t: &str, mut body: Map) -> Option<i64> {
        let mut log = self.lock();
        let seq = log.last().map_or(1, |(s, _)| s + 1);
        body.insert("seq", Value::Integer(seq));
        body.insert("time", Value::String(Datetime::now().as_str().to_owned()));
        let frame = Frame::Message {
            t: t.to_owned(),
            body: Value::Map(body),
        };
        let bytes = Arc::new(encode_frame(&frame).ok()?);
        log.push((seq, bytes.clone()));
        // Sent under the lock, so live subscribers see events in `seq` order; no
        // receiver is not an error.
        let _ = self.live.send((seq, bytes));
        Some(seq)
    }

    /// A `#commit`.
    pub(super) fn commit(&self, event: CommitEvent<'_>) -> Option<i64> {
        let ops: Vec<Value> = event
            .ops
            .iter()
            .map(|op| {
                let mut m = Map::new();
                m.insert("action", text(op.action));
                m.insert("path", text(&op.path));
                m.insert("cid", op.cid.map_or(Value::Null, link));
                if let Some(prev) = op.prev {
                    m.insert("prev", link(prev));
                }
                Value::Map(m)
            })
            .collect();
        let mut body = Map::new();
        body.insert("rebase", Value::Bool(false));
        body.insert("tooBig", Value::Bool(false));
        body.insert("repo", text(event.did));
        body.insert("commit", link(event.commit));
        body.insert("rev", text(event.rev));
        body.insert("since", text(event.since));
        body.insert("blocks", Value::Bytes(event.blocks));
        body.insert("ops", Value::Array(ops));
        body.insert("blobs", Value::Array(Vec::new()));
        body.insert("prevData", link(event.prev_data));
        self.emit("#commit", body)
    }

    /// An `#identity` (the DID document or handle changed).
    pub(super) fn identity(&self, did: &str, handle: &str) -> Option<i64> {
        let mut body = Map::new();
        body.insert("did", text(did));
        body.insert("handle", text(handle));
        self.emit("#identity", body)
    }

    /// An `#account` (hosting status).
    pub(super) fn account(&self, did: &str, active: bool, status: Option<&str>) -> Option<i64> {
        let mut body = Map::new();
        body.insert("did", text(did));
        body.insert("active", Value::Bool(active));
        if let Some(status) = status {
            body.insert("status", text(status));
        }
        self.emit("#account", body)
    }

    /// A `#sync`: the repository is now at this commit (a CAR holding only the commit).
    pub(super) fn sync(&self, did: &str, rev: &str, commit: &(Cid, Vec<u8>)) -> Option<i64> {
        let car = lex_runtime::car::write(&[commit.0], [(commit.0, commit.1.as_slice())]);
        let mut body = Map::new();
        body.insert("did", text(did));
        body.insert("rev", text(rev));
        body.insert("blocks", Value::Bytes(car));
        self.emit("#sync", body)
    }

    /// The events after `cursor` and a receiver for later ones, taken under one lock so
    /// nothing falls between them; `Err` when the cursor is ahead of the stream.
    fn subscribe(
        &self,
        cursor: Option<i64>,
    ) -> Result<(Vec<Event>, broadcast::Receiver<Event>), i64> {
        let log = self.lock();
        let receiver = self.live.subscribe();
        let last = log.last().map_or(0, |(s, _)| *s);
        let Some(cursor) = cursor else {
            return Ok((Vec::new(), receiver));
        };
        if cursor > last {
            return Err(last);
        }
        let start = log.partition_point(|(s, _)| *s <= cursor);
        Ok((log.get(start..).unwrap_or_default().to_vec(), receiver))
    }
}

/// `com.atproto.sync.subscribeRepos`: replay from `cursor` (if given), then the live tail.
pub(super) async fn subscribe_repos(
    State(net): State<Arc<Network>>,
    Query(params): Query<HashMap<String, String>>,
    ws: WebSocketUpgrade,
) -> Response {
    let cursor = match params.get("cursor").map(|c| c.parse::<i64>()) {
        None => None,
        Some(Ok(c)) if c >= 0 => Some(c),
        Some(_) => return super::pds::bad("`cursor` is not a non-negative integer"),
    };
    let subscription = net.firehose.subscribe(cursor);
    ws.on_upgrade(move |socket| serve(socket, subscription))
}

async fn serve(
    mut socket: WebSocket,
    subscription: Result<(Vec<Event>, broadcast::Receiver<Event>), i64>,
) {
    let (backlog, mut live) = match subscription {
        Ok(s) => s,
        Err(last) => {
            let message = format!("cursor is ahead of the stream (last seq {last})");
            close_with_error(&mut socket, "FutureCursor", &message).await;
            return;
        }
    };
    let mut sent = 0;
    for (seq, bytes) in backlog {
        if !send(&mut socket, &bytes).await {
            return;
        }
        sent = seq;
    }
    loop {
        match live.recv().await {
            // Replayed already from the log.
            Ok((seq, _)) if seq <= sent => {}
            Ok((seq, bytes)) => {
                if !send(&mut socket, &bytes).await {
                    return;
                }
                sent = seq;
            }
            Err(broadcast::error::RecvError::Lagged(_)) => {
                close_with_error(&mut socket, "ConsumerTooSlow", "fell too far behind").await;
                return;
            }
            Err(broadcast::error::RecvError::Closed) => {
                let _ = socket.send(Message::Close(None)).await;
                return;
            }
        }
    }
}

async fn send(socket: &mut WebSocket, bytes: &[u8]) -> bool {
    socket
        .send(Message::Binary(bytes.to_vec().into()))
        .await
        .is_ok()
}

async fn close_with_error(socket: &mut WebSocket, error: &str, message: &str) {
    let frame = Frame::Error(ErrorBody {
        error: error.to_owned(),
        message: Some(message.to_owned()),
    });
    if let Ok(bytes) = encode_frame(&frame) {
        let _ = send(socket, &bytes).await;
    }
    let _ = socket.send(Message::Close(None)).await;
}
