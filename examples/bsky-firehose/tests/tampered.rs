//! Frames tampered with between the test PDS and the consumer (by a relay that rewrites
//! real frames): a bad signature, a proof without its root node, a wrong `prevData`, a
//! forged record, a missing record block. Each is reported and nothing of it reaches user
//! code; the next good commit is flagged as following a gap and, since this relay serves no
//! repository export to resync from, delivered. Unknown message
//! types and `#info` frames reach their callbacks.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;

use bsky_types::lexicons::app::bsky::feed::post::Post;
use common::{block_on, login, network, relay, run_until, tid, Seen};
use lex_example_bsky_firehose::{Consumer, Rejection};
use lex_runtime::car::Car;
use lex_runtime::commit::{Commit, SigningKey};
use lex_runtime::did_doc::KeyType;
use lex_runtime::stream::Frame;
use lex_runtime::{Cid, Map, Value};

/// The CAR of a `#commit` body: roots and blocks.
fn car(body: &Map) -> (Vec<Cid>, Vec<(Cid, Vec<u8>)>) {
    let Some(Value::Bytes(bytes)) = body.get("blocks") else {
        panic!("no blocks");
    };
    let car = Car::read(bytes).unwrap();
    let blocks = car.blocks().map(|(c, b)| (*c, b.to_vec())).collect();
    (car.roots().to_vec(), blocks)
}

fn set_car(body: &mut Map, roots: &[Cid], blocks: &[(Cid, Vec<u8>)]) {
    let bytes = lex_runtime::car::write(roots, blocks.iter().map(|(c, b)| (*c, b.as_slice())));
    body.insert("blocks", Value::Bytes(bytes));
}

fn link(cid: Cid) -> Value {
    Value::Link(Box::new(cid))
}

fn commit_of(body: &Map) -> (Cid, Commit) {
    let Some(Value::Link(cid)) = body.get("commit") else {
        panic!("no commit link");
    };
    let (_, blocks) = car(body);
    let block = &blocks.iter().find(|(c, _)| c == &**cid).unwrap().1;
    (**cid, Commit::decode(block).unwrap())
}

/// The record key of the commit's first op.
fn rkey(body: &Map) -> String {
    let Some(Value::Array(ops)) = body.get("ops") else {
        return String::new();
    };
    let path = ops
        .first()
        .and_then(|op| match op {
            Value::Map(m) => m.get("path").and_then(Value::as_str),
            _ => None,
        })
        .unwrap_or_default();
    path.rsplit('/').next().unwrap_or_default().to_owned()
}

/// Re-signs the commit with another key (a well-formed signature by the wrong key).
fn wrong_signature(body: &mut Map) {
    let (old, mut commit) = commit_of(body);
    let key = SigningKey::from_bytes(KeyType::Secp256k1, &[7; 32]).unwrap();
    commit.sign(&key);
    let block = commit.encode();
    let cid = Cid::for_dag_cbor(&block);
    let (_, mut blocks) = car(body);
    blocks.retain(|(c, _)| *c != old);
    blocks.insert(0, (cid, block));
    set_car(body, &[cid], &blocks);
    body.insert("commit", link(cid));
}

/// Drops the MST root node from the proof.
fn drop_root(body: &mut Map) {
    let (_, commit) = commit_of(body);
    let (roots, mut blocks) = car(body);
    blocks.retain(|(c, _)| *c != commit.data);
    set_car(body, &roots, &blocks);
}

/// Claims the previous tree was the new one.
fn wrong_prev_data(body: &mut Map) {
    let (_, commit) = commit_of(body);
    body.insert("prevData", link(commit.data));
}

/// Swaps the record for another one, op CID included (the signed tree does not hold it).
fn forged_record(body: &mut Map) {
    let mut forged = Map::new();
    forged.insert("$type", Value::String("app.bsky.feed.post".into()));
    forged.insert("text", Value::String("forged".into()));
    forged.insert(
        "createdAt",
        Value::String("2026-12-05T12:00:00.000Z".into()),
    );
    let block = lex_runtime::cbor::encode(&Value::Map(forged));
    let cid = Cid::for_dag_cbor(&block);
    let (roots, mut blocks) = car(body);
    blocks.push((cid, block));
    set_car(body, &roots, &blocks);
    if let Some(Value::Array(ops)) = body.get_mut("ops") {
        if let Some(Value::Map(op)) = ops.first_mut() {
            op.insert("cid", link(cid));
        }
    }
}

/// Drops the record's block.
fn drop_record(body: &mut Map) {
    let Some(Value::Array(ops)) = body.get("ops") else {
        return;
    };
    let record = ops.first().and_then(|op| match op {
        Value::Map(m) => match m.get("cid") {
            Some(Value::Link(c)) => Some(**c),
            _ => None,
        },
        _ => None,
    });
    let (roots, mut blocks) = car(body);
    blocks.retain(|(c, _)| Some(*c) != record);
    set_car(body, &roots, &blocks);
}

/// The test's name for a record key.
fn name(rkey: &str) -> &'static str {
    KEYS.iter()
        .zip(1..)
        .find(|(_, n)| tid(*n) == rkey)
        .map_or("", |(k, _)| *k)
}

const KEYS: [&str; 7] = [
    "good-1",
    "bad-sig",
    "no-root",
    "bad-prev",
    "forged",
    "no-record",
    "good-2",
];

fn tamper(frame: Frame) -> Vec<Frame> {
    let Frame::Message {
        t,
        body: Value::Map(mut body),
    } = frame
    else {
        return vec![frame];
    };
    if t != "#commit" {
        return vec![Frame::Message {
            t,
            body: Value::Map(body),
        }];
    }
    let mut extra = Vec::new();
    match name(&rkey(&body)) {
        "bad-sig" => wrong_signature(&mut body),
        "no-root" => drop_root(&mut body),
        "bad-prev" => wrong_prev_data(&mut body),
        "forged" => forged_record(&mut body),
        "no-record" => drop_record(&mut body),
        "good-1" => {
            // Messages the consumer must pass to their callbacks and keep going.
            let mut info = Map::new();
            info.insert("name", Value::String("OutdatedCursor".into()));
            extra.push(Frame::Message {
                t: "#info".into(),
                body: Value::Map(info),
            });
            let mut future = Map::new();
            future.insert("note", Value::String("a later protocol version".into()));
            extra.push(Frame::Message {
                t: "#futureThing".into(),
                body: Value::Map(future),
            });
        }
        _ => {}
    }
    extra.push(Frame::Message {
        t,
        body: Value::Map(body),
    });
    extra
}

#[test]
fn tampered_frames_are_reported_and_never_handed_on() {
    let net = network();
    let alice_did = net.account_did("alice.test").unwrap().to_owned();
    block_on(async {
        let alice = login(&net, "alice.test").await;
        for (key, n) in KEYS.iter().zip(1..) {
            let post = Post::new(
                format!("post {key}"),
                "2026-12-05T12:00:00.000Z".parse().unwrap(),
            );
            alice
                .create(&alice_did, &post, Some(&tid(n)))
                .await
                .unwrap();
        }
        let via = relay::start(net.firehose_url(), Arc::new(tamper)).await;
        let mut consumer = Consumer::new(&via, net.plc_url(), Seen::default())
            .unwrap()
            .resume_after(0);
        run_until(&mut consumer, |s| s.ops.len() >= 2 && s.rejected.len() >= 5)
            .await
            .unwrap();
        let seen = consumer.handler();
        let handed: Vec<&str> = seen.ops.iter().map(|o| name(&o.rkey)).collect();
        assert_eq!(handed, ["good-1", "good-2"]);
        assert!(seen
            .ops
            .iter()
            .all(|o| o.what.starts_with("post:post good")));
        let reasons: Vec<&Rejection> = seen.rejected.iter().map(|r| &r.2).collect();
        assert!(matches!(reasons[0], Rejection::Signature(_)), "{reasons:?}");
        assert!(matches!(reasons[1], Rejection::Proof(_)), "{reasons:?}");
        assert!(matches!(reasons[2], Rejection::Proof(_)), "{reasons:?}");
        assert!(matches!(reasons[3], Rejection::Proof(_)), "{reasons:?}");
        assert!(
            matches!(reasons[4], Rejection::MissingRecord(_)),
            "{reasons:?}"
        );
        assert!(seen.rejected.iter().all(|r| r.1 == alice_did));
        // good-2 does not continue from good-1: the skipped commits are a gap.
        assert_eq!(seen.gaps.len(), 1);
        assert_eq!(seen.gaps[0].0, seen.of(&tid(7))[0].seq);
        // The relay serves only the stream: the resync cannot fetch the export, so the
        // commit's own ops are what reaches user code.
        assert!(
            matches!(seen.resyncs.as_slice(), [(_, _, Err(Rejection::Fetch(_)))]),
            "{:?}",
            seen.resyncs
        );
        assert_eq!(seen.infos, ["OutdatedCursor"]);
        assert_eq!(seen.unknown, ["#futureThing"]);
    });
}
