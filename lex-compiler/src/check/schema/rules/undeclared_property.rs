//! `required` and `nullable` name declared properties.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::schema::rule::{declare_rule, Node, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags a name in `required` or `nullable` that is not in `properties`.
    UndeclaredProperty {
        code: "lex::schema::undeclared-property",
        severity: Error,
        summary: "`required` and `nullable` may only name declared properties",
    }
}

impl SchemaRule for UndeclaredProperty {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        let (properties, lists) = match node.schema {
            Schema::Object(o) => (
                &o.properties,
                vec![("required", &o.required), ("nullable", &o.nullable)],
            ),
            Schema::Params(p) => (&p.properties, vec![("required", &p.required)]),
            _ => return,
        };
        for (list, names) in lists {
            let at = pointer_push(node.pointer, list);
            for (i, name) in names.iter().enumerate() {
                if !properties.contains_key(name) {
                    cx.report(
                        &Self::INFO,
                        &pointer_push(&at, &i.to_string()),
                        format!("`{list}` names `{name}`, which is not a property"),
                    )
                    .label("no such property")
                    .help("declare the property in `properties` or remove the name");
                }
            }
        }
    }
}
