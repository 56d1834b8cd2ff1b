//! `output-removed`: an `output` block was removed.

use lex_runtime::schema::pointer_push;

use crate::check::breaking::{BreakCx, BreakingRule, MethodPart, Pair};
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;

declare_breaking_rule! {
    /// ## What it does
    /// Reports a query or procedure that lost its `output` body.
    /// ## Why is this bad?
    /// Old clients expect and parse a response body that no longer comes: every old
    /// caller breaks. An error.
    /// ## Example
    /// A query with `"output": {...}` -> without.
    pub OutputRemoved {
        id: "output-removed",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for OutputRemoved {
    fn check_pair(&self, cx: &mut BreakCx<'_>, pair: &Pair<'_>) {
        if pair.declares(MethodPart::Output) != Some((true, false)) {
            return;
        }
        cx.report(
            &Self::INFO,
            &pointer_push(pair.pointer, "output"),
            "`output` was removed",
        )
        .key()
        .label("removed")
        .help("keep the output; old clients read it");
    }
}
