//! Declared XRPC error names.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::schema::rule::{declare_rule, Node, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags an entry of `errors` whose `name` is empty or contains whitespace.
    InvalidErrorName {
        code: "lex::schema::invalid-error-name",
        severity: Error,
        summary: "error names must be non-empty and contain no whitespace",
    }
}

impl SchemaRule for InvalidErrorName {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        let errors = match node.schema {
            Schema::Query(q) => &q.errors,
            Schema::Procedure(p) => &p.errors,
            Schema::Subscription(s) => &s.errors,
            _ => return,
        };
        let at = pointer_push(node.pointer, "errors");
        for (i, e) in errors.iter().enumerate() {
            if e.name.is_empty() || e.name.contains(char::is_whitespace) {
                cx.report(
                    &Self::INFO,
                    &pointer_push(&pointer_push(&at, &i.to_string()), "name"),
                    format!("invalid error name {:?}", e.name),
                )
                .label("invalid name")
                .help("use a single word in UpperCamelCase, e.g. `RecordNotFound`");
            }
        }
    }
}
