//! `nullable-and-optional`: a property that is both nullable and optional.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::check::schema::rule::Node;

declare_lint_rule! {
    /// ## What it does
    /// Reports an object property listed in `nullable` but not in `required`.
    /// ## Why is this bad?
    /// The property then has three states (absent, `null`, a value) where two would do;
    /// every consumer must treat absent and `null` alike, and generated types get an
    /// awkward `Option<Option<T>>`.
    /// ## Example
    /// `"nullable": ["reason"]` without `"required": ["reason"]`; instead drop it from
    /// `nullable` (absent means no value) or make it required.
    pub NullableAndOptional {
        id: "nullable-and-optional",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for NullableAndOptional {
    fn check_node(&self, cx: &mut LintCx<'_>, node: &Node<'_>) {
        let Schema::Object(o) = node.schema else {
            return;
        };
        let at = pointer_push(node.pointer, "nullable");
        for (i, name) in o.nullable.iter().enumerate() {
            if o.required.contains(name) {
                continue;
            }
            cx.report(
                &Self::INFO,
                &pointer_push(&at, &i.to_string()),
                format!("`{name}` is both nullable and optional"),
            )
            .label("nullable but not required")
            .help("make it required, or remove it from `nullable` and leave it out when empty");
        }
    }
}
