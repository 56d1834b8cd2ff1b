//! Accounts on the test PDS: a did:plc, a password and a writable repository each.
//!
//! Every write builds a new MST over all records and a new signed commit, so what
//! `com.atproto.sync.getRecord` serves afterwards verifies the way `lex install` checks
//! it, and is sequenced on the firehose. Sessions are opaque random-looking tokens kept in memory.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use lex_runtime::commit::{Commit, SigningKey};
use lex_runtime::did_doc::KeyType;
use lex_runtime::{Cid, Tid, Value};
use sha2::{Digest, Sha256};

use super::firehose::{CommitEvent, Firehose, RepoOp};

/// One account: identity, credentials and repository.
pub(super) struct Account {
    pub(super) handle: String,
    pub(super) did: String,
    pub(super) password: String,
    /// Writes answer with an error (the refusing-PDS fault).
    pub(super) refuse_writes: bool,
    pub(super) repo: Mutex<Repo>,
}

impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("handle", &self.handle)
            .field("did", &self.did)
            .finish_non_exhaustive()
    }
}

/// The repository's current state.
#[derive(Debug)]
pub(super) struct Repo {
    /// Record blocks by MST key (`collection/rkey`).
    pub(super) records: BTreeMap<String, (Cid, Vec<u8>)>,
    pub(super) tree: lex_runtime::mst::Built,
    /// The signed commit block and its CID.
    pub(super) commit: (Cid, Vec<u8>),
    pub(super) rev: String,
    /// The signing key (the DID document's `#atproto` key); rotating it replaces it here.
    pub(super) key: SigningKey,
    /// Revisions are TIDs from this counter, so they increase even within a microsecond.
    clock: u64,
}

/// One operation of a write batch.
#[derive(Debug, Clone)]
pub(super) enum Op {
    /// A new record; fails when the key exists.
    Create { key: String, value: Value },
    /// A replacement; `swap` is `Some(None)` for "must not exist", `Some(Some(cid))` for
    /// "must currently be this CID".
    Put {
        key: String,
        value: Value,
        swap: Option<Option<Cid>>,
    },
    /// A deletion; `swap` as for `Put`.
    Delete { key: String, swap: Option<Cid> },
}

/// What a batch produced: the new commit and each written record's CID.
#[derive(Debug, Clone)]
pub(super) struct Applied {
    pub(super) commit: Cid,
    pub(super) rev: String,
    pub(super) cids: Vec<Option<Cid>>,
}

/// A rejected write: XRPC error name and message.
pub(super) type WriteError = (&'static str, String);

impl Account {
    /// A new account with an empty repository.
    pub(super) fn new(handle: &str, password: &str, key_type: KeyType) -> Result<Account, String> {
        let did = super::repo::did_for(&format!("account:{handle}"));
        let key = derive_key(&format!("account:{handle}"), key_type)?;
        let repo = Repo::empty(&did, key);
        Ok(Account {
            handle: handle.to_owned(),
            did,
            password: password.to_owned(),
            refuse_writes: false,
            repo: Mutex::new(repo),
        })
    }

    /// The current signing key.
    pub(super) fn key(&self) -> SigningKey {
        self.repo().key.clone()
    }

    /// Replaces the signing key with a new one of the same type (the `n`th rotation) and
    /// returns it; later commits are signed with it.
    pub(super) fn rotate_key(&self, n: u64) -> Result<SigningKey, String> {
        let mut repo = self.repo();
        let key_type = repo.key.public_key().key_type();
        let key = derive_key(&format!("account:{}:rotation:{n}", self.handle), key_type)?;
        repo.key = key.clone();
        Ok(key)
    }

    /// Locks the repository (a poisoned lock still holds a consistent state: writes
    /// replace it in one assignment).
    pub(super) fn repo(&self) -> std::sync::MutexGuard<'_, Repo> {
        match self.repo.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        }
    }

    /// Applies `ops` atomically: all of them in one new commit, or none; the commit is
    /// sequenced on `firehose` before the repository lock is released, so each repository's
    /// commits reach the stream in order.
    pub(super) fn apply(
        &self,
        ops: &[Op],
        swap_commit: Option<Cid>,
        firehose: &Firehose,
    ) -> Result<Applied, WriteError> {
        if self.refuse_writes {
            return Err((
                "InternalServerError",
                "this PDS refuses writes (lex-testnet --fault-refuse-writes)".to_owned(),
            ));
        }
        let mut repo = self.repo();
        if let Some(expected) = swap_commit {
            if expected != repo.commit.0 {
                return Err((
                    "InvalidSwap",
                    format!("commit was at {}, not {expected}", repo.commit.0),
                ));
            }
        }
        let mut records = repo.records.clone();
        let mut cids = Vec::with_capacity(ops.len());
        let mut stream_ops = Vec::with_capacity(ops.len());
        for op in ops {
            let (path, cid) = match op {
                Op::Create { key, value } => {
                    if records.contains_key(key) {
                        return Err(("InvalidRequest", format!("record {key} already exists")));
                    }
                    (key, Some(insert(&mut records, key, value)))
                }
                Op::Put { key, value, swap } => {
                    check_swap(&records, key, *swap)?;
                    (key, Some(insert(&mut records, key, value)))
                }
                Op::Delete { key, swap } => {
                    check_swap(&records, key, swap.map(Some))?;
                    if !records.contains_key(key) {
                        return Err(("InvalidRequest", format!("record {key} does not exist")));
                    }
                    (key, None)
                }
            };
            // What the key held before this op (an earlier op of the batch counts).
            let prev = stream_ops
                .iter()
                .rev()
                .find(|o: &&RepoOp| o.path == *path)
                .map_or_else(|| repo.records.get(path).map(|(c, _)| *c), |o| o.cid);
            if cid.is_none() {
                records.remove(path);
            }
            let action = match (prev, cid) {
                (None, _) => "create",
                (Some(_), Some(_)) => "update",
                (Some(_), None) => "delete",
            };
            cids.push(cid);
            stream_ops.push(RepoOp {
                action,
                path: path.clone(),
                cid,
                prev,
            });
        }
        repo.clock += 1;
        let rev = Tid::from_u64(repo.clock << 10).as_str().to_owned();
        let tree = lex_runtime::mst::build(records.iter().map(|(k, (c, _))| (k.as_str(), *c)));
        let commit = signed_commit(&self.did, &repo.key, tree.root, &rev);
        let blocks = commit_car(&commit, &tree, &records, &stream_ops)?;
        let since = std::mem::replace(&mut repo.rev, rev.clone());
        let prev_data = std::mem::replace(&mut repo.tree, tree).root;
        repo.records = records;
        repo.commit = commit;
        firehose.commit(CommitEvent {
            did: &self.did,
            commit: repo.commit.0,
            rev: &rev,
            since: &since,
            prev_data,
            ops: &stream_ops,
            blocks,
        });
        Ok(Applied {
            commit: repo.commit.0,
            rev,
            cids,
        })
    }
}

/// A private key of `key_type` derived from `label` (a seed that is not a valid scalar is
/// hashed again).
fn derive_key(label: &str, key_type: KeyType) -> Result<SigningKey, String> {
    let mut seed: [u8; 32] = Sha256::digest(format!("lex-testnet:{label}")).into();
    for _ in 0..16 {
        if let Some(key) = SigningKey::from_bytes(key_type, &seed) {
            return Ok(key);
        }
        seed = Sha256::digest(seed).into();
    }
    Err(format!("cannot derive a key for {label}"))
}

/// The `#commit` CAR: the commit block, the new records and the MST nodes that prove each
/// op and let it be undone (sync v1.1).
fn commit_car(
    commit: &(Cid, Vec<u8>),
    tree: &lex_runtime::mst::Built,
    records: &BTreeMap<String, (Cid, Vec<u8>)>,
    ops: &[RepoOp],
) -> Result<Vec<u8>, WriteError> {
    let nodes = lex_runtime::mst::proof_blocks(&tree.root, ops.iter().map(|o| &o.path), |c| {
        tree.blocks.get(c).map(Vec::as_slice)
    })
    .map_err(|e| ("InternalServerError", format!("MST proof: {e}")))?;
    let mut blocks: Vec<(Cid, &[u8])> = vec![(commit.0, commit.1.as_slice())];
    for cid in &nodes {
        if let Some(bytes) = tree.blocks.get(cid) {
            blocks.push((*cid, bytes));
        }
    }
    for op in ops {
        if let Some((cid, bytes)) = records.get(&op.path).filter(|(c, _)| Some(*c) == op.cid) {
            blocks.push((*cid, bytes));
        }
    }
    Ok(lex_runtime::car::write(&[commit.0], blocks))
}

fn insert(records: &mut BTreeMap<String, (Cid, Vec<u8>)>, key: &str, value: &Value) -> Cid {
    let bytes = lex_runtime::cbor::encode(value);
    let cid = Cid::for_dag_cbor(&bytes);
    records.insert(key.to_owned(), (cid, bytes));
    cid
}

fn check_swap(
    records: &BTreeMap<String, (Cid, Vec<u8>)>,
    key: &str,
    swap: Option<Option<Cid>>,
) -> Result<(), WriteError> {
    let Some(expected) = swap else {
        return Ok(());
    };
    let current = records.get(key).map(|(c, _)| *c);
    if current == expected {
        return Ok(());
    }
    let show = |c: Option<Cid>| c.map_or_else(|| "absent".to_owned(), |c| c.to_string());
    Err((
        "InvalidSwap",
        format!("record {key} is {}, not {}", show(current), show(expected)),
    ))
}

fn signed_commit(did: &str, key: &SigningKey, root: Cid, rev: &str) -> (Cid, Vec<u8>) {
    let mut commit = Commit::unsigned(did, root, rev);
    commit.sign(key);
    let block = commit.encode();
    (Cid::for_dag_cbor(&block), block)
}

impl Repo {
    fn empty(did: &str, key: SigningKey) -> Repo {
        let clock = 1;
        let rev = Tid::from_u64(clock << 10).as_str().to_owned();
        let tree = lex_runtime::mst::build(std::iter::empty::<(&str, Cid)>());
        let commit = signed_commit(did, &key, tree.root, &rev);
        Repo {
            records: BTreeMap::new(),
            tree,
            commit,
            rev,
            key,
            clock,
        }
    }

    /// The `sync.getRepo` CAR: the commit, every MST node and every record.
    pub(super) fn repo_car(&self) -> Vec<u8> {
        let mut blocks: Vec<(Cid, &[u8])> = vec![(self.commit.0, self.commit.1.as_slice())];
        blocks.extend(self.tree.blocks.iter().map(|(c, b)| (*c, b.as_slice())));
        blocks.extend(self.records.values().map(|(c, b)| (*c, b.as_slice())));
        lex_runtime::car::write(&[self.commit.0], blocks)
    }

    /// The `sync.getRecord` CAR for `key`: the commit, the MST path and the record (when
    /// present), or `None` when there is no such record.
    pub(super) fn record_car(&self, key: &str) -> Option<Vec<u8>> {
        let (cid, bytes) = self.records.get(key)?;
        let mut blocks: Vec<(Cid, Vec<u8>)> = vec![self.commit.clone()];
        blocks.extend(self.tree.path_blocks(key));
        blocks.push((*cid, bytes.clone()));
        Some(lex_runtime::car::write(
            &[self.commit.0],
            blocks.iter().map(|(c, b)| (*c, b.as_slice())),
        ))
    }
}

/// Which kind of token a session string is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TokenKind {
    Access,
    Refresh,
}

/// Issued tokens: token -> (DID, kind).
#[derive(Debug, Default)]
pub(super) struct Sessions {
    tokens: Mutex<HashMap<String, (String, TokenKind)>>,
    counter: Mutex<u64>,
}

impl Sessions {
    fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
        match m.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        }
    }

    /// A new (access, refresh) pair for `did`.
    pub(super) fn issue(&self, did: &str) -> (String, String) {
        let n = {
            let mut c = Self::lock(&self.counter);
            *c += 1;
            *c
        };
        let token = |kind: &str| {
            let h = Sha256::digest(format!("lex-testnet:{kind}:{did}:{n}"));
            let hex: String = h.iter().map(|b| format!("{b:02x}")).collect();
            format!("{kind}.{hex}")
        };
        let (access, refresh) = (token("access"), token("refresh"));
        let mut tokens = Self::lock(&self.tokens);
        tokens.insert(access.clone(), (did.to_owned(), TokenKind::Access));
        tokens.insert(refresh.clone(), (did.to_owned(), TokenKind::Refresh));
        (access, refresh)
    }

    /// The DID a token of `kind` belongs to.
    pub(super) fn check(&self, token: &str, kind: TokenKind) -> Option<String> {
        let tokens = Self::lock(&self.tokens);
        tokens
            .get(token)
            .filter(|(_, k)| *k == kind)
            .map(|(did, _)| did.clone())
    }

    /// Forgets a refresh token (refreshing rotates it).
    pub(super) fn revoke(&self, token: &str) {
        Self::lock(&self.tokens).remove(token);
    }
}
