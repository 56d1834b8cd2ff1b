//! A feed generator for the example blog, on lex's XRPC server: it serves
//! `com.example.blog.describeBlog` and `com.example.blog.listPosts` (one author's posts,
//! newest first, paginated with an opaque `cursor`) from posts held in memory.
//!
//! The types come from `build.rs`, which runs `lex_compiler::Config` over the
//! repository's `lexicons/`; the handlers are plain async closures over them.

include!(concat!(env!("OUT_DIR"), "/generated.rs"));

use std::sync::Arc;

use lex_runtime::server::{ServerError, XrpcRequest, XrpcRouter};
use lex_runtime::{AtUri, Datetime, Did, Value};

use lexicons::com::example::blog::defs::PostView;
use lexicons::com::example::blog::{describe_blog, list_posts};

/// Posts per page when the caller sets no `limit` (the schema's default).
const DEFAULT_LIMIT: i64 = 50;

/// What the feed serves.
#[derive(Debug, Clone)]
pub struct Feed {
    /// The service's DID.
    pub did: Did,
    /// Its display name.
    pub name: String,
    /// Every post, newest first.
    pub posts: Vec<PostView>,
}

/// The router of the feed generator.
pub fn router(feed: Arc<Feed>) -> axum::Router {
    let describe = Arc::clone(&feed);
    XrpcRouter::new()
        .query::<describe_blog::DescribeBlog, _, _>(move |_req| {
            let feed = Arc::clone(&describe);
            async move { Ok(describe_output(&feed)) }
        })
        .query::<list_posts::ListPosts, _, _>(move |req| {
            let feed = Arc::clone(&feed);
            async move { list(&feed, &req) }
        })
        .into_router()
}

fn describe_output(feed: &Feed) -> describe_blog::Output {
    let mut authors: Vec<Did> = Vec::new();
    for post in &feed.posts {
        if !authors.contains(&post.author) {
            authors.push(post.author.clone());
        }
    }
    describe_blog::Output::new(feed.did.clone(), feed.name.clone(), authors)
}

/// One page of an author's posts. The cursor is the number of the author's posts already
/// returned; clients must treat it as opaque.
fn list(
    feed: &Feed,
    req: &XrpcRequest<list_posts::Params>,
) -> Result<list_posts::Output, ServerError> {
    let params = &req.params;
    let skip = match params.cursor.as_deref() {
        None => 0,
        Some(c) => c
            .parse::<usize>()
            .map_err(|_| ServerError::invalid_request("malformed cursor"))?,
    };
    let limit = usize::try_from(params.limit.unwrap_or(DEFAULT_LIMIT)).unwrap_or(0);
    let author = params.author.as_ref();
    let mine = feed.posts.iter().filter(|p| p.author.as_ref() == author);
    let page: Vec<PostView> = mine.clone().skip(skip).take(limit).cloned().collect();
    let next = skip + page.len();
    let more = mine.count() > next;
    let mut output = list_posts::Output::new(page);
    output.cursor = more.then(|| next.to_string());
    Ok(output)
}

/// A post view for the sample data and the tests.
pub fn post_view(author: &Did, rkey: &str, title: &str, indexed_at: &str) -> Option<PostView> {
    let uri = AtUri::new(&format!("at://{author}/com.example.blog.post/{rkey}")).ok()?;
    let mut record = lex_runtime::Map::new();
    record.insert("$type", Value::String("com.example.blog.post".into()));
    record.insert("title", Value::String(title.into()));
    record.insert("body", Value::String(format!("The text of {title}.")));
    record.insert("createdAt", Value::String(indexed_at.into()));
    let record = Value::Map(record);
    let cid = lex_runtime::cbor::cid_of(&record).to_string();
    Some(PostView::new(
        uri,
        cid,
        author.clone(),
        record,
        Datetime::new(indexed_at).ok()?,
    ))
}
