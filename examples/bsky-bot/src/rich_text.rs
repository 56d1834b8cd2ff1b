//! Post text with facets. A facet marks a range of the text by UTF-8 byte offsets
//! (`byteStart` inclusive, `byteEnd` exclusive), not by characters or graphemes, so the
//! text is built piece by piece and each range is read off the bytes written so far.

use bsky_types::lexicons::app::bsky::richtext::facet::{
    ByteSlice, Facet, FacetFeaturesItem, Link, Mention, Tag,
};
use lex_runtime::{Did, Handle, Uri};

/// Text and the facets marking links, mentions and tags in it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RichText {
    text: String,
    facets: Vec<Facet>,
}

impl RichText {
    /// Empty text.
    pub fn new() -> RichText {
        RichText::default()
    }

    /// Appends plain text.
    pub fn text(mut self, text: &str) -> RichText {
        self.text.push_str(text);
        self
    }

    /// Appends `label`, linked to `uri`.
    pub fn link(self, label: &str, uri: Uri) -> RichText {
        self.faceted(label, FacetFeaturesItem::Link(Box::new(Link::new(uri))))
    }

    /// Appends `@handle`, mentioning the account `did`.
    pub fn mention(self, handle: &Handle, did: Did) -> RichText {
        let shown = format!("@{handle}");
        self.faceted(
            &shown,
            FacetFeaturesItem::Mention(Box::new(Mention::new(did))),
        )
    }

    /// Appends `#tag` as a hashtag.
    pub fn tag(self, tag: &str) -> RichText {
        let shown = format!("#{tag}");
        self.faceted(
            &shown,
            FacetFeaturesItem::Tag(Box::new(Tag::new(tag.to_owned()))),
        )
    }

    fn faceted(mut self, shown: &str, feature: FacetFeaturesItem) -> RichText {
        let start = offset(self.text.len());
        self.text.push_str(shown);
        let end = offset(self.text.len());
        self.facets
            .push(Facet::new(ByteSlice::new(start, end), vec![feature]));
        self
    }

    /// The text so far.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The facets so far, in text order.
    pub fn facets(&self) -> &[Facet] {
        &self.facets
    }

    /// The text and its facets.
    pub fn into_parts(self) -> (String, Vec<Facet>) {
        (self.text, self.facets)
    }
}

/// A byte offset as the lexicon's integer. A post's text is a few kilobytes at most;
/// an impossible length saturates, and the post then fails validation.
fn offset(len: usize) -> i64 {
    i64::try_from(len).unwrap_or(i64::MAX)
}

/// The text a facet marks: the bytes `byteStart..byteEnd` of `text`, when they are in
/// range and fall on character boundaries.
pub fn facet_text<'a>(text: &'a str, facet: &Facet) -> Option<&'a str> {
    let start = usize::try_from(facet.index.byte_start).ok()?;
    let end = usize::try_from(facet.index.byte_end).ok()?;
    text.get(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_bytes_not_characters() {
        let did = Did::new("did:plc:ewvi7nxzyoun6zhxrhs64oiz").unwrap();
        let handle = Handle::new("bob.test").unwrap();
        let rich = RichText::new()
            .text("Grüße 👋🏽 ")
            .mention(&handle, did)
            .text(" — ")
            .link(
                "lëx docs",
                Uri::new("https://example.com/d%C3%B3cs").unwrap(),
            )
            .text(" ")
            .tag("rüst");
        let text = rich.as_str();
        let shown: Vec<&str> = rich
            .facets()
            .iter()
            .map(|f| facet_text(text, f).unwrap())
            .collect();
        assert_eq!(shown, [format!("@{handle}").as_str(), "lëx docs", "#rüst"]);
        // "Grüße 👋🏽 " is 9 characters but 17 bytes: character offsets would be wrong.
        assert_eq!("Grüße 👋🏽 ".chars().count(), 9);
        assert_eq!(rich.facets()[0].index.byte_start, 17);
    }
}
