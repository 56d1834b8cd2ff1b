//! Every key and value of a tree held in blocks: what a resync or a backfill reads from a
//! whole repository (`com.atproto.sync.getRepo`), checked so that the list is exactly the
//! tree the root names.
//!
//! The walk goes in key order without recursion (hostile input sets the depth), reaches
//! each node at most once (a node linked twice would multiply the work), and at the end
//! the keys are built into a fresh tree whose root must be `root`: MST shape is canonical,
//! so this one comparison rejects every misplaced key, wrong layer or stray subtree.

use std::collections::HashSet;

use super::build::build;
use super::node::decode_node;
use super::{MstError, MAX_DEPTH};
use crate::cid::Cid;

/// One step of the in-order walk.
enum Step {
    /// A subtree to expand, with its depth below the root.
    Node(Cid, usize),
    /// A key and its value, in order.
    Leaf(Vec<u8>, Cid),
}

/// Every `(key, value)` of the tree at `root`, in key order.
///
/// `get` must return bytes that hash to the CID asked for (a [`crate::car::Car`] does). A
/// missing node, a malformed one, a key that is not UTF-8 or out of order, a node reached
/// twice, or nodes that are not the canonical tree of their keys is an error.
pub fn leaves<'a>(
    root: &Cid,
    get: impl Fn(&Cid) -> Option<&'a [u8]>,
) -> Result<Vec<(String, Cid)>, MstError> {
    let mut out: Vec<(String, Cid)> = Vec::new();
    let mut seen = HashSet::new();
    let mut stack = vec![Step::Node(*root, 0)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Leaf(key, value) => {
                let key = String::from_utf8(key).map_err(|_| MstError::Malformed {
                    cid: *root,
                    reason: "a key is not UTF-8".into(),
                })?;
                if out.last().is_some_and(|(last, _)| *last >= key) {
                    return Err(MstError::Inconsistent {
                        cid: *root,
                        reason: format!("key `{key}` is out of order"),
                    });
                }
                out.push((key, value));
            }
            Step::Node(cid, depth) => {
                if depth >= MAX_DEPTH {
                    return Err(MstError::TooDeep(MAX_DEPTH));
                }
                if !seen.insert(cid) {
                    return Err(MstError::Inconsistent {
                        cid,
                        reason: "the node is reached twice".into(),
                    });
                }
                let bytes = get(&cid).ok_or(MstError::MissingNode { cid })?;
                let node = decode_node(&cid, bytes)?;
                // Pushed in reverse so that they pop in key order.
                let mut steps = Vec::with_capacity(node.entries.len() * 2 + 1);
                steps.extend(node.left.map(|l| Step::Node(l, depth + 1)));
                for entry in node.entries {
                    steps.push(Step::Leaf(entry.key, entry.value));
                    steps.extend(entry.tree.map(|t| Step::Node(t, depth + 1)));
                }
                stack.extend(steps.into_iter().rev());
            }
        }
    }
    let rebuilt = build(out.iter().map(|(k, v)| (k.as_str(), *v))).root;
    if rebuilt != *root {
        return Err(MstError::Inconsistent {
            cid: *root,
            reason: format!("the nodes are not the canonical tree of their keys ({rebuilt})"),
        });
    }
    Ok(out)
}
