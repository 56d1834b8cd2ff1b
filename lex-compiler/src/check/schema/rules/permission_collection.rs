//! `repo` permissions: `collection` is a non-empty list of distinct NSIDs.

use super::permission_util::{entry, permission, required_list};
use crate::check::schema::ident::is_nsid;
use crate::check::schema::rule::{declare_rule, Node, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags a `repo` permission whose `collection` is missing, empty, not a list, or holds
    /// a wildcard, a non-NSID or a duplicate.
    PermissionCollection {
        code: "lex::schema::permission-collection",
        severity: Error,
        summary: "`repo` permissions need a non-empty `collection` list of distinct NSIDs",
    }
}

const HELP: &str = "list record collections by NSID, e.g. `[\"com.example.feed.post\"]`";

impl SchemaRule for PermissionCollection {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        let Some(p) = permission(node).filter(|p| p.resource == "repo") else {
            return;
        };
        let Some(items) = required_list(cx, &Self::INFO, node, p, "collection", HELP) else {
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let message = match item {
                None => "collection entries must be strings".to_owned(),
                Some("*") => "wildcard collections are not supported in permission sets".to_owned(),
                Some(s) if !is_nsid(s) => format!("`{s}` is not a valid NSID"),
                Some(s) if items.get(..i).is_some_and(|before| before.contains(item)) => {
                    format!("collection `{s}` is listed twice")
                }
                Some(_) => continue,
            };
            let pointer = entry(node.pointer, "collection", i);
            cx.report(&Self::INFO, &pointer, message)
                .label("invalid collection")
                .help(HELP);
        }
    }
}
