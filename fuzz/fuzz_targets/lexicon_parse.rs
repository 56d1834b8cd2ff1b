//! Any bytes through the lexicon parser and the schema checks: diagnostics, never a panic,
//! a stack overflow or unbounded memory. Also renders every diagnostic's message and spans,
//! so an out-of-range span (which would panic a renderer) is caught here.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let parsed = lex_compiler::syntax::parse_document_bytes("fuzz.json", data);
    let mut all = parsed.diagnostics;
    let len = match &parsed.document {
        Some(doc) => {
            all.extend(lex_compiler::check::schema::check_document(doc));
            doc.source.inner().len()
        }
        None => String::from_utf8_lossy(data).len(),
    };
    for d in all.iter() {
        let _ = d.message().len();
        if let Some(span) = d.primary_span() {
            assert!(span.offset() + span.len() <= len, "span out of range: {span:?}");
        }
    }
    // The runtime's loader shares the converter; run it too.
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = lex_runtime::schema::Document::from_json_str(text);
    }
});
