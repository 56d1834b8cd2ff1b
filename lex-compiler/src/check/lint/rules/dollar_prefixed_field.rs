//! `dollar-prefixed-field`: a schema-declared field whose name starts with `$`.

use lex_runtime::schema::pointer_push;

use crate::check::lint::util::properties;
use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::check::schema::rule::Node;

declare_lint_rule! {
    /// ## What it does
    /// Reports object and params properties whose name starts with `$`.
    /// ## Why is this bad?
    /// Keys starting with `$` are reserved for the protocol (`$type`, `$link`, `$bytes`);
    /// the style guide says schema-specified field names must never use them.
    /// ## Example
    /// `"properties": {"$kind": ...}`; instead `"properties": {"kind": ...}`.
    pub DollarPrefixedField {
        id: "dollar-prefixed-field",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for DollarPrefixedField {
    fn check_node(&self, cx: &mut LintCx<'_>, node: &Node<'_>) {
        let Some((props, at)) = properties(node) else {
            return;
        };
        for name in props.keys().filter(|n| n.starts_with('$')) {
            cx.report(
                &Self::INFO,
                &pointer_push(&at, name),
                format!("field name `{name}` starts with `$`"),
            )
            .key()
            .label("reserved prefix")
            .help("`$` names are reserved for the protocol; drop the `$`");
        }
    }
}
