//! `handle` format: `&str` -> [`Handle`] (a DNS hostname naming an account).

use crate::string_format::{check_label, string_format, LabelError, SyntaxError};
use crate::StringFormat;

const MAX_LEN: usize = 253;

string_format! {
    /// An account handle such as `alice.bsky.social`: a DNS name of two or more labels.
    ///
    /// Handles compare case-insensitively in the protocol; this type keeps the string as
    /// written (so it round-trips), and [`Handle::normalized`] gives the lowercase form.
    /// Reserved TLDs (`.local`, `.onion`, ...) pass: they are a policy matter, not syntax.
    Handle, check, "a handle string"
}

impl Handle {
    /// The special value meaning "this account has no valid handle".
    pub const INVALID: &'static str = "handle.invalid";

    /// The lowercase form, used for comparison and resolution.
    pub fn normalized(&self) -> Handle {
        if self.as_str().bytes().any(|c| c.is_ascii_uppercase()) {
            Handle::from_checked_string(self.as_str().to_ascii_lowercase())
        } else {
            self.clone()
        }
    }

    /// The last label, e.g. `social` in `alice.bsky.social`.
    pub fn tld(&self) -> &str {
        self.as_str().rsplit('.').next().unwrap_or_default()
    }
}

fn err(offset: usize, reason: &'static str) -> SyntaxError {
    SyntaxError::at(StringFormat::Handle, offset, reason)
}

pub(crate) fn check(s: &str) -> Result<(), SyntaxError> {
    if s.is_empty() {
        return Err(SyntaxError::whole(StringFormat::Handle, "handle is empty"));
    }
    if s.len() > MAX_LEN {
        return Err(SyntaxError::whole(
            StringFormat::Handle,
            "handle is longer than 253 characters",
        ));
    }
    let mut offset = 0;
    let mut labels = 0usize;
    let mut last: &[u8] = &[];
    for label in s.as_bytes().split(|&c| c == b'.') {
        check_label(label).map_err(|e| label_error(e, offset, s.len()))?;
        labels += 1;
        last = label;
        offset += label.len() + 1;
    }
    if labels < 2 {
        return Err(err(
            0,
            "handle needs at least two labels (a bare TLD is not a handle)",
        ));
    }
    if !last.first().is_some_and(u8::is_ascii_alphabetic) {
        return Err(err(
            s.len() - last.len(),
            "handle's last label (the TLD) must start with a letter",
        ));
    }
    Ok(())
}

fn label_error(e: LabelError, start: usize, total: usize) -> SyntaxError {
    match e {
        LabelError::Empty if start == 0 => err(0, "handle must not start with a dot"),
        LabelError::Empty if start >= total => err(total, "handle must not end with a dot"),
        LabelError::Empty => err(start, "handle must not contain two dots in a row"),
        LabelError::TooLong => err(start, "handle label is longer than 63 characters"),
        LabelError::BadChar(i) => err(
            start + i,
            "handle labels may only contain ASCII letters, digits and hyphens",
        ),
        LabelError::LeadingHyphen => err(start, "handle label must not start with a hyphen"),
        LabelError::TrailingHyphen => err(start, "handle label must not end with a hyphen"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(s: &str) -> Option<&'static str> {
        Handle::validate(s).err().map(|e| e.reason())
    }

    #[test]
    fn accepts() {
        for s in [
            "8.cn",
            "name.t--t",
            "XX.LCS.MIT.EDU",
            "xn--ls8h.test",
            "laptop.local",
            "a.co",
        ] {
            assert_eq!(reason(s), None, "{s}");
        }
        let max = format!(
            "{}.{}.{}.{}",
            "a".repeat(63),
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(61)
        );
        assert_eq!(max.len(), 253);
        assert_eq!(reason(&max), None);
    }

    #[test]
    fn rejects() {
        assert_eq!(
            reason("john.0"),
            Some("handle's last label (the TLD) must start with a letter")
        );
        assert_eq!(
            reason("org"),
            Some("handle needs at least two labels (a bare TLD is not a handle)")
        );
        assert_eq!(reason("name.org."), Some("handle must not end with a dot"));
        assert_eq!(
            reason("john..test"),
            Some("handle must not contain two dots in a row")
        );
        assert_eq!(
            reason("xn--bcher-.tld"),
            Some("handle label must not end with a hyphen")
        );
        assert_eq!(
            reason("127.0.0.1"),
            Some("handle's last label (the TLD) must start with a letter")
        );
        assert!(reason("fe80::7325:8a97:c100:94b").is_some());
        assert!(reason("jo@hn.test").is_some());
        assert!(reason(&format!("short.{}.test", "o".repeat(64))).is_some());
    }

    #[test]
    fn normalizes() {
        let h: Handle = "XX.LCS.MIT.EDU".parse().unwrap();
        assert_eq!(h.normalized().as_str(), "xx.lcs.mit.edu");
        assert_eq!(h.as_str(), "XX.LCS.MIT.EDU");
        assert_eq!(h.tld(), "EDU");
    }
}
