//! The Lexicon compiler: lexicon JSON in; diagnostics, a checked catalog and Rust out.
//!
//! Stages: `syntax` (parse) -> `resolve` (catalog) -> `check` -> `codegen`.
#![deny(missing_docs)]
