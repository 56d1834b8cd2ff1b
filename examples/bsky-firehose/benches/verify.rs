//! What checking a commit costs beyond its signature: `#commit` frames captured from the
//! test network's firehose (posts written through `createRecord`), per key type,
//!
//! * `commit/<curve>`: the consumer's whole per-frame work: decode the frame into the
//!   generated message type, validate it, read the CAR, verify the signature, undo the ops
//!   on the MST proof, decode and validate each record;
//! * `signature/<curve>`: only the signature verification of the same commits.
//!
//! Both report elements per second; their ratio is the share of the signature limit the
//! consumer reaches (`cargo bench -p lex-example-bsky-firehose`).

// A benchmark's setup panics on failure: there is nothing to measure without it.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::hint::black_box;

use bsky_types::lexicons::app::bsky::feed::post::Post;
use bsky_types::lexicons::com::atproto::sync::subscribe_repos::{Message, SubscribeRepos};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use futures_util::StreamExt;
use lex_example_bsky_firehose::frame::check_commit;
use lex_example_bsky_firehose::KeyCache;
use lex_runtime::car::Car;
use lex_runtime::client::XrpcClient;
use lex_runtime::commit::Commit;
use lex_runtime::did_doc::{KeyType, PublicKey};
use lex_runtime::stream::{decode_event, Event};
use lex_runtime::Validate;
use lex_tests::testnet::{TestNet, TestNetConfig};
use tokio_tungstenite::tungstenite::Message as WsMessage;

/// Posts written per key type.
const POSTS: usize = 200;

struct Captured {
    curve: &'static str,
    key: PublicKey,
    /// The raw `#commit` frames.
    frames: Vec<Vec<u8>>,
    /// Each commit's signed bytes and signature.
    signed: Vec<(Vec<u8>, Vec<u8>)>,
}

fn commit(frame: &[u8]) -> Box<bsky_types::lexicons::com::atproto::sync::subscribe_repos::Commit> {
    match decode_event::<SubscribeRepos>(frame) {
        Ok(Some(Event::Message(Message::Commit(c)))) => c,
        other => panic!("not a #commit: {other:?}"),
    }
}

fn capture(curve: KeyType) -> Captured {
    let lexicons = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../bsky/lexicons");
    let config = TestNetConfig::new([lexicons]).account_with_key("writer.test", "writer-pw", curve);
    let net = TestNet::start(config).unwrap();
    let did = net.account_did("writer.test").unwrap().to_owned();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (key, frames) = runtime.block_on(async {
        let client = XrpcClient::new(net.pds_url()).unwrap();
        client.login("writer.test", "writer-pw").await.unwrap();
        let created_at: lex_runtime::Datetime = "2026-12-05T12:00:00.000Z".parse().unwrap();
        for i in 0..POSTS {
            let post = Post::new(
                format!("post number {i} from the benchmark"),
                created_at.clone(),
            );
            client.create(&did, &post, None).await.unwrap();
        }
        let key = KeyCache::new(net.plc_url())
            .unwrap()
            .key(&did)
            .await
            .unwrap();
        let url = format!("{}?cursor=0", net.firehose_url());
        let (mut socket, _) = tokio_tungstenite::connect_async(url).await.unwrap();
        let mut frames = Vec::new();
        while frames.len() < POSTS {
            let Some(Ok(WsMessage::Binary(bytes))) = socket.next().await else {
                panic!("the firehose ended early");
            };
            if matches!(
                decode_event::<SubscribeRepos>(&bytes),
                Ok(Some(Event::Message(Message::Commit(_))))
            ) {
                frames.push(bytes.to_vec());
            }
        }
        (key, frames)
    });
    let signed = frames
        .iter()
        .map(|frame| {
            let c = commit(frame);
            let car = Car::read(c.blocks.as_slice()).unwrap();
            let block = car.get(&c.commit.0).unwrap();
            let commit = Commit::decode(block).unwrap();
            (commit.unsigned_bytes(), commit.sig.clone())
        })
        .collect();
    Captured {
        curve: match curve {
            KeyType::Secp256k1 => "secp256k1",
            KeyType::P256 => "p256",
        },
        key,
        frames,
        signed,
    }
}

fn bench(c: &mut Criterion) {
    for curve in [KeyType::P256, KeyType::Secp256k1] {
        let captured = capture(curve);
        // Every captured frame passes, or the benchmark would measure rejections.
        for frame in &captured.frames {
            check_commit(&commit(frame), &captured.key).unwrap();
        }
        let mut group = c.benchmark_group("firehose");
        group.throughput(Throughput::Elements(captured.frames.len() as u64));
        group.bench_function(format!("commit/{}", captured.curve), |b| {
            b.iter(|| {
                for frame in &captured.frames {
                    let Ok(Some(Event::Message(Message::Commit(c)))) =
                        decode_event::<SubscribeRepos>(black_box(frame))
                    else {
                        panic!("not a #commit");
                    };
                    c.validate().unwrap();
                    black_box(check_commit(&c, &captured.key).unwrap());
                }
            });
        });
        group.bench_function(format!("signature/{}", captured.curve), |b| {
            b.iter(|| {
                for (message, sig) in &captured.signed {
                    captured.key.verify(black_box(message), sig).unwrap();
                }
            });
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
