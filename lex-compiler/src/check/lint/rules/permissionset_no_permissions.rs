//! `permissionset-no-permissions`: a permission set that grants nothing.

use lex_runtime::schema::{Document, Schema};

use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;

declare_lint_rule! {
    /// ## What it does
    /// Reports a permission set whose `permissions` list is empty.
    /// ## Why is this bad?
    /// A set with no permissions grants nothing; requesting it is a no-op that still asks
    /// the user for consent.
    /// ## Example
    /// `"permissions": []`; instead list what the app needs:
    /// `[{"type": "permission", "resource": "repo", "collection": ["com.example.blog.post"]}]`.
    pub PermissionsetNoPermissions {
        id: "permissionset-no-permissions",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for PermissionsetNoPermissions {
    fn check_document(&self, cx: &mut LintCx<'_>, doc: &Document) {
        let Some(Schema::PermissionSet(set)) = doc.defs.get("main") else {
            return;
        };
        if !set.permissions.is_empty() {
            return;
        }
        cx.report(
            &Self::INFO,
            "/defs/main/permissions",
            format!("the permission set `{}` has no permissions", doc.id),
        )
        .label("empty list")
        .help("add the `repo` / `rpc` permissions the set grants");
    }
}
