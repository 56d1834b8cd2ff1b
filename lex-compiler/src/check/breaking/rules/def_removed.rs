//! `def-removed`: a definition of a lexicon is gone.

use lex_runtime::schema::pointer_push;

use crate::check::breaking::{BreakCx, BreakingRule};
use crate::check::rule::declare_breaking_rule;
use crate::check::rule::Status;
use crate::syntax::ParsedDocument;

declare_breaking_rule! {
    /// ## What it does
    /// Reports a definition (a record, method, object, token, ...) present in the old
    /// version of a lexicon and missing from the new one.
    /// ## Why is this bad?
    /// Other lexicons and data refer to definitions by name (`nsid#name`, `$type`);
    /// removing one breaks every reference, every record using it and generated code.
    /// `goat lex breaking` compares only definitions present on both sides and misses this.
    /// ## Example
    /// `"defs": {"replyRef": ...}` dropped from `com.example.blog.post`; instead keep it.
    pub DefRemoved {
        id: "def-removed",
        level: Error,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl BreakingRule for DefRemoved {
    fn check_lexicon(
        &self,
        cx: &mut BreakCx<'_>,
        old: &ParsedDocument,
        new: Option<&ParsedDocument>,
    ) {
        let Some(new) = new else { return };
        for (name, def) in &old.document.defs {
            if new.document.defs.contains_key(name) {
                continue;
            }
            cx.report(
                &Self::INFO,
                &pointer_push("/defs", name),
                format!(
                    "{} `{}#{name}` was removed",
                    def.type_name(),
                    old.document.id
                ),
            )
            .key()
            .label("removed definition")
            .help("keep the definition (mark it deprecated in its description)");
        }
    }
}
