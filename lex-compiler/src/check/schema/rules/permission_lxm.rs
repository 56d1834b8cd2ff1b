//! `rpc` permissions: `lxm` is a non-empty list of NSIDs.

use super::permission_util::{entry, permission, required_list};
use crate::check::schema::ident::is_nsid;
use crate::check::schema::rule::{declare_rule, Node, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags an `rpc` permission whose `lxm` is missing, empty, not a list, holds a
    /// non-NSID, or holds `*` together with `aud: "*"` (any method at any service). A `*`
    /// with `inheritAud` is accepted as a schema (interop catalog) but is outside every
    /// namespace, so `permission-outside-namespace` warns about it.
    PermissionLxm {
        code: "lex::schema::permission-lxm",
        severity: Error,
        summary: "`rpc` permissions need a non-empty `lxm` list of NSIDs",
    }
}

const HELP: &str = "list XRPC methods by NSID, e.g. `[\"com.example.feed.getTimeline\"]`";

impl SchemaRule for PermissionLxm {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        let Some(p) = permission(node).filter(|p| p.resource == "rpc") else {
            return;
        };
        let Some(items) = required_list(cx, &Self::INFO, node, p, "lxm", HELP) else {
            return;
        };
        let any_aud = p.params.get("aud").and_then(|v| v.as_str()) == Some("*");
        for (i, item) in items.iter().enumerate() {
            let message = match item {
                None => "lxm entries must be strings".to_owned(),
                Some("*") if any_aud => {
                    "`lxm: [\"*\"]` cannot be combined with `aud: \"*\"`".to_owned()
                }
                Some("*") => continue,
                Some(s) if !is_nsid(s) => format!("`{s}` is not a valid NSID"),
                Some(_) => continue,
            };
            let pointer = entry(node.pointer, "lxm", i);
            cx.report(&Self::INFO, &pointer, message)
                .label("invalid method")
                .help(HELP);
        }
    }
}
