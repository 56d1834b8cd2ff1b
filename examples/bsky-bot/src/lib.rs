//! A Bluesky bot on lex's XRPC client and the vendored `app.bsky` lexicons
//! (`examples/bsky`, generated into the `bsky-types` crate).
//!
//! It composes an `app.bsky.feed.post` whose text carries facets (a mention, a link, a
//! tag; byte offsets counted in UTF-8, right for any text), embeds a link card
//! (`app.bsky.embed.external`, no thumbnail), writes it with
//! `com.atproto.repo.createRecord` and reads it back with `com.atproto.repo.getRecord`.
//!
//! ```
//! use lex_example_bsky_bot::{facet_text, RichText};
//! use lex_runtime::Uri;
//!
//! let text = RichText::new().text("Schön: ").link("the docs", Uri::new("https://example.com")?);
//! let facet = &text.facets()[0];
//! assert_eq!(facet.index.byte_start, 8); // "Schön: " is 7 characters, 8 bytes
//! assert_eq!(facet_text(text.as_str(), facet), Some("the docs"));
//! # Ok::<(), lex_runtime::SyntaxError>(())
//! ```

mod compose;
mod repo;
mod rich_text;

pub use compose::{post, LinkCard};
pub use repo::{create_post, get_post, record_value, Error, StoredPost};
pub use rich_text::{facet_text, RichText};
