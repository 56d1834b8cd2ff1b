//! Strictness and round-trip tests of the DAG-CBOR codec, direct and through serde.

use serde::{Deserialize, Serialize};

use super::*;
use crate::{json, BlobRef, Bytes, CidLink, DataErrorKind};

fn hex(s: &str) -> Vec<u8> {
    let s: String = s.split_whitespace().collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

const CID: &str = "bafyreiclp443lavogvhj3d2ob2cxbfuscni2k5jk7bebjzg7khl3esabwq";
const RAW_CID: &str = "bafkreibjfgx2gprinfvicegelk5kosd6y2frmqpqzwqkg7usac74l3t2v4";

#[test]
fn spec_worked_example() {
    let v = json::from_str(r#"{"$type":"com.example.record","text":"hi","count":42}"#).unwrap();
    let bytes = encode(&v);
    assert_eq!(
        bytes,
        hex("a3 64 74657874 62 6869 65 2474797065 72 636f6d2e6578616d706c652e7265636f7264 65 636f756e74 18 2a")
    );
    assert_eq!(
        cid_of(&v).to_string(),
        "bafyreihqfdp7k7feqyafoqralgbirhfgq33f55scuojxd5dvcoffwetrxu"
    );
}

#[test]
fn heads_are_shortest() {
    for (n, h) in [
        (0i64, "00"),
        (23, "17"),
        (24, "1818"),
        (500, "1901f4"),
        (-1, "20"),
        (-100, "3863"),
    ] {
        assert_eq!(encode(&Value::Integer(n)), hex(h));
        assert_eq!(decode(&hex(h)).unwrap(), Value::Integer(n));
    }
    assert_eq!(encode(&Value::Integer(1 << 32)), hex("1b 0000000100000000"));
    for bad in [
        "1817",
        "190017",
        "1a00000017",
        "1b0000000000000017",
        "5800",
        "7800",
        "9800",
        "b800",
    ] {
        assert!(decode(&hex(bad)).is_err(), "{bad}");
    }
}

#[test]
fn rejects_non_drisl() {
    let cases = [
        ("f93c00", "half float"),
        ("fb3ff0000000000000", "double"),
        ("f7", "undefined"),
        ("f0", "simple value"),
        ("f818", "simple value 24"),
        ("5f41ff", "indefinite bytes"),
        ("9fff", "indefinite array"),
        ("bfff", "indefinite map"),
        ("ff", "break"),
        ("c074", "tag 0"),
        ("d82a4100", "tag 42 too short"),
        ("d82a6161", "tag 42 over text"),
        ("a20000", "integer key"),
        ("a2616201616101", "keys out of order"),
        ("a2616201616201", "duplicate key"),
        ("a2626161016162 01", "length-first order violated"),
        ("62c328", "invalid utf-8"),
        ("0000", "trailing bytes"),
        ("", "empty"),
        ("82 01", "truncated array"),
        ("1c", "reserved info"),
        ("a1 60 01", "empty key"),
        ("a1 64 246c696e6b 01", "reserved $link key"),
        ("1b 0020000000000000", "integer beyond 2^53"),
        ("a1 65 2474797065 01", "$type not a string"),
        ("a1 65 2474797065 60", "$type empty"),
        ("a1 65 2474797065 64626c6f62", "blob without fields"),
    ];
    for (h, why) in cases {
        assert!(decode(&hex(h)).is_err(), "{why}");
        assert!(from_slice::<Value>(&hex(h)).is_err(), "serde: {why}");
    }
    assert!(decode(&hex("a2 6161 01 626161 01")).is_ok());
}

#[test]
fn link_payloads() {
    let cid: Cid = CID.parse().unwrap();
    let mut ok = hex("d82a 5825 00");
    ok.extend_from_slice(cid.as_bytes());
    assert_eq!(decode(&ok).unwrap(), Value::from(cid));
    let mut no_prefix = hex("d82a 5824");
    no_prefix.extend_from_slice(cid.as_bytes());
    assert!(decode(&no_prefix).is_err());
    let mut bad_prefix = ok.clone();
    bad_prefix[4] = 1;
    assert!(decode(&bad_prefix).is_err());
}

#[test]
fn depth_and_length_limits() {
    let mut deep = vec![0x81u8; 32];
    deep.push(0x01);
    assert!(decode(&deep).is_ok());
    let mut too_deep = vec![0x81u8; 33];
    too_deep.push(0x01);
    assert!(matches!(
        decode(&too_deep).unwrap_err().kind(),
        DataErrorKind::TooDeep { .. }
    ));
    assert!(from_slice::<Value>(&too_deep).is_err());
    // A huge declared length must not allocate: it is checked against the input size.
    assert!(decode(&hex("9b 00000000ffffffff")).is_err());
    assert!(decode(&hex("9a 00020001")).is_err());
    let big = vec![0u8; MAX_CBOR_RECORD_SIZE_PLUS_ONE];
    assert!(matches!(
        decode(&big).unwrap_err().kind(),
        DataErrorKind::TooLarge { .. }
    ));
}

const MAX_CBOR_RECORD_SIZE_PLUS_ONE: usize = crate::limits::MAX_CBOR_RECORD_SIZE + 1;

#[test]
fn error_paths() {
    let v = hex("a1 6161 82 01 f93c00");
    let e = decode(&v).unwrap_err();
    assert_eq!(e.path(), "$.a[1]");
    assert_eq!(e.kind(), &DataErrorKind::Float);
}

#[test]
fn blobs_round_trip() {
    let text = format!(
        r#"{{"$type":"blob","ref":{{"$link":"{RAW_CID}"}},"mimeType":"image/jpeg","size":10000}}"#
    );
    let v = json::from_str(&text).unwrap();
    let Value::Blob(blob) = &v else {
        panic!("not a blob: {v:?}")
    };
    assert_eq!(blob.size, 10000);
    assert_eq!(json::to_string(&v), text);
    let bytes = encode(&v);
    assert_eq!(&bytes[..5], b"\xa4\x63ref");
    assert_eq!(decode(&bytes).unwrap(), v);
    assert_eq!(to_vec(&v).unwrap(), bytes);
    assert_eq!(to_vec(&**blob).unwrap(), bytes);
    assert_eq!(from_slice::<BlobRef>(&bytes).unwrap(), **blob);
    assert_eq!(serde_json::from_str::<BlobRef>(&text).unwrap(), **blob);
    // Extra keys, a missing key, a negative size: invalid.
    for bad in [
        text.replace("\"size\":10000", "\"size\":10000,\"x\":1"),
        text.replace(",\"size\":10000", ""),
        text.replace("10000", "-1"),
        text.replace("image/jpeg", ""),
    ] {
        assert!(json::from_str(&bad).is_err(), "{bad}");
    }
    let legacy =
        json::from_str(&format!(r#"{{"cid":"{RAW_CID}","mimeType":"image/png"}}"#)).unwrap();
    let legacy = BlobRef::from_legacy_map(legacy.as_map().unwrap()).unwrap();
    assert!(legacy.is_legacy());
}

/// A legacy blob has no size, so it has no current form, and writers must never produce
/// the legacy one: every writer refuses it instead of writing `size: -1`.
#[test]
fn legacy_blobs_are_never_written() {
    let text = format!(r#"{{"cid":"{RAW_CID}","mimeType":"image/png"}}"#);
    let typed: BlobRef = serde_json::from_str(&text).unwrap();
    assert!(typed.is_legacy());
    for e in [
        to_vec(&typed).unwrap_err().to_string(),
        serde_json::to_string(&typed).unwrap_err().to_string(),
    ] {
        assert!(e.contains("legacy blob"), "{e}");
    }
    let mut record = Map::new();
    record.insert("$type", Value::String("com.example.x".into()));
    record.insert(
        "pics",
        Value::Array(vec![Value::Null, Value::Blob(Box::new(typed))]),
    );
    let e = encode_record(&record).unwrap_err();
    assert!(matches!(e.kind(), DataErrorKind::InvalidBlob(_)), "{e}");
    assert_eq!(e.path(), "$.pics[1]");
    assert!(cid_of_record(&record).is_err());
}

/// Encoding applies the limit decoding applies: a record that `decode_record` would refuse
/// is never written.
#[test]
fn encode_record_applies_the_decode_limit() {
    let limit = crate::limits::MAX_CBOR_RECORD_SIZE;
    // Map head (1) + key "a" (2) + a string head of 5 bytes: the rest is the string.
    let fits = |extra: usize| {
        let mut record = Map::new();
        record.insert("a", Value::String("x".repeat(limit - 8 + extra)));
        record
    };
    let exact = encode_record(&fits(0)).unwrap();
    assert_eq!(exact.len(), limit);
    assert!(decode_record(&exact).is_ok());
    let e = encode_record(&fits(1)).unwrap_err();
    assert!(matches!(e.kind(), DataErrorKind::TooLarge { .. }), "{e}");
    assert!(decode_record(&encode(&Value::Map(fits(1)))).is_err());
}

/// A typed record the way generated code will look: fields in declaration order (not
/// canonical), optional fields skipped, unknown fields kept in a flattened map.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Post {
    #[serde(rename = "$type")]
    kind: String,
    text: String,
    created_at: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    langs: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    subject: Option<CidLink>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    data: Option<Bytes>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    image: Option<BlobRef>,
    #[serde(flatten)]
    extra: std::collections::BTreeMap<String, Value>,
}

#[test]
fn typed_structs_match_value() {
    let text = format!(
        r#"{{"$type":"app.bsky.feed.post","text":"hello","createdAt":"2024-01-01T00:00:00Z","langs":["en"],
        "subject":{{"$link":"{CID}"}},"data":{{"$bytes":"aGk"}},
        "image":{{"$type":"blob","ref":{{"$link":"{RAW_CID}"}},"mimeType":"image/png","size":3}},
        "zzUnknown":{{"nested":[1,{{"$link":"{CID}"}}],"b":{{"$bytes":"AAE"}}}}}}"#
    );
    let value = json::from_str(&text).unwrap();
    let canonical = encode(&value);

    let post: Post = serde_json::from_str(&text).unwrap();
    assert_eq!(post.extra.len(), 1);
    assert_eq!(
        to_vec(&post).unwrap(),
        canonical,
        "typed serializer must sort like Value"
    );
    let back: Post = from_slice(&canonical).unwrap();
    assert_eq!(back, post);
    assert_eq!(to_vec(&back).unwrap(), canonical);
    // And JSON from the typed struct parses to the same Value.
    let json_again = serde_json::to_string(&post).unwrap();
    assert_eq!(json::from_str(&json_again).unwrap(), value);
    assert_eq!(cid_of_serialize(&post).unwrap(), cid_of(&value));
}

#[test]
fn serde_rejects_floats_and_bad_order() {
    #[derive(Serialize)]
    struct F {
        x: f64,
    }
    assert!(to_vec(&F { x: 1.5 }).is_err());
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct S {
        a: i64,
        b: i64,
    }
    assert!(from_slice::<S>(&hex("a2 6161 01 6162 02")).is_ok());
    assert!(from_slice::<S>(&hex("a2 6162 02 6161 01")).is_err());
    assert!(from_slice::<S>(&hex("a2 6161 01 6162 02 00")).is_err());
}

#[test]
fn unknown_length_sequences_are_patched() {
    struct Many(usize);
    impl Serialize for Many {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq((0..self.0).map(|_| 1u8).filter(|_| true))
        }
    }
    for n in [0, 23, 24, 300, 70000] {
        let bytes = to_vec(&Many(n)).unwrap();
        assert_eq!(decode(&bytes).unwrap().as_array().unwrap().len(), n);
    }
    let many: Map = (0..100)
        .map(|i| (format!("k{i}"), Value::Integer(i)))
        .collect();
    let v = Value::Map(many);
    assert_eq!(to_vec(&v).unwrap(), encode(&v));
}
