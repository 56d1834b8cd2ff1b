//! `rpc` permissions: exactly one of `aud: "*"` and `inheritAud: true`.

use lex_runtime::schema::pointer_push;

use super::permission_util::permission;
use crate::check::schema::rule::{declare_rule, Node, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags an `rpc` permission without an audience rule, with both `aud` and
    /// `inheritAud: true`, with an `aud` other than `*` (service references are not
    /// allowed in sets), or with a non-boolean `inheritAud`.
    PermissionAud {
        code: "lex::schema::permission-aud",
        severity: Error,
        summary: "`rpc` permissions need exactly one of `aud: \"*\"` and `inheritAud: true`",
    }
}

const HELP: &str =
    "set `\"inheritAud\": true` (the audience the client asks for) or `\"aud\": \"*\"`";

impl SchemaRule for PermissionAud {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        let Some(p) = permission(node).filter(|p| p.resource == "rpc") else {
            return;
        };
        let aud = p.params.get("aud");
        let inherit = p.params.get("inheritAud");
        let at = |field: &str| pointer_push(node.pointer, field);
        if let Some(v) = inherit.filter(|v| !v.is_boolean()) {
            let msg = format!("`inheritAud` must be a boolean, found {v}");
            cx.report(&Self::INFO, &at("inheritAud"), msg)
                .label("not a boolean")
                .help(HELP);
        }
        if let Some(v) = aud.filter(|v| v.as_str() != Some("*")) {
            let msg = format!("`aud` in a permission set must be \"*\", found {v}");
            cx.report(&Self::INFO, &at("aud"), msg)
                .label("unsupported audience")
                .help(HELP);
        }
        let inherits = inherit.and_then(serde_json::Value::as_bool) == Some(true);
        match (aud.is_some(), inherits) {
            (true, true) => {
                cx.report(
                    &Self::INFO,
                    &at("aud"),
                    "`aud` and `inheritAud: true` cannot both be set",
                )
                .key()
                .label("conflicts with `inheritAud`")
                .help(HELP);
            }
            (false, false) => {
                cx.report(
                    &Self::INFO,
                    &at("resource"),
                    "`rpc` permission has neither `aud` nor `inheritAud: true`",
                )
                .label("no audience")
                .help(HELP);
            }
            _ => {}
        }
    }
}
