//! `missing-primary-description`: a record or endpoint without a description.

use lex_runtime::schema::{Document, Schema};

use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;

declare_lint_rule! {
    /// ## What it does
    /// Reports a primary definition (record, query, procedure, subscription, permission
    /// set) without a `description`.
    /// ## Why is this bad?
    /// The description is the documentation of the endpoint or record type in every
    /// generated client and on every lexicon browser; the style guide asks endpoints to
    /// say whether they need authentication. A permission set with a user-facing `title`
    /// or `detail` is documented by those and not reported.
    /// ## Example
    /// `"main": {"type": "query", ...}`; instead
    /// `"main": {"type": "query", "description": "Get a post. Does not require auth.", ...}`.
    pub MissingPrimaryDescription {
        id: "missing-primary-description",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for MissingPrimaryDescription {
    fn check_document(&self, cx: &mut LintCx<'_>, doc: &Document) {
        let Some(main) = doc.defs.get("main") else {
            return;
        };
        let Some(kind) = main.kind().filter(|k| k.is_primary()) else {
            return;
        };
        if main.description().is_some_and(|d| !d.trim().is_empty()) {
            return;
        }
        if let Schema::PermissionSet(set) = main {
            if set.title.is_some() || set.detail.is_some() {
                return;
            }
        }
        cx.report(&Self::INFO, "/defs/main", format!("the {} `{}` has no description", kind.name(), doc.id)).key().label("undocumented").help("add a `description` saying what it is for (and, for endpoints, whether auth is required)");
    }
}
