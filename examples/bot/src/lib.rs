//! A bot for the example blog, on lex's XRPC client: it logs in with a password session and
//! writes a `com.example.blog.post` record with tags and a link embed through
//! `com.atproto.repo.createRecord` (the client validates the record before sending).
//!
//! The types come from `build.rs`, which runs `lex_compiler::Config` over the
//! repository's `lexicons/`.

include!(concat!(env!("OUT_DIR"), "/generated.rs"));

use lex_runtime::client::{ClientError, WriteOutput, XrpcClient};
use lex_runtime::{Datetime, Uri};

use lexicons::com::example::blog::defs::Link;
use lexicons::com::example::blog::post::{Post, PostEmbed};

/// The post the bot writes: a title, a body, topic tags and a link shown below it.
pub fn announcement(title: &str, body: &str, tags: &[&str], link: Option<&str>) -> Post {
    let mut post = Post::new(body.to_owned(), Datetime::now(), title.to_owned());
    if !tags.is_empty() {
        post.tags = Some(tags.iter().map(|t| (*t).to_owned()).collect());
    }
    post.embed = link
        .and_then(|l| Uri::new(l).ok())
        .map(|uri| PostEmbed::DefsLink(Box::new(Link::new(uri))));
    post
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
