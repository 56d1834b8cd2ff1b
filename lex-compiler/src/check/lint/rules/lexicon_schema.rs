//! `lexicon-schema`: the document breaks the lexicon spec's structure rules.

use crate::check::lint::LintRule;
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::diagnostics::Diagnostic;

declare_lint_rule! {
    /// ## What it does
    /// Reports documents that are JSON but not valid lexicons: fields of the wrong JSON
    /// type, missing required fields, types in places the spec forbids, bad constraints,
    /// references to unsuitable definitions. These are the schema and resolve stages'
    /// findings (`lex::schema::*`, `lex::resolve::*`, as `lex check` shows them) that no
    /// more specific lint rule claims.
    /// ## Why is this bad?
    /// Other tools reject such a lexicon, and code generated from it would be wrong.
    /// ## Example
    /// `{"type": "string", "maxLength": "64"}`; instead `{"type": "string", "maxLength": 64}`.
    pub LexiconSchema {
        id: "lexicon-schema",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for LexiconSchema {
    /// The fallback for every stage finding; the engine asks it last.
    fn claims(&self, d: &Diagnostic) -> bool {
        !d.code_str().starts_with("lex::lint::")
    }
}
