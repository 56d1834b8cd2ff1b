//! `invalid-nsid`: the document id is not an NSID.

use crate::check::lint::LintRule;
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::diagnostics::Diagnostic;

declare_lint_rule! {
    /// ## What it does
    /// Reports a document `id` that is not a valid NSID (the schema stage's
    /// `lex::schema::invalid-nsid`).
    /// ## Why is this bad?
    /// The NSID is the lexicon's identity: it names records (`$type`), XRPC paths and the
    /// DNS authority. An invalid one cannot be published or resolved.
    /// ## Example
    /// `"id": "com.example..post"` (empty segment); instead `"id": "com.example.blog.post"`.
    pub InvalidNsid {
        id: "invalid-nsid",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for InvalidNsid {
    fn claims(&self, d: &Diagnostic) -> bool {
        d.code_str() == "lex::schema::invalid-nsid"
    }
}
