//! `boolean-default-true`: a boolean option whose default is `true`.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::check::schema::rule::Node;

declare_lint_rule! {
    /// ## What it does
    /// Reports a `boolean` with `"default": true`.
    /// ## Why is this bad?
    /// Absent booleans read as `false` in most code, and defaults are not stored in data,
    /// so a `true` default is easy to get wrong on one side. The style guide names
    /// options so that the default is `false` (`hideReplies`, not `showReplies`).
    /// ## Example
    /// `"showReplies": {"type": "boolean", "default": true}`; instead
    /// `"hideReplies": {"type": "boolean", "default": false}`.
    pub BooleanDefaultTrue {
        id: "boolean-default-true",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for BooleanDefaultTrue {
    fn check_node(&self, cx: &mut LintCx<'_>, node: &Node<'_>) {
        let Schema::Boolean(b) = node.schema else {
            return;
        };
        if b.default != Some(true) {
            return;
        }
        cx.report(
            &Self::INFO,
            &pointer_push(node.pointer, "default"),
            "boolean defaults to `true`",
        )
        .label("true default")
        .help("invert the name so that the default is `false`");
    }
}
