// Two inline documents, the second one broken: the error is spanned on the second literal.
#[lex_macros::lexicon(
    json = r#"{ "lexicon": 1, "id": "com.example.a", "defs": { "main": { "type": "token" } } }"#,
    json = r#"{ "lexicon": 1, "id": "com.example.b", "defs": { "main": { "type": "token" }, } }"#
)]
pub mod lexicons {}

fn main() {}
