//! atproto JSON ⇄ [`Value`] (spec `data-model.md` §2).
//!
//! Reading goes straight from text into `Value` through one serde visitor over serde_json
//! (no intermediate `serde_json::Value`): `{"$link"}` and `{"$bytes"}` objects become links
//! and bytes, `"$type": "blob"` maps become blobs, integral floats (`12.0`) become integers,
//! and every data-model rule and limit is checked on the way.
//!
//! Writing is deterministic: map keys in canonical order, links as `{"$link": ...}`, bytes
//! as unpadded base64 `{"$bytes": ...}`, blobs as `{"$type","ref","mimeType","size"}`.

use serde::de::DeserializeSeed;

use crate::limits::Limits;
use crate::value::{Ctx, DataError, DataErrorKind, Map, Value, ValueSeed};

/// Parses JSON text holding any data-model value (not only a record).
pub fn from_str(text: &str) -> Result<Value, DataError> {
    from_slice_with_limits(text.as_bytes(), &Limits::JSON_RECORD)
}

/// Parses JSON bytes (UTF-8) holding any data-model value.
pub fn from_slice(bytes: &[u8]) -> Result<Value, DataError> {
    from_slice_with_limits(bytes, &Limits::JSON_RECORD)
}

/// Parses JSON bytes under explicit limits.
pub fn from_slice_with_limits(bytes: &[u8], limits: &Limits) -> Result<Value, DataError> {
    if bytes.len() > limits.max_size {
        return Err(DataErrorKind::TooLarge {
            limit: limits.max_size,
        }
        .into());
    }
    let ctx = Ctx::new(*limits, true);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let seed = ValueSeed {
        ctx: &ctx,
        depth: 0,
    };
    let result = seed.deserialize(&mut de).and_then(|v| de.end().map(|()| v));
    result.map_err(|e| {
        ctx.take()
            .unwrap_or_else(|| DataErrorKind::Json(e.to_string()).into())
    })
}

/// Parses a record: JSON text of at most 2 MiB whose top level is a map.
pub fn record_from_str(text: &str) -> Result<Map, DataError> {
    record_from_slice(text.as_bytes())
}

/// Parses a record from JSON bytes: at most 2 MiB, top level a map.
pub fn record_from_slice(bytes: &[u8]) -> Result<Map, DataError> {
    match from_slice(bytes)? {
        Value::Map(map) => Ok(map),
        _ => Err(DataErrorKind::NotAMap.into()),
    }
}

/// Compact JSON text.
pub fn to_string(value: &Value) -> String {
    let mut out = String::with_capacity(256);
    Writer {
        out: &mut out,
        pretty: false,
    }
    .value(value, 0);
    out
}

/// JSON text indented by two spaces, without a trailing newline.
pub fn to_string_pretty(value: &Value) -> String {
    let mut out = String::with_capacity(512);
    Writer {
        out: &mut out,
        pretty: true,
    }
    .value(value, 0);
    out
}

struct Writer<'a> {
    out: &'a mut String,
    pretty: bool,
}

impl Writer<'_> {
    fn value(&mut self, value: &Value, indent: usize) {
        match value {
            Value::Null => self.out.push_str("null"),
            Value::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Value::Integer(i) => self.integer(*i),
            Value::String(s) => self.string(s),
            Value::Bytes(b) => {
                self.out.push_str("{\"$bytes\":");
                self.space();
                self.out.push('"');
                crate::bytes::encode_base64(b, self.out);
                self.out.push_str("\"}");
            }
            Value::Link(cid) => {
                self.out.push_str("{\"$link\":");
                self.space();
                self.out.push('"');
                cid.write_string(self.out);
                self.out.push_str("\"}");
            }
            Value::Array(items) => {
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.newline(indent + 1);
                    self.value(item, indent + 1);
                }
                if !items.is_empty() {
                    self.newline(indent);
                }
                self.out.push(']');
            }
            Value::Map(map) => {
                self.out.push('{');
                for (i, (k, v)) in map.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.newline(indent + 1);
                    self.string(k);
                    self.out.push(':');
                    self.space();
                    self.value(v, indent + 1);
                }
                if !map.is_empty() {
                    self.newline(indent);
                }
                self.out.push('}');
            }
            Value::Blob(blob) => {
                let inner = indent + 1;
                self.out.push('{');
                self.newline(inner);
                self.out.push_str("\"$type\":");
                self.space();
                self.out.push_str("\"blob\",");
                self.newline(inner);
                self.out.push_str("\"ref\":");
                self.space();
                self.value(&Value::Link(Box::new(blob.cid)), inner);
                self.out.push(',');
                self.newline(inner);
                self.out.push_str("\"mimeType\":");
                self.space();
                self.string(&blob.mime_type);
                self.out.push(',');
                self.newline(inner);
                self.out.push_str("\"size\":");
                self.space();
                self.integer(blob.size);
                self.newline(indent);
                self.out.push('}');
            }
        }
    }

    fn integer(&mut self, i: i64) {
        use std::fmt::Write;
        // Writing into a String cannot fail.
        let _ = write!(self.out, "{i}");
    }

    fn space(&mut self) {
        if self.pretty {
            self.out.push(' ');
        }
    }

    fn newline(&mut self, indent: usize) {
        if self.pretty {
            self.out.push('\n');
            for _ in 0..indent {
                self.out.push_str("  ");
            }
        }
    }

    /// Writes a JSON string literal, escaping what JSON requires (as serde_json does).
    fn string(&mut self, s: &str) {
        self.out.push('"');
        let mut start = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                0..=0x1f => "",
                _ => continue,
            };
            self.out.push_str(s.get(start..i).unwrap_or_default());
            if escape.is_empty() {
                self.out.push_str(&format!("\\u{b:04x}"));
            } else {
                self.out.push_str(escape);
            }
            start = i + 1;
        }
        self.out.push_str(s.get(start..).unwrap_or_default());
        self.out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_objects() {
        let v = from_str(r#"{"a":{"$bytes":"aGk="},"b":{"$link":"bafyreiclp443lavogvhj3d2ob2cxbfuscni2k5jk7bebjzg7khl3esabwq"},"c":12.0}"#).unwrap();
        assert_eq!(v.get("a").and_then(Value::as_bytes), Some(&b"hi"[..]));
        assert!(v.get("b").and_then(Value::as_link).is_some());
        assert_eq!(v.get("c"), Some(&Value::Integer(12)));
        assert_eq!(
            to_string(&v),
            r#"{"a":{"$bytes":"aGk"},"b":{"$link":"bafyreiclp443lavogvhj3d2ob2cxbfuscni2k5jk7bebjzg7khl3esabwq"},"c":12}"#
        );
    }

    #[test]
    fn rejections_have_paths() {
        let e = from_str(r#"{"a":[1,{"b":1.5}]}"#).unwrap_err();
        assert_eq!(e.kind(), &DataErrorKind::Float);
        assert_eq!(e.path(), "$.a[1].b");
        assert!(from_str(r#"{"a":1,"a":2}"#).is_err());
        assert!(from_str(r#"{"":1}"#).is_err());
        assert!(from_str("9007199254740992").is_err());
        assert!(from_str("-9007199254740991").is_ok());
        assert!(record_from_str("\"x\"").is_err());
        let deep = "[".repeat(33) + &"]".repeat(33);
        assert_eq!(
            from_str(&deep).unwrap_err().kind(),
            &DataErrorKind::TooDeep { limit: 32 }
        );
        let ok = "[".repeat(32) + &"]".repeat(32);
        assert!(from_str(&ok).is_ok());
    }

    #[test]
    fn links_and_bytes_do_not_count_as_nesting() {
        let link = r#"{"$link":"bafyreiclp443lavogvhj3d2ob2cxbfuscni2k5jk7bebjzg7khl3esabwq"}"#;
        for leaf in [link, r#"{"$bytes":"aGk"}"#] {
            let deepest = "[".repeat(32) + leaf + &"]".repeat(32);
            let v = from_str(&deepest).unwrap();
            assert_eq!(crate::cbor::decode(&crate::cbor::encode(&v)).unwrap(), v);
            assert!(from_str(&("[".repeat(33) + leaf + &"]".repeat(33))).is_err());
        }
        let map = "[".repeat(32) + r#"{"a":1}"# + &"]".repeat(32);
        assert!(from_str(&map).is_err());
        let nested = "[".repeat(31) + r#"{"$link":{"$link":"x"}}"# + &"]".repeat(31);
        assert!(from_str(&nested).is_err());
    }

    #[test]
    fn escapes_like_serde_json() {
        let s = "a\"b\\c\n\u{1}\u{7f}é😀";
        let v = Value::String(s.to_owned());
        assert_eq!(to_string(&v), serde_json::to_string(s).unwrap());
    }
}
