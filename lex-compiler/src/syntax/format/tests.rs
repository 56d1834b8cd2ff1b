//! Expected outputs are what prettier 3.10 prints for the same input
//! (`prettier --parser json`); `lex-cli/tests/fmt_reference` compares whole corpora.

use super::{fixed_layout, format_json, to_fixed_layout, FormatError};

fn fmt(text: &str) -> String {
    match format_json(text) {
        Ok(out) => out,
        Err(e) => panic!("{text:?}: {e}"),
    }
}

#[test]
fn collapses_what_fits() {
    assert_eq!(
        fmt(r#"{"a":1,"b":[1,2],"c":{"d":null}}"#),
        "{ \"a\": 1, \"b\": [1, 2], \"c\": { \"d\": null } }\n"
    );
    assert_eq!(fmt("[\n1]"), "[1]\n");
    assert_eq!(
        fmt("{\"a\":{},\"b\":[],\"c\":{\n},\"d\":[\n]}"),
        "{ \"a\": {}, \"b\": [], \"c\": {}, \"d\": [] }\n"
    );
    assert_eq!(fmt("\"x\""), "\"x\"\n");
    assert_eq!(fmt("{\"a\"\n:1}"), "{ \"a\": 1 }\n");
}

#[test]
fn keeps_objects_expanded_after_a_line_break() {
    assert_eq!(
        fmt("{\n\"a\":1,\"b\":{\"x\":1}}"),
        "{\n  \"a\": 1,\n  \"b\": { \"x\": 1 }\n}\n"
    );
    // An expanded child breaks its parents.
    assert_eq!(
        fmt("{\"a\":{\n\"x\":1}}"),
        "{\n  \"a\": {\n    \"x\": 1\n  }\n}\n"
    );
    assert_eq!(
        fmt("{\"a\":[{\"x\":1,\"y\":2},{\n\"x\":1}]}"),
        "{\n  \"a\": [\n    { \"x\": 1, \"y\": 2 },\n    {\n      \"x\": 1\n    }\n  ]\n}\n"
    );
}

#[test]
fn breaks_outermost_first() {
    let text = r#"{"a":{"b":{"c":["xxxxxxxxxxxxxxx","yyyyyyyyyyyyyyyyyyy","zzzzzzzzzzzzzzzzzzzzzzz"]},"d":1}}"#;
    assert_eq!(
        fmt(text),
        "{\n  \"a\": {\n    \"b\": {\n      \"c\": [\"xxxxxxxxxxxxxxx\", \"yyyyyyyyyyyyyyyyyyy\", \"zzzzzzzzzzzzzzzzzzzzzzz\"]\n    },\n    \"d\": 1\n  }\n}\n"
    );
}

#[test]
fn never_breaks_after_a_colon() {
    let long = "a".repeat(90);
    assert_eq!(
        fmt(&format!("{{\"description\":\"{long}\"}}")),
        format!("{{\n  \"description\": \"{long}\"\n}}\n")
    );
    assert_eq!(
        fmt(&format!("{{\"{long}\":[\"x\",\"y\"]}}")),
        format!("{{\n  \"{long}\": [\n    \"x\",\n    \"y\"\n  ]\n}}\n")
    );
}

#[test]
fn arrays_of_entries_break_and_numbers_fill() {
    assert_eq!(
        fmt(r#"[{"a":1,"b":2},{"a":1,"b":2}]"#),
        "[\n  { \"a\": 1, \"b\": 2 },\n  { \"a\": 1, \"b\": 2 }\n]\n"
    );
    assert_eq!(
        fmt(r#"[{"a":1},{"a":1}]"#),
        "[{ \"a\": 1 }, { \"a\": 1 }]\n"
    );
    assert_eq!(fmt("[[1,2],[3,4]]"), "[\n  [1, 2],\n  [3, 4]\n]\n");
    assert_eq!(fmt("[[1,2],[3,4],[]]"), "[[1, 2], [3, 4], []]\n");
    assert_eq!(
        fmt(r#"[{"a":1,"b":2},[1,2]]"#),
        "[{ \"a\": 1, \"b\": 2 }, [1, 2]]\n"
    );
    let numbers: Vec<String> = (1..=36).map(|n| n.to_string()).collect();
    assert_eq!(
        fmt(&format!("{{\"k\":[-1,{}]}}", numbers.get(1..).unwrap_or_default().join(","))),
        "{\n  \"k\": [\n    -1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,\n    22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36\n  ]\n}\n"
    );
}

#[test]
fn keeps_one_blank_line_between_entries() {
    assert_eq!(
        fmt("{\"a\":1,\n\n\n\"b\":2}"),
        "{\n  \"a\": 1,\n\n  \"b\": 2\n}\n"
    );
    assert_eq!(
        fmt("{\"a\":1\n\n,\"b\":2}"),
        "{\n  \"a\": 1,\n\n  \"b\": 2\n}\n"
    );
    assert_eq!(fmt("[1,\n\n2]"), "[\n  1,\n\n  2\n]\n");
    assert_eq!(fmt("[\"a\",\n\n\"b\"]"), "[\"a\", \"b\"]\n");
}

#[test]
fn keeps_strings_and_respells_numbers_like_prettier() {
    assert_eq!(fmt(r#"{"s":"\u00e9\/"}"#), "{ \"s\": \"\\u00e9\\/\" }\n");
    assert_eq!(
        fmt("{\"n\":[1.0,1.00,1e0,1e+05,1E-05,0e0,10.0e10,100]}"),
        "{ \"n\": [1.0, 1.0, 1, 1e5, 1e-5, 0, 10.0e10, 100] }\n"
    );
    assert_eq!(fmt("\u{FEFF}{\"a\":1}\r\n"), "\u{FEFF}{ \"a\": 1 }\n");
    // Duplicate keys are kept: formatting never drops content.
    assert_eq!(fmt(r#"{"a":1,"a":2}"#), "{ \"a\": 1, \"a\": 2 }\n");
}

#[test]
fn measures_wide_characters() {
    assert_eq!(
        fmt(r#"{"k":"日本語日本語日本語日本語日本語日本語日本語","l":["日本語日本語日本語日本語日本語日本","x"]}"#),
        "{\n  \"k\": \"日本語日本語日本語日本語日本語日本語日本語\",\n  \"l\": [\"日本語日本語日本語日本語日本語日本\", \"x\"]\n}\n"
    );
}

#[test]
fn is_idempotent() {
    for text in [
        r#"{"a":{"b":{"c":["xxxxxxxxxxxxxxx","yyyyyyyyyyyyyyyyyyy","zzzzzzzzzzzzzzzzzzzzzzz"]},"d":1}}"#,
        "{\"a\":[{\"x\":1,\"y\":2},{\n\"x\":1}],\n\n\"b\":[1,2,3]}",
    ] {
        let once = fmt(text);
        assert_eq!(fmt(&once), once);
    }
}

#[test]
fn invalid_json_is_an_error_with_a_position() {
    let err = |text: &str| format_json(text).err();
    assert!(matches!(
        err("{\n  \"a\": 1,\n}"),
        Some(FormatError {
            id: "unexpected-character",
            line: 3,
            column: 1,
            ..
        })
    ));
    assert!(matches!(
        err(""),
        Some(FormatError {
            id: "unexpected-end",
            ..
        })
    ));
    assert!(matches!(
        err("{} x"),
        Some(FormatError {
            id: "trailing-content",
            ..
        })
    ));
    assert!(matches!(
        err("// c\n{}"),
        Some(FormatError {
            line: 1,
            column: 1,
            ..
        })
    ));
    let deep = "[".repeat(100_000);
    assert!(matches!(
        err(&deep),
        Some(FormatError { id: "too-deep", .. })
    ));
    let ok = format!("{}{}", "[".repeat(128), "]".repeat(128));
    assert!(format_json(&ok).is_ok());
}

#[test]
fn fixed_layout_expands_objects_and_keeps_short_arrays() {
    let text =
        r#"{"lexicon":1,"defs":{"main":{"type":"object","required":["a","b"],"properties":{}}}}"#;
    let fixed = match fixed_layout(text) {
        Ok(f) => f,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(
        fixed,
        "{\n  \"lexicon\": 1,\n  \"defs\": {\n    \"main\": {\n      \"type\": \"object\",\n      \"required\": [\"a\", \"b\"],\n      \"properties\": {}\n    }\n  }\n}\n"
    );
    // Prettier leaves the fixed layout as it is.
    assert_eq!(fmt(&fixed), fixed);

    #[derive(serde::Serialize)]
    struct Doc {
        lexicon: u8,
        id: &'static str,
    }
    let out = to_fixed_layout(&Doc {
        lexicon: 1,
        id: "com.example.x",
    })
    .ok();
    assert_eq!(
        out.as_deref(),
        Some("{\n  \"lexicon\": 1,\n  \"id\": \"com.example.x\"\n}\n")
    );
}
