//! Permission-set resources this version cannot use: anything but `repo` and `rpc`.

use lex_runtime::schema::pointer_push;

use super::permission_util::permission;
use crate::check::schema::rule::{declare_rule, Node, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Warns about a permission whose `resource` is not `repo` or `rpc`. `blob`, `account`
    /// and `identity` are not supported in permission sets, and a resource added to the
    /// spec after this release is unknown; permissions.md §3 says consumers ignore such a
    /// permission (and the TypeScript toolchain loads the set), so the lexicon still loads
    /// and the permission is skipped, parameters unchecked. Go's `CheckSchema` rejects the
    /// whole lexicon instead.
    PermissionResource {
        code: "lex::schema::unsupported-permission-resource",
        severity: Warning,
        summary: "permissions with a resource other than `repo` and `rpc` are ignored",
    }
}

/// Whether permission sets can use `resource` (the others are ignored with a warning).
pub(crate) fn is_supported(resource: &str) -> bool {
    resource == "repo" || resource == "rpc"
}

impl SchemaRule for PermissionResource {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        let Some(p) = permission(node) else { return };
        if is_supported(&p.resource) {
            return;
        }
        let message = match p.resource.as_str() {
            "" => "permission has an empty `resource`; it is ignored".to_owned(),
            r @ ("blob" | "account" | "identity") => {
                format!("`{r}` permissions are not supported in permission sets; it is ignored")
            }
            r => format!("unknown permission resource `{r}`; the permission is ignored"),
        };
        cx.report(
            &Self::INFO,
            &pointer_push(node.pointer, "resource"),
            message,
        )
        .label("ignored resource")
        .help(
            "use `repo` (record writes) or `rpc` (API calls); request other permissions as \
             scopes, or ignore this warning if the set targets a newer resource",
        );
    }
}
