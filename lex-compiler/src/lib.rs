//! The Lexicon compiler: lexicon JSON in; diagnostics, a checked catalog and Rust out.
//!
//! Stages: [`syntax`] (parse) -> `resolve` (catalog) -> [`check`] -> `codegen`.
//!
//! ```
//! let src = r#"{"lexicon": 1, "id": "com.example.ping", "defs": {"main": {"type": "token"}}}"#;
//! let parsed = lex_compiler::syntax::parse_document("ping.json", src);
//! assert!(!parsed.diagnostics.has_errors());
//! if let Some(doc) = &parsed.document {
//!     let findings = lex_compiler::check::schema::check_document(doc);
//!     assert!(!findings.has_errors());
//! }
//! ```
#![deny(missing_docs)]

pub mod check;
pub mod codegen;
mod config;
pub mod diagnostics;
pub mod ir;
pub mod manifest;
#[cfg(feature = "network")]
pub mod network;
mod output;
pub mod resolve;
pub mod syntax;
pub mod template;

pub use config::{compile, nsid_matches, Config, Error, Result};
pub use diagnostics::{Diagnostic, Diagnostics};
pub use ir::{Catalog, DefId, DefRef, DefView};
pub use output::{diff_tree, write_tree, WriteReport};
pub use resolve::{
    load_paths, load_paths_with, load_sources, load_sources_with, LoadOptions, Loaded,
};
pub use syntax::{parse_document, ParsedDocument};
