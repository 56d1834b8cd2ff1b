//! Shared machinery of the atproto string formats: `&str` in, a validated newtype or a
//! [`SyntaxError`] out.
//!
//! Every format is checked by a hand-written byte scanner, not a regex: the dynamic
//! validator calls these checks for every formatted string of every record (over 1M
//! records/s), so a check must not allocate, must run in one pass over the bytes, and must
//! say *which* rule failed, none of which a regex engine gives us (and it would be a heavy
//! dependency of the runtime that generated code links against).
//!
//! Storage: the validated string lives in an `Arc<str>`, so a clone is one atomic increment.
//! We looked at `smol_str`: its current releases need Rust 1.89 (our MSRV is 1.85), and the
//! common identifiers (a `did:plc` is 32 bytes, a millisecond datetime 24, AT-URIs more)
//! exceed its 23-byte inline buffer, so it would rarely save the allocation anyway.

use std::fmt;

/// The atproto string formats of Lexicon `string` fields that this crate validates
/// (`cid` lives with the CID code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StringFormat {
    /// `did`
    Did,
    /// `handle`
    Handle,
    /// `at-identifier` (a DID or a handle)
    AtIdentifier,
    /// `nsid`
    Nsid,
    /// `at-uri`
    AtUri,
    /// `record-key`
    RecordKey,
    /// `tid`
    Tid,
    /// `datetime`
    Datetime,
    /// `language`
    Language,
    /// `uri`
    Uri,
}

impl StringFormat {
    /// Every format, in declaration order.
    pub const ALL: [StringFormat; 10] = [
        StringFormat::Did,
        StringFormat::Handle,
        StringFormat::AtIdentifier,
        StringFormat::Nsid,
        StringFormat::AtUri,
        StringFormat::RecordKey,
        StringFormat::Tid,
        StringFormat::Datetime,
        StringFormat::Language,
        StringFormat::Uri,
    ];

    /// The name used in Lexicon schemas (`"format": "at-uri"`).
    pub const fn lexicon_name(self) -> &'static str {
        match self {
            StringFormat::Did => "did",
            StringFormat::Handle => "handle",
            StringFormat::AtIdentifier => "at-identifier",
            StringFormat::Nsid => "nsid",
            StringFormat::AtUri => "at-uri",
            StringFormat::RecordKey => "record-key",
            StringFormat::Tid => "tid",
            StringFormat::Datetime => "datetime",
            StringFormat::Language => "language",
            StringFormat::Uri => "uri",
        }
    }

    /// The format named `name` in a Lexicon schema, if this crate knows it.
    pub fn from_lexicon_name(name: &str) -> Option<StringFormat> {
        StringFormat::ALL
            .into_iter()
            .find(|f| f.lexicon_name() == name)
    }

    /// Checks `s` against this format without allocating (strict rules).
    pub fn validate(self, s: &str) -> Result<(), SyntaxError> {
        match self {
            StringFormat::Did => crate::Did::validate(s),
            StringFormat::Handle => crate::Handle::validate(s),
            StringFormat::AtIdentifier => crate::AtIdentifier::validate(s),
            StringFormat::Nsid => crate::Nsid::validate(s),
            StringFormat::AtUri => crate::AtUri::validate(s),
            StringFormat::RecordKey => crate::RecordKey::validate(s),
            StringFormat::Tid => crate::Tid::validate(s),
            StringFormat::Datetime => crate::Datetime::validate(s),
            StringFormat::Language => crate::Language::validate(s),
            StringFormat::Uri => crate::Uri::validate(s),
        }
    }

    /// How error messages name the format.
    const fn noun(self) -> &'static str {
        match self {
            StringFormat::Did => "DID",
            StringFormat::Handle => "handle",
            StringFormat::AtIdentifier => "at-identifier",
            StringFormat::Nsid => "NSID",
            StringFormat::AtUri => "AT-URI",
            StringFormat::RecordKey => "record key",
            StringFormat::Tid => "TID",
            StringFormat::Datetime => "datetime",
            StringFormat::Language => "language tag",
            StringFormat::Uri => "URI",
        }
    }
}

impl fmt::Display for StringFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.noun())
    }
}

/// Why a string is not a valid value of a string format.
///
/// `Copy` and allocation-free, so hot validation paths can create and drop it cheaply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyntaxError {
    format: StringFormat,
    reason: &'static str,
    offset: Option<usize>,
    part: Option<Part>,
}

/// The component of a composite value (the collection of an AT-URI, ...) that was invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Part {
    role: &'static str,
    format: StringFormat,
}

impl SyntaxError {
    /// A rule of `format` broken at byte `offset` of the input.
    pub(crate) const fn at(format: StringFormat, offset: usize, reason: &'static str) -> Self {
        SyntaxError {
            format,
            reason,
            offset: Some(offset),
            part: None,
        }
    }

    /// A rule of `format` about the value as a whole (length, ...).
    pub(crate) const fn whole(format: StringFormat, reason: &'static str) -> Self {
        SyntaxError {
            format,
            reason,
            offset: None,
            part: None,
        }
    }

    /// Re-frames an error of a component (found at `base` in the outer value) as an error of
    /// the outer `format`; `role` names the component ("collection"), or is empty when the
    /// outer value *is* the component (an at-identifier that is a bad handle).
    pub(crate) fn within(self, format: StringFormat, role: &'static str, base: usize) -> Self {
        SyntaxError {
            format,
            reason: self.reason,
            offset: Some(base.saturating_add(self.offset.unwrap_or(0))),
            part: Some(Part {
                role,
                format: self.format,
            }),
        }
    }

    /// The format that was being parsed.
    pub fn format(&self) -> StringFormat {
        self.format
    }

    /// The broken rule, e.g. "name segment must start with a letter".
    pub fn reason(&self) -> &'static str {
        self.reason
    }

    /// The byte offset in the input where the problem was found, if it has one place.
    pub fn offset(&self) -> Option<usize> {
        self.offset
    }

    /// For composite formats: the format of the component that was invalid.
    pub fn component_format(&self) -> Option<StringFormat> {
        self.part.map(|p| p.format)
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}: ", self.format)?;
        match self.part {
            Some(Part { role: "", format }) => write!(f, "not a valid {format}: ")?,
            Some(Part { role, format }) => write!(f, "{role} is not a valid {format}: ")?,
            None => {}
        }
        f.write_str(self.reason)?;
        if let Some(offset) = self.offset {
            write!(f, " (at byte {offset})")?;
        }
        Ok(())
    }
}

impl std::error::Error for SyntaxError {}

/// What is wrong with one dot-separated label of a hostname-like value (handle, NSID
/// authority); each caller words it for its own format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LabelError {
    Empty,
    TooLong,
    BadChar(usize),
    LeadingHyphen,
    TrailingHyphen,
}

/// Checks a DNS-style label: 1-63 of `[A-Za-z0-9-]`, no hyphen at either end.
pub(crate) fn check_label(label: &[u8]) -> Result<(), LabelError> {
    if label.is_empty() {
        return Err(LabelError::Empty);
    }
    if label.len() > 63 {
        return Err(LabelError::TooLong);
    }
    if let Some(i) = label
        .iter()
        .position(|&c| !(c.is_ascii_alphanumeric() || c == b'-'))
    {
        return Err(LabelError::BadChar(i));
    }
    if label.first() == Some(&b'-') {
        return Err(LabelError::LeadingHyphen);
    }
    if label.last() == Some(&b'-') {
        return Err(LabelError::TrailingHyphen);
    }
    Ok(())
}

/// Implements the conversions and traits every string-format type shares, in terms of
/// three inherent functions the type provides: `validate(&str)`, `as_str(&self)`,
/// `from_checked_str(&str)` and `from_checked_string(String)` (the last two are only called
/// on values that passed `validate`).
macro_rules! string_format_traits {
    ($ty:ident, $expecting:literal) => {
        impl ::std::str::FromStr for $ty {
            type Err = $crate::SyntaxError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::validate(s)?;
                Ok(Self::from_checked_str(s))
            }
        }

        impl<'a> ::std::convert::TryFrom<&'a str> for $ty {
            type Error = $crate::SyntaxError;
            fn try_from(s: &'a str) -> Result<Self, Self::Error> {
                s.parse()
            }
        }

        impl ::std::convert::TryFrom<String> for $ty {
            type Error = $crate::SyntaxError;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::validate(&s)?;
                Ok(Self::from_checked_string(s))
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, concat!(stringify!($ty), "({:?})"), self.as_str())
            }
        }

        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        // Eq, Ord and Hash all go through `as_str`, so they agree with `str`'s and
        // `Borrow<str>` is sound: a `HashMap<Nsid, _>` can be queried with a `&str`.
        impl ::std::borrow::Borrow<str> for $ty {
            fn borrow(&self) -> &str {
                self.as_str()
            }
        }

        impl PartialEq for $ty {
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl Eq for $ty {}

        impl PartialOrd for $ty {
            fn partial_cmp(&self, other: &Self) -> Option<::std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl Ord for $ty {
            fn cmp(&self, other: &Self) -> ::std::cmp::Ordering {
                self.as_str().cmp(other.as_str())
            }
        }

        impl ::std::hash::Hash for $ty {
            fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                self.as_str().hash(state)
            }
        }

        impl PartialEq<str> for $ty {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $ty {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl From<$ty> for String {
            fn from(value: $ty) -> String {
                value.as_str().to_owned()
            }
        }

        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                struct Visitor;
                impl ::serde::de::Visitor<'_> for Visitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str($expecting)
                    }
                    // Borrowed strings (`visit_borrowed_str` defaults here) are validated
                    // before anything is copied.
                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<$ty, E> {
                        v.parse().map_err(E::custom)
                    }
                    fn visit_string<E: ::serde::de::Error>(self, v: String) -> Result<$ty, E> {
                        <$ty>::try_from(v).map_err(E::custom)
                    }
                }
                deserializer.deserialize_str(Visitor)
            }
        }
    };
}

/// Declares a string-format newtype over `Arc<str>` with `validate` from `$check` and the
/// shared traits of [`string_format_traits`].
macro_rules! string_format {
    ($(#[$meta:meta])* $ty:ident, $check:path, $expecting:literal) => {
        $(#[$meta])*
        #[derive(Clone)]
        pub struct $ty(::std::sync::Arc<str>);

        impl $ty {
            /// Checks `s` without allocating; the hot path for validators.
            pub fn validate(s: &str) -> Result<(), $crate::SyntaxError> {
                $check(s)
            }

            /// Parses and validates `s`.
            pub fn new(s: &str) -> Result<Self, $crate::SyntaxError> {
                s.parse()
            }

            /// The value as written.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub(crate) fn from_checked_str(s: &str) -> Self {
                $ty(::std::sync::Arc::from(s))
            }

            // `Arc<str>` needs its own allocation (refcounts precede the bytes), so an owned
            // `String` is copied once here; the clones after that are free.
            pub(crate) fn from_checked_string(s: String) -> Self {
                $ty(::std::sync::Arc::from(s))
            }
        }

        $crate::string_format::string_format_traits!($ty, $expecting);
    };
}

pub(crate) use string_format;
pub(crate) use string_format_traits;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_the_component() {
        let e = SyntaxError::at(
            StringFormat::Nsid,
            4,
            "name segment must start with a letter",
        )
        .within(StringFormat::AtUri, "collection", 20);
        assert_eq!(
            e.to_string(),
            "invalid AT-URI: collection is not a valid NSID: name segment must start with a \
             letter (at byte 24)"
        );
        assert_eq!(e.component_format(), Some(StringFormat::Nsid));
    }

    #[test]
    fn lexicon_names_round_trip() {
        for f in StringFormat::ALL {
            assert_eq!(StringFormat::from_lexicon_name(f.lexicon_name()), Some(f));
        }
        assert_eq!(StringFormat::from_lexicon_name("cid"), None);
    }
}
