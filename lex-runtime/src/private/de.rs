//! Deserializing generated structs: a visitor walks the map once, putting each declared key
//! into its slot and every other key into the struct's unknown-field [`Map`]; unions buffer
//! the object as a [`Map`] first, because `$type` may come after other keys.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::value::{Map, Value};

use super::value_de::ValueDeserializer;

/// A map key, owned (JSON keys with escapes cannot be borrowed).
pub struct Key(String);

impl Key {
    /// The key text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        String::deserialize(d).map(Key)
    }
}

/// Reads the value of declared key `name` into `slot`; a repeated key is an error.
pub fn field<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Keeps an undeclared key and its value (any data-model value) in `extra`.
pub fn extra<'de, A: MapAccess<'de>>(
    map: &mut A,
    extra: &mut Map,
    key: Key,
) -> Result<(), A::Error> {
    let value: Value = map.next_value()?;
    if key.0.is_empty() {
        return Err(de::Error::custom("object keys must not be empty"));
    }
    if key.0 == "$type" && !matches!(&value, Value::String(s) if !s.is_empty()) {
        return Err(de::Error::custom("`$type` must be a non-empty string"));
    }
    if extra.insert(key.0, value).is_some() {
        return Err(de::Error::custom("duplicate key in object"));
    }
    Ok(())
}

/// Skips the value of an undeclared key (XRPC parameters keep no unknown fields).
pub fn ignore<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(|_| ())
}

/// Reads a record's `$type`, which must name the record.
pub fn record_type<'de, A: MapAccess<'de>>(
    map: &mut A,
    seen: &mut bool,
    nsid: &'static str,
) -> Result<(), A::Error> {
    let t: String = map.next_value()?;
    if *seen {
        return Err(de::Error::duplicate_field("$type"));
    }
    if t != nsid {
        return Err(de::Error::custom(format_args!(
            "`$type` is {t:?}, expected {nsid:?}"
        )));
    }
    *seen = true;
    Ok(())
}

/// A record's `$type` must have been read.
pub fn require_type<E: de::Error>(seen: bool) -> Result<(), E> {
    if seen {
        Ok(())
    } else {
        Err(E::missing_field("$type"))
    }
}

/// Reads a string (a generated string enum's value).
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    String::deserialize(d)
}

/// Reads a union value: a map with a non-empty string `$type`. Returns the `$type` (with a
/// trailing `#main` removed, as the dynamic validator reads it) and the whole map.
pub fn into_union_map<'de, D: Deserializer<'de>>(d: D) -> Result<(String, Map), D::Error> {
    let map = match Value::deserialize(d)? {
        Value::Map(map) => map,
        other => {
            return Err(de::Error::custom(format_args!(
                "expected an object with `$type` (union), found {}",
                other.kind_name()
            )))
        }
    };
    let name = match map.get("$type") {
        Some(Value::String(t)) => t.strip_suffix("#main").unwrap_or(t).to_owned(),
        Some(_) => return Err(de::Error::custom("`$type` must be a string")),
        None => {
            return Err(de::Error::custom(
                "missing `$type` (union values must name their type)",
            ))
        }
    };
    Ok((name, map))
}

/// Deserializes union variant `T` from its buffered map. The union writes the member's
/// `$type` itself, so the member does not keep it among its unknown fields: a decoded
/// value equals one built in code.
pub fn union_variant<T, E>(map: Map) -> Result<T, E>
where
    T: DeserializeObject + for<'de> Deserialize<'de>,
    E: de::Error,
{
    let mut value = T::deserialize(ValueDeserializer::new(Value::Map(map))).map_err(E::custom)?;
    value.forget_type();
    Ok(value)
}

/// A generated struct read from a map (what [`__object!`](crate::__object) implements);
/// one visitor type serves them all, so each struct does not define its own.
pub trait DeserializeObject: Sized {
    /// What the visitor expects, for error messages (`an object (Post)`).
    const EXPECTING: &'static str;
    /// Reads the struct from the entries of a map.
    fn visit_map<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
    /// Drops a `$type` kept among the unknown fields (read as a union member, whose union
    /// writes the tag).
    fn forget_type(&mut self) {}
}

/// The map visitor of every generated struct.
struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: DeserializeObject> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::visit_map(map)
    }
}

/// Deserializes generated struct `T` from a map.
pub fn deserialize_object<'de, D: Deserializer<'de>, T: DeserializeObject>(
    d: D,
) -> Result<T, D::Error> {
    d.deserialize_map(ObjectVisitor(PhantomData))
}

/// The error for a missing required key (a function, so generated code names no trait).
#[cold]
pub fn missing<E: de::Error>(key: &'static str) -> E {
    E::missing_field(key)
}
