//! Property names must be non-empty.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::schema::rule::{declare_rule, Node, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags an empty property name in an `object` or `params`.
    PropertyNameSyntax {
        code: "lex::schema::property-name-syntax",
        severity: Error,
        summary: "property names must be non-empty",
    }
}

impl SchemaRule for PropertyNameSyntax {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        let names = match node.schema {
            Schema::Object(o) => o.properties.keys(),
            Schema::Params(p) => p.properties.keys(),
            _ => return,
        };
        let props = pointer_push(node.pointer, "properties");
        for name in names.filter(|n| n.is_empty()) {
            cx.report(
                &Self::INFO,
                &pointer_push(&props, name),
                "empty property name",
            )
            .key()
            .label("empty name")
            .help("give the property a name");
        }
    }
}
