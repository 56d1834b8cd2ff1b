//! `union-open-closed`: a union switched between open and closed.

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::breaking::{BreakCx, BreakingRule, Pair};
use crate::check::report::At;
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;

declare_breaking_rule! {
    /// ## What it does
    /// Reports a union whose `closed` flag changed.
    /// ## Why is this bad?
    /// Closing an open union rejects data with variants the closed set lacks; opening a
    /// closed union lets through variants old validators reject, and generated enums gain
    /// or lose their catch-all variant.
    /// ## Example
    /// `{"type": "union", "refs": [...]}` -> `{..., "closed": true}`.
    pub UnionOpenClosed {
        id: "union-open-closed",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for UnionOpenClosed {
    fn check_pair(&self, cx: &mut BreakCx<'_>, pair: &Pair<'_>) {
        let (Schema::Union(old), Schema::Union(new)) = (pair.old, pair.new) else {
            return;
        };
        if old.is_closed() == new.is_closed() {
            return;
        }
        let (message, at) = if new.is_closed() {
            ("open union became closed", At::Value)
        } else {
            ("closed union became open", At::Key)
        };
        let pointer = if new.closed.is_some() {
            pointer_push(pair.pointer, "closed")
        } else {
            pair.pointer.to_owned()
        };
        cx.report(&Self::INFO, &pointer, message)
            .at(at)
            .label("open/closed")
            .help("keep the union as open or closed as it was");
    }
}
