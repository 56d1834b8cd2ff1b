//! `repo` permissions: `action` is a subset of create/update/delete.

use lex_runtime::schema::pointer_push;

use super::permission_util::{entry, list, permission, List};
use crate::check::schema::rule::{declare_rule, Node, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags a `repo` permission whose `action` is not a list of distinct values from
    /// `create`, `update` and `delete`.
    PermissionAction {
        code: "lex::schema::permission-action",
        severity: Error,
        summary: "`repo` permission actions must be distinct values of create, update, delete",
    }
}

const HELP: &str = "use any of `create`, `update` and `delete`, each once";

impl SchemaRule for PermissionAction {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        let Some(p) = permission(node).filter(|p| p.resource == "repo") else {
            return;
        };
        let items = match list(p, "action") {
            List::Missing => return,
            List::NotArray => {
                let at = pointer_push(node.pointer, "action");
                let msg = "`action` must be a list";
                cx.report(&Self::INFO, &at, msg)
                    .label("not a list")
                    .help(HELP);
                return;
            }
            List::Items(items) => items,
        };
        for (i, item) in items.iter().enumerate() {
            let message = match item {
                Some(a) if !matches!(*a, "create" | "update" | "delete") => {
                    format!("unknown repo action `{a}`")
                }
                None => "actions must be strings".to_owned(),
                Some(a) if items.get(..i).is_some_and(|before| before.contains(item)) => {
                    format!("action `{a}` is listed twice")
                }
                Some(_) => continue,
            };
            let pointer = entry(node.pointer, "action", i);
            cx.report(&Self::INFO, &pointer, message)
                .label("invalid action")
                .help(HELP);
        }
    }
}
