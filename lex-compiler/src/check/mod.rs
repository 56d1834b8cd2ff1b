//! Stage 3, check: findings about documents and catalogs.
//!
//! [`schema`] holds the spec's validity rules for one document (`lex::schema::*`).
//! [`lint`] holds the style and goat-compatible rules (`lex::lint::*`), [`breaking`] the
//! evolution rules comparing two catalogs (`lex::breaking::*`), and [`config`] reads
//! `lex.toml`, which selects and tunes both.

pub mod breaking;
pub mod config;
pub mod lint;
pub mod schema;
