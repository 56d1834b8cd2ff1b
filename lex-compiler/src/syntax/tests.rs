//! Parse-stage tests: spans, diagnostics, hostile input.

use super::*;

fn codes(parsed: &Parsed) -> Vec<String> {
    parsed
        .diagnostics
        .iter()
        .map(|d| d.code_str().to_owned())
        .collect()
}

#[test]
fn parses_a_document_with_spans() {
    let src = "{\"lexicon\": 1, \"id\": \"com.example.x\",\n \"defs\": {\"main\": {\"type\": \"token\"}}}";
    let parsed = parse_document("x.json", src);
    assert!(parsed.diagnostics.is_empty(), "{:?}", codes(&parsed));
    let Some(doc) = parsed.document else {
        panic!("no document")
    };
    assert_eq!(doc.document.id, "com.example.x");
    let main = doc.spans.get("/defs/main");
    let Some(NodeSpan {
        key: Some(key),
        value,
    }) = main
    else {
        panic!("no span")
    };
    assert_eq!(&src[key.offset()..key.offset() + key.len()], "\"main\"");
    assert_eq!(
        &src[value.offset()..value.offset() + value.len()],
        "{\"type\": \"token\"}"
    );
}

#[test]
fn reports_every_problem() {
    let src = r#"{"lexicon": "1", "id": "com.example.x", "id": "again", "defs": {"a": {"type": "integer", "minimum": 1.5}}}"#;
    let parsed = parse_document("x.json", src);
    assert_eq!(
        codes(&parsed),
        [
            "lex::parse::duplicate-key",
            "lex::parse::wrong-json-type",
            "lex::parse::wrong-json-type"
        ]
    );
    assert!(parsed.document.is_some());
}

#[test]
fn syntax_errors_stop_the_document() {
    let parsed = parse_document("x.json", r#"{"lexicon": 1,}"#);
    assert_eq!(codes(&parsed), ["lex::parse::unexpected-character"]);
    assert!(parsed.document.is_none());
}

#[test]
fn invalid_utf8_is_a_diagnostic() {
    let parsed = parse_document_bytes("x.json", b"{\"id\": \"\xff\"}");
    assert_eq!(codes(&parsed), ["lex::parse::invalid-utf8"]);
    let span = parsed
        .diagnostics
        .iter()
        .next()
        .and_then(Diagnostic::primary_span);
    assert_eq!(span.map(|s| s.offset()), Some(8));
}

#[test]
fn hostile_input_never_panics() {
    for input in [
        "[".repeat(1_000_000),
        "{\"a\":".repeat(100_000),
        format!("{{\"lexicon\": {}}}", "9".repeat(10_000)),
        "\"\\ud800\\u".to_owned(),
        "-".to_owned(),
        "\u{feff}{}".to_owned(),
        // Many keys (duplicate detection must not be quadratic).
        format!(
            "{{{}\"a\": 1}}",
            (0..200_000)
                .map(|i| format!("\"k{i}\": 1, "))
                .collect::<String>()
        ),
    ] {
        let parsed = parse_document("x.json", &input);
        assert!(parsed.diagnostics.has_errors());
    }
}
