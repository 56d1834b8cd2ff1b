//! Building an MST from scratch: key/value pairs -> every node block and the root CID.

use std::collections::BTreeMap;

use super::key_depth;
use super::node::{decode_node, encode_node};
use crate::cid::Cid;

/// A built tree: the root CID and every node block by CID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Built {
    /// CID of the root node.
    pub root: Cid,
    /// Every node, encoded, by CID.
    pub blocks: BTreeMap<Cid, Vec<u8>>,
}

impl Built {
    /// The blocks a proof for `key` needs: the nodes on the path from the root.
    pub fn path_blocks(&self, key: &str) -> Vec<(Cid, Vec<u8>)> {
        let target = key.as_bytes();
        let mut out = Vec::new();
        let mut cid = Some(self.root);
        while let Some(c) = cid {
            let Some(bytes) = self.blocks.get(&c) else {
                break;
            };
            out.push((c, bytes.clone()));
            let Ok(node) = decode_node(&c, bytes) else {
                break;
            };
            let mut next = node.left;
            let mut found = false;
            for entry in &node.entries {
                match entry.key.as_slice().cmp(target) {
                    std::cmp::Ordering::Equal => found = true,
                    std::cmp::Ordering::Less => next = entry.tree,
                    std::cmp::Ordering::Greater => break,
                }
                if found {
                    break;
                }
            }
            cid = if found { None } else { next };
        }
        out
    }
}

/// Builds the MST holding `pairs` (keys need not be sorted; the last value of a repeated
/// key wins).
pub fn build<K: AsRef<str>>(pairs: impl IntoIterator<Item = (K, Cid)>) -> Built {
    let sorted: BTreeMap<Vec<u8>, Cid> = pairs
        .into_iter()
        .map(|(k, v)| (k.as_ref().as_bytes().to_vec(), v))
        .collect();
    let items: Vec<(Vec<u8>, Cid, u32)> = sorted
        .into_iter()
        .map(|(k, v)| {
            let d = key_depth(&k);
            (k, v, d)
        })
        .collect();
    let top = items.iter().map(|i| i.2).max().unwrap_or(0);
    let mut blocks = BTreeMap::new();
    let root = build_layer(&items, top, &mut blocks);
    Built { root, blocks }
}

/// Builds the node for `items` on `layer` and returns its CID.
fn build_layer(
    items: &[(Vec<u8>, Cid, u32)],
    layer: u32,
    blocks: &mut BTreeMap<Cid, Vec<u8>>,
) -> Cid {
    // Split the items at this layer's keys; the runs between them become subtrees.
    let mut left = None;
    let mut entries: Vec<(Vec<u8>, Cid, Option<Cid>)> = Vec::new();
    let mut run_start = 0;
    let flush = |run: &[(Vec<u8>, Cid, u32)],
                 entries: &mut Vec<(Vec<u8>, Cid, Option<Cid>)>,
                 left: &mut Option<Cid>,
                 blocks: &mut BTreeMap<Cid, Vec<u8>>| {
        if run.is_empty() || layer == 0 {
            return;
        }
        let sub = build_layer(run, layer - 1, blocks);
        match entries.last_mut() {
            Some(last) => last.2 = Some(sub),
            None => *left = Some(sub),
        }
    };
    for (i, item) in items.iter().enumerate() {
        if item.2 == layer {
            flush(
                items.get(run_start..i).unwrap_or_default(),
                &mut entries,
                &mut left,
                blocks,
            );
            entries.push((item.0.clone(), item.1, None));
            run_start = i + 1;
        }
    }
    flush(
        items.get(run_start..).unwrap_or_default(),
        &mut entries,
        &mut left,
        blocks,
    );
    let bytes = encode_node(left, entries.iter().map(|(k, v, t)| (k.as_slice(), *v, *t)));
    let cid = Cid::for_dag_cbor(&bytes);
    blocks.insert(cid, bytes);
    cid
}
