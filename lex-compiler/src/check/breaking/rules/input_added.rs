//! `input-added`: an `input` block was added.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::breaking::{BreakCx, BreakingRule, Pair};
use crate::check::lint::rule::declare_breaking_rule;
use crate::check::lint::Status;
use crate::check::schema::At;

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
            Self::INFO.level,
            &pointer_push(pair.pointer, "input"),
            At::Key,
            "`input` was added",
            "added",
            "old clients send no body; add a new endpoint instead",
        );
    }
}
