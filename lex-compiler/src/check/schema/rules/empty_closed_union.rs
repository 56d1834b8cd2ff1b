//! A closed union needs variants.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::schema::rule::{declare_rule, Node, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags `closed: true` with empty `refs`: no value could ever match.
    EmptyClosedUnion {
        code: "lex::schema::empty-closed-union",
        severity: Error,
        summary: "a closed union must list at least one ref",
    }
}

impl SchemaRule for EmptyClosedUnion {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        let Schema::Union(u) = node.schema else {
            return;
        };
        if u.is_closed() && u.refs.is_empty() {
            cx.report(
                &Self::INFO,
                &pointer_push(node.pointer, "refs"),
                "closed union has no refs",
            )
            .label("no variants")
            .help("add the variant refs, or drop `closed` to keep the union open");
        }
    }
}
