//! `defs-main-definition`: a `*.defs` lexicon with a `main` definition.

use lex_runtime::schema::Document;

use crate::check::lint::util::nsid_name;
use crate::check::lint::{LintCx, LintRule};
use crate::check::rule::declare_lint_rule;
use crate::check::rule::Status;

declare_lint_rule! {
    /// ## What it does
    /// Reports a `main` definition in a lexicon whose NSID ends in `.defs`.
    /// ## Why is this bad?
    /// `*.defs` lexicons hold shared definitions referenced as `nsid#name`; a `main` there
    /// is reachable only as the bare NSID `….defs`, which reads as the group, not a type.
    /// ## Example
    /// `com.example.feed.defs` with `"main": {"type": "object", ...}`; instead give the
    /// object a name (`"postView"`), or move it to its own lexicon.
    pub DefsMainDefinition {
        id: "defs-main-definition",
        level: Warn,
        status: Status::Stable { since: "0.1.0" },
    }
}

impl LintRule for DefsMainDefinition {
    fn check_document(&self, cx: &mut LintCx<'_>, doc: &Document) {
        if nsid_name(&doc.id) == "defs" && doc.defs.contains_key("main") {
            cx.report(
                &Self::INFO,
                "/defs/main",
                format!("`{}` is a defs lexicon but defines `main`", doc.id),
            )
            .key()
            .label("main in a defs lexicon")
            .help("rename the definition, or move it to a lexicon of its own");
        }
    }
}
