//! Posts once and reads the post back: `BOT_PASSWORD=... lex-example-bsky-bot PDS_URL
//! HANDLE [LINK]` logs in as HANDLE, writes a post mentioning itself with a link and a
//! link card, and prints its AT URI and CID.

use lex_example_bsky_bot::{create_post, get_post, post, record_value, Error, LinkCard, RichText};
use lex_runtime::client::XrpcClient;
use lex_runtime::{Datetime, Did, Handle, Language, Uri};

#[tokio::main]
async fn main() -> Result<(), Error> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: BOT_PASSWORD=... lex-example-bsky-bot PDS_URL HANDLE [LINK]";
    let (Some(pds), Some(handle)) = (args.next(), args.next()) else {
        return Err(usage.into());
    };
    let link = args.next().unwrap_or_else(|| "https://atproto.com/".into());
    let password = std::env::var("BOT_PASSWORD").map_err(|_| usage)?;

    let client = XrpcClient::new(&pds)?;
    let session = client.login(&handle, &password).await?;
    let did = Did::new(&session.did)?;
    let text = RichText::new()
        .text("Grüße from ")
        .mention(&Handle::new(&session.handle)?, did.clone())
        .text(" — written with lex, read ")
        .link("the protocol docs", Uri::new(&link)?)
        .text(" ")
        .tag("atproto");
    let card = LinkCard {
        uri: Uri::new(&link)?,
        title: "AT Protocol".into(),
        description: "The protocol behind Bluesky.".into(),
    };
    let post = post(text, card, Language::new("en")?, Datetime::now());
    let written = create_post(&client, &did, &post).await?;
    let stored = get_post(&client, &written.uri).await?;
    if stored.post != post || stored.value != record_value(&post)? {
        return Err(format!("{} reads back differently", written.uri).into());
    }
    println!("{} {}", written.uri, written.cid);
    Ok(())
}
