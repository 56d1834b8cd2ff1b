//! Stage 3, check: findings about documents and catalogs.
//!
//! [`schema`] holds the spec's validity rules for one document (`lex::schema::*`).

pub mod schema;
