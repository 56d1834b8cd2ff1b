//! Checking one `#commit` or `#sync` (sync v1.1): the frame's fields, CAR blocks and the
//! account's key -> the verified ops with their record blocks, or why the frame is rejected.
//!
//! A commit is accepted only when all of these hold: the CAR's blocks hash to their CIDs and
//! its first root is the commit; the commit block names this repository and rev and is
//! signed by the account's key; every op holds in the new MST and undoing them all, using
//! only the frame's blocks, gives `prevData` (so the frame hides no change and carries its
//! whole proof); every created or updated record's block is present.

use lex_runtime::car::{Car, CarLimits};
use lex_runtime::commit::Commit;
use lex_runtime::did_doc::PublicKey;
use lex_runtime::mst;
use lex_runtime::Cid;

/// Bounds for a frame's CAR: the lexicon's 2,000,000 bytes, records up to 1 MiB.
const FRAME_CAR: CarLimits = CarLimits {
    max_size: 2_000_000,
    max_blocks: 10_000,
    max_block_size: 1 << 20,
};

/// What an op does to its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A new record.
    Create,
    /// A replaced record.
    Update,
    /// A removed record.
    Delete,
}

impl Action {
    /// Reads `#repoOp`'s `action`.
    pub fn parse(s: &str) -> Option<Action> {
        match s {
            "create" => Some(Action::Create),
            "update" => Some(Action::Update),
            "delete" => Some(Action::Delete),
            _ => None,
        }
    }
}

/// One `#repoOp` as the frame states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpClaim {
    /// `create`, `update`, `delete`, or something else (rejected).
    pub action: String,
    /// `collection/rkey`.
    pub path: String,
    /// The new record CID (`None` for a delete).
    pub cid: Option<Cid>,
    /// The previous record CID (`None` for a create).
    pub prev: Option<Cid>,
}

/// The fields of a `#commit` frame that verification reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitClaim<'a> {
    /// The repository (its DID).
    pub repo: &'a str,
    /// The commit block's CID.
    pub commit: Cid,
    /// The commit's rev.
    pub rev: &'a str,
    /// The MST root before the commit.
    pub prev_data: Option<Cid>,
    /// The CAR bytes.
    pub blocks: &'a [u8],
    /// The ops.
    pub ops: &'a [OpClaim],
}

/// One checked op: the record block is present and proven under the signed root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedOp {
    /// What happened.
    pub action: Action,
    /// The collection NSID (the path before its last `/`).
    pub collection: String,
    /// The record key.
    pub rkey: String,
    /// The record CID after the op (`None` for a delete).
    pub cid: Option<Cid>,
    /// The record's DAG-CBOR block (created and updated records).
    pub block: Option<Vec<u8>>,
}

/// A commit that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedCommit {
    /// The commit's rev.
    pub rev: String,
    /// The MST root after the commit.
    pub data: Cid,
    /// The MST root before it.
    pub prev_data: Cid,
    /// The ops, in order.
    pub ops: Vec<VerifiedOp>,
}

/// Why a frame is not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    /// The CAR does not parse, or a block does not hash to its CID.
    #[error("bad CAR: {0}")]
    Car(String),
    /// The CAR's first root is not the commit, or the commit block is missing.
    #[error("the CAR does not carry commit {0} as its root")]
    MissingCommit(String),
    /// The commit block does not decode, or names another repository or rev.
    #[error("bad commit: {0}")]
    Commit(String),
    /// The signature does not verify with the account's key.
    #[error("the commit signature does not verify: {0}")]
    Signature(String),
    /// No `prevData`: the ops cannot be checked (not a sync v1.1 producer).
    #[error("the commit has no prevData, so its ops cannot be checked")]
    NoPrevData,
    /// An op is malformed (unknown action, a CID or `prev` that contradicts the action).
    #[error("bad op {path}: {reason}")]
    Op {
        /// The op's path.
        path: String,
        /// Why.
        reason: String,
    },
    /// The ops do not explain the difference between `prevData` and the new root, or a
    /// node needed to check that is missing from the frame.
    #[error("MST proof: {0}")]
    Proof(String),
    /// A created or updated record's block is missing.
    #[error("record block {0} is missing")]
    MissingRecord(String),
    /// The commit's rev is not after the last one seen for the repository (a replay).
    #[error("rev {rev} is not after {last}")]
    Stale {
        /// The commit's rev.
        rev: String,
        /// The last rev seen.
        last: String,
    },
    /// The repository export for a resync could not be fetched.
    #[error("the repository export could not be fetched: {0}")]
    Fetch(String),
    /// The export is older than the commit that revealed the gap.
    #[error("the export is at rev {rev}, before the commit's {commit}")]
    Behind {
        /// The export's rev.
        rev: String,
        /// The commit's rev.
        commit: String,
    },
    /// The account's key could not be resolved.
    #[error("no key for {did}: {reason}")]
    NoKey {
        /// The account.
        did: String,
        /// Why.
        reason: String,
    },
}

fn read_car(blocks: &[u8]) -> Result<Car, Rejection> {
    Car::read_with_limits(blocks, &FRAME_CAR).map_err(|e| Rejection::Car(e.to_string()))
}

/// The commit block `commit_cid` of `car` (which must be its first root), naming `repo`
/// and signed by `key`.
pub(crate) fn signed_commit(
    car: &Car,
    repo: &str,
    commit_cid: &Cid,
    key: &PublicKey,
) -> Result<Commit, Rejection> {
    let missing = || Rejection::MissingCommit(commit_cid.to_string());
    if car.roots().first() != Some(commit_cid) {
        return Err(missing());
    }
    let block = car.get(commit_cid).ok_or_else(missing)?;
    let commit = Commit::decode(block).map_err(|e| Rejection::Commit(e.to_string()))?;
    commit
        .check_did(repo)
        .map_err(|e| Rejection::Commit(e.to_string()))?;
    commit
        .verify(key)
        .map_err(|e| Rejection::Signature(e.to_string()))?;
    Ok(commit)
}

/// The MST op an op claim stands for, after checking that its fields fit its action.
fn mst_op(claim: &OpClaim) -> Result<(Action, mst::Op), Rejection> {
    let bad = |reason: &str| Rejection::Op {
        path: claim.path.clone(),
        reason: reason.to_owned(),
    };
    let action = Action::parse(&claim.action).ok_or_else(|| bad("unknown action"))?;
    let op = match (action, claim.cid, claim.prev) {
        (Action::Create, Some(cid), None) => mst::Op::create(&claim.path, cid),
        (Action::Update, Some(cid), Some(prev)) => mst::Op::update(&claim.path, cid, prev),
        (Action::Delete, None, Some(prev)) => mst::Op::delete(&claim.path, prev),
        (Action::Create, _, _) => return Err(bad("a create needs a cid and no prev")),
        (Action::Update, _, _) => return Err(bad("an update needs a cid and a prev")),
        (Action::Delete, _, _) => return Err(bad("a delete needs a prev and no cid")),
    };
    Ok((action, op))
}

/// Checks a `#commit` against the account's current `key`.
pub fn verify_commit(
    claim: &CommitClaim<'_>,
    key: &PublicKey,
) -> Result<VerifiedCommit, Rejection> {
    let car = read_car(claim.blocks)?;
    let commit = signed_commit(&car, claim.repo, &claim.commit, key)?;
    if commit.rev != claim.rev {
        return Err(Rejection::Commit(format!(
            "the frame says rev {}, the commit {}",
            claim.rev, commit.rev
        )));
    }
    let prev_data = claim.prev_data.ok_or(Rejection::NoPrevData)?;
    let mut ops = Vec::with_capacity(claim.ops.len());
    let mut actions = Vec::with_capacity(claim.ops.len());
    for op in claim.ops {
        let (action, op) = mst_op(op)?;
        actions.push(action);
        ops.push(op);
    }
    mst::verify_ops(&commit.data, &prev_data, &ops, |c| car.get(c))
        .map_err(|e| Rejection::Proof(e.to_string()))?;
    let mut verified = Vec::with_capacity(ops.len());
    for (op, action) in ops.into_iter().zip(actions) {
        let block = match op.cid {
            Some(cid) => Some(
                car.get(&cid)
                    .ok_or_else(|| Rejection::MissingRecord(cid.to_string()))?
                    .to_vec(),
            ),
            None => None,
        };
        let (collection, rkey) = op.path.rsplit_once('/').ok_or_else(|| Rejection::Op {
            path: op.path.clone(),
            reason: "the path is not collection/rkey".into(),
        })?;
        verified.push(VerifiedOp {
            action,
            collection: collection.to_owned(),
            rkey: rkey.to_owned(),
            cid: op.cid,
            block,
        });
    }
    Ok(VerifiedCommit {
        rev: commit.rev,
        data: commit.data,
        prev_data,
        ops: verified,
    })
}

/// Checks a `#sync` (a CAR holding only the signed commit): returns the commit's rev and
/// MST root, the state the repository is now in.
pub fn verify_sync(
    did: &str,
    rev: &str,
    blocks: &[u8],
    key: &PublicKey,
) -> Result<(String, Cid), Rejection> {
    let car = read_car(blocks)?;
    let root = *car
        .roots()
        .first()
        .ok_or_else(|| Rejection::MissingCommit("(no root)".into()))?;
    let commit = signed_commit(&car, did, &root, key)?;
    if commit.rev != rev {
        return Err(Rejection::Commit(format!(
            "the frame says rev {rev}, the commit {}",
            commit.rev
        )));
    }
    Ok((commit.rev, commit.data))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(action: &str, cid: Option<Cid>, prev: Option<Cid>) -> OpClaim {
        OpClaim {
            action: action.to_owned(),
            path: "app.bsky.feed.post/3l7dqmwzs7c2a".to_owned(),
            cid,
            prev,
        }
    }

    #[test]
    fn an_op_must_carry_what_its_action_needs_to_be_undone() {
        let (a, b) = (Cid::for_dag_cbor(b"a"), Cid::for_dag_cbor(b"b"));
        assert!(mst_op(&claim("create", Some(a), None)).is_ok());
        assert!(mst_op(&claim("update", Some(a), Some(b))).is_ok());
        assert!(mst_op(&claim("delete", None, Some(b))).is_ok());
        // Without `prev` an update or delete cannot be inverted (a pre-1.1 producer).
        for bad in [
            claim("update", Some(a), None),
            claim("delete", None, None),
            claim("create", Some(a), Some(b)),
            claim("create", None, None),
            claim("delete", Some(a), Some(b)),
            claim("rename", Some(a), None),
        ] {
            assert!(matches!(mst_op(&bad), Err(Rejection::Op { .. })), "{bad:?}");
        }
    }

    #[test]
    fn garbage_blocks_are_rejected_not_panicked_on() {
        let key = lex_runtime::commit::SigningKey::from_bytes(
            lex_runtime::did_doc::KeyType::P256,
            &[9; 32],
        )
        .map(|k| k.public_key());
        let Some(key) = key else {
            panic!("a fixed key");
        };
        let commit = Cid::for_dag_cbor(b"commit");
        for blocks in [&b""[..], b"\x00", b"\xa1\x00\x00", &[0xff; 64]] {
            let frame = CommitClaim {
                repo: "did:plc:abc",
                commit,
                rev: "3l7dqmwzs7c2a",
                prev_data: None,
                blocks,
                ops: &[],
            };
            assert!(matches!(
                verify_commit(&frame, &key),
                Err(Rejection::Car(_) | Rejection::MissingCommit(_))
            ));
            assert!(verify_sync("did:plc:abc", "3l7dqmwzs7c2a", blocks, &key).is_err());
        }
    }
}
