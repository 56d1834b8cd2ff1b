//! `error-removed`: a declared XRPC error is gone.

use lex_runtime::schema::{pointer_push, ErrorDef, Schema};

use crate::check::breaking::{BreakCx, BreakingRule, Pair};
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;

declare_breaking_rule! {
    /// ## What it does
    /// Reports an error name in `errors` of a query, procedure or subscription that the
    /// new version no longer declares.
    /// ## Why is this bad?
    /// Clients match on error names; generated error enums lose the variant, so client
    /// code handling it no longer compiles (a `codegen` break, hence `warn`: servers may
    /// still return it on the wire).
    /// ## Example
    /// `"errors": [{"name": "NotFound"}, {"name": "Blocked"}]` -> `[{"name": "NotFound"}]`.
    pub ErrorRemoved {
        id: "error-removed",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for ErrorRemoved {
    fn check_pair(&self, cx: &mut BreakCx<'_>, pair: &Pair<'_>) {
        let (old, new): (&[ErrorDef], &[ErrorDef]) = match (pair.old, pair.new) {
            (Schema::Query(o), Schema::Query(n)) => (&o.errors, &n.errors),
            (Schema::Procedure(o), Schema::Procedure(n)) => (&o.errors, &n.errors),
            (Schema::Subscription(o), Schema::Subscription(n)) => (&o.errors, &n.errors),
            _ => return,
        };
        let errors = pointer_push(pair.pointer, "errors");
        for (i, e) in old.iter().enumerate() {
            if new.iter().any(|n| n.name == e.name) {
                continue;
            }
            // Labelled in the old file, where the error still exists.
            let at = pointer_push(&pointer_push(&errors, &i.to_string()), "name");
            cx.report(
                &Self::INFO,
                &at,
                format!("error `{}` is no longer declared", e.name),
            )
            .label("removed error")
            .help("keep declaring the error (clients match on it)")
            .in_old();
        }
    }
}
