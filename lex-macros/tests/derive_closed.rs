//! A derived type without an `extra` field: it reads and writes like one with it, except
//! that unknown fields are dropped instead of kept.

use lex_runtime::{Datetime, Lexicon, Validate};

/// A note without room for unknown fields.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "com.example.closed.note", record, key = "tid")]
pub struct Note {
    /// The text.
    #[lexicon(max_length = 10)]
    pub text: String,
    /// Where it points.
    pub target: Option<Target>,
    /// When it was written.
    pub created_at: Datetime,
}

/// An object without room for unknown fields.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "com.example.closed.note#target")]
pub struct Target {
    /// A position.
    #[lexicon(minimum = 0)]
    pub index: i64,
}

fn note() -> Note {
    Note {
        text: "hello".to_owned(),
        target: Some(Target { index: 3 }),
        created_at: "2026-12-05T12:00:00.000Z"
            .parse()
            .unwrap_or_else(|e| panic!("{e}")),
    }
}

#[test]
fn a_record_without_extra_writes_its_type_and_fields() {
    let json = serde_json::to_value(note()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "$type": "com.example.closed.note",
            "text": "hello",
            "target": { "index": 3 },
            "createdAt": "2026-12-05T12:00:00.000Z",
        })
    );
    let back: Note = serde_json::from_value(json).unwrap();
    assert_eq!(back, note());
}

#[test]
fn unknown_fields_are_dropped_and_type_is_still_required() {
    let with_unknown = serde_json::json!({
        "$type": "com.example.closed.note",
        "text": "hello",
        "target": { "index": 3, "later": true },
        "createdAt": "2026-12-05T12:00:00.000Z",
        "mood": "fine",
    });
    let read: Note = serde_json::from_value(with_unknown).unwrap();
    assert_eq!(read, note());

    let untyped = serde_json::json!({ "text": "hi", "createdAt": "2026-12-05T12:00:00.000Z" });
    let err = serde_json::from_value::<Note>(untyped).unwrap_err();
    assert!(err.to_string().contains("$type"), "{err}");
}

#[test]
fn constraints_hold_without_extra() {
    let mut bad = note();
    bad.text = "far too long a text".to_owned();
    bad.target = Some(Target { index: -1 });
    let errors = bad.validate().unwrap_err();
    let text = errors.to_string();
    assert!(text.contains("text"), "{text}");
    assert!(text.contains("index"), "{text}");
    // The document does not depend on the Rust side keeping unknown fields.
    assert!(Note::lexicon_json().contains("\"key\": \"tid\""));
}
