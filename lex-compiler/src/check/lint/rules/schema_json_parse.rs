//! `schema-json-parse`: the file is not a JSON object (the parse stage's syntax findings).

use crate::check::lint::LintRule;
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::diagnostics::Diagnostic;

declare_lint_rule! {
    /// ## What it does
    /// Reports lexicon files that are not strict JSON: syntax errors, duplicate keys,
    /// invalid UTF-8, or a top level that is not an object. The check is the parse
    /// stage's (`lex::parse::*`); lint files it under this id.
    /// ## Why is this bad?
    /// A file that is not JSON is no lexicon at all: no tool can load it, and every other
    /// rule is silent about it.
    /// ## Example
    /// `{"lexicon": 1, "id": "com.example.x",}` (trailing comma); instead remove the comma.
    pub SchemaJsonParse {
        id: "schema-json-parse",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for SchemaJsonParse {
    fn claims(&self, d: &Diagnostic) -> bool {
        d.code_str().starts_with("lex::parse::")
            && !matches!(d.id(), "wrong-json-type" | "missing-field")
    }
}
