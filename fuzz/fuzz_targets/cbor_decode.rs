//! Strict DAG-CBOR decoding of arbitrary bytes, directly and through serde.
//!
//! The decoder accepts only canonical input, so whatever it accepts must re-encode to the
//! exact same bytes, and both decoding paths must agree.

#![no_main]

use lex_runtime::{cbor, Value};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let direct = cbor::decode(data);
    let via_serde = cbor::from_slice::<Value>(data);
    match (&direct, &via_serde) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "direct and serde decoders disagree"),
        (Err(_), Err(_)) => {}
        _ => panic!("direct {direct:?} vs serde {via_serde:?}"),
    }
    if let Ok(value) = direct {
        assert_eq!(
            cbor::encode(&value),
            data,
            "accepted input is not canonical"
        );
        assert_eq!(
            cbor::to_vec(&value).ok().as_deref(),
            Some(data),
            "serde encoder differs"
        );
        // JSON must carry the same value.
        let text = value.to_json_string();
        assert_eq!(
            Value::from_json_str(&text).ok(),
            Some(value),
            "JSON round trip changed it"
        );
    }
});
