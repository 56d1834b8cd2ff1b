//! `record-key` format: `&str` -> [`RecordKey`] (the last path segment of a record).

use crate::string_format::{string_format, SyntaxError};
use crate::StringFormat;

const MAX_LEN: usize = 512;

string_format! {
    /// A record key such as `3jui7kd54zh2y` or `self`: 1-512 of `A-Za-z0-9._:~-`, not `.`
    /// or `..`; case-sensitive.
    RecordKey, check, "a record key string"
}

pub(crate) fn check(s: &str) -> Result<(), SyntaxError> {
    let err = |offset, reason| SyntaxError::at(StringFormat::RecordKey, offset, reason);
    if s.is_empty() {
        return Err(SyntaxError::whole(
            StringFormat::RecordKey,
            "record key is empty",
        ));
    }
    if s.len() > MAX_LEN {
        return Err(SyntaxError::whole(
            StringFormat::RecordKey,
            "record key is longer than 512 characters",
        ));
    }
    if let Some(i) = s
        .bytes()
        .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_' | b':' | b'~')))
    {
        return Err(err(
            i,
            "record key may only contain ASCII letters, digits and `._:~-`",
        ));
    }
    if s == "." || s == ".." {
        return Err(err(0, "record key must not be `.` or `..`"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        for ok in [
            "self", "_", "~", "...", ":lang", "lang:", "~1.2-3_", "dHJ1ZQ",
        ] {
            assert!(RecordKey::validate(ok).is_ok(), "{ok}");
        }
        for bad in [".", "..", "", "alpha/beta", "dHJ1ZQ==", "any space", "%23"] {
            assert!(RecordKey::validate(bad).is_err(), "{bad}");
        }
        assert!(RecordKey::validate(&"o".repeat(512)).is_ok());
        assert!(RecordKey::validate(&"o".repeat(513)).is_err());
    }
}
