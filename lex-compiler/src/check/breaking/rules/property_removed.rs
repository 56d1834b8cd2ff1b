//! `property-removed`: an object or params property is gone.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::breaking::{BreakCx, BreakingRule, Pair};
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;

declare_breaking_rule! {
    /// ## What it does
    /// Reports an object property or XRPC parameter present in the old version and
    /// missing from the new one.
    /// ## Why is this bad?
    /// Spec §10.1: fields must not be removed or renamed (a rename is a removal plus an
    /// addition). Old data with the field still validates (unknown fields are ignored),
    /// so the level is `warn`; but generated code loses the field, clients sending the
    /// parameter may be rejected, and a later version could reuse the name with another
    /// type. A removed *required* field is also `object-required` (an error).
    /// ## Example
    /// `"properties": {"text": ..., "tags": ...}` -> `{"text": ...}`; instead keep `tags`
    /// and mark it deprecated in its description.
    pub PropertyRemoved {
        id: "property-removed",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for PropertyRemoved {
    fn check_pair(&self, cx: &mut BreakCx<'_>, pair: &Pair<'_>) {
        let (old, new, what) = match (pair.old, pair.new) {
            (Schema::Object(o), Schema::Object(n)) => (&o.properties, &n.properties, "property"),
            (Schema::Params(o), Schema::Params(n)) => (&o.properties, &n.properties, "parameter"),
            _ => return,
        };
        let at = pointer_push(pair.pointer, "properties");
        for name in old.keys().filter(|k| !new.contains_key(k)) {
            cx.report(
                &Self::INFO,
                &pointer_push(&at, name),
                format!("{what} `{name}` was removed"),
            )
            .key()
            .label("removed")
            .help("keep the field and mark it deprecated in its description");
        }
    }
}
