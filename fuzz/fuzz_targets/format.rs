//! Any text through `lex fmt`'s formatter: an error or formatted text, never a panic or a
//! stack overflow; formatted text is strict JSON again, and formatting it changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(once) = lex_compiler::syntax::format::format_json(text) {
        let twice = lex_compiler::syntax::format::format_json(&once)
            .unwrap_or_else(|e| panic!("formatted text does not format again: {e:?}"));
        assert_eq!(once, twice, "formatting is not idempotent");
    }
});
