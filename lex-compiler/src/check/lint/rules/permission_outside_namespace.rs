//! `permission-outside-namespace`: a permission outside the set's namespace.

use crate::check::lint::LintRule;
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::diagnostics::Diagnostic;

declare_lint_rule! {
    /// ## What it does
    /// Reports a permission-set entry whose `collection` or `lxm` lies outside the set's
    /// own NSID group (the schema stage's `lex::schema::permission-outside-namespace`;
    /// permissions.md §6).
    /// ## Why is this bad?
    /// Authorization servers drop such permissions when they expand the set, so the grant
    /// silently does less than it says.
    /// ## Example
    /// Set `com.example.feed.authPosting` listing `com.example.actor.profile`; instead
    /// list only NSIDs under `com.example.feed.`, or move the set up to `com.example`.
    pub PermissionOutsideNamespace {
        id: "permission-outside-namespace",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for PermissionOutsideNamespace {
    fn claims(&self, d: &Diagnostic) -> bool {
        d.code_str() == "lex::schema::permission-outside-namespace"
    }
}
