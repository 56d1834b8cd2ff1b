//! `output-added`: an `output` block was added.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::breaking::{BreakCx, BreakingRule, Pair};
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;

declare_breaking_rule! {
    /// ## What it does
    /// Reports a query or procedure that gained an `output` body.
    /// ## Why is this bad?
    /// Old clients ignore a body they do not expect, so the wire is fine (hence `warn`),
    /// but generated code changes the call's return type (a `codegen` break). The style
    /// guide's advice is to declare an output from the start.
    /// ## Example
    /// A procedure without `output` -> with `"output": {"encoding": "application/json", ...}`.
    pub OutputAdded {
        id: "output-added",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for OutputAdded {
    fn check_pair(&self, cx: &mut BreakCx<'_>, pair: &Pair<'_>) {
        let (old, new) = match (pair.old, pair.new) {
            (Schema::Query(o), Schema::Query(n)) => {
                (o.output.as_ref().map(|_| ()), n.output.as_ref().map(|_| ()))
            }
            (Schema::Procedure(o), Schema::Procedure(n)) => {
                (o.output.as_ref().map(|_| ()), n.output.as_ref().map(|_| ()))
            }
            _ => return,
        };
        if !(old.is_none() && new.is_some()) {
            return;
        }
        cx.report(
            &Self::INFO,
            &pointer_push(pair.pointer, "output"),
            "`output` was added",
        )
        .key()
        .label("added")
        .help("declare outputs from the first version (lint: endpoint-output-undefined)");
    }
}
