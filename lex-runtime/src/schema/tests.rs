//! Unit tests of the model loader.

use super::*;

fn problems(text: &str) -> Vec<(String, &'static str)> {
    match Document::from_json_str(text) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems.into_iter().map(|p| (p.pointer, p.id)).collect(),
    }
}

#[test]
fn loads_every_type() {
    let text = r##"{
      "lexicon": 1, "id": "com.example.thing", "$type": "com.atproto.lexicon.schema",
      "revision": 3, "x-extra": {"a": 1},
      "defs": {
        "main": {"type": "record", "key": "literal:self", "record": {"type": "object",
          "required": ["s"], "nullable": ["s"], "properties": {
            "s": {"type": "string", "format": "did", "maxLength": 10, "knownValues": ["a"]},
            "i": {"type": "integer", "minimum": 1, "enum": [1, 2], "const": 1},
            "b": {"type": "boolean", "default": true},
            "by": {"type": "bytes", "maxLength": 4},
            "c": {"type": "cid-link"},
            "bl": {"type": "blob", "accept": ["image/*"], "maxSize": 100},
            "a": {"type": "array", "items": {"type": "ref", "ref": "#tok"}},
            "u": {"type": "union", "refs": ["#o"], "closed": true},
            "un": {"type": "unknown"}}}},
        "o": {"type": "object", "properties": {}},
        "tok": {"type": "token", "description": "a token"},
        "fut": {"type": "hologram", "depth": 3}
      }}"##;
    let doc = Document::from_json_str(text).map_err(|e| e.to_string());
    let doc = match doc {
        Ok(doc) => doc,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(doc.lexicon, 1);
    assert_eq!(doc.id, "com.example.thing");
    assert!(doc.extra.contains_key("$type"));
    assert!(doc.extra.contains_key("revision"));
    assert!(doc.extra.contains_key("x-extra"));
    let Some(Schema::Record(rec)) = doc.def("main") else {
        panic!("main is not a record")
    };
    assert_eq!(rec.key, RecordKeyType::Literal("self".into()));
    let Schema::Object(obj) = rec.record.as_ref() else {
        panic!("record is not an object")
    };
    assert_eq!(obj.properties.len(), 9);
    let Some(Schema::String(s)) = obj.properties.get("s") else {
        panic!("s")
    };
    assert_eq!(s.format, Some(StringFormat::Did));
    assert_eq!(s.max_length, Some(10));
    match doc.def("fut") {
        Some(Schema::Unsupported(u)) => assert_eq!(u.type_name.as_deref(), Some("hologram")),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn reports_every_problem_with_a_pointer() {
    let text = r#"{"lexicon": "one", "id": 2, "defs": {
        "a": {"type": "string", "maxLength": "x", "enum": ["a", 3]},
        "b": {"type": "record", "record": {"type": "object", "properties": {}}},
        "c": {"description": "no type"},
        "d": 5
    }}"#;
    assert_eq!(
        problems(text),
        vec![
            ("/lexicon".to_owned(), WRONG_JSON_TYPE),
            ("/id".to_owned(), WRONG_JSON_TYPE),
            ("/defs/a/maxLength".to_owned(), WRONG_JSON_TYPE),
            ("/defs/a/enum/1".to_owned(), WRONG_JSON_TYPE),
            ("/defs/b/key".to_owned(), MISSING_FIELD),
            ("/defs/c/type".to_owned(), MISSING_FIELD),
            ("/defs/d".to_owned(), WRONG_JSON_TYPE),
        ]
    );
}

#[test]
fn missing_top_level_fields() {
    assert_eq!(
        problems("{}"),
        vec![
            ("/lexicon".to_owned(), MISSING_FIELD),
            ("/id".to_owned(), MISSING_FIELD),
            ("/defs".to_owned(), MISSING_FIELD),
        ]
    );
    assert_eq!(problems("[]"), vec![(String::new(), WRONG_JSON_TYPE)]);
    assert_eq!(problems("{"), vec![(String::new(), INVALID_JSON)]);
}

#[test]
fn permission_keeps_parameters() {
    let text = r#"{"lexicon": 1, "id": "com.example.authX", "defs": {"main": {
        "type": "permission-set", "title:lang": {"fr": "x"},
        "permissions": [{"type": "permission", "resource": "rpc", "lxm": ["com.example.x"], "aud": "*"}]}}}"#;
    let Ok(doc) = Document::from_json_str(text) else {
        panic!("does not load")
    };
    let Some(Schema::PermissionSet(set)) = doc.def("main") else {
        panic!("not a set")
    };
    assert_eq!(set.title_lang.get("fr").map(String::as_str), Some("x"));
    let Some(Schema::Permission(p)) = set.permissions.first() else {
        panic!("no permission")
    };
    assert_eq!(p.resource, "rpc");
    assert_eq!(p.string_list("lxm"), Some(vec!["com.example.x"]));
    assert!(p.params.contains_key("aud"));
}

#[test]
fn pointers_escape_tokens() {
    assert_eq!(pointer_push("/defs", "a/b~c"), "/defs/a~1b~0c");
}

#[test]
fn schema_is_two_words() {
    // Maps and vectors hold one `Schema` per definition, property and item: with a
    // 240-byte variant inline every slot was that size whatever it held (issue 10 item
    // 18), so each variant is boxed and a `Schema` is a pointer and a tag.
    assert!(std::mem::size_of::<Schema>() <= 2 * std::mem::size_of::<usize>());
}

fn token(description: &str) -> Schema {
    Schema::Token(Box::new(Token {
        description: Some(description.to_owned()),
        extra: Extra::new(),
    }))
}

#[test]
fn schema_map_reads_like_a_btree_map() {
    let pairs = [("b", "1"), ("a", "2"), ("c", "3"), ("a", "4")];
    let map: SchemaMap = pairs
        .iter()
        .map(|(k, d)| (k.to_string(), token(d)))
        .collect();
    let tree: std::collections::BTreeMap<String, Schema> = pairs
        .iter()
        .map(|(k, d)| (k.to_string(), token(d)))
        .collect();
    // Same order, same last-wins rule for a repeated name, same debug text.
    assert!(map.iter().eq(tree.iter()));
    assert_eq!(format!("{map:?}"), format!("{tree:?}"));
    assert_eq!(map.len(), 3);
    assert_eq!(map.keys().collect::<Vec<_>>(), ["a", "b", "c"]);
    assert_eq!(map.get("a").and_then(Schema::description), Some("4"));
    assert!(map.contains_key("c") && !map.contains_key("d") && !map.contains_key(""));
    assert_eq!(map.values().next_back(), tree.values().next_back());

    let mut map = map;
    assert_eq!(map.insert("0".to_owned(), token("5")), None);
    assert_eq!(map.insert("b".to_owned(), token("6")), Some(token("1")));
    assert_eq!(map.keys().collect::<Vec<_>>(), ["0", "a", "b", "c"]);
    assert_eq!(map.get("b"), Some(&token("6")));
}

#[test]
fn schema_map_of_a_document_keeps_the_first_duplicate() {
    // The converter's rule, which the compiler's span table follows too.
    let map = SchemaMap::from_first_wins(vec![
        ("z".to_owned(), token("1")),
        ("y".to_owned(), token("2")),
        ("z".to_owned(), token("3")),
    ]);
    assert_eq!(map.keys().collect::<Vec<_>>(), ["y", "z"]);
    assert_eq!(map.get("z"), Some(&token("1")));
}
