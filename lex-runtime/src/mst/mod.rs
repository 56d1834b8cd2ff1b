//! Merkle Search Trees, the key -> CID index of an atproto repository: proof checking
//! ([`prove`]: root CID + blocks -> the record CID under a key), building ([`build`]:
//! sorted pairs -> nodes), editing a possibly partial tree ([`Tree`]), covering proofs
//! ([`proof_blocks`]) and the sync v1.1 commit check ([`verify_ops`]: undo a commit's ops
//! on its blocks -> `prevData`). One node's wire form (decoding, checks, encoding) is in
//! `node.rs`.
//!
//! Facts from the atproto repository spec that this module relies on:
//! * A key's *depth* (layer) is the number of leading zero bits of `sha256(key)`, counted in
//!   2-bit units (so a fanout of about 4). Keys of the same layer share a node.
//! * A node is the DAG-CBOR map `{"l": link | null, "e": [entry]}`; each entry is
//!   `{"p": prefix length, "k": key suffix bytes, "v": value link, "t": link | null}`.
//!   `p` counts bytes shared with the previous entry's key in the same node (0 for the first).
//! * `l` points at the subtree of keys below the first entry; an entry's `t` points at the
//!   subtree of keys between it and the next entry. Entries are in byte order.
//! * A tree whose keys skip a layer keeps an intermediate node holding only `l`, so each
//!   level of the tree is exactly one layer lower than its parent.

use sha2::{Digest, Sha256};

use crate::cid::Cid;

mod build;
mod invert;
mod leaves;
mod node;
mod proof;
#[cfg(test)]
mod tests;
mod tree;

pub use build::{build, Built};
pub use invert::{verify_ops, Op};
pub use leaves::leaves;
pub use proof::{proof_blocks, prove};
pub use tree::Tree;

/// Why an MST proof did not yield a record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MstError {
    /// A node on the path is not among the proof blocks.
    #[error("MST node {cid} is missing from the proof")]
    MissingNode {
        /// The node's CID.
        cid: Cid,
    },
    /// A node does not decode or does not have the node shape.
    #[error("MST node {cid} is malformed: {reason}")]
    Malformed {
        /// The node's CID.
        cid: Cid,
        /// What was wrong.
        reason: String,
    },
    /// A node's structure contradicts the MST rules (order, layers, prefixes).
    #[error("MST node {cid} is inconsistent: {reason}")]
    Inconsistent {
        /// The node's CID.
        cid: Cid,
        /// What was wrong.
        reason: String,
    },
    /// The walk ended without the key: the tree does not contain it.
    #[error("key `{key}` is not in the MST")]
    NotFound {
        /// The key looked up.
        key: String,
    },
    /// The tree is deeper than any real repository could be.
    #[error("MST is deeper than {0} levels")]
    TooDeep(usize),
    /// An op claims a value under a key that the tree does not hold there.
    #[error("op on `{key}` expects {} but the tree holds {}", show(.expected), show(.found))]
    OpMismatch {
        /// The op's key.
        key: String,
        /// What the op says the key holds (`None`: absent).
        expected: Option<Box<Cid>>,
        /// What the tree holds (`None`: absent).
        found: Option<Box<Cid>>,
    },
    /// An op with neither a new nor a previous value.
    #[error("op on `{key}` has neither `cid` nor `prev`")]
    EmptyOp {
        /// The op's key.
        key: String,
    },
    /// Undoing a commit's ops did not give the tree the commit says it started from.
    #[error("undoing the ops gives MST root {found}, not prevData {expected}")]
    PrevData {
        /// The commit's `prevData`.
        expected: Box<Cid>,
        /// The root the inversion produced.
        found: Box<Cid>,
    },
}

fn show(cid: &Option<Box<Cid>>) -> String {
    cid.as_ref()
        .map_or_else(|| "no value".to_owned(), |c| c.to_string())
}

/// Deepest tree walked: keys are sha256-layered with fanout 4, so 128 layers is the most a
/// 256-bit hash can produce.
const MAX_DEPTH: usize = 130;

/// The layer of `key`: leading zero bits of its sha256, in 2-bit units.
pub fn key_depth(key: &[u8]) -> u32 {
    let hash = Sha256::digest(key);
    let mut zeros = 0u32;
    for &byte in hash.iter() {
        if byte == 0 {
            zeros += 8;
            continue;
        }
        zeros += byte.leading_zeros();
        break;
    }
    zeros / 2
}

/// Length in bytes of the prefix `a` and `b` share (what an entry's `p` records).
pub fn common_prefix_len(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}
