//! Editing against building: any insert/remove order gives the built tree; covering
//! proofs; missing nodes, non-canonical nodes and hostile blocks.

use std::collections::BTreeMap;

use super::*;
use crate::mst::build;

/// Deterministic xorshift, so failures replay.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

pub(crate) fn key(i: usize) -> String {
    format!("app.bsky.feed.post/{i:013}")
}

pub(crate) fn value(i: usize) -> Cid {
    Cid::for_dag_cbor(format!("record {i}").as_bytes())
}

fn lookup<'b>(blocks: &'b BTreeMap<Cid, Vec<u8>>) -> impl Fn(&Cid) -> Option<&'b [u8]> + 'b {
    |c| blocks.get(c).map(Vec::as_slice)
}

#[test]
fn inserting_in_any_order_gives_the_built_tree() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for n in [0usize, 1, 2, 3, 10, 64, 300, 1000] {
        let mut order: Vec<usize> = (0..n).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let mut tree = Tree::empty();
        for &i in &order {
            assert_eq!(tree.insert(&key(i), value(i)), Ok(None));
        }
        let built = build((0..n).map(|i| (key(i), value(i))));
        assert_eq!(tree.root_cid(), built.root, "n={n}");
        for i in 0..n {
            assert_eq!(tree.get(&key(i)), Ok(Some(value(i))));
        }
        assert_eq!(tree.get("app.bsky.feed.post/zzz"), Ok(None));
        // Replacing returns the old value and changes the root.
        if n > 0 {
            assert_eq!(tree.insert(&key(0), value(n)), Ok(Some(value(0))));
            assert_ne!(tree.root_cid(), built.root);
        }
    }
}

#[test]
fn removing_gives_the_built_tree_of_what_is_left() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let n = 400;
    let built = build((0..n).map(|i| (key(i), value(i))));
    let mut tree = Tree::load(built.root, lookup(&built.blocks)).unwrap();
    let mut left: BTreeMap<usize, ()> = (0..n).map(|i| (i, ())).collect();
    while !left.is_empty() {
        let Some((&i, _)) = left.iter().nth(rng.below(left.len())) else {
            break;
        };
        left.remove(&i);
        assert_eq!(tree.remove(&key(i)), Ok(Some(value(i))));
        assert_eq!(tree.remove(&key(i)), Ok(None));
        if left.len() % 37 == 0 {
            let expected = build(left.keys().map(|&j| (key(j), value(j))));
            assert_eq!(tree.root_cid(), expected.root, "{} left", left.len());
        }
    }
    assert_eq!(tree.root_cid(), build(Vec::<(String, Cid)>::new()).root);
    // The emptied tree grows again like a new one.
    tree.insert(&key(7), value(7)).unwrap();
    assert_eq!(tree.root_cid(), build([(key(7), value(7))]).root);
}

#[test]
fn covering_proofs_are_paths_and_neighbour_edges() {
    let n = 200;
    let built = build((0..n).map(|i| (key(i), value(i))));
    let mut tree = Tree::load(built.root, lookup(&built.blocks)).unwrap();
    for i in [0, 1, 57, 199] {
        let proof = tree.covering_proof(&key(i)).unwrap();
        let path: BTreeSet<Cid> = built
            .path_blocks(&key(i))
            .into_iter()
            .map(|b| b.0)
            .collect();
        assert!(proof.is_superset(&path), "key {i}");
        assert!(proof.contains(&built.root));
        // The proof alone is enough to find the key and to remove it.
        let only: BTreeMap<Cid, Vec<u8>> = built
            .blocks
            .iter()
            .filter(|(c, _)| proof.contains(c))
            .map(|(c, b)| (*c, b.clone()))
            .collect();
        let mut partial = Tree::load(built.root, lookup(&only)).unwrap();
        assert_eq!(partial.get(&key(i)), Ok(Some(value(i))));
        assert_eq!(partial.remove(&key(i)), Ok(Some(value(i))));
        let expected = build((0..n).filter(|&j| j != i).map(|j| (key(j), value(j))));
        assert_eq!(partial.root_cid(), expected.root, "key {i}");
    }
    // An absent key is proven by its search path alone.
    let absent = "app.bsky.feed.post/0000000000050x";
    let proof = tree.covering_proof(absent).unwrap();
    let path: BTreeSet<Cid> = built.path_blocks(absent).into_iter().map(|b| b.0).collect();
    assert_eq!(proof, path);
}

#[test]
fn edits_past_the_blocks_report_the_missing_node() {
    let n = 300;
    let built = build((0..n).map(|i| (key(i), value(i))));
    let root_only: BTreeMap<Cid, Vec<u8>> = built
        .blocks
        .iter()
        .filter(|(c, _)| **c == built.root)
        .map(|(c, b)| (*c, b.clone()))
        .collect();
    let mut tree = Tree::load(built.root, lookup(&root_only)).unwrap();
    let deep = (0..n).find(|&i| key_depth(key(i).as_bytes()) == 0).unwrap();
    assert!(matches!(
        tree.get(&key(deep)),
        Err(MstError::MissingNode { .. })
    ));
    assert!(matches!(
        tree.remove(&key(deep)),
        Err(MstError::MissingNode { .. })
    ));
    assert!(matches!(
        Tree::load(value(0), lookup(&root_only)),
        Err(MstError::MissingNode { .. })
    ));
}

#[test]
fn non_canonical_nodes_are_refused() {
    let layer0 = (0..)
        .map(key)
        .find(|k| key_depth(k.as_bytes()) == 0)
        .unwrap();
    let leaf = encode_node(None, [(layer0.as_bytes(), value(0), None)].into_iter());
    let leaf_cid = Cid::for_dag_cbor(&leaf);
    // A root with a subtree but no keys.
    let hollow = encode_node(Some(leaf_cid), std::iter::empty());
    let hollow_cid = Cid::for_dag_cbor(&hollow);
    let blocks: BTreeMap<Cid, Vec<u8>> = [(leaf_cid, leaf.clone()), (hollow_cid, hollow)].into();
    assert!(matches!(
        Tree::load(hollow_cid, lookup(&blocks)),
        Err(MstError::Inconsistent { .. })
    ));
    // A layer-0 key with a subtree.
    let bad = encode_node(
        None,
        [(layer0.as_bytes(), value(0), Some(leaf_cid))].into_iter(),
    );
    let bad_cid = Cid::for_dag_cbor(&bad);
    let blocks: BTreeMap<Cid, Vec<u8>> = [(leaf_cid, leaf), (bad_cid, bad)].into();
    assert!(matches!(
        Tree::load(bad_cid, lookup(&blocks)),
        Err(MstError::Inconsistent { .. })
    ));
}

#[test]
fn hostile_blocks_never_panic() {
    let mut rng = Rng(0x51_7cc1_b727_220a);
    let built = build((0..60).map(|i| (key(i), value(i))));
    let originals: Vec<(Cid, Vec<u8>)> =
        built.blocks.iter().map(|(c, b)| (*c, b.clone())).collect();
    for _ in 0..1500 {
        // Corrupt one node but file it under its original CID, as a lying source would.
        let mut blocks = built.blocks.clone();
        let (cid, mut bytes) = originals[rng.below(originals.len())].clone();
        for _ in 0..=rng.below(3) {
            let i = rng.below(bytes.len());
            bytes[i] = rng.next() as u8;
        }
        blocks.insert(cid, bytes);
        let Ok(mut tree) = Tree::load(built.root, lookup(&blocks)) else {
            continue;
        };
        for _ in 0..8 {
            let k = key(rng.below(80));
            let _ = match rng.below(4) {
                0 => tree.get(&k).map(|_| ()),
                1 => tree.remove(&k).map(|_| ()),
                2 => tree.covering_proof(&k).map(|_| ()),
                _ => tree.insert(&k, value(1)).map(|_| ()),
            };
        }
        let _ = tree.root_cid();
    }
}
