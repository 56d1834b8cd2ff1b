//! The atproto data model as one Rust type, [`Value`], shared by the JSON and DAG-CBOR codecs
//! and by schema-less processing (validation at run time, `unknown` fields, flattened extras).

mod error;
mod map;
mod serde_impl;

pub use self::error::{DataError, DataErrorKind};
pub(crate) use self::map::key_order;
pub use self::map::Map;
pub(crate) use self::serde_impl::{Ctx, ValueSeed};

use crate::blob::BlobRef;
use crate::cid::Cid;
use crate::limits::MAX_SAFE_INTEGER;

/// One data-model value. Maps keep canonical key order; blobs are recognised by
/// `"$type": "blob"` and always well-formed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A signed integer (decoders keep it within ±(2^53 − 1)).
    Integer(i64),
    /// A UTF-8 string.
    String(String),
    /// A byte string (`{"$bytes": ...}` in JSON).
    Bytes(Vec<u8>),
    /// A CID link (`{"$link": ...}` in JSON, tag 42 in CBOR); boxed to keep `Value` small.
    Link(Box<Cid>),
    /// A list of values.
    Array(Vec<Value>),
    /// A map with string keys.
    Map(Map),
    /// A blob reference (a map with `"$type": "blob"`).
    Blob(Box<BlobRef>),
}

impl Value {
    /// The data-model kind, as Lexicon names it (`"object"` for maps).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Integer(_) => "integer",
            Value::String(_) => "string",
            Value::Bytes(_) => "bytes",
            Value::Link(_) => "cid-link",
            Value::Array(_) => "array",
            Value::Map(_) => "object",
            Value::Blob(_) => "blob",
        }
    }

    /// True for `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The integer, if this is one.
    pub fn as_integer(&self) -> Option<i64> {
        match self {
            Value::Integer(i) => Some(*i),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The bytes, if this is a byte string.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Value::Bytes(b) => Some(b),
            _ => None,
        }
    }

    /// The CID, if this is a link.
    pub fn as_link(&self) -> Option<&Cid> {
        match self {
            Value::Link(c) => Some(c),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The elements, mutably, if this is an array.
    pub fn as_array_mut(&mut self) -> Option<&mut Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The map, if this is one (blobs are not maps here: see [`Value::as_blob`]).
    pub fn as_map(&self) -> Option<&Map> {
        match self {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The map, mutably, if this is one.
    pub fn as_map_mut(&mut self) -> Option<&mut Map> {
        match self {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The blob reference, if this is a blob.
    pub fn as_blob(&self) -> Option<&BlobRef> {
        match self {
            Value::Blob(b) => Some(b),
            _ => None,
        }
    }

    /// `self[key]` for maps; `None` for other kinds or a missing key.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_map()?.get(key)
    }

    /// The `$type` string of a map (`"blob"` for blobs).
    pub fn type_name(&self) -> Option<&str> {
        match self {
            Value::Map(m) => m.get("$type")?.as_str(),
            Value::Blob(_) => Some("blob"),
            _ => None,
        }
    }

    /// Parses JSON text (any value, not only a record); see [`crate::json`].
    pub fn from_json_str(text: &str) -> Result<Value, DataError> {
        crate::json::from_str(text)
    }

    /// Compact JSON text; see [`crate::json`].
    pub fn to_json_string(&self) -> String {
        crate::json::to_string(self)
    }

    /// Canonical DAG-CBOR bytes.
    pub fn to_cbor(&self) -> Vec<u8> {
        crate::cbor::encode(self)
    }

    /// Decodes strict DAG-CBOR (any value, not only a record).
    pub fn from_cbor(bytes: &[u8]) -> Result<Value, DataError> {
        crate::cbor::decode(bytes)
    }

    /// The CID of the canonical DAG-CBOR encoding (a record's CID).
    pub fn cid(&self) -> Cid {
        crate::cbor::cid_of(self)
    }
}

/// Checks a decoded integer against the safe range.
#[inline]
pub(crate) fn check_integer(i: i64) -> Result<i64, DataErrorKind> {
    if (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&i) {
        Ok(i)
    } else {
        Err(DataErrorKind::IntegerOutOfRange)
    }
}

/// Finishes a map that has at least one `$`-prefixed key: `$link`/`$bytes` objects (JSON
/// only), the `$type` rule, and blob recognition. Plain maps never come here.
pub(crate) fn finish_special_map(map: Map, json: bool) -> Result<Value, DataError> {
    for (key, is_link) in [("$link", true), ("$bytes", false)] {
        let Some(inner) = map.get(key) else { continue };
        if !json {
            return Err(DataErrorKind::ReservedKey(key.to_owned()).into());
        }
        let bad = |m: &str| {
            let kind = if is_link {
                DataErrorKind::InvalidLink(m.to_owned())
            } else {
                DataErrorKind::InvalidBytes(m.to_owned())
            };
            DataError::new(kind)
        };
        if map.len() != 1 {
            return Err(bad(&format!("a `{key}` object must have no other keys")));
        }
        let Value::String(text) = inner else {
            return Err(bad(&format!("`{key}` must be a string")).in_key(key));
        };
        return if is_link {
            match text.parse::<Cid>() {
                Ok(cid) => Ok(Value::Link(Box::new(cid))),
                Err(e) => Err(bad(&e.to_string()).in_key(key)),
            }
        } else {
            match crate::bytes::decode_base64(text) {
                Ok(bytes) => Ok(Value::Bytes(bytes)),
                Err(e) => Err(bad(&e).in_key(key)),
            }
        };
    }
    match map.get("$type") {
        None => Ok(Value::Map(map)),
        Some(Value::String(t)) if t == "blob" => Ok(Value::Blob(Box::new(BlobRef::from_map(map)?))),
        Some(Value::String(t)) if !t.is_empty() => Ok(Value::Map(map)),
        Some(_) => Err(DataError::new(DataErrorKind::InvalidType).in_key("$type")),
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Integer(i)
    }
}

impl From<i32> for Value {
    fn from(i: i32) -> Value {
        Value::Integer(i64::from(i))
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<crate::bytes::Bytes> for Value {
    fn from(b: crate::bytes::Bytes) -> Value {
        Value::Bytes(b.0)
    }
}

impl From<Cid> for Value {
    fn from(c: Cid) -> Value {
        Value::Link(Box::new(c))
    }
}

impl From<BlobRef> for Value {
    fn from(b: BlobRef) -> Value {
        Value::Blob(Box::new(b))
    }
}

impl From<Map> for Value {
    fn from(m: Map) -> Value {
        Value::Map(m)
    }
}

impl From<Vec<Value>> for Value {
    fn from(a: Vec<Value>) -> Value {
        Value::Array(a)
    }
}
