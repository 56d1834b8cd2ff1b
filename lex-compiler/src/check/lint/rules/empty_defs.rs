//! `empty-defs`: a lexicon that defines nothing.

use crate::check::lint::LintRule;
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::diagnostics::Diagnostic;

declare_lint_rule! {
    /// ## What it does
    /// Reports a lexicon whose `defs` is empty (the schema stage's
    /// `lex::schema::empty-defs`).
    /// ## Why is this bad?
    /// The spec calls such a document invalid: it names an NSID and describes nothing. A
    /// warning rather than an error because the TypeScript and Go implementations accept
    /// it, and one empty file must not stop a whole folder from building.
    /// ## Example
    /// `{"lexicon": 1, "id": "com.example.placeholder", "defs": {}}`; instead add the
    /// definitions, or delete the file.
    pub EmptyDefs {
        id: "empty-defs",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for EmptyDefs {
    fn claims(&self, d: &Diagnostic) -> bool {
        d.code_str() == "lex::schema::empty-defs"
    }
}
