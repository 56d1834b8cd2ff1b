//! Types that cannot be named definitions.

use lex_runtime::schema::SchemaKind;

use crate::check::schema::rule::{declare_rule, Node, Place, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags a `ref`, `union`, `unknown`, `params` or `permission` entry of `defs`: these
    /// only exist inside other schemas and can never be the target of a reference.
    DefTypeNotAllowed {
        code: "lex::schema::def-type-not-allowed",
        severity: Error,
        summary: "`ref`, `union`, `unknown`, `params` and `permission` cannot be named definitions",
    }
}

impl SchemaRule for DefTypeNotAllowed {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        let Place::Def { name } = node.place else {
            return;
        };
        let Some(kind) = node.schema.kind() else {
            return;
        };
        let help = match kind {
            SchemaKind::Ref | SchemaKind::Union | SchemaKind::Unknown => {
                "use it as an object property or array items instead"
            }
            SchemaKind::Params => {
                "use it as the `parameters` of a query, procedure or subscription"
            }
            SchemaKind::Permission => "list it in the `permissions` of a `permission-set`",
            _ => return,
        };
        cx.report(
            &Self::INFO,
            &format!("{}/type", node.pointer),
            format!("`{}` cannot be a named definition (`{name}`)", kind.name()),
        )
        .label("not allowed in `defs`")
        .help(help);
    }
}
