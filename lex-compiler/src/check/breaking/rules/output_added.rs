//! `output-added`: an `output` block was added.

use lex_runtime::schema::pointer_push;

use crate::check::breaking::{BreakCx, BreakingRule, MethodPart, Pair};
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
        if pair.declares(MethodPart::Output) != Some((false, true)) {
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
