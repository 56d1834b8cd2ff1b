//! Prints the posts of the blog's event stream. `LEX_SERVICE` is the service
//! (default `http://127.0.0.1:8080`), `LEX_CURSOR` an optional `seq` to resume after.

use lex_example_subscriber::run;
use lex_runtime::client::XrpcClient;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let service = std::env::var("LEX_SERVICE").unwrap_or_else(|_| "http://127.0.0.1:8080".into());
    let cursor = std::env::var("LEX_CURSOR")
        .ok()
        .and_then(|c| c.parse().ok());
    let client = XrpcClient::new(&service)?;
    let seen = run(&client, cursor, usize::MAX).await?;
    for (seq, uri, title) in &seen.created {
        println!("{seq} created {uri}: {title}");
    }
    for (seq, uri) in &seen.deleted {
        println!("{seq} deleted {uri}");
    }
    Ok(())
}
