//! [`CidLink`]: a data-model link for typed (generated) code, `{"$link": "bafy..."}` in
//! JSON and tag 42 in DAG-CBOR.
//!
//! serde has no notion of CBOR tags, so a link travels through serde as a newtype struct
//! with the private name [`LINK_NEWTYPE`] wrapping the binary CID as a byte string. The
//! DAG-CBOR serializer turns that newtype into tag 42 (adding the 0x00 prefix) and the
//! deserializer presents tag 42 the same way. Other binary formats just see bytes in a
//! newtype.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::cid::Cid;

/// The newtype-struct name that marks a CID link for the DAG-CBOR serde codec.
pub(crate) const LINK_NEWTYPE: &str = "$__lex_private_cid_link";

/// A CID link (the Lexicon `cid-link` type).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CidLink(pub Cid);

impl std::ops::Deref for CidLink {
    type Target = Cid;

    fn deref(&self) -> &Cid {
        &self.0
    }
}

impl From<Cid> for CidLink {
    fn from(cid: Cid) -> CidLink {
        CidLink(cid)
    }
}

impl fmt::Display for CidLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The binary CID as a byte string (the payload of the link newtype).
struct RawCid<'a>(&'a Cid);

impl Serialize for RawCid<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0.as_bytes())
    }
}

/// Serializes a link the data-model way for the serializer's kind of format.
pub(crate) fn serialize_link<S: Serializer>(cid: &Cid, serializer: S) -> Result<S::Ok, S::Error> {
    if serializer.is_human_readable() {
        let mut text = String::with_capacity(64);
        cid.write_string(&mut text);
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("$link", &text)?;
        map.end()
    } else {
        serializer.serialize_newtype_struct(LINK_NEWTYPE, &RawCid(cid))
    }
}

impl Serialize for CidLink {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_link(&self.0, serializer)
    }
}

/// Accepts the tag-42 newtype, raw CID bytes, or a `{"$link": ...}` map, whatever the format
/// claims to be (serde's buffering for `#[serde(flatten)]` loses the human-readable flag).
impl<'de> Deserialize<'de> for CidLink {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<CidLink, D::Error> {
        deserializer.deserialize_newtype_struct(LINK_NEWTYPE, LinkVisitor)
    }
}

struct LinkVisitor;

impl<'de> Visitor<'de> for LinkVisitor {
    type Value = CidLink;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a CID link")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<CidLink, D::Error> {
        d.deserialize_any(LinkVisitor)
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<CidLink, E> {
        Cid::from_bytes(v).map(CidLink).map_err(E::custom)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CidLink, A::Error> {
        let mut out = None;
        while let Some(key) = map.next_key::<String>()? {
            if key != "$link" || out.is_some() {
                return Err(de::Error::custom(
                    "a `$link` object must have exactly one key",
                ));
            }
            let text: String = map.next_value()?;
            out = Some(text.parse::<Cid>().map_err(de::Error::custom)?);
        }
        out.map(CidLink)
            .ok_or_else(|| de::Error::missing_field("$link"))
    }
}
