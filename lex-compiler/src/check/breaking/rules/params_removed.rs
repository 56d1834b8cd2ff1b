//! `params-removed`: a `parameters` block was removed.

use lex_runtime::schema::pointer_push;

use crate::check::breaking::{BreakCx, BreakingRule, MethodPart, Pair};
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;

declare_breaking_rule! {
    /// ## What it does
    /// Reports a query, procedure or subscription that lost its `parameters` block.
    /// ## Why is this bad?
    /// Old clients keep sending the parameters and servers may reject unknown ones;
    /// generated code loses the `Params` type. A `warn`: review it, it is rarely intended.
    /// ## Example
    /// A query with `"parameters": {...}` -> without.
    pub ParamsRemoved {
        id: "params-removed",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for ParamsRemoved {
    fn check_pair(&self, cx: &mut BreakCx<'_>, pair: &Pair<'_>) {
        if pair.declares(MethodPart::Parameters) != Some((true, false)) {
            return;
        }
        cx.report(
            &Self::INFO,
            &pointer_push(pair.pointer, "parameters"),
            "`parameters` was removed",
        )
        .key()
        .label("removed")
        .help("keep the parameters (old clients still send them)");
    }
}
