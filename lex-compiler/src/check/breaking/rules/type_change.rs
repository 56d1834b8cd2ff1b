//! `type-change`: a node changed its lexicon `type`.

use crate::check::breaking::{BreakCx, BreakingRule, Pair};
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;

declare_breaking_rule! {
    /// ## What it does
    /// Reports a definition, property, array item, parameter or body schema whose
    /// `type` differs between the versions (for example `string` -> `integer`, or
    /// `ref` -> `union`).
    /// ## Why is this bad?
    /// The spec says types must not change: old data does not validate against the new
    /// type, new data not against the old one, and generated code changes shape. This
    /// holds for API parameters and outputs as much as for records.
    /// ## Example
    /// `"count": {"type": "string"}` -> `{"type": "integer"}`; instead add a new field.
    pub TypeChange {
        id: "type-change",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for TypeChange {
    fn check_pair(&self, cx: &mut BreakCx<'_>, pair: &Pair<'_>) {
        let (old, new) = (pair.old.type_name(), pair.new.type_name());
        if old == new {
            return;
        }
        cx.report(
            &Self::INFO,
            &lex_runtime::schema::pointer_push(pair.pointer, "type"),
            format!("type changed from `{old}` to `{new}`"),
        )
        .label("new type")
        .help("keep the old type; add a new field (or a new NSID) for the new shape");
    }
}
