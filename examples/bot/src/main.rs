//! Posts one announcement to the blog. Settings come from the environment:
//! `LEX_SERVICE` (the PDS, e.g. `http://127.0.0.1:2583`), `LEX_IDENTIFIER`, `LEX_PASSWORD`.

use lex_example_bot::{announcement, run};
use lex_runtime::client::XrpcClient;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let service = std::env::var("LEX_SERVICE").unwrap_or_else(|_| "http://127.0.0.1:2583".into());
    let identifier = std::env::var("LEX_IDENTIFIER")?;
    let password = std::env::var("LEX_PASSWORD")?;
    let client = XrpcClient::new(&service)?;
    let post = announcement(
        "Hello from lex",
        "This post was written by the example bot. #rust #atproto",
        &["rust", "atproto"],
        Some("https://example.com/lex"),
    );
    let written = run(&client, &identifier, &password, &post).await?;
    println!("wrote {} ({})", written.uri, written.cid);
    Ok(())
}
