//! `object-nullable`: an object's `nullable` set changed.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::breaking::rules::sets::changed_names;
use crate::check::breaking::{BreakCx, BreakingRule, Pair};
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;

declare_breaking_rule! {
    /// ## What it does
    /// Reports an object property that became nullable, or stopped being nullable.
    /// ## Why is this bad?
    /// Dropping `nullable` rejects old data holding `null`; adding it produces `null`s
    /// that old validators and old generated code reject.
    /// ## Example
    /// `"nullable": ["embed"]` -> `"nullable": []`; instead keep the list.
    pub ObjectNullable {
        id: "object-nullable",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for ObjectNullable {
    fn check_pair(&self, cx: &mut BreakCx<'_>, pair: &Pair<'_>) {
        let (old, new) = match (pair.old, pair.new) {
            (Schema::Object(o), Schema::Object(n)) => (&o.nullable, &n.nullable),
            _ => return,
        };
        let (added, removed) = changed_names(old, new);
        let at = pointer_push(pair.pointer, "nullable");
        for name in added {
            cx.report(&Self::INFO, &at, format!("`{name}` became nullable"))
                .key()
                .label("changed set")
                .help("keep the `nullable` list as it was");
        }
        for name in removed {
            cx.report(&Self::INFO, &at, format!("`{name}` is no longer nullable"))
                .key()
                .label("changed set")
                .help("keep the `nullable` list as it was");
        }
    }
}
