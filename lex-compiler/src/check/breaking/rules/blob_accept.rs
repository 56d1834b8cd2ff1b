//! `blob-accept`: the accepted MIME types of a blob changed.

use std::collections::BTreeSet;

use lex_runtime::schema::{pointer_push, Schema};

use crate::check::breaking::{BreakCx, BreakingRule, Pair};
use crate::check::report::At;
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;

declare_breaking_rule! {
    /// ## What it does
    /// Reports a blob whose `accept` list was added, removed or changed.
    /// ## Why is this bad?
    /// Level: `error` in record data (spec §10.1: old records must validate under the new
    /// schema and new records under the old). `warn` in parameters and outputs, as in
    /// `goat lex breaking`: an API is served by one deployment at a time, loosening an
    /// input or tightening an output keeps old clients working, and the other direction
    /// is what to review.
    /// ## Example
    /// `"accept": ["image/*"]` -> `"accept": ["image/png", "image/jpeg"]`.
    pub BlobAccept {
        id: "blob-accept",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for BlobAccept {
    fn check_pair(&self, cx: &mut BreakCx<'_>, pair: &Pair<'_>) {
        let (Schema::Blob(old), Schema::Blob(new)) = (pair.old, pair.new) else {
            return;
        };
        let set = |a: &Option<Vec<String>>| {
            a.as_ref()
                .map(|v| v.iter().cloned().collect::<BTreeSet<_>>())
        };
        let (o, n) = (set(&old.accept), set(&new.accept));
        if o == n {
            return;
        }
        let show = |s: &Option<BTreeSet<String>>| match s {
            None => "any type".to_owned(),
            Some(s) => s.iter().cloned().collect::<Vec<_>>().join(", "),
        };
        cx.report(
            &Self::INFO,
            &pointer_push(pair.pointer, "accept"),
            format!("blob `accept` changed from {} to {}", show(&o), show(&n)),
        )
        .at(if n.is_some() { At::Value } else { At::Key })
        .label("accepted types")
        .help("keep the accepted MIME types as they were")
        .level(pair.constraint_level(&Self::INFO));
    }
}
