//! `input-removed`: an `input` block was removed.

use lex_runtime::schema::pointer_push;

use crate::check::breaking::{BreakCx, BreakingRule, MethodPart, Pair};
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;

declare_breaking_rule! {
    /// ## What it does
    /// Reports a procedure that lost its `input` body.
    /// ## Why is this bad?
    /// Old clients keep sending a body the server no longer reads: harmless on the wire
    /// (hence `warn`), but generated client code changes signature (a `codegen` break).
    /// ## Example
    /// A procedure with `"input": {...}` -> without.
    pub InputRemoved {
        id: "input-removed",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for InputRemoved {
    fn check_pair(&self, cx: &mut BreakCx<'_>, pair: &Pair<'_>) {
        if pair.declares(MethodPart::Input) != Some((true, false)) {
            return;
        }
        cx.report(
            &Self::INFO,
            &pointer_push(pair.pointer, "input"),
            "`input` was removed",
        )
        .key()
        .label("removed")
        .help("old clients still send a body; keep the input unless nobody depends on it");
    }
}
