//! The firehose consumer against the test network's PDS on loopback: real signed commits
//! on both curves, typed and unvalidated records, key rotation, resuming, and frames a relay
//! tampered with, which must be reported and never handed on.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;

use bsky_types::lexicons::app::bsky::feed::like::Like;
use bsky_types::lexicons::app::bsky::feed::post::Post;
use bsky_types::lexicons::app::bsky::graph::follow::Follow;
use bsky_types::lexicons::com::atproto::repo::strong_ref::StrongRef;
use common::{block_on, login, network, relay, run_until, tid, Seen};
use lex_example_bsky_firehose::{Action, Consumer, Rejection};
use lex_runtime::client::XrpcClient;
use lex_runtime::stream::Frame;
use lex_runtime::{AtUri, Datetime, Did};
use lex_tests::testnet::TestNet;

fn now() -> Datetime {
    "2026-12-05T12:00:00.000Z".parse().unwrap()
}

/// `createRecord` with a raw JSON record (a collection without generated type, or data
/// the PDS is told not to validate).
async fn create_raw(net: &TestNet, client: &XrpcClient, body: serde_json::Value) {
    let session = client.session().unwrap();
    let response = reqwest::Client::new()
        .post(format!(
            "{}/xrpc/com.atproto.repo.createRecord",
            net.pds_url()
        ))
        .bearer_auth(session.access_jwt)
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status().as_u16(),
        200,
        "{}",
        response.text().await.unwrap()
    );
}

#[test]
fn commits_on_both_curves_verify_and_known_records_are_typed() {
    let net = network();
    let alice_did = net.account_did("alice.test").unwrap().to_owned();
    let bob_did = net.account_did("bob.test").unwrap().to_owned();
    let (p1, l1, f1) = (tid(1), tid(2), tid(3));
    block_on(async {
        let alice = login(&net, "alice.test").await;
        let bob = login(&net, "bob.test").await;
        let post = Post::new("hello firehose".into(), now());
        let out = alice.create(&alice_did, &post, Some(&p1)).await.unwrap();
        let subject = StrongRef::new(AtUri::new(&out.uri).unwrap(), out.cid.clone());
        bob.create(&bob_did, &Like::new(subject, now()), Some(&l1))
            .await
            .unwrap();
        let follow = Follow::new(Did::new(&alice_did).unwrap(), now());
        bob.create(&bob_did, &follow, Some(&f1)).await.unwrap();
        let edited = Post::new("hello again".into(), now());
        alice.put(&alice_did, &p1, &edited).await.unwrap();
        let note = serde_json::json!({"repo": alice_did, "collection": "com.example.unknown.note",
            "rkey": "n1", "record": {"text": "no lexicon for me"}});
        create_raw(&net, &alice, note).await;
        // The PDS stores it unchecked; the consumer knows the lexicon and refuses to type it.
        let long = "x".repeat(3001);
        let invalid = serde_json::json!({"repo": alice_did, "collection": "app.bsky.feed.post",
            "rkey": "bad", "validate": false,
            "record": {"text": long, "createdAt": "2026-12-05T12:00:00.000Z"}});
        create_raw(&net, &alice, invalid).await;
        alice.delete::<Post>(&alice_did, &p1).await.unwrap();

        let mut consumer = Consumer::new(net.pds_url(), net.plc_url(), Seen::default())
            .unwrap()
            .resume_after(0);
        run_until(&mut consumer, |s| s.ops.len() >= 7)
            .await
            .unwrap();
        let seen = consumer.handler();
        assert!(seen.rejected.is_empty(), "{:?}", seen.rejected);
        assert!(seen.gaps.is_empty(), "{:?}", seen.gaps);
        let name = |rkey: &str| {
            match rkey {
                k if k == p1 => "p1",
                k if k == l1 => "l1",
                k if k == f1 => "f1",
                other => other,
            }
            .to_owned()
        };
        let whats: Vec<(String, Action, &str)> = seen
            .ops
            .iter()
            .map(|o| (name(&o.rkey), o.action, o.what.as_str()))
            .collect();
        assert_eq!(
            whats,
            [
                ("p1".to_owned(), Action::Create, "post:hello firehose"),
                ("l1".to_owned(), Action::Create, "like"),
                ("f1".to_owned(), Action::Create, "follow"),
                ("p1".to_owned(), Action::Update, "post:hello again"),
                ("n1".to_owned(), Action::Create, "unvalidated"),
                ("bad".to_owned(), Action::Create, "invalid"),
                ("p1".to_owned(), Action::Delete, "deleted"),
            ]
        );
        assert_eq!(seen.of(&l1)[0].did, bob_did);
        assert_eq!(seen.of("n1")[0].collection, "com.example.unknown.note");
        // Each account starts with #identity, #account and a #sync of its empty repository.
        assert_eq!(seen.identities.len(), 2);
        assert_eq!(seen.syncs.len(), 2);
        assert!(seen.accounts.iter().all(|a| a.2));
        assert!(seen.seqs.windows(2).all(|w| w[0] < w[1]), "{:?}", seen.seqs);
        // One DID document per account, then the cache.
        assert_eq!(consumer.keys().fetches(), 2);
        assert!(consumer.repo(&alice_did).is_some());
    });
}

#[test]
fn a_run_resumes_after_the_last_seq_and_a_future_cursor_is_an_error() {
    let net = network();
    let alice_did = net.account_did("alice.test").unwrap().to_owned();
    block_on(async {
        let alice = login(&net, "alice.test").await;
        let post = |t: &str| Post::new(t.into(), now());
        alice
            .create(&alice_did, &post("one"), Some(&tid(1)))
            .await
            .unwrap();
        let mut consumer = Consumer::new(net.pds_url(), net.plc_url(), Seen::default())
            .unwrap()
            .resume_after(0);
        run_until(&mut consumer, |s| !s.ops.is_empty())
            .await
            .unwrap();
        let first = consumer.cursor().unwrap();
        alice
            .create(&alice_did, &post("two"), Some(&tid(2)))
            .await
            .unwrap();
        // Live tail: written after the first run ended, read by the second one.
        run_until(&mut consumer, |s| s.ops.len() >= 2)
            .await
            .unwrap();
        let seen = consumer.handler();
        assert_eq!(seen.of(&tid(1)).len(), 1, "nothing is read twice");
        assert_eq!(seen.of(&tid(2)).len(), 1);
        assert!(seen.of(&tid(2))[0].seq > first);
        assert!(seen.gaps.is_empty() && seen.rejected.is_empty());

        let mut ahead = Consumer::new(net.pds_url(), net.plc_url(), Seen::default())
            .unwrap()
            .resume_after(1_000_000);
        let err = run_until(&mut ahead, |_| false).await.unwrap_err();
        assert_eq!(err.error_name(), Some("FutureCursor"), "{err:?}");
    });
}

#[test]
fn a_gap_is_filled_by_a_verified_resync_from_the_repository_export() {
    let net = network();
    let alice_did = net.account_did("alice.test").unwrap().to_owned();
    block_on(async {
        let alice = login(&net, "alice.test").await;
        let post = |t: &str| Post::new(t.into(), now());
        alice
            .create(&alice_did, &post("one"), Some(&tid(1)))
            .await
            .unwrap();
        let consumer = Consumer::new(net.pds_url(), net.plc_url(), Seen::default()).unwrap();
        let mut consumer = consumer.resume_after(0);
        run_until(&mut consumer, |s| !s.ops.is_empty())
            .await
            .unwrap();
        let first = consumer.cursor().unwrap();
        for (n, text) in [(2, "two"), (3, "three")] {
            alice
                .create(&alice_did, &post(text), Some(&tid(n)))
                .await
                .unwrap();
        }
        // The next run starts after "two": its commit is never seen, so "three" does not
        // continue from the state the consumer has.
        let mut consumer = consumer.resume_after(first + 1);
        run_until(&mut consumer, |s| !s.resyncs.is_empty())
            .await
            .unwrap();
        let seen = consumer.handler();
        assert_eq!(seen.gaps.len(), 1, "{seen:#?}");
        let (seq, did, records) = &seen.resyncs[0];
        assert_eq!((*seq, did.as_str()), (seen.gaps[0].0, alice_did.as_str()));
        let expected: Vec<String> = [(1, "one"), (2, "two"), (3, "three")]
            .iter()
            .map(|(n, t)| format!("{}=post:{t}", tid(*n)))
            .collect();
        assert_eq!(records.as_ref(), Ok(&expected));
        // The snapshot holds the third post: its op is not handed on a second time.
        assert!(seen.of(&tid(3)).is_empty(), "{:?}", seen.of(&tid(3)));
        assert!(seen.rejected.is_empty(), "{:?}", seen.rejected);
        // The consumer now continues from the export's state: the next commit is no gap.
        alice
            .create(&alice_did, &post("four"), Some(&tid(4)))
            .await
            .unwrap();
        run_until(&mut consumer, |s| !s.of(&tid(4)).is_empty())
            .await
            .unwrap();
        assert_eq!(consumer.handler().gaps.len(), 1);
    });
}

#[test]
fn a_rotated_key_is_fetched_again_with_or_without_the_identity_event() {
    let net = network();
    let alice_did = net.account_did("alice.test").unwrap().to_owned();
    block_on(async {
        let alice = login(&net, "alice.test").await;
        let post = |t: &str| Post::new(t.into(), now());
        alice
            .create(&alice_did, &post("old key"), Some(&tid(1)))
            .await
            .unwrap();
        // One consumer reads the firehose directly; the other through a relay that drops
        // #identity, so it learns of the rotation only when the old key fails.
        let mut direct = Consumer::new(net.pds_url(), net.plc_url(), Seen::default())
            .unwrap()
            .resume_after(0);
        let drop_identity: relay::Rewrite = Arc::new(|frame| match &frame {
            Frame::Message { t, .. } if t == "#identity" => Vec::new(),
            _ => vec![frame],
        });
        let via = relay::start(net.firehose_url(), drop_identity).await;
        let mut relayed = Consumer::new(&via, net.plc_url(), Seen::default())
            .unwrap()
            .resume_after(0);
        run_until(&mut direct, |s| !s.ops.is_empty()).await.unwrap();
        run_until(&mut relayed, |s| !s.ops.is_empty())
            .await
            .unwrap();
        let fetched = (direct.keys().fetches(), relayed.keys().fetches());

        // Each commit is read before the next rotation: a commit is checked against the key
        // the DID document lists when it is read.
        for (n, text) in [(2, "new key"), (3, "newer key")] {
            net.rotate_key("alice.test").unwrap();
            alice
                .create(&alice_did, &post(text), Some(&tid(n)))
                .await
                .unwrap();
            let count = usize::try_from(n).unwrap();
            run_until(&mut direct, |s| s.ops.len() >= count)
                .await
                .unwrap();
            run_until(&mut relayed, |s| s.ops.len() >= count)
                .await
                .unwrap();
        }
        for consumer in [&direct, &relayed] {
            let seen = consumer.handler();
            assert!(seen.rejected.is_empty(), "{:?}", seen.rejected);
            let texts: Vec<&str> = seen.ops.iter().map(|o| o.what.as_str()).collect();
            assert_eq!(texts, ["post:old key", "post:new key", "post:newer key"]);
        }
        assert_eq!(
            direct.handler().identities.len(),
            4,
            "two at start, one per rotation"
        );
        assert!(relayed.handler().identities.is_empty());
        // One fetch per rotation: after each #identity, or after the old key failed.
        assert_eq!(direct.keys().fetches(), fetched.0 + 2);
        assert_eq!(relayed.keys().fetches(), fetched.1 + 2);

        // History signed with a key the DID document no longer lists does not verify; the
        // first commit that does comes after rejected ones, so the repository is resynced
        // and nothing of the history is lost.
        let mut late = Consumer::new(net.pds_url(), net.plc_url(), Seen::default())
            .unwrap()
            .resume_after(0);
        run_until(&mut late, |s| !s.resyncs.is_empty())
            .await
            .unwrap();
        let seen = late.handler();
        // The account's first #sync and the two older commits.
        assert_eq!(seen.rejected.len(), 3, "{:?}", seen.rejected);
        assert!(seen
            .rejected
            .iter()
            .all(|r| matches!(r.2, Rejection::Signature(_))));
        assert!(seen.ops.is_empty(), "{:?}", seen.ops);
        let expected: Vec<String> = [(1, "old key"), (2, "new key"), (3, "newer key")]
            .iter()
            .map(|(n, t)| format!("{}=post:{t}", tid(*n)))
            .collect();
        assert_eq!(seen.resyncs[0].2.as_ref(), Ok(&expected));
    });
}

#[test]
fn an_account_event_reaches_user_code() {
    let net = network();
    block_on(async {
        net.account_status("bob.test", false, Some("deactivated"))
            .unwrap();
        let mut consumer = Consumer::new(net.pds_url(), net.plc_url(), Seen::default())
            .unwrap()
            .resume_after(0);
        run_until(&mut consumer, |s| s.accounts.len() >= 3)
            .await
            .unwrap();
        let last = consumer.handler().accounts.last().cloned().unwrap();
        assert!(!last.2);
        assert_eq!(last.3.as_deref(), Some("deactivated"));
    });
}
