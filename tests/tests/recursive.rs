//! Recursive shapes generate working Rust: the `recursive` codegen fixture (named arrays of
//! themselves, nested, through each other, across lexicons, through objects and unions)
//! decodes, validates and round-trips through JSON and DAG-CBOR. Compiling it at all is
//! the first half of the test: `type List = Vec<List>` was rustc error E0391.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use lex_runtime::{Validate, Value};
use lex_tests::generated::fixtures::recursive::com::example::recursive::{other, record};

const SAMPLE: &str = r#"{"$type":"com.example.recursive.record","deep":[[[[]]],[]],"list":[[],[[],[[]]]],"ping":[[[]]],"node":{"children":[{"$type":"com.example.recursive.record#node","name":"a"}],"next":{"name":"b"}},"mixed":[{"$type":"com.example.recursive.record#node","children":[]}],"inline":[{"inner":[{}]}],"crossDoc":[[[[]]]],"viaObject":[{"list":[{"list":[]}]}]}"#;

#[test]
fn recursive_record_roundtrips() {
    let value = Value::from_json_str(SAMPLE).expect("sample is valid data");
    let typed: record::Record = serde_json::from_str(SAMPLE).expect("typed decode");
    typed.validate().expect("sample validates");
    assert_eq!(typed.list.0.len(), 2);
    assert_eq!(typed.list.0.get(1).map(|l| l.0.len()), Some(2));
    let json = serde_json::to_string(&typed).expect("typed json");
    assert_eq!(json, value.to_json_string());
    let cbor = lex_runtime::cbor::to_vec(&typed).expect("typed cbor");
    let back: record::Record = lex_runtime::cbor::from_slice(&cbor).expect("cbor decode");
    assert_eq!(back, typed);
}

#[test]
fn nested_constraints_are_checked() {
    // `list` allows 4 entries at every level; the fifth, three levels down, is refused.
    let list: record::List = serde_json::from_str("[[[[],[],[],[],[]]]]").expect("decode");
    let err = list.validate().expect_err("too long");
    assert!(err.to_string().contains("[0][0]"), "{err}");
    // `back` (in the other lexicon) allows 2 entries.
    let cross: record::CrossDoc = serde_json::from_str("[[[], [], []]]").expect("decode");
    assert!(cross.validate().is_err());
    let ok: other::Back = serde_json::from_str("[[], []]").expect("decode");
    ok.validate().expect("two entries are fine");
    // The inner arrays of `deep` allow 2 entries.
    let deep: record::Deep = serde_json::from_str("[[[], [], []]]").expect("decode");
    assert!(deep.validate().is_err());
}
