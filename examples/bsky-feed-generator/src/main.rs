//! Runs the feed generator: `lex-example-bsky-feed-generator --publisher DID --feed
//! lex=lex --post AT-URI=TEXT ...` serves on `127.0.0.1:PORT` as `did:web:127.0.0.1%3APORT`
//! and checks tokens with keys from the PLC directory given by `--plc-url`.

use std::sync::Arc;

use bsky_types::lexicons::app::bsky::feed::post::Post;
use clap::Parser;
use lex_example_bsky_feed_generator::{did_web_for, FeedGenerator, FeedRule};
use lex_runtime::identity::{Config, Resolver};
use lex_runtime::{AtUri, Datetime, Did};

/// A Bluesky feed generator serving keyword feeds.
#[derive(Debug, Parser)]
struct Args {
    /// The port on 127.0.0.1.
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// The host in the did:web and the service endpoint (default: 127.0.0.1:PORT).
    #[arg(long)]
    host: Option<String>,
    /// The PLC directory that requesters' DIDs resolve through.
    #[arg(long, default_value = "https://plc.directory")]
    plc_url: String,
    /// The DID of the account publishing the feeds' `app.bsky.feed.generator` records.
    #[arg(long)]
    publisher: Did,
    /// A feed: its record key and the word its posts contain (repeatable).
    #[arg(long, value_name = "RKEY=WORD", required = true)]
    feed: Vec<String>,
    /// A post to index (repeatable).
    #[arg(long, value_name = "AT-URI=TEXT")]
    post: Vec<String>,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let host = args
        .host
        .unwrap_or_else(|| format!("127.0.0.1:{}", args.port));
    let scheme = if host.starts_with("127.0.0.1") || host.starts_with("localhost") {
        "http"
    } else {
        "https"
    };
    let mut feeds = Vec::new();
    for spec in &args.feed {
        let (rkey, word) = spec
            .split_once('=')
            .ok_or_else(|| format!("--feed `{spec}`: expected RKEY=WORD"))?;
        let uri = format!("at://{}/app.bsky.feed.generator/{rkey}", args.publisher);
        feeds.push(FeedRule {
            uri: AtUri::new(&uri)?,
            keyword: word.to_owned(),
        });
    }
    let generator = Arc::new(FeedGenerator::new(
        did_web_for(&host)?,
        &format!("{scheme}://{host}"),
        feeds,
    ));
    for spec in &args.post {
        let (uri, text) = spec
            .split_once('=')
            .ok_or_else(|| format!("--post `{spec}`: expected AT-URI=TEXT"))?;
        generator.index(
            &AtUri::new(uri)?,
            &Post::new(text.to_owned(), Datetime::now()),
        );
    }
    let keys = Resolver::new(Config {
        plc_url: Some(args.plc_url),
        ..Config::default()
    })?;
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", args.port)).await?;
    println!(
        "{} serving on http://{}",
        generator.did(),
        listener.local_addr()?
    );
    axum::serve(listener, Arc::clone(&generator).router(keys)).await?;
    Ok(())
}
