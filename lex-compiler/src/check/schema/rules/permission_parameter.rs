//! Permission parameter values: strings, integers, booleans or arrays of those.

use lex_runtime::schema::pointer_push;

use super::permission_resource::is_supported;
use super::permission_util::permission;
use crate::check::schema::rule::{declare_rule, Node, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags a permission parameter whose value is not a string, integer, boolean or an
    /// array of those (objects, nulls, fractions and nested arrays have no scope encoding).
    PermissionParameter {
        code: "lex::schema::permission-parameter",
        severity: Error,
        summary: "permission parameters must be strings, integers, booleans or arrays of those",
    }
}

fn is_scalar(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::String(_) | serde_json::Value::Bool(_) => true,
        serde_json::Value::Number(n) => n.is_i64() || n.is_u64(),
        _ => false,
    }
}

impl SchemaRule for PermissionParameter {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        // An ignored permission (unknown resource) has parameters this version cannot judge.
        let Some(p) = permission(node).filter(|p| is_supported(&p.resource)) else {
            return;
        };
        for (name, value) in &p.params {
            let ok = match value {
                serde_json::Value::Array(items) => items.iter().all(is_scalar),
                v => is_scalar(v),
            };
            if !ok {
                cx.report(
                    &Self::INFO,
                    &pointer_push(node.pointer, name),
                    format!("permission parameter `{name}` has an unsupported value"),
                )
                .label("unsupported value")
                .help("use a string, integer, boolean, or an array of those");
            }
        }
    }
}
