//! Compiler diagnostics -> `compile_error!`s: one per error `lex check` reports, naming
//! the lexicon file, line and column, the code and the help line.
//!
//! Stable proc-macros cannot point into a file or inside a string literal, so each error
//! is spanned on the attribute's literal that brought the lexicon in (the `path` holding
//! the file, or the inline `json` document) and the position goes into the message.

use std::path::Path;

use lex_compiler::Diagnostic;
use miette::Diagnostic as _;
use proc_macro2::Span;

/// Where a diagnostic's source came from, for its message and span.
pub(crate) struct Origin<'a> {
    /// The span errors about this source are reported at.
    pub(crate) span: Span,
    /// How the message names the source (`lexicons/com/example/a.json`, `json #1`).
    pub(crate) name: &'a str,
    /// Said after the position (inline documents: the position is inside the literal).
    pub(crate) note: &'a str,
}

/// The error for one diagnostic.
pub(crate) fn to_error(d: &Diagnostic, origin: &Origin<'_>) -> syn::Error {
    let mut message = format!("{}: {}", d.code_str(), d.message());
    let position = d.primary_span().and_then(|span| {
        let source = d.source_code()?;
        let contents = source.read_span(&span, 0, 0).ok()?;
        Some((contents.line() + 1, contents.column() + 1))
    });
    message.push_str("\n  --> ");
    message.push_str(origin.name);
    if let Some((line, column)) = position {
        message.push_str(&format!(":{line}:{column}"));
    }
    message.push_str(origin.note);
    if let Some(help) = d.help() {
        message.push_str(&format!("\n  = help: {help}"));
    }
    syn::Error::new(origin.span, message)
}

/// `path` shown relative to the crate (`lexicons/a.json`), as the user wrote it.
pub(crate) fn display_path(path: &Path, manifest_dir: &Path) -> String {
    path.strip_prefix(manifest_dir)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Folds many errors into one (`compile_error!` for each when emitted).
pub(crate) fn combine(errors: impl IntoIterator<Item = syn::Error>) -> Option<syn::Error> {
    errors.into_iter().reduce(|mut all, e| {
        all.combine(e);
        all
    })
}
