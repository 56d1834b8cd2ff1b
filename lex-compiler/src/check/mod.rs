//! Stage 3, check: findings about documents and catalogs.
//!
//! [`schema`] holds the spec's validity rules for one document (`lex::schema::*`).
//! [`lint`] holds the style and goat-compatible rules (`lex::lint::*`), [`breaking`] the
//! evolution rules comparing two catalogs (`lex::breaking::*`). Both speak the vocabulary
//! of [`rule`] (rule metadata, levels, registry entries, findings) and report through
//! `report`'s builder; [`lex_toml`] reads `lex.toml` and [`selection`] resolves its
//! `[lint]` or `[breaking]` section against a registry. Dependencies point one way:
//! `lint` and `breaking` use `rule`, `report` and `selection`; none of those uses them.

pub mod breaking;
pub mod glob;
pub mod lex_toml;
pub mod lint;
pub(crate) mod report;
pub mod rule;
pub mod schema;
pub mod selection;
