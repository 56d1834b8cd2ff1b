//! `permissionset-no-title`: a permission set without a user-facing title.

use lex_runtime::schema::{Document, Schema};

use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;

declare_lint_rule! {
    /// ## What it does
    /// Reports a permission set without a `title`.
    /// ## Why is this bad?
    /// The title is what the consent screen shows the user; without it the
    /// authorization server can only show the NSID.
    /// ## Example
    /// `{"type": "permission-set", "permissions": [...]}`; instead add
    /// `"title": "Post to your blog"`.
    pub PermissionsetNoTitle {
        id: "permissionset-no-title",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for PermissionsetNoTitle {
    fn check_document(&self, cx: &mut LintCx<'_>, doc: &Document) {
        let Some(Schema::PermissionSet(set)) = doc.defs.get("main") else {
            return;
        };
        if set.title.as_deref().is_some_and(|t| !t.trim().is_empty()) {
            return;
        }
        cx.report(
            &Self::INFO,
            "/defs/main",
            format!("the permission set `{}` has no title", doc.id),
        )
        .key()
        .label("no title")
        .help("add a short `title` (a handful of words) for the consent screen");
    }
}
