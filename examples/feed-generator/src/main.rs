//! Runs the example feed generator on `127.0.0.1:$PORT` (default 8080) with sample posts.
//! Try `curl 'http://127.0.0.1:8080/xrpc/com.example.blog.listPosts?author=did:plc:alice&limit=2'`.

use std::sync::Arc;

use lex_example_feed_generator::{post_view, router, Feed};
use lex_runtime::Did;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(8080);
    let alice = Did::new("did:plc:alice")?;
    let posts = (1..=5)
        .rev()
        .filter_map(|i| {
            post_view(
                &alice,
                &format!("3k{i}aaaaaaaaa"),
                &format!("Post {i}"),
                &format!("2024-01-0{i}T00:00:00.000Z"),
            )
        })
        .collect();
    let feed = Arc::new(Feed {
        did: Did::new("did:web:feed.example.com")?,
        name: "Example blog".into(),
        posts,
    });
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("serving on http://{}", listener.local_addr()?);
    axum::serve(listener, router(feed)).await?;
    Ok(())
}
