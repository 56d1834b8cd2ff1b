//! `Serialize`/`Deserialize` for [`Value`]. One visitor serves serde_json (the JSON fast path:
//! text goes straight into `Value`, no intermediate tree) and the DAG-CBOR serde
//! deserializer; it enforces the data-model rules and limits on the way in.
//!
//! Errors found by the visitor are kept in a [`Ctx`] as a [`DataError`] (so the caller gets a
//! typed error with a path) and reported to serde as a custom message.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Deserializer, Serialize};

use super::{check_integer, finish_special_map, DataError, DataErrorKind, Map, Value};
use crate::cid::{Cid, CidVisitor};
use crate::limits::{Limits, MAX_SAFE_INTEGER};

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Integer(i) => serializer.serialize_i64(*i),
            Value::String(s) => serializer.serialize_str(s),
            Value::Bytes(b) => crate::bytes::serialize_bytes(b, serializer),
            Value::Link(cid) => crate::link::serialize_link(cid, serializer),
            Value::Array(items) => serializer.collect_seq(items),
            Value::Map(map) => {
                let mut out = serializer.serialize_map(Some(map.len()))?;
                for (k, v) in map {
                    out.serialize_entry(k, v)?;
                }
                out.end()
            }
            Value::Blob(blob) => blob.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        let ctx = Ctx::new(Limits::CBOR_RECORD, deserializer.is_human_readable());
        match (ValueSeed {
            ctx: &ctx,
            depth: 0,
        })
        .deserialize(deserializer)
        {
            Ok(v) => Ok(v),
            Err(e) => match ctx.take() {
                Some(err) => Err(de::Error::custom(err)),
                None => Err(e),
            },
        }
    }
}

/// Shared state of one `Value` deserialization: the limits, whether `$link`/`$bytes` objects
/// are decoded (JSON) or rejected (binary formats), and the first error found.
pub(crate) struct Ctx {
    error: RefCell<Option<DataError>>,
    limits: Limits,
    json: bool,
}

impl Ctx {
    /// A context for one top-level value.
    pub(crate) fn new(limits: Limits, json: bool) -> Ctx {
        Ctx {
            error: RefCell::new(None),
            limits,
            json,
        }
    }

    /// The error found by the visitor, if it was ours (not a syntax error of the format).
    pub(crate) fn take(&self) -> Option<DataError> {
        self.error.borrow_mut().take()
    }

    fn fail<E: de::Error>(&self, err: DataError) -> E {
        let e = E::custom(&err);
        *self.error.borrow_mut() = Some(err);
        e
    }

    fn wrap(&self, f: impl FnOnce(DataError) -> DataError) {
        let mut slot = self.error.borrow_mut();
        if let Some(err) = slot.take() {
            *slot = Some(f(err));
        }
    }
}

/// Deserializes one `Value` at a given nesting depth.
#[derive(Clone, Copy)]
pub(crate) struct ValueSeed<'c> {
    /// The shared context.
    pub(crate) ctx: &'c Ctx,
    /// Containers enclosing this value.
    pub(crate) depth: usize,
}

impl ValueSeed<'_> {
    fn child<E: de::Error>(self) -> Result<Self, E> {
        let limit = self.ctx.limits.max_depth;
        if self.depth + 1 > limit {
            return Err(self.ctx.fail(DataErrorKind::TooDeep { limit }.into()));
        }
        Ok(ValueSeed {
            ctx: self.ctx,
            depth: self.depth + 1,
        })
    }
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an atproto data-model value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        check_integer(v)
            .map(Value::Integer)
            .map_err(|k| self.ctx.fail(k.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        match i64::try_from(v) {
            Ok(i) => self.visit_i64(i),
            Err(_) => Err(self.ctx.fail(DataErrorKind::IntegerOutOfRange.into())),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        // JSON cannot tell `12.0` from `12`, so integral values are accepted as integers.
        if v.fract() != 0.0 || !v.is_finite() {
            return Err(self.ctx.fail(DataErrorKind::Float.into()));
        }
        if v.abs() > MAX_SAFE_INTEGER as f64 {
            return Err(self.ctx.fail(DataErrorKind::IntegerOutOfRange.into()));
        }
        Ok(Value::Integer(v as i64))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Value, E> {
        Ok(Value::Bytes(v.to_vec()))
    }

    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Value, E> {
        Ok(Value::Bytes(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        self.deserialize(deserializer)
    }

    /// Binary formats hand links over as a newtype around the CID bytes (see `link.rs`).
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        let cid: Cid = d.deserialize_bytes(CidVisitor)?;
        Ok(Value::Link(Box::new(cid)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let child = self.child()?;
        let limit = self.ctx.limits.max_container_len;
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(limit).min(256));
        loop {
            let index = items.len();
            match seq.next_element_seed(child) {
                Ok(Some(v)) => {
                    if index >= limit {
                        let err = DataError::new(DataErrorKind::ContainerTooLong { limit });
                        return Err(self.ctx.fail(err));
                    }
                    items.push(v);
                }
                Ok(None) => break,
                Err(e) => {
                    self.ctx.wrap(|err| err.at_index(index));
                    return Err(e);
                }
            }
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let limits = self.ctx.limits;
        // A `{"$link"}` or `{"$bytes"}` object is a scalar in the data model (a tag or a byte
        // string in CBOR), so it may sit one level below the depth limit; whether this map
        // is one is known only at its end, and any container inside it fails right away.
        let over_depth = self.depth + 1 > limits.max_depth;
        if self.depth > limits.max_depth {
            let err = DataError::new(DataErrorKind::TooDeep {
                limit: limits.max_depth,
            });
            return Err(self.ctx.fail(err));
        }
        let child = ValueSeed {
            ctx: self.ctx,
            depth: self.depth + 1,
        };
        let mut entries: Vec<(String, Value)> =
            Vec::with_capacity(access.size_hint().unwrap_or(0).min(64));
        let mut special = false;
        while let Some(key) = access.next_key::<String>()? {
            if key.is_empty() {
                return Err(self.ctx.fail(DataErrorKind::EmptyKey.into()));
            }
            if key.len() > limits.max_key_len {
                let err = DataError::new(DataErrorKind::KeyTooLong {
                    limit: limits.max_key_len,
                });
                return Err(self.ctx.fail(err));
            }
            if entries.len() >= limits.max_container_len {
                let limit = limits.max_container_len;
                return Err(self
                    .ctx
                    .fail(DataErrorKind::ContainerTooLong { limit }.into()));
            }
            special |= key.starts_with('$');
            match access.next_value_seed(child) {
                Ok(v) => entries.push((key, v)),
                Err(e) => {
                    self.ctx.wrap(|err| err.in_key(&key));
                    return Err(e);
                }
            }
        }
        let map = match Map::from_unsorted(entries) {
            Ok(map) => map,
            Err(dup) => return Err(self.ctx.fail(DataErrorKind::DuplicateKey(dup).into())),
        };
        let value = if special {
            finish_special_map(map, self.ctx.json).map_err(|err| self.ctx.fail(err))?
        } else {
            Value::Map(map)
        };
        if over_depth && !matches!(value, Value::Link(_) | Value::Bytes(_)) {
            let err = DataError::new(DataErrorKind::TooDeep {
                limit: limits.max_depth,
            });
            return Err(self.ctx.fail(err));
        }
        Ok(value)
    }
}
