//! `large-string`: a string allowed to be larger than 20 KiB.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::check::schema::rule::Node;

/// Above this many bytes, a value belongs in a blob (goat's threshold).
pub(crate) const LARGE: i64 = 20 * 1024;

declare_lint_rule! {
    /// ## What it does
    /// Reports a `string` whose `maxLength` exceeds 20 KiB (20,480 bytes).
    /// ## Why is this bad?
    /// Records are capped at 1 MiB in CBOR and are copied to every appview and relay;
    /// large text belongs in a blob, which is fetched only when needed.
    /// ## Example
    /// `{"type": "string", "maxLength": 1000000}`; instead a `blob` with
    /// `"accept": ["text/plain"]`, or a smaller limit.
    pub LargeString {
        id: "large-string",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for LargeString {
    fn check_node(&self, cx: &mut LintCx<'_>, node: &Node<'_>) {
        let Schema::String(s) = node.schema else {
            return;
        };
        let Some(max) = s.max_length.filter(|m| *m > LARGE) else {
            return;
        };
        cx.report(
            &Self::INFO,
            &pointer_push(node.pointer, "maxLength"),
            format!("string may hold up to {max} bytes, more than 20 KiB"),
        )
        .label("very large limit")
        .help("store large text in a blob, or lower `maxLength`");
    }
}
