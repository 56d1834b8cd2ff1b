//! DAG-CBOR (the DRISL profile): canonical encoding, strict decoding, record CIDs.
//!
//! Two ways in and out:
//! * [`Value`] directly: [`encode`], [`decode`], [`decode_record`], [`cid_of`]. This is the
//!   fast path (no serde machinery).
//! * Any serde type: [`to_vec`], [`from_slice`], [`cid_of_serialize`]. The serializer reports
//!   `is_human_readable() == false`, sorts map and struct entries into canonical order
//!   whatever the field order, and writes [`crate::CidLink`] as tag 42 (see `link.rs` for
//!   how links cross serde); the deserializer enforces the same rules as [`decode`].

mod de;
pub(crate) mod decode;
mod encode;
mod ser;

use serde::{Deserialize, Serialize};

use crate::cid::Cid;
use crate::limits::Limits;
use crate::value::{DataError, DataErrorKind, Map, Value};

/// The canonical DAG-CBOR encoding of `value`.
pub fn encode(value: &Value) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    encode::write_value(&mut out, value);
    out
}

/// Appends the canonical encoding of `value` to `out` (reuse one buffer across records).
pub fn encode_into(value: &Value, out: &mut Vec<u8>) {
    encode::write_value(out, value);
}

/// Decodes one strict DAG-CBOR value under the record limits ([`Limits::CBOR_RECORD`]).
pub fn decode(bytes: &[u8]) -> Result<Value, DataError> {
    decode::decode(bytes, &Limits::CBOR_RECORD)
}

/// Decodes one strict DAG-CBOR value under `limits`.
pub fn decode_with_limits(bytes: &[u8], limits: &Limits) -> Result<Value, DataError> {
    decode::decode(bytes, limits)
}

/// Decodes a record: a strict DAG-CBOR map of at most 1 MiB.
pub fn decode_record(bytes: &[u8]) -> Result<Map, DataError> {
    match decode(bytes)? {
        Value::Map(map) => Ok(map),
        _ => Err(DataErrorKind::NotAMap.into()),
    }
}

/// The canonical encoding of a record, refused when it could not be read back as one: over
/// the 1 MiB record limit ([`Limits::CBOR_RECORD`], the limit [`decode_record`] applies) or
/// holding a legacy blob, whose unknown size has no current form (spec: legacy blobs are
/// read, never written).
pub fn encode_record(record: &Map) -> Result<Vec<u8>, DataError> {
    if let Some(e) = legacy_blob_in_map(record) {
        return Err(e);
    }
    let mut out = Vec::with_capacity(256);
    encode::write_map(&mut out, record);
    if out.len() > Limits::CBOR_RECORD.max_size {
        return Err(DataErrorKind::TooLarge {
            limit: Limits::CBOR_RECORD.max_size,
        }
        .into());
    }
    Ok(out)
}

/// The first legacy blob (negative size) in `map`, as an error at its path.
fn legacy_blob_in_map(map: &Map) -> Option<DataError> {
    map.iter()
        .find_map(|(k, v)| legacy_blob(v).map(|e| e.in_key(k)))
}

fn legacy_blob(value: &Value) -> Option<DataError> {
    match value {
        Value::Blob(blob) if blob.is_legacy() => Some(DataError::new(DataErrorKind::InvalidBlob(
            "a legacy blob (no size) cannot be written; re-upload it to get a current blob".into(),
        ))),
        Value::Map(map) => legacy_blob_in_map(map),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| legacy_blob(v).map(|e| e.at_index(i))),
        _ => None,
    }
}

/// The CID of a record, under the same checks as [`encode_record`].
pub fn cid_of_record(record: &Map) -> Result<Cid, DataError> {
    Ok(Cid::for_dag_cbor(&encode_record(record)?))
}

/// The CID (dag-cbor codec, sha2-256) of the canonical encoding of `value`.
pub fn cid_of(value: &Value) -> Cid {
    Cid::for_dag_cbor(&encode(value))
}

/// Canonical DAG-CBOR of any serde type.
pub fn to_vec<T: ?Sized + Serialize>(value: &T) -> Result<Vec<u8>, DataError> {
    let mut encoder = ser::Encoder::new();
    value.serialize(&mut encoder)?;
    Ok(encoder.out)
}

/// The CID of the canonical encoding of any serde type.
pub fn cid_of_serialize<T: ?Sized + Serialize>(value: &T) -> Result<Cid, DataError> {
    Ok(Cid::for_dag_cbor(&to_vec(value)?))
}

/// Decodes strict DAG-CBOR into any serde type, under the record limits.
pub fn from_slice<'de, T: Deserialize<'de>>(bytes: &'de [u8]) -> Result<T, DataError> {
    from_slice_with_limits(bytes, Limits::CBOR_RECORD)
}

/// Decodes strict DAG-CBOR into any serde type, under `limits`.
pub fn from_slice_with_limits<'de, T: Deserialize<'de>>(
    bytes: &'de [u8],
    limits: Limits,
) -> Result<T, DataError> {
    if bytes.len() > limits.max_size {
        return Err(DataErrorKind::TooLarge {
            limit: limits.max_size,
        }
        .into());
    }
    let mut de = de::Deserializer::new(bytes, limits);
    let value = T::deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

#[cfg(test)]
mod tests;
