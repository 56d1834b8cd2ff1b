//! Negative lengths and counts.

use lex_runtime::schema::pointer_push;

use super::limits::pairs;
use crate::check::schema::rule::{declare_rule, Node, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags a negative `minLength`, `maxLength`, `minGraphemes` or `maxGraphemes`.
    NegativeLength {
        code: "lex::schema::negative-length",
        severity: Error,
        summary: "lengths and grapheme counts must not be negative",
    }
}

impl SchemaRule for NegativeLength {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        for p in pairs(node.schema).into_iter().filter(|p| p.is_length) {
            for (name, value) in [(p.min_name, p.min), (p.max_name, p.max)] {
                if let Some(v) = value.filter(|v| *v < 0) {
                    cx.report(
                        &Self::INFO,
                        &pointer_push(node.pointer, name),
                        format!("`{name}` is negative ({v})"),
                    )
                    .label("negative length")
                    .help("use 0 or a positive number");
                }
            }
        }
    }
}
