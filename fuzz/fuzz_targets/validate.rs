//! Arbitrary bytes, read as atproto JSON and as DAG-CBOR, validated against a schema that
//! uses every lexicon type and constraint: validation must never panic, must agree between
//! the two encodings of the same value, and must report at least one error whenever it
//! fails. The schema is written here so the target builds without the shared fixtures.

#![no_main]

use std::sync::OnceLock;

use lex_runtime::schema::Document;
use lex_runtime::validate::{Options, SchemaSet};
use lex_runtime::{cbor, json};
use libfuzzer_sys::fuzz_target;

const RECORD: &str = r##"{"lexicon": 1, "id": "com.example.fuzz.record", "defs": {
  "main": {"type": "record", "key": "tid", "record": {"type": "object",
    "required": ["i"], "nullable": ["n"],
    "properties": {
      "b": {"type": "boolean", "const": true},
      "i": {"type": "integer", "minimum": -5, "maximum": 1000, "enum": [0, 1, 2, 999]},
      "s": {"type": "string", "minLength": 1, "maxLength": 64, "minGraphemes": 1,
            "maxGraphemes": 8, "knownValues": ["x"]},
      "n": {"type": "string", "enum": ["a", "b"]},
      "c": {"type": "string", "const": "fixed"},
      "f": {"type": "ref", "ref": "#formats"},
      "y": {"type": "bytes", "minLength": 1, "maxLength": 8},
      "l": {"type": "cid-link"},
      "o": {"type": "blob", "accept": ["image/*", "text/plain"], "maxSize": 100},
      "a": {"type": "array", "minLength": 1, "maxLength": 4, "items": {"type": "ref", "ref": "#node"}},
      "u": {"type": "union", "refs": ["#node", "com.example.fuzz.other"]},
      "cu": {"type": "union", "refs": ["#node"], "closed": true},
      "k": {"type": "unknown"},
      "t": {"type": "ref", "ref": "#token"},
      "in": {"type": "object", "properties": {"deep": {"type": "array",
              "items": {"type": "array", "items": {"type": "integer"}}}}}
    }}},
  "formats": {"type": "object", "properties": {
    "did": {"type": "string", "format": "did"},
    "handle": {"type": "string", "format": "handle"},
    "ident": {"type": "string", "format": "at-identifier"},
    "nsid": {"type": "string", "format": "nsid"},
    "uri": {"type": "string", "format": "at-uri"},
    "cid": {"type": "string", "format": "cid"},
    "dt": {"type": "string", "format": "datetime"},
    "lang": {"type": "string", "format": "language"},
    "tid": {"type": "string", "format": "tid"},
    "rkey": {"type": "string", "format": "record-key"},
    "web": {"type": "string", "format": "uri"}}},
  "node": {"type": "object", "required": ["v"], "properties": {
    "v": {"type": "integer"},
    "next": {"type": "ref", "ref": "#node"},
    "kids": {"type": "array", "items": {"type": "union", "refs": ["#node"]}}}},
  "token": {"type": "token", "description": "never data"}
}}"##;

const OTHER: &str = r#"{"lexicon": 1, "id": "com.example.fuzz.other", "defs": {
  "main": {"type": "object", "properties": {"z": {"type": "string", "maxGraphemes": 2}}}}}"#;

fn set() -> &'static SchemaSet {
    static SET: OnceLock<SchemaSet> = OnceLock::new();
    SET.get_or_init(|| {
        let docs = [RECORD, OTHER].map(|d| Document::from_json_str(d).expect("fuzz schema parses"));
        SchemaSet::from_documents(docs).expect("fuzz schema resolves")
    })
}

fuzz_target!(|data: &[u8]| {
    let set = set();
    let strict = set.validator();
    let lenient = set.validator().options(
        Options::default()
            .lenient_datetimes(true)
            .allow_legacy_blobs(true)
            .max_errors(16),
    );
    let def = "com.example.fuzz.record";
    for value in [json::from_slice(data).ok(), cbor::decode(data).ok()]
        .into_iter()
        .flatten()
    {
        let a = strict.validate(def, &value);
        if let Err(e) = &a {
            assert!(!e.is_empty(), "an error result must hold an error");
            let _ = e.to_string();
        }
        // Lenient options only ever accept more.
        let b = lenient.validate(def, &value);
        if a.is_ok() {
            assert!(b.is_ok(), "lenient rejected what strict accepted: {b:?}");
        }
        let _ = strict.validate_record(&value);
        let _ = strict.validate("com.example.fuzz.record#node", &value);
        // The same value through DAG-CBOR gives the same verdict.
        let bytes = cbor::encode(&value);
        if bytes.len() > lex_runtime::limits::MAX_CBOR_RECORD_SIZE {
            continue;
        }
        assert_eq!(
            strict.validate_cbor(def, &bytes).is_ok(),
            a.is_ok(),
            "CBOR verdict differs"
        );
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = strict.validate_json(def, text);
    }
});
