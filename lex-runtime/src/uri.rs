//! `uri` format: `&str` -> [`Uri`] (any scheme, RFC 3986 shape, at most 8192 characters).

use crate::string_format::{string_format, SyntaxError};
use crate::StringFormat;

const MAX_LEN: usize = 8192;

string_format! {
    /// A generic URI such as `https://example.com/a?b#c` or `dns:example.com`: an RFC 3986
    /// scheme, `:`, then one or more printable non-space ASCII characters.
    Uri, check, "a URI string"
}

impl Uri {
    /// The scheme, e.g. `https`.
    pub fn scheme(&self) -> &str {
        self.as_str()
            .split_once(':')
            .map_or("", |(scheme, _)| scheme)
    }
}

pub(crate) fn check(s: &str) -> Result<(), SyntaxError> {
    let err = |offset, reason| SyntaxError::at(StringFormat::Uri, offset, reason);
    if s.len() > MAX_LEN {
        return Err(SyntaxError::whole(
            StringFormat::Uri,
            "URI is longer than 8192 characters",
        ));
    }
    let bytes = s.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        return Err(err(
            0,
            "URI must start with a scheme, and a scheme starts with a letter",
        ));
    }
    let Some(colon) = bytes
        .iter()
        .position(|&c| !(c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-')))
    else {
        return Err(err(s.len(), "URI is missing the `:` after the scheme"));
    };
    if bytes.get(colon) != Some(&b':') {
        return Err(err(
            colon,
            "URI scheme may only contain letters, digits and `+.-`, and must end with `:`",
        ));
    }
    let rest = bytes.get(colon + 1..).unwrap_or_default();
    if rest.is_empty() {
        return Err(err(colon + 1, "URI has nothing after the scheme"));
    }
    if let Some(i) = rest.iter().position(|c| !c.is_ascii_graphic()) {
        return Err(err(
            colon + 1 + i,
            "URI may only contain printable ASCII characters (no spaces)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        for ok in [
            "dns:example.com",
            "go://?x",
            "content-type:text/plain",
            "a.b-c+d:x",
            "at://did:plc:x",
        ] {
            assert!(Uri::validate(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http:",
            "12345",
            "//example.com",
            "://x",
            ".http://x",
            "https://a b",
            "é:x",
        ] {
            assert!(Uri::validate(bad).is_err(), "{bad}");
        }
        assert!(Uri::validate(&format!("https://example.com/{}", "x".repeat(8200))).is_err());
        let u: Uri = "https://example.com".parse().unwrap();
        assert_eq!(u.scheme(), "https");
    }
}
