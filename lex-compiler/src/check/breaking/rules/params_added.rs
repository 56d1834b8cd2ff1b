//! `params-added`: a `parameters` block was added.

use lex_runtime::schema::pointer_push;

use crate::check::breaking::{BreakCx, BreakingRule, MethodPart, Pair};
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;

declare_breaking_rule! {
    /// ## What it does
    /// Reports a query, procedure or subscription that gained a `parameters` block.
    /// ## Why is this bad?
    /// Optional parameters keep old clients working, so this is a `warn` (required ones
    /// are also reported by `params-required`, an error); but generated code gains a
    /// `Params` type and every call site changes: a `codegen` break.
    /// ## Example
    /// A query without `parameters` -> with `"parameters": {"type": "params", ...}`.
    pub ParamsAdded {
        id: "params-added",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for ParamsAdded {
    fn check_pair(&self, cx: &mut BreakCx<'_>, pair: &Pair<'_>) {
        if pair.declares(MethodPart::Parameters) != Some((false, true)) {
            return;
        }
        cx.report(
            &Self::INFO,
            &pointer_push(pair.pointer, "parameters"),
            "`parameters` was added",
        )
        .key()
        .label("added")
        .help(
            "old generated clients have no parameters type; fine for the wire if every \
             parameter is optional",
        );
    }
}
