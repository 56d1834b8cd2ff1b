//! The feed generator over loopback HTTP, called with the generated client the way an
//! AppView calls it: a service-auth token from the test network's PDS
//! (`com.atproto.server.getServiceAuth`), verified against the requester's key in the test
//! network's PLC. Tokens for another audience or method, expired, forged or missing are
//! refused; `limit` and `cursor` behave as the lexicon says.

// Setup helpers outside #[test] functions panic on failure too, as tests do.
#![allow(clippy::expect_used)]

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bsky_types::lexicons::app::bsky::feed::post::Post;
use bsky_types::lexicons::app::bsky::feed::{describe_feed_generator, get_feed_skeleton};
use bsky_types::lexicons::com::atproto::server::get_service_auth;
use lex_example_bsky_feed_generator::{did_web_for, FeedGenerator, FeedRule};
use lex_runtime::client::{ClientError, XrpcClient};
use lex_runtime::commit::SigningKey;
use lex_runtime::did_doc::{DidDocument, KeyType};
use lex_runtime::identity::{Config, Resolver};
use lex_runtime::server::auth::sign_service_jwt;
use lex_runtime::xrpc::{NoParams, XrpcError};
use lex_runtime::{AtUri, Datetime, Nsid};
use lex_tests::testnet::{TestNet, TestNetConfig};

const SKELETON: &str = "app.bsky.feed.getFeedSkeleton";

/// The test network with one account, alice, and a feed generator on its own port.
struct Setup {
    net: TestNet,
    alice: String,
    generator: Arc<FeedGenerator>,
    url: String,
    feed: AtUri,
}

async fn setup() -> Setup {
    let net = tokio::task::spawn_blocking(|| {
        TestNet::start(TestNetConfig::new(Vec::<PathBuf>::new()).account("alice.test", "secret"))
    })
    .await
    .expect("join")
    .expect("test network");
    let alice = net.account_did("alice.test").expect("alice").to_owned();
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .expect("bind loopback");
    let host = listener.local_addr().expect("addr").to_string();
    let url = format!("http://{host}");
    let feed = AtUri::new(&format!("at://{alice}/app.bsky.feed.generator/lex")).expect("uri");
    let rules = vec![FeedRule {
        uri: feed.clone(),
        keyword: "lex".into(),
    }];
    let did = did_web_for(&host).expect("did:web");
    let generator = Arc::new(FeedGenerator::new(did, &url, rules));
    // An http loopback PLC URL is what allows a loopback test network.
    let keys = Resolver::new(Config {
        plc_url: Some(net.plc_url().to_owned()),
        ..Config::default()
    })
    .expect("resolver");
    let router = Arc::clone(&generator).router(keys);
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    Setup {
        net,
        alice,
        generator,
        url,
        feed,
    }
}

/// Indexes `n` posts about lex (and one that is not), oldest first; returns their URIs,
/// newest first.
fn index_posts(setup: &Setup, n: usize) -> Vec<AtUri> {
    let created_at = Datetime::now();
    let mut uris = Vec::new();
    for i in 0..n {
        let uri = format!("at://{}/app.bsky.feed.post/3lex{i:09}", setup.alice);
        let uri = AtUri::new(&uri).expect("uri");
        let post = Post::new(format!("Lex post number {i}"), created_at.clone());
        assert_eq!(setup.generator.index(&uri, &post), 1);
        uris.push(uri);
        let other = AtUri::new(&format!(
            "at://{}/app.bsky.feed.post/3oth{i:09}",
            setup.alice
        ))
        .expect("uri");
        let off_topic = Post::new("about something else".into(), created_at.clone());
        assert_eq!(setup.generator.index(&other, &off_topic), 0);
    }
    uris.reverse();
    uris
}

/// A service-auth token for alice from the PDS.
async fn token(setup: &Setup, aud: &str, lxm: Option<&str>, exp: Option<i64>) -> String {
    let pds = XrpcClient::new(setup.net.pds_url()).expect("client");
    pds.login("alice.test", "secret").await.expect("login");
    let mut params = get_service_auth::Params::new(aud.to_owned());
    params.lxm = lxm.map(|m| Nsid::new(m).expect("nsid"));
    params.exp = exp;
    pds.query::<get_service_auth::GetServiceAuth>(&params)
        .await
        .expect("getServiceAuth")
        .token
}

/// A client of the feed generator sending `Authorization: Bearer <token>`.
fn client(setup: &Setup, token: Option<&str>, validate: bool) -> XrpcClient {
    let mut headers = reqwest::header::HeaderMap::new();
    if let Some(token) = token {
        let value = format!("Bearer {token}").parse().expect("header");
        headers.insert(reqwest::header::AUTHORIZATION, value);
    }
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .expect("http");
    XrpcClient::builder(&setup.url)
        .http_client(http)
        .validate(validate)
        .build()
        .expect("client")
}

fn now() -> i64 {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    i64::try_from(secs).expect("time")
}

async fn skeleton(
    client: &XrpcClient,
    params: &get_feed_skeleton::Params,
) -> Result<get_feed_skeleton::Output, ClientError<get_feed_skeleton::Error>> {
    client
        .query::<get_feed_skeleton::GetFeedSkeleton>(params)
        .await
}

/// The error name and HTTP status of a refused call.
fn refusal<E: XrpcError>(result: Result<impl std::fmt::Debug, ClientError<E>>) -> (String, u16) {
    let error = result.expect_err("the call must be refused");
    let name = error.error_name().unwrap_or("(none)").to_owned();
    (name, error.status().unwrap_or(0))
}

#[tokio::test]
async fn describes_itself_and_serves_its_did_document() {
    let setup = setup().await;
    let about = client(&setup, None, true)
        .query::<describe_feed_generator::DescribeFeedGenerator>(&NoParams)
        .await
        .expect("describe needs no auth");
    assert_eq!(&about.did, setup.generator.did());
    let feeds: Vec<&AtUri> = about.feeds.iter().map(|f| &f.uri).collect();
    assert_eq!(feeds, [&setup.feed]);

    let body = reqwest::get(format!("{}/.well-known/did.json", setup.url))
        .await
        .expect("did.json")
        .bytes()
        .await
        .expect("body");
    let document = DidDocument::from_json_for(&body, setup.generator.did().as_str())
        .expect("a document for the feed generator's did:web");
    let service = document.service.first().expect("a service");
    assert_eq!(
        (service.id.as_str(), service.kind.as_str()),
        ("#bsky_fg", "BskyFeedGenerator")
    );
    assert_eq!(service.service_endpoint.as_str(), Some(setup.url.as_str()));
}

#[tokio::test]
async fn pages_through_the_feed_with_a_token_from_the_pds() {
    let setup = setup().await;
    let expected = index_posts(&setup, 5);
    let aud = setup.generator.did().as_str().to_owned();
    let token = token(&setup, &aud, Some(SKELETON), None).await;
    let client = client(&setup, Some(&token), true);

    let mut params = get_feed_skeleton::Params::new(setup.feed.clone());
    params.limit = Some(2);
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let page = skeleton(&client, &params).await.expect("page");
        pages += 1;
        assert!(page.feed.len() <= 2);
        seen.extend(page.feed.into_iter().map(|p| p.post));
        match page.cursor {
            Some(cursor) => params.cursor = Some(cursor),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, expected);

    // Without `limit`, the lexicon's default (50) holds all five.
    let all = skeleton(&client, &get_feed_skeleton::Params::new(setup.feed.clone()))
        .await
        .expect("default limit");
    assert_eq!((all.feed.len(), all.cursor), (5, None));

    // The bounds are the lexicon's, checked by the server (this client does not check).
    let unchecked = self::client(&setup, Some(&token), false);
    for (limit, ok) in [(0, false), (1, true), (100, true), (101, false)] {
        params = get_feed_skeleton::Params::new(setup.feed.clone());
        params.limit = Some(limit);
        let result = skeleton(&unchecked, &params).await;
        match ok {
            true => assert!(result.is_ok(), "limit {limit}: {result:?}"),
            false => assert_eq!(
                refusal(result),
                ("InvalidRequest".into(), 400),
                "limit {limit}"
            ),
        }
    }
    params = get_feed_skeleton::Params::new(setup.feed.clone());
    params.cursor = Some("not-a-cursor".into());
    assert_eq!(
        refusal(skeleton(&client, &params).await),
        ("InvalidRequest".into(), 400)
    );
    let other = AtUri::new(&format!(
        "at://{}/app.bsky.feed.generator/other",
        setup.alice
    ))
    .expect("uri");
    let result = skeleton(&client, &get_feed_skeleton::Params::new(other)).await;
    assert!(
        matches!(
            &result,
            Err(ClientError::Xrpc {
                error: get_feed_skeleton::Error::UnknownFeed(_),
                ..
            })
        ),
        "{result:?}"
    );
}

#[tokio::test]
async fn refuses_missing_misdirected_and_forged_tokens() {
    let setup = setup().await;
    index_posts(&setup, 1);
    let aud = setup.generator.did().as_str().to_owned();
    let params = get_feed_skeleton::Params::new(setup.feed.clone());

    let anonymous = client(&setup, None, true);
    let expected = ("AuthenticationRequired".into(), 401);
    assert_eq!(refusal(skeleton(&anonymous, &params).await), expected);

    let bad_jwt = ("BadJwt".to_owned(), 401);
    let cases = [
        ("another audience", "did:web:other.example", Some(SKELETON)),
        (
            "another method",
            aud.as_str(),
            Some("app.bsky.feed.getTimeline"),
        ),
        ("no method", aud.as_str(), None),
    ];
    for (what, token_aud, lxm) in cases {
        let token = token(&setup, token_aud, lxm, None).await;
        let result = skeleton(&client(&setup, Some(&token), true), &params).await;
        assert_eq!(refusal(result), bad_jwt, "{what}");
    }

    // Alice's DID, but not alice's key: the PLC document's key does not verify it.
    let stranger = SigningKey::from_bytes(KeyType::Secp256k1, &[7; 32]).expect("key");
    let forged = sign_service_jwt(&stranger, &setup.alice, &aud, SKELETON, 60);
    let result = skeleton(&client(&setup, Some(&forged), true), &params).await;
    assert_eq!(refusal(result), bad_jwt, "forged");
    // A requester the PLC does not know.
    let unknown = sign_service_jwt(
        &stranger,
        "did:plc:aaaaaaaaaaaaaaaaaaaaaaaa",
        &aud,
        SKELETON,
        60,
    );
    let result = skeleton(&client(&setup, Some(&unknown), true), &params).await;
    assert_eq!(refusal(result), bad_jwt, "unknown requester");

    // The right token still works.
    let good = token(&setup, &aud, Some(SKELETON), None).await;
    let page = skeleton(&client(&setup, Some(&good), true), &params).await;
    assert_eq!(page.expect("a valid token").feed.len(), 1);
}

#[tokio::test]
async fn refuses_an_expired_token() {
    let setup = setup().await;
    let aud = setup.generator.did().as_str().to_owned();
    // The PDS issues only future expiries; this one lapses in a second, and the server
    // allows five seconds of clock skew.
    let exp = now() + 1;
    let token = token(&setup, &aud, Some(SKELETON), Some(exp)).await;
    while now() <= exp + 5 {
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let params = get_feed_skeleton::Params::new(setup.feed.clone());
    let result = skeleton(&client(&setup, Some(&token), true), &params).await;
    assert_eq!(refusal(result), ("JwtExpired".into(), 401));
}

#[tokio::test]
async fn follows_a_key_rotation() {
    let setup = setup().await;
    index_posts(&setup, 1);
    let aud = setup.generator.did().as_str().to_owned();
    let params = get_feed_skeleton::Params::new(setup.feed.clone());
    let before = token(&setup, &aud, Some(SKELETON), None).await;
    let page = skeleton(&client(&setup, Some(&before), true), &params).await;
    assert!(page.is_ok(), "{page:?}");
    setup.net.rotate_key("alice.test").expect("rotate");
    // Tokens signed with the new key verify although the old document was cached; the old
    // key no longer does.
    let after = token(&setup, &aud, Some(SKELETON), None).await;
    let page = skeleton(&client(&setup, Some(&after), true), &params).await;
    assert!(page.is_ok(), "{page:?}");
    let result = skeleton(&client(&setup, Some(&before), true), &params).await;
    assert_eq!(refusal(result), ("BadJwt".into(), 401));
}
