//! Loading the lexicons an attribute names (through lex-compiler, as `lex check` does),
//! mapping each diagnostic back to the literal that brought its file in, and tracking the
//! files read.
//!
//! Tracking: every file that was read (each loaded document, and each file a diagnostic
//! names) gets an `include_bytes!`, so rustc's dep-info lists it and cargo re-expands the
//! macro when it changes. Not tracked, because stable proc-macros cannot declare them:
//! folder listings (a new file in a folder, or a deleted one, is picked up at the next
//! rebuild for another reason: touch a tracked file or the module's source file), and
//! files the walk skips (hidden ones, `lexicons.json`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use lex_compiler::{Catalog, LoadOptions, Loaded};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::LitStr;

use super::args::Args;
use super::errors::{self, Origin};

/// What the attribute loaded.
pub(crate) struct Source {
    loaded: Loaded,
    inputs: Vec<Input>,
    manifest_dir: PathBuf,
    /// Whether the inputs are files (tracked) or inline documents (nothing to track).
    from_files: bool,
}

/// One `path` or `json` argument.
struct Input {
    span: Span,
    /// Absolute path (files), or the document's name (`json #1`).
    name: String,
}

impl Source {
    /// Loads the `path` arguments (relative to `CARGO_MANIFEST_DIR`) or the `json` ones.
    pub(crate) fn load(args: &Args) -> Source {
        let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
            .map_or_else(|| PathBuf::from("."), PathBuf::from);
        let options = LoadOptions::new();
        if args.json.is_empty() {
            let inputs: Vec<Input> = args
                .paths
                .iter()
                .map(|lit| Input {
                    span: lit.span(),
                    name: manifest_dir.join(lit.value()).display().to_string(),
                })
                .collect();
            let paths: Vec<&str> = inputs.iter().map(|i| i.name.as_str()).collect();
            let loaded = lex_compiler::load_paths_with(&paths, &options);
            Source {
                loaded,
                inputs,
                manifest_dir,
                from_files: true,
            }
        } else {
            let inputs: Vec<Input> = args
                .json
                .iter()
                .enumerate()
                .map(|(i, lit)| Input {
                    span: lit.span(),
                    name: format!("json #{}", i + 1),
                })
                .collect();
            let texts: Vec<String> = args.json.iter().map(LitStr::value).collect();
            let loaded = lex_compiler::load_sources_with(
                inputs.iter().map(|i| i.name.as_str()).zip(&texts),
                &options,
            );
            Source {
                loaded,
                inputs,
                manifest_dir,
                from_files: false,
            }
        }
    }

    /// The catalog (complete when [`Source::errors`] is `None`).
    pub(crate) fn catalog(&self) -> &Catalog {
        &self.loaded.catalog
    }

    /// One error per error diagnostic, or `None` when the lexicons load cleanly.
    pub(crate) fn errors(&self) -> Option<syn::Error> {
        errors::combine(
            self.loaded
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| {
                    let input = self.input_of(d.source_name(), d.message());
                    let name = match d.source_name() {
                        Some(n) if self.from_files => {
                            errors::display_path(Path::new(n), &self.manifest_dir)
                        }
                        Some(n) => n.to_owned(),
                        None => String::new(),
                    };
                    let origin = Origin {
                        span: input.map_or_else(Span::call_site, |i| i.span),
                        name: if name.is_empty() { "(no file)" } else { &name },
                        note: if self.from_files {
                            ""
                        } else {
                            " (line and column inside the string literal)"
                        },
                    };
                    errors::to_error(d, &origin)
                }),
        )
    }

    /// The argument a diagnostic belongs to: the one whose path holds its file (or, for a
    /// diagnostic without a file, whose path its message names), else the first.
    fn input_of(&self, file: Option<&str>, message: &str) -> Option<&Input> {
        let found = self.inputs.iter().find(|i| match file {
            Some(f) if self.from_files => Path::new(f).starts_with(&i.name),
            Some(f) => f == i.name,
            None => message.contains(&i.name),
        });
        found.or(self.inputs.first())
    }

    /// `include_bytes!` of every file read, in a `const _` (empty for inline documents).
    pub(crate) fn tracking(&self) -> TokenStream {
        if !self.from_files {
            return TokenStream::new();
        }
        let docs = self.loaded.catalog.documents().map(|d| d.source.name());
        let diagnosed = self
            .loaded
            .diagnostics
            .iter()
            .filter_map(|d| d.source_name());
        let files: BTreeSet<&str> = docs
            .chain(diagnosed)
            .filter(|f| Path::new(f).is_file())
            .collect();
        if files.is_empty() {
            return TokenStream::new();
        }
        let files = files.into_iter();
        quote! {
            const _: &[&[u8]] = &[#(include_bytes!(#files)),*];
        }
    }
}
