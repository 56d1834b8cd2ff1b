//! Building, proving and the node encoding against the spec's examples and the TypeScript
//! implementation's roots; hostile blocks.

use std::collections::BTreeMap;

use super::node::encode_node;
use super::*;
use crate::value::{Map, Value};

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

#[test]
fn leaves_list_every_key_in_order() {
    for n in [0, 1, 2, 50, 400] {
        let pairs: BTreeMap<String, Cid> = keys(n)
            .into_iter()
            .enumerate()
            .map(|(i, k)| (k, value_for(i)))
            .collect();
        let built = build(pairs.iter().map(|(k, v)| (k.as_str(), *v)));
        let found = leaves(&built.root, |c| built.blocks.get(c).map(Vec::as_slice));
        let expected: Vec<(String, Cid)> = pairs.into_iter().collect();
        assert_eq!(found, Ok(expected), "{n} keys");
    }
}

#[test]
fn leaves_refuse_missing_and_non_canonical_trees() {
    let pairs: BTreeMap<String, Cid> = keys(60)
        .into_iter()
        .enumerate()
        .map(|(i, k)| (k, value_for(i)))
        .collect();
    let built = build(pairs.iter().map(|(k, v)| (k.as_str(), *v)));
    // A node left out of the blocks.
    let some_child = built.blocks.keys().find(|c| **c != built.root).copied();
    let child = some_child.unwrap_or(built.root);
    let missing = leaves(&built.root, |c| {
        (*c != child)
            .then(|| built.blocks.get(c).map(Vec::as_slice))
            .flatten()
    });
    assert_eq!(missing, Err(MstError::MissingNode { cid: child }));
    // Every key in one node: ordered and well formed, but not the tree of these keys.
    let flat = encode_node(
        None,
        pairs
            .iter()
            .map(|(k, v)| (k.as_bytes(), *v, None))
            .collect::<Vec<_>>()
            .into_iter(),
    );
    let flat_cid = Cid::for_dag_cbor(&flat);
    let found = leaves(&flat_cid, |c| (*c == flat_cid).then_some(flat.as_slice()));
    assert!(
        matches!(found, Err(MstError::Inconsistent { ref reason, .. }) if reason.contains("canonical")),
        "{found:?}"
    );
    // One child linked twice: refused before any of it is walked again.
    let leaf_node = encode_node(
        None,
        vec![(b"a".as_slice(), value_for(1), None)].into_iter(),
    );
    let leaf_cid = Cid::for_dag_cbor(&leaf_node);
    let twice = encode_node(
        Some(leaf_cid),
        vec![(b"b".as_slice(), value_for(0), Some(leaf_cid))].into_iter(),
    );
    let twice_cid = Cid::for_dag_cbor(&twice);
    let blocks: BTreeMap<Cid, Vec<u8>> = [(leaf_cid, leaf_node), (twice_cid, twice)].into();
    let found = leaves(&twice_cid, |c| blocks.get(c).map(Vec::as_slice));
    assert!(
        matches!(found, Err(MstError::Inconsistent { ref reason, .. }) if reason.contains("twice")),
        "{found:?}"
    );
}

#[test]
fn leaves_end_when_every_link_leads_back_to_the_same_node() {
    // A resolver that answers every CID with one node whose two links are distinct: an
    // unguarded walk would expand forever (or 2^depth times).
    let (x, y) = (value_for(1), value_for(2));
    let node = encode_node(
        Some(x),
        vec![(b"k".as_slice(), value_for(3), Some(y))].into_iter(),
    );
    let root = Cid::for_dag_cbor(&node);
    let found = leaves(&root, |_| Some(node.as_slice()));
    assert!(found.is_err(), "{found:?}");
}
