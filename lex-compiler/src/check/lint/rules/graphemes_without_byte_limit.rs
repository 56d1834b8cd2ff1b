//! `graphemes-without-byte-limit`: `maxGraphemes` without `maxLength`.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::check::schema::rule::Node;

declare_lint_rule! {
    /// ## What it does
    /// Reports a `string` with `maxGraphemes` but no `maxLength`.
    /// ## Why is this bad?
    /// A grapheme cluster has no size bound (one "character" can be hundreds of bytes of
    /// combining marks), so a grapheme limit alone does not bound the record's size. The
    /// style guide asks for a byte limit as well, 10 to 20 bytes per grapheme.
    /// ## Example
    /// `{"type": "string", "maxGraphemes": 300}`; instead
    /// `{"type": "string", "maxGraphemes": 300, "maxLength": 3000}`.
    pub GraphemesWithoutByteLimit {
        id: "graphemes-without-byte-limit",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for GraphemesWithoutByteLimit {
    fn check_node(&self, cx: &mut LintCx<'_>, node: &Node<'_>) {
        let Schema::String(s) = node.schema else {
            return;
        };
        let (Some(g), None) = (s.max_graphemes, s.max_length) else {
            return;
        };
        cx.report(
            &Self::INFO,
            &pointer_push(node.pointer, "maxGraphemes"),
            "grapheme limit without a byte limit",
        )
        .key()
        .label("no `maxLength` beside this")
        .help(format!(
            "add `maxLength` between {} and {} (10-20 bytes per grapheme)",
            g.saturating_mul(10),
            g.saturating_mul(20)
        ));
    }
}
