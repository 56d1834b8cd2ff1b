//! `at-uri` format: `&str` -> [`AtUri`], in the restricted Lexicon form
//! `at://AUTHORITY[/COLLECTION[/RKEY]][#FRAGMENT]`.
//!
//! Fragments: the Lexicon grammar in the spec has none, the TS strict parser accepts a
//! JSON-Pointer fragment (`#/...`) and the Go one rejects all. Lexicon validation is meant
//! to be the most permissive syntax, and records the reference PDS accepted must validate
//! here, so we accept a JSON-Pointer fragment and reject every other (`#`, `#x`, `##`).
//! Queries are rejected, as are trailing slashes, empty segments and a third segment.

use crate::string_format::{string_format, SyntaxError};
use crate::{AtIdentifier, Did, Handle, Nsid, RecordKey, StringFormat};

const MAX_LEN: usize = 8192;
const SCHEME: &str = "at://";

string_format! {
    /// A reference to a repository, a collection or a record, such as
    /// `at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3jui7kd54zh2y`.
    AtUri, check, "an AT-URI string"
}

impl AtUri {
    /// Builds `at://authority[/collection[/rkey]]`; fails when `rkey` is given without a
    /// collection or the result would be too long.
    pub fn from_parts(
        authority: &AtIdentifier,
        collection: Option<&Nsid>,
        rkey: Option<&RecordKey>,
    ) -> Result<AtUri, SyntaxError> {
        if collection.is_none() && rkey.is_some() {
            return Err(SyntaxError::whole(
                StringFormat::AtUri,
                "a record key needs a collection",
            ));
        }
        let mut s = String::from(SCHEME);
        s.push_str(authority.as_str());
        for part in [collection.map(Nsid::as_str), rkey.map(RecordKey::as_str)]
            .into_iter()
            .flatten()
        {
            s.push('/');
            s.push_str(part);
        }
        AtUri::try_from(s)
    }

    /// The DID or handle, e.g. `did:plc:ewvi7nxzyoun6zhxrhs64oiz`.
    pub fn authority(&self) -> &str {
        self.path_parts().next().unwrap_or_default()
    }

    /// Whether the authority is a DID (durable) rather than a handle.
    pub fn authority_is_did(&self) -> bool {
        self.authority().starts_with("did:")
    }

    /// The collection NSID, if the URI has a path.
    pub fn collection(&self) -> Option<&str> {
        self.path_parts().nth(1)
    }

    /// The record key, if the URI names a record.
    pub fn rkey(&self) -> Option<&str> {
        self.path_parts().nth(2)
    }

    /// The JSON-Pointer fragment without its `#` (e.g. `/text`), if any.
    pub fn fragment(&self) -> Option<&str> {
        self.as_str().split_once('#').map(|(_, f)| f)
    }

    fn path_parts(&self) -> std::str::Split<'_, char> {
        let s = self.as_str();
        let s = s.strip_prefix(SCHEME).unwrap_or(s);
        let s = s.split_once('#').map_or(s, |(path, _)| path);
        s.split('/')
    }
}

fn err(offset: usize, reason: &'static str) -> SyntaxError {
    SyntaxError::at(StringFormat::AtUri, offset, reason)
}

pub(crate) fn check(s: &str) -> Result<(), SyntaxError> {
    if s.len() > MAX_LEN {
        return Err(SyntaxError::whole(
            StringFormat::AtUri,
            "AT-URI is longer than 8192 characters",
        ));
    }
    let Some(rest) = s.strip_prefix(SCHEME) else {
        let reason = if s
            .get(..SCHEME.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(SCHEME))
        {
            "AT-URI scheme must be lowercase `at://`"
        } else {
            "AT-URI must start with `at://`"
        };
        return Err(err(0, reason));
    };
    let base = SCHEME.len();
    let (main, fragment) = match rest.split_once('#') {
        Some((main, fragment)) => (main, Some(fragment)),
        None => (rest, None),
    };
    if let Some(q) = main.find('?') {
        return Err(err(base + q, "AT-URI must not have a query"));
    }

    let mut parts = main.split('/');
    let authority = parts.next().unwrap_or_default();
    if authority.is_empty() {
        return Err(err(base, "AT-URI authority is empty"));
    }
    if authority.starts_with("did:") {
        Did::validate(authority).map_err(|e| e.within(StringFormat::AtUri, "authority", base))?;
    } else {
        Handle::validate(authority)
            .map_err(|e| e.within(StringFormat::AtUri, "authority", base))?;
    }

    let mut offset = base + authority.len() + 1;
    for (i, segment) in parts.enumerate() {
        if segment.is_empty() {
            let reason = if offset == base + main.len() {
                "AT-URI must not end with a slash"
            } else {
                "AT-URI must not have an empty path segment (`//`)"
            };
            return Err(err(offset - 1, reason));
        }
        match i {
            0 => Nsid::validate(segment)
                .map_err(|e| e.within(StringFormat::AtUri, "collection", offset))?,
            1 => RecordKey::validate(segment)
                .map_err(|e| e.within(StringFormat::AtUri, "record key", offset))?,
            _ => {
                return Err(err(
                    offset - 1,
                    "AT-URI may have at most two path segments (collection and record key)",
                ))
            }
        }
        offset += segment.len() + 1;
    }

    if let Some(fragment) = fragment {
        check_fragment(fragment, base + main.len() + 1)?;
    }
    Ok(())
}

/// A JSON Pointer (`/a/b`) of URI fragment characters with well-formed `%XX` escapes.
fn check_fragment(fragment: &str, base: usize) -> Result<(), SyntaxError> {
    let bytes = fragment.as_bytes();
    if bytes.first() != Some(&b'/') {
        return Err(err(
            base,
            "AT-URI fragment must be a JSON Pointer starting with `/`",
        ));
    }
    let mut i = 0;
    while let Some(&c) = bytes.get(i) {
        match c {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).unwrap_or_default();
                if hex.len() != 2 || !hex.iter().all(u8::is_ascii_hexdigit) {
                    return Err(err(
                        base + i,
                        "`%` in an AT-URI fragment must start a two-hex-digit escape",
                    ));
                }
                i += 3;
            }
            c if c.is_ascii_alphanumeric() || b"._~:@!$&'()*+,;=[]/-".contains(&c) => i += 1,
            _ => return Err(err(base + i, "character not allowed in an AT-URI fragment")),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(s: &str) -> Option<&'static str> {
        AtUri::validate(s).err().map(|e| e.reason())
    }

    #[test]
    fn accepts() {
        for s in [
            "at://user.bsky.social",
            "at://did:plc:asdf123/com.atproto.feed.post/record",
            "at://did:abc:123/io.nsid.someFunc/...",
            "at://did:abc:123/io.nsid.someFunc/:",
            "at://did:plc:asdf123#/frag",
            "at://did:plc:asdf123/com.atproto.feed.post/x#/a/b%20c",
        ] {
            assert_eq!(reason(s), None, "{s}");
        }
        let long = format!(
            "at://did:plc:asdf123/com.atproto.feed.post/{}",
            "o".repeat(512)
        );
        assert_eq!(reason(&long), None);
    }

    #[test]
    fn rejects() {
        assert_eq!(
            reason("AT://did:plc:asdf123"),
            Some("AT-URI scheme must be lowercase `at://`")
        );
        assert_eq!(
            reason("at://did:plc:asdf123/"),
            Some("AT-URI must not end with a slash")
        );
        assert_eq!(
            reason("at://did:plc:asdf123/com.atproto.feed.post/record/"),
            Some("AT-URI must not end with a slash")
        );
        assert_eq!(
            reason("at://user.bsky.social//com.atproto.feed.post"),
            Some("AT-URI must not have an empty path segment (`//`)")
        );
        assert_eq!(
            reason("at://did:plc:asdf123/com.atproto.feed.post/a/b"),
            Some("AT-URI may have at most two path segments (collection and record key)")
        );
        assert_eq!(
            reason("at://did:plc:asdf123?x=1"),
            Some("AT-URI must not have a query")
        );
        assert_eq!(reason("at://"), Some("AT-URI authority is empty"));
        for bad in [
            "at://did:plc:asdf123#",
            "at://did:plc:asdf123#/a#/b",
            "at://did:plc:asdf123#frag",
            "at://did:plc:asdf123/com.atproto.feed.post/%23",
            "at://did:plc:asdf123/com.atproto.feed.post/..",
            "at://did:plc:asdf123/12345",
            "at://user.bsky.123",
            "at://did:plc:",
            "at://did:plc:x#/%2",
        ] {
            assert!(reason(bad).is_some(), "{bad}");
        }
        let e = AtUri::validate("at://did:plc:asdf123/com.example.3").unwrap_err();
        assert_eq!(e.component_format(), Some(StringFormat::Nsid));
        assert_eq!(e.offset(), Some(33));
    }

    #[test]
    fn accessors() {
        let u: AtUri = "at://did:plc:x/app.bsky.feed.post/3jui7kd54zh2y#/text"
            .parse()
            .unwrap();
        assert_eq!(u.authority(), "did:plc:x");
        assert!(u.authority_is_did());
        assert_eq!(u.collection(), Some("app.bsky.feed.post"));
        assert_eq!(u.rkey(), Some("3jui7kd54zh2y"));
        assert_eq!(u.fragment(), Some("/text"));
        let bare: AtUri = "at://alice.test".parse().unwrap();
        assert_eq!(
            (bare.authority(), bare.collection(), bare.rkey()),
            ("alice.test", None, None)
        );
        let built = AtUri::from_parts(
            &"did:plc:x".parse().unwrap(),
            Some(&"app.bsky.feed.post".parse().unwrap()),
            Some(&"self".parse().unwrap()),
        )
        .unwrap();
        assert_eq!(built.as_str(), "at://did:plc:x/app.bsky.feed.post/self");
        assert!(AtUri::from_parts(
            &"alice.test".parse().unwrap(),
            None,
            Some(&"self".parse().unwrap())
        )
        .is_err());
    }
}
