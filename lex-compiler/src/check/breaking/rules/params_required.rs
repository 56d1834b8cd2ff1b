//! `params-required`: the set of required XRPC parameters changed.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::breaking::rules::sets::changed_names;
use crate::check::breaking::{BreakCx, BreakingRule, Pair};
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;

declare_breaking_rule! {
    /// ## What it does
    /// Reports a query, procedure or subscription parameter that became required or
    /// stopped being required, including required parameters of a newly added
    /// `parameters` block.
    /// ## Why is this bad?
    /// Old clients do not send a newly required parameter and get `InvalidRequest`;
    /// a parameter that is no longer required may be absent where old servers and
    /// generated handlers expect it.
    /// ## Example
    /// `"required": ["actor"]` -> `"required": ["actor", "limit"]`; instead give
    /// `limit` a `default` and leave it optional.
    pub ParamsRequired {
        id: "params-required",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

static NONE: Vec<String> = Vec::new();

impl BreakingRule for ParamsRequired {
    fn check_pair(&self, cx: &mut BreakCx<'_>, pair: &Pair<'_>) {
        let (old, new, at) = match (pair.old, pair.new) {
            (Schema::Params(o), Schema::Params(n)) => {
                (&o.required, &n.required, pair.pointer.to_owned())
            }
            _ => match (params(pair.old), params(pair.new)) {
                // A `parameters` block added with required entries: nothing to descend
                // into, so the primary pair reports it.
                (None, Some(n)) if !n.required.is_empty() => {
                    (&NONE, &n.required, pointer_push(pair.pointer, "parameters"))
                }
                _ => return,
            },
        };
        let (added, removed) = changed_names(old, new);
        let at = pointer_push(&at, "required");
        for (name, what) in added
            .iter()
            .map(|n| (n, "became required"))
            .chain(removed.iter().map(|n| (n, "is no longer required")))
        {
            cx.report(&Self::INFO, &at, format!("parameter `{name}` {what}"))
                .key()
                .label("changed set")
                .help("keep the `required` list as it was (give new parameters a default instead)");
        }
    }
}

/// The `params` of a query, procedure or subscription, if any.
fn params(s: &Schema) -> Option<&lex_runtime::schema::Params> {
    let p = match s {
        Schema::Query(q) => q.parameters.as_deref(),
        Schema::Procedure(p) => p.parameters.as_deref(),
        Schema::Subscription(s) => s.parameters.as_deref(),
        _ => None,
    };
    match p {
        Some(Schema::Params(p)) => Some(p),
        _ => None,
    }
}
