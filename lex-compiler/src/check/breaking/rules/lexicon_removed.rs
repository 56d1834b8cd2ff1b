//! `lexicon-removed`: a whole lexicon is gone.

use crate::check::breaking::{BreakCx, BreakingRule};
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;
use crate::syntax::ParsedDocument;

declare_breaking_rule! {
    /// ## What it does
    /// Reports a lexicon (NSID) present in the old set and missing from the new one.
    /// ## Why is this bad?
    /// Records of a removed record type can no longer be validated, clients calling a
    /// removed endpoint get errors, and generated code loses its types. The spec's way to
    /// retire a schema is to keep it (marked deprecated) and publish a new NSID.
    /// ## Example
    /// `com.example.blog.post.json` deleted; instead keep it and describe it as deprecated.
    pub LexiconRemoved {
        id: "lexicon-removed",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for LexiconRemoved {
    fn check_lexicon(
        &self,
        cx: &mut BreakCx<'_>,
        old: &ParsedDocument,
        new: Option<&ParsedDocument>,
    ) {
        if new.is_some() {
            return;
        }
        cx.report(
            &Self::INFO,
            "/id",
            format!("lexicon `{}` was removed", old.document.id),
        )
        .label("removed lexicon")
        .help(
            "keep the lexicon (mark it deprecated in its description) and add a new NSID instead",
        );
    }
}
