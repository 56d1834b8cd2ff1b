//! `object-required`: an object's `required` set changed.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::breaking::rules::sets::changed_names;
use crate::check::breaking::{BreakCx, BreakingRule, Pair};
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;

declare_breaking_rule! {
    /// ## What it does
    /// Reports an object property that became required, or stopped being required
    /// (including a required property that was removed).
    /// ## Why is this bad?
    /// The spec: new fields must be optional, and required fields must never be removed.
    /// A newly required field rejects old data; a field that is no longer required may be
    /// missing from new data that old validators and old generated code insist on.
    /// ## Example
    /// `"required": ["text"]` -> `"required": ["text", "langs"]`; instead keep `langs` optional.
    pub ObjectRequired {
        id: "object-required",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for ObjectRequired {
    fn check_pair(&self, cx: &mut BreakCx<'_>, pair: &Pair<'_>) {
        let (old, new) = match (pair.old, pair.new) {
            (Schema::Object(o), Schema::Object(n)) => (&o.required, &n.required),
            _ => return,
        };
        let (added, removed) = changed_names(old, new);
        let at = pointer_push(pair.pointer, "required");
        for name in added {
            cx.report(&Self::INFO, &at, format!("`{name}` became required"))
                .key()
                .label("changed set")
                .help("keep the `required` list as it was");
        }
        for name in removed {
            cx.report(&Self::INFO, &at, format!("`{name}` is no longer required"))
                .key()
                .label("changed set")
                .help("keep the `required` list as it was");
        }
    }
}
