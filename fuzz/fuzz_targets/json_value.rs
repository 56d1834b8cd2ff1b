//! atproto JSON text to `Value`: never panics, and whatever is accepted survives DAG-CBOR.

#![no_main]

use lex_runtime::{cbor, json};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = json::from_slice(data) else {
        return;
    };
    let bytes = cbor::encode(&value);
    let back = cbor::decode(&bytes).expect("our own encoding must decode");
    assert_eq!(back, value, "JSON -> CBOR -> Value changed the value");
    let text = json::to_string(&value);
    assert_eq!(
        json::from_str(&text).ok(),
        Some(value),
        "JSON -> Value -> JSON changed it"
    );
});
