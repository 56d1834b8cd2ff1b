//! One MST node's wire form: DAG-CBOR bytes -> [`Node`] (shape, key order and prefix
//! lengths checked) and back, and the layer its keys share.

use super::{common_prefix_len, key_depth, MstError};
use crate::cid::Cid;
use crate::value::{Map, Value};

/// One decoded node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Node {
    pub(super) left: Option<Cid>,
    pub(super) entries: Vec<Entry>,
}

/// One entry of a node, its key in full (the prefix compression undone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    pub(super) key: Vec<u8>,
    pub(super) value: Cid,
    pub(super) tree: Option<Cid>,
}

/// The common layer of a node's keys (`None` for a node without entries).
pub(super) fn node_layer(cid: &Cid, node: &Node) -> Result<Option<u32>, MstError> {
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

/// Decodes and checks the node stored under `cid`.
pub(super) fn decode_node(cid: &Cid, bytes: &[u8]) -> Result<Node, MstError> {
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

/// Encodes a node from its left link and `(key, value, right link)` entries, in key order.
///
/// Writes DAG-CBOR directly rather than through [`Value`]: re-encoding the nodes an edit
/// touched is most of what checking a commit costs. Map keys are in DAG-CBOR order (all
/// one byte long, so bytewise): `e` < `l`, and `k` < `p` < `t` < `v`.
pub(super) fn encode_node<'k>(
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
