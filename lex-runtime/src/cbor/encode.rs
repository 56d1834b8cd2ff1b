//! [`Value`] → canonical DAG-CBOR. Maps are already in canonical key order, so encoding is
//! one straight walk with no sorting and no allocation beyond the output buffer.

use crate::cid::Cid;
use crate::value::{Map, Value};

/// Writes a head (major type + argument) in its shortest form.
#[inline]
pub(crate) fn write_head(out: &mut Vec<u8>, major: u8, n: u64) {
    let m = major << 5;
    if n < 24 {
        out.push(m | n as u8);
    } else if n <= 0xff {
        out.extend_from_slice(&[m | 24, n as u8]);
    } else if n <= 0xffff {
        out.push(m | 25);
        out.extend_from_slice(&(n as u16).to_be_bytes());
    } else if n <= 0xffff_ffff {
        out.push(m | 26);
        out.extend_from_slice(&(n as u32).to_be_bytes());
    } else {
        out.push(m | 27);
        out.extend_from_slice(&n.to_be_bytes());
    }
}

/// The encoded length of a head with argument `n`.
pub(crate) fn head_len(n: u64) -> usize {
    match n {
        0..=23 => 1,
        24..=0xff => 2,
        0x100..=0xffff => 3,
        0x1_0000..=0xffff_ffff => 5,
        _ => 9,
    }
}

/// Writes a signed integer (major 0 for n >= 0, major 1 encoding −1 − n otherwise).
#[inline]
pub(crate) fn write_int(out: &mut Vec<u8>, i: i64) {
    if i >= 0 {
        write_head(out, 0, i as u64);
    } else {
        // −1 − i cannot overflow for any negative i64.
        write_head(out, 1, (-1 - i) as u64);
    }
}

/// Writes a text string.
#[inline]
pub(crate) fn write_text(out: &mut Vec<u8>, s: &str) {
    write_head(out, 3, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Writes a byte string.
#[inline]
pub(crate) fn write_bytes(out: &mut Vec<u8>, b: &[u8]) {
    write_head(out, 2, b.len() as u64);
    out.extend_from_slice(b);
}

/// Writes tag 42 over a byte string of 0x00 followed by the binary CID.
#[inline]
pub(crate) fn write_link(out: &mut Vec<u8>, cid: &Cid) {
    let bytes = cid.as_bytes();
    out.extend_from_slice(&[0xd8, 0x2a]);
    write_head(out, 2, bytes.len() as u64 + 1);
    out.push(0);
    out.extend_from_slice(bytes);
}

/// Writes a map (its keys are already in canonical order).
pub(crate) fn write_map(out: &mut Vec<u8>, map: &Map) {
    write_head(out, 5, map.len() as u64);
    for (k, v) in map {
        write_text(out, k);
        write_value(out, v);
    }
}

/// Appends the canonical encoding of `value` to `out`.
pub(crate) fn write_value(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::Null => out.push(0xf6),
        Value::Bool(false) => out.push(0xf4),
        Value::Bool(true) => out.push(0xf5),
        Value::Integer(i) => write_int(out, *i),
        Value::String(s) => write_text(out, s),
        Value::Bytes(b) => write_bytes(out, b),
        Value::Link(cid) => write_link(out, cid),
        Value::Array(items) => {
            write_head(out, 4, items.len() as u64);
            for item in items {
                write_value(out, item);
            }
        }
        Value::Map(map) => write_map(out, map),
        Value::Blob(blob) => {
            // Canonical order of the four keys: ref, size, $type, mimeType.
            out.push(0xa4);
            out.extend_from_slice(b"\x63ref");
            write_link(out, &blob.cid);
            out.extend_from_slice(b"\x64size");
            write_int(out, blob.size);
            out.extend_from_slice(b"\x65$type\x64blob");
            out.extend_from_slice(b"\x68mimeType");
            write_text(out, &blob.mime_type);
        }
    }
}
