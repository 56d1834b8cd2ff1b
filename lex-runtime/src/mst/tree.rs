//! An editable MST over a possibly partial set of blocks: a root CID + block lookup ->
//! [`Tree`] -> inserts, removals, lookups -> the new root CID.
//!
//! Nodes are decoded only when an operation reaches them. A tree loaded from a commit's
//! proof blocks can therefore be edited exactly as far as the proof reaches; an edit that
//! needs a node the blocks lack fails with [`MstError::MissingNode`]. Untouched subtrees
//! stay CIDs, so recomputing the root hashes only the nodes an edit changed.
//!
//! The tree is kept canonical after every edit (the shape depends only on the keys):
//! inserting a key splits the subtree it lands in, removing one merges the two subtrees
//! beside it, the root grows and shrinks a layer at a time, and a node below the root that
//! has no keys is kept only while it still leads to a subtree.

use std::collections::BTreeSet;

use super::node::{decode_node, encode_node, node_layer};
use super::{key_depth, MstError};
use crate::cid::Cid;

/// Block lookup: the verified bytes of a block, or `None` when the block set lacks it.
type Get<'a> = Box<dyn Fn(&Cid) -> Option<&'a [u8]> + 'a>;

/// An MST being edited; see the module docs.
///
/// After an operation returns an error the tree may hold part of that edit: discard it.
pub struct Tree<'a> {
    root: Node,
    get: Get<'a>,
}

impl std::fmt::Debug for Tree<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tree")
            .field("root_layer", &self.root.layer)
            .field("root_entries", &self.root.entries.len())
            .finish_non_exhaustive()
    }
}

#[derive(Debug)]
struct Node {
    layer: u32,
    left: Option<Child>,
    entries: Vec<Entry>,
    /// The node's CID while it matches its block; `None` once edited.
    cid: Option<Cid>,
}

#[derive(Debug)]
struct Entry {
    key: Vec<u8>,
    value: Cid,
    right: Option<Child>,
}

#[derive(Debug)]
enum Child {
    /// Not decoded yet.
    Stub(Cid),
    Node(Box<Node>),
}

impl Node {
    fn empty(layer: u32) -> Node {
        Node {
            layer,
            left: None,
            entries: Vec::new(),
            cid: None,
        }
    }

    fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.left.is_none()
    }

    /// Index of the first entry whose key is not below `key`.
    fn position(&self, key: &[u8]) -> usize {
        self.entries.partition_point(|e| e.key.as_slice() < key)
    }

    fn holds(&self, i: usize, key: &[u8]) -> bool {
        self.entries.get(i).is_some_and(|e| e.key == key)
    }

    /// The subtree slot before entry `i`: keys between entry `i - 1` and entry `i`.
    fn gap_mut(&mut self, i: usize) -> &mut Option<Child> {
        match i.checked_sub(1).and_then(|j| self.entries.get_mut(j)) {
            Some(entry) => &mut entry.right,
            None => &mut self.left,
        }
    }

    /// The subtree slot after the last entry.
    fn last_gap_mut(&mut self) -> &mut Option<Child> {
        match self.entries.last_mut() {
            Some(entry) => &mut entry.right,
            None => &mut self.left,
        }
    }

    /// Decodes block `cid`; `layer` is where its parent puts it (`None` for the root).
    fn decode(cid: Cid, bytes: &[u8], layer: Option<u32>) -> Result<Node, MstError> {
        let inconsistent = |reason: &str| MstError::Inconsistent {
            cid,
            reason: reason.to_owned(),
        };
        let raw = decode_node(&cid, bytes)?;
        let layer = match (node_layer(&cid, &raw)?, layer) {
            (Some(own), Some(expected)) if own != expected => {
                return Err(inconsistent(&format!(
                    "keys of layer {own} in a node on layer {expected}"
                )))
            }
            (Some(own), _) => own,
            (None, Some(_)) if raw.left.is_none() => {
                return Err(inconsistent("a node below the root is empty"))
            }
            (None, Some(expected)) => expected,
            // Canonical trees drop a key-less root in favour of its subtree.
            (None, None) if raw.left.is_some() => {
                return Err(inconsistent("the root has a subtree but no keys"))
            }
            (None, None) => 0,
        };
        let has_subtree = raw.left.is_some() || raw.entries.iter().any(|e| e.tree.is_some());
        if layer == 0 && has_subtree {
            return Err(inconsistent("a node on layer 0 has a subtree"));
        }
        Ok(Node {
            layer,
            left: raw.left.map(Child::Stub),
            entries: raw
                .entries
                .into_iter()
                .map(|e| Entry {
                    key: e.key,
                    value: e.value,
                    right: e.tree.map(Child::Stub),
                })
                .collect(),
            cid: Some(cid),
        })
    }
}

/// The layer below `layer`; a subtree under layer 0 cannot exist (decoding refuses it).
fn below(layer: u32) -> u32 {
    layer.saturating_sub(1)
}

impl<'a> Tree<'a> {
    /// An empty tree.
    pub fn empty() -> Tree<'a> {
        Tree {
            root: Node::empty(0),
            get: Box::new(|_| None),
        }
    }

    /// The tree rooted at `root`, reading nodes through `get` (which must return bytes that
    /// hash to the CID asked for, as [`crate::car::Car::get`] does).
    pub fn load(
        root: Cid,
        get: impl Fn(&Cid) -> Option<&'a [u8]> + 'a,
    ) -> Result<Tree<'a>, MstError> {
        let bytes = get(&root).ok_or(MstError::MissingNode { cid: root })?;
        let root = Node::decode(root, bytes, None)?;
        Ok(Tree {
            root,
            get: Box::new(get),
        })
    }

    /// The value under `key`, or `None` when the tree does not hold it.
    pub fn get(&mut self, key: &str) -> Result<Option<Cid>, MstError> {
        let key = key.as_bytes();
        let get = &self.get;
        let mut node = &mut self.root;
        loop {
            let i = node.position(key);
            if let Some(entry) = node.entries.get(i).filter(|e| e.key == key) {
                return Ok(Some(entry.value));
            }
            let layer = below(node.layer);
            match node.gap_mut(i) {
                Some(child) => node = load(child, layer, get)?,
                None => return Ok(None),
            }
        }
    }

    /// Sets `key` to `value`; returns the value it replaced.
    pub fn insert(&mut self, key: &str, value: Cid) -> Result<Option<Cid>, MstError> {
        let key = key.as_bytes();
        let depth = key_depth(key);
        if self.root.is_empty() {
            self.root.layer = depth;
        }
        // A key above the root raises the tree: the old root becomes the leftmost subtree.
        while self.root.layer < depth {
            let layer = self.root.layer + 1;
            let old = std::mem::replace(&mut self.root, Node::empty(layer));
            self.root.left = Some(Child::Node(Box::new(old)));
        }
        insert_into(&mut self.root, key, depth, value, &self.get)
    }

    /// Removes `key`; returns the value it held, or `None` when it was absent.
    pub fn remove(&mut self, key: &str) -> Result<Option<Cid>, MstError> {
        let removed = remove_from(&mut self.root, key.as_bytes(), &self.get)?;
        // A root left without keys gives way to its subtree, layer by layer.
        while self.root.entries.is_empty() {
            let layer = below(self.root.layer);
            let Some(child) = self.root.left.as_mut() else {
                self.root.layer = 0;
                break;
            };
            load(child, layer, &self.get)?;
            match self.root.left.take() {
                Some(Child::Node(node)) => self.root = *node,
                other => {
                    self.root.left = other;
                    break;
                }
            }
        }
        Ok(removed)
    }

    /// The CID of the root node as the tree stands now.
    pub fn root_cid(&mut self) -> Cid {
        node_cid(&mut self.root)
    }

    /// The nodes that prove `key` present or absent, plus those needed to undo adding or
    /// removing it: the path from the root and, when the key is present, the inner edges
    /// of the subtrees on either side of it (which a removal merges).
    pub fn covering_proof(&mut self, key: &str) -> Result<BTreeSet<Cid>, MstError> {
        node_cid(&mut self.root);
        let key = key.as_bytes();
        let get = &self.get;
        let mut out = BTreeSet::new();
        let mut node = &mut self.root;
        loop {
            out.extend(node.cid);
            let i = node.position(key);
            let layer = below(node.layer);
            if node.holds(i, key) {
                edge(node.gap_mut(i), layer, Side::Last, get, &mut out)?;
                edge(node.gap_mut(i + 1), layer, Side::First, get, &mut out)?;
                return Ok(out);
            }
            match node.gap_mut(i) {
                Some(child) => node = load(child, layer, get)?,
                None => return Ok(out),
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Side {
    First,
    Last,
}

/// Adds the nodes along the first or last edge of the subtree in `gap` to `out`.
fn edge(
    gap: &mut Option<Child>,
    mut layer: u32,
    side: Side,
    get: &Get<'_>,
    out: &mut BTreeSet<Cid>,
) -> Result<(), MstError> {
    let mut gap = gap;
    while let Some(child) = gap {
        let node = load(child, layer, get)?;
        out.extend(node.cid);
        layer = below(layer);
        gap = match side {
            Side::First => &mut node.left,
            Side::Last => node.last_gap_mut(),
        };
    }
    Ok(())
}

/// Decodes `child` in place if it is still a stub, and returns the node.
fn load<'n>(child: &'n mut Child, layer: u32, get: &Get<'_>) -> Result<&'n mut Node, MstError> {
    if let Child::Stub(cid) = child {
        let cid = *cid;
        let bytes = get(&cid).ok_or(MstError::MissingNode { cid })?;
        *child = Child::Node(Box::new(Node::decode(cid, bytes, Some(layer))?));
    }
    match child {
        Child::Node(node) => Ok(node),
        Child::Stub(cid) => Err(MstError::MissingNode { cid: *cid }),
    }
}

/// Takes `child` out as a decoded node.
fn take(child: Child, layer: u32, get: &Get<'_>) -> Result<Box<Node>, MstError> {
    match child {
        Child::Node(node) => Ok(node),
        Child::Stub(cid) => {
            let bytes = get(&cid).ok_or(MstError::MissingNode { cid })?;
            Ok(Box::new(Node::decode(cid, bytes, Some(layer))?))
        }
    }
}

fn non_empty(node: Box<Node>) -> Option<Child> {
    (!node.is_empty()).then_some(Child::Node(node))
}

fn insert_into(
    node: &mut Node,
    key: &[u8],
    depth: u32,
    value: Cid,
    get: &Get<'_>,
) -> Result<Option<Cid>, MstError> {
    node.cid = None;
    let i = node.position(key);
    if let Some(entry) = node.entries.get_mut(i).filter(|e| e.key == key) {
        return Ok(Some(std::mem::replace(&mut entry.value, value)));
    }
    let layer = below(node.layer);
    if depth == node.layer {
        // The new key cuts the subtree it falls in into the keys below and above it.
        let (low, high) = split(node.gap_mut(i).take(), key, layer, get)?;
        *node.gap_mut(i) = low;
        node.entries.insert(
            i,
            Entry {
                key: key.to_vec(),
                value,
                right: high,
            },
        );
        return Ok(None);
    }
    let gap = node.gap_mut(i);
    let child = gap.get_or_insert_with(|| Child::Node(Box::new(Node::empty(layer))));
    insert_into(load(child, layer, get)?, key, depth, value, get)
}

/// Splits the subtree `gap` (on `layer`) into the keys below `key` and those above it.
fn split(
    gap: Option<Child>,
    key: &[u8],
    layer: u32,
    get: &Get<'_>,
) -> Result<(Option<Child>, Option<Child>), MstError> {
    let Some(child) = gap else {
        return Ok((None, None));
    };
    // `key` belongs above `layer`, and decoding checked every key's layer, so no entry
    // here equals it.
    let mut low = take(child, layer, get)?;
    let i = low.position(key);
    low.cid = None;
    let entries = low.entries.split_off(i);
    let (inner_low, inner_high) = split(low.last_gap_mut().take(), key, below(layer), get)?;
    *low.last_gap_mut() = inner_low;
    let high = Box::new(Node {
        layer,
        left: inner_high,
        entries,
        cid: None,
    });
    Ok((non_empty(low), non_empty(high)))
}

fn remove_from(node: &mut Node, key: &[u8], get: &Get<'_>) -> Result<Option<Cid>, MstError> {
    let i = node.position(key);
    let layer = below(node.layer);
    if node.holds(i, key) {
        node.cid = None;
        let entry = node.entries.remove(i);
        // The subtrees that stood on either side of the key become one.
        let low = node.gap_mut(i).take();
        *node.gap_mut(i) = merge(low, entry.right, layer, get)?;
        return Ok(Some(entry.value));
    }
    let gap = node.gap_mut(i);
    let Some(child) = gap.as_mut() else {
        return Ok(None);
    };
    let child = load(child, layer, get)?;
    let removed = remove_from(child, key, get)?;
    if removed.is_none() {
        return Ok(None);
    }
    if child.is_empty() {
        *gap = None;
    }
    node.cid = None;
    Ok(removed)
}

/// Joins two adjacent subtrees on `layer` (every key of `low` below every key of `high`).
fn merge(
    low: Option<Child>,
    high: Option<Child>,
    layer: u32,
    get: &Get<'_>,
) -> Result<Option<Child>, MstError> {
    let (low, high) = match (low, high) {
        (None, other) | (other, None) => return Ok(other),
        (Some(low), Some(high)) => (take(low, layer, get)?, take(high, layer, get)?),
    };
    let mut node = low;
    let Node {
        left: high_left,
        entries: high_entries,
        ..
    } = *high;
    let seam = node.last_gap_mut().take();
    *node.last_gap_mut() = merge(seam, high_left, below(layer), get)?;
    node.entries.extend(high_entries);
    node.cid = None;
    Ok(Some(Child::Node(node)))
}

fn child_cid(child: &mut Child) -> Cid {
    match child {
        Child::Stub(cid) => *cid,
        Child::Node(node) => node_cid(node),
    }
}

/// The node's CID, encoding it (and any edited node below it) when it has changed.
fn node_cid(node: &mut Node) -> Cid {
    if let Some(cid) = node.cid {
        return cid;
    }
    let left = node.left.as_mut().map(child_cid);
    let rights: Vec<Option<Cid>> = node
        .entries
        .iter_mut()
        .map(|e| e.right.as_mut().map(child_cid))
        .collect();
    let bytes = encode_node(
        left,
        node.entries
            .iter()
            .zip(rights)
            .map(|(e, right)| (e.key.as_slice(), e.value, right)),
    );
    let cid = Cid::for_dag_cbor(&bytes);
    node.cid = Some(cid);
    cid
}

#[cfg(test)]
pub(super) mod tests;
