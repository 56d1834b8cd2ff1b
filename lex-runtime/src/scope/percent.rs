//! Percent-decoding of scope components and the encoding [`super::Scope`]'s `Display` uses.
//!
//! Decoding follows the reference parser: the positional value is decoded like
//! `decodeURIComponent` (a `+` stays `+`), parameters like a form (`+` is a space). Unlike
//! the reference, a malformed escape is an error in both places (the reference throws on
//! the first and keeps the bytes of the second; no valid value can hold either).
//!
//! Encoding matches the reference's output byte for byte except that `+` and `%` inside a
//! parameter value, and `%` in the positional value, stay escaped: the reference writes
//! them bare, and reading its output back then turns `+` into a space and `%3A` into `:`,
//! so `blob?accept=image/svg%2Bxml&accept=text/plain` or an `aud` of
//! `did:web:localhost%3A8080#svc` would not survive a round trip.

/// Where a component sits in the scope string; decides how `+` reads and what is escaped.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// After `resource:` (URI-component rules).
    Positional,
    /// A `name=value` pair after `?` (form rules).
    Query,
}

/// Decodes `%XX` escapes (and, in [`Part::Query`], `+` as a space); `None` when an
/// escape is malformed or the bytes are not UTF-8.
pub(crate) fn decode(s: &str, part: Part) -> Option<String> {
    if !s.contains(['%', '+']) {
        return Some(s.to_owned());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'%' => {
                let hi = bytes.get(i + 1).copied().and_then(hex)?;
                let lo = bytes.get(i + 2).copied().and_then(hex)?;
                out.push(hi << 4 | lo);
                i += 3;
            }
            b'+' if part == Part::Query => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Appends `s` to `out`, escaping what the reference escapes in that part of a scope.
pub(crate) fn encode_into(out: &mut String, s: &str, part: Part) {
    for &b in s.as_bytes() {
        if is_bare(b, part) {
            out.push(char::from(b));
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
    }
}

fn is_bare(b: u8, part: Part) -> bool {
    // `encodeURIComponent` and `URLSearchParams` leave these alone, and the reference
    // un-escapes `: / , @` afterwards for readability.
    b.is_ascii_alphanumeric()
        || matches!(b, b'-' | b'_' | b'.' | b'*' | b':' | b'/' | b',' | b'@')
        || (part == Part::Positional && matches!(b, b'!' | b'~' | b'\'' | b'(' | b')' | b'+'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(s: &str, part: Part) -> String {
        let mut out = String::new();
        encode_into(&mut out, s, part);
        out
    }

    #[test]
    fn decodes_escapes_and_form_plus() {
        assert_eq!(decode("a%23b", Part::Query).as_deref(), Some("a#b"));
        assert_eq!(decode("a+b", Part::Query).as_deref(), Some("a b"));
        assert_eq!(decode("a+b", Part::Positional).as_deref(), Some("a+b"));
        assert_eq!(decode("%2b%2B", Part::Positional).as_deref(), Some("++"));
        assert_eq!(decode("%E2%82%AC", Part::Query).as_deref(), Some("€"));
    }

    #[test]
    fn rejects_malformed_escapes() {
        for bad in ["%", "%4", "%zz", "a%g1", "%FF", "%C3"] {
            assert_eq!(decode(bad, Part::Query), None, "{bad}");
            assert_eq!(decode(bad, Part::Positional), None, "{bad}");
        }
    }

    #[test]
    fn encodes_like_the_reference_except_plus_and_percent() {
        assert_eq!(enc("did:web:x.com#svc", Part::Query), "did:web:x.com%23svc");
        assert_eq!(enc("image/svg+xml", Part::Query), "image/svg%2Bxml");
        assert_eq!(enc("image/svg+xml", Part::Positional), "image/svg+xml");
        assert_eq!(enc("a%3Ab", Part::Query), "a%253Ab");
        assert_eq!(enc("a%3Ab", Part::Positional), "a%253Ab");
        assert_eq!(enc("a&b=c?d e~", Part::Query), "a%26b%3Dc%3Fd%20e%7E");
        assert_eq!(enc("a~(b)!'", Part::Positional), "a~(b)!'");
    }

    #[test]
    fn encode_then_decode_is_identity() {
        let samples = ["did:web:a.b#x+y%41", "a b&c=d?e#f", "€/*,@:~!'()", ""];
        for s in samples {
            for part in [Part::Positional, Part::Query] {
                assert_eq!(decode(&enc(s, part), part).as_deref(), Some(s), "{s}");
            }
        }
    }
}
