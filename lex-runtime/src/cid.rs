//! Content identifiers: CIDv1 in binary form (for DAG-CBOR tag 42) and in the base32 string
//! form (`b` + lowercase RFC 4648 base32, no padding), plus hashing of blocks into CIDs.
//!
//! A [`Cid`] keeps its binary form in a fixed inline buffer of [`MAX_CID_BYTES`], so it is
//! `Copy` and never allocates: links are everywhere in repository data, and decoding one must
//! be as cheap as copying it.

use std::fmt;
use std::str::FromStr;

use sha2::{Digest, Sha256};

use crate::limits::MAX_CID_BYTES;

/// Why a CID (binary or string) was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CidError {
    /// The input is empty.
    #[error("empty CID")]
    Empty,
    /// The binary form is longer than [`MAX_CID_BYTES`].
    #[error("CID is longer than {MAX_CID_BYTES} bytes")]
    TooLong,
    /// The string does not start with the `b` (base32 lowercase) multibase prefix.
    #[error("CID string must use base32 (`b` prefix)")]
    Multibase,
    /// The string is not valid lowercase, unpadded base32.
    #[error("invalid base32 in CID string")]
    Base32,
    /// The version is not 1 (CIDv0 and future versions are not allowed).
    #[error("CID version must be 1")]
    Version,
    /// The content codec is neither dag-cbor (0x71) nor raw (0x55).
    #[error("CID codec must be dag-cbor (0x71) or raw (0x55), found {0:#x}")]
    Codec(u64),
    /// A varint is truncated, overlong or not minimally encoded.
    #[error("malformed varint in CID")]
    Varint,
    /// The multihash digest length does not match the bytes present.
    #[error("CID digest length does not match")]
    DigestLength,
    /// The `format: cid` string syntax check failed.
    #[error("invalid CID syntax: {0}")]
    Syntax(&'static str),
}

/// A CIDv1 (dag-cbor or raw codec, any multihash up to [`MAX_CID_BYTES`] in total).
#[derive(Clone, Copy)]
pub struct Cid {
    len: u8,
    bytes: [u8; MAX_CID_BYTES],
}

const BASE32: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

impl Cid {
    /// Multicodec of DAG-CBOR (DRISL) blocks: records, commits, MST nodes.
    pub const DAG_CBOR: u64 = 0x71;
    /// Multicodec of raw bytes: blobs.
    pub const RAW: u64 = 0x55;
    /// Multihash code of sha2-256.
    pub const SHA2_256: u64 = 0x12;

    /// The CID of a DAG-CBOR block: CIDv1, codec 0x71, sha2-256 of `block`.
    pub fn for_dag_cbor(block: &[u8]) -> Cid {
        Cid::sha256(Cid::DAG_CBOR as u8, block)
    }

    /// The CID of a blob: CIDv1, codec raw 0x55, sha2-256 of `data`.
    pub fn for_raw(data: &[u8]) -> Cid {
        Cid::sha256(Cid::RAW as u8, data)
    }

    fn sha256(codec: u8, data: &[u8]) -> Cid {
        let digest = Sha256::digest(data);
        let mut bytes = [0u8; MAX_CID_BYTES];
        bytes[..4].copy_from_slice(&[1, codec, Cid::SHA2_256 as u8, 32]);
        bytes[4..36].copy_from_slice(&digest);
        Cid { len: 36, bytes }
    }

    /// Reads the binary form (version, codec, multihash), without the CBOR 0x00 prefix.
    pub fn from_bytes(bytes: &[u8]) -> Result<Cid, CidError> {
        if bytes.is_empty() {
            return Err(CidError::Empty);
        }
        if bytes.len() > MAX_CID_BYTES {
            return Err(CidError::TooLong);
        }
        // Fast path for the blessed form: every header field is a single byte.
        if let [1, codec @ (0x71 | 0x55), 0x12, 0x20, digest @ ..] = bytes {
            let _ = codec;
            if digest.len() != 32 {
                return Err(CidError::DigestLength);
            }
        } else {
            Cid::check_generic(bytes)?;
        }
        let mut out = [0u8; MAX_CID_BYTES];
        out[..bytes.len()].copy_from_slice(bytes);
        Ok(Cid {
            len: bytes.len() as u8,
            bytes: out,
        })
    }

    fn check_generic(bytes: &[u8]) -> Result<(), CidError> {
        let mut rest = bytes;
        // A CIDv0 is a bare multihash starting 0x12 0x20; reading it as a version gives 0x12.
        if read_varint(&mut rest)? != 1 {
            return Err(CidError::Version);
        }
        let codec = read_varint(&mut rest)?;
        if codec != Cid::DAG_CBOR && codec != Cid::RAW {
            return Err(CidError::Codec(codec));
        }
        let hash = read_varint(&mut rest)?;
        let len = read_varint(&mut rest)?;
        if len != rest.len() as u64 || (hash == Cid::SHA2_256 && len != 32) {
            return Err(CidError::DigestLength);
        }
        Ok(())
    }

    /// The binary form (what DAG-CBOR tag 42 carries after its 0x00 prefix).
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    /// The content codec (0x71 dag-cbor or 0x55 raw).
    pub fn codec(&self) -> u64 {
        self.fields().0
    }

    /// The multihash function code (0x12 for sha2-256).
    pub fn hash_code(&self) -> u64 {
        self.fields().1
    }

    /// The multihash digest bytes.
    pub fn digest(&self) -> &[u8] {
        let start = self.fields().2;
        self.as_bytes().get(start..).unwrap_or_default()
    }

    /// True for the blessed atproto form: sha2-256 with a 32-byte digest.
    pub fn is_sha256(&self) -> bool {
        self.len == 36 && self.bytes[2] == 0x12 && self.bytes[3] == 0x20
    }

    /// (codec, hash code, digest offset); the bytes were validated on construction.
    fn fields(&self) -> (u64, u64, usize) {
        let all = self.as_bytes();
        let mut rest = all;
        let _version = read_varint(&mut rest).unwrap_or(0);
        let codec = read_varint(&mut rest).unwrap_or(0);
        let hash = read_varint(&mut rest).unwrap_or(0);
        let _len = read_varint(&mut rest).unwrap_or(0);
        (codec, hash, all.len() - rest.len())
    }

    /// Appends the base32 string form (`b...`) to `out`.
    pub fn write_string(&self, out: &mut String) {
        out.reserve(1 + (usize::from(self.len) * 8).div_ceil(5));
        out.push('b');
        let mut acc: u32 = 0;
        let mut bits = 0u32;
        for &byte in self.as_bytes() {
            acc = (acc << 8) | u32::from(byte);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                out.push(char::from(BASE32[((acc >> bits) & 31) as usize]));
            }
        }
        if bits > 0 {
            out.push(char::from(BASE32[((acc << (5 - bits)) & 31) as usize]));
        }
    }

    /// The loose lexicon `format: cid` syntax check: `[a-zA-Z0-9+=]{8,256}`, not CIDv0.
    ///
    /// Other multibases (base58btc `z...`, base16 `f...`) pass, as the interop vectors
    /// expect; use [`Cid::from_str`] for a strict decode.
    pub fn check_syntax(s: &str) -> Result<(), CidError> {
        if s.len() < 8 || s.len() > 256 {
            return Err(CidError::Syntax("length must be 8 to 256 characters"));
        }
        if !s
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'=')
        {
            return Err(CidError::Syntax(
                "only letters, digits, `+` and `=` are allowed",
            ));
        }
        if s.starts_with("Qm") {
            return Err(CidError::Syntax("CIDv0 is not allowed"));
        }
        Ok(())
    }
}

/// Reads one unsigned LEB128 varint, minimally encoded, at most 9 bytes (63 bits).
fn read_varint(input: &mut &[u8]) -> Result<u64, CidError> {
    let mut value: u64 = 0;
    for i in 0..9 {
        let Some((&byte, rest)) = input.split_first() else {
            return Err(CidError::Varint);
        };
        *input = rest;
        value |= u64::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            // A trailing zero group means the same number had a shorter encoding.
            if byte == 0 && i > 0 {
                return Err(CidError::Varint);
            }
            return Ok(value);
        }
    }
    Err(CidError::Varint)
}

fn base32_value(c: u8) -> Option<u8> {
    match c {
        b'a'..=b'z' => Some(c - b'a'),
        b'2'..=b'7' => Some(c - b'2' + 26),
        _ => None,
    }
}

impl FromStr for Cid {
    type Err = CidError;

    /// Parses the base32 string form strictly (trailing bits must be zero).
    fn from_str(s: &str) -> Result<Cid, CidError> {
        let Some(body) = s.strip_prefix('b') else {
            return Err(if s.is_empty() {
                CidError::Empty
            } else {
                CidError::Multibase
            });
        };
        if body.len() > (MAX_CID_BYTES * 8).div_ceil(5) {
            return Err(CidError::TooLong);
        }
        let mut buf = [0u8; MAX_CID_BYTES];
        let mut n = 0usize;
        let mut acc: u32 = 0;
        let mut bits = 0u32;
        for &c in body.as_bytes() {
            let v = base32_value(c).ok_or(CidError::Base32)?;
            acc = (acc << 5) | u32::from(v);
            bits += 5;
            if bits >= 8 {
                bits -= 8;
                let slot = buf.get_mut(n).ok_or(CidError::TooLong)?;
                *slot = (acc >> bits) as u8;
                n += 1;
            }
        }
        // Leftover bits must be padding zeros and fewer than one character's worth.
        if bits >= 5 || acc & ((1 << bits) - 1) != 0 {
            return Err(CidError::Base32);
        }
        Cid::from_bytes(&buf[..n])
    }
}

impl TryFrom<&[u8]> for Cid {
    type Error = CidError;

    fn try_from(bytes: &[u8]) -> Result<Cid, CidError> {
        Cid::from_bytes(bytes)
    }
}

impl fmt::Display for Cid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.write_string(&mut s);
        f.write_str(&s)
    }
}

impl fmt::Debug for Cid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cid({self})")
    }
}

impl PartialEq for Cid {
    fn eq(&self, other: &Cid) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for Cid {}

impl std::hash::Hash for Cid {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_bytes().hash(state);
    }
}

impl PartialOrd for Cid {
    fn partial_cmp(&self, other: &Cid) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Cid {
    fn cmp(&self, other: &Cid) -> std::cmp::Ordering {
        self.as_bytes().cmp(other.as_bytes())
    }
}

/// Human-readable serializers (JSON) get the string form; binary ones get the raw binary
/// form as a byte string (no tag: use [`crate::CidLink`] for a DAG-CBOR tag-42 link).
///
/// A Lexicon `string` with `format: cid` is a text string in *both* encodings, so a typed
/// field of that kind must not use `Cid`'s serde as is: keep it a string and check it with
/// [`Cid::check_syntax`] (or parse it with [`Cid::from_str`]).
impl serde::Serialize for Cid {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.collect_str(self)
        } else {
            serializer.serialize_bytes(self.as_bytes())
        }
    }
}

/// Accepts the string form or the binary form, whatever the format claims to be.
impl<'de> serde::Deserialize<'de> for Cid {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Cid, D::Error> {
        if deserializer.is_human_readable() {
            deserializer.deserialize_str(CidVisitor)
        } else {
            deserializer.deserialize_bytes(CidVisitor)
        }
    }
}

/// Visits a CID given as a string or as binary bytes.
pub(crate) struct CidVisitor;

impl serde::de::Visitor<'_> for CidVisitor {
    type Value = Cid;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a CID")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Cid, E> {
        v.parse().map_err(E::custom)
    }

    fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Cid, E> {
        Cid::from_bytes(v).map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_round_trip() {
        let s = "bafyreiclp443lavogvhj3d2ob2cxbfuscni2k5jk7bebjzg7khl3esabwq";
        let cid: Cid = s.parse().unwrap();
        assert_eq!(cid.to_string(), s);
        assert_eq!(cid.codec(), Cid::DAG_CBOR);
        assert_eq!(cid.hash_code(), Cid::SHA2_256);
        assert_eq!(cid.digest().len(), 32);
        assert!(cid.is_sha256());
        assert_eq!(Cid::from_bytes(cid.as_bytes()).unwrap(), cid);
    }

    #[test]
    fn rejects_bad_strings() {
        for bad in [
            "",
            ".",
            "b",
            "bafyrei",
            "Bafy",
            "QmbWqxBEKC3P8tqsKc98xmWNzrzDtRLMiMPL8wBuTGsMnR",
        ] {
            assert!(bad.parse::<Cid>().is_err(), "{bad:?}");
        }
        // dag-pb codec (0x70) is not a data-model link.
        assert!(
            "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi"
                .parse::<Cid>()
                .is_err()
        );
    }

    #[test]
    fn other_hashes_are_accepted() {
        // blake3 (0x1e) with a 32-byte digest.
        let mut bytes = vec![1, 0x55, 0x1e, 0x20];
        bytes.extend([7u8; 32]);
        let cid = Cid::from_bytes(&bytes).unwrap();
        assert_eq!(cid.hash_code(), 0x1e);
        assert!(!cid.is_sha256());
        assert_eq!(cid.to_string().parse::<Cid>().unwrap(), cid);
    }

    #[test]
    fn hashing() {
        let cid = Cid::for_raw(b"");
        assert!(cid.to_string().starts_with("bafkrei"));
        assert!(Cid::for_dag_cbor(b"\xa0")
            .to_string()
            .starts_with("bafyrei"));
    }

    #[test]
    fn syntax() {
        assert!(Cid::check_syntax("zdj7WWeQ43G6JJvLWQWZpyHuAMq6uYWRjkBXFad11vE2LHhQ7").is_ok());
        assert!(Cid::check_syntax("QmbWqxBEKC3P8tqsKc98xmWNzrzDtRLMiMPL8wBuTGsMnR").is_err());
        assert!(Cid::check_syntax("noop").is_err());
        assert!(
            Cid::check_syntax(" bafyreiclp443lavogvhj3d2ob2cxbfuscni2k5jk7bebjzg7khl3esabwq")
                .is_err()
        );
    }
}
