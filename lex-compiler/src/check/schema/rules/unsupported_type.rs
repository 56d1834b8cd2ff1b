//! Types this version does not know.

use lex_runtime::schema::Schema;

use crate::check::schema::rule::{declare_rule, Node, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Warns about a `type` this version of lex does not know; later stages skip the node.
    /// A warning, not an error: it may be a type added to the spec after this release.
    UnsupportedType {
        code: "lex::schema::unsupported-type",
        severity: Warning,
        summary: "a schema `type` unknown to this version is skipped",
    }
}

impl SchemaRule for UnsupportedType {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        let Schema::Unsupported(u) = node.schema else {
            return;
        };
        let Some(type_name) = u.type_name.as_deref() else {
            return;
        };
        if type_name == "null" {
            return;
        }
        cx.report(
            &Self::INFO,
            &format!("{}/type", node.pointer),
            format!("unknown schema type `{type_name}`"),
        )
        .label("unknown type")
        .help(
            "check the spelling; known types are boolean, integer, string, bytes, cid-link, blob, \
             array, object, params, token, ref, union, unknown, record, query, procedure, \
             subscription, permission-set and permission",
        );
    }
}
