//! `union-closed-refs`: the variants of a closed union changed.

use std::collections::BTreeSet;

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::breaking::{BreakCx, BreakingRule, Pair};
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;

declare_breaking_rule! {
    /// ## What it does
    /// Reports a closed union (closed in both versions) that gained or lost a variant.
    /// ## Why is this bad?
    /// A closed union is frozen by the spec: a new variant fails old validators, a
    /// removed one makes old data invalid.
    /// ## Example
    /// `"refs": ["#a", "#b"], "closed": true` -> `"refs": ["#a", "#b", "#c"], "closed": true`.
    pub UnionClosedRefs {
        id: "union-closed-refs",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for UnionClosedRefs {
    fn check_pair(&self, cx: &mut BreakCx<'_>, pair: &Pair<'_>) {
        let (Schema::Union(old), Schema::Union(new)) = (pair.old, pair.new) else {
            return;
        };
        if !(old.is_closed() && new.is_closed()) {
            return;
        }
        let o: BTreeSet<String> = old
            .refs
            .iter()
            .map(|r| cx.old_ref(r).map_or_else(|| r.clone(), |f| f.to_string()))
            .collect();
        let n: BTreeSet<String> = new
            .refs
            .iter()
            .map(|r| cx.new_ref(r).map_or_else(|| r.clone(), |f| f.to_string()))
            .collect();
        let at = pointer_push(pair.pointer, "refs");
        for (r, what) in n
            .difference(&o)
            .map(|r| (r, "added to"))
            .chain(o.difference(&n).map(|r| (r, "removed from")))
        {
            cx.report(&Self::INFO, &at, format!("`{r}` was {what} a closed union"))
                .key()
                .label("closed variants")
                .help("a closed union is frozen; keep its refs");
        }
    }
}
