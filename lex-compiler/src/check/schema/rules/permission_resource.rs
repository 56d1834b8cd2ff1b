//! Permission-set resources: `repo` and `rpc` only.

use lex_runtime::schema::pointer_push;

use super::permission_util::permission;
use crate::check::schema::rule::{declare_rule, Node, SchemaRule};
use crate::check::schema::{At, Cx};

declare_rule! {
    /// Flags a permission whose `resource` is not `repo` or `rpc`: `blob`, `account`,
    /// `identity` and unknown resources are not supported in permission sets.
    PermissionResource {
        code: "lex::schema::permission-resource",
        severity: Error,
        summary: "permission sets may only hold `repo` and `rpc` permissions",
    }
}

impl SchemaRule for PermissionResource {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        let Some(p) = permission(node) else { return };
        if p.resource == "repo" || p.resource == "rpc" {
            return;
        }
        let message = match p.resource.as_str() {
            "" => "permission has an empty `resource`".to_owned(),
            r @ ("blob" | "account" | "identity") => {
                format!("`{r}` permissions are not supported in permission sets")
            }
            r => format!("unknown permission resource `{r}`"),
        };
        cx.report(
            &Self::INFO,
            &pointer_push(node.pointer, "resource"),
            At::Value,
            message,
            "unsupported resource",
            "use `repo` (record writes) or `rpc` (API calls); request other permissions as scopes",
        );
    }
}
