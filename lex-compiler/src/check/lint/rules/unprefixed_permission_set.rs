//! `unprefixed-permission-set`: a permission set whose name does not start with `auth`.

use lex_runtime::schema::{Document, Schema};

use crate::check::lint::util::{first_word, nsid_name};
use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;

declare_lint_rule! {
    /// ## What it does
    /// Reports a permission set whose NSID name does not start with `auth`
    /// (`com.example.authBasicFeatures`).
    /// ## Why is this bad?
    /// Permission sets share the namespace with records and endpoints; the `auth` prefix
    /// (permissions.md §4) makes `include:` scopes recognisable and keeps set names from
    /// colliding with the methods they grant.
    /// ## Example
    /// `com.example.blog.fullAccess`; instead `com.example.blog.authFullAccess`.
    pub UnprefixedPermissionSet {
        id: "unprefixed-permission-set",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for UnprefixedPermissionSet {
    fn check_document(&self, cx: &mut LintCx<'_>, doc: &Document) {
        if !matches!(doc.defs.get("main"), Some(Schema::PermissionSet(_))) {
            return;
        }
        let name = nsid_name(&doc.id);
        if first_word(name) == "auth" && name.len() > 4 {
            return;
        }
        cx.report(
            &Self::INFO,
            "/id",
            format!("permission set name `{name}` does not start with `auth`"),
        )
        .label("no `auth` prefix")
        .help("name permission sets `auth<What>`, e.g. `authFullAccess`");
    }
}
