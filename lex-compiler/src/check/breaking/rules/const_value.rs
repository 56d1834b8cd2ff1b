//! `const-value`: a `const` was added, removed or changed.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::breaking::{BreakCx, BreakingRule, Pair};
use crate::check::report::At;
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;

declare_breaking_rule! {
    /// ## What it does
    /// Reports a boolean, integer or string whose `const` was added, removed or changed.
    /// ## Why is this bad?
    /// A `const` is the only value allowed: adding or changing it rejects old data (or
    /// old requests), removing it lets new values through that old validators reject.
    /// ## Example
    /// `{"type": "integer", "const": 1}` -> `{"type": "integer", "const": 2}`.
    pub ConstValue {
        id: "const-value",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for ConstValue {
    fn check_pair(&self, cx: &mut BreakCx<'_>, pair: &Pair<'_>) {
        let (old, new) = match (pair.old, pair.new) {
            (Schema::Boolean(o), Schema::Boolean(n)) => (
                o.const_value.map(|v| v.to_string()),
                n.const_value.map(|v| v.to_string()),
            ),
            (Schema::Integer(o), Schema::Integer(n)) => (
                o.const_value.map(|v| v.to_string()),
                n.const_value.map(|v| v.to_string()),
            ),
            (Schema::String(o), Schema::String(n)) => (
                o.const_value.as_ref().map(|v| format!("{v:?}")),
                n.const_value.as_ref().map(|v| format!("{v:?}")),
            ),
            _ => return,
        };
        let message = match (&old, &new) {
            (a, b) if a == b => return,
            (None, Some(b)) => format!("`const` {b} was added"),
            (Some(a), None) => format!("`const` {a} was removed"),
            (Some(a), Some(b)) => format!("`const` changed from {a} to {b}"),
            (None, None) => return,
        };
        cx.report(&Self::INFO, &pointer_push(pair.pointer, "const"), message)
            .at(if new.is_some() { At::Value } else { At::Key })
            .label("const")
            .help("keep the `const` as it was");
    }
}
