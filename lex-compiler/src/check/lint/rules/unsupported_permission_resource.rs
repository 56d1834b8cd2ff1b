//! `unsupported-permission-resource`: a permission-set entry this version ignores.

use crate::check::lint::LintRule;
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::diagnostics::Diagnostic;

declare_lint_rule! {
    /// ## What it does
    /// Reports a permission-set entry whose `resource` is not `repo` or `rpc` (the schema
    /// stage's `lex::schema::unsupported-permission-resource`): `blob`, `account` and
    /// `identity`, which sets may not hold, and resources this version does not know.
    /// ## Why is this bad?
    /// Authorization servers skip such a permission when they expand the set
    /// (permissions.md §3, §7), so it grants nothing. It is a warning, not an error: a
    /// resource added to the spec later must not make today's tools refuse the set, and
    /// the TypeScript toolchain accepts it (Go rejects the lexicon).
    /// ## Example
    /// `{"type": "permission", "resource": "blob", "accept": ["image/*"]}`; instead request
    /// `blob` access as an OAuth scope next to the set.
    pub UnsupportedPermissionResource {
        id: "unsupported-permission-resource",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for UnsupportedPermissionResource {
    fn claims(&self, d: &Diagnostic) -> bool {
        d.code_str() == "lex::schema::unsupported-permission-resource"
    }
}
