//! Covering proofs: an MST root + keys -> the CIDs of the nodes a commit must carry so that
//! a consumer can check each key and undo each operation (sync v1.1).

use std::collections::BTreeSet;

use super::{MstError, Tree};
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
