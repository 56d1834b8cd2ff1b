//! Schema validity: one parsed document in, `lex::schema::*` findings out.
//!
//! Everything the lexicon spec marks invalid is an error; a few things the spec says
//! consumers ignore (permissions outside the set's namespace, types this version does not
//! know) are warnings. Style is not checked here (that is the lint stage). Each rule lives
//! in `rules/<id>.rs`; `registry.rs` lists them. The document walker (`syntax/walk.rs`)
//! visits every schema node once, tagging it with its `Place` so placement rules know the
//! position.

mod ident;
mod registry;
pub(crate) mod rule;
mod rules;

#[cfg(test)]
mod tests;

use crate::check::report::{Emit, Report, Reporter};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::syntax::walk_document;
use crate::syntax::ParsedDocument;
pub use rule::RuleInfo;

/// Metadata of every schema rule, in registry order.
pub fn rules() -> impl Iterator<Item = &'static RuleInfo> {
    registry::RULES.iter().map(|r| r.info())
}

/// Runs every schema rule over `doc` and returns all findings, in source order.
pub fn check_document(doc: &ParsedDocument) -> Diagnostics {
    let mut cx = Cx {
        doc,
        out: Diagnostics::new(),
    };
    let document = &doc.document;
    for rule in registry::RULES {
        rule.check_document(&mut cx, document);
    }
    walk_document(document, &mut |node| {
        for rule in registry::RULES {
            rule.check_node(&mut cx, node);
        }
    });
    let mut out = cx.out;
    out.sort_by_position();
    out
}

/// The rules' view of the run: where to report, and the document's spans.
pub(crate) struct Cx<'a> {
    doc: &'a ParsedDocument,
    out: Diagnostics,
}

impl Cx<'_> {
    /// The document NSID as written.
    pub(crate) fn document_id(&self) -> &str {
        &self.doc.document.id
    }

    /// Starts a report of `rule` at `pointer` (see [`crate::check::report`]).
    pub(crate) fn report<'c, 'a>(
        &'c mut self,
        rule: &'static RuleInfo,
        pointer: &'a str,
        message: impl Into<String>,
    ) -> Reporter<'c, 'a, Self> {
        Reporter::new(self, rule, pointer, message)
    }
}

impl Emit for Cx<'_> {
    type Info = RuleInfo;

    /// Files a finding, unless the parse stage already reported a problem at the same
    /// place (one problem, one diagnostic).
    fn emit(&mut self, rule: &'static RuleInfo, mut report: Report<'_>) {
        if self.doc.was_reported(report.pointer) {
            return;
        }
        let message = std::mem::take(&mut report.message);
        let d = match rule.severity {
            miette::Severity::Error => Diagnostic::error(rule.code, message),
            _ => Diagnostic::warning(rule.code, message),
        };
        self.out.push(report.decorate(d, self.doc));
    }
}
