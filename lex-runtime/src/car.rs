//! CAR v1 archives (content-addressed archives): bytes -> roots + verified blocks, and back.
//!
//! A CAR is `varint(len) header` followed by sections `varint(len) cid block`. The header is
//! a DAG-CBOR map `{"roots": [links], "version": 1}`. [`Car::read`] checks every block
//! against its CID by hashing it, so a caller can trust that `get(cid)` returns the bytes the
//! CID names. Reading is bounded by [`CarLimits`] and never panics, whatever the input: CARs
//! arrive from servers nobody vouches for (`com.atproto.sync.getRecord`).

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use crate::cid::Cid;
use crate::limits::{Limits, MAX_CID_BYTES};
use crate::value::Value;

/// Why a CAR was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CarError {
    /// The archive is larger than the configured limit.
    #[error("CAR is larger than {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The input ended inside a varint, the header, a CID or a block.
    #[error("CAR is truncated ({0})")]
    Truncated(&'static str),
    /// A length varint is malformed or overlong.
    #[error("malformed varint in CAR ({0})")]
    Varint(&'static str),
    /// The header is not a DAG-CBOR map with `version: 1` and a `roots` list of links.
    #[error("invalid CAR header: {0}")]
    Header(String),
    /// A section's CID does not parse.
    #[error("invalid CID in CAR section {section}: {reason}")]
    Cid {
        /// 0-based index of the section.
        section: usize,
        /// What was wrong.
        reason: String,
    },
    /// A block's bytes do not hash to its CID.
    #[error("block {cid} does not match its CID")]
    HashMismatch {
        /// The CID the section claimed.
        cid: Cid,
    },
    /// A block uses a hash function this reader cannot verify (only sha2-256 is known).
    #[error("block {cid} uses an unsupported hash function")]
    UnsupportedHash {
        /// The CID of the block.
        cid: Cid,
    },
    /// More blocks than the configured limit.
    #[error("CAR has more than {limit} blocks")]
    TooManyBlocks {
        /// The limit.
        limit: usize,
    },
    /// A single block is larger than the configured limit.
    #[error("CAR block is larger than {limit} bytes")]
    BlockTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The archive does not have exactly one root where one was required.
    #[error("CAR must have exactly one root, found {0}")]
    RootCount(usize),
}

/// Bounds applied while reading a CAR.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CarLimits {
    /// Largest archive in bytes.
    pub max_size: usize,
    /// Most blocks.
    pub max_blocks: usize,
    /// Largest single block in bytes.
    pub max_block_size: usize,
}

impl CarLimits {
    /// Limits for a `getRecord` proof: 1 MiB + 10 KiB in total (what the TypeScript resolver
    /// accepts), records up to 1 MiB, and a generous number of MST nodes.
    pub const RECORD_PROOF: CarLimits = CarLimits {
        max_size: (1 << 20) + 10 * 1024,
        max_blocks: 10_000,
        max_block_size: 1 << 20,
    };
}

impl Default for CarLimits {
    fn default() -> CarLimits {
        CarLimits::RECORD_PROOF
    }
}

/// A read CAR: its roots and its blocks, each verified against its CID.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Car {
    roots: Vec<Cid>,
    blocks: BTreeMap<Cid, Vec<u8>>,
}

impl Car {
    /// Reads and verifies a CAR under [`CarLimits::RECORD_PROOF`].
    pub fn read(bytes: &[u8]) -> Result<Car, CarError> {
        Car::read_with_limits(bytes, &CarLimits::RECORD_PROOF)
    }

    /// Reads and verifies a CAR under explicit limits.
    pub fn read_with_limits(bytes: &[u8], limits: &CarLimits) -> Result<Car, CarError> {
        if bytes.len() > limits.max_size {
            return Err(CarError::TooLarge {
                limit: limits.max_size,
            });
        }
        let mut rest = bytes;
        let header_len = read_len(&mut rest, "header length")?;
        let header = take(&mut rest, header_len, "header")?;
        let roots = parse_header(header)?;
        let mut blocks = BTreeMap::new();
        let mut section = 0usize;
        while !rest.is_empty() {
            if section >= limits.max_blocks {
                return Err(CarError::TooManyBlocks {
                    limit: limits.max_blocks,
                });
            }
            let len = read_len(&mut rest, "section length")?;
            let mut body = take(&mut rest, len, "section")?;
            let cid_len = cid_length(body).map_err(|reason| CarError::Cid {
                section,
                reason: reason.to_owned(),
            })?;
            let cid_bytes = take(&mut body, cid_len, "section CID")?;
            let cid = Cid::from_bytes(cid_bytes).map_err(|e| CarError::Cid {
                section,
                reason: e.to_string(),
            })?;
            if body.len() > limits.max_block_size {
                return Err(CarError::BlockTooLarge {
                    limit: limits.max_block_size,
                });
            }
            verify_block(&cid, body)?;
            blocks.entry(cid).or_insert_with(|| body.to_vec());
            section += 1;
        }
        Ok(Car { roots, blocks })
    }

    /// The header's roots, in order.
    pub fn roots(&self) -> &[Cid] {
        &self.roots
    }

    /// The single root; an error when there are none or several.
    pub fn root(&self) -> Result<Cid, CarError> {
        match self.roots.as_slice() {
            [root] => Ok(*root),
            roots => Err(CarError::RootCount(roots.len())),
        }
    }

    /// The verified bytes of the block `cid`, if the archive holds it.
    pub fn get(&self, cid: &Cid) -> Option<&[u8]> {
        self.blocks.get(cid).map(Vec::as_slice)
    }

    /// Number of distinct blocks.
    pub fn len(&self) -> usize {
        self.blocks.len()
    }

    /// True when the archive holds no blocks.
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// Every block, in CID order.
    pub fn blocks(&self) -> impl Iterator<Item = (&Cid, &[u8])> + '_ {
        self.blocks.iter().map(|(c, b)| (c, b.as_slice()))
    }
}

/// Writes a CAR v1 with `roots` and `blocks` (in the given order). Does not check that the
/// blocks match their CIDs: tests use this to build corrupt archives on purpose.
pub fn write<'a>(roots: &[Cid], blocks: impl IntoIterator<Item = (Cid, &'a [u8])>) -> Vec<u8> {
    let mut header = crate::value::Map::new();
    header.insert(
        "roots",
        Value::Array(roots.iter().map(|c| Value::Link(Box::new(*c))).collect()),
    );
    header.insert("version", Value::Integer(1));
    let header = crate::cbor::encode(&Value::Map(header));
    let mut out = Vec::with_capacity(header.len() + 1024);
    write_varint(&mut out, header.len() as u64);
    out.extend_from_slice(&header);
    for (cid, block) in blocks {
        let cid_bytes = cid.as_bytes();
        write_varint(&mut out, (cid_bytes.len() + block.len()) as u64);
        out.extend_from_slice(cid_bytes);
        out.extend_from_slice(block);
    }
    out
}

fn parse_header(bytes: &[u8]) -> Result<Vec<Cid>, CarError> {
    // Headers are tiny; the small cap keeps a hostile header from costing anything.
    let limits = Limits::CBOR_RECORD.max_size(64 * 1024);
    let value = crate::cbor::decode_with_limits(bytes, &limits)
        .map_err(|e| CarError::Header(e.to_string()))?;
    let Value::Map(map) = value else {
        return Err(CarError::Header("not a map".into()));
    };
    if map.get("version").and_then(Value::as_integer) != Some(1) {
        return Err(CarError::Header("version must be 1".into()));
    }
    let Some(roots) = map.get("roots").and_then(Value::as_array) else {
        return Err(CarError::Header("missing `roots` list".into()));
    };
    roots
        .iter()
        .map(|r| {
            r.as_link()
                .copied()
                .ok_or_else(|| CarError::Header("a root is not a link".into()))
        })
        .collect()
}

fn verify_block(cid: &Cid, block: &[u8]) -> Result<(), CarError> {
    if cid.hash_code() != Cid::SHA2_256 || cid.digest().len() != 32 {
        return Err(CarError::UnsupportedHash { cid: *cid });
    }
    let digest: [u8; 32] = Sha256::digest(block).into();
    if digest[..] != *cid.digest() {
        return Err(CarError::HashMismatch { cid: *cid });
    }
    Ok(())
}

/// Length of the binary CIDv1 at the start of `bytes` (version, codec, hash, digest).
fn cid_length(bytes: &[u8]) -> Result<usize, &'static str> {
    let mut rest = bytes;
    let version = read_varint(&mut rest).map_err(|_| "malformed CID version")?;
    if version != 1 {
        return Err("only CIDv1 is supported");
    }
    read_varint(&mut rest).map_err(|_| "malformed CID codec")?;
    read_varint(&mut rest).map_err(|_| "malformed CID hash code")?;
    let digest = read_varint(&mut rest).map_err(|_| "malformed CID digest length")?;
    let header = bytes.len() - rest.len();
    let total = usize::try_from(digest)
        .ok()
        .and_then(|d| d.checked_add(header))
        .filter(|&t| t <= MAX_CID_BYTES && t <= bytes.len())
        .ok_or("CID digest runs past the section")?;
    Ok(total)
}

fn read_len(input: &mut &[u8], what: &'static str) -> Result<usize, CarError> {
    if input.is_empty() {
        return Err(CarError::Truncated(what));
    }
    let n = read_varint(input).map_err(|()| CarError::Varint(what))?;
    usize::try_from(n).map_err(|_| CarError::Varint(what))
}

fn take<'a>(input: &mut &'a [u8], n: usize, what: &'static str) -> Result<&'a [u8], CarError> {
    if n > input.len() {
        return Err(CarError::Truncated(what));
    }
    let (head, tail) = input.split_at(n);
    *input = tail;
    Ok(head)
}

/// Unsigned LEB128, at most 9 bytes (63 bits), minimally encoded.
fn read_varint(input: &mut &[u8]) -> Result<u64, ()> {
    let mut value: u64 = 0;
    for i in 0..9 {
        let Some((&byte, rest)) = input.split_first() else {
            return Err(());
        };
        *input = rest;
        value |= u64::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            if byte == 0 && i > 0 {
                return Err(());
            }
            return Ok(value);
        }
    }
    Err(())
}

fn write_varint(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Cid, Vec<u8>, Vec<u8>) {
        let block = crate::cbor::encode(&Value::String("hello".into()));
        let cid = Cid::for_dag_cbor(&block);
        let car = write(&[cid], [(cid, block.as_slice())]);
        (cid, block, car)
    }

    #[test]
    fn round_trip() {
        let (cid, block, car) = sample();
        let read = Car::read(&car).unwrap();
        assert_eq!(read.roots(), &[cid]);
        assert_eq!(read.root().unwrap(), cid);
        assert_eq!(read.get(&cid), Some(block.as_slice()));
        assert_eq!(read.len(), 1);
    }

    #[test]
    fn tampered_block_is_rejected() {
        let (cid, _, mut car) = sample();
        let last = car.len() - 1;
        car[last] ^= 1;
        assert_eq!(Car::read(&car), Err(CarError::HashMismatch { cid }));
    }

    #[test]
    fn every_truncation_is_an_error_not_a_panic() {
        let (_, _, car) = sample();
        for n in 0..car.len() {
            let prefix = car.get(..n).unwrap_or_default();
            // A prefix ending exactly between sections is a valid (shorter) CAR.
            if let Ok(c) = Car::read(prefix) {
                assert!(c.is_empty());
            }
        }
        for i in 0..car.len() {
            for bit in 0..8 {
                let mut bad = car.clone();
                bad[i] ^= 1 << bit;
                let _ = Car::read(&bad);
            }
        }
    }

    #[test]
    fn limits_are_enforced() {
        let (_, _, car) = sample();
        let tiny = CarLimits {
            max_size: 4,
            ..CarLimits::RECORD_PROOF
        };
        assert!(matches!(
            Car::read_with_limits(&car, &tiny),
            Err(CarError::TooLarge { .. })
        ));
        let none = CarLimits {
            max_blocks: 0,
            ..CarLimits::RECORD_PROOF
        };
        assert!(matches!(
            Car::read_with_limits(&car, &none),
            Err(CarError::TooManyBlocks { .. })
        ));
        // A huge declared length must not allocate: it is simply truncated input.
        let mut huge = Vec::new();
        write_varint(&mut huge, u64::MAX >> 1);
        assert!(Car::read(&huge).is_err());
    }

    #[test]
    fn header_must_be_valid() {
        let bad = write(&[], std::iter::empty());
        assert_eq!(Car::read(&bad).unwrap().root(), Err(CarError::RootCount(0)));
        let mut junk = vec![3];
        junk.extend_from_slice(&[0xa1, 0x61, 0x61]);
        assert!(matches!(Car::read(&junk), Err(CarError::Header(_))));
    }
}
