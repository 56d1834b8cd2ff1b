//! serde `Deserializer` over strict DAG-CBOR, so typed (generated) structs decode with the
//! same rules as [`crate::Value`]: canonical key order, no duplicates, shortest heads, no
//! floats, only tag 42, depth and length limits. Strings and bytes are borrowed from the
//! input where the target type allows it.
//!
//! Tag 42 is presented to visitors as a newtype struct wrapping the binary CID bytes (see
//! `link.rs`), both from `deserialize_any` and from `deserialize_newtype_struct`.

use serde::de::value::{BorrowedBytesDeserializer, BorrowedStrDeserializer};
use serde::de::{self, DeserializeSeed, Visitor};

use super::decode::Reader;
use crate::limits::Limits;
use crate::link::LINK_NEWTYPE;
use crate::value::{DataError, DataErrorKind};

type Result<T> = std::result::Result<T, DataError>;

fn cbor_error(msg: &str) -> DataError {
    DataError::new(DataErrorKind::Cbor(msg.to_owned()))
}

/// The DAG-CBOR serde deserializer.
pub(crate) struct Deserializer<'de> {
    r: Reader<'de>,
    depth: usize,
    limits: Limits,
}

impl<'de> Deserializer<'de> {
    /// A deserializer over `input` (the size limit is the caller's to check).
    pub(crate) fn new(input: &'de [u8], limits: Limits) -> Deserializer<'de> {
        Deserializer {
            r: Reader::new(input),
            depth: 0,
            limits,
        }
    }

    /// Fails unless the whole input was consumed.
    pub(crate) fn end(&self) -> Result<()> {
        if self.r.at_end() {
            Ok(())
        } else {
            Err(DataErrorKind::TrailingBytes.into())
        }
    }

    fn enter(&mut self) -> Result<()> {
        if self.depth >= self.limits.max_depth {
            return Err(DataErrorKind::TooDeep {
                limit: self.limits.max_depth,
            }
            .into());
        }
        self.depth += 1;
        Ok(())
    }

    fn link<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let (cid, _) = self.r.link_payload()?;
        visitor.visit_newtype_struct(BorrowedBytesDeserializer::<DataError>::new(cid))
    }

    fn seq<V: Visitor<'de>>(&mut self, arg: u64, visitor: V) -> Result<V::Value> {
        self.enter()?;
        let left = self.r.container_len(arg, 1, &self.limits)?;
        let mut access = Seq { de: self, left };
        let value = visitor.visit_seq(&mut access)?;
        if access.left != 0 {
            return Err(cbor_error(
                "array has more elements than the target type takes",
            ));
        }
        self.depth -= 1;
        Ok(value)
    }

    fn map<V: Visitor<'de>>(&mut self, arg: u64, visitor: V) -> Result<V::Value> {
        self.enter()?;
        let left = self.r.container_len(arg, 2, &self.limits)?;
        let mut access = MapAccess {
            de: self,
            left,
            prev: None,
        };
        let value = visitor.visit_map(&mut access)?;
        if access.left != 0 {
            return Err(cbor_error("map has entries the target type did not read"));
        }
        self.depth -= 1;
        Ok(value)
    }
}

impl<'de> de::Deserializer<'de> for &mut Deserializer<'de> {
    type Error = DataError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let (major, arg) = self.r.head()?;
        match major {
            0 => visitor.visit_i64(Reader::unsigned(arg)?),
            1 => visitor.visit_i64(Reader::negative(arg)?),
            2 => visitor.visit_borrowed_bytes(self.r.take(arg)?),
            3 => visitor.visit_borrowed_str(self.r.text(arg)?),
            4 => self.seq(arg, visitor),
            5 => self.map(arg, visitor),
            6 if arg == 42 => self.link(visitor),
            6 => Err(cbor_error(&format!("tag {arg} is not allowed (only 42)"))),
            _ => match Reader::simple(arg)? {
                Some(b) => visitor.visit_bool(b),
                None => visitor.visit_unit(),
            },
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.r.peek() == Some(0xf6) {
            self.r.head()?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        if name == LINK_NEWTYPE {
            return match self.r.head()? {
                (6, 42) => self.link(visitor),
                _ => Err(DataErrorKind::InvalidLink("expected tag 42".into()).into()),
            };
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.r.head()? {
            (3, len) => {
                let s = self.r.text(len)?;
                visitor.visit_enum(BorrowedStrDeserializer::<DataError>::new(s))
            }
            (5, 1) => {
                self.enter()?;
                let variant = self.r.key(None, &self.limits)?;
                let value = visitor.visit_enum(Variant {
                    de: &mut *self,
                    variant,
                })?;
                self.depth -= 1;
                Ok(value)
            }
            _ => Err(cbor_error(
                "an enum must be a string or a map with one entry",
            )),
        }
    }

    fn is_human_readable(&self) -> bool {
        false
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

struct Seq<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    left: usize,
}

impl<'de> de::SeqAccess<'de> for Seq<'_, 'de> {
    type Error = DataError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.de).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

struct MapAccess<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    left: usize,
    prev: Option<&'de str>,
}

impl<'de> de::MapAccess<'de> for MapAccess<'_, 'de> {
    type Error = DataError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        let key = self.de.r.key(self.prev, &self.de.limits)?;
        self.prev = Some(key);
        seed.deserialize(BorrowedStrDeserializer::<DataError>::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let key = self.prev.unwrap_or_default();
        seed.deserialize(&mut *self.de).map_err(|e| e.in_key(key))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

/// An externally tagged enum variant: a one-entry map `{variant: value}`.
struct Variant<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    variant: &'de str,
}

impl<'de, 'a> de::EnumAccess<'de> for Variant<'a, 'de> {
    type Error = DataError;
    type Variant = &'a mut Deserializer<'de>;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self::Variant)> {
        let name = seed.deserialize(BorrowedStrDeserializer::<DataError>::new(self.variant))?;
        Ok((name, self.de))
    }
}

impl<'de> de::VariantAccess<'de> for &mut Deserializer<'de> {
    type Error = DataError;

    fn unit_variant(self) -> Result<()> {
        match self.r.head()? {
            (7, 22) => Ok(()),
            _ => Err(cbor_error("expected null for a unit variant")),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_any(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _f: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        de::Deserializer::deserialize_any(self, visitor)
    }
}
