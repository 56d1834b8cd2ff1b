//! The two methods a feed generator serves: `describeFeedGenerator` (who it is and which
//! feeds it has) and `getFeedSkeleton` (a page of post URIs, for authenticated callers).

use bsky_types::lexicons::app::bsky::feed::defs::SkeletonFeedPost;
use bsky_types::lexicons::app::bsky::feed::{describe_feed_generator, get_feed_skeleton};
use lex_runtime::server::{ServerError, XrpcRequest};

use crate::store::BadCursor;
use crate::FeedGenerator;

/// Posts per page when the caller sets no `limit`: the lexicon's default. The bounds
/// (1 to 100) are the lexicon's too; the server rejects others before this code runs.
pub const DEFAULT_LIMIT: i64 = 50;

pub(crate) fn describe(generator: &FeedGenerator) -> describe_feed_generator::Output {
    let feeds = generator
        .feeds
        .iter()
        .map(|feed| describe_feed_generator::Feed::new(feed.uri.clone()))
        .collect();
    describe_feed_generator::Output::new(generator.did.clone(), feeds)
}

pub(crate) fn skeleton(
    generator: &FeedGenerator,
    request: &XrpcRequest<get_feed_skeleton::Params>,
) -> Result<get_feed_skeleton::Output, ServerError> {
    // The AppView calls on behalf of a signed-in user; an anonymous caller gets nothing.
    request.require_auth()?;
    let params = &request.params;
    let limit = usize::try_from(params.limit.unwrap_or(DEFAULT_LIMIT)).unwrap_or(0);
    let page = match generator
        .store
        .page(&params.feed, params.cursor.as_deref(), limit)
    {
        Some(Ok(page)) => page,
        Some(Err(BadCursor)) => return Err(ServerError::invalid_request("malformed cursor")),
        None => {
            return Err(ServerError::declared(
                get_feed_skeleton::Error::UnknownFeed(Some(format!(
                    "this feed generator does not serve {}",
                    params.feed
                ))),
            ))
        }
    };
    let posts = page.posts.into_iter().map(SkeletonFeedPost::new).collect();
    let mut output = get_feed_skeleton::Output::new(posts);
    output.cursor = page.cursor;
    Ok(output)
}
