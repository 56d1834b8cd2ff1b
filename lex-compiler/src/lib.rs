//! The Lexicon compiler: lexicon JSON in; diagnostics, a checked catalog and Rust out.
//!
//! Stages, one module each: [`syntax`] (parse; the document walker) -> [`check::schema`]
//! (each document against the spec) -> [`resolve`] (the [`Catalog`], references resolved)
//! -> [`check`] (lint and breaking, over catalogs) -> [`codegen`] (reads the catalog only
//! through the [`ir`] views). [`load()`] is the one driver of the first three stages: the
//! CLI, [`Config`] (build.rs) and `#[lex_macros::lexicon]` all call it.
//!
//! ```
//! use lex_compiler::{load, Input, LoadOptions};
//!
//! let src = r#"{"lexicon": 1, "id": "com.example.ping", "defs": {"main": {"type": "token"}}}"#;
//! let loaded = load([Input::text("ping.json", src)], &LoadOptions::new());
//! assert!(!loaded.diagnostics.has_errors());
//! let ping = loaded.catalog.lexicon("com.example.ping").expect("loaded");
//! assert_eq!(ping.def("main").map(|d| d.schema().type_name()), Some("token"));
//! ```
#![deny(missing_docs)]

pub mod check;
pub mod codegen;
mod config;
pub mod diagnostics;
pub mod ir;
pub mod load;
pub mod manifest;
#[cfg(feature = "network")]
pub mod network;
mod output;
mod par;
pub mod resolve;
pub mod syntax;
pub mod template;

pub use config::{compile, nsid_matches, Config, Error, Result};
pub use diagnostics::{Diagnostic, Diagnostics};
pub use ir::{Catalog, DefId, DefRef, DefView};
pub use load::{
    load, load_paths, load_paths_with, load_sources, load_sources_with, Input, LoadOptions, Loaded,
};
pub use output::{diff_tree, write_tree, WriteReport};
pub use syntax::{parse_document, ParsedDocument};
