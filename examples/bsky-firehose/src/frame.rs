//! A typed `#commit` message -> its verified ops and typed records: the synchronous core of
//! the consumer, and what the benchmark measures.

use bsky_types::lexicons::com::atproto::sync::subscribe_repos::Commit;
use lex_runtime::did_doc::PublicKey;

use crate::records::{self, RecordData};
use crate::verify::{verify_commit, CommitClaim, OpClaim, Rejection, VerifiedCommit};

/// A verified commit and, per op, its record (`None` for deletes).
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// What passed the checks.
    pub commit: VerifiedCommit,
    /// The typed (or unvalidated, or invalid) record of each op, in op order.
    pub records: Vec<Option<RecordData>>,
}

/// The op claims of a typed commit message.
pub fn claims(commit: &Commit) -> Vec<OpClaim> {
    commit
        .ops
        .iter()
        .map(|op| OpClaim {
            action: op.action.as_str().to_owned(),
            path: op.path.clone(),
            cid: op.cid.as_ref().map(|l| l.0),
            prev: op.prev.as_ref().map(|l| l.0),
        })
        .collect()
}

/// Verifies `commit` with the account's `key` and types its records.
pub fn check_commit(commit: &Commit, key: &PublicKey) -> Result<Checked, Rejection> {
    let ops = claims(commit);
    let claim = CommitClaim {
        repo: commit.repo.as_str(),
        commit: commit.commit.0,
        rev: commit.rev.as_str(),
        prev_data: commit.prev_data.as_ref().map(|l| l.0),
        blocks: commit.blocks.as_slice(),
        ops: &ops,
    };
    let verified = verify_commit(&claim, key)?;
    let records = verified
        .ops
        .iter()
        .map(|op| {
            op.block
                .as_deref()
                .map(|block| records::decode(&op.collection, block))
        })
        .collect();
    Ok(Checked {
        commit: verified,
        records,
    })
}
