//! The sync v1.1 commit check: a commit's MST root, `prevData`, ops and blocks -> whether
//! the ops are exactly the difference between the two trees.
//!
//! Each op must hold in the new tree, and undoing every op on a tree that holds only the
//! commit's blocks must give back `prevData`. A commit that hides a change, or lacks a
//! block the check needs, fails; so a consumer that checked every commit since a known
//! root knows the whole repository without fetching it ("inductive firehose").

use super::{MstError, Tree};
use crate::cid::Cid;

/// One record write of a commit, as `#repoOp` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Op {
    /// The MST key: `<collection>/<rkey>`.
    pub path: String,
    /// The value after the commit; `None` for a delete.
    pub cid: Option<Cid>,
    /// The value before the commit; `None` for a create.
    pub prev: Option<Cid>,
}

impl Op {
    /// A create of `path` with `cid`.
    pub fn create(path: impl Into<String>, cid: Cid) -> Op {
        Op {
            path: path.into(),
            cid: Some(cid),
            prev: None,
        }
    }

    /// An update of `path` from `prev` to `cid`.
    pub fn update(path: impl Into<String>, cid: Cid, prev: Cid) -> Op {
        Op {
            path: path.into(),
            cid: Some(cid),
            prev: Some(prev),
        }
    }

    /// A delete of `path`, which held `prev`.
    pub fn delete(path: impl Into<String>, prev: Cid) -> Op {
        Op {
            path: path.into(),
            cid: None,
            prev: Some(prev),
        }
    }

    /// Undoes the op on `tree`, after checking that the tree holds the op's result.
    pub fn invert(&self, tree: &mut Tree<'_>) -> Result<(), MstError> {
        let found = tree.get(&self.path)?;
        if found != self.cid {
            return Err(MstError::OpMismatch {
                key: self.path.clone(),
                expected: self.cid.map(Box::new),
                found: found.map(Box::new),
            });
        }
        match (self.cid, self.prev) {
            (None, None) => {
                return Err(MstError::EmptyOp {
                    key: self.path.clone(),
                })
            }
            (Some(_), None) => tree.remove(&self.path)?,
            (_, Some(prev)) => tree.insert(&self.path, prev)?,
        };
        Ok(())
    }
}

/// Checks a commit's ops against its MST root `data` and `prev_data` using only the blocks
/// `get` returns (the commit's CAR): each op holds in `data`, and undoing them gives
/// `prev_data`.
///
/// Ops are undone last to first, so a commit that touches a key twice checks too.
pub fn verify_ops<'a>(
    data: &Cid,
    prev_data: &Cid,
    ops: &[Op],
    get: impl Fn(&Cid) -> Option<&'a [u8]> + 'a,
) -> Result<(), MstError> {
    let mut tree = Tree::load(*data, get)?;
    for op in ops.iter().rev() {
        op.invert(&mut tree)?;
    }
    let found = tree.root_cid();
    if found != *prev_data {
        return Err(MstError::PrevData {
            expected: Box::new(*prev_data),
            found: Box::new(found),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;
    use crate::mst::tree::tests::{key, value, Rng};
    use crate::mst::{build, proof_blocks, Built};

    /// A random commit on a random repository: the trees before and after, and the ops.
    struct Commit {
        before: Built,
        after: Built,
        ops: Vec<Op>,
    }

    fn random_commit(rng: &mut Rng, size: usize, writes: usize) -> Commit {
        let space = size * 3 + 10;
        let mut records: BTreeMap<usize, Cid> = BTreeMap::new();
        while records.len() < size {
            let i = rng.below(space);
            records.insert(i, value(i));
        }
        let before = build(records.iter().map(|(&i, &v)| (key(i), v)));
        let mut ops = Vec::new();
        let mut touched = BTreeSet::new();
        while ops.len() < writes {
            let i = rng.below(space);
            if !touched.insert(i) {
                continue;
            }
            let new = value(i + 100_000 * (ops.len() + 1));
            let op = match (records.get(&i).copied(), rng.below(2)) {
                (None, _) => Op::create(key(i), new),
                (Some(old), 0) => Op::update(key(i), new, old),
                (Some(old), _) => Op::delete(key(i), old),
            };
            match op.cid {
                Some(cid) => records.insert(i, cid),
                None => records.remove(&i),
            };
            ops.push(op);
        }
        let after = build(records.iter().map(|(&i, &v)| (key(i), v)));
        Commit { before, after, ops }
    }

    /// The commit's proof: the after tree's nodes that `proof_blocks` picks.
    fn proof(commit: &Commit) -> BTreeMap<Cid, Vec<u8>> {
        let blocks = &commit.after.blocks;
        let cids = proof_blocks(
            &commit.after.root,
            commit.ops.iter().map(|op| op.path.as_str()),
            |c| blocks.get(c).map(Vec::as_slice),
        )
        .unwrap();
        cids.iter()
            .map(|c| (*c, blocks.get(c).cloned().unwrap_or_default()))
            .collect()
    }

    fn verify(
        commit: &Commit,
        ops: &[Op],
        blocks: &BTreeMap<Cid, Vec<u8>>,
    ) -> Result<(), MstError> {
        verify_ops(&commit.after.root, &commit.before.root, ops, |c| {
            blocks.get(c).map(Vec::as_slice)
        })
    }

    #[test]
    fn commits_invert_from_their_proof_blocks_alone() {
        let mut rng = Rng(0x0dd_b1a5_e5ba_d5ed);
        for round in 0..300 {
            let size = [0, 1, 2, 5, 20, 100, 400][round % 7];
            let writes = 1 + rng.below(8);
            let commit = random_commit(&mut rng, size, writes);
            let blocks = proof(&commit);
            assert!(blocks.len() < commit.after.blocks.len() || size < 50);
            assert_eq!(
                verify(&commit, &commit.ops, &blocks),
                Ok(()),
                "round {round}"
            );
        }
    }

    #[test]
    fn a_hidden_or_misstated_change_fails() {
        let mut rng = Rng(0x1234_5678_9abc_def1);
        for _ in 0..50 {
            let commit = random_commit(&mut rng, 100, 4);
            let all = &commit.after.blocks;
            // An op left out: the ops no longer explain the difference.
            let fewer = &commit.ops[1..];
            assert!(matches!(
                verify(&commit, fewer, all),
                Err(MstError::PrevData { .. })
            ));
            // A wrong new value.
            let mut wrong = commit.ops.clone();
            wrong[0].cid = Some(value(999_999));
            assert!(matches!(
                verify(&commit, &wrong, all),
                Err(MstError::OpMismatch { .. })
            ));
            // A wrong old value.
            let mut wrong = commit.ops.clone();
            let target = wrong.iter_mut().find(|op| op.prev.is_some());
            if let Some(op) = target {
                op.prev = Some(value(999_998));
                assert!(matches!(
                    verify(&commit, &wrong, all),
                    Err(MstError::PrevData { .. })
                ));
            }
            // Neither value.
            let mut empty = commit.ops.clone();
            empty[0].cid = None;
            empty[0].prev = None;
            let got = verify(&commit, &empty, all);
            assert!(
                matches!(
                    got,
                    Err(MstError::EmptyOp { .. } | MstError::OpMismatch { .. })
                ),
                "{got:?}"
            );
        }
    }

    #[test]
    fn a_missing_proof_block_is_an_error_never_a_wrong_answer() {
        let mut rng = Rng(0x7777_1111_3333_5555);
        let mut refused = 0;
        for _ in 0..60 {
            let commit = random_commit(&mut rng, 200, 3);
            let blocks = proof(&commit);
            for dropped in blocks.keys() {
                let mut fewer = blocks.clone();
                fewer.remove(dropped);
                let got = verify(&commit, &commit.ops, &fewer);
                assert!(
                    matches!(got, Ok(()) | Err(MstError::MissingNode { .. })),
                    "{got:?}"
                );
                refused += usize::from(got.is_err());
            }
            // Without the root nothing can be checked.
            let mut rootless = blocks.clone();
            rootless.remove(&commit.after.root);
            assert!(matches!(
                verify(&commit, &commit.ops, &rootless),
                Err(MstError::MissingNode { .. })
            ));
        }
        // Most proof blocks are needed: dropping them must be noticed.
        assert!(refused > 100, "{refused}");
    }

    #[test]
    fn a_key_written_twice_in_one_commit_checks() {
        let before = build([(key(1), value(1))]);
        let after = build([(key(1), value(1)), (key(2), value(3))]);
        let ops = [
            Op::create(key(2), value(2)),
            Op::update(key(2), value(3), value(2)),
        ];
        let got = verify_ops(&after.root, &before.root, &ops, |c| {
            after.blocks.get(c).map(Vec::as_slice)
        });
        assert_eq!(got, Ok(()));
    }
}
