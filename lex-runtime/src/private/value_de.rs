//! A serde `Deserializer` over an owned [`Value`], presenting it exactly as the DAG-CBOR
//! deserializer presents the same data (not human-readable; links as the private link
//! newtype around the CID bytes; bytes as bytes; blobs as their four-entry map), so typed
//! code reads a buffered union member the way it reads the wire.

use serde::de::value::{BorrowedStrDeserializer, MapDeserializer, SeqDeserializer};
use serde::de::{self, IntoDeserializer, Visitor};

use crate::link::LINK_NEWTYPE;
use crate::value::{DataError, Value};

/// Deserializes generated types from a [`Value`].
pub struct ValueDeserializer {
    value: Value,
}

impl ValueDeserializer {
    /// Wraps a value.
    pub fn new(value: Value) -> ValueDeserializer {
        ValueDeserializer { value }
    }
}

impl<'de> IntoDeserializer<'de, DataError> for ValueDeserializer {
    type Deserializer = ValueDeserializer;

    fn into_deserializer(self) -> ValueDeserializer {
        self
    }
}

/// Map keys (owned strings) as deserializers.
struct KeyDe(String);

impl<'de> IntoDeserializer<'de, DataError> for KeyDe {
    type Deserializer = de::value::StringDeserializer<DataError>;

    fn into_deserializer(self) -> Self::Deserializer {
        de::value::StringDeserializer::new(self.0)
    }
}

/// The link newtype payload: the binary CID.
struct LinkBytes(Vec<u8>);

impl<'de> de::Deserializer<'de> for LinkBytes {
    type Error = DataError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DataError> {
        visitor.visit_byte_buf(self.0)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

impl<'de> de::Deserializer<'de> for ValueDeserializer {
    type Error = DataError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DataError> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Integer(i) => visitor.visit_i64(i),
            Value::String(s) => visitor.visit_string(s),
            Value::Bytes(b) => visitor.visit_byte_buf(b),
            Value::Link(cid) => visitor.visit_newtype_struct(LinkBytes(cid.as_bytes().to_vec())),
            Value::Array(items) => {
                let mut seq = SeqDeserializer::new(items.into_iter().map(ValueDeserializer::new));
                let out = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(out)
            }
            Value::Map(map) => {
                let mut access = MapDeserializer::new(
                    map.into_iter()
                        .map(|(k, v)| (KeyDe(k), ValueDeserializer::new(v))),
                );
                let out = visitor.visit_map(&mut access)?;
                access.end()?;
                Ok(out)
            }
            Value::Blob(blob) => {
                let entries = [
                    ("ref", Value::Link(Box::new(blob.cid))),
                    ("size", Value::Integer(blob.size)),
                    ("$type", Value::String("blob".to_owned())),
                    ("mimeType", Value::String(blob.mime_type)),
                ];
                let mut access =
                    MapDeserializer::new(entries.into_iter().map(|(k, v)| {
                        (BorrowedStrDeserializer::new(k), ValueDeserializer::new(v))
                    }));
                let out = visitor.visit_map(&mut access)?;
                access.end()?;
                Ok(out)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DataError> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DataError> {
        match self.value {
            Value::Link(cid) if name == LINK_NEWTYPE => {
                visitor.visit_newtype_struct(LinkBytes(cid.as_bytes().to_vec()))
            }
            _ if name == LINK_NEWTYPE => Err(de::Error::custom("expected a CID link")),
            _ => visitor.visit_newtype_struct(self),
        }
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DataError> {
        match self.value {
            Value::Bytes(b) => visitor.visit_byte_buf(b),
            other => ValueDeserializer::new(other).deserialize_any(visitor),
        }
    }

    fn is_human_readable(&self) -> bool {
        false
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string byte_buf
        unit unit_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}
