//! `non-object-message`: a subscription message type that is not an object.

use crate::check::lint::LintRule;
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::diagnostics::Diagnostic;

declare_lint_rule! {
    /// ## What it does
    /// Reports a member of a subscription's message union that is not an object or
    /// record, such as a `bytes` definition (the resolve stage's
    /// `lex::resolve::non-object-message`).
    /// ## Why is this bad?
    /// The spec makes union members objects, and such a member carries no `$type`: only an
    /// event-stream frame header can name it, so it cannot appear in JSON or records. It is
    /// a warning, not an error: the TypeScript toolchain builds such lexicons, published ones
    /// exist, and `lex` generates a `Message` variant holding the bare value.
    /// ## Example
    /// `"refs": ["#commit", "#rawFrame"]` with `rawFrame` of type `bytes`; instead wrap the
    /// bytes in an object: `{"type": "object", "properties": {"data": {"type": "bytes"}}}`.
    pub NonObjectMessage {
        id: "non-object-message",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for NonObjectMessage {
    fn claims(&self, d: &Diagnostic) -> bool {
        d.code_str() == "lex::resolve::non-object-message"
    }
}
