//! `string-format`: a string `format` was added, removed or changed.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::breaking::{BreakCx, BreakingRule, Pair};
use crate::check::report::At;
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;

declare_breaking_rule! {
    /// ## What it does
    /// Reports a string whose `format` was added, removed or changed.
    /// ## Why is this bad?
    /// A format is a type in disguise: adding or changing it rejects old values, removing
    /// it lets through values old validators reject, and generated code changes from
    /// `String` to `Did` (or back). An error everywhere, as in `goat lex breaking`.
    /// ## Example
    /// `{"format": "handle"}` -> `{"format": "did"}`; instead add a new field.
    pub StringFormat {
        id: "string-format",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for StringFormat {
    fn check_pair(&self, cx: &mut BreakCx<'_>, pair: &Pair<'_>) {
        let (Schema::String(old), Schema::String(new)) = (pair.old, pair.new) else {
            return;
        };
        let name =
            |f: &Option<lex_runtime::schema::StringFormat>| f.as_ref().map(|f| f.name().to_owned());
        let message = match (name(&old.format), name(&new.format)) {
            (a, b) if a == b => return,
            (None, Some(b)) => format!("format `{b}` was added"),
            (Some(a), None) => format!("format `{a}` was removed"),
            (Some(a), Some(b)) => format!("format changed from `{a}` to `{b}`"),
            (None, None) => return,
        };
        cx.report(&Self::INFO, &pointer_push(pair.pointer, "format"), message)
            .at(if new.format.is_some() {
                At::Value
            } else {
                At::Key
            })
            .label("format")
            .help("keep the format; add a new field for values of another format");
    }
}
