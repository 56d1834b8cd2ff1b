//! Proofs: checking one (root CID + blocks -> the value under a key, [`prove`]), and
//! covering proofs (an MST root + keys -> the CIDs of the nodes a commit must carry so that
//! a consumer can check each key and undo each operation, sync v1.1).

use std::collections::BTreeSet;

use super::node::{decode_node, node_layer};
use super::{MstError, Tree, MAX_DEPTH};
use crate::cid::Cid;

/// The nodes of the tree at `root` that prove each of `keys` and let its op be undone.
///
/// A producer calls this on the new tree with every key its commit writes or deletes and
/// puts the resulting blocks in the commit; [`super::verify_ops`] then needs nothing else.
pub fn proof_blocks<'a, K: AsRef<str>>(
    root: &Cid,
    keys: impl IntoIterator<Item = K>,
    get: impl Fn(&Cid) -> Option<&'a [u8]> + 'a,
) -> Result<BTreeSet<Cid>, MstError> {
    let mut tree = Tree::load(*root, get)?;
    let mut out = BTreeSet::new();
    for key in keys {
        out.append(&mut tree.covering_proof(key.as_ref())?);
    }
    Ok(out)
}

/// Walks from `root` to `key` using `get` to fetch verified blocks; returns the value CID.
///
/// `get` must return bytes that hash to the CID asked for (a [`crate::car::Car`] does).
/// Every node on the path is checked: shape, key order, prefix lengths, and that each
/// node's keys sit on one layer, one below its parent's.
pub fn prove<'a>(
    root: &Cid,
    key: &str,
    get: impl Fn(&Cid) -> Option<&'a [u8]>,
) -> Result<Cid, MstError> {
    let target = key.as_bytes();
    let mut cid = *root;
    let mut parent_layer: Option<u32> = None;
    for _ in 0..MAX_DEPTH {
        let bytes = get(&cid).ok_or(MstError::MissingNode { cid })?;
        let node = decode_node(&cid, bytes)?;
        let layer = node_layer(&cid, &node)?;
        if let (Some(parent), Some(layer)) = (parent_layer, layer) {
            if layer + 1 != parent {
                return Err(MstError::Inconsistent {
                    cid,
                    reason: format!("node on layer {layer} below a node on layer {parent}"),
                });
            }
        }
        // An entry-less node inherits the layer its position implies.
        let layer = match (layer, parent_layer) {
            (Some(l), _) => l,
            (None, Some(p)) => p.saturating_sub(1),
            (None, None) => 0,
        };
        let mut next = node.left;
        for entry in &node.entries {
            match entry.key.as_slice().cmp(target) {
                std::cmp::Ordering::Equal => return Ok(entry.value),
                std::cmp::Ordering::Less => next = entry.tree,
                std::cmp::Ordering::Greater => break,
            }
        }
        match next {
            Some(child) if layer > 0 => {
                parent_layer = Some(layer);
                cid = child;
            }
            Some(_) => {
                return Err(MstError::Inconsistent {
                    cid,
                    reason: "a node on layer 0 has a subtree".into(),
                })
            }
            None => {
                return Err(MstError::NotFound {
                    key: key.to_owned(),
                })
            }
        }
    }
    Err(MstError::TooDeep(MAX_DEPTH))
}
