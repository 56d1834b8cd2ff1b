//! `input-added`: an `input` block was added.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::breaking::{BreakCx, BreakingRule, Pair};
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
        let (old, new) = match (pair.old, pair.new) {
            (Schema::Procedure(o), Schema::Procedure(n)) => {
                (o.input.as_ref().map(|_| ()), n.input.as_ref().map(|_| ()))
            }
            _ => return,
        };
        if !(old.is_none() && new.is_some()) {
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
