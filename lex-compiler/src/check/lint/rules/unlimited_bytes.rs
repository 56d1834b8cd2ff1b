//! `unlimited-bytes`: a bytes field with no `maxLength`.

use lex_runtime::schema::Schema;

use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::check::schema::rule::Node;

declare_lint_rule! {
    /// ## What it does
    /// Reports a `bytes` field without `maxLength`.
    /// ## Why is this bad?
    /// Unbounded bytes let one record or message grow to the protocol's size limits, and
    /// every consumer must be ready to hold that much.
    /// ## Example
    /// `{"type": "bytes"}`; instead `{"type": "bytes", "maxLength": 64}`.
    pub UnlimitedBytes {
        id: "unlimited-bytes",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for UnlimitedBytes {
    fn check_node(&self, cx: &mut LintCx<'_>, node: &Node<'_>) {
        let Schema::Bytes(b) = node.schema else {
            return;
        };
        if b.max_length.is_some() {
            return;
        }
        cx.report(&Self::INFO, node.pointer, "bytes field has no length limit")
            .key()
            .label("unbounded bytes")
            .help("add `maxLength`");
    }
}
