//! Strict DAG-CBOR → [`Value`], and the byte-level [`Reader`] shared with the serde
//! deserializer.
//!
//! Every rule of the DRISL profile is checked (see `spec/data-model.md` §3). Recursion is
//! bounded by the depth limit, and no allocation is sized from a length the input has not
//! already proven it can back with bytes.

use std::cmp::Ordering;

use crate::cid::Cid;
use crate::limits::{Limits, MAX_SAFE_INTEGER};
use crate::value::{finish_special_map, DataError, DataErrorKind, Map, Value};

type Result<T> = std::result::Result<T, DataError>;

fn cbor_error(msg: &str) -> DataError {
    DataError::new(DataErrorKind::Cbor(msg.to_owned()))
}

/// A cursor over untrusted CBOR bytes.
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `buf`.
    pub(crate) fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader { buf, pos: 0 }
    }

    /// True when every byte has been read.
    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.buf.len()
    }

    /// Bytes not yet read.
    #[inline]
    pub(crate) fn remaining(&self) -> usize {
        self.buf.len().saturating_sub(self.pos)
    }

    /// The next byte, not consumed.
    #[inline]
    pub(crate) fn peek(&self) -> Option<u8> {
        self.buf.get(self.pos).copied()
    }

    #[inline]
    fn byte(&mut self) -> Result<u8> {
        let b = self.peek().ok_or(DataErrorKind::UnexpectedEnd)?;
        self.pos += 1;
        Ok(b)
    }

    /// The next `n` bytes, consumed.
    #[inline]
    pub(crate) fn take(&mut self, n: u64) -> Result<&'a [u8]> {
        if n > self.remaining() as u64 {
            return Err(DataErrorKind::UnexpectedEnd.into());
        }
        let start = self.pos;
        self.pos += n as usize;
        self.buf
            .get(start..self.pos)
            .ok_or_else(|| DataErrorKind::UnexpectedEnd.into())
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let bytes = self.take(N as u64)?;
        let mut out = [0u8; N];
        out.copy_from_slice(bytes);
        Ok(out)
    }

    /// Reads a head: `(major type, argument)`. The argument must be in shortest form and
    /// lengths definite. For major type 7 the argument is the raw additional info, left for
    /// [`Reader::simple`] to judge.
    #[inline]
    pub(crate) fn head(&mut self) -> Result<(u8, u64)> {
        let b = self.byte()?;
        let major = b >> 5;
        let info = b & 0x1f;
        if major == 7 {
            return Ok((7, u64::from(info)));
        }
        let (arg, min) = match info {
            0..=23 => return Ok((major, u64::from(info))),
            24 => (u64::from(self.byte()?), 24),
            25 => (u64::from(u16::from_be_bytes(self.array()?)), 0x100),
            26 => (u64::from(u32::from_be_bytes(self.array()?)), 0x1_0000),
            27 => (u64::from_be_bytes(self.array()?), 0x1_0000_0000),
            31 => return Err(cbor_error("indefinite-length items are not allowed")),
            _ => return Err(cbor_error("reserved additional information value")),
        };
        if arg < min {
            return Err(cbor_error("integer or length is not in shortest form"));
        }
        Ok((major, arg))
    }

    /// Judges a major-type-7 item: `false`, `true` or `null` (as `Some(None)`).
    pub(crate) fn simple(info: u64) -> Result<Option<bool>> {
        match info {
            20 => Ok(Some(false)),
            21 => Ok(Some(true)),
            22 => Ok(None),
            25..=27 => Err(DataErrorKind::Float.into()),
            23 => Err(cbor_error("`undefined` is not allowed")),
            31 => Err(cbor_error(
                "unexpected `break` (indefinite lengths are not allowed)",
            )),
            _ => Err(cbor_error(
                "simple values other than false, true and null are not allowed",
            )),
        }
    }

    /// A major-0 argument as a signed integer (range checked by the caller).
    pub(crate) fn unsigned(arg: u64) -> Result<i64> {
        i64::try_from(arg).map_err(|_| DataErrorKind::IntegerOutOfRange.into())
    }

    /// A major-1 argument as a signed integer: −1 − arg.
    pub(crate) fn negative(arg: u64) -> Result<i64> {
        let n = i64::try_from(arg).map_err(|_| DataError::new(DataErrorKind::IntegerOutOfRange))?;
        Ok(-1 - n)
    }

    /// A text string of `len` bytes.
    #[inline]
    pub(crate) fn text(&mut self, len: u64) -> Result<&'a str> {
        let bytes = self.take(len)?;
        std::str::from_utf8(bytes).map_err(|_| DataErrorKind::InvalidUtf8.into())
    }

    /// The payload of tag 42 (the tag head already read): a byte string of 0x00 + CID.
    /// Returns the binary CID, validated.
    pub(crate) fn link_payload(&mut self) -> Result<(&'a [u8], Cid)> {
        let (major, len) = self.head()?;
        if major != 2 {
            return Err(DataErrorKind::InvalidLink("tag 42 must wrap a byte string".into()).into());
        }
        match self.take(len)?.split_first() {
            Some((0, cid)) => Ok((cid, Cid::from_bytes(cid)?)),
            _ => {
                Err(DataErrorKind::InvalidLink("tag 42 payload must start with 0x00".into()).into())
            }
        }
    }

    /// Checks a container length against the limit and against the bytes left (each
    /// element takes at least `min_item` bytes), so the capacity it sizes is backed by input.
    pub(crate) fn container_len(&self, n: u64, min_item: u64, limits: &Limits) -> Result<usize> {
        if n > limits.max_container_len as u64 {
            return Err(DataErrorKind::ContainerTooLong {
                limit: limits.max_container_len,
            }
            .into());
        }
        if n.saturating_mul(min_item) > self.remaining() as u64 {
            return Err(DataErrorKind::UnexpectedEnd.into());
        }
        Ok(n as usize)
    }

    /// Reads a map key (head included): a non-empty text string within the key limit that
    /// sorts strictly after `prev`.
    #[inline]
    pub(crate) fn key(&mut self, prev: Option<&str>, limits: &Limits) -> Result<&'a str> {
        let (major, len) = self.head()?;
        if major != 3 {
            return Err(cbor_error("map keys must be text strings"));
        }
        if len == 0 {
            return Err(DataErrorKind::EmptyKey.into());
        }
        if len > limits.max_key_len as u64 {
            return Err(DataErrorKind::KeyTooLong {
                limit: limits.max_key_len,
            }
            .into());
        }
        let key = self.text(len)?;
        if let Some(prev) = prev {
            match crate::value::key_order(prev, key) {
                Ordering::Less => {}
                Ordering::Equal => return Err(DataErrorKind::DuplicateKey(key.to_owned()).into()),
                Ordering::Greater => {
                    return Err(DataError::new(DataErrorKind::KeyOrder).in_key(key))
                }
            }
        }
        Ok(key)
    }
}

/// Decodes one complete value (no trailing bytes) under `limits`.
pub(crate) fn decode(bytes: &[u8], limits: &Limits) -> Result<Value> {
    if bytes.len() > limits.max_size {
        return Err(DataErrorKind::TooLarge {
            limit: limits.max_size,
        }
        .into());
    }
    let mut decoder = Decoder {
        r: Reader::new(bytes),
        limits,
    };
    let value = decoder.value(0)?;
    if !decoder.r.at_end() {
        return Err(DataErrorKind::TrailingBytes.into());
    }
    Ok(value)
}

/// Most elements reserved up front for one container. Declared lengths are already bounded
/// by the bytes left, but nested containers share those bytes: without a cap, 32 levels of
/// "131,072 elements follow" would reserve ~128 MiB for a 200-byte input.
const PREALLOC_CAP: usize = 1024;

struct Decoder<'a, 'l> {
    r: Reader<'a>,
    limits: &'l Limits,
}

impl Decoder<'_, '_> {
    fn enter(&self, depth: usize) -> Result<usize> {
        if depth >= self.limits.max_depth {
            return Err(DataErrorKind::TooDeep {
                limit: self.limits.max_depth,
            }
            .into());
        }
        Ok(depth + 1)
    }

    /// Decodes one value enclosed by `depth` containers.
    fn value(&mut self, depth: usize) -> Result<Value> {
        let (major, arg) = self.r.head()?;
        match major {
            0 => int(Reader::unsigned(arg)?),
            1 => int(Reader::negative(arg)?),
            2 => Ok(Value::Bytes(self.r.take(arg)?.to_vec())),
            3 => Ok(Value::String(self.r.text(arg)?.to_owned())),
            4 => {
                let depth = self.enter(depth)?;
                let n = self.r.container_len(arg, 1, self.limits)?;
                let mut items = Vec::with_capacity(n.min(PREALLOC_CAP));
                for i in 0..n {
                    items.push(self.value(depth).map_err(|e| e.at_index(i))?);
                }
                Ok(Value::Array(items))
            }
            5 => self.map(depth, arg),
            6 if arg == 42 => Ok(Value::Link(Box::new(self.r.link_payload()?.1))),
            6 => Err(cbor_error(&format!("tag {arg} is not allowed (only 42)"))),
            _ => Ok(match Reader::simple(arg)? {
                Some(b) => Value::Bool(b),
                None => Value::Null,
            }),
        }
    }

    fn map(&mut self, depth: usize, arg: u64) -> Result<Value> {
        let depth = self.enter(depth)?;
        let n = self.r.container_len(arg, 2, self.limits)?;
        let mut entries: Vec<(String, Value)> = Vec::with_capacity(n.min(PREALLOC_CAP));
        let mut special = false;
        for _ in 0..n {
            let prev = entries.last().map(|(k, _)| k.as_str());
            let key = self.r.key(prev, self.limits)?;
            special |= key.starts_with('$');
            let value = self.value(depth).map_err(|e| e.in_key(key))?;
            entries.push((key.to_owned(), value));
        }
        let map = Map::from_sorted(entries);
        if special {
            finish_special_map(map, false)
        } else {
            Ok(Value::Map(map))
        }
    }
}

#[inline]
fn int(i: i64) -> Result<Value> {
    if (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&i) {
        Ok(Value::Integer(i))
    } else {
        Err(DataErrorKind::IntegerOutOfRange.into())
    }
}
