//! Merkle Search Trees, the key -> CID index of an atproto repository: proof checking
//! (root CID + blocks -> the record CID under a key), building (sorted pairs -> nodes),
//! editing a possibly partial tree ([`Tree`]), covering proofs ([`proof_blocks`]) and the
//! sync v1.1 commit check ([`verify_ops`]: undo a commit's ops on its blocks -> `prevData`).
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

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use crate::cid::Cid;
use crate::value::{Map, Value};

mod invert;
mod proof;
mod tree;

pub use invert::{verify_ops, Op};
pub use proof::proof_blocks;
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

/// One decoded node.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Node {
    left: Option<Cid>,
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    key: Vec<u8>,
    value: Cid,
    tree: Option<Cid>,
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

/// The common layer of a node's keys (`None` for a node without entries).
fn node_layer(cid: &Cid, node: &Node) -> Result<Option<u32>, MstError> {
    let mut layer = None;
    for entry in &node.entries {
        let depth = key_depth(&entry.key);
        match layer {
            None => layer = Some(depth),
            Some(l) if l != depth => {
                return Err(MstError::Inconsistent {
                    cid: *cid,
                    reason: "keys from different layers share a node".into(),
                })
            }
            Some(_) => {}
        }
    }
    Ok(layer)
}

fn decode_node(cid: &Cid, bytes: &[u8]) -> Result<Node, MstError> {
    let malformed = |reason: &str| MstError::Malformed {
        cid: *cid,
        reason: reason.to_owned(),
    };
    let value = crate::cbor::decode(bytes).map_err(|e| malformed(&e.to_string()))?;
    let Value::Map(map) = value else {
        return Err(malformed("not a map"));
    };
    let left = optional_link(&map, "l").ok_or_else(|| malformed("`l` is not a link or null"))?;
    let Some(raw_entries) = map.get("e").and_then(Value::as_array) else {
        return Err(malformed("`e` is not a list"));
    };
    let mut entries: Vec<Entry> = Vec::with_capacity(raw_entries.len());
    for raw in raw_entries {
        let Some(e) = raw.as_map() else {
            return Err(malformed("an entry is not a map"));
        };
        let prefix = e
            .get("p")
            .and_then(Value::as_integer)
            .and_then(|p| usize::try_from(p).ok())
            .ok_or_else(|| malformed("`p` is not a non-negative integer"))?;
        let suffix = e
            .get("k")
            .and_then(Value::as_bytes)
            .ok_or_else(|| malformed("`k` is not bytes"))?;
        let value = *e
            .get("v")
            .and_then(Value::as_link)
            .ok_or_else(|| malformed("`v` is not a link"))?;
        let tree = optional_link(e, "t").ok_or_else(|| malformed("`t` is not a link or null"))?;
        let previous: &[u8] = entries.last().map(|p| p.key.as_slice()).unwrap_or(&[]);
        let Some(shared) = previous.get(..prefix) else {
            return Err(MstError::Inconsistent {
                cid: *cid,
                reason: "prefix length is longer than the previous key".into(),
            });
        };
        let mut key = Vec::with_capacity(prefix + suffix.len());
        key.extend_from_slice(shared);
        key.extend_from_slice(suffix);
        if entries.last().is_some_and(|p| p.key >= key) {
            return Err(MstError::Inconsistent {
                cid: *cid,
                reason: "entries are not in strictly increasing key order".into(),
            });
        }
        entries.push(Entry { key, value, tree });
    }
    Ok(Node { left, entries })
}

/// `Some(None)` for null, `Some(Some(cid))` for a link, `None` for anything else. A missing
/// key counts as null: the spec writes null explicitly, but absence carries no other meaning.
fn optional_link(map: &Map, key: &str) -> Option<Option<Cid>> {
    match map.get(key) {
        None | Some(Value::Null) => Some(None),
        Some(Value::Link(c)) => Some(Some(**c)),
        Some(_) => None,
    }
}

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

/// Length in bytes of the prefix `a` and `b` share (what an entry's `p` records).
pub fn common_prefix_len(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// Encodes a node from its left link and `(key, value, right link)` entries, in key order.
///
/// Writes DAG-CBOR directly rather than through [`Value`]: re-encoding the nodes an edit
/// touched is most of what checking a commit costs. Map keys are in DAG-CBOR order (all
/// one byte long, so bytewise): `e` < `l`, and `k` < `p` < `t` < `v`.
fn encode_node<'k>(
    left: Option<Cid>,
    entries: impl ExactSizeIterator<Item = (&'k [u8], Cid, Option<Cid>)>,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + entries.len() * 96);
    out.push(0xa2);
    out.extend_from_slice(b"\x61e");
    cbor_head(&mut out, 4, entries.len() as u64);
    let mut previous: &[u8] = &[];
    for (key, value, tree) in entries {
        let shared = common_prefix_len(previous, key);
        let suffix = key.get(shared..).unwrap_or_default();
        out.push(0xa4);
        out.extend_from_slice(b"\x61k");
        cbor_head(&mut out, 2, suffix.len() as u64);
        out.extend_from_slice(suffix);
        out.extend_from_slice(b"\x61p");
        cbor_head(&mut out, 0, shared as u64);
        out.extend_from_slice(b"\x61t");
        cbor_link_or_null(&mut out, tree.as_ref());
        out.extend_from_slice(b"\x61v");
        cbor_link_or_null(&mut out, Some(&value));
        previous = key;
    }
    out.extend_from_slice(b"\x61l");
    cbor_link_or_null(&mut out, left.as_ref());
    out
}

/// A CBOR head in its shortest form, as DAG-CBOR requires.
fn cbor_head(out: &mut Vec<u8>, major: u8, n: u64) {
    let major = major << 5;
    match n {
        0..=23 => out.push(major | n as u8),
        24..=0xff => out.extend_from_slice(&[major | 24, n as u8]),
        0x100..=0xffff => {
            out.push(major | 25);
            out.extend_from_slice(&(n as u16).to_be_bytes());
        }
        0x1_0000..=0xffff_ffff => {
            out.push(major | 26);
            out.extend_from_slice(&(n as u32).to_be_bytes());
        }
        _ => {
            out.push(major | 27);
            out.extend_from_slice(&n.to_be_bytes());
        }
    }
}

/// A link (tag 42, bytes `0x00 || cid`) or null.
fn cbor_link_or_null(out: &mut Vec<u8>, cid: Option<&Cid>) {
    let Some(cid) = cid else {
        out.push(0xf6);
        return;
    };
    let bytes = cid.as_bytes();
    out.extend_from_slice(&[0xd8, 42]);
    cbor_head(out, 2, bytes.len() as u64 + 1);
    out.push(0);
    out.extend_from_slice(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value_for(i: usize) -> Cid {
        Cid::for_dag_cbor(format!("record {i}").as_bytes())
    }

    fn keys(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("com.atproto.lexicon.schema/com.example.n{i}.thing{}", i * 7))
            .collect()
    }

    #[test]
    fn depth_matches_the_spec_examples() {
        // Examples from the atproto repository spec.
        assert_eq!(key_depth(b"2653ae71"), 0);
        assert_eq!(key_depth(b"blue"), 1);
        assert_eq!(key_depth(b"app.bsky.feed.post/454397e440ec"), 4);
        assert_eq!(key_depth(b"app.bsky.feed.post/9adeb165882c"), 8);
    }

    /// A node's entries as `(key, value, right link)`.
    type Entries = Vec<(Vec<u8>, Cid, Option<Cid>)>;

    /// The node encoding spelled out through `Value` and the general encoder.
    fn encode_node_via_value(left: Option<Cid>, entries: &Entries) -> Vec<u8> {
        let link = |c: Option<Cid>| c.map_or(Value::Null, |c| Value::Link(Box::new(c)));
        let mut previous: &[u8] = &[];
        let mut list = Vec::new();
        for (key, value, tree) in entries {
            let shared = common_prefix_len(previous, key);
            let mut e = Map::new();
            e.insert("p", Value::Integer(shared as i64));
            e.insert("k", Value::Bytes(key[shared..].to_vec()));
            e.insert("v", Value::Link(Box::new(*value)));
            e.insert("t", link(*tree));
            list.push(Value::Map(e));
            previous = key;
        }
        let mut node = Map::new();
        node.insert("l", link(left));
        node.insert("e", Value::Array(list));
        crate::cbor::encode(&Value::Map(node))
    }

    #[test]
    fn direct_node_encoding_matches_the_general_encoder() {
        let long = vec![b'x'; 70_000];
        let cases: Vec<(Option<Cid>, Entries)> = vec![
            (None, vec![]),
            (Some(value_for(1)), vec![]),
            (
                None,
                (0..30)
                    .map(|i| {
                        let key = format!("app.bsky.feed.like/{i:04}").into_bytes();
                        (key, value_for(i), (i % 3 == 0).then(|| value_for(i + 100)))
                    })
                    .collect(),
            ),
            (
                Some(value_for(2)),
                vec![
                    (b"a".repeat(30), value_for(3), None),
                    (b"a".repeat(300), value_for(4), Some(value_for(5))),
                    (long, value_for(6), None),
                ],
            ),
        ];
        for (left, entries) in cases {
            let direct = encode_node(left, entries.iter().map(|(k, v, t)| (k.as_slice(), *v, *t)));
            assert_eq!(direct, encode_node_via_value(left, &entries));
        }
    }

    #[test]
    fn common_prefixes_count_bytes() {
        assert_eq!(common_prefix_len(b"", b"abc"), 0);
        assert_eq!(common_prefix_len(b"abc", b"abc"), 3);
        assert_eq!(common_prefix_len(b"abcde", b"abc1"), 3);
        assert_eq!(common_prefix_len(b"abc\0", b"abc"), 3);
        // Bytes, not characters: "é" and "è" share their first UTF-8 byte.
        assert_eq!(common_prefix_len("é".as_bytes(), "è".as_bytes()), 1);
    }

    #[test]
    fn empty_tree_matches_the_known_cid() {
        // The empty MST node `{"e": [], "l": null}` from the spec's interop vectors.
        let built = build(Vec::<(String, Cid)>::new());
        assert_eq!(
            built.root.to_string(),
            "bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm"
        );
    }

    #[test]
    fn build_and_prove_round_trips() {
        for n in [1usize, 2, 3, 5, 17, 64, 257, 1000] {
            let ks = keys(n);
            let built = build(
                ks.iter()
                    .enumerate()
                    .map(|(i, k)| (k.clone(), value_for(i))),
            );
            for (i, k) in ks.iter().enumerate() {
                let got = prove(&built.root, k, |c| built.blocks.get(c).map(Vec::as_slice));
                assert_eq!(got, Ok(value_for(i)), "n={n} key={k}");
                // The path alone is enough.
                let path: BTreeMap<Cid, Vec<u8>> = built.path_blocks(k).into_iter().collect();
                let got = prove(&built.root, k, |c| path.get(c).map(Vec::as_slice));
                assert_eq!(got, Ok(value_for(i)), "path only, n={n} key={k}");
            }
            let absent = prove(&built.root, "com.atproto.lexicon.schema/zzz", |c| {
                built.blocks.get(c).map(Vec::as_slice)
            });
            assert!(
                matches!(absent, Err(MstError::NotFound { .. })),
                "{absent:?}"
            );
        }
    }

    #[test]
    fn building_is_order_independent() {
        let ks = keys(100);
        let a = build(
            ks.iter()
                .enumerate()
                .map(|(i, k)| (k.clone(), value_for(i))),
        );
        let b = build(
            ks.iter()
                .enumerate()
                .rev()
                .map(|(i, k)| (k.clone(), value_for(i))),
        );
        assert_eq!(a.root, b.root);
    }

    #[test]
    fn known_tree_shapes() {
        // From the spec's interop examples: one key at layer 0.
        let cid: Cid = "bafyreie5cvv4h45feadgeuwhbcutmh6t2ceseocckahdoe6uat64zmz454"
            .parse()
            .unwrap();
        let built = build([("com.example.record/3jqfcqzm3fo2j", cid)]);
        assert_eq!(
            built.root.to_string(),
            "bafyreibj4lsc3aqnrvphp5xmrnfoorvru4wynt6lwidqbm2623a6tatzdu"
        );
    }

    #[test]
    fn roots_match_the_typescript_implementation() {
        // Computed with @atproto/repo's `MST.add` over the same keys and values.
        for (n, root) in [
            (
                64,
                "bafyreicszoqbftux2xuodg63n7jmflkp4ppsqlx2qrc43vztk2yyim4l7a",
            ),
            (
                1000,
                "bafyreieyvtz6cho3oywgsv6fcrfijixgmk6rdo373vxd4eiro3abjrtpbe",
            ),
        ] {
            let ks = keys(n);
            let built = build(
                ks.iter()
                    .enumerate()
                    .map(|(i, k)| (k.clone(), value_for(i))),
            );
            assert_eq!(built.root.to_string(), root, "n={n}");
        }
    }

    #[test]
    fn missing_nodes_and_tampering_are_reported() {
        let ks = keys(300);
        let built = build(
            ks.iter()
                .enumerate()
                .map(|(i, k)| (k.clone(), value_for(i))),
        );
        let k = &ks[150];
        let path = built.path_blocks(k);
        assert!(path.len() > 1);
        // Drop the last node of the path.
        let short: BTreeMap<Cid, Vec<u8>> = path[..path.len() - 1].iter().cloned().collect();
        let got = prove(&built.root, k, |c| short.get(c).map(Vec::as_slice));
        assert!(matches!(got, Err(MstError::MissingNode { .. })), "{got:?}");
        // A node that is not an MST node.
        let junk = crate::cbor::encode(&Value::Integer(1));
        let got = prove(&built.root, k, |_| Some(junk.as_slice()));
        assert!(matches!(got, Err(MstError::Malformed { .. })), "{got:?}");
        // A self-referencing node must not loop forever.
        let mut n = Map::new();
        n.insert("l", Value::Link(Box::new(built.root)));
        n.insert("e", Value::Array(vec![]));
        let looping = crate::cbor::encode(&Value::Map(n));
        let got = prove(&built.root, k, |_| Some(looping.as_slice()));
        assert!(got.is_err());
    }

    #[test]
    fn hostile_blocks_never_panic() {
        // A small xorshift generator: deterministic pseudo-random nodes and CARs.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let built = build(
            keys(50)
                .into_iter()
                .enumerate()
                .map(|(i, k)| (k, value_for(i))),
        );
        let blocks: Vec<Vec<u8>> = built.blocks.values().cloned().collect();
        for _ in 0..2000 {
            let mut bytes = blocks[(next() % blocks.len() as u64) as usize].clone();
            for _ in 0..(next() % 4 + 1) {
                let i = (next() % bytes.len() as u64) as usize;
                bytes[i] = next() as u8;
            }
            let cid = Cid::for_dag_cbor(&bytes);
            let _ = prove(&cid, "com.atproto.lexicon.schema/a.b.c", |_| {
                Some(bytes.as_slice())
            });
            let _ = crate::commit::Commit::decode(&bytes);
            let car = crate::car::write(&[cid], [(cid, bytes.as_slice())]);
            let _ = crate::car::Car::read(&car);
            let mut junk = car.clone();
            let i = (next() % junk.len() as u64) as usize;
            junk[i] = next() as u8;
            let _ = crate::car::Car::read(&junk);
        }
    }

    #[test]
    fn mixed_layers_are_rejected() {
        // Two keys of different layers forced into one node.
        let (mut a, mut b) = (None, None);
        for i in 0.. {
            let k = format!("k{i}");
            match key_depth(k.as_bytes()) {
                0 if a.is_none() => a = Some(k),
                1 if b.is_none() => b = Some(k),
                _ => {}
            }
            if a.is_some() && b.is_some() {
                break;
            }
        }
        let (a, b) = (a.unwrap(), b.unwrap());
        let mut entries = [
            (a.clone().into_bytes(), value_for(0), None),
            (b.clone().into_bytes(), value_for(1), None),
        ];
        entries.sort();
        let bytes = encode_node(None, entries.iter().map(|(k, v, t)| (k.as_slice(), *v, *t)));
        let root = Cid::for_dag_cbor(&bytes);
        let got = prove(&root, &a, |_| Some(bytes.as_slice()));
        assert!(matches!(got, Err(MstError::Inconsistent { .. })), "{got:?}");
    }
}
