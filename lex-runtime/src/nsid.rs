//! `nsid` format: `&str` -> [`Nsid`] (reversed-domain authority + `.` + name).

use crate::string_format::{check_label, string_format, LabelError, SyntaxError};
use crate::StringFormat;

/// 253 (authority) + 1 + 63 (name). The spec's separate 253-character authority limit is
/// not enforced: the interop vectors accept longer authorities, as do the TS and Go
/// implementations.
const MAX_LEN: usize = 317;

string_format! {
    /// A namespaced identifier such as `app.bsky.feed.post`: authority `app.bsky.feed`
    /// (the domain `feed.bsky.app` reversed) and name `post`.
    Nsid, check, "an NSID string"
}

impl Nsid {
    /// The reversed-domain part as written, e.g. `app.bsky.feed`; also the NSID's group.
    pub fn authority(&self) -> &str {
        self.split().0
    }

    /// The authority as a DNS name: segments reversed and lowercased, e.g. `feed.bsky.app`.
    pub fn authority_domain(&self) -> String {
        let authority = self.authority();
        let mut out = String::with_capacity(authority.len());
        for (i, segment) in authority.rsplit('.').enumerate() {
            if i > 0 {
                out.push('.');
            }
            out.push_str(segment);
        }
        out.make_ascii_lowercase();
        out
    }

    /// The last segment, e.g. `post`; case-sensitive.
    pub fn name(&self) -> &str {
        self.split().1
    }

    /// The segments in order, authority first.
    pub fn segments(&self) -> impl Iterator<Item = &str> + '_ {
        self.as_str().split('.')
    }

    /// Whether this NSID lies in `group` (a dotted prefix such as `app.bsky` or
    /// `app.bsky.feed`), comparing authorities case-insensitively.
    pub fn is_in_group(&self, group: &str) -> bool {
        let authority = self.authority();
        match authority.get(..group.len()) {
            Some(head) if head.eq_ignore_ascii_case(group) => {
                authority.len() == group.len()
                    || authority.as_bytes().get(group.len()) == Some(&b'.')
            }
            _ => false,
        }
    }

    fn split(&self) -> (&str, &str) {
        self.as_str().rsplit_once('.').unwrap_or(("", ""))
    }
}

fn err(offset: usize, reason: &'static str) -> SyntaxError {
    SyntaxError::at(StringFormat::Nsid, offset, reason)
}

pub(crate) fn check(s: &str) -> Result<(), SyntaxError> {
    if s.len() > MAX_LEN {
        return Err(SyntaxError::whole(
            StringFormat::Nsid,
            "NSID is longer than 317 characters",
        ));
    }
    let bytes = s.as_bytes();
    let Some(dot) = bytes.iter().rposition(|&c| c == b'.') else {
        return Err(err(0, "NSID needs at least three dot-separated segments"));
    };
    let (authority, name) = bytes.split_at(dot);
    let name = name.get(1..).unwrap_or_default();

    let mut offset = 0;
    let mut segments = 0usize;
    for segment in authority.split(|&c| c == b'.') {
        check_label(segment).map_err(|e| segment_error(e, offset))?;
        if offset == 0 && !segment.first().is_some_and(u8::is_ascii_alphabetic) {
            return Err(err(0, "NSID's first segment must start with a letter"));
        }
        segments += 1;
        offset += segment.len() + 1;
    }
    if segments < 2 {
        return Err(err(0, "NSID needs at least three dot-separated segments"));
    }

    let name_start = dot + 1;
    match name.first() {
        None => return Err(err(name_start, "NSID must not end with a dot")),
        Some(c) if !c.is_ascii_alphabetic() => {
            return Err(err(
                name_start,
                "NSID name segment must start with a letter",
            ))
        }
        Some(_) => {}
    }
    if name.len() > 63 {
        return Err(err(
            name_start,
            "NSID name segment is longer than 63 characters",
        ));
    }
    if let Some(i) = name.iter().position(|c| !c.is_ascii_alphanumeric()) {
        let reason = if name.get(i) == Some(&b'-') {
            "NSID name segment must not contain hyphens"
        } else {
            "NSID name segment may only contain ASCII letters and digits"
        };
        return Err(err(name_start + i, reason));
    }
    Ok(())
}

fn segment_error(e: LabelError, start: usize) -> SyntaxError {
    match e {
        LabelError::Empty if start == 0 => err(0, "NSID must not start with a dot"),
        LabelError::Empty => err(start, "NSID must not contain two dots in a row"),
        LabelError::TooLong => err(start, "NSID segment is longer than 63 characters"),
        LabelError::BadChar(i) => err(
            start + i,
            "NSID authority segments may only contain ASCII letters, digits and hyphens",
        ),
        LabelError::LeadingHyphen => err(start, "NSID segment must not start with a hyphen"),
        LabelError::TrailingHyphen => err(start, "NSID segment must not end with a hyphen"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(s: &str) -> Option<&'static str> {
        Nsid::validate(s).err().map(|e| e.reason())
    }

    #[test]
    fn accepts() {
        for s in [
            "a.b.c",
            "a-0.b-1.c",
            "cn.8.lex.stuff",
            "com.example.fooBarV2",
            "com.example.f00",
        ] {
            assert_eq!(reason(s), None, "{s}");
        }
        // Authority longer than 253 but total within 317: accepted (interop).
        let long = format!(
            "{}.{}.{}.{}.x",
            "a".repeat(63),
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(63)
        );
        assert!(long.len() > 253 + 2);
        assert_eq!(reason(&long), None);
        assert_eq!(reason(&format!("com.example.{}", "o".repeat(63))), None);
    }

    #[test]
    fn rejects() {
        assert_eq!(
            reason("com.example.3"),
            Some("NSID name segment must start with a letter")
        );
        assert_eq!(
            reason("a-0.b-1.c-3"),
            Some("NSID name segment must not contain hyphens")
        );
        assert_eq!(
            reason("1.0.0.127.record"),
            Some("NSID's first segment must start with a letter")
        );
        assert_eq!(
            reason("com.example"),
            Some("NSID needs at least three dot-separated segments")
        );
        assert_eq!(
            reason("a."),
            Some("NSID needs at least three dot-separated segments")
        );
        assert_eq!(
            reason("com.example.foo.*"),
            Some("NSID name segment must start with a letter")
        );
        assert!(reason("com.example.foo.blah*").is_some());
        assert!(reason(&format!("com.example.{}", "o".repeat(64))).is_some());
        assert!(reason(&format!("com.{}.foo", "o".repeat(64))).is_some());
        assert!(reason("com.exa💩ple.thing").is_some());
    }

    #[test]
    fn accessors() {
        let n: Nsid = "App.Bsky.feed.post".parse().unwrap();
        assert_eq!(n.authority(), "App.Bsky.feed");
        assert_eq!(n.authority_domain(), "feed.bsky.app");
        assert_eq!(n.name(), "post");
        assert!(n.is_in_group("app.bsky"));
        assert!(n.is_in_group("app.bsky.feed"));
        assert!(!n.is_in_group("app.bsk"));
        assert_eq!(n.segments().count(), 4);
    }
}
