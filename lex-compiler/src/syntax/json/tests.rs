//! Spans, escapes, numbers and the structural errors of the JSON scanner.

use super::*;

fn ids(text: &str) -> Vec<&'static str> {
    parse(text).1.into_iter().map(|e| e.id).collect()
}

#[test]
fn spans_cover_keys_and_values() {
    let (node, errors) = parse(r#" {"a": [1, "x"], "b": null} "#);
    assert!(errors.is_empty());
    let Some(Node {
        span,
        kind: Kind::Object(members),
    }) = node
    else {
        panic!("not an object")
    };
    assert_eq!(span, Span { start: 1, end: 27 });
    assert_eq!(members.len(), 2);
    assert_eq!(
        members.first().map(|m| m.key_span),
        Some(Span { start: 2, end: 5 })
    );
    assert_eq!(
        members.first().map(|m| m.value.span),
        Some(Span { start: 7, end: 15 })
    );
}

#[test]
fn containers_hold_no_growth_slack() {
    // The tree lives while the model and spans are built (issue 10 item 18).
    fn check(node: &Node) {
        match &node.kind {
            Kind::Array(items) => {
                assert_eq!(items.capacity(), items.len());
                items.iter().for_each(check);
            }
            Kind::Object(members) => {
                assert_eq!(members.capacity(), members.len());
                members.iter().for_each(|m| check(&m.value));
            }
            _ => {}
        }
    }
    let (node, errors) = parse(r#"{"a": {"b": [1, 2, 3, {"c": []}], "d": {}}, "e": [[]]}"#);
    assert!(errors.is_empty());
    check(&node.expect("parses"));
}

#[test]
fn strings_and_escapes() {
    let (node, errors) = parse(r#""a\n\u00e9\ud83d\ude00\/""#);
    assert!(errors.is_empty());
    assert_eq!(node.map(|n| n.kind), Some(Kind::String("a\né😀/".into())));
    assert_eq!(ids(r#""\ud800""#), ["invalid-escape"]);
    assert_eq!(ids(r#""\x""#), ["invalid-escape"]);
    assert_eq!(ids("\"a\u{1}\""), ["control-character"]);
    assert_eq!(ids(r#""abc"#), ["unterminated-string"]);
    assert_eq!(ids(r#""\u12"#), ["invalid-escape"]);
}

#[test]
fn numbers() {
    let (node, _) = parse("-12");
    assert_eq!(
        node.map(|n| n.kind),
        Some(Kind::Number {
            text: "-12".into(),
            int: Some(-12)
        })
    );
    let (node, _) = parse("123456789012345678901234567890");
    assert!(matches!(
        node.map(|n| n.kind),
        Some(Kind::Number { int: None, .. })
    ));
    for bad in ["01", "1.", "-", ".5", "1e", "+1"] {
        assert!(!ids(bad).is_empty(), "{bad} accepted");
    }
}

#[test]
fn rejects_bad_structure() {
    assert_eq!(ids(r#"{"a": 1,}"#), ["unexpected-character"]);
    assert_eq!(ids("[1 2]"), ["unexpected-character"]);
    assert_eq!(ids("{} x"), ["trailing-content"]);
    assert_eq!(ids(""), ["unexpected-end"]);
    assert_eq!(ids("[1,"), ["unexpected-end"]);
    assert_eq!(ids("nul"), ["unexpected-character"]);
    assert_eq!(
        ids(r#"{"a": 1, "a": 2, "a": 3}"#),
        ["duplicate-key", "duplicate-key"]
    );
}

#[test]
fn bounds_depth() {
    let deep = "[".repeat(100_000);
    assert_eq!(ids(&deep), ["too-deep"]);
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(ids(&ok).is_empty());
}
