//! Unit tests of the schema rules: each case is a small document and the ids it must
//! produce (parse ids included, so a case shows the whole picture).

use std::collections::BTreeSet;

use super::*;
use crate::syntax::parse_document;

/// Every diagnostic id for `defs` wrapped in a document `com.example.test`.
fn ids_for_defs(defs: &str) -> Vec<String> {
    ids(&format!(
        r#"{{"lexicon": 1, "id": "com.example.test", "defs": {defs}}}"#
    ))
}

fn ids(text: &str) -> Vec<String> {
    let parsed = parse_document("test.json", text);
    let mut out: Vec<String> = parsed
        .diagnostics
        .iter()
        .map(|d| d.id().to_owned())
        .collect();
    if let Some(doc) = &parsed.document {
        out.extend(check_document(doc).iter().map(|d| d.id().to_owned()));
    }
    out
}

fn main_def(def: &str) -> Vec<String> {
    ids_for_defs(&format!(r#"{{"main": {def}}}"#))
}

fn prop(schema: &str) -> Vec<String> {
    ids_for_defs(&format!(
        r#"{{"o": {{"type": "object", "properties": {{"p": {schema}}}}}}}"#
    ))
}

#[test]
fn registry_codes_are_unique_kebab_case() {
    let mut seen = BTreeSet::new();
    for info in rules() {
        let id = info.id();
        assert!(info.code.starts_with("lex::schema::"), "{}", info.code);
        assert!(
            !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
            "{id}"
        );
        assert!(seen.insert(id), "duplicate rule id {id}");
        assert!(
            !info.summary.ends_with('.'),
            "{id}: summary ends with a period"
        );
    }
}

#[test]
fn document_rules() {
    assert!(ids_for_defs(r#"{"main": {"type": "token"}}"#).is_empty());
    assert_eq!(
        ids(r#"{"lexicon": 2, "id": "com.example.x", "defs": {"a": {"type": "token"}}}"#),
        ["lexicon-version"]
    );
    assert_eq!(
        ids(r#"{"lexicon": 1, "id": "one-two", "defs": {"a": {"type": "token"}}}"#),
        ["invalid-nsid"]
    );
    assert_eq!(
        ids(r#"{"lexicon": 1, "id": "com.example.x#a", "defs": {"a": {"type": "token"}}}"#),
        ["invalid-nsid"]
    );
    assert_eq!(
        ids(r#"{"lexicon": 1, "id": "com.example.x", "defs": {}}"#),
        ["empty-defs"]
    );
    // `$type` (published records) and the retired `revision` are tolerated.
    assert!(ids(r#"{"$type": "com.atproto.lexicon.schema", "revision": 2, "lexicon": 1, "id": "com.example.x", "defs": {"a": {"type": "token"}}}"#).is_empty());
    // A missing id is one diagnostic, not two.
    assert_eq!(
        ids(r#"{"lexicon": 1, "defs": {"a": {"type": "token"}}}"#),
        ["missing-field"]
    );
}

#[test]
fn def_names() {
    assert_eq!(
        ids_for_defs(r#"{"a#b": {"type": "token"}}"#),
        ["def-name-syntax"]
    );
    assert_eq!(
        ids_for_defs(r#"{"a.b": {"type": "token"}}"#),
        ["def-name-syntax"]
    );
    assert_eq!(
        ids_for_defs(r#"{"": {"type": "token"}}"#),
        ["def-name-syntax"]
    );
}

#[test]
fn primary_types_only_in_main() {
    let rec = r#"{"type": "record", "key": "tid", "record": {"type": "object", "properties": {}}}"#;
    assert!(main_def(rec).is_empty());
    assert_eq!(
        ids_for_defs(&format!(r#"{{"other": {rec}}}"#)),
        ["primary-not-main"]
    );
    assert_eq!(
        ids_for_defs(r#"{"q": {"type": "query"}}"#),
        ["primary-not-main"]
    );
    assert_eq!(
        ids_for_defs(r#"{"s": {"type": "permission-set", "permissions": []}}"#),
        ["primary-not-main"]
    );
}

#[test]
fn types_that_cannot_be_defs() {
    for def in [
        r#"{"type": "unknown"}"#,
        r#"{"type": "ref", "ref": "com.atproto.repo.strongRef"}"#,
        r#"{"type": "union", "refs": []}"#,
        r#"{"type": "params", "properties": {}}"#,
        r#"{"type": "permission", "resource": "repo", "collection": ["com.example.a"]}"#,
    ] {
        assert_eq!(
            ids_for_defs(&format!(r#"{{"demo": {def}}}"#)),
            ["def-type-not-allowed"],
            "{def}"
        );
        assert_eq!(main_def(def), ["def-type-not-allowed"], "{def}");
    }
}

#[test]
fn placement() {
    // Inline objects and arrays of arrays are valid field types.
    assert!(prop(r#"{"type": "object", "properties": {"x": {"type": "integer"}}}"#).is_empty());
    assert!(prop(r#"{"type": "array", "items": {"type": "object", "properties": {}}}"#).is_empty());
    assert!(prop(r#"{"type": "unknown"}"#).is_empty());
    assert_eq!(prop(r#"{"type": "token"}"#), ["misplaced-type"]);
    assert_eq!(
        prop(r#"{"type": "params", "properties": {}}"#),
        ["misplaced-type"]
    );
    assert_eq!(prop(r#"{"type": "query"}"#), ["misplaced-type"]);
    assert_eq!(
        prop(r#"{"type": "array", "items": {"type": "token"}}"#),
        ["misplaced-type"]
    );
    // record.record must be an object.
    assert_eq!(
        main_def(r##"{"type": "record", "key": "tid", "record": {"type": "ref", "ref": "#x"}}"##),
        ["misplaced-type"]
    );
    // params: only boolean/integer/string and arrays of those.
    let q = |p: &str| {
        main_def(&format!(
            r#"{{"type": "query", "parameters": {{"type": "params", "properties": {{"p": {p}}}}}}}"#
        ))
    };
    assert!(q(r#"{"type": "array", "items": {"type": "string"}}"#).is_empty());
    assert_eq!(q(r#"{"type": "unknown"}"#), ["misplaced-type"]);
    assert_eq!(q(r#"{"type": "bytes"}"#), ["misplaced-type"]);
    assert_eq!(q(r##"{"type": "ref", "ref": "#x"}"##), ["misplaced-type"]);
    assert_eq!(
        q(r#"{"type": "array", "items": {"type": "blob"}}"#),
        ["misplaced-type"]
    );
    assert_eq!(
        main_def(r#"{"type": "query", "parameters": {"type": "object", "properties": {}}}"#),
        ["misplaced-type"]
    );
    // Body schemas: object, ref or union.
    let body = |s: &str| {
        main_def(&format!(
            r#"{{"type": "procedure", "input": {{"encoding": "application/json", "schema": {s}}}}}"#
        ))
    };
    assert!(body(r##"{"type": "ref", "ref": "#x"}"##).is_empty());
    assert!(body(r##"{"type": "union", "refs": ["#x"]}"##).is_empty());
    assert_eq!(body(r#"{"type": "string"}"#), ["misplaced-type"]);
    // Subscription messages: a union.
    let sub = |s: &str| {
        main_def(&format!(
            r#"{{"type": "subscription", "message": {{"schema": {s}}}}}"#
        ))
    };
    assert!(sub(r##"{"type": "union", "refs": ["#x"]}"##).is_empty());
    assert_eq!(
        sub(r#"{"type": "object", "properties": {}}"#),
        ["misplaced-type"]
    );
    // Permission sets hold permissions.
    assert_eq!(
        main_def(r#"{"type": "permission-set", "permissions": [{"type": "token"}]}"#),
        ["misplaced-type"]
    );
}

#[test]
fn null_and_unknown_types() {
    assert_eq!(prop(r#"{"type": "null"}"#), ["null-type"]);
    assert_eq!(prop(r#"{"type": "hologram"}"#), ["unsupported-type"]);
    assert_eq!(
        main_def(r#"{"type": "record", "key": "tid", "record": {"type": "hologram"}}"#),
        ["unsupported-type", "misplaced-type"]
    );
}

#[test]
fn object_property_lists() {
    assert!(prop(r#"{"type": "object", "required": ["a"], "nullable": ["a"], "properties": {"a": {"type": "string"}}}"#).is_empty());
    assert_eq!(
        prop(r#"{"type": "object", "required": ["b"], "properties": {"a": {"type": "string"}}}"#),
        ["undeclared-property"]
    );
    assert_eq!(
        prop(r#"{"type": "object", "nullable": ["b"], "properties": {}}"#),
        ["undeclared-property"]
    );
    assert_eq!(
        main_def(
            r#"{"type": "query", "parameters": {"type": "params", "required": ["x"], "properties": {}}}"#
        ),
        ["undeclared-property"]
    );
    assert_eq!(
        prop(r#"{"type": "object", "properties": {"": {"type": "string"}}}"#),
        ["property-name-syntax"]
    );
}

#[test]
fn ranges_and_lengths() {
    assert!(prop(r#"{"type": "integer", "minimum": 1, "maximum": 1}"#).is_empty());
    assert_eq!(
        prop(r#"{"type": "integer", "minimum": 10, "maximum": 1}"#),
        ["invalid-range"]
    );
    assert_eq!(
        prop(r#"{"type": "string", "minLength": 10, "maxLength": 1}"#),
        ["invalid-range"]
    );
    assert_eq!(
        prop(r#"{"type": "string", "minGraphemes": 10, "maxGraphemes": 1}"#),
        ["invalid-range"]
    );
    assert_eq!(
        prop(r#"{"type": "bytes", "minLength": 10, "maxLength": 1}"#),
        ["invalid-range"]
    );
    assert_eq!(
        prop(r#"{"type": "array", "items": {"type": "integer"}, "minLength": 3, "maxLength": 2}"#),
        ["invalid-range"]
    );
    assert_eq!(
        prop(r#"{"type": "string", "maxLength": -1}"#),
        ["negative-length"]
    );
    assert_eq!(
        prop(r#"{"type": "bytes", "minLength": -1}"#),
        ["negative-length"]
    );
    assert!(prop(r#"{"type": "integer", "minimum": -5}"#).is_empty());
    assert_eq!(
        prop(r#"{"type": "blob", "maxSize": 0}"#),
        ["invalid-max-size"]
    );
    assert!(prop(r#"{"type": "blob", "maxSize": 1}"#).is_empty());
}

#[test]
fn defaults_and_consts() {
    assert!(prop(r#"{"type": "integer", "minimum": 1, "maximum": 100, "default": 50}"#).is_empty());
    assert_eq!(
        prop(r#"{"type": "integer", "maximum": 10, "default": 50}"#),
        ["invalid-default"]
    );
    assert_eq!(
        prop(r#"{"type": "integer", "minimum": 10, "const": 5}"#),
        ["invalid-default"]
    );
    assert_eq!(
        prop(r#"{"type": "integer", "enum": [1, 2], "default": 3}"#),
        ["invalid-default"]
    );
    assert_eq!(
        prop(r#"{"type": "string", "maxLength": 2, "default": "abc"}"#),
        ["invalid-default"]
    );
    assert_eq!(
        prop(r#"{"type": "string", "maxGraphemes": 1, "const": "ab"}"#),
        ["invalid-default"]
    );
    assert!(prop(r#"{"type": "string", "maxGraphemes": 1, "const": "e\u0301"}"#).is_empty());
    assert_eq!(
        prop(r#"{"type": "string", "enum": ["a"], "default": "b"}"#),
        ["invalid-default"]
    );
    assert_eq!(
        prop(r#"{"type": "string", "format": "did", "default": "nope"}"#),
        ["invalid-default"]
    );
    assert!(prop(r#"{"type": "string", "format": "did", "default": "did:plc:abc"}"#).is_empty());
    assert_eq!(
        prop(r#"{"type": "string", "format": "cid", "default": "nope"}"#),
        ["invalid-default"]
    );
    assert_eq!(
        prop(r#"{"type": "boolean", "default": true, "const": true}"#),
        ["default-const-conflict"]
    );
    assert_eq!(
        prop(r#"{"type": "string", "default": "a", "const": "a"}"#),
        ["default-const-conflict"]
    );
    // Values of the wrong JSON type are parse errors.
    assert_eq!(
        prop(r#"{"type": "string", "default": 1, "knownValues": [1]}"#),
        ["wrong-json-type", "wrong-json-type"]
    );
    assert_eq!(
        prop(r#"{"type": "integer", "enum": ["a"]}"#),
        ["wrong-json-type"]
    );
}

#[test]
fn formats() {
    assert_eq!(
        prop(r#"{"type": "string", "format": "email"}"#),
        ["unknown-format"]
    );
    for f in [
        "at-identifier",
        "at-uri",
        "cid",
        "datetime",
        "did",
        "handle",
        "nsid",
        "tid",
        "record-key",
        "uri",
        "language",
    ] {
        assert!(
            prop(&format!(r#"{{"type": "string", "format": "{f}"}}"#)).is_empty(),
            "{f}"
        );
    }
}

#[test]
fn references() {
    for ok in [
        "#x",
        "com.example.x",
        "com.example.x#y",
        "com.example.x#main",
    ] {
        assert!(
            prop(&format!(r#"{{"type": "ref", "ref": "{ok}"}}"#)).is_empty(),
            "{ok}"
        );
    }
    for bad in [
        "#",
        "",
        "x",
        "com.example.x#a#b",
        "#a.b",
        "com.example.x#",
        "com..x#a",
    ] {
        assert_eq!(
            prop(&format!(r#"{{"type": "ref", "ref": "{bad}"}}"#)),
            ["invalid-ref"],
            "{bad}"
        );
    }
    assert_eq!(
        prop(r##"{"type": "union", "refs": ["#a", "nope", "#b"]}"##),
        ["invalid-ref"]
    );
    assert_eq!(
        prop(r#"{"type": "union", "refs": [], "closed": true}"#),
        ["empty-closed-union"]
    );
    assert!(prop(r#"{"type": "union", "refs": []}"#).is_empty());
}

#[test]
fn record_keys() {
    let rec = |key: &str| {
        main_def(&format!(
            r#"{{"type": "record", "key": "{key}", "record": {{"type": "object", "properties": {{}}}}}}"#
        ))
    };
    for ok in ["tid", "nsid", "any", "literal:self", "literal:demo"] {
        assert!(rec(ok).is_empty(), "{ok}");
    }
    for bad in ["literal:", "literal:.", "literal:a/b", "self", "TID"] {
        assert_eq!(rec(bad), ["invalid-record-key-type"], "{bad}");
    }
}

#[test]
fn encodings_and_errors() {
    let out = |enc: &str| {
        main_def(&format!(
            r#"{{"type": "query", "output": {{"encoding": "{enc}"}}}}"#
        ))
    };
    for ok in [
        "application/json",
        "*/*",
        "image/*",
        "application/vnd.ipld.car",
    ] {
        assert!(out(ok).is_empty(), "{ok}");
    }
    for bad in [
        "",
        "json",
        "application/json, text/plain",
        "text/plain; charset=utf-8",
        "a /b",
    ] {
        assert_eq!(out(bad), ["invalid-encoding"], "{bad}");
    }
    assert_eq!(
        prop(r#"{"type": "blob", "accept": ["image/*", "*"]}"#),
        ["invalid-accept"]
    );
    assert_eq!(
        main_def(r#"{"type": "query", "errors": [{"name": "Ok"}, {"name": "Not Ok"}]}"#),
        ["invalid-error-name"]
    );
}

fn set(perms: &str) -> Vec<String> {
    ids(&format!(
        r#"{{"lexicon": 1, "id": "com.example.authBasic", "defs": {{"main": {{"type": "permission-set", "title:lang": {{"fr": "x", "!!": "y"}}, "permissions": [{perms}]}}}}}}"#
    ))
    .into_iter()
    .filter(|id| id != "invalid-language")
    .collect()
}

#[test]
fn permission_sets() {
    assert!(set(r#"{"type": "permission", "resource": "repo", "collection": ["com.example.post"], "action": ["create"]}"#).is_empty());
    assert!(set(r#"{"type": "permission", "resource": "rpc", "lxm": ["com.example.feed.get"], "inheritAud": true}"#).is_empty());
    assert!(set(
        r#"{"type": "permission", "resource": "rpc", "lxm": ["com.example.get"], "aud": "*"}"#
    )
    .is_empty());
    assert_eq!(
        set(r#"{"type": "permission", "resource": "blob", "accept": ["*/*"]}"#),
        ["unsupported-permission-resource"]
    );
    // A resource from a later spec: a warning, and its parameters are not judged.
    assert_eq!(
        set(r#"{"type": "permission", "resource": "space", "x": {"a": [1.5, null]}}"#),
        ["unsupported-permission-resource"]
    );
    assert_eq!(
        set(r#"{"type": "permission", "resource": "repo"}"#),
        ["permission-collection"]
    );
    assert_eq!(
        set(r#"{"type": "permission", "resource": "repo", "collection": []}"#),
        ["permission-collection"]
    );
    assert_eq!(
        set(r#"{"type": "permission", "resource": "repo", "collection": ["*"]}"#),
        ["permission-collection", "permission-outside-namespace"]
    );
    assert_eq!(
        set(
            r#"{"type": "permission", "resource": "repo", "collection": ["com.example.a", "com.example.a"]}"#
        ),
        ["permission-collection"]
    );
    assert_eq!(
        set(
            r#"{"type": "permission", "resource": "repo", "collection": ["com.example.a"], "action": ["read"]}"#
        ),
        ["permission-action"]
    );
    assert_eq!(
        set(r#"{"type": "permission", "resource": "rpc", "lxm": ["com.example.a"]}"#),
        ["permission-aud"]
    );
    assert_eq!(
        set(
            r#"{"type": "permission", "resource": "rpc", "lxm": ["com.example.a"], "aud": "*", "inheritAud": true}"#
        ),
        ["permission-aud"]
    );
    assert_eq!(
        set(
            r#"{"type": "permission", "resource": "rpc", "lxm": ["com.example.a"], "aud": "did:web:x#svc"}"#
        ),
        ["permission-aud"]
    );
    assert_eq!(
        set(r#"{"type": "permission", "resource": "rpc", "lxm": ["*"], "aud": "*"}"#),
        ["permission-lxm", "permission-outside-namespace"]
    );
    assert_eq!(
        set(r#"{"type": "permission", "resource": "rpc", "lxm": ["*"], "inheritAud": true}"#),
        ["permission-outside-namespace"]
    );
    assert_eq!(
        set(r#"{"type": "permission", "resource": "rpc", "lxm": ["nope"], "inheritAud": true}"#),
        ["permission-lxm", "permission-outside-namespace"]
    );
    assert_eq!(
        set(r#"{"type": "permission", "resource": "repo", "collection": ["org.other.post"]}"#),
        ["permission-outside-namespace"]
    );
    assert_eq!(
        set(
            r#"{"type": "permission", "resource": "repo", "collection": ["com.example.a"], "x": {"a": 1}}"#
        ),
        ["permission-parameter"]
    );
    let all = ids(
        r#"{"lexicon": 1, "id": "com.example.authX", "defs": {"main": {"type": "permission-set", "title:lang": {"fr": "x", "!!": "y"}, "detail:lang": {"pt-BR": "z"}, "permissions": []}}}"#,
    );
    assert_eq!(all, ["invalid-language"]);
}

#[test]
fn warnings_are_not_errors() {
    let parsed = parse_document(
        "t.json",
        r#"{"lexicon": 1, "id": "com.example.x", "defs": {"a": {"type": "hologram"}}}"#,
    );
    let Some(doc) = parsed.document else {
        panic!("no document")
    };
    let findings = check_document(&doc);
    assert_eq!(findings.len(), 1);
    assert!(!findings.has_errors());
}
