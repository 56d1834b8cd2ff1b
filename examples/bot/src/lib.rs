//! A bot for the example blog, on lex's XRPC client: it logs in with a password session and
//! writes a `com.example.blog.post` record with tags, a facet for each `#tag` in the body
//! and a link embed through `com.atproto.repo.createRecord` (the client validates the
//! record before sending).
//!
//! The types come from `build.rs`, which runs `lex_compiler::Config` over the
//! repository's `lexicons/`.

include!(concat!(env!("OUT_DIR"), "/generated.rs"));

use lex_runtime::client::{ClientError, WriteOutput, XrpcClient};
use lex_runtime::{Datetime, Uri};

use lexicons::com::example::blog::defs::{ByteSlice, Facet, FacetFeaturesItem, Link, TagFeature};
use lexicons::com::example::blog::post::{Post, PostEmbed};

/// The post the bot writes: a title, a body, topic tags and a link shown below it.
pub fn announcement(title: &str, body: &str, tags: &[&str], link: Option<&str>) -> Post {
    let mut post = Post::new(title.to_owned(), body.to_owned(), Datetime::now());
    if !tags.is_empty() {
        post.tags = Some(tags.iter().map(|t| (*t).to_owned()).collect());
    }
    let facets = tag_facets(body, tags);
    if !facets.is_empty() {
        post.facets = Some(facets);
    }
    post.embed = link
        .and_then(|l| Uri::new(l).ok())
        .map(|uri| PostEmbed::DefsLink(Box::new(Link::new(uri))));
    post
}

/// A tag facet for the first `#tag` of each of `tags` found in `body`. Facet ranges count
/// UTF-8 bytes, which is what `str::find` returns.
pub fn tag_facets(body: &str, tags: &[&str]) -> Vec<Facet> {
    tags.iter()
        .filter_map(|tag| {
            let needle = format!("#{tag}");
            let start = body.find(&needle)?;
            let index = ByteSlice {
                byte_start: i64::try_from(start).ok()?,
                byte_end: i64::try_from(start + needle.len()).ok()?,
                ..ByteSlice::default()
            };
            let feature = TagFeature::new((*tag).to_owned());
            let features = vec![FacetFeaturesItem::TagFeature(Box::new(feature))];
            Some(Facet::new(index, features))
        })
        .collect()
}

/// Logs in as `identifier` and writes `post` into the account's repository.
pub async fn run(
    client: &XrpcClient,
    identifier: &str,
    password: &str,
    post: &Post,
) -> Result<WriteOutput, ClientError> {
    let session = client.login(identifier, password).await?;
    client.create(&session.did, post, None).await
}
