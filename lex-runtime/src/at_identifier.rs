//! `at-identifier` format: `&str` -> [`AtIdentifier`] (a DID or a handle).

use crate::string_format::{string_format_traits, SyntaxError};
use crate::{Did, Handle, StringFormat};

/// An account reference that is either a [`Did`] or a [`Handle`]; a string starting with
/// `did:` is read as a DID, anything else as a handle (handles cannot contain `:`).
#[derive(Clone)]
pub enum AtIdentifier {
    /// A DID, e.g. `did:plc:ewvi7nxzyoun6zhxrhs64oiz`.
    Did(Did),
    /// A handle, e.g. `alice.bsky.social`.
    Handle(Handle),
}

impl AtIdentifier {
    /// Checks `s` without allocating; the hot path for validators.
    pub fn validate(s: &str) -> Result<(), SyntaxError> {
        check(s)
    }

    /// Parses and validates `s`.
    pub fn new(s: &str) -> Result<Self, SyntaxError> {
        s.parse()
    }

    /// The value as written.
    pub fn as_str(&self) -> &str {
        match self {
            AtIdentifier::Did(did) => did.as_str(),
            AtIdentifier::Handle(handle) => handle.as_str(),
        }
    }

    /// The DID, if this is one.
    pub fn as_did(&self) -> Option<&Did> {
        match self {
            AtIdentifier::Did(did) => Some(did),
            AtIdentifier::Handle(_) => None,
        }
    }

    /// The handle, if this is one.
    pub fn as_handle(&self) -> Option<&Handle> {
        match self {
            AtIdentifier::Did(_) => None,
            AtIdentifier::Handle(handle) => Some(handle),
        }
    }

    fn from_checked_str(s: &str) -> Self {
        if is_did(s) {
            AtIdentifier::Did(Did::from_checked_str(s))
        } else {
            AtIdentifier::Handle(Handle::from_checked_str(s))
        }
    }

    fn from_checked_string(s: String) -> Self {
        if is_did(&s) {
            AtIdentifier::Did(Did::from_checked_string(s))
        } else {
            AtIdentifier::Handle(Handle::from_checked_string(s))
        }
    }
}

impl From<Did> for AtIdentifier {
    fn from(did: Did) -> Self {
        AtIdentifier::Did(did)
    }
}

impl From<Handle> for AtIdentifier {
    fn from(handle: Handle) -> Self {
        AtIdentifier::Handle(handle)
    }
}

fn is_did(s: &str) -> bool {
    s.starts_with("did:")
}

pub(crate) fn check(s: &str) -> Result<(), SyntaxError> {
    if is_did(s) {
        Did::validate(s).map_err(|e| e.within(StringFormat::AtIdentifier, "", 0))
    } else {
        Handle::validate(s).map_err(|e| e.within(StringFormat::AtIdentifier, "", 0))
    }
}

string_format_traits!(AtIdentifier, "a DID or a handle");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discriminates_by_prefix() {
        assert!(matches!("did:plc:abc".parse(), Ok(AtIdentifier::Did(_))));
        assert!(matches!("alice.test".parse(), Ok(AtIdentifier::Handle(_))));
        // `did:thing.test` takes the DID path and fails there.
        let e = AtIdentifier::validate("did:thing.test").unwrap_err();
        assert_eq!(e.component_format(), Some(StringFormat::Did));
        assert!(AtIdentifier::validate("DID:method:val").is_err());
        assert!(AtIdentifier::validate("john.0").is_err());
        assert!(AtIdentifier::validate("@handle").is_err());
        assert_eq!(
            e.to_string(),
            "invalid at-identifier: not a valid DID: DID is missing the `:` after the method \
             (at byte 14)"
        );
    }
}
