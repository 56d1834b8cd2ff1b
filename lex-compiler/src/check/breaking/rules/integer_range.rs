//! `integer-range`: an integer `minimum` or `maximum` changed.

use lex_runtime::schema::Schema;

use crate::check::breaking::rules::limits::{report_limits, Limit};
use crate::check::breaking::{BreakCx, BreakingRule, Pair};
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;

declare_breaking_rule! {
    /// ## What it does
    /// Reports an integer whose `minimum` or `maximum` changed, saying whether the range
    /// got tighter (old values may now be rejected) or looser (new values may be rejected
    /// by old validators).
    /// ## Why is this bad?
    /// Level: `error` in record data (spec §10.1: old records must validate under the new
    /// schema and new records under the old). `warn` in parameters and outputs, as in
    /// `goat lex breaking`: an API is served by one deployment at a time, loosening an
    /// input or tightening an output keeps old clients working, and the other direction
    /// is what to review.
    /// ## Example
    /// `"maximum": 100` -> `"maximum": 50`; instead keep the range.
    pub IntegerRange {
        id: "integer-range",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for IntegerRange {
    fn check_pair(&self, cx: &mut BreakCx<'_>, pair: &Pair<'_>) {
        let limits: Vec<Limit> = match (pair.old, pair.new) {
            (Schema::Integer(o), Schema::Integer(n)) => vec![
                Limit::min("minimum", o.minimum, n.minimum),
                Limit::max("maximum", o.maximum, n.maximum),
            ],
            _ => return,
        };
        report_limits(cx, pair, &Self::INFO, &limits);
    }
}
