//! The bot against the test network's PDS, which knows the vendored bsky lexicons and
//! validates what is written: the post goes in through `createRecord` (the PDS reports it
//! valid), comes back through `getRecord` identical, as data and as a typed post, with
//! the CID of its DAG-CBOR, and its facets still mark the right bytes.

// Setup helpers outside #[test] functions panic on failure too, as tests do.
#![allow(clippy::expect_used)]

use std::path::PathBuf;

use bsky_types::lexicons::app::bsky::feed::post::PostEmbed;
use bsky_types::lexicons::app::bsky::richtext::facet::FacetFeaturesItem;
use bsky_types::lexicons::com::atproto::repo::create_record::OutputValidationStatus;
use lex_example_bsky_bot::{
    create_post, facet_text, get_post, post, record_value, LinkCard, RichText,
};
use lex_runtime::client::XrpcClient;
use lex_runtime::{cbor, Datetime, Did, Handle, Language, Uri};
use lex_tests::testnet::{TestNet, TestNetConfig};

async fn network() -> TestNet {
    let lexicons = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../bsky/lexicons");
    tokio::task::spawn_blocking(move || {
        TestNet::start(TestNetConfig::new([lexicons]).account("alice.test", "secret"))
    })
    .await
    .expect("join")
    .expect("test network")
}

#[tokio::test]
async fn writes_a_post_with_facets_and_a_link_card_and_reads_it_back() {
    let net = network().await;
    let client = XrpcClient::new(net.pds_url()).expect("client");
    let session = client.login("alice.test", "secret").await.expect("login");
    let alice = Did::new(&session.did).expect("did");
    let handle = Handle::new("alice.test").expect("handle");

    let text = RichText::new()
        .text("Grüße 👋🏽 from ")
        .mention(&handle, alice.clone())
        .text(" — lëx ")
        .link(
            "dócs",
            Uri::new("https://example.com/d%C3%B3cs").expect("uri"),
        )
        .text(" ")
        .tag("rüst");
    let card = LinkCard {
        uri: Uri::new("https://example.com/").expect("uri"),
        title: "Example".into(),
        description: "An example page, without a thumbnail.".into(),
    };
    let created_at = Datetime::new("2026-12-05T12:00:00.000Z").expect("datetime");
    let post = post(text, card, Language::new("de").expect("lang"), created_at);

    let written = create_post(&client, &alice, &post)
        .await
        .expect("createRecord");
    assert_eq!(written.uri.authority(), alice.as_str());
    assert_eq!(written.uri.collection(), Some("app.bsky.feed.post"));
    assert_eq!(
        written.validation_status,
        Some(OutputValidationStatus::Valid)
    );
    let value = record_value(&post).expect("value");
    assert_eq!(written.cid, cbor::cid_of(&value).to_string());

    let stored = get_post(&client, &written.uri).await.expect("getRecord");
    assert_eq!(stored.uri, written.uri);
    assert_eq!(stored.cid.as_deref(), Some(written.cid.as_str()));
    assert_eq!(stored.value, value);
    // The typed post read back equals the one built here (union members do not keep their
    // `$type` among their unknown fields), and so do its bytes.
    assert_eq!(stored.post, post);
    assert_eq!(cbor::to_vec(&stored.post).ok(), cbor::to_vec(&post).ok());

    let text = stored.post.text.as_str();
    let facets = stored.post.facets.as_deref().expect("facets");
    let marked: Vec<(Option<&str>, &FacetFeaturesItem)> = facets
        .iter()
        .map(|f| (facet_text(text, f), &f.features[0]))
        .collect();
    assert!(
        matches!(marked[0], (Some("@alice.test"), FacetFeaturesItem::Mention(m)) if m.did == alice)
    );
    assert!(matches!(
        marked[1],
        (Some("dócs"), FacetFeaturesItem::Link(_))
    ));
    assert!(matches!(marked[2], (Some("#rüst"), FacetFeaturesItem::Tag(t)) if t.tag == "rüst"));
    let Some(PostEmbed::External(card)) = &stored.post.embed else {
        panic!("no link card: {:?}", stored.post.embed);
    };
    assert_eq!(card.external.uri.as_str(), "https://example.com/");
    assert!(card.external.thumb.is_none());
}

#[tokio::test]
async fn an_invalid_post_is_refused_before_it_is_sent() {
    let net = network().await;
    let client = XrpcClient::new(net.pds_url()).expect("client");
    let session = client.login("alice.test", "secret").await.expect("login");
    let alice = Did::new(&session.did).expect("did");
    // The lexicon allows 300 graphemes of text.
    let long = RichText::new().text(&"é".repeat(301));
    let card = LinkCard {
        uri: Uri::new("https://example.com/").expect("uri"),
        title: "Example".into(),
        description: String::new(),
    };
    let post = post(
        long,
        card,
        Language::new("fr").expect("lang"),
        Datetime::now(),
    );
    let error = create_post(&client, &alice, &post)
        .await
        .expect_err("too long");
    assert!(error.to_string().contains("text"), "{error}");
}
