//! The bot's post on the firehose: written by `lex-example-bsky-bot` through
//! `createRecord`, it arrives in a verified `#commit` and is handed on as a typed, valid
//! post, with the CID the PDS reported and the same DAG-CBOR (facets and link card
//! included).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use bsky_types::lexicons::app::bsky::feed::post::Post;
use common::{block_on, login, network};
use lex_example_bsky_bot::{create_post, post, LinkCard, RichText};
use lex_example_bsky_firehose::{Consumer, Handler, KnownRecord, RecordData, RecordOp, Rejection};
use lex_runtime::{cbor, Cid, Datetime, Did, Handle, Language, Uri};

/// The posts handed on, with their URI and CID, and how many frames were rejected.
#[derive(Debug, Default)]
struct Posts {
    posts: Vec<(String, Option<Cid>, Post)>,
    rejected: usize,
}

impl Handler for Posts {
    fn record(&mut self, op: RecordOp<'_>) {
        if let Some(RecordData::Known(KnownRecord::Post(post))) = op.record {
            let uri = format!("at://{}/{}/{}", op.did, op.collection, op.rkey);
            self.posts.push((uri, op.cid, post.as_ref().clone()));
        }
    }

    fn rejected(&mut self, _seq: i64, _did: &str, _why: &Rejection) {
        self.rejected += 1;
    }
}

#[test]
fn the_consumer_sees_the_bots_post() {
    let net = network();
    let did = Did::new(net.account_did("alice.test").unwrap()).unwrap();
    block_on(async {
        let client = login(&net, "alice.test").await;
        let text = RichText::new()
            .text("Grüße 👋🏽 from ")
            .mention(&Handle::new("alice.test").unwrap(), did.clone())
            .text(" — ")
            .link("dócs", Uri::new("https://example.com/d%C3%B3cs").unwrap())
            .text(" ")
            .tag("rüst");
        let card = LinkCard {
            uri: Uri::new("https://example.com/").unwrap(),
            title: "Example".into(),
            description: "An example page, without a thumbnail.".into(),
        };
        let created_at = Datetime::new("2026-12-05T12:00:00.000Z").unwrap();
        let sent = post(text, card, Language::new("de").unwrap(), created_at);
        let written = create_post(&client, &did, &sent).await.unwrap();

        // From the start of the stream: the post was written before the consumer connected.
        let mut consumer = Consumer::new(net.pds_url(), net.plc_url(), Posts::default())
            .unwrap()
            .resume_after(0);
        let uri = written.uri.as_str().to_owned();
        common::run_until(&mut consumer, |seen| seen.posts.iter().any(|p| p.0 == uri))
            .await
            .unwrap();
        let seen = consumer.handler();
        assert_eq!(seen.rejected, 0);
        let (_, cid, received) = seen.posts.iter().find(|p| p.0 == uri).unwrap();
        assert_eq!(cid.map(|c| c.to_string()), Some(written.cid.clone()));
        // Same bytes as the post the bot built, so the same record.
        assert_eq!(
            cbor::to_vec(received).unwrap(),
            cbor::to_vec(&sent).unwrap()
        );
        assert_eq!(received.facets.as_ref().map(Vec::len), Some(3));
    });
}
