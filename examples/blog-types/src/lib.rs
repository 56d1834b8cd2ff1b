//! The project's example lexicons (`lexicons/com/example/blog/*`) as Rust, the way a user
//! gets them: `lex build --lexicons lexicons --out examples/blog-types/src/lexicons`.
//! The generated files are checked in, and CI runs the same command with `--check`, so
//! they never go stale.
//!
//! ```
//! use blog_types::lexicons::com::example::blog::post::Post;
//! use lex_runtime::{Datetime, Validate};
//!
//! let created_at: Datetime = "2026-11-26T01:00:00.000Z".parse()?;
//! let post = Post::new("A title".into(), "Text of the post.".into(), created_at);
//! assert!(post.validate().is_ok());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(warnings)]

// Generated code keeps the layout `lex build` gives it, so `lex build --check` stays exact.

#[rustfmt::skip]
pub mod lexicons;
