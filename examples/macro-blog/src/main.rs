//! The project's example lexicons (`lexicons/com/example/blog/*`) used through
//! `#[lex_macros::lexicon]` instead of a build script or checked-in `lex build` output:
//! the attribute generates the same module tree at compile time, and editing a lexicon
//! re-expands it. Run with `cargo run -p lex-example-macro-blog`.

use lex_runtime::{Datetime, Validate};

/// Everything `lex build --lexicons ../../lexicons` would write, as one inline module.
#[lex_macros::lexicon(path = "../../lexicons")]
pub mod lexicons {}

use lexicons::com::example::blog::post::Post;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let created_at: Datetime = "2026-12-05T12:00:00.000Z".parse()?;
    let mut post = Post::new("Macros".into(), "No build.rs here.".into(), created_at);
    post.validate()?;
    let json = serde_json::to_string_pretty(&post)?;
    println!("{json}");

    // Constraints from the lexicon are checked by the generated `validate()`.
    post.title = "x".repeat(2000);
    match post.validate() {
        Ok(()) => println!("unexpected: a 2000-character title passed"),
        Err(e) => println!("too long, as the lexicon says: {e}"),
    }
    let back: Post = serde_json::from_str(&json)?;
    println!("round trip: {}", back.title);
    Ok(())
}
