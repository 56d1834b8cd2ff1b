// Constraints the field's type cannot carry, or that contradict each other.
use lex_runtime::{Datetime, Map};

#[derive(lex_macros::Lexicon)]
#[lexicon(id = "com.example.note", record)]
pub struct Note {
    #[lexicon(max_graphemes = 10)]
    pub count: i64,
    #[lexicon(max_length = 64)]
    pub created_at: Datetime,
    #[lexicon(format = "did")]
    pub author: String,
    pub extra: Map,
}

#[derive(lex_macros::Lexicon)]
#[lexicon(id = "com.example.tag")]
pub struct Tag {
    #[lexicon(min_length = 10, max_length = 2)]
    pub name: String,
}

#[derive(lex_macros::Lexicon)]
#[lexicon(id = "com.example.range")]
pub struct Range {
    #[lexicon(minimum = 10, maximum = 2)]
    pub n: i64,
    pub extra: Map,
}

fn main() {}
