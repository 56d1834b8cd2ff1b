//! `lexicon-version`: the language version is not 1.

use crate::check::lint::LintRule;
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::diagnostics::Diagnostic;

declare_lint_rule! {
    /// ## What it does
    /// Reports a `lexicon` field other than the integer `1` (the schema stage's
    /// `lex::schema::lexicon-version`).
    /// ## Why is this bad?
    /// Version 1 is the only language version; tools reject anything else.
    /// ## Example
    /// `"lexicon": "1"`; instead `"lexicon": 1`.
    pub LexiconVersion {
        id: "lexicon-version",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for LexiconVersion {
    fn claims(&self, d: &Diagnostic) -> bool {
        d.code_str() == "lex::schema::lexicon-version"
    }
}
