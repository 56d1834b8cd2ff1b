use crate::ir::DefRef;
use crate::load::load_sources;

fn doc(id: &str, defs: &str) -> (String, String) {
    (
        format!("{id}.json"),
        format!(r#"{{"lexicon": 1, "id": "{id}", "defs": {defs}}}"#),
    )
}

fn codes(loaded: &crate::load::Loaded) -> Vec<String> {
    loaded
        .diagnostics
        .iter()
        .map(|d| d.code_str().to_owned())
        .collect()
}

#[test]
fn resolves_local_main_and_qualified_refs() {
    let loaded = load_sources([
        doc(
            "com.example.a",
            r##"{"main": {"type": "object", "properties": {
                "b": {"type": "ref", "ref": "com.example.b"},
                "c": {"type": "ref", "ref": "com.example.b#c"},
                "d": {"type": "ref", "ref": "#d"},
                "m": {"type": "ref", "ref": "com.example.b#main"}}},
              "d": {"type": "string", "maxLength": 10}}"##,
        ),
        doc(
            "com.example.b",
            r#"{"main": {"type": "object", "properties": {}}, "c": {"type": "integer"}}"#,
        ),
    ]);
    assert!(loaded.diagnostics.is_empty(), "{:?}", codes(&loaded));
    let a = loaded
        .catalog
        .lookup(&DefRef::new("com.example.a", "main"))
        .unwrap();
    let targets: Vec<String> = a
        .edges()
        .map(|e| loaded.catalog.def(e.to).unwrap().fq().to_string())
        .collect();
    assert_eq!(
        targets,
        [
            "com.example.b",
            "com.example.b#c",
            "com.example.a#d",
            "com.example.b"
        ]
    );
}

#[test]
fn unknown_ref_suggests_the_closest_name() {
    let loaded = load_sources([doc(
        "com.example.a",
        r##"{"main": {"type": "object", "properties": {
            "x": {"type": "ref", "ref": "#replyRf"}}},
          "replyRef": {"type": "object", "properties": {}}}"##,
    )]);
    assert_eq!(codes(&loaded), ["lex::resolve::unknown-ref"]);
    let text = format!("{:?}", loaded.diagnostics.iter().next().unwrap());
    assert!(text.contains("#replyRef"), "{text}");
}

#[test]
fn duplicate_ids_name_both_files() {
    let loaded = load_sources([
        (
            "one.json",
            r#"{"lexicon": 1, "id": "com.example.a", "defs": {"main": {"type": "token", "description": "x"}}}"#,
        ),
        (
            "two.json",
            r#"{"lexicon": 1, "id": "com.example.a", "defs": {"main": {"type": "token", "description": "y"}}}"#,
        ),
    ]);
    assert_eq!(codes(&loaded), ["lex::resolve::duplicate-id"]);
    let message = loaded
        .diagnostics
        .iter()
        .next()
        .unwrap()
        .message()
        .to_owned();
    assert!(
        message.contains("one.json") && message.contains("two.json"),
        "{message}"
    );
    assert_eq!(loaded.catalog.document_count(), 1);
}

#[test]
fn refs_to_tokens_and_bad_union_members_are_errors() {
    let loaded = load_sources([doc(
        "com.example.a",
        r##"{"main": {"type": "object", "properties": {
            "t": {"type": "ref", "ref": "#tok"},
            "u": {"type": "union", "refs": ["#str", "#obj"]}}},
          "tok": {"type": "token", "description": "a token"},
          "str": {"type": "string", "maxLength": 1},
          "obj": {"type": "object", "properties": {}}}"##,
    )]);
    assert_eq!(
        codes(&loaded),
        [
            "lex::resolve::ref-to-token",
            "lex::resolve::invalid-union-member"
        ]
    );
}

#[test]
fn cycles_decide_boxing() {
    let loaded = load_sources([doc(
        "com.example.a",
        r##"{"node": {"type": "object", "properties": {
            "parent": {"type": "ref", "ref": "#node"},
            "leaf": {"type": "ref", "ref": "#leaf"}}},
          "leaf": {"type": "object", "properties": {}},
          "ping": {"type": "object", "properties": {"p": {"type": "ref", "ref": "#pong"}}},
          "pong": {"type": "object", "properties": {"p": {"type": "array", "items": {"type": "ref", "ref": "#ping"}}}}}"##,
    )]);
    assert!(loaded.diagnostics.is_empty(), "{:?}", codes(&loaded));
    let c = &loaded.catalog;
    let id = |n: &str| c.lookup(&DefRef::new("com.example.a", n)).unwrap().id();
    assert!(c.needs_box(id("node"), id("node")));
    assert!(!c.needs_box(id("node"), id("leaf")));
    assert!(c.needs_box(id("ping"), id("pong")));
    assert_eq!(c.cycles().len(), 2);
    let in_array: Vec<bool> = c
        .def(id("pong"))
        .unwrap()
        .edges()
        .map(|e| e.in_array)
        .collect();
    assert_eq!(in_array, [true]);
}

#[test]
fn order_of_input_does_not_matter() {
    let sources = vec![
        doc("com.example.c", r#"{"main": {"type": "integer"}}"#),
        doc(
            "com.example.a",
            r#"{"z": {"type": "integer"}, "b": {"type": "integer"}}"#,
        ),
        doc("com.example.b", r#"{"main": {"type": "boolean"}}"#),
    ];
    let forward = load_sources(sources.clone());
    let backward = load_sources(sources.into_iter().rev());
    let names = |l: &crate::load::Loaded| -> Vec<String> {
        l.catalog.defs().map(|d| d.fq().to_string()).collect()
    };
    assert_eq!(names(&forward), names(&backward));
    assert_eq!(
        names(&forward),
        [
            "com.example.a#b",
            "com.example.a#z",
            "com.example.b",
            "com.example.c"
        ]
    );
}

#[test]
fn subscription_messages_may_be_non_objects() {
    // A published shape: the frame header names the type, so a `bytes` message is a
    // warning (and resolves); a `token` or a query stays an error, and so does a `bytes`
    // member of an ordinary union.
    let loaded = load_sources([doc(
        "com.example.sub",
        r##"{"main": {"type": "subscription",
               "message": {"schema": {"type": "union", "refs": ["#obj", "#raw", "#tok"]}}},
             "obj": {"type": "object", "properties": {"u": {"type": "union", "refs": ["#raw"]}}},
             "raw": {"type": "bytes"},
             "tok": {"type": "token", "description": "a token"}}"##,
    )]);
    assert_eq!(
        codes(&loaded),
        [
            "lex::resolve::non-object-message",
            "lex::resolve::invalid-union-member",
            "lex::resolve::invalid-union-member",
        ]
    );
    let errors: Vec<bool> = loaded.diagnostics.iter().map(|d| d.is_error()).collect();
    assert_eq!(errors, [false, true, true]);
    let main = loaded
        .catalog
        .lookup(&DefRef::new("com.example.sub", "main"))
        .unwrap();
    let targets: Vec<String> = main
        .edges()
        .filter_map(|e| loaded.catalog.def(e.to))
        .map(|d| d.name().to_owned())
        .collect();
    assert_eq!(targets, ["obj", "raw"]);
}
