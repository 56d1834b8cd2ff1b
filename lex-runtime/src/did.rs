//! `did` format: `&str` -> [`Did`] (`did:<method>:<identifier>`, any method).

use crate::string_format::{string_format, SyntaxError};
use crate::StringFormat;

/// The atproto hard limit on DID length.
const MAX_LEN: usize = 2048;

string_format! {
    /// A decentralized identifier such as `did:plc:ewvi7nxzyoun6zhxrhs64oiz`; any method is
    /// accepted (resolving only `plc` and `web` is a policy decision, not syntax).
    Did, check, "a DID string"
}

impl Did {
    /// The method, e.g. `plc` in `did:plc:...`.
    pub fn method(&self) -> &str {
        self.parts().0
    }

    /// The method-specific identifier (everything after the second `:`).
    pub fn identifier(&self) -> &str {
        self.parts().1
    }

    fn parts(&self) -> (&str, &str) {
        self.as_str()
            .strip_prefix("did:")
            .and_then(|rest| rest.split_once(':'))
            .unwrap_or(("", ""))
    }
}

fn err(offset: usize, reason: &'static str) -> SyntaxError {
    SyntaxError::at(StringFormat::Did, offset, reason)
}

pub(crate) fn check(s: &str) -> Result<(), SyntaxError> {
    if s.len() > MAX_LEN {
        return Err(SyntaxError::whole(
            StringFormat::Did,
            "DID is longer than 2048 characters",
        ));
    }
    let Some(rest) = s.strip_prefix("did:") else {
        let reason = if s.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("did:")) {
            "the `did:` prefix must be lowercase"
        } else {
            "DID must start with `did:`"
        };
        return Err(err(0, reason));
    };
    let bytes = rest.as_bytes();
    let Some(colon) = bytes.iter().position(|&c| c == b':') else {
        return Err(err(s.len(), "DID is missing the `:` after the method"));
    };
    let (method, id) = bytes.split_at(colon);
    if method.is_empty() {
        return Err(err(4, "DID method is empty"));
    }
    if let Some(i) = method.iter().position(|c| !c.is_ascii_lowercase()) {
        return Err(err(4 + i, "DID method may only contain lowercase letters"));
    }
    let id_start = 4 + colon + 1;
    let id = id.get(1..).unwrap_or_default();
    if id.is_empty() {
        return Err(err(id_start, "DID method-specific identifier is empty"));
    }
    if let Some(i) = id.iter().position(|&c| {
        !(c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b':' | b'%' | b'-'))
    }) {
        return Err(err(
            id_start + i,
            "DID identifier may only contain letters, digits and `._:%-`",
        ));
    }
    if matches!(id.last(), Some(b':' | b'%')) {
        return Err(err(s.len() - 1, "DID must not end with `:` or `%`"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_unusual_but_legal() {
        for s in [
            "did:m:v",
            "did:method::::val",
            "did:method:-:_:.",
            "did:web:localhost%3A1234",
        ] {
            assert!(Did::validate(s).is_ok(), "{s}");
        }
    }

    #[test]
    fn rejects_with_reason() {
        let reason = |s: &str| Did::validate(s).err().map(|e| e.reason());
        assert_eq!(
            reason("DID:method:val"),
            Some("the `did:` prefix must be lowercase")
        );
        assert_eq!(
            reason("did:m123:val"),
            Some("DID method may only contain lowercase letters")
        );
        assert_eq!(
            reason("did:method:"),
            Some("DID method-specific identifier is empty")
        );
        assert_eq!(
            reason("did:method:val%"),
            Some("DID must not end with `:` or `%`")
        );
        assert!(reason("did:method:val#two").is_some());
        assert!(reason(&format!("did:m:{}", "a".repeat(2043))).is_some());
        assert!(reason(&format!("did:m:{}", "a".repeat(2042))).is_none());
    }

    #[test]
    fn accessors() {
        let did: Did = "did:plc:abc:def".parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(did.method(), "plc");
        assert_eq!(did.identifier(), "abc:def");
    }
}
