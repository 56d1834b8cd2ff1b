//! How a rule reports: one builder for the lint, breaking and schema rules.
//!
//! ```ignore
//! cx.report(&Self::INFO, node.pointer, "string has no length limit")
//!     .key()
//!     .label("unbounded string")
//!     .help("add `maxLength` (bytes)");
//! ```
//!
//! The finding is filed when the statement ends (the [`Reporter`] is dropped), so a rule
//! states only what differs from the defaults instead of passing seven positional
//! arguments. Each context decides what filing means: lint and breaking apply the level
//! `lex.toml` configures ([`Report::finding`]); breaking also picks the old or the new
//! file's spans; schema drops a report where the parse stage already found a problem and
//! ignores `level` and `in_old` (its rules have a fixed severity and one document).

use miette::SourceSpan;

use crate::check::rule::{Finding, Level, RuleInfo};
use crate::check::selection::Selection;
use crate::diagnostics::Diagnostic;
use crate::syntax::ParsedDocument;

/// What a label points at: the value at the pointer, or its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum At {
    /// The value (the default).
    #[default]
    Value,
    /// The key, for things that are about a name or that have no useful value span.
    Key,
}

/// A finding as a rule describes it, before its context files it.
#[derive(Debug, Default)]
pub(crate) struct Report<'a> {
    /// JSON pointer of the node concerned.
    pub(crate) pointer: &'a str,
    /// Whether the label marks the value or the key at `pointer`.
    pub(crate) at: At,
    /// What is wrong.
    pub(crate) message: String,
    /// A short noun phrase at the span.
    pub(crate) label: Option<&'a str>,
    /// What to do.
    pub(crate) help: Option<String>,
    /// The rule's level for this place (default: its declared level); lex.toml still wins.
    pub(crate) level: Option<Level>,
    /// Breaking only: label in the old file even when the new one has the pointer (for
    /// things that are gone, at a pointer the new file may use for something else).
    pub(crate) in_old: bool,
}

impl Report<'_> {
    /// The span of `pointer` (value or key) in `doc`.
    pub(crate) fn span(&self, doc: &ParsedDocument) -> SourceSpan {
        match self.at {
            At::Value => doc.spans.value(self.pointer),
            At::Key => doc.spans.key(self.pointer),
        }
    }

    /// Adds the label, help and pointer to `d`, labelled in `doc`.
    pub(crate) fn decorate(self, d: Diagnostic, doc: &ParsedDocument) -> Diagnostic {
        let span = self.span(doc);
        let d = match self.label {
            Some(label) => d.label(span, label),
            None => d,
        };
        let d = match self.help {
            Some(help) => d.help(help),
            None => d,
        };
        d.pointer(self.pointer).source(doc.source.clone())
    }

    /// The lint or breaking finding of `rule`, labelled in `doc` and filed under `nsid`;
    /// `None` when `selection` turns the rule off. A level set in lex.toml wins over the
    /// rule's choice for this place.
    pub(crate) fn finding(
        mut self,
        rule: &'static RuleInfo,
        selection: &Selection,
        doc: &ParsedDocument,
        nsid: &str,
    ) -> Option<Finding> {
        let configured = selection.level(rule.id)?;
        let level = if configured == rule.level {
            self.level.unwrap_or(rule.level)
        } else {
            configured
        };
        let diagnostic = Diagnostic::error(rule.code, std::mem::take(&mut self.message))
            .recode(rule.code, level.severity());
        Some(Finding {
            rule: rule.id,
            level,
            nsid: Some(nsid.to_owned()),
            diagnostic: self.decorate(diagnostic, doc),
        })
    }
}

/// A context that files the reports of rules described by `Info`.
pub(crate) trait Emit {
    /// The metadata type of the rules reporting here.
    type Info: 'static;

    /// Files one report of `rule`.
    fn emit(&mut self, rule: &'static Self::Info, report: Report<'_>);
}

/// A report being built; filed with its context when dropped.
pub(crate) struct Reporter<'c, 'a, C: Emit> {
    cx: &'c mut C,
    rule: &'static C::Info,
    report: Report<'a>,
}

impl<'c, 'a, C: Emit> Reporter<'c, 'a, C> {
    /// Starts a report of `rule` at `pointer`'s value.
    pub(crate) fn new(
        cx: &'c mut C,
        rule: &'static C::Info,
        pointer: &'a str,
        message: impl Into<String>,
    ) -> Self {
        Reporter {
            cx,
            rule,
            report: Report {
                pointer,
                message: message.into(),
                ..Report::default()
            },
        }
    }

    /// Labels the key at the pointer instead of its value.
    pub(crate) fn key(mut self) -> Self {
        self.report.at = At::Key;
        self
    }

    /// Labels the value or the key, as `at` says.
    pub(crate) fn at(mut self, at: At) -> Self {
        self.report.at = at;
        self
    }

    /// The label text at the span.
    pub(crate) fn label(mut self, label: &'a str) -> Self {
        self.report.label = Some(label);
        self
    }

    /// What to do about it.
    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.report.help = Some(help.into());
        self
    }

    /// The rule's level for this finding (e.g. lower outside record data).
    pub(crate) fn level(mut self, level: Level) -> Self {
        self.report.level = Some(level);
        self
    }

    /// Breaking only: labels the old file (see [`Report::in_old`]).
    pub(crate) fn in_old(mut self) -> Self {
        self.report.in_old = true;
        self
    }
}

impl<C: Emit> Drop for Reporter<'_, '_, C> {
    fn drop(&mut self) {
        let report = std::mem::take(&mut self.report);
        self.cx.emit(self.rule, report);
    }
}
