// Attribute mistakes: an include pattern that matches nothing, and an unknown key.
#[lex_macros::lexicon(
    json = r#"{ "lexicon": 1, "id": "com.example.a", "defs": { "main": { "type": "token" } } }"#,
    include = ["app.bsky.*"]
)]
pub mod nothing_included {}

#[lex_macros::lexicon(paths = "lexicons")]
pub mod misspelled {}

fn main() {}
