//! Blob `maxSize` must be positive.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::schema::rule::{declare_rule, Node, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags a blob `maxSize` of zero or less: no blob could be stored.
    InvalidMaxSize {
        code: "lex::schema::invalid-max-size",
        severity: Error,
        summary: "blob `maxSize` must be greater than zero",
    }
}

impl SchemaRule for InvalidMaxSize {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        let Schema::Blob(b) = node.schema else { return };
        if let Some(size) = b.max_size.filter(|s| *s <= 0) {
            cx.report(
                &Self::INFO,
                &pointer_push(node.pointer, "maxSize"),
                format!("blob `maxSize` must be positive, found {size}"),
            )
            .label("not a positive size")
            .help("give the largest accepted size in bytes, e.g. 1000000");
        }
    }
}
