//! The consumer: `com.atproto.sync.subscribeRepos` over lex's XRPC client -> checked events
//! -> the user's [`Handler`], resuming from the last `seq` on the next run.
//!
//! Per repository it remembers the last verified rev and MST root, so a commit that does
//! not continue from there, or the first verified one after a rejected frame, is reported
//! as a gap and followed by a resync from the repository export (and a replayed rev is
//! rejected); keys come from a [`KeyCache`], dropped on `#identity` and fetched again once
//! when a signature fails (the key may have rotated before the `#identity` arrived).

use std::collections::{HashMap, HashSet};

use bsky_types::lexicons::com::atproto::sync::get_repo::{self, GetRepo};
use bsky_types::lexicons::com::atproto::sync::subscribe_repos::{
    self, Commit, Message, SubscribeRepos, Sync,
};
use lex_runtime::client::{ClientError, XrpcClient};
use lex_runtime::did_doc::PublicKey;
use lex_runtime::stream::Event;
use lex_runtime::{Cid, Did};

use crate::frame::{check_commit, Checked};
use crate::handler::{Handler, RecordOp};
use crate::keys::KeyCache;
use crate::resync::verify_repo;
use crate::verify::{verify_sync, Rejection};

/// The last verified state of a repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepoState {
    /// The last rev.
    pub rev: String,
    /// The MST root at that rev.
    pub data: Cid,
}

/// Why a run ended early.
pub type StreamError = ClientError<subscribe_repos::Error>;

/// A verifying firehose consumer feeding `H`.
#[derive(Debug)]
pub struct Consumer<H> {
    client: XrpcClient,
    keys: KeyCache,
    handler: H,
    cursor: Option<i64>,
    repos: HashMap<String, RepoState>,
    /// Repositories whose last commit or sync was rejected: what they hold is unknown until
    /// a resync, even when no state was known before (a replay from an old cursor whose
    /// first commits were signed with a key since rotated away).
    unsettled: HashSet<String>,
}

impl<H: Handler> Consumer<H> {
    /// Reads the firehose of `service` (a PDS or relay URL), resolving keys through the
    /// PLC directory at `plc_url`.
    pub fn new(service: &str, plc_url: &str, handler: H) -> Result<Consumer<H>, ClientError> {
        Ok(Consumer {
            client: XrpcClient::new(service)?,
            keys: KeyCache::new(plc_url).map_err(|e| ClientError::Transport(e.into()))?,
            handler,
            cursor: None,
            repos: HashMap::new(),
            unsettled: HashSet::new(),
        })
    }

    /// Starts the next run after `seq` (a cursor saved from an earlier process).
    pub fn resume_after(mut self, seq: i64) -> Consumer<H> {
        self.cursor = Some(seq);
        self
    }

    /// The `seq` of the last event read: save it to resume after a restart.
    pub fn cursor(&self) -> Option<i64> {
        self.cursor
    }

    /// The user's handler.
    pub fn handler(&self) -> &H {
        &self.handler
    }

    /// The user's handler, mutably.
    pub fn handler_mut(&mut self) -> &mut H {
        &mut self.handler
    }

    /// The key cache.
    pub fn keys(&self) -> &KeyCache {
        &self.keys
    }

    /// The last verified state of `did`'s repository.
    pub fn repo(&self, did: &str) -> Option<&RepoState> {
        self.repos.get(did)
    }

    /// Connects (after the cursor, if any) and handles events until the server closes the
    /// stream or `stop` returns true after an event. An error frame (`FutureCursor`,
    /// `ConsumerTooSlow`) or a broken connection ends the run with an error; the cursor
    /// stays at the last event read, so calling `run` again resumes there.
    pub async fn run(&mut self, mut stop: impl FnMut(&H) -> bool) -> Result<(), StreamError> {
        let mut params = subscribe_repos::Params::new();
        params.cursor = self.cursor;
        let mut stream = self.client.subscribe::<SubscribeRepos>(&params).await?;
        while let Some(event) = stream.next().await {
            match event? {
                Event::Message(message) => self.message(message).await,
                Event::Unknown { t, body } => {
                    if let Some(seq) = body.get("seq").and_then(|v| v.as_integer()) {
                        self.cursor = Some(seq);
                    }
                    self.handler.unknown(&t);
                }
            }
            if stop(&self.handler) {
                break;
            }
        }
        Ok(())
    }

    /// Handles one message.
    pub async fn message(&mut self, message: Message) {
        match message {
            Message::Commit(c) => {
                self.cursor = Some(c.seq);
                self.commit(&c).await;
            }
            Message::Sync(s) => {
                self.cursor = Some(s.seq);
                self.sync(&s).await;
            }
            Message::Identity(i) => {
                self.cursor = Some(i.seq);
                self.keys.forget(i.did.as_str());
                let handle = i.handle.as_ref().map(|h| h.as_str());
                self.handler.identity(i.seq, i.did.as_str(), handle);
            }
            Message::Account(a) => {
                self.cursor = Some(a.seq);
                let status = a.status.as_ref().map(|s| s.as_str());
                self.handler
                    .account(a.seq, a.did.as_str(), a.active, status);
            }
            Message::Info(i) => self.handler.info(i.name.as_str(), i.message.as_deref()),
            Message::Unknown(map) => {
                if let Some(seq) = map.get("seq").and_then(|v| v.as_integer()) {
                    self.cursor = Some(seq);
                }
                let t = map.get("$type").and_then(|v| v.as_str()).unwrap_or("?");
                self.handler.unknown(t);
            }
        }
    }

    /// Runs `check` with the cached key of `did`, and once more with a freshly fetched key
    /// when the signature fails.
    async fn with_key<T>(
        &self,
        did: &str,
        check: impl Fn(&PublicKey) -> Result<T, Rejection>,
    ) -> Result<T, Rejection> {
        let no_key = |reason: String| Rejection::NoKey {
            did: did.to_owned(),
            reason,
        };
        let cached = self.keys.cached(did);
        let key = match &cached {
            Some(key) => key.clone(),
            None => self.keys.refresh(did).await.map_err(no_key)?,
        };
        match check(&key) {
            Err(Rejection::Signature(_)) if cached.is_some() => {
                let fresh = self.keys.refresh(did).await.map_err(no_key)?;
                check(&fresh)
            }
            other => other,
        }
    }

    async fn commit(&mut self, c: &Commit) {
        let did = c.repo.as_str();
        if let Some(last) = self.repos.get(did) {
            if c.rev.as_str() <= last.rev.as_str() {
                let why = Rejection::Stale {
                    rev: c.rev.as_str().to_owned(),
                    last: last.rev.clone(),
                };
                self.handler.rejected(c.seq, did, &why);
                return;
            }
        }
        let checked = match self.with_key(did, |key| check_commit(c, key)).await {
            Ok(checked) => checked,
            Err(why) => {
                self.unsettled.insert(did.to_owned());
                self.handler.rejected(c.seq, did, &why);
                return;
            }
        };
        let Checked { commit, records } = checked;
        let unsettled = self.unsettled.remove(did);
        let moved = self
            .repos
            .get(did)
            .is_some_and(|last| last.data != commit.prev_data);
        if moved || unsettled {
            self.handler.gap(c.seq, did);
            if self.resync(c.seq, &c.repo, &commit.rev).await {
                return;
            }
        }
        for (op, record) in commit.ops.iter().zip(&records) {
            self.handler.record(RecordOp {
                seq: c.seq,
                did,
                rev: &commit.rev,
                action: op.action,
                collection: &op.collection,
                rkey: &op.rkey,
                cid: op.cid,
                record: record.as_ref(),
            });
        }
        self.repos.insert(
            did.to_owned(),
            RepoState {
                rev: commit.rev,
                data: commit.data,
            },
        );
    }

    /// Fetches and checks the whole repository after a gap; on success hands it on and
    /// takes its state. Returns whether it did.
    async fn resync(&mut self, seq: i64, repo: &Did, commit_rev: &str) -> bool {
        let did = repo.as_str();
        let snapshot = match self.fetch_repo(repo).await {
            Ok(car) => self.with_key(did, |key| verify_repo(did, &car, key)).await,
            Err(why) => Err(why),
        };
        let snapshot = snapshot.and_then(|s| {
            if s.rev.as_str() < commit_rev {
                Err(Rejection::Behind {
                    rev: s.rev,
                    commit: commit_rev.to_owned(),
                })
            } else {
                Ok(s)
            }
        });
        match snapshot {
            Ok(snapshot) => {
                self.handler.resync(seq, did, Ok(&snapshot));
                let state = RepoState {
                    rev: snapshot.rev,
                    data: snapshot.data,
                };
                self.repos.insert(did.to_owned(), state);
                true
            }
            Err(why) => {
                self.handler.resync(seq, did, Err(&why));
                false
            }
        }
    }

    /// `com.atproto.sync.getRepo` from the service the stream comes from.
    async fn fetch_repo(&self, repo: &Did) -> Result<Vec<u8>, Rejection> {
        self.client
            .query::<GetRepo>(&get_repo::Params::new(repo.clone()))
            .await
            .map(|body| body.data)
            .map_err(|e| Rejection::Fetch(e.to_string()))
    }

    async fn sync(&mut self, s: &Sync) {
        let did = s.did.as_str();
        let checked = self
            .with_key(did, |key| {
                verify_sync(did, &s.rev, s.blocks.as_slice(), key)
            })
            .await;
        match checked {
            Ok((rev, data)) => {
                // A verified #sync is the repository's state: nothing is unknown any more.
                self.unsettled.remove(did);
                self.handler.sync(s.seq, did, &rev);
                self.repos.insert(did.to_owned(), RepoState { rev, data });
            }
            Err(why) => {
                self.unsettled.insert(did.to_owned());
                self.handler.rejected(s.seq, did, &why);
            }
        }
    }
}
