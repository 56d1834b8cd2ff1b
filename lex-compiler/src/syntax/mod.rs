//! Stage 1, parse: lexicon JSON text -> [`ParsedDocument`] (the runtime's schema model, plus
//! a side table of byte spans) and `lex::parse::*` diagnostics.
//!
//! The JSON scanner (`json.rs`) builds a spanned tree; the runtime's converter
//! (`lex_runtime::schema::convert_document`) turns it into the model, so the compiler and
//! the runtime share one lexicon parser. Spans stay out of the model (STYLE §3) and are
//! looked up by JSON pointer in [`SpanMap`]. `walk.rs` visits every schema node of a
//! document with its place (for the schema checks, lint and resolve).

pub mod format;
mod json;
mod spans;
pub(crate) mod walk;

use std::collections::BTreeSet;
use std::sync::Arc;

use lex_runtime::schema::{convert_document, Converted, Document, Problem, MISSING_FIELD};
use miette::NamedSource;

use crate::diagnostics::{Diagnostic, Diagnostics};
pub use spans::{NodeSpan, SpanMap};
pub(crate) use walk::{walk_document, Place};

/// A lexicon document with the spans and source it came from.
#[derive(Debug, Clone)]
pub struct ParsedDocument {
    /// The schema model (best effort when the parse reported errors).
    pub document: Document,
    /// Byte spans of every key and value, by JSON pointer.
    pub spans: SpanMap,
    /// The file name and text, shared by every diagnostic about this document.
    pub source: NamedSource<Arc<str>>,
    /// Pointers the parse stage already reported, so later stages do not repeat them.
    pub(crate) reported: BTreeSet<String>,
}

impl ParsedDocument {
    /// Whether the parse stage already reported a problem at `pointer`.
    pub fn was_reported(&self, pointer: &str) -> bool {
        self.reported.contains(pointer)
    }
}

/// The result of [`parse_document`]: the document when the text was JSON, and every
/// diagnostic found on the way.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// `None` when the text is not a JSON object; otherwise the (possibly partial) document.
    pub document: Option<ParsedDocument>,
    /// `lex::parse::*` diagnostics; the document is only trustworthy without errors.
    pub diagnostics: Diagnostics,
}

/// Parses lexicon JSON text named `name` (a path or URL, used in diagnostics).
pub fn parse_document(name: &str, source: &str) -> Parsed {
    let text: Arc<str> = Arc::from(source);
    parse_shared(name, text)
}

/// Parses raw bytes; invalid UTF-8 is a diagnostic, not a panic.
pub fn parse_document_bytes(name: &str, bytes: &[u8]) -> Parsed {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_document(name, text),
        Err(e) => {
            let text: Arc<str> = Arc::from(String::from_utf8_lossy(bytes).as_ref());
            // Lossy decoding leaves the valid prefix untouched, so the offset still fits.
            let at = e.valid_up_to();
            let source = NamedSource::new(name, text);
            let diagnostic =
                Diagnostic::error("lex::parse::invalid-utf8", "file is not valid UTF-8")
                    .label((at, 1).into(), "invalid byte sequence")
                    .help("save the lexicon as UTF-8")
                    .pointer("")
                    .source(source);
            Parsed {
                document: None,
                diagnostics: std::iter::once(diagnostic).collect(),
            }
        }
    }
}

fn parse_shared(name: &str, text: Arc<str>) -> Parsed {
    let source = NamedSource::new(name, Arc::clone(&text));
    let (tree, errors) = json::parse(&text);
    let mut diagnostics = Diagnostics::new();
    for e in errors {
        let code = format!("lex::parse::{}", e.id);
        let mut d = Diagnostic::error(code, e.message).label(e.span.to_source_span(), e.label);
        if let Some(first) = e.first {
            d = d
                .secondary(first.to_source_span(), "first defined here")
                .help("remove one of the two entries");
        } else {
            d = d.help("lexicons are strict JSON (RFC 8259): no comments, trailing commas or single quotes");
        }
        diagnostics.push(d.source(source.clone()));
    }
    let Some(tree) = tree else {
        return Parsed {
            document: None,
            diagnostics,
        };
    };
    let spans = SpanMap::build(&tree);
    let Converted { document, problems } = convert_document(&tree);
    let mut reported = BTreeSet::new();
    for problem in &problems {
        diagnostics.push(problem_diagnostic(problem, &spans, &source));
        reported.insert(problem.pointer.clone());
    }
    let document = document.map(|document| ParsedDocument {
        document,
        spans,
        source,
        reported,
    });
    Parsed {
        document,
        diagnostics,
    }
}

fn problem_diagnostic(p: &Problem, spans: &SpanMap, source: &NamedSource<Arc<str>>) -> Diagnostic {
    let code = format!("lex::parse::{}", p.id);
    let d = Diagnostic::error(code, p.message.clone()).pointer(p.pointer.clone());
    let d = if p.id == MISSING_FIELD {
        d.label(spans.missing_at(&p.pointer), "required field missing")
            .help("add the field; see the lexicon spec for what it holds")
    } else {
        d.label(spans.value(&p.pointer), "wrong type")
            .help("use the JSON type the lexicon spec gives for this field")
    };
    d.source(source.clone())
}

#[cfg(test)]
mod tests;
