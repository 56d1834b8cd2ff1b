//! Small helpers several lint rules share: name shapes and property lists.

use lex_runtime::schema::{pointer_push, Schema, SchemaMap};

use crate::check::schema::rule::Node;

/// Whether `s` matches `^[a-zA-Z][a-zA-Z0-9]{0,255}$` (goat's identifier pattern).
pub(crate) fn is_identifier(s: &str) -> bool {
    s.len() <= 256
        && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Whether `s` is lowerCamelCase: an ASCII lower-case letter, then letters and digits.
pub(crate) fn is_lower_camel(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase()) && chars.all(|c| c.is_ascii_alphanumeric())
}

/// Whether `s` is UpperCamelCase: an ASCII upper-case letter, then letters and digits.
pub(crate) fn is_upper_camel(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.all(|c| c.is_ascii_alphanumeric())
}

/// The first word of a lowerCamelCase name (`getPostThread` -> `get`).
pub(crate) fn first_word(s: &str) -> &str {
    let end = s
        .char_indices()
        .skip(1)
        .find(|(_, c)| c.is_ascii_uppercase() || c.is_ascii_digit())
        .map_or(s.len(), |(i, _)| i);
    s.get(..end).unwrap_or(s)
}

/// The last word of a camelCase name (`subscribeRepos` -> `Repos`).
pub(crate) fn last_word(s: &str) -> &str {
    let start = s
        .char_indices()
        .filter(|(_, c)| c.is_ascii_uppercase())
        .map(|(i, _)| i)
        .next_back()
        .unwrap_or(0);
    s.get(start..).unwrap_or(s)
}

/// The last segment of an NSID (`app.bsky.feed.post` -> `post`).
pub(crate) fn nsid_name(nsid: &str) -> &str {
    nsid.rsplit('.').next().unwrap_or(nsid)
}

/// The properties of an `object` or `params` node, with the pointer of `properties`.
pub(crate) fn properties<'a>(node: &Node<'a>) -> Option<(&'a SchemaMap, String)> {
    let props = match node.schema {
        Schema::Object(o) => &o.properties,
        Schema::Params(p) => &p.properties,
        _ => return None,
    };
    Some((props, pointer_push(node.pointer, "properties")))
}
