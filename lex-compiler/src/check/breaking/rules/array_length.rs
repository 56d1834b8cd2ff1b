//! `array-length`: array length limits changed.

use lex_runtime::schema::Schema;

use crate::check::breaking::rules::limits::{report_limits, Limit};
use crate::check::breaking::{BreakCx, BreakingRule, Pair};
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;

declare_breaking_rule! {
    /// ## What it does
    /// Reports an array whose `minLength` or `maxLength` was added, removed or changed.
    /// ## Why is this bad?
    /// Level: `error` in record data (spec §10.1: old records must validate under the new
    /// schema and new records under the old). `warn` in parameters and outputs, as in
    /// `goat lex breaking`: an API is served by one deployment at a time, loosening an
    /// input or tightening an output keeps old clients working, and the other direction
    /// is what to review.
    /// ## Example
    /// `"maxLength": 4` (images) -> `"maxLength": 3`; instead keep the limit.
    pub ArrayLength {
        id: "array-length",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for ArrayLength {
    fn check_pair(&self, cx: &mut BreakCx<'_>, pair: &Pair<'_>) {
        let limits: Vec<Limit> = match (pair.old, pair.new) {
            (Schema::Array(o), Schema::Array(n)) => vec![
                Limit::min("minLength", o.min_length, n.min_length),
                Limit::max("maxLength", o.max_length, n.max_length),
            ],
            _ => return,
        };
        report_limits(cx, pair, &Self::INFO, &limits);
    }
}
