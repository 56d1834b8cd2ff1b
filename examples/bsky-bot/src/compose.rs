//! The post the bot writes: rich text plus a link card (`app.bsky.embed.external`,
//! without a thumbnail, so no blob has to be uploaded first).

use bsky_types::lexicons::app::bsky::embed::external::{External, External2};
use bsky_types::lexicons::app::bsky::feed::post::{Post, PostEmbed};
use lex_runtime::{Datetime, Language, Uri};

use crate::RichText;

/// A link card: where it points, its title and description.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkCard {
    /// The page.
    pub uri: Uri,
    /// The page's title.
    pub title: String,
    /// A line about the page.
    pub description: String,
}

/// An `app.bsky.feed.post` of `text` (its facets included) with `card` embedded,
/// written at `created_at` in language `lang`.
pub fn post(text: RichText, card: LinkCard, lang: Language, created_at: Datetime) -> Post {
    let (text, facets) = text.into_parts();
    let mut post = Post::new(text, created_at);
    if !facets.is_empty() {
        post.facets = Some(facets);
    }
    let external = External2::new(card.uri, card.title, card.description);
    post.embed = Some(PostEmbed::External(Box::new(External::new(external))));
    post.langs = Some(vec![lang]);
    post
}
