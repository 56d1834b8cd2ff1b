//! [`BlobRef`]: a reference to an uploaded blob, `{"$type": "blob", "ref": <link>,
//! "mimeType": ..., "size": ...}`. Recognised without a schema (decoders turn such maps into
//! [`crate::Value::Blob`] or reject them); the legacy `{cid, mimeType}` form needs the schema,
//! so the validator calls [`BlobRef::from_legacy_map`]. Legacy blobs are read, never written.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::cid::Cid;
use crate::link::CidLink;
use crate::value::{DataError, DataErrorKind, Map, Value};

/// A blob reference.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BlobRef {
    /// CID of the blob bytes (the `ref` link; raw codec when created by us).
    pub cid: Cid,
    /// MIME type, non-empty.
    pub mime_type: String,
    /// Size in bytes; [`BlobRef::LEGACY_SIZE`] for a legacy blob, whose size is unknown.
    pub size: i64,
}

impl BlobRef {
    /// The `size` of a blob read from the legacy form, which carries no size.
    pub const LEGACY_SIZE: i64 = -1;

    /// A blob reference.
    pub fn new(cid: Cid, mime_type: impl Into<String>, size: u64) -> BlobRef {
        let size = i64::try_from(size).unwrap_or(i64::MAX);
        BlobRef {
            cid,
            mime_type: mime_type.into(),
            size,
        }
    }

    /// True when read from the legacy `{cid, mimeType}` form.
    pub fn is_legacy(&self) -> bool {
        self.size < 0
    }

    /// Reads a `"$type": "blob"` map: exactly `$type`, `ref` (a link), `mimeType` (non-empty
    /// string) and `size` (integer >= 0).
    pub(crate) fn from_map(map: Map) -> Result<BlobRef, DataError> {
        let bad = |m: String| DataError::new(DataErrorKind::InvalidBlob(m));
        let mut cid = None;
        let mut mime_type = None;
        let mut size = None;
        for (key, value) in map {
            match (key.as_str(), value) {
                ("$type", _) => {}
                ("ref", Value::Link(c)) => cid = Some(*c),
                ("ref", _) => return Err(bad("`ref` must be a link".into()).in_key("ref")),
                ("mimeType", Value::String(s)) if !s.is_empty() => mime_type = Some(s),
                ("mimeType", _) => {
                    return Err(bad("`mimeType` must be a non-empty string".into()).in_key(&key))
                }
                ("size", Value::Integer(n)) if n >= 0 => size = Some(n),
                ("size", _) => {
                    return Err(bad("`size` must be a non-negative integer".into()).in_key(&key))
                }
                (other, _) => return Err(bad(format!("unexpected key {other:?}"))),
            }
        }
        match (cid, mime_type, size) {
            (Some(cid), Some(mime_type), Some(size)) => Ok(BlobRef {
                cid,
                mime_type,
                size,
            }),
            (None, _, _) => Err(bad("missing `ref`".into())),
            (_, None, _) => Err(bad("missing `mimeType`".into())),
            (_, _, None) => Err(bad("missing `size`".into())),
        }
    }

    /// Reads the deprecated `{"cid": "<CID string>", "mimeType": "..."}` form (no other
    /// keys); the result has `size` [`BlobRef::LEGACY_SIZE`].
    pub fn from_legacy_map(map: &Map) -> Option<BlobRef> {
        if map.len() != 2 {
            return None;
        }
        let cid = map.get("cid")?.as_str()?.parse().ok()?;
        let mime_type = map.get("mimeType")?.as_str()?;
        if mime_type.is_empty() {
            return None;
        }
        Some(BlobRef {
            cid,
            mime_type: mime_type.to_owned(),
            size: BlobRef::LEGACY_SIZE,
        })
    }
}

/// Always the current form; a legacy blob (unknown size) is an error, since writers must
/// never produce the legacy form and a `size` of -1 would be invalid data. Human-readable formats get the conventional key order
/// (`$type`, `ref`, `mimeType`, `size`); binary ones get canonical DAG-CBOR order, so the
/// CBOR serializer has nothing to sort.
impl Serialize for BlobRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.is_legacy() {
            return Err(serde::ser::Error::custom(
                "a legacy blob (no size) cannot be written; re-upload it to get a current blob",
            ));
        }
        let link = CidLink(self.cid);
        let human = serializer.is_human_readable();
        let mut map = serializer.serialize_map(Some(4))?;
        if human {
            map.serialize_entry("$type", "blob")?;
            map.serialize_entry("ref", &link)?;
            map.serialize_entry("mimeType", &self.mime_type)?;
            map.serialize_entry("size", &self.size)?;
        } else {
            map.serialize_entry("ref", &link)?;
            map.serialize_entry("size", &self.size)?;
            map.serialize_entry("$type", "blob")?;
            map.serialize_entry("mimeType", &self.mime_type)?;
        }
        map.end()
    }
}

/// Accepts the current form and the legacy form.
impl<'de> Deserialize<'de> for BlobRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<BlobRef, D::Error> {
        deserializer.deserialize_map(BlobVisitor)
    }
}

struct BlobVisitor;

impl<'de> Visitor<'de> for BlobVisitor {
    type Value = BlobRef;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a blob reference")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<BlobRef, A::Error> {
        let mut is_blob = false;
        let mut link: Option<CidLink> = None;
        let mut legacy_cid: Option<String> = None;
        let mut mime_type: Option<String> = None;
        let mut size: Option<i64> = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "$type" => {
                    let t: String = map.next_value()?;
                    if t != "blob" {
                        return Err(de::Error::custom("a blob's `$type` must be \"blob\""));
                    }
                    is_blob = true;
                }
                "ref" => link = Some(map.next_value()?),
                "cid" => legacy_cid = Some(map.next_value()?),
                "mimeType" => mime_type = Some(map.next_value()?),
                "size" => size = Some(map.next_value()?),
                other => {
                    return Err(de::Error::custom(format_args!(
                        "unexpected blob key {other:?}"
                    )))
                }
            }
        }
        let mime_type = mime_type.ok_or_else(|| de::Error::missing_field("mimeType"))?;
        if mime_type.is_empty() {
            return Err(de::Error::custom("a blob's `mimeType` must not be empty"));
        }
        if is_blob {
            if legacy_cid.is_some() {
                return Err(de::Error::custom("unexpected blob key \"cid\""));
            }
            let cid = link.ok_or_else(|| de::Error::missing_field("ref"))?.0;
            let size = size.ok_or_else(|| de::Error::missing_field("size"))?;
            if size < 0 {
                return Err(de::Error::custom("a blob's `size` must not be negative"));
            }
            return Ok(BlobRef {
                cid,
                mime_type,
                size,
            });
        }
        match (legacy_cid, link, size) {
            (Some(text), None, None) => {
                let cid = text.parse().map_err(de::Error::custom)?;
                Ok(BlobRef {
                    cid,
                    mime_type,
                    size: BlobRef::LEGACY_SIZE,
                })
            }
            _ => Err(de::Error::missing_field("$type")),
        }
    }
}
