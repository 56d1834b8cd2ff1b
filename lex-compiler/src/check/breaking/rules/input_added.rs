//! `input-added`: an `input` block was added.

use lex_runtime::schema::pointer_push;

use crate::check::breaking::{BreakCx, BreakingRule, MethodPart, Pair};
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;

declare_breaking_rule! {
    /// ## What it does
    /// Reports a procedure that gained an `input` body.
    /// ## Why is this bad?
    /// Old clients send no body, and the server now expects one: every old call fails.
    /// An error, on the wire as well as in generated code.
    /// ## Example
    /// A procedure without `input` -> with `"input": {"encoding": "application/json", ...}`.
    pub InputAdded {
        id: "input-added",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for InputAdded {
    fn check_pair(&self, cx: &mut BreakCx<'_>, pair: &Pair<'_>) {
        if pair.declares(MethodPart::Input) != Some((false, true)) {
            return;
        }
        cx.report(
            &Self::INFO,
            &pointer_push(pair.pointer, "input"),
            "`input` was added",
        )
        .key()
        .label("added")
        .help("old clients send no body; add a new endpoint instead");
    }
}
