//! [`Bytes`]: the data model's byte string for typed (generated) code, and the base64 rules
//! of its JSON form `{"$bytes": "..."}`.
//!
//! JSON decoding accepts standard base64 with or without padding and with non-zero trailing
//! bits (the interop vectors contain such values); encoding writes unpadded base64, as the
//! reference TypeScript implementation does.

use std::fmt;

use base64::alphabet::STANDARD;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &STANDARD,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Decodes the `$bytes` string: standard alphabet, padding optional, trailing bits ignored.
pub(crate) fn decode_base64(text: &str) -> Result<Vec<u8>, String> {
    LENIENT.decode(text).map_err(|e| e.to_string())
}

/// Appends the unpadded standard base64 of `bytes` to `out`.
pub(crate) fn encode_base64(bytes: &[u8], out: &mut String) {
    LENIENT.encode_string(bytes, out);
}

/// A byte string: `{"$bytes": "<base64>"}` in human-readable formats, a CBOR byte string
/// (major type 2) otherwise.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Bytes(pub Vec<u8>);

impl Bytes {
    /// The bytes as a slice.
    pub fn as_slice(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        encode_base64(&self.0, &mut s);
        write!(f, "Bytes({s})")
    }
}

impl std::ops::Deref for Bytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(v: Vec<u8>) -> Bytes {
        Bytes(v)
    }
}

impl From<&[u8]> for Bytes {
    fn from(v: &[u8]) -> Bytes {
        Bytes(v.to_vec())
    }
}

/// Serializes bytes the data-model way for the serializer's kind of format.
pub(crate) fn serialize_bytes<S: Serializer>(
    bytes: &[u8],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    if serializer.is_human_readable() {
        let mut text = String::new();
        encode_base64(bytes, &mut text);
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("$bytes", &text)?;
        map.end()
    } else {
        serializer.serialize_bytes(bytes)
    }
}

impl Serialize for Bytes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_bytes(&self.0, serializer)
    }
}

/// Accepts a native byte string or a `{"$bytes": ...}` map, whatever the format claims to
/// be (serde's buffering for `#[serde(flatten)]` loses the human-readable flag).
impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Bytes, D::Error> {
        deserializer.deserialize_any(BytesVisitor)
    }
}

struct BytesVisitor;

impl<'de> Visitor<'de> for BytesVisitor {
    type Value = Bytes;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("bytes or a {\"$bytes\": ...} object")
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Bytes, E> {
        Ok(Bytes(v.to_vec()))
    }

    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Bytes, E> {
        Ok(Bytes(v))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Bytes, A::Error> {
        let mut out = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key != "$bytes" || out.is_some() {
                return Err(de::Error::custom(
                    "a `$bytes` object must have exactly one key",
                ));
            }
            let text: std::borrow::Cow<'de, str> = map.next_value()?;
            out = Some(decode_base64(&text).map_err(de::Error::custom)?);
        }
        out.map(Bytes)
            .ok_or_else(|| de::Error::missing_field("$bytes"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_base64() {
        assert_eq!(decode_base64("aGk").unwrap(), b"hi");
        assert_eq!(decode_base64("aGk=").unwrap(), b"hi");
        assert_eq!(decode_base64("aGl=").unwrap(), b"hi");
        assert!(decode_base64("aG-_").is_err());
        let json = serde_json::to_string(&Bytes(b"hi".to_vec())).unwrap();
        assert_eq!(json, r#"{"$bytes":"aGk"}"#);
        assert_eq!(serde_json::from_str::<Bytes>(&json).unwrap().0, b"hi");
    }
}
