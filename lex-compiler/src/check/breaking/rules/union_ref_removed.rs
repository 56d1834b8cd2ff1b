//! `union-ref-removed`: an open union lost a variant.

use std::collections::BTreeSet;

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::breaking::{BreakCx, BreakingRule, Pair};
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;

declare_breaking_rule! {
    /// ## What it does
    /// Reports a variant removed from an open union (in both versions open); includes
    /// subscription message unions.
    /// ## Why is this bad?
    /// The spec: open unions may gain refs but never lose them. Data with the removed
    /// variant stops being validated against its schema (it becomes "unknown"), and
    /// generated code loses the variant. `goat lex breaking` does not compare open unions.
    /// ## Example
    /// `"refs": ["#images", "#video"]` -> `"refs": ["#images"]`; instead keep `#video`.
    pub UnionRefRemoved {
        id: "union-ref-removed",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for UnionRefRemoved {
    fn check_pair(&self, cx: &mut BreakCx<'_>, pair: &Pair<'_>) {
        let (Schema::Union(old), Schema::Union(new)) = (pair.old, pair.new) else {
            return;
        };
        if old.is_closed() || new.is_closed() {
            return;
        }
        let n: BTreeSet<String> = new
            .refs
            .iter()
            .map(|r| cx.new_ref(r).map_or_else(|| r.clone(), |f| f.to_string()))
            .collect();
        let at = pointer_push(pair.pointer, "refs");
        for r in &old.refs {
            let full = cx.old_ref(r).map_or_else(|| r.clone(), |f| f.to_string());
            if n.contains(&full) {
                continue;
            }
            cx.report(
                &Self::INFO,
                &at,
                format!("`{full}` was removed from an open union"),
            )
            .key()
            .label("union refs")
            .help("open unions may gain refs but never lose them; keep it");
        }
    }
}
