//! `unresolved-ref`: a reference to a definition that is not loaded.

use crate::check::lint::LintRule;
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::diagnostics::Diagnostic;

declare_lint_rule! {
    /// ## What it does
    /// Reports a `ref` or union member that names a definition no loaded lexicon has (the
    /// resolve stage's `lex::resolve::unknown-ref`, with a "did you mean").
    /// ## Why is this bad?
    /// Data using the reference cannot be validated and no code can be generated for it.
    /// Lint a folder together with the lexicons it uses (`lex install` fetches them), or
    /// set this rule to `off` when linting a partial set on purpose.
    /// ## Example
    /// `{"type": "ref", "ref": "#replyRf"}`; instead `{"type": "ref", "ref": "#replyRef"}`.
    pub UnresolvedRef {
        id: "unresolved-ref",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for UnresolvedRef {
    fn claims(&self, d: &Diagnostic) -> bool {
        d.code_str() == "lex::resolve::unknown-ref"
    }
}
