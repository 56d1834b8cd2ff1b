//! The retired `null` type.

use crate::check::schema::rule::{declare_rule, Node, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags `"type": "null"`, removed from the spec in November 2025: nullability is
    /// expressed with an object's `nullable` list.
    NullType {
        code: "lex::schema::null-type",
        severity: Error,
        summary: "the `null` type was removed from the spec",
    }
}

impl SchemaRule for NullType {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        if node.schema.kind().is_none() && node.schema.type_name() == "null" {
            cx.report(
                &Self::INFO,
                &format!("{}/type", node.pointer),
                "the `null` type is no longer part of lexicon",
            )
            .label("removed type")
            .help("list the property in the parent object's `nullable` instead");
        }
    }
}
