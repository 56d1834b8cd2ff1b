//! Unit tests of the validator on small schemas; the interop vectors run in `tests/`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::schema::Document;
use crate::value::Value;

use super::{Options, SchemaSet};

const DOC: &str = r##"{"lexicon": 1, "id": "com.example.thing", "defs": {
  "main": {"type": "record", "key": "tid", "record": {"type": "object",
    "required": ["text"], "nullable": ["maybe"],
    "properties": {
      "text": {"type": "string", "maxLength": 20, "maxGraphemes": 5},
      "maybe": {"type": "string"},
      "n": {"type": "integer", "minimum": 1, "maximum": 3},
      "tags": {"type": "array", "maxLength": 2, "items": {"type": "string", "enum": ["a", "b"]}},
      "when": {"type": "string", "format": "datetime"},
      "pic": {"type": "blob", "accept": ["image/*"], "maxSize": 100},
      "embed": {"type": "union", "refs": ["#point", "com.example.other"]},
      "closed": {"type": "union", "refs": ["#point"], "closed": true},
      "at": {"type": "ref", "ref": "#point"},
      "any": {"type": "unknown"},
      "tok": {"type": "ref", "ref": "#tok"}
    }}},
  "point": {"type": "object", "required": ["x"], "properties": {"x": {"type": "integer"}}},
  "tok": {"type": "token", "description": "a token"},
  "q": {"type": "string"}
}}"##;

const OTHER: &str = r#"{"lexicon": 1, "id": "com.example.other", "defs": {
  "main": {"type": "object", "properties": {"y": {"type": "boolean", "const": true}}}}}"#;

const SUB: &str = r##"{"lexicon": 1, "id": "com.example.subscribe", "defs": {
  "main": {"type": "subscription",
    "parameters": {"type": "params", "required": ["cursor"], "properties": {
      "cursor": {"type": "integer", "minimum": 0},
      "tag": {"type": "array", "items": {"type": "string"}},
      "flag": {"type": "boolean"}}},
    "message": {"schema": {"type": "union", "refs": ["#event"]}}},
  "event": {"type": "object", "required": ["seq"], "properties": {"seq": {"type": "integer"}}}
}}"##;

fn set() -> SchemaSet {
    let docs = [DOC, OTHER, SUB].map(|d| Document::from_json_str(d).unwrap());
    SchemaSet::from_documents(docs).unwrap()
}

fn check(json: &str) -> Result<(), Vec<String>> {
    check_with(json, Options::default())
}

fn check_with(json: &str, options: Options) -> Result<(), Vec<String>> {
    let set = set();
    let value = crate::json::from_str(json).unwrap();
    set.validator()
        .options(options)
        .validate("com.example.thing", &value)
        .map_err(|e| e.iter().map(ToString::to_string).collect())
}

#[test]
fn valid_records() {
    check(r#"{"$type": "com.example.thing", "text": "hello"}"#).unwrap();
    check(r#"{"$type": "com.example.thing", "text": "hello", "maybe": null, "extra": [1.0]}"#)
        .unwrap();
    check(
        r#"{"$type": "com.example.thing", "text": "héllo", "n": 3, "tags": ["a", "b"],
        "when": "2024-01-02T03:04:05.678Z",
        "embed": {"$type": "com.example.other", "y": true},
        "closed": {"$type": "com.example.thing#point", "x": 1},
        "at": {"x": 2, "$type": "com.example.thing#point"},
        "any": {"$type": "whatever", "z": 1}}"#,
    )
    .unwrap();
    // Open union: an unknown type is accepted as is.
    check(r#"{"$type": "com.example.thing", "text": "a", "embed": {"$type": "com.example.zzz", "q": 1}}"#)
        .unwrap();
    check(r#"{"$type": "com.example.thing", "text": "a", "embed": {"$type": "com.example.other#main"}}"#)
        .unwrap();
}

#[test]
fn all_errors_with_paths() {
    let errors = check(
        r#"{"$type": "com.example.thing#main", "text": "abcdef", "maybe": 1, "n": 0,
        "tags": ["a", "c", "b"], "when": "2024-01-02", "embed": {"x": 1},
        "closed": {"$type": "com.example.other"}, "at": {"$type": "com.example.other", "x": "1"},
        "any": [1], "tok": "com.example.thing#tok"}"#,
    )
    .unwrap_err();
    let expected = [
        "$.$type: record `$type` is `com.example.thing#main`, expected `com.example.thing`",
        "$.n: value 0 is less than the minimum 1",
        "$.at.$type: `$type` is `com.example.other`, but this object is `com.example.thing#point`",
        "$.at.x: expected an integer, found a string",
        "$.any: expected an object (`unknown` data must be a map), found an array",
        "$.tok: `com.example.thing#tok` is a token, which no data can match",
        "$.tags: array has 3 elements, more than the maximum 2",
        "$.tags[1]: value \"c\" is not one of the allowed values [\"a\", \"b\"]",
        "$.text: string has more than 5 graphemes (the maximum)",
        "$.when: invalid datetime: ",
        "$.embed: missing `$type` (union values must name their type)",
        "$.maybe: expected a string, found an integer",
        "$.closed.$type: `com.example.other` is not a type of this closed union (expected one of [\"com.example.thing#point\"])",
    ];
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
    for (e, want) in errors.iter().zip(expected) {
        assert!(e.starts_with(want), "{e} vs {want}");
    }
}

#[test]
fn required_null_and_kinds() {
    let errors = check(r#"{"$type": "com.example.thing", "at": {}}"#).unwrap_err();
    assert_eq!(
        errors,
        [
            "$.at: missing required property `x`",
            "$: missing required property `text`"
        ]
    );
    let errors = check(r#"{"$type": "com.example.thing", "text": null}"#).unwrap_err();
    assert_eq!(
        errors,
        ["$.text: value must not be null (the property is not nullable)"]
    );
    let errors = check(r#"{"text": "x"}"#).unwrap_err();
    assert_eq!(
        errors,
        ["$: missing `$type` (a record must say `\"$type\": \"com.example.thing\"`)"]
    );
    let errors = check(r#"{"$type": "com.example.thing", "text": "x", "any": {"$bytes": "aGk"}}"#)
        .unwrap_err();
    assert_eq!(
        errors,
        ["$.any: expected an object (`unknown` data must be a map), found bytes"]
    );
}

#[test]
fn blobs() {
    let blob = |mime: &str, size: i64| {
        format!(
            r#"{{"$type": "com.example.thing", "text": "x", "pic": {{"$type": "blob", "ref": {{"$link": "bafkreibjfgx2gprinfvicegelk5kosd6y2frmqpqzwqkg7usac74l3t2v4"}}, "mimeType": "{mime}", "size": {size}}}}}"#
        )
    };
    check(&blob("image/png", 100)).unwrap();
    assert_eq!(
        check(&blob("video/mp4", 101)).unwrap_err(),
        [
            "$.pic: blob MIME type `video/mp4` is not accepted",
            "$.pic: blob is 101 bytes, larger than the maximum 100"
        ]
    );
    let legacy = r#"{"$type": "com.example.thing", "text": "x", "pic": {"cid": "bafkreibjfgx2gprinfvicegelk5kosd6y2frmqpqzwqkg7usac74l3t2v4", "mimeType": "image/png"}}"#;
    assert!(check(legacy).is_err());
    check_with(legacy, Options::default().allow_legacy_blobs(true)).unwrap();
}

#[test]
fn lenient_datetimes_and_max_errors() {
    let text = r#"{"$type": "com.example.thing", "text": "x", "when": "2024-01-02T03:04:05"}"#;
    assert!(check(text).is_err());
    check_with(text, Options::default().lenient_datetimes(true)).unwrap();
    let many = r#"{"$type": "com.example.thing", "text": 1, "n": "x", "tags": [1, 2, 3]}"#;
    let set = set();
    let value = crate::json::from_str(many).unwrap();
    let errors = set
        .validator()
        .options(Options::default().max_errors(2))
        .validate("com.example.thing", &value)
        .unwrap_err();
    assert_eq!(errors.len(), 2);
    assert!(errors.is_truncated());
}

#[test]
fn load_problems() {
    let doc = Document::from_json_str(
        r##"{"lexicon": 1, "id": "com.example.broken", "defs": {"main": {"type": "object",
        "properties": {"a": {"type": "ref", "ref": "com.example.missing"},
                       "b": {"type": "union", "refs": ["#nope"]}}}}}"##,
    )
    .unwrap();
    let err = SchemaSet::from_documents([&doc]).unwrap_err();
    assert_eq!(err.problems.len(), 2, "{err}");
    let set = SchemaSet::from_documents_lenient([&doc]);
    assert_eq!(set.problems().len(), 2);
    let v = |s: &str| crate::json::from_str(s).unwrap();
    let validator = set.validator();
    validator.validate("com.example.broken", &v("{}")).unwrap();
    let errors = validator
        .validate("com.example.broken", &v(r#"{"a": {}}"#))
        .unwrap_err();
    assert!(errors.to_string().contains("not loaded"), "{errors}");
    assert!(validator.validate("com.example.nothing", &v("{}")).is_err());
}

#[test]
fn defs_records_and_keys() {
    let set = set();
    let v = set.validator();
    v.validate("com.example.thing#q", &Value::from("x"))
        .unwrap();
    v.validate(
        "com.example.thing#point",
        &crate::json::from_str(r#"{"x": 1}"#).unwrap(),
    )
    .unwrap();
    v.validate_record(
        &crate::json::from_str(r#"{"$type": "com.example.thing", "text": "x"}"#).unwrap(),
    )
    .unwrap();
    assert!(v
        .validate_record(&crate::json::from_str(r#"{"$type": "com.example.other"}"#).unwrap())
        .is_err());
    v.check_record_key("com.example.thing", "3jzfcijpj2z2a")
        .unwrap();
    assert!(v.check_record_key("com.example.thing", "self").is_err());
    let cbor = crate::cbor::encode(
        &crate::json::from_str(r#"{"$type": "com.example.thing", "text": 1}"#).unwrap(),
    );
    assert_eq!(
        v.validate_cbor("com.example.thing", &cbor)
            .unwrap_err()
            .to_string(),
        "$.text: expected a string, found an integer"
    );
    assert!(v.validate_json("com.example.thing", "{").is_err());
}

#[test]
fn xrpc() {
    let set = set();
    let v = set.validator();
    let sub = "com.example.subscribe";
    let params = v
        .params_from_query(sub, "cursor=5&tag=a&tag=b%20c&flag=true&x=y")
        .unwrap();
    assert_eq!(
        crate::json::to_string(&Value::Map(params.clone())),
        r#"{"x":"y","tag":["a","b c"],"flag":true,"cursor":5}"#
    );
    v.validate_params(sub, &params).unwrap();
    assert!(v.params_from_query(sub, "cursor=x").is_err());
    let no_cursor = v.params_from_query(sub, "flag=false").unwrap();
    assert!(v.validate_params(sub, &no_cursor).is_err());
    let payload = crate::json::from_str(r#"{"seq": 1}"#).unwrap();
    v.validate_message(sub, "#event", &payload).unwrap();
    v.validate_message(sub, "com.example.subscribe#event", &payload)
        .unwrap();
    v.validate_message(sub, "#future", &payload).unwrap();
    assert!(v
        .validate_message(sub, "#event", &crate::json::from_str("{}").unwrap())
        .is_err());
    assert!(v.validate_input(sub, &payload).is_err());
}

#[test]
fn deep_values_built_in_code_stop_at_the_walk_limit() {
    let doc = Document::from_json_str(
        r##"{"lexicon": 1, "id": "com.example.chain", "defs": {"main": {"type": "object",
        "properties": {"next": {"type": "ref", "ref": "#main"}}}}}"##,
    )
    .unwrap();
    let set = SchemaSet::from_documents([doc]).unwrap();
    let mut value = Value::Map(crate::Map::new());
    for _ in 0..1000 {
        value = Value::Map([("next", value)].into_iter().collect());
    }
    let errors = set
        .validator()
        .validate("com.example.chain", &value)
        .unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(
        errors.to_string().contains("nested deeper than 64"),
        "{errors}"
    );
    // Tear the chain down iteratively: the recursive drop of 1000 levels is fine, but keep
    // the test independent of stack size.
    let mut cur = value;
    while let Value::Map(mut m) = cur {
        cur = m.remove("next").unwrap_or(Value::Null);
    }
}

/// The dynamic validator and a generated type's `validate()` (which calls `Checker::string`
/// with a `StrRule`) give the same errors on the grapheme edge cases, at both sides of the
/// bounds: CR LF, combining marks, ZWJ sequences, flags, Prepend, spacing marks.
#[test]
fn dynamic_and_generated_checks_agree_on_graphemes() {
    use crate::constraint::{Checker, Path, StrRule};

    let doc = r#"{"lexicon": 1, "id": "com.example.g", "defs": {"main":
      {"type": "string", "minGraphemes": 2, "maxGraphemes": 3}}}"#;
    let set = SchemaSet::from_documents([Document::from_json_str(doc).unwrap()]).unwrap();
    let rule = StrRule {
        min_graphemes: Some(2),
        max_graphemes: Some(3),
        ..StrRule::ANY
    };
    let cases = [
        "a\r\nb",
        "a\r\n\r\nb",
        "ab\r\n",
        "e\u{301}e\u{301}",
        "e\u{301}e\u{301}e\u{301}e\u{301}",
        "\u{1F1E9}\u{1F1EA}\u{1F1EB}\u{1F1F7}",
        "\u{1F1E9}\u{1F1EA}\u{1F1EB}",
        "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}",
        "\u{0600}1\u{0600}2",
        "\u{0915}\u{093F}\u{0915}\u{093F}\u{0915}\u{093F}\u{0915}\u{093F}",
    ];
    for s in cases {
        let dynamic = set
            .validator()
            .validate("com.example.g", &Value::String(s.into()))
            .map_err(|e| e.to_string());
        let mut checker = Checker::new();
        checker.string(s, &Path::Root, &rule);
        let generated = checker.finish().map_err(|e| e.to_string());
        assert_eq!(dynamic, generated, "{s:?}");
    }
}

/// `knownValues` is a hint for tools, never a constraint: other values pass (the generated
/// side has no field for it in `StrRule`); `enum` is a constraint.
#[test]
fn known_values_are_not_a_constraint() {
    let doc = r#"{"lexicon": 1, "id": "com.example.k", "defs": {
      "main": {"type": "string", "knownValues": ["a", "b"]},
      "closed": {"type": "string", "enum": ["a", "b"]}}}"#;
    let set = SchemaSet::from_documents([Document::from_json_str(doc).unwrap()]).unwrap();
    let c = Value::String("c".into());
    assert!(set.validator().validate("com.example.k", &c).is_ok());
    let closed = set.validator().validate("com.example.k#closed", &c);
    assert_eq!(
        closed.unwrap_err().to_string(),
        r#"$: value "c" is not one of the allowed values ["a", "b"]"#
    );
}
