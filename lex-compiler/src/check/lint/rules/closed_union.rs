//! `closed-union`: a union marked `closed`.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;
use crate::check::schema::rule::Node;

declare_lint_rule! {
    /// ## What it does
    /// Reports a `union` with `"closed": true`.
    /// ## Why is this bad?
    /// A closed union's variants are frozen forever: adding one later breaks every old
    /// validator. Open unions may gain variants and clients skip the ones they do not
    /// know. The style guide keeps unions open unless the set can never change. Level
    /// `info`: closing a union is a legitimate, deliberate choice (the official
    /// `applyWrites` closes its create/update/delete union), so this only asks to confirm it.
    /// ## Example
    /// `{"type": "union", "refs": ["#a", "#b"], "closed": true}`; instead drop `closed`.
    pub ClosedUnion {
        id: "closed-union",
        level: Info,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for ClosedUnion {
    fn check_node(&self, cx: &mut LintCx<'_>, node: &Node<'_>) {
        let Schema::Union(u) = node.schema else {
            return;
        };
        if !u.is_closed() {
            return;
        }
        cx.report(
            &Self::INFO,
            &pointer_push(node.pointer, "closed"),
            "closed union can never gain a variant",
        )
        .key()
        .label("closed union")
        .help("leave the union open unless its variants are fixed forever");
    }
}
