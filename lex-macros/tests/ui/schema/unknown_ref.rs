// A reference that resolves to nothing: the error names the code, the position inside the
// literal and the "did you mean" help.
#[lex_macros::lexicon(json = r##"{
  "lexicon": 1,
  "id": "com.example.note",
  "defs": {
    "main": {
      "type": "object",
      "properties": { "tag": { "type": "ref", "ref": "#tagg" } }
    },
    "tag": { "type": "object", "properties": {} }
  }
}"##)]
pub mod lexicons {}

fn main() {}
