//! The lenient forms of [`Datetime::parse_lenient`](super::Datetime::parse_lenient),
//! rewritten into the strict one.

use super::MAX_LEN;

/// Rewrites the lenient forms into the strict one (see `Datetime::parse_lenient`);
/// `None` when the shape is not recognised at all.
pub(super) fn normalize(s: &str) -> Option<String> {
    if s.len() > MAX_LEN {
        return None;
    }
    let b = s.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)
            .filter(|d| d.iter().all(u8::is_ascii_digit))
            .is_some()
    };
    let date_ok = digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
        && matches!(b.get(10), Some(b'T' | b't' | b' '))
        && digits(11..13)
        && b.get(13) == Some(&b':')
        && digits(14..16);
    if !date_ok {
        return None;
    }
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(s.get(..10)?);
    out.push('T');
    out.push_str(s.get(11..16)?);
    let mut at = 16;
    if b.get(at) == Some(&b':') {
        if !digits(at + 1..at + 3) {
            return None;
        }
        out.push_str(s.get(at..at + 3)?);
        at += 3;
    } else {
        out.push_str(":00");
    }
    if matches!(b.get(at), Some(b'.' | b',')) {
        let start = at + 1;
        let mut end = start;
        while b.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        if end > start {
            out.push('.');
            out.push_str(s.get(start..end)?);
        }
        at = end;
    }
    match b.get(at) {
        None => out.push('Z'),
        Some(b'Z' | b'z') if at + 1 == b.len() => out.push('Z'),
        Some(&sign @ (b'+' | b'-')) => {
            let rest = s.get(at + 1..)?;
            let (hh, mm) = match rest.len() {
                2 => (rest, "00"),
                4 => (rest.get(..2)?, rest.get(2..)?),
                5 if rest.as_bytes().get(2) == Some(&b':') => (rest.get(..2)?, rest.get(3..)?),
                _ => return None,
            };
            if !(hh.bytes().chain(mm.bytes()).all(|d| d.is_ascii_digit())) {
                return None;
            }
            if sign == b'-' && hh == "00" && mm == "00" {
                out.push('Z');
            } else {
                out.push(char::from(sign));
                out.push_str(hh);
                out.push(':');
                out.push_str(mm);
            }
        }
        Some(_) => return None,
    }
    Some(out)
}
