//! `large-bytes`: a bytes field allowed to be larger than 20 KiB.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::lint::rules::large_string::LARGE;
use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::check::schema::rule::Node;

declare_lint_rule! {
    /// ## What it does
    /// Reports a `bytes` field whose `maxLength` exceeds 20 KiB (20,480 bytes).
    /// ## Why is this bad?
    /// Inline bytes travel inside the record or message to every consumer; large binary
    /// data belongs in a blob.
    /// ## Example
    /// `{"type": "bytes", "maxLength": 5000000}`; instead
    /// `{"type": "blob", "accept": ["application/octet-stream"], "maxSize": 5000000}`.
    pub LargeBytes {
        id: "large-bytes",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for LargeBytes {
    fn check_node(&self, cx: &mut LintCx<'_>, node: &Node<'_>) {
        let Schema::Bytes(b) = node.schema else {
            return;
        };
        let Some(max) = b.max_length.filter(|m| *m > LARGE) else {
            return;
        };
        cx.report(
            &Self::INFO,
            &pointer_push(node.pointer, "maxLength"),
            format!("bytes may hold up to {max} bytes, more than 20 KiB"),
        )
        .label("very large limit")
        .help("store large binary data in a blob, or lower `maxLength`");
    }
}
