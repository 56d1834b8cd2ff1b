//! `non-main-primary`: a primary type outside `main`.

use crate::check::lint::LintRule;
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::diagnostics::Diagnostic;

declare_lint_rule! {
    /// ## What it does
    /// Reports a record, query, procedure, subscription or permission set defined under a
    /// name other than `main` (the schema stage's `lex::schema::primary-not-main`).
    /// ## Why is this bad?
    /// Primary types are addressed by the bare NSID; the spec allows them only as `main`.
    /// ## Example
    /// `"defs": {"post": {"type": "record", ...}}`; instead move it to its own file as
    /// `main`.
    pub NonMainPrimary {
        id: "non-main-primary",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for NonMainPrimary {
    fn claims(&self, d: &Diagnostic) -> bool {
        d.code_str() == "lex::schema::primary-not-main"
    }
}
