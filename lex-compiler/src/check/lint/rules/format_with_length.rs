//! `format-with-length`: a string with both a `format` and length limits.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::check::schema::rule::Node;

declare_lint_rule! {
    /// ## What it does
    /// Reports a `string` that has a `format` and also `minLength`, `maxLength`,
    /// `minGraphemes` or `maxGraphemes`.
    /// ## Why is this bad?
    /// Each format already bounds its syntax (a DID at 2 KiB, an at-uri at 8 KiB, ...);
    /// an extra limit can reject valid identifiers, and the style guide says not to
    /// combine them.
    /// ## Example
    /// `{"type": "string", "format": "did", "maxLength": 64}`; instead
    /// `{"type": "string", "format": "did"}`.
    pub FormatWithLength {
        id: "format-with-length",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for FormatWithLength {
    fn check_node(&self, cx: &mut LintCx<'_>, node: &Node<'_>) {
        let Schema::String(s) = node.schema else {
            return;
        };
        let Some(format) = &s.format else { return };
        let limits = [
            ("minLength", s.min_length),
            ("maxLength", s.max_length),
            ("minGraphemes", s.min_graphemes),
            ("maxGraphemes", s.max_graphemes),
        ];
        for (field, value) in limits {
            if value.is_none() {
                continue;
            }
            cx.report(
                &Self::INFO,
                &pointer_push(node.pointer, field),
                format!("`{field}` on a string with format `{}`", format.name()),
            )
            .key()
            .label("limit beside a format")
            .help("remove the limit; the format already bounds the value");
        }
    }
}
