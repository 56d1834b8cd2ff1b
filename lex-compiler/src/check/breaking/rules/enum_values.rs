//! `enum-values`: the closed set of an `enum` changed.

use std::collections::BTreeSet;

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::breaking::{BreakCx, BreakingRule, Pair};
use crate::check::report::At;
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;

declare_breaking_rule! {
    /// ## What it does
    /// Reports an integer or string `enum` whose set of values changed (added, removed,
    /// or the `enum` itself added or removed).
    /// ## Why is this bad?
    /// An `enum` is closed: a removed value makes old data invalid, an added one makes
    /// new data invalid for old validators. The spec freezes enums; use `knownValues`
    /// for sets that grow.
    /// ## Example
    /// `"enum": ["a", "b"]` -> `"enum": ["a", "b", "c"]`; instead use `knownValues`.
    pub EnumValues {
        id: "enum-values",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for EnumValues {
    fn check_pair(&self, cx: &mut BreakCx<'_>, pair: &Pair<'_>) {
        let (old, new): (Option<BTreeSet<String>>, Option<BTreeSet<String>>) =
            match (pair.old, pair.new) {
                (Schema::Integer(o), Schema::Integer(n)) => (
                    o.enum_values
                        .as_ref()
                        .map(|v| v.iter().map(i64::to_string).collect()),
                    n.enum_values
                        .as_ref()
                        .map(|v| v.iter().map(i64::to_string).collect()),
                ),
                (Schema::String(o), Schema::String(n)) => (
                    o.enum_values.as_ref().map(|v| v.iter().cloned().collect()),
                    n.enum_values.as_ref().map(|v| v.iter().cloned().collect()),
                ),
                _ => return,
            };
        if old == new {
            return;
        }
        let message = match (&old, &new) {
            (None, _) => "an `enum` was added".to_owned(),
            (_, None) => "the `enum` was removed".to_owned(),
            (Some(o), Some(n)) => {
                let added: Vec<&str> = n.difference(o).map(String::as_str).collect();
                let removed: Vec<&str> = o.difference(n).map(String::as_str).collect();
                let mut parts = Vec::new();
                if !added.is_empty() {
                    parts.push(format!("added {}", added.join(", ")));
                }
                if !removed.is_empty() {
                    parts.push(format!("removed {}", removed.join(", ")));
                }
                format!("`enum` values changed: {}", parts.join("; "))
            }
        };
        cx.report(&Self::INFO, &pointer_push(pair.pointer, "enum"), message)
            .at(if new.is_some() { At::Value } else { At::Key })
            .label("closed set")
            .help("an `enum` is frozen; keep its values (use `knownValues` for open sets)");
    }
}
