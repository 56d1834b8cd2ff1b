//! `undescribed-token`: a token without a description.

use lex_runtime::schema::{pointer_push, Document, Schema};

use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;

declare_lint_rule! {
    /// ## What it does
    /// Reports a `token` definition without a `description`.
    /// ## Why is this bad?
    /// A token has no data, only a name and a meaning; the description is the only place
    /// that meaning is written down.
    /// ## Example
    /// `"curatelist": {"type": "token"}`; instead
    /// `"curatelist": {"type": "token", "description": "A list of actors used for curation."}`.
    pub UndescribedToken {
        id: "undescribed-token",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for UndescribedToken {
    fn check_document(&self, cx: &mut LintCx<'_>, doc: &Document) {
        for (name, def) in &doc.defs {
            let Schema::Token(t) = def else { continue };
            if t.description
                .as_deref()
                .is_some_and(|d| !d.trim().is_empty())
            {
                continue;
            }
            cx.report(
                &Self::INFO,
                &pointer_push("/defs", name),
                format!("token `{name}` has no description"),
            )
            .key()
            .label("undocumented token")
            .help("add a `description` saying what the token means");
        }
    }
}
