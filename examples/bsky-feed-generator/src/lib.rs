//! A Bluesky feed generator on lex's XRPC server, built on the vendored `app.bsky`
//! lexicons (`examples/bsky`, generated into the `bsky-types` crate).
//!
//! It serves `app.bsky.feed.describeFeedGenerator`, `app.bsky.feed.getFeedSkeleton`
//! (newest posts first, paged by an opaque `cursor`, `limit` 1 to 100) and its own
//! `did:web` document at `/.well-known/did.json`. Skeleton requests must carry a
//! service-auth JWT: issued to this feed generator's DID (`aud`), for
//! `app.bsky.feed.getFeedSkeleton` (`lxm`), unexpired, and signed with the `#atproto` key
//! of the requester's DID document, which a [`lex_runtime::identity::Resolver`] finds
//! (did:plc through a PLC directory, did:web from its host).
//!
//! Each feed is a keyword: [`FeedGenerator::index`] puts a post (from a firehose
//! consumer, say) into every feed whose keyword its text contains.

mod did_web;
mod skeleton;
mod store;

use std::sync::Arc;

use bsky_types::lexicons::app::bsky::feed::post::Post;
use bsky_types::lexicons::app::bsky::feed::{describe_feed_generator, get_feed_skeleton};
use lex_runtime::server::auth::KeyResolver;
use lex_runtime::server::{ServiceAuth, XrpcRouter};
use lex_runtime::{AtUri, Did};

use crate::store::FeedStore;

pub use did_web::{did_document, did_web_for, SERVICE_ID, SERVICE_TYPE};
pub use skeleton::DEFAULT_LIMIT;

/// One feed: the posts whose text contains a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedRule {
    /// The feed's `app.bsky.feed.generator` record (`at://<publisher>/app.bsky.feed.generator/<rkey>`).
    pub uri: AtUri,
    /// The word, matched without regard to case.
    pub keyword: String,
}

/// The feed generator: its identity, its feeds and their posts.
#[derive(Debug)]
pub struct FeedGenerator {
    did: Did,
    endpoint: String,
    feeds: Vec<FeedRule>,
    store: FeedStore,
}

impl FeedGenerator {
    /// A feed generator with DID `did` (a `did:web`), reachable at `endpoint`
    /// (`https://host`), serving `feeds`, all empty.
    pub fn new(did: Did, endpoint: &str, feeds: Vec<FeedRule>) -> FeedGenerator {
        let store = FeedStore::new(feeds.iter().map(|f| &f.uri));
        FeedGenerator {
            did,
            endpoint: endpoint.to_owned(),
            feeds,
            store,
        }
    }

    /// The feed generator's DID: the audience its service-auth tokens must name.
    pub fn did(&self) -> &Did {
        &self.did
    }

    /// Adds post `uri` to every feed whose keyword its text contains; returns how many.
    pub fn index(&self, uri: &AtUri, post: &Post) -> usize {
        let text = post.text.to_lowercase();
        self.feeds
            .iter()
            .filter(|feed| text.contains(&feed.keyword.to_lowercase()))
            .filter(|feed| self.store.push(&feed.uri, uri.clone()))
            .count()
    }

    /// The HTTP routes: the two XRPC methods, checked with keys from `keys`, and
    /// `/.well-known/did.json`.
    pub fn router(self: Arc<Self>, keys: impl KeyResolver) -> axum::Router {
        let auth = ServiceAuth::new(self.did.as_str(), keys);
        let document = did_document(&self.did, &self.endpoint);
        let describe = Arc::clone(&self);
        XrpcRouter::new()
            .service_auth(auth)
            .query::<describe_feed_generator::DescribeFeedGenerator, _, _>(move |_| {
                let generator = Arc::clone(&describe);
                async move { Ok(skeleton::describe(&generator)) }
            })
            .query::<get_feed_skeleton::GetFeedSkeleton, _, _>(move |request| {
                let generator = Arc::clone(&self);
                async move { skeleton::skeleton(&generator, &request) }
            })
            .merge(did_web::routes(&document))
            .into_router()
    }
}
