//! Diagnostics shared by every stage: one [`Diagnostic`] type with its code chosen at run
//! time (`lex::parse::<id>`, `lex::schema::<id>`, ...), and [`Diagnostics`], the bundle a
//! stage returns (every problem, never just the first).
//!
//! Rendering is left to the caller: the CLI turns on `miette/fancy`; this crate does not.
//! What it needs to render cheaply lives beside: `locate.rs` turns offsets into lines and
//! columns, `excerpt.rs` cuts a source down to the lines a diagnostic shows.

use std::fmt;
use std::sync::Arc;

use miette::{LabeledSpan, NamedSource, Severity, SourceCode, SourceSpan};

mod excerpt;
mod locate;
#[cfg(test)]
mod tests;

pub use excerpt::{Excerpt, Excerpted, MAX_SHOWN_LINE};
pub use locate::{LineIndex, Locator};

/// One finding: a code, a message, labelled spans in one source file, and a help line.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    code: String,
    severity: Severity,
    message: String,
    labels: Vec<LabeledSpan>,
    help: Option<String>,
    pointer: Option<String>,
    source: Option<NamedSource<Arc<str>>>,
}

impl Diagnostic {
    /// An error with `code` (e.g. `"lex::parse::duplicate-key"`) and a lower-case message.
    pub fn error(code: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            code: code.into(),
            severity: Severity::Error,
            message: message.into(),
            labels: Vec::new(),
            help: None,
            pointer: None,
            source: None,
        }
    }

    /// A warning with `code` and a lower-case message.
    pub fn warning(code: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// Adds the primary label (a short noun phrase) at `span`.
    pub fn label(mut self, span: SourceSpan, text: impl Into<String>) -> Self {
        self.labels
            .push(LabeledSpan::new_primary_with_span(Some(text.into()), span));
        self
    }

    /// Adds a secondary label at `span`.
    pub fn secondary(mut self, span: SourceSpan, text: impl Into<String>) -> Self {
        self.labels
            .push(LabeledSpan::new_with_span(Some(text.into()), span));
        self
    }

    /// Sets the help line (what to do about it).
    pub fn help(mut self, text: impl Into<String>) -> Self {
        self.help = Some(text.into());
        self
    }

    /// Records the JSON pointer of the offending value.
    pub fn pointer(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    /// Attaches the source text the labels point into.
    pub fn source(mut self, source: NamedSource<Arc<str>>) -> Self {
        self.source = Some(source);
        self
    }

    /// Files this finding under another code and severity (lint reports parse and schema
    /// findings under its own rule ids).
    pub fn recode(mut self, code: impl Into<String>, severity: Severity) -> Self {
        self.code = code.into();
        self.severity = severity;
        self
    }

    /// The code, e.g. `lex::schema::invalid-nsid`.
    pub fn code_str(&self) -> &str {
        &self.code
    }

    /// The kebab-case id: the last segment of the code.
    pub fn id(&self) -> &str {
        self.code.rsplit("::").next().unwrap_or(&self.code)
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Error or warning (or advice).
    pub fn severity_level(&self) -> Severity {
        self.severity
    }

    /// Whether this diagnostic is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The JSON pointer of the offending value, when known.
    pub fn json_pointer(&self) -> Option<&str> {
        self.pointer.as_deref()
    }

    /// The name of the source file, when the diagnostic has one.
    pub fn source_name(&self) -> Option<&str> {
        self.source.as_ref().map(|s| s.name())
    }

    /// The primary span, when there is one.
    pub fn primary_span(&self) -> Option<SourceSpan> {
        self.labels
            .iter()
            .find(|l| l.primary())
            .or(self.labels.first())
            .map(|l| *l.inner())
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diagnostic {}

impl miette::Diagnostic for Diagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }

    fn severity(&self) -> Option<Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
}

/// Every diagnostic of a stage, in source order; itself a miette diagnostic whose
/// `related()` are the findings.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// No findings.
    pub fn new() -> Self {
        Diagnostics::default()
    }

    /// Adds one finding.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds every finding of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Whether there are no findings at all.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The number of findings.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// The number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// The findings, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    /// The findings as a vector.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    /// Sorts by file name, then source position (stable, so findings at one place keep
    /// their order); findings without a file come first.
    pub fn sort_by_file_and_position(&mut self) {
        self.items.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                (
                    d.source_name().map(str::to_owned),
                    d.primary_span().map_or(0, |s| s.offset()),
                )
            };
            key(a).cmp(&key(b))
        });
    }

    /// Sorts by source position (stable, so findings at one place keep their order).
    pub fn sort_by_position(&mut self) {
        self.items
            .sort_by_key(|d| d.primary_span().map_or(0, |s| s.offset()));
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.error_count();
        let warnings = self.items.len() - errors;
        write!(f, "{errors} error(s), {warnings} warning(s)")
    }
}

impl std::error::Error for Diagnostics {}

impl miette::Diagnostic for Diagnostics {
    fn severity(&self) -> Option<Severity> {
        Some(if self.has_errors() {
            Severity::Error
        } else {
            Severity::Warning
        })
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        Some(Box::new(
            self.items.iter().map(|d| d as &dyn miette::Diagnostic),
        ))
    }
}
