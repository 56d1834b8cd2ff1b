//! Serializing generated structs: declared fields and preserved unknown fields are written
//! in one canonical key order (length first, then bytewise), the order DAG-CBOR requires and
//! the one [`crate::json`] writes, so typed JSON equals the JSON of the same `Value`.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::value::{key_order, Map, Value};

/// A generated object type that can be written with or without a `$type` tag (unions and
/// records write one).
pub trait SerializeObject {
    /// Writes the object; `tag` is the `$type` to add (it replaces a preserved `$type`).
    fn serialize_object<S: Serializer>(
        &self,
        serializer: S,
        tag: Option<&'static str>,
    ) -> Result<S::Ok, S::Error>;
}

impl<T: SerializeObject + ?Sized> SerializeObject for Box<T> {
    fn serialize_object<S: Serializer>(
        &self,
        serializer: S,
        tag: Option<&'static str>,
    ) -> Result<S::Ok, S::Error> {
        (**self).serialize_object(serializer, tag)
    }
}

/// Writes one object: call [`ObjectSer::field`] (or [`ObjectSer::opt`]) for each declared
/// field in canonical key order, then [`ObjectSer::end`].
pub struct ObjectSer<'a, M: SerializeMap> {
    map: M,
    extra: std::iter::Peekable<std::slice::Iter<'a, (String, Value)>>,
    tag: Option<&'static str>,
    error: Option<M::Error>,
}

impl<'a, M: SerializeMap> ObjectSer<'a, M> {
    /// Starts an object with unknown fields `extra` and an optional `$type` tag.
    pub fn begin<S: Serializer<SerializeMap = M, Error = M::Error>>(
        serializer: S,
        tag: Option<&'static str>,
        extra: &'a Map,
    ) -> Result<Self, M::Error> {
        Ok(ObjectSer {
            map: serializer.serialize_map(None)?,
            extra: extra.as_slice().iter().peekable(),
            tag,
            error: None,
        })
    }

    /// Starts an object without unknown fields (XRPC parameters, derived types without
    /// `extra`), with an optional `$type` tag.
    pub fn begin_plain<S: Serializer<SerializeMap = M, Error = M::Error>>(
        serializer: S,
        tag: Option<&'static str>,
    ) -> Result<Self, M::Error> {
        Ok(ObjectSer {
            map: serializer.serialize_map(None)?,
            extra: [].iter().peekable(),
            tag,
            error: None,
        })
    }

    /// Writes every pending entry (tag, unknown fields) ordered before `key`.
    fn flush_before(&mut self, key: Option<&str>) -> Result<(), M::Error> {
        let before = |k: &str| key.is_none_or(|key| key_order(k, key).is_lt());
        loop {
            let tag_next = self.tag.filter(|_| before("$type"));
            let extra_next = self
                .extra
                .peek()
                .map(|(k, _)| k.as_str())
                .filter(|k| before(k));
            match (tag_next, extra_next) {
                (Some(tag), Some(k)) if key_order("$type", k).is_le() => {
                    if k == "$type" {
                        self.extra.next();
                    }
                    self.map.serialize_entry("$type", tag)?;
                    self.tag = None;
                }
                (Some(tag), None) => {
                    self.map.serialize_entry("$type", tag)?;
                    self.tag = None;
                }
                (_, Some(_)) => {
                    if let Some((k, v)) = self.extra.next() {
                        self.map.serialize_entry::<str, Value>(k, v)?;
                    }
                }
                (None, None) => return Ok(()),
            }
        }
    }

    /// Writes a present field.
    pub fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), M::Error> {
        self.flush_before(Some(key))?;
        if self.tag.is_some() && key == "$type" {
            return Ok(());
        }
        self.map.serialize_entry(key, value)
    }

    /// Writes an optional field when it is `Some` (absent fields are omitted).
    pub fn opt<T: Serialize>(&mut self, key: &str, value: &Option<T>) -> Result<(), M::Error> {
        match value {
            Some(v) => self.field(key, v),
            None => Ok(()),
        }
    }

    /// Runs one write unless an earlier one failed, keeping its error for [`end`](Self::end):
    /// generated code then needs no `?` per field, which costs it type checking.
    pub fn keep(&mut self, write: impl FnOnce(&mut Self) -> Result<(), M::Error>) {
        if self.error.is_none() {
            if let Err(e) = write(self) {
                self.error = Some(e);
            }
        }
    }

    /// Writes the remaining entries and closes the object.
    pub fn end(mut self) -> Result<M::Ok, M::Error> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        self.flush_before(None)?;
        self.map.end()
    }
}
