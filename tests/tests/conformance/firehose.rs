//! The `firehose` area: `firehose/commit-proof-fixtures.json` of the interop vectors
//! against `lex_runtime::mst` and `lex_runtime::car`, the way a sync v1.1 producer and
//! consumer meet.
//!
//! For each case: the tree of `keys` (all holding `leafValue`), built in one pass and key by
//! key, must have root `rootBeforeCommit`; applying `adds` and `dels` to it must give
//! `rootAfterCommit`; the covering proof of the ops on the new tree must be exactly
//! `blocksInProof`; and a consumer holding only those blocks, read back from a CAR, must
//! confirm the ops and undo them to `rootBeforeCommit` (and refuse a wrong `prevData`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use lex_runtime::car::{self, Car};
use lex_runtime::mst::{self, MstError, Op, Tree};
use lex_runtime::Cid;
use serde_json::Value as Json;

use crate::cases::{files, json_cases, label, text, texts};
use crate::report::Area;

/// Runs every file of `dir` (the `firehose/` folder) into `area`.
pub(crate) fn run(dir: &Path, area: &mut Area) {
    for (name, file) in files(dir, area) {
        if name != "commit-proof-fixtures.json" {
            area.case(&file, "<file name>", Err("unknown firehose file".into()));
            continue;
        }
        match json_cases(&file) {
            Ok(cases) => {
                for (i, case) in cases.iter().enumerate() {
                    area.case(&file, &label(case, "comment", i), commit_proof(case));
                }
            }
            Err(why) => area.case(&file, "<file>", Err(why)),
        }
    }
}

fn cid(case: &Json, key: &str) -> Result<Cid, String> {
    text(case, key)?
        .parse()
        .map_err(|e| format!("`{key}` is not a CID: {e}"))
}

/// Prefixes an MST error with the step that hit it.
fn mst_err(step: &'static str) -> impl Fn(MstError) -> String {
    move |e| format!("{step}: {e}")
}

fn commit_proof(case: &Json) -> Result<(), String> {
    let leaf = cid(case, "leafValue")?;
    let keys = texts(case, "keys")?;
    let adds = texts(case, "adds")?;
    let dels = texts(case, "dels")?;
    let root_before = cid(case, "rootBeforeCommit")?;
    let root_after = cid(case, "rootAfterCommit")?;
    let expected_proof: BTreeSet<Cid> = texts(case, "blocksInProof")?
        .into_iter()
        .map(|c| c.parse().map_err(|e| format!("bad proof CID {c}: {e}")))
        .collect::<Result<_, String>>()?;

    // The tree before the commit, built both ways.
    let before = mst::build(keys.iter().map(|k| (*k, leaf)));
    if before.root != root_before {
        return Err(format!("built root before is {}", before.root));
    }
    let mut one_by_one = Tree::empty();
    for key in &keys {
        one_by_one.insert(key, leaf).map_err(mst_err("insert"))?;
    }
    if one_by_one.root_cid() != root_before {
        return Err(format!("inserted root before is {}", one_by_one.root_cid()));
    }

    // The commit, applied to the stored tree as a producer would.
    let mut tree = Tree::load(root_before, |c| before.blocks.get(c).map(Vec::as_slice))
        .map_err(mst_err("load before"))?;
    for key in &adds {
        if tree.insert(key, leaf).map_err(mst_err("add"))?.is_some() {
            return Err(format!("add of `{key}`, which was already there"));
        }
    }
    for key in &dels {
        if tree.remove(key).map_err(mst_err("delete"))? != Some(leaf) {
            return Err(format!("delete of `{key}`, which did not hold the leaf"));
        }
    }
    if tree.root_cid() != root_after {
        return Err(format!("root after is {}", tree.root_cid()));
    }
    let after_keys: BTreeSet<&str> = keys
        .iter()
        .chain(&adds)
        .filter(|k| !dels.contains(k))
        .copied()
        .collect();
    let after = mst::build(after_keys.iter().map(|k| (*k, leaf)));
    if after.root != root_after {
        return Err(format!("built root after is {}", after.root));
    }

    // The proof the producer ships.
    let ops: Vec<Op> = adds
        .iter()
        .map(|k| Op::create(*k, leaf))
        .chain(dels.iter().map(|k| Op::delete(*k, leaf)))
        .collect();
    let proof = mst::proof_blocks(&root_after, ops.iter().map(|op| op.path.as_str()), |c| {
        after.blocks.get(c).map(Vec::as_slice)
    })
    .map_err(mst_err("proof"))?;
    if proof != expected_proof {
        let missing: Vec<String> = expected_proof
            .difference(&proof)
            .map(Cid::to_string)
            .collect();
        let extra: Vec<String> = proof
            .difference(&expected_proof)
            .map(Cid::to_string)
            .collect();
        return Err(format!("proof lacks {missing:?} and has extra {extra:?}"));
    }
    let shipped: BTreeMap<Cid, &[u8]> = proof
        .iter()
        .filter_map(|c| after.blocks.get(c).map(|b| (*c, b.as_slice())))
        .collect();
    let bytes = car::write(&[root_after], shipped.iter().map(|(c, b)| (*c, *b)));

    // The consumer: only the CAR's blocks, the ops, and the commit's two roots.
    let car = Car::read(&bytes).map_err(|e| format!("CAR: {e}"))?;
    if car.len() != expected_proof.len() {
        return Err(format!("CAR holds {} blocks", car.len()));
    }
    mst::verify_ops(&root_after, &root_before, &ops, |c| car.get(c))
        .map_err(mst_err("inversion"))?;
    match mst::verify_ops(&root_after, &root_after, &ops, |c| car.get(c)) {
        Err(MstError::PrevData { .. }) => Ok(()),
        other => Err(format!("a wrong prevData gave {other:?}")),
    }
}
