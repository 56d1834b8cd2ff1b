//! The namespace restriction of permissions.md §6.

use super::permission_util::{entry, list, permission, List};
use crate::check::schema::rule::{declare_rule, Node, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Warns about a collection or method outside the set's own NSID group (or below it),
    /// including `*`. Authorization servers drop such permissions when expanding the set,
    /// so they grant nothing; a warning because the schema itself stays valid (the interop
    /// catalog's permission set does this).
    PermissionOutsideNamespace {
        code: "lex::schema::permission-outside-namespace",
        severity: Warning,
        summary: "permissions outside the set's NSID group are dropped when the set is expanded",
    }
}

impl SchemaRule for PermissionOutsideNamespace {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        let Some(p) = permission(node) else { return };
        let field = match p.resource.as_str() {
            "repo" => "collection",
            "rpc" => "lxm",
            _ => return,
        };
        let List::Items(items) = list(p, field) else {
            return;
        };
        // The group prefix including its final dot, as the TS `isParentAuthorityOf` does.
        let id = cx.document_id();
        let Some(dot) = id.rfind('.') else { return };
        let prefix = id.get(..=dot).unwrap_or(id).to_owned();
        for (i, item) in items.iter().enumerate() {
            let Some(s) = item else { continue };
            if s.len() > prefix.len() && s.starts_with(&prefix) {
                continue;
            }
            cx.report(
                &Self::INFO,
                &entry(node.pointer, field, i),
                format!("`{s}` is outside the namespace `{prefix}*` of this permission set"),
            )
            .label("outside the set's namespace")
            .help(
                "a set may only cover its own NSID group and the groups below it; \
                 publish a separate set in that namespace",
            );
        }
    }
}
