//! `closed-string-enum`: a string `enum` where `knownValues` would do.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::check::schema::rule::{Node, Place};

declare_lint_rule! {
    /// ## What it does
    /// Reports a `string` with `enum` (a closed set of values) outside XRPC parameters.
    /// Parameters are exempt: a server may accept more values later without breaking old
    /// clients (they never send the new ones), and fixed sets such as a sort direction
    /// (`asc`, `desc`) are what `enum` is for.
    /// ## Why is this bad?
    /// An `enum` can never gain a value: old validators would reject the new one, so
    /// schema evolution forbids it. The style guide prefers `knownValues`, which documents
    /// the values and leaves the set open. Keep `enum` only where the set is fixed forever.
    /// ## Example
    /// `"enum": ["draft", "published"]`; instead `"knownValues": ["draft", "published"]`.
    pub ClosedStringEnum {
        id: "closed-string-enum",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for ClosedStringEnum {
    fn check_node(&self, cx: &mut LintCx<'_>, node: &Node<'_>) {
        let Schema::String(s) = node.schema else {
            return;
        };
        if s.enum_values.is_none()
            || matches!(node.place, Place::ParamsProperty | Place::ParamsArrayItems)
        {
            return;
        }
        cx.report(
            &Self::INFO,
            &pointer_push(node.pointer, "enum"),
            "string `enum` is closed forever",
        )
        .key()
        .label("closed set")
        .help("use `knownValues` unless no value can ever be added");
    }
}
