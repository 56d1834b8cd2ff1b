//! Minimum above maximum.

use lex_runtime::schema::pointer_push;

use super::limits::pairs;
use crate::check::schema::rule::{declare_rule, Node, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags a minimum greater than its maximum (`minimum`/`maximum`, `minLength`/
    /// `maxLength`, `minGraphemes`/`maxGraphemes`): no value could ever satisfy both.
    InvalidRange {
        code: "lex::schema::invalid-range",
        severity: Error,
        summary: "a minimum must not exceed its maximum",
    }
}

impl SchemaRule for InvalidRange {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        for p in pairs(node.schema) {
            let (Some(min), Some(max)) = (p.min, p.max) else {
                continue;
            };
            if min > max {
                cx.report(
                    &Self::INFO,
                    &pointer_push(node.pointer, p.min_name),
                    format!(
                        "`{}` ({min}) is greater than `{}` ({max})",
                        p.min_name, p.max_name
                    ),
                )
                .label("greater than the maximum")
                .help(format!("lower `{}` or raise `{}`", p.min_name, p.max_name));
            }
        }
    }
}
