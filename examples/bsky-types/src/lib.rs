//! The Bluesky and atproto lexicons the bsky examples use, as Rust, the way a user gets
//! them: `lex install <nsid>...` in `examples/bsky/` (the files and `lexicons.json` are
//! checked in), then `lex build --lexicons examples/bsky/lexicons --out
//! examples/bsky-types/src/lexicons`. CI runs the same build with `--check`, and every
//! bsky example depends on this crate, so the `app.bsky` types compile once.
//!
//! ```
//! use bsky_types::lexicons::app::bsky::feed::post::Post;
//! use lex_runtime::{Datetime, Validate};
//!
//! let created_at: Datetime = "2026-11-26T01:00:00.000Z".parse()?;
//! let post = Post::new("Hello from lex".into(), created_at);
//! assert!(post.validate().is_ok());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(warnings)]

// Generated code keeps the layout `lex build` gives it, so `lex build --check` stays exact.

#[rustfmt::skip]
pub mod lexicons;
